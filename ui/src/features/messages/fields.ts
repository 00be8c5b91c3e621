// Merge fields as the UI handles them: their names come from Rust (TemplateList.fields);
// rendering and checking a template are Rust's. Here only what the editor and the composer
// need between two calls: the name a chip inserts, and whether a field the last render found
// missing is still written in the text the consultant is editing.
import type { AppError, MergeField, MergeFieldName, TextLanguage } from '../../lib/bindings';
import { format, renderError, type Dictionary } from '../../lib/i18n/index.svelte';

/** The name a template in `language` writes a field by (`称呼`, `稱呼`, `salutation`). */
export function fieldName(names: MergeFieldName[], field: MergeField, language: TextLanguage): string {
  const found = names.find((n) => n.field === field);
  if (!found) return field;
  return language === 'zh-Hans' ? found.zh_hans : language === 'zh-Hant' ? found.zh_hant : found.en;
}

/** Every spelling of a field in braces: `{称呼}`, `{稱呼}`, `{salutation}`. */
function spellings(names: MergeFieldName[], field: MergeField): string[] {
  const found = names.find((n) => n.field === field);
  const all = found ? [found.zh_hans, found.zh_hant, found.en] : [field];
  return [...new Set(all)].map((name) => `{${name}}`);
}

/** The fields a render found missing that the text still holds (the consultant may have removed them). */
export function stillMissing(text: string, missing: MergeField[], names: MergeFieldName[]): MergeField[] {
  return missing.filter((field) => spellings(names, field).some((s) => text.includes(s)));
}

/** The missing fields as the message writes them, for the warning: `{车型}、{车牌}`. */
export function missingList(fields: MergeField[], names: MergeFieldName[], language: TextLanguage, separator = '、'): string {
  return fields.map((f) => `{${fieldName(names, f, language)}}`).join(separator);
}

/** `text` with `{name}` put in at `at` (a caret position), and where the caret goes after it. */
export function insertField(text: string, at: number, name: string): { text: string; caret: number } {
  const token = `{${name}}`;
  const where = Math.max(0, Math.min(at, text.length));
  return { text: text.slice(0, where) + token + text.slice(where), caret: where + token.length };
}

/** An error about a template or a message, naming its field in the user's language. */
export function messageError(error: AppError, t: Dictionary): string {
  const label = t.messages.errorFields[error.field as keyof Dictionary['messages']['errorFields']];
  if (!label) return renderError(error, t);
  return format(t.errors[error.code], { ...error.params, field: label });
}
