// Drafts as the forms start them: every field empty, as the Rust side's Default.
import type { FamilyDraft, ProfileDraft } from './bindings';

export function emptyDraft(): ProfileDraft {
  return {
    name: '',
    title: '',
    phones: [],
    wechat: '',
    emails: [],
    region: '',
    address: '',
    occupation: '',
    company: '',
    budget: '',
    models: [],
    reason: '',
    purposes: [],
    timeframe: '',
    level: '',
    decision_maker: '',
    decision_maker_name: '',
    car_brand: '',
    car_model: '',
    car_year: '',
    car_mileage: '',
    car_plate: '',
    payment: '',
    source: '',
    channel: '',
    referred_by: '',
    cares: '',
    worry: '',
    personality: '',
    priorities: [],
    special_needs: '',
    hobbies: '',
    tags: [],
    notes: '',
    birthday: '',
    birthday_lunar: false,
  };
}

export function emptyFamily(): FamilyDraft {
  return { name: '', relation: '', birthday: '', birthday_lunar: false, phone: '', notes: '' };
}

/** "a, b，c、d" as a list, blanks dropped: how comma-separated inputs are read. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、;；]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
