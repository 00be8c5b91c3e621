//! The commands the webview calls. Each is a few lines: run one carnet-app use case.

use carnet_app::{
    AppError, Consultant, CustomerDetail, CustomerDto, CustomerInput, CustomerList,
    FamilyMemberDto, Language, ListOrder, MergePreview, Settings,
};
use carnet_core::FamilyDraft;
use tauri::State;

use crate::Book;

#[tauri::command]
pub async fn search_customers(
    book: State<'_, Book>,
    query: String,
    order: ListOrder,
    offset: u32,
    limit: u32,
) -> Result<CustomerList, AppError> {
    book.run(move |app| app.search_customers(&query, order, offset, limit))
        .await
}

#[tauri::command]
pub async fn add_customer(
    book: State<'_, Book>,
    input: CustomerInput,
) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.add_customer(input)).await
}

#[tauri::command]
pub async fn get_customer(book: State<'_, Book>, id: String) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.get_customer(&id)).await
}

#[tauri::command]
pub async fn update_customer(
    book: State<'_, Book>,
    id: String,
    input: CustomerInput,
) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.update_customer(&id, input)).await
}

#[tauri::command]
pub async fn trash_customer(book: State<'_, Book>, id: String) -> Result<(), AppError> {
    book.run(move |app| app.trash_customer(&id)).await
}

#[tauri::command]
pub async fn restore_customer(
    book: State<'_, Book>,
    id: String,
) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.restore_customer(&id)).await
}

#[tauri::command]
pub async fn list_trash(book: State<'_, Book>) -> Result<Vec<CustomerDto>, AppError> {
    book.run(|app| app.trash()).await
}

#[tauri::command]
pub async fn empty_trash(book: State<'_, Book>) -> Result<usize, AppError> {
    book.run(|app| app.empty_trash()).await
}

#[tauri::command]
pub async fn add_family_member(
    book: State<'_, Book>,
    customer_id: String,
    input: FamilyDraft,
) -> Result<FamilyMemberDto, AppError> {
    book.run(move |app| app.add_family_member(&customer_id, input))
        .await
}

#[tauri::command]
pub async fn update_family_member(
    book: State<'_, Book>,
    id: String,
    input: FamilyDraft,
) -> Result<(), AppError> {
    book.run(move |app| app.update_family_member(&id, input))
        .await
}

#[tauri::command]
pub async fn delete_family_member(book: State<'_, Book>, id: String) -> Result<(), AppError> {
    book.run(move |app| app.delete_family_member(&id)).await
}

#[tauri::command]
pub async fn merge_preview(
    book: State<'_, Book>,
    survivor: String,
    loser: String,
) -> Result<MergePreview, AppError> {
    book.run(move |app| app.merge_preview(&survivor, &loser))
        .await
}

#[tauri::command]
pub async fn merge_customers(
    book: State<'_, Book>,
    survivor: String,
    loser: String,
    take_from_loser: Vec<String>,
) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.merge_customers(&survivor, &loser, &take_from_loser))
        .await
}

#[tauri::command]
pub async fn get_settings(book: State<'_, Book>) -> Result<Settings, AppError> {
    book.run(|app| app.settings()).await
}

#[tauri::command]
pub async fn set_language(book: State<'_, Book>, language: Language) -> Result<Settings, AppError> {
    book.run(move |app| app.set_language(language)).await
}

#[tauri::command]
pub async fn set_consultant(
    book: State<'_, Book>,
    consultant: Consultant,
) -> Result<Settings, AppError> {
    book.run(move |app| app.set_consultant(consultant)).await
}
