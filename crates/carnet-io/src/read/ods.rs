//! OpenDocument sheets, read by Carnet from the archive's `content.xml` in one streamed pass
//! that gives the cells and the merged regions (calamine reports no merged regions for ods,
//! and its reader expands repeated cells, repeated rows and `text:s` space counts before any
//! limit applies: a few bytes of XML can ask it for gigabytes).
//!
//! Values are read as calamine reads them, so a sheet reads the same as before: a number from
//! `office:value`, a date or time from its attribute (`T` read as a space), a boolean, and a
//! string from `office:string-value` or else from the cell's paragraphs (joined by line
//! breaks, `text:s` as spaces, annotations left out). A cell without a value type is empty.
//! Empty cells and rows cost nothing however often they are repeated (LibreOffice repeats
//! empty formatted ones to the sheet's last column and row); filled ones go through the
//! [`Grid`]'s caps each time they are repeated.

use std::io::{BufRead, BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};

use super::sheet::{Grid, Region, heap};
use super::{Table, number_text};
use crate::IoError;
use crate::text::tidy_cell;

const F: &str = "ods";

type Xml<R> = quick_xml::Reader<R>;

/// The first table with a filled cell, its merged regions filled; `None` when the archive has
/// no `content.xml` (not an OpenDocument file).
pub(super) fn read(bytes: &[u8]) -> Result<Option<Table>, IoError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(None);
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(None);
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    loop {
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| IoError::bad(F, e))?
        {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let mut grid = Grid::new(F);
                let regions = read_table(&mut xml, &mut grid)?;
                if !grid.is_empty() {
                    grid.fill(&regions)?;
                    return Ok(Some(grid.into_table()));
                }
            }
            Event::Eof => return Ok(Some(Table::default())),
            _ => {}
        }
        buf.clear();
    }
}

/// A cell of a row, as read: its first column, how many columns it repeats over, its text.
struct Cell {
    column: u32,
    repeat: u32,
    text: String,
}

/// Reads one table (up to its end) into `grid`; returns its merged regions.
fn read_table<R: BufRead>(xml: &mut Xml<R>, grid: &mut Grid) -> Result<Vec<Region>, IoError> {
    let mut buf = Vec::new();
    let mut regions = Vec::new();
    let mut row: u32 = 0;
    loop {
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| IoError::bad(F, e))?
        {
            Event::End(e) if e.name().as_ref() == "table:table" => return Ok(regions),
            Event::Eof => return Err(IoError::bad(F, "the table does not end")),
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(number(&e, "table:number-rows-repeated"));
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                let repeat = number(&e, "table:number-rows-repeated");
                let cells = read_row(xml, grid, row, &mut regions)?;
                // A filled row repeated is put as often as it is repeated; the grid refuses
                // it once it is more than Carnet reads.
                if let Some(last) = cells.last() {
                    let len = u64::from(last.column) + u64::from(last.repeat);
                    let text = cells
                        .iter()
                        .map(|c| heap(&c.text).saturating_mul(c.repeat.into()))
                        .fold(0u64, u64::saturating_add);
                    grid.check_repeat(row, repeat, len, text)?;
                    for r in 0..repeat {
                        for cell in &cells {
                            for c in 0..cell.repeat {
                                grid.put(
                                    row.saturating_add(r),
                                    cell.column.saturating_add(c),
                                    cell.text.clone(),
                                )?;
                            }
                        }
                    }
                }
                row = row.saturating_add(repeat);
            }
            _ => {}
        }
        buf.clear();
    }
}

/// Reads one row (up to its end): its filled cells, with merged regions noted as met.
fn read_row<R: BufRead>(
    xml: &mut Xml<R>,
    grid: &Grid,
    row: u32,
    regions: &mut Vec<Region>,
) -> Result<Vec<Cell>, IoError> {
    let mut buf = Vec::new();
    let mut cells = Vec::new();
    let mut column: u32 = 0;
    // What the row's filled cells will take, checked as they are read: a row is held whole
    // before it is put, so it must not grow past the caps on its own.
    let mut text: u64 = 0;
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| IoError::bad(F, e))?;
        let (e, has_content) = match event {
            Event::End(e) if e.name().as_ref() == "table:table-row" => return Ok(cells),
            Event::Eof => return Err(IoError::bad(F, "the row does not end")),
            Event::Start(e) if is_cell(&e) => (e.into_owned(), true),
            Event::Empty(e) if is_cell(&e) => (e.into_owned(), false),
            _ => {
                buf.clear();
                continue;
            }
        };
        buf.clear();
        let repeat = number(&e, "table:number-columns-repeated");
        let (across, down) = (
            number(&e, "table:number-columns-spanned"),
            number(&e, "table:number-rows-spanned"),
        );
        if across > 1 || down > 1 {
            regions.push((
                (row, column),
                (
                    row.saturating_add(down - 1),
                    column.saturating_add(across - 1),
                ),
            ));
        }
        let value = cell_value(xml, &e, has_content, grid)?;
        if !value.is_empty() {
            grid.check_column(column)?;
            text = text.saturating_add(heap(&value).saturating_mul(repeat.into()));
            grid.check_text(text)?;
            cells.push(Cell {
                column,
                repeat,
                text: value,
            });
        }
        column = column.saturating_add(repeat);
    }
}

fn is_cell(e: &BytesStart<'_>) -> bool {
    matches!(
        e.name().as_ref(),
        "table:table-cell" | "table:covered-table-cell"
    )
}

/// A repeat or span count: 1 when absent, unreadable or 0.
fn number(e: &BytesStart<'_>, name: &str) -> u32 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse::<u32>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(1)
}

/// A cell's text, read (for a cell element with content) up to the cell's end.
fn cell_value<R: BufRead>(
    xml: &mut Xml<R>,
    e: &BytesStart<'_>,
    has_content: bool,
    grid: &Grid,
) -> Result<String, IoError> {
    let mut value: Option<String> = None;
    let (mut is_string, mut is_error) = (false, false);
    for attr in e.attributes().flatten() {
        let text = || -> String {
            quick_xml::escape::unescape(&attr.value)
                .map(std::borrow::Cow::into_owned)
                .unwrap_or_else(|_| attr.value.to_string())
        };
        match attr.key.as_ref() {
            "office:value" if value.is_none() => {
                let number = attr.value.trim().parse::<f64>().ok();
                value = Some(number.map(number_text).unwrap_or_default());
            }
            "office:string-value" if value.is_none() => value = Some(tidy_cell(&text())),
            "office:date-value" | "office:time-value" if value.is_none() => {
                value = Some(text().replace('T', " "));
            }
            "office:boolean-value" if value.is_none() => {
                let b = attr.value == "TRUE" || attr.value == "true";
                value = Some(b.to_string());
            }
            "office:value-type" if value.is_none() => {
                is_string = attr.value == "string";
            }
            "calcext:value-type" => is_error = attr.value == "error",
            _ => {}
        }
    }
    // The paragraphs are the value of a string cell without `office:string-value`, and of
    // an error cell (LibreOffice writes its text there with an empty string value).
    let from_content = (value.is_none() && is_string) || (is_error && value.as_deref() == Some(""));
    if !has_content {
        return Ok(if from_content {
            String::new()
        } else {
            value.unwrap_or_default()
        });
    }
    let text = read_content(xml, e.name().as_ref(), from_content, grid)?;
    Ok(if from_content {
        tidy_cell(&text)
    } else {
        value.unwrap_or_default()
    })
}

/// Reads a cell's content up to its end; its text when `keep`. The text is counted against
/// the sheet's text cap as it grows (`<text:s text:c="2000000000"/>` asks for 2 GB of spaces).
fn read_content<R: BufRead>(
    xml: &mut Xml<R>,
    cell: &str,
    keep: bool,
    grid: &Grid,
) -> Result<String, IoError> {
    let cell = cell.to_owned();
    let mut buf = Vec::new();
    let mut text = String::new();
    let (mut depth, mut annotation, mut paragraphs) = (0usize, 0usize, 0usize);
    let push = |text: &mut String, s: &str, times: usize| -> Result<(), IoError> {
        grid.check_text(
            (text.len() as u64).saturating_add((s.len() as u64).saturating_mul(times as u64)),
        )?;
        for _ in 0..times {
            text.push_str(s);
        }
        Ok(())
    };
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| IoError::bad(F, e))?;
        let (e, opened) = match event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::Eof => return Err(IoError::bad(F, "the cell does not end")),
            Event::End(e) => {
                if depth == 0 && e.name().as_ref() == cell {
                    return Ok(text);
                }
                if e.name().as_ref() == "office:annotation" {
                    annotation = annotation.saturating_sub(1);
                }
                depth = depth.saturating_sub(1);
                buf.clear();
                continue;
            }
            Event::Text(t) if keep && annotation == 0 => {
                push(&mut text, &t.xml10_content(), 1)?;
                buf.clear();
                continue;
            }
            Event::CData(t) if keep && annotation == 0 => {
                push(&mut text, &t.xml10_content(), 1)?;
                buf.clear();
                continue;
            }
            Event::GeneralRef(r) if keep && annotation == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned),
                };
                if let Some(s) = resolved {
                    push(&mut text, &s, 1)?;
                }
                buf.clear();
                continue;
            }
            _ => {
                buf.clear();
                continue;
            }
        };
        depth += usize::from(opened);
        match e.name().as_ref() {
            // An annotation's text is not the cell's.
            "office:annotation" => annotation += usize::from(opened),
            _ if !keep || annotation > 0 => {}
            "text:p" => {
                if paragraphs > 0 {
                    push(&mut text, "\n", 1)?;
                }
                paragraphs += 1;
            }
            "text:s" => {
                let spaces = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "text:c")
                    .and_then(|a| a.value.trim().parse().ok())
                    .unwrap_or(1usize);
                push(&mut text, " ", spaces)?;
            }
            "text:tab" => push(&mut text, "\t", 1)?,
            "text:line-break" => push(&mut text, "\n", 1)?,
            _ => {}
        }
        buf.clear();
    }
}
