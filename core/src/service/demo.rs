//! Demo data of customer service, loaded after the demo complaints (whose closing already
//! scheduled follow-up visits): feedback in every state, care plans with done and overdue
//! visits, and returns in every state at all three stores.

use chrono::{DateTime, Duration, Utc};

use super::care::{self, CareFrequency, CarePlanInput, VisitActionItem, VisitMode, VisitRecord};
use super::feedback::{self, Conversion, FeedbackChannel, FeedbackInput, FeedbackKind, RouteInput};
use super::returns::{self, ReturnCommand, ReturnInput, ReturnKind, ReturnLine, ReturnReason};
use crate::account::{self, Actor};
use crate::complaint::{Category, Severity};
use crate::db::Store;
use crate::error::Result;

async fn actor(store: &Store, username: &str) -> Result<Actor> {
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM app_user WHERE username = ?").bind(username).fetch_one(store.pool()).await?;
    account::session_actor(store, id).await
}

async fn department(store: &Store, name: &str) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT id FROM department WHERE name = ?").bind(name).fetch_one(store.pool()).await?)
}

/// How many records of each kind were added: (feedback, care plans, returns).
pub async fn load(store: &Store, now: DateTime<Utc>) -> Result<(i64, i64, i64)> {
    let zone = crate::settings::load(store).await?.zone();
    let today = now.with_timezone(&zone).date_naive();
    let days_ago = |d: i64| now - Duration::days(d);
    let lina = actor(store, "lina").await?;
    let manager = actor(store, "zhaoqiang").await?;
    let quality = actor(store, "liuyang").await?;
    let technical = actor(store, "sunwei").await?;
    let clerk = actor(store, "heli").await?;
    let (quality_dept, technical_dept) = (department(store, "品控中心").await?, department(store, "技术部").await?);
    let customers: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, grade FROM customer WHERE active = 1 ORDER BY id").fetch_all(store.pool()).await?;
    let key: Vec<i64> = customers.iter().filter(|c| c.1 == "key").map(|c| c.0).collect();
    let any = |i: usize| customers[i % customers.len()].0;
    let stores: Vec<i64> = sqlx::query_scalar("SELECT id FROM store ORDER BY id").fetch_all(store.pool()).await?;

    // ---- feedback in every state
    let input = |kind, channel, content: &str, customer: Option<i64>, at: DateTime<Utc>| FeedbackInput {
        received_at: at,
        channel,
        kind,
        content: content.into(),
        customer_id: customer,
        contact: String::new(),
        store_id: None,
    };
    let mut count = 0;
    // 待分派: an inquiry just in.
    feedback::register(
        store,
        &lina,
        input(
            FeedbackKind::Inquiry,
            FeedbackChannel::Hotline,
            "询问JSJ-300-B减速机的润滑油型号及更换周期",
            Some(any(1)),
            days_ago(1),
        ),
        days_ago(1),
    )
    .await?;
    // 待分派 at a store.
    let at_store = FeedbackInput {
        store_id: Some(stores[0]),
        ..input(FeedbackKind::Suggestion, FeedbackChannel::Store, "顾客建议门店增加常用易损件的现货", None, days_ago(2))
    };
    feedback::register(store, &clerk, at_store, days_ago(2)).await?;
    // 处理中, one department answered, the other overdue.
    let f = feedback::register(
        store,
        &lina,
        input(
            FeedbackKind::Suggestion,
            FeedbackChannel::Email,
            "建议说明书增加润滑油更换周期的图示,并附二维码视频",
            Some(any(2)),
            days_ago(12),
        ),
        days_ago(12),
    )
    .await?;
    let due = (days_ago(12)).with_timezone(&zone).date_naive() + Duration::days(5);
    let routes = vec![
        RouteInput { department_id: technical_dept, due_date: due },
        RouteInput { department_id: quality_dept, due_date: due },
    ];
    let f = feedback::route(store, &lina, f.id, f.version, routes, days_ago(12)).await?;
    feedback::answer(store, &quality, f.id, "品控中心同意,下一版随货资料增加图示。", days_ago(10)).await?;
    // 已答复 and adopted.
    let f = feedback::register(
        store,
        &lina,
        input(
            FeedbackKind::Suggestion,
            FeedbackChannel::Website,
            "建议减速机出厂时加装油位观察窗",
            Some(any(3)),
            days_ago(30),
        ),
        days_ago(30),
    )
    .await?;
    let f = feedback::route(
        store,
        &lina,
        f.id,
        f.version,
        vec![RouteInput { department_id: technical_dept, due_date: today - Duration::days(20) }],
        days_ago(30),
    )
    .await?;
    let f = feedback::answer(store, &technical, f.id, "技术部评估可行,已列入下季度设计变更。", days_ago(25)).await?;
    feedback::adopt(store, &manager, f.id, f.version, days_ago(24)).await?;
    // 已关闭: a praise, closed with a note.
    let f = feedback::register(
        store,
        &lina,
        input(
            FeedbackKind::Praise,
            FeedbackChannel::Hotline,
            "表扬售后工程师上门及时、讲解耐心",
            Some(any(4)),
            days_ago(20),
        ),
        days_ago(20),
    )
    .await?;
    feedback::close(store, &lina, f.id, f.version, "已转告售后工程师并在部门例会表扬。", days_ago(19)).await?;
    // 已关闭 by conversion into a complaint: received after every demo complaint (the newest was
    // received a day and two hours ago), so complaint numbers still follow the time received.
    let lead_at = now - Duration::days(1) - Duration::hours(1);
    let f = feedback::register(
        store,
        &lina,
        input(
            FeedbackKind::ComplaintLead,
            FeedbackChannel::Hotline,
            "客户反映新到的一批联轴器尺寸偏大,无法装配",
            Some(any(5)),
            lead_at,
        ),
        lead_at,
    )
    .await?;
    let conversion = Conversion {
        customer_id: None,
        category: Category::Quality,
        severity: Severity::Minor,
        customer_demand: "尽快换货".into(),
    };
    feedback::convert_to_complaint(store, &lina, f.id, f.version, conversion, lead_at + Duration::minutes(10)).await?;
    count += 6;

    // ---- care plans: one with a done and an overdue visit, one starting soon
    let mut plans = 0;
    if let Some(&first) = key.first() {
        let start = today - Duration::days(100);
        let plan = CarePlanInput {
            customer_id: first,
            owner_id: lina.user_id,
            frequency: CareFrequency::Quarterly,
            goals: "每季度走访一次,了解设备运行和备件需求,提升满意度".into(),
            starts_on: start,
        };
        let p = care::create_plan(store, &manager, plan, days_ago(101)).await?;
        let first_visit: i64 =
            sqlx::query_scalar("SELECT id FROM visit WHERE plan_id = ?").bind(p.id).fetch_one(store.pool()).await?;
        let v = care::get(store, &lina, first_visit).await?;
        let record = VisitRecord {
            visited_on: start,
            mode: VisitMode::OnSite,
            participants: "李娜、客户设备科张工".into(),
            content: "走访了解减速机运行情况,设备运行平稳,客户对上次投诉处理表示满意".into(),
            needs: "希望提供年度备件清单和保养培训".into(),
            satisfaction: Some(5),
            actions: vec![VisitActionItem {
                description: "寄送年度备件清单".into(),
                owner: "业务部 陈晨".into(),
                due_date: start + Duration::days(7),
                done_on: None,
            }],
        };
        care::record(store, &lina, v.id, v.version, record, days_ago(99)).await?;
        plans += 1;
    }
    if let Some(&second) = key.get(1) {
        let plan = CarePlanInput {
            customer_id: second,
            owner_id: lina.user_id,
            frequency: CareFrequency::Monthly,
            goals: "新签重点客户,首年每月电话回访".into(),
            starts_on: today + Duration::days(5),
        };
        care::create_plan(store, &manager, plan, days_ago(3)).await?;
        plans += 1;
    }

    // ---- returns in every state at the three stores
    let line = |part: &str, name: &str, quantity, price| ReturnLine {
        part_number: part.into(),
        product_name: name.into(),
        batch: "B2610".into(),
        quantity,
        unit_price_fen: price,
    };
    use ReturnCommand::*;
    let plans_of_returns: [(usize, ReturnKind, ReturnReason, &[ReturnCommand]); 8] = [
        (0, ReturnKind::Return, ReturnReason::Quality, &[]),
        (1, ReturnKind::Exchange, ReturnReason::Quality, &[Approve]),
        (2, ReturnKind::Return, ReturnReason::NonQuality, &[Approve, Receive]),
        (0, ReturnKind::Return, ReturnReason::Quality, &[Approve, Receive, Refund]),
        (1, ReturnKind::Exchange, ReturnReason::Other, &[Approve, Receive, ReturnCommand::Exchange]),
        (2, ReturnKind::Return, ReturnReason::Quality, &[Approve, Receive, Refund, Complete]),
        (0, ReturnKind::Exchange, ReturnReason::Quality, &[Approve, Receive, ReturnCommand::Exchange, Complete]),
        (1, ReturnKind::Return, ReturnReason::NonQuality, &[Reject]),
    ];
    let mut returned = 0;
    for (i, (store_index, kind, reason, steps)) in plans_of_returns.iter().enumerate() {
        let Some(&store_id) = stores.get(*store_index) else { continue };
        let at = days_ago(20 - 2 * i as i64);
        let input = ReturnInput {
            requested_at: at,
            store_id,
            customer_id: any(i + 1),
            complaint_id: None,
            kind: *kind,
            reason: *reason,
            reason_detail: if *reason == ReturnReason::Quality {
                "开箱发现齿轮箱漏油".into()
            } else {
                "客户选错型号".into()
            },
            lines: vec![line("JSJ-200-A", "减速机", 1 + i as i64 % 3, 125_050), line("ZC-6205", "轴承", 4, 3_800)],
        };
        let by = if *store_index == 0 { &clerk } else { &lina };
        let mut r = returns::register(store, by, input, at).await?;
        for (k, step) in steps.iter().enumerate() {
            let who = if step.is_approval() { &lina } else { by };
            let reason = if *step == Reject { "非质量原因且已超过7天退货期" } else { "" };
            r = returns::transition(store, who, r.id, r.version, *step, reason, at + Duration::hours(k as i64 + 1))
                .await?;
        }
        returned += 1;
    }
    Ok((count, plans, returned))
}
