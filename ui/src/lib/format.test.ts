import { describe, expect, it } from 'vitest';
import type { Birthday, Budget, Language, TimeframeView } from './bindings';
import { formatBirthday, formatBudget, lunarDayName } from './format';
import { dictionaries } from './i18n/index.svelte';
import { changeValue } from '../features/profile/values';

const budget = (min: number | null, max: number, about = false): Budget => ({ min, max, about });

describe('money in the user language', () => {
  const cases: [Budget, Language, string][] = [
    [budget(150_000, 200_000), 'zh-Hans', '15–20万'],
    [budget(150_000, 150_000), 'zh-Hans', '15万'],
    [budget(null, 200_000), 'zh-Hans', '20万以内'],
    [budget(250_000, 250_000, true), 'zh-Hans', '25万左右'],
    [budget(125_000, 125_000), 'zh-Hans', '12.5万'],
    [budget(null, 200_000), 'zh-Hant', '20萬以內'],
    [budget(150_000, 200_000), 'en', 'CNY 150,000–200,000'],
    [budget(null, 200_000), 'en', 'up to CNY 200,000'],
    [budget(250_000, 250_000, true), 'en', 'about CNY 250,000'],
  ];
  it.each(cases)('%o in %s reads %s', (b, lang, want) => {
    expect(formatBudget(b, dictionaries[lang], lang)).toBe(want);
  });
});

describe('birthdays, solar and lunar', () => {
  const b = (calendar: 'solar' | 'lunar', year: number | null, month: number, day: number): Birthday => ({
    calendar,
    year,
    month,
    day,
  });
  const cases: [Birthday, Language, string][] = [
    [b('solar', 1985, 3, 2), 'zh-Hans', '1985年3月2日'],
    [b('solar', null, 3, 2), 'zh-Hans', '3月2日'],
    [b('lunar', null, 10, 8), 'zh-Hans', '农历十月初八'],
    [b('lunar', 1985, 12, 30), 'zh-Hant', '農曆1985年臘月三十'],
    [b('lunar', null, 1, 15), 'zh-Hans', '农历正月十五'],
    [b('solar', 1985, 3, 2), 'en', '2 Mar 1985'],
    [b('lunar', null, 10, 8), 'en', 'Lunar 10th month, day 8'],
  ];
  it.each(cases)('%o in %s reads %s', (birthday, lang, want) => {
    expect(formatBirthday(birthday, dictionaries[lang], lang)).toBe(want);
  });

  it('names every lunar day as the almanac does', () => {
    expect([1, 8, 10, 11, 19, 20, 21, 29, 30].map(lunarDayName)).toEqual([
      '初一', '初八', '初十', '十一', '十九', '二十', '廿一', '廿九', '三十',
    ]);
  });
});

describe('the history of key facts', () => {
  it('reads the input forms Rust keeps, a budget as Rust read it', () => {
    const zh = dictionaries['zh-Hans'];
    expect(changeValue('budget', '15-20万', dictionaries.en, 'en', { budget: budget(150_000, 200_000) })).toBe('CNY 150,000–200,000');
    expect(changeValue('budget', '20万以内', zh, 'zh-Hans', { budget: budget(null, 200_000) })).toBe('20万以内');
    expect(changeValue('budget', '看车再说', zh, 'zh-Hans', { budget: null })).toBe('看车再说');
    expect(changeValue('budget', '', zh, 'zh-Hans')).toBe('未知');
    expect(changeValue('purposes', 'commute, family', zh, 'zh-Hans')).toBe('通勤、家用');
    expect(changeValue('decision_maker', 'spouse 李娜', zh, 'zh-Hans')).toBe('配偶 李娜');
    expect(changeValue('models', '汉/冠军版/雪域白, 海豹', zh, 'zh-Hans')).toBe('汉 · 冠军版 · 雪域白、海豹');
    expect(changeValue('payment', 'loan', dictionaries.en, 'en')).toBe('Loan');
    const target = (view: Partial<TimeframeView>): { timeframe: TimeframeView } => ({
      timeframe: { kind: 'words', date: null, year: null, month: null, words: null, days_left: null, suggested_level: null, input: '', ...view },
    });
    expect(changeValue('timeframe', '2026-12-13', zh, 'zh-Hans', target({ kind: 'by', date: '2026-12-13' }))).toBe('2026年12月13日前');
    expect(changeValue('timeframe', '2027-03', zh, 'zh-Hans', target({ kind: 'month', year: 2027, month: 3 }))).toBe('2027年3月');
    expect(changeValue('timeframe', '2027', dictionaries.en, 'en', target({ kind: 'year', year: 2027 }))).toBe('2027');
    expect(changeValue('timeframe', '看政策', zh, 'zh-Hans', target({ kind: 'words', words: '看政策' }))).toBe('看政策');
    expect(changeValue('timeframe', '看政策', zh, 'zh-Hans')).toBe('看政策');
  });
});
