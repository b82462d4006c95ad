//! Excel (.xlsx) tables with Chinese column headers: what imports read and exports write.
//! A bad file is refused with a message naming the problem; nothing here touches the database.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

mod import;
mod write;

pub(crate) use import::run_unmapped;
pub use import::{
    Column, ColumnInfo, ColumnKind, Columns, HeaderGuess, HeaderMapping, HeaderMatch, ImportOutcome, Importer, Mapping,
    Parsed, Preview, headers, preview, remembered_mapping, run,
};
pub use write::{Table, Value, write_table, write_table_with_notes};

/// The distinct non-empty values of `column`, as a JSON array for `json_each` (importers look
/// up only what the file names).
pub fn json_list(rows: &[Row], column: &str) -> String {
    let values: std::collections::HashSet<String> =
        rows.iter().map(|r| r.text(column)).filter(|v| !v.is_empty()).collect();
    serde_json::to_string(&values).unwrap_or_else(|_| "[]".into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ImportMode {
    /// Import only when every row is good.
    AllOrNothing,
    /// Import the good rows, skip the bad ones.
    GoodRows,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ImportProblem {
    /// The row number as Excel shows it.
    pub row: u32,
    pub column: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ImportReport {
    pub rows: i64,
    pub imported: i64,
    pub problems: Vec<ImportProblem>,
}

pub fn problem(row: &Row, column: &str, message: impl Into<String>) -> ImportProblem {
    ImportProblem { row: row.number, column: column.into(), message: message.into() }
}

/// One cell, as the importer needs to tell text, numbers and dates apart.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// A date cell with a time of day other than midnight.
    DateTime(NaiveDateTime),
    Bool(bool),
    Error,
}

impl Cell {
    /// The cell as text: numbers without a needless `.0` (phone numbers are often stored as
    /// numbers), dates as 2026-11-27.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty | Cell::Error => String::new(),
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::DateTime(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.into(),
        }
    }
}

/// A data row: its row number in Excel (1-based, as the user sees it) and its cells by header.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: u32,
    cells: HashMap<String, Cell>,
}

impl Row {
    pub fn cell(&self, column: &str) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }
    pub fn text(&self, column: &str) -> String {
        self.cell(column).text()
    }
    /// True when none of `columns` has a value.
    pub fn all_empty(&self, columns: &[&str]) -> bool {
        columns.iter().all(|c| matches!(self.cell(c), Cell::Empty))
    }

    /// A calendar date: a date cell, or text such as 2026-11-27, 2026/11/27, 2026.11.27 or
    /// 2026年11月27日. The error is the message for the user.
    pub fn date(&self, column: &str) -> std::result::Result<Option<NaiveDate>, String> {
        Ok(self.date_time(column)?.map(|t| t.date()))
    }

    /// A date with an optional time of day (midnight when only the date is given).
    pub fn date_time(&self, column: &str) -> std::result::Result<Option<NaiveDateTime>, String> {
        let bad = |shown: &str| format!("{column}“{shown}”不是有效的日期(应如 2026-11-27 或 2026-11-27 09:30)");
        match self.cell(column) {
            Cell::Empty => Ok(None),
            Cell::Date(d) => Ok(Some(d.and_time(NaiveTime::MIN))),
            Cell::DateTime(t) => Ok(Some(*t)),
            Cell::Text(s) => parse_date_time(s.trim()).map(Some).ok_or_else(|| bad(s.trim())),
            other => Err(bad(&other.text())),
        }
    }

    /// A whole number; text such as "1,200" is accepted.
    pub fn integer(&self, column: &str) -> std::result::Result<Option<i64>, String> {
        let bad = |shown: &str| format!("{column}须为整数,“{shown}”不是整数");
        match self.cell(column) {
            Cell::Empty => Ok(None),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Ok(Some(*n as i64)),
            Cell::Text(s) => s.trim().replace([',', ','], "").parse::<i64>().map(Some).map_err(|_| bad(s.trim())),
            other => Err(bad(&other.text())),
        }
    }

    /// An amount in 元 with at most two decimals, as fen; "¥1,234.50" and "1234.5元" are accepted.
    pub fn yuan_as_fen(&self, column: &str) -> std::result::Result<Option<i64>, String> {
        let bad = |shown: &str| format!("{column}须为金额(元,最多两位小数),“{shown}”不是金额");
        let text = match self.cell(column) {
            Cell::Empty => return Ok(None),
            Cell::Number(n) => format!("{n}"),
            Cell::Text(s) => s.trim().trim_start_matches(['¥', '¥']).trim_end_matches('元').replace([',', ','], ""),
            other => return Err(bad(&other.text())),
        };
        parse_fen(text.trim()).map(Some).ok_or_else(|| bad(&self.text(column)))
    }
}

fn parse_date_time(s: &str) -> Option<NaiveDateTime> {
    let s = s.replace(['/', '.', '年', '月'], "-").replace('日', "");
    let s = s.trim();
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Some(t);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(|d| d.and_time(NaiveTime::MIN))
}

/// "1234.5" → 123450; more than two decimals, signs and other text are refused.
fn parse_fen(s: &str) -> Option<i64> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 2 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 12 {
        return None;
    }
    let cents = format!("{frac:0<2}").parse::<i64>().ok()?;
    Some(whole.parse::<i64>().ok()? * 100 + cents)
}

fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if d.time() == NaiveTime::MIN => Cell::Date(d.date()),
            Some(d) => Cell::DateTime(d),
            None => Cell::Error,
        },
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(Cell::Date)
            .unwrap_or(Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(_) => Cell::Error,
    }
}

/// The first sheet of a file as read: the header row (the first non-empty row) and the data rows
/// below it, cells by position. Nothing is matched to columns yet: that is the import driver's job.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The header row's number as Excel shows it.
    pub header_row: u32,
    pub headers: Vec<String>,
    /// Non-empty data rows: their number as Excel shows it and their cells by position.
    pub rows: Vec<(u32, Vec<Cell>)>,
}

impl Sheet {
    pub fn open(path: &Path) -> Result<Sheet> {
        let mut workbook: Xlsx<_> = open_workbook(path).map_err(|e| match e {
            calamine::XlsxError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                Error::validation("file", format!("找不到文件:{}", path.display()))
            }
            _ => Error::validation("file", "文件不是有效的 Excel (.xlsx) 文件,请用 Excel 或 WPS 另存为 .xlsx 后再导入"),
        })?;
        let range = workbook
            .worksheet_range_at(0)
            .ok_or_else(|| Error::validation("file", "文件中没有工作表"))?
            .map_err(|_| Error::validation("file", "第一个工作表无法读取,文件可能已损坏"))?;
        let first_row = range.start().map(|(r, _)| r + 1).unwrap_or(1);
        let mut rows = range.rows().enumerate().filter(|(_, r)| r.iter().any(|c| !matches!(convert(c), Cell::Empty)));
        let Some((header_index, header)) = rows.next() else {
            return Err(Error::validation("file", "文件是空的:没有表头,也没有数据行"));
        };
        Ok(Sheet {
            header_row: first_row + header_index as u32,
            headers: header.iter().map(|c| convert(c).text()).collect(),
            rows: rows.map(|(i, r)| (first_row + i as u32, r.iter().map(convert).collect())).collect(),
        })
    }
}

impl Sheet {
    /// The same sheet with its header on the data row at `index` (the rows above it dropped):
    /// for a title row above the table.
    pub(crate) fn header_at(mut self, index: usize) -> Sheet {
        let mut rows = self.rows.split_off(index);
        let (number, cells) = rows.remove(0);
        Sheet { header_row: number, headers: cells.iter().map(Cell::text).collect(), rows }
    }
}

impl Row {
    /// A row whose cells are named by the columns they were matched to (`None`: ignored).
    pub fn new(number: u32, columns: &[Option<&str>], cells: Vec<Cell>) -> Row {
        let cells =
            columns.iter().zip(cells).filter_map(|(column, cell)| column.map(|c| (c.to_owned(), cell))).collect();
        Row { number, cells }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_spellings_people_type() {
        let d = |s| parse_date_time(s).map(|t| t.to_string());
        assert_eq!(d("2025-03-04").as_deref(), Some("2025-03-04 00:00:00"));
        assert_eq!(d("2025/3/4 9:30").as_deref(), Some("2025-03-04 09:30:00"));
        assert_eq!(d("2025.03.04").as_deref(), Some("2025-03-04 00:00:00"));
        assert_eq!(d("2025年3月4日").as_deref(), Some("2025-03-04 00:00:00"));
        assert_eq!(d("2025-02-30"), None);
        assert_eq!(d("昨天"), None);
    }

    #[test]
    fn amounts_become_fen_exactly() {
        assert_eq!(parse_fen("1234.5"), Some(123_450));
        assert_eq!(parse_fen("0.07"), Some(7));
        assert_eq!(parse_fen("12"), Some(1200));
        assert_eq!(parse_fen("1.234"), None);
        assert_eq!(parse_fen("-5"), None);
        assert_eq!(parse_fen("五百"), None);
    }
}
