//! Erasing for good, from the book and its backups.

use rusqlite::Connection;

use crate::*;

#[test]
fn a_backup_of_an_older_version_is_rewritten_without_the_erased_and_stays_that_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("backup-v6.db");
    {
        let old = Store::open_with(&path, &dir.path().join("b"), &MIGRATIONS[..6]).expect("old");
        old.conn
            .execute_batch(
                "INSERT INTO customers (id, name, created_at, updated_at, search_rowid, notes)
                 VALUES ('c1', '欧阳娜娜', '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z', 7,
                         '找不到我'),
                        ('c2', '李四', '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z', 8, '');
                 INSERT INTO customer_search (rowid, name, pinyin, initials, phones, other)
                 VALUES (7, '欧阳娜娜', 'ouyangnana', 'oynn', '13812345678', '找不到我'),
                        (8, '李四', 'lisi', 'ls', '', '');
                 INSERT INTO customer_grams (gram, rank, search_rowid) VALUES
                     ('欧阳', 0, 7), ('oy', 0, 7), ('李', 0, 8);
                 INSERT INTO customer_phones (customer_id, position, phone)
                 VALUES ('c1', 0, '+8613812345678');
                 PRAGMA journal_mode = DELETE;",
            )
            .expect("a version 6 book");
    }
    let erased =
        crate::erase_from_backup(&path, &["c1".into(), "nobody".into()], None).expect("rewritten");
    assert_eq!(erased, 1);
    let conn = Connection::open(&path).expect("open");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, 6, "not migrated");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("SELECT count(*) FROM customers"), 1);
    assert_eq!(count("SELECT count(*) FROM customer_phones"), 0);
    assert_eq!(
        count("SELECT count(*) FROM customer_grams WHERE search_rowid = 7"),
        0
    );
    assert_eq!(count("SELECT count(*) FROM customer_search"), 1);
    drop(conn);
    let bytes = std::fs::read(&path).expect("read");
    for text in ["找不到我", "欧阳娜娜", "13812345678", "ouyangnana"] {
        assert!(
            !bytes.windows(text.len()).any(|w| w == text.as_bytes()),
            "{text} left in the file"
        );
    }
}
