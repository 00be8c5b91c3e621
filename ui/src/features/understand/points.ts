// The brief's talking points in words: each point is a code with params (carnet-core's
// `TalkingPoint`), rendered here in the UI's language, the same words `carnet brief` prints.
import type { Language, Suggestion, TalkingPoint } from '../../lib/bindings';
import { format, type Dictionary } from '../../lib/i18n/index.svelte';
import { choiceLabel, fieldLabel } from '../profile/values';

/** A catalogue fact: its field's name, its value and the field's unit ("续航 605km"). */
function fact(t: Dictionary, field: string, value: string, unit: string): string {
  const label = (t.understand.trimFields as Record<string, string>)[field] ?? field;
  return `${label} ${value}${unit}`;
}

/** One talking point as a sentence. */
export function renderPoint(p: TalkingPoint, t: Dictionary, lang: Language): string {
  const w = t.understand.points;
  switch (p.code) {
    case 'birthday_greeting':
      return p.who === 'self' ? w.birthdaySelf : format(w.birthday, { who: choiceLabel(t, 'relation', p.who), name: p.name });
    case 'holiday_greeting':
      return format(w.holiday, { holiday: (t.prompt.holidays as Record<string, string>)[p.holiday] ?? p.holiday });
    case 'anniversary_greeting':
      return format(w.anniversary, { year: p.year });
    case 'book_after_sale':
      return w.book_after_sale[p.step];
    case 'ask_what_changed':
      return format(w.ask_what_changed, { level: p.level });
    case 'rebook':
      return format(w.rebook, { appointment: t.understand.appointments[p.appointment] });
    case 'confirm_appointment':
      return format(w.confirm_appointment, { appointment: t.understand.appointments[p.appointment] });
    case 'try_another_way':
      return format(w.try_another_way, { attempts: p.attempts });
    case 'win_back':
      return p.lost_reason ? format(w.win_backWhy, { reason: t.choices.lost_reason[p.lost_reason] }) : w.win_back;
    case 'keep_promise':
      return format(w.keep_promise, { promise: p.promise });
    case 'strategy':
      return format(w.strategy[p.strategy], { class: p.class.toUpperCase() });
    case 'fit':
      return p.for === 'worry'
        ? format(w.fitWorry, { trim: p.trim, fact: fact(t, p.field, p.value, p.unit) })
        : format(w.fitPriority, {
            trim: p.trim,
            fact: fact(t, p.field, p.value, p.unit),
            priority: p.priority ? t.choices.priority[p.priority] : '',
          });
    case 'ask_key_fact':
      return format(w.ask_key_fact, { fact: lang === 'en' ? t.choices.keyFact[p.fact].toLowerCase() : t.choices.keyFact[p.fact] });
    default:
      return w[p.code];
  }
}

/** A suggestion's value as the consultant reads it: a choice by its label, the rest as read. */
export function suggestionValue(s: Suggestion, t: Dictionary, lang: Language): string {
  const sep = lang === 'en' ? ', ' : '、';
  switch (s.field) {
    case 'decision_maker':
      return choiceLabel(t, 'decision_maker', s.value);
    case 'payment':
      return choiceLabel(t, 'payment', s.value);
    case 'purposes':
      return s.value
        .split(', ')
        .map((p) => choiceLabel(t, 'purpose', p))
        .join(sep);
    case 'timeframe':
      return s.said;
    default:
      return s.value;
  }
}

/** A chip's words: "预算 25万左右", "意向车型 汉 (原: 秦PLUS)". */
export function chipText(s: Suggestion, t: Dictionary, lang: Language): string {
  const text = `${fieldLabel(t, s.field)} ${suggestionValue(s, t, lang)}`;
  return s.old === null ? text : `${text} (${format(t.understand.was, { old: s.old })})`;
}
