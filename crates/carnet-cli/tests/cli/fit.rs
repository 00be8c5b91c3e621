//! `suggest` and `compare`: the catalogue's trims for a customer, and trims side by side.

use carnet_core::catalogue::Trim;
use carnet_core::{Body, Energy};

use super::{Book, stderr};

/// Puts trims in the book's catalogue as the store keeps them (the catalogue's own commands
/// are another part's).
fn catalogue(db: &std::path::Path, trims: &[Trim]) {
    let conn = rusqlite::Connection::open(db).expect("book");
    for t in trims {
        conn.execute(
            "INSERT INTO trims (id, brand, series, trim, price, data, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            rusqlite::params![
                t.id,
                t.brand,
                t.series,
                t.trim,
                t.price as i64,
                serde_json::to_string(t).expect("json")
            ],
        )
        .expect("trim");
    }
}

fn trim(id: &str, series: &str, price: u64, f: impl FnOnce(&mut Trim)) -> Trim {
    let mut t = Trim {
        id: id.to_owned(),
        brand: "比亚迪".to_owned(),
        series: series.to_owned(),
        trim: "旗舰型".to_owned(),
        price,
        ..Trim::default()
    };
    f(&mut t);
    t
}

#[test]
fn suggest_ranks_the_trims_with_reasons_and_says_why_the_others_do_not_fit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.db");
    let book = Book::at(&path);
    let id = book.ok(&["add", "--name", "王强", "--phone", "13800138000"]);
    book.ok(&[
        "edit",
        &id,
        "--set",
        "budget=20-22万",
        "--set",
        "purposes=长途",
    ]);
    let empty = book.ok(&["suggest", &id]);
    assert!(empty.starts_with("车型库是空的"), "{empty}");
    catalogue(
        &path,
        &[
            trim("han", "汉", 209_800, |t| {
                t.body = Some(Body::Sedan);
                t.energy = Some(Energy::Bev);
                t.range_km = Some(605);
            }),
            trim("qin", "秦", 139_800, |t| {
                t.energy = Some(Energy::Bev);
                t.range_km = Some(420);
            }),
            trim("u8", "仰望U8", 1_098_000, |_| {}),
        ],
    );
    let text = book.ok(&["suggest", &id]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("2 款适合，1 款不适合"), "{text}");
    assert!(
        lines[1]
            .starts_with("1\than\t汉 旗舰型\t指导价 20.98万（约 19.93万）\t续航 605 km：常跑长途"),
        "{text}"
    );
    assert!(lines[2].starts_with("2\tqin\t"), "{text}");
    assert_eq!(lines[3], "不适合：");
    assert!(lines[4].contains("超出预算上限 22万 约 82.31万"), "{text}");

    let json: serde_json::Value =
        serde_json::from_str(&book.ok(&["suggest", &id, "--json"])).expect("json");
    assert_eq!(json["fits"][0]["trim"]["id"], "han");
    assert_eq!(json["fits"][0]["reasons"][0]["code"], "long_range");
    assert_eq!(json["fits"][0]["reasons"][0]["params"]["range_km"], 605);
    assert_eq!(json["ruled_out"][0]["why"][0]["code"], "over_budget");
    assert_eq!(json["ruled_out"][0]["why"][0]["params"]["over"], 823_100);

    let compared = book.ok(&["compare", "han", "qin"]);
    assert!(
        compared
            .lines()
            .any(|l| l == "*\t指导价\t20.98万\t13.98万 ✓"),
        "{compared}"
    );
    assert!(
        compared
            .lines()
            .any(|l| l.trim_start() == "品牌\t比亚迪\t比亚迪"),
        "{compared}"
    );
    assert!(
        compared.lines().any(|l| l == "*\t续航\t605 km ✓\t420 km"),
        "{compared}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&book.ok(&["compare", "han", "qin", "--json"])).expect("json");
    assert_eq!(json["trims"][1]["id"], "qin");

    let unknown = book.run(&["compare", "han", "nope"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("nope"), "{}", stderr(&unknown));
}
