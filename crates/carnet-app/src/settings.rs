//! Use cases on the consultant's preferences.

use crate::{App, AppError, Language, Settings};

const LANGUAGE: &str = "language";

impl App {
    pub fn settings(&self) -> Result<Settings, AppError> {
        let language = self
            .store()
            .setting(LANGUAGE)?
            .and_then(|code| Language::from_code(&code))
            .unwrap_or_default();
        Ok(Settings { language })
    }

    pub fn set_language(&self, language: Language) -> Result<Settings, AppError> {
        self.store().set_setting(LANGUAGE, language.code())?;
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
}
