//! Excel import and export of feedback, visits and store returns, on the shared drivers
//! (`xlsx::run` with remembered header mappings, `xlsx::Table`). Imports register new records:
//! feedback as 待分派 (or 已关闭 with its note), visits as 待回访 or, with a visit date, 已回访,
//! returns as 申请 put before after-sales — one product line per row.

use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use sqlx::SqliteConnection;

use super::care::{VisitMode, VisitSource};
use super::feedback::{FeedbackChannel, FeedbackInput, FeedbackKind};
use super::returns::{ReturnInput, ReturnKind, ReturnLine, ReturnReason};
use crate::account::{Actor, Permission};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::xlsx::{
    self, Column, ColumnKind, Columns, ImportMode, ImportOutcome, Importer, Mapping, Parsed, Row, Table, Value,
};

fn check_path(path: &Path) -> Result<()> {
    if path.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
        return Err(Error::validation("out", "导出文件名须以 .xlsx 结尾"));
    }
    Ok(())
}

fn local(t: DateTime<Utc>, zone: Tz) -> Value {
    Value::DateTime(t.with_timezone(&zone).naive_local())
}

fn utc(t: NaiveDateTime, zone: Tz) -> Option<DateTime<Utc>> {
    t.and_local_timezone(zone).earliest().map(|t| t.with_timezone(&Utc))
}

/// Customer ids by code, for the codes a file names.
async fn customers_by_code(
    store: &Store,
    rows: &[Row],
    column: &str,
) -> Result<std::collections::HashMap<String, i64>> {
    let codes = xlsx::json_list(rows, column);
    let found: Vec<(String, i64)> =
        sqlx::query_as("SELECT code, id FROM customer WHERE active = 1 AND code IN (SELECT value FROM json_each(?))")
            .bind(codes)
            .fetch_all(store.pool())
            .await?;
    Ok(found.into_iter().collect())
}

async fn stores_by_code(store: &Store) -> Result<std::collections::HashMap<String, i64>> {
    Ok(crate::org::list_stores(store).await?.into_iter().filter(|s| s.active).map(|s| (s.code, s.id)).collect())
}

// ---------------------------------------------------------------- feedback

const FEEDBACK_COLUMNS: [Column; 8] = [
    Column::new("编号", 16.0, ColumnKind::Text),
    Column::new("收到时间", 17.0, ColumnKind::DateTime).required().or(&["日期", "时间"]),
    Column::new("渠道", 8.0, ColumnKind::Text).or(&["来源"]),
    Column::new("类别", 8.0, ColumnKind::Text).or(&["类型"]),
    Column::new("内容", 40.0, ColumnKind::Text).required().or(&["意见建议", "意见内容"]),
    Column::new("客户编号", 12.0, ColumnKind::Text),
    Column::new("联系人", 16.0, ColumnKind::Text).or(&["联系方式"]),
    Column::new("直销店", 10.0, ColumnKind::Text).or(&["门店编号"]),
];
pub static FEEDBACK_IMPORT: Columns = Columns { kind: "feedback", list: &FEEDBACK_COLUMNS };

struct FeedbackImport(Tz);

impl Importer for FeedbackImport {
    type Record = FeedbackInput;
    fn columns(&self) -> &'static Columns {
        &FEEDBACK_IMPORT
    }
    async fn parse(&self, store: &Store, rows: &[Row]) -> Result<Parsed<FeedbackInput>> {
        let customers = customers_by_code(store, rows, "客户编号").await?;
        let stores = stores_by_code(store).await?;
        let mut parsed = Parsed { records: vec![], problems: vec![] };
        for row in rows {
            let before = parsed.problems.len();
            let mut bad = |column: &str, message: String| parsed.problems.push(xlsx::problem(row, column, message));
            let received_at = match row.date_time("收到时间") {
                Ok(Some(t)) => utc(t, self.0),
                Ok(None) => None,
                Err(m) => {
                    bad("收到时间", m);
                    None
                }
            };
            let pick = |column: &str, default: &str| {
                let text = row.text(column);
                if text.is_empty() { default.to_owned() } else { text }
            };
            let channel = FeedbackChannel::parse(&pick("渠道", "其他"));
            if channel.is_none() {
                bad("渠道", format!("渠道须为:{}", FeedbackChannel::labels()));
            }
            let kind = FeedbackKind::parse(&pick("类别", "建议"));
            if kind.is_none() {
                bad("类别", format!("类别须为:{}", FeedbackKind::labels()));
            }
            let code = row.text("客户编号");
            let customer_id = if code.is_empty() { None } else { customers.get(&code).copied() };
            if !code.is_empty() && customer_id.is_none() {
                bad("客户编号", format!("客户编号“{code}”不存在或已停用"));
            }
            let store_code = row.text("直销店");
            let store_id = if store_code.is_empty() { None } else { stores.get(&store_code).copied() };
            if !store_code.is_empty() && store_id.is_none() {
                bad("直销店", format!("直销店编号“{store_code}”不存在"));
            }
            let content = row.text("内容");
            if content.trim().is_empty() {
                bad("内容", "内容不能为空".into());
            }
            if received_at.is_none() && parsed.problems.len() == before {
                parsed.problems.push(xlsx::problem(row, "收到时间", "收到时间不能为空"));
            }
            if parsed.problems.len() == before {
                parsed.records.push(FeedbackInput {
                    received_at: received_at.unwrap_or_default(),
                    channel: channel.unwrap_or(FeedbackChannel::Other),
                    kind: kind.unwrap_or(FeedbackKind::Suggestion),
                    content,
                    customer_id,
                    contact: row.text("联系人"),
                    store_id,
                });
            }
        }
        Ok(parsed)
    }
    async fn write(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        records: Vec<FeedbackInput>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut n = 0;
        for r in records {
            let id = super::feedback::insert_on(conn, actor.user_id, now, &r, self.0).await?;
            let after = super::feedback::load(conn, id).await?;
            let change = crate::audit::Change::diff(
                actor,
                crate::audit::Entity::Feedback,
                id,
                crate::audit::Action::Import,
                format!("{} 导入", after.number),
                None,
                Some(&after),
                now,
            )?;
            crate::audit::record(conn, change).await?;
            n += 1;
        }
        Ok(n)
    }
    fn summary(&self, imported: i64, problems: usize) -> String {
        format!("导入意见建议 {imported} 条(问题 {problems} 处)")
    }
}

pub async fn import_feedback(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    mapping: Option<Mapping>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    actor.require(Permission::RegisterFeedback)?;
    let zone = crate::settings::load(store).await?.zone();
    xlsx::run(store, actor, &FeedbackImport(zone), path, mode, mapping, now).await
}

pub async fn export_feedback(store: &Store, actor: &Actor, path: &Path, template: bool) -> Result<i64> {
    actor.require(Permission::ViewService)?;
    check_path(path)?;
    let zone = crate::settings::load(store).await?.zone();
    let mut table = Table::new("意见建议", &FEEDBACK_COLUMNS)?;
    let mut count = 0;
    if !template {
        let store_only = (actor.role == crate::account::Role::StoreClerk).then_some(actor.store_id.unwrap_or(-1));
        type FeedbackExport = (String, DateTime<Utc>, String, String, String, Option<String>, String, Option<String>);
        let rows: Vec<FeedbackExport> = sqlx::query_as(
            "SELECT f.number, f.received_at, f.channel, f.kind, f.content, cu.code, f.contact, s.code
             FROM feedback f LEFT JOIN customer cu ON cu.id = f.customer_id LEFT JOIN store s ON s.id = f.store_id
             WHERE ?1 IS NULL OR f.store_id = ?1 ORDER BY f.received_at, f.id",
        )
        .bind(store_only)
        .fetch_all(store.pool())
        .await?;
        for (number, at, channel, kind, content, customer, contact, store_code) in rows {
            let label = |k: &str, f: fn(&str) -> Option<&'static str>| f(k).unwrap_or("").to_owned();
            table.push(&[
                number.into(),
                local(at, zone),
                label(&channel, |k| FeedbackChannel::parse(k).map(|c| c.label())).into(),
                label(&kind, |k| FeedbackKind::parse(k).map(|c| c.label())).into(),
                content.into(),
                customer.unwrap_or_default().into(),
                contact.into(),
                store_code.unwrap_or_default().into(),
            ])?;
            count += 1;
        }
    }
    table.save(path)?;
    Ok(count)
}

// ---------------------------------------------------------------- visits

const VISIT_COLUMNS: [Column; 9] = [
    Column::new("编号", 16.0, ColumnKind::Text),
    Column::new("客户编号", 12.0, ColumnKind::Text).required(),
    Column::new("计划日期", 12.0, ColumnKind::Date).required(),
    Column::new("回访日期", 12.0, ColumnKind::Date),
    Column::new("回访方式", 8.0, ColumnKind::Text).or(&["方式"]),
    Column::new("参加人员", 16.0, ColumnKind::Text),
    Column::new("回访内容", 40.0, ColumnKind::Text).or(&["内容"]),
    Column::new("客户需求", 30.0, ColumnKind::Text),
    Column::new("满意度", 8.0, ColumnKind::Integer),
];
pub static VISIT_IMPORT: Columns = Columns { kind: "visit", list: &VISIT_COLUMNS };

struct VisitRow {
    customer_id: i64,
    due: chrono::NaiveDate,
    done: Option<(chrono::NaiveDate, VisitMode, String, String, String, Option<i64>)>,
}

struct VisitImport;

impl Importer for VisitImport {
    type Record = VisitRow;
    fn columns(&self) -> &'static Columns {
        &VISIT_IMPORT
    }
    async fn parse(&self, store: &Store, rows: &[Row]) -> Result<Parsed<VisitRow>> {
        let customers = customers_by_code(store, rows, "客户编号").await?;
        let mut parsed = Parsed { records: vec![], problems: vec![] };
        for row in rows {
            let before = parsed.problems.len();
            let mut bad = |column: &str, message: String| parsed.problems.push(xlsx::problem(row, column, message));
            let code = row.text("客户编号");
            let customer_id = customers.get(&code).copied();
            if customer_id.is_none() {
                bad("客户编号", format!("客户编号“{code}”不存在或已停用"));
            }
            let due = row.date("计划日期").unwrap_or_else(|m| {
                bad("计划日期", m);
                None
            });
            if due.is_none() {
                bad("计划日期", "计划日期不能为空".into());
            }
            let visited = row.date("回访日期").unwrap_or_else(|m| {
                bad("回访日期", m);
                None
            });
            let mode_text = row.text("回访方式");
            let mode = if mode_text.is_empty() { Some(VisitMode::Phone) } else { VisitMode::parse(&mode_text) };
            if mode.is_none() {
                bad("回访方式", format!("回访方式须为:{}", VisitMode::labels()));
            }
            let satisfaction = row.integer("满意度").unwrap_or_else(|m| {
                bad("满意度", m);
                None
            });
            if satisfaction.is_some_and(|s| !(1..=5).contains(&s)) {
                bad("满意度", "满意度须在1到5之间".into());
            }
            if visited.is_some() && row.text("回访内容").trim().is_empty() {
                bad("回访内容", "已回访的记录须填写回访内容".into());
            }
            if parsed.problems.len() == before {
                parsed.records.push(VisitRow {
                    customer_id: customer_id.unwrap_or_default(),
                    due: due.unwrap_or_default(),
                    done: visited.map(|d| {
                        (
                            d,
                            mode.unwrap_or(VisitMode::Phone),
                            row.text("参加人员"),
                            row.text("回访内容"),
                            row.text("客户需求"),
                            satisfaction,
                        )
                    }),
                });
            }
        }
        Ok(parsed)
    }
    async fn write(
        &self,
        conn: &mut SqliteConnection,
        _actor: &Actor,
        records: Vec<VisitRow>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut n = 0;
        for r in records {
            let id =
                super::care::insert_visit_on(conn, now, r.customer_id, VisitSource::Manual, None, None, r.due, None)
                    .await?;
            if let Some((on, mode, participants, content, needs, satisfaction)) = r.done {
                sqlx::query(
                    "UPDATE visit SET state = 'done', visited_on = ?, mode = ?, participants = ?, content = ?, needs = ?,
                            satisfaction = ?, updated_at = ? WHERE id = ?",
                )
                .bind(on)
                .bind(mode.key())
                .bind(participants)
                .bind(content)
                .bind(needs)
                .bind(satisfaction)
                .bind(db_time(now))
                .bind(id)
                .execute(&mut *conn)
                .await?;
            }
            n += 1;
        }
        Ok(n)
    }
    fn summary(&self, imported: i64, problems: usize) -> String {
        format!("导入回访 {imported} 条(问题 {problems} 处)")
    }
}

pub async fn import_visits(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    mapping: Option<Mapping>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    actor.require(Permission::ManageVisits)?;
    xlsx::run(store, actor, &VisitImport, path, mode, mapping, now).await
}

pub async fn export_visits(store: &Store, actor: &Actor, path: &Path, template: bool) -> Result<i64> {
    actor.require(Permission::ViewService)?;
    check_path(path)?;
    let mut table = Table::new("客户回访", &VISIT_COLUMNS)?;
    let mut count = 0;
    if !template {
        type VisitExport = (
            String,
            String,
            chrono::NaiveDate,
            Option<chrono::NaiveDate>,
            Option<String>,
            String,
            String,
            String,
            Option<i64>,
        );
        let rows: Vec<VisitExport> = sqlx::query_as(
            "SELECT v.number, cu.code, v.due_date, v.visited_on, v.mode, v.participants, v.content, v.needs, v.satisfaction
             FROM visit v JOIN customer cu ON cu.id = v.customer_id ORDER BY v.due_date, v.id",
        )
        .fetch_all(store.pool())
        .await?;
        for (number, code, due, visited, mode, participants, content, needs, satisfaction) in rows {
            table.push(&[
                number.into(),
                code.into(),
                Value::Date(due),
                visited.map(Value::Date).unwrap_or(Value::Empty),
                mode.as_deref().and_then(VisitMode::parse).map(|m| m.label()).unwrap_or("").into(),
                participants.into(),
                content.into(),
                needs.into(),
                satisfaction.map(Value::Integer).unwrap_or(Value::Empty),
            ])?;
            count += 1;
        }
    }
    table.save(path)?;
    Ok(count)
}

// ---------------------------------------------------------------- returns

const RETURN_COLUMNS: [Column; 13] = [
    Column::new("单号", 16.0, ColumnKind::Text),
    Column::new("申请时间", 17.0, ColumnKind::DateTime).required(),
    Column::new("直销店", 10.0, ColumnKind::Text).required().or(&["门店编号"]),
    Column::new("客户编号", 12.0, ColumnKind::Text).required(),
    Column::new("类型", 8.0, ColumnKind::Text).required(),
    Column::new("原因", 10.0, ColumnKind::Text).required(),
    Column::new("原因说明", 24.0, ColumnKind::Text),
    Column::new("料号", 14.0, ColumnKind::Text).required(),
    Column::new("品名", 14.0, ColumnKind::Text),
    Column::new("批次", 10.0, ColumnKind::Text),
    Column::new("数量", 8.0, ColumnKind::Integer).required(),
    Column::new("单价", 12.0, ColumnKind::Money).or(&["单价(元)"]),
    Column::new("状态", 8.0, ColumnKind::Text),
];
pub static RETURN_IMPORT: Columns = Columns { kind: "store_return", list: &RETURN_COLUMNS };

struct ReturnImport(Tz, DateTime<Utc>);

impl Importer for ReturnImport {
    type Record = (ReturnInput, i64);
    fn columns(&self) -> &'static Columns {
        &RETURN_IMPORT
    }
    async fn parse(&self, store: &Store, rows: &[Row]) -> Result<Parsed<(ReturnInput, i64)>> {
        let customers = customers_by_code(store, rows, "客户编号").await?;
        let stores = stores_by_code(store).await?;
        let mut parsed = Parsed { records: vec![], problems: vec![] };
        for row in rows {
            let before = parsed.problems.len();
            let mut bad = |column: &str, message: String| parsed.problems.push(xlsx::problem(row, column, message));
            let requested_at = row.date_time("申请时间").unwrap_or_else(|m| {
                bad("申请时间", m);
                None
            });
            let store_id = stores.get(&row.text("直销店")).copied();
            if store_id.is_none() {
                bad("直销店", format!("直销店编号“{}”不存在", row.text("直销店")));
            }
            let customer_id = customers.get(&row.text("客户编号")).copied();
            if customer_id.is_none() {
                bad("客户编号", format!("客户编号“{}”不存在或已停用", row.text("客户编号")));
            }
            let kind = ReturnKind::parse(&row.text("类型"));
            if kind.is_none() {
                bad("类型", format!("类型须为:{}", ReturnKind::labels()));
            }
            let reason = ReturnReason::parse(&row.text("原因"));
            if reason.is_none() {
                bad("原因", format!("原因须为:{}", ReturnReason::labels()));
            }
            let quantity = row.integer("数量").unwrap_or_else(|m| {
                bad("数量", m);
                None
            });
            let price = row.yuan_as_fen("单价").unwrap_or_else(|m| {
                bad("单价", m);
                None
            });
            let input = ReturnInput {
                requested_at: requested_at.and_then(|t| utc(t, self.0)).unwrap_or(self.1),
                store_id: store_id.unwrap_or_default(),
                customer_id: customer_id.unwrap_or_default(),
                complaint_id: None,
                kind: kind.unwrap_or(ReturnKind::Return),
                reason: reason.unwrap_or(ReturnReason::Other),
                reason_detail: row.text("原因说明"),
                lines: vec![ReturnLine {
                    part_number: row.text("料号"),
                    product_name: row.text("品名"),
                    batch: row.text("批次"),
                    quantity: quantity.unwrap_or(0),
                    unit_price_fen: price.unwrap_or(0),
                }],
            };
            if parsed.problems.len() == before {
                match input.checked(self.1) {
                    Ok(checked) => parsed.records.push(checked),
                    Err(e) => {
                        let column = match e.field() {
                            Some("unit_price_fen") => "单价",
                            Some("part_number" | "lines") => "料号",
                            Some("product_name") => "品名",
                            Some("batch") => "批次",
                            Some("reason_detail") => "原因说明",
                            Some("requested_at") => "申请时间",
                            _ => "数量",
                        };
                        parsed.problems.push(xlsx::problem(row, column, e.user_message()));
                    }
                }
            }
        }
        Ok(parsed)
    }
    async fn write(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        records: Vec<(ReturnInput, i64)>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut n = 0;
        for (input, amount) in records {
            super::returns::insert_on(conn, actor.user_id, now, &input, amount, self.0).await?;
            n += 1;
        }
        Ok(n)
    }
    fn summary(&self, imported: i64, problems: usize) -> String {
        format!("导入退换货 {imported} 单(问题 {problems} 处)")
    }
}

pub async fn import_returns(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    mapping: Option<Mapping>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    actor.require(Permission::RegisterReturns)?;
    if actor.role == crate::account::Role::StoreClerk {
        return Err(Error::Forbidden("直销店店员请逐单登记退换货".into()));
    }
    let zone = crate::settings::load(store).await?.zone();
    xlsx::run(store, actor, &ReturnImport(zone, now), path, mode, mapping, now).await
}

pub async fn export_returns(store: &Store, actor: &Actor, path: &Path, template: bool) -> Result<i64> {
    actor.require(Permission::ViewReturns)?;
    check_path(path)?;
    let zone = crate::settings::load(store).await?.zone();
    let mut table = Table::new("退换货", &RETURN_COLUMNS)?;
    let mut count = 0;
    if !template {
        let store_only = (actor.role == crate::account::Role::StoreClerk).then_some(actor.store_id.unwrap_or(-1));
        type ReturnExport =
            (String, DateTime<Utc>, String, String, String, String, String, String, String, String, i64, i64, String);
        let rows: Vec<ReturnExport> = sqlx::query_as(
            "SELECT r.number, r.requested_at, s.code, cu.code, r.kind, r.reason, r.reason_detail, l.part_number, l.product_name,
                    l.batch, l.quantity, l.unit_price_fen, r.state
             FROM store_return r JOIN store s ON s.id = r.store_id JOIN customer cu ON cu.id = r.customer_id
                  JOIN store_return_line l ON l.return_id = r.id
             WHERE ?1 IS NULL OR r.store_id = ?1 ORDER BY r.requested_at, r.id, l.id",
        )
        .bind(store_only)
        .fetch_all(store.pool())
        .await?;
        for (number, at, store_code, customer, kind, reason, detail, part, name, batch, quantity, price, state) in rows
        {
            table.push(&[
                number.into(),
                local(at, zone),
                store_code.into(),
                customer.into(),
                ReturnKind::parse(&kind).map(|k| k.label()).unwrap_or("").into(),
                ReturnReason::parse(&reason).map(|k| k.label()).unwrap_or("").into(),
                detail.into(),
                part.into(),
                name.into(),
                batch.into(),
                Value::Integer(quantity),
                Value::Fen(price),
                super::returns::ReturnState::parse(&state).map(|k| k.label()).unwrap_or("").into(),
            ])?;
            count += 1;
        }
    }
    table.save(path)?;
    Ok(count)
}
