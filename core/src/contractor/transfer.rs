//! Units from and to Excel through the shared import driver: Chinese headers (with the
//! synonyms other registers use), every problem with its row, all-or-nothing or good rows only.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::unit::{self, ContractorUnitInput, UnitContact};
use crate::account::{Actor, Permission};
use crate::audit::{self, Action, Change, Entity};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::xlsx::ColumnKind::Text;
use crate::xlsx::{
    self, Column, Columns, ImportMode, ImportOutcome, ImportProblem, Importer, Mapping, Parsed, Row, Table, problem,
};

/// The sheet's columns, in order. 黑名单 and its reason are exported for reading; an import
/// leaves the blacklist alone (that is the safety department's decision, one unit at a time).
pub static UNIT_TABLE: [Column; 12] = [
    Column::new("单位名称", 30.0, Text).required().or(&["承包单位", "服务单位", "企业名称", "公司名称", "单位"]),
    Column::new("统一社会信用代码", 22.0, Text).required().or(&["信用代码", "社会信用代码", "统一代码"]),
    Column::new("法定代表人", 10.0, Text).or(&["法人", "法人代表"]),
    Column::new("地址", 36.0, Text).or(&["单位地址", "注册地址", "住所"]),
    Column::new("开户银行", 20.0, Text).or(&["开户行", "银行"]),
    Column::new("银行账号", 24.0, Text).or(&["账号", "帐号", "银行帐号"]),
    Column::new("联系人", 10.0, Text).or(&["联系人姓名", "负责人"]),
    Column::new("职务", 10.0, Text).or(&["职位"]),
    Column::new("联系电话", 16.0, Text).or(&["电话", "手机", "联系方式"]),
    Column::new("备注", 30.0, Text).or(&["说明"]),
    Column::new("黑名单", 8.0, Text),
    Column::new("黑名单原因", 30.0, Text),
];

pub static UNIT_IMPORT: Columns = Columns { kind: "contractor_unit", list: &UNIT_TABLE };

fn column_of(field: Option<&str>) -> &'static str {
    match field {
        Some("name") => "单位名称",
        Some("credit_code") => "统一社会信用代码",
        Some("legal_representative") => "法定代表人",
        Some("address") => "地址",
        Some("bank_name") => "开户银行",
        Some("bank_account") => "银行账号",
        Some("contacts") => "联系人",
        Some("notes") => "备注",
        _ => "",
    }
}

/// Imports units; a file with unknown headers answers with a preview to map.
pub async fn import_units(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    mapping: Option<Mapping>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    actor.require(Permission::EditContractorUnits)?;
    xlsx::run(store, actor, &UnitImport, path, mode, mapping, now).await
}

struct UnitImport;

impl Importer for UnitImport {
    type Record = ContractorUnitInput;

    fn columns(&self) -> &'static Columns {
        &UNIT_IMPORT
    }

    async fn parse(&self, store: &Store, rows: &[Row]) -> Result<Parsed<ContractorUnitInput>> {
        let codes = xlsx::json_list(rows, "统一社会信用代码");
        let existing: HashSet<String> = sqlx::query_scalar!(
            "SELECT credit_code FROM contractor_unit WHERE credit_code IN (SELECT upper(value) FROM json_each(?))",
            codes
        )
        .fetch_all(store.pool())
        .await?
        .into_iter()
        .collect();
        let mut problems = Vec::new();
        let mut records = Vec::new();
        let mut in_file = HashSet::new();
        for row in rows {
            match parse_row(row) {
                Err(p) => problems.push(p),
                Ok(u) if existing.contains(&u.credit_code) => problems.push(problem(
                    row,
                    "统一社会信用代码",
                    format!("统一社会信用代码“{}”已登记", u.credit_code),
                )),
                Ok(u) if !in_file.insert(u.credit_code.clone()) => problems.push(problem(
                    row,
                    "统一社会信用代码",
                    format!("统一社会信用代码“{}”在文件中重复", u.credit_code),
                )),
                Ok(u) => records.push(u),
            }
        }
        Ok(Parsed { records, problems })
    }

    async fn write(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        records: Vec<ContractorUnitInput>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut n = 0;
        for input in records {
            let id = unit::insert(conn, &input, now).await?;
            let after = unit::load(conn, id).await?;
            let summary = format!("导入承包单位 {}", after.name);
            audit::record(
                conn,
                Change::diff(actor, Entity::ContractorUnit, id, Action::Create, summary, None, Some(&after), now)?,
            )
            .await?;
            n += 1;
        }
        Ok(n)
    }

    fn summary(&self, imported: i64, problems: usize) -> String {
        format!("从 Excel 导入承包单位 {imported} 个(跳过有问题的行 {problems} 个)")
    }
}

fn parse_row(row: &Row) -> std::result::Result<ContractorUnitInput, ImportProblem> {
    let (contact, phone) = (row.text("联系人"), row.text("联系电话"));
    let contacts = if contact.is_empty() && phone.is_empty() {
        vec![]
    } else if contact.is_empty() {
        return Err(problem(row, "联系人", "填写了联系电话,但联系人为空"));
    } else {
        vec![UnitContact { name: contact, title: row.text("职务"), phone }]
    };
    ContractorUnitInput {
        name: row.text("单位名称"),
        credit_code: row.text("统一社会信用代码"),
        legal_representative: row.text("法定代表人"),
        address: row.text("地址"),
        bank_name: row.text("开户银行"),
        bank_account: row.text("银行账号"),
        contacts,
        notes: row.text("备注"),
    }
    .checked()
    .map_err(|e| problem(row, column_of(e.field()), e.user_message()))
}

/// Writes every unit (or, with `template`, the header row only) to `path`; returns how many.
pub async fn export_units(store: &Store, actor: &Actor, path: &Path, template: bool) -> Result<i64> {
    actor.require(Permission::ViewContractors)?;
    if path.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
        return Err(Error::validation("out", "导出文件名须以 .xlsx 结尾"));
    }
    let mut table = Table::new("承包单位", &UNIT_TABLE)?;
    let mut count = 0;
    if !template {
        let mut snapshot = store.pool().begin().await?;
        let mut after = String::new();
        let mut after_id = 0_i64;
        loop {
            let batch = sqlx::query!(
                r#"SELECT id AS "id!", name, credit_code, legal_representative, address, bank_name, bank_account,
                          json_extract(contacts, '$[0].name') AS "contact?: String",
                          json_extract(contacts, '$[0].title') AS "title?: String",
                          json_extract(contacts, '$[0].phone') AS "phone?: String",
                          notes, blacklisted AS "blacklisted: bool", blacklist_reason
                   FROM contractor_unit WHERE (name, id) > (?, ?) ORDER BY name, id LIMIT 1000"#,
                after,
                after_id
            )
            .fetch_all(&mut *snapshot)
            .await?;
            let Some(last) = batch.last() else { break };
            (after, after_id) = (last.name.clone(), last.id);
            for r in batch {
                table.push(&[
                    r.name.into(),
                    r.credit_code.into(),
                    r.legal_representative.into(),
                    r.address.into(),
                    r.bank_name.into(),
                    r.bank_account.into(),
                    r.contact.unwrap_or_default().into(),
                    r.title.unwrap_or_default().into(),
                    r.phone.unwrap_or_default().into(),
                    r.notes.into(),
                    (if r.blacklisted { "是" } else { "" }).into(),
                    r.blacklist_reason.into(),
                ])?;
                count += 1;
            }
        }
    }
    table.save(path)?;
    Ok(count)
}
