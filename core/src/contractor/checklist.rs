//! The document checklist of an engagement, exactly as the rule lists it per category, and the
//! pure rules of an item: what uploading, accepting and returning do to it, and when it counts
//! as expired. No I/O here; the use-cases write what these decide.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::keyed::keyed_enum;

keyed_enum!(
    /// 外用工 / 外包工 / 售后服务人员 (the rule's three categories, §3).
    EngagementCategory {
        /// Temporary and unplanned labour, visitors, trainees … (numbered WY-).
        Temporary = "temporary" / "外用工",
        /// Staff of an independent legal-person unit contracting work (WB-).
        Outsourced = "outsourced" / "外包工",
        /// A supplier's staff doing their own company's service task (SH-).
        AfterSales = "after_sales" / "售后服务人员" | "售后服务",
    }
);

impl EngagementCategory {
    /// The number's prefix: WY-2026-0001, WB-…, SH-….
    pub fn prefix(self) -> &'static str {
        match self {
            EngagementCategory::Temporary => "WY",
            EngagementCategory::Outsourced => "WB",
            EngagementCategory::AfterSales => "SH",
        }
    }

    /// Whether an engagement of this category names a unit (an individual 外用工 has none).
    pub fn needs_unit(self) -> bool {
        !matches!(self, EngagementCategory::Temporary)
    }

    /// The checklist the rule sets for the category, in the rule's order.
    pub fn checklist(self) -> &'static [ChecklistItemKind] {
        use ChecklistItemKind::*;
        match self {
            // 外包工安全审查程序: the eight documents, reviewed and stamped by 安全管理部.
            EngagementCategory::Outsourced => &[
                Contract,
                LabourApplication,
                LabourApproval,
                SecurityAgreement,
                SafetyAgreement,
                ConstructionPlan,
                SafetyBriefing,
                Qualification,
            ],
            // 售后服务人员: filed with the safety department; supervised under the 安全协定.
            EngagementCategory::AfterSales => &[ServiceFiling, SafetyAccord],
            // 外用工安全管理程序: training and examination for the post, the ledger and archive,
            // registration with the safety department, three-level education before work.
            EngagementCategory::Temporary => &[LedgerArchive, PostTraining, SafetyFiling, ThreeLevelEducation],
        }
    }
}

keyed_enum!(
    /// One document of a checklist.
    ChecklistItemKind {
        Contract = "contract" / "承包合同(协议)",
        LabourApplication = "labour_application" / "计划外用工申报表",
        LabourApproval = "labour_approval" / "计划外用工审批表",
        SecurityAgreement = "security_agreement" / "治安五防协议书",
        SafetyAgreement = "safety_agreement" / "外用(包)工安全协议书(一式四份)",
        ConstructionPlan = "construction_plan" / "工程安全施工方案",
        SafetyBriefing = "safety_briefing" / "安全技术交底单",
        Qualification = "qualification" / "本单位相关资质证明",
        ServiceFiling = "service_filing" / "售后服务人员安全管理备案",
        SafetyAccord = "safety_accord" / "安全协定",
        LedgerArchive = "ledger_archive" / "外用工台帐、档案",
        PostTraining = "post_training" / "岗位安全技术培训考核合格记录",
        SafetyFiling = "safety_filing" / "安全管理部门登记备案",
        ThreeLevelEducation = "three_level_education" / "三级安全教育记录",
    }
);

impl ChecklistItemKind {
    /// Documents the program prints from the engagement (to come back signed as scans).
    pub fn printable(self) -> bool {
        matches!(self, ChecklistItemKind::SafetyAgreement | ChecklistItemKind::SafetyBriefing)
    }
}

keyed_enum!(
    /// 缺 / 已交 / 已审核 / 退回 / 过期.
    ChecklistState {
        Missing = "missing" / "缺",
        Submitted = "submitted" / "已交",
        Accepted = "accepted" / "已审核",
        Returned = "returned" / "退回",
        Expired = "expired" / "过期",
    }
);

impl ChecklistState {
    /// Blocks approval: missing, returned or expired.
    pub fn blocks(self) -> bool {
        matches!(self, ChecklistState::Missing | ChecklistState::Returned | ChecklistState::Expired)
    }
}

/// An item's state on `today`: a document handed in or accepted counts as expired once its
/// validity has passed, or — for the unit's qualification proofs — while one of the unit's
/// certificates has lapsed.
pub fn effective_state(
    stored: ChecklistState,
    kind: ChecklistItemKind,
    valid_to: Option<NaiveDate>,
    unit_certificate_lapsed: bool,
    today: NaiveDate,
) -> ChecklistState {
    let handed_in = matches!(stored, ChecklistState::Submitted | ChecklistState::Accepted);
    let lapsed =
        valid_to.is_some_and(|d| d < today) || (kind == ChecklistItemKind::Qualification && unit_certificate_lapsed);
    if handed_in && lapsed { ChecklistState::Expired } else { stored }
}

/// What happens to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemCommand {
    /// Scans handed in (by the hiring department or the safety department).
    Upload,
    /// The safety department accepts the document.
    Accept,
    /// The safety department returns it, with the reason.
    Return,
}

/// The item's next state, or why not. `state` is the item's effective state.
pub fn decide_item(state: ChecklistState, command: ItemCommand, reason: &str) -> Result<ChecklistState> {
    use ChecklistState::*;
    let refuse = |what: &str| Err(Error::validation("state", format!("资料当前为“{}”,不能{what}", state.label())));
    match command {
        ItemCommand::Upload => match state {
            Accepted => refuse("再上传(已审核的资料如需更换,请安全管理部先退回)"),
            _ => Ok(Submitted),
        },
        ItemCommand::Accept => match state {
            Submitted => Ok(Accepted),
            _ => refuse("审核通过(只有已交的资料可以审核)"),
        },
        ItemCommand::Return => {
            if reason.trim().is_empty() {
                return Err(Error::validation("reason", "退回资料须填写退回原因"));
            }
            match state {
                Submitted | Accepted | Expired => Ok(Returned),
                _ => refuse("退回(只有已交或已审核的资料可以退回)"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChecklistState::*;

    #[test]
    fn checklists_follow_the_rule() {
        let outsourced: Vec<&str> = EngagementCategory::Outsourced.checklist().iter().map(|k| k.label()).collect();
        assert_eq!(
            outsourced,
            [
                "承包合同(协议)",
                "计划外用工申报表",
                "计划外用工审批表",
                "治安五防协议书",
                "外用(包)工安全协议书(一式四份)",
                "工程安全施工方案",
                "安全技术交底单",
                "本单位相关资质证明"
            ]
        );
        assert_eq!(EngagementCategory::AfterSales.checklist().len(), 2);
        assert!(EngagementCategory::Temporary.checklist().contains(&ChecklistItemKind::ThreeLevelEducation));
        assert!(!EngagementCategory::Temporary.needs_unit() && EngagementCategory::Outsourced.needs_unit());
        assert_eq!(EngagementCategory::ALL.map(|c| c.prefix()), ["WY", "WB", "SH"]);
    }

    #[test]
    fn item_transitions_table() {
        let table = [
            (Missing, ItemCommand::Upload, Some(Submitted)),
            (Returned, ItemCommand::Upload, Some(Submitted)),
            (Expired, ItemCommand::Upload, Some(Submitted)),
            (Submitted, ItemCommand::Upload, Some(Submitted)),
            (Accepted, ItemCommand::Upload, None),
            (Submitted, ItemCommand::Accept, Some(Accepted)),
            (Missing, ItemCommand::Accept, None),
            (Returned, ItemCommand::Accept, None),
            (Expired, ItemCommand::Accept, None),
            (Accepted, ItemCommand::Accept, None),
            (Submitted, ItemCommand::Return, Some(Returned)),
            (Accepted, ItemCommand::Return, Some(Returned)),
            (Expired, ItemCommand::Return, Some(Returned)),
            (Missing, ItemCommand::Return, None),
            (Returned, ItemCommand::Return, None),
        ];
        for (from, command, want) in table {
            let got = decide_item(from, command, "扫描件不清晰").ok();
            assert_eq!(got, want, "{from:?} {command:?}");
        }
        let err = decide_item(Submitted, ItemCommand::Return, "  ").unwrap_err();
        assert_eq!(err.field(), Some("reason"));
    }

    #[test]
    fn expiry_is_a_matter_of_the_date() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let kind = ChecklistItemKind::Contract;
        assert_eq!(effective_state(Accepted, kind, Some(day(30)), false, day(30)), Accepted, "valid on its last day");
        assert_eq!(effective_state(Accepted, kind, Some(day(29)), false, day(30)), Expired);
        assert_eq!(effective_state(Missing, kind, Some(day(1)), false, day(30)), Missing, "missing stays missing");
        assert_eq!(
            effective_state(Submitted, kind, None, true, day(30)),
            Submitted,
            "only qualifications follow the unit"
        );
        let q = ChecklistItemKind::Qualification;
        assert_eq!(effective_state(Submitted, q, None, true, day(30)), Expired);
        assert!(Missing.blocks() && Returned.blocks() && Expired.blocks());
        assert!(!Submitted.blocks() && !Accepted.blocks());
    }
}
