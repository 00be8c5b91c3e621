// Test data shaped like what the Rust side sends (for unit tests only).
import type { CustomerDetail, CustomerDto } from './bindings';
import { emptyDraft } from './draft';

export function customerRow(name: string, extra: Partial<CustomerDto> = {}): CustomerDto {
  return {
    id: `id-${name}`,
    name,
    title: null,
    phone: null,
    phone_display: null,
    level: 'N',
    budget: null,
    model: null,
    created_at: '2026-11-25T06:00:00.000Z',
    updated_at: '2026-11-25T06:00:00.000Z',
    deleted_at: null,
    last_contact: null,
    ...extra,
  };
}

export function customerDetail(name: string, extra: Partial<CustomerDetail> = {}): CustomerDetail {
  return {
    id: `id-${name}`,
    created_at: '2026-11-25T06:00:00.000Z',
    updated_at: '2026-11-25T06:00:00.000Z',
    deleted_at: null,
    name,
    title: null,
    phones: [],
    wechat: null,
    region: null,
    address: null,
    occupation: null,
    company: null,
    budget: null,
    models: [],
    reason: null,
    purposes: [],
    timeframe: null,
    level: 'N',
    decision_maker: null,
    decision_maker_name: null,
    current_car: { brand: null, model: null, year: null, mileage: null, plate: null },
    payment: null,
    source: null,
    cares: null,
    worry: null,
    personality: null,
    priorities: [],
    special_needs: null,
    hobbies: null,
    tags: [],
    notes: null,
    birthday: null,
    phones_display: [],
    input: { ...emptyDraft(), name, level: 'N' },
    completeness: 0,
    unknown: ['phones', 'models', 'budget', 'timeframe', 'purposes', 'decision_maker', 'payment', 'current_car'],
    family: [],
    changes: [],
    interactions: [],
    level_changes: [],
    ...extra,
  };
}
