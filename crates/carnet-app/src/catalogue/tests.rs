use std::collections::BTreeMap;

use super::*;
use crate::ErrorCode;

fn texts(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn sample_rows() -> usize {
    SAMPLE_CATALOGUE
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count()
}

#[test]
fn the_sample_loads_once_and_again_changes_nothing() {
    let app = App::open_in_memory().expect("app");
    assert!(app.catalogue_is_empty().expect("empty"));
    let first = app.load_sample_catalogue().expect("sample");
    assert_eq!(first.added as usize, sample_rows());
    assert_eq!((first.updated, first.unchanged), (0, 0));
    assert!(first.refused.is_empty(), "{:?}", first.refused);
    assert!(!app.catalogue_is_empty().expect("not empty"));
    let again = app.load_sample_catalogue().expect("again");
    assert_eq!((again.added, again.updated), (0, 0));
    assert_eq!(again.unchanged as usize, sample_rows());
    let listed = app.catalogue().expect("list");
    assert_eq!(listed.len(), sample_rows());
    let han = listed.iter().find(|t| t.trim.series == "汉").expect("汉");
    assert_eq!(han.name, "汉 EV 荣耀版");
    assert_eq!(han.texts.get("price").map(String::as_str), Some("179800"));
    assert_eq!(han.texts.get("energy").map(String::as_str), Some("bev"));
}

#[test]
fn an_import_shows_its_dry_run_then_commits_the_good_rows_once() {
    let app = App::open_in_memory().expect("app");
    app.load_sample_catalogue().expect("sample");
    let before = app.catalogue().expect("list");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("价格表.csv");
    std::fs::write(
        &path,
        "比亚迪 2025年价格表,,,,,\n\
         品牌,车系,版本,年款,厂商指导价,座位数\n\
         比亚迪,海豹06,DM-i 起售版,2025,9.58万,5\n\
         比亚迪,宋L,DM-i 领先型,2025,13.58万,5\n\
         比亚迪,元UP,,2025,面议,5\n\
         比亚迪,夏,DM-i 豪华型,2025,20.98万,13\n",
    )
    .expect("write");
    let path = path.display().to_string();
    let preview = app.preview_catalogue_import(&path).expect("dry run");
    assert_eq!(preview.file_name, "价格表.csv");
    assert_eq!(
        preview
            .new
            .iter()
            .map(|l| (l.row, l.name.as_str(), l.price))
            .collect::<Vec<_>>(),
        vec![(4, "宋L DM-i 领先型", 135_800)]
    );
    assert_eq!(
        preview
            .updated
            .iter()
            .map(|l| (l.row, l.price))
            .collect::<Vec<_>>(),
        vec![(3, 95_800)]
    );
    let why: Vec<_> = preview
        .refused
        .iter()
        .map(|r| {
            (
                r.row,
                r.field.as_str(),
                r.column.as_str(),
                r.value.as_str(),
                r.kind.code(),
            )
        })
        .collect();
    assert_eq!(
        why,
        vec![
            (5, "price", "厂商指导价", "面议", ErrorCode::InvalidNumber),
            (6, "seats", "座位数", "13", ErrorCode::InvalidNumber),
        ]
    );
    assert_eq!(
        preview
            .columns
            .iter()
            .map(|c| c.field.as_deref())
            .collect::<Vec<_>>(),
        vec![
            Some("brand"),
            Some("series"),
            Some("trim"),
            Some("year"),
            Some("price"),
            Some("seats")
        ]
    );
    assert_eq!(
        app.catalogue().expect("list"),
        before,
        "a dry run writes nothing"
    );

    let done = app.import_catalogue(&path).expect("import");
    assert_eq!((done.added, done.updated, done.unchanged), (1, 1, 0));
    assert_eq!(done.refused, preview.refused);
    let after = app.catalogue().expect("list");
    assert_eq!(after.len(), before.len() + 1);
    let seal = after
        .iter()
        .find(|t| t.name == "海豹06 DM-i 起售版")
        .expect("kept");
    let was = before.iter().find(|t| t.name == seal.name).expect("was");
    assert_eq!(
        (seal.id.as_str(), seal.trim.price),
        (was.id.as_str(), 95_800)
    );
    assert_eq!(seal.trim.seats, Some(5));
    assert_eq!(
        (&seal.trim.aliases, &seal.trim.note),
        (&was.trim.aliases, &was.trim.note),
        "what the sheet has no column for is kept"
    );
    assert!(
        after
            .iter()
            .all(|t| t.trim.series != "元UP" && t.trim.series != "夏")
    );
}

#[test]
fn a_trim_is_added_edited_and_deleted_and_errors_name_the_field() {
    let app = App::open_in_memory().expect("app");
    let err = app
        .save_trim(None, texts(&[("brand", "比亚迪"), ("price", "12万")]))
        .expect_err("no series");
    assert_eq!(
        (err.code(), err.field.as_deref()),
        (ErrorCode::Required, Some("series"))
    );
    let err = app
        .save_trim(
            None,
            texts(&[
                ("brand", "比亚迪"),
                ("series", "唐"),
                ("price", "25万"),
                ("seats", "二十"),
            ]),
        )
        .expect_err("seats");
    assert_eq!(
        (err.code(), err.field.as_deref()),
        (ErrorCode::InvalidNumber, Some("seats"))
    );
    let err = app
        .save_trim(
            None,
            texts(&[
                ("brand", "比亚迪"),
                ("series", "唐"),
                ("price", "25万"),
                ("energy", "氢"),
            ]),
        )
        .expect_err("energy");
    assert_eq!(
        (err.code(), err.field.as_deref()),
        (ErrorCode::InvalidChoice, Some("energy"))
    );

    let tang = app
        .save_trim(
            None,
            texts(&[
                ("brand", "比亚迪"),
                ("series", "唐"),
                ("trim", "DM-i 尊享型"),
                ("price", "25.98万"),
                ("seats", "7座"),
                ("energy", "插混"),
            ]),
        )
        .expect("added");
    assert_eq!(tang.trim.price, 259_800);
    assert_eq!(tang.trim.seats, Some(7));
    let mut changed = tang.texts.clone();
    changed.insert("price".into(), "24.98万".into());
    let edited = app
        .save_trim(Some(tang.id.clone()), changed)
        .expect("edited");
    assert_eq!(
        (edited.id.as_str(), edited.trim.price),
        (tang.id.as_str(), 249_800)
    );
    assert_eq!(app.catalogue().expect("list"), vec![edited]);
    let err = app
        .save_trim(Some("nope".into()), tang.texts.clone())
        .expect_err("no such trim");
    assert_eq!(err.code(), ErrorCode::NotFound);
    app.delete_trim(&tang.id).expect("deleted");
    assert_eq!(
        app.delete_trim(&tang.id).expect_err("gone").code(),
        ErrorCode::NotFound
    );
    assert!(app.catalogue_is_empty().expect("empty"));
}

#[test]
fn an_exported_catalogue_imports_into_another_book_as_it_was() {
    let app = App::open_in_memory().expect("app");
    app.load_sample_catalogue().expect("sample");
    let dir = tempfile::tempdir().expect("dir");
    for format in [ExportFormat::Xlsx, ExportFormat::Csv, ExportFormat::Json] {
        let path = dir.path().join(format!("车型库.{}", format.extension()));
        let path = path.display().to_string();
        let out = app.export_catalogue(&path, format).expect("export");
        assert_eq!(out.trims as usize, sample_rows());
        let other = App::open_in_memory().expect("other");
        let done = other.import_catalogue(&path).expect("import");
        assert!(done.refused.is_empty(), "{format:?}: {:?}", done.refused);
        assert_eq!(
            other.catalogue().expect("list"),
            app.catalogue().expect("list"),
            "{format:?}"
        );
        // Imported again into the book it came from, every trim is found by its id.
        let again = app.import_catalogue(&path).expect("again");
        assert_eq!((again.added, again.updated), (0, 0), "{format:?}");
    }
}

#[test]
fn every_demo_model_is_a_series_of_the_sample_within_its_price_range() {
    let app = App::open_in_memory().expect("app");
    app.load_sample_catalogue().expect("sample");
    let trims: Vec<Trim> = app
        .catalogue()
        .expect("list")
        .into_iter()
        .map(|t| t.trim)
        .collect();
    for (model, low, high) in carnet_core::demo::MODELS {
        let prices: Vec<u64> = trims
            .iter()
            .filter(|t| t.series == *model)
            .map(|t| t.price)
            .collect();
        assert!(!prices.is_empty(), "{model} is not in the sample catalogue");
        let (min, max) = (prices.iter().min().copied(), prices.iter().max().copied());
        assert_eq!(
            (min.map(|p| p / 10_000), max.map(|p| p.div_ceil(10_000))),
            (Some(u64::from(*low)), Some(u64::from(*high))),
            "{model}: the sample's prices in 万"
        );
    }
    let series: std::collections::BTreeSet<&str> =
        trims.iter().map(|t| t.series.as_str()).collect();
    assert_eq!(
        series.len(),
        carnet_core::demo::MODELS.len(),
        "every series of the sample is a demo model"
    );
}

#[test]
fn a_demo_book_holds_the_sample_and_its_customers_models_link_to_it() {
    let app = App::open_in_memory().expect("app");
    app.fill_demo(30, 7, false).expect("demo");
    assert_eq!(app.catalogue().expect("list").len(), sample_rows());
    let mut linked = 0;
    for c in app.list_customers().expect("list") {
        let detail = app.get_customer(&c.id).expect("detail");
        assert_eq!(detail.model_links.len(), detail.profile.models.len());
        for (wish, link) in detail.profile.models.iter().zip(&detail.model_links) {
            let link = link
                .as_ref()
                .unwrap_or_else(|| panic!("{wish:?} links to no trim"));
            assert!(
                link.name.starts_with(&wish.model),
                "{wish:?} → {}",
                link.name
            );
            linked += 1;
        }
    }
    assert!(linked > 10, "{linked}");
}

#[test]
fn naughty_strings_in_every_text_field_of_a_trim_are_kept_or_refused_by_name_and_travel_unchanged()
{
    use crate::naughty::naughty;
    use carnet_core::catalogue::{TRIM_FIELDS, TrimFieldKind};
    let app = App::open_in_memory().expect("app");
    let text_fields: Vec<&str> = TRIM_FIELDS
        .iter()
        .filter(|f| matches!(f.kind, TrimFieldKind::Text | TrimFieldKind::List))
        .map(|f| f.code)
        .collect();
    assert!(text_fields.contains(&"series") && text_fields.contains(&"note"));
    let mut saved = 0;
    for (i, text) in naughty().iter().enumerate() {
        // A trim of its own (the brand tells them apart), each text field holding the string
        // where it takes it.
        let mut fields = texts(&[
            ("brand", &format!("品牌{i}")),
            ("series", "汉"),
            ("price", "200000"),
        ]);
        for code in &text_fields {
            let mut one = fields.clone();
            one.insert((*code).to_owned(), text.clone());
            match Trim::from_texts(one.iter().map(|(c, t)| (c.as_str(), t.as_str()))) {
                Ok(_) => fields = one,
                Err(e) => assert_eq!(e.field, *code, "{text:?}: {e:?}"),
            }
        }
        let trim = app.save_trim(None, fields.clone()).expect("saved");
        // Kept as the trim's own check makes it (tidied), nothing else.
        let checked =
            Trim::from_texts(fields.iter().map(|(c, t)| (c.as_str(), t.as_str()))).expect("valid");
        let expected = crate::TrimDto::from(checked).texts;
        for code in &text_fields {
            assert_eq!(
                trim.texts.get(*code),
                expected.get(*code),
                "{code} of {text:?}"
            );
        }
        saved += 1;
    }
    assert!(saved > 500);
    let dir = tempfile::tempdir().expect("dir");
    let before = app.catalogue().expect("list");
    for format in [ExportFormat::Xlsx, ExportFormat::Csv, ExportFormat::Json] {
        let path = dir.path().join(format!("车型库.{}", format.extension()));
        let path = path.display().to_string();
        app.export_catalogue(&path, format).expect("export");
        let other = App::open_in_memory().expect("other");
        let done = other.import_catalogue(&path).expect("import");
        assert!(done.refused.is_empty(), "{format:?}: {:?}", done.refused);
        let after = other.catalogue().expect("list");
        assert_eq!(after.len(), before.len(), "{format:?}");
        for (was, back) in before.iter().zip(&after) {
            for code in &text_fields {
                assert_eq!(was.texts[*code], back.texts[*code], "{format:?} {code}");
            }
        }
    }
}
