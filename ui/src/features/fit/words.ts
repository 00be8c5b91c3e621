// The fit in words: a reason (or why a trim is ruled out) rendered from its code and params
// in the UI's language, and a comparison's cells. Nothing here decides anything: carnet-core's
// fit chose the reasons, the best values and what differs.
import type { CompareCell, CompareRow, FitReason, Language } from '../../lib/bindings';
import { formatMoney } from '../../lib/format';
import { format, type Dictionary } from '../../lib/i18n/index.svelte';

type FitWords = Dictionary['fit'];

/** How the family of a seven-seater is said: 二胎家庭, 三胎家庭, or the number of children. */
function childrenWord(children: number, words: FitWords): string {
  if (children === 2) return words.children.two;
  if (children === 3) return words.children.three;
  return format(words.children.many, { children });
}

/** A reason a trim fits, or why it is ruled out, in words ("续航 605 km：常跑长途"). */
export function reasonText(reason: FitReason, t: Dictionary, lang: Language): string {
  const words = t.fit;
  const money = (yuan: number) => formatMoney(yuan, t, lang);
  const template = words.reasons[reason.code];
  switch (reason.code) {
    case 'seats_for_children':
      return format(template, { seats: reason.params.seats, family: childrenWord(reason.params.children, words) });
    case 'plug_in_range':
      return format(template, { range_km: reason.params.range_km, energy: words.energy[reason.params.energy] });
    case 'electric':
      return format(template, { energy: words.energy[reason.params.energy] });
    case 'family_body':
      return format(template, { body: words.body[reason.params.body] });
    case 'business_image':
      return format(template, { length_mm: reason.params.length_mm, body: words.body[reason.params.body] });
    case 'low_price':
      return format(template, { net_price: money(reason.params.net_price) });
    case 'over_budget':
      return format(template, { over: money(reason.params.over), budget_max: money(reason.params.budget_max) });
    default:
      return format(template, reason.params);
  }
}

/** A catalogue field's name. */
export function fieldLabel(field: string, t: Dictionary): string {
  return (t.catalogue.fields as Record<string, string>)[field] ?? field;
}

/** One value of a comparison, as the consultant reads it: money in 万 or CNY, a closed list's
 * value in words, a figure with its unit; `—` when the trim does not say. */
export function cellText(row: CompareRow, cell: CompareCell | null, t: Dictionary, lang: Language): string {
  if (cell === null) return '—';
  if (typeof cell === 'number') {
    if (row.field === 'price') return formatMoney(cell, t, lang);
    const unit = (t.fit.units as Record<string, string>)[row.field] ?? row.unit;
    const figure = lang === 'en' ? cell.toLocaleString('en-GB') : String(cell);
    return unit ? `${figure} ${unit}` : figure;
  }
  if (Array.isArray(cell)) return cell.join(lang === 'en' ? ', ' : '、');
  if (row.field === 'energy') return (t.fit.energy as Record<string, string>)[cell] ?? cell;
  if (row.field === 'body') return (t.fit.body as Record<string, string>)[cell] ?? cell;
  if (row.field === 'drivetrain') return (t.fit.drivetrain as Record<string, string>)[cell] ?? cell;
  return cell;
}
