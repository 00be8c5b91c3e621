import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AppError, Settings } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const settings = (channels: string[]): Settings => ({
  language: 'zh-Hans',
  consultant: { name: '', dealership: '', phone: '' },
  channels,
  reminders: true,
});
const getSettings = vi.fn<() => Promise<Settings>>();
const setChannels = vi.fn<(channels: string[]) => Promise<Settings>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: { ...real.api, getSettings: () => getSettings(), setChannels: (c: string[]) => setChannels(c) },
  };
});

const { default: ChannelsSettings } = await import('./ChannelsSettings.svelte');

let component: ReturnType<typeof mount> | undefined;
const all = (testid: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)];
const el = <T extends HTMLElement = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);
const names = () => all('channel-item').map((li) => li.querySelector('.name')?.textContent);

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  getSettings.mockResolvedValue(settings(['汽车之家', '懂车帝', '抖音']));
  setChannels.mockReset();
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('the channels setting', () => {
  it('is marked busy while its list is read, so nothing below it is clicked before it moves', async () => {
    let answer: (s: Settings) => void = () => {};
    getSettings.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    component = mount(ChannelsSettings, { target: document.body });
    flushSync();
    expect(el('channels-settings')?.getAttribute('aria-busy')).toBe('true');
    answer(settings(['汽车之家']));
    await settle();
    expect(el('channels-settings')?.getAttribute('aria-busy')).toBe('false');
    expect(names()).toEqual(['汽车之家']);
  });

  it('adds, reorders and removes channels, and saves the list in order', async () => {
    component = mount(ChannelsSettings, { target: document.body });
    await settle();
    expect(names()).toEqual(['汽车之家', '懂车帝', '抖音']);
    const box = el<HTMLInputElement>('channel-new')!;
    box.value = ' 小红书 ';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    el<HTMLButtonElement>('channel-add')!.click();
    flushSync();
    box.value = '抖音';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    el<HTMLButtonElement>('channel-add')!.click();
    flushSync();
    // Trimmed, and a repeat not added.
    expect(names()).toEqual(['汽车之家', '懂车帝', '抖音', '小红书']);
    all('channel-up')[3]!.click();
    flushSync();
    all('channel-remove')[0]!.click();
    flushSync();
    expect(names()).toEqual(['懂车帝', '小红书', '抖音']);
    expect((all('channel-up')[0] as HTMLButtonElement).disabled).toBe(true);
    setChannels.mockResolvedValue(settings(['懂车帝', '小红书', '抖音']));
    el<HTMLButtonElement>('channels-save')!.click();
    await settle();
    expect(setChannels).toHaveBeenCalledWith(['懂车帝', '小红书', '抖音']);
    expect(el('channels-status')?.textContent).toBe('已保存');
  });

  it('shows a refusal in the user language', async () => {
    component = mount(ChannelsSettings, { target: document.body });
    await settle();
    const refusal: AppError = { code: 'too_many', message: '', field: 'channels', params: { max: '50' } };
    setChannels.mockRejectedValue(refusal);
    el<HTMLButtonElement>('channels-save')!.click();
    await settle();
    expect(el('channels-error')?.textContent).toContain('50');
    expect(el('channels-status')?.textContent).toBe('');
  });
});
