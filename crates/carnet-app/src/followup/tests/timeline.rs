use super::*;

#[test]
fn orders_deliveries_levels_and_complaints() {
    let app = app();
    let id = add(&app, "张三", "H");
    let err = app.record_order(
        &id,
        OrderInput {
            model: "汉".into(),
            price: "很贵".into(),
            ..OrderInput::default()
        },
    );
    assert_eq!(err.expect_err("price").field.as_deref(), Some("price"));
    app.record_order(
        &id,
        OrderInput {
            model: "汉".into(),
            price: "15.8万".into(),
            at: "2026-11-01".into(),
            ..OrderInput::default()
        },
    )
    .expect("order");
    let c = app.get_customer(&id).expect("get");
    assert_eq!(c.profile.level, Level::O);
    assert_eq!(c.interactions[0].price, Some(158_000));
    app.record_delivery(
        &id,
        DeliveryInput {
            at: "2026-11-22 10:00".into(),
            vin: "LGXC16DF5N0123456".into(),
            plate: "粤b 12345".into(),
        },
    )
    .expect("deliver");
    let c = app.get_customer(&id).expect("get");
    assert_eq!(c.profile.level, Level::D);
    assert_eq!(c.interactions[0].plate.as_deref(), Some("粤B12345"));
    assert_eq!(
        c.level_changes.len(),
        3,
        "N→H by edit, H→O by the order, O→D by the delivery"
    );
    assert_eq!(
        shown(&app.agenda(None, 3).expect("agenda")),
        ["张三: after_sale 2026-11-23, after_sale 2026-11-25"]
    );
    assert_eq!(
        app.record_delivery(
            &id,
            DeliveryInput {
                vin: "123".into(),
                ..DeliveryInput::default()
            }
        )
        .expect_err("vin")
        .field
        .as_deref(),
        Some("vin")
    );

    let complaint = app
        .log_interaction(
            &id,
            InteractionDraft {
                kind: "complaint".into(),
                notes: "交车时漆面有划痕".into(),
                ..InteractionDraft::default()
            },
        )
        .expect("complaint");
    assert!(shown(&app.agenda(None, 3).expect("agenda"))[0].contains("complaint 2026-11-26"));
    app.resolve_complaint(&complaint.id, "已补漆")
        .expect("resolve");
    assert!(
        shown(&app.agenda(None, 3).expect("agenda"))[0].contains("satisfaction_check 2026-11-28")
    );

    let lost = add(&app, "李四", "C");
    assert_eq!(
        app.set_level(&lost, Level::F, LevelInput::default())
            .expect_err("reason")
            .field
            .as_deref(),
        Some("lost_reason")
    );
    let input = |lost_reason: &str, competitor: &str, revisit: &str| LevelInput {
        reason: "买了别家".into(),
        revisit: revisit.into(),
        lost_reason: lost_reason.into(),
        competitor: competitor.into(),
    };
    assert_eq!(
        app.set_level(&lost, Level::F, input("cheap", "", ""))
            .expect_err("unknown reason")
            .field
            .as_deref(),
        Some("lost_reason")
    );
    assert_eq!(
        app.set_level(&lost, Level::F, input("price", "", "next spring"))
            .expect_err("bad day")
            .field
            .as_deref(),
        Some("revisit")
    );
    app.set_level(&lost, Level::F, input("竞品", "比亚迪 汉", ""))
        .expect("lost");
    let c = app.get_customer(&lost).expect("get");
    assert_eq!(
        (
            c.level_changes[0].lost_reason,
            c.level_changes[0].competitor.as_deref(),
            c.level_changes[0].reason.as_deref()
        ),
        (
            Some(carnet_core::LostReason::Competitor),
            Some("比亚迪 汉"),
            Some("买了别家")
        )
    );
    assert_eq!(
        c.level_changes[0].revisit.as_deref(),
        Some("2027-02-23"),
        "90 days on"
    );
    assert_eq!(
        app.log_interaction(
            &id,
            InteractionDraft {
                kind: "order".into(),
                ..InteractionDraft::default()
            }
        )
        .expect_err("orders have their own form")
        .field
        .as_deref(),
        Some("kind")
    );
}
