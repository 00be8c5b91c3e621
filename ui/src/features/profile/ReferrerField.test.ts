import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { CustomerDetail, CustomerInput, CustomerList, ListOrder, Settings } from '../../lib/bindings';
import { customerDetail, customerRow } from '../../lib/fixtures';
import { i18n } from '../../lib/i18n/index.svelte';

const updateCustomer = vi.fn<(id: string, input: CustomerInput) => Promise<CustomerDetail>>();
const searchCustomers = vi.fn<(q: string, o: ListOrder, offset: number, limit: number) => Promise<CustomerList>>();
const getCustomer = vi.fn<(id: string) => Promise<CustomerDetail>>();
const getSettings = vi.fn<() => Promise<Settings>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      updateCustomer: (id: string, input: CustomerInput) => updateCustomer(id, input),
      searchCustomers: (q: string, o: ListOrder, offset: number, limit: number) => searchCustomers(q, o, offset, limit),
      getCustomer: (id: string) => getCustomer(id),
      getSettings: () => getSettings(),
      readTimeframe: async () => null,
    },
  };
});

const { default: ProfileSection } = await import('./ProfileSection.svelte');
const { SECTIONS } = await import('./sections');

let component: ReturnType<typeof mount> | undefined;
const el = <T extends Element = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);
const all = (testid: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)];
let opened: string[] = [];

function show(detail: CustomerDetail) {
  const section = SECTIONS.find((s) => s.id === 'needs')!;
  component = mount(ProfileSection, {
    target: document.body,
    props: { section, detail, onsaved: () => {}, onopen: (id: string) => opened.push(id) },
  });
  flushSync();
}

async function settle() {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  opened = [];
  updateCustomer.mockReset();
  getCustomer.mockImplementation(async (id) => {
    if (id === 'id-王五') return customerDetail('王五');
    throw { code: 'not_found', message: '', params: { id } };
  });
  searchCustomers.mockResolvedValue({
    customers: [customerRow('张三'), customerRow('王五', { phone_display: '138 1234 5678' })],
    matching: 2,
  });
  getSettings.mockResolvedValue({ language: 'zh-Hans', consultant: { name: '', dealership: '', phone: '' }, channels: ['汽车之家', '抖音'], reminders: true });
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('who referred a customer, and the channel', () => {
  it('shows the referrer by name, and a click opens them', async () => {
    show(customerDetail('张三', { referred_by: 'id-王五', channel: '抖音' }));
    await settle();
    expect(el('referrer-link')?.textContent?.trim()).toBe('王五');
    expect(el('value-channel')?.textContent?.trim()).toBe('抖音');
    el<HTMLButtonElement>('referrer-link')!.click();
    expect(opened).toEqual(['id-王五']);
  });

  it('says so when the referrer is no longer in the book', async () => {
    show(customerDetail('张三', { referred_by: 'id-erased' }));
    await settle();
    expect(el('referrer-link')).toBeNull();
    expect(el('referrer-gone')).not.toBeNull();
  });

  it('picks the referrer from the search, never the customer themself, and saves their id', async () => {
    const detail = customerDetail('张三');
    show(detail);
    el<HTMLButtonElement>('edit-needs')!.click();
    flushSync();
    await settle();
    const suggestions = [...el('channel-suggestions')!.querySelectorAll('option')].map((o) => o.value);
    expect(suggestions).toEqual(['汽车之家', '抖音']);
    const box = el<HTMLInputElement>('input-referred_by')!;
    box.value = 'ww';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(searchCustomers).toHaveBeenCalledWith('ww', 'pinyin', 0, 8);
    const options = all('referrer-option').map((b) => b.textContent?.trim());
    expect(options).toEqual(['王五 · 138 1234 5678']);
    all('referrer-option')[0]!.click();
    await settle();
    expect(el('referrer-chosen')?.textContent?.trim()).toBe('王五');
    updateCustomer.mockResolvedValue(customerDetail('张三'));
    el<HTMLButtonElement>('save-needs')!.click();
    await settle();
    expect(updateCustomer).toHaveBeenCalledWith('id-张三', expect.objectContaining({ referred_by: 'id-王五' }));
  });
});
