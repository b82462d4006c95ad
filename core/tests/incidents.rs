//! Issue 10, incidents: 违规考核, the 安全风险抵押金 ledger (never negative, not even with two desks
//! at once; the money stays with its engagement; refunded whole at the end), accidents with the
//! route of their category and the 1-hour clock, and the safety department's people view.

use crate::common;

use chrono::{Duration, NaiveDate};
use common::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::contractor::accident::{
    self, AccidentInput, AccidentPersonInput, AccidentQuery, AccidentState, ClockState,
};
use shouhou_core::contractor::deposit::{self, DepositEntryInput, DepositKind};
use shouhou_core::contractor::engagement;
use shouhou_core::contractor::safety_view;
use shouhou_core::contractor::unit;
use shouhou_core::contractor::violation::{self, ViolationInput, ViolationQuery};
use shouhou_core::contractor::{ContractorUnitInput, EngagementCategory, EngagementInput, UnitContact};
use shouhou_core::db::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn unit_input(name: &str, code: &str) -> ContractorUnitInput {
    ContractorUnitInput {
        name: name.into(),
        credit_code: code.into(),
        legal_representative: "刘建国".into(),
        address: "天津市滨海新区".into(),
        bank_name: String::new(),
        bank_account: String::new(),
        contacts: vec![UnitContact {
            name: "孙立新".into(), title: "项目经理".into(), phone: "13902201234".into()
        }],
        notes: String::new(),
    }
}

fn engagement_input(category: EngagementCategory, department_id: i64, unit_id: Option<i64>) -> EngagementInput {
    EngagementInput {
        category,
        department_id,
        unit_id,
        title: "2号转炉除尘管道检修".into(),
        content: "拆除并更换除尘管道".into(),
        place: "炼钢厂".into(),
        area: "2号转炉平台".into(),
        contract_number: "HT-2026-101".into(),
        start_date: today() + Duration::days(3),
        end_date: today() + Duration::days(40),
        no_subcontracting: true,
        deposit_fen: 2_000_000,
        deposit_terms: "完工无事故全额退还".into(),
    }
}

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    safety: Actor,
    hiring: Actor,
    other_hiring: Actor,
    gate: Actor,
    unit_id: i64,
    other_unit_id: i64,
    /// WB- of `unit_id`, hired by production, 用工中.
    engagement: i64,
    /// WB- of `other_unit_id`, hired by production, 用工中.
    other_engagement: i64,
    /// 张建军 of `unit_id`.
    worker: i64,
}

async fn user(store: &Store, admin: &Actor, name: &str, role: Role, department: i64) -> Actor {
    account::create_user(store, admin, new_user(name, role, Some(department)), at(8, 3)).await.unwrap();
    account::sign_in(store, name, "pass12345", at(8, 4)).await.unwrap()
}

/// A worker as the workers module will store one (plain SQL until its API is merged).
async fn insert_worker(store: &Store, name: &str, id_number: &str, unit_id: Option<i64>) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO contractor_worker (name, id_number, birth_date, sex, category, unit_id, trade, search_text,
             created_at, updated_at)
         VALUES (?, ?, '1985-03-07', 'male', 'outsourced', ?, '焊工', ?, '2026-11-27T08:00:00.000Z', '2026-11-27T08:00:00.000Z')
         RETURNING id",
    )
    .bind(name)
    .bind(id_number)
    .bind(unit_id)
    .bind(name)
    .fetch_one(store.pool())
    .await
    .unwrap()
}

async fn set_state(store: &Store, engagement_id: i64, state: &str) {
    sqlx::query("UPDATE contractor_engagement SET state = ? WHERE id = ?")
        .bind(state)
        .bind(engagement_id)
        .execute(store.pool())
        .await
        .unwrap();
}

async fn world() -> World {
    let (dir, store, admin) = initialized().await;
    let production = department_id(&store, "生产部").await;
    let safety_dept = department_id(&store, "安全管理部").await;
    let business = department_id(&store, "业务部").await;
    let guard = department_id(&store, "保卫部").await;
    let safety = user(&store, &admin, "wumin", Role::Safety, safety_dept).await;
    let hiring = user(&store, &admin, "zhengtao", Role::HiringDept, production).await;
    let other_hiring = user(&store, &admin, "yewu", Role::HiringDept, business).await;
    let gate = user(&store, &admin, "fengjun", Role::Gate, guard).await;
    let unit_id = unit::create(&store, &safety, unit_input("天津宏远建筑工程有限公司", "91120116MA05JBT06Y"), at(9, 0))
        .await
        .unwrap()
        .id;
    let other_unit_id =
        unit::create(&store, &safety, unit_input("天津市津南区安达设备安装有限公司", "91120104MA05K8XW39"), at(9, 0))
            .await
            .unwrap()
            .id;
    let e = engagement::register(
        &store,
        &hiring,
        engagement_input(EngagementCategory::Outsourced, production, Some(unit_id)),
        at(9, 1),
    )
    .await
    .unwrap();
    let o = engagement::register(
        &store,
        &hiring,
        engagement_input(EngagementCategory::Outsourced, production, Some(other_unit_id)),
        at(9, 1),
    )
    .await
    .unwrap();
    set_state(&store, e.id, "active").await;
    set_state(&store, o.id, "active").await;
    let worker = insert_worker(&store, "张建军", "11010519491231002X", Some(unit_id)).await;
    World {
        _dir: dir,
        store,
        safety,
        hiring,
        other_hiring,
        gate,
        unit_id,
        other_unit_id,
        engagement: e.id,
        other_engagement: o.id,
        worker,
    }
}

fn violation_input(worker_id: Option<i64>, engagement_id: Option<i64>, penalty_fen: i64) -> ViolationInput {
    ViolationInput {
        occurred_on: today(),
        place: "2号转炉平台".into(),
        description: "高处作业未系安全带".into(),
        rule_broken: "高处作业安全规程".into(),
        penalty_fen,
        worker_id,
        unit_id: None,
        engagement_id,
    }
}

fn entry(kind: DepositKind, amount_fen: i64, reason: &str) -> DepositEntryInput {
    DepositEntryInput { kind, amount_fen, entry_on: today(), reason: reason.into(), violation_id: None }
}

#[tokio::test]
async fn a_violation_fills_in_the_unit_and_refuses_an_engagement_of_another() {
    let w = world().await;
    let v =
        violation::record(&w.store, &w.hiring, violation_input(Some(w.worker), Some(w.engagement), 50_000), at(9, 10))
            .await
            .unwrap();
    assert_eq!(v.unit_id, Some(w.unit_id), "the person brings their unit");
    assert_eq!(v.worker_name.as_deref(), Some("张建军"));
    assert_eq!(v.recorded_by, "zhengtao姓名");

    let err = violation::record(
        &w.store,
        &w.safety,
        violation_input(Some(w.worker), Some(w.other_engagement), 10_000),
        at(9, 11),
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("engagement_id"));
    assert!(err.user_message().contains("不属于该单位"), "{}", err.user_message());

    let unit_only = ViolationInput { unit_id: Some(w.other_unit_id), ..violation_input(None, None, 20_000) };
    let u = violation::record(&w.store, &w.safety, unit_only, at(9, 12)).await.unwrap();
    assert_eq!(u.unit_name.as_deref(), Some("天津市津南区安达设备安装有限公司"));
    let by_engagement =
        violation::record(&w.store, &w.safety, violation_input(None, Some(w.other_engagement), 5), at(9, 13))
            .await
            .unwrap();
    assert_eq!(by_engagement.unit_id, Some(w.other_unit_id), "the engagement brings its unit");

    let err =
        violation::record(&w.store, &w.gate, violation_input(Some(w.worker), None, 0), at(9, 14)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden", "the gate sees, records nothing");
    let err = violation::record(&w.store, &w.safety, violation_input(None, None, 0), at(9, 14)).await.unwrap_err();
    assert_eq!(err.user_message(), "违规人员、单位和项目至少填写一项");

    let all = violation::list(&w.store, &w.gate, &ViolationQuery::default()).await.unwrap();
    assert_eq!((all.page.total, all.penalty_total_fen), (3, 70_005));
    let of_unit =
        violation::list(&w.store, &w.gate, &ViolationQuery { unit_id: Some(w.other_unit_id), ..Default::default() })
            .await
            .unwrap();
    assert_eq!((of_unit.page.total, of_unit.penalty_total_fen), (2, 20_005));
    let of_person =
        violation::list(&w.store, &w.gate, &ViolationQuery { worker_id: Some(w.worker), ..Default::default() })
            .await
            .unwrap();
    assert_eq!(of_person.page.items.iter().map(|v| v.id).collect::<Vec<_>>(), [v.id]);
    let none = violation::list(
        &w.store,
        &w.gate,
        &ViolationQuery { from: Some(today() + Duration::days(1)), ..Default::default() },
    )
    .await
    .unwrap();
    assert_eq!((none.page.total, none.penalty_total_fen), (0, 0));
    // Paging by day, newest first, then id.
    let first =
        violation::list(&w.store, &w.gate, &ViolationQuery { limit: Some(2), ..Default::default() }).await.unwrap();
    assert_eq!(first.page.items.iter().map(|v| v.id).collect::<Vec<_>>(), [by_engagement.id, u.id]);
    let rest = violation::list(&w.store, &w.gate, &ViolationQuery { after: first.page.next, ..Default::default() })
        .await
        .unwrap();
    assert_eq!(rest.page.items.iter().map(|v| v.id).collect::<Vec<_>>(), [v.id]);
}

#[tokio::test]
async fn the_ledger_never_goes_negative_and_the_money_stays_with_its_engagement() {
    let w = world().await;
    let l = deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Received, 2_000_000, ""), at(9, 20))
        .await
        .unwrap();
    assert_eq!((l.agreed_fen, l.received_fen, l.balance_fen), (2_000_000, 2_000_000, 2_000_000));

    let err =
        deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Deduction, 2_000_001, "违章"), at(9, 21))
            .await
            .unwrap_err();
    assert_eq!(err.user_message(), "扣除金额 20,000.01 元 超过抵押金余额 20,000.00 元,余额不能为负");

    // A violation of the other engagement cannot be taken from this deposit.
    let other =
        violation::record(&w.store, &w.safety, violation_input(None, Some(w.other_engagement), 30_000), at(9, 22))
            .await
            .unwrap();
    let mut wrong = entry(DepositKind::Deduction, 30_000, "违章作业");
    wrong.violation_id = Some(other.id);
    let err = deposit::enter(&w.store, &w.hiring, w.engagement, wrong, at(9, 23)).await.unwrap_err();
    assert!(err.user_message().contains("不准挪作他用"), "{}", err.user_message());

    let own =
        violation::record(&w.store, &w.safety, violation_input(Some(w.worker), Some(w.engagement), 50_000), at(9, 24))
            .await
            .unwrap();
    let mut take = entry(DepositKind::Deduction, 50_000, "高处作业未系安全带");
    take.violation_id = Some(own.id);
    let l = deposit::enter(&w.store, &w.safety, w.engagement, take.clone(), at(9, 25)).await.unwrap();
    assert_eq!((l.deducted_fen, l.balance_fen), (50_000, 1_950_000));
    assert_eq!(l.entries[1].violation_description.as_deref(), Some("高处作业未系安全带"));
    let err = deposit::enter(&w.store, &w.safety, w.engagement, take, at(9, 26)).await.unwrap_err();
    assert!(err.user_message().contains("超过该违规考核未扣的 0.00 元"), "{}", err.user_message());

    // Another department's hiring desk keeps its own ledgers only; the gate none.
    let err = deposit::enter(&w.store, &w.other_hiring, w.engagement, entry(DepositKind::Received, 1, ""), at(9, 27))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let err = deposit::enter(&w.store, &w.gate, w.engagement, entry(DepositKind::Received, 1, ""), at(9, 27))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");

    // The other engagement's ledger is untouched.
    let o = deposit::ledger(&w.store, &w.gate, w.other_engagement).await.unwrap();
    assert_eq!((o.balance_fen, o.entries.len()), (0, 0));
    let err = deposit::enter(&w.store, &w.hiring, w.other_engagement, entry(DepositKind::Deduction, 1, "x"), at(9, 28))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("超过抵押金余额 0.00 元"), "{}", err.user_message());

    // The table refuses a negative balance even past the core.
    let raw = sqlx::query(
        "INSERT INTO safety_deposit_entry (engagement_id, kind, amount_fen, entry_on, balance_after_fen, created_at)
         VALUES (?, 'deduction', 1, '2026-11-27', -1, '2026-11-27T09:29:00.000Z')",
    )
    .bind(w.engagement)
    .execute(w.store.pool())
    .await;
    assert!(raw.is_err(), "CHECK (balance_after_fen >= 0)");
}

#[tokio::test]
async fn two_desks_cannot_take_the_same_money() {
    let w = world().await;
    deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Received, 100_000, ""), at(9, 30))
        .await
        .unwrap();
    for round in 0..5 {
        let (a, b) = tokio::join!(
            deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Deduction, 60_000, "甲"), at(9, 31)),
            deposit::enter(&w.store, &w.safety, w.engagement, entry(DepositKind::Deduction, 60_000, "乙"), at(9, 31)),
        );
        if round == 0 {
            assert!(a.is_ok() != b.is_ok(), "exactly one desk takes the money: {a:?} / {b:?}");
            let err = a.err().or(b.err()).unwrap();
            assert!(err.user_message().contains("超过抵押金余额 400.00 元"), "{}", err.user_message());
        } else {
            assert!(a.is_err() && b.is_err());
        }
    }
    let l = deposit::ledger(&w.store, &w.gate, w.engagement).await.unwrap();
    assert_eq!((l.balance_fen, l.deducted_fen, l.entries.len()), (40_000, 60_000, 2));
    // Every entry's balance follows from the one before.
    let mut running = 0;
    for e in &l.entries {
        running += if e.kind == DepositKind::Received { e.amount_fen } else { -e.amount_fen };
        assert_eq!(e.balance_after_fen, running);
    }
}

#[tokio::test]
async fn the_whole_balance_is_refunded_once_the_engagement_has_ended() {
    let w = world().await;
    deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Received, 300_000, ""), at(9, 40))
        .await
        .unwrap();
    // A wrong receipt is corrected by an opposite entry with its reason, never edited.
    deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Received, 1_000, ""), at(9, 41))
        .await
        .unwrap();
    deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Deduction, 1_000, "冲正:重复收取"), at(9, 42))
        .await
        .unwrap();
    let err = deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Refund, 300_000, ""), at(9, 43))
        .await
        .unwrap_err();
    assert_eq!(err.user_message(), "项目用工中,完工或终止后才能退还抵押金");
    set_state(&w.store, w.engagement, "completed").await;
    let err = deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Refund, 100_000, ""), at(9, 44))
        .await
        .unwrap_err();
    assert_eq!(err.user_message(), "退还须为全部余额 3,000.00 元(填写的是 1,000.00 元)");
    let l =
        deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Refund, 300_000, "完工无事故"), at(9, 45))
            .await
            .unwrap();
    assert_eq!((l.received_fen, l.deducted_fen, l.refunded_fen, l.balance_fen), (301_000, 1_000, 300_000, 0));
    let err = deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Refund, 1, ""), at(9, 46))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("没有可退还"), "{}", err.user_message());
    let history: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, summary FROM audit_event WHERE entity = 'safety_deposit' AND entity_id = ? ORDER BY id",
    )
    .bind(w.engagement.to_string())
    .fetch_all(w.store.pool())
    .await
    .unwrap();
    assert_eq!(history.len(), 4);
    assert_eq!(history[3].0, "deposit_refund");
    assert!(history[3].1.ends_with("抵押金退还 3,000.00 元(余额 0.00 元):完工无事故"), "{}", history[3].1);
}

fn accident_input(category: EngagementCategory, engagement_id: Option<i64>, worker: Option<i64>) -> AccidentInput {
    AccidentInput {
        occurred_at: at(9, 0),
        place: "2号转炉平台".into(),
        category,
        engagement_id,
        unit_id: None,
        description: "拆除管道时脚手板滑落,砸伤左脚".into(),
        injuries: "左脚骨折".into(),
        responsible_department_id: None,
        people: vec![
            AccidentPersonInput { worker_id: worker, name: String::new(), injury: "左脚骨折".into() },
            AccidentPersonInput { worker_id: None, name: "李四".into(), injury: "擦伤".into() },
        ],
    }
}

#[tokio::test]
async fn an_accident_runs_its_clock_until_reported_and_follows_its_route() {
    let w = world().await;
    // The engagement decides the category (外包工) whatever the form said.
    let a = accident::register(
        &w.store,
        &w.hiring,
        accident_input(EngagementCategory::Temporary, Some(w.engagement), Some(w.worker)),
        at(9, 20),
    )
    .await
    .unwrap();
    assert_eq!(a.number, "SG-2026-0001");
    assert_eq!(a.category, EngagementCategory::Outsourced);
    assert_eq!(a.unit_id, Some(w.unit_id));
    assert_eq!(a.responsible_department_name.as_deref(), Some("生产部"));
    assert_eq!(a.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["张建军", "李四"]);
    assert_eq!(a.route[1].who, "所在区域安全主管部门");
    assert_eq!((a.state, a.clock.state, a.clock.remaining_minutes), (AccidentState::Open, ClockState::Running, 40));

    let got = accident::get(&w.store, &w.gate, a.id, at(10, 0)).await.unwrap();
    assert_eq!((got.clock.state, got.clock.remaining_minutes), (ClockState::Running, 0), "60 minutes exactly");
    let got = accident::get(&w.store, &w.gate, a.id, at(10, 5)).await.unwrap();
    assert_eq!(got.clock.text, "已超时 5 分钟,尚未上报");

    let err = accident::close(&w.store, &w.safety, a.id, a.version, "已处理", at(9, 50)).await.unwrap_err();
    assert_eq!(err.user_message(), "事故尚未上报,不能结案");
    let err = accident::report(&w.store, &w.safety, a.id, a.version, at(8, 59), "吴敏", at(9, 50)).await.unwrap_err();
    assert_eq!(err.user_message(), "上报时间不能早于事故发生时间");
    let err = accident::report(&w.store, &w.safety, a.id, a.version, at(9, 51), "吴敏", at(9, 50)).await.unwrap_err();
    assert_eq!(err.user_message(), "上报时间不能晚于现在");
    // Reported exactly 60 minutes after: in time. 18:00 in Shanghai.
    let a = accident::report(&w.store, &w.safety, a.id, a.version, at(10, 0), "吴敏", at(10, 2)).await.unwrap();
    assert_eq!((a.state, a.clock.state), (AccidentState::Reported, ClockState::ReportedInTime));
    assert_eq!(a.clock.text, "已于 18:00 上报(用时 60 分钟)");
    let err = accident::report(&w.store, &w.safety, a.id, a.version, at(10, 0), "吴敏", at(10, 2)).await.unwrap_err();
    assert_eq!(err.user_message(), "事故 SG-2026-0001 已上报");
    let err = accident::close(&w.store, &w.safety, a.id, a.version, "已处理", at(10, 3)).await.unwrap_err();
    assert!(err.user_message().contains("报公司安全管理部"), "{}", err.user_message());
    let a = accident::inform_safety(&w.store, &w.hiring, a.id, a.version, at(10, 10), at(10, 11)).await.unwrap();
    assert_eq!(a.safety_dept_informed_at, Some(at(10, 10)));
    let err = accident::close(&w.store, &w.safety, a.id, a.version - 1, "x", at(10, 12)).await.unwrap_err();
    assert_eq!(err.code(), "stale");
    let a =
        accident::close(&w.store, &w.safety, a.id, a.version, "脚手板未固定,对承包单位考核", at(10, 12)).await.unwrap();
    assert_eq!((a.state, a.closed_at), (AccidentState::Closed, Some(at(10, 12))));

    // A second one, reported a minute late; an after-sales accident follows the supplier's route.
    let b = accident::register(
        &w.store,
        &w.safety,
        AccidentInput {
            occurred_at: at(11, 0) + Duration::seconds(42),
            ..accident_input(EngagementCategory::AfterSales, None, None)
        },
        at(11, 5),
    )
    .await;
    let err = b.unwrap_err();
    assert_eq!(err.field(), Some("people"), "a worker-less person needs a name");
    let mut input = accident_input(EngagementCategory::AfterSales, None, None);
    input.occurred_at = at(11, 0) + Duration::seconds(42);
    input.people.remove(0);
    let b = accident::register(&w.store, &w.safety, input, at(11, 5)).await.unwrap();
    assert_eq!(b.number, "SG-2026-0002");
    assert_eq!(b.occurred_at, at(11, 0), "to the minute");
    assert_eq!(b.route[0].who, "售后服务单位");
    let b = accident::report(&w.store, &w.safety, b.id, b.version, at(12, 1), "吴敏", at(12, 2)).await.unwrap();
    assert_eq!((b.clock.state, b.clock.text.as_str()), (ClockState::ReportedLate, "超时 1 分钟上报"));

    let err =
        accident::register(&w.store, &w.gate, accident_input(EngagementCategory::Temporary, None, None), at(12, 0))
            .await
            .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let open = accident::list(&w.store, &w.gate, &AccidentQuery { open: Some(true), ..Default::default() }, at(12, 5))
        .await
        .unwrap();
    assert_eq!(open.items.iter().map(|a| a.number.as_str()).collect::<Vec<_>>(), ["SG-2026-0002"]);
    assert_eq!(open.items[0].people, "李四");
}

#[tokio::test]
async fn the_safety_view_shows_certificates_denials_open_accidents_and_deposits() {
    let w = world().await;
    let lapsed_on = today() - Duration::days(2);
    let soon = today() + Duration::days(30);
    let later = today() + Duration::days(31);
    for (number, valid_to, review_due) in
        [("T1", lapsed_on, later + Duration::days(400)), ("T2", soon, later), ("T3", later, later + Duration::days(60))]
    {
        sqlx::query(
            "INSERT INTO worker_certificate (worker_id, kind, class, number, issued_on, valid_to, review_due_on, created_at, updated_at)
             VALUES (?, 'special_operation', '焊接与热切割作业', ?, '2020-01-01', ?, ?, '2026-11-27T08:00:00.000Z', '2026-11-27T08:00:00.000Z')",
        )
        .bind(w.worker)
        .bind(number)
        .bind(valid_to)
        .bind(review_due)
        .execute(w.store.pool())
        .await
        .unwrap();
    }
    for (date, result) in [("2026-11-27", "deny"), ("2026-11-26", "deny"), ("2026-11-27", "allow")] {
        sqlx::query(
            "INSERT INTO entry_check (checked_at, check_date, worker_id, id_number_masked, engagement_id, result, reasons, gate)
             VALUES ('2026-11-27T01:00:00.000Z', ?, ?, '110105********002X', ?, ?, '[{\"code\":\"no_education\",\"message\":\"三级安全教育未完成\"}]', '一号门')",
        )
        .bind(date)
        .bind(w.worker)
        .bind(w.engagement)
        .bind(result)
        .execute(w.store.pool())
        .await
        .unwrap();
    }
    accident::register(
        &w.store,
        &w.safety,
        accident_input(EngagementCategory::Outsourced, Some(w.engagement), Some(w.worker)),
        at(9, 30),
    )
    .await
    .unwrap();
    deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Received, 500_000, ""), at(9, 31))
        .await
        .unwrap();
    deposit::enter(&w.store, &w.hiring, w.other_engagement, entry(DepositKind::Received, 100, ""), at(9, 31))
        .await
        .unwrap();
    set_state(&w.store, w.other_engagement, "completed").await;
    deposit::enter(&w.store, &w.hiring, w.other_engagement, entry(DepositKind::Refund, 100, ""), at(9, 32))
        .await
        .unwrap();

    let v = safety_view::people_view(&w.store, &w.gate, at(9, 40)).await.unwrap();
    let certs: Vec<(&str, &str, i64)> =
        v.certificates.iter().map(|c| (c.number.as_str(), c.deadline.key(), c.days_left)).collect();
    // Valid to within 30 days (T1 lapsed, T2 on the 30th day), reviews within 60 (T2 on day 31).
    assert_eq!(certs, [("T1", "valid_to", -2), ("T2", "valid_to", 30), ("T2", "review", 31)]);
    assert!(v.certificates.iter().all(|c| c.worker_id == w.worker && c.worker_name == "张建军"));
    assert_eq!(v.denials_today.len(), 1, "today's denials only");
    assert_eq!(v.denials_today[0].reasons, "三级安全教育未完成");
    assert_eq!(v.open_accidents.len(), 1);
    assert_eq!(
        (v.open_accidents[0].clock.state, v.open_accidents[0].clock.remaining_minutes),
        (ClockState::Running, 20)
    );
    assert_eq!(
        v.deposits_held.iter().map(|d| (d.engagement_id, d.balance_fen)).collect::<Vec<_>>(),
        [(w.engagement, 500_000)]
    );
    assert_eq!(v.deposits_held_total_fen, 500_000);
}

use crate::pdf_read;

#[tokio::test]
async fn the_first_report_and_the_deposit_ledger_print_every_field() {
    use pdf_read::*;
    use shouhou_core::contractor::incident_print;
    let w = world().await;
    let a = accident::register(
        &w.store,
        &w.hiring,
        accident_input(EngagementCategory::Outsourced, Some(w.engagement), Some(w.worker)),
        at(9, 20),
    )
    .await
    .unwrap();
    let a = accident::report(&w.store, &w.safety, a.id, a.version, at(9, 42), "吴敏", at(9, 43)).await.unwrap();
    let pdf = incident_print::render_accident(&w.store, &w.safety, a.id, at(9, 50)).await.unwrap();
    keep("incidents-accident.pdf", &pdf);
    let text = text_of(&pdf);
    for wanted in [
        "外用(包)工事故快报",
        "SG-2026-0001",
        "2026-11-27 17:00",
        "外包工",
        "2号转炉平台",
        "天津宏远建筑工程有限公司",
        "生产部",
        "拆除管道时脚手板滑落,砸伤左脚",
        "张建军",
        "李四",
        "擦伤",
        "所在区域安全主管部门",
        "协同调查",
        "2026-11-27 18:00",
        "2026-11-27 17:42",
        "吴敏",
        "已于 17:42 上报(用时 42 分钟)",
        "SH/AQ-SG-01",
        "打印:2026-11-27 17:50 wumin姓名",
    ] {
        assert!(has(&text, wanted), "{wanted} missing from:\n{text}");
    }

    deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Received, 2_000_000, "合同约定"), at(9, 30))
        .await
        .unwrap();
    let v =
        violation::record(&w.store, &w.safety, violation_input(Some(w.worker), Some(w.engagement), 50_000), at(9, 31))
            .await
            .unwrap();
    let mut take = entry(DepositKind::Deduction, 50_000, "违章扣款");
    take.violation_id = Some(v.id);
    deposit::enter(&w.store, &w.safety, w.engagement, take, at(9, 32)).await.unwrap();
    let pdf = incident_print::render_deposit_ledger(&w.store, &w.gate, w.engagement, at(9, 50)).await.unwrap();
    keep("incidents-deposit.pdf", &pdf);
    let text = text_of(&pdf);
    for wanted in [
        "安全风险抵押金台帐",
        "WB-2026-0001",
        "用工中",
        "生产部",
        "2号转炉除尘管道检修",
        "应收",
        "20,000.00 元",
        "余额",
        "19,500.00 元",
        "500.00 元",
        "收取",
        "20,000.00",
        "扣除",
        "500.00",
        "19,500.00",
        "违章扣款",
        "违规考核:高处作业未系安全带",
        "2026-11-27扣除",
        "zhengtao姓名",
        "wumin姓名",
        "SH/AQ-YJ-01",
        "不准挪作他用",
    ] {
        assert!(has(&text, wanted), "{wanted} missing from:\n{text}");
    }
}

#[tokio::test]
async fn the_demo_has_violations_a_deposit_with_a_deduction_and_two_accidents() {
    let (_dir, store) = common::demo().await;
    let safety = account::sign_in(&store, "wumin", shouhou_core::demo::DEMO_PASSWORD, at(8, 1)).await.unwrap();
    let v = violation::list(&store, &safety, &ViolationQuery::default()).await.unwrap();
    assert_eq!((v.page.total, v.penalty_total_fen), (3, 170_000));
    // Read at the demo's own now: the open accident happened 30 minutes before it.
    let view = safety_view::people_view(&store, &safety, at(8, 0)).await.unwrap();
    assert_eq!(view.deposits_held.len(), 1);
    let l = deposit::ledger(&store, &safety, view.deposits_held[0].engagement_id).await.unwrap();
    assert_eq!(l.entries.iter().map(|e| e.kind).collect::<Vec<_>>(), [DepositKind::Received, DepositKind::Deduction]);
    assert_eq!(l.balance_fen, l.received_fen - 50_000);
    // Open until closed: the running one first, then the one reported in time but not yet closed.
    assert_eq!(view.open_accidents.len(), 2);
    assert_eq!(view.open_accidents[0].clock.state, ClockState::Running);
    assert_eq!(view.open_accidents[0].clock.remaining_minutes, 30, "{:?}", view.open_accidents[0].clock);
    let all = accident::list(&store, &safety, &AccidentQuery::default(), at(8, 2)).await.unwrap();
    assert_eq!(all.items.len(), 2);
    assert_eq!(all.items[1].clock.state, ClockState::ReportedInTime);
    assert!(all.items[1].clock.text.contains("用时 42 分钟"), "{}", all.items[1].clock.text);
}

#[tokio::test]
async fn the_ledger_gains_the_people_figures() {
    use calamine::{Data, Reader};
    use pdf_read::*;
    use shouhou_core::contractor::print;
    let w = world().await;
    // 张建军 on the roster with a lapsed certificate and one check this month; a name-only entry.
    sqlx::query("INSERT INTO contractor_roster (engagement_id, name, trade, working, added_by, added_at, worker_id) VALUES (?, '张建军', '焊工', 1, 'x', '2026-11-27T01:00:00.000Z', ?), (?, '李四', '力工', 0, 'x', '2026-11-27T01:00:00.000Z', NULL)")
        .bind(w.engagement)
        .bind(w.worker)
        .bind(w.engagement)
        .execute(w.store.pool())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO worker_certificate (worker_id, kind, class, number, issued_on, valid_to, review_due_on, created_at, updated_at)
         VALUES (?, 'special_operation', '焊接与热切割作业', 'T1', '2020-01-01', '2026-11-01', '2027-01-01', '2026-11-27T08:00:00.000Z', '2026-11-27T08:00:00.000Z')",
    )
    .bind(w.worker)
    .execute(w.store.pool())
    .await
    .unwrap();
    for date in ["2026-11-03", "2026-10-31"] {
        sqlx::query("INSERT INTO entry_check (checked_at, check_date, worker_id, engagement_id, result) VALUES ('2026-11-27T01:00:00.000Z', ?, ?, ?, 'allow')")
            .bind(date)
            .bind(w.worker)
            .bind(w.engagement)
            .execute(w.store.pool())
            .await
            .unwrap();
    }
    violation::record(&w.store, &w.safety, violation_input(Some(w.worker), Some(w.engagement), 50_000), at(9, 0))
        .await
        .unwrap();
    deposit::enter(&w.store, &w.hiring, w.engagement, entry(DepositKind::Received, 300_000, ""), at(9, 1))
        .await
        .unwrap();

    let (rows, _) = print::ledger_rows(&w.store, &w.safety, Some("生产部"), at(10, 0)).await.unwrap();
    let r = rows.iter().find(|r| r.person_name == "张建军").unwrap();
    assert_eq!(
        (r.roster_count, r.education_complete, r.education_incomplete, r.certificates_valid, r.certificates_lapsed),
        (2, 0, 2, 0, 1)
    );
    assert_eq!((r.entry_checks_month, r.penalty_fen, r.deposit_balance_fen), (1, 50_000, 300_000));
    let text = text_of(&print::ledger_pdf(&w.store, &w.safety, Some("生产部"), at(10, 0)).await.unwrap());
    assert!(has(&text, "人员情况"), "{text}");
    assert!(has(&text, "WB-2026-0001202011500.003,000.00"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台帐.xlsx");
    print::ledger_xlsx(&w.store, &w.safety, Some("生产部"), &path, at(10, 0)).await.unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("台帐").unwrap();
    let all: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let first = all.iter().find(|r| r[1] == Data::String("WB-2026-0001".into())).unwrap();
    assert_eq!(first[16..].to_vec(), [2.0, 0.0, 2.0, 0.0, 1.0, 1.0, 500.0, 3000.0].map(Data::Float).to_vec());
}
