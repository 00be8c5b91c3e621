// Generated from Rust by carnet-app (src/bindings.rs). Do not edit: run `make bindings`.

export type ErrorCode = "required" | "too_long" | "invalid_phone" | "possible_duplicate" | "not_found" | "book_too_new" | "not_a_book" | "no_data_dir" | "storage" | "book_not_empty" | "internal";

export type AppError = { code: ErrorCode, message: string, 
/**
 * The input field at fault, named as in the DTOs (`name`, `phone`).
 */
field?: string, 
/**
 * The row at fault, counted from 1, for errors about a file's rows.
 */
row?: number, params: { [key in string]: string }, };

export type CustomerDto = { 
/**
 * A UUID, stable across export, import and handover.
 */
id: string, name: string, 
/**
 * E.164 (`+8613812345678`), as compared and exported.
 */
phone: string | null, 
/**
 * For display (`138 1234 5678`).
 */
phone_display: string | null, 
/**
 * RFC 3339, UTC.
 */
created_at: string, 
/**
 * RFC 3339, UTC.
 */
updated_at: string, };

export type CustomerList = { customers: Array<CustomerDto>, 
/**
 * Customers in the whole book (not only those shown).
 */
total: number, };

export type ListOrder = "pinyin" | "newest";

export type CustomerInput = { name: string, phone: string | null, 
/**
 * Save even if the customer may already be in the book (the consultant has seen the
 * possible duplicate and said so).
 */
allow_duplicate: boolean, };

export type Language = "zh-Hans" | "zh-Hant" | "en";

export type Settings = { language: Language, };
