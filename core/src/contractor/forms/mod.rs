//! The printed documents of outside personnel (part 2 of the rule, domain notes §7): the
//! 外用(包)工安全协议书 一式四份 with its versioned clause template, the 安全技术交底单 with a
//! signature row for every worker, the 计划外用工申报表 / 审批表 (filled or blank), and the
//! 外用工/外包工台帐 as a landscape PDF and a typed .xlsx.
//!
//! The renderers are pure: they take the plain structs below (the records module fills them
//! from its engagements, units and rosters) and return PDF bytes, so they are tested and
//! benchmarked without a database. Only the template lives in the database.

mod agreement;
mod application;
mod briefing;
mod ledger;
mod sample;
mod template;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use agreement::{AGREEMENT_TITLE, agreement_pdf};
pub use application::{APPLICATION_TITLE, APPROVAL_TITLE, application_pdf, approval_pdf};
pub use briefing::{BRIEFING_TITLE, briefing_pdf};
pub use ledger::{LEDGER_COLUMNS, LEDGER_TITLE, ledger_pdf, ledger_xlsx};
pub use sample::{sample_agreement, sample_application, sample_briefing, sample_ledger, sample_roster, sample_unit};
pub use template::{
    AgreementTemplate, AgreementTemplateInput, ClauseSection, PLACEHOLDERS, REQUIRED_SECTIONS, TemplateVersion,
    current_template, default_template, get_template, preview_template, save_template, template, template_versions,
};

/// One side of an agreement: the company (甲方) or the contracting unit (乙方). Empty fields
/// print as empty boxes to fill in by hand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Party {
    /// Full registered name (甲方: the company name from settings).
    pub name: String,
    /// 统一社会信用代码, 18 characters.
    pub credit_code: String,
    /// 法定代表人.
    pub legal_rep: String,
    /// Registered or business address.
    pub address: String,
    /// 开户银行 (an independent legal person has its own account: the rule's test for 外包工).
    pub bank: String,
    /// Bank account number.
    pub account: String,
    /// Contact person for this engagement (乙方: the project or safety lead).
    pub contact: String,
    /// The contact's phone.
    pub phone: String,
}

/// One person of an engagement's approved roster, as printed on the agreement's annex, the
/// briefing's signature grid and the application.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct RosterRow {
    /// 姓名.
    pub name: String,
    /// The ID card number with its middle masked (e.g. 120104********1234); printed as given.
    pub id_number_masked: String,
    /// 工种 (e.g. 电焊工, 力工); a special trade's certificate is checked elsewhere.
    pub trade: String,
}

/// Everything the four-copy 外用(包)工安全协议书 prints besides the template's clause texts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AgreementDoc {
    /// The agreement's number, printed on every page (the engagement's number, e.g. WB-2026-0007).
    pub number: String,
    /// 用工类别: 外用工, 外包工 or 售后服务人员.
    pub category_label: String,
    /// The 用工(发包)部门 that signs for 甲方.
    pub hiring_department: String,
    /// 甲方: the company.
    pub company: Party,
    /// 乙方: the contracting or service unit; `None` for individual 外用工 (乙方 is then the
    /// people on the roster, each signing the annex).
    pub unit: Option<Party>,
    /// 工程(项目)名称.
    pub project: String,
    /// 作业内容及范围 (the scope; work outside it is forbidden).
    pub content: String,
    /// 作业地点 (the plant or building).
    pub place: String,
    /// 作业区域 within the place (the area the gate admits to).
    pub area: String,
    /// 主合同编号; empty when there is no separate main contract.
    pub contract_number: String,
    /// First day of work.
    pub start: NaiveDate,
    /// Last day of work (the agreement's validity ends with it).
    pub end: NaiveDate,
    /// 安全风险抵押金 in fen; 0 prints 无.
    pub deposit_fen: i64,
    /// The approved roster, printed as the annex 作业人员名单.
    pub roster: Vec<RosterRow>,
    /// Who in 安全管理部 approved the package; `None` leaves the review box blank to sign by hand.
    pub approved_by: Option<String>,
    /// The local date of that approval.
    pub approved_at: Option<NaiveDate>,
    /// Printed at the foot of every page, e.g. "打印:2026-12-01 09:30 张三"; may be empty.
    pub printed: String,
}

/// The 安全技术交底单 of one engagement. Empty texts print as boxes to write in by hand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct BriefingDoc {
    /// The sheet's number (e.g. the engagement's number with a suffix: WB-2026-0007-JD1).
    pub number: String,
    /// 工程(项目)名称.
    pub project: String,
    /// 施工(作业)单位; for individual 外用工 the hiring department's name.
    pub unit_name: String,
    /// 作业内容.
    pub content: String,
    /// 作业地点及区域.
    pub location: String,
    /// 交底日期.
    pub date: NaiveDate,
    /// 主要危险因素.
    pub hazards: String,
    /// 预防措施.
    pub measures: String,
    /// 注意事项.
    pub precautions: String,
    /// 安全操作规程 (the rules of the trades involved).
    pub operating_rules: String,
    /// 应急措施及急救 (who to call, where the first-aid kit and the assembly point are).
    pub emergency: String,
    /// 交底人 (of the hiring department); empty: signed by hand.
    pub briefer: String,
    /// 安全员 (of the unit); empty: signed by hand.
    pub safety_officer: String,
    /// Everyone who receives the briefing: one signature row each, across as many pages as needed.
    pub roster: Vec<RosterRow>,
    /// Printed at the foot of every page; may be empty.
    pub printed: String,
}

/// The 计划外用工申报表 and 审批表 of one engagement (the same facts; the 审批表 adds the
/// departments' opinion boxes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ApplicationDoc {
    /// The engagement's number.
    pub number: String,
    /// 申报部门 (the hiring or contracting department).
    pub department: String,
    /// 用工类别: 外用工, 外包工 or 售后服务人员.
    pub category_label: String,
    /// 用工(承包)单位; empty for individual 外用工.
    pub unit_name: String,
    /// 工程(项目)名称.
    pub project: String,
    /// 作业内容.
    pub content: String,
    /// 作业地点及区域.
    pub place: String,
    /// 用工起止日期.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// 用工事由 (why outside labour is needed).
    pub reason: String,
    /// 安全风险抵押金 in fen.
    pub deposit_fen: i64,
    /// 申报人; empty: signed by hand.
    pub applicant: String,
    /// 申报日期.
    pub applied_on: Option<NaiveDate>,
    /// The people asked for (their count is the 用工人数).
    pub roster: Vec<RosterRow>,
    /// Who in 安全管理部 approved, and when; `None` leaves that box blank.
    pub approved_by: Option<String>,
    pub approved_at: Option<NaiveDate>,
    /// Printed at the foot of every page; may be empty.
    pub printed: String,
}

/// One line of the 外用工/外包工台帐: a person on an engagement, or the engagement alone when its
/// roster is empty (person fields empty). The ledger groups lines by department in the given order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct LedgerRow {
    /// 用工(发包)部门.
    pub department: String,
    /// The engagement's number (WY-/WB-/SH-YYYY-NNNN).
    pub engagement_number: String,
    /// 外用工, 外包工 or 售后服务人员.
    pub category_label: String,
    /// 单位; empty for individual 外用工.
    pub unit_name: String,
    /// 工程(项目)名称.
    pub project: String,
    /// 作业地点.
    pub place: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The engagement's state as users read it (待审核, 已批准, 已结束 …).
    pub state_label: String,
    /// 姓名; empty on an engagement line without people.
    pub person_name: String,
    /// The masked ID card number.
    pub id_number_masked: String,
    /// 工种.
    pub trade: String,
    /// 三级安全教育 as users read it (e.g. 已完成 24学时, 未完成).
    pub education: String,
    /// The special-operation certificate and its validity, e.g. "特种作业操作证 至2029-06-30"; may be empty.
    pub certificate: String,
    /// 安全风险抵押金 of the engagement, in fen.
    pub deposit_fen: i64,
    // --- incidents --- (the engagement's people figures, printed on its first line)
    /// People on the roster.
    pub roster_count: i64,
    /// Three-level education complete / not complete.
    pub education_complete: i64,
    pub education_incomplete: i64,
    /// The roster's person certificates in force / lapsed (validity or review).
    pub certificates_valid: i64,
    pub certificates_lapsed: i64,
    /// Entry checks at the gate this month.
    pub entry_checks_month: i64,
    /// 违规考核 penalties of the engagement, in fen.
    pub penalty_fen: i64,
    /// The deposit's balance, in fen.
    pub deposit_balance_fen: i64,
}

/// The forms that print blank, to fill in by hand (空白表单).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum BlankForm {
    /// 计划外用工申报表.
    Application,
    /// 计划外用工审批表.
    Approval,
}

impl BlankForm {
    pub fn label(self) -> &'static str {
        match self {
            BlankForm::Application => APPLICATION_TITLE,
            BlankForm::Approval => APPROVAL_TITLE,
        }
    }
}

/// `form` blank, with the company's name in its header; any signed-in user may print one.
pub async fn render_blank(store: &crate::db::Store, form: BlankForm) -> crate::error::Result<Vec<u8>> {
    let company = crate::settings::load(store).await?.company_name;
    match form {
        BlankForm::Application => application_pdf(&company, None),
        BlankForm::Approval => approval_pdf(&company, None),
    }
}

/// 一, 二, … 九十九: the numbering of Chinese section headings.
pub(crate) fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

/// 2026-12-01 → "2026年12月01日", as dates are written in an agreement.
pub(crate) fn long_date(day: NaiveDate) -> String {
    day.format("%Y年%m月%d日").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers_read_as_chinese() {
        let got: Vec<String> = [1, 9, 10, 11, 15, 20, 21, 99].into_iter().map(chinese_number).collect();
        assert_eq!(got, ["一", "九", "十", "十一", "十五", "二十", "二十一", "九十九"]);
    }
}
