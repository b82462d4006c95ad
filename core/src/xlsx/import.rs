//! The one import driver: read the first sheet → match its headers to the importer's columns
//! (names, synonyms, a mapping the caller gives or one remembered for the same header layout) →
//! parse the rows (the importer may group continuation rows) → report problems with their row
//! numbers → write all or only the good records in one transaction with an audit row.
//!
//! A file whose headers cannot all be matched is not refused: the caller gets a [`Preview`] (the
//! headers, a few rows, the known columns, the driver's guesses) and passes back a [`Mapping`],
//! which is remembered for the next file with the same header layout.

use std::future::Future;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{Cell, ImportMode, ImportProblem, ImportReport, Row, Sheet};
use crate::account::Actor;
use crate::audit;
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};

/// What a column holds: how an export writes it and what the mapping screen says it expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ColumnKind {
    Text,
    Integer,
    Date,
    /// A date with an optional time of day.
    DateTime,
    /// An amount in 元.
    Money,
    Percent,
}

/// One column of an entity's sheet, for exports (name, width, kind) and imports (name,
/// synonyms, required).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub width: f64,
    pub kind: ColumnKind,
    pub required: bool,
    /// Other headers companies use for this column in their own registers.
    pub synonyms: &'static [&'static str],
}

impl Column {
    pub const fn new(name: &'static str, width: f64, kind: ColumnKind) -> Column {
        Column { name, width, kind, required: false, synonyms: &[] }
    }
    pub const fn required(self) -> Column {
        Column { required: true, ..self }
    }
    pub const fn or(self, synonyms: &'static [&'static str]) -> Column {
        Column { synonyms, ..self }
    }
}

/// The (header, width) pairs of `columns`, for the exporters' public `COLUMNS` tables.
pub const fn headers<const N: usize>(columns: &[Column; N]) -> [(&'static str, f64); N] {
    let mut out = [("", 0.0); N];
    let mut i = 0;
    while i < N {
        out[i] = (columns[i].name, columns[i].width);
        i += 1;
    }
    out
}

/// The columns an importer reads; `kind` names the import for remembered mappings and the audit.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    pub kind: &'static str,
    pub list: &'static [Column],
}

impl Columns {
    fn find(&self, name: &str) -> Option<&'static Column> {
        self.list.iter().find(|c| c.name == name)
    }
}

/// The caller's answer to a preview: for each file header, our column or `None` to ignore it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Mapping {
    pub headers: Vec<HeaderMapping>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct HeaderMapping {
    pub header: String,
    /// Our column's name; `None` ignores the file's column.
    pub column: Option<String>,
}

impl Mapping {
    fn target(&self, header: &str) -> Option<&Option<String>> {
        self.headers.iter().find(|m| m.header == header).map(|m| &m.column)
    }
}

/// How a file header was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum HeaderMatch {
    /// The header is the column's name.
    Exact,
    /// The header is one of the column's synonyms.
    Synonym,
    /// The caller's mapping says so (or ignores it, with no column).
    Mapped,
    /// The mapping remembered for this header layout says so.
    Remembered,
    /// Not matched; the column is the driver's best guess, for the user to confirm.
    Guess,
    /// Not matched and no guess.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct HeaderGuess {
    pub header: String,
    pub column: Option<String>,
    #[serde(rename = "match")]
    #[ts(rename = "match")]
    pub matched: HeaderMatch,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ColumnInfo {
    pub name: String,
    pub kind: ColumnKind,
    pub required: bool,
    pub synonyms: Vec<String>,
}

/// A file whose headers need the user's mapping before it can be imported.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Preview {
    /// Which import: customer or complaint.
    pub kind: String,
    /// The header row's number as Excel shows it.
    pub header_row: u32,
    /// Every non-empty header of the file, in order, with its match or guess.
    pub headers: Vec<HeaderGuess>,
    /// The first few data rows, one text per header (same order as `headers`).
    pub samples: Vec<Vec<String>>,
    /// The columns the import knows.
    pub columns: Vec<ColumnInfo>,
    /// Required columns no header is matched to.
    pub missing: Vec<String>,
    /// What is wrong, in Chinese, e.g. 有 2 列无法识别:名称、电话。
    pub message: String,
}

/// The result of an import call: imported (possibly with problems), or a preview to map.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "outcome", content = "detail", rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ImportOutcome {
    Imported(ImportReport),
    NeedsMapping(Preview),
}

/// What an importer's parse step returns: the records to write and the problems found.
pub struct Parsed<R> {
    pub records: Vec<R>,
    pub problems: Vec<ImportProblem>,
}

/// An importer plugs into [`run`] with its columns, a parser and a writer.
pub trait Importer: Sync {
    /// One record to write (a customer; a complaint with its continuation rows).
    type Record: Send;

    fn columns(&self) -> &'static Columns;

    /// Parses the rows (cells named by our columns) into records and problems, each problem
    /// with its row number. Look-ups of what the file names happen here.
    fn parse(&self, store: &Store, rows: &[Row]) -> impl Future<Output = Result<Parsed<Self::Record>>> + Send;

    /// Writes the good records inside the driver's transaction; returns how many were written.
    fn write(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        records: Vec<Self::Record>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<i64>> + Send;

    /// The audit log's summary of an import.
    fn summary(&self, imported: i64, problems: usize) -> String;
}

/// How each header of a file matched, and what is left to map.
struct Resolution {
    guesses: Vec<HeaderGuess>,
    /// Per header position: the column it fills, if any.
    targets: Vec<Option<&'static str>>,
    unknown: Vec<String>,
    duplicates: Vec<String>,
    missing: Vec<&'static str>,
}

impl Resolution {
    fn complete(&self) -> bool {
        self.unknown.is_empty() && self.duplicates.is_empty() && self.missing.is_empty()
    }
}

/// Headers compare without spaces, with full-width brackets, colons and letters as half-width,
/// and letters in lower case.
fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn resolve(headers: &[String], columns: &Columns, mapping: Option<(&Mapping, HeaderMatch)>) -> Result<Resolution> {
    let mut targets = Vec::with_capacity(headers.len());
    let mut guesses = Vec::new();
    let mut unknown = Vec::new();
    let mut duplicates = Vec::new();
    let mut taken: Vec<&'static str> = Vec::new();
    for header in headers {
        if header.is_empty() {
            targets.push(None);
            continue;
        }
        let normal = normalize(header);
        let found: Option<(Option<&'static str>, HeaderMatch)> = match mapping
            .and_then(|(m, how)| Some((m.target(header)?, how)))
        {
            Some((None, how)) => Some((None, how)),
            Some((Some(name), how)) => {
                let column = columns
                    .find(name)
                    .ok_or_else(|| Error::validation("mapping", format!("对应的列“{name}”不存在")))?;
                Some((Some(column.name), how))
            }
            None => columns.list.iter().find(|c| c.name == header).map(|c| (Some(c.name), HeaderMatch::Exact)).or_else(
                || {
                    columns
                        .list
                        .iter()
                        .find(|c| normalize(c.name) == normal || c.synonyms.iter().any(|s| normalize(s) == normal))
                        .map(|c| (Some(c.name), HeaderMatch::Synonym))
                },
            ),
        };
        match found {
            Some((Some(name), _)) if taken.contains(&name) => {
                duplicates.push(header.clone());
                guesses.push(HeaderGuess { header: header.clone(), column: None, matched: HeaderMatch::Unknown });
                targets.push(None);
            }
            Some((column, how)) => {
                if let Some(name) = column {
                    taken.push(name);
                }
                guesses.push(HeaderGuess { header: header.clone(), column: column.map(str::to_owned), matched: how });
                targets.push(column);
            }
            None => {
                unknown.push(header.clone());
                guesses.push(HeaderGuess { header: header.clone(), column: None, matched: HeaderMatch::Unknown });
                targets.push(None);
            }
        }
    }
    let missing = columns.list.iter().filter(|c| c.required && !taken.contains(&c.name)).map(|c| c.name).collect();
    // Guesses for what is left: a column whose name or synonym contains the header or is
    // contained in it, else the one sharing most characters (at least half of them).
    for guess in guesses.iter_mut().filter(|g| g.matched == HeaderMatch::Unknown) {
        let normal = normalize(&guess.header);
        let free = columns.list.iter().filter(|c| !taken.contains(&c.name));
        let score = |c: &Column| {
            std::iter::once(c.name)
                .chain(c.synonyms.iter().copied())
                .map(|name| {
                    let name = normalize(name);
                    if name.contains(&normal) || normal.contains(&name) {
                        1000 - name.chars().count().abs_diff(normal.chars().count())
                    } else {
                        let shared = normal.chars().filter(|ch| name.contains(*ch)).count();
                        if shared * 2 >= normal.chars().count().max(name.chars().count()) { shared } else { 0 }
                    }
                })
                .max()
                .unwrap_or(0)
        };
        if let Some(best) = free.map(|c| (score(c), c)).filter(|(s, _)| *s > 0).max_by_key(|(s, _)| *s) {
            taken.push(best.1.name);
            guess.column = Some(best.1.name.to_owned());
            guess.matched = HeaderMatch::Guess;
        }
    }
    Ok(Resolution { guesses, targets, unknown, duplicates, missing })
}

/// How many cells of a row name a column (by name, synonym or the mapping).
fn header_score(cells: &[String], columns: &Columns, mapping: Option<&Mapping>) -> usize {
    cells
        .iter()
        .filter(|h| !h.is_empty())
        .filter(|h| {
            let normal = normalize(h);
            mapping.is_some_and(|m| m.target(h).is_some())
                || columns
                    .list
                    .iter()
                    .any(|c| normalize(c.name) == normal || c.synonyms.iter().any(|s| normalize(s) == normal))
        })
        .count()
}

/// A register often has a title row (2025年客户投诉台账) above the table: the header is the
/// first of the top rows that names the most columns; the first non-empty row when none names any.
fn find_header(sheet: Sheet, columns: &Columns, mapping: Option<&Mapping>) -> Sheet {
    let first = header_score(&sheet.headers, columns, mapping);
    let best = sheet
        .rows
        .iter()
        .take(9)
        .enumerate()
        .map(|(i, (_, cells))| {
            let texts: Vec<String> = cells.iter().map(Cell::text).collect();
            (header_score(&texts, columns, mapping), i)
        })
        .filter(|(score, _)| *score > first)
        .max_by_key(|(score, i)| (*score, std::cmp::Reverse(*i)));
    match best {
        Some((_, i)) => sheet.header_at(i),
        None => sheet,
    }
}

/// The layout of a header row, to remember a mapping by.
fn layout_hash(headers: &[String]) -> String {
    let mut hash = Sha256::new();
    for h in headers {
        hash.update(h.as_bytes());
        hash.update([0x1f]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The mapping remembered for `kind` and this header layout.
pub async fn remembered_mapping(store: &Store, kind: &str, headers: &[String]) -> Result<Option<Mapping>> {
    let hash = layout_hash(headers);
    let json =
        sqlx::query_scalar!("SELECT mapping_json FROM import_mapping WHERE kind = ? AND layout_hash = ?", kind, hash)
            .fetch_optional(store.pool())
            .await?;
    // A mapping written by another version that no longer parses is as good as none.
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

async fn remember(store: &Store, kind: &str, headers: &[String], mapping: &Mapping, now: DateTime<Utc>) -> Result<()> {
    let hash = layout_hash(headers);
    let json = serde_json::to_string(mapping).map_err(|e| Error::Internal(e.to_string()))?;
    let now = db_time(now);
    sqlx::query!(
        "INSERT INTO import_mapping (kind, layout_hash, mapping_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (kind, layout_hash) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at",
        kind,
        hash,
        json,
        now
    )
    .execute(store.pool())
    .await?;
    Ok(())
}

fn preview_of(sheet: &Sheet, columns: &Columns, r: &Resolution) -> Preview {
    let shown: Vec<usize> = (0..sheet.headers.len()).filter(|i| !sheet.headers[*i].is_empty()).collect();
    let samples = sheet
        .rows
        .iter()
        .take(5)
        .map(|(_, cells)| shown.iter().map(|i| cells.get(*i).map(Cell::text).unwrap_or_default()).collect())
        .collect();
    let mut message = Vec::new();
    if !r.unknown.is_empty() {
        message.push(format!("有 {} 列无法识别:{}", r.unknown.len(), r.unknown.join("、")));
    }
    if !r.duplicates.is_empty() {
        message.push(format!("这些列与前面的列对应同一列:{}", r.duplicates.join("、")));
    }
    if !r.missing.is_empty() {
        message.push(format!("缺少必需的列:{}", r.missing.join("、")));
    }
    Preview {
        kind: columns.kind.to_owned(),
        header_row: sheet.header_row,
        headers: r.guesses.clone(),
        samples,
        columns: columns
            .list
            .iter()
            .map(|c| ColumnInfo {
                name: c.name.to_owned(),
                kind: c.kind,
                required: c.required,
                synonyms: c.synonyms.iter().map(|s| (*s).to_owned()).collect(),
            })
            .collect(),
        missing: r.missing.iter().map(|m| (*m).to_owned()).collect(),
        message: format!("{}。请指定文件中的各列对应系统中的哪一列(或忽略)后再导入。", message.join(";")),
    }
}

/// How the file at `path` matches `columns` (with the remembered mapping for its layout): a
/// preview whose `message` is empty when it can be imported as it is.
pub async fn preview(store: &Store, path: &Path, columns: &Columns) -> Result<Preview> {
    let sheet = find_header(Sheet::open(path)?, columns, None);
    let remembered = remembered_mapping(store, columns.kind, &sheet.headers).await?;
    let r = resolve(&sheet.headers, columns, remembered.as_ref().map(|m| (m, HeaderMatch::Remembered)))?;
    let mut preview = preview_of(&sheet, columns, &r);
    if r.complete() {
        preview.message.clear();
    }
    Ok(preview)
}

/// The message an import without a mapping (the first API) fails with, as before mappings.
fn refusal(sheet: &Sheet, columns: &Columns, r: &Resolution) -> Error {
    if !r.unknown.is_empty() || !r.duplicates.is_empty() {
        let mut odd = r.unknown.clone();
        odd.extend(r.duplicates.iter().cloned());
        let known: Vec<&str> = columns.list.iter().map(|c| c.name).collect();
        return Error::validation(
            "file",
            format!("第{}行表头中有无法识别的列:{}。可用的列:{}", sheet.header_row, odd.join("、"), known.join("、")),
        );
    }
    Error::validation("file", format!("缺少必需的列:{}(表头应在第一行)", r.missing.join("、")))
}

/// Imports `path` with `importer`. Without `mapping`, headers match by name, synonym or the
/// mapping remembered for this header layout; a file that still has unmatched headers (or lacks
/// a required column while having unmatched ones) returns [`ImportOutcome::NeedsMapping`]. A
/// given mapping that matches every header is remembered for the next file of the same layout.
/// The caller checks the actor's permissions first.
pub async fn run<I: Importer>(
    store: &Store,
    actor: &Actor,
    importer: &I,
    path: &Path,
    mode: ImportMode,
    mapping: Option<Mapping>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    let columns = importer.columns();
    let sheet = find_header(Sheet::open(path)?, columns, mapping.as_ref());
    let remembered = match &mapping {
        Some(_) => None,
        None => remembered_mapping(store, columns.kind, &sheet.headers).await?,
    };
    let given = match (&mapping, &remembered) {
        (Some(m), _) => Some((m, HeaderMatch::Mapped)),
        (None, Some(m)) => Some((m, HeaderMatch::Remembered)),
        (None, None) => None,
    };
    let mut r = resolve(&sheet.headers, columns, given)?;
    if !r.complete() && remembered.is_some() {
        // The remembered mapping no longer fits (columns were renamed): match afresh.
        r = resolve(&sheet.headers, columns, None)?;
    }
    if !r.unknown.is_empty() || !r.duplicates.is_empty() {
        return Ok(ImportOutcome::NeedsMapping(preview_of(&sheet, columns, &r)));
    }
    if !r.missing.is_empty() {
        return Err(refusal(&sheet, columns, &r));
    }
    if let Some(m) = &mapping {
        remember(store, columns.kind, &sheet.headers, m, now).await?;
    }
    let rows: Vec<Row> = sheet.rows.into_iter().map(|(number, cells)| Row::new(number, &r.targets, cells)).collect();
    if rows.is_empty() {
        return Err(Error::validation("file", "文件中没有数据行(只有表头)"));
    }
    let Parsed { records, problems } = importer.parse(store, &rows).await?;
    let import_now = problems.is_empty() || mode == ImportMode::GoodRows;
    let mut imported = 0;
    if import_now && !records.is_empty() {
        let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
        imported = importer.write(&mut tx, actor, records, now).await?;
        let summary = importer.summary(imported, problems.len());
        // The kind of import is the audit entity of what it imports ("customer", "complaint").
        let entity = audit::Entity::stored(columns.kind)?;
        audit::record(&mut tx, audit::Change::note(actor, entity, "", audit::Action::Import, summary, now)).await?;
        tx.commit().await?;
    }
    Ok(ImportOutcome::Imported(ImportReport { rows: rows.len() as i64, imported, problems }))
}

/// For the first import API (no mapping): the report, or the refusal a file with unknown
/// headers always got.
pub(crate) async fn run_unmapped<I: Importer>(
    store: &Store,
    actor: &Actor,
    importer: &I,
    path: &Path,
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    match run(store, actor, importer, path, mode, None, now).await? {
        ImportOutcome::Imported(report) => Ok(report),
        ImportOutcome::NeedsMapping(_) => {
            let sheet = find_header(Sheet::open(path)?, importer.columns(), None);
            let r = resolve(&sheet.headers, importer.columns(), None)?;
            Err(refusal(&sheet, importer.columns(), &r))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static COLUMNS: Columns = Columns {
        kind: "test",
        list: &[
            Column::new("客户名称", 30.0, ColumnKind::Text).required().or(&["客户", "单位名称"]),
            Column::new("联系电话", 16.0, ColumnKind::Text).or(&["手机", "联系方式"]),
            Column::new("客户索赔金额(元)", 16.0, ColumnKind::Money),
            Column::new("备注", 30.0, ColumnKind::Text),
        ],
    };

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn names_synonyms_and_spellings_match() {
        let r = resolve(&headers(&["单位名称", "手机", "客户索赔金额\u{FF08}元\u{FF09}", "", "备 注"]), &COLUMNS, None)
            .unwrap();
        assert!(r.complete());
        assert_eq!(r.targets, [Some("客户名称"), Some("联系电话"), Some("客户索赔金额(元)"), None, Some("备注")]);
        let how: Vec<HeaderMatch> = r.guesses.iter().map(|g| g.matched).collect();
        assert_eq!(how, [HeaderMatch::Synonym, HeaderMatch::Synonym, HeaderMatch::Synonym, HeaderMatch::Synonym]);
    }

    #[test]
    fn unknown_headers_get_guesses_and_a_column_twice_is_a_duplicate() {
        let r = resolve(&headers(&["名称", "电话", "客户", "单位名称", "开票信息"]), &COLUMNS, None).unwrap();
        assert_eq!(r.unknown, ["名称", "电话", "开票信息"]);
        assert_eq!(r.duplicates, ["单位名称"]);
        let guesses: Vec<(&str, Option<&str>, HeaderMatch)> =
            r.guesses.iter().map(|g| (g.header.as_str(), g.column.as_deref(), g.matched)).collect();
        assert_eq!(
            guesses,
            [
                ("名称", None, HeaderMatch::Unknown),
                ("电话", Some("联系电话"), HeaderMatch::Guess),
                ("客户", Some("客户名称"), HeaderMatch::Synonym),
                ("单位名称", None, HeaderMatch::Unknown),
                ("开票信息", None, HeaderMatch::Unknown),
            ]
        );
    }

    #[test]
    fn a_mapping_names_or_ignores_headers_and_must_name_real_columns() {
        let m = Mapping {
            headers: vec![
                HeaderMapping { header: "名称".into(), column: Some("客户名称".into()) },
                HeaderMapping { header: "开票信息".into(), column: None },
            ],
        };
        let r = resolve(&headers(&["名称", "开票信息", "手机"]), &COLUMNS, Some((&m, HeaderMatch::Mapped))).unwrap();
        assert!(r.complete());
        assert_eq!(r.targets, [Some("客户名称"), None, Some("联系电话")]);
        let bad = Mapping { headers: vec![HeaderMapping { header: "名称".into(), column: Some("名字".into()) }] };
        let err = resolve(&headers(&["名称"]), &COLUMNS, Some((&bad, HeaderMatch::Mapped))).err().unwrap();
        assert_eq!(err.user_message(), "对应的列“名字”不存在");
    }

    #[test]
    fn the_layout_hash_depends_on_every_header_and_its_place() {
        let a = layout_hash(&headers(&["名称", "电话"]));
        assert_eq!(a, layout_hash(&headers(&["名称", "电话"])));
        assert_ne!(a, layout_hash(&headers(&["电话", "名称"])));
        assert_ne!(a, layout_hash(&headers(&["名称电话"])));
    }
}
