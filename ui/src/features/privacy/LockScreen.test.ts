import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AppError, LockState } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const lockState = vi.fn<() => Promise<LockState>>();
const unlockBook = vi.fn<(passphrase: string) => Promise<null>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: { ...real.api, lockState: () => lockState(), unlockBook: (p: string) => unlockBook(p) },
  };
});

const { default: LockScreen } = await import('./LockScreen.svelte');

let component: ReturnType<typeof mount> | undefined;
const el = <T extends HTMLElement = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

function typeIn(value: string) {
  const input = el<HTMLInputElement>('unlock-passphrase-input');
  if (!input) throw new Error('no passphrase field');
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

const wrong: AppError = {
  code: 'wrong_passphrase',
  message: 'the passphrase does not open this book',
  field: 'passphrase',
  params: {},
} as AppError;

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  lockState.mockResolvedValue({ locked: true, due: 4 });
  unlockBook.mockReset();
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('the lock screen', () => {
  it('shows how many are due and a hidden passphrase field, nothing else of the book', async () => {
    component = mount(LockScreen, { target: document.body, props: { onunlock: () => {} } });
    await settle();
    expect(el('lock-due')?.textContent).toBe('今天有 4 项跟进到期。');
    expect(el<HTMLInputElement>('unlock-passphrase-input')?.type).toBe('password');
    expect(document.body.textContent).not.toMatch(/客户本已加密/);
  });

  it('refuses a wrong passphrase beside the field and unlocks with the right one', async () => {
    const onunlock = vi.fn();
    component = mount(LockScreen, { target: document.body, props: { onunlock } });
    await settle();
    unlockBook.mockRejectedValueOnce(wrong).mockResolvedValueOnce(null);
    typeIn('春眠不觉晓');
    el<HTMLButtonElement>('unlock-submit')?.click();
    await settle();
    expect(el('unlock-passphrase-error')?.textContent).toBe('密码不对；没有任何改动。');
    expect(onunlock).not.toHaveBeenCalled();
    typeIn('春眠不觉晓处处闻啼鸟');
    el<HTMLButtonElement>('unlock-submit')?.click();
    await settle();
    expect(unlockBook).toHaveBeenLastCalledWith('春眠不觉晓处处闻啼鸟');
    expect(onunlock).toHaveBeenCalledTimes(1);
    expect(el<HTMLInputElement>('unlock-passphrase-input')?.value).toBe('');
  });
});
