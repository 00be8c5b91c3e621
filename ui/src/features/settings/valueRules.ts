// Reading the Value & tiers form: amounts typed in 万 (Chinese) or yuan (English) become
// yuan, and a number out of its range is refused at its field before anything is sent.
import { RULE_RANGES, type Level, type ValueRules } from '../../lib/bindings';
import type { ErrorText } from '../../lib/i18n/index.svelte';

/**
 * The ranges ValueRules::validate checks, from the bindings (carnet-core's differentiate.rs);
 * Rust checks them again whatever the form lets through.
 */
export const VALUE_RANGES = {
  yuan: RULE_RANGES.value_min_yuan,
  months: RULE_RANGES.inactive_months,
  percent: RULE_RANGES.percent,
} as const;

/** The form's numbers as typed (an `<input type=number>` bound to text gives a number or ''). */
export type ValueTexts = {
  top_min: string | number;
  large_min: string | number;
  medium_min: string | number;
  inactive_months: string | number;
  referral_percent: string | number;
  likelihoods: Partial<Record<Level, string | number>>;
};

/** The field a refusal names ('' for none). */
export function fieldOf(error: ErrorText): string {
  return error.field ?? '';
}

type Read = { rules: ValueRules } | { error: ErrorText };

function refuse(field: string, typed: string | number, extra: Record<string, string> = {}): { error: ErrorText } {
  const value = String(typed).trim();
  return { error: value === '' ? { code: 'required', field, params: extra } : { code: 'invalid_number', field, params: { value, ...extra } } };
}

function whole(typed: string | number, range: { min: number; max: number }): number | null {
  const text = String(typed).trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= range.min && n <= range.max ? n : null;
}

/** The rules the form says, or the first number it cannot send. */
export function readValueRules(texts: ValueTexts, levels: readonly Level[], inWan: boolean): Read {
  const amounts: Partial<Record<'top_min' | 'large_min' | 'medium_min', number>> = {};
  for (const field of ['medium_min', 'large_min', 'top_min'] as const) {
    const text = String(texts[field]).trim();
    const n = text === '' ? NaN : Number(text);
    const yuan = Number.isFinite(n) ? Math.round(inWan ? n * 10000 : n) : NaN;
    if (!(yuan >= VALUE_RANGES.yuan.min && yuan <= VALUE_RANGES.yuan.max)) return refuse(field, texts[field]);
    amounts[field] = yuan;
  }
  // As Rust checks them: each threshold above the one below it.
  if (amounts.large_min! <= amounts.medium_min!) return refuse('large_min', texts.large_min);
  if (amounts.top_min! <= amounts.large_min!) return refuse('top_min', texts.top_min);
  const months = whole(texts.inactive_months, VALUE_RANGES.months);
  if (months === null) return refuse('inactive_months', texts.inactive_months);
  const referral = whole(texts.referral_percent, VALUE_RANGES.percent);
  if (referral === null) return refuse('referral_percent', texts.referral_percent);
  const likelihoods = [];
  for (const level of levels) {
    const typed = texts.likelihoods[level] ?? '';
    const percent = whole(typed, VALUE_RANGES.percent);
    if (percent === null) return refuse('likelihood', typed, { level });
    likelihoods.push({ level, percent });
  }
  return {
    rules: {
      top_min: amounts.top_min!,
      large_min: amounts.large_min!,
      medium_min: amounts.medium_min!,
      inactive_months: months,
      referral_percent: referral,
      likelihoods,
    },
  };
}
