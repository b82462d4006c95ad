//! 入场资格审查: the site-entry check at the gate (issue 10, `domain/contractor-safety.md` §6).
//!
//! Three layers: `load_dossier` reads every fact the rules need in a few indexed queries;
//! `check` is PURE — the rules in the order of §6, every failing one reported, never only the
//! first; `check_entry` finds the person and the engagement, checks and logs the check in
//! `entry_check`. An override (放行) is a new row that names the check it overrides.
//!
//! The ID number is personal data: it never goes into a message, the audit log or `tracing`;
//! for a person nobody registered only its masked form is stored.
//!
//! Boundaries (decided, tested): a certificate is valid through its `valid_to` inclusive; a
//! review due on the day is not yet overdue; "within N days" includes day N (a review due in
//! exactly 60 days warns, an engagement ending in exactly 7 days warns).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::checklist::{ChecklistItemKind, ChecklistState, EngagementCategory};
pub use super::education::ClassLevel;
use super::education::{Attended, standing};
use super::review::EngagementState;
use super::{id_number, worker};
use crate::account::{Actor, Permission};
use crate::audit::{Action, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::settings::SafetyRules;
use crate::write::Write;

keyed_enum!(
    /// The answer at the gate.
    EntryResult {
        Allow = "allow" / "准许入场",
        AllowWithWarning = "allow_with_warning" / "准许入场(有提醒)",
        Deny = "deny" / "禁止入场",
        AllowWithEscort = "allow_with_escort" / "需陪同入场",
    }
);

keyed_enum!(
    /// What a reason does to the answer.
    ReasonSeverity {
        Deny = "deny" / "禁止",
        Warning = "warning" / "提醒",
        Escort = "escort" / "陪同",
    }
);

keyed_enum!(
    /// The checks of §6, in their order: the printed sheet lists each with 通过 or its reasons.
    EntryRule {
        Identity = "identity" / "身份已登记",
        Blacklist = "blacklist" / "未列入黑名单(个人及单位)",
        Package = "package" / "项目手续经安全管理部审批",
        Agreement = "agreement" / "安全协议(协定)在有效期内",
        UnitCertificates = "unit_certificates" / "单位资质证照有效",
        Roster = "roster" / "在本项目人员名单上",
        Education = "education" / "三级安全教育完成(学时、考试)",
        Retraining = "retraining" / "年度再培训",
        Reeducation = "reeducation" / "换岗、离岗后重新教育",
        SpecialCertificate = "special_certificate" / "特种作业持证上岗",
        Dates = "dates" / "在项目用工期限内",
        Escort = "escort" / "参观及售后服务人员陪同",
    }
);

/// One reason of a verdict: a stable code for the log and the safety department's counts, and a
/// Chinese sentence with the facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Reason {
    pub rule: EntryRule,
    pub code: String,
    pub message: String,
    pub severity: ReasonSeverity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Verdict {
    pub result: EntryResult,
    /// Every failing check and every warning, in the order of the checks.
    pub reasons: Vec<Reason>,
    /// The escort named for a visitor or after-sales person.
    pub escort: String,
}

/// The person as the gate needs them.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerFacts {
    pub id: i64,
    pub name: String,
    /// temporary / outsourced / after_sales
    pub category: String,
    pub unit_name: Option<String>,
    pub unit_blacklisted: bool,
    pub unit_blacklist_reason: String,
    pub special_class: String,
    pub blacklisted: bool,
    pub blacklist_reason: String,
    pub post_changed_on: Option<NaiveDate>,
}

/// The engagement checked against, with its agreement item and whether the person is on its roster.
#[derive(Debug, Clone, PartialEq)]
pub struct EngagementFacts {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub category: EngagementCategory,
    pub state: EngagementState,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub high_risk: bool,
    pub visit: bool,
    pub escort: String,
    pub unit_name: Option<String>,
    pub unit_blacklisted: bool,
    pub unit_blacklist_reason: String,
    /// The 外用(包)工安全协议书 (外包工) or 安全协定 (售后服务人员) item; `None` when the category has none.
    pub agreement: Option<AgreementFacts>,
    pub on_roster: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgreementFacts {
    pub kind: ChecklistItemKind,
    pub state: ChecklistState,
    pub valid_to: Option<NaiveDate>,
}

/// A certificate of the unit (营业执照, 安全生产许可证 …); no end date: 长期.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitCertificateFacts {
    pub name: String,
    pub number: String,
    pub valid_to: Option<NaiveDate>,
}

/// One class the person attended.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassFacts {
    pub level: ClassLevel,
    pub held_on: NaiveDate,
    /// 学时 in tenths.
    pub hours_tenths: i64,
    /// `None`: not examined yet.
    pub score: Option<i64>,
    pub pass_mark: i64,
}

impl ClassFacts {
    pub fn passed(&self) -> bool {
        self.score.is_some_and(|s| s >= self.pass_mark)
    }
}

/// A certificate of the person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonCertificateFacts {
    /// special_operation / special_equipment
    pub kind: String,
    pub class: String,
    pub number: String,
    pub valid_to: NaiveDate,
    pub review_due_on: NaiveDate,
}

impl PersonCertificateFacts {
    fn label(&self) -> String {
        let kind =
            if self.kind == "special_equipment" { "特种设备作业人员证" } else { "特种作业操作证" };
        format!("{kind}({})", self.class)
    }
}

/// Every fact the rules need about one person, one engagement and one date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dossier {
    /// `None`: the ID number belongs to nobody registered.
    pub worker: Option<WorkerFacts>,
    /// `None`: no engagement found for the person (on no current roster).
    pub engagement: Option<EngagementFacts>,
    /// Of the engagement's unit (or, without an engagement, the person's).
    pub unit_certificates: Vec<UnitCertificateFacts>,
    pub classes: Vec<ClassFacts>,
    pub certificates: Vec<PersonCertificateFacts>,
    /// The last day the person was let in before the date checked (for "a year away").
    pub last_allowed_entry: Option<NaiveDate>,
    /// The masked ID number, for the message about a person nobody registered.
    pub id_number_masked: String,
}

struct Reasons(Vec<Reason>);

impl Reasons {
    fn push(&mut self, rule: EntryRule, severity: ReasonSeverity, code: &str, message: String) {
        self.0.push(Reason { rule, code: code.into(), message, severity });
    }
    fn deny(&mut self, rule: EntryRule, code: &str, message: String) {
        self.push(rule, ReasonSeverity::Deny, code, message);
    }
    fn warn(&mut self, rule: EntryRule, code: &str, message: String) {
        self.push(rule, ReasonSeverity::Warning, code, message);
    }
}

/// The check itself: pure, every rule in the order of §6, all failures reported.
pub fn check(d: &Dossier, rules: &SafetyRules, on: NaiveDate) -> Verdict {
    let mut r = Reasons(Vec::new());
    let Some(w) = &d.worker else {
        r.deny(
            EntryRule::Identity,
            "identity_unregistered",
            format!("身份证号 {} 未登记:该人员不在外用(包)工人员档案中,不得入场", d.id_number_masked),
        );
        return verdict(r.0, String::new());
    };
    let days = |until: NaiveDate| (until - on).num_days();

    // Not blacklisted: the person, the engagement's unit, the person's own unit.
    if w.blacklisted {
        r.deny(
            EntryRule::Blacklist,
            "worker_blacklisted",
            with_reason(format!("{}已被列入黑名单", w.name), &w.blacklist_reason),
        );
    }
    let unit_blacklist = match &d.engagement {
        Some(e) if e.unit_blacklisted => {
            Some((e.unit_name.clone().unwrap_or_default(), e.unit_blacklist_reason.clone()))
        }
        _ if w.unit_blacklisted => Some((w.unit_name.clone().unwrap_or_default(), w.unit_blacklist_reason.clone())),
        _ => None,
    };
    if let Some((unit, why)) = unit_blacklist {
        r.deny(EntryRule::Blacklist, "unit_blacklisted", with_reason(format!("所属单位{unit}已被列入黑名单"), &why));
    }

    if let Some(e) = &d.engagement {
        // The package approved by 安全管理部 and not ended.
        if !e.state.is_approved() {
            r.deny(
                EntryRule::Package,
                "package_not_approved",
                format!("项目 {} 的手续未经安全管理部审批通过(当前:{}),不得入场", e.number, e.state.label()),
            );
        }
        // The agreement in force on the date.
        if let Some(a) = &e.agreement {
            let name = agreement_name(a.kind);
            if a.state != ChecklistState::Accepted {
                r.deny(
                    EntryRule::Agreement,
                    "agreement_not_in_force",
                    format!("项目 {} 的{name}未经安全管理部审核(当前:{})", e.number, a.state.label()),
                );
            } else if let Some(to) = a.valid_to.filter(|to| *to < on) {
                r.deny(
                    EntryRule::Agreement,
                    "agreement_not_in_force",
                    format!("项目 {} 的{name}已于 {to} 到期", e.number),
                );
            }
        }
    }

    // The unit's certificates.
    for c in &d.unit_certificates {
        let Some(to) = c.valid_to else { continue };
        if to < on {
            r.deny(
                EntryRule::UnitCertificates,
                "unit_certificate_expired",
                format!("所属单位的{}({})已于 {to} 过期", c.name, c.number),
            );
        } else if days(to) <= rules.warn_certificate_days {
            r.warn(
                EntryRule::UnitCertificates,
                "unit_certificate_expiring",
                format!("所属单位的{}({})将于 {to} 到期(还有 {} 天)", c.name, c.number, days(to)),
            );
        }
    }

    // On this engagement's roster: anyone else may be a hidden 转包/分包.
    match &d.engagement {
        None => r.deny(
            EntryRule::Roster,
            "not_on_roster",
            format!("{}不在任何在用项目的人员名单上,可能为转包、分包人员,须核实后方可入场", w.name),
        ),
        Some(e) if !e.on_roster => r.deny(
            EntryRule::Roster,
            "not_on_roster",
            format!("{}不在项目 {} 的人员名单上,可能为转包、分包人员,须核实后方可入场", w.name, e.number),
        ),
        Some(_) => {}
    }

    // 三级安全教育: each level passed, enough 学时 before the job.
    let high_risk = d.engagement.as_ref().is_some_and(|e| e.high_risk);
    let pre_job = [ClassLevel::Company, ClassLevel::Workshop, ClassLevel::Team];
    let mut missing = Vec::new();
    for level in pre_job {
        let attended: Vec<&ClassFacts> = d.classes.iter().filter(|c| c.level == level && c.held_on <= on).collect();
        if attended.iter().any(|c| c.passed()) {
            continue;
        }
        match attended.iter().filter(|c| c.score.is_some()).max_by_key(|c| c.held_on) {
            Some(c) => missing.push(format!(
                "{}考试未通过({} 分,及格 {} 分)",
                level.label(),
                c.score.unwrap_or_default(),
                c.pass_mark
            )),
            None if !attended.is_empty() => missing.push(format!("{}尚未考试", level.label())),
            None => missing.push(format!("缺{}", level.label())),
        }
    }
    if !missing.is_empty() {
        r.deny(
            EntryRule::Education,
            "education_incomplete",
            format!("三级安全教育未完成:{};未经三级安全教育,不准上岗", missing.join("、")),
        );
    }
    // 学时, yearly re-training and re-education: the person's standing as the education module
    // computes it (one rule for the person's page, the safety department's list and the gate).
    let attended: Vec<Attended> = d
        .classes
        .iter()
        .map(|c| Attended { level: c.level, held_on: c.held_on, hours_tenths: c.hours_tenths, passed: c.passed() })
        .collect();
    let standing = standing(&attended, rules, high_risk, w.post_changed_on, d.last_allowed_entry, on);
    for issue in &standing.issues {
        let (rule, code) = match issue.code.as_str() {
            "education_hours_short" => (EntryRule::Education, "education_hours_short"),
            "retraining_short" => (EntryRule::Retraining, "retraining_due"),
            "reeducation_after_post_change" | "reeducation_after_absence" => {
                (EntryRule::Reeducation, "reeducation_due")
            }
            // Each level present and passed: said above with the scores.
            _ => continue,
        };
        let message = match code {
            "education_hours_short" => format!("{};未经三级安全教育,不准上岗", issue.message),
            _ => issue.message.clone(),
        };
        r.deny(rule, code, message);
    }

    // A special trade: a valid certificate of that class, its review not overdue.
    if !w.special_class.is_empty() {
        let of_class: Vec<&PersonCertificateFacts> =
            d.certificates.iter().filter(|c| c.class == w.special_class).collect();
        let valid = of_class.iter().filter(|c| c.valid_to >= on && c.review_due_on >= on).max_by_key(|c| c.valid_to);
        match valid {
            Some(c) => {
                if days(c.valid_to) <= rules.warn_certificate_days {
                    r.warn(
                        EntryRule::SpecialCertificate,
                        "special_certificate_expiring",
                        format!(
                            "{}(编号 {})将于 {} 到期(还有 {} 天)",
                            c.label(),
                            c.number,
                            c.valid_to,
                            days(c.valid_to)
                        ),
                    );
                }
                if days(c.review_due_on) <= rules.warn_review_days {
                    r.warn(
                        EntryRule::SpecialCertificate,
                        "special_review_due",
                        format!(
                            "{}(编号 {})应于 {} 前复审(还有 {} 天)",
                            c.label(),
                            c.number,
                            c.review_due_on,
                            days(c.review_due_on)
                        ),
                    );
                }
            }
            None => match of_class.iter().max_by_key(|c| c.valid_to) {
                None => r.deny(
                    EntryRule::SpecialCertificate,
                    "special_certificate_missing",
                    format!("特种作业({})须持证上岗:未登记该类别的证书", w.special_class),
                ),
                Some(c) if c.valid_to < on => r.deny(
                    EntryRule::SpecialCertificate,
                    "special_certificate_expired",
                    format!("{}(编号 {})已于 {} 过期", c.label(), c.number, c.valid_to),
                ),
                Some(c) => r.deny(
                    EntryRule::SpecialCertificate,
                    "special_review_overdue",
                    format!("{}(编号 {})应于 {} 复审,逾期未复审,证书失效", c.label(), c.number, c.review_due_on),
                ),
            },
        }
    }

    let mut escort = String::new();
    if let Some(e) = &d.engagement {
        // Inside the engagement's dates.
        if on < e.start_date || on > e.end_date {
            r.deny(
                EntryRule::Dates,
                "outside_engagement_dates",
                format!("{on} 不在项目 {} 的用工期限({} 至 {})内", e.number, e.start_date, e.end_date),
            );
        } else if days(e.end_date) <= rules.warn_engagement_end_days {
            r.warn(
                EntryRule::Dates,
                "engagement_ending",
                format!("项目 {} 将于 {} 结束(还有 {} 天)", e.number, e.end_date, days(e.end_date)),
            );
        }
        // Visitors and after-sales staff: only with the escort the hiring department named.
        let after_sales = e.category == EngagementCategory::AfterSales || w.category == "after_sales";
        if e.visit || after_sales {
            let who = if e.visit { "参观、考察、调研人员" } else { "售后服务人员" };
            if e.escort.trim().is_empty() {
                r.deny(
                    EntryRule::Escort,
                    "escort_missing",
                    format!("{who}须由用工部门指定陪同人员,项目 {} 未指定陪同人", e.number),
                );
            } else {
                escort = e.escort.trim().to_owned();
                r.push(
                    EntryRule::Escort,
                    ReasonSeverity::Escort,
                    "escort_required",
                    format!("{who}须由陪同人员{escort}陪同入场"),
                );
            }
        }
    }
    verdict(r.0, escort)
}

/// What a person must meet to be put to work (上岗) on a roster, whatever day they come to the
/// gate: nobody blacklisted, 「未经三级安全教育,不准上岗;特殊工种必须持证上岗」, re-training
/// and re-education when due. The package's approval is the roster's own check.
const FIT_FOR_WORK: [EntryRule; 5] = [
    EntryRule::Blacklist,
    EntryRule::Education,
    EntryRule::Retraining,
    EntryRule::Reeducation,
    EntryRule::SpecialCertificate,
];

/// Refuses to put the registered person `worker_id` to work on `engagement_id` on `on` unless the
/// gate's own check finds nothing under [`FIT_FOR_WORK`]; the message names the person and every
/// reason, in the gate's words. One rule for the roster and the gate.
pub async fn require_fit_for_work(
    conn: &mut SqliteConnection,
    worker_id: i64,
    engagement_id: i64,
    rules: &SafetyRules,
    on: NaiveDate,
) -> Result<()> {
    let dossier = load_dossier(conn, worker_id, Some(engagement_id), on).await?;
    let verdict = check(&dossier, rules, on);
    let reasons: Vec<&str> = verdict
        .reasons
        .iter()
        .filter(|r| r.severity == ReasonSeverity::Deny && FIT_FOR_WORK.contains(&r.rule))
        .map(|r| r.message.as_str())
        .collect();
    if reasons.is_empty() {
        return Ok(());
    }
    let name = dossier.worker.map(|w| w.name).unwrap_or_default();
    Err(Error::validation("working", format!("{name}不能上岗:{}", reasons.join(";"))))
}

fn with_reason(text: String, why: &str) -> String {
    if why.trim().is_empty() { format!("{text},不得入场") } else { format!("{text}({}),不得入场", why.trim()) }
}

fn agreement_name(kind: ChecklistItemKind) -> &'static str {
    match kind {
        ChecklistItemKind::SafetyAccord => "安全协定",
        _ => "外用(包)工安全协议书",
    }
}

fn verdict(reasons: Vec<Reason>, escort: String) -> Verdict {
    let has = |s: ReasonSeverity| reasons.iter().any(|r| r.severity == s);
    let result = if has(ReasonSeverity::Deny) {
        EntryResult::Deny
    } else if has(ReasonSeverity::Escort) {
        EntryResult::AllowWithEscort
    } else if has(ReasonSeverity::Warning) {
        EntryResult::AllowWithWarning
    } else {
        EntryResult::Allow
    };
    let escort = if result == EntryResult::Deny { String::new() } else { escort };
    Verdict { result, reasons, escort }
}

// ---------------------------------------------------------------------------------------------
// Loading

#[derive(sqlx::FromRow)]
struct WorkerRow {
    id: i64,
    name: String,
    category: String,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    unit_blacklisted: Option<bool>,
    unit_blacklist_reason: Option<String>,
    special_class: String,
    blacklisted: bool,
    blacklist_reason: String,
    post_changed_on: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct EngagementRow {
    id: i64,
    number: String,
    title: String,
    category: String,
    state: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
    high_risk: bool,
    visit: bool,
    escort: String,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    unit_blacklisted: Option<bool>,
    unit_blacklist_reason: Option<String>,
    item_kind: Option<String>,
    item_state: Option<String>,
    item_valid_to: Option<NaiveDate>,
    on_roster: bool,
}

/// Reads the facts for `worker_id` on `engagement_id` (None: no engagement found) for `on`:
/// the worker and unit, the engagement with its agreement item and the roster entry, the unit's
/// certificates, the classes, the person's certificates and the last entry allowed before `on`.
pub async fn load_dossier(
    conn: &mut SqliteConnection,
    worker_id: i64,
    engagement_id: Option<i64>,
    on: NaiveDate,
) -> Result<Dossier> {
    let w: WorkerRow = sqlx::query_as(
        "SELECT w.id, w.name, w.category, w.unit_id, u.name AS unit_name, u.blacklisted AS unit_blacklisted,
                u.blacklist_reason AS unit_blacklist_reason, w.special_class, w.blacklisted,
                w.blacklist_reason, w.post_changed_on
         FROM contractor_worker w LEFT JOIN contractor_unit u ON u.id = w.unit_id
         WHERE w.id = ?",
    )
    .bind(worker_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("人员"))?;
    let engagement = match engagement_id {
        None => None,
        Some(id) => {
            let e: EngagementRow = sqlx::query_as(
                "SELECT e.id, e.number, e.title, e.category, e.state, e.start_date, e.end_date, e.high_risk,
                        e.visit, e.escort, e.unit_id, u.name AS unit_name, u.blacklisted AS unit_blacklisted,
                        u.blacklist_reason AS unit_blacklist_reason,
                        i.kind AS item_kind, i.state AS item_state, i.valid_to AS item_valid_to,
                        EXISTS (SELECT 1 FROM contractor_roster r
                                WHERE r.worker_id = ? AND r.engagement_id = e.id) AS on_roster
                 FROM contractor_engagement e
                 LEFT JOIN contractor_unit u ON u.id = e.unit_id
                 LEFT JOIN contractor_item i ON i.engagement_id = e.id
                      AND i.kind IN ('safety_agreement', 'safety_accord')
                 WHERE e.id = ?",
            )
            .bind(worker_id)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(Error::NotFound("用工(发包)项目"))?;
            Some(e)
        }
    };
    let unit_id = engagement.as_ref().and_then(|e| e.unit_id).or(w.unit_id);
    let unit_certificates = match unit_id {
        None => Vec::new(),
        Some(unit) => sqlx::query_as::<_, (String, String, String, Option<NaiveDate>)>(
            "SELECT kind, name, number, valid_to FROM contractor_certificate WHERE unit_id = ? ORDER BY id",
        )
        .bind(unit)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(kind, name, number, valid_to)| UnitCertificateFacts {
            name: if name.is_empty() { kind } else { name },
            number,
            valid_to,
        })
        .collect(),
    };
    let classes = sqlx::query_as::<_, (String, NaiveDate, i64, Option<i64>, i64)>(
        "SELECT c.level, c.held_on, c.hours_tenths, a.score, c.pass_mark
         FROM safety_class_attendee a JOIN safety_class c ON c.id = a.class_id
         WHERE a.worker_id = ? ORDER BY c.held_on",
    )
    .bind(worker_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(level, held_on, hours_tenths, score, pass_mark)| {
        Ok(ClassFacts { level: ClassLevel::stored(&level)?, held_on, hours_tenths, score, pass_mark })
    })
    .collect::<Result<Vec<_>>>()?;
    let certificates = sqlx::query_as::<_, (String, String, String, NaiveDate, NaiveDate)>(
        "SELECT kind, class, number, valid_to, review_due_on FROM worker_certificate WHERE worker_id = ? ORDER BY id",
    )
    .bind(worker_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(kind, class, number, valid_to, review_due_on)| PersonCertificateFacts {
        kind,
        class,
        number,
        valid_to,
        review_due_on,
    })
    .collect();
    let last_allowed_entry: Option<NaiveDate> = sqlx::query_scalar(
        "SELECT max(check_date) FROM entry_check
         WHERE worker_id = ? AND result <> 'deny' AND check_date < ?",
    )
    .bind(worker_id)
    .bind(on)
    .fetch_one(&mut *conn)
    .await?;

    let engagement = engagement
        .map(|e| -> Result<EngagementFacts> {
            let agreement = match (e.item_kind, e.item_state) {
                (Some(kind), Some(state)) => Some(AgreementFacts {
                    kind: ChecklistItemKind::stored(&kind)?,
                    state: ChecklistState::stored(&state)?,
                    valid_to: e.item_valid_to,
                }),
                _ => None,
            };
            Ok(EngagementFacts {
                id: e.id,
                number: e.number,
                title: e.title,
                category: EngagementCategory::stored(&e.category)?,
                state: EngagementState::stored(&e.state)?,
                start_date: e.start_date,
                end_date: e.end_date,
                high_risk: e.high_risk,
                visit: e.visit,
                escort: e.escort,
                unit_name: e.unit_name,
                unit_blacklisted: e.unit_blacklisted.unwrap_or(false),
                unit_blacklist_reason: e.unit_blacklist_reason.unwrap_or_default(),
                agreement,
                on_roster: e.on_roster,
            })
        })
        .transpose()?;
    Ok(Dossier {
        worker: Some(WorkerFacts {
            id: w.id,
            name: w.name,
            category: w.category,
            unit_name: w.unit_name,
            unit_blacklisted: w.unit_blacklisted.unwrap_or(false),
            unit_blacklist_reason: w.unit_blacklist_reason.unwrap_or_default(),
            special_class: w.special_class,
            blacklisted: w.blacklisted,
            blacklist_reason: w.blacklist_reason,
            post_changed_on: w.post_changed_on,
        }),
        engagement,
        unit_certificates,
        classes,
        certificates,
        last_allowed_entry,
        id_number_masked: String::new(),
    })
}

// ---------------------------------------------------------------------------------------------
// ID numbers and pass codes

/// What an entry pass's QR code holds: `RCZ-<worker>-<engagement>-<check>`. It names the person
/// and the engagement by record, never the ID number; the check characters catch a misread.
pub fn pass_code(worker_id: i64, engagement_id: i64) -> String {
    format!("RCZ-{worker_id}-{engagement_id}-{}", pass_check(worker_id, engagement_id))
}

fn pass_check(worker_id: i64, engagement_id: i64) -> String {
    let digest = Sha256::digest(format!("shouhou-entry-pass:{worker_id}:{engagement_id}"));
    digest[..3].iter().map(|b| format!("{b:02X}")).collect()
}

/// (worker id, engagement id) from a pass code, or a validation error.
pub fn parse_pass_code(text: &str) -> Result<(i64, i64)> {
    let bad = || Error::validation("pass_code", "入场证二维码无法识别,请重新扫描或输入身份证号");
    let t = text.trim().to_uppercase();
    let mut parts = t.split('-');
    if parts.next() != Some("RCZ") {
        return Err(bad());
    }
    let worker: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let engagement: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let check = parts.next().ok_or_else(bad)?;
    if parts.next().is_some() || check != pass_check(worker, engagement) {
        return Err(bad());
    }
    Ok((worker, engagement))
}

/// Whether the typed text is a pass code rather than an ID number (the gate screen's one input).
pub fn looks_like_pass_code(text: &str) -> bool {
    text.trim().to_uppercase().starts_with("RCZ-")
}

// ---------------------------------------------------------------------------------------------
// The use-cases

/// What the gate asks: a person (ID number, or the pass code from the entry pass's QR), the
/// engagement (when the person is on several) and the date (today when absent).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CheckRequest {
    #[ts(optional)]
    pub id_number: Option<String>,
    #[ts(optional)]
    pub pass_code: Option<String>,
    #[ts(optional)]
    pub engagement_id: Option<i64>,
    #[ts(optional)]
    pub date: Option<NaiveDate>,
}

/// One logged check (or override) as the gate and the log show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct EntryCheck {
    pub id: i64,
    pub checked_at: DateTime<Utc>,
    pub check_date: NaiveDate,
    pub gate_user: String,
    pub gate: String,
    pub worker_id: Option<i64>,
    /// The name; empty for a person nobody registered.
    pub worker_name: String,
    pub id_number_masked: String,
    pub unit_name: String,
    pub engagement_id: Option<i64>,
    pub engagement_number: String,
    pub engagement_title: String,
    pub result: EntryResult,
    pub reasons: Vec<Reason>,
    pub escort: String,
    /// Set on an override row: who let the person in, why, and which check it overrides.
    pub override_by: String,
    pub override_reason: String,
    pub overrides_id: Option<i64>,
    /// On a DENY row: an override was given later.
    pub overridden: bool,
    /// The DENY may be overridden (not for an unregistered or blacklisted person).
    pub can_override: bool,
}

/// An engagement the person is on, for the gate to choose from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct EngagementChoice {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub unit_name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

/// The gate's answer: the logged check, or — when the person is on several current engagements
/// and none was named — the engagements to choose from (nothing logged yet).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CheckAnswer {
    pub check: Option<EntryCheck>,
    pub worker_name: String,
    pub candidates: Vec<EngagementChoice>,
}

/// Reasons that no override can lift.
const FINAL_CODES: [&str; 3] = ["identity_unregistered", "worker_blacklisted", "unit_blacklisted"];

/// Checks a person at `gate` (the desk's name; "CLI" from the command line) and logs the check.
pub async fn check_entry(
    store: &Store,
    actor: &Actor,
    request: CheckRequest,
    gate: &str,
    now: DateTime<Utc>,
) -> Result<CheckAnswer> {
    actor.require(Permission::CheckEntry)?;
    let settings = crate::settings::load(store).await?;
    let rules = settings.safety_rules();
    let on = request.date.unwrap_or_else(|| settings.today(now));
    let mut conn = store.pool().acquire().await?;
    // The person.
    let (worker, masked, passed_engagement) = match (&request.pass_code, &request.id_number) {
        (Some(code), _) if !code.trim().is_empty() => {
            let (worker, engagement) = parse_pass_code(code)?;
            let exists: Option<String> = sqlx::query_scalar("SELECT id_number FROM contractor_worker WHERE id = ?")
                .bind(worker)
                .fetch_optional(&mut *conn)
                .await?;
            let id_number = exists
                .ok_or_else(|| Error::validation("pass_code", "入场证上的人员已不在人员档案中,请输入身份证号"))?;
            (Some(worker), id_number::mask(&id_number), Some(engagement))
        }
        (_, Some(text)) => {
            // A wrong check character is an input error (on `id_number`), not "nobody".
            let id = id_number::parse(text)?;
            let worker = worker::find_by_id_number(store, actor, &id.normalized).await?.map(|w| w.id);
            (worker, id_number::mask(&id.normalized), None)
        }
        _ => return Err(Error::validation("id_number", "请输入或扫描身份证号、入场证二维码")),
    };
    let Some(worker_id) = worker else {
        let dossier = Dossier { id_number_masked: masked.clone(), ..Dossier::default() };
        let verdict = check(&dossier, &rules, on);
        drop(conn);
        let id = log(store, actor, gate, now, on, None, &masked, None, &verdict).await?;
        return Ok(CheckAnswer { check: Some(get(store, id).await?), worker_name: String::new(), candidates: vec![] });
    };
    // The engagement: named, from the pass, or the one current roster the person is on.
    let mut engagement_id = request.engagement_id.or(passed_engagement);
    if engagement_id.is_none() {
        let candidates = current_engagements(&mut conn, worker_id, on).await?;
        if candidates.len() > 1 {
            let worker_name: String = sqlx::query_scalar("SELECT name FROM contractor_worker WHERE id = ?")
                .bind(worker_id)
                .fetch_one(&mut *conn)
                .await?;
            return Ok(CheckAnswer { check: None, worker_name, candidates });
        }
        engagement_id = candidates.first().map(|c| c.id);
    }
    let mut dossier = load_dossier(&mut conn, worker_id, engagement_id, on).await?;
    dossier.id_number_masked = masked.clone();
    drop(conn);
    let verdict = check(&dossier, &rules, on);
    let id = log(store, actor, gate, now, on, Some(worker_id), &masked, engagement_id, &verdict).await?;
    let check = get(store, id).await?;
    Ok(CheckAnswer { worker_name: check.worker_name.clone(), check: Some(check), candidates: vec![] })
}

/// The engagements whose roster names the person and that have not ended. When several, the
/// ones approved and running on `on` are preferred; if exactly one is, that one.
async fn current_engagements(
    conn: &mut SqliteConnection,
    worker_id: i64,
    on: NaiveDate,
) -> Result<Vec<EngagementChoice>> {
    let rows = sqlx::query_as::<_, (i64, String, String, Option<String>, NaiveDate, NaiveDate, String)>(
        "SELECT e.id, e.number, e.title, u.name, e.start_date, e.end_date, e.state
         FROM contractor_roster r JOIN contractor_engagement e ON e.id = r.engagement_id
         LEFT JOIN contractor_unit u ON u.id = e.unit_id
         WHERE r.worker_id = ? AND e.state NOT IN ('completed', 'terminated')
         ORDER BY e.start_date, e.id",
    )
    .bind(worker_id)
    .fetch_all(&mut *conn)
    .await?;
    let all: Vec<(EngagementChoice, bool)> = rows
        .into_iter()
        .map(|(id, number, title, unit, start_date, end_date, state)| {
            let running = matches!(state.as_str(), "approved" | "active") && start_date <= on && on <= end_date;
            (EngagementChoice { id, number, title, unit_name: unit.unwrap_or_default(), start_date, end_date }, running)
        })
        .collect();
    let running: Vec<EngagementChoice> = all.iter().filter(|(_, r)| *r).map(|(c, _)| c.clone()).collect();
    if all.len() > 1 && running.len() == 1 {
        return Ok(running);
    }
    Ok(all.into_iter().map(|(c, _)| c).collect())
}

#[allow(clippy::too_many_arguments)]
async fn log(
    store: &Store,
    actor: &Actor,
    gate: &str,
    now: DateTime<Utc>,
    on: NaiveDate,
    worker_id: Option<i64>,
    masked: &str,
    engagement_id: Option<i64>,
    verdict: &Verdict,
) -> Result<i64> {
    let reasons = serde_json::to_string(&verdict.reasons).map_err(|e| Error::Internal(e.to_string()))?;
    let id = sqlx::query(
        "INSERT INTO entry_check (checked_at, check_date, gate_user_id, gate_user, gate, worker_id, id_number_masked,
                                  engagement_id, result, reasons, escort)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(db_time(now))
    .bind(on)
    .bind(actor.user_id)
    .bind(&actor.display_name)
    .bind(gate.trim())
    .bind(worker_id)
    .bind(masked)
    .bind(engagement_id)
    .bind(verdict.result.key())
    .bind(reasons)
    .bind(&verdict.escort)
    .execute(store.pool())
    .await?
    .last_insert_rowid();
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct CheckRow {
    id: i64,
    checked_at: DateTime<Utc>,
    check_date: NaiveDate,
    gate_user: String,
    gate: String,
    worker_id: Option<i64>,
    worker_name: Option<String>,
    id_number_masked: String,
    unit_name: Option<String>,
    engagement_id: Option<i64>,
    engagement_number: Option<String>,
    engagement_title: Option<String>,
    result: String,
    reasons: String,
    escort: String,
    override_by: String,
    override_reason: String,
    overrides_id: Option<i64>,
    overridden: bool,
}

const CHECK_SELECT: &str = "SELECT c.id, c.checked_at, c.check_date, c.gate_user, c.gate, c.worker_id,
        w.name AS worker_name, c.id_number_masked, COALESCE(eu.name, wu.name) AS unit_name, c.engagement_id,
        e.number AS engagement_number, e.title AS engagement_title, c.result, c.reasons, c.escort,
        c.override_by, c.override_reason, c.overrides_id,
        EXISTS (SELECT 1 FROM entry_check o WHERE o.overrides_id = c.id) AS overridden
    FROM entry_check c
    LEFT JOIN contractor_worker w ON w.id = c.worker_id
    LEFT JOIN contractor_unit wu ON wu.id = w.unit_id
    LEFT JOIN contractor_engagement e ON e.id = c.engagement_id
    LEFT JOIN contractor_unit eu ON eu.id = e.unit_id";

impl CheckRow {
    fn into_check(self) -> Result<EntryCheck> {
        let reasons: Vec<Reason> =
            serde_json::from_str(&self.reasons).map_err(|e| Error::Corrupt(format!("entry_check.reasons: {e}")))?;
        let result = EntryResult::stored(&self.result)?;
        let can_override = result == EntryResult::Deny
            && self.overrides_id.is_none()
            && !self.overridden
            && !reasons.iter().any(|r| FINAL_CODES.contains(&r.code.as_str()));
        Ok(EntryCheck {
            id: self.id,
            checked_at: self.checked_at,
            check_date: self.check_date,
            gate_user: self.gate_user,
            gate: self.gate,
            worker_id: self.worker_id,
            worker_name: self.worker_name.unwrap_or_default(),
            id_number_masked: self.id_number_masked,
            unit_name: self.unit_name.unwrap_or_default(),
            engagement_id: self.engagement_id,
            engagement_number: self.engagement_number.unwrap_or_default(),
            engagement_title: self.engagement_title.unwrap_or_default(),
            result,
            reasons,
            escort: self.escort,
            override_by: self.override_by,
            override_reason: self.override_reason,
            overrides_id: self.overrides_id,
            overridden: self.overridden,
            can_override,
        })
    }
}

async fn get(store: &Store, id: i64) -> Result<EntryCheck> {
    sqlx::query_as::<_, CheckRow>(sqlx::AssertSqlSafe(format!("{CHECK_SELECT} WHERE c.id = ?")))
        .bind(id)
        .fetch_optional(store.pool())
        .await?
        .ok_or(Error::NotFound("入场资格审查记录"))?
        .into_check()
}

/// One logged check, for the 入场资格审查单 and the log's detail.
pub async fn get_check(store: &Store, actor: &Actor, id: i64) -> Result<EntryCheck> {
    actor.require(Permission::CheckEntry)?;
    get(store, id).await
}

/// 放行: lets a denied person in with a written reason (≥ 4 characters), by a user allowed to
/// override. A new row names the check it overrides; the denial stays in the log. An unregistered
/// or blacklisted person cannot be let in this way.
pub async fn override_entry(
    store: &Store,
    actor: &Actor,
    check_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<EntryCheck> {
    actor.require(Permission::OverrideEntryCheck)?;
    let reason = reason.trim();
    if reason.chars().count() < 4 {
        return Err(Error::validation("reason", "放行理由不能少于4个字"));
    }
    let mut w = Write::begin(store, actor, now).await?;
    let original = sqlx::query_as::<_, CheckRow>(sqlx::AssertSqlSafe(format!("{CHECK_SELECT} WHERE c.id = ?")))
        .bind(check_id)
        .fetch_optional(w.conn())
        .await?
        .ok_or(Error::NotFound("入场资格审查记录"))?
        .into_check()?;
    if original.result != EntryResult::Deny || original.overrides_id.is_some() {
        return Err(Error::validation("check_id", "只有“禁止入场”的审查结果才需要放行"));
    }
    if original.overridden {
        return Err(Error::validation("check_id", "该审查结果已放行,不能重复放行"));
    }
    if !original.can_override {
        return Err(Error::validation("check_id", "身份未登记或已列入黑名单的人员不得放行"));
    }
    let reasons = serde_json::to_string(&original.reasons).map_err(|e| Error::Internal(e.to_string()))?;
    let id = sqlx::query(
        "INSERT INTO entry_check (checked_at, check_date, gate_user_id, gate_user, gate, worker_id, id_number_masked,
                                  engagement_id, result, reasons, escort, override_by_id, override_by,
                                  override_reason, overrides_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'allow', ?, '', ?, ?, ?, ?)",
    )
    .bind(db_time(now))
    .bind(original.check_date)
    .bind(actor.user_id)
    .bind(&actor.display_name)
    .bind(&original.gate)
    .bind(original.worker_id)
    .bind(&original.id_number_masked)
    .bind(original.engagement_id)
    .bind(reasons)
    .bind(actor.user_id)
    .bind(&actor.display_name)
    .bind(reason)
    .bind(check_id)
    .execute(w.conn())
    .await?
    .last_insert_rowid();
    // The audit row names the person by name, never by ID number.
    let summary =
        format!("{} {} 禁止入场,{}放行:{reason}", original.worker_name, original.engagement_number, actor.display_name);
    w.note(Entity::EntryCheck, id, Action::EntryOverride, summary).await?;
    w.commit().await?;
    get(store, id).await
}

/// Filters of the day's log.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct EntryLogQuery {
    /// The local date; today when absent.
    #[ts(optional)]
    pub date: Option<NaiveDate>,
    #[ts(optional)]
    pub result: Option<EntryResult>,
    #[ts(optional)]
    pub engagement_id: Option<i64>,
    #[ts(optional)]
    pub worker_id: Option<i64>,
    #[ts(optional)]
    pub limit: Option<i64>,
    #[ts(optional)]
    pub after: Option<Cursor>,
}

pub type EntryLogPage = Page<EntryCheck>;

const LOG_ORDER: Order = Order::new(&["c.checked_at"], "c.id", true);

/// The day's checks, newest first (keyset pages on the check time).
pub async fn entry_log(
    store: &Store,
    actor: &Actor,
    query: &EntryLogQuery,
    now: DateTime<Utc>,
) -> Result<EntryLogPage> {
    actor.require(Permission::CheckEntry)?;
    let date = match query.date {
        Some(d) => d,
        None => super::local_today(store, now).await?,
    };
    let limit = listing::limit(query.limit, 50, 500);
    let filters = |qb: &mut QueryBuilder<Sqlite>| {
        qb.push(" WHERE c.check_date = ").push_bind(date);
        if let Some(result) = query.result {
            qb.push(" AND c.result = ").push_bind(result.key());
        }
        if let Some(e) = query.engagement_id {
            qb.push(" AND c.engagement_id = ").push_bind(e);
        }
        if let Some(w) = query.worker_id {
            qb.push(" AND c.worker_id = ").push_bind(w);
        }
    };
    let mut qb = QueryBuilder::<Sqlite>::new(CHECK_SELECT);
    filters(&mut qb);
    LOG_ORDER.push_after(&mut qb, query.after.as_ref())?;
    LOG_ORDER.push_order_limit(&mut qb, limit);
    let rows: Vec<CheckRow> = qb.build_query_as().fetch_all(store.pool()).await?;
    let items = rows.into_iter().map(CheckRow::into_check).collect::<Result<Vec<_>>>()?;
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM entry_check c");
    filters(&mut count);
    count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
    let counted: i64 = count.build_query_scalar().fetch_one(store.pool()).await?;
    Ok(LOG_ORDER.page(items, limit, counted, |c| vec![Key::from(db_time(c.checked_at)), Key::Int(c.id)]))
}
