import type { ErrorCode, Language } from '../bindings';

// The reference dictionary. Every other language must have exactly these keys
// (see Dictionary below), so a missing translation fails the type check.
export const zhHans = {
  app: {
    name: 'Carnet',
    tagline: '客户本',
  },
  nav: {
    label: '主导航',
    customers: '客户',
    settings: '设置',
  },
  fields: {
    name: '姓名',
    phone: '电话',
  },
  customers: {
    title: '客户',
    count: '共 {count} 位',
    empty: '还没有客户 — 在右侧新建第一位客户。',
    loading: '正在打开客户本…',
    columns: { name: '姓名', phone: '电话', added: '建档' },
    noPhone: '—',
    search: '搜索姓名、拼音、首字母或电话',
    searchLabel: '搜索客户',
    searchShortcut: '/ 或 Ctrl+K 搜索',
    noMatch: '没有找到与“{query}”相符的客户。',
    capped: '显示最新的 {shown} 位；搜索以查找其他客户。',
    order: { label: '排序', pinyin: '按拼音', newest: '最新建档' },
  },
  form: {
    title: '新建客户',
    namePlaceholder: '例如：张三',
    phonePlaceholder: '手机或座机，例如 138 1234 5678',
    submit: '添加客户',
    saving: '正在保存…',
    added: '已添加 {name}',
    addAnyway: '仍然添加',
    shortcut: 'Ctrl+N 新建客户',
  },
  settings: {
    title: '设置',
    language: '界面语言',
    languageHint: '保存在客户本里，下次打开时沿用。',
    // Each language is named in its own script, so anyone can find theirs.
    languages: { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' } satisfies Record<Language, string>,
  },
  book: {
    cannotOpen: '无法打开客户本',
  },
  errors: {
    required: '请填写{field}',
    too_long: '{field}太长：最多 {max} 个字',
    invalid_phone: '“{value}”不是有效的电话号码',
    possible_duplicate: '可能与已有客户重复：{name}（{phone}）',
    not_found: '找不到这位客户，可能已被删除',
    book_too_new: '这个客户本由更新版本的 Carnet 写入（结构版本 {found}，本版本最高支持 {supported}）。请升级 Carnet 后再打开；文件未作任何改动。',
    not_a_book: '{path} 不是 Carnet 客户本；文件未作任何改动。',
    no_data_dir: '系统没有应用数据目录：请用环境变量 {env} 指定客户本的位置。',
    storage: '读写客户本失败：{detail}',
    book_not_empty: '这个客户本已有 {count} 位客户；演示数据只能放进空的客户本。',
    internal: 'Carnet 内部出错，未保存任何改动：{detail}',
  } satisfies Record<ErrorCode, string>,
};

export type Dictionary = typeof zhHans;
