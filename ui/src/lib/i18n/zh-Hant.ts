import type { Dictionary } from './zh-Hans';

// 繁體中文, with the words used in Taiwan and Hong Kong (新增, 儲存, 設定, 市話).
export const zhHant: Dictionary = {
  app: {
    name: 'Carnet',
    tagline: '客戶本',
  },
  nav: {
    label: '主導覽',
    customers: '客戶',
    settings: '設定',
  },
  fields: {
    name: '姓名',
    phone: '電話',
  },
  customers: {
    title: '客戶',
    count: '共 {count} 位',
    empty: '還沒有客戶 — 在右側新增第一位客戶。',
    loading: '正在開啟客戶本…',
    columns: { name: '姓名', phone: '電話', added: '建檔' },
    noPhone: '—',
    search: '搜尋姓名、拼音、首字母或電話',
    searchLabel: '搜尋客戶',
    searchShortcut: '/ 或 Ctrl+K 搜尋',
    noMatch: '沒有找到與「{query}」相符的客戶。',
    capped: '顯示最新的 {shown} 位；搜尋以尋找其他客戶。',
    order: { label: '排序', pinyin: '依拼音', newest: '最新建檔' },
  },
  form: {
    title: '新增客戶',
    namePlaceholder: '例如：張三',
    phonePlaceholder: '手機或市話，例如 138 1234 5678',
    submit: '新增客戶',
    saving: '正在儲存…',
    added: '已新增 {name}',
    addAnyway: '仍然新增',
    shortcut: 'Ctrl+N 新增客戶',
  },
  settings: {
    title: '設定',
    language: '介面語言',
    languageHint: '儲存在客戶本裡，下次開啟時沿用。',
    languages: { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' },
  },
  book: {
    cannotOpen: '無法開啟客戶本',
  },
  errors: {
    required: '請填寫{field}',
    too_long: '{field}太長：最多 {max} 個字',
    invalid_phone: '「{value}」不是有效的電話號碼',
    possible_duplicate: '可能與現有客戶重複：{name}（{phone}）',
    not_found: '找不到這位客戶，可能已被刪除',
    book_too_new: '這個客戶本由較新版本的 Carnet 寫入（結構版本 {found}，本版本最高支援 {supported}）。請升級 Carnet 後再開啟；檔案未作任何改動。',
    not_a_book: '{path} 不是 Carnet 客戶本；檔案未作任何改動。',
    no_data_dir: '系統沒有應用程式資料目錄：請用環境變數 {env} 指定客戶本的位置。',
    storage: '讀寫客戶本失敗：{detail}',
    book_not_empty: '這個客戶本已有 {count} 位客戶；示範資料只能放進空的客戶本。',
    internal: 'Carnet 內部出錯，未儲存任何改動：{detail}',
  },
};
