import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { CustomerDto, CustomerList } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

type Pending = { query: string; resolve: (rows: CustomerDto[], total?: number) => void };
let pending: Pending[] = [];
const searchCustomers = vi.fn(
  (query: string, _order?: string) =>
    new Promise<CustomerList>((resolve) =>
      pending.push({ query, resolve: (customers, total) => resolve({ customers, total: total ?? customers.length }) }),
    ),
);
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return { ...real, api: { ...real.api, searchCustomers: (q: string, o: string) => searchCustomers(q, o) } };
});

const { default: CustomersPage } = await import('./CustomersPage.svelte');

const customer = (name: string): CustomerDto => ({
  id: `id-${name}`,
  name,
  phone: null,
  phone_display: null,
  created_at: '2026-11-25T06:00:00.000Z',
  updated_at: '2026-11-25T06:00:00.000Z',
});

let component: ReturnType<typeof mount> | undefined;

const names = () =>
  [...document.querySelectorAll('[data-testid="customer-row"] td.name')].map((td) => td.textContent?.trim());

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

function type(value: string) {
  const input = document.querySelector<HTMLInputElement>('[data-testid="customer-search"]')!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(async () => {
  i18n.lang = 'zh-Hans';
  pending = [];
  searchCustomers.mockClear();
  component = mount(CustomersPage, { target: document.body });
  flushSync();
  pending.shift()!.resolve([customer('张三'), customer('李四')]);
  await settle();
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('CustomersPage search', () => {
  it('asks again in the order chosen', async () => {
    document.querySelector<HTMLButtonElement>('[data-testid="order-newest"]')!.click();
    expect(searchCustomers).toHaveBeenLastCalledWith('', 'newest');
    pending.shift()!.resolve([customer('李四'), customer('张三')]);
    await settle();
    expect(names()).toEqual(['李四', '张三']);
    expect(document.querySelector('[data-testid="order-newest"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('counts the whole book and says when only the newest are shown', async () => {
    type('');
    pending.shift()!.resolve([customer('张三'), customer('李四')], 5000);
    await settle();
    expect(document.querySelector('[data-testid="customer-count"]')?.textContent?.trim()).toBe('共 5000 位');
    expect(document.querySelector('[data-testid="customers-capped"]')?.textContent?.trim()).toBe(
      '显示最新的 2 位；搜索以查找其他客户。',
    );
  });

  it('lists everyone at first in pinyin order, with the search box focused', () => {
    expect(searchCustomers).toHaveBeenCalledWith('', 'pinyin');
    expect(names()).toEqual(['张三', '李四']);
    expect(document.activeElement?.id).toBe('customer-search');
  });

  it('shows the answer to the latest query even when an older one arrives last', async () => {
    type('z');
    type('zs');
    const [first, second] = pending;
    expect([first!.query, second!.query]).toEqual(['z', 'zs']);
    second!.resolve([customer('张三')]);
    await settle();
    first!.resolve([customer('张三'), customer('赵四')]);
    await settle();
    expect(names()).toEqual(['张三']);
  });

  it('says so when nothing matches, and Escape clears the search', async () => {
    type('王五');
    pending.shift()!.resolve([]);
    await settle();
    expect(document.querySelector('[data-testid="customers-no-match"]')?.textContent).toBe(
      '没有找到与“王五”相符的客户。',
    );
    document
      .querySelector('[data-testid="customer-search"]')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(pending.at(-1)?.query).toBe('');
    pending.shift()!.resolve([customer('张三'), customer('李四')]);
    await settle();
    expect(names()).toEqual(['张三', '李四']);
  });
});
