//! The complaint workflow on a real database, through the use-cases: the serious path with two
//! departments signing, the minor path, the not-our-fault branch, cancel and reopen, and the
//! rules that refuse bad input or the wrong person.

use crate::common;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use common::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::complaint::{
    self, ActionInput, ActionKind, Analysis, AnalysisDetails, Category, Channel, Command, ContactInput, ContactMethod,
    CustomerAgreement, Inspection, ProductLine, Registration, Remedy, RemedyPlan, Severity, Share, State,
};
use shouhou_core::customer::{self, CustomerGrade, CustomerInput, CustomerKind};
use shouhou_core::db::Store;

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    clerk: Actor,
    manager: Actor,
    quality: Actor,
    technical: Actor,
    business: Actor,
    production: Actor,
    customer_id: i64,
    quality_dept: i64,
    technical_dept: i64,
    /// The departments the rule makes sign every serious remedy (the settings' default).
    required: Vec<i64>,
}

async fn user(store: &Store, admin: &Actor, name: &str, role: Role, dept: &str) -> Actor {
    let id = department_id(store, dept).await;
    account::create_user(store, admin, new_user(name, role, Some(id)), at(7, 0)).await.unwrap();
    account::sign_in(store, name, "pass12345", at(7, 1)).await.unwrap()
}

async fn world() -> World {
    let (dir, store, admin) = initialized().await;
    let clerk = user(&store, &admin, "lina", Role::AfterSales, "售后服务部").await;
    let manager = user(&store, &admin, "zhaoqiang", Role::AfterSalesManager, "售后服务部").await;
    let quality = user(&store, &admin, "liuyang", Role::Quality, "品控中心").await;
    let technical = user(&store, &admin, "sunwei", Role::Technical, "技术部").await;
    let business = user(&store, &admin, "chenchen", Role::Business, "业务部").await;
    let production = user(&store, &admin, "zhoulei", Role::Production, "生产部").await;
    let mut required = Vec::new();
    for name in ["售后服务部", "业务部", "品控中心", "技术部", "生产部"] {
        required.push(department_id(&store, name).await);
    }
    required.sort_unstable();
    let c = customer::create(
        &store,
        &admin,
        CustomerInput {
            code: String::new(),
            name: "天津华泰机械有限公司".into(),
            kind: CustomerKind::Company,
            region: "天津".into(),
            industry: String::new(),
            grade: CustomerGrade::Key,
            source_store_id: None,
            tags: vec![],
            notes: String::new(),
            contacts: vec![],
            addresses: vec![],
        },
        at(7, 2),
    )
    .await
    .unwrap();
    World {
        quality_dept: department_id(&store, "品控中心").await,
        technical_dept: department_id(&store, "技术部").await,
        required,
        business,
        production,
        _dir: dir,
        store,
        clerk,
        manager,
        quality,
        technical,
        customer_id: c.id,
    }
}

fn registration(w: &World, severity: Severity) -> Registration {
    Registration {
        received_at: at(8, 0),
        channel: Channel::Hotline,
        customer_id: w.customer_id,
        contact_name: "张伟".into(),
        contact_phone: "13800001111".into(),
        store_id: None,
        category: Category::Quality,
        severity,
        description: "减速机齿轮箱运行异响,拆检发现轴承磨损。".into(),
        customer_demand: "更换不良品并分析原因".into(),
        lines: vec![ProductLine {
            order_number: "SO-2026-0815".into(),
            part_number: "JSJ-200-A".into(),
            batch: "B2610".into(),
            ship_date: NaiveDate::from_ymd_opt(2026, 10, 20),
            quantity: 200,
            defective_quantity: 12,
            product_name: String::new(),
            specification: String::new(),
        }],
        samples: String::new(),
        reply_by: None,
    }
}

fn analysis(w: &World, our_fault: bool) -> Analysis {
    Analysis {
        cause_analysis: "轴承装配时预紧力不足。".into(),
        production_unit: "装配二车间".into(),
        production_staff: "王师傅".into(),
        production_date: NaiveDate::from_ymd_opt(2026, 10, 12),
        our_fault: Some(our_fault),
        appraisal_result: if our_fault { String::new() } else { "送检样品符合标准".into() },
        appraisal_basis: if our_fault { String::new() } else { "GB/T 10095 检验报告".into() },
        responsibilities: if our_fault {
            vec![
                Share { department_id: Some(w.quality_dept), party: String::new(), share_percent: 40 },
                Share { department_id: w.production.department_id, party: "王师傅".into(), share_percent: 60 },
            ]
        } else {
            vec![]
        },
    }
}

/// The cause code and 品控中心's inspection that go with an analysis.
fn details(w: &World) -> AnalysisDetails {
    AnalysisDetails {
        cause_code: "生产工艺".into(),
        inspections: vec![Inspection {
            department_id: w.quality_dept,
            person: "刘洋".into(),
            inspected_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        }],
    }
}

/// A remedy asking the required departments.
fn plan(w: &World) -> RemedyPlan {
    RemedyPlan {
        remedy: Some(Remedy::Compensation),
        remedy_detail: "补偿客户损失。".into(),
        claimed_fen: 100_000,
        agreed_fen: 80_000,
        approval_department_ids: w.required.clone(),
    }
}

/// 协商处理办法: 生产部's and 技术部's measures, the remedy agreed by 售后服务部 (`by`) and 业务部,
/// and the solution agreed with the customer.
async fn negotiate(w: &World, c: complaint::Complaint, by: &Actor) -> complaint::Complaint {
    let s = &w.store;
    let c =
        complaint::save_measures(s, &w.production, c.id, c.version, "调整装配工序的预紧力", at(8, 8)).await.unwrap();
    let c = complaint::save_measures(s, &w.technical, c.id, c.version, "修订轴承装配图纸公差", at(8, 8)).await.unwrap();
    let c = agree(w, c, by).await;
    let agreement = CustomerAgreement {
        agreed_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        contact: "张伟".into(),
        summary: "客户同意按方案补偿。".into(),
    };
    complaint::save_customer_agreement(s, by, c.id, c.version, agreement, at(8, 8)).await.unwrap()
}

/// 售后服务部 (`by`) and 业务部 agree the remedy as it stands.
async fn agree(w: &World, c: complaint::Complaint, by: &Actor) -> complaint::Complaint {
    let c = complaint::agree_remedy(&w.store, by, c.id, c.version, at(8, 8)).await.unwrap();
    complaint::agree_remedy(&w.store, &w.business, c.id, c.version, at(8, 8)).await.unwrap()
}

/// A serious (or major) complaint analysed as ours, with a remedy, submitted for sign-off.
async fn submitted(w: &World, severity: Severity) -> complaint::Complaint {
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(w, severity), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();
    let c = complaint::save_analysis(s, &w.quality, c.id, c.version, analysis(w, true), details(w), at(8, 7))
        .await
        .unwrap();
    let by = if severity == Severity::Major { &w.manager } else { &w.clerk };
    let c = complaint::save_remedy(s, by, c.id, c.version, plan(w), at(8, 8)).await.unwrap();
    let c = negotiate(w, c, by).await;
    complaint::transition(s, by, c.id, c.version, Command::SubmitForApproval, "", at(8, 9)).await.unwrap()
}

fn contact(minutes_after: i64) -> ContactInput {
    ContactInput {
        contacted_at: at(8, 0) + Duration::minutes(minutes_after),
        method: ContactMethod::Phone,
        customer_person: "张伟".into(),
        summary: "已受理,说明处理流程。".into(),
    }
}

#[tokio::test]
async fn the_serious_path_with_two_departments_signing() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Serious), at(8, 5)).await.unwrap();
    assert_eq!((c.number.as_str(), c.state), ("KS-2026-0001", State::Registered));
    assert_eq!(c.available, [Command::StartAnalysis, Command::Cancel]);

    let c = complaint::add_contact(s, &w.clerk, c.id, contact(90), at(9, 40)).await.unwrap();
    assert_eq!(c.hours_to_first_contact, Some(1.5));
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(9, 45)).await.unwrap();
    let c = complaint::save_analysis(s, &w.quality, c.id, c.version, analysis(&w, true), details(&w), at(10, 0))
        .await
        .unwrap();
    assert_eq!(c.responsibility.iter().map(|r| r.share_percent).sum::<i64>(), 100);

    // Submitting without a remedy says what is missing.
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::SubmitForApproval, "", at(10, 1))
        .await
        .unwrap_err();
    assert_eq!(
        err.user_message(),
        "不能提交会签:尚未填写处理方案;生产部、技术部尚未提出产品解决措施;尚未记录与客户协商的最终解决办法;尚未选择需要会签的部门"
    );

    let plan = RemedyPlan {
        remedy: Some(Remedy::Exchange),
        remedy_detail: "更换12台不良品,承担往返运费。".into(),
        claimed_fen: 1_500_000,
        agreed_fen: 860_050,
        approval_department_ids: vec![w.quality_dept, w.technical_dept],
    };
    // The rule's five departments cannot be left out of the round.
    let err = complaint::save_remedy(s, &w.clerk, c.id, c.version, plan.clone(), at(10, 5)).await.unwrap_err();
    assert_eq!(
        (err.field(), err.user_message().as_str()),
        (Some("approval_department_ids"), "会签部门不能少于制度规定的部门,缺少:售后服务部、业务部、生产部")
    );
    let plan = RemedyPlan { approval_department_ids: w.required.clone(), ..plan };
    let c = complaint::save_remedy(s, &w.clerk, c.id, c.version, plan, at(10, 5)).await.unwrap();
    // The product measures are 生产部's and 技术部's to enter.
    let err = complaint::save_measures(s, &w.clerk, c.id, c.version, "加强检验", at(10, 5)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let c = negotiate(&w, c, &w.clerk).await;
    assert_eq!(
        (c.negotiation.production_measures_by.as_str(), c.negotiation.business_agreed_by.as_str()),
        ("zhoulei姓名", "chenchen姓名")
    );
    let c =
        complaint::transition(s, &w.clerk, c.id, c.version, Command::SubmitForApproval, "", at(10, 6)).await.unwrap();
    assert_eq!((c.state, c.approvals.len(), c.approval_round), (State::Approval, 5, 1));

    // Only a user whose role belongs to a department of the round signs for it.
    let c = complaint::sign(s, &w.clerk, c.id, true, "", at(10, 7)).await.unwrap();
    let c = complaint::sign(s, &w.business, c.id, true, "", at(10, 7)).await.unwrap();
    let c = complaint::sign(s, &w.production, c.id, true, "", at(10, 7)).await.unwrap();
    let c = complaint::sign(s, &w.quality, c.id, true, "同意更换", at(10, 8)).await.unwrap();
    let err = complaint::sign(s, &w.quality, c.id, true, "", at(10, 9)).await.unwrap_err();
    assert!(err.user_message().contains("已会签过"));
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartImplementation, "", at(10, 9))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("还有部门未会签"));
    let c = complaint::sign(s, &w.technical, c.id, true, "同意", at(10, 10)).await.unwrap();
    assert!(c.approvals.iter().all(|a| a.approved == Some(true) && !a.signer_name.is_empty()));
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartImplementation, "", at(10, 11))
        .await
        .unwrap();

    let action = ActionInput {
        kind: ActionKind::Corrective,
        description: "修订装配作业指导书,增加预紧力检测。".into(),
        owner_department_id: w.quality_dept,
        owner_user_id: None,
        owner: "刘洋".into(),
        due_date: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
        done_date: None,
        follows_action_id: None,
    };
    let c = complaint::save_action(s, &w.quality, c.id, None, action.clone(), at(10, 12)).await.unwrap();
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartVerification, "", at(10, 13))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("还有改善措施未完成"));
    let done = ActionInput { done_date: NaiveDate::from_ymd_opt(2026, 11, 27), ..action };
    let c = complaint::save_action(s, &w.quality, c.id, Some(c.actions[0].id), done, at(10, 14)).await.unwrap();
    let c =
        complaint::transition(s, &w.clerk, c.id, c.version, Command::StartVerification, "", at(10, 15)).await.unwrap();
    let c = complaint::verify_action(s, &w.quality, c.id, c.actions[0].id, true, at(10, 16)).await.unwrap();

    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::Close, "", at(10, 17)).await.unwrap_err();
    assert_eq!(err.user_message(), "不能结案:尚未记录客户反馈意见");
    let c = complaint::save_feedback(s, &w.clerk, c.id, c.version, "客户对处理结果满意", at(10, 18)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::Close, "", at(10, 19)).await.unwrap();
    assert_eq!(c.state, State::Closed);
    assert!(c.closed_at.is_some());
    assert_eq!(c.available, [Command::Reopen]);

    let history = complaint::history(s, &w.clerk, c.id).await.unwrap();
    assert_eq!(history.len(), 23, "one entry per successful step");
    assert!(history.iter().all(|e| e.summary.starts_with("KS-2026-0001 ")));
    assert_eq!(history.last().unwrap().action, "register");

    // Reopening needs a reason and returns to analysis.
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::Reopen, "", at(11, 0)).await.unwrap_err();
    assert!(err.user_message().contains("须填写重新打开的原因"));
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::Reopen, "客户再次反映异响", at(11, 1))
        .await
        .unwrap();
    assert_eq!((c.state, c.state_reason.as_str()), (State::Analysing, "客户再次反映异响"));
}

#[tokio::test]
async fn a_rejection_returns_to_analysis_and_resubmission_opens_a_new_round() {
    let w = world().await;
    let s = &w.store;
    let c = submitted(&w, Severity::Serious).await;
    assert_eq!((c.state, c.approval_round), (State::Approval, 1));
    let err = complaint::sign(s, &w.quality, c.id, false, "", at(8, 10)).await.unwrap_err();
    assert_eq!(err.user_message(), "驳回时须填写意见");
    let c = complaint::sign(s, &w.business, c.id, true, "同意", at(8, 10)).await.unwrap();
    let c = complaint::sign(s, &w.quality, c.id, false, "补偿金额过高", at(8, 11)).await.unwrap();
    // The rejection sends the remedy back to be revised; the round stays on the record.
    assert_eq!(c.state, State::Analysing);
    assert!(c.available.contains(&Command::SubmitForApproval), "{:?}", c.available);
    assert!(!c.available.contains(&Command::StartImplementation));
    let err = complaint::sign(s, &w.technical, c.id, true, "", at(8, 12)).await.unwrap_err();
    assert!(err.user_message().contains("只有“方案会签”时可以会签"), "{}", err.user_message());

    let revised = RemedyPlan { agreed_fen: 50_000, ..plan(&w) };
    let c = complaint::save_remedy(s, &w.clerk, c.id, c.version, revised, at(8, 13)).await.unwrap();
    // A revised remedy is agreed again before it goes back.
    assert!(c.negotiation.after_sales_agreed_by.is_empty() && c.negotiation.business_agreed_by.is_empty());
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::SubmitForApproval, "", at(8, 14))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("尚未经售后服务部和业务部共同商定"), "{}", err.user_message());
    let c = agree(&w, c, &w.clerk).await;
    let c =
        complaint::transition(s, &w.clerk, c.id, c.version, Command::SubmitForApproval, "", at(8, 14)).await.unwrap();
    assert_eq!((c.state, c.approval_round), (State::Approval, 2));
    // Round 1 as it was signed, round 2 fresh: every department asked again.
    let round = |n: i64| c.approvals.iter().filter(|a| a.round == n).collect::<Vec<_>>();
    assert_eq!(round(2).len(), 5);
    assert!(round(2).iter().all(|a| a.approved.is_none()));
    let first = round(1);
    assert_eq!(first.len(), 5);
    let rejected = first.iter().find(|a| a.approved == Some(false)).unwrap();
    assert_eq!((rejected.department_name.as_str(), rejected.comment.as_str()), ("品控中心", "补偿金额过高"));
    assert_eq!(first.iter().filter(|a| a.approved == Some(true)).count(), 1);

    for signer in [&w.clerk, &w.business, &w.quality, &w.technical, &w.production] {
        complaint::sign(s, signer, c.id, true, "同意", at(8, 15)).await.unwrap();
    }
    let c = complaint::get(s, &w.clerk, c.id).await.unwrap();
    let c =
        complaint::transition(s, &w.clerk, c.id, c.version, Command::StartImplementation, "", at(8, 16)).await.unwrap();
    assert_eq!(c.state, State::Implementing);

    // The timeline names each round and the return.
    let history = complaint::history(s, &w.clerk, c.id).await.unwrap();
    let summaries: Vec<&str> = history.iter().map(|e| e.summary.as_str()).collect();
    assert!(
        summaries.iter().any(|t| t.contains("第1轮会签驳回(品控中心):补偿金额过高;退回“分析核实”")),
        "{summaries:?}"
    );
    assert!(summaries.iter().any(|t| t.contains("(第2轮会签)")), "{summaries:?}");
    assert_eq!(history.iter().filter(|e| e.action == "return_for_revision").count(), 1);
}

#[tokio::test]
async fn a_major_remedy_also_needs_the_managers_signature() {
    let w = world().await;
    let s = &w.store;
    let c = submitted(&w, Severity::Major).await;
    assert_eq!(c.approvals.len(), 6, "five departments and the manager");
    let manager_place = c.approvals.iter().find(|a| a.seat == shouhou_core::approval::Seat::Manager).unwrap();
    assert_eq!(manager_place.place_name(), "售后服务经理");
    for signer in [&w.clerk, &w.business, &w.quality, &w.technical, &w.production] {
        complaint::sign(s, signer, c.id, true, "同意", at(8, 10)).await.unwrap();
    }
    let c = complaint::get(s, &w.clerk, c.id).await.unwrap();
    let err = complaint::transition(s, &w.manager, c.id, c.version, Command::StartImplementation, "", at(8, 11))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("还有部门未会签"));
    // The clerk has signed for 售后服务部: the manager's place is the manager's alone.
    let err = complaint::sign(s, &w.clerk, c.id, true, "", at(8, 12)).await.unwrap_err();
    assert!(err.user_message().contains("已会签过"));
    let c = complaint::sign(s, &w.manager, c.id, true, "同意赔付", at(8, 13)).await.unwrap();
    let manager_place = c.approvals.iter().find(|a| a.seat == shouhou_core::approval::Seat::Manager).unwrap();
    assert_eq!((manager_place.approved, manager_place.signer_name.as_str()), (Some(true), "zhaoqiang姓名"));
    complaint::transition(s, &w.manager, c.id, c.version, Command::StartImplementation, "", at(8, 14)).await.unwrap();
}

#[tokio::test]
async fn only_a_user_whose_role_belongs_to_the_department_signs() {
    let w = world().await;
    let s = &w.store;
    let admin = account::sign_in(s, "admin", ADMIN_PASSWORD, at(8, 0)).await.unwrap();
    // Placement keeps roles and departments consistent: a business user is not put in 技术部.
    let err = account::create_user(s, &admin, new_user("yewu2", Role::Business, Some(w.technical_dept)), at(8, 1))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("department_id"));
    assert!(err.user_message().contains("业务部不能放在“技术部”"), "{}", err.user_message());
    // A department the administrator added has no duty: a role may be placed there, but signs for
    // nothing (its role does not belong to that department).
    let extra = shouhou_core::org::create_department(
        s,
        &admin,
        shouhou_core::org::DepartmentInput { name: "质量部".into(), sort_order: 90, active: true },
        at(8, 2),
    )
    .await
    .unwrap();
    account::create_user(s, &admin, new_user("zhiliang", Role::Quality, Some(extra.id)), at(8, 3)).await.unwrap();
    let outsider = account::sign_in(s, "zhiliang", "pass12345", at(8, 4)).await.unwrap();
    let c = submitted(&w, Severity::Serious).await;
    let err = complaint::sign(s, &outsider, c.id, true, "", at(8, 10)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert!(err.user_message().contains("角色与部门不一致"), "{}", err.user_message());

    // A deactivated user's session no longer signs.
    let tech_id = w.technical.user_id.unwrap();
    let user = account::list_users(s, &admin).await.unwrap().into_iter().find(|u| u.id == tech_id).unwrap();
    account::set_user_active(s, &admin, tech_id, false, user.version, at(8, 11)).await.unwrap();
    let err = complaint::sign(s, &w.technical, c.id, true, "", at(8, 12)).await.unwrap_err();
    assert!(err.user_message().contains("已停用的用户不能会签"), "{}", err.user_message());
}

#[tokio::test]
async fn the_required_departments_come_from_settings() {
    let w = world().await;
    let s = &w.store;
    let admin = account::sign_in(s, "admin", ADMIN_PASSWORD, at(8, 0)).await.unwrap();
    let current = shouhou_core::settings::load(s).await.unwrap();
    assert_eq!(current.signoff_department_ids, w.required, "seeded with the rule's five departments");
    let only_two = vec![w.quality_dept, w.technical_dept];
    shouhou_core::settings::update(
        s,
        &admin,
        shouhou_core::settings::Settings { signoff_department_ids: only_two.clone(), ..current },
        at(8, 1),
    )
    .await
    .unwrap();
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Serious), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();
    let c = complaint::save_analysis(s, &w.quality, c.id, c.version, analysis(&w, true), details(&w), at(8, 7))
        .await
        .unwrap();
    // More may be added to a round; the two required are there whatever the remedy lists.
    let extra =
        RemedyPlan { approval_department_ids: vec![w.quality_dept, w.technical_dept, w.required[0]], ..plan(&w) };
    let c = complaint::save_remedy(s, &w.clerk, c.id, c.version, extra, at(8, 8)).await.unwrap();
    let c = negotiate(&w, c, &w.clerk).await;
    let c =
        complaint::transition(s, &w.clerk, c.id, c.version, Command::SubmitForApproval, "", at(8, 9)).await.unwrap();
    assert_eq!(c.approvals.len(), 3);
}

fn action(w: &World, description: &str, follows: Option<i64>) -> ActionInput {
    ActionInput {
        kind: ActionKind::Corrective,
        description: description.into(),
        owner_department_id: w.production.department_id.unwrap(),
        owner_user_id: w.production.user_id,
        owner: String::new(),
        due_date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        done_date: None,
        follows_action_id: follows,
    }
}

fn done(a: ActionInput) -> ActionInput {
    ActionInput { done_date: NaiveDate::from_ymd_opt(2026, 11, 27), ..a }
}

#[tokio::test]
async fn a_minor_case_is_filed_once_the_corrective_action_is_decided_and_closes_when_it_is_verified_effective() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();
    let c = complaint::save_analysis(s, &w.quality, c.id, c.version, analysis(&w, true), details(&w), at(8, 7))
        .await
        .unwrap();
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::File, "", at(8, 8)).await.unwrap_err();
    assert_eq!(err.user_message(), "不能登记备案:须判定是否需要采取纠正措施");
    let err = complaint::decide_corrective(s, &w.clerk, c.id, c.version, false, " ", at(8, 8)).await.unwrap_err();
    assert_eq!(err.field(), Some("no_corrective_reason"));
    let c = complaint::decide_corrective(s, &w.clerk, c.id, c.version, true, "", at(8, 8)).await.unwrap();
    assert_eq!(c.corrective_needed, Some(true));
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::File, "", at(8, 9)).await.unwrap_err();
    assert_eq!(err.user_message(), "不能登记备案:已判定需要纠正措施,尚未制定改善措施");
    let c = complaint::save_action(s, &w.production, c.id, None, action(&w, "作业员再培训。", None), at(8, 9))
        .await
        .unwrap();
    let first = c.actions[0].clone();
    assert_eq!((first.owner.as_str(), first.owner_department_name.as_deref()), ("zhoulei姓名", Some("生产部")));
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::File, "", at(8, 10)).await.unwrap();
    assert_eq!(c.state, State::Filed);
    let c = complaint::add_contact(s, &w.clerk, c.id, contact(30), at(8, 30)).await.unwrap();
    let c = complaint::save_feedback(s, &w.clerk, c.id, c.version, "客户认可", at(8, 31)).await.unwrap();
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::Close, "", at(8, 32)).await.unwrap_err();
    assert_eq!(err.user_message(), "不能结案:还有改善措施未完成");

    // Done and verified ineffective: closing needs a new action, verified effective.
    let c = complaint::save_action(
        s,
        &w.production,
        c.id,
        Some(first.id),
        done(action(&w, "作业员再培训。", None)),
        at(8, 33),
    )
    .await
    .unwrap();
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::Close, "", at(8, 34)).await.unwrap_err();
    assert_eq!(err.user_message(), "不能结案:还有改善措施未验证效果");
    let c = complaint::verify_action(s, &w.quality, c.id, first.id, false, at(8, 35)).await.unwrap();
    assert_eq!((c.actions[0].effective, c.actions[0].verified_by.as_str()), (Some(false), "liuyang姓名"));
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::Close, "", at(8, 36)).await.unwrap_err();
    assert_eq!(err.user_message(), "不能结案:有改善措施验证无效,须制定新的改善措施并验证有效");
    let next = done(action(&w, "增加防错工装。", Some(first.id)));
    let c = complaint::save_action(s, &w.production, c.id, None, next, at(8, 37)).await.unwrap();
    assert!(c.actions[0].followed_up && c.actions[1].follows_action_id == Some(first.id));
    let c = complaint::verify_action(s, &w.quality, c.id, c.actions[1].id, true, at(8, 38)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::Close, "", at(8, 39)).await.unwrap();
    assert_eq!((c.state, c.closed_by.as_str()), (State::Closed, "lina姓名"));
}

#[tokio::test]
async fn a_minor_case_needing_no_corrective_action_is_filed_with_the_reason() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();
    let c = complaint::save_analysis(s, &w.quality, c.id, c.version, analysis(&w, true), details(&w), at(8, 7))
        .await
        .unwrap();
    let c = complaint::decide_corrective(s, &w.clerk, c.id, c.version, false, "偶发个案", at(8, 8)).await.unwrap();
    assert_eq!((c.corrective_needed, c.no_corrective_reason.as_str()), (Some(false), "偶发个案"));
    assert_eq!(c.available, [Command::File, Command::Cancel]);
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::File, "", at(8, 9)).await.unwrap();
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::Close, "", at(8, 10)).await.unwrap_err();
    assert_eq!(err.user_message(), "不能结案:尚未记录客户反馈意见;尚无客户联系记录");
    let c = complaint::add_contact(s, &w.clerk, c.id, contact(30), at(8, 30)).await.unwrap();
    let c = complaint::save_feedback(s, &w.clerk, c.id, c.version, "客户认可", at(8, 31)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::Close, "", at(8, 32)).await.unwrap();
    assert_eq!(c.state, State::Closed);
}

#[tokio::test]
async fn my_work_lists_actions_to_verify_on_every_path_and_overdue_actions() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 5)).await.unwrap();
    let c = complaint::add_contact(s, &w.clerk, c.id, contact(10), at(8, 15)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 16)).await.unwrap();
    // An open action past its due date (due 2026-11-30) is overdue on 2026-12-01.
    let c =
        complaint::save_action(s, &w.production, c.id, None, action(&w, "换包装。", None), at(8, 17)).await.unwrap();
    let later = at(8, 18) + Duration::days(4);
    let work = complaint::my_work(s, &w.quality, later).await.unwrap();
    assert_eq!((work.overdue.len(), work.to_verify.len()), (1, 0));
    assert!(work.overdue[0].actions_overdue);
    // Done: no longer overdue, waiting for 品控中心 to verify — while still 分析核实.
    let id = c.actions[0].id;
    let c = complaint::save_action(s, &w.production, c.id, Some(id), done(action(&w, "换包装。", None)), at(8, 19))
        .await
        .unwrap();
    let work = complaint::my_work(s, &w.quality, later).await.unwrap();
    assert_eq!((work.overdue.len(), work.to_verify.len()), (0, 1));
    assert_eq!(work.to_verify[0].number, c.number);
    assert!(complaint::my_work(s, &w.clerk, later).await.unwrap().to_verify.is_empty(), "not the clerk's to verify");
    complaint::verify_action(s, &w.quality, c.id, id, true, at(8, 20)).await.unwrap();
    assert!(complaint::my_work(s, &w.quality, later).await.unwrap().to_verify.is_empty());
}

#[tokio::test]
async fn editing_a_verified_action_clears_its_verification() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();
    let c = complaint::save_action(s, &w.production, c.id, None, done(action(&w, "换包装。", None)), at(8, 7))
        .await
        .unwrap();
    let id = c.actions[0].id;
    let c = complaint::verify_action(s, &w.quality, c.id, id, true, at(8, 8)).await.unwrap();
    assert_eq!(c.actions[0].effective, Some(true));
    let c =
        complaint::save_action(s, &w.production, c.id, Some(id), done(action(&w, "换包装并加护角。", None)), at(8, 9))
            .await
            .unwrap();
    let a = &c.actions[0];
    assert_eq!((a.effective, a.verified_by.as_str(), a.verified_at), (None, "", None));
}

#[tokio::test]
async fn an_action_belongs_to_a_department_and_one_of_its_people() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();
    let save = |a: ActionInput| complaint::save_action(s, &w.clerk, c.id, None, a, at(8, 7));
    let elsewhere = ActionInput { owner_department_id: w.quality_dept, ..action(&w, "换包装。", None) };
    assert_eq!(save(elsewhere).await.unwrap_err().user_message(), "责任人须是责任部门的人员");
    let nobody = ActionInput { owner_user_id: None, ..action(&w, "换包装。", None) };
    assert_eq!(save(nobody).await.unwrap_err().field(), Some("owner"));
    let no_department = ActionInput { owner_department_id: 9_999, ..action(&w, "换包装。", None) };
    assert_eq!(save(no_department).await.unwrap_err().field(), Some("owner_department_id"));
    let not_ineffective = action(&w, "换包装。", Some(12_345));
    assert_eq!(save(not_ineffective).await.unwrap_err().field(), Some("follows_action_id"));
    let named = ActionInput { owner_user_id: None, owner: "王师傅".into(), ..action(&w, "换包装。", None) };
    let c = save(named).await.unwrap();
    assert_eq!((c.actions[0].owner.as_str(), c.actions[0].owner_user_id), ("王师傅", None));
}

#[tokio::test]
async fn the_not_our_fault_branch_needs_the_appraisal() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Serious), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();
    let mut a = analysis(&w, false);
    a.appraisal_basis = String::new();
    let c = complaint::save_analysis(s, &w.quality, c.id, c.version, a, details(&w), at(8, 7)).await.unwrap();
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::ExplainNotOurFault, "", at(8, 8))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("须填写鉴定结果和鉴定依据"));
    let c = complaint::save_analysis(s, &w.quality, c.id, c.version, analysis(&w, false), details(&w), at(8, 9))
        .await
        .unwrap();
    let c =
        complaint::transition(s, &w.clerk, c.id, c.version, Command::ExplainNotOurFault, "", at(8, 10)).await.unwrap();
    assert_eq!(c.state, State::Explained);
    assert_eq!(c.analysis.appraisal_basis, "GB/T 10095 检验报告");
}

#[tokio::test]
async fn cancelling_needs_a_reason_and_ends_the_case() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 5)).await.unwrap();
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::Cancel, "  ", at(8, 6)).await.unwrap_err();
    assert!(err.user_message().contains("须填写撤销原因"));
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::Cancel, "重复登记", at(8, 7)).await.unwrap();
    assert_eq!((c.state, c.available.len()), (State::Cancelled, 0));
    let err = complaint::add_contact(s, &w.clerk, c.id, contact(5), at(8, 8)).await.unwrap_err();
    assert!(err.user_message().contains("投诉已撤销"));
}

#[tokio::test]
async fn registration_rules_and_yearly_numbers() {
    let w = world().await;
    let s = &w.store;
    let mut bad = registration(&w, Severity::Minor);
    bad.lines[0].defective_quantity = 201;
    let err = complaint::register(s, &w.clerk, bad, at(8, 5)).await.unwrap_err();
    assert_eq!((err.field(), err.user_message().as_str()), (Some("lines"), "第1条明细:不良数量不能大于数量"));

    let mut future = registration(&w, Severity::Minor);
    future.lines[0].ship_date = NaiveDate::from_ymd_opt(2026, 11, 28);
    let err = complaint::register(s, &w.clerk, future, at(8, 5)).await.unwrap_err();
    assert!(err.user_message().contains("交运日期不能晚于今天(2026-11-27)"));

    let mut empty = registration(&w, Severity::Minor);
    empty.description = " ".into();
    assert_eq!(complaint::register(s, &w.clerk, empty, at(8, 5)).await.unwrap_err().field(), Some("description"));

    // Numbers follow the year of receipt, in Beijing time: 2025-12-31 20:00 UTC is 2026-01-01.
    let mut last_year = registration(&w, Severity::Minor);
    last_year.received_at = Utc.with_ymd_and_hms(2025, 12, 31, 10, 0, 0).unwrap();
    assert_eq!(complaint::register(s, &w.clerk, last_year.clone(), at(8, 5)).await.unwrap().number, "KS-2025-0001");
    last_year.received_at = Utc.with_ymd_and_hms(2025, 12, 31, 20, 0, 0).unwrap();
    assert_eq!(complaint::register(s, &w.clerk, last_year, at(8, 6)).await.unwrap().number, "KS-2026-0001");
    assert_eq!(
        complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 7)).await.unwrap().number,
        "KS-2026-0002"
    );

    // Responsibility must add up.
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 8)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 9)).await.unwrap();
    let mut a = analysis(&w, true);
    a.responsibilities[0].share_percent = 30;
    let err = complaint::save_analysis(s, &w.quality, c.id, c.version, a, details(&w), at(8, 10)).await.unwrap_err();
    assert_eq!(err.user_message(), "责任归属比例合计须为100%,现为90%");
}

#[tokio::test]
async fn major_complaints_belong_to_the_manager_and_clerks_cannot_handle() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Major), at(8, 5)).await.unwrap();
    let err = complaint::transition(s, &w.clerk, c.id, c.version, Command::Cancel, "误登", at(8, 6)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let c = complaint::transition(s, &w.manager, c.id, c.version, Command::Cancel, "误登", at(8, 7)).await.unwrap();
    assert_eq!(c.state, State::Cancelled);

    // The quality centre handles but does not register or close.
    let err = complaint::register(s, &w.quality, registration(&w, Severity::Minor), at(8, 8)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
}

#[tokio::test]
async fn the_list_searches_filters_and_flags_what_is_overdue() {
    let w = world().await;
    let s = &w.store;
    let a = complaint::register(s, &w.clerk, registration(&w, Severity::Serious), at(8, 5)).await.unwrap();
    let mut other = registration(&w, Severity::Minor);
    other.lines[0].part_number = "ZC-6205".into();
    other.category = Category::NonQuality;
    let b = complaint::register(s, &w.clerk, other, at(8, 6)).await.unwrap();
    complaint::add_contact(s, &w.clerk, b.id, contact(10), at(8, 20)).await.unwrap();

    let clerk = &w.clerk;
    let query = |q: complaint::ComplaintQuery, now| async move { complaint::list(s, clerk, &q, now).await.unwrap() };
    let numbers = |p: &complaint::ComplaintPage| p.items.iter().map(|c| c.number.clone()).collect::<Vec<_>>();

    let all = query(Default::default(), at(9, 0)).await;
    assert_eq!(numbers(&all), ["KS-2026-0002", "KS-2026-0001"]);
    assert_eq!(all.items[1].part_numbers.as_deref(), Some("JSJ-200-A"));
    assert_eq!(all.items[1].defective_quantity, 12);

    for (text, want) in
        [("华泰", 2), ("华", 2), ("ZC-6205", 1), ("6205", 1), ("KS-2026-0001", 1), ("SO-2026", 2), ("深圳", 0)]
    {
        let page = query(complaint::ComplaintQuery { text: Some(text.into()), ..Default::default() }, at(9, 0)).await;
        assert_eq!(page.total, want, "search {text}");
    }
    let minor =
        query(complaint::ComplaintQuery { severity: Some(Severity::Minor), ..Default::default() }, at(9, 0)).await;
    assert_eq!(numbers(&minor), ["KS-2026-0002"]);
    let by_date = query(
        complaint::ComplaintQuery { from: NaiveDate::from_ymd_opt(2026, 11, 28), ..Default::default() },
        at(9, 0),
    )
    .await;
    assert_eq!(by_date.total, 0);

    // A day later, the complaint nobody has called back is overdue; the other is not.
    let later = at(9, 0) + Duration::hours(25);
    let overdue = query(complaint::ComplaintQuery { overdue: Some(true), ..Default::default() }, later).await;
    assert_eq!(numbers(&overdue), ["KS-2026-0001"]);
    assert!(overdue.items[0].contact_overdue);
    let work = complaint::my_work(s, &w.clerk, later).await.unwrap();
    assert_eq!(work.overdue.len(), 1);
    assert_eq!(work.registered_open.len(), 2);
    assert_eq!(a.number, "KS-2026-0001");
}

#[tokio::test]
async fn my_work_shows_each_department_what_to_sign() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Serious), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();
    let c = complaint::save_analysis(s, &w.quality, c.id, c.version, analysis(&w, true), details(&w), at(8, 7))
        .await
        .unwrap();
    let c = complaint::save_remedy(s, &w.clerk, c.id, c.version, plan(&w), at(8, 8)).await.unwrap();
    let c = negotiate(&w, c, &w.clerk).await;
    complaint::transition(s, &w.clerk, c.id, c.version, Command::SubmitForApproval, "", at(8, 9)).await.unwrap();
    assert_eq!(complaint::my_work(s, &w.quality, at(8, 10)).await.unwrap().to_sign.len(), 1);
    complaint::sign(s, &w.quality, c.id, true, "", at(8, 11)).await.unwrap();
    assert!(complaint::my_work(s, &w.quality, at(8, 12)).await.unwrap().to_sign.is_empty());
    assert_eq!(complaint::my_work(s, &w.technical, at(8, 12)).await.unwrap().to_sign.len(), 1);
}

#[tokio::test]
async fn merging_customers_moves_their_complaints_to_the_survivor() {
    let w = world().await;
    let duplicate = customer::create(&w.store, &w.manager, common::customer_input("天津华泰"), at(7, 5)).await.unwrap();
    let mut reg = registration(&w, Severity::Minor);
    reg.customer_id = duplicate.id;
    let first = complaint::register(&w.store, &w.clerk, reg.clone(), at(8, 0)).await.unwrap();
    let second = complaint::register(&w.store, &w.clerk, reg, at(8, 1)).await.unwrap();
    let kept = complaint::register(&w.store, &w.clerk, registration(&w, Severity::Minor), at(8, 2)).await.unwrap();

    customer::merge(&w.store, &w.manager, duplicate.id, w.customer_id, at(9, 0)).await.unwrap();

    for c in [&first, &second, &kept] {
        let now = complaint::get(&w.store, &w.clerk, c.id).await.unwrap();
        assert_eq!(now.registration.customer_id, w.customer_id, "{} moved to the survivor", c.number);
    }
    let history = customer::history(&w.store, &w.manager, w.customer_id).await.unwrap();
    assert_eq!(history[0].action, "merge_into");
    assert!(history[0].summary.ends_with("(转移投诉2条)"), "{}", history[0].summary);
    let page = complaint::list(
        &w.store,
        &w.clerk,
        &complaint::ComplaintQuery { customer_id: Some(duplicate.id), ..Default::default() },
        at(9, 1),
    )
    .await
    .unwrap();
    assert_eq!(page.total, 0, "nothing is left on the merged customer");
}

/// A module whose records name a customer must join the merge hook (registry::CUSTOMER_LINKS);
/// the customer's own parts are the only other tables that point at a customer.
#[tokio::test]
async fn every_customer_link_is_registered() {
    let (_dir, store, _admin) = initialized().await;
    let own_parts = [
        ("customer", "merged_into_id"),
        ("customer_contact", "customer_id"),
        ("customer_address", "customer_id"),
        ("customer_gram", "customer_id"),
    ];
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
        .fetch_all(store.pool())
        .await
        .unwrap();
    let mut links = Vec::new();
    for table in tables {
        let fks: Vec<(String, String)> = sqlx::query_as("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?)")
            .bind(&table)
            .fetch_all(store.pool())
            .await
            .unwrap();
        for (target, column) in fks {
            if target == "customer" && !own_parts.contains(&(table.as_str(), column.as_str())) {
                links.push((table.clone(), column));
            }
        }
    }
    let registered: Vec<(String, String)> =
        shouhou_core::registry::CUSTOMER_LINKS.iter().map(|l| (l.table.to_owned(), l.column.to_owned())).collect();
    links.sort();
    let mut want = registered.clone();
    want.sort();
    assert_eq!(links, want, "tables pointing at a customer vs the registered merge links");
}

#[tokio::test]
async fn after_analysis_starts_the_checked_fields_are_the_managers_with_a_reason() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Serious), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();

    let mut raised = c.registration.clone();
    raised.severity = Severity::Major;
    let err =
        complaint::update_registration(s, &w.clerk, c.id, c.version, raised.clone(), "", at(8, 7)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert!(err.user_message().contains("分析核实开始后,严重程度只能由售后服务经理修改"), "{}", err.user_message());
    // What the checks do not rest on stays with those who register.
    let mut wording = c.registration.clone();
    wording.description = "减速机齿轮箱运行异响(客户补充:高速档明显)。".into();
    let c = complaint::update_registration(s, &w.clerk, c.id, c.version, wording, "", at(8, 8)).await.unwrap();

    let err = complaint::update_registration(s, &w.manager, c.id, c.version, raised.clone(), " ", at(8, 9))
        .await
        .unwrap_err();
    assert_eq!((err.field(), err.user_message().as_str()), (Some("reason"), "修改严重程度须填写原因"));
    let raised = Registration { description: c.registration.description.clone(), ..raised };
    let c = complaint::update_registration(s, &w.manager, c.id, c.version, raised.clone(), "客户索赔升级", at(8, 10))
        .await
        .unwrap();
    assert_eq!(c.registration.severity, Severity::Major);
    let history = complaint::history(s, &w.clerk, c.id).await.unwrap();
    assert!(history[0].summary.ends_with("修改登记内容(改动:严重程度;原因:客户索赔升级)"), "{}", history[0].summary);

    // Two edits from the same version: the second is refused.
    let err = complaint::update_registration(s, &w.manager, c.id, c.version - 1, raised, "再改", at(8, 11))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "stale");
}

#[tokio::test]
async fn lowering_the_severity_is_the_managers_alone_and_the_year_stays() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Serious), at(8, 5)).await.unwrap();
    let lowered = Registration { severity: Severity::Minor, ..c.registration.clone() };
    let err =
        complaint::update_registration(s, &w.clerk, c.id, c.version, lowered.clone(), "", at(8, 6)).await.unwrap_err();
    assert!(err.user_message().contains("降低严重程度须由售后服务经理办理"), "{}", err.user_message());
    let err = complaint::update_registration(s, &w.manager, c.id, c.version, lowered.clone(), "", at(8, 6))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    let c = complaint::update_registration(s, &w.manager, c.id, c.version, lowered, "复核后影响轻微", at(8, 7))
        .await
        .unwrap();
    assert_eq!(c.registration.severity, Severity::Minor);
    // Raising it before the checks is anyone's who registers.
    let raised = Registration { severity: Severity::Serious, ..c.registration.clone() };
    let c = complaint::update_registration(s, &w.clerk, c.id, c.version, raised, "", at(8, 8)).await.unwrap();

    // KS-2026-0001 cannot be received in 2025.
    let moved = Registration { received_at: Utc.with_ymd_and_hms(2025, 12, 30, 8, 0, 0).unwrap(), ..c.registration };
    let err =
        complaint::update_registration(s, &w.manager, c.id, c.version, moved, "录错日期", at(8, 9)).await.unwrap_err();
    assert_eq!(err.field(), Some("received_at"));
    assert!(err.user_message().contains("不能改到另一年份"));
}

#[tokio::test]
async fn business_users_complete_the_product_lines_and_nothing_else() {
    let w = world().await;
    let s = &w.store;
    let mut reg = registration(&w, Severity::Serious);
    reg.lines[0].order_number = String::new();
    let c = complaint::register(s, &w.clerk, reg, at(8, 5)).await.unwrap();
    let err =
        complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap_err();
    assert!(err.user_message().contains("订单编号"));
    let mut completed = c.registration.clone();
    completed.lines[0].order_number = "SO-2026-0815".into();
    let c = complaint::update_registration(s, &w.business, c.id, c.version, completed, "", at(8, 7)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 8)).await.unwrap();
    // Correcting a quantity after the checks started is still 业务部's to do.
    let mut corrected = c.registration.clone();
    corrected.lines[0].quantity = 240;
    let c = complaint::update_registration(s, &w.business, c.id, c.version, corrected, "", at(8, 9)).await.unwrap();
    assert_eq!(c.registration.lines[0].quantity, 240);
    let mut other = c.registration.clone();
    other.customer_demand = "退货".into();
    let err = complaint::update_registration(s, &w.business, c.id, c.version, other, "", at(8, 10)).await.unwrap_err();
    assert!(err.user_message().contains("业务部只能补充和更正产品明细"), "{}", err.user_message());
}

#[tokio::test]
async fn quality_complaints_need_the_defective_quantity_and_others_no_product_line() {
    let w = world().await;
    let s = &w.store;
    let mut reg = registration(&w, Severity::Minor);
    reg.lines[0].defective_quantity = 0;
    let c = complaint::register(s, &w.clerk, reg, at(8, 5)).await.unwrap();
    let err =
        complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap_err();
    assert!(err.user_message().contains("不良数量"), "{}", err.user_message());

    for category in [Category::NonQuality, Category::Other] {
        let reg = Registration { category, lines: vec![], ..registration(&w, Severity::Minor) };
        let c = complaint::register(s, &w.clerk, reg, at(8, 7)).await.unwrap();
        let c =
            complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 8)).await.unwrap();
        assert_eq!(c.state, State::Analysing, "{category:?} needs no product line");
    }
}

#[tokio::test]
async fn store_clerks_register_and_see_only_their_own_stores_complaints() {
    let w = world().await;
    let s = &w.store;
    let admin = account::sign_in(s, "admin", ADMIN_PASSWORD, at(8, 0)).await.unwrap();
    let mut stores = Vec::new();
    for (code, name) in [("TJ-01", "天津河西直销店"), ("TJ-02", "天津南开直销店")] {
        let input = shouhou_core::org::StoreInput {
            code: code.into(),
            name: name.into(),
            region: String::new(),
            address: String::new(),
            manager: String::new(),
            phone: String::new(),
            active: true,
        };
        stores.push(shouhou_core::org::create_store(s, &admin, input, at(8, 1)).await.unwrap().id);
    }
    let new_clerk = account::NewUser { store_id: Some(stores[0]), ..new_user("dianyuan", Role::StoreClerk, None) };
    account::create_user(s, &admin, new_clerk, at(8, 2)).await.unwrap();
    let clerk = account::sign_in(s, "dianyuan", "pass12345", at(8, 3)).await.unwrap();

    let at_store = |store_id| Registration { store_id, channel: Channel::Store, ..registration(&w, Severity::Minor) };
    for other in [None, Some(stores[1])] {
        let err = complaint::register(s, &clerk, at_store(other), at(8, 4)).await.unwrap_err();
        assert!(err.user_message().contains("直销店店员只能登记本店的投诉"), "{}", err.user_message());
    }
    let own = complaint::register(s, &clerk, at_store(Some(stores[0])), at(8, 5)).await.unwrap();
    let elsewhere = complaint::register(s, &w.clerk, at_store(Some(stores[1])), at(8, 6)).await.unwrap();
    complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 7)).await.unwrap();

    let page = complaint::list(s, &clerk, &Default::default(), at(9, 0)).await.unwrap();
    assert_eq!(page.items.iter().map(|c| c.id).collect::<Vec<_>>(), [own.id]);
    assert_eq!(page.total, 1);
    let found = complaint::list(
        s,
        &clerk,
        &complaint::ComplaintQuery { text: Some("华泰".into()), ..Default::default() },
        at(9, 0),
    )
    .await
    .unwrap();
    assert_eq!(found.total, 1, "a search is confined to the store too");
    assert_eq!(complaint::get(s, &clerk, elsewhere.id).await.unwrap_err().code(), "forbidden");
    assert_eq!(complaint::list(s, &w.clerk, &Default::default(), at(9, 0)).await.unwrap().total, 3);
}

#[tokio::test]
async fn the_analysis_carries_a_cause_code_from_settings_and_who_inspected() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();
    let none = AnalysisDetails { cause_code: String::new(), ..details(&w) };
    let err =
        complaint::save_analysis(s, &w.quality, c.id, c.version, analysis(&w, true), none, at(8, 7)).await.unwrap_err();
    assert_eq!((err.field(), err.user_message().as_str()), (Some("cause_code"), "填写分析结论时须选择项目原因"));
    let unknown = AnalysisDetails { cause_code: "天气".into(), ..details(&w) };
    let err = complaint::save_analysis(s, &w.quality, c.id, c.version, analysis(&w, true), unknown, at(8, 7))
        .await
        .unwrap_err();
    assert!(
        err.user_message().starts_with("项目原因“天气”不在系统设置的列表中:原材料、生产工艺"),
        "{}",
        err.user_message()
    );
    let c = complaint::save_analysis(s, &w.quality, c.id, c.version, analysis(&w, true), details(&w), at(8, 8))
        .await
        .unwrap();
    assert_eq!(c.cause_code, "生产工艺");
    assert_eq!(
        c.inspections.iter().map(|x| (x.department_name.as_str(), x.person.as_str())).collect::<Vec<_>>(),
        [("品控中心", "刘洋")]
    );
    // 登记备案 waits for the decision on a corrective action.
    assert_eq!(c.available, [Command::Cancel]);
}

#[tokio::test]
async fn responsibility_needs_our_fault_a_department_each_and_no_repeats() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 5)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 6)).await.unwrap();
    let save =
        |a: Analysis, version: i64| complaint::save_analysis(s, &w.quality, c.id, version, a, details(&w), at(8, 7));
    let undecided = Analysis { our_fault: None, ..analysis(&w, true) };
    let err = save(undecided, c.version).await.unwrap_err();
    assert_eq!(err.user_message(), "判定为我方原因后才能归属责任");
    let mut nameless = analysis(&w, true);
    nameless.responsibilities[1].department_id = None;
    assert!(save(nameless, c.version).await.unwrap_err().user_message().contains("须选择责任部门"));
    let mut twice = analysis(&w, true);
    twice.responsibilities = vec![
        Share { department_id: Some(w.quality_dept), party: String::new(), share_percent: 50 },
        Share { department_id: Some(w.quality_dept), party: String::new(), share_percent: 50 },
    ];
    assert_eq!(save(twice, c.version).await.unwrap_err().user_message(), "同一部门只能归属一次责任");
    // A unit and a named person of it are two parties.
    let c = save(analysis(&w, true), c.version).await.unwrap();
    let parties: Vec<(Option<&str>, &str)> =
        c.responsibility.iter().map(|r| (r.department_name.as_deref(), r.party.as_str())).collect();
    assert_eq!(parties, [(Some("品控中心"), ""), (Some("生产部"), "王师傅")]);
}

#[tokio::test]
async fn actions_of_closed_or_cancelled_complaints_are_never_overdue() {
    let w = world().await;
    let s = &w.store;
    let c = complaint::register(s, &w.clerk, registration(&w, Severity::Minor), at(8, 5)).await.unwrap();
    let c = complaint::add_contact(s, &w.clerk, c.id, contact(10), at(8, 15)).await.unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::StartAnalysis, "", at(8, 16)).await.unwrap();
    let action = ActionInput {
        kind: ActionKind::Corrective,
        description: "包装加护角。".into(),
        owner_department_id: w.production.department_id.unwrap(),
        owner_user_id: w.production.user_id,
        owner: String::new(),
        due_date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        done_date: None,
        follows_action_id: None,
    };
    let c = complaint::save_action(s, &w.clerk, c.id, None, action, at(8, 17)).await.unwrap();
    let later = at(9, 0) + Duration::days(3);
    let only_overdue = complaint::ComplaintQuery { overdue: Some(true), ..Default::default() };
    let overdue = || complaint::list(s, &w.clerk, &only_overdue, later);
    assert_eq!(overdue().await.unwrap().total, 1);
    complaint::transition(s, &w.clerk, c.id, c.version, Command::Cancel, "客户撤回", at(8, 18)).await.unwrap();
    assert_eq!(overdue().await.unwrap().total, 0);
    let page = complaint::list(s, &w.clerk, &Default::default(), later).await.unwrap();
    assert!(!page.items[0].actions_overdue);
}
