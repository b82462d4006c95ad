//! The complaint state machine of the after-sales rule (售后服务管理制度 二(二)), as a pure
//! function: given what is known about a complaint and a command, the next state or the list of
//! what is missing. No I/O; the use-cases gather the facts and apply the result.

use crate::keyed::keyed_enum;

keyed_enum!(
    /// 已登记 → 分析核实 → { 非我方原因: 已解释 → 结案 } | { 轻微: 备案 → 结案 |
    /// 严重/重大: 方案会签 → 落实跟踪 → 效果验证 → 结案 }; 撤销 from any open state; 结案 can be reopened.
    State {
        Registered = "registered" / "已登记",
        Analysing = "analysing" / "分析核实",
        Explained = "explained" / "已解释",
        Filed = "filed" / "备案",
        Approval = "approval" / "方案会签",
        Implementing = "implementing" / "落实跟踪",
        Verifying = "verifying" / "效果验证",
        Closed = "closed" / "结案",
        Cancelled = "cancelled" / "撤销",
    }
);

impl State {
    pub fn is_open(self) -> bool {
        !matches!(self, State::Closed | State::Cancelled)
    }
}

keyed_enum!(Category {
    /// 质量异常
    Quality = "quality" / "质量异常",
    /// 非质量异常(人为因素)
    NonQuality = "non_quality" / "非质量异常(人为)" | "非质量异常",
    /// 其他
    Other = "other" / "其他",
});

keyed_enum!(Severity {
    /// 轻微: registered and filed.
    Minor = "minor" / "轻微",
    /// 严重: handling form with every department's approval.
    Serious = "serious" / "严重",
    /// 重大: as serious, and the after-sales manager's own case (重大投诉及索赔).
    Major = "major" / "重大",
});

keyed_enum!(
    /// The commands that move a complaint from one state to another; the key is also the audit
    /// log's action.
    Command {
        StartAnalysis = "start_analysis" / "开始分析核实",
        ExplainNotOurFault = "explain_not_our_fault" / "判定非我方原因",
        File = "file" / "登记备案",
        SubmitForApproval = "submit_for_approval" / "提交会签",
        StartImplementation = "start_implementation" / "开始落实",
        StartVerification = "start_verification" / "进入效果验证",
        Close = "close" / "结案",
        Cancel = "cancel" / "撤销",
        Reopen = "reopen" / "重新打开",
    }
);

/// What the state machine needs to know about a complaint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub state: Option<State>,
    pub category: Option<Category>,
    pub severity: Option<Severity>,
    pub lines: usize,
    /// Quality complaints need 订单编号, 料号, 交运日期 and quantities on every line.
    pub lines_complete: bool,
    pub has_customer_demand: bool,
    pub has_cause_analysis: bool,
    pub our_fault: Option<bool>,
    pub has_appraisal: bool,
    pub responsibility_total: i64,
    pub has_remedy: bool,
    /// 生产部 and 技术部 have proposed their product measures.
    pub has_production_measures: bool,
    pub has_technical_measures: bool,
    /// 售后服务部 and 业务部 have both agreed the remedy as it stands.
    pub remedy_agreed: bool,
    /// The final solution agreed with the customer is recorded.
    pub has_customer_agreement: bool,
    pub approvals_required: usize,
    pub approvals_given: usize,
    pub approvals_rejected: usize,
    pub actions: usize,
    pub actions_open: usize,
    /// Actions done but not yet verified (effective or not).
    pub actions_unverified: usize,
    /// Actions verified ineffective that no new action follows up yet.
    pub actions_ineffective: usize,
    /// A minor complaint's decision on a corrective action; `None` undecided.
    pub corrective_needed: Option<bool>,
    pub has_no_corrective_reason: bool,
    pub contacts: usize,
    pub has_customer_feedback: bool,
    pub has_reason: bool,
}

/// Refused: the command does not apply in this state, or these things are missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
}

fn refuse(command: Command, missing: Vec<&str>) -> Refusal {
    Refusal { message: format!("不能{}:{}", command.label(), missing.join(";")) }
}

/// The next state for `command`, or what stands in the way.
pub fn decide(f: &Facts, command: Command) -> Result<State, Refusal> {
    let state = f.state.unwrap_or(State::Registered);
    let ours_minor = f.our_fault == Some(true) && f.severity == Some(Severity::Minor);
    let ours_serious = f.our_fault == Some(true) && matches!(f.severity, Some(Severity::Serious | Severity::Major));
    let wrong_state = |allowed: &str| Refusal {
        message: format!(
            "不能{}:投诉当前状态为“{}”,只有{}时可以{}",
            command.label(),
            state.label(),
            allowed,
            command.label()
        ),
    };
    let mut missing = Vec::new();
    let next = match command {
        Command::StartAnalysis => {
            if state != State::Registered {
                return Err(wrong_state("“已登记”"));
            }
            // Only a quality complaint is about products; a 人为 or 其他 one may have none.
            if f.lines == 0 && f.category == Some(Category::Quality) {
                missing.push("质量异常投诉至少需要一条产品明细");
            }
            if f.category == Some(Category::Quality) && !f.lines_complete {
                missing.push("质量异常投诉的每条明细须填写订单编号、料号、交运日期、数量和不良数量");
            }
            if !f.has_customer_demand {
                missing.push("尚未填写客户要求");
            }
            State::Analysing
        }
        Command::ExplainNotOurFault => {
            if state != State::Analysing {
                return Err(wrong_state("“分析核实”"));
            }
            if !f.has_cause_analysis {
                missing.push("尚未填写原因分析");
            }
            if f.our_fault != Some(false) {
                missing.push("分析结论须为“非我方原因”");
            }
            if !f.has_appraisal {
                missing.push("须填写鉴定结果和鉴定依据");
            }
            State::Explained
        }
        Command::File => {
            if state != State::Analysing {
                return Err(wrong_state("“分析核实”"));
            }
            if !f.has_cause_analysis {
                missing.push("尚未填写原因分析");
            }
            if !ours_minor {
                missing.push("只有判定为我方原因的轻微投诉可以登记备案,严重投诉须提交会签");
            }
            if f.responsibility_total != 100 {
                missing.push("责任归属比例合计须为100%");
            }
            match f.corrective_needed {
                None => missing.push("须判定是否需要采取纠正措施"),
                Some(true) if f.actions == 0 => missing.push("已判定需要纠正措施,尚未制定改善措施"),
                Some(false) if !f.has_no_corrective_reason => missing.push("不需要纠正措施时须说明理由"),
                _ => {}
            }
            State::Filed
        }
        Command::SubmitForApproval => {
            if state != State::Analysing {
                return Err(wrong_state("“分析核实”"));
            }
            if !f.has_cause_analysis {
                missing.push("尚未填写原因分析");
            }
            if !ours_serious {
                missing.push("只有判定为我方原因的严重或重大投诉需要会签");
            }
            if f.responsibility_total != 100 {
                missing.push("责任归属比例合计须为100%");
            }
            if !f.has_remedy {
                missing.push("尚未填写处理方案");
            }
            match (f.has_production_measures, f.has_technical_measures) {
                (false, false) => missing.push("生产部、技术部尚未提出产品解决措施"),
                (false, true) => missing.push("生产部尚未提出产品解决措施"),
                (true, false) => missing.push("技术部尚未提出产品解决措施"),
                (true, true) => {}
            }
            if f.has_remedy && !f.remedy_agreed {
                missing.push("处理办法尚未经售后服务部和业务部共同商定");
            }
            if !f.has_customer_agreement {
                missing.push("尚未记录与客户协商的最终解决办法");
            }
            if f.approvals_required == 0 {
                missing.push("尚未选择需要会签的部门");
            }
            State::Approval
        }
        Command::StartImplementation => {
            if state != State::Approval {
                return Err(wrong_state("“方案会签”"));
            }
            if f.approvals_rejected > 0 {
                missing.push("有部门驳回了处理方案,请修改方案后重新提交会签");
            } else if f.approvals_given < f.approvals_required {
                missing.push("还有部门未会签");
            }
            State::Implementing
        }
        Command::StartVerification => {
            if state != State::Implementing {
                return Err(wrong_state("“落实跟踪”"));
            }
            if f.actions == 0 {
                missing.push("尚未制定改善措施");
            } else if f.actions_open > 0 {
                missing.push("还有改善措施未完成");
            }
            if f.contacts == 0 {
                missing.push("尚无客户联系记录");
            }
            State::Verifying
        }
        Command::Close => {
            if !matches!(state, State::Explained | State::Filed | State::Verifying) {
                return Err(wrong_state("“已解释”“备案”或“效果验证”"));
            }
            if !f.has_customer_feedback {
                missing.push("尚未记录客户反馈意见");
            }
            if f.contacts == 0 {
                missing.push("尚无客户联系记录");
            }
            // On every path: the latest actions verified effective; an ineffective one needs a
            // new action (二(二)6, "措施的有效性进行验证").
            if f.actions_open > 0 {
                missing.push("还有改善措施未完成");
            }
            if f.actions_unverified > 0 {
                missing.push("还有改善措施未验证效果");
            }
            if f.actions_ineffective > 0 {
                missing.push("有改善措施验证无效,须制定新的改善措施并验证有效");
            }
            State::Closed
        }
        Command::Cancel => {
            if !state.is_open() {
                return Err(wrong_state("未结案且未撤销"));
            }
            if !f.has_reason {
                missing.push("须填写撤销原因");
            }
            State::Cancelled
        }
        Command::Reopen => {
            if state != State::Closed {
                return Err(wrong_state("“结案”"));
            }
            if !f.has_reason {
                missing.push("须填写重新打开的原因");
            }
            State::Analysing
        }
    };
    if missing.is_empty() { Ok(next) } else { Err(refuse(command, missing)) }
}

/// What a signature does to the complaint: a rejection sends the remedy back to 分析核实 to be
/// revised and submitted again as a new round (the rejected round stays on the record); all
/// approved leaves it in 方案会签 for 开始落实.
pub fn after_signature(state: State, tally: crate::approval::Tally) -> Option<State> {
    (state == State::Approval && tally.rejected > 0).then_some(State::Analysing)
}

/// The commands that would succeed now: the UI offers these buttons.
pub fn available(f: &Facts) -> Vec<Command> {
    // Cancel and reopen need a reason typed at the moment; offer them whenever the state allows.
    let with_reason = Facts { has_reason: true, ..f.clone() };
    Command::ALL.into_iter().filter(|c| decide(&with_reason, *c).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A complaint with everything filled in, in `state`.
    fn ready(state: State, severity: Severity, our_fault: bool) -> Facts {
        Facts {
            state: Some(state),
            category: Some(Category::Quality),
            severity: Some(severity),
            lines: 1,
            lines_complete: true,
            has_customer_demand: true,
            has_cause_analysis: true,
            our_fault: Some(our_fault),
            has_appraisal: !our_fault,
            responsibility_total: if our_fault { 100 } else { 0 },
            has_remedy: true,
            has_production_measures: true,
            has_technical_measures: true,
            remedy_agreed: true,
            has_customer_agreement: true,
            approvals_required: 2,
            approvals_given: 2,
            approvals_rejected: 0,
            actions: 1,
            actions_open: 0,
            actions_unverified: 0,
            actions_ineffective: 0,
            corrective_needed: Some(true),
            has_no_corrective_reason: false,
            contacts: 1,
            has_customer_feedback: true,
            has_reason: true,
        }
    }

    #[test]
    fn every_legal_transition() {
        use Command::*;
        use Severity::*;
        use State::*;
        let table = [
            (Registered, Minor, true, StartAnalysis, Analysing),
            (Analysing, Minor, false, ExplainNotOurFault, Explained),
            (Explained, Minor, false, Close, Closed),
            (Analysing, Minor, true, File, Filed),
            (Filed, Minor, true, Close, Closed),
            (Analysing, Serious, true, SubmitForApproval, Approval),
            (Analysing, Major, true, SubmitForApproval, Approval),
            (Approval, Serious, true, StartImplementation, Implementing),
            (Implementing, Serious, true, StartVerification, Verifying),
            (Verifying, Serious, true, Close, Closed),
            (Closed, Serious, true, Reopen, Analysing),
        ];
        for (from, severity, ours, command, to) in table {
            assert_eq!(decide(&ready(from, severity, ours), command), Ok(to), "{from:?} --{command:?}-->");
        }
        for from in [Registered, Analysing, Explained, Filed, Approval, Implementing, Verifying] {
            assert_eq!(decide(&ready(from, Serious, true), Cancel), Ok(Cancelled), "cancel from {from:?}");
        }
    }

    #[test]
    fn every_illegal_state_is_refused_with_the_current_state_named() {
        let commands = Command::ALL;
        let mut refused = 0;
        for state in State::ALL {
            for command in commands {
                // With every fact in place, only the state can stand in the way.
                let legal = [true, false]
                    .into_iter()
                    .flat_map(|ours| [Severity::Minor, Severity::Serious].map(|s| (ours, s)))
                    .any(|(ours, s)| decide(&ready(state, s, ours), command).is_ok());
                if !legal {
                    let err = decide(&ready(state, Severity::Serious, true), command).unwrap_err();
                    assert!(err.message.contains(state.label()), "{state:?}/{command:?}: {}", err.message);
                    refused += 1;
                }
            }
        }
        assert_eq!(refused, 9 * 9 - 17, "81 pairs, 17 legal: 10 transitions and 7 cancels");
    }

    #[test]
    fn refusals_say_what_is_missing() {
        let mut f = ready(State::Registered, Severity::Minor, true);
        f.lines_complete = false;
        f.has_customer_demand = false;
        let err = decide(&f, Command::StartAnalysis).unwrap_err();
        assert_eq!(
            err.message,
            "不能开始分析核实:质量异常投诉的每条明细须填写订单编号、料号、交运日期、数量和不良数量;尚未填写客户要求"
        );
        // Non-quality complaints do not need the order data, nor a product line at all.
        f.category = Some(Category::NonQuality);
        f.has_customer_demand = true;
        assert_eq!(decide(&f, Command::StartAnalysis), Ok(State::Analysing));
        f.lines = 0;
        assert_eq!(decide(&f, Command::StartAnalysis), Ok(State::Analysing));
        f.category = Some(Category::Other);
        assert_eq!(decide(&f, Command::StartAnalysis), Ok(State::Analysing));
        f.category = Some(Category::Quality);
        f.lines_complete = true;
        assert_eq!(
            decide(&f, Command::StartAnalysis).unwrap_err().message,
            "不能开始分析核实:质量异常投诉至少需要一条产品明细"
        );

        let mut f = ready(State::Analysing, Severity::Serious, true);
        f.responsibility_total = 90;
        f.approvals_required = 0;
        let err = decide(&f, Command::SubmitForApproval).unwrap_err();
        assert!(err.message.contains("责任归属比例合计须为100%") && err.message.contains("尚未选择需要会签的部门"));

        let mut f = ready(State::Analysing, Severity::Serious, true);
        f.has_technical_measures = false;
        f.remedy_agreed = false;
        f.has_customer_agreement = false;
        assert_eq!(
            decide(&f, Command::SubmitForApproval).unwrap_err().message,
            "不能提交会签:技术部尚未提出产品解决措施;处理办法尚未经售后服务部和业务部共同商定;尚未记录与客户协商的最终解决办法"
        );

        let f = ready(State::Analysing, Severity::Serious, true);
        assert!(decide(&f, Command::File).unwrap_err().message.contains("严重投诉须提交会签"));
        let f = ready(State::Analysing, Severity::Minor, true);
        assert!(decide(&f, Command::SubmitForApproval).is_err(), "minor cases are filed, not signed");

        let mut f = ready(State::Approval, Severity::Serious, true);
        f.approvals_given = 1;
        assert!(decide(&f, Command::StartImplementation).unwrap_err().message.contains("还有部门未会签"));
        f.approvals_rejected = 1;
        assert!(decide(&f, Command::StartImplementation).unwrap_err().message.contains("驳回"));

        let mut f = ready(State::Verifying, Severity::Serious, true);
        f.has_customer_feedback = false;
        f.actions_unverified = 1;
        let err = decide(&f, Command::Close).unwrap_err();
        assert_eq!(err.message, "不能结案:尚未记录客户反馈意见;还有改善措施未验证效果");

        let mut f = ready(State::Closed, Severity::Serious, true);
        f.has_reason = false;
        assert_eq!(decide(&f, Command::Reopen).unwrap_err().message, "不能重新打开:须填写重新打开的原因");
    }

    #[test]
    fn a_rejection_returns_to_analysis() {
        use crate::approval::Tally;
        let rejected = Tally { required: 3, approved: 1, rejected: 1 };
        assert_eq!(after_signature(State::Approval, rejected), Some(State::Analysing));
        assert_eq!(after_signature(State::Approval, Tally { required: 3, approved: 2, rejected: 0 }), None);
        assert_eq!(after_signature(State::Implementing, rejected), None);
    }

    #[test]
    fn command_keys_match_serde() {
        for command in Command::ALL {
            assert_eq!(serde_json::to_value(command).unwrap(), command.key());
        }
    }

    #[test]
    fn available_commands_follow_the_branch() {
        let f = ready(State::Analysing, Severity::Minor, true);
        assert_eq!(available(&f), [Command::File, Command::Cancel]);
        let f = ready(State::Analysing, Severity::Serious, false);
        assert_eq!(available(&f), [Command::ExplainNotOurFault, Command::Cancel]);
        let f = ready(State::Cancelled, Severity::Serious, true);
        assert!(available(&f).is_empty());
    }
}
