# Carnet: two commands for people, the rest for them to call.
#   make run    install what is missing, build, and open the app
#   make test   install what is missing and run every check
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

APP := target/debug/carnet-desktop
# The end-to-end build: the same shell with file dialogs answered by the tests (feature e2e).
E2E_APP := target/debug/carnet-desktop-e2e

# Debian/Ubuntu packages: to build the shell, to show Chinese, to run the app headless and drive it.
# libssl-dev and libssl3: OpenSSL's libcrypto, which the encryption at rest (SQLCipher) links.
BUILD_PKGS := build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev \
	libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
RUN_PKGS := fonts-noto-cjk libssl3
TEST_PKGS := xvfb xauth dbus dbus-x11 webkit2gtk-driver imagemagick desktop-file-utils
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: run demo-book test deps toolchain run-deps test-deps node-deps tauri-driver ui desktop fmt clippy rust-test \
	ui-test bindings check-bindings invariants fuzz-corpus desktop-e2e e2e deb deb-test screenshot screenshots torture baseline clean

# `make run DEMO=1` opens the app on a demo book (target/demo/carnet.db, made once with
# DEMO_CUSTOMERS customers and two years of their history), never on the consultant's own book.
DEMO_CUSTOMERS ?= 2000
DEMO_BOOK := target/demo/carnet.db

run: toolchain run-deps node-deps desktop $(if $(DEMO),demo-book)
	$(if $(DEMO),CARNET_DB=$(CURDIR)/$(DEMO_BOOK)) ./$(APP)

demo-book:
	cargo build -q -p carnet-cli
	@[ -f $(DEMO_BOOK) ] || target/debug/carnet --db $(DEMO_BOOK) demo --customers $(DEMO_CUSTOMERS)

test: toolchain test-deps node-deps tauri-driver ui fmt clippy rust-test ui-test check-bindings invariants fuzz-corpus e2e deb-test
	@echo "make test: every check passed"

# --- set-up ------------------------------------------------------------------------------

deps: toolchain test-deps node-deps tauri-driver

# Rust and Node are the two things this Makefile does not install.
toolchain:
	@command -v cargo >/dev/null || { echo "Carnet needs Rust: install it from https://rustup.rs, then run make again." >&2; exit 1; }
	@command -v node >/dev/null || { echo "Carnet needs Node.js 20.19 or newer (apt-get install nodejs, or nodesource)." >&2; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || \
		{ echo "Carnet needs Node.js 20.19 or newer; this is $$(node --version)." >&2; exit 1; }

# Installs those of the given Debian packages that are missing, with one apt-get call.
define install_missing
	@missing=""; for p in $(1); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

run-deps:
	$(call install_missing,$(BUILD_PKGS) $(RUN_PKGS))

test-deps:
	$(call install_missing,$(BUILD_PKGS) $(RUN_PKGS) $(TEST_PKGS))

node-deps: ui/node_modules/.installed tests/e2e/node_modules/.installed

%/node_modules/.installed: %/package-lock.json %/package.json
	npm ci --prefix $* --no-audit --no-fund
	touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked

# --- build ------------------------------------------------------------------------------

ui: node-deps
	npm --prefix ui run build --silent

# The shell embeds ui/dist at compile time, so the UI is built first.
desktop: ui
	cargo build -p carnet-desktop

# --- checks -----------------------------------------------------------------------------

fmt:
	cargo fmt --all -- --check

# Checks src-tauri too, which needs ui/dist (built by `ui`).
clippy: ui
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p carnet-desktop --features e2e -- -D warnings

rust-test: ui
	cargo test --workspace

ui-test: node-deps
	npm --prefix ui run check --silent
	npm --prefix ui test --silent

# The TypeScript bindings are generated from Rust; this fails when the committed ones are stale.
check-bindings:
	cargo test -p carnet-app --test bindings

# The committed fuzz corpus (fuzz/corpus: csv, vcard, sheet, json), replayed through the fuzz
# targets' harnesses with the readers unguarded (a panic in Carnet's code fails it).
fuzz-corpus:
	cargo test -p carnet-io --test fuzz_corpus

# The architecture's rules that a compiler does not check: Tauri only in the shell, a pure
# core (no clock, no IO crate), SQL only in the store, released migrations unchanged.
invariants:
	tests/invariants.sh

bindings:
	CARNET_UPDATE_BINDINGS=1 cargo test -p carnet-app --test bindings

# The crash-safety suite (crates/carnet-cli/tests/crash_safety.rs) with 1,000 iterations and
# imports of up to 3,000 rows, in a release build; `make test` runs 50 through rust-test.
# CARNET_TORTURE_SEED=… replays a run (the seed is printed).
TORTURE_ITERATIONS ?= 1000
torture:
	CARNET_TORTURE_ITERATIONS=$(TORTURE_ITERATIONS) CARNET_TORTURE_ROWS=200-3000 \
		cargo test --release -p carnet-cli --test crash_safety -- --nocapture

# Built apart from `desktop`: `make run` rebuilds the shell without the feature.
desktop-e2e: ui
	cargo build -p carnet-desktop --features e2e
	cp $(APP) $(E2E_APP)

e2e: desktop-e2e tauri-driver
	cargo build -p carnet-cli
	CARNET_APP=$(CURDIR)/$(E2E_APP) CARNET_CLI=$(CURDIR)/target/debug/carnet tests/e2e/run.sh

# The .deb of a release build (src-tauri/packaging/deb.sh): target/deb/carnet_VERSION_ARCH.deb,
# installed with `sudo apt install ./target/deb/carnet_*.deb`.
deb: ui
	cargo build --release -p carnet-desktop -p carnet-cli
	src-tauri/packaging/deb.sh target/release target/deb

# The package installed, opened and removed as a new user would (tests/deb/install.sh). It is
# made from the debug build (stripped) that `make test` has built anyway: the same files and
# dependencies as `make deb`'s, without a second, optimised build of the whole app.
deb-test: desktop
	cargo build -p carnet-cli
	rm -rf target/deb-test
	DEB_COMPRESSION=gzip src-tauri/packaging/deb.sh target/debug target/deb-test
	tests/deb/install.sh target/deb-test/carnet_*.deb

# A screenshot of the real app on a sample book, for README (assets/screenshot.png).
screenshot: desktop
	tests/e2e/screenshot.sh assets/screenshot.png

# The user guide's pictures (docs/guide/img/<language>/*.png), taken from the real app on a
# demo book in each language by tests/e2e/guide-screenshots.mjs; a screen this build does not
# have is skipped with a message. SCREENSHOT_LANGUAGES=en limits the languages.
SCREENSHOT_LANGUAGES ?= zh-Hans zh-Hant en
screenshots: desktop-e2e tauri-driver
	cargo build -p carnet-cli
	cd tests/e2e && CARNET_APP=$(CURDIR)/$(E2E_APP) CARNET_CLI=$(CURDIR)/target/debug/carnet \
		xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- node guide-screenshots.mjs $(SCREENSHOT_LANGUAGES)

# The minimal Tauri v2 app (one window, a Svelte page, rusqlite) that issue 16's start and
# memory figures are set against (tests/baseline): Carnet's release profile and crate
# versions, built offline into target/baseline. Timed as Carnet is, under a display:
#   target/release/carnet --db BOOK bench --start-only \
#     --baseline target/baseline/release/minimal-tauri
baseline: node-deps
	ln -sfn ../../../ui/node_modules tests/baseline/page/node_modules
	cd tests/baseline/page && node node_modules/vite/bin/vite.js build --logLevel warn
	cp Cargo.lock tests/baseline/Cargo.lock
	cargo build --release --offline --manifest-path tests/baseline/Cargo.toml \
		--target-dir target/baseline

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules tests/e2e/node_modules tests/e2e/artifacts
