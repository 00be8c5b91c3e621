//! The `message_templates` table: the consultant's own message templates and the built-in
//! ones they edited (under the built-in's id; deleting the row restores the default).

use carnet_core::choices::{Occasion, TextLanguage};
use carnet_core::templates::Template;
use rusqlite::params;

use crate::rows::collect_rows;
use crate::{Store, StoreError, Write};

type Row = (String, String, String, String, String);

fn decode((id, occasion, language, name, body): Row) -> Result<Template, StoreError> {
    let bad = |what: &str, value: &str| {
        StoreError::Corrupt(format!("message template {id} has the {what} {value:?}"))
    };
    let occasion = Occasion::ALL
        .iter()
        .copied()
        .find(|o| o.code() == occasion)
        .ok_or_else(|| bad("occasion", &occasion))?;
    let language = TextLanguage::ALL
        .iter()
        .copied()
        .find(|l| l.code() == language)
        .ok_or_else(|| bad("language", &language))?;
    Ok(Template {
        id,
        occasion,
        language,
        name,
        body,
    })
}

const COLUMNS: &str = "id, occasion, language, name, body";

impl Store {
    /// The templates the consultant saved, by occasion, language and name.
    pub fn message_templates(&self) -> Result<Vec<Template>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM message_templates ORDER BY occasion, language, name, id"
        ))?;
        let rows = collect_rows(stmt.query([])?, |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        rows.into_iter().map(decode).collect()
    }

    /// One saved template, if there is one with this id.
    pub fn message_template(&self, id: &str) -> Result<Option<Template>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM message_templates WHERE id = ?1"
        ))?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(r) => decode((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)).map(Some),
            None => Ok(None),
        }
    }
}

impl Write<'_> {
    /// Adds the template, or replaces the one with its id (its creation time kept).
    pub fn save_message_template(&self, t: &Template) -> Result<(), StoreError> {
        let now = self.now_text();
        self.conn()
            .prepare_cached(
                "INSERT INTO message_templates
                     (id, occasion, language, name, body, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT (id) DO UPDATE SET occasion = excluded.occasion,
                     language = excluded.language, name = excluded.name,
                     body = excluded.body, updated_at = excluded.updated_at",
            )?
            .execute(params![
                t.id,
                t.occasion.code(),
                t.language.code(),
                t.name,
                t.body,
                now
            ])?;
        Ok(())
    }

    /// Removes a saved template (for a built-in one: its edit, so the default is back);
    /// whether there was one.
    pub fn delete_message_template(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .prepare_cached("DELETE FROM message_templates WHERE id = ?1")?
            .execute([id])?
            > 0)
    }
}

#[cfg(test)]
mod tests {
    use carnet_core::choices::{Occasion, TextLanguage};
    use carnet_core::templates::{Template, default_id};

    use crate::Store;

    #[test]
    fn templates_are_kept_listed_in_order_replaced_by_id_and_deleted() {
        let store = Store::open_in_memory().expect("open");
        let edited = Template {
            id: default_id(Occasion::Birthday, TextLanguage::ZhHans),
            occasion: Occasion::Birthday,
            language: TextLanguage::ZhHans,
            name: "生日祝福".into(),
            body: "{称呼}，生日快乐！".into(),
        };
        let own = Template {
            id: "t-own".into(),
            occasion: Occasion::AfterTestDrive,
            language: TextLanguage::En,
            name: "Short".into(),
            body: "Thanks, {salutation}!".into(),
        };
        store
            .write(|w| {
                w.save_message_template(&own)?;
                w.save_message_template(&edited)
            })
            .expect("save");
        assert_eq!(
            store.message_templates().expect("list"),
            vec![own.clone(), edited.clone()]
        );
        let again = Template {
            body: "{称呼}，生日快乐！祝您万事顺意。".into(),
            ..edited.clone()
        };
        store
            .write(|w| w.save_message_template(&again))
            .expect("replace");
        assert_eq!(
            store.message_template(&edited.id).expect("get"),
            Some(again)
        );
        assert!(
            store
                .write(|w| w.delete_message_template(&edited.id))
                .expect("delete")
        );
        assert!(
            !store
                .write(|w| w.delete_message_template(&edited.id))
                .expect("again")
        );
        assert_eq!(store.message_template(&edited.id).expect("get"), None);
        assert_eq!(store.message_templates().expect("list"), vec![own]);
    }
}
