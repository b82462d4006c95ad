//! Workers (issue 10, part 2): the person's record keyed by the 身份证号, masking by permission,
//! search, the person-level blacklist, the audit that names people by name only.

use crate::common;

use chrono::{Duration, NaiveDate};
use common::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::contractor::engagement::{self, Engagement};
use shouhou_core::contractor::unit;
use shouhou_core::contractor::worker::{self, WorkerInput, WorkerQuery};
use shouhou_core::contractor::worker_roster;
use shouhou_core::contractor::{ContractorUnitInput, EngagementCategory, EngagementInput, Sex, UnitContact};
use shouhou_core::db::Store;
use shouhou_core::xlsx::{ImportMode, ImportOutcome};

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
    production: i64,
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
    let production = department_id(&store, "生产部").await;
    World { _dir: dir, store, safety, hiring, gate, unit_id: unit.id, production }
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

async fn other_unit(w: &World) -> i64 {
    let mut input = ContractorUnitInput {
        name: "天津顺达劳务有限公司".into(),
        credit_code: "914403001922038216".into(),
        legal_representative: String::new(),
        address: String::new(),
        bank_name: String::new(),
        bank_account: String::new(),
        contacts: vec![],
        notes: String::new(),
    };
    input.notes = "劳务分包".into();
    unit::create(&w.store, &w.safety, input, at(9, 1)).await.unwrap().id
}

async fn engagement_of(w: &World) -> Engagement {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    engagement::register(
        &w.store,
        &w.hiring,
        EngagementInput {
            category: EngagementCategory::Outsourced,
            department_id: w.production,
            unit_id: Some(w.unit_id),
            title: "2号转炉除尘管道检修".into(),
            content: "拆除并更换除尘管道".into(),
            place: "炼钢厂".into(),
            area: "2号转炉平台".into(),
            contract_number: "HT-2026-101".into(),
            start_date: today + Duration::days(3),
            end_date: today + Duration::days(40),
            no_subcontracting: true,
            deposit_fen: 2_000_000,
            deposit_terms: String::new(),
        },
        at(9, 2),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn registered_workers_join_the_roster_by_the_rules() {
    let w = world().await;
    let e = engagement_of(&w).await;
    let own = worker::create(&w.store, &w.hiring, input("张建军", &id("12011619850612351"), Some(w.unit_id)), at(9, 5))
        .await
        .unwrap();
    let other_unit = other_unit(&w).await;
    let stranger =
        worker::create(&w.store, &w.hiring, input("李四", &id("12011619900101352"), Some(other_unit)), at(9, 6))
            .await
            .unwrap();

    // Nobody 上岗 before approval.
    let err =
        worker_roster::add_workers(&w.store, &w.hiring, e.id, vec![own.id], true, "", at(9, 7)).await.unwrap_err();
    assert!(err.user_message().contains("先用工后补手续"), "{}", err.user_message());
    // A person of another unit only with a note.
    let err = worker_roster::add_workers(&w.store, &w.hiring, e.id, vec![own.id, stranger.id], false, "", at(9, 7))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("unit_note"));
    assert!(err.user_message().contains("李四 属于“天津顺达劳务有限公司”"), "{}", err.user_message());
    let before_count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM contractor_roster").fetch_one(w.store.pool()).await.unwrap();
    assert_eq!(before_count, 0, "all or nothing");
    let e = worker_roster::add_workers(
        &w.store,
        &w.hiring,
        e.id,
        vec![own.id, stranger.id, own.id],
        false,
        "顺达派来的焊工,已报安全管理部",
        at(9, 8),
    )
    .await
    .unwrap();
    assert_eq!(e.roster.len(), 2);
    let masked = format!("{}********{}", &own.id_number[..6], &own.id_number[14..]);
    let first = &e.roster[0];
    assert_eq!((first.worker_id, first.id_number.as_str()), (Some(own.id), masked.as_str()));
    assert_eq!(
        (first.trade.as_str(), first.special_class.as_str(), first.unit_note.as_str()),
        ("电焊工", "焊接与热切割作业", "")
    );
    assert_eq!(e.roster[1].unit_note, "顺达派来的焊工,已报安全管理部");
    assert!(!e.roster[0].working);
    // Again: refused by name.
    let err =
        worker_roster::add_workers(&w.store, &w.hiring, e.id, vec![own.id], false, "", at(9, 9)).await.unwrap_err();
    assert!(err.user_message().contains("张建军 已在本项目人员名单中"), "{}", err.user_message());
    // The gate cannot add; a blacklisted person cannot be added.
    let err = worker_roster::add_workers(&w.store, &w.gate, e.id, vec![own.id], false, "", at(9, 9)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let third = worker::create(&w.store, &w.hiring, input("王五", &id("12011619920304361"), Some(w.unit_id)), at(9, 9))
        .await
        .unwrap();
    worker::set_blacklisted(&w.store, &w.safety, third.id, third.version, true, "违章动火", at(9, 10)).await.unwrap();
    let err =
        worker_roster::add_workers(&w.store, &w.hiring, e.id, vec![third.id], false, "", at(9, 11)).await.unwrap_err();
    assert!(err.user_message().contains("王五 已列入黑名单"), "{}", err.user_message());

    // The person's record lists the engagement.
    let seen = worker::get(&w.store, &w.gate, own.id).await.unwrap();
    assert_eq!(seen.engagements.len(), 1);
    assert_eq!((seen.engagements[0].number.as_str(), seen.engagements[0].working), (e.number.as_str(), false));
    let on_roster = WorkerQuery { engagement_id: Some(e.id), ..Default::default() };
    assert_eq!(worker::list(&w.store, &w.gate, &on_roster).await.unwrap().total, 2);
    // The engagement's history names people, never numbers.
    let history = engagement::history(&w.store, &w.gate, e.id).await.unwrap();
    assert!(history.iter().any(|h| h.summary.contains("登记拟用人员:张建军、李四(跨单位")), "{history:?}");
    let leaks: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_event WHERE instr(coalesce(before_json, '') || coalesce(after_json, ''), ?) > 0",
    )
    .bind(&own.id_number)
    .fetch_one(w.store.pool())
    .await
    .unwrap();
    assert_eq!(leaks, 0);
}

#[tokio::test]
async fn a_roster_file_matches_known_numbers_registers_new_ones_and_reports_bad_rows() {
    let w = world().await;
    let e = engagement_of(&w).await;
    let known = id("12011619850612351");
    let existing =
        worker::create(&w.store, &w.hiring, input("张建军", &known, Some(w.unit_id)), at(9, 5)).await.unwrap();
    let second = id("12011619800101331");
    worker::create(&w.store, &w.hiring, input("王强", &second, Some(w.unit_id)), at(9, 5)).await.unwrap();
    let (new_a, new_b) = (id("12011619900101352"), id("12011619920304362"));
    let mut wrong = id("12011619930405373");
    wrong.replace_range(17.., if wrong.ends_with('0') { "1" } else { "0" });
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &["序号", "姓名", "身份证号码", "岗位", "特种作业", "手机", "紧急联系人", "紧急联系人电话"];
    let rows: Vec<Vec<String>> = vec![
        header.iter().map(|s| s.to_string()).collect(),
        vec![
            "1".into(),
            "张建军".into(),
            known.to_lowercase(),
            "气焊工".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        vec![
            "2".into(),
            "李四".into(),
            new_a.clone(),
            "电工".into(),
            "电工作业".into(),
            "13902201111".into(),
            "李大".into(),
            "13902202222".into(),
        ],
        vec![
            "3".into(),
            "王秀英".into(),
            new_b.clone(),
            "力工".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        vec![
            "4".into(),
            "赵六".into(),
            wrong.clone(),
            "力工".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        vec![
            "5".into(),
            "李四".into(),
            new_a.clone(),
            "电工".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        vec![
            "6".into(),
            "王刚".into(),
            second.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
    ];
    let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let file = sheet(dir.path(), "名单.xlsx", &slices);
    // 序号 is not one of our columns: a preview to map first.
    let outcome = worker_roster::import(&w.store, &w.hiring, e.id, &file, ImportMode::AllOrNothing, None, at(9, 6))
        .await
        .unwrap();
    let ImportOutcome::NeedsMapping(preview) = outcome else { panic!("expected a preview: {outcome:?}") };
    let mut mapping = shouhou_core::xlsx::Mapping { headers: vec![] };
    for g in preview.headers {
        mapping.headers.push(shouhou_core::xlsx::HeaderMapping { header: g.header.clone(), column: g.column.clone() });
    }
    let report = |o: ImportOutcome| match o {
        ImportOutcome::Imported(r) => r,
        other => panic!("{other:?}"),
    };
    let all = report(
        worker_roster::import(
            &w.store,
            &w.hiring,
            e.id,
            &file,
            ImportMode::AllOrNothing,
            Some(mapping.clone()),
            at(9, 7),
        )
        .await
        .unwrap(),
    );
    assert_eq!((all.rows, all.imported), (6, 0), "all or nothing: problems stop the import");
    let problems: Vec<(u32, &str)> = all.problems.iter().map(|p| (p.row, p.message.as_str())).collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].0 == 5 && problems[0].1.contains("校验码错误"), "{problems:?}");
    assert!(problems[1].0 == 6 && problems[1].1.contains("出现了两次"), "{problems:?}");
    assert!(problems[2].0 == 7 && problems[2].1.contains("已登记为“王强”,与文件中的姓名“王刚”不符"), "{problems:?}");
    for p in &all.problems {
        assert!(!p.message.contains(&wrong[..17]) && !p.message.contains(&known[..17]), "{}", p.message);
    }
    assert_eq!(engagement::get(&w.store, &w.hiring, e.id, at(9, 7)).await.unwrap().roster.len(), 0);

    let good = report(
        worker_roster::import(&w.store, &w.hiring, e.id, &file, ImportMode::GoodRows, Some(mapping), at(9, 8))
            .await
            .unwrap(),
    );
    assert_eq!(good.imported, 3);
    let e = engagement::get(&w.store, &w.hiring, e.id, at(9, 8)).await.unwrap();
    let names: Vec<&str> = e.roster.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["张建军", "李四", "王秀英"]);
    // The known person is matched, not changed (the file says 气焊工; the record keeps 电焊工).
    let kept = worker::get(&w.store, &w.hiring, existing.id).await.unwrap();
    assert_eq!((kept.trade.as_str(), kept.version), ("电焊工", existing.version));
    // New people get the engagement's unit and category.
    let li = worker::find_by_id_number(&w.store, &w.hiring, &new_a).await.unwrap().unwrap();
    assert_eq!(
        (li.unit_id, li.category, li.special_class.as_str()),
        (Some(w.unit_id), EngagementCategory::Outsourced, "电工作业")
    );
    assert_eq!(li.emergency_phone, "13902202222");
    let history = worker::history(&w.store, &w.gate, li.id).await.unwrap();
    assert!(history.iter().any(|h| h.summary.starts_with("导入外来人员 李四")), "{history:?}");

    // The template has our headers.
    let template = dir.path().join("模板.xlsx");
    worker_roster::template(&template).unwrap();
    // (its headers all match ours: the only complaint is that it holds no rows yet)
    let err = worker_roster::import(&w.store, &w.hiring, e.id, &template, ImportMode::GoodRows, None, at(9, 9))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("没有数据行"), "{}", err.user_message());
}

#[tokio::test]
async fn the_photo_is_an_image_and_its_file_is_named_by_the_person() {
    let w = world().await;
    let number = id("12011619850612351");
    let a = worker::create(&w.store, &w.hiring, input("张建军", &number, Some(w.unit_id)), at(9, 5)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("说明.txt");
    std::fs::write(&text, "not a photo").unwrap();
    let err = worker::set_photo(&w.store, &w.hiring, a.id, &text, at(9, 6)).await.unwrap_err();
    assert_eq!(err.field(), Some("photo"));
    let png = dir.path().join(format!("{number}.png"));
    image::RgbImage::from_fn(60, 80, |x, y| image::Rgb([(x * 3) as u8, (y * 2) as u8, 90])).save(&png).unwrap();
    let err = worker::set_photo(&w.store, &w.gate, a.id, &png, at(9, 6)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert!(worker::photo_path(&w.store, &w.gate, a.id).await.unwrap().is_none());
    let b = worker::set_photo(&w.store, &w.hiring, a.id, &png, at(9, 6)).await.unwrap();
    let photo = b.photo.unwrap();
    assert_eq!((photo.file_name.as_str(), photo.width), ("张建军照片.png", Some(60)));
    let second = dir.path().join("second.png");
    image::RgbImage::from_fn(30, 40, |_, _| image::Rgb([1, 2, 3])).save(&second).unwrap();
    let c = worker::set_photo(&w.store, &w.hiring, a.id, &second, at(9, 7)).await.unwrap();
    assert_eq!(c.photo.unwrap().width, Some(30), "a new photo replaces the old");
    let path = worker::photo_path(&w.store, &w.gate, a.id).await.unwrap().unwrap();
    assert_eq!(image::image_dimensions(&path).unwrap(), (30, 40));
    // The generic add refuses the photo owner.
    let err = shouhou_core::attachment::add(
        &w.store,
        &w.hiring,
        shouhou_core::attachment::OwnerKind::WorkerPhoto,
        a.id,
        &[second],
        "",
        at(9, 8),
    )
    .await
    .unwrap_err();
    assert!(err.user_message().contains("外来人员详情"), "{}", err.user_message());
    let leaks: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_event WHERE instr(summary, ?) > 0")
        .bind(&number[..17])
        .fetch_one(w.store.pool())
        .await
        .unwrap();
    assert_eq!(leaks, 0, "the photo's file name (the ID number) is not in the log");
}

#[tokio::test]
async fn the_demo_rosters_name_registered_people() {
    let (_dir, store) = common::demo().await;
    let (rows, unlinked, people): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM contractor_roster), (SELECT count(*) FROM contractor_roster WHERE worker_id IS NULL),
                (SELECT count(*) FROM contractor_worker)",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert!(rows > 0 && people > 0, "{rows} rows, {people} people");
    assert_eq!(unlinked, 0);
    let gate = account::sign_in(&store, "fengjun", shouhou_core::demo::DEMO_PASSWORD, at(9, 0)).await.unwrap();
    let page = worker::list(&store, &gate, &WorkerQuery::default()).await.unwrap();
    assert_eq!(page.total, people);
    assert!(page.items.iter().all(|w| w.id_number.contains("********")));
}
