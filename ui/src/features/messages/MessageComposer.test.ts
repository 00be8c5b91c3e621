import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type {
  AppError,
  MessageInput,
  MessageRequest,
  QuickOutcome,
  RenderedMessage,
  TemplateList,
  Undo,
} from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const listTemplates = vi.fn<() => Promise<TemplateList>>();
const renderMessage = vi.fn<(r: MessageRequest) => Promise<RenderedMessage>>();
const logMessage = vi.fn<(m: MessageInput) => Promise<Undo>>();
const completePrompt = vi.fn<(c: string, k: string, o: QuickOutcome) => Promise<Undo>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      listTemplates: () => listTemplates(),
      renderMessage: (r: MessageRequest) => renderMessage(r),
      logMessage: (m: MessageInput) => logMessage(m),
      completePrompt: (c: string, k: string, o: QuickOutcome) => completePrompt(c, k, o),
    },
  };
});

const { default: MessageComposer } = await import('./MessageComposer.svelte');

const list: TemplateList = {
  templates: [
    { id: 'default:birthday:zh-Hans', occasion: 'birthday', language: 'zh-Hans', name: '生日祝福', body: '{称呼}，生日快乐！', builtin: true, edited: false },
    { id: 'own-1', occasion: 'birthday', language: 'zh-Hans', name: '生日（短）', body: '{称呼}生日快乐', builtin: false, edited: false },
  ],
  fields: [
    { field: 'salutation', zh_hans: '称呼', zh_hant: '稱呼', en: 'salutation' },
    { field: 'model', zh_hans: '车型', zh_hant: '車型', en: 'model' },
  ],
  offer: '',
};

const birthday: RenderedMessage = {
  template_id: 'default:birthday:zh-Hans',
  occasion: 'birthday',
  language: 'zh-Hans',
  text: '张先生，生日快乐！',
  missing: [],
  prompt_key: 'birthday:self:2026-12-06',
};

let component: ReturnType<typeof mount> | undefined;
const el = <T extends HTMLElement = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);
const writeText = vi.fn<(text: string) => Promise<void>>();

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

function type(testid: string, value: string) {
  const box = el<HTMLTextAreaElement>(testid)!;
  box.value = value;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  listTemplates.mockResolvedValue(list);
  renderMessage.mockReset();
  logMessage.mockReset();
  completePrompt.mockReset();
  writeText.mockReset();
  writeText.mockResolvedValue(undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('the message composer', () => {
  it('renders the prompt’s template, copies it, logs it, and marks the prompt done once sent', async () => {
    renderMessage.mockResolvedValue(birthday);
    logMessage.mockResolvedValue({ customer_id: 'c1', key: '', interaction_id: 'i1' });
    completePrompt.mockResolvedValue({ customer_id: 'c1', key: birthday.prompt_key!, interaction_id: null });
    const onsent = vi.fn();
    component = mount(MessageComposer, {
      target: document.body,
      props: { customerId: 'c1', name: '张伟', occasion: 'birthday', promptKey: 'birthday:self:2026-12-06', onsent },
    });
    await settle();
    expect(renderMessage).toHaveBeenCalledWith(
      expect.objectContaining({ customer_id: 'c1', occasion: 'birthday', prompt_key: 'birthday:self:2026-12-06', template_id: '' }),
    );
    expect(el<HTMLTextAreaElement>('message-text')!.value).toBe('张先生，生日快乐！');
    // Two templates for the occasion: the consultant can pick theirs.
    expect(el<HTMLSelectElement>('message-template')!.options.length).toBe(2);

    type('message-text', '张先生，生日快乐！祝您万事如意。');
    el<HTMLButtonElement>('message-copy')!.click();
    await settle();
    expect(writeText).toHaveBeenCalledWith('张先生，生日快乐！祝您万事如意。');
    expect(logMessage).toHaveBeenCalledWith({
      customer_id: 'c1',
      text: '张先生，生日快乐！祝您万事如意。',
      prompt_key: 'birthday:self:2026-12-06',
      sent: false,
    });
    expect(el('message-status')?.textContent).toContain('已复制');
    expect(el('message-ask-sent')?.textContent).toContain('已经发出去了吗');
    expect(completePrompt).not.toHaveBeenCalled();

    el<HTMLButtonElement>('message-sent')!.click();
    await settle();
    expect(completePrompt).toHaveBeenCalledWith('c1', 'birthday:self:2026-12-06', 'done');
    expect(onsent).toHaveBeenCalledTimes(1);
    expect(el('message-status')?.textContent).toContain('提醒已完成');
  });

  it('flags a field the customer has no value for and copies nothing until it is removed', async () => {
    renderMessage.mockResolvedValue({
      ...birthday,
      occasion: 'thanks_visit',
      text: '张先生您好，感谢您今天来店里看{车型}。',
      missing: ['model'],
      prompt_key: null,
    });
    logMessage.mockResolvedValue({ customer_id: 'c1', key: '', interaction_id: 'i1' });
    component = mount(MessageComposer, { target: document.body, props: { customerId: 'c1', name: '张伟' } });
    await settle();
    expect(el('message-missing')?.textContent).toContain('{车型}');
    expect(el<HTMLButtonElement>('message-copy')!.disabled).toBe(true);
    el<HTMLButtonElement>('message-copy')!.click();
    await settle();
    expect(logMessage).not.toHaveBeenCalled();

    type('message-text', '张先生您好，感谢您今天来店里看车。');
    expect(el('message-missing')).toBeNull();
    expect(el<HTMLButtonElement>('message-copy')!.disabled).toBe(false);
    el<HTMLButtonElement>('message-copy')!.click();
    await settle();
    expect(logMessage).toHaveBeenCalledWith(expect.objectContaining({ text: '张先生您好，感谢您今天来店里看车。', prompt_key: '' }));
    // No prompt: nothing to mark sent.
    expect(el('message-ask-sent')).toBeNull();
  });

  it('offers the everyday message when no prompt calls for one, and shows a refusal as text', async () => {
    const none: AppError = { code: 'required', message: '', field: 'occasion', params: {} };
    renderMessage.mockRejectedValueOnce(none).mockResolvedValueOnce({ ...birthday, occasion: 'thanks_visit', prompt_key: null });
    component = mount(MessageComposer, { target: document.body, props: { customerId: 'c1', name: '张伟' } });
    await settle();
    expect(renderMessage).toHaveBeenLastCalledWith(expect.objectContaining({ occasion: 'thanks_visit' }));
    expect(el<HTMLSelectElement>('message-occasion')!.value).toBe('thanks_visit');

    const unfilled: AppError = { code: 'unfilled_fields', message: '', field: 'text', params: { fields: '{车型}' } };
    logMessage.mockRejectedValue(unfilled);
    el<HTMLButtonElement>('message-copy')!.click();
    await settle();
    expect(el('message-error')?.textContent).toBe('消息里还有这位客户没有的信息：{车型}。请先补上，或把它们从消息里删掉。');
  });
});
