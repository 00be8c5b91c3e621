import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { CustomerDto, CustomerList, Level } from '../../lib/bindings';
import { customerRow } from '../../lib/fixtures';
import { i18n } from '../../lib/i18n/index.svelte';

type Pending = {
  query: string;
  offset: number;
  resolve: (rows: CustomerDto[], matching?: number) => void;
};
let pending: Pending[] = [];
const searchCustomers = vi.fn(
  (query: string, _order: string, offset: number, _limit: number) =>
    new Promise<CustomerList>((resolve) =>
      pending.push({
        query,
        offset,
        resolve: (customers, matching) =>
          resolve({ customers, matching: matching ?? customers.length }),
      }),
    ),
);
// Rust reads and writes the query's `level:` words (carnet-core's Filter::levels_in and
// with_levels, tested there); here the answers for the queries these tests type.
const typedLevels: Record<string, Level[]> = { 'level:H': ['H'], 'level:H,A': ['H', 'A'], 'level:B 张': ['B'] };
const levelsInQuery = vi.fn(async (query: string): Promise<Level[]> => typedLevels[query] ?? []);
const queryWithLevels = vi.fn(async (_query: string, levels: Level[]) => (levels.length ? `level:${levels.join(',')}` : ''));
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      searchCustomers: (q: string, o: string, offset: number, limit: number) => searchCustomers(q, o, offset, limit),
      levelsInQuery: (q: string) => levelsInQuery(q),
      queryWithLevels: (q: string, levels: Level[]) => queryWithLevels(q, levels),
    },
  };
});

// happy-dom lays nothing out; the virtual list needs a viewport to fill.
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 800 });

const { default: CustomersPage } = await import('./CustomersPage.svelte');

const customer = (name: string) => customerRow(name);

let component: ReturnType<typeof mount> | undefined;
let opened: string[] = [];

const names = () =>
  [...document.querySelectorAll('[data-testid="customer-row"] .name')].map((cell) => cell.textContent?.trim());

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
  opened = [];
  component = mount(CustomersPage, { target: document.body, props: { onopen: (id: string) => opened.push(id) } });
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
    expect(searchCustomers).toHaveBeenLastCalledWith('', 'newest', 0, 100);
    pending.shift()!.resolve([customer('李四'), customer('张三')]);
    await settle();
    expect(names()).toEqual(['李四', '张三']);
    expect(document.querySelector('[data-testid="order-newest"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('renders only the rows in view and asks for the next page as the list scrolls', async () => {
    type('');
    const first = Array.from({ length: 100 }, (_, i) => customer(`客户${String(i).padStart(4, '0')}`));
    pending.shift()!.resolve(first, 5000);
    await settle();
    expect(document.querySelector('[data-testid="customer-count"]')?.textContent?.trim()).toBe('共 5000 位');
    const shown = names().length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(60);
    const scroller = document.querySelector<HTMLElement>('[data-testid="customer-rows"]')!;
    scroller.scrollTop = 38 * 150;
    scroller.dispatchEvent(new Event('scroll'));
    await settle();
    await vi.waitFor(() => expect(pending.some((p) => p.offset === 100)).toBe(true));
  });

  it('opens a customer with a click, and from the search box with Enter', async () => {
    document.querySelector<HTMLElement>('[data-testid="customer-row"]')!.click();
    expect(opened).toEqual(['id-张三']);
    const search = document.querySelector('[data-testid="customer-search"]')!;
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(opened).toEqual(['id-张三', 'id-李四']);
  });

  it('level chips write the filter Rust makes into the search box', async () => {
    document.querySelector<HTMLButtonElement>('[data-testid="level-chip-H"]')!.click();
    await settle();
    expect(queryWithLevels).toHaveBeenLastCalledWith('', ['H']);
    expect(pending.at(-1)?.query).toBe('level:H');
    document.querySelector<HTMLButtonElement>('[data-testid="level-chip-A"]')!.click();
    await settle();
    expect(queryWithLevels).toHaveBeenLastCalledWith('level:H', ['H', 'A']);
    expect(pending.at(-1)?.query).toBe('level:H,A');
    flushSync();
    expect(document.querySelector<HTMLInputElement>('[data-testid="customer-search"]')!.value).toBe('level:H,A');
    expect(document.querySelector('[data-testid="level-chip-A"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('shows as chosen the levels Rust reads in what was typed', async () => {
    type('level:B 张');
    await settle();
    expect(levelsInQuery).toHaveBeenLastCalledWith('level:B 张');
    expect(document.querySelector('[data-testid="level-chip-B"]')!.getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('[data-testid="level-chip-H"]')!.getAttribute('aria-pressed')).toBe('false');
    document.querySelector<HTMLButtonElement>('[data-testid="level-chip-B"]')!.click();
    await settle();
    expect(queryWithLevels).toHaveBeenLastCalledWith('level:B 张', []);
  });

  it('lists everyone at first in pinyin order, with the search box focused', () => {
    expect(searchCustomers).toHaveBeenCalledWith('', 'pinyin', 0, 100);
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

  it('lists the customers a report drills down to, its filter words typed in the search box', async () => {
    (component as unknown as { search: (words: string) => void }).search('level:F lost:price');
    flushSync();
    expect(searchCustomers).toHaveBeenLastCalledWith('level:F lost:price', 'pinyin', 0, 100);
    expect(document.querySelector<HTMLInputElement>('[data-testid="customer-search"]')!.value).toBe('level:F lost:price');
    pending.shift()!.resolve([customer('王五')], 1);
    await settle();
    expect(names()).toEqual(['王五']);
    expect(document.querySelector('[data-testid="customer-count"]')?.textContent?.trim()).toBe('找到 1 位');
  });
});
