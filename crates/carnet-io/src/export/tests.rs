use super::*;
use crate::json_export::{CustomerRecord, Exporter, JsonExport};
use crate::labels::Lang;
use crate::mapping::{SavedMapping, guess, rows};
use crate::{Source, read_file};
use carnet_core::history::{
    FamilyMember, HandledPrompt, Interaction, KeyFactChange, PromptAction, SaleDetails,
};
use carnet_core::{InteractionFacts, InteractionKind, KeyFact};

pub(crate) fn sample() -> JsonExport {
    let mut profile = carnet_core::ProfileDraft {
        name: "张三".into(),
        phones: vec!["13812345678".into()],
        notes: "=HYPERLINK(\"http://x\")".into(),
        birthday: "1985-03-12".into(),
        wechat: "zs88".into(),
        ..Default::default()
    };
    profile.set("title", "mr").expect("title");
    profile
        .set("timeframe", "within_30_days")
        .expect("timeframe");
    let at = NaiveDate::from_ymd_opt(2026, 11, 1)
        .and_then(|d| d.and_hms_opt(10, 30, 0))
        .expect("date");
    JsonExport::new(
        Exporter {
            consultant: "李顾问".into(),
            dealership: "南山店".into(),
            exported_at: "2026-11-25 09:00:00".into(),
            masked: false,
        },
        vec![CustomerRecord {
            id: "0190f000-0000-7000-8000-000000000001".into(),
            created_at: chrono::DateTime::from_timestamp(1_760_000_000, 0).expect("time"),
            updated_at: chrono::DateTime::from_timestamp(1_760_000_000, 0).expect("time"),
            profile,
            family: Vec::new(),
            interactions: vec![Interaction {
                id: "i1".into(),
                created_at: chrono::DateTime::from_timestamp(1_760_000_000, 0).expect("time"),
                facts: InteractionFacts {
                    kind: InteractionKind::Order,
                    at,
                    outcome: None,
                    satisfaction: None,
                    promise: None,
                    notes: Some("订了".into()),
                    next: None,
                    appointment: None,
                    spend: None,
                },
                sale: SaleDetails {
                    model: Some("汉".into()),
                    price: Some(215_000),
                    expected_delivery: None,
                    vin: Some("LGXC1234567890123".into()),
                    plate: None,
                },
                resolved_at: None,
                resolution: None,
            }],
            level_changes: Vec::new(),
            key_fact_changes: Vec::new(),
            handled_prompts: Vec::new(),
            prompt_log: Vec::new(),
            quotes: Vec::new(),
            standing: None,
        }],
    )
}

#[test]
fn xlsx_keeps_text_as_text_and_dates_as_dates_and_reads_back() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.xlsx");
    let book = sample();
    write_xlsx(&book, Lang::ZhHans, &path).expect("written");
    let Source::Table { table, .. } = read_file(&path).expect("read") else {
        panic!("a table");
    };
    // The headers are the first row, as pandas, Power Query and VLOOKUP expect.
    assert_eq!(table.rows[0][..3], ["编号", "姓名", "称呼"]);
    let mapping = guess(&table, &SavedMapping::new());
    assert_eq!(mapping.header_row, 0);
    let read = rows(&table, &mapping, false);
    assert_eq!(read.len(), 1);
    let d = &read[0].draft;
    assert_eq!(d.phones, vec!["13812345678"], "a string cell, not 1.38E+10");
    assert_eq!(d.birthday, "1985-03-12", "a real date reads back");
    assert_eq!(d.title, "先生");
    assert_eq!(d.notes, book.customers[0].profile.notes);
    assert_eq!(read[0].id.as_deref(), Some(book.customers[0].id.as_str()));
    // The workbook holds the four sheets, in the UI's language.
    let mut wb = calamine::open_workbook_auto(&path).expect("open");
    use calamine::Reader;
    assert_eq!(
        wb.sheet_names(),
        vec!["客户", "家人", "跟进记录", "订单", "关于"]
    );
    let orders = wb.worksheet_range("订单").expect("orders");
    assert_eq!(orders.get((1, 5)), Some(&calamine::Data::Float(215_000.0)));
    // Sheets are written on threads of their own; each one's dates are still dates.
    assert!(matches!(
        orders.get((1, 2)),
        Some(calamine::Data::DateTime(_))
    ));
    let timeline = wb.worksheet_range("跟进记录").expect("interactions");
    assert!(matches!(
        timeline.get((1, 2)),
        Some(calamine::Data::DateTime(_))
    ));
    // Who exported it, from where and when: the "About" sheet and the document properties.
    let about = wb.worksheet_range("关于").expect("about");
    let text = |r, c| {
        about
            .get((r, c))
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    assert_eq!((text(0, 0), text(0, 1)), ("顾问".into(), "李顾问".into()));
    assert_eq!((text(1, 0), text(1, 1)), ("经销店".into(), "南山店".into()));
    assert_eq!(text(2, 1), "2026-11-25 09:00:00");
    let zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("file")).expect("zip");
    let mut zip = zip;
    let mut core = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("docProps/core.xml").expect("core"),
        &mut core,
    )
    .expect("read");
    assert!(core.contains("李顾问"), "{core}");
    let birthday_col = customer_columns()
        .iter()
        .position(|c| *c == "birthday")
        .expect("col");
    let customers = wb.worksheet_range("客户").expect("customers");
    assert!(matches!(
        customers.get((1, birthday_col)),
        Some(calamine::Data::DateTime(_))
    ));
}

/// `sample` with seven interactions a day apart, the second and fifth orders, the rest calls
/// whose notes say which they are.
fn seven_interactions() -> JsonExport {
    let mut book = sample();
    let first = book.customers[0].interactions[0].clone();
    book.customers[0].interactions = (0..7i64)
        .map(|n| {
            let mut i = first.clone();
            i.id = format!("i{n}");
            i.facts.at += chrono::Duration::days(n);
            if n != 1 && n != 4 {
                i.facts.kind = InteractionKind::Call;
            }
            i.facts.notes = Some(format!("第{n}次"));
            i
        })
        .collect();
    book
}

/// The notes column of each of `sheets` in `wb`, in order (the headers' row left out).
fn notes_of(
    wb: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>,
    sheets: &[&str],
) -> Vec<String> {
    use calamine::Reader;
    let notes = sheet_columns("sheet_interactions")
        .iter()
        .position(|c| *c == "notes")
        .expect("notes");
    let mut out = Vec::new();
    for sheet in sheets {
        let range = wb.worksheet_range(sheet).expect("sheet");
        assert_eq!(
            range.get((0, notes)).map(ToString::to_string).as_deref(),
            Some("备注"),
            "{sheet} has the headers"
        );
        out.extend(range.rows().skip(1).map(|r| r[notes].to_string()));
    }
    out
}

/// The notes of the interactions sheet of `wb`, which goes on in two more, read in order
/// (the sheets and their order checked first).
fn timeline_in_three(wb: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>) -> Vec<String> {
    use calamine::Reader;
    let timeline = ["跟进记录", "跟进记录 (2)", "跟进记录 (3)"];
    let mut want = vec!["客户", "家人"];
    want.extend(timeline);
    want.extend(["订单", "关于"]);
    assert_eq!(wb.sheet_names(), want);
    notes_of(wb, &timeline)
}

/// A sheet of more rows than a worksheet holds (Excel's million; three here) goes on in
/// worksheets of the same name and their number, each with the headers, every row once and
/// in order; a sheet that fits keeps its one worksheet.
#[test]
fn a_sheet_too_long_for_excel_goes_on_in_numbered_sheets() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.xlsx");
    let book = seven_interactions();
    xlsx::write_xlsx_with(&book, Lang::ZhHans, &path, 3).expect("written");
    let mut wb = calamine::open_workbook_auto(&path).expect("open");
    use calamine::Reader;
    let want: Vec<String> = (0..7).map(|n| format!("第{n}次")).collect();
    assert_eq!(timeline_in_three(&mut wb), want);
    let orders = wb.worksheet_range("订单").expect("orders");
    assert_eq!(orders.rows().count(), 3, "the headers and two orders");
}

/// Worksheets made for more rows than came are left out; fewer than came is an error that
/// says so, not a crash.
#[test]
fn a_sheet_s_further_worksheets_follow_the_rows_that_came() {
    let dir = tempfile::tempdir().expect("dir");
    let book = seven_interactions();
    let write = |rows: [u64; 4], path: &std::path::Path| {
        let mut xlsx = Xlsx::with_sheet_rows(&book.exporter, Lang::ZhHans, rows, 3)?;
        for mut sheet in xlsx.sheets()? {
            book.customers.iter().try_for_each(|c| sheet.add(c))?;
        }
        xlsx.save(path)
    };
    let over = dir.path().join("over.xlsx");
    write([1, 0, 20, 20], &over).expect("written");
    let mut wb = calamine::open_workbook_auto(&over).expect("open");
    assert_eq!(timeline_in_three(&mut wb).len(), 7);
    let under = dir.path().join("under.xlsx");
    let Err(crate::IoError::Write { reason, .. }) = write([1, 0, 4, 2], &under) else {
        panic!("seven rows in worksheets made for six");
    };
    assert!(reason.contains("more rows"), "{reason}");
    assert!(!under.exists(), "nothing written");
}

#[test]
fn csv_has_a_bom_guards_formulas_and_reads_back_unguarded() {
    let book = sample();
    let mut out = Vec::new();
    write_csv(&book, Lang::En, &mut out).expect("written");
    assert!(out.starts_with("\u{FEFF}".as_bytes()));
    let text = String::from_utf8(out.clone()).expect("utf-8");
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
    let Source::Table { table, .. } = crate::read_bytes(&out, "book.csv").expect("read") else {
        panic!("a table");
    };
    let mapping = guess(&table, &SavedMapping::new());
    let read = rows(&table, &mapping, false);
    assert_eq!(read[0].draft.notes, book.customers[0].profile.notes);
    assert_eq!(read[0].draft.title, "mr");
}

#[test]
fn masking_keeps_the_last_four_and_drops_private_text() {
    assert_eq!(mask_phone("+8613812345678"), "138****5678");
    assert_eq!(mask_phone("138 1234 5678"), "138****5678");
    assert_eq!(mask_phone("123"), "****");
    assert_eq!(mask_phone(&mask_phone("13812345678")), "138****5678");
    let mut book = sample();
    let c = &mut book.customers[0];
    c.profile.car_plate = "粤B12345".into();
    c.profile.decision_maker = "spouse".into();
    c.profile.decision_maker_name = "王芳".into();
    c.interactions[0].sale.plate = Some("粤B67890".into());
    c.family.push(FamilyMember {
        id: "f1".into(),
        created_at: c.created_at,
        facts: carnet_core::FamilyFacts {
            name: "王芳".into(),
            relation: carnet_core::Pick::Known(carnet_core::Relation::Wife),
            birthday: carnet_core::Birthday::parse("1988-07-19", false),
            phone: carnet_core::phone::Phone::parse("13911112222"),
            notes: Some("喜欢红色".into()),
        },
    });
    for (fact, old, new) in [
        (KeyFact::Phone, "", "138 1234 5678"),
        (KeyFact::Budget, "", "20万"),
        (KeyFact::CurrentCar, "", "大众 朗逸 2016 粤B54321"),
        (KeyFact::DecisionMaker, "", "spouse 王芳"),
    ] {
        c.key_fact_changes.push(KeyFactChange {
            fact,
            old_value: old.into(),
            new_value: new.into(),
            changed_at: c.created_at,
        });
    }
    c.handled_prompts.push(HandledPrompt {
        key: "birthday:2026".into(),
        action: PromptAction::Dismissed,
        reason: Some("她说别打扰她丈夫".into()),
        at: c.created_at,
    });
    mask(&mut book);
    let mut out = Vec::new();
    crate::json_export::write(&book, &mut out).expect("json");
    let json = String::from_utf8(out).expect("utf-8");
    assert!(json.contains("\"action\":\"dismissed\""), "{json}");
    for private in [
        "13911112222",
        "1234 5678",
        "喜欢红色",
        "别打扰",
        "粤B",
        "LGXC1234567890123",
        "王芳",
        "1988",
        "07-19",
    ] {
        assert!(!json.contains(private), "{private} in {json}");
    }
    let c = &book.customers[0];
    assert_eq!(c.key_fact_changes.len(), 1, "the budget's change stays");
    assert_eq!(
        c.family[0].facts.relation,
        carnet_core::Pick::Known(carnet_core::Relation::Wife)
    );
    assert_eq!(
        c.profile.decision_maker, "spouse",
        "who decides, not their name"
    );
    let p = &book.customers[0].profile;
    assert_eq!(p.phones, vec!["138****5678"]);
    assert!(p.notes.is_empty() && p.wechat.is_empty() && p.address.is_empty());
    assert_eq!(book.customers[0].interactions[0].facts.notes, None);
    assert!(title_line(&book.exporter, Lang::En).contains("masked"));
}
