import { describe, expect, it } from 'vitest';
import type { CompareRow, FitReason, Language } from '../../lib/bindings';
import { dictionaries } from '../../lib/i18n/index.svelte';
import { cellText, reasonText } from './words';

// One of each reason carnet-core gives, with the params it sends.
const every: FitReason[] = [
  { code: 'wished', params: { model: '汉' } },
  { code: 'seats_for_children', params: { seats: 7, children: 2 } },
  { code: 'seats_for_family', params: { seats: 7, people: 6 } },
  { code: 'many_seats', params: { seats: 7 } },
  { code: 'family_body', params: { body: 'suv' } },
  { code: 'roomy_boot', params: { boot_l: 500 } },
  { code: 'long_range', params: { range_km: 605 } },
  { code: 'plug_in_range', params: { range_km: 190, energy: 'phev' } },
  { code: 'low_fuel', params: { fuel_l100: 4.5 } },
  { code: 'electric', params: { energy: 'bev' } },
  { code: 'business_image', params: { body: 'sedan', length_mm: 4995 } },
  { code: 'rear_space', params: { wheelbase_mm: 2920 } },
  { code: 'quick', params: { accel_s: 3.9 } },
  { code: 'powerful', params: { power_kw: 390 } },
  { code: 'colours', params: { count: 7 } },
  { code: 'assistance', params: { adas: 'DiPilot 100' } },
  { code: 'low_price', params: { net_price: 170810 } },
  { code: 'warranty', params: { warranty: '6年或15万公里' } },
  { code: 'over_budget', params: { over: 823100, net_price: 1043100, budget_max: 220000 } },
  { code: 'too_few_seats', params: { seats: 5, people: 6 } },
  { code: 'already_owned', params: { model: '汉 EV' } },
];

describe('reasons in words', () => {
  it('say every reason in each language with no placeholder or code left', () => {
    for (const lang of Object.keys(dictionaries) as Language[]) {
      for (const reason of every) {
        const said = reasonText(reason, dictionaries[lang], lang);
        expect(said, `${lang} ${reason.code}`).not.toMatch(/[{}]|undefined|_/);
        expect(said.length, `${lang} ${reason.code}`).toBeGreaterThan(3);
      }
    }
  });

  it('say them as a consultant would', () => {
    const zh = dictionaries['zh-Hans'];
    expect(reasonText({ code: 'long_range', params: { range_km: 605 } }, zh, 'zh-Hans')).toBe('续航 605 km：常跑长途');
    expect(reasonText({ code: 'seats_for_children', params: { seats: 7, children: 2 } }, zh, 'zh-Hans')).toBe('7 座：二胎家庭');
    expect(reasonText({ code: 'seats_for_children', params: { seats: 8, children: 4 } }, zh, 'zh-Hans')).toBe('8 座：4 个孩子的家庭');
    expect(reasonText(every[18]!, zh, 'zh-Hans')).toBe('超出预算上限 22万 约 82.31万');
    expect(reasonText(every[10]!, dictionaries.en, 'en')).toBe('A 4995 mm sedan: an image for business');
    expect(reasonText(every[4]!, zh, 'zh-Hans')).toBe('SUV：一家人出行更宽敞');
    expect(reasonText(every[9]!, dictionaries['zh-Hant'], 'zh-Hant')).toBe('純電：用車成本低');
  });
});

describe('a comparison cell', () => {
  const row = (field: string, unit = ''): CompareRow => ({ field, unit, values: [], differ: true, best: [], better: null });
  it('shows money, units, words of a closed list, lists and what is missing', () => {
    const zh = dictionaries['zh-Hans'];
    expect(cellText(row('price', '元'), 219800, zh, 'zh-Hans')).toBe('21.98万');
    expect(cellText(row('range_km', 'km'), 605, zh, 'zh-Hans')).toBe('605 km');
    expect(cellText(row('accel_s', 's'), 3.9, zh, 'zh-Hans')).toBe('3.9 秒');
    expect(cellText(row('length_mm', 'mm'), 4995, dictionaries.en, 'en')).toBe('4,995 mm');
    expect(cellText(row('drivetrain'), 'awd', zh, 'zh-Hans')).toBe('四驱');
    expect(cellText(row('body'), 'mpv', dictionaries.en, 'en')).toBe('MPV');
    expect(cellText(row('colours'), ['白', '黑'], dictionaries.en, 'en')).toBe('白, 黑');
    expect(cellText(row('adas'), null, zh, 'zh-Hans')).toBe('—');
  });
});
