//! Message templates: `carnet template list|render`.

use super::{Book, stderr};

#[test]
fn templates_are_listed_and_rendered_for_a_customer_a_missing_field_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = Book::at(&dir.path().join("carnet.db"));
    let ok = |args: &[&str]| book.ok(args);
    let listed = ok(&["template", "list"]);
    let first = listed.lines().next().expect("a template");
    assert!(
        first
            .starts_with("birthday\tzh-Hans\tdefault:birthday:zh-Hans\t生日祝福\t{称呼}，生日快乐"),
        "{first}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["template", "list", "--json"])).expect("json");
    assert_eq!(json["fields"][0]["zh_hans"], "称呼");
    assert_eq!(json["templates"][0]["builtin"], true);

    let id = ok(&["add", "--name", "张伟", "--phone", "13812345678"]);
    ok(&["edit", &id, "--set", "title=先生"]);
    assert_eq!(
        ok(&["template", "render", &id, "--occasion", "生日"]),
        "张先生，生日快乐！祝您新的一岁身体健康、事事顺心，开车出行一路平安！"
    );
    let en = ok(&[
        "template",
        "render",
        &id,
        "--occasion",
        "birthday",
        "--lang",
        "en",
    ]);
    assert!(en.starts_with("Happy birthday, Mr 张!"), "{en}");
    let rendered: serde_json::Value = serde_json::from_str(&ok(&[
        "template",
        "render",
        &id,
        "--template",
        "default:new_year:zh-Hant",
        "--json",
    ]))
    .expect("json");
    assert_eq!(rendered["occasion"], "new_year");
    assert_eq!(rendered["missing"], serde_json::json!([]));
    assert!(
        rendered["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("张先生，元旦快樂")),
        "{rendered}"
    );

    // A prospect has no car yet: the first-service message is not given, its fields named.
    let missing = book.run(&["template", "render", &id, "--occasion", "first_service"]);
    assert!(!missing.status.success());
    assert!(missing.stdout.is_empty(), "no text with a field left in it");
    assert!(
        stderr(&missing).contains("{门店} {顾问} {车型} {车牌} {下次保养}"),
        "{}",
        stderr(&missing)
    );
    let unknown = book.run(&["template", "render", &id, "--occasion", "picnic"]);
    assert!(
        stderr(&unknown).contains("场合") && stderr(&unknown).contains("win_back"),
        "{}",
        stderr(&unknown)
    );
}
