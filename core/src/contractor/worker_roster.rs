//! Registered workers on an engagement's roster: added from the worker register (a person of
//! another unit only with a note — a hidden 转包 would otherwise show only at the gate) or
//! imported from the unit's Excel list through the shared import driver (a known ID number is
//! matched, never silently changed; a new one is registered with the engagement's unit).
//! The issue-9 rules hold: nobody 上岗 before the safety department's approval.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::engagement::{self, Engagement};
use super::id_number;
use super::review;
use super::worker::{self, WorkerInput};
use super::{EngagementCategory, local_today};
use crate::account::Actor;
use crate::audit::{self, Action, Change, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::validate;
use crate::write::Write;
use crate::xlsx::ColumnKind::Text;
use crate::xlsx::{
    self, Cell, Column, Columns, ImportMode, ImportOutcome, ImportProblem, Importer, Mapping, Parsed, Row, Table,
    problem,
};

struct Person {
    id: i64,
    name: String,
    trade: String,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    blacklisted: bool,
}

async fn person(conn: &mut SqliteConnection, id: i64) -> Result<Person> {
    let p = sqlx::query!(
        r#"SELECT w.id AS "id!", w.name, w.trade, w.unit_id, u.name AS "unit_name?", w.blacklisted AS "blacklisted: bool"
           FROM contractor_worker w LEFT JOIN contractor_unit u ON u.id = w.unit_id WHERE w.id = ?"#,
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound("外来人员"))?;
    Ok(Person {
        id: p.id,
        name: p.name,
        trade: p.trade,
        unit_id: p.unit_id,
        unit_name: p.unit_name,
        blacklisted: p.blacklisted,
    })
}

/// Why the person may not join this roster (None: they may). `unit_note` is the user's
/// explanation for a person of another unit.
fn refusal(e: &Engagement, p: &Person, on_roster: bool, unit_note: &str) -> Option<(&'static str, String)> {
    if p.blacklisted {
        return Some(("worker_ids", format!("{} 已列入黑名单,不能进入项目人员名单", p.name)));
    }
    if on_roster {
        return Some(("worker_ids", format!("{} 已在本项目人员名单中", p.name)));
    }
    if let Some(unit_id) = e.unit_id
        && p.unit_id != Some(unit_id)
        && unit_note.is_empty()
    {
        let theirs = p.unit_name.as_deref().unwrap_or("无所属单位");
        let ours = e.unit_name.as_deref().unwrap_or_default();
        return Some((
            "unit_note",
            format!("{} 属于“{theirs}”,不是本项目的承包单位“{ours}”;不准转包、分包,确需加入请填写说明", p.name),
        ));
    }
    None
}

async fn on_roster(conn: &mut SqliteConnection, engagement_id: i64) -> Result<HashSet<i64>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT worker_id AS "worker_id!" FROM contractor_roster WHERE engagement_id = ? AND worker_id IS NOT NULL"#,
        engagement_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .collect())
}

async fn insert_row(
    conn: &mut SqliteConnection,
    actor: &Actor,
    engagement_id: i64,
    p: &Person,
    working: bool,
    unit_note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    sqlx::query!(
        "INSERT INTO contractor_roster (engagement_id, name, trade, working, added_by, added_at, worker_id, unit_note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        engagement_id,
        p.name,
        p.trade,
        working,
        actor.display_name,
        at,
        p.id,
        unit_note
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Puts registered workers on the roster (`working`: 上岗 at once — only once approved, and only
/// people who pass the gate's person rules, `entry::require_fit_for_work`). A person
/// of another unit than the engagement's needs `unit_note`; a blacklisted person or one already
/// on the roster is refused by name.
pub async fn add_workers(
    store: &Store,
    actor: &Actor,
    id: i64,
    worker_ids: Vec<i64>,
    working: bool,
    unit_note: &str,
    now: DateTime<Utc>,
) -> Result<Engagement> {
    let unit_note = validate::optional("unit_note", "跨单位说明", unit_note, 200)?;
    let mut seen = HashSet::new();
    let worker_ids: Vec<i64> = worker_ids.into_iter().filter(|w| seen.insert(*w)).collect();
    if worker_ids.is_empty() {
        return Err(Error::validation("worker_ids", "请选择要加入名单的人员"));
    }
    let settings = crate::settings::load(store).await?;
    let (rules, on) = (settings.safety_rules(), settings.today(now));
    let mut w = Write::begin(store, actor, now).await?;
    let before: Engagement = w.load(id).await?;
    engagement::can_manage(actor, before.department_id)?;
    if before.state.is_ended() {
        return Err(Error::validation("state", format!("项目已{},不能再增加人员", before.state.label())));
    }
    if working {
        review::may_work(before.state)?;
    }
    let present = on_roster(w.conn(), id).await?;
    let mut names = Vec::with_capacity(worker_ids.len());
    for worker_id in worker_ids {
        let p = person(w.conn(), worker_id).await?;
        if let Some((field, message)) = refusal(&before, &p, present.contains(&p.id), &unit_note) {
            return Err(Error::validation(field, message));
        }
        let other_unit = before.unit_id.is_some() && p.unit_id != before.unit_id;
        let note = if other_unit { unit_note.as_str() } else { "" };
        if working {
            super::entry::require_fit_for_work(w.conn(), p.id, id, &rules, on).await?;
        }
        insert_row(w.conn(), actor, id, &p, working, note, now).await?;
        names.push(if other_unit { format!("{}(跨单位:{unit_note})", p.name) } else { p.name });
    }
    engagement::touch(w.conn(), id, now).await?;
    let verb = if working { "人员上岗" } else { "登记拟用人员" };
    w.finish(id, Action::Roster, Some(&before), |e| format!("{} {verb}:{}", e.number, names.join("、"))).await
}

/// The roster sheet a unit fills in, in order.
pub static ROSTER_TABLE: [Column; 7] = [
    Column::new("姓名", 10.0, Text).required().or(&["人员姓名", "名字"]),
    Column::new("身份证号", 22.0, Text).required().or(&["身份证号码", "公民身份号码", "身份证", "证件号码"]),
    Column::new("工种", 12.0, Text).or(&["岗位", "职务", "工作岗位"]),
    Column::new("特种作业类别", 18.0, Text).or(&["特种作业", "作业类别", "特种作业操作证类别"]),
    Column::new("电话", 16.0, Text).or(&["联系电话", "手机", "手机号", "联系方式"]),
    Column::new("紧急联系人", 10.0, Text).or(&["家属", "紧急联络人"]),
    Column::new("紧急联系电话", 16.0, Text).or(&["紧急联系人电话", "家属电话"]),
];

/// The import's kind is the audit entity of what it registers (the worker).
pub static ROSTER_IMPORT: Columns = Columns { kind: "worker", list: &ROSTER_TABLE };

/// A row of the roster file: a person registered already (matched by ID number) or a new one.
pub enum RosterRecord {
    Known { worker_id: i64 },
    New { input: Box<WorkerInput>, id: id_number::IdNumber },
}

struct RosterImport {
    engagement: Engagement,
    today: NaiveDate,
}

fn column_of(field: Option<&str>) -> &'static str {
    match field {
        Some("name") => "姓名",
        Some("id_number") => "身份证号",
        Some("trade") => "工种",
        Some("special_class") => "特种作业类别",
        Some("phone") => "电话",
        Some("emergency_contact") => "紧急联系人",
        Some("emergency_phone") => "紧急联系电话",
        _ => "",
    }
}

impl RosterImport {
    fn new_person(&self, row: &Row) -> std::result::Result<(WorkerInput, id_number::IdNumber), ImportProblem> {
        let e = &self.engagement;
        let input = WorkerInput {
            name: row.text("姓名"),
            id_number: row.text("身份证号"),
            category: e.category,
            unit_id: e.unit_id,
            trade: row.text("工种"),
            special_class: row.text("特种作业类别"),
            phone: row.text("电话"),
            emergency_contact: row.text("紧急联系人"),
            emergency_phone: row.text("紧急联系电话"),
            post_changed_on: None,
            notes: String::new(),
        };
        worker::checked(input, self.today).map_err(|e| problem(row, column_of(e.field()), e.user_message()))
    }
}

impl Importer for RosterImport {
    type Record = RosterRecord;

    fn columns(&self) -> &'static Columns {
        &ROSTER_IMPORT
    }

    async fn parse(&self, store: &Store, rows: &[Row]) -> Result<Parsed<RosterRecord>> {
        let mut conn = store.pool().acquire().await?;
        let present = on_roster(&mut conn, self.engagement.id).await?;
        let mut problems = Vec::new();
        let mut records = Vec::new();
        let mut in_file = HashSet::new();
        for row in rows {
            if matches!(row.cell("身份证号"), Cell::Number(_)) {
                problems.push(problem(
                    row,
                    "身份证号",
                    "身份证号被 Excel 存成了数字(18位数字会丢失末几位),请把该列设为“文本”格式后重新填写",
                ));
                continue;
            }
            let parsed = match id_number::parse(&row.text("身份证号")) {
                Ok(id) => id,
                Err(e) => {
                    problems.push(problem(row, "身份证号", e.user_message()));
                    continue;
                }
            };
            if !in_file.insert(parsed.normalized.clone()) {
                problems.push(problem(row, "身份证号", "同一身份证号在文件中出现了两次"));
                continue;
            }
            let known = sqlx::query_scalar!(
                r#"SELECT id AS "id!" FROM contractor_worker WHERE id_number = ?"#,
                parsed.normalized
            )
            .fetch_optional(&mut *conn)
            .await?;
            match known {
                Some(worker_id) => {
                    let p = person(&mut conn, worker_id).await?;
                    let name = row.text("姓名");
                    if !name.is_empty() && name != p.name {
                        problems.push(problem(
                            row,
                            "姓名",
                            format!("该身份证号已登记为“{}”,与文件中的姓名“{name}”不符,请核对", p.name),
                        ));
                    } else if let Some((_, message)) = refusal(&self.engagement, &p, present.contains(&p.id), "") {
                        problems.push(problem(row, "身份证号", message));
                    } else {
                        records.push(RosterRecord::Known { worker_id });
                    }
                }
                None => match self.new_person(row) {
                    Ok((input, id)) => records.push(RosterRecord::New { input: Box::new(input), id }),
                    Err(p) => problems.push(p),
                },
            }
        }
        Ok(Parsed { records, problems })
    }

    async fn write(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        records: Vec<RosterRecord>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let e = &self.engagement;
        let mut names = Vec::with_capacity(records.len());
        for record in records {
            let worker_id = match record {
                RosterRecord::Known { worker_id } => worker_id,
                RosterRecord::New { input, id } => {
                    let worker_id = worker::insert(conn, &input, &id, &actor.display_name, now).await?;
                    let summary = format!("导入外来人员 {}({} 人员名单)", input.name, e.number);
                    worker::audit_created(conn, actor, worker_id, summary, now).await?;
                    worker_id
                }
            };
            let p = person(conn, worker_id).await?;
            insert_row(conn, actor, e.id, &p, false, "", now).await?;
            names.push(p.name);
        }
        engagement::touch(conn, e.id, now).await?;
        let summary = format!("{} 从 Excel 导入人员名单 {} 人:{}", e.number, names.len(), names.join("、"));
        audit::record(conn, Change::note(actor, Entity::ContractorEngagement, e.id, Action::Roster, summary, now))
            .await?;
        Ok(names.len() as i64)
    }

    fn summary(&self, imported: i64, problems: usize) -> String {
        format!("从 Excel 导入 {} 人员名单 {imported} 人(跳过有问题的行 {problems} 行)", self.engagement.number)
    }
}

/// Imports the unit's roster list into the engagement (nobody 上岗: that follows approval, one
/// by one or all on the detail screen). A file with unknown headers answers with a preview to map.
pub async fn import(
    store: &Store,
    actor: &Actor,
    id: i64,
    path: &Path,
    mode: ImportMode,
    mapping: Option<Mapping>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    actor.require(crate::account::Permission::ManageWorkers)?;
    let engagement = engagement::get(store, actor, id, now).await?;
    engagement::can_manage(actor, engagement.department_id)?;
    if engagement.state.is_ended() {
        return Err(Error::validation("state", format!("项目已{},不能再增加人员", engagement.state.label())));
    }
    if engagement.category == EngagementCategory::Outsourced && engagement.unit_id.is_none() {
        return Err(Error::validation("unit_id", "外包项目未填写承包单位,不能导入人员名单"));
    }
    let today = local_today(store, now).await?;
    xlsx::run(store, actor, &RosterImport { engagement, today }, path, mode, mapping, now).await
}

/// The empty roster sheet to hand to a unit.
pub fn template(path: &Path) -> Result<()> {
    if path.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
        return Err(Error::validation("out", "导出文件名须以 .xlsx 结尾"));
    }
    Table::new("人员名单", &ROSTER_TABLE)?.save(path)
}
