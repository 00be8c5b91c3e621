import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type {
  AppError,
  CatalogueImportResult,
  CataloguePreview,
  Trim,
  TrimDto,
} from '../../lib/bindings';
import { TRIM_FIELDS } from '../../lib/bindings';
import { dictionaries, i18n } from '../../lib/i18n/index.svelte';
import { customerDetail } from '../../lib/fixtures';

const trim = (over: Partial<Trim>): Trim => ({
  id: 't1',
  brand: '比亚迪',
  series: '汉',
  trim: 'EV 荣耀版',
  year: 2024,
  price: 179800,
  body: 'sedan',
  energy: 'bev',
  seats: 5,
  power_kw: null,
  accel_s: null,
  fuel_l100: null,
  range_km: 605,
  battery_kwh: null,
  length_mm: 4960,
  wheelbase_mm: 2920,
  boot_l: null,
  drivetrain: null,
  adas: '',
  warranty: '',
  colours: [],
  aliases: ['汉EV'],
  note: '',
  ...over,
});
const dto = (t: Trim): TrimDto => ({
  id: t.id,
  name: `${t.series} ${t.trim}`,
  trim: t,
  texts: { brand: t.brand, series: t.series, trim: t.trim, price: String(t.price), energy: t.energy ?? '' },
});

const catalogue = vi.fn<() => Promise<TrimDto[]>>();
const loadSampleCatalogue = vi.fn<() => Promise<CatalogueImportResult>>();
const pickFile = vi.fn<() => Promise<string | null>>();
const previewCatalogueImport = vi.fn<(path: string) => Promise<CataloguePreview>>();
const importCatalogue = vi.fn<(path: string) => Promise<CatalogueImportResult>>();
const saveTrim = vi.fn<(id: string | null, texts: Record<string, string>) => Promise<TrimDto>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      catalogue: () => catalogue(),
      loadSampleCatalogue: () => loadSampleCatalogue(),
      pickFile: () => pickFile(),
      previewCatalogueImport: (path: string) => previewCatalogueImport(path),
      importCatalogue: (path: string) => importCatalogue(path),
      saveTrim: (id: string | null, texts: Record<string, string>) => saveTrim(id, texts),
    },
  };
});

const { default: CatalogueSettings } = await import('./CatalogueSettings.svelte');
const { default: TrimForm } = await import('./TrimForm.svelte');
const { default: ModelLinks } = await import('./ModelLinks.svelte');

let component: ReturnType<typeof mount> | undefined;
const all = (testid: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)];
const el = <T extends HTMLElement = HTMLElement>(testid: string) =>
  document.querySelector<T>(`[data-testid="${testid}"]`);

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  for (const f of [catalogue, loadSampleCatalogue, pickFile, previewCatalogueImport, importCatalogue, saveTrim]) f.mockReset();
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('the catalogue in Settings', () => {
  it('offers the sample on an empty catalogue and lists the trims it loads', async () => {
    catalogue.mockResolvedValueOnce([]).mockResolvedValue([dto(trim({}))]);
    loadSampleCatalogue.mockResolvedValue({ added: 17, updated: 0, unchanged: 0, refused: [] });
    component = mount(CatalogueSettings, { target: document.body });
    await settle();
    expect(el('catalogue-offer')?.textContent).toContain('车型库还是空的');
    expect(el('catalogue-load-sample')?.textContent).toBe('载入示例车型库（比亚迪）');
    el<HTMLButtonElement>('catalogue-load-sample')!.click();
    await settle();
    expect(loadSampleCatalogue).toHaveBeenCalledOnce();
    expect(el('catalogue-offer')).toBeNull();
    expect(all('catalogue-row')).toHaveLength(1);
    const cells = [...all('catalogue-row')[0]!.querySelectorAll('td')].map((td) => td.textContent?.trim());
    expect(cells.slice(0, 8)).toEqual(['比亚迪', '汉', 'EV 荣耀版', '2024', '17.98万', '纯电', '605 km', '5']);
    expect(el('catalogue-status')?.textContent).toBe('车型库已导入：新增 17，更新 0，无法导入 0');
  });

  it('shows a sheet’s dry run with the rows refused, then imports it', async () => {
    catalogue.mockResolvedValue([]);
    pickFile.mockResolvedValue('/tmp/价格表.csv');
    const refused = {
      row: 4,
      column: '厂商指导价',
      field: 'price',
      value: '面议',
      code: 'invalid_number',
      params: { value: '面议' },
    } as CataloguePreview['refused'][number];
    previewCatalogueImport.mockResolvedValue({
      file_name: '价格表.csv',
      columns: [
        { header: '车系', field: 'series' },
        { header: '经销商', field: null },
      ],
      new: [{ row: 2, name: '宋L DM-i 领先型', price: 135800 }],
      updated: [],
      unchanged: [],
      refused: [refused],
    });
    importCatalogue.mockResolvedValue({ added: 1, updated: 0, unchanged: 0, refused: [refused] });
    component = mount(CatalogueSettings, { target: document.body });
    await settle();
    el<HTMLButtonElement>('catalogue-import')!.click();
    await settle();
    expect(previewCatalogueImport).toHaveBeenCalledWith('/tmp/价格表.csv');
    expect(el('catalogue-preview-counts')?.textContent?.trim()).toBe('新增 1，更新 0，不变 0，无法导入 1');
    expect(el('catalogue-preview')?.textContent).toContain('未导入的列：经销商');
    expect(all('catalogue-preview-new')[0]?.textContent).toContain('宋L DM-i 领先型');
    const bad = all('catalogue-refused-row')[0]!.textContent ?? '';
    expect(bad).toContain('4');
    expect(bad).toContain('面议');
    expect(importCatalogue).not.toHaveBeenCalled();
    el<HTMLButtonElement>('catalogue-import-run')!.click();
    await settle();
    expect(importCatalogue).toHaveBeenCalledWith('/tmp/价格表.csv');
    expect(el('catalogue-preview')).toBeNull();
    expect(el('catalogue-status')?.textContent).toBe('车型库已导入：新增 1，更新 0，无法导入 1');
  });
});

describe('the trim form', () => {
  it('has an input for every field Rust declares and shows an error beside its field', async () => {
    const error: AppError = { code: 'invalid_number', message: '', field: 'seats', params: { value: '二十' } };
    saveTrim.mockRejectedValue(error);
    const saved = vi.fn();
    component = mount(TrimForm, { target: document.body, props: { onsaved: saved, oncancel: () => {} } });
    flushSync();
    for (const field of TRIM_FIELDS) expect(el(`trim-field-${field.code}`), field.code).not.toBeNull();
    const energy = el<HTMLSelectElement>('trim-field-energy')!;
    expect([...energy.options].map((o) => o.value)).toEqual(['', 'petrol', 'hev', 'phev', 'erev', 'bev']);
    const seats = el<HTMLInputElement>('trim-field-seats')!;
    seats.value = '二十';
    seats.dispatchEvent(new Event('input', { bubbles: true }));
    el<HTMLButtonElement>('trim-save')!.click();
    await settle();
    expect(saveTrim).toHaveBeenCalledOnce();
    expect(saveTrim.mock.calls[0]![1].seats).toBe('二十');
    expect(saved).not.toHaveBeenCalled();
    expect(seats.closest('label')?.querySelector('[data-testid="trim-error"]')?.textContent).toContain('座位数');
  });
});

describe('a customer’s models', () => {
  it('show the trim a model links to, and leave the others as said', () => {
    const detail = customerDetail('王芳', {
      models: [
        { model: '汉', trim: '', colour: '雪域白' },
        { model: '汉兰达', trim: '', colour: '' },
      ],
      model_links: [{ id: 't1', name: '汉 EV 荣耀版' }, null],
    });
    component = mount(ModelLinks, { target: document.body, props: { detail } });
    flushSync();
    const wishes = all('model-wish');
    expect(wishes.map((w) => w.querySelector('[data-testid="model-trim"]')?.textContent ?? null)).toEqual([
      '汉 EV 荣耀版',
      null,
    ]);
    expect(wishes[1]?.textContent?.trim()).toBe('汉兰达');
  });
});

describe('the catalogue’s words', () => {
  it('name every field and every choice Rust declares, in every language', () => {
    for (const [lang, dict] of Object.entries(dictionaries)) {
      const fields: Record<string, string> = dict.catalogue.fields;
      const choices: Record<string, string> = dict.catalogue.choices;
      for (const field of TRIM_FIELDS) {
        expect(fields[field.code], `${lang} ${field.code}`).toBeTruthy();
        for (const choice of field.choices) expect(choices[choice], `${lang} ${choice}`).toBeTruthy();
      }
    }
  });
});
