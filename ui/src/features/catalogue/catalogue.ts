// The catalogue's words and values for the screen. The fields themselves (their codes, kinds,
// bounds and choices) come from Rust's TRIM_FIELDS in the bindings; this only names them in
// the UI's language.
import type { Trim, TrimDto } from '../../lib/bindings';
import { TRIM_FIELDS } from '../../lib/bindings';
import type { Dictionary } from '../../lib/i18n/index.svelte';

export type TrimFieldSpec = (typeof TRIM_FIELDS)[number];

/** A field's label in the UI's language (Rust's first header word if the dictionary has none). */
export function fieldLabel(t: Dictionary, code: string): string {
  const labels: Record<string, string> = t.catalogue.fields;
  return labels[code] ?? TRIM_FIELDS.find((f) => f.code === code)?.headers[0] ?? code;
}

/** A closed list's value (energy, body, drivetrain) in the UI's language. */
export function choiceLabel(t: Dictionary, code: string): string {
  const labels: Record<string, string> = t.catalogue.choices;
  return labels[code] ?? code;
}

/** Every field's text, empty: the form of a new trim. */
export function emptyTexts(): Record<string, string> {
  return Object.fromEntries(TRIM_FIELDS.map((f) => [f.code, '']));
}

/** The texts of a trim as the form edits them (what Rust sent, every field present). */
export function textsOf(dto: TrimDto): Record<string, string> {
  const texts = emptyTexts();
  for (const [code, text] of Object.entries(dto.texts)) texts[code] = text ?? '';
  return texts;
}

/** The electric range (km) or the fuel use (L/100 km) of a trim, as the list shows it. */
export function rangeOrFuel(trim: Trim): string {
  const parts: string[] = [];
  if (trim.range_km !== null) parts.push(`${trim.range_km} km`);
  if (trim.fuel_l100 !== null) parts.push(`${trim.fuel_l100} L/100km`);
  return parts.join(' · ');
}
