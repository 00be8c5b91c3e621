//! Quote sheets (报价单): a trim of the catalogue quoted for a customer, worked out by
//! carnet-core's `quote`, and saved to the timeline as a quote interaction with its sheet.

use carnet_core::InteractionDraft;
use carnet_core::catalogue::Trim;
use carnet_core::quote::{QuoteSettings, QuoteTerms, SavedQuote};
use carnet_core::{Customer, ModelWish};

use crate::{App, AppError, ErrorKind, Language, QuoteInput, QuoteTrim, QuoteView};

/// The quote settings, kept as one setting (their JSON).
const QUOTE_SETTINGS: &str = "quote_settings";
/// The down payment and term a quote starts from.
pub const DEFAULT_DOWN_PCT: u8 = 30;
pub const DEFAULT_TERM: u16 = 36;
/// At most this many names listed when a trim name matches none.
const CANDIDATES_MAX: usize = 30;

impl App {
    /// The consultant's quote defaults (insurance estimate, fees, how long a quote holds,
    /// the loan's rate and fee).
    pub fn quote_settings(&self) -> Result<QuoteSettings, AppError> {
        Ok(self
            .store()
            .setting(QUOTE_SETTINGS)?
            .and_then(|json| serde_json::from_str::<QuoteSettings>(&json).ok())
            .filter(|s| s.validate().is_ok())
            .unwrap_or_default())
    }

    /// Saves the quote defaults; a number out of its range is refused, naming its field.
    pub fn set_quote_settings(&self, settings: QuoteSettings) -> Result<QuoteSettings, AppError> {
        settings.validate()?;
        let json = serde_json::to_string(&settings).map_err(AppError::internal)?;
        self.store()
            .write(|w| w.set_setting(QUOTE_SETTINGS, &json))?;
        self.quote_settings()
    }

    /// The catalogue as a quote offers it: the trims of the models the customer wants first,
    /// then the rest, each in catalogue order.
    pub fn quote_trims(&self, customer_id: &str) -> Result<Vec<QuoteTrim>, AppError> {
        let customer = self.quoted_customer(customer_id)?;
        let trims = self.store().trims()?;
        let mut offered: Vec<QuoteTrim> = trims
            .iter()
            .map(|t| QuoteTrim {
                id: t.id.clone(),
                name: t.name(),
                brand: t.brand.clone(),
                year: t.year,
                price: t.price,
                energy: t.energy,
                seats: t.seats,
                intended: customer.profile.models.iter().any(|w| wanted(t, w)),
            })
            .collect();
        offered.sort_by_key(|t| !t.intended);
        Ok(offered)
    }

    /// The sheet for a customer and a trim, worked out now and not saved.
    pub fn quote(&self, customer_id: &str, input: &QuoteInput) -> Result<QuoteView, AppError> {
        let customer = self.quoted_customer(customer_id)?;
        let trim = find_trim(&self.store().trims()?, &input.trim)?;
        let terms = self.terms(&trim, input)?;
        let sheet = terms.sheet();
        let trim_name = trim.name();
        Ok(QuoteView {
            summary: summary(&trim_name, &sheet, self.settings()?.language),
            customer_id: customer.id,
            customer_name: customer.profile.name,
            trim_id: Some(trim.id),
            trim_name,
            terms,
            sheet,
            consultant: self.settings()?.consultant,
            interaction_id: None,
        })
    }

    /// Works the quote out and saves it: a quote interaction whose note sums it up, with the
    /// prompt refresh it causes, and the sheet beside it, in one unit of work.
    pub fn save_quote(&self, customer_id: &str, input: &QuoteInput) -> Result<QuoteView, AppError> {
        let mut view = self.quote(customer_id, input)?;
        let facts = InteractionDraft {
            kind: "quote".into(),
            notes: view.summary.clone(),
            ..Default::default()
        }
        .validate(self.now())?;
        let logged = self.store().write(|w| {
            let logged = self.record(w, customer_id, &facts, &Default::default(), None)?;
            w.save_quote(&SavedQuote {
                interaction_id: logged.id.clone(),
                customer_id: customer_id.to_owned(),
                trim_id: view.trim_id.clone(),
                trim_name: view.trim_name.clone(),
                terms: view.terms.clone(),
                sheet: view.sheet.clone(),
            })?;
            Ok::<_, AppError>(logged)
        })?;
        view.interaction_id = Some(logged.id);
        Ok(view)
    }

    /// A saved quote, re-opened from its interaction as it was quoted.
    pub fn quote_of(&self, interaction_id: &str) -> Result<QuoteView, AppError> {
        let saved = self
            .store()
            .quote(interaction_id)?
            .ok_or_else(|| not_a_quote(interaction_id))?;
        let customer = self.quoted_customer(&saved.customer_id)?;
        let settings = self.settings()?;
        let still_listed = match &saved.trim_id {
            Some(id) => self.store().trim(id)?.is_some(),
            None => false,
        };
        Ok(QuoteView {
            summary: summary(&saved.trim_name, &saved.sheet, settings.language),
            customer_id: saved.customer_id,
            customer_name: customer.profile.name,
            trim_id: saved.trim_id.filter(|_| still_listed),
            trim_name: saved.trim_name,
            terms: saved.terms,
            sheet: saved.sheet,
            consultant: settings.consultant,
            interaction_id: Some(saved.interaction_id),
        })
    }

    fn quoted_customer(&self, id: &str) -> Result<Customer, AppError> {
        self.store()
            .customer(id)?
            .filter(|c| c.deleted_at.is_none())
            .ok_or_else(|| AppError::not_found(id))
    }

    /// The input with every default applied, checked.
    fn terms(&self, trim: &Trim, input: &QuoteInput) -> Result<QuoteTerms, AppError> {
        let defaults = self.quote_settings()?;
        let settings = QuoteSettings {
            commercial_pct: input.commercial_pct.unwrap_or(defaults.commercial_pct),
            plate_fee: input.plate_fee.unwrap_or(defaults.plate_fee),
            service_fee: input.service_fee.unwrap_or(defaults.service_fee),
            valid_days: defaults.valid_days,
            apr: input.apr.unwrap_or(defaults.apr),
            loan_fee: input.loan_fee.unwrap_or(defaults.loan_fee),
        };
        let terms = QuoteTerms {
            date: self.now().date(),
            guide_price: trim.price,
            discount: input.discount.unwrap_or(0),
            accessories: input.accessories.unwrap_or(0),
            energy: trim.energy,
            seats: trim.seats,
            compulsory: input.compulsory,
            commercial: input.commercial,
            settings,
            down_pct: input.down_pct.unwrap_or(DEFAULT_DOWN_PCT),
            term: input.term.unwrap_or(DEFAULT_TERM),
        };
        terms.validate()?;
        Ok(terms)
    }
}

fn not_a_quote(id: &str) -> AppError {
    AppError::new(
        ErrorKind::NotFound { id: id.to_owned() },
        format!("no saved quote is the interaction {id}"),
    )
}

/// Lower case, without spaces or punctuation between words: how names are compared.
fn folded(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a customer's wish names this trim's series (or one of its aliases), or part of
/// it (`唐` for `唐DM-i`).
fn wanted(trim: &Trim, wish: &ModelWish) -> bool {
    let wish = folded(&wish.model);
    !wish.is_empty()
        && std::iter::once(&trim.series)
            .chain(&trim.aliases)
            .map(|name| folded(name))
            .any(|name| !name.is_empty() && (wish.contains(&name) || name.contains(&wish)))
}

/// The one trim `text` names: its id; else its whole name; else its series or an alias, when
/// one trim has it; else the trims whose name holds every word typed. None or several: an
/// error on `trim` listing the candidates.
pub(crate) fn find_trim(trims: &[Trim], text: &str) -> Result<Trim, AppError> {
    let text = text.trim();
    if let Some(t) = trims.iter().find(|t| t.id == text) {
        return Ok(t.clone());
    }
    let typed = folded(text);
    let words: Vec<String> = text
        .split_whitespace()
        .map(folded)
        .filter(|w| !w.is_empty())
        .collect();
    let stages: [&dyn Fn(&Trim) -> bool; 3] = [
        &|t| folded(&t.name()) == typed,
        &|t| {
            std::iter::once(&t.series)
                .chain(&t.aliases)
                .any(|n| folded(n) == typed)
        },
        &|t| {
            let name = format!(
                "{}{}{}",
                folded(&t.name()),
                folded(&t.brand),
                folded(&t.aliases.join(""))
            );
            !words.is_empty() && words.iter().all(|w| name.contains(w.as_str()))
        },
    ];
    if !typed.is_empty() {
        for matches in stages {
            let found: Vec<&Trim> = trims.iter().filter(|t| matches(t)).collect();
            match found.as_slice() {
                [] => continue,
                [one] => return Ok((*one).clone()),
                several => return Err(not_one_trim(text, several, "matches several trims")),
            }
        }
    }
    let all: Vec<&Trim> = trims.iter().take(CANDIDATES_MAX).collect();
    Err(not_one_trim(text, &all, "matches no trim of the catalogue"))
}

/// `text` names no trim or several: the candidates by name (with the id where names repeat).
fn not_one_trim(text: &str, candidates: &[&Trim], why: &str) -> AppError {
    let names: Vec<String> = candidates.iter().map(|t| t.name()).collect();
    let allowed = candidates
        .iter()
        .zip(&names)
        .map(|(t, name)| {
            if names.iter().filter(|n| *n == name).count() > 1 {
                format!("{name} ({})", t.id)
            } else {
                name.clone()
            }
        })
        .collect();
    AppError::new(
        ErrorKind::InvalidChoice {
            value: text.to_owned(),
            allowed,
        },
        format!("the trim {text:?} {why}"),
    )
    .with_field("trim")
}

/// Yuan with thousands separators: 4512 → "4,512".
pub fn grouped(yuan: u64) -> String {
    let digits = yuan.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 216,149 → "21.6": tens of thousands, one decimal, no trailing ".0".
fn wan(yuan: u64) -> String {
    let tenths = (yuan + 500) / 1_000;
    if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// The note a saved quote is logged with: "汉 EV 605KM 尊贵型 落地 21.6万，首付30% 36期 月供 4,512".
pub fn summary(
    trim_name: &str,
    sheet: &carnet_core::quote::QuoteSheet,
    language: Language,
) -> String {
    let f = &sheet.finance;
    let total = wan(sheet.total);
    let monthly = grouped(f.monthly);
    match (language, f.loan) {
        (Language::En, 0) => format!(
            "{trim_name}: {} yuan on the road, cash",
            grouped(sheet.total)
        ),
        (Language::En, _) => format!(
            "{trim_name}: {} yuan on the road, {}% down, {} months at {monthly} a month",
            grouped(sheet.total),
            f.down_pct,
            f.term
        ),
        (Language::ZhHant, 0) => format!("{trim_name} 落地 {total}萬，全款"),
        (Language::ZhHant, _) => format!(
            "{trim_name} 落地 {total}萬，頭期{}% {}期 月付 {monthly}",
            f.down_pct, f.term
        ),
        (Language::ZhHans, 0) => format!("{trim_name} 落地 {total}万，全款"),
        (Language::ZhHans, _) => format!(
            "{trim_name} 落地 {total}万，首付{}% {}期 月供 {monthly}",
            f.down_pct, f.term
        ),
    }
}

#[cfg(test)]
mod tests;
