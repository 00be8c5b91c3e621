//! Messages as front ends see them: the templates (built in, edited, the consultant's own),
//! a template rendered for a customer, and a message copied to send.

use carnet_core::choices::{MergeField, Occasion, TextLanguage};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A message template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateDto {
    /// `default:OCCASION:LANGUAGE` for a built-in template (edited or not), else the
    /// consultant's own template's id.
    pub id: String,
    pub occasion: Occasion,
    pub language: TextLanguage,
    pub name: String,
    pub body: String,
    /// Built in: it can be restored, not deleted.
    pub builtin: bool,
    /// A built-in template the consultant changed.
    pub edited: bool,
}

/// A merge field with the names templates write it by, in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeFieldName {
    pub field: MergeField,
    pub zh_hans: String,
    pub zh_hant: String,
    pub en: String,
}

/// Every template, by occasion then language, with the merge fields and the current offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateList {
    pub templates: Vec<TemplateDto>,
    pub fields: Vec<MergeFieldName>,
    /// The current offer (优惠) messages name, as the consultant words it; empty: none.
    pub offer: String,
}

/// A template as saved: an empty id adds one; a built-in template's id saves its edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateInput {
    pub id: String,
    pub occasion: Occasion,
    pub language: TextLanguage,
    pub name: String,
    pub body: String,
}

/// What to render: for a customer (empty: the sample customer, for a preview), a template
/// (its id) or an occasion's template in a language (default: the consultant's language),
/// for a prompt (its key) whose occasion it then takes; `body` renders that text instead of
/// the template's (the composer's edited text, the editor's draft).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MessageRequest {
    pub customer_id: String,
    pub occasion: Option<Occasion>,
    pub template_id: String,
    pub prompt_key: String,
    pub language: Option<TextLanguage>,
    pub body: Option<String>,
}

/// A message rendered for a customer: the text, and the fields with no value for them (left
/// in the text as written, `{车型}`), by their names in the template's language. A message
/// with a field missing is not copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RenderedMessage {
    pub template_id: String,
    pub occasion: Occasion,
    pub language: TextLanguage,
    pub text: String,
    pub missing: Vec<MergeField>,
    /// The prompt it answers, when there is one.
    pub prompt_key: Option<String>,
}

/// A message copied to send: logged on the timeline; `sent` marks its prompt done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MessageInput {
    pub customer_id: String,
    pub text: String,
    /// The prompt it answers ("" for none).
    pub prompt_key: String,
    pub sent: bool,
}
