// Generated from Rust by carnet-app (src/bindings.rs). Do not edit: run `make bindings`.

export type ErrorCode = "required" | "too_long" | "invalid_phone" | "too_many" | "invalid_email" | "invalid_budget" | "invalid_date" | "invalid_number" | "invalid_choice" | "unknown_field" | "same_customer" | "possible_duplicate" | "not_found" | "book_too_new" | "not_a_book" | "no_data_dir" | "storage" | "book_not_empty" | "own_book_not_team" | "team_book_read_only" | "period_backwards" | "unfilled_fields" | "bad_file" | "file_too_large" | "archive_bomb" | "export_too_new" | "file_error" | "empty_file" | "cancelled" | "nothing_to_import" | "damaged_book" | "backup_gone" | "backup_changed" | "backup_other_kind" | "book_healthy" | "erased_customer" | "own_file" | "too_short" | "locked" | "wrong_passphrase" | "no_encryption" | "book_in_use" | "internal";

/**
 * The parameters each error code is sent with, by name, each as text (optional: sent
 * when known).
 */
export type ErrorParams = {
  "required": Record<string, never>,
  "too_long": { max: string },
  "invalid_phone": { value: string },
  "too_many": { max: string },
  "invalid_email": { value: string },
  "invalid_budget": { value: string },
  "invalid_date": { value: string },
  "invalid_number": { value: string },
  "invalid_choice": { value: string, allowed: string },
  "unknown_field": { value: string },
  "same_customer": { id: string },
  "possible_duplicate": { id: string, name: string, phone: string, count: string },
  "not_found": { id: string },
  "book_too_new": { found: string, supported: string },
  "not_a_book": { path: string },
  "no_data_dir": { env: string },
  "storage": { detail: string, path?: string },
  "book_not_empty": { count: string },
  "own_book_not_team": { count: string },
  "team_book_read_only": Record<string, never>,
  "period_backwards": { from: string, to: string },
  "unfilled_fields": { fields: string },
  "bad_file": { format: string, detail: string, rows?: string, columns?: string, max?: string },
  "file_too_large": { size: string, max: string },
  "archive_bomb": { size: string, max: string },
  "export_too_new": { found: string, supported: string },
  "file_error": { path?: string, format?: string, detail: string },
  "empty_file": Record<string, never>,
  "cancelled": Record<string, never>,
  "nothing_to_import": { refused: string, duplicate: string },
  "damaged_book": { path: string, detail: string },
  "backup_gone": { path: string },
  "backup_changed": { path: string },
  "backup_other_kind": { path: string },
  "book_healthy": { path: string },
  "erased_customer": { id: string },
  "own_file": { path: string, what: string },
  "too_short": { min: string },
  "locked": Record<string, never>,
  "wrong_passphrase": Record<string, never>,
  "no_encryption": Record<string, never>,
  "book_in_use": { path: string },
  "internal": { detail: string },
};

/** An error's code with that code's parameters: one variant per code. */
export type CodeAndParams = { [C in ErrorCode]: { code: C, params: ErrorParams[C] } }[ErrorCode];

export type AppError = { message: string, 
/**
 * The input field at fault, named as in the DTOs (`name`, `phone`).
 */
field?: string, 
/**
 * The row at fault, counted from 1, for errors about a file's rows.
 */
row?: number, } & CodeAndParams;

export type Title = "mr" | "ms" | "miss" | "boss" | "teacher" | "doctor";

export type Reason = "first_car" | "replacement" | "additional";

export type Purpose = "commute" | "family" | "business" | "long_trips" | "cargo";

export type Level = "N" | "H" | "A" | "B" | "C" | "O" | "D" | "F";

export type DecisionMaker = "self" | "spouse" | "shared" | "parents" | "children" | "company" | "friend" | "other";

export type Payment = "cash" | "loan" | "lease";

export type Source = "walk_in" | "phone" | "online" | "referral" | "show" | "other";

export type Priority = "power" | "comfort" | "appearance" | "fuel_economy" | "space" | "safety" | "price" | "after_sales";

export type Relation = "wife" | "husband" | "spouse" | "son" | "daughter" | "father" | "mother" | "father_in_law" | "mother_in_law" | "son_in_law" | "daughter_in_law" | "grandfather" | "grandmother" | "grandson" | "granddaughter" | "brother" | "sister" | "other";

export type KeyFact = "phones" | "models" | "budget" | "timeframe" | "purposes" | "decision_maker" | "payment" | "current_car";

export type Budget = { min: number | null, max: number, about: boolean, };

export type Calendar = "solar" | "lunar";

export type Birthday = { calendar: Calendar, year: number | null, month: number, day: number, };

export type ModelWish = { model: string, trim: string, colour: string, };

export type Energy = "petrol" | "hev" | "phev" | "erev" | "bev";

export type Body = "sedan" | "hatchback" | "suv" | "mpv" | "wagon" | "coupe" | "pickup";

export type Drivetrain = "fwd" | "rwd" | "awd";

export type Trim = { 
/**
 * Stable id (a UUID for a trim made in Carnet; kept from an export).
 */
id: string, 
/**
 * 品牌, e.g. 比亚迪.
 */
brand: string, 
/**
 * 车系, the model as customers name it: 汉, 宋PLUS DM-i.
 */
series: string, 
/**
 * 版本, e.g. 605KM 尊贵型.
 */
trim: string, 
/**
 * 年款.
 */
year: number | null, 
/**
 * 指导价, in yuan.
 */
price: number, body: Body | null, energy: Energy | null, seats: number | null, 
/**
 * Combined power, kW.
 */
power_kw: number | null, 
/**
 * 0–100 km/h, seconds.
 */
accel_s: number | null, 
/**
 * Fuel use, L/100 km (WLTC; for a plug-in hybrid, with the battery flat).
 */
fuel_l100: number | null, 
/**
 * Electric range, km (CLTC).
 */
range_km: number | null, 
/**
 * Battery, kWh.
 */
battery_kwh: number | null, length_mm: number | null, wheelbase_mm: number | null, 
/**
 * Boot volume, litres (seats up).
 */
boot_l: number | null, drivetrain: Drivetrain | null, 
/**
 * Driver assistance, as the maker names it (e.g. L2, DiPilot 100).
 */
adas: string, 
/**
 * Warranty, as the maker words it (e.g. 6年或15万公里).
 */
warranty: string, colours: Array<string>, 
/**
 * Other names customers use for the series (汉EV, han), for linking their wishes.
 */
aliases: Array<string>, note: string, };

export type TrimFieldKind = "text" | "integer" | "decimal" | "money" | "choice" | "list";

export type TrimField = { code: string, headers: Array<string>, kind: TrimFieldKind, required: boolean, min: number, max: number, 
/**
 * The unit shown after the value, if any.
 */
unit: string, };

export type TrimDto = { id: string, 
/**
 * The name a consultant says: series and trim.
 */
name: string, trim: Trim, 
/**
 * Each field's text by code, as the editor shows it and `save_trim` reads it back.
 */
texts: { [key in string]: string }, };

export type TrimLink = { id: string, name: string, };

export type CatalogueColumn = { header: string, field: string | null, };

export type CatalogueLine = { 
/**
 * The row's line in the sheet, counted from 1 (the trim's number in a JSON file).
 */
row: number, name: string, 
/**
 * Yuan.
 */
price: number, };

export type CataloguePreview = { file_name: string, columns: Array<CatalogueColumn>, 
/**
 * Trims the catalogue does not have yet.
 */
new: Array<CatalogueLine>, 
/**
 * Trims the catalogue has (same id, or same brand, series, trim and year) that change.
 */
updated: Array<CatalogueLine>, 
/**
 * Trims the catalogue has as they are.
 */
unchanged: Array<CatalogueLine>, 
/**
 * Rows that cannot be read, each with its line and the field at fault.
 */
refused: Array<InvalidRow>, };

export type CatalogueImportResult = { added: number, updated: number, unchanged: number, refused: Array<InvalidRow>, };

export type CatalogueExportResult = { path: string, trims: number, };

export type CurrentCar = { brand: string | null, model: string | null, year: number | null, 
/**
 * Kilometres.
 */
mileage: number | null, plate: string | null, };

export type Profile = { name: string, title: Title | null, 
/**
 * Stored forms (E.164, or `~` and the number as typed when unverified); the first is
 * the main number.
 */
phones: Array<string>, wechat: string | null, emails: Array<string>, region: string | null, address: string | null, occupation: string | null, company: string | null, budget: Budget | null, 
/**
 * What the customer said of the budget when it names no amount ("面议", "看车定").
 */
budget_words: string | null, models: Array<ModelWish>, reason: Reason | null, purposes: Array<Purpose>, 
/**
 * When they mean to buy, as a target day, month or year, or words.
 */
timeframe: string | null, level: Level, 
/**
 * Who decides: one of the list, or the consultant's words for them.
 */
decision_maker: string | null, decision_maker_name: string | null, current_car: CurrentCar, payment: Payment | null, source: Source | null, 
/**
 * The channel under the source (汽车之家, 抖音 …), as the consultant names it.
 */
channel: string | null, 
/**
 * The id of the customer who referred this one (the book checks it names another
 * customer).
 */
referred_by: string | null, cares: string | null, worry: string | null, personality: string | null, 
/**
 * Most important first.
 */
priorities: Array<Priority>, special_needs: string | null, hobbies: string | null, tags: Array<string>, notes: string | null, birthday: Birthday | null, };

export type ProfileDraft = { name: string, title: string, phones: Array<string>, wechat: string, emails: Array<string>, region: string, address: string, occupation: string, company: string, budget: string, models: Array<ModelWish>, reason: string, purposes: Array<string>, timeframe: string, level: string, decision_maker: string, decision_maker_name: string, car_brand: string, car_model: string, car_year: string, car_mileage: string, car_plate: string, payment: string, source: string, channel: string, referred_by: string, cares: string, worry: string, personality: string, priorities: Array<string>, special_needs: string, hobbies: string, tags: Array<string>, notes: string, birthday: string, birthday_lunar: boolean, };

export type FieldKind = { "kind": "text" } | { "kind": "long_text" } | { "kind": "list" } | { "kind": "choice" } | { "kind": "choices" } | { "kind": "budget" } | { "kind": "timeframe" } | { "kind": "number", min: number, max: number, } | { "kind": "date" } | { "kind": "flag" };

export type MergeRule = "pick" | "union" | "with_previous";

export type FieldSpec = { 
/**
 * As in the JSON of a customer, on the command line (`--set name=…`), and the key of its
 * labels (carnet-io's `labels.tsv`, the UI's `fields` dictionary).
 */
name: string, 
/**
 * The most characters the value (a list's item) holds; 0 when the kind sets it (choices,
 * numbers, dates, flags).
 */
max_chars: number, 
/**
 * The most items a list holds (0: no count of its own; a closed list holds each once).
 */
max_items: number, 
/**
 * Required: a profile without it is refused.
 */
required: boolean, 
/**
 * The key fact the field is (part of), if any.
 */
key_fact: KeyFact | null, merge: MergeRule, 
/**
 * A value that stands for "not known yet" besides the empty text (the level N).
 */
unknown: string, } & ({ "kind": "text" } | { "kind": "long_text" } | { "kind": "list" } | { "kind": "choice" } | { "kind": "choices" } | { "kind": "budget" } | { "kind": "timeframe" } | { "kind": "number", min: number, max: number, } | { "kind": "date" } | { "kind": "flag" });

export type FamilyFacts = { name: string, 
/**
 * One of the list, or the consultant's words ("干爹").
 */
relation: string, birthday: Birthday | null, phone: string | null, notes: string | null, };

export type FamilyDraft = { name: string, relation: string, 
/**
 * "YYYY-MM-DD", or "MM-DD" when the year is unknown.
 */
birthday: string, birthday_lunar: boolean, phone: string, notes: string, };

export type FamilyMemberDto = { id: string, phone_display: string | null, 
/**
 * The member as the edit form starts from.
 */
input: FamilyDraft, name: string, 
/**
 * One of the list, or the consultant's words ("干爹").
 */
relation: string, birthday: Birthday | null, phone: string | null, notes: string | null, };

export type KeyFactChangeDto = { fact: KeyFact, old_value: string, new_value: string, 
/**
 * RFC 3339, UTC.
 */
changed_at: string, 
/**
 * A budget's old and new value as carnet-core reads them (`None` for words, unknown,
 * or another fact), so that the UI shows them as the profile shows a budget.
 */
old_budget: Budget | null, new_budget: Budget | null, 
/**
 * A timeframe's old and new target as carnet-core reads them (`None` for unknown or
 * another fact; no days left or level: the target only).
 */
old_timeframe: TimeframeView | null, new_timeframe: TimeframeView | null, };

export type InteractionKind = "visit" | "call" | "message" | "test_drive" | "quote" | "order" | "delivery" | "service" | "complaint" | "other";

export type Outcome = "reached" | "not_reached" | "declined" | "other";

export type LostReason = "price" | "competitor" | "same_brand_elsewhere" | "postponed" | "finance_refused" | "unreachable" | "other";

export type AppointmentKind = "visit" | "test_drive";

export type InteractionDraft = { kind: string, 
/**
 * "YYYY-MM-DD HH:MM", empty for now.
 */
at: string, outcome: string, 
/**
 * 1 (very dissatisfied) to 5 (very satisfied), empty if not asked.
 */
satisfaction: string, promise: string, notes: string, 
/**
 * The next step: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", empty for none.
 */
next: string, 
/**
 * Whether the next step is an appointment: "visit" or "test_drive" (or their Chinese
 * words), empty for none. Needs a `next` day.
 */
appointment: string, 
/**
 * What a service visit cost the customer, in yuan ("1200", "1,200", "0.12万"); empty
 * when not known. Only on a service.
 */
spend: string, };

export type InteractionDto = { id: string, kind: InteractionKind, 
/**
 * Local time, "YYYY-MM-DD HH:MM".
 */
at: string, outcome: Outcome | null, satisfaction: number | null, promise: string | null, notes: string | null, 
/**
 * "YYYY-MM-DD" or "YYYY-MM-DD HH:MM".
 */
next: string | null, 
/**
 * The next step is an appointment of this kind (on `next`).
 */
appointment: AppointmentKind | null, 
/**
 * Yuan, on a service.
 */
spend: number | null, model: string | null, 
/**
 * Yuan.
 */
price: number | null, expected_delivery: string | null, vin: string | null, plate: string | null, resolved_at: string | null, resolution: string | null, };

export type LevelChangeDto = { 
/**
 * Local time, "YYYY-MM-DD HH:MM:SS".
 */
changed_at: string, from: Level, to: Level, reason: string | null, revisit: string | null, 
/**
 * Why a sale was lost (a change to F).
 */
lost_reason: LostReason | null, 
/**
 * For a sale lost to a competitor, which brand or model.
 */
competitor: string | null, };

export type OrderInput = { model: string, 
/**
 * "15.8万" or "158000".
 */
price: string, 
/**
 * When it was ordered; empty for now.
 */
at: string, expected_delivery: string, };

export type LevelInput = { reason: string, revisit: string, lost_reason: string, competitor: string, };

export type DeliveryInput = { at: string, vin: string, plate: string, };

export type PhoneView = { 
/**
 * As shown (`138 1234 5678`; as typed when unverified).
 */
display: string, 
/**
 * What is copied and exported: the digits (`13812345678`, `+19055551234`).
 */
digits: string, 
/**
 * Whether the number is valid as written; an unverified one is kept exactly as typed.
 */
verified: boolean, };

export type TimeframeKind = "by" | "month" | "year" | "words";

export type TimeframeView = { kind: TimeframeKind, 
/**
 * "YYYY-MM-DD", for a day.
 */
date: string | null, year: number | null, month: number | null, words: string | null, 
/**
 * Days from the day shown to the target (negative once it has passed); `None` for
 * words.
 */
days_left: number | null, 
/**
 * The level the window suggests on the day shown (`None` for words, or once passed).
 */
suggested_level: Level | null, 
/**
 * What the edit form shows and reads back.
 */
input: string, };

export type CustomerDetail = { id: string, 
/**
 * RFC 3339, UTC.
 */
created_at: string, 
/**
 * RFC 3339, UTC.
 */
updated_at: string, deleted_at: string | null, 
/**
 * The phones for display, in the order of `phones`.
 */
phones_display: Array<string>, 
/**
 * The phones as front ends show and copy them, in the order of `phones`.
 */
phone_views: Array<PhoneView>, 
/**
 * The timeframe as of today: the target and the window left to it.
 */
timeframe_view: TimeframeView | null, 
/**
 * The profile as the edit form starts from.
 */
input: ProfileDraft, 
/**
 * Percent of the key facts known.
 */
completeness: number, 
/**
 * The key facts still unknown: what to ask next.
 */
unknown: Array<KeyFact>, family: Array<FamilyMemberDto>, 
/**
 * Key-fact changes, the newest first.
 */
changes: Array<KeyFactChangeDto>, 
/**
 * The timeline: every interaction, the newest first.
 */
interactions: Array<InteractionDto>, 
/**
 * Every change of level, the newest first.
 */
level_changes: Array<LevelChangeDto>, 
/**
 * For each intended model (in the order of `models`), the catalogue trim it names, if
 * the catalogue has one; none leaves it the customer's words.
 */
model_links: Array<TrimLink | null>, name: string, title: Title | null, 
/**
 * Stored forms (E.164, or `~` and the number as typed when unverified); the first is
 * the main number.
 */
phones: Array<string>, wechat: string | null, emails: Array<string>, region: string | null, address: string | null, occupation: string | null, company: string | null, budget: Budget | null, 
/**
 * What the customer said of the budget when it names no amount ("面议", "看车定").
 */
budget_words: string | null, models: Array<ModelWish>, reason: Reason | null, purposes: Array<Purpose>, 
/**
 * When they mean to buy, as a target day, month or year, or words.
 */
timeframe: string | null, level: Level, 
/**
 * Who decides: one of the list, or the consultant's words for them.
 */
decision_maker: string | null, decision_maker_name: string | null, current_car: CurrentCar, payment: Payment | null, source: Source | null, 
/**
 * The channel under the source (汽车之家, 抖音 …), as the consultant names it.
 */
channel: string | null, 
/**
 * The id of the customer who referred this one (the book checks it names another
 * customer).
 */
referred_by: string | null, cares: string | null, worry: string | null, personality: string | null, 
/**
 * Most important first.
 */
priorities: Array<Priority>, special_needs: string | null, hobbies: string | null, tags: Array<string>, notes: string | null, birthday: Birthday | null, };

export type CustomerDto = { 
/**
 * A UUID, stable across export, import and handover.
 */
id: string, name: string, title: Title | null, 
/**
 * The main phone as stored (`+8613812345678`; `~` and the number as typed when it is
 * not valid as written).
 */
phone: string | null, 
/**
 * For display (`138 1234 5678`).
 */
phone_display: string | null, level: Level, budget: Budget | null, 
/**
 * The first intended model.
 */
model: string | null, 
/**
 * RFC 3339, UTC.
 */
created_at: string, 
/**
 * RFC 3339, UTC.
 */
updated_at: string, 
/**
 * When the customer was moved to the trash (RFC 3339, UTC).
 */
deleted_at: string | null, 
/**
 * When the customer was last contacted, local time ("YYYY-MM-DD HH:MM:SS").
 */
last_contact: string | null, };

export type CustomerList = { customers: Array<CustomerDto>, 
/**
 * Customers the search and filters match (all of them, not only this page; with
 * nothing searched for, the whole book). Counted for the first page (offset 0) only:
 * `None` for later pages, whose caller already knows it.
 */
matching: number | null, };

export type ListOrder = "pinyin" | "newest" | "last_contact";

export type CustomerInput = { 
/**
 * Save even if the customer may already be in the book (the consultant has seen the
 * possible duplicate and said so).
 */
allow_duplicate: boolean, name: string, title: string, phones: Array<string>, wechat: string, emails: Array<string>, region: string, address: string, occupation: string, company: string, budget: string, models: Array<ModelWish>, reason: string, purposes: Array<string>, timeframe: string, level: string, decision_maker: string, decision_maker_name: string, car_brand: string, car_model: string, car_year: string, car_mileage: string, car_plate: string, payment: string, source: string, channel: string, referred_by: string, cares: string, worry: string, personality: string, priorities: Array<string>, special_needs: string, hobbies: string, tags: Array<string>, notes: string, birthday: string, birthday_lunar: boolean, };

export type MergePreview = { survivor: CustomerDetail, loser: CustomerDetail, 
/**
 * Fields (as named in the JSON) where both hold different known values.
 */
conflicts: Array<string>, };

export type PromptKind = "cadence" | "next_step" | "after_sale" | "birthday" | "holiday" | "complaint" | "satisfaction_check" | "regrade" | "propose_lost" | "revisit" | "no_show";

export type When = "overdue" | "today" | "upcoming";

export type PromptParamsDto = { "kind": "cadence", level: Level, last: string | null, days: number | null, } | { "kind": "next_step", promise: string, set_on: string, appointment: AppointmentKind | null, } | { "kind": "no_show", on: string, time: string | null, appointment: AppointmentKind, } | { "kind": "after_sale", step: AfterSaleKind, year: number, days: number, } | { "kind": "birthday", who: string, name: string, calendar: Calendar, month: number, day: number, } | { "kind": "holiday", holiday: string, } | { "kind": "complaint", opened: string, } | { "kind": "satisfaction_check", resolved: string, } | { "kind": "regrade", level: Level, since: string, } | { "kind": "propose_lost", attempts: number, } | { "kind": "revisit", lost_reason: LostReason | null, };

export type PromptDto = { key: string, kind: PromptKind, 
/**
 * "YYYY-MM-DD".
 */
due: string, 
/**
 * "HH:MM", when a time was set.
 */
time: string | null, 
/**
 * 1 is the most urgent.
 */
priority: number, 
/**
 * Why it is due: the prompt's parameters, tagged with the same `kind`.
 */
params: PromptParamsDto, when: When, 
/**
 * Days from the day shown to the due day (negative when overdue).
 */
in_days: number, 
/**
 * The occasion of the message the prompt calls for (a birthday, a holiday …), if any.
 */
occasion?: Occasion, };

export type AgendaRow = { customer_id: string, name: string, level: Level, phone_display: string | null, when: When, prompts: Array<PromptDto>, 
/**
 * Their tier today: among rows due the same day, higher tiers come first.
 */
tier: Tier, 
/**
 * An owner whose latest satisfaction is low: they come first among the day's rows (seed
 * 002's D class: call now, resolve their complaint fast).
 */
unhappy: boolean, };

export type Agenda = { 
/**
 * "YYYY-MM-DD".
 */
date: string, rows: Array<AgendaRow>, 
/**
 * Prompts due on or before the day.
 */
due: number, 
/**
 * Prompts due on or before the day and in the days after (the rows show the first
 * `AGENDA_PROMPTS` of them).
 */
total: number, };

export type FamilyDate = { 
/**
 * A relation's code, or the consultant's words for it.
 */
relation: string, name: string, 
/**
 * The solar date it falls on, "YYYY-MM-DD".
 */
date: string, birthday: Birthday, };

export type Stage = "prospect" | "ordered" | "owner" | "lost";

export type FitFor = "priority" | "worry";

export type TalkingPoint = { "code": "birthday_greeting", who: string, name: string, } | { "code": "holiday_greeting", holiday: string, } | { "code": "anniversary_greeting", year: number, } | { "code": "acknowledge_complaint" } | { "code": "say_what_was_done" } | { "code": "check_satisfaction" } | { "code": "book_after_sale", step: AfterSaleKind, } | { "code": "ask_how_the_car_is" } | { "code": "ask_what_changed", level: Level, } | { "code": "rebook", appointment: AppointmentKind, } | { "code": "confirm_appointment", appointment: AppointmentKind, } | { "code": "try_another_way", attempts: number, } | { "code": "win_back", lost_reason: LostReason | null, } | { "code": "keep_promise", promise: string, } | { "code": "strategy", class: GridClass, strategy: SatisfactionStrategy, } | { "code": "delivery_news" } | { "code": "invite_decision_maker" } | { "code": "ask_daily_distance" } | { "code": "bring_offer" } | { "code": "show_space" } | { "code": "talk_safety" } | { "code": "offer_test_drive" } | { "code": "offer_valuation" } | { "code": "fit", trim: string, field: string, value: string, unit: string, for: FitFor, priority: Priority | null, } | { "code": "ask_key_fact", fact: KeyFact, };

export type Brief = { customer_id: string, name: string, level: Level, phones_display: Array<string>, priorities: Array<Priority>, cares: string | null, worry: string | null, 
/**
 * A decision-maker's code, or the consultant's words for them.
 */
decision_maker: string | null, decision_maker_name: string | null, last_contact: InteractionDto | null, 
/**
 * The last promise made, while not yet kept (no contact since its next step).
 */
last_promise: string | null, last_satisfaction: number | null, family_dates: Array<FamilyDate>, unknown: Array<KeyFact>, 
/**
 * Prospect, ordered, owner or lost: what the talking points follow.
 */
stage: Stage, 
/**
 * The prompt the brief is for (the one asked for, else the customer's most urgent one),
 * whose reason the talking points answer first.
 */
prompt: PromptDto | null, 
/**
 * The catalogue trim their intended model names, when one does ("汉 EV 605KM 尊贵型").
 */
trim: string | null, 
/**
 * What to say, most important first: codes with parameters, rendered by front ends.
 */
talking_points: Array<TalkingPoint>, 
/**
 * For a prospect, the catalogue's trims that fit them best (at most [`BRIEF_FITS`]), as
 * the customer page ranks them, with their reasons; empty for anyone else or an empty
 * catalogue.
 */
fits: Array<Fit>, };

export type Suggestion = { 
/**
 * The profile field (as in the field registry: `budget`, `models`, `car_year` …).
 */
field: string, 
/**
 * The field's new text, as the profile form would take it (`ProfileDraft::set`).
 */
value: string, 
/**
 * The field's text before, when the suggestion changes a value already known.
 */
old: string | null, 
/**
 * The words of the text the fact was read from.
 */
said: string, 
/**
 * Where they are in the text, in characters (Unicode scalar values), end excluded.
 */
start: number, end: number, 
/**
 * For a model: the catalogue series it names, when one matches.
 */
series: string | null, };

export type QuickOutcome = "reached" | "not_reached" | "reschedule" | "done";

export type Undo = { customer_id: string, key: string, interaction_id: string | null, };

export type EraseProgress = { 
/**
 * Backups rewritten so far.
 */
done: number, 
/**
 * Automatic backups in all.
 */
backups: number, };

export type EraseResult = { 
/**
 * Customers erased from the book.
 */
erased: number, 
/**
 * Automatic backups rewritten without them (every customer ever erased from this book
 * is taken out of each backup).
 */
backups: number, 
/**
 * Backups that could not be rewritten (damaged, or not a Carnet book), by path: they
 * may still hold erased customers.
 */
failed: Array<string>, 
/**
 * Whether the book's log was emptied at once (else at its next checkpoint).
 */
log_purged: boolean, };

export type Notice = { 
/**
 * Passed back to `mark_notified` once shown.
 */
key: string, 
/**
 * For the day's summary: how many rows of today's plan are still to do.
 */
due_count: number | null, customer_id: string | null, name: string | null, prompt: PromptDto | null, };

export type Why = "complaint" | "unhappy" | "hot" | "appointment" | "after_sale" | "rest";

export type PlanGroup = { occasion: Occasion, members: number, 
/**
 * Members done (their prompt done, dismissed or snoozed past today).
 */
done: number, };

export type PlanRow = { 
/**
 * Why the row is in Today: its heaviest prompt's reason.
 */
why: Why, 
/**
 * How many times its prompts have slipped past a day (the most of them).
 */
slips: number, 
/**
 * Nothing of the row is left to do today.
 */
done: boolean, 
/**
 * The row came due after the day was planned (a next step set for today): it follows
 * the plan's rows.
 */
late: boolean, customer?: AgendaRow, group?: PlanGroup, };

export type KindCount = { kind: PromptKind, count: number, };

export type LaterDay = { 
/**
 * "YYYY-MM-DD"; `null`: after this week.
 */
date: string | null, rows: number, kinds: Array<KindCount>, };

export type TodayPlan = { 
/**
 * "YYYY-MM-DD".
 */
date: string, 
/**
 * The rows a day holds (the rules' `daily_capacity`).
 */
capacity: number, rows: Array<PlanRow>, 
/**
 * Rows done, of `total`: progress through the day.
 */
done: number, total: number, 
/**
 * What waits: the next six days, then after the week.
 */
later: Array<LaterDay>, 
/**
 * Prompts due on or before today when the day was planned (planned today or later).
 */
due: number, };

export type PlanMember = { customer_id: string, name: string, level: Level, phone_display: string | null, 
/**
 * The prompt's key (what a message logged for it marks done).
 */
key: string, 
/**
 * The prompt while it is still to do; `null` once done.
 */
prompt: PromptDto | null, done: boolean, };

export type LevelRule = { level: Level, 
/**
 * How long the level's purchase window lasts; past it, the level is stale.
 */
window_days: number | null, 
/**
 * How often to contact a customer at this level.
 */
interval_days: number | null, };

export type AfterSaleKind = "call" | "service" | "insurance" | "inspection" | "anniversary";

export type AfterSaleRule = { kind: AfterSaleKind, months: number, days: number, yearly: boolean, };

export type Holiday = { 
/**
 * A stable code front ends name the holiday by (`spring_festival`, `mid_autumn` …).
 */
code: string, calendar: Calendar, month: number, day: number, };

export type Rules = { levels: Array<LevelRule>, after_sale: Array<AfterSaleRule>, holidays: Array<Holiday>, 
/**
 * The levels whose customers get holiday greetings.
 */
holiday_levels: Array<Level>, 
/**
 * How many days ahead birthdays, holidays and after-sale steps show.
 */
lead_days: number, 
/**
 * Failed attempts in a row after which F is proposed.
 */
failed_attempts: number, 
/**
 * Days after going to F when a lost customer is revisited.
 */
lost_revisit_days: number, 
/**
 * Days after a complaint is resolved when satisfaction is checked again.
 */
satisfaction_check_days: number, 
/**
 * When the consultant's day starts ("HH:MM"): the day's summary is notified then.
 */
day_start: string, 
/**
 * How many minutes before a prompt's set time it is notified.
 */
notify_lead_minutes: number, 
/**
 * How many rows Today holds: a day's worth of contacts (a group counts as one).
 */
daily_capacity: number, };

export type Language = "zh-Hans" | "zh-Hant" | "en";

export type Consultant = { name: string, dealership: string, 
/**
 * As typed; checked as a phone number when saved.
 */
phone: string, };

export type Settings = { language: Language, consultant: Consultant, 
/**
 * The channels a profile's channel field suggests (汽车之家, 抖音 …), in the consultant's
 * order.
 */
channels: Array<string>, 
/**
 * Reminders while Carnet runs: closing the window keeps Carnet in the tray, and the
 * notices come when due (on unless turned off).
 */
reminders: boolean, };

export type CatchUpStep = "check" | "backup" | "prompts";

export type CatchUpProgress = { step: CatchUpStep, 
/**
 * Customers recomputed so far (0 for the check and the backup).
 */
done: number, 
/**
 * Customers to recompute in all (0 for the check and the backup).
 */
total: number, };

export type CatchUpResult = { 
/**
 * The day's backup, when this made it.
 */
backup: string | null, 
/**
 * Customers whose prompts were recomputed.
 */
customers: number, };

export type DuplicatePolicy = "skip" | "update" | "create";

export type ImportRequest = { path: string, 
/**
 * Each column's target (a profile field, `given_name`, `family_name`, `id`) or null.
 */
columns: Array<string | null> | null, 
/**
 * 0-based row of the headers; the guess when `None`.
 */
header_row: number | null, policy: DuplicatePolicy, 
/**
 * Remember the corrected columns for the next file with these headers.
 */
save_mapping: boolean, };

export type ImportColumn = { index: number, header: string, target: string | null, 
/**
 * The first non-empty value below the header.
 */
sample: string, };

export type InvalidRow = { 
/**
 * 1-based, as the sheet shows it (the card's or customer's number otherwise).
 */
row: number, 
/**
 * The column's header (the field's name for a Carnet export).
 */
column: string, field: string, value: string, } & CodeAndParams;

export type KeptWhere = "field" | "notes" | "made_up_name" | "cut";

export type WarningItem = { row: number, value: string, };

export type WarningGroup = { column: string, field: string, kept: KeptWhere, 
/**
 * Why the value was not understood as the field's value (`invalid_phone`,
 * `invalid_budget`, `invalid_date` for a timeframe or a birthday, `invalid_choice`,
 * `unknown_field` for a column Carnet has no field for, `required` for a name …).
 */
code: ErrorCode, 
/**
 * How many values (every one counted).
 */
count: number, 
/**
 * The first of them, with their rows.
 */
items: Array<WarningItem>, };

export type DuplicateRow = { row: number, name: string, 
/**
 * The customer it matches; `None` when it matches an earlier row of the file.
 */
existing_id: string | null, existing_name: string, };

export type ImportPreview = { file_name: string, format: string, 
/**
 * A Carnet export: whole customers, no columns to map.
 */
carnet_export: boolean, header_row: number, columns: Array<ImportColumn>, 
/**
 * Headers of columns that are not imported.
 */
unknown_columns: Array<string>, 
/**
 * What a column may be mapped to.
 */
targets: Array<string>, rows: number, new: number, updated: number, duplicate: number, 
/**
 * Rows imported (new or updated) with a value kept rather than understood.
 */
with_warnings: number, 
/**
 * Rows refused: nothing identifies the person (no name, phone, WeChat id or e-mail).
 */
refused: number, refused_rows: Array<InvalidRow>, 
/**
 * The values kept rather than understood, a group a kind, with their rows.
 */
warnings: Array<WarningGroup>, duplicates: Array<DuplicateRow>, policy: DuplicatePolicy, };

export type ImportPhase = "checking" | "writing";

export type ImportProgress = { 
/**
 * "checking" the rows, then "writing" them.
 */
phase: ImportPhase, done: number, total: number, };

export type ImportResult = { 
/**
 * The id to undo it by; `None` when there was nothing to import.
 */
id: string | null, created: number, updated: number, skipped: number, refused: number, 
/**
 * Rows imported with a value kept rather than understood.
 */
with_warnings: number, 
/**
 * The copy of the book made just before.
 */
backup: string | null, };

export type ImportDto = { id: string, at: string, file_name: string, format: string, policy: string, created: number, updated: number, skipped: number, refused: number, undone: boolean, };

export type UndoImportResult = { 
/**
 * Customers it had created, now in the trash.
 */
removed: number, 
/**
 * Customers already in the book whose imported fields were cleared again.
 */
reverted: number, };

export type ExportFormat = "xlsx" | "csv" | "json";

export type ExportRequest = { path: string, format: ExportFormat, 
/**
 * What the search box holds (words and `key:value` filters); empty for everyone.
 */
filter: string, 
/**
 * Only this customer (a customer's own data, on request).
 */
customer_id: string | null, 
/**
 * Phones shortened; address, WeChat id and notes left out.
 */
mask: boolean, };

export type ExportResult = { path: string, customers: number, };

export type BackupDto = { path: string, 
/**
 * RFC 3339.
 */
made_at: string, 
/**
 * "daily", "before-import", "before-migration-v5", "before-restore".
 */
reason: string, bytes: number, };

export type BookPreview = { path: string, customers: number, interactions: number, 
/**
 * The latest change to a customer (RFC 3339).
 */
last_change: string | null, consultant: string | null, };

export type RestoreResult = { 
/**
 * The copy of the book that was replaced.
 */
previous: string | null, customers: number, };

export type DamagedBook = { path: string, problem: string, backup: BackupDto | null, preview: BookPreview | null, };

export type Privacy = { 
/**
 * This Carnet can encrypt (it was built with SQLCipher).
 */
available: boolean, 
/**
 * The book has a passphrase: it is encrypted on disk, and the app locks.
 */
encrypted: boolean, 
/**
 * The idle minutes after which the app locks (when the book has a passphrase).
 */
lock_after_minutes: number, };

export type PassphraseChange = { 
/**
 * The book is now encrypted.
 */
encrypted: boolean, 
/**
 * The backup made first, of the book as it was.
 */
backup: string | null, 
/**
 * The automatic backups converted to the new passphrase.
 */
backups: number, 
/**
 * Backups the old passphrase did not open, left as they were.
 */
left: Array<string>, };

export type LockState = { locked: boolean, 
/**
 * How many prompts are due today (none known while the book is not yet opened).
 */
due: number | null, };

export type Tier = "top" | "large" | "medium" | "small" | "inactive" | "prospect" | "suspect" | "other";

export type Trend = "up" | "down" | "flat";

export type Band = "high" | "middle" | "low";

export type Cell = { satisfaction: Band, volume: Band, };

export type GridClass = "a" | "b" | "c" | "d";

export type VolumeStrategy = "one_to_one" | "one_to_many" | "group_channel";

export type SatisfactionStrategy = "partner" | "improve" | "correct";

export type GridAction = "personal" | "every_need" | "whole_journey" | "long_term_plan" | "discuss_improvements" | "regular_calls" | "group_messages" | "collect_needs" | "share_updates" | "call_now" | "resolve_fast" | "learn_needs" | "offer_service" | "ask_improve";

export type GridView = { cell: Cell, class: GridClass, volume_strategy: VolumeStrategy, satisfaction_strategy: SatisfactionStrategy, actions: Array<GridAction>, };

export type CustomerValue = { 
/**
 * Yuan: bought + after-sale spend + the referral share.
 */
value: number, 
/**
 * A prospect's budget × their level's likelihood, yuan; null without a budget.
 */
expected_value: number | null, tier: Tier, purchases: number, bought: number, service_spend: number, 
/**
 * What the customers they referred bought, yuan.
 */
referred_bought: number, 
/**
 * The latest satisfaction (1–5), the one before, and which way it went.
 */
satisfaction: number | null, previous_satisfaction: number | null, trend: Trend | null, 
/**
 * Owners who gave a satisfaction only.
 */
grid: GridView | null, };

export type Likelihood = { level: Level, 
/**
 * Percent, 0–100.
 */
percent: number, };

export type ValueRules = { 
/**
 * An owner worth at least this much (yuan) is a top customer (default 600,000: about
 * two or three cars).
 */
top_min: number, 
/**
 * … a large customer (default 300,000).
 */
large_min: number, 
/**
 * … a medium customer (default 150,000); below it, small.
 */
medium_min: number, 
/**
 * An owner with no contact and no purchase for this many months is inactive
 * (default 12).
 */
inactive_months: number, 
/**
 * The share of a referred customer's purchases credited to whoever referred them,
 * percent (default 10).
 */
referral_percent: number, 
/**
 * How likely each prospect level is to buy, percent (defaults H 80, A 60, B 40, C 20,
 * N 5, O 95).
 */
likelihoods: Array<Likelihood>, };

export type ReportKind = "funnel" | "sources" | "models" | "compliance" | "lost" | "levels" | "satisfaction" | "tiers" | "grid" | "pareto" | "lookalikes";

export type Period = { from: string, to: string, };

export type Step = "leads" | "profiled" | "appointed" | "kept" | "shown" | "test_drive" | "quote" | "order" | "delivery";

export type Rate = "profile_rate" | "show_rate" | "test_drive_rate" | "close_rate";

export type FunnelStepRow = { step: Step, count: number, previous: number, 
/**
 * The words that list these customers.
 */
filter: string, };

export type RateRow = { rate: Rate, 
/**
 * Percent, one decimal; null when nothing to divide by.
 */
value: number | null, previous: number | null, };

export type TimeToOrderRow = { level: Level, orders: number, average_days: number, median_days: number, };

export type SourceRow = { 
/**
 * Null: not known.
 */
source: Source | null, 
/**
 * Null: none given.
 */
channel: string | null, leads: number, shows: number, test_drives: number, orders: number, 
/**
 * Orders ÷ leads, percent.
 */
close_rate: number | null, filter: string, };

export type ModelRow = { model: string, 
/**
 * Leads of the period whose first choice it is.
 */
interested: number, 
/**
 * Orders of the period for it.
 */
orders: number, filter: string, };

export type Tally = { due: number, on_time: number, late: number, open: number, dismissed: number, };

export type TallyRow<K> = { key: K, tally: Tally, made_percent: number | null, };

export type ReasonCount = { reason: string, count: number, };

export type LostReasonRow = { 
/**
 * Null: no reason given.
 */
reason: LostReason | null, count: number, filter: string, };

export type LostCustomer = { id: string, name: string, date: string, reason: LostReason | null, competitor: string | null, words: string | null, 
/**
 * The win-back date.
 */
revisit: string | null, };

export type LevelCount = { level: Level, count: number, filter: string, };

export type WeekMix = { 
/**
 * The week's Monday.
 */
week: string, counts: Array<LevelCount>, };

export type SatisfactionMonth = { 
/**
 * "YYYY-MM".
 */
month: string, 
/**
 * How many answers gave 1, 2, 3, 4 and 5.
 */
counts: Array<number>, average: number | null, };

export type BandCount = { band: Band, count: number, filter: string, };

export type TierRow = { tier: Tier, customers: number, 
/**
 * Their value, yuan (owners'), or expected value (prospects').
 */
value: number, filter: string, };

export type GridCellRow = { view: GridView, count: number, filter: string, };

export type CurvePoint = { customers_percent: number, value_percent: number, };

export type Pareto = { 
/**
 * Customers who brought any value.
 */
customers: number, total: number, 
/**
 * The best fifth: how many (rounded up), what they brought, and its share, percent.
 */
top_count: number, top_value: number, top_share: number, 
/**
 * Every tenth of the customers, best first.
 */
curve: Array<CurvePoint>, };

export type ValuedCustomer = { id: string, name: string, level: Level, tier: Tier, 
/**
 * In the period, yuan.
 */
value: number, };

export type Trait = "model" | "budget_band" | "purpose" | "source" | "region" | "decision_maker" | "previous_brand";

export type Typical = { which: Trait, value: string, percent: number, };

export type Ideal = { 
/**
 * How many best customers it was drawn from.
 */
drawn_from: number, typical: Array<Typical>, };

export type Lookalike = { id: string, name: string, level: Level, 
/**
 * 0–100.
 */
score: number, matching: Array<Typical>, };

export type Report = { "kind": "funnel", period: Period, previous_period: Period, steps: Array<FunnelStepRow>, rates: Array<RateRow>, time_to_order: Array<TimeToOrderRow>, } | { "kind": "sources", period: Period, rows: Array<SourceRow>, } | { "kind": "models", period: Period, rows: Array<ModelRow>, } | { "kind": "compliance", period: Period, previous_period: Period, total: Tally, made_percent: number | null, previous: Tally, previous_made_percent: number | null, by_kind: Array<TallyRow<PromptKind>>, by_level: Array<TallyRow<Level>>, dismissed: Array<ReasonCount>, } | { "kind": "lost", period: Period, by_reason: Array<LostReasonRow>, competitors: Array<ReasonCount>, customers: Array<LostCustomer>, } | { "kind": "levels", period: Period, current: Array<LevelCount>, weeks: Array<WeekMix>, } | { "kind": "satisfaction", period: Period, months: Array<SatisfactionMonth>, 
/**
 * The customers' current satisfaction, by band.
 */
current: Array<BandCount>, 
/**
 * Whose latest answer went up, down or stayed.
 */
up: number, down: number, flat: number, } | { "kind": "tiers", 
/**
 * As of this day.
 */
date: string, rows: Array<TierRow>, } | { "kind": "grid", date: string, cells: Array<GridCellRow>, 
/**
 * Owners never asked their satisfaction.
 */
unknown: number, } | { "kind": "pareto", period: Period, previous_period: Period, current: Pareto, previous: Pareto, 
/**
 * The best fifth of the period, best first.
 */
top: Array<ValuedCustomer>, } | { "kind": "lookalikes", date: string, ideal: Ideal, prospects: Array<Lookalike>, };

export type TableValue = number | string;

export type ReportTable = { 
/**
 * The sheet's name (cut to Excel's 31 characters).
 */
sheet: string, headers: Array<string>, 
/**
 * Rows of cells; null for an empty cell.
 */
rows: Array<Array<TableValue | null>>, };

export type TeamPart = { consultant: string, customers: number, };

export type TeamFile = { path: string, consultant: string, customers: number, };

export type TeamBook = { parts: Array<TeamPart>, 
/**
 * Customers two or more consultants hold (the same phone).
 */
shared: number, 
/**
 * The files read this time, with the consultant each one was.
 */
read: Array<TeamFile>, };

export type ConsultantFigures = { consultant: string | null, customers: number, leads: number, shows: number, test_drives: number, orders: number, 
/**
 * Orders ÷ leads, percent.
 */
close_rate: number | null, 
/**
 * Follow-ups made ÷ due, percent.
 */
made_percent: number | null, 
/**
 * The average of the customers' latest satisfaction (1–5).
 */
satisfaction: number | null, };

export type TeamOverview = { period: Period, rows: Array<ConsultantFigures>, };

export type ConsultantReport = { consultant: string | null, report: Report, };

export type Holder = { consultant: string, customer_id: string, name: string, };

export type SharedCustomer = { 
/**
 * The phone as shown.
 */
phone: string, holders: Array<Holder>, };

export type OpenKind = "import" | "backup" | "team";

export type SaveKind = "export" | "backup" | "report" | "chart" | "pdf";

export type FitRules = { 
/**
 * The discount a customer can usually expect off the guide price, percent (default 5).
 */
typical_discount_pct: number, 
/**
 * A trim whose price after the discount is over the top of the budget by at most this
 * share still fits, ranked after those within it; beyond it, it is ruled out. Percent
 * (default 10).
 */
stretch_pct: number, 
/**
 * The electric range that answers "long trips", km CLTC (default 500).
 */
long_range_km: number, 
/**
 * A boot at least this big is roomy, litres (default 450).
 */
roomy_boot_l: number, };

export type FitReason = { "code": "wished", "params": { model: string, } } | { "code": "seats_for_children", "params": { seats: number, children: number, } } | { "code": "seats_for_family", "params": { seats: number, people: number, } } | { "code": "many_seats", "params": { seats: number, } } | { "code": "family_body", "params": { body: Body, } } | { "code": "roomy_boot", "params": { boot_l: number, } } | { "code": "long_range", "params": { range_km: number, } } | { "code": "plug_in_range", "params": { range_km: number, energy: Energy, } } | { "code": "low_fuel", "params": { fuel_l100: number, } } | { "code": "electric", "params": { energy: Energy, } } | { "code": "business_image", "params": { body: Body, length_mm: number, } } | { "code": "rear_space", "params": { wheelbase_mm: number, } } | { "code": "quick", "params": { accel_s: number, } } | { "code": "powerful", "params": { power_kw: number, } } | { "code": "colours", "params": { count: number, } } | { "code": "assistance", "params": { adas: string, } } | { "code": "low_price", "params": { net_price: number, } } | { "code": "warranty", "params": { warranty: string, } } | { "code": "over_budget", "params": { over: number, net_price: number, budget_max: number, } } | { "code": "too_few_seats", "params": { seats: number, people: number, } } | { "code": "already_owned", "params": { model: string, } };

export type BudgetFit = { "status": "within" } | { "status": "stretch", over: number, } | { "status": "unknown" };

export type Fit = { trim: Trim, 
/**
 * The guide price less the typical discount, yuan.
 */
net_price: number, budget: BudgetFit, 
/**
 * How well it answers the customer's purposes and priorities, percent of a perfect
 * answer; `None` when neither is known.
 */
score: number | null, 
/**
 * The strongest reasons first.
 */
reasons: Array<FitReason>, };

export type RuledOut = { trim: Trim, net_price: number, why: Array<FitReason>, };

export type SuggestionsDto = { customer_id: string, name: string, budget: Budget | null, 
/**
 * How many trims the catalogue holds (0: the catalogue is empty).
 */
catalogue_size: number, fits: Array<Fit>, fits_total: number, ruled_out: Array<RuledOut>, ruled_out_total: number, 
/**
 * The rules the fit was made with (the typical discount …).
 */
rules: FitRules, };

export type Better = "lower" | "higher";

export type CompareCell = number | string | Array<string>;

export type CompareRow = { 
/**
 * The field's code ([`TRIM_FIELDS`]).
 */
field: string, 
/**
 * The unit shown after a value.
 */
unit: string, 
/**
 * Each trim's value, in the order of the trims.
 */
values: Array<CompareCell | null>, 
/**
 * Whether the trims' values are not all the same (a missing value differs).
 */
differ: boolean, 
/**
 * Where the field has a better direction and the trims differ on it: which of them (by
 * position) hold the best value; ties are all best.
 */
best: Array<number>, better: Better | null, };

export type Comparison = { trims: Array<Trim>, rows: Array<CompareRow>, };

export type QuoteSettings = { 
/**
 * Commercial insurance estimate, percent of the price paid.
 */
commercial_pct: number, 
/**
 * 上牌费, yuan.
 */
plate_fee: number, 
/**
 * 服务费, yuan.
 */
service_fee: number, 
/**
 * How many days a quote holds.
 */
valid_days: number, 
/**
 * The loan's yearly rate, percent.
 */
apr: number, 
/**
 * A loan's flat fee (手续费), yuan: what a 0% offer charges instead of interest.
 */
loan_fee: number, };

export type QuoteTerms = { 
/**
 * The day of the quote: the tax rules in force on it apply.
 */
date: string, guide_price: number, discount: number, 
/**
 * 精品/加装, paid beside the car (not in the tax base).
 */
accessories: number, energy: Energy | null, seats: number | null, 
/**
 * 交强险; `None`: the base rate by seats.
 */
compulsory: number | null, 
/**
 * 商业险; `None`: `settings.commercial_pct` of the price paid.
 */
commercial: number | null, settings: QuoteSettings, 
/**
 * The finance the customer chose: down payment (percent) and term (months).
 */
down_pct: number, term: number, };

export type PurchaseTax = { 
/**
 * The price before VAT (计税价格): price ÷ 1.13, rounded to the yuan.
 */
base: number, 
/**
 * 10% of it, before any relief.
 */
full: number, 
/**
 * What a new-energy relief waives (full − due).
 */
relief: number, 
/**
 * What is paid.
 */
due: number, };

export type FinanceRow = { down_pct: number, term: number, 
/**
 * The yearly rate, percent.
 */
apr: number, 
/**
 * 首付: the down payment on the car.
 */
down: number, 
/**
 * 贷款额.
 */
loan: number, 
/**
 * 月供.
 */
monthly: number, 
/**
 * The payments less the loan.
 */
interest: number, 
/**
 * The loan's flat fee.
 */
fee: number, 
/**
 * What the loan costs over the car's price: interest + fee.
 */
cost: number, 
/**
 * What is paid at the start: the total on the road less the loan.
 */
upfront: number, };

export type QuoteSheet = { date: string, 
/**
 * The last day the quote holds.
 */
valid_until: string, guide_price: number, discount: number, 
/**
 * The car's price as paid: guide price less discount.
 */
price: number, accessories: number, purchase_tax: PurchaseTax, compulsory_insurance: number, commercial_insurance: number, plate_fee: number, service_fee: number, 
/**
 * 落地价: everything above.
 */
total: number, 
/**
 * The finance chosen.
 */
finance: FinanceRow, 
/**
 * Every down payment × term, down payments first.
 */
grid: Array<FinanceRow>, };

export type QuoteInput = { 
/**
 * A catalogue id, or a name that identifies one trim (its series when only one trim has
 * it; series and trim words).
 */
trim: string, discount: number | null, accessories: number | null, 
/**
 * Down payment, percent of the price paid.
 */
down_pct: number | null, 
/**
 * Months.
 */
term: number | null, 
/**
 * The loan's yearly rate, percent.
 */
apr: number | null, 
/**
 * The loan's flat fee (a 0% offer's 手续费).
 */
loan_fee: number | null, 
/**
 * 交强险, yuan; left out: the base rate by seats.
 */
compulsory: number | null, 
/**
 * 商业险, yuan; left out: `commercial_pct` of the price paid.
 */
commercial: number | null, commercial_pct: number | null, plate_fee: number | null, service_fee: number | null, };

export type QuoteTrim = { id: string, 
/**
 * Series and trim, as a consultant says it.
 */
name: string, brand: string, year: number | null, 
/**
 * Guide price, yuan.
 */
price: number, energy: Energy | null, seats: number | null, 
/**
 * One of the models the customer wants.
 */
intended: boolean, };

export type QuoteView = { customer_id: string, customer_name: string, 
/**
 * The catalogue id quoted (none when the trim has since left the catalogue).
 */
trim_id: string | null, trim_name: string, 
/**
 * What the sheet was worked out from, every default applied.
 */
terms: QuoteTerms, sheet: QuoteSheet, 
/**
 * The note the quote is (or would be) logged with.
 */
summary: string, 
/**
 * Who quotes: printed on the sheet.
 */
consultant: Consultant, 
/**
 * The quote interaction, once saved.
 */
interaction_id: string | null, };

export type Occasion = "birthday" | "lunar_birthday" | "family_birthday" | "spring_festival" | "dragon_boat" | "mid_autumn" | "national_day" | "new_year" | "delivery_anniversary" | "first_service" | "insurance_renewal" | "inspection" | "thanks_visit" | "after_test_drive" | "after_quote" | "complaint_follow_up" | "win_back";

export type MergeField = "salutation" | "name" | "model" | "plate" | "delivery_date" | "anniversary" | "next_service" | "insurance_due" | "inspection_due" | "birthday" | "holiday" | "relative" | "consultant" | "consultant_phone" | "dealership" | "offer";

export type TextLanguage = "zh-Hans" | "zh-Hant" | "en";

export type TemplateDto = { 
/**
 * `default:OCCASION:LANGUAGE` for a built-in template (edited or not), else the
 * consultant's own template's id.
 */
id: string, occasion: Occasion, language: TextLanguage, name: string, body: string, 
/**
 * Built in: it can be restored, not deleted.
 */
builtin: boolean, 
/**
 * A built-in template the consultant changed.
 */
edited: boolean, };

export type MergeFieldName = { field: MergeField, zh_hans: string, zh_hant: string, en: string, };

export type TemplateList = { templates: Array<TemplateDto>, fields: Array<MergeFieldName>, 
/**
 * The current offer (优惠) messages name, as the consultant words it; empty: none.
 */
offer: string, };

export type TemplateInput = { id: string, occasion: Occasion, language: TextLanguage, name: string, body: string, };

export type MessageRequest = { customer_id: string, occasion: Occasion | null, template_id: string, prompt_key: string, language: TextLanguage | null, body: string | null, };

export type RenderedMessage = { template_id: string, occasion: Occasion, language: TextLanguage, text: string, missing: Array<MergeField>, 
/**
 * The prompt it answers, when there is one.
 */
prompt_key: string | null, };

export type MessageInput = { customer_id: string, text: string, 
/**
 * The prompt it answers ("" for none).
 */
prompt_key: string, sent: boolean, };

// Every value of each closed list, in the order forms offer them.
export const TITLES = ["mr", "ms", "miss", "boss", "teacher", "doctor"] as const satisfies readonly Title[];
export const REASONS = ["first_car", "replacement", "additional"] as const satisfies readonly Reason[];
export const PURPOSES = ["commute", "family", "business", "long_trips", "cargo"] as const satisfies readonly Purpose[];
export const LEVELS = ["N", "H", "A", "B", "C", "O", "D", "F"] as const satisfies readonly Level[];
export const DECISION_MAKERS = ["self", "spouse", "shared", "parents", "children", "company", "friend", "other"] as const satisfies readonly DecisionMaker[];
export const PAYMENTS = ["cash", "loan", "lease"] as const satisfies readonly Payment[];
export const SOURCES = ["walk_in", "phone", "online", "referral", "show", "other"] as const satisfies readonly Source[];
export const PRIORITIES = ["power", "comfort", "appearance", "fuel_economy", "space", "safety", "price", "after_sales"] as const satisfies readonly Priority[];
export const ENERGIES = ["petrol", "hev", "phev", "erev", "bev"] as const satisfies readonly Energy[];
export const BODIES = ["sedan", "hatchback", "suv", "mpv", "wagon", "coupe", "pickup"] as const satisfies readonly Body[];
export const DRIVETRAINS = ["fwd", "rwd", "awd"] as const satisfies readonly Drivetrain[];
export const RELATIONS = ["wife", "husband", "spouse", "son", "daughter", "father", "mother", "father_in_law", "mother_in_law", "son_in_law", "daughter_in_law", "grandfather", "grandmother", "grandson", "granddaughter", "brother", "sister", "other"] as const satisfies readonly Relation[];
export const KEY_FACTS = ["phones", "models", "budget", "timeframe", "purposes", "decision_maker", "payment", "current_car"] as const satisfies readonly KeyFact[];
export const INTERACTION_KINDS = ["visit", "call", "message", "test_drive", "quote", "order", "delivery", "service", "complaint", "other"] as const satisfies readonly InteractionKind[];
export const OUTCOMES = ["reached", "not_reached", "declined", "other"] as const satisfies readonly Outcome[];
export const TIERS = ["top", "large", "medium", "small", "inactive", "prospect", "suspect", "other"] as const satisfies readonly Tier[];
export const BANDS = ["high", "middle", "low"] as const satisfies readonly Band[];
export const GRID_CLASSES = ["a", "b", "c", "d"] as const satisfies readonly GridClass[];
export const FUNNEL_STEPS = ["leads", "profiled", "appointed", "kept", "shown", "test_drive", "quote", "order", "delivery"] as const satisfies readonly Step[];
export const RATES = ["profile_rate", "show_rate", "test_drive_rate", "close_rate"] as const satisfies readonly Rate[];
export const REPORT_KINDS = ["funnel", "sources", "models", "compliance", "lost", "levels", "satisfaction", "tiers", "grid", "pareto", "lookalikes"] as const satisfies readonly ReportKind[];
export const TRAITS = ["model", "budget_band", "purpose", "source", "region", "decision_maker", "previous_brand"] as const satisfies readonly Trait[];
export const LOST_REASONS = ["price", "competitor", "same_brand_elsewhere", "postponed", "finance_refused", "unreachable", "other"] as const satisfies readonly LostReason[];
export const APPOINTMENT_KINDS = ["visit", "test_drive"] as const satisfies readonly AppointmentKind[];
export const AFTER_SALE_KINDS = ["call", "service", "insurance", "inspection", "anniversary"] as const satisfies readonly AfterSaleKind[];
export const LANGUAGES = ["zh-Hans", "zh-Hant", "en"] as const satisfies readonly Language[];
export const LIST_ORDERS = ["pinyin", "newest", "last_contact"] as const satisfies readonly ListOrder[];
export const WHENS = ["overdue", "today", "upcoming"] as const satisfies readonly When[];
export const EXPORT_FORMATS = ["xlsx", "csv", "json"] as const satisfies readonly ExportFormat[];
export const OCCASIONS = ["birthday", "lunar_birthday", "family_birthday", "spring_festival", "dragon_boat", "mid_autumn", "national_day", "new_year", "delivery_anniversary", "first_service", "insurance_renewal", "inspection", "thanks_visit", "after_test_drive", "after_quote", "complaint_follow_up", "win_back"] as const satisfies readonly Occasion[];
export const MERGE_FIELDS = ["salutation", "name", "model", "plate", "delivery_date", "anniversary", "next_service", "insurance_due", "inspection_due", "birthday", "holiday", "relative", "consultant", "consultant_phone", "dealership", "offer"] as const satisfies readonly MergeField[];
export const TEXT_LANGUAGES = ["zh-Hans", "zh-Hant", "en"] as const satisfies readonly TextLanguage[];
export const DUPLICATE_POLICIES = ["skip", "update", "create"] as const satisfies readonly DuplicatePolicy[];

// The limits carnet-core checks, for the forms' own limits.
export const LIMITS = {
  /** A name (a customer's, a family member's, the consultant's). */
  name_max_chars: 100,
  /** A short text field (a company, an address, the dealership). */
  short_max_chars: 200,
  /** Notes and other long text. */
  long_max_chars: 32767,
  /** An e-mail address. */
  email_max_chars: 254,
  /** Items in one list field (phones, tags …). */
  list_max: 20,
  /** One tag. */
  tag_max_chars: 50,
  /** A phone number as typed. */
  phone_max_chars: 40,
  /** Customers one search answers with at most. */
  page_max: 1000,
  /** The fewest trims a comparison takes. */
  compare_min: 2,
  /** The most trims a comparison takes. */
  compare_max: 4,
  /** A message template's body. */
  template_body_max_chars: 1000,
  /** A message template's name. */
  template_name_max_chars: 50,
  /** The fewest characters a book's passphrase has. */
  passphrase_min_chars: 8,
  /** The most characters a book's passphrase has. */
  passphrase_max_chars: 256,
  /** The fewest idle minutes before the app locks. */
  lock_after_minutes_min: 1,
  /** The most idle minutes before the app locks. */
  lock_after_minutes_max: 240,
} as const;

/** The ranges the follow-up rules' numbers must fall in (carnet-core's followup::rules). */
export const RULE_RANGES = {
  window_days: { min: 1, max: 3650 },
  interval_days: { min: 1, max: 3650 },
  failed_attempts: { min: 1, max: 100 },
  lost_revisit_days: { min: 1, max: 3650 },
  satisfaction_check_days: { min: 1, max: 365 },
  lead_days: { min: 0, max: 60 },
  notify_lead_minutes: { min: 0, max: 1440 },
  daily_capacity: { min: 1, max: 500 },
  after_sale_months: { min: 0, max: 600 },
  after_sale_days: { min: -365, max: 365 },
  holiday_month: { min: 1, max: 12 },
  holiday_day: { min: 1, max: 31 },
  value_min_yuan: { min: 1, max: 100000000 },
  inactive_months: { min: 1, max: 120 },
  percent: { min: 0, max: 100 },
  typical_discount_pct: { min: 0, max: 50 },
  stretch_pct: { min: 0, max: 50 },
  long_range_km: { min: 100, max: 1500 },
  roomy_boot_l: { min: 100, max: 2000 },
} as const;

/** The ranges of a quote's numbers (carnet-core's quote). */
export const QUOTE_RANGES = {
  commercial_pct: { min: 0, max: 20 },
  fee_yuan: { min: 0, max: 100000 },
  price_yuan: { min: 0, max: 100000000 },
  valid_days: { min: 1, max: 90 },
  apr: { min: 0, max: 36 },
  down_pct: { min: 0, max: 100 },
  term: { min: 1, max: 120 },
} as const;

/** The finance grid: down payments (percent) by terms (months). */
export const FINANCE_GRID = { down_pcts: [20, 30, 50], terms: [12, 24, 36, 60] } as const;

/** The events the desktop shell sends the window (carnet-app's EVENTS). */
export const EVENTS = {
  /** Notices are due: a Notice[] to show, then mark_notified. */
  notices_due: 'notices_due',
  /** The tray asked for Today. */
  show_today: 'show_today',
} as const;

/** The profile's fields in form order: carnet-core's registry. */
export const FIELDS: readonly FieldSpec[] = [
  {"name":"name","kind":"text","max_chars":100,"max_items":0,"required":true,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"title","kind":"choice","max_chars":0,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"phones","kind":"list","max_chars":0,"max_items":20,"required":false,"key_fact":"phones","merge":"union","unknown":""},
  {"name":"wechat","kind":"text","max_chars":200,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"emails","kind":"list","max_chars":254,"max_items":20,"required":false,"key_fact":null,"merge":"union","unknown":""},
  {"name":"region","kind":"text","max_chars":200,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"address","kind":"text","max_chars":200,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"occupation","kind":"text","max_chars":200,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"company","kind":"text","max_chars":200,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"budget","kind":"budget","max_chars":200,"max_items":0,"required":false,"key_fact":"budget","merge":"pick","unknown":""},
  {"name":"models","kind":"list","max_chars":200,"max_items":20,"required":false,"key_fact":"models","merge":"union","unknown":""},
  {"name":"reason","kind":"choice","max_chars":0,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"purposes","kind":"choices","max_chars":0,"max_items":0,"required":false,"key_fact":"purposes","merge":"union","unknown":""},
  {"name":"timeframe","kind":"timeframe","max_chars":100,"max_items":0,"required":false,"key_fact":"timeframe","merge":"pick","unknown":""},
  {"name":"level","kind":"choice","max_chars":0,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":"N"},
  {"name":"decision_maker","kind":"choice","max_chars":200,"max_items":0,"required":false,"key_fact":"decision_maker","merge":"pick","unknown":""},
  {"name":"decision_maker_name","kind":"text","max_chars":200,"max_items":0,"required":false,"key_fact":"decision_maker","merge":"pick","unknown":""},
  {"name":"car_brand","kind":"text","max_chars":200,"max_items":0,"required":false,"key_fact":"current_car","merge":"pick","unknown":""},
  {"name":"car_model","kind":"text","max_chars":200,"max_items":0,"required":false,"key_fact":"current_car","merge":"pick","unknown":""},
  {"name":"car_year","kind":"number","min":1950,"max":2100,"max_chars":0,"max_items":0,"required":false,"key_fact":"current_car","merge":"pick","unknown":""},
  {"name":"car_mileage","kind":"number","min":0,"max":10000000,"max_chars":0,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"car_plate","kind":"text","max_chars":20,"max_items":0,"required":false,"key_fact":"current_car","merge":"pick","unknown":""},
  {"name":"payment","kind":"choice","max_chars":0,"max_items":0,"required":false,"key_fact":"payment","merge":"pick","unknown":""},
  {"name":"source","kind":"choice","max_chars":0,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"channel","kind":"text","max_chars":50,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"referred_by","kind":"text","max_chars":64,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"cares","kind":"long_text","max_chars":32767,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"worry","kind":"long_text","max_chars":32767,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"personality","kind":"long_text","max_chars":32767,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"priorities","kind":"choices","max_chars":0,"max_items":0,"required":false,"key_fact":null,"merge":"union","unknown":""},
  {"name":"special_needs","kind":"long_text","max_chars":32767,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"hobbies","kind":"long_text","max_chars":32767,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"tags","kind":"list","max_chars":50,"max_items":20,"required":false,"key_fact":null,"merge":"union","unknown":""},
  {"name":"notes","kind":"long_text","max_chars":32767,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"birthday","kind":"date","max_chars":0,"max_items":0,"required":false,"key_fact":null,"merge":"pick","unknown":""},
  {"name":"birthday_lunar","kind":"flag","max_chars":0,"max_items":0,"required":false,"key_fact":null,"merge":"with_previous","unknown":""},
];

/** The catalogue's fields in sheet order (carnet-core's TRIM_FIELDS), each choice field with its codes. */
export const TRIM_FIELDS: readonly (TrimField & { choices: readonly string[] })[] = [
  {"choices":[],"code":"brand","headers":["品牌","brand","厂商","廠商"],"kind":"text","max":40.0,"min":0.0,"required":true,"unit":""},
  {"choices":[],"code":"series","headers":["车系","車系","series","车型","車型","model"],"kind":"text","max":40.0,"min":0.0,"required":true,"unit":""},
  {"choices":[],"code":"trim","headers":["版本","trim","车款","車款","配置","款型"],"kind":"text","max":80.0,"min":0.0,"required":false,"unit":""},
  {"choices":[],"code":"year","headers":["年款","year","model year"],"kind":"integer","max":2100.0,"min":1990.0,"required":false,"unit":""},
  {"choices":[],"code":"price","headers":["指导价","指導價","厂商指导价","廠商指導價","price","guide price","售价","售價"],"kind":"money","max":20000000.0,"min":10000.0,"required":true,"unit":"元"},
  {"choices":["sedan","hatchback","suv","mpv","wagon","coupe","pickup"],"code":"body","headers":["车身","車身","body","车身结构","車身結構","级别","級別"],"kind":"choice","max":0.0,"min":0.0,"required":false,"unit":""},
  {"choices":["petrol","hev","phev","erev","bev"],"code":"energy","headers":["能源","能源类型","能源類型","energy","动力类型","動力類型"],"kind":"choice","max":0.0,"min":0.0,"required":false,"unit":""},
  {"choices":[],"code":"seats","headers":["座位数","座位數","座位","seats"],"kind":"integer","max":12.0,"min":1.0,"required":false,"unit":"座"},
  {"choices":[],"code":"power_kw","headers":["功率","最大功率","综合功率","綜合功率","power","power (kw)","kw"],"kind":"integer","max":2000.0,"min":10.0,"required":false,"unit":"kW"},
  {"choices":[],"code":"accel_s","headers":["百公里加速","0-100","0–100km/h","加速","0-100 km/h"],"kind":"decimal","max":30.0,"min":1.5,"required":false,"unit":"s"},
  {"choices":[],"code":"fuel_l100","headers":["油耗","wltc油耗","WLTC油耗","综合油耗","綜合油耗","fuel","fuel (l/100km)"],"kind":"decimal","max":30.0,"min":0.5,"required":false,"unit":"L/100km"},
  {"choices":[],"code":"range_km","headers":["续航","續航","纯电续航","純電續航","cltc续航","CLTC续航","range","range (km)"],"kind":"integer","max":2000.0,"min":10.0,"required":false,"unit":"km"},
  {"choices":[],"code":"battery_kwh","headers":["电池","電池","电池容量","電池容量","battery","battery (kwh)","kwh"],"kind":"decimal","max":250.0,"min":1.0,"required":false,"unit":"kWh"},
  {"choices":[],"code":"length_mm","headers":["车长","車長","长度","長度","length","length (mm)"],"kind":"integer","max":7000.0,"min":2000.0,"required":false,"unit":"mm"},
  {"choices":[],"code":"wheelbase_mm","headers":["轴距","軸距","wheelbase","wheelbase (mm)"],"kind":"integer","max":4500.0,"min":1500.0,"required":false,"unit":"mm"},
  {"choices":[],"code":"boot_l","headers":["后备箱","後備箱","行李厢","行李廂","后备厢容积","boot","boot (l)","trunk"],"kind":"integer","max":5000.0,"min":0.0,"required":false,"unit":"L"},
  {"choices":["fwd","rwd","awd"],"code":"drivetrain","headers":["驱动","驅動","驱动方式","驅動方式","drivetrain","drive"],"kind":"choice","max":0.0,"min":0.0,"required":false,"unit":""},
  {"choices":[],"code":"adas","headers":["辅助驾驶","輔助駕駛","驾驶辅助","駕駛輔助","adas"],"kind":"text","max":60.0,"min":0.0,"required":false,"unit":""},
  {"choices":[],"code":"warranty","headers":["质保","質保","保修","warranty"],"kind":"text","max":60.0,"min":0.0,"required":false,"unit":""},
  {"choices":[],"code":"colours","headers":["颜色","顏色","车身颜色","車身顏色","colours","colors"],"kind":"list","max":200.0,"min":0.0,"required":false,"unit":""},
  {"choices":[],"code":"aliases","headers":["别名","別名","aliases"],"kind":"list","max":200.0,"min":0.0,"required":false,"unit":""},
  {"choices":[],"code":"note","headers":["备注","備註","note","notes"],"kind":"text","max":500.0,"min":0.0,"required":false,"unit":""},
];
