use super::*;
use carnet_core::{Invalid, Problem};
use carnet_store::StoreError;
use serde_json::json;

#[test]
fn serialises_to_the_one_error_shape() {
    let cases = [
        (
            AppError::from(Invalid::new("name", Problem::Required)),
            json!({"code": "required", "message": "name is required", "field": "name", "params": {}}),
        ),
        (
            AppError::from(Invalid::new(
                "phone",
                Problem::InvalidPhone {
                    value: "12345".into(),
                },
            )),
            json!({
                "code": "invalid_phone",
                "message": "\"12345\" is not a valid phone number",
                "field": "phone",
                "params": {"value": "12345"}
            }),
        ),
        (
            AppError::from(Invalid::new("name", Problem::TooLong { max: 100 })),
            json!({
                "code": "too_long",
                "message": "name is longer than 100 characters",
                "field": "name",
                "params": {"max": "100"}
            }),
        ),
        (
            AppError::from(StoreError::NewerBook {
                found: 9,
                supported: 2,
            }),
            json!({
                "code": "book_too_new",
                "message": "this book was written by a newer Carnet (schema 9; this one knows up to 2); update Carnet to open it",
                "params": {"found": "9", "supported": "2"}
            }),
        ),
        (
            AppError {
                row: Some(7),
                ..AppError::not_found("abc")
            },
            json!({
                "code": "not_found",
                "message": "no customer has the id abc",
                "row": 7,
                "params": {"id": "abc"}
            }),
        ),
        (
            AppError::from(carnet_io::IoError::TooManyCells {
                format: "xlsx",
                rows: 1_048_576,
                columns: 16_384,
                max: 20_000_000,
            }),
            json!({
                "code": "bad_file",
                "message": "the xlsx sheet spans 1048576 rows and 16384 columns or more; Carnet reads sheets of up to 20000000 cells, 2000000 rows and 16384 columns",
                "params": {
                    "format": "xlsx",
                    "detail": "the xlsx sheet spans 1048576 rows and 16384 columns or more; Carnet reads sheets of up to 20000000 cells, 2000000 rows and 16384 columns",
                    "rows": "1048576",
                    "columns": "16384",
                    "max": "20000000"
                }
            }),
        ),
    ];
    for (err, want) in cases {
        assert_eq!(serde_json::to_value(&err).expect("serialise"), want);
    }
}

#[test]
fn each_kind_is_sent_as_its_code_with_its_params_as_text() {
    let s = |v: &str| v.to_owned();
    let cases = [
        (ErrorKind::Required, json!({})),
        (ErrorKind::TooMany { max: 5 }, json!({"max": "5"})),
        (
            ErrorKind::InvalidChoice {
                value: s("x"),
                allowed: vec![s("a"), s("b")],
            },
            json!({"value": "x", "allowed": "a,b"}),
        ),
        (
            ErrorKind::PossibleDuplicate {
                id: s("1"),
                name: s("张三"),
                phone: s("138 1234 5678"),
                count: 2,
            },
            json!({"id": "1", "name": "张三", "phone": "138 1234 5678", "count": "2"}),
        ),
        (
            ErrorKind::NoDataDir {
                env: s("CARNET_DB"),
            },
            json!({"env": "CARNET_DB"}),
        ),
        (
            ErrorKind::Storage {
                detail: s("locked"),
                path: None,
            },
            json!({"detail": "locked"}),
        ),
        (
            ErrorKind::Storage {
                detail: s("locked"),
                path: Some(s("/b.db")),
            },
            json!({"detail": "locked", "path": "/b.db"}),
        ),
        (
            ErrorKind::BookNotEmpty { count: 40 },
            json!({"count": "40"}),
        ),
        (
            ErrorKind::FileError {
                path: None,
                format: Some(s("xlsx")),
                detail: s("full"),
            },
            json!({"format": "xlsx", "detail": "full"}),
        ),
        (
            ErrorKind::NothingToImport {
                refused: 3,
                duplicate: 4,
            },
            json!({"refused": "3", "duplicate": "4"}),
        ),
        (
            ErrorKind::OwnFile {
                path: s("/b.db-wal"),
                what: OwnFileKind::Sidecar,
            },
            json!({"path": "/b.db-wal", "what": "sidecar"}),
        ),
        (ErrorKind::ErasedCustomer { id: s("9") }, json!({"id": "9"})),
        (ErrorKind::Cancelled, json!({})),
    ];
    for (kind, params) in cases {
        let code = serde_json::to_value(kind.code()).expect("code");
        let sent = serde_json::to_value(AppError::new(kind, "m")).expect("serialise");
        assert_eq!(
            sent,
            json!({"code": code, "message": "m", "params": params}),
            "{code}"
        );
    }
}

#[test]
fn a_refused_row_is_sent_with_its_code_and_params() {
    let row = crate::InvalidRow {
        row: 3,
        column: s("id"),
        field: s("id"),
        value: s("张三"),
        kind: ErrorKind::ErasedCustomer { id: s("abc") },
    };
    assert_eq!(
        serde_json::to_value(&row).expect("serialise"),
        json!({
            "row": 3,
            "column": "id",
            "field": "id",
            "value": "张三",
            "code": "erased_customer",
            "params": {"id": "abc"}
        })
    );
}

fn s(v: &str) -> String {
    v.to_owned()
}

/// Every kind of error with the given code: with each parameter sent only when known both
/// known and not. A code added to `ErrorCode` does not compile here until it has its kinds.
fn kinds(code: ErrorCode) -> Vec<ErrorKind> {
    let sheet = SheetSize {
        rows: 3,
        columns: 4,
        max: 10,
    };
    match code {
        ErrorCode::Required => vec![ErrorKind::Required],
        ErrorCode::TooLong => vec![ErrorKind::TooLong { max: 100 }],
        ErrorCode::InvalidPhone => vec![ErrorKind::InvalidPhone { value: s("1") }],
        ErrorCode::TooMany => vec![ErrorKind::TooMany { max: 20 }],
        ErrorCode::InvalidEmail => vec![ErrorKind::InvalidEmail { value: s("a") }],
        ErrorCode::InvalidBudget => vec![ErrorKind::InvalidBudget { value: s("b") }],
        ErrorCode::InvalidDate => vec![ErrorKind::InvalidDate { value: s("d") }],
        ErrorCode::InvalidNumber => vec![ErrorKind::InvalidNumber { value: s("n") }],
        ErrorCode::InvalidChoice => vec![ErrorKind::InvalidChoice {
            value: s("Q"),
            allowed: vec![s("H"), s("A")],
        }],
        ErrorCode::UnknownField => vec![ErrorKind::UnknownField { value: s("x") }],
        ErrorCode::SameCustomer => vec![ErrorKind::SameCustomer { id: s("1") }],
        ErrorCode::PossibleDuplicate => vec![ErrorKind::PossibleDuplicate {
            id: s("1"),
            name: s("张三"),
            phone: s("138"),
            count: 2,
        }],
        ErrorCode::NotFound => vec![ErrorKind::NotFound { id: s("1") }],
        ErrorCode::BookTooNew => vec![ErrorKind::BookTooNew {
            found: 9,
            supported: 2,
        }],
        ErrorCode::NotABook => vec![ErrorKind::NotABook { path: s("/b") }],
        ErrorCode::NoDataDir => vec![ErrorKind::NoDataDir {
            env: s("CARNET_DB"),
        }],
        ErrorCode::Storage => vec![
            ErrorKind::Storage {
                detail: s("locked"),
                path: None,
            },
            ErrorKind::Storage {
                detail: s("locked"),
                path: Some(s("/b")),
            },
        ],
        ErrorCode::BookNotEmpty => vec![ErrorKind::BookNotEmpty { count: 3 }],
        ErrorCode::OwnBookNotTeam => vec![ErrorKind::OwnBookNotTeam { count: 3 }],
        ErrorCode::TeamBookReadOnly => vec![ErrorKind::TeamBookReadOnly],
        ErrorCode::PeriodBackwards => vec![ErrorKind::PeriodBackwards {
            from: s("2026-12-31"),
            to: s("2026-01-01"),
        }],
        ErrorCode::UnfilledFields => vec![ErrorKind::UnfilledFields {
            fields: s("{车型} {车牌}"),
        }],
        ErrorCode::BadFile => vec![
            ErrorKind::BadFile {
                format: s("xlsx"),
                detail: s("bad"),
                sheet: None,
            },
            ErrorKind::BadFile {
                format: s("xlsx"),
                detail: s("big"),
                sheet: Some(sheet),
            },
        ],
        ErrorCode::FileTooLarge => vec![ErrorKind::FileTooLarge { size: 9, max: 8 }],
        ErrorCode::ArchiveBomb => vec![ErrorKind::ArchiveBomb { size: 9, max: 8 }],
        ErrorCode::ExportTooNew => vec![ErrorKind::ExportTooNew {
            found: 3,
            supported: 1,
        }],
        ErrorCode::FileError => vec![
            ErrorKind::FileError {
                path: None,
                format: None,
                detail: s("full"),
            },
            ErrorKind::FileError {
                path: Some(s("/f")),
                format: Some(s("csv")),
                detail: s("full"),
            },
        ],
        ErrorCode::EmptyFile => vec![ErrorKind::EmptyFile],
        ErrorCode::Cancelled => vec![ErrorKind::Cancelled],
        ErrorCode::NothingToImport => vec![ErrorKind::NothingToImport {
            refused: 1,
            duplicate: 2,
        }],
        ErrorCode::DamagedBook => vec![ErrorKind::DamagedBook {
            path: s("/b"),
            detail: s("bad page"),
        }],
        ErrorCode::BackupGone => vec![ErrorKind::BackupGone { path: s("/k") }],
        ErrorCode::BackupChanged => vec![ErrorKind::BackupChanged { path: s("/k") }],
        ErrorCode::BackupOtherKind => vec![ErrorKind::BackupOtherKind { path: s("/k") }],
        ErrorCode::BookHealthy => vec![ErrorKind::BookHealthy { path: s("/b") }],
        ErrorCode::ErasedCustomer => vec![ErrorKind::ErasedCustomer { id: s("9") }],
        ErrorCode::OwnFile => vec![
            ErrorKind::OwnFile {
                path: s("/b"),
                what: OwnFileKind::Book,
            },
            ErrorKind::OwnFile {
                path: s("/b-wal"),
                what: OwnFileKind::Sidecar,
            },
            ErrorKind::OwnFile {
                path: s("/backups"),
                what: OwnFileKind::Backups,
            },
        ],
        ErrorCode::TooShort => vec![ErrorKind::TooShort { min: 8 }],
        ErrorCode::Locked => vec![ErrorKind::Locked],
        ErrorCode::WrongPassphrase => vec![ErrorKind::WrongPassphrase],
        ErrorCode::NoEncryption => vec![ErrorKind::NoEncryption],
        ErrorCode::BookInUse => vec![ErrorKind::BookInUse { path: s("/b") }],
        ErrorCode::Internal => vec![ErrorKind::Internal { detail: s("bug") }],
    }
}

#[test]
fn every_code_is_listed() {
    let listed: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|code| serde_json::to_string(code).expect("a code serialises"))
        .collect();
    // The TypeScript declaration lists every variant: ALL must list them all.
    assert_eq!(
        <ErrorCode as ts_rs::TS>::decl(&crate::bindings::config()),
        format!("type ErrorCode = {};", listed.join(" | ")),
        "ErrorCode::ALL lists every code once, in order"
    );
}

#[test]
fn each_code_is_sent_with_exactly_the_params_it_declares() {
    use std::collections::BTreeSet;
    for &code in ErrorCode::ALL {
        let declared = code.params();
        let names: BTreeSet<&str> = declared
            .iter()
            .map(|param| match param {
                Param::Always(name) | Param::Sometimes(name) => *name,
            })
            .collect();
        assert_eq!(
            names.len(),
            declared.len(),
            "{code:?} declares a name twice"
        );
        let sent: Vec<BTreeSet<String>> = kinds(code)
            .into_iter()
            .map(|kind| {
                assert_eq!(kind.code(), code, "{kind:?}");
                kind.params().into_keys().collect()
            })
            .collect();
        for params in &sent {
            for name in params {
                assert!(
                    names.contains(name.as_str()),
                    "{code:?} sends {name}, not declared"
                );
            }
        }
        for param in declared {
            match param {
                Param::Always(name) => {
                    for params in &sent {
                        assert!(params.contains(*name), "{code:?} does not send {name}");
                    }
                }
                Param::Sometimes(name) => {
                    assert!(
                        sent.iter().any(|params| params.contains(*name)),
                        "{code:?} never sends {name}"
                    );
                    assert!(
                        sent.iter().any(|params| !params.contains(*name)),
                        "{code:?} always sends {name}: it is not sometimes"
                    );
                }
            }
        }
    }
}

/// A writer's error names the file being written when it named none: "the file  could not be
/// written" became "the file 客户.xlsx could not be written"; one that names the hidden file it
/// was being written as names the file instead. One that names another file, or that is not a
/// file's, stays as it was.
#[test]
fn a_file_error_without_its_file_is_named() {
    let path = std::path::Path::new("/tmp/客户.xlsx");
    let partial = std::path::Path::new("/tmp/.客户.xlsx.0190.partial");
    let written = AppError::from(carnet_io::IoError::Write {
        format: "xlsx",
        reason: "more rows than the workbook's sheets were made for".into(),
    })
    .naming_file(path, partial);
    let json = serde_json::to_value(&written).expect("json");
    assert_eq!(json["params"]["path"], "/tmp/客户.xlsx", "{json}");
    assert!(
        written.message.starts_with("/tmp/客户.xlsx: "),
        "{}",
        written.message
    );
    let hidden = AppError::file(partial, "No space left on device").naming_file(path, partial);
    assert_eq!(
        serde_json::to_value(&hidden).expect("json")["params"]["path"],
        "/tmp/客户.xlsx"
    );
    assert_eq!(hidden.message, "/tmp/客户.xlsx: No space left on device");
    let named =
        AppError::file(std::path::Path::new("/tmp/a.csv"), "full").naming_file(path, partial);
    assert_eq!(
        serde_json::to_value(&named).expect("json")["params"]["path"],
        "/tmp/a.csv"
    );
    let other = AppError::from(Invalid::new("name", Problem::Required)).naming_file(path, partial);
    assert_eq!(other.message, "name is required");
}
