//! Column headers and sheet names in the three languages of the UI. Exports write them; the
//! import recognises all of them (with the other common headers in [`crate::mapping`]), so a
//! book exported in any language reads back.

/// The language an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    ZhHans,
    ZhHant,
    En,
}

impl Lang {
    /// From the UI's language code ("zh-Hans", "zh-Hant", "en"); Simplified Chinese otherwise.
    pub fn from_code(code: &str) -> Lang {
        match code {
            "zh-Hant" => Lang::ZhHant,
            "en" => Lang::En,
            _ => Lang::ZhHans,
        }
    }

    pub fn is_chinese(self) -> bool {
        self != Lang::En
    }
}

/// The labels, in the three languages: export headers and sheet names (which the import
/// recognises too), and every field's label on the command line and in the UI's form. One
/// dictionary for all front ends; see the file's head for its form.
const SOURCE: &str = include_str!("labels.tsv");

/// Which front end a label is for, where they say it differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Front {
    /// Every front end: exports, imports, and the CLI and UI unless they say otherwise.
    All,
    /// The UI's profile form (`key@form`).
    Form,
    /// The command line (`key@cli`).
    Cli,
}

/// One line of `labels.tsv`: a key's label in 简体, 繁體 and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub key: &'static str,
    front: Front,
    texts: [&'static str; 3],
}

impl Label {
    /// The label in `lang`; `None` where it is the general label's (`-`).
    fn text(&self, lang: Lang) -> Option<&'static str> {
        let text = self.texts[match lang {
            Lang::ZhHans => 0,
            Lang::ZhHant => 1,
            Lang::En => 2,
        }];
        (text != "-").then_some(text)
    }

    /// The label in every language.
    pub fn texts(&self) -> impl Iterator<Item = &'static str> {
        self.texts.into_iter()
    }
}

fn parse(source: &'static str) -> Vec<Label> {
    source
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            let [key, hans, hant, en] = columns[..] else {
                panic!("labels.tsv: {line:?} is not a key and three labels");
            };
            let (key, front) = match key.split_once('@') {
                None => (key, Front::All),
                Some((key, "form")) => (key, Front::Form),
                Some((key, "cli")) => (key, Front::Cli),
                Some(_) => panic!("labels.tsv: {key:?} is for no front end Carnet has"),
            };
            Label {
                key,
                front,
                texts: [hans, hant, en],
            }
        })
        .collect()
}

static LABELS: std::sync::LazyLock<Vec<Label>> = std::sync::LazyLock::new(|| parse(SOURCE));

/// The labels every front end uses (export headers, sheet names), each key once.
pub fn labels() -> impl Iterator<Item = &'static Label> {
    LABELS.iter().filter(|l| l.front == Front::All)
}

fn find(key: &str, front: Front) -> Option<&'static Label> {
    LABELS.iter().find(|l| l.key == key && l.front == front)
}

/// The label of `key` in `lang` (the key itself when it has none): export headers, sheet
/// names, the import's own headers. Profile fields use their names in [`carnet_core::FIELDS`].
pub fn label(key: &str, lang: Lang) -> &str {
    find(key, Front::All)
        .and_then(|l| l.text(lang))
        .unwrap_or(key)
}

fn label_on(front: Front, key: &str, lang: Lang) -> &str {
    find(key, front)
        .and_then(|l| l.text(lang))
        .unwrap_or_else(|| label(key, lang))
}

/// The label of `key` as the UI's profile form shows it.
pub fn form_label(key: &str, lang: Lang) -> &str {
    label_on(Front::Form, key, lang)
}

/// The label of `key` as the command line shows it.
pub fn cli_label(key: &str, lang: Lang) -> &str {
    label_on(Front::Cli, key, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGS: [Lang; 3] = [Lang::ZhHans, Lang::ZhHant, Lang::En];

    #[test]
    fn every_profile_field_has_a_label_in_each_language() {
        for field in carnet_core::FIELDS.iter().map(|f| f.name) {
            for lang in LANGS {
                assert_ne!(label(field, lang), field, "{field} in {lang:?}");
            }
        }
    }

    #[test]
    fn each_key_is_labelled_once_for_each_front_end() {
        for (i, l) in LABELS.iter().enumerate() {
            assert!(
                !LABELS[..i]
                    .iter()
                    .any(|o| o.key == l.key && o.front == l.front),
                "{} twice",
                l.key
            );
            assert!(l.texts().all(|t| !t.trim().is_empty()), "{}", l.key);
        }
        assert_eq!(label("level", Lang::ZhHans), "级别");
        assert_eq!(form_label("level", Lang::ZhHant), "意向級別");
        assert_eq!(
            form_label("priorities", Lang::ZhHans),
            "看重排序",
            "- is the label's"
        );
        assert_eq!(cli_label("phones", Lang::En), "Phones");
        assert_eq!(cli_label("phones", Lang::ZhHans), "电话");
        assert_eq!(cli_label("current_car", Lang::En), "Current car");
        assert_eq!(cli_label("shoe_size", Lang::En), "shoe_size");
    }

    /// The `fields` dictionary of one of the UI's languages: key → text.
    fn ui_fields(lang: &str) -> Vec<(String, String)> {
        let path = format!(
            "{}/../../ui/src/lib/i18n/{lang}.ts",
            env!("CARGO_MANIFEST_DIR")
        );
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let start = source
            .find("\n  fields: {\n")
            .unwrap_or_else(|| panic!("{path}: no fields dictionary"));
        source[start..]
            .lines()
            .skip(2)
            .take_while(|line| line.trim() != "},")
            .filter_map(|line| {
                let (key, text) = line.trim().split_once(": ")?;
                let text = text.trim_end_matches(',');
                let quoted = ['\'', '"']
                    .iter()
                    .find_map(|q| text.strip_prefix(*q)?.strip_suffix(*q))?;
                Some((key.to_owned(), quoted.to_owned()))
            })
            .collect()
    }

    /// The UI's dictionaries are TypeScript; their field labels are the ones here.
    #[test]
    fn the_ui_labels_every_field_as_this_dictionary_does() {
        for (code, lang) in [
            ("zh-Hans", Lang::ZhHans),
            ("zh-Hant", Lang::ZhHant),
            ("en", Lang::En),
        ] {
            let ui = ui_fields(code);
            assert!(ui.len() > carnet_core::FIELDS.len(), "{code}: {ui:?}");
            for field in carnet_core::FIELDS.iter().map(|f| f.name) {
                let shown = ui
                    .iter()
                    .find(|(key, _)| key == field)
                    .map(|(_, text)| text.as_str());
                assert_eq!(
                    shown,
                    Some(form_label(field, lang)),
                    "ui/src/lib/i18n/{code}.ts fields.{field} (labels.tsv: {field}@form or {field})"
                );
            }
        }
    }
}
