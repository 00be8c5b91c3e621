use super::*;

fn table(bytes: &[u8], name: &str) -> (Format, Table) {
    match read_bytes(bytes, name).expect("readable") {
        Source::Table { format, table } => (format, table),
        Source::JsonExport(_) => panic!("not a table"),
    }
}

#[test]
fn csv_in_any_encoding_and_delimiter_reads_the_same() {
    let text = "客户名单\n姓名;手机\n 张三 ;\"138 1234 5678\"\n";
    let gbk = encoding_rs::GB18030.encode(text).0.into_owned();
    let (format, t) = table(&gbk, "a.csv");
    assert_eq!(format, Format::Csv);
    assert_eq!(t.rows[2], vec!["张三", "138 1234 5678"]);
    assert_eq!(t.rows[0], vec!["客户名单"]);
}

#[test]
fn numbers_and_dates_read_as_people_typed_them() {
    assert_eq!(number_text(13812345678.0), "13812345678");
    assert_eq!(number_text(1.5), "1.5");
}

#[test]
fn garbage_and_empty_files_are_refused_by_name() {
    assert!(matches!(read_bytes(b"", "x.csv"), Err(IoError::Empty)));
    assert!(matches!(
        read_bytes(b"PK\x03\x04garbage", "x.xlsx"),
        Err(IoError::BadFile { .. })
    ));
    assert!(matches!(
        read_bytes(&[0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3], "x.xls"),
        Err(IoError::BadFile { .. })
    ));
}

#[test]
fn a_1_gb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("huge.csv");
    // Sparse: a gigabyte on paper, nothing on disk.
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(1 << 30))
        .expect("sparse file");
    assert!(matches!(
        read_file(&path),
        Err(IoError::TooLarge { size, max }) if size == 1 << 30 && max == MAX_FILE_BYTES
    ));
}

/// A CSV whose text starts with this panics inside the reader (tests only), to show what
/// the guard does with a panic in Carnet's own code.
const PANIC_MARK: &str = "carnet-test: panic in the reader";

pub(super) fn panic_on_mark(text: &str) {
    assert!(!text.starts_with(PANIC_MARK), "a deliberate panic");
}

#[test]
fn a_panic_inside_a_parser_is_a_bad_file() {
    let caught: Result<(), IoError> =
        guarded(Guard::Catch, "xlsx", || panic!("index out of bounds"));
    match caught {
        Err(IoError::BadFile { format, reason }) => {
            assert_eq!(format, "xlsx");
            assert!(reason.contains("index out of bounds"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_panic_in_a_reader_fails_the_unguarded_path_and_is_a_bad_file_for_the_app() {
    let file = format!("{PANIC_MARK}\nname,phone\n");
    match read_bytes(file.as_bytes(), "x.csv") {
        Err(IoError::BadFile { format, reason }) => {
            assert_eq!(format, "csv");
            assert!(reason.contains("a deliberate panic"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let unguarded =
        std::panic::catch_unwind(|| crate::read_bytes_unguarded(file.as_bytes(), "x.csv"));
    let panic = unguarded.expect_err("the panic goes through");
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()));
    assert!(
        message
            .as_ref()
            .is_some_and(|m| m.contains("a deliberate panic")),
        "{message:?}"
    );
    // Without the mark, both paths read the same.
    let plain = b"name,phone\nZhang,13812345678\n";
    let (a, b) = (
        read_bytes(plain, "x.csv").expect("read"),
        crate::read_bytes_unguarded(plain, "x.csv").expect("read"),
    );
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

#[test]
fn a_panic_inside_a_library_is_a_bad_file_on_both_paths() {
    let caught: Result<(), IoError> = crate::library("xls", || panic!("calamine failed"));
    assert!(matches!(
        caught,
        Err(IoError::BadFile { format: "xls", .. })
    ));
}

#[test]
fn a_zip_bomb_is_refused_before_unpacking() {
    use std::io::Write;
    let mut buf = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("xl/worksheets/sheet1.xml", options)
            .expect("entry");
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..20 {
            zip.write_all(&zeros).expect("write");
        }
        zip.finish().expect("finish");
    }
    let bytes = buf.into_inner();
    assert!(bytes.len() < 1024 * 1024, "compressed {}", bytes.len());
    assert!(matches!(
        read_bytes(&bytes, "bomb.xlsx"),
        Err(IoError::Bomb { .. })
    ));
}

#[test]
fn bytes_that_are_neither_a_workbook_nor_text_are_said_to_be_so() {
    // A damaged download: random-looking bytes under a workbook's name.
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    for (name, format) in [
        ("客户.xlsx", "xlsx"),
        ("客户.xls", "xls"),
        ("客户.ods", "ods"),
        ("客户.csv", "csv"),
        ("客户", "csv"),
    ] {
        match read_bytes(&noise, name) {
            Err(IoError::BadFile { format: f, reason }) => {
                assert_eq!(f, format, "{name}");
                assert!(reason.contains("neither a workbook nor text"), "{reason}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    // Text with a stray control character or two (a Ctrl-Z at the end, a form feed) is text.
    let text = "姓名,手机\n张三,13812345678\x0c\n李四,13912345678\n\x1a";
    let (format, table) = table(text.as_bytes(), "x.xls");
    assert_eq!(format, Format::Csv);
    assert_eq!(table.rows[1][0], "张三");
}
