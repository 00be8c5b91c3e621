//! The commands the webview calls. Each is a few lines: run one carnet-app use case.

use carnet_app::{
    AppError, CustomerDto, CustomerInput, CustomerList, Language, ListOrder, Settings,
};
use tauri::State;

use crate::Book;

#[tauri::command]
pub async fn list_customers(book: State<'_, Book>) -> Result<Vec<CustomerDto>, AppError> {
    book.run(|app| app.list_customers()).await
}

/// The search box's results: at most this many rows are shown.
const SEARCH_LIMIT: u32 = 200;

#[tauri::command]
pub async fn search_customers(
    book: State<'_, Book>,
    query: String,
    order: ListOrder,
) -> Result<CustomerList, AppError> {
    book.run(move |app| app.search_customers(&query, order, SEARCH_LIMIT))
        .await
}

#[tauri::command]
pub async fn add_customer(
    book: State<'_, Book>,
    input: CustomerInput,
) -> Result<CustomerDto, AppError> {
    book.run(move |app| app.add_customer(input)).await
}

#[tauri::command]
pub async fn get_settings(book: State<'_, Book>) -> Result<Settings, AppError> {
    book.run(|app| app.settings()).await
}

#[tauri::command]
pub async fn set_language(book: State<'_, Book>, language: Language) -> Result<Settings, AppError> {
    book.run(move |app| app.set_language(language)).await
}
