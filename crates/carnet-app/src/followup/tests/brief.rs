use super::*;
use carnet_core::brief::Stage;
use carnet_core::catalogue::Trim;

fn has_test_drive(points: &[TalkingPoint]) -> bool {
    points.iter().any(|t| {
        matches!(
            t,
            TalkingPoint::OfferTestDrive | TalkingPoint::InviteDecisionMaker
        )
    })
}

#[test]
fn an_owner_calling_about_a_complaint_is_not_offered_a_test_drive() {
    let app = app();
    let id = add(&app, "张三", "H");
    app.edit_customer(
        &id,
        &[
            ("models".into(), "汉".into()),
            ("decision_maker".into(), "spouse".into()),
        ],
        false,
    )
    .expect("edit");
    // A prospect who wants a 汉 and has not driven one is invited.
    let brief = app.brief(&id, None).expect("brief");
    assert_eq!(brief.stage, Stage::Prospect);
    assert!(has_test_drive(&brief.talking_points), "{brief:?}");

    app.record_order(
        &id,
        OrderInput {
            model: "汉".into(),
            price: "22万".into(),
            at: "2026-10-01".into(),
            ..OrderInput::default()
        },
    )
    .expect("order");
    let brief = app.brief(&id, None).expect("brief");
    assert_eq!(brief.stage, Stage::Ordered);
    assert!(!has_test_drive(&brief.talking_points), "{brief:?}");
    assert!(brief.talking_points.contains(&TalkingPoint::DeliveryNews));

    app.record_delivery(
        &id,
        DeliveryInput {
            at: "2026-10-25 10:00".into(),
            ..DeliveryInput::default()
        },
    )
    .expect("deliver");
    app.log_interaction(
        &id,
        InteractionDraft {
            kind: "complaint".into(),
            notes: "车机经常死机".into(),
            ..InteractionDraft::default()
        },
    )
    .expect("complaint");
    let agenda = app.agenda(None, 7).expect("agenda");
    let complaint = agenda.rows[0]
        .prompts
        .iter()
        .find(|p| p.kind == carnet_core::PromptKind::Complaint)
        .expect("complaint prompt");
    let brief = app.brief(&id, Some(&complaint.key)).expect("brief");
    assert_eq!(brief.stage, Stage::Owner);
    assert_eq!(brief.prompt.as_ref().map(|p| &p.key), Some(&complaint.key));
    assert_eq!(
        brief.talking_points,
        [
            TalkingPoint::AcknowledgeComplaint,
            TalkingPoint::SayWhatWasDone,
            TalkingPoint::CheckSatisfaction
        ]
    );
}

#[test]
fn the_fit_comes_from_the_trim_the_wish_names() {
    let app = app();
    let id = add(&app, "李四", "A");
    app.edit_customer(
        &id,
        &[
            ("models".into(), "han ev".into()),
            ("priorities".into(), "power".into()),
        ],
        false,
    )
    .expect("edit");
    app.store()
        .write(|w| {
            w.save_trim(&Trim {
                id: "t1".into(),
                brand: "比亚迪".into(),
                series: "汉".into(),
                trim: "EV 605KM 尊贵型".into(),
                price: 229_800,
                power_kw: Some(180),
                aliases: vec!["汉EV".into()],
                ..Trim::default()
            })
        })
        .expect("trim");
    let brief = app.brief(&id, None).expect("brief");
    assert_eq!(brief.trim.as_deref(), Some("汉 EV 605KM 尊贵型"));
    assert!(
        brief.talking_points.iter().any(|t| matches!(
            t,
            TalkingPoint::Fit { field, value, .. } if field == "power_kw" && value == "180"
        )),
        "{brief:?}"
    );
}

#[test]
fn a_prospects_brief_names_the_trims_that_fit_best_and_an_owners_none() {
    let app = app();
    let id = add(&app, "王强", "A");
    app.edit_customer(
        &id,
        &[
            ("budget".into(), "15-25万".into()),
            ("purposes".into(), "长途".into()),
        ],
        false,
    )
    .expect("edit");
    // No catalogue: nothing to name.
    assert!(app.brief(&id, None).expect("brief").fits.is_empty());

    app.load_sample_catalogue().expect("sample");
    let brief = app.brief(&id, None).expect("brief");
    let suggested = app.suggest(&id).expect("suggest");
    assert_eq!(brief.fits.len(), crate::dto::BRIEF_FITS);
    assert_eq!(
        brief.fits,
        suggested.fits[..crate::dto::BRIEF_FITS],
        "the brief names the customer page's first fits"
    );

    app.record_order(
        &id,
        OrderInput {
            model: "汉".into(),
            price: "20万".into(),
            at: "2026-10-01".into(),
            ..OrderInput::default()
        },
    )
    .expect("order");
    assert!(app.brief(&id, None).expect("brief").fits.is_empty());
}
