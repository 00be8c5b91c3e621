use std::io::Write;

use super::*;
use crate::read::read_bytes;

/// A zip of these entries (the first stored, as OpenDocument wants its `mimetype`).
pub(crate) fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    for (i, (name, text)) in entries.iter().enumerate() {
        let method = if i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish");
    buf.into_inner()
}

/// A minimal xlsx: one sheet of this `<sheetData>` (and what follows it), and shared
/// strings when given.
pub(crate) fn xlsx(sheet: &str, shared: Option<&str>) -> Vec<u8> {
    let mut entries = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheet}</worksheet>"#
            ),
        ),
    ];
    if let Some(shared) = shared {
        entries.push(("xl/sharedStrings.xml", shared.to_owned()));
    }
    let entries: Vec<(&str, &str)> = entries.iter().map(|(n, t)| (*n, t.as_str())).collect();
    zip(&entries)
}

/// A minimal ods: one table of these rows.
pub(crate) fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="客户">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
        ),
        ("content.xml", &content),
    ])
}

fn table(bytes: &[u8], name: &str) -> Table {
    match read_bytes(bytes, name) {
        Ok(Source::Table { table, .. }) => table,
        other => panic!("{other:?}"),
    }
}

fn cells(table: &Table) -> usize {
    table.rows.iter().map(Vec::len).sum()
}

fn grid(cells: &[(u32, u32, &str)]) -> Grid {
    let mut grid = Grid::new("xlsx");
    for &(r, c, text) in cells {
        grid.put(r, c, text.to_owned()).expect("fits");
    }
    grid
}

#[test]
fn rows_are_as_long_as_their_last_filled_cell_and_empty_cells_cost_nothing() {
    let mut g = grid(&[(2, 1, "姓名"), (2, 2, "手机"), (3, 1, "张三")]);
    g.put(1_999_999, 16_383, String::new()).expect("empty");
    let table = g.into_table();
    assert_eq!(table.rows.len(), 4);
    assert_eq!(table.rows[2], vec!["", "姓名", "手机"]);
    assert_eq!(table.rows[3], vec!["", "张三"]);
    assert!(table.rows[0].is_empty());
}

#[test]
fn a_cell_past_the_caps_is_refused_before_it_is_allocated() {
    let mut g = grid(&[(0, 0, "a")]);
    assert!(matches!(
        g.put(MAX_SHEET_ROWS, 0, "x".into()),
        Err(IoError::TooManyCells { .. })
    ));
    assert!(matches!(
        g.put(0, MAX_SHEET_COLUMNS, "x".into()),
        Err(IoError::TooManyCells { .. })
    ));
    // 1,300 rows reaching the last column are 21 million cells.
    let refused = (0..2_000).try_for_each(|r| g.put(r, MAX_SHEET_COLUMNS - 1, "x".into()));
    assert!(matches!(refused, Err(IoError::TooManyCells { .. })));
    assert!(g.cells <= MAX_SHEET_CELLS, "{}", g.cells);
}

#[test]
fn merged_regions_are_filled_and_clamped_to_the_data() {
    let mut g = grid(&[
        (0, 0, "客户名单"),
        (1, 0, "来源"),
        (1, 1, "姓名"),
        (2, 0, "转介绍"),
        (2, 1, "张三"),
        (3, 1, "李四"),
    ]);
    g.fill(&[
        ((0, 0), (0, 1)),
        ((2, 0), (3, 0)),
        // Declared to XFD1048576: only the data's rows and columns are filled.
        ((3, 1), (1_048_575, 16_383)),
        // Nonsense: an end before the start, a start past the data.
        ((3, 1), (0, 0)),
        ((u32::MAX, u32::MAX), (u32::MAX, u32::MAX)),
    ])
    .expect("fills");
    let table = g.into_table();
    assert_eq!(table.rows[0], vec!["客户名单", "客户名单"]);
    assert_eq!(table.rows[3], vec!["转介绍", "李四"]);
    assert_eq!(table.rows.len(), 4);
}

#[test]
fn an_xlsx_cell_at_xfd1048576_costs_its_row_not_the_sheet() {
    let sheet = r#"<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#;
    let t = table(&xlsx(sheet, None), "far.xlsx");
    assert_eq!(t.rows.len(), 1_048_576);
    assert_eq!(t.rows[0], vec!["姓名"]);
    assert_eq!(t.rows[1_048_575].len(), 16_384);
    assert_eq!(t.rows[1_048_575][16_383], "x");
    assert_eq!(cells(&t), 1 + 16_384, "no grid of rows × columns");
    // Many rows reaching the last column are refused before they are allocated.
    let rows: String = (1..=2_000)
        .map(|r| format!(r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#))
        .collect();
    assert!(matches!(
        read_bytes(
            &xlsx(&format!("<sheetData>{rows}</sheetData>"), None),
            "wide.xlsx"
        ),
        Err(IoError::TooManyCells { format: "xlsx", .. })
    ));
}

#[test]
fn an_xlsx_merged_region_declared_to_xfd1048576_fills_only_the_data() {
    let sheet = r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名单</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>姓名</t></is></c><c r="B2" t="inlineStr"><is><t>手机</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>张三</t></is></c><c r="B3"><v>13812345678</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>"#;
    let t = table(&xlsx(sheet, None), "merged.xlsx");
    assert_eq!(
        t.rows,
        vec![
            vec!["客户名单", "客户名单"],
            vec!["姓名", "手机"],
            vec!["张三", "13812345678"]
        ]
    );
}

#[test]
fn a_shared_strings_count_past_the_cap_is_refused_before_calamine_reserves_it() {
    let sheet = r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#;
    let shared = |count: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="{count}"><si><t>姓名</t></si></sst>"#
        )
    };
    assert_eq!(
        table(&xlsx(sheet, Some(&shared("1"))), "s.xlsx").rows,
        vec![vec!["姓名"]]
    );
    assert!(matches!(
        read_bytes(&xlsx(sheet, Some(&shared("100000000000000000"))), "s.xlsx"),
        Err(IoError::TooManyCells { .. })
    ));
    assert_eq!(
        count_tags(
            &b"<sst><si><t>a</t></si><x:si/><!-- <si> --><sit/></sst>"[..],
            b"si"
        ),
        3
    );
}

/// What LibreOffice writes for a sheet with formatted empty cells to its last column and
/// row: ignored, not refused.
#[test]
fn ods_empty_cells_repeated_to_the_sheet_end_are_ignored() {
    let rows = r#"<table:table-column table:number-columns-repeated="16384"/><table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>手机</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16382"/></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>张三</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="13812345678"><text:p>13812345678</text:p></table:table-cell><table:table-cell table:style-name="ce1" table:number-columns-repeated="16382"/></table:table-row><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
    let t = table(&ods(rows), "lo.ods");
    assert_eq!(
        t.rows,
        vec![vec!["姓名", "手机"], vec!["张三", "13812345678"]]
    );
}

#[test]
fn ods_filled_cells_repeated_past_the_caps_are_refused() {
    let rows = r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    assert!(matches!(
        read_bytes(&ods(rows), "big.ods"),
        Err(IoError::TooManyCells { format: "ods", .. })
    ));
    let rows = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2000000000"/>b</text:p></table:table-cell></table:table-row>"#;
    assert!(matches!(
        read_bytes(&ods(rows), "spaces.ods"),
        Err(IoError::Bomb { .. })
    ));
}

/// An ods sheet reads as calamine's ods reader read it (before the merged regions).
#[test]
fn ods_values_read_as_calamine_read_them() {
    let rows = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>  客户 <text:s text:c="3"/>名单 </text:p><text:p>第二段</text:p><office:annotation><dc:creator>x</dc:creator><text:p>批注</text:p></office:annotation></table:table-cell><table:table-cell/><table:table-cell office:value-type="string" office:string-value="直接 值"><text:p>shown</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="2"/><table:table-row><table:table-cell office:value-type="float" office:value="13812345678"><text:p>1.38E+10</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1.5"/><table:table-cell office:value-type="percentage" office:value="0.25"/><table:table-cell office:value-type="date" office:date-value="1985-03-12"/><table:table-cell office:value-type="date" office:date-value="2026-11-25T09:30:00"/><table:table-cell office:value-type="time" office:time-value="PT09H30M00S"/><table:table-cell office:value-type="boolean" office:boolean-value="true"/><table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell><table:table-cell><text:p>no type</text:p></table:table-cell><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>a&amp;b&#x4E2D;<text:tab/>c<text:line-break/>d</text:p></table:table-cell></table:table-row><table:table-row><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="currency" office:currency="CNY" office:value="150000"/></table:table-row>"#;
    let bytes = ods(rows);
    let ours = table(&bytes, "rich.ods");
    let mut book: calamine::Ods<_> =
        calamine::Reader::new(Cursor::new(bytes.as_slice())).expect("calamine opens it");
    let range = book.worksheet_range("客户").expect("sheet");
    let mut theirs = vec![Vec::new(); range.start().expect("start").0 as usize];
    let left = range.start().expect("start").1 as usize;
    for row in range.rows() {
        let mut cells = vec![String::new(); left];
        cells.extend(row.iter().map(cell_text));
        theirs.push(cells);
    }
    let trim = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                let end = r.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
                r[..end].to_vec()
            })
            .collect()
    };
    assert_eq!(trim(&ours.rows), trim(&theirs));
    assert_eq!(ours.rows[0][0], "客户 名单\n第二段");
    assert_eq!(ours.rows[3][3], "1985-03-12");
}

pub(crate) fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sheets")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sheets LibreOffice made (tests/fixtures/sheets) read as calamine's whole-sheet
/// reader read them: every filled cell the same, more only where a merged region is filled.
#[test]
fn real_sheets_read_as_before() {
    for name in ["customers.xlsx", "customers.xls", "customers.ods"] {
        let bytes = fixture(name);
        let ours = table(&bytes, name);
        let mut book =
            calamine::open_workbook_auto_from_rs(Cursor::new(bytes.as_slice())).expect(name);
        let sheet = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&sheet).expect(name);
        let (top, left) = range.start().expect(name);
        let mut filled = 0;
        for (r, c, value) in range.used_cells() {
            let text = cell_text(value);
            if !text.is_empty() {
                let (r, c) = (top as usize + r, left as usize + c);
                assert_eq!(ours.rows[r][c], text, "{name} ({r}, {c})");
                filled += 1;
            }
        }
        let ours_filled = ours.rows.iter().flatten().filter(|c| !c.is_empty()).count();
        assert!(
            ours_filled > filled,
            "{name}: merged cells filled ({ours_filled} > {filled})"
        );
    }
}
