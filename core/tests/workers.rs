//! Workers (issue 10, part 2): the person's record keyed by the 身份证号, masking by permission,
//! search, the person-level blacklist, the audit that names people by name only.

mod common;

use common::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::contractor::unit;
use shouhou_core::contractor::worker::{self, WorkerInput, WorkerQuery};
use shouhou_core::contractor::{ContractorUnitInput, EngagementCategory, Sex, UnitContact};
use shouhou_core::db::Store;

/// A valid number from a 17-digit body (check character computed here, GB 11643).
fn id(body: &str) -> String {
    let sum: u32 = body
        .chars()
        .zip([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    format!("{body}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

fn input(name: &str, id_number: &str, unit_id: Option<i64>) -> WorkerInput {
    WorkerInput {
        name: name.into(),
        id_number: id_number.into(),
        category: EngagementCategory::Outsourced,
        unit_id,
        trade: "电焊工".into(),
        special_class: "焊接与热切割作业".into(),
        phone: "13802201234".into(),
        emergency_contact: "李秀英".into(),
        emergency_phone: "13802205678".into(),
        post_changed_on: None,
        notes: String::new(),
    }
}

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    safety: Actor,
    hiring: Actor,
    gate: Actor,
    unit_id: i64,
}

async fn user(store: &Store, admin: &Actor, name: &str, role: Role, department: i64) -> Actor {
    account::create_user(store, admin, new_user(name, role, Some(department)), at(8, 3)).await.unwrap();
    account::sign_in(store, name, "pass12345", at(8, 4)).await.unwrap()
}

async fn world() -> World {
    let (dir, store, admin) = initialized().await;
    let safety = user(&store, &admin, "wumin", Role::Safety, department_id(&store, "安全管理部").await).await;
    let hiring = user(&store, &admin, "zhengtao", Role::HiringDept, department_id(&store, "生产部").await).await;
    let gate = user(&store, &admin, "fengjun", Role::Gate, department_id(&store, "保卫部").await).await;
    let unit = unit::create(
        &store,
        &safety,
        ContractorUnitInput {
            name: "天津宏远建筑工程有限公司".into(),
            credit_code: "91120116MA05JBT06Y".into(),
            legal_representative: "刘建国".into(),
            address: String::new(),
            bank_name: String::new(),
            bank_account: String::new(),
            contacts: vec![UnitContact { name: "孙立新".into(), title: String::new(), phone: String::new() }],
            notes: String::new(),
        },
        at(9, 0),
    )
    .await
    .unwrap();
    World { _dir: dir, store, safety, hiring, gate, unit_id: unit.id }
}

#[tokio::test]
async fn a_worker_is_registered_with_birth_date_and_sex_from_the_number() {
    let w = world().await;
    let number = id("12011619850612351");
    let created =
        worker::create(&w.store, &w.hiring, input(" 张建军 ", &number.to_lowercase(), Some(w.unit_id)), at(9, 5))
            .await
            .unwrap();
    assert_eq!(created.name, "张建军");
    assert_eq!(created.id_number, number);
    assert!(created.id_number_full);
    assert_eq!(created.birth_date.to_string(), "1985-06-12");
    assert_eq!(created.sex, Sex::Male);
    assert_eq!(created.unit_name.as_deref(), Some("天津宏远建筑工程有限公司"));
    assert_eq!(created.created_by, "zhengtao姓名");
    assert_eq!(created.version, 1);
    assert!(created.engagements.is_empty());

    // A wrong check character is refused on the field, without the number in the message.
    let mut wrong = number.clone();
    wrong.replace_range(17.., if number.ends_with('0') { "1" } else { "0" });
    let err = worker::create(&w.store, &w.hiring, input("王五", &wrong, Some(w.unit_id)), at(9, 6)).await.unwrap_err();
    assert_eq!(err.field(), Some("id_number"));
    assert!(err.user_message().contains("校验码") && !err.user_message().contains(&wrong[..17]));

    // Born after the day of registration (2026-11-27 in Shanghai).
    let unborn = id("12011620270101351");
    let err = worker::create(&w.store, &w.hiring, input("未来", &unborn, Some(w.unit_id)), at(9, 6)).await.unwrap_err();
    assert!(err.user_message().contains("晚于今天"), "{}", err.user_message());

    // An outsourced worker names the unit; the unit must exist.
    let err =
        worker::create(&w.store, &w.hiring, input("赵六", &id("12011619900101352"), None), at(9, 6)).await.unwrap_err();
    assert_eq!(err.field(), Some("unit_id"));
    let err = worker::create(&w.store, &w.hiring, input("赵六", &id("12011619900101352"), Some(999)), at(9, 6))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("unit_id"));
}

#[tokio::test]
async fn a_duplicate_number_is_refused_naming_the_holder_not_the_number() {
    let w = world().await;
    let number = id("12011619850612351");
    worker::create(&w.store, &w.hiring, input("张建军", &number, Some(w.unit_id)), at(9, 5)).await.unwrap();
    // Typed again with a lower-case check character or spaces: still the same number.
    let typed = format!("{} {}", &number[..6], &number[6..]);
    let err =
        worker::create(&w.store, &w.safety, input("张健君", &typed, Some(w.unit_id)), at(9, 6)).await.unwrap_err();
    assert_eq!(err.code(), "duplicate");
    assert!(err.user_message().contains("张建军"), "{}", err.user_message());
    assert!(!err.user_message().contains(&number[..14]), "{}", err.user_message());

    // Changing another record to the number is refused the same way.
    let other = worker::create(&w.store, &w.hiring, input("李四", &id("12011619900101352"), Some(w.unit_id)), at(9, 7))
        .await
        .unwrap();
    let err =
        worker::update(&w.store, &w.hiring, other.id, other.version, input("李四", &number, Some(w.unit_id)), at(9, 8))
            .await
            .unwrap_err();
    assert_eq!(err.code(), "duplicate");
    assert!(err.user_message().contains("张建军"));
}

#[tokio::test]
async fn the_gate_sees_masked_numbers_everywhere_and_the_audit_never_holds_one() {
    let w = world().await;
    let number = id("12011619850612351");
    let masked = format!("{}********{}", &number[..6], &number[14..]);
    let created =
        worker::create(&w.store, &w.hiring, input("张建军", &number, Some(w.unit_id)), at(9, 5)).await.unwrap();

    let seen = worker::get(&w.store, &w.gate, created.id).await.unwrap();
    assert_eq!((seen.id_number.as_str(), seen.id_number_full), (masked.as_str(), false));
    let page = worker::list(&w.store, &w.gate, &WorkerQuery::default()).await.unwrap();
    assert_eq!(page.items[0].id_number, masked);
    let page = worker::list(&w.store, &w.safety, &WorkerQuery::default()).await.unwrap();
    assert_eq!(page.items[0].id_number, number, "安全管理部 holds view_id_numbers");
    // The gate finds the person by the whole number, and sees it masked.
    let found = worker::find_by_id_number(&w.store, &w.gate, &number).await.unwrap().unwrap();
    assert_eq!((found.id, found.id_number.as_str()), (created.id, masked.as_str()));

    // The gate cannot register or change people.
    let err = worker::create(&w.store, &w.gate, input("王五", &id("12011619900101352"), Some(w.unit_id)), at(9, 6))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");

    // A change and a blacklisting later: no audit column holds the number.
    let mut change = input("张建军", &masked, Some(w.unit_id));
    change.trade = "气焊工".into();
    let updated = worker::update(&w.store, &w.hiring, created.id, created.version, change, at(9, 7)).await.unwrap();
    assert_eq!(updated.id_number, number, "the masked number sent back keeps the stored one");
    assert_eq!(updated.trade, "气焊工");
    worker::set_blacklisted(&w.store, &w.safety, updated.id, updated.version, true, "酒后进入厂区", at(9, 8))
        .await
        .unwrap();
    let leaks: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_event
         WHERE instr(summary || coalesce(before_json, '') || coalesce(after_json, ''), ?) > 0
            OR instr(summary || coalesce(before_json, '') || coalesce(after_json, ''), ?) > 0",
    )
    .bind(&number)
    .bind(&number[6..14])
    .fetch_one(w.store.pool())
    .await
    .unwrap();
    assert_eq!(leaks, 0);
    let history = worker::history(&w.store, &w.gate, created.id).await.unwrap();
    let summaries: Vec<&str> = history.iter().map(|e| e.summary.as_str()).collect();
    assert!(summaries.contains(&"登记外来人员 张建军"), "{summaries:?}");
    assert!(summaries.contains(&"修改外来人员 张建军"), "{summaries:?}");
    assert!(summaries.contains(&"外来人员 张建军 列入黑名单:酒后进入厂区"), "{summaries:?}");
    let text: String = sqlx::query_scalar("SELECT search_text FROM contractor_worker WHERE id = ?")
        .bind(created.id)
        .fetch_one(w.store.pool())
        .await
        .unwrap();
    assert!(!text.contains(&number[6..14]), "{text}");
}

#[tokio::test]
async fn find_by_id_number_tells_a_wrong_number_from_nobody() {
    let w = world().await;
    let nobody = id("12011619900101352");
    assert!(worker::find_by_id_number(&w.store, &w.gate, &nobody).await.unwrap().is_none());
    let mut wrong = nobody.clone();
    wrong.replace_range(17.., if nobody.ends_with('0') { "1" } else { "0" });
    let err = worker::find_by_id_number(&w.store, &w.gate, &wrong).await.unwrap_err();
    assert_eq!((err.code(), err.field()), ("validation", Some("id_number")));
}

#[tokio::test]
async fn search_by_name_unit_trade_and_the_whole_number() {
    let w = world().await;
    let zhang = id("12011619850612351");
    let a = worker::create(&w.store, &w.hiring, input("张建军", &zhang, Some(w.unit_id)), at(9, 5)).await.unwrap();
    let mut li = input("李秀兰", &id("12011619920304362"), None);
    li.category = EngagementCategory::Temporary;
    li.trade = "力工".into();
    li.special_class = String::new();
    let b = worker::create(&w.store, &w.hiring, li, at(9, 6)).await.unwrap();
    assert_eq!(b.sex, Sex::Female);

    let ids = |page: shouhou_core::contractor::WorkerPage| page.items.iter().map(|i| i.id).collect::<Vec<_>>();
    let search = |text: &str| WorkerQuery { text: Some(text.into()), ..Default::default() };
    assert_eq!(ids(worker::list(&w.store, &w.gate, &search("张")).await.unwrap()), [a.id]);
    assert_eq!(ids(worker::list(&w.store, &w.gate, &search("秀兰")).await.unwrap()), [b.id]);
    assert_eq!(ids(worker::list(&w.store, &w.gate, &search("宏远建筑")).await.unwrap()), [a.id], "by unit");
    assert_eq!(ids(worker::list(&w.store, &w.gate, &search("力工")).await.unwrap()), [b.id], "by trade");
    assert_eq!(ids(worker::list(&w.store, &w.gate, &search(&zhang.to_lowercase())).await.unwrap()), [a.id]);
    // Part of a number finds nothing: the number is not in the search text.
    assert!(worker::list(&w.store, &w.gate, &search(&zhang[..10])).await.unwrap().items.is_empty());

    let filtered = WorkerQuery { unit_id: Some(w.unit_id), ..Default::default() };
    assert_eq!(ids(worker::list(&w.store, &w.gate, &filtered).await.unwrap()), [a.id]);
    let filtered = WorkerQuery { category: Some(EngagementCategory::Temporary), ..Default::default() };
    assert_eq!(ids(worker::list(&w.store, &w.gate, &filtered).await.unwrap()), [b.id]);
    // By name, as the collation orders them; paged one by one.
    let first = worker::list(&w.store, &w.gate, &WorkerQuery { limit: Some(1), ..Default::default() }).await.unwrap();
    assert_eq!((first.total, first.items.len()), (2, 1));
    let second =
        worker::list(&w.store, &w.gate, &WorkerQuery { limit: Some(1), after: first.next, ..Default::default() })
            .await
            .unwrap();
    assert_eq!(second.items.len(), 1);
    assert_ne!(first.items[0].id, second.items[0].id);
}

#[tokio::test]
async fn the_blacklist_needs_a_reason_and_the_safety_department() {
    let w = world().await;
    let a = worker::create(&w.store, &w.hiring, input("张建军", &id("12011619850612351"), Some(w.unit_id)), at(9, 5))
        .await
        .unwrap();
    let err = worker::set_blacklisted(&w.store, &w.hiring, a.id, a.version, true, "违章", at(9, 6)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let err = worker::set_blacklisted(&w.store, &w.safety, a.id, a.version, true, " ", at(9, 6)).await.unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    let b = worker::set_blacklisted(&w.store, &w.safety, a.id, a.version, true, "无证动火", at(9, 6)).await.unwrap();
    assert!(b.blacklisted);
    assert_eq!((b.blacklist_reason.as_str(), b.blacklisted_by.as_str()), ("无证动火", "wumin姓名"));
    assert_eq!(b.blacklisted_on.map(|d| d.to_string()).as_deref(), Some("2026-11-27"));
    // A stale version is refused.
    let err = worker::set_blacklisted(&w.store, &w.safety, a.id, a.version, false, "", at(9, 7)).await.unwrap_err();
    assert_eq!(err.code(), "stale");
    let listed = WorkerQuery { blacklisted: Some(true), ..Default::default() };
    assert_eq!(worker::list(&w.store, &w.gate, &listed).await.unwrap().total, 1);
    let c = worker::set_blacklisted(&w.store, &w.safety, b.id, b.version, false, "", at(9, 8)).await.unwrap();
    assert!(!c.blacklisted && c.blacklist_reason.is_empty() && c.blacklisted_on.is_none());
}
