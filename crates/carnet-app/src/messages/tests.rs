//! Messages through `App`, as front ends call them.

use carnet_core::InteractionKind;
use carnet_core::choices::{MergeField, Occasion, TextLanguage};
use chrono::{NaiveDate, NaiveDateTime};

use crate::customers::quick_input;
use crate::{
    App, Consultant, CustomerInput, ErrorCode, MessageInput, MessageRequest, TemplateInput,
};

fn dec6() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 6)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("valid")
}

fn app() -> App {
    App::open_in_memory().expect("app").with_clock(dec6)
}

/// 张伟, Mr, born on 6 December (today): his birthday prompt is due.
fn birthday_customer(app: &App) -> String {
    let id = app.add_customer(quick_input("张伟", None)).expect("add").id;
    app.edit_customer(
        &id,
        &[
            ("title".into(), "先生".into()),
            ("birthday".into(), "1985-12-06".into()),
            ("level".into(), "B".into()),
        ],
        false,
    )
    .expect("edit");
    id
}

fn birthday_key(app: &App, id: &str) -> String {
    let agenda = app.agenda(None, 0).expect("agenda");
    let row = agenda
        .rows
        .iter()
        .find(|r| r.customer_id == id)
        .expect("a row for the customer");
    let prompt = row
        .prompts
        .iter()
        .find(|p| p.occasion == Some(Occasion::Birthday))
        .expect("the birthday prompt offers its message");
    prompt.key.clone()
}

#[test]
fn a_birthday_prompt_renders_its_template_and_copying_logs_then_sent_marks_it_done() {
    let app = app();
    let id = birthday_customer(&app);
    let key = birthday_key(&app, &id);
    let rendered = app
        .render_message(MessageRequest {
            customer_id: id.clone(),
            prompt_key: key.clone(),
            ..MessageRequest::default()
        })
        .expect("render");
    assert_eq!(rendered.occasion, Occasion::Birthday);
    assert_eq!(rendered.language, TextLanguage::ZhHans);
    assert_eq!(rendered.template_id, "default:birthday:zh-Hans");
    assert!(rendered.missing.is_empty(), "{:?}", rendered.missing);
    assert!(
        rendered.text.starts_with("张先生，生日快乐"),
        "{}",
        rendered.text
    );
    assert_eq!(rendered.prompt_key.as_deref(), Some(key.as_str()));
    // From the customer page, nothing chosen: the prompt that calls for a message.
    let chosen = app
        .render_message(MessageRequest {
            customer_id: id.clone(),
            ..MessageRequest::default()
        })
        .expect("render");
    assert_eq!(chosen, rendered);

    // Copied, not yet sent: the message is on the timeline, the prompt still due.
    let copied = app
        .log_message(MessageInput {
            customer_id: id.clone(),
            text: rendered.text.clone(),
            prompt_key: key.clone(),
            sent: false,
        })
        .expect("log");
    let detail = app.get_customer(&id).expect("detail");
    let logged = &detail.interactions[0];
    assert_eq!(logged.kind, InteractionKind::Message);
    assert_eq!(logged.notes.as_deref(), Some(rendered.text.as_str()));
    assert_eq!(Some(logged.id.clone()), copied.interaction_id);
    assert_eq!(birthday_key(&app, &id), key, "still due until sent");

    // Sent: the prompt is done (gone from Today), in the same write as its message.
    app.log_message(MessageInput {
        customer_id: id.clone(),
        text: rendered.text,
        prompt_key: key.clone(),
        sent: true,
    })
    .expect("sent");
    let agenda = app.agenda(None, 0).expect("agenda");
    assert!(
        agenda
            .rows
            .iter()
            .flat_map(|r| &r.prompts)
            .all(|p| p.key != key),
        "the birthday prompt is done"
    );
    assert_eq!(app.get_customer(&id).expect("detail").interactions.len(), 2);
}

#[test]
fn a_field_with_no_value_is_flagged_and_a_text_holding_one_is_not_logged() {
    let app = app();
    let id = birthday_customer(&app);
    let rendered = app
        .render_message(MessageRequest {
            customer_id: id.clone(),
            occasion: Some(Occasion::FirstService),
            ..MessageRequest::default()
        })
        .expect("render");
    assert_eq!(
        rendered.missing,
        vec![
            MergeField::Dealership,
            MergeField::Consultant,
            MergeField::Model,
            MergeField::Plate,
            MergeField::NextService
        ]
    );
    assert!(rendered.text.contains("{车型}"));
    let refused = app
        .log_message(MessageInput {
            customer_id: id.clone(),
            text: rendered.text,
            ..MessageInput::default()
        })
        .expect_err("unfilled");
    assert_eq!(refused.code(), ErrorCode::UnfilledFields);
    assert_eq!(refused.field.as_deref(), Some("text"));
    assert!(
        refused.params()["fields"].starts_with("{门店} {顾问} {车型}"),
        "{:?}",
        refused.params()
    );
    assert!(
        app.get_customer(&id)
            .expect("detail")
            .interactions
            .is_empty()
    );

    // The consultant's settings fill theirs.
    app.set_consultant(Consultant {
        name: "王芳".into(),
        dealership: "比亚迪南山店".into(),
        phone: "13812345678".into(),
    })
    .expect("consultant");
    let again = app
        .render_message(MessageRequest {
            customer_id: id,
            occasion: Some(Occasion::ThanksVisit),
            language: Some(TextLanguage::ZhHant),
            ..MessageRequest::default()
        })
        .expect("render");
    assert_eq!(again.missing, vec![MergeField::Model]);
    assert!(again.text.contains("比亚迪南山店的王芳"), "{}", again.text);
    assert!(again.text.contains("138 1234 5678"), "{}", again.text);
}

#[test]
fn templates_are_edited_added_restored_and_checked() {
    let app = app();
    let list = app.templates().expect("list");
    assert_eq!(
        list.templates.iter().filter(|t| t.builtin).count(),
        Occasion::ALL.len() * TextLanguage::ALL.len()
    );
    assert_eq!(list.fields.len(), MergeField::ALL.len());
    assert_eq!(list.fields[0].zh_hans, "称呼");
    assert_eq!(list.fields[0].en, "salutation");

    // A built-in template edited keeps its id, occasion and language.
    let id = "default:birthday:zh-Hans";
    let edited = app
        .save_template(TemplateInput {
            id: id.into(),
            occasion: Occasion::WinBack,
            language: TextLanguage::En,
            name: "生日祝福".into(),
            body: "{称呼}，生日快乐！{顾问}敬上".into(),
        })
        .expect("edit");
    assert_eq!(
        (edited.id.as_str(), edited.occasion, edited.language),
        (id, Occasion::Birthday, TextLanguage::ZhHans)
    );
    assert!(edited.builtin && edited.edited);
    let shown = app.templates().expect("list");
    let birthday = shown.templates.iter().find(|t| t.id == id).expect("listed");
    assert_eq!(birthday.body, "{称呼}，生日快乐！{顾问}敬上");
    let preview = app
        .render_message(MessageRequest {
            template_id: id.into(),
            ..MessageRequest::default()
        })
        .expect("preview for the sample customer");
    assert_eq!(preview.text, "张先生，生日快乐！{顾问}敬上");
    assert_eq!(preview.missing, vec![MergeField::Consultant]);

    // Restored: the built-in body is back.
    let restored = app.restore_default_template(id).expect("restore");
    assert!(!restored.edited);
    assert!(restored.body.starts_with("{称呼}，生日快乐！祝您"));
    assert!(
        app.delete_template(id).is_err(),
        "a built-in one is not deleted"
    );

    // One of their own: added, listed after the built-in ones, deleted.
    let own = app
        .save_template(TemplateInput {
            id: String::new(),
            occasion: Occasion::AfterTestDrive,
            language: TextLanguage::ZhHans,
            name: " 试驾后（短） ".into(),
            body: "{称呼}，今天试驾感觉如何？".into(),
        })
        .expect("add");
    assert!(!own.builtin);
    assert_eq!(own.name, "试驾后（短）");
    let listed = app.templates().expect("list").templates;
    let of_occasion: Vec<&str> = listed
        .iter()
        .filter(|t| t.occasion == Occasion::AfterTestDrive && t.language == TextLanguage::ZhHans)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(
        of_occasion,
        ["default:after_test_drive:zh-Hans", own.id.as_str()]
    );
    app.delete_template(&own.id).expect("delete");
    assert!(app.delete_template(&own.id).is_err(), "gone");

    // Refused, naming the field and the problem.
    let unknown = app
        .save_template(TemplateInput {
            id: String::new(),
            occasion: Occasion::AfterQuote,
            language: TextLanguage::ZhHans,
            name: "报价".into(),
            body: "{称呼}，{价格}已发您".into(),
        })
        .expect_err("unknown field");
    assert_eq!(unknown.code(), ErrorCode::UnknownField);
    assert_eq!(unknown.field.as_deref(), Some("body"));
    assert_eq!(unknown.params()["value"], "{价格}");
    let empty = app
        .save_template(TemplateInput {
            id: String::new(),
            occasion: Occasion::AfterQuote,
            language: TextLanguage::ZhHans,
            name: "报价".into(),
            body: "  ".into(),
        })
        .expect_err("empty");
    assert_eq!(
        (empty.code(), empty.field.as_deref()),
        (ErrorCode::Required, Some("body"))
    );
    let long = app
        .save_template(TemplateInput {
            id: String::new(),
            occasion: Occasion::AfterQuote,
            language: TextLanguage::ZhHans,
            name: "报价".into(),
            body: "好".repeat(carnet_core::templates::BODY_MAX_CHARS + 1),
        })
        .expect_err("too long");
    assert_eq!(long.code(), ErrorCode::TooLong);
}

#[test]
fn the_offer_is_a_setting_messages_name() {
    let app = app();
    let id = birthday_customer(&app);
    let request = MessageRequest {
        customer_id: id,
        occasion: Some(Occasion::AfterTestDrive),
        ..MessageRequest::default()
    };
    let before = app.render_message(request.clone()).expect("render");
    assert!(before.missing.contains(&MergeField::Offer));
    assert_eq!(
        app.set_current_offer(" 置换补贴5000元 ")
            .expect("offer")
            .offer,
        "置换补贴5000元"
    );
    let after = app.render_message(request).expect("render");
    assert!(!after.missing.contains(&MergeField::Offer));
    assert!(after.text.contains("置换补贴5000元"), "{}", after.text);
    let none = app
        .render_message(MessageRequest::default())
        .expect_err("no occasion");
    assert_eq!(none.field.as_deref(), Some("occasion"));
    let plain = app.add_customer(quick_input("李娜", None)).expect("add").id;
    let nothing_due = app
        .render_message(MessageRequest {
            customer_id: plain,
            ..MessageRequest::default()
        })
        .expect_err("no prompt calls for a message");
    assert_eq!(nothing_due.field.as_deref(), Some("occasion"));
}

#[test]
fn naughty_strings_as_a_template_and_as_the_customer_render_as_written_or_are_refused_by_name() {
    let app = app();
    let strings = crate::naughty::naughty();
    let mut saved = 0;
    for (i, text) in strings.iter().enumerate() {
        // The string as a template's name and body, with the customer's name in it.
        let body = format!("{{姓名}}：{text}");
        let template = app.save_template(TemplateInput {
            id: String::new(),
            occasion: Occasion::AfterTestDrive,
            language: TextLanguage::ZhHans,
            name: text.clone(),
            body: body.clone(),
        });
        let template = match template {
            Ok(t) => t,
            Err(e) => {
                // Refused for a name with nothing in it, or braces naming no merge field.
                assert!(
                    matches!(e.field.as_deref(), Some("name" | "body")),
                    "{text:?}: {e:?}"
                );
                continue;
            }
        };
        assert_eq!(template.body, body.trim());
        // The string as the customer's name too, where it is one.
        let Ok(customer) = app.add_customer(CustomerInput {
            profile: quick_input(text, Some(&format!("1380000{i:04}"))).profile,
            allow_duplicate: true,
        }) else {
            continue;
        };
        let rendered = app
            .render_message(MessageRequest {
                customer_id: customer.id.clone(),
                template_id: template.id.clone(),
                ..MessageRequest::default()
            })
            .expect("rendered");
        assert_eq!(
            rendered.text,
            body.trim().replacen("{姓名}", &customer.profile.name, 1),
            "{text:?}"
        );
        saved += 1;
    }
    assert!(saved > 300, "{saved}");
}
