// A profile field's value as text to read, in the UI's language.
import type { Budget, CustomerDetail, KeyFact, Language, ProfileDraft, TimeframeView } from '../../lib/bindings';
import { formatBirthday, formatBudget, formatModel, formatTimeframe, formatTimeframeTarget } from '../../lib/format';
import type { Dictionary } from '../../lib/i18n/index.svelte';
import { CHOICES, type ChoiceList } from './sections';

/** A field's label in the UI's language; the field's own name when the dictionary has none. */
export function fieldLabel(t: Dictionary, field: string): string {
  return (t.fields as Record<string, string>)[field] ?? field;
}

/** A choice's label; the consultant's own words (no code of the list) as they are. */
export function choiceLabel(t: Dictionary, list: ChoiceList, code: string): string {
  const labels = t.choices[list] as Record<string, string>;
  return labels[code] ?? code;
}

/** The shown value of a field, or '' when unknown. */
export function fieldValue(detail: CustomerDetail, field: keyof ProfileDraft, t: Dictionary, lang: Language): string {
  const sep = lang === 'en' ? ', ' : '、';
  switch (field) {
    case 'title':
      return detail.title ? t.choices.title[detail.title] : '';
    case 'phones':
      return detail.phone_views
        .map((p) => (p.verified ? p.display : `${p.display}（${t.customer.unverified}）`))
        .join(sep);
    case 'emails':
      return detail.emails.join(sep);
    case 'budget':
      return detail.budget ? formatBudget(detail.budget, t, lang) : (detail.budget_words ?? '');
    case 'models':
      return detail.models.map(formatModel).join(sep);
    case 'reason':
      return detail.reason ? t.choices.reason[detail.reason] : '';
    case 'purposes':
      return detail.purposes.map((p) => t.choices.purpose[p]).join(sep);
    case 'timeframe':
      return detail.timeframe_view ? formatTimeframe(detail.timeframe_view, t, lang) : '';
    case 'level':
      return `${detail.level} · ${t.choices.level[detail.level]}`;
    case 'decision_maker':
      return detail.decision_maker ? choiceLabel(t, 'decision_maker', detail.decision_maker) : '';
    case 'payment':
      return detail.payment ? t.choices.payment[detail.payment] : '';
    case 'source':
      return detail.source ? t.choices.source[detail.source] : '';
    case 'priorities':
      return detail.priorities.map((p, i) => `${i + 1}. ${t.choices.priority[p]}`).join('  ');
    case 'birthday':
      return detail.birthday ? formatBirthday(detail.birthday, t, lang) : '';
    case 'car_year':
      return detail.current_car.year === null ? '' : String(detail.current_car.year);
    case 'car_mileage':
      return detail.current_car.mileage === null ? '' : detail.current_car.mileage.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN');
    case 'car_brand':
      return detail.current_car.brand ?? '';
    case 'car_model':
      return detail.current_car.model ?? '';
    case 'car_plate':
      return detail.current_car.plate ?? '';
    case 'tags':
      return detail.tags.join(sep);
    case 'birthday_lunar':
      return '';
    default: {
      const value = detail[field];
      return typeof value === 'string' ? value : '';
    }
  }
}

/** What Rust read in a key fact's history value: a budget (null for words), a timeframe's target. */
export interface HistoryRead {
  budget?: Budget | null;
  timeframe?: TimeframeView | null;
}

/**
 * A key fact's old or new value from the history (kept in input form), as text to read; a
 * budget and a timeframe as Rust read them (`read`), shown as the profile shows them.
 */
export function changeValue(fact: KeyFact, value: string, t: Dictionary, lang: Language, read: HistoryRead = {}): string {
  if (value === '') return t.customer.unknownValue;
  const sep = lang === 'en' ? ', ' : '、';
  const codes = (list: ChoiceList) =>
    value
      .split(', ')
      .map((code) => (CHOICES[list].includes(code) ? choiceLabel(t, list, code) : code))
      .join(sep);
  switch (fact) {
    case 'budget':
      return read.budget ? formatBudget(read.budget, t, lang) : value;
    case 'timeframe': {
      // Older books kept a window's code; a target is shown as the profile shows it.
      const legacy = t.choices.timeframe as Record<string, string>;
      return legacy[value] ?? (read.timeframe ? formatTimeframeTarget(read.timeframe, t, lang) : value);
    }
    case 'purposes':
      return codes('purpose');
    case 'payment':
      return codes('payment');
    case 'decision_maker': {
      const [who = '', ...name] = value.split(' ');
      const label = CHOICES.decision_maker.includes(who) ? choiceLabel(t, 'decision_maker', who) : who;
      return [label, ...name].join(' ');
    }
    case 'models':
      return value
        .split(', ')
        .map((m) => m.split('/').filter((part) => part !== '').join(' · '))
        .join(sep);
    default:
      return value;
  }
}
