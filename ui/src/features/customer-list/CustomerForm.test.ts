import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AppError, CustomerDetail, CustomerInput } from '../../lib/bindings';
import { customerDetail } from '../../lib/fixtures';
import { i18n } from '../../lib/i18n/index.svelte';

const addCustomer = vi.fn<(input: CustomerInput) => Promise<CustomerDetail>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return { ...real, api: { ...real.api, addCustomer: (input: CustomerInput) => addCustomer(input) } };
});

const { default: CustomerForm } = await import('./CustomerForm.svelte');

const zhang = customerDetail('张三', { phones: ['+8613812345678'], phones_display: ['138 1234 5678'] });

let component: ReturnType<typeof mount> | undefined;
let added: CustomerDetail[];
let opened: string[];

function type(testid: string, value: string) {
  const input = document.querySelector<HTMLInputElement>(`[data-testid="${testid}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function submit() {
  document.querySelector<HTMLButtonElement>('[data-testid="customer-add-submit"]')!.click();
  await vi.waitFor(() => expect(addCustomer).toHaveBeenCalled());
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

const text = (testid: string) => document.querySelector(`[data-testid="${testid}"]`)?.textContent?.trim() ?? null;

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  added = [];
  opened = [];
  addCustomer.mockReset();
  component = mount(CustomerForm, {
    target: document.body,
    props: { onadded: (c: CustomerDetail) => added.push(c), onopen: (id: string) => opened.push(id) },
  });
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('CustomerForm', () => {
  it('sends what was typed, then clears and reports the new customer', async () => {
    addCustomer.mockResolvedValue(zhang);
    type('customer-name-input', '张三');
    type('customer-phone-input', '138 1234 5678');
    await submit();
    expect(addCustomer).toHaveBeenCalledWith(
      expect.objectContaining({ name: '张三', phones: ['138 1234 5678'], budget: '', allow_duplicate: false }),
    );
    expect(added).toEqual([zhang]);
    expect(document.querySelector<HTMLInputElement>('#customer-name')!.value).toBe('');
    expect(text('form-status')).toBe('已添加 张三');
    expect(text('customer-name-error')).toBeNull();
  });

  it('sends an empty phone as no phone', async () => {
    addCustomer.mockResolvedValue(customerDetail('张三'));
    type('customer-name-input', '张三');
    type('customer-phone-input', '   ');
    await submit();
    expect(addCustomer).toHaveBeenCalledWith(expect.objectContaining({ name: '张三', phones: [], allow_duplicate: false }));
  });

  it('shows a refused field inline, in the user language, and keeps the input', async () => {
    const refusal: AppError = { code: 'invalid_phone', message: '', field: 'phones', params: { value: '12345' } };
    addCustomer.mockRejectedValue(refusal);
    type('customer-name-input', '张三');
    type('customer-phone-input', '12345');
    await submit();
    expect(text('customer-phone-error')).toBe('“12345”不是有效的电话号码');
    expect(document.querySelector('#customer-phone')!.getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector<HTMLInputElement>('#customer-name')!.value).toBe('张三');
    expect(added).toEqual([]);

    i18n.lang = 'en';
    flushSync();
    expect(text('customer-phone-error')).toBe('"12345" is not a valid phone number');
  });

  it('names a possible duplicate and saves only when told to', async () => {
    const duplicate: AppError = {
      code: 'possible_duplicate',
      message: '',
      params: { id: 'x', name: '张三', phone: '138 1234 5678', count: '1' },
    };
    addCustomer.mockRejectedValueOnce(duplicate).mockResolvedValueOnce(customerDetail('张三丰'));
    type('customer-name-input', '张三丰');
    type('customer-phone-input', '138 1234 5678');
    await submit();
    expect(text('duplicate-warning')).toContain('可能与已有客户重复：张三（138 1234 5678）');
    expect(added).toEqual([]);

    document.querySelector<HTMLButtonElement>('[data-testid="add-anyway"]')!.click();
    await vi.waitFor(() => expect(addCustomer).toHaveBeenCalledTimes(2));
    expect(addCustomer).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: '张三丰', phones: ['138 1234 5678'], allow_duplicate: true }),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
    expect(added.map((c) => c.name)).toEqual(['张三丰']);
    expect(text('duplicate-warning')).toBeNull();
  });

  it('opens the existing customer from the duplicate warning', async () => {
    const duplicate: AppError = {
      code: 'possible_duplicate',
      message: '',
      params: { id: 'id-zhang', name: '张三', phone: '138 1234 5678', count: '1' },
    };
    addCustomer.mockRejectedValueOnce(duplicate);
    type('customer-name-input', '张三');
    type('customer-phone-input', '138 1234 5678');
    await submit();
    document.querySelector<HTMLButtonElement>('[data-testid="open-existing"]')!.click();
    expect(opened).toEqual(['id-zhang']);
  });

  it('shows user text as text, never as HTML', async () => {
    const refusal: AppError = { code: 'invalid_phone', message: '', field: 'phones', params: { value: '<b>x</b>' } };
    addCustomer.mockRejectedValue(refusal);
    type('customer-name-input', 'x');
    type('customer-phone-input', '<b>x</b>');
    await submit();
    expect(document.querySelector('[data-testid="customer-phone-error"] b')).toBeNull();
    expect(text('customer-phone-error')).toContain('<b>x</b>');
  });
});
