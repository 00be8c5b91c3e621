import { describe, expect, it } from 'vitest';
import type { AppError, ErrorCode } from '../bindings';
import { REMEMBERED_LANGUAGE, dictionaries, format, i18n, rememberedLanguage, renderError, shortDate } from './index.svelte';

const codes: ErrorCode[] = [
  'required',
  'too_long',
  'invalid_phone',
  'possible_duplicate',
  'not_found',
  'book_too_new',
  'not_a_book',
  'no_data_dir',
  'storage',
  'book_not_empty',
  'internal',
];

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('dictionaries', () => {
  it('have the same keys in every language, with no empty text', () => {
    const reference = keysOf(dictionaries['zh-Hans']).sort();
    for (const [lang, dict] of Object.entries(dictionaries)) {
      expect(keysOf(dict).sort(), lang).toEqual(reference);
      for (const key of reference) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], dict);
        expect(typeof text === 'string' && text.trim().length > 0, `${lang} ${key}`).toBe(true);
      }
    }
  });

  it('cover every language', () => {
    expect(Object.keys(dictionaries).sort()).toEqual(['en', 'zh-Hans', 'zh-Hant']);
  });

  it('translate every error code', () => {
    for (const dict of Object.values(dictionaries)) {
      for (const code of codes) expect(dict.errors[code]).toBeTruthy();
    }
  });
});

describe('format', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(format('共 {count} 位', { count: 3 })).toBe('共 3 位');
    expect(format('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });
});

describe('renderError', () => {
  const required: AppError = { code: 'required', message: 'name is required', field: 'name', params: {} };
  const phone: AppError = {
    code: 'invalid_phone',
    message: '',
    field: 'phone',
    params: { value: '12345' },
  };
  const tooNew: AppError = { code: 'book_too_new', message: '', params: { found: '9', supported: '2' } };

  it('names the field in the user language', () => {
    expect(renderError(required, dictionaries['zh-Hans'])).toBe('请填写姓名');
    expect(renderError(required, dictionaries.en)).toBe('Name is required');
    expect(renderError(required, dictionaries['zh-Hant'])).toBe('請填寫姓名');
  });

  it('uses the params', () => {
    expect(renderError(phone, dictionaries['zh-Hans'])).toBe('“12345”不是有效的电话号码');
    expect(renderError(tooNew, dictionaries.en)).toContain('schema 9; this one knows up to 2');
  });
});

describe('shortDate', () => {
  it('reads as a consultant reads dates', () => {
    expect(shortDate('2026-11-25T06:00:00.000Z', 'en')).toBe('Wed 25 Nov');
    expect(shortDate('2026-11-25T06:00:00.000Z', 'zh-Hans')).toBe('11月25日周三');
    expect(shortDate('2026-11-25T06:00:00.000Z', 'zh-Hant')).toMatch(/^11月25日\s?週三$/);
    expect(shortDate('not a date', 'en')).toBe('not a date');
  });
});

describe('繁體中文', () => {
  // Characters that exist only in simplified Chinese: none may appear in zh-Hant.
  const simplifiedOnly = '报销来车进执战级满户潜线档约驾价订这个数据导图击类贡献实单沟计关听议联发现尽决务优问题选开团队设备为时会对说读写删复页输标签节态转换应总额质览归属简';
  function texts(value: unknown): string[] {
    if (typeof value === 'string') return [value];
    if (typeof value !== 'object' || value === null) return [];
    return Object.values(value).flatMap(texts);
  }

  it('uses traditional characters, not simplified ones', () => {
    // Each language is named in its own script: 简体中文 stays simplified.
    const { languages: _, ...settings } = dictionaries['zh-Hant'].settings;
    const offending = texts({ ...dictionaries['zh-Hant'], settings }).filter((text) => [...text].some((ch) => simplifiedOnly.includes(ch)));
    expect(offending).toEqual([]);
  });

  it('names the reports as a Traditional reader expects', () => {
    const t = dictionaries['zh-Hant'];
    expect(t.nav.reports).toBe('報表');
    expect(Object.values(t.reports.tabs)).toEqual([
      '銷售漏斗',
      '來源與渠道',
      '車型',
      '跟進執行',
      '戰敗原因',
      '級別分佈',
      '滿意度',
      '客戶金字塔',
      '滿意度×購買量',
      '二八分析',
      '相似潛客',
    ]);
  });
});

describe('reports', () => {
  it('fill the 80/20 share in every language', () => {
    for (const dict of Object.values(dictionaries)) expect(format(dict.reports.pareto.topShare, { share: 83 })).toContain('83%');
  });
});

describe('the language remembered outside the book', () => {
  it('is the one last chosen, for a screen shown before the book is read', () => {
    localStorage.clear();
    expect(rememberedLanguage()).toBe('zh-Hans');
    i18n.lang = 'zh-Hant';
    expect(localStorage.getItem(REMEMBERED_LANGUAGE)).toBe('zh-Hant');
    expect(rememberedLanguage()).toBe('zh-Hant');
    i18n.lang = 'en';
    expect(rememberedLanguage()).toBe('en');
    i18n.lang = 'zh-Hans';
  });

  it('falls back to 简体中文 for anything else kept there', () => {
    for (const kept of ['fr', '', 'toString', '__proto__']) {
      localStorage.setItem(REMEMBERED_LANGUAGE, kept);
      expect(rememberedLanguage(), kept).toBe('zh-Hans');
    }
    localStorage.clear();
  });
});
