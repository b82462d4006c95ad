//! Complaint data as it crosses the boundary, with the rules each input must satisfy.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::workflow::{Category, Command, Severity, State};
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::validate;

keyed_enum!(Channel {
    Hotline = "hotline" / "热线",
    Website = "website" / "网站",
    Email = "email" / "邮箱",
    Store = "store" / "直销店",
    Visit = "visit" / "来访",
    Other = "other" / "其他",
});

keyed_enum!(Remedy {
    Return = "return" / "退货",
    Exchange = "exchange" / "换货",
    Repair = "repair" / "返修",
    Compensation = "compensation" / "补偿",
    Discount = "discount" / "折让",
    Apology = "apology" / "道歉",
    TechnicalSupport = "technical_support" / "技术支持",
    Other = "other" / "其他",
});

keyed_enum!(ActionKind {
    Containment = "containment" / "围堵措施",
    OccurrenceCause = "occurrence_cause" / "发生原因对策",
    EscapeCause = "escape_cause" / "流出原因对策",
    Corrective = "corrective" / "纠正措施",
    Preventive = "preventive" / "预防措施",
});

keyed_enum!(ContactMethod {
    Phone = "phone" / "电话",
    Visit = "visit" / "上门",
    Email = "email" / "邮件",
    Wechat = "wechat" / "微信",
    Letter = "letter" / "函件",
    Other = "other" / "其他",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ProductLine {
    pub order_number: String,
    pub part_number: String,
    pub batch: String,
    pub ship_date: Option<NaiveDate>,
    pub quantity: i64,
    pub defective_quantity: i64,
    /// 产品名称 and 规格型号, as the registration form prints them.
    #[serde(default)]
    pub product_name: String,
    #[serde(default)]
    pub specification: String,
}

impl ProductLine {
    /// 不良率 of the line in per cent (one decimal), when a quantity is known.
    pub fn defect_rate_percent(&self) -> Option<f64> {
        (self.quantity > 0).then(|| (self.defective_quantity as f64 * 1000.0 / self.quantity as f64).round() / 10.0)
    }
}

/// 客户投诉登记: everything the rule asks to record at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Registration {
    pub received_at: DateTime<Utc>,
    pub channel: Channel,
    pub customer_id: i64,
    pub contact_name: String,
    pub contact_phone: String,
    pub store_id: Option<i64>,
    pub category: Category,
    pub severity: Severity,
    pub description: String,
    pub customer_demand: String,
    pub lines: Vec<ProductLine>,
    /// 样品或退货: what the customer sent back (quantity, where it is), empty when nothing.
    #[serde(default)]
    pub samples: String,
    /// 答复期限: the date the customer was promised an answer by.
    #[serde(default)]
    pub reply_by: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Share {
    /// A responsible department, or `None` with `party` naming a unit or person.
    pub department_id: Option<i64>,
    pub party: String,
    pub share_percent: i64,
}

/// 分析核实: cause, production data from 生产部, our fault or not, responsibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Analysis {
    pub cause_analysis: String,
    pub production_unit: String,
    pub production_staff: String,
    pub production_date: Option<NaiveDate>,
    pub our_fault: Option<bool>,
    pub appraisal_result: String,
    pub appraisal_basis: String,
    pub responsibilities: Vec<Share>,
}

/// 检验/分析: who inspected or analysed the complaint for a department (品控中心, 技术部), and on
/// what local date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Inspection {
    pub department_id: i64,
    pub person: String,
    pub inspected_on: NaiveDate,
}

/// Saved with the analysis: the cause code (项目原因, from the settings' list) the monthly report
/// attributes by, and who inspected or analysed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AnalysisDetails {
    pub cause_code: String,
    pub inspections: Vec<Inspection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct InspectionView {
    pub department_id: i64,
    pub department_name: String,
    pub person: String,
    pub inspected_on: NaiveDate,
}

/// The final solution agreed with the customer (与客户协商最终解决办法).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CustomerAgreement {
    pub agreed_on: NaiveDate,
    pub contact: String,
    pub summary: String,
}

/// 协商处理办法 before sign-off: 生产部's and 技术部's product measures (each with who entered
/// them), the remedy agreed by 售后服务部 and 业务部 (who agreed for each; a changed remedy must be
/// agreed again), and the solution agreed with the customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Negotiation {
    pub production_measures: String,
    pub production_measures_by: String,
    pub technical_measures: String,
    pub technical_measures_by: String,
    pub after_sales_agreed_by: String,
    pub business_agreed_by: String,
    pub customer_agreement: Option<CustomerAgreement>,
}

impl CustomerAgreement {
    pub fn checked(self, today: NaiveDate) -> Result<CustomerAgreement> {
        not_future("agreed_on", "协商日期", Some(self.agreed_on), today)?;
        Ok(CustomerAgreement {
            contact: validate::required("contact", "客户方联系人", &self.contact, 32)?,
            summary: validate::required("summary", "最终解决办法", &self.summary, 2000)?,
            ..self
        })
    }
}

/// 协商处理办法: the remedy, the amounts, and the departments that must sign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct RemedyPlan {
    pub remedy: Option<Remedy>,
    pub remedy_detail: String,
    pub claimed_fen: i64,
    pub agreed_fen: i64,
    pub approval_department_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ContactInput {
    pub contacted_at: DateTime<Utc>,
    pub method: ContactMethod,
    pub customer_person: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ActionInput {
    pub kind: ActionKind,
    pub description: String,
    /// The department that owns the action (责任部门).
    pub owner_department_id: i64,
    /// The person in charge: a user of that department, or `None` with `owner` naming them.
    #[serde(default)]
    pub owner_user_id: Option<i64>,
    /// 责任人 by name (the user's name when `owner_user_id` is given).
    pub owner: String,
    pub due_date: NaiveDate,
    pub done_date: Option<NaiveDate>,
    /// The action verified ineffective that this new action follows up.
    #[serde(default)]
    pub follows_action_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ShareView {
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub party: String,
    pub share_percent: i64,
}

pub use crate::approval::ApprovalView;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ContactEntry {
    pub id: i64,
    pub contacted_at: DateTime<Utc>,
    pub method: ContactMethod,
    pub staff_name: String,
    pub customer_person: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Action {
    pub id: i64,
    pub kind: ActionKind,
    pub description: String,
    /// `None` only on actions recorded before owners were departments.
    pub owner_department_id: Option<i64>,
    pub owner_department_name: Option<String>,
    pub owner_user_id: Option<i64>,
    pub owner: String,
    pub due_date: NaiveDate,
    pub done_date: Option<NaiveDate>,
    pub effective: Option<bool>,
    pub verified_by: String,
    pub verified_at: Option<DateTime<Utc>>,
    /// The ineffective action this one follows up.
    pub follows_action_id: Option<i64>,
    /// A later action follows this one up (it was verified ineffective).
    pub followed_up: bool,
}

impl Action {
    /// The action as entered, to save it again with a change (`..action.input()`).
    pub fn input(&self) -> ActionInput {
        ActionInput {
            kind: self.kind,
            description: self.description.clone(),
            owner_department_id: self.owner_department_id.unwrap_or_default(),
            owner_user_id: self.owner_user_id,
            owner: self.owner.clone(),
            due_date: self.due_date,
            done_date: self.done_date,
            follows_action_id: self.follows_action_id,
        }
    }

    /// An action still to be answered for on closing: not verified effective, unless it was
    /// verified ineffective and a new action follows it up.
    pub fn outstanding(&self) -> bool {
        self.effective != Some(true) && !(self.effective == Some(false) && self.followed_up)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Complaint {
    pub id: i64,
    pub number: String,
    pub state: State,
    pub registration: Registration,
    pub customer_code: String,
    pub customer_name: String,
    pub store_name: Option<String>,
    pub analysis: Analysis,
    /// 项目原因: one of the settings' cause codes, chosen with the analysis.
    pub cause_code: String,
    /// Who inspected or analysed, and when.
    pub inspections: Vec<InspectionView>,
    pub responsibility: Vec<ShareView>,
    pub remedy: RemedyPlan,
    pub negotiation: Negotiation,
    pub approval_round: i64,
    pub approvals: Vec<ApprovalView>,
    pub contacts: Vec<ContactEntry>,
    pub actions: Vec<Action>,
    /// A minor complaint's decision on a corrective action (需要纠正措施): `None` undecided.
    pub corrective_needed: Option<bool>,
    /// Why no corrective action is needed.
    pub no_corrective_reason: String,
    /// Photos, scans and documents, oldest first.
    pub attachments: Vec<crate::attachment::Attachment>,
    pub customer_feedback: String,
    pub state_reason: String,
    /// Hours from receipt to the first contact (the acknowledgement), when there is one.
    pub hours_to_first_contact: Option<f64>,
    /// The commands that would succeed now (the UI shows these buttons).
    pub available: Vec<Command>,
    pub registered_by: Option<i64>,
    /// 登记人: the registering user's name (empty for imported complaints).
    pub registered_by_name: String,
    pub closed_at: Option<DateTime<Utc>>,
    /// Who closed it (结案人).
    pub closed_by: String,
    /// 历史导入: the file a past register came from, empty for complaints registered here.
    pub imported_from: String,
    pub import_note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

fn not_future(field: &'static str, label: &str, date: Option<NaiveDate>, today: NaiveDate) -> Result<()> {
    match date {
        Some(d) if d > today => Err(Error::validation(field, format!("{label}不能晚于今天({today})"))),
        _ => Ok(()),
    }
}

impl Registration {
    /// `today` is the local date in the company's zone.
    pub fn checked(self, now: DateTime<Utc>, today: NaiveDate) -> Result<Registration> {
        if self.received_at > now + chrono::Duration::minutes(5) {
            return Err(Error::validation("received_at", "投诉时间不能晚于现在"));
        }
        if self.lines.len() > 100 {
            return Err(Error::validation("lines", "产品明细最多100条"));
        }
        if let Some(reply_by) = self.reply_by
            && reply_by < self.received_at.date_naive()
        {
            return Err(Error::validation("reply_by", "答复期限不能早于投诉日期"));
        }
        let mut lines = Vec::with_capacity(self.lines.len());
        for (i, l) in self.lines.into_iter().enumerate() {
            let n = i + 1;
            if l.quantity < 0 || l.defective_quantity < 0 {
                return Err(Error::validation("lines", format!("第{n}条明细:数量和不良数量不能为负数")));
            }
            if l.defective_quantity > l.quantity {
                return Err(Error::validation("lines", format!("第{n}条明细:不良数量不能大于数量")));
            }
            not_future("lines", &format!("第{n}条明细:交运日期"), l.ship_date, today)?;
            lines.push(ProductLine {
                order_number: validate::optional("lines", "订单编号", &l.order_number, 40)?,
                part_number: validate::optional("lines", "料号", &l.part_number, 40)?,
                batch: validate::optional("lines", "批次", &l.batch, 40)?,
                product_name: validate::optional("lines", "产品名称", &l.product_name, 60)?,
                specification: validate::optional("lines", "规格型号", &l.specification, 60)?,
                ..l
            });
        }
        Ok(Registration {
            contact_name: validate::optional("contact_name", "客户联系人", &self.contact_name, 32)?,
            contact_phone: validate::optional("contact_phone", "联系电话", &self.contact_phone, 20)?,
            description: validate::required("description", "投诉内容", &self.description, 4000)?,
            customer_demand: validate::optional("customer_demand", "客户要求", &self.customer_demand, 2000)?,
            samples: validate::optional("samples", "样品或退货", &self.samples, 200)?,
            lines,
            ..self
        })
    }
}

/// What an edit changes in a registration, for the rules on who may make it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistrationChange {
    /// Labels of the checked fields that changed: 客户, 产品明细, 类别, 严重程度, 投诉时间.
    pub checked: Vec<&'static str>,
    /// Anything else (channel, contact, store, description, demand) changed.
    pub other: bool,
    pub severity_lowered: bool,
    /// The received time moved into another local year (the number carries the year).
    pub year_changed: bool,
}

impl RegistrationChange {
    pub fn between(before: &Registration, after: &Registration, zone: chrono_tz::Tz) -> RegistrationChange {
        use chrono::Datelike;
        let mut checked = Vec::new();
        if before.customer_id != after.customer_id {
            checked.push("客户");
        }
        if before.lines != after.lines {
            checked.push("产品明细");
        }
        if before.category != after.category {
            checked.push("类别");
        }
        if before.severity != after.severity {
            checked.push("严重程度");
        }
        if before.received_at != after.received_at {
            checked.push("投诉时间");
        }
        let rank = |s: Severity| Severity::ALL.iter().position(|x| *x == s);
        RegistrationChange {
            checked,
            other: before.channel != after.channel
                || before.contact_name != after.contact_name
                || before.contact_phone != after.contact_phone
                || before.store_id != after.store_id
                || before.description != after.description
                || before.customer_demand != after.customer_demand,
            severity_lowered: rank(after.severity) < rank(before.severity),
            year_changed: before.received_at.with_timezone(&zone).year()
                != after.received_at.with_timezone(&zone).year(),
        }
    }

    /// Only the product lines (what 业务部 supplies) changed.
    pub fn lines_only(&self) -> bool {
        !self.other && self.checked.iter().all(|c| *c == "产品明细")
    }
}

impl Analysis {
    pub fn checked(self, today: NaiveDate) -> Result<Analysis> {
        not_future("production_date", "生产日期", self.production_date, today)?;
        let mut shares = Vec::with_capacity(self.responsibilities.len());
        for s in self.responsibilities {
            let party = validate::optional("responsibilities", "责任单位或个人", &s.party, 32)?;
            if s.department_id.is_none() && party.is_empty() {
                return Err(Error::validation("responsibilities", "每条责任归属须选择部门或填写责任单位/个人"));
            }
            if !(1..=100).contains(&s.share_percent) {
                return Err(Error::validation("responsibilities", "责任比例须在1%到100%之间"));
            }
            shares.push(Share { party, ..s });
        }
        let total: i64 = shares.iter().map(|s| s.share_percent).sum();
        if !shares.is_empty() && total != 100 {
            return Err(Error::validation("responsibilities", format!("责任归属比例合计须为100%,现为{total}%")));
        }
        if self.our_fault == Some(false) && !shares.is_empty() {
            return Err(Error::validation("responsibilities", "判定为非我方原因时不能归属我方责任"));
        }
        Ok(Analysis {
            cause_analysis: validate::optional("cause_analysis", "原因分析", &self.cause_analysis, 4000)?,
            production_unit: validate::optional("production_unit", "生产单位", &self.production_unit, 64)?,
            production_staff: validate::optional("production_staff", "生产人员", &self.production_staff, 64)?,
            appraisal_result: validate::optional("appraisal_result", "鉴定结果", &self.appraisal_result, 2000)?,
            appraisal_basis: validate::optional("appraisal_basis", "鉴定依据", &self.appraisal_basis, 2000)?,
            responsibilities: shares,
            ..self
        })
    }
}

impl AnalysisDetails {
    /// `codes` are the settings' cause codes; the analysis decides whether one is required.
    pub fn checked(self, codes: &[String], analysis: &Analysis, today: NaiveDate) -> Result<AnalysisDetails> {
        let cause_code = self.cause_code.trim().to_owned();
        if cause_code.is_empty() && (!analysis.cause_analysis.is_empty() || analysis.our_fault.is_some()) {
            return Err(Error::validation("cause_code", "填写分析结论时须选择项目原因"));
        }
        if !cause_code.is_empty() && !codes.contains(&cause_code) {
            return Err(Error::validation(
                "cause_code",
                format!("项目原因“{cause_code}”不在系统设置的列表中:{}", codes.join("、")),
            ));
        }
        if self.inspections.len() > 10 {
            return Err(Error::validation("inspections", "检验分析记录最多10条"));
        }
        let mut inspections = Vec::with_capacity(self.inspections.len());
        for (i, x) in self.inspections.into_iter().enumerate() {
            let n = i + 1;
            let person = validate::required("inspections", &format!("第{n}条检验分析:人员"), &x.person, 32)?;
            not_future("inspections", &format!("第{n}条检验分析:日期"), Some(x.inspected_on), today)?;
            inspections.push(Inspection { person, ..x });
        }
        Ok(AnalysisDetails { cause_code, inspections })
    }
}

/// Responsibility as the monthly report attributes it (二(四)): shares only once the complaint
/// is found to be our fault; each names a department (单位) and optionally a person of it (个人);
/// a department is a unit at most once and a person is named once.
pub fn check_responsibility(a: &Analysis) -> Result<()> {
    if a.responsibilities.is_empty() {
        return Ok(());
    }
    if a.our_fault != Some(true) {
        return Err(Error::validation("responsibilities", "判定为我方原因后才能归属责任"));
    }
    let mut seen: Vec<(i64, &str)> = Vec::new();
    for s in &a.responsibilities {
        let Some(department) = s.department_id else {
            return Err(Error::validation("responsibilities", "每条责任归属须选择责任部门(个人须注明所在部门)"));
        };
        if seen.contains(&(department, s.party.as_str())) {
            let what = if s.party.is_empty() {
                "同一部门只能归属一次责任"
            } else {
                "同一责任人只能归属一次"
            };
            return Err(Error::validation("responsibilities", what));
        }
        seen.push((department, s.party.as_str()));
    }
    Ok(())
}

/// Amounts are whole fen and at most one hundred million yuan.
const MAX_FEN: i64 = 10_000_000_000;

impl RemedyPlan {
    pub fn checked(self) -> Result<RemedyPlan> {
        for (field, label, v) in
            [("claimed_fen", "客户索赔金额", self.claimed_fen), ("agreed_fen", "同意赔偿金额", self.agreed_fen)]
        {
            if !(0..=MAX_FEN).contains(&v) {
                return Err(Error::validation(field, format!("{label}须在0到1亿元之间")));
            }
        }
        let mut ids = self.approval_department_ids.clone();
        ids.sort_unstable();
        ids.dedup();
        Ok(RemedyPlan {
            remedy_detail: validate::optional("remedy_detail", "处理方案说明", &self.remedy_detail, 4000)?,
            approval_department_ids: ids,
            ..self
        })
    }
}

impl ContactInput {
    pub fn checked(self, now: DateTime<Utc>) -> Result<ContactInput> {
        if self.contacted_at > now + chrono::Duration::minutes(5) {
            return Err(Error::validation("contacted_at", "联系时间不能晚于现在"));
        }
        Ok(ContactInput {
            customer_person: validate::optional("customer_person", "客户方联系人", &self.customer_person, 32)?,
            summary: validate::required("summary", "联系内容", &self.summary, 2000)?,
            ..self
        })
    }
}

impl ActionInput {
    pub fn checked(self, today: NaiveDate) -> Result<ActionInput> {
        not_future("done_date", "完成日期", self.done_date, today)?;
        Ok(ActionInput {
            description: validate::required("description", "措施内容", &self.description, 2000)?,
            owner: validate::optional("owner", "责任人", &self.owner, 32)?,
            ..self
        })
    }
}
