// Yuan on a quote sheet: whole yuan, grouped by thousands (`229,800`), in every language —
// a quote is read to the yuan, never rounded to 万.
export function yuan(amount: number): string {
  return Math.round(amount).toLocaleString('en-US');
}

/** A number typed in a quote's box: empty is none (the setting's default applies). */
export function typed(text: string): number | null {
  const trimmed = text.trim().replace(/[,，]/g, '');
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
