use super::*;

const SAMPLE: &str = include_str!("../../../../assets/catalogue/byd.csv");

fn table(rows: &[&[&str]]) -> Table {
    Table {
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect(),
    }
}

fn trims_of(table: &Table) -> Vec<Trim> {
    let mapping = guess(table);
    rows(table, &mapping)
        .iter()
        .map(|row| {
            let mut trim = Trim::from_texts(
                row.cells
                    .iter()
                    .filter(|(c, _)| *c != ID)
                    .map(|(c, t)| (*c, t.as_str())),
            )
            .unwrap_or_else(|e| panic!("line {}: {e:?}", row.line));
            trim.id = row.cell(ID).to_owned();
            trim
        })
        .collect()
}

#[test]
fn headers_in_chinese_or_english_name_their_fields() {
    let cases = [
        ("厂商指导价", Some("price")),
        ("指導價", Some("price")),
        ("Guide Price", Some("price")),
        ("CLTC续航(km)", None),
        ("CLTC续航", Some("range_km")),
        ("车系", Some("series")),
        ("能源类型", Some("energy")),
        ("编号", Some(ID)),
        ("经销商", None),
        ("", None),
    ];
    for (header, want) in cases {
        assert_eq!(recognise(header), want, "{header:?}");
    }
}

#[test]
fn a_price_sheet_with_a_title_row_maps_its_columns_and_numbers_its_lines() {
    let sheet = table(&[
        &["2025年3月 比亚迪价格表", "", "", ""],
        &["车系", "版本", "厂商指导价", "备注", "经销商"],
        &["汉", "EV 荣耀版", "17.98万", "", "A店"],
        &["", "", "", "", ""],
        &["秦PLUS", "DM-i 荣耀版", "79,800元", "热销", ""],
    ]);
    let mapping = guess(&sheet);
    assert_eq!(mapping.header_row, 1);
    assert_eq!(
        mapping.columns,
        vec![
            Some("series"),
            Some("trim"),
            Some("price"),
            Some("note"),
            None
        ]
    );
    let found = rows(&sheet, &mapping);
    assert_eq!(found.iter().map(|r| r.line).collect::<Vec<_>>(), vec![3, 5]);
    assert_eq!(found[1].cell("price"), "79,800元");
    assert_eq!(found[1].cell("brand"), "");
}

#[test]
fn the_sample_catalogue_reads_whole_and_every_row_cites_its_source() {
    let Source::Table { table, .. } =
        crate::read_bytes(SAMPLE.as_bytes(), "byd.csv").expect("reads")
    else {
        panic!("a table");
    };
    let mapping = guess(&table);
    assert_eq!(mapping.header_row, 0);
    let first = &table.rows[0];
    // The header row is each field's first header word, in order, then 来源.
    let fields: Vec<String> = headers().into_iter().take(TRIM_FIELDS.len()).collect();
    assert_eq!(&first[..TRIM_FIELDS.len()], fields.as_slice());
    assert_eq!(first.last().map(String::as_str), Some("来源"));
    let source = first.len() - 1;
    for row in &table.rows[1..] {
        assert!(!row[source].trim().is_empty(), "{row:?} has no source");
    }
    let trims = trims_of(&table);
    assert!((15..=40).contains(&trims.len()), "{}", trims.len());
    assert!(trims.iter().all(|t| t.brand == "比亚迪" && t.price > 0));
}

#[test]
fn an_exported_catalogue_reads_back_the_same_as_csv_xlsx_and_json() {
    let Source::Table { table, .. } =
        crate::read_bytes(SAMPLE.as_bytes(), "byd.csv").expect("reads")
    else {
        panic!("a table");
    };
    let mut trims = trims_of(&table);
    for (i, t) in trims.iter_mut().enumerate() {
        t.id = format!("t{i}");
    }
    trims[0].note = "=HYPERLINK(\"x\")".into();
    let dir = tempfile::tempdir().expect("dir");

    let mut csv = Vec::new();
    write_csv(&trims, &mut csv).expect("csv");
    let Source::Table { table, .. } = crate::read_bytes(&csv, "out.csv").expect("reads") else {
        panic!("a table");
    };
    // Written guarded, so that a spreadsheet shows it as text; read back as it was.
    let text = String::from_utf8(csv.clone()).expect("utf-8");
    assert!(text.contains("'=HYPERLINK"), "a formula is written as text");
    assert_eq!(trims_of(&table), trims);

    let path = dir.path().join("catalogue.xlsx");
    write_xlsx(&trims, "车型库", &path).expect("xlsx");
    let CatalogueSource::Sheet { table, .. } = read_file(&path).expect("reads") else {
        panic!("a sheet");
    };
    assert_eq!(trims_of(&table), trims);

    let path = dir.path().join("catalogue.json");
    let mut json = Vec::new();
    write_json(&trims, &mut json).expect("json");
    std::fs::write(&path, &json).expect("write");
    let CatalogueSource::Trims(back) = read_file(&path).expect("reads") else {
        panic!("trims");
    };
    assert_eq!(back, trims);
    assert!(read_json(br#"{"format":"carnet","version":1,"trims":[]}"#).is_err());
    assert!(matches!(
        read_json(br#"{"format":"carnet-catalogue","version":9,"trims":[]}"#),
        Err(IoError::NewerExport { found: 9, .. })
    ));
}
