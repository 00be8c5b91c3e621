import { describe, expect, it } from 'vitest';
import type { Language, PromptDto, PromptParamsDto } from '../../lib/bindings';
import { dictionaries } from '../../lib/i18n/index.svelte';
import { renderPrompt, renderWhen } from './reasons';

const prompt = (params: PromptParamsDto, time: string | null = null): PromptDto => ({
  key: 'k',
  kind: params.kind,
  due: '2026-11-25',
  time,
  priority: 1,
  params,
  when: 'today',
  in_days: 0,
});

describe('why a prompt is due, in each language', () => {
  const cases: [PromptDto, Language, string][] = [
    [prompt({ kind: 'cadence', level: 'H', last: '2026-11-22', days: 3 }), 'zh-Hans', 'H级，上次联系已 3 天'],
    [prompt({ kind: 'cadence', level: 'H', last: '2026-11-22', days: 3 }), 'en', 'H, last contact 3 days ago'],
    [prompt({ kind: 'cadence', level: 'N', last: null, days: null }), 'zh-Hant', 'N級，還沒有聯絡過'],
    [prompt({ kind: 'next_step', promise: '发报价', set_on: '2026-11-20', appointment: null }, '15:00'), 'zh-Hans', '约定的下一步：发报价 15:00'],
    [prompt({ kind: 'after_sale', step: 'call', days: 3, year: 0 }), 'zh-Hans', '交车后第 3 天回访'],
    [prompt({ kind: 'after_sale', step: 'insurance', days: 335, year: 1 }), 'en', 'Insurance renewal (year 1)'],
    [prompt({ kind: 'birthday', who: 'wife', name: '李娜', calendar: 'lunar', month: 10, day: 8 }), 'zh-Hans', '妻子李娜生日（农历十月初八）'],
    [prompt({ kind: 'birthday', who: 'self', name: '张三', calendar: 'solar', month: 3, day: 2 }), 'en', 'Birthday (2 Mar)'],
    [prompt({ kind: 'holiday', holiday: 'mid_autumn' }), 'zh-Hans', '中秋节问候'],
    [prompt({ kind: 'complaint', opened: '2026-11-24' }), 'en', 'Open complaint: answer within 24 hours'],
    [prompt({ kind: 'propose_lost', attempts: 5 }), 'zh-Hans', '连续 5 次未联系上，考虑标为战败'],
    [prompt({ kind: 'regrade', level: 'B', since: '2026-10-01' }), 'zh-Hant', 'B級的購買期已過，請重新分級'],
    [prompt({ kind: 'revisit', lost_reason: null }), 'zh-Hans', '战败客户，到期回访'],
    [prompt({ kind: 'next_step', promise: '', set_on: '2026-11-20', appointment: 'test_drive' }, '14:00'), 'zh-Hans', '约了 11月25日 14:00 到店试驾'],
    [prompt({ kind: 'next_step', promise: '带上驾照', set_on: '2026-11-20', appointment: 'visit' }), 'en', 'Booked: visit, 25 Nov: 带上驾照'],
    [prompt({ kind: 'no_show', on: '2026-12-08', time: '14:00', appointment: 'visit' }), 'zh-Hans', '约好 12月8日 14:00 到店未到，打电话问问'],
    [prompt({ kind: 'no_show', on: '2026-12-08', time: null, appointment: 'test_drive' }), 'zh-Hant', '約好 12月8日 到店試駕未到，打電話問問'],
    [prompt({ kind: 'no_show', on: '2026-12-08', time: null, appointment: 'test_drive' }), 'en', 'Did not come for the test drive on 8 Dec: call to ask'],
    [prompt({ kind: 'revisit', lost_reason: 'price' }), 'zh-Hans', '战败客户（价格），到期回访'],
    [prompt({ kind: 'revisit', lost_reason: 'competitor' }), 'zh-Hant', '戰敗客戶（買了競品），到期回訪'],
    [prompt({ kind: 'revisit', lost_reason: 'postponed' }), 'en', 'Lost customer (Postponed): time to try again'],
  ];
  it.each(cases)('%o in %s', (p, lang, want) => {
    expect(renderPrompt(p, dictionaries[lang], lang)).toBe(want);
  });

  it('says when, relative to the day', () => {
    const zh = dictionaries['zh-Hans'];
    expect([-3, 0, 1, 2, 5].map((d) => renderWhen(d, zh))).toEqual(['逾期 3 天', '今天', '明天', '后天', '5 天后']);
    expect([-1, 2, 4].map((d) => renderWhen(d, dictionaries.en))).toEqual(['1 d overdue', 'in 2 days', 'in 4 d']);
  });
});
