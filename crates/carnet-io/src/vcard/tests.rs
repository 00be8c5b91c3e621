use super::*;

fn fixture(name: &str) -> Vec<Card> {
    let path = format!(
        "{}/../../tests/fixtures/vcard-syntax/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("fixture");
    parse(&crate::text::decode(&bytes).0)
}

fn card(name: &str, phones: &[&str]) -> Card {
    Card {
        name: name.into(),
        phones: phones.iter().map(|p| (*p).to_owned()).collect(),
        ..Card::default()
    }
}

#[test]
fn quoted_printable_with_soft_breaks() {
    let cards = fixture("qp-soft-breaks-2.1.vcf");
    assert_eq!(
        cards,
        vec![
            Card {
                notes: "备注：想看汉，周末来".into(),
                ..card("张三", &["138-1234-5678", "010-65528899"])
            },
            card("王五", &["+86 139 0000 1111"]),
        ]
    );
}

#[test]
fn gb2312_and_malformed_quoted_printable() {
    let cards = fixture("gb2312-qp-malformed-2.1.vcf");
    assert_eq!(cards.len(), 1);
    let c = &cards[0];
    assert_eq!(c.name, "李四");
    assert_eq!(c.company, "腾讯");
    assert_eq!(c.occupation, "Engineer");
    assert_eq!(c.phones, vec!["(0755) 8601 3388", "13712345678"]);
    assert_eq!(c.notes, "bad =ZZ escape and a trailing");
}

#[test]
fn groups_folding_escapes_and_addresses() {
    let cards = fixture("groups-folding-escapes-3.0.vcf");
    assert_eq!(
        cards,
        vec![Card {
            company: "深圳市南山区实验学校".into(),
            notes: "周末带孩子来看过唐, 想要七座\nSUV 续行".into(),
            birthday: "1988-07-20".into(),
            address: "中国广东省深圳市科技园路1号".into(),
            ..card("陈静", &["+86 186 2000 3000"])
        }]
    );
}

#[test]
fn cards_without_a_name_or_an_end_are_kept() {
    let cards = fixture("no-name-no-end-3.0.vcf");
    assert_eq!(
        cards,
        vec![
            Card {
                emails: vec!["li@example.com".into()],
                ..card("Li Ming", &["135 0000 2222"])
            },
            card("", &["136 0000 3333"]),
            card("赵六", &["137 0000 4444"]),
        ]
    );
}

#[test]
fn version_4_uris_and_mixed_line_ends() {
    let cards = fixture("uris-mixed-line-ends-4.0.vcf");
    assert_eq!(
        cards,
        vec![
            Card {
                birthday: "--0312".into(),
                ..card("孙七", &["+86-138-0000-5555"])
            },
            Card {
                birthday: "19900101".into(),
                ..card("周八", &["+86-138-0000-6666"])
            },
        ]
    );
}

#[test]
fn structured_names_read_in_each_culture_s_order() {
    let cards =
        parse("BEGIN:VCARD\nN:Smith;John;Q;;\nEND:VCARD\nBEGIN:VCARD\nN:欧阳;娜娜;;;\nEND:VCARD");
    assert_eq!(cards[0].name, "John Q Smith");
    assert_eq!(cards[1].name, "欧阳娜娜");
}

#[test]
fn lines_outside_cards_and_garbage_are_ignored() {
    let cards = parse("garbage\nTEL:1\nBEGIN:VCARD\nno colon here\nFN:甲\nEND:VCARD\n\u{0}\u{1}");
    assert_eq!(cards, vec![card("甲", &[])]);
}
