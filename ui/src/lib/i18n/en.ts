import type { Dictionary } from './zh-Hans';

export const en: Dictionary = {
  app: {
    name: 'Carnet',
    tagline: 'Customer book',
  },
  nav: {
    label: 'Main navigation',
    customers: 'Customers',
    settings: 'Settings',
  },
  fields: {
    name: 'Name',
    phone: 'Phone',
  },
  customers: {
    title: 'Customers',
    count: '{count} in all',
    empty: 'No customers yet — add the first one on the right.',
    loading: 'Opening the book…',
    columns: { name: 'Name', phone: 'Phone', added: 'Added' },
    noPhone: '—',
    search: 'Search name, pinyin, initials or phone',
    searchLabel: 'Search customers',
    searchShortcut: '/ or Ctrl+K to search',
    noMatch: 'No customer matches "{query}".',
    capped: 'Showing the newest {shown}; search to find the others.',
    order: { label: 'Order', pinyin: 'By pinyin', newest: 'Newest' },
  },
  form: {
    title: 'New customer',
    namePlaceholder: 'e.g. Zhang San',
    phonePlaceholder: 'Mobile or landline, e.g. 138 1234 5678',
    submit: 'Add customer',
    saving: 'Saving…',
    added: 'Added {name}',
    addAnyway: 'Add anyway',
    shortcut: 'Ctrl+N new customer',
  },
  settings: {
    title: 'Settings',
    language: 'Language',
    languageHint: 'Kept in the book, so it stays the next time you open it.',
    languages: { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' },
  },
  book: {
    cannotOpen: 'The book cannot be opened',
  },
  errors: {
    required: '{field} is required',
    too_long: '{field} is too long: at most {max} characters',
    invalid_phone: '"{value}" is not a valid phone number',
    possible_duplicate: 'This may be a customer already in the book: {name} ({phone})',
    not_found: 'This customer no longer exists; they may have been deleted',
    book_too_new: 'This book was written by a newer Carnet (schema {found}; this one knows up to {supported}). Update Carnet to open it; the file was not changed.',
    not_a_book: '{path} is not a Carnet book; the file was not changed.',
    no_data_dir: 'This system has no application data folder: set {env} to say where the book is.',
    storage: 'The book could not be read or written: {detail}',
    book_not_empty: 'This book already holds {count} customers; a demo book must start empty.',
    internal: 'Carnet failed and saved nothing: {detail}',
  },
};
