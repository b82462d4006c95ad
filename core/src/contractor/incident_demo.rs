//! Demo data of the incidents: a few violations, a deposit received with one deduction that
//! takes a violation's penalty, one open accident (30 minutes before `now`, its clock running)
//! and one reported in time. Runs after the engagements' demo (`sample::demo`).

use super::demo_actor;
use chrono::{DateTime, Duration, Utc};

use super::accident::{self, AccidentInput, AccidentPersonInput};
use super::checklist::EngagementCategory;
use super::deposit::{self, DepositEntryInput, DepositKind};
use super::local_today;
use super::violation::{self, ViolationInput};
use crate::db::Store;
use crate::error::Result;

pub async fn demo(store: &Store, now: DateTime<Utc>) -> Result<()> {
    let safety = demo_actor(store, "wumin").await?;
    let today = local_today(store, now).await?;
    // Working engagements with a unit, oldest first.
    let working: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, deposit_fen, category FROM contractor_engagement
         WHERE state = 'active' AND unit_id IS NOT NULL ORDER BY id LIMIT 2",
    )
    .fetch_all(store.pool())
    .await?;
    let Some((first, agreed, _)) = working.first().cloned() else { return Ok(()) };

    let violations = [
        (first, 9, "3号高炉平台", "高处作业未系安全带", "《高处作业安全管理规定》第5条", 50_000),
        (first, 5, "炼钢厂原料跨", "动火作业未办理动火证", "《动火作业安全管理规定》第3条", 100_000),
        (
            working.get(1).map(|w| w.0).unwrap_or(first),
            2,
            "轧钢厂2号线",
            "未按规定佩戴安全帽进入作业现场",
            "外用(包)工安全协议书第四条",
            20_000,
        ),
    ];
    let mut recorded = Vec::new();
    for (i, (engagement_id, days_ago, place, what, rule, penalty_fen)) in violations.into_iter().enumerate() {
        let v = violation::record(
            store,
            &safety,
            ViolationInput {
                occurred_on: today - Duration::days(days_ago),
                place: place.into(),
                description: what.into(),
                rule_broken: rule.into(),
                penalty_fen,
                worker_id: None,
                unit_id: None,
                engagement_id: Some(engagement_id),
            },
            now - Duration::days(days_ago) + Duration::minutes(i as i64),
        )
        .await?;
        recorded.push(v);
    }

    let received = if agreed > 0 { agreed } else { 2_000_000 };
    let entry = |kind, amount_fen, days_ago: i64, reason: &str, violation_id| DepositEntryInput {
        kind,
        amount_fen,
        entry_on: today - Duration::days(days_ago),
        reason: reason.into(),
        violation_id,
    };
    deposit::enter(
        store,
        &safety,
        first,
        entry(DepositKind::Received, received, 20, "按合同约定收取", None),
        now - Duration::days(20),
    )
    .await?;
    deposit::enter(
        store,
        &safety,
        first,
        entry(DepositKind::Deduction, recorded[0].penalty_fen, 8, "违规考核从抵押金中扣除", Some(recorded[0].id)),
        now - Duration::days(8),
    )
    .await?;

    let category =
        working.first().and_then(|w| EngagementCategory::parse(&w.2)).unwrap_or(EngagementCategory::Outsourced);
    let reported = accident::register(
        store,
        &safety,
        AccidentInput {
            occurred_at: now - Duration::days(3) - Duration::minutes(120),
            place: "炼钢厂原料跨".into(),
            category,
            engagement_id: Some(first),
            unit_id: None,
            description: "搬运钢管时脱手,砸伤右手".into(),
            injuries: "右手挫伤".into(),
            responsible_department_id: None,
            people: vec![AccidentPersonInput {
                worker_id: None, name: "刘志强".into(), injury: "右手挫伤".into()
            }],
        },
        now - Duration::days(3) - Duration::minutes(110),
    )
    .await?;
    let reported = accident::report(
        store,
        &safety,
        reported.id,
        reported.version,
        reported.occurred_at + Duration::minutes(42),
        "吴敏",
        now - Duration::days(3) - Duration::minutes(70),
    )
    .await?;
    accident::inform_safety(
        store,
        &safety,
        reported.id,
        reported.version,
        reported.occurred_at + Duration::minutes(30),
        now - Duration::days(3) - Duration::minutes(60),
    )
    .await?;
    accident::register(
        store,
        &safety,
        AccidentInput {
            occurred_at: now - Duration::minutes(30),
            place: "2号转炉平台".into(),
            category,
            engagement_id: working.get(1).map(|w| w.0).or(Some(first)),
            unit_id: None,
            description: "拆除除尘管道时脚手板滑落,一人左脚被砸伤".into(),
            injuries: "左脚骨折(待医院确认)".into(),
            responsible_department_id: None,
            people: vec![AccidentPersonInput {
                worker_id: None, name: "王小虎".into(), injury: "左脚骨折".into()
            }],
        },
        now - Duration::minutes(25),
    )
    .await?;
    Ok(())
}
