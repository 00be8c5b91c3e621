//! `quote`: a catalogue trim quoted for a customer, as text and as JSON, and saved.

use super::{Book, stderr};

/// Puts trims in the book as the catalogue keeps them (no command adds one on this branch).
fn add_trims(db: &std::path::Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    for (id, series, trim, price, energy) in [
        ("camry-20", "凯美瑞", "2.0G 豪华版", 215_000, "petrol"),
        ("han-605", "汉", "EV 605KM 尊贵型", 229_800, "bev"),
        ("han-506", "汉", "EV 506KM 精英型", 199_800, "bev"),
    ] {
        let data = serde_json::json!({
            "id": id, "brand": "品牌", "series": series, "trim": trim, "year": 2026,
            "price": price, "body": "sedan", "energy": energy, "seats": 5, "power_kw": null,
            "accel_s": null, "fuel_l100": null, "range_km": null, "battery_kwh": null,
            "length_mm": null, "wheelbase_mm": null, "boot_l": null, "drivetrain": null,
            "adas": "", "warranty": "", "colours": [], "aliases": [], "note": ""
        });
        conn.execute(
            "INSERT INTO trims (id, brand, series, trim, price, data, created_at, updated_at)
             VALUES (?1, '品牌', ?2, ?3, ?4, ?5, '2026-01-01', '2026-01-01')",
            rusqlite::params![id, series, trim, price, data.to_string()],
        )
        .expect("trim");
    }
}

#[test]
fn a_quote_prints_the_sheet_and_its_numbers_and_saves_to_the_timeline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("book.db");
    let book = Book::at(&db);
    let id = book.ok(&["add", "--name", "张伟", "--phone", "13800138000"]);
    add_trims(&db);

    // 215,000 less 15,000 = 200,000; tax 200,000 ÷ 1.13 × 10% = 17,699; 交强险 950;
    // commercial 3% = 6,000; plate 500: 225,149 on the road.
    let json = book.ok(&[
        "quote",
        &id,
        "--trim",
        "凯美瑞",
        "--discount",
        "1.5万",
        "--down",
        "30%",
        "--term",
        "36",
        "--apr",
        "3.5",
        "--json",
    ]);
    let view: serde_json::Value = serde_json::from_str(&json).expect("json");
    let sheet = &view["sheet"];
    assert_eq!(sheet["price"], 200_000);
    assert_eq!(sheet["purchase_tax"]["due"], 17_699);
    assert_eq!(sheet["compulsory_insurance"], 950);
    assert_eq!(sheet["commercial_insurance"], 6_000);
    assert_eq!(sheet["total"], 225_149);
    // 140,000 over 36 months at 3.5%: 4,102 a month.
    assert_eq!(sheet["finance"]["loan"], 140_000);
    assert_eq!(sheet["finance"]["monthly"], 4_102);
    assert_eq!(sheet["grid"].as_array().map(Vec::len), Some(12));
    assert!(view["interaction_id"].is_null(), "not saved without --save");

    let text = book.ok(&["quote", &id, "--trim", "凯美瑞", "--discount", "15000"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("报价单\t张伟\t"), "{text}");
    assert!(lines.contains(&"落地价\t225,149"), "{text}");
    assert!(
        lines.contains(&"购置税\t17,699（计税价 176,991 × 10%）"),
        "{text}"
    );
    assert!(lines.contains(&"月供\t12期\t24期\t36期\t60期"), "{text}");

    let ambiguous = book.run(&["quote", &id, "--trim", "汉"]);
    assert!(!ambiguous.status.success());
    let said = stderr(&ambiguous);
    assert!(
        said.contains("汉 EV 605KM 尊贵型") && said.contains("汉 EV 506KM 精英型"),
        "{said}"
    );
    let bad = book.run(&["quote", &id, "--trim", "汉 605", "--down", "三成"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("三成"), "{}", stderr(&bad));

    let saved = book.ok(&["quote", &id, "--trim", "汉 605", "--save"]);
    assert!(saved.contains("已存入时间线"), "{saved}");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let (kind, notes): (String, String) = conn
        .query_row(
            "SELECT i.kind, i.notes FROM quotes q JOIN interactions i ON i.id = q.interaction_id
             WHERE q.customer_id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a saved quote");
    assert_eq!(kind, "quote");
    assert!(notes.starts_with("汉 EV 605KM 尊贵型 落地 "), "{notes}");
}
