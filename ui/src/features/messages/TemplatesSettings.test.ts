import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AppError, MessageRequest, RenderedMessage, TemplateDto, TemplateInput, TemplateList } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const listTemplates = vi.fn<() => Promise<TemplateList>>();
const renderMessage = vi.fn<(r: MessageRequest) => Promise<RenderedMessage>>();
const saveTemplate = vi.fn<(t: TemplateInput) => Promise<TemplateDto>>();
const restoreDefaultTemplate = vi.fn<(id: string) => Promise<TemplateDto>>();
const setCurrentOffer = vi.fn<(offer: string) => Promise<TemplateList>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      listTemplates: () => listTemplates(),
      renderMessage: (r: MessageRequest) => renderMessage(r),
      saveTemplate: (t: TemplateInput) => saveTemplate(t),
      restoreDefaultTemplate: (id: string) => restoreDefaultTemplate(id),
      setCurrentOffer: (offer: string) => setCurrentOffer(offer),
    },
  };
});

const { default: TemplatesSettings } = await import('./TemplatesSettings.svelte');

const birthday: TemplateDto = {
  id: 'default:birthday:zh-Hans',
  occasion: 'birthday',
  language: 'zh-Hans',
  name: '生日祝福',
  body: '{称呼}，生日快乐！',
  builtin: true,
  edited: false,
};
const list = (templates: TemplateDto[]): TemplateList => ({
  templates,
  fields: [
    { field: 'salutation', zh_hans: '称呼', zh_hant: '稱呼', en: 'salutation' },
    { field: 'consultant', zh_hans: '顾问', zh_hant: '顧問', en: 'consultant' },
  ],
  offer: '',
});

let component: ReturnType<typeof mount> | undefined;
const el = <T extends HTMLElement = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);
const all = (testid: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)];

async function settle(ms = 0) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  flushSync();
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  listTemplates.mockResolvedValue(
    list([
      birthday,
      { ...birthday, id: 'default:birthday:en', language: 'en', name: 'Birthday', body: 'Happy birthday, {salutation}!' },
    ]),
  );
  renderMessage.mockReset();
  saveTemplate.mockReset();
  restoreDefaultTemplate.mockReset();
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('the templates setting', () => {
  it('lists the templates of one language, edits one with a field chip, previews and saves it', async () => {
    component = mount(TemplatesSettings, { target: document.body });
    await settle();
    expect(all('template-item').map((li) => li.dataset.id)).toEqual(['default:birthday:zh-Hans']);
    expect(el('template-item')?.textContent).toContain('默认');

    renderMessage.mockResolvedValue({
      template_id: '',
      occasion: 'birthday',
      language: 'zh-Hans',
      text: '张先生，生日快乐！{顾问}',
      missing: ['consultant'],
      prompt_key: null,
    });
    el<HTMLButtonElement>('template-edit')!.click();
    flushSync();
    const body = el<HTMLTextAreaElement>('template-body')!;
    expect(body.value).toBe('{称呼}，生日快乐！');
    body.setSelectionRange(body.value.length, body.value.length);
    // The chips are the fields' names in the template's language.
    const chips = all('template-chip');
    expect(chips.map((c) => c.textContent)).toEqual(['称呼', '顾问']);
    chips[1]!.click();
    flushSync();
    expect(body.value).toBe('{称呼}，生日快乐！{顾问}');
    await settle(300);
    expect(renderMessage).toHaveBeenLastCalledWith(
      expect.objectContaining({ customer_id: '', occasion: 'birthday', language: 'zh-Hans', body: '{称呼}，生日快乐！{顾问}' }),
    );
    expect(el('template-preview')?.textContent).toContain('张先生，生日快乐！');
    expect(el('template-preview')?.textContent).toContain('示例客户没有这些信息：{顾问}');

    saveTemplate.mockResolvedValue({ ...birthday, body: '{称呼}，生日快乐！{顾问}', edited: true });
    listTemplates.mockResolvedValue(list([{ ...birthday, body: '{称呼}，生日快乐！{顾问}', edited: true }]));
    el<HTMLFormElement>('template-editor')!.requestSubmit();
    await settle();
    expect(saveTemplate).toHaveBeenCalledWith({
      id: 'default:birthday:zh-Hans',
      occasion: 'birthday',
      language: 'zh-Hans',
      name: '生日祝福',
      body: '{称呼}，生日快乐！{顾问}',
    });
    expect(el('template-editor')).toBeNull();
    expect(el('template-item')?.textContent).toContain('已修改');

    // An edited built-in template can be restored.
    restoreDefaultTemplate.mockResolvedValue(birthday);
    listTemplates.mockResolvedValue(list([birthday]));
    el<HTMLButtonElement>('template-restore')!.click();
    await settle();
    expect(restoreDefaultTemplate).toHaveBeenCalledWith('default:birthday:zh-Hans');
    expect(el('template-restore')).toBeNull();
    expect(el('templates-status')?.textContent).toBe('已恢复默认');
  });

  it('shows a refused template next to it, naming the field as the consultant knows it', async () => {
    component = mount(TemplatesSettings, { target: document.body });
    await settle();
    el<HTMLButtonElement>('template-add')!.click();
    flushSync();
    const refusal: AppError = { code: 'unknown_field', message: '', field: 'body', params: { value: '{价格}' } };
    saveTemplate.mockRejectedValue(refusal);
    el<HTMLFormElement>('template-editor')!.requestSubmit();
    await settle();
    expect(el('template-error')?.textContent).toBe('没有名为“{价格}”的字段');
    expect(el('template-editor')).not.toBeNull();
  });
});
