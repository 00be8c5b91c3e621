import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { ImportPreview, ImportProgress, ImportRequest } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';
import { backupReason, targetLabel } from './labels';

function preview(request: ImportRequest): ImportPreview {
  // The birthday column (3) holds a bad date in row 4, unless it is left out.
  const birthdayMapped = !request.columns || request.columns[2] !== null;
  return {
    file_name: 'customers.xlsx',
    format: 'xlsx',
    carnet_export: false,
    header_row: 1,
    columns: [
      { index: 0, header: '客户姓名', target: 'name', sample: '张三' },
      { index: 1, header: '手机', target: 'phones', sample: '13812345678' },
      { index: 2, header: '生日', target: birthdayMapped ? 'birthday' : null, sample: '1985-03-12' },
    ],
    unknown_columns: birthdayMapped ? [] : ['生日'],
    targets: ['name', 'phones', 'birthday', 'given_name'],
    rows: 2,
    new: birthdayMapped ? 1 : 2,
    updated: 0,
    duplicate: 0,
    with_warnings: birthdayMapped ? 1 : 0,
    refused: 1,
    refused_rows: [{ row: 5, column: '客户姓名', field: 'name', value: '', code: 'required', params: {} }],
    warnings: birthdayMapped
      ? [
          {
            column: '生日',
            field: 'birthday',
            kept: 'notes',
            code: 'invalid_date',
            count: 1,
            items: [{ row: 4, value: '1990-02-30' }],
          },
          {
            column: '购车时间',
            field: 'timeframe',
            kept: 'field',
            code: 'invalid_date',
            count: 1,
            items: [{ row: 4, value: '看政策' }],
          },
        ]
      : [],
    duplicates: [],
    policy: request.policy,
  };
}

const previewImport = vi.fn(async (request: ImportRequest) => preview(request));
const importFile = vi.fn(async (request: ImportRequest, onProgress: (p: ImportProgress) => void) => {
  onProgress({ phase: 'writing', done: 1, total: 2 });
  const p = preview(request);
  return { id: 'imp-1', created: p.new, updated: 0, skipped: 0, refused: p.refused, with_warnings: p.with_warnings, backup: '/b.db' };
});
const undoImport = vi.fn(async () => ({ removed: 2, reverted: 0 }));
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      pickFile: async () => '/home/me/customers.xlsx',
      previewImport: (r: ImportRequest) => previewImport(r),
      importFile: (r: ImportRequest, p: (p: ImportProgress) => void) => importFile(r, p),
      listImports: async () => [],
      undoImport: () => undoImport(),
      cancelImport: async () => null,
    },
  };
});

const { default: ImportPanel } = await import('./ImportPanel.svelte');

const byId = (id: string) => document.querySelector(`[data-testid="${id}"]`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let component: ReturnType<typeof mount> | undefined;

describe('ImportPanel', () => {
  beforeEach(() => {
    i18n.lang = 'zh-Hans';
    previewImport.mockClear();
    importFile.mockClear();
    component = mount(ImportPanel, { target: document.body });
  });
  afterEach(() => {
    if (component) unmount(component);
    document.body.innerHTML = '';
  });

  it('shows the dry run, follows a corrected column, imports and undoes', async () => {
    (byId('import-choose') as HTMLButtonElement).click();
    await settle();
    flushSync();
    expect(byId('count-new')?.textContent).toBe('1');
    expect(byId('count-refused')?.textContent).toBe('1');
    expect(byId('refused-rows')?.textContent).toContain('5');
    // A date that is no date is kept in the notes, and said so; one click shows its rows.
    expect(byId('count-warnings')?.textContent).toBe('1');
    const group = byId('warning-group')?.textContent ?? '';
    expect(group).toContain('生日');
    expect(group).toContain('保留在备注里');
    // Words kept in their own field are said to be kept as said, not asked to be a date.
    const words = document.querySelectorAll('[data-testid="warning-group"]')[1]?.textContent ?? '';
    expect(words).toContain('购车时间');
    expect(words).toContain('按原话记下');
    expect(words).not.toContain('YYYY-MM-DD');
    expect(byId('warning-rows')).toBeNull();
    (byId('warning-rows-toggle') as HTMLButtonElement).click();
    flushSync();
    const rows = byId('warning-rows')?.textContent ?? '';
    expect(rows).toContain('4');
    expect(rows).toContain('1990-02-30');

    const select = byId('map-2') as HTMLSelectElement;
    select.value = '';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    flushSync();
    expect(previewImport).toHaveBeenLastCalledWith(
      expect.objectContaining({ columns: ['name', 'phones', null], header_row: 1 }),
    );
    expect(byId('count-new')?.textContent).toBe('2');
    expect(byId('warnings')).toBeNull();

    (byId('policy-update') as HTMLInputElement).click();
    await settle();
    expect(previewImport).toHaveBeenLastCalledWith(expect.objectContaining({ policy: 'update' }));

    flushSync();
    (byId('import-run') as HTMLButtonElement).click();
    await settle();
    flushSync();
    expect(importFile).toHaveBeenCalledOnce();
    expect(byId('import-status')?.textContent).toContain('已导入：新客户 2');
    (byId('import-undo') as HTMLButtonElement).click();
    await settle();
    flushSync();
    expect(undoImport).toHaveBeenCalledOnce();
    expect(byId('import-status')?.textContent).toContain('已撤销：2 位客户移入回收站');
  });
});

describe('labels', () => {
  it('names every target and backup reason in each language', () => {
    for (const lang of ['zh-Hans', 'zh-Hant', 'en'] as const) {
      i18n.lang = lang;
      for (const target of ['name', 'phones', 'birthday_lunar', 'given_name', 'family_name', 'id']) {
        expect(targetLabel(target, i18n.t)).not.toBe(target);
      }
      for (const reason of ['daily', 'before-import', 'before-migration-v5', 'before-restore']) {
        expect(backupReason(reason, i18n.t)).not.toBe(i18n.t.backup.reasons.other);
      }
      expect(backupReason('something', i18n.t)).toBe(i18n.t.backup.reasons.other);
    }
    i18n.lang = 'zh-Hans';
  });
});
