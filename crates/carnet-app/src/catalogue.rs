//! The consultant's catalogue of trims (车型库): listed, edited field by field, imported from a
//! maker's price sheet with a dry run (the readers customer imports use, the columns mapped
//! by `TRIM_FIELDS`' header words), exported, and the sample BYD catalogue loaded.

use std::collections::BTreeMap;
use std::path::Path;

use carnet_core::catalogue::{Matcher, Trim};
use carnet_core::{Invalid, ModelWish};
use carnet_io::catalogue::{self as sheet, CatalogueSource};

use crate::{
    App, AppError, CatalogueColumn, CatalogueExportResult, CatalogueImportResult, CatalogueLine,
    CataloguePreview, ErrorKind, ExportFormat, InvalidRow, TrimDto, TrimLink,
};

/// The sample catalogue: 比亚迪's range with published prices and specs, each row citing its
/// source (see `assets/catalogue/README.md`). The demo book holds it, and the first run
/// offers it.
pub const SAMPLE_CATALOGUE: &str = include_str!("../../../assets/catalogue/byd.csv");

/// The name the sample is imported under.
const SAMPLE_NAME: &str = "byd.csv";

/// A trim's identity across files: brand, series, trim and model year, compared without case
/// or spaces. A row with the identity of a trim in the catalogue updates it.
fn identity(t: &Trim) -> (String, String, String, Option<u16>) {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    (key(&t.brand), key(&t.series), key(&t.trim), t.year)
}

/// What an import does with each row.
#[derive(Debug, Default)]
struct Plan {
    file_name: String,
    columns: Vec<CatalogueColumn>,
    new: Vec<(u32, Trim)>,
    updated: Vec<(u32, Trim)>,
    unchanged: Vec<(u32, Trim)>,
    refused: Vec<InvalidRow>,
}

fn line((row, t): &(u32, Trim)) -> CatalogueLine {
    CatalogueLine {
        row: *row,
        name: t.name(),
        price: t.price,
    }
}

/// A refused row: its line, the column at fault (by its header), the value and why.
fn refused(row: u32, invalid: Invalid, column: &str, value: &str) -> InvalidRow {
    let field = invalid.field.to_owned();
    let err = AppError::from(invalid);
    InvalidRow {
        row,
        column: column.to_owned(),
        field,
        value: value.to_owned(),
        kind: *err.kind,
    }
}

impl Plan {
    /// Plans the import of `source`'s rows into a catalogue that holds `existing`.
    fn new(source: CatalogueSource, file_name: &str, existing: &[Trim]) -> Result<Plan, AppError> {
        let mut plan = Plan {
            file_name: file_name.to_owned(),
            ..Plan::default()
        };
        // Each row read: the trim, and for a sheet the cells it gives (a sheet's row updates
        // only the fields it has columns for; a JSON trim is whole).
        type Read = Result<(Trim, Option<Vec<(&'static str, String)>>), InvalidRow>;
        let read: Vec<(u32, Read)> = match source {
            CatalogueSource::Sheet { table, .. } => {
                let mapping = sheet::guess(&table);
                let headers = table
                    .rows
                    .get(mapping.header_row)
                    .cloned()
                    .unwrap_or_default();
                plan.columns = headers
                    .iter()
                    .enumerate()
                    .map(|(i, h)| CatalogueColumn {
                        header: h.clone(),
                        field: mapping.columns.get(i).copied().flatten().map(str::to_owned),
                    })
                    .collect();
                let header_of = |code: &str| -> String {
                    mapping
                        .columns
                        .iter()
                        .position(|c| *c == Some(code))
                        .and_then(|i| headers.get(i).cloned())
                        .unwrap_or_else(|| code.to_owned())
                };
                sheet::rows(&table, &mapping)
                    .into_iter()
                    .map(|row| {
                        let cells = row
                            .cells
                            .iter()
                            .filter(|(code, _)| *code != sheet::ID)
                            .map(|(code, text)| (*code, text.as_str()));
                        let read = Trim::from_texts(cells)
                            .map(|mut t| {
                                t.id = row.cell(sheet::ID).trim().to_owned();
                                let given = row
                                    .cells
                                    .iter()
                                    .filter(|(code, _)| *code != sheet::ID)
                                    .cloned()
                                    .collect();
                                (t, Some(given))
                            })
                            .map_err(|invalid| {
                                let code = invalid.field;
                                refused(row.line, invalid, &header_of(code), row.cell(code))
                            });
                        (row.line, read)
                    })
                    .collect()
            }
            CatalogueSource::Trims(trims) => (1u32..)
                .zip(trims)
                .map(|(n, t)| {
                    let checked = t.check().map(|()| (t.clone(), None)).map_err(|invalid| {
                        let code = invalid.field;
                        refused(n, invalid, code, &t.field_text(code))
                    });
                    (n, checked)
                })
                .collect(),
        };
        if read.is_empty() {
            return Err(AppError::new(
                ErrorKind::EmptyFile,
                "the file holds no trims",
            ));
        }
        // Trims of the file, by identity, so a later row of the same trim replaces an earlier.
        let mut seen: BTreeMap<(String, String, String, Option<u16>), String> = BTreeMap::new();
        for (row, result) in read {
            let (mut trim, given) = match result {
                Ok(read) => read,
                Err(row) => {
                    plan.refused.push(row);
                    continue;
                }
            };
            let same = existing
                .iter()
                .find(|e| !trim.id.is_empty() && e.id == trim.id)
                .or_else(|| existing.iter().find(|e| identity(e) == identity(&trim)));
            if let Some(known) = same {
                if let Some(given) = &given {
                    // The known trim with the sheet's cells over it (each read once already).
                    let mut merged = known.clone();
                    for (code, text) in given {
                        merged.set_field(code, text)?;
                    }
                    trim = merged;
                }
                trim.id.clone_from(&known.id);
            } else if let Some(id) = seen.get(&identity(&trim)).filter(|_| trim.id.is_empty()) {
                // A row without an id of its own repeats an earlier row's trim: the later
                // row is that trim. Rows with ids of their own (a Carnet export) are the trims
                // they name, however alike their names (a catalogue may hold "True" and
                // "TRUE"): none is lost on the way.
                trim.id.clone_from(id);
            } else if trim.id.is_empty() {
                trim.id = uuid::Uuid::now_v7().to_string();
            }
            seen.insert(identity(&trim), trim.id.clone());
            for list in [&mut plan.new, &mut plan.updated, &mut plan.unchanged] {
                list.retain(|(_, t)| t.id != trim.id);
            }
            match same {
                None => plan.new.push((row, trim)),
                Some(known) if *known == trim => plan.unchanged.push((row, trim)),
                Some(_) => plan.updated.push((row, trim)),
            }
        }
        Ok(plan)
    }

    fn preview(&self) -> CataloguePreview {
        CataloguePreview {
            file_name: self.file_name.clone(),
            columns: self.columns.clone(),
            new: self.new.iter().map(line).collect(),
            updated: self.updated.iter().map(line).collect(),
            unchanged: self.unchanged.iter().map(line).collect(),
            refused: self.refused.clone(),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The trims a customer's intended models link to, in the order of `models`.
pub(crate) fn model_links(trims: &[Trim], models: &[ModelWish]) -> Vec<Option<TrimLink>> {
    if trims.is_empty() {
        return vec![None; models.len()];
    }
    let matcher = Matcher::new(trims);
    models
        .iter()
        .map(|wish| matcher.find(wish).map(TrimLink::from))
        .collect()
}

impl App {
    /// The whole catalogue, by brand, series and price.
    pub fn catalogue(&self) -> Result<Vec<TrimDto>, AppError> {
        Ok(self
            .store()
            .trims()?
            .into_iter()
            .map(TrimDto::from)
            .collect())
    }

    /// Whether the catalogue holds no trim (the first run then offers the sample).
    pub fn catalogue_is_empty(&self) -> Result<bool, AppError> {
        Ok(self.store().count_trims()? == 0)
    }

    /// Adds a trim (`id` none) or changes the trim `id`, from each field's text by code (as
    /// the editor and the command line give them). The error names the field at fault.
    pub fn save_trim(
        &self,
        id: Option<String>,
        texts: BTreeMap<String, String>,
    ) -> Result<TrimDto, AppError> {
        let mut trim = Trim::from_texts(
            texts
                .iter()
                .map(|(code, text)| (code.as_str(), text.as_str())),
        )?;
        let store = self.store();
        trim.id = match id {
            Some(id) => {
                store.trim(&id)?.ok_or_else(|| not_found(&id))?;
                id
            }
            None => uuid::Uuid::now_v7().to_string(),
        };
        store.write(|w| w.save_trim(&trim))?;
        Ok(TrimDto::from(trim))
    }

    /// Removes the trim `id` from the catalogue.
    pub fn delete_trim(&self, id: &str) -> Result<(), AppError> {
        if self.store().write(|w| w.delete_trim(id))? {
            Ok(())
        } else {
            Err(not_found(id))
        }
    }

    /// The dry run of importing the catalogue sheet at `path`: what each row would do.
    pub fn preview_catalogue_import(&self, path: &str) -> Result<CataloguePreview, AppError> {
        let path = Path::new(path);
        let source = carnet_io::catalogue::read_file(path)?;
        let store = self.store();
        Ok(Plan::new(source, &file_name(path), &store.trims()?)?.preview())
    }

    /// Imports the catalogue sheet at `path`: new trims added, known ones updated, in one
    /// unit of work; the rows refused (as the dry run shows them) are left out.
    pub fn import_catalogue(&self, path: &str) -> Result<CatalogueImportResult, AppError> {
        let path = Path::new(path);
        let source = carnet_io::catalogue::read_file(path)?;
        self.import_source(source, &file_name(path))
    }

    /// Loads the sample catalogue (比亚迪) through the same import as a sheet.
    pub fn load_sample_catalogue(&self) -> Result<CatalogueImportResult, AppError> {
        let source = match carnet_io::read_bytes(SAMPLE_CATALOGUE.as_bytes(), SAMPLE_NAME)? {
            carnet_io::Source::Table { format, table } => CatalogueSource::Sheet { format, table },
            carnet_io::Source::JsonExport(_) => {
                return Err(AppError::internal("the sample catalogue is not a sheet"));
            }
        };
        self.import_source(source, SAMPLE_NAME)
    }

    fn import_source(
        &self,
        source: CatalogueSource,
        file_name: &str,
    ) -> Result<CatalogueImportResult, AppError> {
        let store = self.store();
        let plan = Plan::new(source, file_name, &store.trims()?)?;
        store.write(|w| {
            for (_, trim) in plan.new.iter().chain(&plan.updated) {
                w.save_trim(trim)?;
            }
            Ok::<_, AppError>(())
        })?;
        let count = |v: &Vec<(u32, Trim)>| u32::try_from(v.len()).unwrap_or(u32::MAX);
        tracing::info!(
            file = file_name,
            added = plan.new.len(),
            updated = plan.updated.len(),
            refused = plan.refused.len(),
            "catalogue imported"
        );
        Ok(CatalogueImportResult {
            added: count(&plan.new),
            updated: count(&plan.updated),
            unchanged: count(&plan.unchanged),
            refused: plan.refused,
        })
    }

    /// Writes the catalogue to `path` as a workbook, CSV or JSON (whole or not at all), with
    /// `TRIM_FIELDS`' headers; the import reads it back.
    pub fn export_catalogue(
        &self,
        path: &str,
        format: ExportFormat,
    ) -> Result<CatalogueExportResult, AppError> {
        let target = Path::new(path);
        self.refuse_own_file(target, crate::paths::PathUse::Write)?;
        let trims = self.store().trims()?;
        crate::reports::write_whole(path, |partial| {
            let to_file = |write: &dyn Fn(&mut std::fs::File) -> Result<(), carnet_io::IoError>| {
                let mut f =
                    std::fs::File::create(partial).map_err(|e| AppError::file(partial, e))?;
                write(&mut f)?;
                f.sync_all().map_err(|e| AppError::file(partial, e))
            };
            match format {
                ExportFormat::Xlsx => {
                    Ok(carnet_io::catalogue::write_xlsx(&trims, "车型库", partial)?)
                }
                ExportFormat::Csv => to_file(&|f| carnet_io::catalogue::write_csv(&trims, f)),
                ExportFormat::Json => to_file(&|f| carnet_io::catalogue::write_json(&trims, f)),
            }
        })?;
        Ok(CatalogueExportResult {
            path: target.display().to_string(),
            trims: u32::try_from(trims.len()).unwrap_or(u32::MAX),
        })
    }
}

/// No trim has the id.
fn not_found(id: &str) -> AppError {
    AppError::new(
        ErrorKind::NotFound { id: id.to_owned() },
        format!("no trim has the id {id}"),
    )
}

#[cfg(test)]
mod tests;
