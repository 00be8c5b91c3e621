use super::*;

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

/// A workbook stream: globals with one BoundSheet8 pointing past them, then the sheet.
fn workbook(sheet: &[Vec<u8>]) -> Vec<u8> {
    workbook_with(&[], sheet)
}

/// The same, with more records in the globals.
fn workbook_with(globals: &[Vec<u8>], sheet: &[Vec<u8>]) -> Vec<u8> {
    let bof = record(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]);
    let extra: usize = globals.iter().map(Vec::len).sum();
    let globals_len = bof.len() + extra + (4 + 8) + 4;
    let mut bound = (globals_len as u32).to_le_bytes().to_vec();
    bound.extend([0, 0, 1, 0, b'S']);
    let mut out = bof.clone();
    for r in globals {
        out.extend(r);
    }
    out.extend(record(0x0085, &bound[..8]));
    out.extend(record(0x000A, &[]));
    assert_eq!(out.len(), globals_len);
    out.extend(bof);
    for r in sheet {
        out.extend(r);
    }
    out.extend(record(0x000A, &[]));
    out
}

fn number(row: u16, column: u16) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(column.to_le_bytes());
    data.extend([0u8; 10]);
    record(0x0203, &data)
}

#[test]
fn cells_at_far_corners_and_huge_dimensions_are_refused() {
    assert!(rewrite(&workbook(&[number(0, 0), number(40, 9)])).is_ok());
    assert!(matches!(
        rewrite(&workbook(&[number(0, 0), number(65_535, 1_000)])),
        Err(IoError::TooManyCells { .. })
    ));
    // Dimensions: rows 0..0xFFFFFFFF, columns 0..256.
    let mut dims = 0u32.to_le_bytes().to_vec();
    dims.extend(u32::MAX.to_le_bytes());
    dims.extend([0, 0, 0, 1, 0, 0]);
    assert!(matches!(
        rewrite(&workbook(&[record(0x0200, &dims)])),
        Err(IoError::TooManyCells { .. })
    ));
    // A last row before the first wraps around in calamine.
    let mut dims = 10u32.to_le_bytes().to_vec();
    dims.extend(5u32.to_le_bytes());
    dims.extend([0, 0, 3, 0, 0, 0]);
    assert!(matches!(
        rewrite(&workbook(&[record(0x0200, &dims)])),
        Err(IoError::TooManyCells { .. })
    ));
}

#[test]
fn a_record_cut_into_too_many_pieces_is_refused() {
    let mut sheet = vec![number(0, 0)];
    sheet.extend((0..=MAX_CONTINUES).map(|_| record(0x003C, &[])));
    assert!(matches!(
        rewrite(&workbook(&sheet)),
        Err(IoError::BadFile { .. })
    ));
}

#[test]
fn a_long_shared_string_in_many_cells_is_refused_before_calamine_copies_it() {
    // One shared string of 60,000 characters...
    let mut sst = 1u32.to_le_bytes().to_vec();
    sst.extend(1u32.to_le_bytes());
    sst.extend(60_000u16.to_le_bytes());
    sst.push(0);
    sst.extend(vec![b'x'; 60_000]);
    let label = |row: u16| {
        let mut data = row.to_le_bytes().to_vec();
        data.extend([0, 0, 0, 0]);
        data.extend(0u32.to_le_bytes());
        record(0x00FD, &data)
    };
    // ... in a few cells is read; in 10,000 it would be 600 MB of copies.
    let few: Vec<Vec<u8>> = (0..10).map(label).collect();
    assert!(rewrite(&workbook_with(&[record(0x00FC, &sst)], &few)).is_ok());
    let many: Vec<Vec<u8>> = (0..10_000).map(label).collect();
    assert!(matches!(
        rewrite(&workbook_with(&[record(0x00FC, &sst)], &many)),
        Err(IoError::Bomb { .. })
    ));
}

/// Found by the sheet fuzzer: a shared string with format runs and a negative extension
/// size overflowed the count of bytes to skip.
#[test]
fn a_shared_string_with_runs_and_a_negative_extension_is_cut_short() {
    let mut sst = 1u32.to_le_bytes().to_vec();
    sst.extend(1u32.to_le_bytes());
    sst.extend(1u16.to_le_bytes());
    sst.push(0x0C);
    sst.extend(1u16.to_le_bytes());
    sst.extend((-1i32).to_le_bytes());
    sst.push(b'x');
    assert!(matches!(
        rewrite(&workbook_with(&[record(0x00FC, &sst)], &[])),
        Err(IoError::BadFile { .. })
    ));
}

#[test]
fn formulas_keep_their_values_and_lose_their_tokens() {
    // A formula at B3 whose value is 42, with ten name tokens.
    let mut data = 2u16.to_le_bytes().to_vec();
    data.extend(1u16.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(42f64.to_le_bytes());
    data.extend([0, 0, 0, 0, 0, 0]);
    let tokens: Vec<u8> = (0..10).flat_map(|_| [0x23, 1, 0, 0, 0]).collect();
    data.extend((tokens.len() as u16).to_le_bytes());
    data.extend(&tokens);
    let out = rewrite(&workbook(&[record(0x0006, &data)])).expect("rewritten");
    let formula = records(&out, 0)
        .map_while(Result::ok)
        .find(|r| r.typ == 0x0006)
        .expect("the formula stays");
    assert_eq!(formula.data.len(), 22);
    assert_eq!(&formula.data[..20], &data[..20]);
    assert_eq!(&formula.data[20..], &[0, 0]);
}

/// The fixture's workbook with a Number cell put in its last sheet, just before its end.
fn fixture_with_cell(row: u16, column: u16) -> Vec<u8> {
    let bytes = crate::read::sheet::tests::fixture("customers.xls");
    let stream = workbook_stream(&bytes).expect("stream");
    let sheets: Vec<usize> = records(&stream, 0)
        .map_while(Result::ok)
        .filter(|r| r.typ == 0x0085)
        .filter_map(|r| u32_at(r.data, 0))
        .map(|pos| pos as usize)
        .collect();
    let last = *sheets.iter().max().expect("a sheet");
    let offset = |raw: &[u8]| raw.as_ptr() as usize - stream.as_ptr() as usize;
    let eof = records(&stream, last)
        .map_while(Result::ok)
        .find(|r| r.typ == 0x000A)
        .map(|r| offset(r.raw))
        .expect("the sheet ends");
    let mut changed = stream[..eof].to_vec();
    changed.extend(number(row, column));
    changed.extend(&stream[eof..]);
    rebuild(&changed).expect("rebuilt")
}

#[test]
fn an_xls_cell_far_away_is_refused_before_calamine_makes_its_grid() {
    use crate::read::{Source, read_bytes};
    // Within the caps: the sheets read as before.
    let near = fixture_with_cell(200, 10);
    assert!(matches!(
        read_bytes(&near, "near.xls"),
        Ok(Source::Table { .. })
    ));
    // 65,536 rows × 1,001 columns would be 65 million cells in calamine's grid.
    let far = fixture_with_cell(65_535, 1_000);
    assert!(matches!(
        read_bytes(&far, "far.xls"),
        Err(IoError::TooManyCells { format: "xls", .. })
    ));
}
