//! Writing a sheet of typed cells: an exporter describes its columns (header, width, kind) and
//! pushes rows of [`Value`]s. Rows go straight to a temporary file (rust_xlsxwriter's constant
//! memory mode), so an export of any size holds one row at a time; the file appears at its path
//! only when complete.

use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, XlsxError};

use super::{Column, ColumnKind};
use crate::error::{Error, Result};

/// One cell of an export.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Integer(i64),
    /// A calendar date, shown yyyy-mm-dd.
    Date(NaiveDate),
    /// A local date and time, shown yyyy-mm-dd hh:mm.
    DateTime(NaiveDateTime),
    /// An amount in fen, written as 元 with two decimals (0.00).
    Fen(i64),
    /// A ratio (0.25 is 25%), shown as a percentage with one decimal.
    Percent(f64),
    /// A formula such as `=SUM(C2:C10)`, with the value it computes to (what readers that do not
    /// recalculate, and the file's cache, show).
    Formula {
        formula: String,
        value: f64,
    },
}

impl Value {
    /// Text, or nothing when empty.
    pub fn text(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() { Value::Empty } else { Value::Text(s) }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::text(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::text(s)
    }
}

fn fail(e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(io) => Error::Io(io),
        other => Error::Internal(format!("xlsx: {other}")),
    }
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(fail)
}

fn excel_date_time(t: NaiveDateTime) -> Result<ExcelDateTime> {
    excel_date(t.date())?.and_hms(t.hour() as u16, t.minute() as u8, t.second()).map_err(fail)
}

/// The cell formats of a sheet, made once; each in a plain and a bold (totals) version.
struct Formats {
    header: Format,
    plain: [Format; 2],
    date: [Format; 2],
    date_time: [Format; 2],
    money: [Format; 2],
    percent: [Format; 2],
}

fn both(format: Format) -> [Format; 2] {
    [format.clone(), format.set_bold()]
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_background_color("#DDEBF7"),
            plain: both(Format::new()),
            date: both(Format::new().set_num_format("yyyy-mm-dd")),
            date_time: both(Format::new().set_num_format("yyyy-mm-dd hh:mm")),
            money: both(Format::new().set_num_format("0.00")),
            percent: both(Format::new().set_num_format("0.0%")),
        }
    }
}

/// A workbook with one data sheet being written row by row.
pub struct Table {
    workbook: Workbook,
    formats: Formats,
    /// What each column holds (a formula takes its column's number format).
    kinds: Vec<ColumnKind>,
    /// The next row to write (0 is the header).
    next_row: u32,
}

impl Table {
    /// A sheet named `sheet` with a bold, frozen header row of `columns`.
    pub fn new(sheet: &str, columns: &[Column]) -> Result<Table> {
        let headers: Vec<(&str, f64)> = columns.iter().map(|c| (c.name, c.width)).collect();
        let mut table = Table::with_headers(sheet, &headers)?;
        table.kinds = columns.iter().map(|c| c.kind).collect();
        Ok(table)
    }

    /// As [`Table::new`], from (header, width) pairs.
    pub fn with_headers(sheet: &str, headers: &[(&str, f64)]) -> Result<Table> {
        let mut workbook = Workbook::new();
        let formats = Formats::new();
        let worksheet = workbook.add_worksheet_with_constant_memory().map_err(fail)?;
        worksheet.set_name(sheet).map_err(fail)?;
        for (col, (_, width)) in headers.iter().enumerate() {
            worksheet.set_column_width(col as u16, *width).map_err(fail)?;
        }
        worksheet.set_freeze_panes(1, 0).map_err(fail)?;
        for (col, (title, _)) in headers.iter().enumerate() {
            worksheet.write_string_with_format(0, col as u16, *title, &formats.header).map_err(fail)?;
        }
        Ok(Table { workbook, formats, kinds: vec![ColumnKind::Text; headers.len()], next_row: 1 })
    }

    /// The number of rows written below the header so far.
    pub fn rows(&self) -> u32 {
        self.next_row - 1
    }

    /// Appends a row; missing trailing values are empty.
    pub fn push(&mut self, values: &[Value]) -> Result<()> {
        self.write_row(values, false)
    }

    /// Appends a bold totals row: `label` in the first column and, in each of `sums`, a SUM over
    /// the data rows above, cached with the total the caller computed (an `Integer` or `Fen`).
    pub fn totals(&mut self, label: &str, sums: &[(usize, Value)]) -> Result<()> {
        let mut values = vec![Value::Empty; self.kinds.len()];
        values[0] = Value::text(label);
        let last = self.next_row; // the last data row as Excel numbers rows (1-based)
        for (col, total) in sums {
            let letter = column_letter(*col);
            let value = match total {
                Value::Integer(n) => *n as f64,
                Value::Fen(f) => *f as f64 / 100.0,
                _ => 0.0,
            };
            values[*col] = Value::Formula { formula: format!("=SUM({letter}2:{letter}{last})"), value };
        }
        self.write_row(&values, true)
    }

    fn write_row(&mut self, values: &[Value], bold: bool) -> Result<()> {
        let row = self.next_row;
        let b = usize::from(bold);
        let Table { workbook, formats: f, kinds, .. } = self;
        let sheet = workbook.worksheet_from_index(0).map_err(fail)?;
        for (col, value) in values.iter().enumerate() {
            let col = col as u16;
            match value {
                Value::Empty => continue,
                Value::Text(s) => sheet.write_string_with_format(row, col, s, &f.plain[b]),
                Value::Integer(n) => sheet.write_number_with_format(row, col, *n as f64, &f.plain[b]),
                Value::Date(d) => sheet.write_datetime_with_format(row, col, excel_date(*d)?, &f.date[b]),
                Value::DateTime(t) => sheet.write_datetime_with_format(row, col, excel_date_time(*t)?, &f.date_time[b]),
                Value::Fen(fen) => sheet.write_number_with_format(row, col, *fen as f64 / 100.0, &f.money[b]),
                Value::Percent(p) => sheet.write_number_with_format(row, col, *p, &f.percent[b]),
                Value::Formula { formula, value } => {
                    let formula = Formula::new(formula).set_result(value.to_string());
                    let format = match kinds.get(col as usize) {
                        Some(ColumnKind::Money) => &f.money[b],
                        Some(ColumnKind::Percent) => &f.percent[b],
                        Some(ColumnKind::Date) => &f.date[b],
                        Some(ColumnKind::DateTime) => &f.date_time[b],
                        _ => &f.plain[b],
                    };
                    sheet.write_formula_with_format(row, col, formula, format)
                }
            }
            .map_err(fail)?;
        }
        self.next_row += 1;
        Ok(())
    }

    /// Adds a second sheet 填写说明 explaining each column (imports read only the first sheet).
    pub fn notes(&mut self, notes: &[(&str, &str)]) -> Result<()> {
        let header = self.formats.header.clone();
        let help = self.workbook.add_worksheet();
        help.set_name("填写说明").map_err(fail)?;
        help.write_string_with_format(0, 0, "列", &header).map_err(fail)?;
        help.write_string_with_format(0, 1, "怎么填", &header).map_err(fail)?;
        help.set_column_width(0, 18.0).map_err(fail)?;
        help.set_column_width(1, 90.0).map_err(fail)?;
        for (r, (column, note)) in notes.iter().enumerate() {
            help.write_string(r as u32 + 1, 0, *column).map_err(fail)?;
            help.write_string(r as u32 + 1, 1, *note).map_err(fail)?;
        }
        Ok(())
    }

    /// Writes the workbook beside `path` and renames it into place, so a half-written file
    /// never carries the name the user chose.
    pub fn save(mut self, path: &Path) -> Result<()> {
        let partial = path.with_extension("partial.xlsx");
        self.workbook.save(&partial).map_err(fail)?;
        std::fs::rename(&partial, path)?;
        Ok(())
    }
}

/// 0 → A, 25 → Z, 26 → AA.
fn column_letter(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Writes one sheet of text cells with a bold, frozen header row.
pub fn write_table(path: &Path, sheet: &str, headers: &[(&str, f64)], rows: &[Vec<String>]) -> Result<()> {
    write_table_with_notes(path, sheet, headers, rows, &[])
}

/// As [`write_table`], with a second sheet 填写说明 explaining each column.
pub fn write_table_with_notes(
    path: &Path,
    sheet: &str,
    headers: &[(&str, f64)],
    rows: &[Vec<String>],
    notes: &[(&str, &str)],
) -> Result<()> {
    let mut table = Table::with_headers(sheet, headers)?;
    for row in rows {
        let values: Vec<Value> = row.iter().map(|s| Value::text(s.as_str())).collect();
        table.push(&values)?;
    }
    if !notes.is_empty() {
        table.notes(notes)?;
    }
    table.save(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702].into_iter().map(column_letter).collect();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}
