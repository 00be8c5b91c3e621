// The customer page's sections: which profile fields each holds and how each is edited.
import type { CustomerDetail, KeyFact, ProfileDraft } from '../../lib/bindings';
import { DECISION_MAKERS, LEVELS, PAYMENTS, PRIORITIES, PURPOSES, REASONS, RELATIONS, SOURCES, TITLES } from '../../lib/bindings';
import type { Dictionary } from '../../lib/i18n/index.svelte';

export type ChoiceList = 'title' | 'reason' | 'purpose' | 'level' | 'decision_maker' | 'payment' | 'source' | 'priority' | 'relation';

export type FieldSpec =
  | {
      field: keyof ProfileDraft;
      kind: 'text' | 'textarea' | 'number' | 'budget' | 'list' | 'models' | 'birthday' | 'timeframe' | 'channel' | 'referrer';
    }
  | { field: keyof ProfileDraft; kind: 'select' | 'multi' | 'rank' | 'pick'; choices: ChoiceList };

export type SectionId = keyof Dictionary['customer']['sections'];

export interface Section {
  id: SectionId;
  fields: FieldSpec[];
}

/** The codes of each choice list, in the order forms offer them (generated from carnet-core). */
export const CHOICES: Record<ChoiceList, readonly string[]> = {
  title: TITLES,
  reason: REASONS,
  purpose: PURPOSES,
  level: LEVELS,
  decision_maker: DECISION_MAKERS,
  payment: PAYMENTS,
  source: SOURCES,
  priority: PRIORITIES,
  relation: RELATIONS,
};

export const SECTIONS: Section[] = [
  {
    id: 'contact',
    fields: [
      { field: 'name', kind: 'text' },
      { field: 'title', kind: 'select', choices: 'title' },
      { field: 'phones', kind: 'list' },
      { field: 'wechat', kind: 'text' },
      { field: 'emails', kind: 'list' },
      { field: 'region', kind: 'text' },
      { field: 'address', kind: 'text' },
      { field: 'occupation', kind: 'text' },
      { field: 'company', kind: 'text' },
      { field: 'birthday', kind: 'birthday' },
    ],
  },
  {
    id: 'needs',
    fields: [
      { field: 'level', kind: 'select', choices: 'level' },
      { field: 'timeframe', kind: 'timeframe' },
      { field: 'budget', kind: 'budget' },
      { field: 'models', kind: 'models' },
      { field: 'reason', kind: 'select', choices: 'reason' },
      { field: 'purposes', kind: 'multi', choices: 'purpose' },
      { field: 'payment', kind: 'select', choices: 'payment' },
      { field: 'source', kind: 'select', choices: 'source' },
      { field: 'channel', kind: 'channel' },
      { field: 'referred_by', kind: 'referrer' },
    ],
  },
  {
    id: 'decision',
    fields: [
      { field: 'decision_maker', kind: 'pick', choices: 'decision_maker' },
      { field: 'decision_maker_name', kind: 'text' },
      { field: 'car_brand', kind: 'text' },
      { field: 'car_model', kind: 'text' },
      { field: 'car_year', kind: 'number' },
      { field: 'car_mileage', kind: 'number' },
      { field: 'car_plate', kind: 'text' },
    ],
  },
  {
    id: 'preferences',
    fields: [
      { field: 'cares', kind: 'textarea' },
      { field: 'worry', kind: 'textarea' },
      { field: 'personality', kind: 'textarea' },
      { field: 'priorities', kind: 'rank', choices: 'priority' },
      { field: 'special_needs', kind: 'textarea' },
      { field: 'hobbies', kind: 'text' },
    ],
  },
  {
    id: 'notes',
    fields: [
      { field: 'tags', kind: 'list' },
      { field: 'notes', kind: 'textarea' },
    ],
  },
];

/** The key fact a field belongs to, so the page can mark what is still unknown. */
export const KEY_FACT_OF: Partial<Record<keyof ProfileDraft, KeyFact>> = {
  phones: 'phones',
  models: 'models',
  budget: 'budget',
  timeframe: 'timeframe',
  purposes: 'purposes',
  decision_maker: 'decision_maker',
  payment: 'payment',
  car_brand: 'current_car',
  car_model: 'current_car',
  car_plate: 'current_car',
};

export function isUnknownKeyFact(detail: CustomerDetail, field: keyof ProfileDraft): boolean {
  const fact = KEY_FACT_OF[field];
  return fact !== undefined && detail.unknown.includes(fact);
}
