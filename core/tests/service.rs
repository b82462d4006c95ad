//! Customer service on a real database, through the use-cases: feedback routed to two
//! departments and answered, converted into a complaint (linked both ways); care plans whose
//! visits follow one another; the follow-up visit a closed complaint schedules (and the setting
//! that switches it off); store returns approved in a round, with a store clerk confined to their
//! own store; records moving with the customer on a merge and showing on the timeline; the
//! printed forms read back.

use crate::common;
use crate::pdf_read;

use chrono::{Duration, NaiveDate};
use common::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::complaint::{self, Category, Channel, Command, ContactInput, ContactMethod, Registration, Severity};
use shouhou_core::customer::{self, CustomerGrade};
use shouhou_core::db::Store;
use shouhou_core::org::{self, StoreInput};
use shouhou_core::service::care::{
    self, CareFrequency, CarePlanInput, VisitMode, VisitRecord, VisitSource, VisitState,
};
use shouhou_core::service::feedback::{
    self, Conversion, FeedbackChannel, FeedbackInput, FeedbackKind, FeedbackQuery, FeedbackState, RouteInput,
};
use shouhou_core::service::returns::{
    self, ReturnCommand, ReturnInput, ReturnKind, ReturnLine, ReturnQuery, ReturnReason, ReturnState,
};
use shouhou_core::service::{self, timeline};
use shouhou_core::settings;

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    admin: Actor,
    after_sales: Actor,
    manager: Actor,
    quality: Actor,
    technical: Actor,
    clerk: Actor,
    other_clerk: Actor,
    stores: Vec<i64>,
    customer_id: i64,
    quality_dept: i64,
    technical_dept: i64,
}

async fn user(
    store: &Store,
    admin: &Actor,
    name: &str,
    role: Role,
    dept: Option<&str>,
    store_id: Option<i64>,
) -> Actor {
    let dept = match dept {
        Some(d) => Some(department_id(store, d).await),
        None => None,
    };
    let input = account::NewUser { store_id, ..new_user(name, role, dept) };
    account::create_user(store, admin, input, at(7, 0)).await.unwrap();
    account::sign_in(store, name, "pass12345", at(7, 1)).await.unwrap()
}

async fn world() -> World {
    let (dir, store, admin) = initialized().await;
    let mut stores = Vec::new();
    for (code, name) in [("TJ-01", "天津河西直销店"), ("TJ-02", "天津南开直销店")] {
        let input = StoreInput {
            code: code.into(),
            name: name.into(),
            region: String::new(),
            address: String::new(),
            manager: String::new(),
            phone: String::new(),
            active: true,
        };
        stores.push(org::create_store(&store, &admin, input, at(7, 0)).await.unwrap().id);
    }
    let c = customer::create(
        &store,
        &admin,
        customer::CustomerInput {
            grade: CustomerGrade::Key,
            region: "天津".into(),
            contacts: vec![customer::Contact {
                name: "张伟".into(),
                title: "采购经理".into(),
                phone: "13800001111".into(),
                email: String::new(),
                is_primary: true,
            }],
            ..customer_input("天津华泰机械有限公司")
        },
        at(7, 2),
    )
    .await
    .unwrap();
    World {
        after_sales: user(&store, &admin, "lina", Role::AfterSales, Some("售后服务部"), None).await,
        manager: user(&store, &admin, "zhaoqiang", Role::AfterSalesManager, Some("售后服务部"), None).await,
        quality: user(&store, &admin, "liuyang", Role::Quality, Some("品控中心"), None).await,
        technical: user(&store, &admin, "sunwei", Role::Technical, Some("技术部"), None).await,
        clerk: user(&store, &admin, "dian1", Role::StoreClerk, None, Some(stores[0])).await,
        other_clerk: user(&store, &admin, "dian2", Role::StoreClerk, None, Some(stores[1])).await,
        quality_dept: department_id(&store, "品控中心").await,
        technical_dept: department_id(&store, "技术部").await,
        customer_id: c.id,
        stores,
        admin,
        store,
        _dir: dir,
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn feedback_input(w: &World, kind: FeedbackKind) -> FeedbackInput {
    FeedbackInput {
        received_at: at(8, 0),
        channel: FeedbackChannel::Hotline,
        kind,
        content: "建议减速机说明书增加润滑油更换周期的图示".into(),
        customer_id: Some(w.customer_id),
        contact: "张伟 13800001111".into(),
        store_id: None,
    }
}

#[tokio::test]
async fn feedback_routed_to_two_departments_is_answered_by_each_and_closed() {
    let w = world().await;
    let s = &w.store;
    let f =
        feedback::register(s, &w.after_sales, feedback_input(&w, FeedbackKind::Suggestion), at(8, 5)).await.unwrap();
    assert_eq!((f.state, f.number.as_str()), (FeedbackState::Unassigned, "YJ-2026-00001"));
    let routes = vec![
        RouteInput { department_id: w.quality_dept, due_date: day(30) },
        RouteInput { department_id: w.technical_dept, due_date: day(28) },
    ];
    // Answering before routing is refused; a quality user cannot route.
    assert_eq!(
        feedback::answer(s, &w.quality, f.id, "会改进", at(8, 6)).await.unwrap_err().user_message(),
        "不能答复:意见建议当前状态为“待分派”,只有“处理中”时可以答复"
    );
    assert_eq!(
        feedback::route(s, &w.quality, f.id, f.version, routes.clone(), at(8, 6)).await.unwrap_err().code(),
        "forbidden"
    );
    let past = vec![RouteInput { department_id: w.quality_dept, due_date: day(26) }];
    assert_eq!(
        feedback::route(s, &w.after_sales, f.id, f.version, past, at(8, 6)).await.unwrap_err().field(),
        Some("due_date")
    );
    let f = feedback::route(s, &w.after_sales, f.id, f.version, routes, at(8, 7)).await.unwrap();
    assert_eq!(f.state, FeedbackState::InProgress);
    assert_eq!(f.routes.len(), 2);

    // Each department sees it on its workbench; 技术部's deadline passes first.
    let work = service::my_work(s, &w.technical, at(8, 8)).await.unwrap();
    assert_eq!(work.feedback_to_answer.iter().map(|x| x.id).collect::<Vec<_>>(), [f.id]);
    let later = at(8, 0) + Duration::days(2); // 11-29: 技术部 (due 11-28) is overdue
    let work = service::my_work(s, &w.technical, later).await.unwrap();
    assert!(work.feedback_to_answer[0].overdue);
    let overdue = service::my_work(s, &w.after_sales, later).await.unwrap().feedback_overdue;
    assert_eq!(overdue.iter().map(|x| x.id).collect::<Vec<_>>(), [f.id]);
    let page =
        feedback::list(s, &w.after_sales, &FeedbackQuery { overdue: Some(true), ..Default::default() }, at(8, 9))
            .await
            .unwrap();
    assert_eq!(page.total, 0, "nothing is overdue on the 27th");

    let f = feedback::answer(s, &w.quality, f.id, "品控中心同意,下版说明书增加", at(9, 0)).await.unwrap();
    assert_eq!(f.state, FeedbackState::InProgress, "技术部 has not answered yet");
    let err = feedback::answer(s, &w.quality, f.id, "再答一次", at(9, 1)).await.unwrap_err();
    assert!(err.user_message().contains("本部门未被分派此意见建议或已答复"), "{}", err.user_message());
    let err = feedback::close(s, &w.after_sales, f.id, f.version, "", at(9, 2)).await.unwrap_err();
    assert!(err.user_message().contains("处理中"));
    let f = feedback::answer(s, &w.technical, f.id, "技术部修订说明书图示", at(9, 3)).await.unwrap();
    assert_eq!(f.state, FeedbackState::Answered);
    assert!(f.routes.iter().all(|r| r.answered_at.is_some() && !r.answerer_name.is_empty()));
    assert!(service::my_work(s, &w.technical, later).await.unwrap().feedback_to_answer.is_empty());

    let f = feedback::adopt(s, &w.after_sales, f.id, f.version, at(9, 4)).await.unwrap();
    assert!(f.adopted);
    let f = feedback::close(s, &w.after_sales, f.id, f.version, "已反馈客户", at(9, 5)).await.unwrap();
    assert_eq!(f.state, FeedbackState::Closed);
    let err = feedback::adopt(s, &w.after_sales, f.id, f.version, at(9, 6)).await.unwrap_err();
    assert!(err.user_message().contains("已经采纳"));
    let stale = feedback::close(s, &w.after_sales, f.id, f.version - 1, "x", at(9, 6)).await.unwrap_err();
    assert_eq!(stale.code(), "stale");
}

#[tokio::test]
async fn feedback_becomes_a_complaint_linked_both_ways() {
    let w = world().await;
    let s = &w.store;
    let input = FeedbackInput {
        customer_id: None,
        kind: FeedbackKind::ComplaintLead,
        ..feedback_input(&w, FeedbackKind::ComplaintLead)
    };
    let f = feedback::register(s, &w.after_sales, input, at(8, 5)).await.unwrap();
    let conversion = Conversion {
        customer_id: None,
        category: Category::Quality,
        severity: Severity::Minor,
        customer_demand: "更换".into(),
    };
    let err = feedback::convert_to_complaint(s, &w.after_sales, f.id, f.version, conversion.clone(), at(8, 6))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("须先选择客户"), "{}", err.user_message());
    let conversion = Conversion { customer_id: Some(w.customer_id), ..conversion };
    let f = feedback::convert_to_complaint(s, &w.after_sales, f.id, f.version, conversion, at(8, 7)).await.unwrap();
    assert_eq!(f.state, FeedbackState::Closed);
    assert_eq!(f.customer_id, Some(w.customer_id));
    let complaint = complaint::get(s, &w.after_sales, f.complaint_id.unwrap()).await.unwrap();
    assert_eq!(f.complaint_number.as_deref(), Some(complaint.number.as_str()));
    assert_eq!(complaint.registration.received_at, at(8, 0), "the time received is carried over");
    assert_eq!(complaint.registration.channel, Channel::Hotline);
    assert_eq!(complaint.registration.contact_name, "张伟 13800001111");
    assert!(complaint.registration.description.contains(&f.number));
    let back = feedback::of_complaint(s, &w.after_sales, complaint.id).await.unwrap().unwrap();
    assert_eq!(back.id, f.id);
    // A complaint lead that is a praise cannot be adopted; converted twice is refused.
    let err = feedback::adopt(s, &w.after_sales, f.id, f.version, at(8, 8)).await.unwrap_err();
    assert!(err.user_message().contains("只有“建议”"));
}

#[tokio::test]
async fn an_unrouted_inquiry_closes_only_with_a_note_and_clerks_see_their_store() {
    let w = world().await;
    let s = &w.store;
    let input = FeedbackInput { channel: FeedbackChannel::Store, ..feedback_input(&w, FeedbackKind::Inquiry) };
    let f = feedback::register(s, &w.clerk, input.clone(), at(8, 5)).await.unwrap();
    assert_eq!(f.store_id, Some(w.stores[0]), "a clerk's item is their store's");
    let other = FeedbackInput { store_id: Some(w.stores[0]), ..input };
    assert_eq!(feedback::register(s, &w.other_clerk, other, at(8, 5)).await.unwrap_err().code(), "forbidden");
    assert_eq!(feedback::get(s, &w.other_clerk, f.id).await.unwrap_err().code(), "forbidden");
    let theirs = feedback::list(s, &w.other_clerk, &FeedbackQuery::default(), at(8, 6)).await.unwrap();
    assert_eq!(theirs.total, 0);
    let err = feedback::close(s, &w.after_sales, f.id, f.version, "", at(8, 6)).await.unwrap_err();
    assert!(err.user_message().contains("须填写处理说明"));
    let f = feedback::close(s, &w.after_sales, f.id, f.version, "电话中已解答", at(8, 7)).await.unwrap();
    assert_eq!(f.state, FeedbackState::Closed);
}

fn record(d: NaiveDate) -> VisitRecord {
    VisitRecord {
        visited_on: d,
        mode: VisitMode::OnSite,
        participants: "李娜、张伟".into(),
        content: "走访了解设备运行情况,客户对处理结果满意".into(),
        needs: "希望提供备件清单".into(),
        satisfaction: Some(4),
        actions: vec![care::VisitActionItem {
            description: "寄送备件清单".into(),
            owner: "业务部 陈晨".into(),
            due_date: day(30),
            done_on: None,
        }],
    }
}

#[tokio::test]
async fn a_care_plan_schedules_its_visits_one_after_another() {
    let w = world().await;
    let s = &w.store;
    let input = CarePlanInput {
        customer_id: w.customer_id,
        owner_id: w.after_sales.user_id,
        frequency: CareFrequency::Quarterly,
        goals: "每季度走访,了解需求".into(),
        starts_on: day(20),
    };
    let plan = care::create_plan(s, &w.manager, input.clone(), at(8, 0)).await.unwrap();
    assert_eq!(plan.next_due, Some(day(20)));
    assert_eq!(
        care::create_plan(s, &w.manager, input.clone(), at(8, 1)).await.unwrap_err().field(),
        Some("customer_id")
    );
    assert_eq!(care::create_plan(s, &w.quality, input, at(8, 1)).await.unwrap_err().code(), "forbidden");
    // A normal customer has no plan.
    let normal = customer::create(s, &w.admin, customer_input("普通客户"), at(8, 2)).await.unwrap();
    let err = care::create_plan(
        s,
        &w.manager,
        CarePlanInput {
            customer_id: normal.id,
            owner_id: None,
            frequency: CareFrequency::Yearly,
            goals: "x".into(),
            starts_on: day(27),
        },
        at(8, 3),
    )
    .await
    .unwrap_err();
    assert!(err.user_message().contains("只有重点客户"));

    let plans = care::plans(s, &w.after_sales, Some(w.customer_id), at(8, 4)).await.unwrap();
    assert_eq!(plans[0].visits_overdue, 1, "due the 20th, not made by the 27th");
    let due = service::my_work(s, &w.after_sales, at(8, 4)).await.unwrap().visits_due;
    assert_eq!(due.len(), 1);
    assert!(due[0].overdue);
    let v = care::get(s, &w.after_sales, due[0].id).await.unwrap();
    assert_eq!((v.source, v.state), (VisitSource::Plan, VisitState::Planned));

    let err = care::record(s, &w.after_sales, v.id, v.version, record(day(28)), at(8, 5)).await.unwrap_err();
    assert_eq!(err.field(), Some("visited_on"), "not in the future");
    let done = care::record(s, &w.after_sales, v.id, v.version, record(day(27)), at(8, 5)).await.unwrap();
    assert_eq!(done.state, VisitState::Done);
    assert_eq!(done.actions.len(), 1);
    let err = care::record(s, &w.after_sales, done.id, done.version, record(day(27)), at(8, 6)).await.unwrap_err();
    assert!(err.user_message().contains("已回访"));
    let plans = care::plans(s, &w.after_sales, Some(w.customer_id), at(8, 6)).await.unwrap();
    assert_eq!(
        (plans[0].next_due, plans[0].visits_done, plans[0].visits_overdue),
        (Some(NaiveDate::from_ymd_opt(2027, 2, 20).unwrap()), 1, 0)
    );

    // Ending the plan cancels what is still planned.
    let p = &plans[0];
    let input = CarePlanInput {
        customer_id: w.customer_id,
        owner_id: p.owner_id,
        frequency: p.frequency,
        goals: p.goals.clone(),
        starts_on: p.starts_on,
    };
    let ended = care::update_plan(s, &w.manager, p.id, p.version, input, false, at(8, 7)).await.unwrap();
    assert_eq!((ended.active, ended.next_due), (false, None));
    let cancelled = care::list(
        s,
        &w.after_sales,
        &care::VisitQuery { state: Some(VisitState::Cancelled), ..Default::default() },
        at(8, 7),
    )
    .await
    .unwrap();
    assert_eq!(cancelled.total, 1);
}

async fn closed_minor_complaint(w: &World) -> complaint::Complaint {
    let s = &w.store;
    let reg = Registration {
        received_at: at(8, 0),
        channel: Channel::Hotline,
        customer_id: w.customer_id,
        contact_name: "张伟".into(),
        contact_phone: "13800001111".into(),
        store_id: None,
        category: Category::NonQuality,
        severity: Severity::Minor,
        description: "送货延误".into(),
        customer_demand: "说明原因".into(),
        lines: vec![],
        samples: String::new(),
        reply_by: None,
    };
    let c = complaint::register(s, &w.after_sales, reg, at(8, 1)).await.unwrap();
    let c =
        complaint::transition(s, &w.after_sales, c.id, c.version, Command::StartAnalysis, "", at(8, 2)).await.unwrap();
    let analysis = complaint::Analysis {
        cause_analysis: "物流排期失误".into(),
        production_unit: String::new(),
        production_staff: String::new(),
        production_date: None,
        our_fault: Some(true),
        appraisal_result: String::new(),
        appraisal_basis: String::new(),
        responsibilities: vec![complaint::Share {
            department_id: Some(w.quality_dept),
            party: String::new(),
            share_percent: 100,
        }],
    };
    let details = complaint::AnalysisDetails { cause_code: "其他".into(), inspections: vec![] };
    let c = complaint::save_analysis(s, &w.quality, c.id, c.version, analysis, details, at(8, 3)).await.unwrap();
    let c =
        complaint::decide_corrective(s, &w.after_sales, c.id, c.version, false, "偶发个案", at(8, 3)).await.unwrap();
    let c = complaint::transition(s, &w.after_sales, c.id, c.version, Command::File, "", at(8, 4)).await.unwrap();
    let contact = ContactInput {
        contacted_at: at(8, 5),
        method: ContactMethod::Phone,
        customer_person: "张伟".into(),
        summary: "致歉".into(),
    };
    let c = complaint::add_contact(s, &w.after_sales, c.id, contact, at(8, 5)).await.unwrap();
    let c = complaint::save_feedback(s, &w.after_sales, c.id, c.version, "客户认可", at(8, 6)).await.unwrap();
    complaint::transition(s, &w.after_sales, c.id, c.version, Command::Close, "", at(8, 7)).await.unwrap()
}

#[tokio::test]
async fn closing_a_complaint_schedules_a_follow_up_visit_unless_switched_off() {
    let w = world().await;
    let s = &w.store;
    let c = closed_minor_complaint(&w).await;
    let visits = care::list(
        s,
        &w.after_sales,
        &care::VisitQuery { customer_id: Some(w.customer_id), ..Default::default() },
        at(9, 0),
    )
    .await
    .unwrap();
    assert_eq!(visits.total, 1);
    let v = care::get(s, &w.after_sales, visits.items[0].id).await.unwrap();
    assert_eq!(
        (v.source, v.complaint_id, v.due_date),
        (VisitSource::Complaint, Some(c.id), day(27) + Duration::days(7))
    );
    assert_eq!(v.owner_id, w.after_sales.user_id, "whoever closed it follows up");
    let v = care::record(s, &w.after_sales, v.id, v.version, record(day(27)), at(9, 1)).await.unwrap();
    assert_eq!(v.state, VisitState::Done);

    // Switched off: reopening and closing again schedules nothing more.
    let mut set = settings::load(s).await.unwrap();
    set.follow_up_visit_after_close = false;
    settings::update(s, &w.admin, set, at(9, 2)).await.unwrap();
    let c =
        complaint::transition(s, &w.manager, c.id, c.version, Command::Reopen, "客户再次来电", at(9, 3)).await.unwrap();
    let c = complaint::transition(s, &w.after_sales, c.id, c.version, Command::File, "", at(9, 4)).await.unwrap();
    complaint::transition(s, &w.after_sales, c.id, c.version, Command::Close, "", at(9, 5)).await.unwrap();
    let visits = care::list(
        s,
        &w.after_sales,
        &care::VisitQuery { customer_id: Some(w.customer_id), ..Default::default() },
        at(9, 6),
    )
    .await
    .unwrap();
    assert_eq!(visits.total, 1);
}

fn return_input(w: &World, store_index: usize, kind: ReturnKind) -> ReturnInput {
    ReturnInput {
        requested_at: at(8, 0),
        store_id: w.stores[store_index],
        customer_id: w.customer_id,
        complaint_id: None,
        kind,
        reason: ReturnReason::Quality,
        reason_detail: "齿轮异响".into(),
        lines: vec![ReturnLine {
            part_number: "JSJ-200-A".into(),
            product_name: "减速机".into(),
            batch: "B2610".into(),
            quantity: 2,
            unit_price_fen: 125_050,
        }],
    }
}

#[tokio::test]
async fn a_store_return_is_approved_received_refunded_and_completed() {
    let w = world().await;
    let s = &w.store;
    let r = returns::register(s, &w.clerk, return_input(&w, 0, ReturnKind::Return), at(8, 1)).await.unwrap();
    assert_eq!((r.state, r.amount_fen, r.number.as_str()), (ReturnState::Requested, 250_100, "TH-2026-00001"));
    assert_eq!(r.approvals.len(), 1, "after-sales asked in round 1");
    // The clerk cannot approve, nor see or touch another store's returns.
    let err =
        returns::transition(s, &w.clerk, r.id, r.version, ReturnCommand::Approve, "", at(8, 2)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert_eq!(returns::get(s, &w.other_clerk, r.id).await.unwrap_err().code(), "forbidden");
    assert_eq!(
        returns::list(s, &w.other_clerk, &ReturnQuery { store_id: Some(w.stores[0]), ..Default::default() })
            .await
            .unwrap()
            .total,
        0
    );
    let err =
        returns::register(s, &w.other_clerk, return_input(&w, 0, ReturnKind::Return), at(8, 2)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    // Nor can 品控中心 approve; and a store cannot receive before approval.
    assert_eq!(
        returns::transition(s, &w.quality, r.id, r.version, ReturnCommand::Approve, "", at(8, 2))
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let err =
        returns::transition(s, &w.clerk, r.id, r.version, ReturnCommand::Receive, "", at(8, 2)).await.unwrap_err();
    assert!(err.user_message().contains("“申请”"));
    assert_eq!(returns::available(&w.clerk, &r), Vec::<ReturnCommand>::new());
    assert_eq!(returns::available(&w.after_sales, &r), [ReturnCommand::Approve, ReturnCommand::Reject]);
    assert_eq!(service::my_work(s, &w.after_sales, at(8, 2)).await.unwrap().returns_to_approve.len(), 1);

    let r = returns::transition(s, &w.after_sales, r.id, r.version, ReturnCommand::Approve, "同意退货", at(8, 3))
        .await
        .unwrap();
    assert_eq!(r.state, ReturnState::Approved);
    assert_eq!((r.approvals[0].approved, r.approvals[0].signer_name.as_str()), (Some(true), "lina姓名"));
    let r = returns::transition(s, &w.clerk, r.id, r.version, ReturnCommand::Receive, "", at(8, 4)).await.unwrap();
    let err =
        returns::transition(s, &w.clerk, r.id, r.version, ReturnCommand::Exchange, "", at(8, 5)).await.unwrap_err();
    assert!(err.user_message().contains("这是退货单"));
    let r = returns::transition(s, &w.clerk, r.id, r.version, ReturnCommand::Refund, "", at(8, 5)).await.unwrap();
    let r = returns::transition(s, &w.clerk, r.id, r.version, ReturnCommand::Complete, "", at(8, 6)).await.unwrap();
    assert_eq!(r.state, ReturnState::Completed);

    // The month's figures: per store, type and reason, in fen.
    let stats = returns::monthly_stats(s, &w.manager, 2026, 11).await.unwrap();
    assert_eq!(stats.len(), 1);
    assert_eq!((stats[0].count, stats[0].quantity, stats[0].amount_fen), (1, 2, 250_100));
    assert!(returns::monthly_stats(s, &w.manager, 2026, 10).await.unwrap().is_empty());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.xlsx");
    assert_eq!(returns::export_monthly(s, &w.manager, 2026, 11, &path).await.unwrap(), 1);
    let sheet = shouhou_core::xlsx::Sheet::open(&path).unwrap();
    assert!(format!("{sheet:?}").contains("天津河西直销店"));
}

#[tokio::test]
async fn a_rejected_exchange_is_resubmitted_in_a_new_round() {
    let w = world().await;
    let s = &w.store;
    let r = returns::register(s, &w.clerk, return_input(&w, 0, ReturnKind::Exchange), at(8, 1)).await.unwrap();
    let err =
        returns::transition(s, &w.manager, r.id, r.version, ReturnCommand::Reject, "", at(8, 2)).await.unwrap_err();
    assert_eq!(err.user_message(), "不能驳回:须填写驳回原因");
    let r =
        returns::transition(s, &w.manager, r.id, r.version, ReturnCommand::Reject, "缺少发票", at(8, 2)).await.unwrap();
    assert_eq!((r.state, r.state_reason.as_str()), (ReturnState::Rejected, "缺少发票"));
    let r = returns::transition(s, &w.clerk, r.id, r.version, ReturnCommand::Resubmit, "", at(8, 3)).await.unwrap();
    assert_eq!((r.state, r.approval_round, r.approvals.len()), (ReturnState::Requested, 2, 2));
    let r =
        returns::transition(s, &w.after_sales, r.id, r.version, ReturnCommand::Approve, "", at(8, 4)).await.unwrap();
    let r = returns::transition(s, &w.clerk, r.id, r.version, ReturnCommand::Receive, "", at(8, 5)).await.unwrap();
    let r = returns::transition(s, &w.clerk, r.id, r.version, ReturnCommand::Exchange, "", at(8, 6)).await.unwrap();
    let r = returns::transition(s, &w.clerk, r.id, r.version, ReturnCommand::Complete, "", at(8, 7)).await.unwrap();
    assert_eq!(r.state, ReturnState::Completed);
    // Rejected ones are left out of the month's figures; this one counts once.
    assert_eq!(returns::monthly_stats(s, &w.manager, 2026, 11).await.unwrap()[0].count, 1);
}

#[tokio::test]
async fn records_move_with_the_customer_on_a_merge_and_show_on_the_timeline() {
    let w = world().await;
    let s = &w.store;
    let dup = customer::create(s, &w.admin, customer_input("华泰机械(重复)"), at(7, 30)).await.unwrap();
    let input = FeedbackInput { customer_id: Some(dup.id), ..feedback_input(&w, FeedbackKind::Praise) };
    feedback::register(s, &w.after_sales, input, at(8, 1)).await.unwrap();
    let ret = ReturnInput { customer_id: dup.id, requested_at: at(8, 2), ..return_input(&w, 0, ReturnKind::Return) };
    returns::register(s, &w.clerk, ret, at(8, 2)).await.unwrap();
    care::schedule(
        s,
        &w.after_sales,
        care::VisitSchedule { customer_id: dup.id, due_date: day(30), owner_id: None, complaint_id: None },
        at(8, 3),
    )
    .await
    .unwrap();
    customer::merge(s, &w.admin, dup.id, w.customer_id, at(8, 4)).await.unwrap();
    let entries = timeline::customer_timeline(s, &w.manager, w.customer_id, 100).await.unwrap();
    let kinds: Vec<&str> = entries.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["visit", "store_return", "feedback"], "newest first: {entries:?}");
    assert_eq!(entries[0].state, "待回访");
    assert!(timeline::customer_timeline(s, &w.manager, dup.id, 100).await.unwrap().is_empty());
    assert_eq!(entries[2].summary, "建议减速机说明书增加润滑油更换周期的图示");
    // The timeline lists only the kinds the role may see: a technical user sees no returns.
    let technical = timeline::customer_timeline(s, &w.technical, w.customer_id, 100).await.unwrap();
    assert_eq!(technical.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["visit", "feedback"]);
}

#[tokio::test]
async fn the_printed_visit_record_and_return_form_read_back() {
    let w = world().await;
    let s = &w.store;
    let blank = service::render_blank_visit(s, &w.after_sales, w.customer_id, at(9, 0)).await.unwrap();
    let text = pdf_read::text_of(&blank);
    for wanted in [
        "客户回访记录表",
        "天津示例机械有限公司",
        "天津华泰机械有限公司",
        "张伟",
        "13800001111",
        "□电话",
        "□上门",
        "□视频",
        "后续措施",
        "回访人",
    ] {
        assert!(pdf_read::has(&text, wanted), "blank visit record lacks {wanted}:\n{text}");
    }
    let v = care::schedule(
        s,
        &w.after_sales,
        care::VisitSchedule { customer_id: w.customer_id, due_date: day(27), owner_id: None, complaint_id: None },
        at(8, 0),
    )
    .await
    .unwrap();
    let v = care::record(s, &w.after_sales, v.id, v.version, record(day(27)), at(9, 0)).await.unwrap();
    let filled = service::render_visit(s, &w.after_sales, v.id, at(9, 1)).await.unwrap();
    assert!(filled.len() < 100_000, "{} bytes", filled.len());
    let text = pdf_read::text_of(&filled);
    for wanted in [
        v.number.as_str(),
        "2026-11-27",
        "上门",
        "李娜、张伟",
        "客户对处理结果满意",
        "希望提供备件清单",
        "4 分(满意)",
        "寄送备件清单",
        "业务部 陈晨",
        "2026-11-30",
    ] {
        assert!(pdf_read::has(&text, wanted), "filled visit record lacks {wanted}:\n{text}");
    }

    let r = returns::register(s, &w.clerk, return_input(&w, 0, ReturnKind::Return), at(8, 1)).await.unwrap();
    let r = returns::transition(s, &w.after_sales, r.id, r.version, ReturnCommand::Approve, "同意退货", at(8, 3))
        .await
        .unwrap();
    let pdf = service::render_return(s, &w.clerk, r.id, at(9, 2)).await.unwrap();
    let text = pdf_read::text_of(&pdf);
    for wanted in [
        "退换货单",
        "TH-2026-00001",
        "天津河西直销店",
        "天津华泰机械有限公司",
        "■退货",
        "□换货",
        "■质量原因",
        "JSJ-200-A",
        "减速机",
        "B2610",
        "1,250.50",
        "2,501.00",
        "售后服务部",
        "同意",
        "同意退货",
        "lina姓名",
        "已审批",
    ] {
        assert!(pdf_read::has(&text, wanted), "return form lacks {wanted}:\n{text}");
    }
    assert_eq!(service::render_return(s, &w.other_clerk, r.id, at(9, 3)).await.unwrap_err().code(), "forbidden");
    pdf_read::keep("service-visit-blank", &blank);
    pdf_read::keep("service-visit", &filled);
    pdf_read::keep("service-return", &pdf);
}

#[tokio::test]
async fn demo_data_has_feedback_and_returns_in_every_state_and_overdue_visits() {
    let (_dir, s) = common::demo().await;
    let states = |sql: &'static str| {
        let s = s.clone();
        async move { sqlx::query_scalar::<_, String>(sql).fetch_all(s.pool()).await.unwrap() }
    };
    let feedback = states("SELECT DISTINCT state FROM feedback ORDER BY state").await;
    assert_eq!(feedback, ["answered", "closed", "in_progress", "unassigned"]);
    let returns = states("SELECT DISTINCT state FROM store_return ORDER BY state").await;
    assert_eq!(returns.len(), ReturnState::ALL.len(), "{returns:?}");
    let stores = states("SELECT DISTINCT CAST(store_id AS TEXT) FROM store_return").await;
    assert_eq!(stores.len(), 3);
    let admin = account::sign_in(&s, "zhaoqiang", shouhou_core::demo::DEMO_PASSWORD, at(8, 1)).await.unwrap();
    let overdue = care::list(&s, &admin, &care::VisitQuery { overdue: Some(true), ..Default::default() }, at(8, 1))
        .await
        .unwrap();
    assert!(overdue.total >= 1, "a plan's visit is overdue");
    let done =
        care::list(&s, &admin, &care::VisitQuery { state: Some(VisitState::Done), ..Default::default() }, at(8, 1))
            .await
            .unwrap();
    assert!(done.total >= 1);
    let from_complaints = care::list(
        &s,
        &admin,
        &care::VisitQuery { source: Some(VisitSource::Complaint), ..Default::default() },
        at(8, 1),
    )
    .await
    .unwrap();
    assert!(from_complaints.total >= 1, "the demo's closed complaints scheduled follow-up visits");
    let overdue_answers =
        feedback::list(&s, &admin, &FeedbackQuery { overdue: Some(true), ..Default::default() }, at(8, 1))
            .await
            .unwrap();
    assert_eq!(overdue_answers.total, 1);
}

#[tokio::test]
async fn feedback_visits_and_returns_go_out_to_excel_and_come_back() {
    use shouhou_core::service::transfer;
    use shouhou_core::xlsx::{ImportMode, ImportOutcome};
    let w = world().await;
    let s = &w.store;
    let dir = tempfile::tempdir().unwrap();
    let code: String = sqlx::query_scalar("SELECT code FROM customer WHERE id = ?")
        .bind(w.customer_id)
        .fetch_one(s.pool())
        .await
        .unwrap();

    // Feedback: one good row, one with an unknown customer; all or nothing first.
    let file = sheet(
        dir.path(),
        "feedback.xlsx",
        &[
            &["收到时间", "渠道", "类别", "内容", "客户编号", "联系人"],
            &["@2026-11-20 09:30", "热线", "建议", "希望增加夜间服务热线", &code, "张伟"],
            &["@2026-11-21", "网站", "咨询", "询问保修期", "KH999999", ""],
        ],
    );
    let outcome =
        transfer::import_feedback(s, &w.after_sales, &file, ImportMode::AllOrNothing, None, at(9, 0)).await.unwrap();
    let ImportOutcome::Imported(report) = outcome else { panic!("headers are all known") };
    assert_eq!((report.imported, report.problems.len()), (0, 1));
    assert_eq!(report.problems[0].column, "客户编号");
    let outcome =
        transfer::import_feedback(s, &w.after_sales, &file, ImportMode::GoodRows, None, at(9, 0)).await.unwrap();
    let ImportOutcome::Imported(report) = outcome else { panic!() };
    assert_eq!(report.imported, 1);
    let page = feedback::list(s, &w.after_sales, &FeedbackQuery::default(), at(9, 1)).await.unwrap();
    assert_eq!(page.items[0].state, FeedbackState::Unassigned);
    let received = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 20, 1, 30, 0).unwrap();
    assert_eq!(page.items[0].received_at, received, "09:30 in Shanghai is 01:30 UTC");
    let out = dir.path().join("feedback-out.xlsx");
    assert_eq!(transfer::export_feedback(s, &w.after_sales, &out, false).await.unwrap(), 1);

    // Returns: exported and imported again as new requests.
    let r = returns::register(s, &w.clerk, return_input(&w, 0, ReturnKind::Return), at(8, 1)).await.unwrap();
    returns::transition(s, &w.after_sales, r.id, r.version, ReturnCommand::Approve, "", at(8, 2)).await.unwrap();
    let out = dir.path().join("returns.xlsx");
    assert_eq!(transfer::export_returns(s, &w.manager, &out, false).await.unwrap(), 1);
    assert_eq!(
        transfer::export_returns(s, &w.other_clerk, &dir.path().join("none.xlsx"), false).await.unwrap(),
        0,
        "a clerk exports their store's only"
    );
    let outcome =
        transfer::import_returns(s, &w.manager, &out, ImportMode::AllOrNothing, None, at(9, 5)).await.unwrap();
    let ImportOutcome::Imported(report) = outcome else { panic!("the export's headers are the import's") };
    assert_eq!((report.imported, report.problems.len()), (1, 0), "{:?}", report.problems);
    let page = returns::list(s, &w.manager, &ReturnQuery::default()).await.unwrap();
    assert_eq!(page.total, 2);
    let imported = returns::get(s, &w.manager, page.items.iter().map(|x| x.id).max().unwrap()).await.unwrap();
    assert_eq!((imported.state, imported.amount_fen, imported.approvals.len()), (ReturnState::Requested, 250_100, 1));
    assert_eq!(
        transfer::import_returns(s, &w.clerk, &out, ImportMode::AllOrNothing, None, at(9, 6)).await.unwrap_err().code(),
        "forbidden"
    );

    // Visits: a done one and a planned one.
    let file = sheet(
        dir.path(),
        "visits.xlsx",
        &[
            &["客户编号", "计划日期", "回访日期", "回访方式", "参加人员", "回访内容", "满意度"],
            &[&code, "@2026-11-10", "@2026-11-12", "上门", "李娜", "设备运行正常", "#5"],
            &[&code, "@2026-12-10", "", "", "", "", ""],
        ],
    );
    let outcome =
        transfer::import_visits(s, &w.after_sales, &file, ImportMode::AllOrNothing, None, at(9, 7)).await.unwrap();
    let ImportOutcome::Imported(report) = outcome else { panic!() };
    assert_eq!(report.imported, 2, "{:?}", report.problems);
    let done = care::list(
        s,
        &w.after_sales,
        &care::VisitQuery { state: Some(VisitState::Done), ..Default::default() },
        at(9, 8),
    )
    .await
    .unwrap();
    assert_eq!(done.items[0].satisfaction, Some(5));
    assert_eq!(transfer::export_visits(s, &w.after_sales, &dir.path().join("v.xlsx"), false).await.unwrap(), 2);
}

#[test]
fn the_command_line_prints_the_service_forms() {
    // The demo as loaded on 2026-11-27 (its return numbers carry that year).
    let dir = common::demo_folder();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let out = dir.path().join("r.pdf");
    let r = shouhou(
        dir.path(),
        &["service", "pdf", "--doc", "return", "TH-2026-00001", "--out", out.to_str().unwrap()],
        "",
    );
    assert!(r.status.success(), "{}", text(&r.stderr));
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf_read::has(&pdf_read::text_of(&pdf), "TH-2026-00001"));
    let blank = dir.path().join("b.pdf");
    let b = shouhou(
        dir.path(),
        &["service", "pdf", "--doc", "visit", "--blank", "--customer", "KH000001", "--out", blank.to_str().unwrap()],
        "",
    );
    assert!(b.status.success(), "{}", text(&b.stderr));
    assert!(pdf_read::has(&pdf_read::text_of(&std::fs::read(&blank).unwrap()), "客户回访记录表"));
    let q = shouhou(
        dir.path(),
        &["service", "pdf", "--doc", "questionnaire", "WJ-1", "--out", blank.to_str().unwrap()],
        "",
    );
    assert!(!q.status.success());
    assert!(text(&q.stderr).contains("调查问卷编号不存在"), "{}", text(&q.stderr));
    // The blank questionnaire comes from the survey module.
    let q = shouhou(
        dir.path(),
        &["service", "pdf", "--doc", "questionnaire", "--blank", "--out", blank.to_str().unwrap()],
        "",
    );
    assert!(q.status.success(), "{}", text(&q.stderr));
    assert!(pdf_read::has(&pdf_read::text_of(&std::fs::read(&blank).unwrap()), "满意度调查问卷"));
    let m = dir.path().join("m.xlsx");
    let month = shouhou(
        dir.path(),
        &["service", "returns-monthly", "--year", "2026", "--month", "11", "--out", m.to_str().unwrap()],
        "",
    );
    assert!(month.status.success(), "{}", text(&month.stderr));
    let e = dir.path().join("f.xlsx");
    let export = shouhou(dir.path(), &["export", "feedback", "--out", e.to_str().unwrap()], "");
    assert!(text(&export.stdout).contains("已导出意见建议 6 条"), "{}", text(&export.stdout));
}
