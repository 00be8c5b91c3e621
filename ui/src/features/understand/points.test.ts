import { describe, expect, it } from 'vitest';
import type { Suggestion, TalkingPoint } from '../../lib/bindings';
import { dictionaries } from '../../lib/i18n/index.svelte';
import { chipText, renderPoint } from './points';

/** One of every talking point the Rust side sends. */
const every: TalkingPoint[] = [
  { code: 'birthday_greeting', who: 'self', name: '张三' },
  { code: 'birthday_greeting', who: 'wife', name: '李娜' },
  { code: 'holiday_greeting', holiday: 'mid_autumn' },
  { code: 'anniversary_greeting', year: 2 },
  { code: 'acknowledge_complaint' },
  { code: 'say_what_was_done' },
  { code: 'check_satisfaction' },
  { code: 'book_after_sale', step: 'service' },
  { code: 'book_after_sale', step: 'insurance' },
  { code: 'book_after_sale', step: 'inspection' },
  { code: 'ask_how_the_car_is' },
  { code: 'ask_what_changed', level: 'A' },
  { code: 'rebook', appointment: 'test_drive' },
  { code: 'confirm_appointment', appointment: 'visit' },
  { code: 'try_another_way', attempts: 3 },
  { code: 'win_back', lost_reason: null },
  { code: 'win_back', lost_reason: 'price' },
  { code: 'keep_promise', promise: '周五前发报价' },
  { code: 'strategy', class: 'd', strategy: 'correct' },
  { code: 'delivery_news' },
  { code: 'invite_decision_maker' },
  { code: 'ask_daily_distance' },
  { code: 'bring_offer' },
  { code: 'show_space' },
  { code: 'talk_safety' },
  { code: 'offer_test_drive' },
  { code: 'offer_valuation' },
  { code: 'fit', trim: '汉 EV', field: 'range_km', value: '605', unit: 'km', for: 'worry', priority: null },
  { code: 'fit', trim: '汉 EV', field: 'power_kw', value: '180', unit: 'kW', for: 'priority', priority: 'power' },
  { code: 'ask_key_fact', fact: 'timeframe' },
];

describe('talking points in words', () => {
  it('say every point in every language, every placeholder filled', () => {
    for (const [lang, t] of Object.entries(dictionaries)) {
      for (const point of every) {
        const words = renderPoint(point, t, lang as keyof typeof dictionaries);
        expect(words.trim().length, `${lang} ${point.code}`).toBeGreaterThan(0);
        expect(words, `${lang} ${point.code}`).not.toMatch(/[{}]|undefined/);
      }
    }
  });

  it('say the same words as carnet brief in Chinese', () => {
    const t = dictionaries['zh-Hans'];
    const say = (p: TalkingPoint | undefined) => renderPoint(p!, t, 'zh-Hans');
    expect(say(every[1])).toBe('先祝妻子李娜生日快乐');
    expect(say(every[11])).toBe('A级的购买期已过：问问有什么变化');
    expect(say(every[16])).toBe('问问近况（当时因为价格没成交），有没有新的机会');
    expect(say(every[18])).toBe('D类客户：尽快解决问题，提供一项服务弥补');
    expect(say(every[28])).toBe('汉 EV：功率 180kW，正合他最看重的动力');
    expect(say(every[29])).toBe('问清购车时间');
    expect(renderPoint(every[29]!, dictionaries.en, 'en')).toBe('Ask for the timeframe');
  });
});

describe('chips', () => {
  const chip = (extra: Partial<Suggestion>): Suggestion => ({
    field: 'budget',
    value: '25万左右',
    old: null,
    said: '25万左右',
    start: 2,
    end: 7,
    series: null,
    ...extra,
  });

  it('name the field and the value, a choice by its label, and a change with the old value', () => {
    const t = dictionaries['zh-Hans'];
    expect(chipText(chip({}), t, 'zh-Hans')).toBe('预算 25万左右');
    expect(chipText(chip({ field: 'decision_maker', value: 'spouse', said: '妻子' }), t, 'zh-Hans')).toBe('决策人 配偶');
    expect(chipText(chip({ field: 'models', value: '汉', old: '秦PLUS', said: '汉' }), t, 'zh-Hans')).toBe(
      '意向车型 汉 (原: 秦PLUS)',
    );
    expect(chipText(chip({ field: 'timeframe', value: '2026-12', said: '下个月' }), t, 'zh-Hans')).toBe('购车时间 下个月');
    expect(chipText(chip({ field: 'decision_maker', value: 'spouse' }), dictionaries.en, 'en')).toMatch(/^Decision-maker /);
  });
});
