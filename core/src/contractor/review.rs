//! The engagement's rules as pure functions: `decide(&Facts, &Who, command, reason)` says what a
//! command does (the next state, whether it accepts the handed-in documents, whether it records
//! the safety department's stamp), or why it is refused — in the rule's words where the rule has
//! them. No I/O; the use-cases in `engagement.rs` write what these decide.

use crate::error::{Error, Result};
use crate::keyed::keyed_enum;

use super::checklist::{ChecklistItemKind, ChecklistState, EngagementCategory};

keyed_enum!(
    EngagementState {
        /// Registered; documents being collected.
        Preparing = "preparing" / "资料准备",
        /// Before the safety department (待审核).
        Submitted = "submitted" / "待审核",
        /// A document was returned; back with the hiring department.
        Returned = "returned" / "已退回",
        /// Reviewed, stamped and signed by 安全管理部: may start.
        Approved = "approved" / "已审批",
        /// Working on site.
        Active = "active" / "用工中",
        Completed = "completed" / "已完工",
        Terminated = "terminated" / "已终止",
    }
);

impl EngagementState {
    pub fn is_ended(self) -> bool {
        matches!(self, EngagementState::Completed | EngagementState::Terminated)
    }

    /// The package has the safety department's approval in force.
    pub fn is_approved(self) -> bool {
        matches!(self, EngagementState::Approved | EngagementState::Active)
    }

    /// Documents may be handed in (before approval; after it a change reopens the review first).
    pub fn takes_documents(self) -> bool {
        matches!(self, EngagementState::Preparing | EngagementState::Submitted | EngagementState::Returned)
    }
}

keyed_enum!(
    /// What the hiring department and the safety department do with a package.
    EngagementCommand {
        Submit = "submit" / "提交安全审核",
        Approve = "approve" / "审批通过",
        Start = "start" / "开始用工(施工)",
        Complete = "complete" / "完工",
        Terminate = "terminate" / "终止",
    }
);

/// The rule's words for work before approval (管理规定: 对未经安全管理部审核批准而擅自雇佣、发包
/// … 及先用工后补手续,边用工边办手续 …).
pub const NOT_APPROVED: &str = "未经安全管理部审核批准,不准擅自雇佣、发包;严禁“先用工后补手续”“边用工边办手续”";

/// What a decision rests on.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub state: EngagementState,
    pub category: EngagementCategory,
    /// Every checklist item with its effective state (expiry applied).
    pub items: &'a [(ChecklistItemKind, ChecklistState)],
    pub unit_blacklisted: bool,
    /// 不转包、不分包 undertaking on file.
    pub no_subcontracting: bool,
}

/// Who asks.
#[derive(Debug, Clone, Copy)]
pub struct Who {
    /// The safety department (reviews, stamps, signs).
    pub reviewer: bool,
    /// The engagement belongs to the asker's own department.
    pub own_department: bool,
}

/// What a command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub to: EngagementState,
    /// Documents handed in become 已审核 (approval accepts what it approves).
    pub accept_submitted: bool,
    /// Record 安全管理部 stamped and signed, who and when.
    pub stamps: bool,
    /// Keep the end reason and time.
    pub ends: bool,
}

impl Outcome {
    fn to(state: EngagementState) -> Outcome {
        Outcome { to: state, accept_submitted: false, stamps: false, ends: false }
    }
}

fn state_error(state: EngagementState, what: &str) -> Error {
    Error::validation("state", format!("项目当前为“{}”,不能{what}", state.label()))
}

/// The items that block: "承包合同(协议)(缺)、治安五防协议书(退回)".
pub fn blocking(items: &[(ChecklistItemKind, ChecklistState)]) -> Vec<String> {
    items.iter().filter(|(_, s)| s.blocks()).map(|(k, s)| format!("{}({})", k.label(), s.label())).collect()
}

fn require_complete(facts: &Facts, what: &str) -> Result<()> {
    let blocking = blocking(facts.items);
    if blocking.is_empty() {
        return Ok(());
    }
    Err(Error::validation(
        "items",
        format!("资料清单尚未齐全,不能{what}:{}。资料缺、退回或过期时不算审批通过", blocking.join("、")),
    ))
}

fn require_unit_allowed(facts: &Facts) -> Result<()> {
    if facts.unit_blacklisted {
        return Err(Error::validation("unit_id", "承包单位已列入黑名单,不能雇佣或发包"));
    }
    Ok(())
}

pub fn decide(facts: &Facts, who: &Who, command: EngagementCommand, reason: &str) -> Result<Outcome> {
    use EngagementState::*;
    let state = facts.state;
    match command {
        EngagementCommand::Submit => {
            if !matches!(state, Preparing | Returned) {
                return Err(state_error(state, "提交审核"));
            }
            require_complete(facts, "提交审核")?;
            require_unit_allowed(facts)?;
            if facts.category == EngagementCategory::Outsourced && !facts.no_subcontracting {
                return Err(Error::validation(
                    "no_subcontracting",
                    "外包工须承诺独立承包、不转包、不分包,请先登记承包单位的承诺",
                ));
            }
            Ok(Outcome::to(Submitted))
        }
        EngagementCommand::Approve => {
            if !who.reviewer {
                return Err(Error::Forbidden("只有安全管理部可以审批外用(包)工手续".into()));
            }
            if who.own_department {
                return Err(Error::Forbidden("用工(发包)部门不能审批本部门的项目".into()));
            }
            if state != Submitted {
                return Err(match state {
                    Preparing | Returned => state_error(state, "审批(用工部门尚未提交审核)"),
                    _ => state_error(state, "审批"),
                });
            }
            require_complete(facts, "审批通过")?;
            require_unit_allowed(facts)?;
            Ok(Outcome { to: Approved, accept_submitted: true, stamps: true, ends: false })
        }
        EngagementCommand::Start => match state {
            Approved => Ok(Outcome::to(Active)),
            Active => Err(state_error(state, "重复开始")),
            Completed | Terminated => Err(state_error(state, "开始用工(施工)")),
            _ => {
                Err(Error::validation("state", format!("项目尚未经安全管理部审批,不能开始用工(施工)。{NOT_APPROVED}")))
            }
        },
        EngagementCommand::Complete => match state {
            Active => Ok(Outcome { ends: true, ..Outcome::to(Completed) }),
            _ => Err(state_error(state, "完工(只有用工中的项目可以完工)")),
        },
        EngagementCommand::Terminate => {
            if reason.trim().is_empty() {
                return Err(Error::validation("reason", "终止项目须填写终止原因"));
            }
            if state.is_ended() {
                return Err(state_error(state, "终止"));
            }
            Ok(Outcome { ends: true, ..Outcome::to(Terminated) })
        }
    }
}

/// A returned document sends a package under review back to the hiring department.
pub fn after_item_return(state: EngagementState) -> EngagementState {
    if state == EngagementState::Submitted { EngagementState::Returned } else { state }
}

/// Whether people may be put to work (上岗) on the engagement's roster.
pub fn may_work(state: EngagementState) -> Result<()> {
    match state {
        s if s.is_approved() => Ok(()),
        s if s.is_ended() => Err(state_error(s, "安排人员上岗")),
        _ => Err(Error::validation("working", format!("项目尚未经安全管理部审批,不能安排人员上岗。{NOT_APPROVED}"))),
    }
}

/// The state after the engagement's details are edited: a change of scope, place or dates after
/// approval needs a new review, so the package goes back before the safety department.
pub fn after_change(state: EngagementState, scope_changed: bool) -> Result<EngagementState> {
    if state.is_ended() {
        return Err(state_error(state, "修改"));
    }
    Ok(if state.is_approved() && scope_changed { EngagementState::Submitted } else { state })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChecklistItemKind as K;
    use ChecklistState as S;
    use EngagementState::*;

    fn facts(state: EngagementState, items: &[(K, S)]) -> Facts<'_> {
        Facts {
            state,
            category: EngagementCategory::Outsourced,
            items,
            unit_blacklisted: false,
            no_subcontracting: true,
        }
    }
    const SAFETY: Who = Who { reviewer: true, own_department: false };
    const HIRING: Who = Who { reviewer: false, own_department: true };

    #[test]
    fn every_state_and_command() {
        let done = [(K::Contract, S::Accepted), (K::Qualification, S::Submitted)];
        use EngagementCommand::*;
        // (state, command, who, next state or None)
        let table = [
            (Preparing, Submit, HIRING, Some(Submitted)),
            (Returned, Submit, HIRING, Some(Submitted)),
            (Submitted, Submit, HIRING, None),
            (Approved, Submit, HIRING, None),
            (Submitted, Approve, SAFETY, Some(Approved)),
            (Preparing, Approve, SAFETY, None),
            (Returned, Approve, SAFETY, None),
            (Approved, Approve, SAFETY, None),
            (Submitted, Approve, HIRING, None),
            (Approved, Start, HIRING, Some(Active)),
            (Preparing, Start, HIRING, None),
            (Submitted, Start, HIRING, None),
            (Returned, Start, HIRING, None),
            (Active, Start, HIRING, None),
            (Completed, Start, HIRING, None),
            (Active, Complete, HIRING, Some(Completed)),
            (Approved, Complete, HIRING, None),
            (Preparing, Terminate, HIRING, Some(Terminated)),
            (Active, Terminate, HIRING, Some(Terminated)),
            (Completed, Terminate, HIRING, None),
            (Terminated, Terminate, HIRING, None),
        ];
        for (state, command, who, want) in table {
            let got = decide(&facts(state, &done), &who, command, "合同解除").ok().map(|o| o.to);
            assert_eq!(got, want, "{state:?} {command:?}");
        }
    }

    #[test]
    fn a_missing_returned_or_expired_item_blocks_submission_and_approval() {
        for blocker in [S::Missing, S::Returned, S::Expired] {
            let items = [(K::Contract, S::Accepted), (K::SecurityAgreement, blocker)];
            for (state, command, who) in
                [(Preparing, EngagementCommand::Submit, HIRING), (Submitted, EngagementCommand::Approve, SAFETY)]
            {
                let err = decide(&facts(state, &items), &who, command, "").unwrap_err();
                assert_eq!(err.field(), Some("items"));
                let message = err.user_message();
                assert!(message.contains(&format!("治安五防协议书({})", blocker.label())), "{message}");
                assert!(!message.contains("承包合同"), "accepted items are not named: {message}");
            }
        }
    }

    #[test]
    fn approval_accepts_and_stamps() {
        let items = [(K::Contract, S::Submitted)];
        let outcome = decide(&facts(Submitted, &items), &SAFETY, EngagementCommand::Approve, "").unwrap();
        assert!(outcome.accept_submitted && outcome.stamps && !outcome.ends);
    }

    #[test]
    fn a_hiring_department_cannot_approve_and_safety_not_its_own() {
        let items = [(K::Contract, S::Submitted)];
        let f = facts(Submitted, &items);
        let err = decide(&f, &HIRING, EngagementCommand::Approve, "").unwrap_err();
        assert_eq!(err.code(), "forbidden");
        let own = Who { reviewer: true, own_department: true };
        let err = decide(&f, &own, EngagementCommand::Approve, "").unwrap_err();
        assert!(err.user_message().contains("不能审批本部门"), "{}", err.user_message());
    }

    #[test]
    fn work_before_approval_is_refused_with_the_rules_words() {
        for state in [Preparing, Submitted, Returned] {
            let err = decide(&facts(state, &[]), &HIRING, EngagementCommand::Start, "").unwrap_err();
            assert!(err.user_message().contains("先用工后补手续"), "{}", err.user_message());
            assert!(err.user_message().contains("边用工边办手续"));
            let err = may_work(state).unwrap_err();
            assert!(err.user_message().contains("先用工后补手续"), "{}", err.user_message());
        }
        assert!(may_work(Approved).is_ok() && may_work(Active).is_ok());
        assert!(may_work(Completed).is_err());
    }

    #[test]
    fn blacklist_and_subcontracting_undertaking() {
        let items = [(K::Contract, S::Submitted)];
        let mut f = facts(Preparing, &items);
        f.no_subcontracting = false;
        assert_eq!(decide(&f, &HIRING, EngagementCommand::Submit, "").unwrap_err().field(), Some("no_subcontracting"));
        f.category = EngagementCategory::AfterSales;
        assert!(decide(&f, &HIRING, EngagementCommand::Submit, "").is_ok(), "the undertaking is the 外包工's");
        let f = Facts { unit_blacklisted: true, ..facts(Submitted, &items) };
        assert!(decide(&f, &SAFETY, EngagementCommand::Approve, "").unwrap_err().user_message().contains("黑名单"));
    }

    #[test]
    fn terminating_needs_a_reason() {
        let err = decide(&facts(Active, &[]), &HIRING, EngagementCommand::Terminate, " ").unwrap_err();
        assert_eq!(err.field(), Some("reason"));
    }

    #[test]
    fn a_change_after_approval_reopens_the_review() {
        assert_eq!(after_change(Approved, true).unwrap(), Submitted);
        assert_eq!(after_change(Active, true).unwrap(), Submitted);
        assert_eq!(after_change(Approved, false).unwrap(), Approved, "a phone number is not the scope");
        assert_eq!(after_change(Preparing, true).unwrap(), Preparing);
        assert!(after_change(Completed, true).is_err());
        assert_eq!(after_item_return(Submitted), Returned);
        assert_eq!(after_item_return(Preparing), Preparing);
    }
}
