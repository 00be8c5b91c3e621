//! Use cases on the consultant's preferences.

use carnet_core::phone::Phone;
use carnet_core::profile::{
    DEFAULT_CHANNELS, Invalid, NAME_MAX_CHARS, Problem, SHORT_MAX_CHARS, channel_list, tidy,
};

use crate::{App, AppError, Consultant, Language, Settings};

const LANGUAGE: &str = "language";
const CONSULTANT_NAME: &str = "consultant_name";
const DEALERSHIP: &str = "dealership";
const CONSULTANT_PHONE: &str = "consultant_phone";
/// The channels, one a line; absent until the consultant changes the defaults.
const CHANNELS: &str = "channels";
/// "off" when the consultant turned reminders off; absent (on) otherwise.
const REMINDERS: &str = "reminders";

impl App {
    pub fn settings(&self) -> Result<Settings, AppError> {
        let store = self.store();
        let language = store
            .setting(LANGUAGE)?
            .and_then(|code| Language::from_code(&code))
            .unwrap_or_default();
        let text =
            |key| -> Result<String, AppError> { Ok(store.setting(key)?.unwrap_or_default()) };
        let channels = match store.setting(CHANNELS)? {
            Some(lines) => lines
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            None => DEFAULT_CHANNELS.iter().map(|c| (*c).to_owned()).collect(),
        };
        Ok(Settings {
            language,
            consultant: Consultant {
                name: text(CONSULTANT_NAME)?,
                dealership: text(DEALERSHIP)?,
                phone: text(CONSULTANT_PHONE)?,
            },
            channels,
            reminders: store.setting(REMINDERS)?.as_deref() != Some("off"),
        })
    }

    /// Turns reminders on or off (see `Settings::reminders`).
    pub fn set_reminders(&self, on: bool) -> Result<Settings, AppError> {
        self.store()
            .write(|w| w.set_setting(REMINDERS, if on { "on" } else { "off" }))?;
        self.settings()
    }

    /// Saves the channels a profile suggests, in the order given: each tidied, repeats and
    /// empty ones dropped; too many or too long refused naming `channels`.
    pub fn set_channels(&self, channels: Vec<String>) -> Result<Settings, AppError> {
        let channels = channel_list(&channels)?;
        self.store()
            .write(|w| w.set_setting(CHANNELS, &channels.join("\n")))?;
        self.settings()
    }

    /// Saves who keeps the book. The phone is checked and kept as shown (`138 1234 5678`).
    pub fn set_consultant(&self, input: Consultant) -> Result<Settings, AppError> {
        let name = tidy(&input.name);
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(Invalid::new(
                "name",
                Problem::TooLong {
                    max: NAME_MAX_CHARS,
                },
            )
            .into());
        }
        let dealership = tidy(&input.dealership);
        if dealership.chars().count() > SHORT_MAX_CHARS {
            return Err(Invalid::new(
                "dealership",
                Problem::TooLong {
                    max: SHORT_MAX_CHARS,
                },
            )
            .into());
        }
        let phone = match input.phone.trim() {
            "" => String::new(),
            raw => Phone::parse(raw)
                .ok_or_else(|| {
                    Invalid::new(
                        "phone",
                        Problem::InvalidPhone {
                            value: raw.to_owned(),
                        },
                    )
                })?
                .display(),
        };
        self.store().write(|w| {
            w.set_setting(CONSULTANT_NAME, &name)?;
            w.set_setting(DEALERSHIP, &dealership)?;
            w.set_setting(CONSULTANT_PHONE, &phone)
        })?;
        self.settings()
    }

    /// The language of exports and of the words an import adds (a tag, a label in the notes).
    pub(crate) fn export_lang(&self) -> Result<carnet_io::labels::Lang, AppError> {
        Ok(carnet_io::labels::Lang::from_code(
            self.settings()?.language.code(),
        ))
    }

    pub fn set_language(&self, language: Language) -> Result<Settings, AppError> {
        self.store()
            .write(|w| w.set_setting(LANGUAGE, language.code()))?;
        self.settings()
    }
}

#[cfg(test)]
mod tests {
    use crate::{App, Language};

    #[test]
    fn language_defaults_to_simplified_chinese_and_persists_in_the_book() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("carnet.db");
        let app = App::open(&path).expect("open");
        assert_eq!(app.settings().expect("settings").language, Language::ZhHans);
        assert_eq!(
            app.set_language(Language::En).expect("set").language,
            Language::En
        );
        drop(app);
        let reopened = App::open(&path).expect("reopen");
        assert_eq!(
            reopened.settings().expect("settings").language,
            Language::En
        );
    }

    #[test]
    fn the_consultant_is_kept_and_a_bad_phone_named() {
        let app = App::open_in_memory().expect("app");
        let saved = app
            .set_consultant(crate::Consultant {
                name: " 王芳 ".into(),
                dealership: "比亚迪南山店".into(),
                phone: "13812345678".into(),
            })
            .expect("save");
        assert_eq!(saved.consultant.name, "王芳");
        assert_eq!(saved.consultant.phone, "138 1234 5678");
        let err = app
            .set_consultant(crate::Consultant {
                phone: "我的电话".into(),
                ..saved.consultant.clone()
            })
            .expect_err("bad phone");
        assert_eq!(err.field.as_deref(), Some("phone"));
        assert_eq!(
            app.settings().expect("settings").consultant,
            saved.consultant,
            "unchanged"
        );
    }

    #[test]
    fn the_channels_start_as_the_defaults_and_are_kept_as_edited() {
        let app = App::open_in_memory().expect("app");
        assert_eq!(
            app.settings().expect("settings").channels,
            carnet_core::profile::DEFAULT_CHANNELS
        );
        let saved = app
            .set_channels(vec![
                " 小红书".into(),
                "抖音".into(),
                "小红书".into(),
                String::new(),
            ])
            .expect("saved");
        assert_eq!(saved.channels, ["小红书", "抖音"]);
        assert_eq!(
            app.settings().expect("settings").channels,
            ["小红书", "抖音"]
        );
        let refused = app
            .set_channels(vec!["长".repeat(51)])
            .expect_err("too long");
        assert_eq!(refused.field.as_deref(), Some("channels"));
        assert_eq!(
            app.set_channels(Vec::new()).expect("none").channels,
            Vec::<String>::new()
        );
        assert_eq!(
            app.settings().expect("settings").channels,
            Vec::<String>::new(),
            "an emptied list stays empty"
        );
    }
}
