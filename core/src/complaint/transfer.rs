//! The complaint register in Excel: import a company's register from past years (dates and
//! states kept) and export the register. One row per complaint; a complaint with several product
//! lines continues on the rows below it, which fill only the line columns (订单编号 … 不良数量).
//! A file with errors imports nothing unless the user chooses to import the good complaints.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use sqlx::SqliteConnection;

use super::model::*;
use super::workflow::{Category, Severity, State};
use super::{ComplaintQuery, audited, list, next_number, repo, today};
use crate::account::{Actor, Permission, Role};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::xlsx::ColumnKind::{Date, DateTime as DateTimeKind, Integer, Money, Text};
use crate::xlsx::{
    self, Column, Columns, ImportMode, ImportOutcome, ImportProblem, ImportReport, Importer, Mapping, Parsed, Row,
    Table, Value, problem,
};
use crate::{org, sequence, settings, validate};

/// The register's columns, in order: for the export (width, kind) and the import (required,
/// the headers other companies' registers use for them).
pub static TABLE: [Column; 34] = [
    Column::new("投诉编号", 14.0, Text).or(&["投诉单号", "单号"]),
    Column::new("投诉日期", 17.0, DateTimeKind).required().or(&["投诉时间", "受理日期", "登记日期", "反馈日期"]),
    Column::new("投诉渠道", 9.0, Text).or(&["渠道", "投诉方式", "反馈渠道"]),
    Column::new("客户编号", 12.0, Text).or(&["客户代码", "客户编码", "客户号"]),
    Column::new("客户名称", 26.0, Text).or(&["客户", "单位名称", "客户全称", "公司名称", "客户单位"]),
    Column::new("联系人", 10.0, Text).or(&["客户联系人", "投诉人"]),
    Column::new("联系电话", 15.0, Text).or(&["手机", "手机号", "电话号码", "联系方式"]),
    Column::new("直销店", 14.0, Text).or(&["门店", "来源门店"]),
    Column::new("投诉类别", 16.0, Text).or(&["类别", "投诉类型", "问题类别", "异常类别"]),
    Column::new("严重程度", 9.0, Text).or(&["严重性", "投诉等级"]),
    Column::new("订单编号", 14.0, Text).or(&["订单号", "销售订单号", "订单"]),
    Column::new("料号", 14.0, Text).or(&["物料编码", "零件号", "物料号", "物料代码", "产品编码", "品号"]),
    Column::new("产品名称", 16.0, Text).or(&["品名", "物料名称", "产品"]),
    Column::new("规格型号", 14.0, Text).or(&["规格", "型号", "规格型号/尺寸"]),
    Column::new("批次", 12.0, Text).or(&["批号", "生产批次"]),
    Column::new("交运日期", 12.0, Date).or(&["发货日期", "交货日期", "出货日期"]),
    Column::new("数量", 9.0, Integer).or(&["发货数量", "交货数量", "批量"]),
    Column::new("不良数量", 9.0, Integer).or(&["不良数", "不良品数量", "不合格数量", "不良品数"]),
    Column::new("投诉内容", 40.0, Text).required().or(&["问题描述", "投诉描述", "异常描述", "投诉问题"]),
    Column::new("客户要求", 24.0, Text).or(&["客户诉求"]),
    Column::new("样品或退货", 16.0, Text).or(&["样品", "退货", "样品/退货"]),
    Column::new("答复期限", 12.0, Date).or(&["答复日期", "回复期限"]),
    Column::new("状态", 10.0, Text).or(&["处理状态", "当前状态"]),
    Column::new("原因分析", 30.0, Text).or(&["原因", "原因说明"]),
    Column::new("是否我方原因", 12.0, Text).or(&["我方原因", "是否我方责任"]),
    Column::new("鉴定结果", 24.0, Text),
    Column::new("责任归属", 24.0, Text).or(&["责任部门", "责任方"]),
    Column::new("处理方式", 10.0, Text).or(&["处理方案"]),
    Column::new("处理说明", 24.0, Text).or(&["处理措施", "处理详情"]),
    Column::new("客户索赔金额(元)", 16.0, Money).or(&["索赔金额", "客户索赔金额"]),
    Column::new("同意赔偿金额(元)", 16.0, Money).or(&["赔偿金额", "同意赔偿金额"]),
    Column::new("客户反馈", 24.0, Text).or(&["客户意见"]),
    Column::new("结案日期", 12.0, DateTimeKind).or(&["结案时间", "关闭日期"]),
    Column::new("状态说明", 20.0, Text).or(&["撤销原因"]),
];

/// The columns, in order, with their widths in Excel.
pub const COLUMNS: [(&str, f64); 34] = xlsx::headers(&TABLE);

/// What the complaint import reads.
pub static IMPORT: Columns = Columns { kind: "complaint", list: &TABLE };

/// What goes in each column, on the 填写说明 sheet of every export and template.
const NOTES: [(&str, &str); 21] = [
    (
        "投诉编号",
        "可留空:按投诉日期所在年份自动编号 KS-年份-序号。填写时不能与系统中已有的编号重复,编号中的年份须与投诉日期的年份一致。",
    ),
    ("投诉日期", "必填。如 2025-03-04 或 2025-03-04 09:30,也可用 Excel 日期格式。"),
    ("投诉渠道", "热线、网站、邮箱、直销店、来访、其他;留空为“其他”。"),
    ("客户编号 / 客户名称", "至少填一项,客户须已在客户档案中(可先导入客户档案)。同名客户请填编号。"),
    ("直销店", "门店编号或名称,可留空。"),
    ("投诉类别", "必填:质量异常、非质量异常(人为)、其他。"),
    ("严重程度", "轻微、严重、重大;留空为“轻微”。"),
    (
        "订单编号 … 不良数量",
        "一行一个产品。同一投诉有多个产品时,在下面的行只填这几列(投诉编号可同上或留空)。不良数量不能大于数量。",
    ),
    ("交运日期", "日期,不能晚于今天。"),
    ("投诉内容", "必填。"),
    ("样品或退货", "客户寄回的样品或退货(数量、存放处),没有可留空。"),
    ("答复期限", "承诺答复客户的日期,不能早于投诉日期。"),
    (
        "状态",
        "已登记、分析核实、已解释、备案、落实跟踪、效果验证、结案、撤销;留空时有结案日期为“结案”,否则为“已登记”。“方案会签”中的投诉须在系统中会签,不能导入。“已登记”以外的状态只有售后服务经理或系统管理员可以导入。导入的投诉标记为“历史导入”。",
    ),
    ("是否我方原因", "是 / 否;状态为“已解释”时须为“否”。"),
    ("鉴定结果", "非我方原因时的鉴定结果;可写成“结果;依据:标准或报告编号”。"),
    (
        "责任归属",
        "如“生产部 60%、品控中心 40%”;只有一方时可不写比例(即100%)。部门名以外的写法记为责任单位或个人。比例合计须为100%。",
    ),
    ("处理方式", "退货、换货、返修、补偿、折让、道歉、技术支持、其他。"),
    ("客户索赔金额(元) / 同意赔偿金额(元)", "金额,最多两位小数,如 1234.50。"),
    ("客户反馈", "客户对处理结果的意见。"),
    ("结案日期", "只用于“结案”的投诉;不能早于投诉日期。"),
    ("状态说明", "撤销或重新打开的原因。"),
];

/// The columns of a product line; a continuation row fills only these (and maybe 投诉编号).
const LINE_COLUMNS: [&str; 8] = ["订单编号", "料号", "产品名称", "规格型号", "批次", "交运日期", "数量", "不良数量"];

/// One complaint parsed from the file, ready to write.
struct Record {
    row: u32,
    number: Option<String>,
    registration: Registration,
    analysis: Analysis,
    remedy: RemedyPlan,
    feedback: String,
    state: State,
    state_reason: String,
    closed_at: Option<DateTime<Utc>>,
}

/// What the importer looks names up in.
#[derive(Clone)]
struct Lookup {
    zone: Tz,
    today: NaiveDate,
    now: DateTime<Utc>,
    customers_by_code: HashMap<String, (i64, bool)>,
    customers_by_name: HashMap<String, Vec<(i64, bool)>>,
    stores: Vec<org::SalesStore>,
    departments: Vec<org::Department>,
    /// The importing user may bring in complaints past 已登记 (the manager and the admin).
    may_import_history: bool,
}

/// Imports a register from the file at `path`; a file with headers that are not ours (nor
/// known synonyms, nor remembered for its layout) is refused (see [`import_mapped`]).
pub async fn import(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    actor.require(Permission::RegisterComplaints)?;
    actor.require(Permission::CloseComplaints)?;
    let importer = ComplaintImport::load(store, actor, path, now).await?;
    xlsx::run_unmapped(store, actor, &importer, path, mode, now).await
}

/// Imports a register; a file with unmatched headers returns a preview to map instead, and a
/// `mapping` that matches every header is remembered for the next file of the same layout.
pub async fn import_mapped(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    mapping: Option<Mapping>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    actor.require(Permission::RegisterComplaints)?;
    actor.require(Permission::CloseComplaints)?;
    let importer = ComplaintImport::load(store, actor, path, now).await?;
    xlsx::run(store, actor, &importer, path, mode, mapping, now).await
}

/// The register importer: rows of one complaint and the continuation rows of its further
/// product lines become one record.
struct ComplaintImport {
    /// Everything but the customers, which are looked up per file.
    base: Lookup,
    /// The file's name, kept on every complaint it brings in (历史导入).
    file: String,
}

impl ComplaintImport {
    async fn load(store: &Store, actor: &Actor, path: &Path, now: DateTime<Utc>) -> Result<ComplaintImport> {
        Ok(ComplaintImport {
            file: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            base: Lookup {
                zone: settings::load(store).await?.zone(),
                today: today(store, now).await?,
                now,
                customers_by_code: HashMap::new(),
                customers_by_name: HashMap::new(),
                stores: org::list_stores(store).await?,
                departments: org::list_departments(store).await?,
                may_import_history: matches!(actor.role, Role::AfterSalesManager | Role::Admin),
            },
        })
    }
}

impl Importer for ComplaintImport {
    type Record = Record;

    fn columns(&self) -> &'static Columns {
        &IMPORT
    }

    async fn parse(&self, store: &Store, rows: &[Row]) -> Result<Parsed<Record>> {
        let lookup = customers(store, rows, self.base.clone()).await?;
        // Only the numbers the file names are looked up (through the unique index).
        let numbers = xlsx::json_list(rows, "投诉编号");
        let existing: HashSet<String> = sqlx::query_scalar!(
            "SELECT number FROM complaint WHERE number IN (SELECT value FROM json_each(?))",
            numbers
        )
        .fetch_all(store.pool())
        .await?
        .into_iter()
        .collect();
        Ok(group(rows, &lookup, &existing))
    }

    async fn write(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        records: Vec<Record>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        // Numbers of the company's own KS-YYYY-NNNN form move the counter on first, so new
        // numbers given below never collide with them.
        for p in &records {
            if let Some((year, n)) = p.number.as_deref().and_then(ks_number) {
                sequence::at_least(conn, "complaint", year, n).await?;
            }
        }
        let mut imported = 0;
        for p in records {
            insert(conn, actor, self.base.zone, &self.file, p, now).await?;
            imported += 1;
        }
        Ok(imported)
    }

    fn summary(&self, imported: i64, problems: usize) -> String {
        format!("从 Excel 导入投诉 {imported} 条(有问题的行 {problems} 个)")
    }
}

/// Parses the rows into complaints: a row with only line columns (and 投诉编号 empty or the
/// same) continues the complaint above it.
fn group(rows: &[Row], lookup: &Lookup, existing: &HashSet<String>) -> Parsed<Record> {
    let mut problems = Vec::new();
    let mut good: Vec<Record> = Vec::new();
    let mut numbers_in_file: HashMap<String, u32> = HashMap::new();
    let complaint_columns: Vec<&str> =
        COLUMNS.iter().map(|c| c.0).filter(|c| !LINE_COLUMNS.contains(c) && *c != "投诉编号").collect();
    // The complaint the rows below may continue: the last of `good`, or one whose row failed.
    let mut current = Current::None;
    for row in rows {
        let number = row.text("投诉编号");
        if row.all_empty(&complaint_columns) && current.continued_by(&number, &good) {
            match current {
                Current::Good => match parse_line(row, lookup.today) {
                    Ok(line) => good.last_mut().expect("current complaint").registration.lines.push(line),
                    Err(p) => {
                        problems.push(p);
                        let failed = good.pop().expect("current complaint");
                        current = Current::Failed { row: failed.row, number: failed.number.unwrap_or_default() };
                    }
                },
                Current::Failed { row: first, .. } => {
                    problems.push(problem(row, "", format!("属于第{first}行的投诉,该投诉有错误,本行随之跳过")))
                }
                Current::None => {}
            }
            continue;
        }
        let parsed = parse_row(row, lookup).and_then(|p| match &p.number {
            Some(n) if existing.contains(n) => Err(problem(row, "投诉编号", format!("投诉编号“{n}”已存在于系统中"))),
            Some(n) => match numbers_in_file.insert(n.clone(), row.number) {
                Some(first) => Err(problem(row, "投诉编号", format!("投诉编号“{n}”在文件中重复(第{first}行已有)"))),
                None => Ok(p),
            },
            None => Ok(p),
        });
        match parsed {
            Ok(p) => {
                good.push(p);
                current = Current::Good;
            }
            Err(p) => {
                problems.push(p);
                current = Current::Failed { row: row.number, number };
            }
        }
    }
    Parsed { records: good, problems }
}

/// Which complaint a continuation row (line columns only) belongs to.
enum Current {
    None,
    /// The last complaint in the list of good ones.
    Good,
    /// A complaint whose own row (or an earlier line) had a problem.
    Failed {
        row: u32,
        number: String,
    },
}

impl Current {
    /// A row with only line columns continues the complaint above when its 投诉编号 is empty
    /// or that complaint's.
    fn continued_by(&self, number: &str, good: &[Record]) -> bool {
        match self {
            Current::None => false,
            Current::Good => number.is_empty() || good.last().and_then(|p| p.number.as_deref()) == Some(number),
            Current::Failed { number: failed, .. } => number.is_empty() || number == failed,
        }
    }
}

/// `KS-2025-0042` → (2025, 42).
fn ks_number(number: &str) -> Option<(i64, i64)> {
    let rest = number.strip_prefix("KS-")?;
    let (year, n) = rest.split_once('-')?;
    if year.len() != 4 || n.len() < 4 {
        return None;
    }
    Some((year.parse().ok()?, n.parse().ok()?))
}

/// `base` with the customers the file names (only those: an archive may hold hundreds of
/// thousands).
async fn customers(store: &Store, rows: &[Row], base: Lookup) -> Result<Lookup> {
    let (codes, names) = (xlsx::json_list(rows, "客户编号"), xlsx::json_list(rows, "客户名称"));
    let customers_by_code = sqlx::query!(
        r#"SELECT id AS "id!", code, active AS "active: bool" FROM customer
           WHERE code IN (SELECT value FROM json_each(?))"#,
        codes
    )
    .fetch_all(store.pool())
    .await?
    .into_iter()
    .map(|r| (r.code, (r.id, r.active)))
    .collect();
    let mut customers_by_name: HashMap<String, Vec<(i64, bool)>> = HashMap::new();
    let by_name = sqlx::query!(
        r#"SELECT id AS "id!", name, active AS "active: bool" FROM customer
           WHERE name IN (SELECT value FROM json_each(?))"#,
        names
    )
    .fetch_all(store.pool())
    .await?;
    for r in by_name {
        customers_by_name.entry(r.name).or_default().push((r.id, r.active));
    }
    Ok(Lookup { customers_by_code, customers_by_name, ..base })
}

fn column_of(field: Option<&str>) -> &'static str {
    match field {
        Some("received_at") => "投诉日期",
        Some("contact_name") => "联系人",
        Some("contact_phone") => "联系电话",
        Some("description") => "投诉内容",
        Some("customer_demand") => "客户要求",
        Some("lines") => "数量",
        Some("cause_analysis") => "原因分析",
        Some("appraisal_result") => "鉴定结果",
        Some("responsibilities") => "责任归属",
        Some("remedy_detail") => "处理说明",
        Some("claimed_fen") => "客户索赔金额(元)",
        Some("agreed_fen") => "同意赔偿金额(元)",
        _ => "",
    }
}

fn local_to_utc(t: NaiveDateTime, zone: Tz) -> Option<DateTime<Utc>> {
    t.and_local_timezone(zone).earliest().map(|t| t.with_timezone(&Utc))
}

fn parse_line(row: &Row, today: NaiveDate) -> std::result::Result<ProductLine, ImportProblem> {
    let at = |column: &'static str| move |message: String| problem(row, column, message);
    let ship_date = row.date("交运日期").map_err(at("交运日期"))?;
    if let Some(d) = ship_date.filter(|d| *d > today) {
        return Err(problem(row, "交运日期", format!("交运日期({d})不能晚于今天({today})")));
    }
    let quantity = row.integer("数量").map_err(at("数量"))?.unwrap_or(0);
    let defective = row.integer("不良数量").map_err(at("不良数量"))?.unwrap_or(0);
    if quantity < 0 {
        return Err(problem(row, "数量", "数量不能为负数"));
    }
    if defective < 0 {
        return Err(problem(row, "不良数量", "不良数量不能为负数"));
    }
    if defective > quantity {
        return Err(problem(row, "不良数量", format!("不良数量({defective})不能大于数量({quantity})")));
    }
    let text = |column: &'static str| {
        validate::optional("lines", column, &row.text(column), 40).map_err(|e| problem(row, column, e.user_message()))
    };
    Ok(ProductLine {
        order_number: text("订单编号")?,
        part_number: text("料号")?,
        batch: text("批次")?,
        product_name: text("产品名称")?,
        specification: text("规格型号")?,
        ship_date,
        quantity,
        defective_quantity: defective,
    })
}

fn parse_row(row: &Row, l: &Lookup) -> std::result::Result<Record, ImportProblem> {
    let at = |column: &'static str| move |message: String| problem(row, column, message);
    let number = match row.text("投诉编号") {
        n if n.is_empty() => None,
        n => Some(
            validate::required("number", "投诉编号", &n, 32).map_err(|e| problem(row, "投诉编号", e.user_message()))?,
        ),
    };
    let received = row
        .date_time("投诉日期")
        .map_err(at("投诉日期"))?
        .ok_or_else(|| problem(row, "投诉日期", "投诉日期不能为空"))?;
    let received_at =
        local_to_utc(received, l.zone).ok_or_else(|| problem(row, "投诉日期", "投诉日期在本地时区中不存在"))?;
    if received_at > l.now {
        return Err(problem(row, "投诉日期", format!("投诉日期({})不能晚于现在", received.date())));
    }
    // The number carries the year of receipt (KS-YYYY-NNNN); another year's number would
    // collide with that year's sequence.
    if let Some((year, _)) = number.as_deref().and_then(ks_number)
        && year != i64::from(received.date().year())
    {
        return Err(problem(
            row,
            "投诉编号",
            format!("投诉编号的年份({year})与投诉日期的年份({})不一致", received.date().year()),
        ));
    }
    let channel = match row.text("投诉渠道").as_str() {
        "" => Channel::Other,
        t => Channel::parse(t)
            .ok_or_else(|| problem(row, "投诉渠道", format!("投诉渠道“{t}”无效,可选:{}", Channel::labels())))?,
    };
    let customer_id = customer(row, l)?;
    let store_id = match row.text("直销店").as_str() {
        "" => None,
        t => Some(
            l.stores
                .iter()
                .find(|s| s.code == t || s.name == t)
                .ok_or_else(|| problem(row, "直销店", format!("直销店“{t}”不存在(填门店编号或名称)")))?
                .id,
        ),
    };
    let category = match row.text("投诉类别").as_str() {
        "" => return Err(problem(row, "投诉类别", "投诉类别不能为空(质量异常、非质量异常(人为)、其他)")),
        t => Category::parse(t).ok_or_else(|| {
            problem(row, "投诉类别", format!("投诉类别“{t}”无效,可选:质量异常、非质量异常(人为)、其他"))
        })?,
    };
    let severity = match row.text("严重程度").as_str() {
        "" => Severity::Minor,
        t => Severity::parse(t)
            .ok_or_else(|| problem(row, "严重程度", format!("严重程度“{t}”无效,可选:轻微、严重、重大")))?,
    };
    let lines = if row.all_empty(&LINE_COLUMNS) { vec![] } else { vec![parse_line(row, l.today)?] };
    let registration = Registration {
        received_at,
        channel,
        customer_id,
        contact_name: row.text("联系人"),
        contact_phone: row.text("联系电话"),
        store_id,
        category,
        severity,
        description: row.text("投诉内容"),
        customer_demand: row.text("客户要求"),
        lines,
        samples: row.text("样品或退货"),
        reply_by: row.date("答复期限").map_err(at("答复期限"))?,
    }
    .checked(l.now, l.today)
    .map_err(|e| problem(row, column_of(e.field()), e.user_message()))?;

    let our_fault = match row.text("是否我方原因").as_str() {
        "" => None,
        "是" | "Y" | "y" | "是我方原因" => Some(true),
        "否" | "N" | "n" | "非我方原因" => Some(false),
        t => return Err(problem(row, "是否我方原因", format!("是否我方原因须填“是”或“否”,“{t}”无效"))),
    };
    let (appraisal_result, appraisal_basis) = split_appraisal(&row.text("鉴定结果"));
    let analysis = Analysis {
        cause_analysis: row.text("原因分析"),
        production_unit: String::new(),
        production_staff: String::new(),
        production_date: None,
        our_fault,
        appraisal_result,
        appraisal_basis,
        responsibilities: shares(row, &l.departments)?,
    }
    .checked(l.today)
    .map_err(|e| problem(row, column_of(e.field()), e.user_message()))?;

    let remedy = match row.text("处理方式").as_str() {
        "" => None,
        t => Some(
            Remedy::parse(t)
                .ok_or_else(|| problem(row, "处理方式", format!("处理方式“{t}”无效,可选:{}", Remedy::labels())))?,
        ),
    };
    let remedy = RemedyPlan {
        remedy,
        remedy_detail: row.text("处理说明"),
        claimed_fen: row.yuan_as_fen("客户索赔金额(元)").map_err(at("客户索赔金额(元)"))?.unwrap_or(0),
        agreed_fen: row.yuan_as_fen("同意赔偿金额(元)").map_err(at("同意赔偿金额(元)"))?.unwrap_or(0),
        approval_department_ids: vec![],
    }
    .checked()
    .map_err(|e| problem(row, column_of(e.field()), e.user_message()))?;

    let closed = row.date_time("结案日期").map_err(at("结案日期"))?;
    let state = match row.text("状态").as_str() {
        "" if closed.is_some() => State::Closed,
        "" => State::Registered,
        t => State::parse(t).ok_or_else(|| problem(row, "状态", format!("状态“{t}”无效,可选:{}", State::labels())))?,
    };
    if state != State::Registered && !l.may_import_history {
        return Err(problem(
            row,
            "状态",
            format!("只有售后服务经理或系统管理员可以导入“{}”状态的投诉;请导入为“已登记”", state.label()),
        ));
    }
    if state == State::Approval {
        return Err(problem(
            row,
            "状态",
            "不能导入“方案会签”中的投诉:会签须由各部门在系统中签署。请导入为“分析核实”,再在系统中提交会签",
        ));
    }
    if state == State::Explained && analysis.our_fault != Some(false) {
        return Err(problem(row, "是否我方原因", "状态为“已解释”(非我方原因)时,是否我方原因须填“否”"));
    }
    let closed_at = match closed {
        None => None,
        Some(_) if state != State::Closed => {
            return Err(problem(row, "结案日期", format!("状态为“{}”的投诉不能有结案日期", state.label())));
        }
        Some(t) => {
            let at = local_to_utc(t, l.zone).ok_or_else(|| problem(row, "结案日期", "结案日期在本地时区中不存在"))?;
            if t.date() < received.date() {
                return Err(problem(
                    row,
                    "结案日期",
                    format!("结案日期({})不能早于投诉日期({})", t.date(), received.date()),
                ));
            }
            if t.date() > l.today {
                return Err(problem(row, "结案日期", format!("结案日期({})不能晚于今天({})", t.date(), l.today)));
            }
            Some(at)
        }
    };
    let text = |column: &'static str, max| {
        validate::optional("", column, &row.text(column), max).map_err(|e| problem(row, column, e.user_message()))
    };
    Ok(Record {
        row: row.number,
        number,
        registration,
        analysis,
        remedy,
        feedback: text("客户反馈", 2000)?,
        state,
        state_reason: text("状态说明", 500)?,
        closed_at,
    })
}

fn customer(row: &Row, l: &Lookup) -> std::result::Result<i64, ImportProblem> {
    let (code, name) = (row.text("客户编号"), row.text("客户名称"));
    let found = if !code.is_empty() {
        match l.customers_by_code.get(&code) {
            Some(c) => *c,
            None => {
                return Err(problem(row, "客户编号", format!("客户编号“{code}”不在客户档案中,请先导入或新增该客户")));
            }
        }
    } else if !name.is_empty() {
        match l.customers_by_name.get(&name).map(Vec::as_slice) {
            None | Some([]) => {
                return Err(problem(row, "客户名称", format!("客户“{name}”不在客户档案中,请先导入或新增该客户")));
            }
            Some([one]) => *one,
            Some(many) => match many.iter().filter(|c| c.1).collect::<Vec<_>>().as_slice() {
                [one] => **one,
                _ => {
                    return Err(problem(row, "客户名称", format!("有多个名为“{name}”的客户,请填写客户编号以区分")));
                }
            },
        }
    } else {
        return Err(problem(row, "客户名称", "客户编号和客户名称至少填一项"));
    };
    if !found.1 {
        return Err(problem(row, "客户编号", "该客户已停用或已合并,请改填在用的客户"));
    }
    Ok(found.0)
}

/// "生产部 60%、品控中心 40%" → shares; one party without a percentage takes 100%. A name that
/// is a department becomes that department, anything else a unit or person.
fn shares(row: &Row, departments: &[org::Department]) -> std::result::Result<Vec<Share>, ImportProblem> {
    let text = row.text("责任归属");
    let parts: Vec<&str> =
        text.split(['、', ',', ',', ';', ';', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut shares = Vec::with_capacity(parts.len());
    for part in &parts {
        let (name, percent) = match part.trim_end_matches(['%', '%']).rsplit_once([' ', ':', ':']) {
            Some((name, p)) if part.ends_with(['%', '%']) => {
                let p = p.trim().parse::<i64>().map_err(|_| {
                    problem(row, "责任归属", format!("“{part}”中的比例不是整数百分比(应如 生产部 60%)"))
                })?;
                (name.trim(), p)
            }
            _ if parts.len() == 1 => (*part, 100),
            _ => {
                return Err(problem(
                    row,
                    "责任归属",
                    format!("有多个责任方时,每一方须写比例,如“生产部 60%”;“{part}”缺少比例"),
                ));
            }
        };
        let department_id = departments.iter().find(|d| d.name == name).map(|d| d.id);
        shares.push(Share {
            department_id,
            party: if department_id.is_some() { String::new() } else { name.to_owned() },
            share_percent: percent,
        });
    }
    Ok(shares)
}

/// The register keeps result and basis in one cell: "结果;依据:…" splits at "依据".
fn split_appraisal(text: &str) -> (String, String) {
    match text.split_once("依据:").or_else(|| text.split_once("依据:")) {
        Some((result, basis)) => (result.trim_end_matches([';', ';', ' ']).trim().to_owned(), basis.trim().to_owned()),
        None => (text.to_owned(), String::new()),
    }
}

async fn insert(
    conn: &mut SqliteConnection,
    actor: &Actor,
    zone: Tz,
    file: &str,
    p: Record,
    now: DateTime<Utc>,
) -> Result<()> {
    let number = match p.number {
        Some(n) => n,
        None => next_number(conn, zone, p.registration.received_at).await?,
    };
    let id = repo::insert(conn, &number, &p.registration, actor.user_id, now).await?;
    repo::save_analysis(conn, id, 1, &p.analysis, now).await?;
    repo::save_remedy(conn, id, 2, &p.remedy, now).await?;
    repo::save_feedback(conn, id, 3, &p.feedback, now).await?;
    repo::set_state(conn, id, 4, p.state, &p.state_reason, "", now).await?;
    let closed_at = p.closed_at.map(db_time);
    // A serious or major complaint that arrives closed was signed off outside the app.
    let note = if p.state == State::Closed && p.registration.severity != Severity::Minor {
        "历史导入:会签已在纸面完成,见原始处理表"
    } else {
        ""
    };
    sqlx::query!(
        "UPDATE complaint SET closed_at = ?, imported_from = ?, import_note = ? WHERE id = ?",
        closed_at,
        file,
        note,
        id
    )
    .execute(&mut *conn)
    .await?;
    list::index(conn, id).await?;
    audited(conn, actor, id, crate::audit::Action::Import, format!("从 Excel 导入(第{}行)", p.row), now).await?;
    Ok(())
}

/// Writes the complaints matching `query` (all of them when it is empty; paging fields are
/// ignored) or, with `template`, only the header row. Returns the number of complaints written.
/// The complaints are read in batches (three queries per batch, from one read snapshot) and
/// written as they come: dates as dates, quantities as numbers, amounts as 元 with two decimals.
pub async fn export(
    store: &Store,
    actor: &Actor,
    path: &Path,
    query: &ComplaintQuery,
    template: bool,
    now: DateTime<Utc>,
) -> Result<i64> {
    actor.require(Permission::ViewComplaints)?;
    if path.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
        return Err(Error::validation("out", "导出文件名须以 .xlsx 结尾"));
    }
    let zone = settings::load(store).await?.zone();
    let mut table = Table::new("客户投诉登记", &TABLE)?;
    let mut count = 0;
    if !template {
        let ids = matching_ids(store, actor, query, now).await?;
        let mut snapshot = store.pool().begin().await?;
        for batch in ids.chunks(EXPORT_BATCH) {
            count += export_batch(&mut snapshot, &mut table, batch, zone).await?;
        }
    }
    table.notes(&NOTES)?;
    table.save(path)?;
    Ok(count)
}

/// Complaints read per batch of the export.
const EXPORT_BATCH: usize = 500;

/// The ids of the complaints matching `query` as the list finds them (the same filters and the
/// same view of the actor), oldest first.
async fn matching_ids(store: &Store, actor: &Actor, query: &ComplaintQuery, now: DateTime<Utc>) -> Result<Vec<i64>> {
    let mut q = ComplaintQuery { after: None, limit: Some(200), ..query.clone() };
    let mut ids = Vec::new();
    loop {
        let page = list::list(store, actor, &q, now).await?;
        ids.extend(page.items.iter().map(|c| c.id));
        match page.next {
            Some(next) => q.after = Some(next),
            None => break,
        }
    }
    ids.reverse();
    Ok(ids)
}

/// Writes the complaints `ids` (in that order) with their lines and shares; returns how many.
async fn export_batch(conn: &mut SqliteConnection, table: &mut Table, ids: &[i64], zone: Tz) -> Result<i64> {
    let json = serde_json::to_string(ids).map_err(|e| Error::Internal(e.to_string()))?;
    let mut heads: HashMap<i64, _> = sqlx::query!(
        r#"SELECT c.id AS "id!", c.number, c.state, c.received_at AS "received_at: DateTime<Utc>", c.channel,
                  cu.code AS customer_code, cu.name AS customer_name, c.contact_name, c.contact_phone,
                  s.name AS "store_name?", c.category, c.severity, c.description, c.customer_demand,
                  c.cause_analysis, c.our_fault AS "our_fault: bool", c.appraisal_result, c.appraisal_basis,
                  c.remedy, c.remedy_detail, c.claimed_fen, c.agreed_fen, c.customer_feedback, c.state_reason,
                  c.closed_at AS "closed_at: DateTime<Utc>", c.samples, c.reply_by AS "reply_by: NaiveDate"
           FROM complaint c
           JOIN customer cu ON cu.id = c.customer_id
           LEFT JOIN store s ON s.id = c.store_id
           WHERE c.id IN (SELECT value FROM json_each(?))"#,
        json
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.id, r))
    .collect();
    let mut lines: HashMap<i64, Vec<ProductLine>> = HashMap::new();
    for l in sqlx::query!(
        r#"SELECT complaint_id, order_number, part_number, batch, ship_date AS "ship_date: NaiveDate", quantity,
                  defective_quantity, product_name, specification
           FROM complaint_line WHERE complaint_id IN (SELECT value FROM json_each(?))
           ORDER BY complaint_id, sort_order"#,
        json
    )
    .fetch_all(&mut *conn)
    .await?
    {
        lines.entry(l.complaint_id).or_default().push(ProductLine {
            order_number: l.order_number,
            part_number: l.part_number,
            batch: l.batch,
            ship_date: l.ship_date,
            quantity: l.quantity,
            defective_quantity: l.defective_quantity,
            product_name: l.product_name,
            specification: l.specification,
        });
    }
    let mut shares: HashMap<i64, Vec<String>> = HashMap::new();
    for s in sqlx::query!(
        r#"SELECT r.complaint_id, d.name AS "department_name?", r.party, r.share_percent
           FROM complaint_responsibility r LEFT JOIN department d ON d.id = r.department_id
           WHERE r.complaint_id IN (SELECT value FROM json_each(?))
           ORDER BY r.complaint_id, r.id"#,
        json
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let party = s.department_name.unwrap_or(s.party);
        shares.entry(s.complaint_id).or_default().push(format!("{party} {}%", s.share_percent));
    }

    let mut written = 0;
    for id in ids {
        let Some(c) = heads.remove(id) else { continue };
        let lines = lines.remove(id).unwrap_or_default();
        let appraisal = match (c.appraisal_result.as_str(), c.appraisal_basis.as_str()) {
            (result, "") => result.to_owned(),
            (result, basis) => format!("{result};依据:{basis}"),
        };
        let mut first = vec![
            c.number.as_str().into(),
            local_value(c.received_at, zone),
            Channel::stored(&c.channel)?.label().into(),
            c.customer_code.into(),
            c.customer_name.into(),
            c.contact_name.into(),
            c.contact_phone.into(),
            c.store_name.unwrap_or_default().into(),
            Category::stored(&c.category)?.label().into(),
            Severity::stored(&c.severity)?.label().into(),
        ];
        first.extend(line_values(lines.first()));
        first.extend([
            c.description.into(),
            c.customer_demand.into(),
            c.samples.into(),
            c.reply_by.map(Value::Date).unwrap_or(Value::Empty),
            State::stored(&c.state)?.label().into(),
            c.cause_analysis.into(),
            match c.our_fault {
                Some(true) => "是".into(),
                Some(false) => "否".into(),
                None => Value::Empty,
            },
            appraisal.into(),
            shares.remove(id).unwrap_or_default().join("、").into(),
            c.remedy.as_deref().map(Remedy::stored).transpose()?.map(|m| m.label()).unwrap_or_default().into(),
            c.remedy_detail.into(),
            money(c.claimed_fen),
            money(c.agreed_fen),
            c.customer_feedback.into(),
            c.closed_at.map(|t| local_value(t, zone)).unwrap_or(Value::Empty),
            c.state_reason.into(),
        ]);
        table.push(&first)?;
        // Further product lines continue on the rows below: the number and the line columns.
        for line in lines.iter().skip(1) {
            let mut row = vec![c.number.as_str().into()];
            row.extend(std::iter::repeat_n(Value::Empty, 9));
            row.extend(line_values(Some(line)));
            table.push(&row)?;
        }
        written += 1;
    }
    Ok(written)
}

/// The line columns 订单编号 … 不良数量 of `line` (all empty without one).
fn line_values(line: Option<&ProductLine>) -> Vec<Value> {
    match line {
        None => vec![Value::Empty; LINE_COLUMNS.len()],
        Some(l) => vec![
            l.order_number.as_str().into(),
            l.part_number.as_str().into(),
            l.product_name.as_str().into(),
            l.specification.as_str().into(),
            l.batch.as_str().into(),
            l.ship_date.map(Value::Date).unwrap_or(Value::Empty),
            Value::Integer(l.quantity),
            Value::Integer(l.defective_quantity),
        ],
    }
}

/// A time as the company's local date (midnight) or date and time.
fn local_value(t: DateTime<Utc>, zone: Tz) -> Value {
    let local = t.with_timezone(&zone).naive_local();
    if local.time() == chrono::NaiveTime::MIN { Value::Date(local.date()) } else { Value::DateTime(local) }
}

/// An amount, left empty when nothing was claimed or agreed.
fn money(fen: i64) -> Value {
    if fen == 0 { Value::Empty } else { Value::Fen(fen) }
}
