#!/usr/bin/env bash
# The architecture's invariants, checked mechanically (`make invariants`, part of `make test`).
# Each check prints what broke it and how to put it right. ARCHITECTURE.md lists the same
# invariants in words; the store's module graph (no cycles) and the generated bindings and
# command table are checked by Rust tests (carnet-store's module_graph, carnet-app's bindings).
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
fail() {
    echo "invariant broken: $*" >&2
    failed=1
}

# Workspace members that appear in a `cargo tree` listing (one package per line).
members_in() {
    grep -Eo '^(carnet-[a-z]+)' | sort -u || true
}

# 1. Only the desktop shell knows Tauri.
tauri_users=$(cargo tree --workspace --offline -i tauri -e normal,build --prefix none 2>/dev/null | members_in)
if [ "$tauri_users" != "carnet-desktop" ]; then
    fail "only carnet-desktop (src-tauri) may depend on tauri; these do: $(echo $tauri_users)"
fi

# 2. carnet-core is pure: no clock, no IO crate, no SQL. Built alone, chrono has no `clock`
#    feature, so Local::now/Utc::now do not even compile there (clippy.toml in the crate
#    forbids the std clock and filesystem calls).
core_features=$(cargo tree --offline -p carnet-core -e normal,features --prefix none 2>/dev/null)
if grep -q 'chrono feature "clock"' <<<"$core_features"; then
    fail "carnet-core turns on chrono's clock feature (take the time as an argument instead)"
fi
# Built on its own (as `cargo check -p` does), chrono has no clock: a call to one fails here even
# when a workspace build, which unifies features, would hide it.
if ! cargo check --quiet --offline -p carnet-core --lib 2>target/carnet-core-alone.log; then
    fail "carnet-core does not build on its own (without chrono's clock):"$'\n'"$(grep -E '^error' target/carnet-core-alone.log | head -5)"
fi
core_deps=$(cargo tree --offline -p carnet-core -e normal --prefix none 2>/dev/null | awk '{print $1}' | sort -u)
for io_crate in rusqlite libsqlite3-sys tokio mio tauri calamine csv rust_xlsxwriter encoding_rs \
    zip tempfile dirs notify reqwest hyper; do
    if grep -qx "$io_crate" <<<"$core_deps"; then
        fail "carnet-core depends on the IO crate $io_crate"
    fi
done

# 3. All SQL lives in carnet-store: no other crate uses rusqlite directly, and no other crate's
#    code holds SQL. (carnet-cli's crash-safety tests read the book with their own SQL on
#    purpose, as an oracle independent of the store; they are tests, not product code.)
sql_users=$(cargo tree --workspace --offline -i rusqlite -e normal --depth 1 --prefix none 2>/dev/null | members_in)
if [ "$sql_users" != "carnet-store" ]; then
    fail "only carnet-store may depend on rusqlite; these do: $(echo $sql_users)"
fi
sql_outside=$(grep -rEn --include='*.rs' \
    '\b(SELECT .* FROM|INSERT INTO|DELETE FROM|CREATE (TABLE|INDEX|TRIGGER)|UPDATE [a-z_]+ SET|PRAGMA [a-z_]+)\b|\.(execute_batch|prepare_cached|query_row)\(' \
    crates/carnet-core/src crates/carnet-io/src crates/carnet-app/src crates/carnet-cli/src src-tauri/src |
    grep -Ev '^[^:]+:[0-9]+:\s*//' || true)
if [ -n "$sql_outside" ]; then
    fail "SQL outside carnet-store:"$'\n'"$sql_outside"
fi

# 4. Released migrations are never edited: each file's checksum is recorded when it is
#    released, and a new migration is a new file added to the list.
migrations=crates/carnet-store/migrations
if ! (cd "$migrations" && sha256sum --check --strict --quiet SHA256SUMS); then
    fail "a released migration in $migrations changed; add a new numbered migration instead"
fi
for file in "$migrations"/*.sql; do
    name=$(basename "$file")
    if ! grep -q "  $name\$" "$migrations/SHA256SUMS"; then
        fail "$name is not in $migrations/SHA256SUMS: once it is final, run (cd $migrations && sha256sum $name >> SHA256SUMS)"
    fi
done

if [ "$failed" -ne 0 ]; then
    exit 1
fi
echo "invariants: tauri only in the shell, a pure core, SQL only in the store, released migrations unchanged"
