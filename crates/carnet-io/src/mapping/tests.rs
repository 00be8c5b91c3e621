use super::headers::ALIASES;
use super::*;
use crate::Table;

fn table(rows: &[&[&str]]) -> Table {
    Table {
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect(),
    }
}

#[test]
fn headers_in_chinese_english_and_contact_exports_are_recognised() {
    for (header, want) in [
        ("姓名", Some("name")),
        ("客户姓名", Some("name")),
        ("Name", Some("name")),
        ("手机", Some("phones")),
        ("电话", Some("phones")),
        ("联系方式", Some("phones")),
        ("Phone", Some("phones")),
        ("Phone 1 - Value", Some("phones")),
        ("Mobile Phone", Some("phones")),
        ("意向车型", Some("models")),
        ("Model", Some("models")),
        ("预算", Some("budget")),
        ("Budget", Some("budget")),
        ("购车时间", Some("timeframe")),
        ("决策人", Some("decision_maker")),
        ("备注", Some("notes")),
        ("Given Name", Some(GIVEN_NAME)),
        ("Family Name", Some(FAMILY_NAME)),
        ("Organization 1 - Name", Some("company")),
        ("  客户 级别 ", Some("level")),
        ("購車時間", Some("timeframe")),
        ("Decision-maker's name", Some("decision_maker_name")),
        ("编号", Some(ID)),
        ("E-mail 1 - Value", Some("emails")),
        ("E-mail Address", Some("emails")),
        ("邮箱", Some("emails")),
        ("Work Phone", Some("phones")),
        ("Mobile Number", Some("phones")),
        ("Birth Day", Some(BIRTH_DAY)),
        ("Birth Month", Some(BIRTH_MONTH)),
        ("Birthday", Some("birthday")),
        ("Phone 1 - Type", None),
        ("建档时间", None),
        ("随便", None),
    ] {
        assert_eq!(recognise(header), want, "{header}");
    }
}

#[test]
fn title_rows_are_skipped_and_unknown_columns_kept_in_the_notes() {
    let t = table(&[
        &["2026年客户名单", "", ""],
        &[],
        &["序号", "客户姓名", "手机", "随便"],
        &["1", "张三", "13812345678", "x"],
    ]);
    let m = guess(&t, &SavedMapping::new());
    assert_eq!(m.header_row, 2);
    assert_eq!(
        m.columns,
        vec![
            None,
            Some("name".into()),
            Some("phones".into()),
            Some(KEEP.into())
        ],
        "a row number is not kept; a column Carnet has no field for is"
    );
}

#[test]
fn a_saved_correction_wins_over_the_guess() {
    let t = table(&[&["客户", "号码"], &["张三", "13812345678"]]);
    let mut saved = SavedMapping::new();
    saved.insert(norm("号码"), Some("phones".into()));
    let m = guess(&t, &saved);
    assert_eq!(m.columns, vec![Some("name".into()), Some("phones".into())]);
    saved.insert(norm("客户"), None);
    assert_eq!(guess(&t, &saved).columns[0], None);
}

#[test]
fn rows_become_drafts_with_phones_split_and_names_joined() {
    let t = table(&[
        &[
            "Given Name",
            "Family Name",
            "Phone 1 - Value",
            "Phone 2 - Value",
            "备注",
            "生日",
        ],
        &[
            "三",
            "张",
            "138 1234 5678 / １３９１２３４５６７８",
            "13700001111",
            "'=SUM(A1)",
            "19850312",
        ],
        &["", "", "", "", "", ""],
        &["John", "Smith", "13512345678 13612345678", "", "", "--0312"],
    ]);
    let m = guess(&t, &SavedMapping::new());
    let rows = rows(&t, &m, false);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].row, 2);
    assert_eq!(rows[0].draft.name, "张三");
    assert_eq!(
        rows[0].draft.phones,
        vec!["138 1234 5678", "13912345678", "13700001111"]
    );
    assert_eq!(rows[0].draft.notes, "=SUM(A1)");
    assert_eq!(rows[0].draft.birthday, "1985-03-12");
    assert_eq!(rows[1].row, 4);
    assert_eq!(rows[1].draft.name, "John Smith");
    assert_eq!(rows[1].draft.phones, vec!["13512345678", "13612345678"]);
    assert_eq!(rows[1].draft.birthday, "03-12");
    assert_eq!(rows[1].column_of("name"), Some(0));
}

#[test]
fn a_value_that_cannot_be_set_is_kept_with_its_column() {
    let t = table(&[&["姓名", "农历生日", "介绍渠道"], &["张三", "也许", "王五"]]);
    let m = guess(&t, &SavedMapping::new());
    let rows = rows(&t, &m, false);
    assert_eq!(
        rows[0].kept,
        vec![(1, "也许".to_owned()), (2, "王五".to_owned())]
    );
}

#[test]
fn an_empty_column_gives_way_to_a_filled_one_for_the_same_field() {
    let t = table(&[
        &[
            "Name",
            "Occupation",
            "Organization 1 - Title",
            "Birth Year",
            "Birth Month",
            "Birth Day",
        ],
        &["Ann Lee", "", "Engineer", "1970", "11", "5"],
        &["Bo Li", "", "Teacher", "", "3", "12"],
    ]);
    let m = guess(&t, &SavedMapping::new());
    assert_eq!(m.columns[1], None);
    assert_eq!(m.columns[2].as_deref(), Some("occupation"));
    let rows = rows(&t, &m, false);
    assert_eq!(rows[0].draft.occupation, "Engineer");
    assert_eq!(rows[0].draft.birthday, "1970-11-05");
    assert_eq!(rows[1].draft.birthday, "03-12");
}

#[test]
fn phones_split_only_where_a_cell_holds_several() {
    for (cell, want) in [
        ("138 1234 5678", vec!["138 1234 5678"]),
        (
            "13812345678,13912345678",
            vec!["13812345678", "13912345678"],
        ),
        (
            "13812345678；13912345678",
            vec!["13812345678", "13912345678"],
        ),
        ("010-6552 8899 转 123", vec!["010-6552 8899 转 123"]),
        (
            "13812345678/13987654321",
            vec!["13812345678", "13987654321"],
        ),
        ("0987 /6543", vec!["0987 /6543"]),
        ("9876 /11223344", vec!["9876 /11223344"]),
        (
            "+8613812345678 13912345678",
            vec!["+8613812345678", "13912345678"],
        ),
    ] {
        assert_eq!(split_phones(cell), want, "{cell}");
    }
}

#[test]
fn a_header_row_the_consultant_chose_is_used() {
    let t = table(&[
        &["客户名单", "电话"],
        &["姓名", "手机"],
        &["张三", "13812345678"],
    ]);
    assert_eq!(guess(&t, &SavedMapping::new()).header_row, 1);
    let chosen = at_header_row(&t, 0, &SavedMapping::new());
    assert_eq!(chosen.header_row, 0);
    assert_eq!(
        chosen.columns,
        vec![Some(KEEP.into()), Some("phones".into())]
    );
    assert_eq!(rows(&t, &chosen, false).len(), 2);
}

#[test]
fn every_field_is_recognised_by_its_own_labels_and_every_alias_is_a_target() {
    use crate::labels::{Lang, label};
    for field in carnet_core::FIELDS {
        for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
            let header = label(field.name, lang);
            // 电话 is the phones' label and "Phone" a contact export's; both are phones.
            assert_eq!(recognise(header), Some(field.name), "{header} ({lang:?})");
        }
    }
    let all = targets();
    for (target, _) in ALIASES {
        assert!(all.contains(target), "{target} is not a target");
    }
}

#[test]
fn a_referrer_and_a_channel_have_their_headers() {
    for (referrer, channel) in [
        ("介绍人", "来源渠道"),
        ("推荐人", "渠道"),
        ("Referrer", "Channel"),
        ("referred by", "channel"),
    ] {
        let t = table(&[&["姓名", referrer, channel], &["张三", "王五", "抖音"]]);
        let m = guess(&t, &SavedMapping::new());
        let targets: Vec<Option<&str>> = m.columns.iter().map(|c| c.as_deref()).collect();
        assert_eq!(
            targets,
            [Some("name"), Some("referred_by"), Some("channel")],
            "{referrer} {channel}"
        );
        let rows = rows(&t, &m, false);
        assert_eq!(
            (
                rows[0].draft.referred_by.as_str(),
                rows[0].draft.channel.as_str()
            ),
            ("王五", "抖音")
        );
    }
}
