// Reading the fit rules' form: each number whole and within the range carnet-core declares
// (RULE_RANGES, from the bindings); the first one that is not is refused at its field before
// anything is sent. Rust checks them again.
import { RULE_RANGES, type FitRules } from '../../lib/bindings';
import type { ErrorText } from '../../lib/i18n/index.svelte';

/** The rules' numbers, in the form's order. */
export const FIT_FIELDS = ['typical_discount_pct', 'stretch_pct', 'long_range_km', 'roomy_boot_l'] as const;
export type FitField = (typeof FIT_FIELDS)[number];

export const FIT_RANGES: Record<FitField, { min: number; max: number }> = {
  typical_discount_pct: RULE_RANGES.typical_discount_pct,
  stretch_pct: RULE_RANGES.stretch_pct,
  long_range_km: RULE_RANGES.long_range_km,
  roomy_boot_l: RULE_RANGES.roomy_boot_l,
};

/** The form's numbers as typed (an `<input type=number>` bound to text gives a number or ''). */
export type FitTexts = Record<FitField, string | number>;

export function readFitRules(texts: FitTexts): { rules: FitRules } | { error: ErrorText } {
  const rules: Partial<FitRules> = {};
  for (const field of FIT_FIELDS) {
    const text = String(texts[field]).trim();
    const n = Number(text);
    const range = FIT_RANGES[field];
    if (text === '') return { error: { code: 'required', field, params: {} } };
    if (!Number.isInteger(n) || n < range.min || n > range.max) {
      return { error: { code: 'invalid_number', field, params: { value: text } } };
    }
    rules[field] = n;
  }
  return { rules: rules as FitRules };
}
