// The language the UI speaks, and the words it uses. Reactive: switching the language
// re-renders every component that reads `i18n.t`.
import type { ErrorCode, Language } from '../bindings';
import { en } from './en';
import { zhHans, type Dictionary } from './zh-Hans';
import { zhHant } from './zh-Hant';

export type { Dictionary };

export const dictionaries: Record<Language, Dictionary> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

/** The Intl locale for each language's dates and numbers. */
const locales: Record<Language, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en-GB' };

/**
 * Where the window keeps the language last chosen, outside the book: a screen shown when the
 * book cannot be read (damaged, or locked) then speaks it too, not the default.
 */
export const REMEMBERED_LANGUAGE = 'carnet.language';

function isLanguage(value: string | null | undefined): value is Language {
  return value != null && Object.hasOwn(dictionaries, value);
}

/** The language last chosen in this window's storage, else Carnet's first, 简体中文. */
export function rememberedLanguage(): Language {
  try {
    const kept = globalThis.localStorage?.getItem(REMEMBERED_LANGUAGE);
    return isLanguage(kept) ? kept : 'zh-Hans';
  } catch {
    return 'zh-Hans';
  }
}

let current = $state<Language>(rememberedLanguage());

export const i18n = {
  get lang(): Language {
    return current;
  },
  set lang(language: Language) {
    current = language;
    if (typeof document !== 'undefined') document.documentElement.lang = language;
    try {
      globalThis.localStorage?.setItem(REMEMBERED_LANGUAGE, language);
    } catch {
      // No storage (a private window): the default is shown until the book is read.
    }
  },
  get t(): Dictionary {
    return dictionaries[current];
  },
};

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function format(template: string, params: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

/**
 * What an error is said from: its code, the field at fault and the code's params (an
 * AppError, a refused row of an import, or a code with example params).
 */
export type ErrorText = { code: ErrorCode; field?: string; params: Partial<Record<string, string>> };

/** An error from the Rust side, in the user's language. */
export function renderError(error: ErrorText, t: Dictionary): string {
  const field = error.field ? (t.fields[error.field as keyof Dictionary['fields']] ?? error.field) : '';
  return format(t.errors[error.code], { ...error.params, field });
}

/** A moment as a consultant reads it, in local time: `11月25日周三 19:43`, `Wed 25 Nov 19:43`. */
export function shortDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = new Intl.DateTimeFormat(locales[language], { hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
  return `${shortDate(iso, language)} ${time}`;
}

/** A date as a consultant reads it: `11月25日周三`, `11月25日 週三`, `Wed 25 Nov`. */
export function shortDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], {
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}
