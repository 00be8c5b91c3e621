// Money, birthdays and models as a consultant reads them, in the UI's language.
import type { Birthday, Budget, Language, ModelWish, TimeframeView } from './bindings';
import { format, type Dictionary } from './i18n/index.svelte';

/** Yuan in 万 with up to two decimals ("12.5"). */
function wan(yuan: number): string {
  return String(Math.round(yuan / 100) / 100);
}

/** A budget: `15–20万` in Chinese, `CNY 150,000–200,000` in English. */
export function formatBudget(budget: Budget, t: Dictionary, lang: Language): string {
  const amount = lang === 'en' ? (yuan: number) => yuan.toLocaleString('en-GB') : wan;
  if (budget.min === null) return format(t.money.upTo, { n: amount(budget.max) });
  if (budget.min === budget.max) {
    return format(budget.about ? t.money.about : t.money.single, { n: amount(budget.max) });
  }
  return format(t.money.range, { min: amount(budget.min), max: amount(budget.max) });
}

/** An amount of money: `60万` in Chinese, `CNY 600,000` in English. */
export function formatMoney(yuan: number, t: Dictionary, lang: Language): string {
  if (lang === 'en') return `CNY ${Math.round(yuan).toLocaleString('en-GB')}`;
  return format(t.money.single, { n: wan(yuan) });
}

/** A percent with one decimal (`83.4%`), or `—` when there is none. */
export function formatPercent(percent: number | null): string {
  return percent === null ? '—' : `${(Math.round(percent * 10) / 10).toFixed(1)}%`;
}

const LUNAR_DAYS_TENS = ['初', '十', '廿', '三'];
const LUNAR_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 初八, 十五, 廿三, 三十: a lunar day as the almanac writes it. */
export function lunarDayName(day: number): string {
  if (day === 10) return '初十';
  if (day === 20) return '二十';
  if (day === 30) return '三十';
  return (LUNAR_DAYS_TENS[Math.floor(day / 10)] ?? '') + (LUNAR_DIGITS[day % 10] ?? '');
}

/** A birthday: `1985年3月2日`, `农历十月初八`, `2 Mar`, `Lunar 10th month, day 8`. */
export function formatBirthday(b: Birthday, t: Dictionary, lang: Language): string {
  const year = b.year === null ? '' : format(t.lunar.year, { year: b.year });
  if (b.calendar === 'lunar') {
    const month = t.lunar.months[b.month - 1] ?? String(b.month);
    const day = lang === 'en' ? `, day ${b.day}` : lunarDayName(b.day);
    const sep = lang === 'en' && year ? ' ' : '';
    return `${t.lunar.prefix}${lang === 'en' ? ' ' : ''}${year}${sep}${month}${day}`;
  }
  if (lang === 'en') {
    const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2000, b.month - 1, 1)),
    );
    const text = format(t.lunar.solarMonthDay, { day: b.day, monthName });
    return year ? `${text} ${year}` : text;
  }
  return year + format(t.lunar.solarMonthDay, { month: b.month, day: b.day });
}

/** A model with its trim and colour: `汉 · 冠军版 · 雪域白`. */
export function formatModel(m: ModelWish): string {
  return [m.model, m.trim, m.colour].filter((part) => part !== '').join(' · ');
}

/** A date "YYYY-MM-DD" as the UI's language writes a day: `2025年3月4日`, `4 Mar 2025`. */
export function formatDay(date: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  if (lang === 'en') {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y, m - 1, d)),
    );
  }
  return `${y}年${m}月${d}日`;
}

/** A day "YYYY-MM-DD" without its year, as an appointment is said: `12月8日`, `8 Dec`. */
export function formatMonthDay(date: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  if (lang === 'en') {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
  }
  return `${m}月${d}日`;
}

/**
 * When the customer means to buy, as of today: the target they gave (`2025年3月4日前`,
 * `2027年3月`, `2027年`, or their words) and the window left (`还有 12 天`, `已过 3 天`).
 */
export function formatTimeframe(view: TimeframeView, t: Dictionary, lang: Language): string {
  if (view.kind === 'words') return view.words ?? '';
  const target = formatTimeframeTarget(view, t, lang);
  const days = view.days_left;
  if (days === null) return target;
  const left =
    days > 0
      ? format(t.customer.timeframeDaysLeft, { days })
      : days === 0
        ? t.customer.timeframeToday
        : format(t.customer.timeframePassed, { days: -days });
  return `${target} · ${left}`;
}

/** The target of a timeframe: `2025年3月4日前`, `2027年3月`, `2027年`, or the words. */
export function formatTimeframeTarget(
  view: Pick<TimeframeView, 'kind' | 'date' | 'year' | 'month' | 'words'>,
  t: Dictionary,
  lang: Language,
): string {
  switch (view.kind) {
    case 'by':
      return format(t.customer.timeframeBy, { date: formatDay(view.date ?? '', lang) });
    case 'month':
      return lang === 'en'
        ? new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
            new Date(Date.UTC(view.year ?? 2000, (view.month ?? 1) - 1, 1)),
          )
        : `${view.year}年${view.month}月`;
    case 'year':
      return lang === 'en' ? String(view.year) : `${view.year}年`;
    default:
      return view.words ?? '';
  }
}
