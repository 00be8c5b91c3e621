//! A customer's profile as `carnet show` prints it.

use carnet_app::CustomerDetail;

use super::{Lang, field_label};

/// A customer's profile as text: one known field per line (as `edit --set` writes the
/// values), what is still unknown, the family and the history of key facts.
pub fn profile_text(c: &CustomerDetail, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = format!("{}\t{}\n", c.id, c.profile.name);
    for field in carnet_core::FIELDS.iter().skip(1).map(|f| &f.name) {
        let value = c.input.get(field).unwrap_or_default();
        if value.is_empty() || (*field == "birthday_lunar" && value == "false") {
            continue;
        }
        out.push_str(&format!("{}: {value}\n", field_label(field, lang)));
    }
    out.push_str(&if zh {
        format!("资料完整度: {}%\n", c.completeness)
    } else {
        format!("Complete: {}%\n", c.completeness)
    });
    if !c.unknown.is_empty() {
        let unknown: Vec<&str> = c
            .unknown
            .iter()
            .map(|f| field_label(f.code(), lang))
            .collect();
        let list = unknown.join(if zh { "、" } else { ", " });
        out.push_str(&if zh {
            format!("待了解: {list}\n")
        } else {
            format!("Still unknown: {list}\n")
        });
    }
    for m in &c.family {
        let i = &m.input;
        let lunar = if i.birthday_lunar {
            if zh { "（农历）" } else { " (lunar)" }
        } else {
            ""
        };
        out.push_str(&format!(
            "{}: {} {} {}{lunar}\n",
            if zh { "家人" } else { "Family" },
            i.relation,
            i.name,
            i.birthday
        ));
    }
    for change in &c.changes {
        let date = change.changed_at.get(..10).unwrap_or(&change.changed_at);
        out.push_str(&format!(
            "{date} {}: {} → {}\n",
            field_label(change.fact.code(), lang),
            if change.old_value.is_empty() {
                "-"
            } else {
                &change.old_value
            },
            if change.new_value.is_empty() {
                "-"
            } else {
                &change.new_value
            },
        ));
    }
    out.trim_end().to_owned()
}
