import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { ImportPreview, ImportProgress, ImportRequest, WarningGroup } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const birthday: WarningGroup = {
  column: '生日',
  field: 'birthday',
  kept: 'notes',
  code: 'invalid_date',
  count: 3,
  items: [{ row: 4, value: '1990-02-30' }],
};
const unknown: WarningGroup = { column: '爱好', field: 'hobby', kept: 'notes', code: 'unknown_field', count: 1, items: [{ row: 2, value: '钓鱼' }] };

function preview(request: ImportRequest): ImportPreview {
  return {
    file_name: 'customers.csv',
    format: 'csv',
    carnet_export: false,
    header_row: 0,
    columns: [{ index: 0, header: '生日', target: 'birthday', sample: '1990-02-30' }],
    unknown_columns: [],
    targets: ['name', 'birthday'],
    rows: 3,
    new: 3,
    updated: 0,
    duplicate: 0,
    with_warnings: 3,
    refused: 0,
    refused_rows: [],
    warnings: [birthday],
    duplicates: [],
    policy: request.policy,
  };
}

const previewImport = vi.fn(async (request: ImportRequest) => preview(request));
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      pickFile: async () => '/home/me/customers.csv',
      previewImport: (r: ImportRequest) => previewImport(r),
      importFile: async (_r: ImportRequest, _p: (p: ImportProgress) => void) => {
        throw new Error('not in this test');
      },
      listImports: async () => [],
    },
  };
});

const { default: WarningGroups } = await import('./WarningGroups.svelte');
const { default: ImportActions } = await import('./ImportActions.svelte');
const { default: ImportPanel } = await import('./ImportPanel.svelte');

const all = (testid: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)];
const one = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
};

let component: ReturnType<typeof mount> | undefined;

beforeEach(() => {
  i18n.lang = 'zh-Hans';
});
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('the warning groups', () => {
  it('say where each value was kept and why, and open to their rows one group at a time', () => {
    component = mount(WarningGroups, { target: document.body, props: { groups: [birthday, unknown] } });
    flushSync();
    const [first, second] = all('warning-group');
    expect(first?.textContent).toContain('3 处');
    expect(first?.textContent).toContain('保留在备注里（“生日：…”）');
    expect(first?.querySelector('.reason')?.textContent).toContain('YYYY-MM-DD');
    // A column Carnet does not know has no reason to give: it is only kept.
    expect(second?.querySelector('.reason')).toBeNull();
    expect(second?.textContent).toContain('保留在备注里（“爱好：…”）');

    const [toggle, other] = all('warning-rows-toggle');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    toggle!.click();
    flushSync();
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(toggle?.textContent).toBe('收起');
    expect(other?.getAttribute('aria-expanded')).toBe('false');
    expect(all('warning-rows')).toHaveLength(1);
    expect(all('warning-row').map((row) => row.textContent)).toEqual(['行 41990-02-30']);
    // Three values, one row shown: the other two are counted.
    expect(first?.textContent).toContain('……另有 2 处');
    toggle!.click();
    flushSync();
    expect(one('warning-rows')).toBeNull();
    expect(toggle?.textContent).toBe('看涉及的行');
  });

  it('are closed again by a new dry run', async () => {
    component = mount(ImportPanel, { target: document.body });
    one('import-choose')!.click();
    await settle();
    one('warning-rows-toggle')!.click();
    flushSync();
    expect(one('warning-rows')).not.toBeNull();
    one('policy-update')!.click();
    await settle();
    expect(previewImport).toHaveBeenLastCalledWith(expect.objectContaining({ policy: 'update' }));
    expect(one('warning-group')).not.toBeNull();
    expect(one('warning-rows')).toBeNull();
  });
});

describe('the import actions', () => {
  it('offer the import with its count, or say there is nothing to import', () => {
    const onrun = vi.fn();
    const props = { importing: false, disabled: false, progress: null, importable: 4, onrun, onstop: () => {} };
    component = mount(ImportActions, { target: document.body, props });
    flushSync();
    expect(one('import-run')?.textContent?.trim()).toBe('导入 (4)');
    one('import-run')!.click();
    expect(onrun).toHaveBeenCalledOnce();
    unmount(component);
    component = mount(ImportActions, { target: document.body, props: { ...props, importable: 0 } });
    flushSync();
    expect(one('import-run')).toBeNull();
    expect(document.body.textContent).toContain('没有可以导入的行');
  });

  it('show the progress while importing, and a stop button', () => {
    const onstop = vi.fn();
    const progress: ImportProgress = { phase: 'writing', done: 1, total: 3 };
    component = mount(ImportActions, {
      target: document.body,
      props: { importing: true, disabled: true, progress, importable: 3, onrun: () => {}, onstop },
    });
    flushSync();
    expect(one('import-progress')?.textContent?.trim()).toBe('正在写入 1/3');
    expect(document.querySelector('progress')?.getAttribute('value')).toBe('33');
    expect(one('import-run')).toBeNull();
    one('import-cancel')!.click();
    expect(onstop).toHaveBeenCalledOnce();
  });
});
