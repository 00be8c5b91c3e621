import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { CustomerValue } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const customerValue = vi.fn<(id: string) => Promise<CustomerValue>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return { ...real, api: { ...real.api, customerValue: (id: string) => customerValue(id) } };
});

const { default: ValuePanel } = await import('./ValuePanel.svelte');

const owner = (extra: Partial<CustomerValue> = {}): CustomerValue => ({
  value: 680000,
  expected_value: null,
  tier: 'top',
  purchases: 2,
  bought: 600000,
  service_spend: 30000,
  referred_bought: 500000,
  satisfaction: 2,
  previous_satisfaction: 4,
  trend: 'down',
  grid: {
    cell: { satisfaction: 'low', volume: 'high' },
    class: 'd',
    volume_strategy: 'one_to_one',
    satisfaction_strategy: 'correct',
    actions: ['call_now', 'resolve_fast'],
  },
  ...extra,
});

let component: ReturnType<typeof mount> | undefined;
const props = $state({ customerId: 'c1', version: 1 });

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

const text = (testid: string) => document.querySelector(`[data-testid="${testid}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  props.version = 1;
  customerValue.mockReset().mockResolvedValue(owner());
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('the value panel', () => {
  it('shows the tier, the value in 万, satisfaction as dots with its trend, and the grid cell with its actions', async () => {
    component = mount(ValuePanel, { target: document.body, props });
    await settle();
    expect(customerValue).toHaveBeenCalledWith('c1');
    expect(text('customer-tier')).toBe('顶级客户');
    expect(text('customer-value-amount')).toBe('68万');
    expect(text('customer-satisfaction')).toContain('●●○○○');
    expect(document.querySelector('.trend')?.textContent).toBe('↓');
    const grid = text('customer-grid')!;
    expect(grid).toContain('D');
    expect(grid).toContain('一对一 × 纠正');
    expect(grid).toContain('立即电话跟进');
    expect(grid).toContain('尽快解决不满');
  });

  it('shows a prospect\'s expected value, and no grid without a satisfaction', async () => {
    customerValue.mockResolvedValue(
      owner({ tier: 'prospect', value: 0, expected_value: 120000, purchases: 0, bought: 0, service_spend: 0, referred_bought: 0, satisfaction: null, previous_satisfaction: null, trend: null, grid: null }),
    );
    i18n.lang = 'en';
    component = mount(ValuePanel, { target: document.body, props });
    await settle();
    expect(text('customer-tier')).toBe('Prospects');
    expect(text('customer-value')).toContain('Expected value CNY 120,000');
    expect(text('customer-satisfaction')).toContain('Never asked');
    expect(document.querySelector('[data-testid="customer-grid"]')).toBeNull();
  });

  it('asks again when the page reloads', async () => {
    component = mount(ValuePanel, { target: document.body, props });
    await settle();
    customerValue.mockResolvedValue(owner({ tier: 'large' }));
    props.version = 2;
    await settle();
    expect(customerValue).toHaveBeenCalledTimes(2);
    expect(text('customer-tier')).toBe('大客户');
  });
});
