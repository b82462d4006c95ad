//! Outside personnel (issue 9): the credit code at the boundary, the checklist rules through
//! the use-cases, the safety department's review, the permission matrix of the three roles,
//! numbering, unit import/export, demo data and the generator.

use crate::common;

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};
use common::*;
use shouhou_core::account::{self, Actor, Permission, Role};
use shouhou_core::contractor::engagement::{self, RosterInput};
use shouhou_core::contractor::unit::{self};
use shouhou_core::contractor::{
    CertificateInput, CertificateKind, ChecklistState, ContractorUnitInput, EngagementCategory, EngagementCommand,
    EngagementInput, EngagementQuery, EngagementState, UnitContact, UnitQuery, transfer,
};
use shouhou_core::db::Store;
use shouhou_core::xlsx::{ImportMode, ImportOutcome};

/// The local date of `at(…)` in Asia/Shanghai (2026-11-27).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn unit_input(name: &str, code: &str) -> ContractorUnitInput {
    ContractorUnitInput {
        name: name.into(),
        credit_code: code.into(),
        legal_representative: "刘建国".into(),
        address: "天津市滨海新区".into(),
        bank_name: "中国建设银行天津分行".into(),
        bank_account: "1205 0167 0100 0000 1234".into(),
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

fn scan(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, format!("%PDF-1.4\n% {name}\n%%EOF\n")).unwrap();
    path
}

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    admin: Actor,
    safety: Actor,
    hiring: Actor,
    other_hiring: Actor,
    gate: Actor,
    production: i64,
    unit_id: i64,
}

async fn user(store: &Store, admin: &Actor, name: &str, role: Role, department: i64) -> Actor {
    account::create_user(store, admin, new_user(name, role, Some(department)), at(8, 3)).await.unwrap();
    account::sign_in(store, name, "pass12345", at(8, 4)).await.unwrap()
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
    let unit = unit::create(&store, &safety, unit_input("天津宏远建筑工程有限公司", "91120116MA05JBT06Y"), at(9, 0))
        .await
        .unwrap();
    World { _dir: dir, store, admin, safety, hiring, other_hiring, gate, production, unit_id: unit.id }
}

#[tokio::test]
async fn units_take_only_valid_credit_codes_once() {
    let w = world().await;
    let u = unit::get(&w.store, &w.gate, w.unit_id).await.unwrap();
    assert_eq!((u.credit_code.as_str(), u.bank_account.as_str()), ("91120116MA05JBT06Y", "12050167010000001234"));
    let err =
        unit::create(&w.store, &w.safety, unit_input("某公司", "91120116MA05JBT06X"), at(9, 1)).await.unwrap_err();
    assert_eq!(err.field(), Some("credit_code"));
    assert!(err.user_message().contains("第18位应为“Y”"), "{}", err.user_message());
    let err = unit::create(&w.store, &w.safety, unit_input("重复", "91120116ma05jbt06y"), at(9, 1)).await.unwrap_err();
    assert_eq!(err.code(), "duplicate", "the code is normalised before the unique check");
    let page =
        unit::list(&w.store, &w.gate, &UnitQuery { text: Some("宏远".into()), ..Default::default() }).await.unwrap();
    assert_eq!(page.items.iter().map(|u| u.id).collect::<Vec<_>>(), [w.unit_id]);
    let page =
        unit::list(&w.store, &w.gate, &UnitQuery { text: Some("孙立新".into()), ..Default::default() }).await.unwrap();
    assert_eq!(page.total, 1, "contacts are searched");
}

#[tokio::test]
async fn the_outsourced_package_from_registration_to_approval() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let mut e = engagement::register(
        &w.store,
        &w.hiring,
        engagement_input(EngagementCategory::Outsourced, w.production, Some(w.unit_id)),
        at(9, 5),
    )
    .await
    .unwrap();
    assert_eq!(e.number, "WB-2026-0001");
    assert_eq!(e.state, EngagementState::Preparing);
    assert_eq!(e.items.len(), 8);
    assert!(e.items.iter().all(|i| i.state == ChecklistState::Missing));

    // Nothing happens before approval: no start, nobody 上岗, no submission with items missing.
    let err = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Start, "", at(9, 6))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("先用工后补手续") && err.user_message().contains("边用工边办手续"));
    let people = vec![RosterInput { name: "张建军".into(), trade: "焊工".into() }];
    let err = engagement::roster_add(&w.store, &w.hiring, e.id, people.clone(), true, at(9, 6)).await.unwrap_err();
    assert!(err.user_message().contains("不能安排人员上岗"), "{}", err.user_message());
    e = engagement::roster_add(&w.store, &w.hiring, e.id, people, false, at(9, 6)).await.unwrap();
    assert!(!e.roster[0].working, "planned, not working");
    let err = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Submit, "", at(9, 7))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("items"));
    assert!(err.user_message().contains("承包合同(协议)(缺)"), "{}", err.user_message());

    // The eight documents.
    for (n, item) in e.items.clone().iter().enumerate() {
        e = engagement::upload_item(
            &w.store,
            &w.hiring,
            item.id,
            &[scan(dir.path(), &format!("doc{n}"))],
            None,
            at(9, 10),
        )
        .await
        .unwrap();
    }
    assert!(e.items.iter().all(|i| i.state == ChecklistState::Submitted && i.attachments.len() == 1));
    e = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Submit, "", at(9, 20))
        .await
        .unwrap();
    assert_eq!((e.state, e.review_round), (EngagementState::Submitted, 1));

    // The safety department returns the plan with its reason; the package goes back.
    let plan = e.items[5].id;
    let err = engagement::review_item(&w.store, &w.safety, plan, false, " ", at(9, 30)).await.unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    e = engagement::review_item(&w.store, &w.safety, plan, false, "缺少高处作业防护措施", at(9, 30)).await.unwrap();
    assert_eq!(e.state, EngagementState::Returned);
    assert_eq!((e.items[5].state, e.items[5].comment.as_str()), (ChecklistState::Returned, "缺少高处作业防护措施"));
    let err = engagement::transition(&w.store, &w.safety, e.id, e.version, EngagementCommand::Approve, "", at(9, 31))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("尚未提交"), "{}", err.user_message());

    // Handed in again, submitted again, approved: stamped by 安全管理部, who and when.
    e = engagement::upload_item(&w.store, &w.hiring, plan, &[scan(dir.path(), "plan-v2")], None, at(10, 0))
        .await
        .unwrap();
    assert_eq!((e.items[5].state, e.items[5].attachments.len()), (ChecklistState::Submitted, 2));
    e = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Submit, "", at(10, 1))
        .await
        .unwrap();
    let err = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Approve, "", at(10, 2))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden", "the hiring department does not approve");
    e = engagement::transition(&w.store, &w.safety, e.id, e.version, EngagementCommand::Approve, "", at(10, 5))
        .await
        .unwrap();
    assert_eq!(e.state, EngagementState::Approved);
    assert_eq!((e.approved_by.as_str(), e.approved_at), ("wumin姓名", Some(at(10, 5))));
    assert!(e.items.iter().all(|i| i.state == ChecklistState::Accepted), "approval accepts what it approves");

    // Now the engagement may start; a name typed on the roster is still nobody the core can check
    // for 三级安全教育, so it is not put to work (registered people are: entry.rs).
    let entry = e.roster[0].id;
    let err = engagement::roster_set_working(&w.store, &w.hiring, entry, true, at(10, 6)).await.unwrap_err();
    assert!(err.user_message().contains("未在外来人员档案中登记"), "{}", err.user_message());
    assert!(!engagement::get(&w.store, &w.hiring, e.id, at(10, 6)).await.unwrap().roster[0].working);
    e = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Start, "", at(10, 7))
        .await
        .unwrap();
    assert_eq!(e.state, EngagementState::Active);

    // A change of dates after approval reopens the review; the stamp is cleared.
    let mut changed = engagement_input(EngagementCategory::Outsourced, w.production, Some(w.unit_id));
    changed.end_date = today() + Duration::days(60);
    e = engagement::update(&w.store, &w.hiring, e.id, e.version, changed, at(11, 0)).await.unwrap();
    assert_eq!((e.state, e.review_round, e.approved_at), (EngagementState::Submitted, 3, None));
    let err = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Start, "", at(11, 1))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("先用工后补手续"));
    e = engagement::transition(&w.store, &w.safety, e.id, e.version, EngagementCommand::Approve, "", at(11, 5))
        .await
        .unwrap();
    e = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Start, "", at(11, 6))
        .await
        .unwrap();
    let err = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Terminate, "", at(12, 0))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    e = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Complete, "", at(12, 0))
        .await
        .unwrap();
    assert_eq!(e.state, EngagementState::Completed);
    let history = engagement::history(&w.store, &w.gate, e.id).await.unwrap();
    assert!(history.iter().any(|h| h.summary.contains("“工程安全施工方案”退回:缺少高处作业防护措施")));
    assert!(history.iter().any(|h| h.summary.contains("盖章确认")));
}

#[tokio::test]
async fn a_lapsed_unit_certificate_expires_the_qualification_item_and_blocks_approval() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let mut e = engagement::register(
        &w.store,
        &w.hiring,
        engagement_input(EngagementCategory::AfterSales, w.production, Some(w.unit_id)),
        at(9, 5),
    )
    .await
    .unwrap();
    assert_eq!(e.number, "SH-2026-0001");
    for item in e.items.clone() {
        e = engagement::upload_item(&w.store, &w.hiring, item.id, &[scan(dir.path(), "x")], None, at(9, 6))
            .await
            .unwrap();
    }
    // A document valid only until yesterday is refused at upload; one that lapses later expires.
    let err = engagement::upload_item(
        &w.store,
        &w.hiring,
        e.items[0].id,
        &[scan(dir.path(), "old")],
        Some(today() - Duration::days(1)),
        at(9, 7),
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("valid_to"));
    e = engagement::upload_item(&w.store, &w.hiring, e.items[0].id, &[scan(dir.path(), "y")], Some(today()), at(9, 7))
        .await
        .unwrap();
    e = engagement::transition(&w.store, &w.hiring, e.id, e.version, EngagementCommand::Submit, "", at(9, 8))
        .await
        .unwrap();
    // The next day the filing has expired: approval is refused, naming it.
    let tomorrow = at(9, 9) + Duration::days(1);
    let err = engagement::transition(&w.store, &w.safety, e.id, e.version, EngagementCommand::Approve, "", tomorrow)
        .await
        .unwrap_err();
    assert!(err.user_message().contains("售后服务人员安全管理备案(过期)"), "{}", err.user_message());
    let seen = engagement::get(&w.store, &w.gate, e.id, tomorrow).await.unwrap();
    assert_eq!(seen.items[0].state, ChecklistState::Expired);

    // For 外包工, a lapsed certificate of the unit expires the 资质证明 item.
    let mut wb = engagement::register(
        &w.store,
        &w.hiring,
        engagement_input(EngagementCategory::Outsourced, w.production, Some(w.unit_id)),
        at(9, 10),
    )
    .await
    .unwrap();
    for item in wb.items.clone() {
        wb = engagement::upload_item(&w.store, &w.hiring, item.id, &[scan(dir.path(), "z")], None, at(9, 11))
            .await
            .unwrap();
    }
    wb = engagement::transition(&w.store, &w.hiring, wb.id, wb.version, EngagementCommand::Submit, "", at(9, 12))
        .await
        .unwrap();
    let permit = CertificateInput {
        kind: CertificateKind::SafetyPermit,
        name: "安全生产许可证".into(),
        number: "(津)JZ安许证字[2023]000876".into(),
        issuer: "天津市住房和城乡建设委员会".into(),
        valid_from: Some(today() - Duration::days(1100)),
        valid_to: Some(today() - Duration::days(20)),
    };
    unit::save_certificate(&w.store, &w.safety, w.unit_id, None, permit, at(9, 13)).await.unwrap();
    let err = engagement::transition(&w.store, &w.safety, wb.id, wb.version, EngagementCommand::Approve, "", at(9, 14))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("本单位相关资质证明(过期)"), "{}", err.user_message());
    let bench = engagement::workbench(&w.store, &w.safety, at(9, 15)).await.unwrap();
    assert_eq!(bench.waiting.len(), 2);
    assert_eq!(bench.expiring_certificates.len(), 1, "the lapsed permit is on the workbench");
}

#[tokio::test]
async fn the_permission_matrix_of_the_three_roles() {
    use Permission::*;
    let matrix = [
        (Role::Safety, [true, true, true, true, true]),
        (Role::HiringDept, [true, true, false, true, false]),
        (Role::Gate, [true, false, false, false, false]),
        (Role::Admin, [true, true, true, true, false]),
        (Role::AfterSales, [false, false, false, false, false]),
        (Role::StoreClerk, [false, false, false, false, false]),
    ];
    for (role, want) in matrix {
        let got =
            [ViewContractors, EditContractorUnits, BlacklistContractorUnits, ManageEngagements, ReviewEngagements]
                .map(|p| role.can(p));
        assert_eq!(got, want, "{role:?}");
    }

    let w = world().await;
    let input = engagement_input(EngagementCategory::Outsourced, w.production, Some(w.unit_id));
    // The gate sees but changes nothing.
    for err in [
        engagement::register(&w.store, &w.gate, input.clone(), at(9, 1)).await.unwrap_err(),
        unit::create(&w.store, &w.gate, unit_input("门岗单位", "91110000600037341L"), at(9, 1)).await.unwrap_err(),
        unit::set_blacklisted(&w.store, &w.gate, w.unit_id, 1, true, "x", at(9, 1)).await.unwrap_err(),
    ] {
        assert_eq!(err.code(), "forbidden");
    }
    // A hiring department registers for its own department only.
    let err = engagement::register(&w.store, &w.other_hiring, input.clone(), at(9, 2)).await.unwrap_err();
    assert!(err.user_message().contains("只能办理本部门"), "{}", err.user_message());
    let e = engagement::register(&w.store, &w.hiring, input, at(9, 2)).await.unwrap();
    assert_eq!(engagement::get(&w.store, &w.gate, e.id, at(9, 3)).await.unwrap().number, e.number);
    let dir = tempfile::tempdir().unwrap();
    let err = engagement::upload_item(&w.store, &w.gate, e.items[0].id, &[scan(dir.path(), "g")], None, at(9, 3))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let err =
        engagement::upload_item(&w.store, &w.other_hiring, e.items[0].id, &[scan(dir.path(), "g")], None, at(9, 3))
            .await
            .unwrap_err();
    assert_eq!(err.code(), "forbidden", "another department's package");
    // A hiring department cannot review, and the safety department not its own department's package.
    let err = engagement::review_item(&w.store, &w.hiring, e.items[0].id, true, "", at(9, 4)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let safety_dept = department_id(&w.store, "安全管理部").await;
    let own = engagement::register(
        &w.store,
        &w.safety,
        engagement_input(EngagementCategory::Temporary, safety_dept, None),
        at(9, 5),
    )
    .await
    .unwrap();
    let mut own = own;
    for item in own.items.clone() {
        own = engagement::upload_item(&w.store, &w.safety, item.id, &[scan(dir.path(), "s")], None, at(9, 6))
            .await
            .unwrap();
    }
    own = engagement::transition(&w.store, &w.safety, own.id, own.version, EngagementCommand::Submit, "", at(9, 7))
        .await
        .unwrap();
    let err =
        engagement::transition(&w.store, &w.safety, own.id, own.version, EngagementCommand::Approve, "", at(9, 8))
            .await
            .unwrap_err();
    assert!(err.user_message().contains("不能审批本部门"), "{}", err.user_message());
    let err = engagement::transition(&w.store, &w.admin, own.id, own.version, EngagementCommand::Approve, "", at(9, 8))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden", "only 安全管理部 stamps");
}

#[tokio::test]
async fn blacklisted_units_get_no_engagement_and_numbers_are_gap_free_per_category() {
    let w = world().await;
    let err = unit::set_blacklisted(&w.store, &w.safety, w.unit_id, 1, true, " ", at(9, 1)).await.unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    let u = unit::set_blacklisted(&w.store, &w.safety, w.unit_id, 1, true, "转包给无资质个人", at(9, 1)).await.unwrap();
    assert!(u.blacklisted);
    assert_eq!((u.blacklisted_on, u.blacklisted_by.as_str()), (Some(today()), "wumin姓名"));
    let input = engagement_input(EngagementCategory::Outsourced, w.production, Some(w.unit_id));
    let err = engagement::register(&w.store, &w.hiring, input, at(9, 2)).await.unwrap_err();
    assert!(err.user_message().contains("黑名单"), "{}", err.user_message());
    // The refused registration gave its number back.
    let other =
        unit::create(&w.store, &w.safety, unit_input("天津振华机电安装有限公司", "91120110MA06C1234Q"), at(9, 3))
            .await
            .unwrap();
    let mut numbers = Vec::new();
    for category in [
        EngagementCategory::Outsourced,
        EngagementCategory::Temporary,
        EngagementCategory::Outsourced,
        EngagementCategory::AfterSales,
    ] {
        let unit = category.needs_unit().then_some(other.id);
        numbers.push(
            engagement::register(&w.store, &w.hiring, engagement_input(category, w.production, unit), at(9, 4))
                .await
                .unwrap()
                .number,
        );
    }
    assert_eq!(numbers, ["WB-2026-0001", "WY-2026-0001", "WB-2026-0002", "SH-2026-0001"]);
    let err = engagement::register(
        &w.store,
        &w.hiring,
        engagement_input(EngagementCategory::Outsourced, w.production, None),
        at(9, 5),
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("unit_id"));

    // Filters: category, department, state, 缺项.
    let q = |query: EngagementQuery| {
        let (store, gate) = (&w.store, &w.gate);
        async move { engagement::list(store, gate, &query).await.unwrap() }
    };
    assert_eq!(
        q(EngagementQuery { category: Some(EngagementCategory::Outsourced), ..Default::default() }).await.total,
        2
    );
    assert_eq!(q(EngagementQuery { missing_items: Some(true), ..Default::default() }).await.total, 4);
    assert_eq!(q(EngagementQuery { department_id: Some(w.production), ..Default::default() }).await.total, 4);
    assert_eq!(q(EngagementQuery { state: Some(EngagementState::Approved), ..Default::default() }).await.total, 0);
    assert_eq!(q(EngagementQuery { text: Some("WB-2026-0002".into()), ..Default::default() }).await.total, 1);
    let first = q(EngagementQuery { limit: Some(3), ..Default::default() }).await;
    assert_eq!(first.items.len(), 3);
    let rest = q(EngagementQuery { limit: Some(3), after: first.next.clone(), ..Default::default() }).await;
    assert_eq!((rest.items.len(), rest.next.is_none()), (1, true));
}

#[tokio::test]
async fn units_round_trip_through_excel() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("units.xlsx");
    assert_eq!(transfer::export_units(&w.store, &w.gate, &out, false).await.unwrap(), 1);
    let file = sheet(
        dir.path(),
        "in.xlsx",
        &[
            &["承包单位", "信用代码", "法人", "账号", "联系人", "电话"],
            &[
                "天津振华机电安装有限公司",
                "91120110MA06C1234Q",
                "陈振华",
                "0302012309100045678",
                "马海涛",
                "13820115678",
            ],
            &["坏代码公司", "91120110MA06C1234X", "", "", "", ""],
            &["重复公司", "91120116MA05JBT06Y", "", "", "", ""],
        ],
    );
    let outcome =
        transfer::import_units(&w.store, &w.safety, &file, ImportMode::AllOrNothing, None, at(9, 5)).await.unwrap();
    let ImportOutcome::Imported(report) = outcome else { panic!("synonyms are known") };
    assert_eq!(report.imported, 0);
    let rows: Vec<(u32, &str)> = report.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(rows, [(3, "统一社会信用代码"), (4, "统一社会信用代码")]);
    let outcome =
        transfer::import_units(&w.store, &w.safety, &file, ImportMode::GoodRows, None, at(9, 6)).await.unwrap();
    let ImportOutcome::Imported(report) = outcome else { panic!() };
    assert_eq!(report.imported, 1);
    // The export reads back through the import (its own headers).
    assert_eq!(transfer::export_units(&w.store, &w.gate, &out, false).await.unwrap(), 2);
    let err = transfer::import_units(&w.store, &w.gate, &out, ImportMode::GoodRows, None, at(9, 7)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let ImportOutcome::Imported(report) =
        transfer::import_units(&w.store, &w.safety, &out, ImportMode::GoodRows, None, at(9, 7)).await.unwrap()
    else {
        panic!("the export's headers are the import's")
    };
    assert_eq!((report.rows, report.imported, report.problems.len()), (2, 0, 2), "both already registered");
}

#[tokio::test]
async fn demo_data_has_every_state_and_category_and_the_generator_scales() {
    let (_dir, store) = common::demo().await;
    let safety = account::sign_in(&store, "wumin", shouhou_core::demo::DEMO_PASSWORD, at(8, 1)).await.unwrap();
    let all =
        engagement::list(&store, &safety, &EngagementQuery { limit: Some(200), ..Default::default() }).await.unwrap();
    for state in EngagementState::ALL {
        assert!(all.items.iter().any(|e| e.state == state), "{state:?}");
    }
    for category in EngagementCategory::ALL {
        assert!(all.items.iter().any(|e| e.category == category), "{category:?}");
    }
    let units = unit::list(&store, &safety, &UnitQuery::default()).await.unwrap();
    assert!(units.items.iter().any(|u| u.blacklisted));
    let bench = engagement::workbench(&store, &safety, at(8, 2)).await.unwrap();
    assert!(!bench.waiting.is_empty() && !bench.ending.is_empty());
    assert!(
        bench.expiring_certificates.iter().any(|c| c.kind == CertificateKind::SafetyPermit && c.valid_to < bench.today)
    );

    let (u, e) = shouhou_core::contractor::sample::generate(&store, 50, 400, 3, at(8, 3)).await.unwrap();
    assert_eq!((u, e), (50, 400));
    let page = engagement::list(
        &store,
        &safety,
        &EngagementQuery {
            category: Some(EngagementCategory::Outsourced),
            missing_items: Some(true),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(page.total > 0);
    for s in &page.items {
        let full = engagement::get(&store, &safety, s.id, at(8, 4)).await.unwrap();
        assert!(full.items.iter().any(|i| i.state.blocks()), "{}", full.number);
        assert_eq!(full.category, EngagementCategory::Outsourced);
    }
}

/// The list gathers few matches from its filters' index and walks the registration order for
/// many: both give the pages a plain query over every engagement gives, in the same order.
#[tokio::test]
async fn list_pages_are_the_same_whichever_way_they_are_found() {
    let (_dir, store, admin) = initialized().await;
    shouhou_core::contractor::sample::generate(&store, 40, 2_600, 11, at(8, 3)).await.unwrap();
    let production = department_id(&store, "生产部").await;
    let queries = [
        EngagementQuery::default(),
        EngagementQuery { missing_items: Some(true), ..Default::default() },
        EngagementQuery {
            category: Some(EngagementCategory::Outsourced),
            missing_items: Some(true),
            ..Default::default()
        },
        EngagementQuery {
            department_id: Some(production),
            state: Some(EngagementState::Submitted),
            ..Default::default()
        },
        EngagementQuery { text: Some("检修".into()), ..Default::default() },
        EngagementQuery {
            text: Some("检修".into()),
            category: Some(EngagementCategory::AfterSales),
            ..Default::default()
        },
    ];
    let mut walked = false;
    for query in queries {
        // The reference: every engagement, filtered and sorted here.
        let all: Vec<(i64, String, String, i64, String, i64, String)> = sqlx::query_as(
            "SELECT id, category, state, department_id, created_at, open_items, title FROM contractor_engagement",
        )
        .fetch_all(store.pool())
        .await
        .unwrap();
        let mut want: Vec<(String, i64)> = all
            .into_iter()
            .filter(|(_, c, s, d, _, open, title)| {
                query.category.is_none_or(|q| q.key() == c)
                    && query.state.is_none_or(|q| q.key() == s)
                    && query.department_id.is_none_or(|q| q == *d)
                    && (query.missing_items != Some(true) || *open > 0)
                    && query.text.as_deref().is_none_or(|t| title.contains(t))
            })
            .map(|(id, _, _, _, at, _, _)| (at, id))
            .collect();
        want.sort_by(|a, b| b.cmp(a));
        walked |= want.len() as i64 > engagement::GATHER_BELOW;
        let mut got = Vec::new();
        let mut q = EngagementQuery { limit: Some(200), ..query.clone() };
        loop {
            let page = engagement::list(&store, &admin, &q).await.unwrap();
            assert_eq!(page.total, want.len() as i64);
            got.extend(page.items.iter().map(|e| e.id));
            match page.next {
                Some(next) => q.after = Some(next),
                None => break,
            }
        }
        assert_eq!(got, want.iter().map(|(_, id)| *id).collect::<Vec<_>>(), "{query:?}");
    }
    assert!(walked, "one query has more matches than are gathered");
}

/// A checklist document is handed in through the checklist, which makes it 已交; the generic
/// attachment command cannot slip a scan onto an item and leave it 缺.
#[tokio::test]
async fn a_scan_reaches_a_checklist_item_only_through_its_upload() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let e = engagement::register(
        &w.store,
        &w.hiring,
        engagement_input(EngagementCategory::Outsourced, w.production, Some(w.unit_id)),
        at(9, 5),
    )
    .await
    .unwrap();
    let item = e.items[0].id;
    let err = shouhou_core::attachment::add(
        &w.store,
        &w.hiring,
        shouhou_core::attachment::OwnerKind::ContractorItem,
        item,
        &[scan(dir.path(), "contract")],
        "",
        at(9, 6),
    )
    .await
    .unwrap_err();
    assert!(err.user_message().contains("在项目的资料清单中上传"), "{}", err.user_message());
    let e = engagement::upload_item(&w.store, &w.hiring, item, &[scan(dir.path(), "contract")], None, at(9, 7))
        .await
        .unwrap();
    assert_eq!(e.items[0].state, ChecklistState::Submitted);
}
