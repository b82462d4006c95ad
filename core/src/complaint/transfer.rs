//! The complaint register in Excel: import a company's register from past years (dates and
//! states kept) and export the register. One row per complaint; a complaint with several product
//! lines continues on the rows below it, which fill only the line columns (订单编号 … 不良数量).
//! A file with errors imports nothing unless the user chooses to import the good complaints.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use sqlx::SqliteConnection;

use super::model::*;
use super::workflow::{Category, Severity, State};
use super::{ComplaintQuery, audited, begin, list, next_number, repo, today};
use crate::account::{Actor, Permission};
use crate::audit;
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::xlsx::{self, ImportMode, ImportProblem, ImportReport, Row, problem};
use crate::{org, sequence, settings, validate};

/// The columns, in order, with their widths in Excel.
pub const COLUMNS: [(&str, f64); 30] = [
    ("投诉编号", 14.0),
    ("投诉日期", 17.0),
    ("投诉渠道", 9.0),
    ("客户编号", 12.0),
    ("客户名称", 26.0),
    ("联系人", 10.0),
    ("联系电话", 15.0),
    ("直销店", 14.0),
    ("投诉类别", 16.0),
    ("严重程度", 9.0),
    ("订单编号", 14.0),
    ("料号", 14.0),
    ("批次", 12.0),
    ("交运日期", 12.0),
    ("数量", 9.0),
    ("不良数量", 9.0),
    ("投诉内容", 40.0),
    ("客户要求", 24.0),
    ("状态", 10.0),
    ("原因分析", 30.0),
    ("是否我方原因", 12.0),
    ("鉴定结果", 24.0),
    ("责任归属", 24.0),
    ("处理方式", 10.0),
    ("处理说明", 24.0),
    ("客户索赔金额(元)", 16.0),
    ("同意赔偿金额(元)", 16.0),
    ("客户反馈", 24.0),
    ("结案日期", 12.0),
    ("状态说明", 20.0),
];

/// What goes in each column, on the 填写说明 sheet of every export and template.
const NOTES: [(&str, &str); 19] = [
    ("投诉编号", "可留空:按投诉日期所在年份自动编号 KS-年份-序号。填写时不能与系统中已有的编号重复。"),
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
    (
        "状态",
        "已登记、分析核实、已解释、备案、落实跟踪、效果验证、结案、撤销;留空时有结案日期为“结案”,否则为“已登记”。“方案会签”中的投诉须在系统中会签,不能导入。",
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
const LINE_COLUMNS: [&str; 6] = ["订单编号", "料号", "批次", "交运日期", "数量", "不良数量"];

/// One complaint parsed from the file, ready to write.
struct Parsed {
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
struct Lookup {
    zone: Tz,
    today: NaiveDate,
    now: DateTime<Utc>,
    customers_by_code: HashMap<String, (i64, bool)>,
    customers_by_name: HashMap<String, Vec<(i64, bool)>>,
    stores: Vec<org::SalesStore>,
    departments: Vec<org::Department>,
}

pub async fn import(
    store: &Store,
    actor: &Actor,
    path: &Path,
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    actor.require(Permission::RegisterComplaints)?;
    actor.require(Permission::CloseComplaints)?;
    let names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    let rows = xlsx::read_table(path, &["投诉日期", "投诉内容"], &names)?;
    let lookup = lookup(store, &rows, now).await?;
    // Only the numbers the file names are looked up (through the unique index).
    let numbers = json_list(&rows, "投诉编号");
    let existing: HashSet<String> =
        sqlx::query_scalar!("SELECT number FROM complaint WHERE number IN (SELECT value FROM json_each(?))", numbers)
            .fetch_all(store.pool())
            .await?
            .into_iter()
            .collect();

    let mut problems = Vec::new();
    let mut good: Vec<Parsed> = Vec::new();
    let mut numbers_in_file: HashMap<String, u32> = HashMap::new();
    let complaint_columns: Vec<&str> =
        COLUMNS.iter().map(|c| c.0).filter(|c| !LINE_COLUMNS.contains(c) && *c != "投诉编号").collect();
    // The complaint the rows below may continue: the last of `good`, or one whose row failed.
    let mut current = Current::None;
    for row in &rows {
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
        let parsed = parse_row(row, &lookup).and_then(|p| match &p.number {
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

    let import_now = problems.is_empty() || mode == ImportMode::GoodRows;
    let mut imported = 0;
    if import_now && !good.is_empty() {
        let mut tx = begin(store).await?;
        // Numbers of the company's own KS-YYYY-NNNN form move the counter on first, so new
        // numbers given below never collide with them.
        for p in &good {
            if let Some((year, n)) = p.number.as_deref().and_then(ks_number) {
                sequence::at_least(&mut tx, "complaint", year, n).await?;
            }
        }
        for p in good {
            insert(&mut tx, actor, &lookup, p, now).await?;
            imported += 1;
        }
        let summary = format!("从 Excel 导入投诉 {imported} 条(有问题的行 {} 个)", problems.len());
        audit::record(
            &mut tx,
            audit::Change::note(actor, audit::Entity::Complaint, "", audit::Action::Import, summary, now),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(ImportReport { rows: rows.len() as i64, imported, problems })
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
    fn continued_by(&self, number: &str, good: &[Parsed]) -> bool {
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

/// The distinct non-empty values of `column`, as a JSON array for `json_each`.
fn json_list(rows: &[Row], column: &str) -> String {
    let values: HashSet<String> = rows.iter().map(|r| r.text(column)).filter(|v| !v.is_empty()).collect();
    serde_json::to_string(&values).unwrap_or_else(|_| "[]".into())
}

/// The customers, stores and departments the file names (only those customers: an archive may
/// hold hundreds of thousands).
async fn lookup(store: &Store, rows: &[Row], now: DateTime<Utc>) -> Result<Lookup> {
    let zone = settings::load(store).await?.zone();
    let (codes, names) = (json_list(rows, "客户编号"), json_list(rows, "客户名称"));
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
    Ok(Lookup {
        zone,
        today: today(store, now).await?,
        now,
        customers_by_code,
        customers_by_name,
        stores: org::list_stores(store).await?,
        departments: org::list_departments(store).await?,
    })
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
        ship_date,
        quantity,
        defective_quantity: defective,
    })
}

fn parse_row(row: &Row, l: &Lookup) -> std::result::Result<Parsed, ImportProblem> {
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
    Ok(Parsed {
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

async fn insert(conn: &mut SqliteConnection, actor: &Actor, l: &Lookup, p: Parsed, now: DateTime<Utc>) -> Result<()> {
    let number = match p.number {
        Some(n) => n,
        None => next_number(conn, l.zone, p.registration.received_at).await?,
    };
    let id = repo::insert(conn, &number, &p.registration, actor.user_id, now).await?;
    repo::save_analysis(conn, id, 1, &p.analysis, now).await?;
    repo::save_remedy(conn, id, 2, &p.remedy, now).await?;
    repo::save_feedback(conn, id, 3, &p.feedback, now).await?;
    repo::set_state(conn, id, 4, p.state, &p.state_reason, now).await?;
    let closed_at = p.closed_at.map(db_time);
    sqlx::query!("UPDATE complaint SET closed_at = ? WHERE id = ?", closed_at, id).execute(&mut *conn).await?;
    list::index(conn, id).await?;
    audited(conn, actor, id, audit::Action::Import, format!("从 Excel 导入(第{}行)", p.row), now).await?;
    Ok(())
}

/// Writes the complaints matching `query` (all of them when it is empty; paging fields are
/// ignored) or, with `template`, only the header row. Returns the number of complaints written.
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
    let mut rows = Vec::new();
    let mut count = 0;
    if !template {
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
        let mut conn = store.pool().acquire().await?;
        for id in ids {
            let c = repo::load(&mut conn, id).await?;
            rows.extend(export_rows(&c, zone));
            count += 1;
        }
    }
    xlsx::write_table_with_notes(path, "客户投诉登记", &COLUMNS, &rows, &NOTES)?;
    Ok(count)
}

fn local_text(t: DateTime<Utc>, zone: Tz) -> String {
    let local = t.with_timezone(&zone).naive_local();
    if local.time() == chrono::NaiveTime::MIN {
        local.date().to_string()
    } else {
        local.format("%Y-%m-%d %H:%M").to_string()
    }
}

fn yuan(fen: i64) -> String {
    if fen == 0 { String::new() } else { format!("{}.{:02}", fen / 100, fen % 100) }
}

/// The rows of one complaint: its own, then one per further product line.
fn export_rows(c: &Complaint, zone: Tz) -> Vec<Vec<String>> {
    let r = &c.registration;
    let line_cells = |l: &ProductLine| {
        vec![
            l.order_number.clone(),
            l.part_number.clone(),
            l.batch.clone(),
            l.ship_date.map(|d| d.to_string()).unwrap_or_default(),
            l.quantity.to_string(),
            l.defective_quantity.to_string(),
        ]
    };
    let empty_line = vec![String::new(); LINE_COLUMNS.len()];
    let appraisal = match (c.analysis.appraisal_result.as_str(), c.analysis.appraisal_basis.as_str()) {
        (result, "") => result.to_owned(),
        (result, basis) => format!("{result};依据:{basis}"),
    };
    let shares: Vec<String> = c
        .responsibility
        .iter()
        .map(|s| format!("{} {}%", s.department_name.clone().unwrap_or_else(|| s.party.clone()), s.share_percent))
        .collect();
    let mut first = vec![
        c.number.clone(),
        local_text(r.received_at, zone),
        r.channel.label().to_owned(),
        c.customer_code.clone(),
        c.customer_name.clone(),
        r.contact_name.clone(),
        r.contact_phone.clone(),
        c.store_name.clone().unwrap_or_default(),
        r.category.label().to_owned(),
        r.severity.label().to_owned(),
    ];
    first.extend(r.lines.first().map(line_cells).unwrap_or(empty_line));
    first.extend([
        r.description.clone(),
        r.customer_demand.clone(),
        c.state.label().to_owned(),
        c.analysis.cause_analysis.clone(),
        match c.analysis.our_fault {
            Some(true) => "是".into(),
            Some(false) => "否".into(),
            None => String::new(),
        },
        appraisal,
        shares.join("、"),
        c.remedy.remedy.map(|m| m.label().to_owned()).unwrap_or_default(),
        c.remedy.remedy_detail.clone(),
        yuan(c.remedy.claimed_fen),
        yuan(c.remedy.agreed_fen),
        c.customer_feedback.clone(),
        c.closed_at.map(|t| local_text(t, zone)).unwrap_or_default(),
        c.state_reason.clone(),
    ]);
    let mut rows = vec![first];
    for line in r.lines.iter().skip(1) {
        let mut row = vec![c.number.clone()];
        row.extend(vec![String::new(); 9]);
        row.extend(line_cells(line));
        row.extend(vec![String::new(); COLUMNS.len() - 16]);
        rows.push(row);
    }
    rows
}
