//! Shipments (发货数据), the complaint rate's denominator: per month the shipped quantity and the
//! number of shipments (deliveries), optionally per customer and part number, entered on a
//! screen or imported from the ERP's Excel export. A month's figures are the sum of its rows.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::Month;
use crate::account::{Actor, Permission};
use crate::audit::{self, Action, Change, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::validate;
use crate::xlsx::ColumnKind::{Integer, Text};
use crate::xlsx::{
    self, Column, Columns, ImportMode, ImportOutcome, Importer, Mapping, Parsed, Row, Table, Value, problem,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Shipment {
    pub id: i64,
    /// "2026-10"
    pub month: String,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub part_number: String,
    pub shipped_quantity: i64,
    pub shipment_count: i64,
    pub service_contacts: i64,
    pub note: String,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ShipmentInput {
    pub month: String,
    pub customer_id: Option<i64>,
    pub part_number: String,
    pub shipped_quantity: i64,
    pub shipment_count: i64,
    /// 其他服务联系次数 (enquiries, requests) for the share-of-contacts rate; 0 if not kept.
    pub service_contacts: i64,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ShipmentQuery {
    /// From this month (inclusive), "2026-01".
    pub from: Option<String>,
    /// To this month (inclusive).
    pub to: Option<String>,
}

impl ShipmentInput {
    fn checked(self) -> Result<ShipmentInput> {
        let month = Month::parse(&self.month)?.key();
        if self.shipped_quantity < 0 {
            return Err(Error::validation("shipped_quantity", "发货数量不能为负数"));
        }
        if self.shipment_count < 0 {
            return Err(Error::validation("shipment_count", "发货次数不能为负数"));
        }
        if self.service_contacts < 0 {
            return Err(Error::validation("service_contacts", "其他服务联系次数不能为负数"));
        }
        if self.shipment_count == 0 && self.shipped_quantity > 0 {
            return Err(Error::validation("shipment_count", "有发货数量时发货次数不能为0"));
        }
        Ok(ShipmentInput {
            month,
            part_number: validate::optional("part_number", "料号", &self.part_number, 64)?,
            note: validate::optional("note", "备注", &self.note, 200)?,
            ..self
        })
    }
}

/// Shipment rows per customer move to the surviving customer of a merge (a row for the same month
/// and part number on both customers makes the merge fail on the unique key: merge such rows by hand
/// first).
pub const CUSTOMER_LINK: crate::customer::CustomerLink =
    crate::customer::CustomerLink { table: "shipment", column: "customer_id", label: "发货数据" };

type ShipmentRow = (i64, String, Option<i64>, Option<String>, String, i64, i64, i64, String, i64);

fn shipment(
    (
        id,
        month,
        customer_id,
        customer_name,
        part_number,
        shipped_quantity,
        shipment_count,
        service_contacts,
        note,
        version,
    ): ShipmentRow,
) -> Shipment {
    Shipment {
        id,
        month,
        customer_id,
        customer_name,
        part_number,
        shipped_quantity,
        shipment_count,
        service_contacts,
        note,
        version,
    }
}

async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Shipment> {
    let row: Option<ShipmentRow> = sqlx::query_as(BY_ID).bind(id).fetch_optional(conn).await?;
    row.map(shipment).ok_or(Error::NotFound("发货数据"))
}

const BY_ID: &str = "SELECT s.id, s.month, s.customer_id, cu.name, s.part_number, s.shipped_quantity, s.shipment_count,
            s.service_contacts, s.note, s.version
     FROM shipment s LEFT JOIN customer cu ON cu.id = s.customer_id WHERE s.id = ?";

/// The rows of the months asked for, newest month first.
pub async fn list(store: &Store, actor: &Actor, query: &ShipmentQuery) -> Result<Vec<Shipment>> {
    actor.require(Permission::ViewReports)?;
    let from = query.from.as_deref().map(Month::parse).transpose()?.map(Month::key).unwrap_or_default();
    let to = query.to.as_deref().map(Month::parse).transpose()?.map(Month::key).unwrap_or_else(|| "9999-99".into());
    let rows: Vec<ShipmentRow> = sqlx::query_as(
        "SELECT s.id, s.month, s.customer_id, cu.name, s.part_number, s.shipped_quantity, s.shipment_count,
                s.service_contacts, s.note, s.version
         FROM shipment s LEFT JOIN customer cu ON cu.id = s.customer_id
         WHERE s.month >= ? AND s.month <= ? ORDER BY s.month DESC, cu.name, s.part_number LIMIT 5000",
    )
    .bind(from)
    .bind(to)
    .fetch_all(store.pool())
    .await?;
    Ok(rows.into_iter().map(shipment).collect())
}

/// Adds a row, or with `id` and its `version` changes one.
pub async fn save(
    store: &Store,
    actor: &Actor,
    id: Option<i64>,
    version: i64,
    input: ShipmentInput,
    now: DateTime<Utc>,
) -> Result<Shipment> {
    actor.require(Permission::ManageShipments)?;
    let input = input.checked()?;
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let before = match id {
        Some(id) => {
            let before = load(&mut tx, id).await?;
            if before.version != version {
                return Err(Error::Stale(Entity::Shipment.label()));
            }
            Some(before)
        }
        None => None,
    };
    let id = write(&mut tx, id, &input, now).await?;
    let after = load(&mut tx, id).await?;
    let (action, verb) = if before.is_some() { (Action::Update, "修改") } else { (Action::Create, "登记") };
    let summary = format!("{verb} {} 发货数据", after.month);
    audit::record(
        &mut tx,
        Change::diff(actor, Entity::Shipment, id, action, summary, before.as_ref(), Some(&after), now)?,
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn delete(store: &Store, actor: &Actor, id: i64, version: i64, now: DateTime<Utc>) -> Result<()> {
    actor.require(Permission::ManageShipments)?;
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let before = load(&mut tx, id).await?;
    let done = sqlx::query("DELETE FROM shipment WHERE id = ? AND version = ?")
        .bind(id)
        .bind(version)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() != 1 {
        return Err(Error::Stale(Entity::Shipment.label()));
    }
    let summary = format!("删除 {} 发货数据", before.month);
    audit::record(
        &mut tx,
        Change::diff::<Shipment>(actor, Entity::Shipment, id, Action::Delete, summary, Some(&before), None, now)?,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Inserts or updates one row; the same month, customer and part number is one row (a second
/// entry or import of it replaces the figures).
async fn write(conn: &mut SqliteConnection, id: Option<i64>, input: &ShipmentInput, now: DateTime<Utc>) -> Result<i64> {
    let at = db_time(now);
    let result = match id {
        Some(id) => sqlx::query(
            "UPDATE shipment SET month = ?, customer_id = ?, part_number = ?, shipped_quantity = ?, shipment_count = ?,
                 service_contacts = ?, note = ?, updated_at = ?, version = version + 1 WHERE id = ?",
        )
        .bind(&input.month)
        .bind(input.customer_id)
        .bind(&input.part_number)
        .bind(input.shipped_quantity)
        .bind(input.shipment_count)
        .bind(input.service_contacts)
        .bind(&input.note)
        .bind(&at)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map(|_| id),
        None => sqlx::query_scalar(
            "INSERT INTO shipment (month, customer_id, part_number, shipped_quantity, shipment_count, service_contacts,
                                   note, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (month, coalesce(customer_id, 0), part_number) DO UPDATE SET
                 shipped_quantity = excluded.shipped_quantity, shipment_count = excluded.shipment_count,
                 service_contacts = excluded.service_contacts, note = excluded.note,
                 updated_at = excluded.updated_at, version = version + 1
             RETURNING id",
        )
        .bind(&input.month)
        .bind(input.customer_id)
        .bind(&input.part_number)
        .bind(input.shipped_quantity)
        .bind(input.shipment_count)
        .bind(input.service_contacts)
        .bind(&input.note)
        .bind(&at)
        .bind(&at)
        .fetch_one(&mut *conn)
        .await,
    };
    match result {
        Ok(id) => Ok(id),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(Error::Duplicate(format!("{} 的这一客户和料号已有发货数据", input.month)))
        }
        Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
            Err(Error::validation("customer_id", "客户不存在"))
        }
        Err(e) => Err(e.into()),
    }
}

/// The sheet's columns (template, export and import).
pub static TABLE: [Column; 7] = [
    Column::new("月份", 10.0, Text).required().or(&["发货月份", "年月", "期间", "会计期间"]),
    Column::new("客户编号", 12.0, Text).or(&["客户代码", "客户编码"]),
    Column::new("料号", 16.0, Text).or(&["物料编码", "物料号", "产品编码", "品号", "存货编码"]),
    Column::new("发货数量", 12.0, Integer).required().or(&["出货数量", "销售数量", "发货数", "数量"]),
    Column::new("发货次数", 12.0, Integer).required().or(&["发货单数", "出货次数", "发货批次", "交货次数"]),
    Column::new("其他服务联系次数", 16.0, Integer).or(&["咨询次数", "服务联系次数"]),
    Column::new("备注", 24.0, Text).or(&["说明"]),
];

pub static IMPORT: Columns = Columns { kind: "shipment", list: &TABLE };

const NOTES: [(&str, &str); 7] = [
    ("月份", "必填。发货所属月份,如 2026-10(按公司所在时区的自然月)。"),
    ("客户编号", "选填。按客户分列时填客户档案中的客户编号;只填全公司合计时留空。"),
    ("料号", "选填。按料号分列时填写;同一月份、客户和料号只能有一行,再次导入会替换原数字。"),
    ("发货数量", "必填。该月发货的产品数量(整数),用于不良PPM。"),
    ("发货次数", "必填。该月发货(交货)的次数(整数),用于投诉率(件数/发货次数)。"),
    ("其他服务联系次数", "选填。咨询、建议等非投诉的服务联系次数,用于“投诉占服务联系比例”。"),
    ("备注", "选填。"),
];

/// Imports shipment rows (`shouhou import shipments FILE.xlsx`); all or nothing unless `mode`
/// says good rows, each problem with its row number.
pub async fn import_mapped(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    mapping: Option<Mapping>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    actor.require(Permission::ManageShipments)?;
    xlsx::run(store, actor, &ShipmentImport, path, mode, mapping, now).await
}

/// Writes the rows of the months asked for, or with `template` the header row and 填写说明.
pub async fn export(store: &Store, actor: &Actor, path: &Path, query: &ShipmentQuery, template: bool) -> Result<i64> {
    actor.require(Permission::ViewReports)?;
    if path.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
        return Err(Error::validation("out", "导出文件名须以 .xlsx 结尾"));
    }
    let mut table = Table::new("发货数据", &TABLE)?;
    let mut count = 0;
    if !template {
        let codes: Vec<(i64, String)> =
            sqlx::query_as("SELECT DISTINCT c.id, c.code FROM customer c JOIN shipment s ON s.customer_id = c.id")
                .fetch_all(store.pool())
                .await?;
        for s in list(store, actor, query).await? {
            let code = s.customer_id.and_then(|id| codes.iter().find(|(c, _)| *c == id)).map(|(_, code)| code.clone());
            table.push(&[
                Value::text(s.month),
                Value::text(code.unwrap_or_default()),
                Value::text(s.part_number),
                Value::Integer(s.shipped_quantity),
                Value::Integer(s.shipment_count),
                Value::Integer(s.service_contacts),
                Value::text(s.note),
            ])?;
            count += 1;
        }
    }
    table.notes(&NOTES)?;
    table.save(path)?;
    Ok(count)
}

struct ShipmentImport;

impl Importer for ShipmentImport {
    type Record = ShipmentInput;

    fn columns(&self) -> &'static Columns {
        &IMPORT
    }

    async fn parse(&self, store: &Store, rows: &[Row]) -> Result<Parsed<ShipmentInput>> {
        let codes = xlsx::json_list(rows, "客户编号");
        let customers: Vec<(String, i64)> =
            sqlx::query_as("SELECT code, id FROM customer WHERE code IN (SELECT value FROM json_each(?))")
                .bind(codes)
                .fetch_all(store.pool())
                .await?;
        let mut records: Vec<ShipmentInput> = Vec::new();
        let mut problems = Vec::new();
        let mut seen: Vec<(String, Option<i64>, String)> = Vec::new();
        for row in rows {
            match parse_row(row, &customers) {
                Err(p) => problems.push(p),
                Ok(input) => {
                    let key = (input.month.clone(), input.customer_id, input.part_number.clone());
                    if seen.contains(&key) {
                        problems.push(problem(row, "月份", "同一月份、客户和料号在文件中重复"));
                    } else {
                        seen.push(key);
                        records.push(input);
                    }
                }
            }
        }
        Ok(Parsed { records, problems })
    }

    async fn write(
        &self,
        conn: &mut SqliteConnection,
        _actor: &Actor,
        records: Vec<ShipmentInput>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut written = 0;
        for input in &records {
            write(conn, None, input, now).await?;
            written += 1;
        }
        Ok(written)
    }

    fn summary(&self, imported: i64, problems: usize) -> String {
        if problems == 0 {
            format!("导入发货数据 {imported} 行")
        } else {
            format!("导入发货数据 {imported} 行(跳过有问题的 {problems} 处)")
        }
    }
}

fn parse_row(row: &Row, customers: &[(String, i64)]) -> std::result::Result<ShipmentInput, xlsx::ImportProblem> {
    let month_text = row.text("月份");
    let month = match row.cell("月份") {
        xlsx::Cell::Date(d) => Month { year: chrono::Datelike::year(d), month: chrono::Datelike::month(d) },
        _ => Month::parse(&month_text)
            .map_err(|_| problem(row, "月份", format!("月份“{month_text}”格式不对,应为 2026-10")))?,
    };
    let code = row.text("客户编号");
    let customer_id = if code.is_empty() {
        None
    } else {
        Some(
            customers
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, id)| *id)
                .ok_or_else(|| problem(row, "客户编号", format!("客户编号“{code}”在客户档案中不存在")))?,
        )
    };
    let integer = |column: &str, required: bool| -> std::result::Result<i64, xlsx::ImportProblem> {
        match row.integer(column).map_err(|m| problem(row, column, m))? {
            Some(n) if n < 0 => Err(problem(row, column, format!("{column}不能为负数"))),
            Some(n) => Ok(n),
            None if required => Err(problem(row, column, format!("{column}不能为空"))),
            None => Ok(0),
        }
    };
    let input = ShipmentInput {
        month: month.key(),
        customer_id,
        part_number: row.text("料号"),
        shipped_quantity: integer("发货数量", true)?,
        shipment_count: integer("发货次数", true)?,
        service_contacts: integer("其他服务联系次数", false)?,
        note: row.text("备注"),
    };
    input.checked().map_err(|e| {
        let column = match e.field() {
            Some("shipment_count") => "发货次数",
            Some("shipped_quantity") => "发货数量",
            Some("part_number") => "料号",
            _ => "备注",
        };
        problem(row, column, e.user_message())
    })
}

/// The demo company's shipments: the 13 months before this one, company-wide.
pub async fn demo(store: &Store, now: DateTime<Utc>) -> Result<()> {
    let zone = crate::settings::load(store).await?.zone();
    let this = Month::containing(now, zone);
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    for i in 1..=13_i64 {
        let input = ShipmentInput {
            month: this.plus(-(i as i32)).key(),
            customer_id: None,
            part_number: String::new(),
            shipped_quantity: 18_000 + 700 * (i % 5),
            shipment_count: 360 + 15 * (i % 4),
            service_contacts: 40 + i,
            note: "演示数据".into(),
        };
        write(&mut tx, None, &input, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Shipments for the generated benchmark database: every month the complaints span, per part
/// number, sized so the case rate is about 2 % and the PPM a few thousand.
pub async fn generate(conn: &mut SqliteConnection, now: DateTime<Utc>) -> Result<i64> {
    let months: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT month, sum(complaints), sum(defective) FROM report_tally WHERE state <> 'cancelled' GROUP BY month",
    )
    .fetch_all(&mut *conn)
    .await?;
    let parts: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT part_number FROM report_line_tally WHERE part_number <> ''")
            .fetch_all(&mut *conn)
            .await?;
    let mut written = 0;
    for (month, complaints, defective) in months {
        let shares = parts.len().max(1) as i64;
        for (part,) in parts.iter().cloned().chain(parts.is_empty().then(|| (String::new(),))) {
            let input = ShipmentInput {
                month: month.clone(),
                customer_id: None,
                part_number: part,
                shipped_quantity: defective * 400 / shares + 1,
                shipment_count: complaints * 50 / shares + 1,
                service_contacts: complaints * 3 / shares,
                note: "生成数据".into(),
            };
            write(conn, None, &input, now).await?;
            written += 1;
        }
    }
    Ok(written)
}
