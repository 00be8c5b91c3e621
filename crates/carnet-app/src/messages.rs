//! Use cases of messages: the templates (carnet-core's built-in ones, the consultant's edits
//! and own ones), a template rendered for a customer or the sample customer, and a message
//! copied to send, logged on the timeline (its prompt done when it was sent) in one write.

use carnet_core::choices::{MergeField, Occasion, TextLanguage};
use carnet_core::followup::Prompt;
use carnet_core::history::{PromptAction, SaleDetails};
use carnet_core::profile::{Invalid, Problem, SHORT_MAX_CHARS, tidy};
use carnet_core::templates::{
    self, MessageFacts, Sender, Template, default_id, field_name, parse_default_id,
};
use carnet_core::{InteractionDraft, InteractionKind};
use carnet_store::Store;

use crate::followup::rules;
use crate::{
    App, AppError, ErrorKind, MergeFieldName, MessageInput, MessageRequest, RenderedMessage,
    TemplateDto, TemplateInput, TemplateList, Undo,
};

/// The current offer (优惠) messages name.
const CURRENT_OFFER: &str = "current_offer";

fn dto(t: Template, edited: bool) -> TemplateDto {
    TemplateDto {
        builtin: parse_default_id(&t.id).is_some(),
        edited,
        id: t.id,
        occasion: t.occasion,
        language: t.language,
        name: t.name,
        body: t.body,
    }
}

/// Every template: each built-in one (as edited, if it was), then the consultant's own, by
/// occasion and language.
fn all_templates(store: &Store) -> Result<Vec<TemplateDto>, AppError> {
    let saved = store.message_templates()?;
    let mut out: Vec<TemplateDto> = templates::defaults()
        .into_iter()
        .map(|d| match saved.iter().find(|s| s.id == d.id) {
            Some(edit) => dto(edit.clone(), true),
            None => dto(d, false),
        })
        .collect();
    out.extend(
        saved
            .into_iter()
            .filter(|s| parse_default_id(&s.id).is_none())
            .map(|s| dto(s, false)),
    );
    let rank = |t: &TemplateDto| {
        (
            Occasion::ALL.iter().position(|o| *o == t.occasion),
            TextLanguage::ALL.iter().position(|l| *l == t.language),
            !t.builtin,
        )
    };
    out.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}

/// A template by id: the consultant's (an edit of a built-in one included), else built in.
fn template(store: &Store, id: &str) -> Result<Template, AppError> {
    if let Some(saved) = store.message_template(id)? {
        return Ok(saved);
    }
    let (occasion, language) = parse_default_id(id).ok_or_else(|| AppError::not_found(id))?;
    let body =
        templates::default_body(occasion, language).ok_or_else(|| AppError::not_found(id))?;
    Ok(Template {
        id: id.to_owned(),
        occasion,
        language,
        name: templates::occasion_name(occasion, language).to_owned(),
        body: body.to_owned(),
    })
}

fn text_language(code: &str) -> TextLanguage {
    TextLanguage::parse(code).unwrap_or(TextLanguage::ZhHans)
}

impl App {
    /// Every template, the merge fields' names and the current offer.
    pub fn templates(&self) -> Result<TemplateList, AppError> {
        let store = self.store();
        Ok(TemplateList {
            templates: all_templates(&store)?,
            fields: MergeField::ALL
                .iter()
                .map(|f| MergeFieldName {
                    field: *f,
                    zh_hans: field_name(*f, TextLanguage::ZhHans).to_owned(),
                    zh_hant: field_name(*f, TextLanguage::ZhHant).to_owned(),
                    en: field_name(*f, TextLanguage::En).to_owned(),
                })
                .collect(),
            offer: store.setting(CURRENT_OFFER)?.unwrap_or_default(),
        })
    }

    /// Saves a template: a new one (empty id), the consultant's own, or a built-in one's edit
    /// (its occasion and language stay the built-in's). Checked first: a name, a body within
    /// the limit whose braces name only merge fields (an unknown one is named).
    pub fn save_template(&self, input: TemplateInput) -> Result<TemplateDto, AppError> {
        let name = tidy(&input.name);
        let body = input.body.trim().to_owned();
        templates::check(&name, &body)?;
        let store = self.store();
        let (id, occasion, language) = match input.id.trim() {
            "" => (
                uuid::Uuid::now_v7().to_string(),
                input.occasion,
                input.language,
            ),
            id => match parse_default_id(id) {
                Some((occasion, language)) => (id.to_owned(), occasion, language),
                None => {
                    store
                        .message_template(id)?
                        .ok_or_else(|| AppError::not_found(id))?;
                    (id.to_owned(), input.occasion, input.language)
                }
            },
        };
        let saved = Template {
            id,
            occasion,
            language,
            name,
            body,
        };
        store.write(|w| w.save_message_template(&saved))?;
        let edited = parse_default_id(&saved.id).is_some();
        Ok(dto(saved, edited))
    }

    /// Deletes one of the consultant's own templates (a built-in one is restored instead).
    pub fn delete_template(&self, id: &str) -> Result<(), AppError> {
        if parse_default_id(id).is_some() {
            return Err(Invalid::new(
                "id",
                Problem::InvalidChoice {
                    value: id.to_owned(),
                    allowed: vec![],
                },
            )
            .into());
        }
        if !self.store().write(|w| w.delete_message_template(id))? {
            return Err(AppError::not_found(id));
        }
        Ok(())
    }

    /// Puts a built-in template back as it came: its edit is deleted.
    pub fn restore_default_template(&self, id: &str) -> Result<TemplateDto, AppError> {
        let (occasion, language) = parse_default_id(id).ok_or_else(|| AppError::not_found(id))?;
        let store = self.store();
        store.write(|w| w.delete_message_template(id))?;
        Ok(dto(
            template(&store, &default_id(occasion, language))?,
            false,
        ))
    }

    /// Saves the current offer messages name as 优惠 (empty: none).
    pub fn set_current_offer(&self, offer: &str) -> Result<TemplateList, AppError> {
        let offer = tidy(offer);
        if offer.chars().count() > SHORT_MAX_CHARS {
            return Err(Invalid::new(
                "offer",
                Problem::TooLong {
                    max: SHORT_MAX_CHARS,
                },
            )
            .into());
        }
        self.store()
            .write(|w| w.set_setting(CURRENT_OFFER, &offer))?;
        self.templates()
    }

    /// A template rendered for a customer (or the sample customer): the text, and the fields
    /// with no value for them.
    pub fn render_message(&self, req: MessageRequest) -> Result<RenderedMessage, AppError> {
        let today = self.now().date();
        let settings = self.settings()?;
        let store = self.store();
        let customer_id = req.customer_id.trim();
        let prompt: Option<Prompt> = match req.prompt_key.trim() {
            // Nothing chosen: the first of the customer's prompts that calls for a message.
            "" if !customer_id.is_empty()
                && req.template_id.trim().is_empty()
                && req.occasion.is_none() =>
            {
                store
                    .customer_prompts(customer_id)?
                    .into_iter()
                    .find(|p| templates::occasion_of(p.kind, &p.params).is_some())
            }
            "" => None,
            key if customer_id.is_empty() => return Err(AppError::not_found(key)),
            key => Some(
                store
                    .customer_prompts(customer_id)?
                    .into_iter()
                    .find(|p| p.key == key)
                    .ok_or_else(|| AppError::not_found(key))?,
            ),
        };
        let language = req
            .language
            .unwrap_or_else(|| text_language(settings.language.code()));
        let chosen = match req.template_id.trim() {
            "" => {
                let occasion = req
                    .occasion
                    .or_else(|| {
                        prompt
                            .as_ref()
                            .and_then(|p| templates::occasion_of(p.kind, &p.params))
                    })
                    .ok_or_else(|| AppError::from(Invalid::new("occasion", Problem::Required)))?;
                template(&store, &default_id(occasion, language))?
            }
            id => template(&store, id)?,
        };
        let sample;
        let (profile, interactions, params) = if customer_id.is_empty() {
            sample = templates::sample(chosen.occasion, today);
            (
                sample.profile.clone(),
                sample.interactions.clone(),
                sample.prompt.clone(),
            )
        } else {
            let customer = store
                .customer(customer_id)?
                .ok_or_else(|| AppError::not_found(customer_id))?;
            (
                customer.profile,
                store.interactions(customer_id)?,
                prompt.as_ref().map(|p| p.params.clone()),
            )
        };
        let offer = store.setting(CURRENT_OFFER)?.unwrap_or_default();
        let sender = Sender {
            consultant: settings.consultant.name,
            phone: settings.consultant.phone,
            dealership: settings.consultant.dealership,
            offer,
        };
        let rules = rules(&store)?;
        let values = templates::merge_values(&MessageFacts {
            profile: &profile,
            interactions: &interactions,
            rules: &rules,
            sender: &sender,
            prompt: params.as_ref(),
            occasion: chosen.occasion,
            language: chosen.language,
            today,
        });
        let body = req.body.as_deref().unwrap_or(&chosen.body);
        let rendered = templates::render(body, &values)?;
        Ok(RenderedMessage {
            template_id: chosen.id,
            occasion: chosen.occasion,
            language: chosen.language,
            text: rendered.text,
            missing: rendered.missing,
            prompt_key: prompt.map(|p| p.key),
        })
    }

    /// Logs a message copied to send as a `message` interaction with its text, and when the
    /// consultant says it was sent, marks its prompt done: one write, with the prompt
    /// refresh. A text that still holds a merge field is refused, naming it.
    pub fn log_message(&self, input: MessageInput) -> Result<Undo, AppError> {
        let text = input.text.trim();
        if text.is_empty() {
            return Err(Invalid::new("text", Problem::Required).into());
        }
        let unfilled = templates::unfilled(text);
        if !unfilled.is_empty() {
            let fields = unfilled.join(" ");
            return Err(AppError::new(
                ErrorKind::UnfilledFields {
                    fields: fields.clone(),
                },
                format!("the message still has fields with no value: {fields}"),
            )
            .with_field("text"));
        }
        let facts = InteractionDraft {
            kind: InteractionKind::Message.code().into(),
            notes: text.to_owned(),
            ..InteractionDraft::default()
        }
        .validate(self.now())
        .map_err(|e| AppError::from(Invalid::new("text", e.problem)))?;
        let key = input.prompt_key.trim();
        let today = self.now().date();
        let id = self.store().write(|w| {
            let id = w
                .insert_interaction(&input.customer_id, &facts, &SaleDetails::default())?
                .ok_or_else(|| AppError::not_found(&input.customer_id))?;
            self.refreshed(w, &input.customer_id)?;
            if input.sent && !key.is_empty() {
                w.act_on_prompt(
                    &input.customer_id,
                    key,
                    PromptAction::Done,
                    None,
                    &rules(w)?,
                    today,
                )?;
            }
            Ok::<_, AppError>(id)
        })?;
        Ok(Undo {
            customer_id: input.customer_id,
            key: if input.sent {
                key.to_owned()
            } else {
                String::new()
            },
            interaction_id: Some(id),
        })
    }
}

#[cfg(test)]
mod tests;
