//! Customer import from and export to Excel, with Chinese column headers. A file with errors
//! imports nothing unless the user chooses to import the good rows; every problem is reported
//! with its row number and reason.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{Address, Contact, CustomerGrade, CustomerInput, CustomerKind};
use crate::account::{Actor, Permission};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::org;
use crate::xlsx::ColumnKind::Text;
use crate::xlsx::{
    self, Column, Columns, ImportMode, ImportOutcome, ImportProblem, ImportReport, Importer, Mapping, Parsed, Row,
    Table, problem,
};

/// The sheet's columns, in order: for the export (width, kind) and the import (required,
/// the headers other companies' registers use for them).
pub static TABLE: [Column; 14] = [
    Column::new("客户编号", 12.0, Text).or(&["客户代码", "客户编码", "客户号"]),
    Column::new("客户名称", 30.0, Text).required().or(&[
        "客户",
        "单位名称",
        "客户全称",
        "公司名称",
        "企业名称",
        "客户单位",
    ]),
    Column::new("客户类型", 10.0, Text).or(&["类型", "客户类别", "客户性质"]),
    Column::new("客户等级", 10.0, Text).or(&["等级", "客户级别", "级别"]),
    Column::new("所在地区", 10.0, Text).or(&["地区", "区域", "所属区域", "所属地区"]),
    Column::new("所属行业", 12.0, Text).or(&["行业"]),
    Column::new("来源门店", 16.0, Text).or(&["门店", "直销店", "所属门店"]),
    Column::new("标签", 16.0, Text).or(&["客户标签"]),
    Column::new("联系人", 10.0, Text).or(&["联系人姓名", "对接人"]),
    Column::new("职务", 10.0, Text).or(&["职位", "联系人职务"]),
    Column::new("联系电话", 16.0, Text).or(&["手机", "手机号", "手机号码", "电话号码", "联系方式", "座机"]),
    Column::new("电子邮箱", 20.0, Text).or(&["邮箱", "email", "e-mail"]),
    Column::new("地址", 36.0, Text).or(&["详细地址", "联系地址", "通讯地址", "公司地址"]),
    Column::new("备注", 30.0, Text).or(&["说明"]),
];

/// The columns, in order, with their widths in Excel.
pub const COLUMNS: [(&str, f64); 14] = xlsx::headers(&TABLE);

/// What the customer import reads.
pub static IMPORT: Columns = Columns { kind: "customer", list: &TABLE };

fn column_of(field: Option<&str>) -> &'static str {
    match field {
        Some("code") => "客户编号",
        Some("name") => "客户名称",
        Some("kind") => "客户类型",
        Some("grade") => "客户等级",
        Some("region") => "所在地区",
        Some("industry") => "所属行业",
        Some("tags") => "标签",
        Some("contacts") => "联系人",
        Some("addresses") => "地址",
        Some("notes") => "备注",
        _ => "",
    }
}

/// Imports customers from the file at `path`; a file with headers that are not ours (nor known
/// synonyms, nor remembered for its layout) is refused (see [`import_mapped`]).
pub async fn import(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    actor.require(Permission::EditCustomers)?;
    xlsx::run_unmapped(store, actor, &CustomerImport, path, mode, now).await
}

/// Imports customers; a file with unmatched headers returns a preview to map instead, and a
/// `mapping` that matches every header is remembered for the next file of the same layout.
pub async fn import_mapped(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    mapping: Option<Mapping>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    actor.require(Permission::EditCustomers)?;
    xlsx::run(store, actor, &CustomerImport, path, mode, mapping, now).await
}

struct CustomerImport;

impl Importer for CustomerImport {
    type Record = CustomerInput;

    fn columns(&self) -> &'static Columns {
        &IMPORT
    }

    async fn parse(&self, store: &Store, rows: &[Row]) -> Result<Parsed<CustomerInput>> {
        let stores = org::list_stores(store).await?;
        // Only the codes the file names are looked up (through the unique index).
        let codes = xlsx::json_list(rows, "客户编号");
        let existing: HashSet<String> =
            sqlx::query_scalar!("SELECT code FROM customer WHERE code IN (SELECT value FROM json_each(?))", codes)
                .fetch_all(store.pool())
                .await?
                .into_iter()
                .collect();
        let mut problems = Vec::new();
        let mut records = Vec::new();
        let mut codes_in_file = HashSet::new();
        for row in rows {
            match parse_row(row, &stores) {
                Err(p) => problems.push(p),
                Ok(input) if !input.code.is_empty() && existing.contains(&input.code) => {
                    problems.push(problem(row, "客户编号", format!("客户编号“{}”已存在于系统中", input.code)));
                }
                Ok(input) if !input.code.is_empty() && !codes_in_file.insert(input.code.clone()) => {
                    problems.push(problem(row, "客户编号", format!("客户编号“{}”在文件中重复", input.code)));
                }
                Ok(input) => records.push(input),
            }
        }
        Ok(Parsed { records, problems })
    }

    async fn write(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        records: Vec<CustomerInput>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut imported = 0;
        for input in records {
            super::insert(conn, actor, input, now).await?;
            imported += 1;
        }
        Ok(imported)
    }

    fn summary(&self, imported: i64, problems: usize) -> String {
        format!("从 Excel 导入客户 {imported} 个(跳过有问题的行 {problems} 个)")
    }
}

fn parse_row(row: &Row, stores: &[org::SalesStore]) -> std::result::Result<CustomerInput, ImportProblem> {
    let kind = match row.text("客户类型").as_str() {
        "" => CustomerKind::Company,
        text => CustomerKind::parse(text).ok_or_else(|| {
            problem(row, "客户类型", format!("客户类型“{text}”不存在,可选:{}", CustomerKind::labels()))
        })?,
    };
    let grade = match row.text("客户等级").as_str() {
        "" => CustomerGrade::Normal,
        text => CustomerGrade::parse(text).ok_or_else(|| {
            problem(row, "客户等级", format!("客户等级“{text}”不存在,可选:{}", CustomerGrade::labels()))
        })?,
    };
    let source_store_id = match row.text("来源门店").as_str() {
        "" => None,
        text => Some(
            stores
                .iter()
                .find(|s| s.code == text || s.name == text)
                .ok_or_else(|| problem(row, "来源门店", format!("直销店“{text}”不存在(填门店编号或名称)")))?
                .id,
        ),
    };
    let tags = row
        .text("标签")
        .split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let (contact, phone) = (row.text("联系人"), row.text("联系电话"));
    let contacts = if contact.is_empty() && phone.is_empty() {
        vec![]
    } else if contact.is_empty() {
        return Err(problem(row, "联系人", "填写了联系电话,但联系人为空"));
    } else {
        vec![Contact {
            name: contact, title: row.text("职务"), phone, email: row.text("电子邮箱"), is_primary: true
        }]
    };
    let address = row.text("地址");
    let addresses =
        if address.is_empty() { vec![] } else { vec![Address { label: String::new(), address, is_default: true }] };
    CustomerInput {
        code: row.text("客户编号"),
        name: row.text("客户名称"),
        kind,
        region: row.text("所在地区"),
        industry: row.text("所属行业"),
        grade,
        source_store_id,
        tags,
        notes: row.text("备注"),
        contacts,
        addresses,
    }
    .checked()
    .map_err(|e| problem(row, column_of(e.field()), e.user_message()))
}

/// Writes all active customers (or, with `template`, only the header row) to `path`, a batch
/// of rows at a time from one read snapshot. Returns the number of customers written.
pub async fn export(store: &Store, actor: &Actor, path: &Path, template: bool) -> Result<i64> {
    super::can_view(actor)?;
    if path.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
        return Err(Error::validation("out", "导出文件名须以 .xlsx 结尾"));
    }
    let mut table = Table::new("客户档案", &TABLE)?;
    let mut count = 0;
    if !template {
        let mut snapshot = store.pool().begin().await?;
        let mut after = 0_i64;
        loop {
            let batch = sqlx::query!(
                r#"SELECT c.id AS "id!", c.code, c.name, c.kind, c.grade, c.region, c.industry, s.code AS "store_code?",
                          c.tags, p.name AS "contact?", p.title AS "title?", p.phone AS "phone?", p.email AS "email?",
                          a.address AS "address?", c.notes
                   FROM customer c
                   LEFT JOIN store s ON s.id = c.source_store_id
                   LEFT JOIN customer_contact p ON p.customer_id = c.id AND p.is_primary
                   LEFT JOIN customer_address a ON a.customer_id = c.id AND a.is_default
                   WHERE c.active AND c.id > ?
                   ORDER BY c.id
                   LIMIT 1000"#,
                after
            )
            .fetch_all(&mut *snapshot)
            .await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            for r in batch {
                let tags: Vec<String> = serde_json::from_str(&r.tags).unwrap_or_default();
                table.push(&[
                    r.code.into(),
                    r.name.into(),
                    CustomerKind::parse(&r.kind).map(|k| k.label().to_owned()).unwrap_or(r.kind).into(),
                    CustomerGrade::parse(&r.grade).map(|g| g.label().to_owned()).unwrap_or(r.grade).into(),
                    r.region.into(),
                    r.industry.into(),
                    r.store_code.unwrap_or_default().into(),
                    tags.join("、").into(),
                    r.contact.unwrap_or_default().into(),
                    r.title.unwrap_or_default().into(),
                    r.phone.unwrap_or_default().into(),
                    r.email.unwrap_or_default().into(),
                    r.address.unwrap_or_default().into(),
                    r.notes.into(),
                ])?;
                count += 1;
            }
        }
    }
    table.save(path)?;
    Ok(count)
}
