//! Customer import from and export to Excel, with Chinese column headers. A file with errors
//! imports nothing unless the user chooses to import the good rows; every problem is reported
//! with its row number and reason.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::{Address, Contact, CustomerGrade, CustomerInput, CustomerKind};
use crate::account::{Actor, Permission};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::xlsx::{self, ImportMode, ImportProblem, ImportReport, Row, problem};
use crate::{audit, org};

/// The columns, in order, with their widths in Excel.
pub const COLUMNS: [(&str, f64); 14] = [
    ("客户编号", 12.0),
    ("客户名称", 30.0),
    ("客户类型", 10.0),
    ("客户等级", 10.0),
    ("所在地区", 10.0),
    ("所属行业", 12.0),
    ("来源门店", 16.0),
    ("标签", 16.0),
    ("联系人", 10.0),
    ("职务", 10.0),
    ("联系电话", 16.0),
    ("电子邮箱", 20.0),
    ("地址", 36.0),
    ("备注", 30.0),
];

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

pub async fn import(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    actor.require(Permission::EditCustomers)?;
    let names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    let rows = xlsx::read_table(path, &["客户名称"], &names)?;
    let stores = org::list_stores(store).await?;
    let existing: HashSet<String> =
        sqlx::query_scalar!("SELECT code FROM customer").fetch_all(store.pool()).await?.into_iter().collect();

    let mut problems = Vec::new();
    let mut good = Vec::new();
    let mut codes_in_file = HashSet::new();
    for row in &rows {
        match parse_row(row, &stores) {
            Err(p) => problems.push(p),
            Ok(input) if !input.code.is_empty() && existing.contains(&input.code) => {
                problems.push(problem(row, "客户编号", format!("客户编号“{}”已存在于系统中", input.code)));
            }
            Ok(input) if !input.code.is_empty() && !codes_in_file.insert(input.code.clone()) => {
                problems.push(problem(row, "客户编号", format!("客户编号“{}”在文件中重复", input.code)));
            }
            Ok(input) => good.push(input),
        }
    }
    let import_now = problems.is_empty() || mode == ImportMode::GoodRows;
    let mut imported = 0;
    if import_now && !good.is_empty() {
        let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
        for input in good {
            super::insert(&mut tx, actor, input, now).await?;
            imported += 1;
        }
        let summary = format!("从 Excel 导入客户 {imported} 个(跳过有问题的行 {} 个)", problems.len());
        audit::record(
            &mut tx,
            audit::Change::note(actor, audit::Entity::Customer, "", audit::Action::Import, summary, now),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(ImportReport { rows: rows.len() as i64, imported, problems })
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

/// Writes all active customers (or, with `template`, only the header row) to `path`.
/// Returns the number of customers written.
pub async fn export(store: &Store, actor: &Actor, path: &Path, template: bool) -> Result<i64> {
    super::can_view(actor)?;
    let rows: Vec<Vec<String>> = if template {
        vec![]
    } else {
        sqlx::query!(
            r#"SELECT c.code, c.name, c.kind, c.grade, c.region, c.industry, s.code AS "store_code?", c.tags,
                      p.name AS "contact?", p.title AS "title?", p.phone AS "phone?", p.email AS "email?",
                      a.address AS "address?", c.notes
               FROM customer c
               LEFT JOIN store s ON s.id = c.source_store_id
               LEFT JOIN customer_contact p ON p.customer_id = c.id AND p.is_primary
               LEFT JOIN customer_address a ON a.customer_id = c.id AND a.is_default
               WHERE c.active
               ORDER BY c.id"#
        )
        .fetch_all(store.pool())
        .await?
        .into_iter()
        .map(|r| {
            let tags: Vec<String> = serde_json::from_str(&r.tags).unwrap_or_default();
            vec![
                r.code,
                r.name,
                CustomerKind::parse(&r.kind).map(|k| k.label().to_owned()).unwrap_or(r.kind),
                CustomerGrade::parse(&r.grade).map(|g| g.label().to_owned()).unwrap_or(r.grade),
                r.region,
                r.industry,
                r.store_code.unwrap_or_default(),
                tags.join("、"),
                r.contact.unwrap_or_default(),
                r.title.unwrap_or_default(),
                r.phone.unwrap_or_default(),
                r.email.unwrap_or_default(),
                r.address.unwrap_or_default(),
                r.notes,
            ]
        })
        .collect()
    };
    if path.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
        return Err(Error::validation("out", "导出文件名须以 .xlsx 结尾"));
    }
    xlsx::write_table(path, "客户档案", &COLUMNS, &rows)?;
    Ok(rows.len() as i64)
}
