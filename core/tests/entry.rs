//! 入场资格审查 (issue 10): every rule passing and failing, the order of the reasons, the date
//! boundaries, the use-case's logging and engagement choice, overrides (reason and role), the
//! masked ID number of an unknown person, and the demo people's outcomes.

use crate::common;
use crate::pdf_read;

use chrono::{Duration, NaiveDate};
use common::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::contractor::entry::{
    self, AgreementFacts, CheckRequest, ClassFacts, ClassLevel, Dossier, EngagementFacts, EntryLogQuery, EntryResult,
    EntryRule, PersonCertificateFacts, ReasonSeverity, UnitCertificateFacts, Verdict, WorkerFacts, check,
};
use shouhou_core::contractor::entry_sample::{self as sample};
use shouhou_core::contractor::id_number;
use shouhou_core::contractor::{ChecklistItemKind, ChecklistState, EngagementCategory, EngagementState};
use shouhou_core::db::Store;
use shouhou_core::settings::SafetyRules;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The day checked in the pure tests.
fn on() -> NaiveDate {
    d(2026, 11, 27)
}

fn class(level: ClassLevel, held_on: NaiveDate, hours: i64, score: Option<i64>) -> ClassFacts {
    ClassFacts { level, held_on, hours_tenths: hours * 10, score, pass_mark: 60 }
}

/// Everything in order: an outsourced worker on an active, approved engagement with a signed
/// agreement, a valid unit certificate, 8 + 8 + 8 学时 passed, no special trade.
fn good() -> Dossier {
    Dossier {
        worker: Some(WorkerFacts {
            id: 1,
            name: "王建国".into(),
            category: "outsourced".into(),
            unit_name: Some("天津宏远建筑工程有限公司".into()),
            unit_blacklisted: false,
            unit_blacklist_reason: String::new(),
            special_class: String::new(),
            blacklisted: false,
            blacklist_reason: String::new(),
            post_changed_on: None,
        }),
        engagement: Some(EngagementFacts {
            id: 7,
            number: "WB-2026-0007".into(),
            title: "2号转炉除尘管道检修".into(),
            category: EngagementCategory::Outsourced,
            state: EngagementState::Active,
            start_date: d(2026, 11, 1),
            end_date: d(2026, 12, 31),
            high_risk: false,
            visit: false,
            escort: String::new(),
            unit_name: Some("天津宏远建筑工程有限公司".into()),
            unit_blacklisted: false,
            unit_blacklist_reason: String::new(),
            agreement: Some(AgreementFacts {
                kind: ChecklistItemKind::SafetyAgreement,
                state: ChecklistState::Accepted,
                valid_to: Some(d(2026, 12, 31)),
            }),
            on_roster: true,
        }),
        unit_certificates: vec![UnitCertificateFacts {
            name: "安全生产许可证".into(),
            number: "(津)JZ安许证字[2024]001234".into(),
            valid_to: Some(d(2027, 6, 30)),
        }],
        classes: vec![
            class(ClassLevel::Company, d(2026, 10, 20), 8, Some(90)),
            class(ClassLevel::Workshop, d(2026, 10, 21), 8, Some(85)),
            class(ClassLevel::Team, d(2026, 10, 22), 8, Some(80)),
        ],
        certificates: vec![],
        last_allowed_entry: Some(d(2026, 11, 26)),
        id_number_masked: "120116********1312".into(),
    }
}

fn rules() -> SafetyRules {
    SafetyRules::default()
}

fn codes(v: &Verdict) -> Vec<&str> {
    v.reasons.iter().map(|r| r.code.as_str()).collect()
}

fn run(dossier: &Dossier) -> Verdict {
    check(dossier, &rules(), on())
}

fn worker(dossier: &mut Dossier) -> &mut WorkerFacts {
    dossier.worker.as_mut().unwrap()
}

fn engagement(dossier: &mut Dossier) -> &mut EngagementFacts {
    dossier.engagement.as_mut().unwrap()
}

fn electrician(valid_to: NaiveDate, review_due_on: NaiveDate) -> PersonCertificateFacts {
    PersonCertificateFacts {
        kind: "special_operation".into(),
        class: "电工作业".into(),
        number: "T120110197907022531".into(),
        valid_to,
        review_due_on,
    }
}

#[test]
fn everything_in_order_is_allowed_without_reasons() {
    let v = run(&good());
    assert_eq!(v.result, EntryResult::Allow);
    assert!(v.reasons.is_empty(), "{:?}", v.reasons);
}

#[test]
fn an_unregistered_identity_is_denied_with_the_masked_number_only() {
    let dossier = Dossier { id_number_masked: "110101********1234".into(), ..Dossier::default() };
    let v = run(&dossier);
    assert_eq!(v.result, EntryResult::Deny);
    assert_eq!(codes(&v), ["identity_unregistered"]);
    assert!(v.reasons[0].message.contains("110101********1234"), "{}", v.reasons[0].message);
}

#[test]
fn each_rule_fails_on_its_own_with_its_code_and_facts() {
    type Case = (&'static str, fn(&mut Dossier), &'static str, &'static str);
    let cases: Vec<Case> = vec![
        (
            "person blacklisted",
            |x| {
                worker(x).blacklisted = true;
                worker(x).blacklist_reason = "违章动火".into();
            },
            "worker_blacklisted",
            "违章动火",
        ),
        (
            "unit blacklisted",
            |x| {
                engagement(x).unit_blacklisted = true;
                engagement(x).unit_blacklist_reason = "转包".into();
            },
            "unit_blacklisted",
            "天津宏远建筑工程有限公司",
        ),
        (
            "package not approved",
            |x| engagement(x).state = EngagementState::Submitted,
            "package_not_approved",
            "待审核",
        ),
        ("package ended", |x| engagement(x).state = EngagementState::Completed, "package_not_approved", "已完工"),
        (
            "agreement not accepted",
            |x| engagement(x).agreement.as_mut().unwrap().state = ChecklistState::Submitted,
            "agreement_not_in_force",
            "外用(包)工安全协议书未经安全管理部审核",
        ),
        (
            "agreement lapsed",
            |x| engagement(x).agreement.as_mut().unwrap().valid_to = Some(d(2026, 11, 26)),
            "agreement_not_in_force",
            "2026-11-26 到期",
        ),
        (
            "unit certificate lapsed",
            |x| x.unit_certificates[0].valid_to = Some(d(2026, 11, 26)),
            "unit_certificate_expired",
            "安全生产许可证((津)JZ安许证字[2024]001234)已于 2026-11-26 过期",
        ),
        ("not on the roster", |x| engagement(x).on_roster = false, "not_on_roster", "转包、分包"),
        ("no engagement at all", |x| x.engagement = None, "not_on_roster", "不在任何在用项目"),
        (
            "a level missing",
            |x| {
                x.classes.remove(2);
                x.classes[0].hours_tenths = 160;
            },
            "education_incomplete",
            "缺班组级",
        ),
        (
            "a level failed",
            |x| {
                x.classes[1].score = Some(45);
                x.classes[0].hours_tenths = 160;
            },
            "education_incomplete",
            "车间级考试未通过(45 分,及格 60 分)",
        ),
        (
            "a level not examined",
            |x| {
                x.classes[0].score = None;
                x.classes[1].hours_tenths = 160;
            },
            "education_incomplete",
            "厂级尚未考试",
        ),
        (
            "too few hours",
            |x| {
                x.classes[1].hours_tenths = 40;
                x.classes[2].hours_tenths = 40;
            },
            "education_hours_short",
            "已 16 学时,须 24 学时",
        ),
        (
            "high risk needs 72",
            |x| engagement(x).high_risk = true,
            "education_hours_short",
            "已 24 学时,须 72 学时(高危作业)",
        ),
        (
            "post changed",
            |x| worker(x).post_changed_on = Some(d(2026, 11, 1)),
            "reeducation_due",
            "2026-11-01 调换岗位后",
        ),
        (
            "a year away",
            |x| {
                x.last_allowed_entry = Some(d(2025, 11, 1));
                x.classes.iter_mut().for_each(|c| c.held_on = d(2025, 10, 1));
            },
            "reeducation_due",
            "离岗已 391 天(上次培训或进场 2025-11-01)",
        ),
        (
            "special trade without certificate",
            |x| worker(x).special_class = "电工作业".into(),
            "special_certificate_missing",
            "特种作业(电工作业)须持证上岗",
        ),
        (
            "special certificate expired",
            |x| {
                worker(x).special_class = "电工作业".into();
                x.certificates = vec![electrician(d(2026, 11, 2), d(2027, 6, 1))];
            },
            "special_certificate_expired",
            "特种作业操作证(电工作业)(编号 T120110197907022531)已于 2026-11-02 过期",
        ),
        (
            "review overdue",
            |x| {
                worker(x).special_class = "电工作业".into();
                x.certificates = vec![electrician(d(2029, 1, 1), d(2026, 11, 26))];
            },
            "special_review_overdue",
            "应于 2026-11-26 复审,逾期未复审",
        ),
        (
            "before the engagement",
            |x| engagement(x).start_date = d(2026, 11, 28),
            "outside_engagement_dates",
            "2026-11-27 不在项目 WB-2026-0007 的用工期限(2026-11-28 至 2026-12-31)内",
        ),
        ("after the engagement", |x| engagement(x).end_date = d(2026, 11, 26), "outside_engagement_dates", "用工期限"),
        (
            "visitor without escort",
            |x| engagement(x).visit = true,
            "escort_missing",
            "参观、考察、调研人员须由用工部门指定陪同人员",
        ),
    ];
    for (name, change, code, words) in cases {
        let mut dossier = good();
        change(&mut dossier);
        let v = run(&dossier);
        assert_eq!(v.result, EntryResult::Deny, "{name}: {:?}", v.reasons);
        assert_eq!(codes(&v), [code], "{name}");
        assert!(v.reasons[0].message.contains(words), "{name}: {}", v.reasons[0].message);
        assert_eq!(v.reasons[0].severity, ReasonSeverity::Deny, "{name}");
    }
}

#[test]
fn every_failing_check_is_reported_in_the_order_of_the_rules() {
    let mut x = good();
    worker(&mut x).blacklisted = true;
    worker(&mut x).special_class = "电工作业".into();
    x.certificates = vec![electrician(d(2026, 11, 2), d(2027, 6, 1))];
    let e = engagement(&mut x);
    e.state = EngagementState::Submitted;
    e.on_roster = false;
    e.start_date = d(2026, 12, 1);
    e.agreement.as_mut().unwrap().state = ChecklistState::Missing;
    x.unit_certificates[0].valid_to = Some(d(2026, 1, 1));
    x.classes.remove(0);
    let v = run(&x);
    assert_eq!(v.result, EntryResult::Deny);
    assert_eq!(
        codes(&v),
        [
            "worker_blacklisted",
            "package_not_approved",
            "agreement_not_in_force",
            "unit_certificate_expired",
            "not_on_roster",
            "education_incomplete",
            "education_hours_short",
            "special_certificate_expired",
            "outside_engagement_dates",
        ]
    );
    let rules: Vec<EntryRule> = v.reasons.iter().map(|r| r.rule).collect();
    let mut sorted = rules.clone();
    sorted.sort_by_key(|r| EntryRule::ALL.iter().position(|x| x == r));
    assert_eq!(rules, sorted, "reasons follow the order of the checks");
}

#[test]
fn validity_runs_through_the_last_day_and_warnings_include_their_last_day() {
    // A certificate that ends today is still valid today (and warns); tomorrow it is expired.
    let mut x = good();
    worker(&mut x).special_class = "电工作业".into();
    x.certificates = vec![electrician(on(), d(2028, 1, 1))];
    let v = run(&x);
    assert_eq!(v.result, EntryResult::AllowWithWarning);
    assert_eq!(codes(&v), ["special_certificate_expiring"]);
    assert!(v.reasons[0].message.contains("还有 0 天"), "{}", v.reasons[0].message);
    assert_eq!(check(&x, &rules(), on() + Duration::days(1)).reasons[0].code, "special_certificate_expired");

    // 30 days ahead warns, 31 does not.
    x.certificates = vec![electrician(on() + Duration::days(30), d(2028, 1, 1))];
    assert_eq!(codes(&run(&x)), ["special_certificate_expiring"]);
    x.certificates = vec![electrician(on() + Duration::days(31), d(2028, 1, 1))];
    assert_eq!(run(&x).result, EntryResult::Allow);

    // A review due in exactly 60 days warns; 61 does not; due today is not yet overdue.
    x.certificates = vec![electrician(d(2029, 1, 1), on() + Duration::days(60))];
    let v = run(&x);
    assert_eq!(codes(&v), ["special_review_due"]);
    assert!(v.reasons[0].message.contains("还有 60 天"));
    x.certificates = vec![electrician(d(2029, 1, 1), on() + Duration::days(61))];
    assert_eq!(run(&x).result, EntryResult::Allow);
    x.certificates = vec![electrician(d(2029, 1, 1), on())];
    assert_eq!(codes(&run(&x)), ["special_review_due"]);

    // The engagement ending in exactly 7 days warns; 8 does not; its last day is inside it.
    let mut x = good();
    engagement(&mut x).end_date = on() + Duration::days(7);
    let v = run(&x);
    assert_eq!((v.result, codes(&v)), (EntryResult::AllowWithWarning, vec!["engagement_ending"]));
    engagement(&mut x).end_date = on() + Duration::days(8);
    assert_eq!(run(&x).result, EntryResult::Allow);
    engagement(&mut x).end_date = on();
    assert_eq!(codes(&run(&x)), ["engagement_ending"]);
    engagement(&mut x).start_date = on();
    assert_eq!(codes(&run(&x)), ["engagement_ending"]);

    // The unit's certificate: the same rule.
    let mut x = good();
    x.unit_certificates[0].valid_to = Some(on());
    assert_eq!(codes(&run(&x)), ["unit_certificate_expiring"]);
    x.unit_certificates[0].valid_to = None; // 长期
    assert_eq!(run(&x).result, EntryResult::Allow);
}

#[test]
fn the_valid_certificate_of_the_right_class_counts() {
    let mut x = good();
    worker(&mut x).special_class = "电工作业".into();
    // An expired one and a renewed one: the renewed one counts.
    x.certificates = vec![electrician(d(2026, 1, 1), d(2025, 6, 1)), electrician(d(2031, 1, 1), d(2028, 1, 1))];
    assert_eq!(run(&x).result, EntryResult::Allow);
    // A valid certificate of another class is no certificate for this trade.
    x.certificates = vec![PersonCertificateFacts {
        class: "焊接与热切割作业".into(),
        ..electrician(d(2031, 1, 1), d(2028, 1, 1))
    }];
    assert_eq!(codes(&run(&x)), ["special_certificate_missing"]);
}

#[test]
fn education_counts_only_passed_classes_before_the_day() {
    let mut x = good();
    // A class later than the day checked does not count yet.
    x.classes[2].held_on = on() + Duration::days(1);
    assert_eq!(codes(&run(&x)), ["education_incomplete", "education_hours_short"]);
    // 72 学时 passed satisfy high-risk work; failed hours do not count.
    let mut x = good();
    engagement(&mut x).high_risk = true;
    x.classes.push(class(ClassLevel::Company, d(2026, 10, 23), 48, Some(70)));
    assert_eq!(run(&x).result, EntryResult::Allow);
    x.classes.last_mut().unwrap().score = Some(59);
    assert_eq!(codes(&run(&x)), ["education_hours_short"]);
}

#[test]
fn high_risk_work_needs_yearly_retraining_after_the_first_year() {
    let mut x = good();
    engagement(&mut x).high_risk = true;
    x.classes = vec![
        class(ClassLevel::Company, d(2025, 1, 10), 24, Some(90)),
        class(ClassLevel::Workshop, d(2025, 1, 11), 24, Some(90)),
        class(ClassLevel::Team, d(2025, 1, 12), 24, Some(90)),
    ];
    let v = run(&x);
    assert_eq!(codes(&v), ["retraining_due"]);
    assert!(v.reasons[0].message.contains("近一年已 0 学时,须 20 学时"), "{}", v.reasons[0].message);
    x.classes.push(class(ClassLevel::Annual, d(2026, 3, 1), 12, Some(80)));
    assert!(run(&x).reasons[0].message.contains("近一年已 12 学时,须 20 学时"));
    x.classes.push(class(ClassLevel::Annual, d(2026, 9, 1), 8, Some(80)));
    assert_eq!(run(&x).result, EntryResult::Allow);
    // General work has no yearly threshold; within the first year neither does high-risk.
    engagement(&mut x).high_risk = false;
    x.classes.truncate(3);
    assert_eq!(run(&x).result, EntryResult::Allow);
}

#[test]
fn education_redone_after_a_post_change_or_a_year_away_clears_it() {
    let mut x = good();
    worker(&mut x).post_changed_on = Some(d(2026, 11, 1));
    x.classes.push(class(ClassLevel::Workshop, d(2026, 11, 3), 8, Some(80)));
    assert_eq!(codes(&run(&x)), ["reeducation_due"], "team level still missing");
    x.classes.push(class(ClassLevel::Team, d(2026, 11, 4), 8, Some(80)));
    assert_eq!(run(&x).result, EntryResult::Allow);

    let mut x = good();
    x.classes.iter_mut().for_each(|c| c.held_on = d(2025, 10, 1));
    // "≥ 1 year away" (domain §5): a day short of a year is still current, a whole year is not.
    x.last_allowed_entry = Some(on() - Duration::days(364));
    assert_eq!(run(&x).result, EntryResult::Allow, "a day short of a year away");
    x.last_allowed_entry = Some(on() - Duration::days(365));
    assert_eq!(codes(&run(&x)), ["reeducation_due"], "exactly a year away");
}

#[test]
fn visitors_and_after_sales_staff_enter_with_their_escort() {
    let mut x = good();
    engagement(&mut x).category = EngagementCategory::AfterSales;
    engagement(&mut x).escort = "郑涛(生产部)".into();
    engagement(&mut x).agreement =
        Some(AgreementFacts { kind: ChecklistItemKind::SafetyAccord, state: ChecklistState::Accepted, valid_to: None });
    let v = run(&x);
    assert_eq!(v.result, EntryResult::AllowWithEscort);
    assert_eq!(v.escort, "郑涛(生产部)");
    assert_eq!(codes(&v), ["escort_required"]);
    assert!(v.reasons[0].message.contains("售后服务人员须由陪同人员郑涛(生产部)陪同入场"));
    // A warning does not change the answer from "with escort".
    engagement(&mut x).end_date = on() + Duration::days(3);
    let v = run(&x);
    assert_eq!((v.result, codes(&v)), (EntryResult::AllowWithEscort, vec!["engagement_ending", "escort_required"]));
    // No escort named: denied; and an after-sales person without the 安全协定 accepted.
    engagement(&mut x).escort = "  ".into();
    engagement(&mut x).agreement.as_mut().unwrap().state = ChecklistState::Missing;
    let v = run(&x);
    assert_eq!(v.result, EntryResult::Deny);
    assert_eq!(codes(&v), ["agreement_not_in_force", "engagement_ending", "escort_missing"]);
    assert!(v.reasons[0].message.contains("安全协定"));
    assert_eq!(v.escort, "");
    // A temporary worker's engagement has no agreement item to check.
    let mut x = good();
    engagement(&mut x).category = EngagementCategory::Temporary;
    engagement(&mut x).agreement = None;
    assert_eq!(run(&x).result, EntryResult::Allow);
}

#[test]
fn id_numbers_and_pass_codes_at_the_boundary() {
    let good = sample::id_number("110101", d(1990, 3, 7), 123);
    assert_eq!(id_number::parse(&good).unwrap().normalized, good);
    assert_eq!(id_number::mask(&good), format!("110101********{}", &good[14..]));
    // "11010519491231002X": the standard's own example, typed with a small x and spaces.
    assert_eq!(id_number::parse("110105 19491231 002x").unwrap().normalized, "11010519491231002X");
    for bad in ["11010519491231002", "110105194912310021", "11010519491331002X", "1101051949123100XX", ""] {
        let err = id_number::parse(bad).unwrap_err();
        assert_eq!(err.field(), Some("id_number"), "{bad}");
        assert!(!err.user_message().contains(bad) || bad.is_empty(), "the number is not echoed: {bad}");
    }
    let code = entry::pass_code(42, 7);
    assert!(entry::looks_like_pass_code(&code) && !entry::looks_like_pass_code(&good));
    assert_eq!(entry::parse_pass_code(&code).unwrap(), (42, 7));
    assert_eq!(entry::parse_pass_code(&code.to_lowercase()).unwrap(), (42, 7));
    let forged = code.replace("RCZ-42-7", "RCZ-43-7");
    assert_eq!(entry::parse_pass_code(&forged).unwrap_err().field(), Some("pass_code"));
    assert!(!code.contains(&good));
}

// ---------------------------------------------------------------------------------------------
// Through the store

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    admin: Actor,
    safety: Actor,
    gate: Actor,
    hiring: Actor,
    engagement: i64,
    worker: i64,
    id: String,
}

async fn user(store: &Store, admin: &Actor, name: &str, role: Role, department: i64) -> Actor {
    account::create_user(store, admin, new_user(name, role, Some(department)), at(8, 3)).await.unwrap();
    account::sign_in(store, name, "pass12345", at(8, 4)).await.unwrap()
}

/// An outsourced engagement (active, agreement accepted) with one worker on its roster, fully
/// educated; written with plain SQL.
async fn engagement_row(store: &Store, number: &str, unit: i64, state: &str) -> i64 {
    let department = department_id(store, "生产部").await;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO contractor_engagement (number, category, department_id, unit_id, title, start_date, end_date,
                                            state, created_at, updated_at)
         VALUES (?, 'outsourced', ?, ?, ?, '2026-11-01', '2026-12-31', ?, '2026-11-01T00:00:00.000Z',
                 '2026-11-01T00:00:00.000Z') RETURNING id",
    )
    .bind(number)
    .bind(department)
    .bind(unit)
    .bind(format!("{number} 检修工程"))
    .bind(state)
    .fetch_one(store.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO contractor_item (engagement_id, kind, sort_order, title, state)
         VALUES (?, 'safety_agreement', 5, '安全协议书', 'accepted')",
    )
    .bind(id)
    .execute(store.pool())
    .await
    .unwrap();
    id
}

async fn world() -> World {
    let (dir, store, admin) = initialized().await;
    let safety = user(&store, &admin, "wumin", Role::Safety, department_id(&store, "安全管理部").await).await;
    let gate = user(&store, &admin, "fengjun", Role::Gate, department_id(&store, "保卫部").await).await;
    let hiring = user(&store, &admin, "zhengtao", Role::HiringDept, department_id(&store, "生产部").await).await;
    let unit: i64 = sqlx::query_scalar(
        "INSERT INTO contractor_unit (name, credit_code, created_at, updated_at)
         VALUES ('天津宏远建筑工程有限公司', '91120116MA05JBT06Y', '2026-11-01T00:00:00.000Z',
                 '2026-11-01T00:00:00.000Z') RETURNING id",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    let engagement = engagement_row(&store, "WB-2026-0001", unit, "active").await;
    let id = sample::id_number("120116", d(1985, 3, 12), 131);
    let mut conn = store.pool().acquire().await.unwrap();
    let worker = sample::insert_worker(&mut conn, "王建国", &id, "outsourced", Some(unit), "管道工", "", at(8, 5))
        .await
        .unwrap();
    sample::educate(&mut conn, worker, d(2026, 10, 20), [8, 8, 8], at(8, 5)).await.unwrap();
    sample::put_on_roster(&mut conn, engagement, worker, "王建国", "管道工", at(8, 5)).await.unwrap();
    drop(conn);
    World { _dir: dir, store, admin, safety, gate, hiring, engagement, worker, id }
}

fn by_id(id: &str) -> CheckRequest {
    CheckRequest { id_number: Some(id.into()), ..CheckRequest::default() }
}

#[tokio::test]
async fn a_check_at_the_gate_is_logged_with_who_where_and_why() {
    let w = world().await;
    let answer = entry::check_entry(&w.store, &w.gate, by_id(&w.id), "1号门", at(9, 0)).await.unwrap();
    let c = answer.check.expect("one engagement: checked at once");
    assert_eq!(c.result, EntryResult::Allow, "{:?}", c.reasons);
    assert_eq!((c.worker_name.as_str(), c.engagement_id, c.gate.as_str()), ("王建国", Some(w.engagement), "1号门"));
    assert_eq!(c.gate_user, "fengjun姓名");
    assert_eq!(c.check_date, d(2026, 11, 27), "today in the company's time zone");
    assert_eq!(c.unit_name, "天津宏远建筑工程有限公司");
    assert_eq!(c.id_number_masked, id_number::mask(&w.id));

    // The same person two days after the engagement ended: denied, and logged as such.
    let late = CheckRequest { date: Some(d(2027, 1, 2)), ..by_id(&w.id) };
    let c = entry::check_entry(&w.store, &w.gate, late, "1号门", at(9, 1)).await.unwrap().check.unwrap();
    assert_eq!(c.result, EntryResult::Deny);
    assert_eq!(c.reasons.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["outside_engagement_dates"]);
    let stored: (String, String) = sqlx::query_as("SELECT result, reasons FROM entry_check WHERE id = ?")
        .bind(c.id)
        .fetch_one(w.store.pool())
        .await
        .unwrap();
    assert_eq!(stored.0, "deny");
    assert!(stored.1.contains("\"code\":\"outside_engagement_dates\""), "{}", stored.1);

    // Only the gate, the safety department and the administrator check people.
    let err = entry::check_entry(&w.store, &w.hiring, by_id(&w.id), "1号门", at(9, 2)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    // A wrong check digit is an input error, not a check.
    let mut wrong = w.id.clone();
    let last = if wrong.ends_with('1') { "2" } else { "1" };
    wrong.replace_range(17..18, last);
    let err = entry::check_entry(&w.store, &w.gate, by_id(&wrong), "1号门", at(9, 3)).await.unwrap_err();
    assert_eq!(err.field(), Some("id_number"));
    let logged: i64 = sqlx::query_scalar("SELECT count(*) FROM entry_check").fetch_one(w.store.pool()).await.unwrap();
    assert_eq!(logged, 2);
}

#[tokio::test]
async fn an_unknown_person_is_denied_and_only_the_masked_number_is_kept() {
    let w = world().await;
    let stranger = sample::id_number("130102", d(1991, 8, 8), 456);
    let c = entry::check_entry(&w.store, &w.gate, by_id(&stranger), "2号门", at(9, 0)).await.unwrap().check.unwrap();
    assert_eq!(c.result, EntryResult::Deny);
    assert_eq!(c.reasons[0].code, "identity_unregistered");
    assert_eq!(c.id_number_masked, id_number::mask(&stranger));
    assert!(!c.can_override, "an unregistered person cannot be let in");
    let err = entry::override_entry(&w.store, &w.safety, c.id, "领导同意临时入场", at(9, 1)).await.unwrap_err();
    assert_eq!(err.field(), Some("check_id"));

    // The full number is nowhere in the log or the audit trail.
    for (table, sql) in [
        ("entry_check", "SELECT group_concat(id_number_masked || reasons || gate, '|') FROM entry_check"),
        (
            "audit_event",
            "SELECT group_concat(summary || coalesce(before_json, '') || coalesce(after_json, ''), '|') FROM audit_event",
        ),
    ] {
        let text: Option<String> = sqlx::query_scalar(sql).fetch_one(w.store.pool()).await.unwrap();
        let text = text.unwrap_or_default();
        assert!(!text.contains(&stranger) && !text.contains(&w.id), "{table} holds a full ID number");
    }
    assert!(c.reasons[0].message.contains(&id_number::mask(&stranger)));
}

#[tokio::test]
async fn several_engagements_ask_which_and_a_pass_code_names_one() {
    let w = world().await;
    let unit: i64 = sqlx::query_scalar("SELECT unit_id FROM contractor_engagement WHERE id = ?")
        .bind(w.engagement)
        .fetch_one(w.store.pool())
        .await
        .unwrap();
    let second = engagement_row(&w.store, "WB-2026-0002", unit, "approved").await;
    let mut conn = w.store.pool().acquire().await.unwrap();
    sample::put_on_roster(&mut conn, second, w.worker, "王建国", "管道工", at(8, 6)).await.unwrap();
    drop(conn);

    let answer = entry::check_entry(&w.store, &w.gate, by_id(&w.id), "1号门", at(9, 0)).await.unwrap();
    assert!(answer.check.is_none());
    assert_eq!(answer.worker_name, "王建国");
    let numbers: Vec<&str> = answer.candidates.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(numbers, ["WB-2026-0001", "WB-2026-0002"]);
    let none: i64 = sqlx::query_scalar("SELECT count(*) FROM entry_check").fetch_one(w.store.pool()).await.unwrap();
    assert_eq!(none, 0, "nothing is logged until the engagement is chosen");

    let chosen = CheckRequest { engagement_id: Some(second), ..by_id(&w.id) };
    let c = entry::check_entry(&w.store, &w.gate, chosen, "1号门", at(9, 1)).await.unwrap().check.unwrap();
    assert_eq!((c.engagement_id, c.result), (Some(second), EntryResult::Allow));

    let pass = CheckRequest { pass_code: Some(entry::pass_code(w.worker, w.engagement)), ..CheckRequest::default() };
    let c = entry::check_entry(&w.store, &w.gate, pass, "1号门", at(9, 2)).await.unwrap().check.unwrap();
    assert_eq!((c.worker_id, c.engagement_id), (Some(w.worker), Some(w.engagement)));

    // Ending one engagement leaves one current roster: no question asked.
    sqlx::query("UPDATE contractor_engagement SET state = 'completed' WHERE id = ?")
        .bind(second)
        .execute(w.store.pool())
        .await
        .unwrap();
    let c = entry::check_entry(&w.store, &w.gate, by_id(&w.id), "1号门", at(9, 3)).await.unwrap().check.unwrap();
    assert_eq!(c.engagement_id, Some(w.engagement));
}

#[tokio::test]
async fn an_override_needs_the_right_role_and_a_written_reason_and_shows_in_the_log() {
    let w = world().await;
    let late = CheckRequest { date: Some(d(2026, 11, 27)), ..by_id(&w.id) };
    sqlx::query("UPDATE contractor_engagement SET end_date = '2026-11-26' WHERE id = ?")
        .bind(w.engagement)
        .execute(w.store.pool())
        .await
        .unwrap();
    let denied = entry::check_entry(&w.store, &w.gate, late, "1号门", at(9, 0)).await.unwrap().check.unwrap();
    assert_eq!(denied.result, EntryResult::Deny);
    assert!(denied.can_override);

    let err = entry::override_entry(&w.store, &w.gate, denied.id, "项目延期手续在办", at(9, 1)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden", "the gate cannot override");
    let err = entry::override_entry(&w.store, &w.safety, denied.id, " 同意 ", at(9, 1)).await.unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    assert!(err.user_message().contains("放行理由不能少于4个字"));

    let before = audit_count(&w.store).await;
    let o = entry::override_entry(&w.store, &w.safety, denied.id, "项目延期手续在办,安全管理部同意", at(9, 2))
        .await
        .unwrap();
    assert_eq!(o.result, EntryResult::Allow);
    assert_eq!((o.overrides_id, o.override_by.as_str()), (Some(denied.id), "wumin姓名"));
    assert_eq!(o.override_reason, "项目延期手续在办,安全管理部同意");
    assert_eq!(o.reasons, denied.reasons, "the override keeps what was wrong");
    assert_eq!(audit_count(&w.store).await, before + 1);
    let summary: String = sqlx::query_scalar("SELECT summary FROM audit_event ORDER BY id DESC LIMIT 1")
        .fetch_one(w.store.pool())
        .await
        .unwrap();
    assert!(summary.contains("王建国") && !summary.contains(&w.id), "{summary}");

    let again = entry::override_entry(&w.store, &w.admin, denied.id, "重复放行测试", at(9, 3)).await.unwrap_err();
    assert!(again.user_message().contains("已放行"));

    // The day's log, newest first: the override above the denial it overrides.
    let log = entry::entry_log(&w.store, &w.gate, &EntryLogQuery::default(), at(10, 0)).await.unwrap();
    assert_eq!(log.items.iter().map(|c| c.id).collect::<Vec<_>>(), [o.id, denied.id]);
    assert!(log.items[1].overridden && !log.items[1].can_override);
    let denials = EntryLogQuery { result: Some(EntryResult::Deny), ..EntryLogQuery::default() };
    assert_eq!(entry::entry_log(&w.store, &w.safety, &denials, at(10, 0)).await.unwrap().total, 1);
    let other_day = EntryLogQuery { date: Some(d(2026, 11, 26)), ..EntryLogQuery::default() };
    assert_eq!(entry::entry_log(&w.store, &w.gate, &other_day, at(10, 0)).await.unwrap().total, 0);
    assert_eq!(entry::entry_log(&w.store, &w.hiring, &other_day, at(10, 0)).await.unwrap_err().code(), "forbidden");
}

#[tokio::test]
async fn a_blacklisted_person_cannot_be_let_in() {
    let w = world().await;
    sqlx::query("UPDATE contractor_worker SET blacklisted = 1, blacklist_reason = '违章动火' WHERE id = ?")
        .bind(w.worker)
        .execute(w.store.pool())
        .await
        .unwrap();
    let c = entry::check_entry(&w.store, &w.gate, by_id(&w.id), "1号门", at(9, 0)).await.unwrap().check.unwrap();
    assert_eq!(c.reasons[0].code, "worker_blacklisted");
    assert!(!c.can_override);
    let err = entry::override_entry(&w.store, &w.admin, c.id, "管理员同意入场", at(9, 1)).await.unwrap_err();
    assert!(err.user_message().contains("不得放行"));
}

#[tokio::test]
async fn a_year_away_is_measured_from_the_last_entry_allowed() {
    let w = world().await;
    let first = CheckRequest { date: Some(d(2026, 11, 2)), ..by_id(&w.id) };
    entry::check_entry(&w.store, &w.gate, first, "1号门", at(9, 0)).await.unwrap();
    sqlx::query("UPDATE contractor_engagement SET end_date = '2028-12-31' WHERE id = ?")
        .bind(w.engagement)
        .execute(w.store.pool())
        .await
        .unwrap();
    let later = CheckRequest { date: Some(d(2027, 11, 10)), ..by_id(&w.id) };
    let c = entry::check_entry(&w.store, &w.gate, later, "1号门", at(9, 1)).await.unwrap().check.unwrap();
    assert_eq!(c.reasons.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["reeducation_due"]);
    assert!(c.reasons[0].message.contains("上次培训或进场 2026-11-02"), "{}", c.reasons[0].message);
}

#[tokio::test]
async fn the_demo_people_show_every_outcome() {
    let (_dir, store) = common::demo().await;
    let gate = account::sign_in(&store, "fengjun", shouhou_core::demo::DEMO_PASSWORD, at(8, 1)).await.unwrap();
    let mut seen = Vec::new();
    for name in ["王建国", "李明辉", "张海涛", "赵立新", "孙志强", "周小燕", "郭建华"] {
        let id: String = sqlx::query_scalar("SELECT id_number FROM contractor_worker WHERE name = ?")
            .bind(name)
            .fetch_one(store.pool())
            .await
            .unwrap();
        let c = entry::check_entry(&store, &gate, by_id(&id), "1号门", at(9, 0)).await.unwrap().check.unwrap();
        let first = c.reasons.first().map(|r| r.code.clone()).unwrap_or_default();
        seen.push((name.to_string(), c.result, first));
    }
    let expect = [
        ("王建国", EntryResult::Allow, ""),
        ("李明辉", EntryResult::AllowWithWarning, "special_certificate_expiring"),
        ("张海涛", EntryResult::Deny, "special_certificate_expired"),
        ("赵立新", EntryResult::Deny, "not_on_roster"),
        ("孙志强", EntryResult::Deny, "worker_blacklisted"),
        ("周小燕", EntryResult::Deny, "education_hours_short"),
        ("郭建华", EntryResult::AllowWithEscort, "engagement_ending"),
    ];
    let seen: Vec<(&str, EntryResult, &str)> = seen.iter().map(|(n, r, c)| (n.as_str(), *r, c.as_str())).collect();
    assert_eq!(seen, expect);
}

/// 「未经三级安全教育,不准上岗;特殊工种必须持证上岗」 on the roster as at the gate: the demo puts
/// to work only those the rule lets work, and the roster refuses the others with the gate's words.
#[tokio::test]
async fn nobody_is_put_to_work_on_a_roster_without_education_or_a_valid_certificate() {
    use shouhou_core::contractor::engagement::{self, RosterInput};
    use shouhou_core::contractor::worker_roster;
    let (_dir, store) = common::demo().await;
    let admin = account::sign_in(&store, "admin", shouhou_core::demo::DEMO_PASSWORD, at(8, 1)).await.unwrap();
    let loading: i64 = sqlx::query_scalar("SELECT id FROM contractor_engagement WHERE title = '成品库临时装卸工'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let e = engagement::get(&store, &admin, loading, at(9, 0)).await.unwrap();
    let entry = |name: &str| e.roster.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("{name}")).clone();
    let working: Vec<(&str, bool)> =
        ["王建国", "李明辉", "张海涛", "周小燕"].into_iter().map(|n| (n, entry(n).working)).collect();
    assert_eq!(working, [("王建国", true), ("李明辉", true), ("张海涛", false), ("周小燕", false)]);
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM contractor_roster WHERE working")
            .fetch_one(store.pool())
            .await
            .unwrap()
    };
    let working_before = count().await;

    // 学时 short: the standing's sentence, with the rule.
    let err = engagement::roster_set_working(&store, &admin, entry("周小燕").id, true, at(9, 1)).await.unwrap_err();
    assert_eq!(err.field(), Some("working"));
    let message = err.user_message();
    assert!(message.starts_with("周小燕不能上岗:三级安全教育学时不足:已 16 学时,须 24 学时"), "{message}");
    assert!(message.contains("未经三级安全教育,不准上岗"), "{message}");
    // A special trade with an expired certificate.
    let err = engagement::roster_set_working(&store, &admin, entry("张海涛").id, true, at(9, 1)).await.unwrap_err();
    assert!(err.user_message().contains("特种作业操作证(焊接与热切割作业)"), "{}", err.user_message());
    assert!(err.user_message().contains("过期"), "{}", err.user_message());

    // A registered person with no class at all, put on the roster to work at once.
    let fresh = shouhou_core::contractor::worker::create(
        &store,
        &admin,
        shouhou_core::contractor::WorkerInput {
            name: "钱卫东".into(),
            id_number: format!("12011619870315123{}", id_number::check_character("12011619870315123").unwrap()),
            category: EngagementCategory::Temporary,
            unit_id: None,
            trade: "装卸工".into(),
            special_class: String::new(),
            phone: String::new(),
            emergency_contact: String::new(),
            emergency_phone: String::new(),
            post_changed_on: None,
            notes: String::new(),
        },
        at(9, 2),
    )
    .await
    .unwrap();
    let err =
        worker_roster::add_workers(&store, &admin, loading, vec![fresh.id], true, "", at(9, 3)).await.unwrap_err();
    assert!(
        err.user_message().starts_with("钱卫东不能上岗:三级安全教育未完成:缺厂级、缺车间级、缺班组级"),
        "{}",
        err.user_message()
    );
    // As planned (拟用) the person may be listed; typed names never work.
    worker_roster::add_workers(&store, &admin, loading, vec![fresh.id], false, "", at(9, 4)).await.unwrap();
    let typed = vec![RosterInput { name: "临时工甲".into(), trade: "装卸工".into() }];
    let err = engagement::roster_add(&store, &admin, loading, typed, true, at(9, 5)).await.unwrap_err();
    assert!(err.user_message().contains("临时工甲未在外来人员档案中登记"), "{}", err.user_message());

    // 赵立新 is educated and of no special trade: put to work at once.
    let zhao: i64 = sqlx::query_scalar("SELECT id FROM contractor_worker WHERE name = '赵立新'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let e = worker_roster::add_workers(&store, &admin, loading, vec![zhao], true, "", at(9, 6)).await.unwrap();
    assert!(e.roster.iter().any(|r| r.name == "赵立新" && r.working));
    assert_eq!(count().await, working_before + 1, "only 赵立新 was put to work");
}

#[test]
fn the_command_line_answers_with_its_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let load = shouhou(dir.path(), &["demo-data"], "");
    assert!(load.status.success(), "{}", String::from_utf8_lossy(&load.stderr));
    let number = {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let store = Store::open(dir.path(), chrono::Utc::now()).await.unwrap();
            let number: String =
                sqlx::query_scalar("SELECT number FROM contractor_engagement WHERE title = '成品库临时装卸工'")
                    .fetch_one(store.pool())
                    .await
                    .unwrap();
            store.pool().close().await;
            number
        })
    };
    let allowed = sample::id_number("120116", d(1985, 3, 12), 131);
    let out = shouhou(dir.path(), &["entry-check", "--id-number", &allowed, "--engagement", &number], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("审查结论:准许入场") && stdout.contains("王建国"), "{stdout}");
    assert!(!stdout.contains(&allowed), "the full number is not printed");

    let expired = sample::id_number("120104", d(1988, 11, 23), 379);
    let out =
        shouhou(dir.path(), &["entry-check", "--id-number", &expired, "--engagement", &number, "--format", "json"], "");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["result"], "deny");
    assert_eq!(json["reasons"][0]["code"], "special_certificate_expired");
    assert_eq!(json["gate"], "CLI");

    let warned = sample::id_number("120110", d(1979, 7, 2), 253);
    let out = shouhou(dir.path(), &["entry-check", "--id-number", &warned, "--engagement", &number], "");
    assert_eq!(out.status.code(), Some(0), "ALLOW_WITH_WARNING enters");
    assert!(String::from_utf8_lossy(&out.stdout).contains("准许入场(有提醒)"));

    let mut wrong = allowed.clone();
    let last = if wrong.ends_with('1') { "2" } else { "1" };
    wrong.replace_range(17..18, last);
    let out = shouhou(dir.path(), &["entry-check", "--id-number", &wrong, "--engagement", &number], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("校验码") && !stderr.contains(&wrong), "{stderr}");

    let out = shouhou(dir.path(), &["entry-check", "--id-number", &allowed, "--engagement", "WB-2099-9999"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("用工(发包)项目"));
}

#[tokio::test]
async fn the_check_sheet_and_the_passes_read_back() {
    use pdf_read::{has, keep, pages_of, qr_codes_in, text_of};
    use shouhou_core::contractor::entry_print::{self, PassCard};
    let (_dir, store) = common::demo().await;
    let gate = account::sign_in(&store, "fengjun", shouhou_core::demo::DEMO_PASSWORD, at(8, 1)).await.unwrap();
    let safety = account::sign_in(&store, "wumin", shouhou_core::demo::DEMO_PASSWORD, at(8, 1)).await.unwrap();
    let welder = sample::id_number("120104", d(1988, 11, 23), 379);
    let denied = entry::check_entry(&store, &gate, by_id(&welder), "1号门", at(9, 0)).await.unwrap().check.unwrap();
    entry::override_entry(&store, &safety, denied.id, "持新证复印件,原件在复审中", at(9, 5)).await.unwrap();
    let pdf = entry_print::sheet_pdf(&store, &gate, denied.id, at(9, 10)).await.unwrap();
    keep("entry-sheet.pdf", &pdf);
    let text = text_of(&pdf);
    for wanted in [
        "入场资格审查单",
        "张海涛",
        &id_number::mask(&welder),
        "禁止入场",
        "特种作业持证上岗",
        "不通过",
        "已于",
        "过期",
        "身份已登记",
        "通过",
        "冯军",
        "1号门",
        "放行人",
        "吴敏",
        "持新证复印件,原件在复审中",
        "SH/AQ-RC-01",
        &format!("RC-20261127-{:06}", denied.id),
    ] {
        assert!(has(&text, wanted), "{wanted} missing from {text}");
    }
    assert!(!text.contains(&welder), "no full ID number on the sheet");

    let engagement: i64 = sqlx::query_scalar("SELECT id FROM contractor_engagement WHERE title = '成品库临时装卸工'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let hiring = account::sign_in(&store, "zhengtao", shouhou_core::demo::DEMO_PASSWORD, at(8, 1)).await.unwrap();
    let pdf = entry_print::passes_pdf(&store, &hiring, engagement, None).await.unwrap();
    keep("entry-passes.pdf", &pdf);
    let text = text_of(&pdf);
    for name in ["王建国", "李明辉", "张海涛", "孙志强", "周小燕"] {
        assert!(has(&text, name), "{name}");
    }
    assert!(!has(&text, "赵立新"), "on no roster, no pass");
    assert!(has(&text, &id_number::mask(&welder)) && !text.contains(&welder));
    assert!(has(&text, "成品库临时装卸工") && has(&text, "照片") && has(&text, "有效期"));
    let first: i64 = sqlx::query_scalar(
        "SELECT worker_id FROM contractor_roster WHERE engagement_id = ? AND worker_id IS NOT NULL ORDER BY id LIMIT 1",
    )
    .bind(engagement)
    .fetch_one(store.pool())
    .await
    .unwrap();
    // The first card's QR code (top left card, bottom right corner) names the person and the engagement.
    let codes = qr_codes_in(&pdf, 1, (76.0, 42.0, 26.0, 26.0), 600);
    assert_eq!(codes, [entry::pass_code(first, engagement)]);

    // Chosen people only; ten to a sheet.
    let wang: i64 = sqlx::query_scalar("SELECT id FROM contractor_worker WHERE name = '王建国'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let one = entry_print::passes_pdf(&store, &hiring, engagement, Some(vec![wang])).await.unwrap();
    assert_eq!(pages_of(&one).len(), 1);
    assert!(has(&text_of(&one), "王建国") && !has(&text_of(&one), "李明辉"));
    let card = PassCard {
        name: "测试".into(),
        unit_name: String::new(),
        trade: String::new(),
        engagement_number: "WY-2026-0001".into(),
        engagement_title: "临时用工".into(),
        valid_from: d(2026, 11, 1),
        valid_to: d(2026, 12, 31),
        id_number_masked: "110101********1234".into(),
        code: entry::pass_code(1, 1),
        photo: None,
    };
    let eleven = entry_print::render_passes("公司", &vec![card; 11]).unwrap();
    assert_eq!(pages_of(&eleven).len(), 2);
    let err = entry_print::passes_pdf(&store, &hiring, engagement, Some(vec![-1])).await.unwrap_err();
    assert_eq!(err.field(), Some("workers"));
}
