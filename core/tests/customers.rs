//! The customer archive on a real database: numbering, validation, history, permissions,
//! merging duplicates, and search by name, code, contact or phone (1, 2 and 3+ characters).

use crate::common;

use common::*;
use shouhou_core::account::{self, Role};
use shouhou_core::customer::{self, Address, Contact, CustomerGrade, CustomerInput, CustomerKind, CustomerQuery};

fn customer_input(name: &str, contact: &str, phone: &str) -> CustomerInput {
    CustomerInput {
        code: String::new(),
        name: name.into(),
        kind: CustomerKind::Company,
        region: "天津".into(),
        industry: "机械制造".into(),
        grade: CustomerGrade::Normal,
        source_store_id: None,
        tags: vec![],
        notes: String::new(),
        contacts: vec![Contact {
            name: contact.into(),
            title: "采购经理".into(),
            phone: phone.into(),
            email: String::new(),
            is_primary: true,
        }],
        addresses: vec![Address {
            label: "收货".into(), address: "天津市西青区工业园1号".into(), is_default: true
        }],
    }
}

async fn names(store: &shouhou_core::db::Store, actor: &account::Actor, text: &str) -> Vec<String> {
    let q = CustomerQuery { text: Some(text.into()), ..Default::default() };
    customer::list(store, actor, &q).await.unwrap().items.into_iter().map(|c| c.name).collect()
}

#[tokio::test]
async fn customers_get_numbers_and_keep_their_contacts() {
    let (_dir, store, admin) = initialized().await;
    let a = customer::create(&store, &admin, customer_input("天津华泰机械有限公司", "张伟", "13800001111"), at(9, 0))
        .await
        .unwrap();
    let b = customer::create(&store, &admin, customer_input("北京精工设备厂", "李娜", "010-66668888"), at(9, 1))
        .await
        .unwrap();
    assert_eq!((a.code.as_str(), b.code.as_str()), ("KH000001", "KH000002"));
    assert_eq!(a.contacts[0].name, "张伟");
    assert_eq!(a.addresses[0].address, "天津市西青区工业园1号");

    let own_code = CustomerInput { code: "VIP-01".into(), ..customer_input("上海", "王", "") };
    assert_eq!(customer::create(&store, &admin, own_code.clone(), at(9, 2)).await.unwrap().code, "VIP-01");
    let dup = customer::create(&store, &admin, own_code, at(9, 3)).await.unwrap_err();
    assert_eq!(dup.user_message(), "客户编号“VIP-01”已被使用");
    // A refused insert gives its number back: the next customer is KH000003, not KH000004.
    let c = customer::create(&store, &admin, customer_input("广州", "赵", ""), at(9, 4)).await.unwrap();
    assert_eq!(c.code, "KH000003");
}

#[tokio::test]
async fn search_finds_chinese_substrings_of_any_length() {
    let (_dir, store, admin) = initialized().await;
    customer::create(&store, &admin, customer_input("天津华泰机械有限公司", "张伟", "13800001111"), at(9, 0))
        .await
        .unwrap();
    customer::create(&store, &admin, customer_input("北京精工设备厂", "李娜", "010-66668888"), at(9, 1)).await.unwrap();
    customer::create(&store, &admin, customer_input("华北重工集团", "王强", "13912345678"), at(9, 2)).await.unwrap();

    assert_eq!(names(&store, &admin, "华").await, ["华北重工集团", "天津华泰机械有限公司"]);
    assert_eq!(names(&store, &admin, "华泰").await, ["天津华泰机械有限公司"]);
    assert_eq!(names(&store, &admin, "精工设备").await, ["北京精工设备厂"]);
    assert_eq!(names(&store, &admin, "李娜").await, ["北京精工设备厂"], "by contact");
    assert_eq!(names(&store, &admin, "66668888").await, ["北京精工设备厂"], "by phone without dashes");
    assert_eq!(names(&store, &admin, "kh000003").await, ["华北重工集团"], "by code, any case");
    assert!(names(&store, &admin, "深圳").await.is_empty());
    assert!(names(&store, &admin, "\"PN-88").await.is_empty(), "quotes and dashes are not FTS syntax");

    // Edits move the search index with them.
    let page = customer::list(&store, &admin, &CustomerQuery { text: Some("华泰".into()), ..Default::default() })
        .await
        .unwrap();
    let id = page.items[0].id;
    let current = customer::get(&store, &admin, id).await.unwrap();
    let renamed = CustomerInput {
        code: current.code.clone(),
        ..customer_input("天津宏达机械有限公司", "张伟", "13800001111")
    };
    customer::update(&store, &admin, id, current.version, renamed, at(10, 0)).await.unwrap();
    assert!(names(&store, &admin, "华泰").await.is_empty());
    assert_eq!(names(&store, &admin, "宏达").await, ["天津宏达机械有限公司"]);
}

#[tokio::test]
async fn the_list_filters_counts_and_pages_by_keyset() {
    let (_dir, store, admin) = initialized().await;
    for i in 0..25 {
        let mut input = customer_input(&format!("客户{i:02}"), "联系人", "");
        if i % 5 == 0 {
            input.grade = CustomerGrade::Key;
        }
        customer::create(&store, &admin, input, at(9, 0)).await.unwrap();
    }
    let first = customer::list(&store, &admin, &CustomerQuery { limit: Some(10), ..Default::default() }).await.unwrap();
    assert_eq!((first.items.len(), first.total), (10, 25));
    assert_eq!(first.items[0].name, "客户24", "newest first");
    let second = customer::list(
        &store,
        &admin,
        &CustomerQuery { limit: Some(10), after: first.next.clone(), ..Default::default() },
    )
    .await
    .unwrap();
    assert_eq!(second.items[0].name, "客户14");
    let third = customer::list(
        &store,
        &admin,
        &CustomerQuery { limit: Some(10), after: second.next.clone(), ..Default::default() },
    )
    .await
    .unwrap();
    assert_eq!((third.items.len(), third.next.clone()), (5, None));

    let key = customer::list(&store, &admin, &CustomerQuery { grade: Some(CustomerGrade::Key), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(key.total, 5);
    assert_eq!(key.items[0].primary_contact.as_deref(), Some("联系人"));
}

#[tokio::test]
async fn merging_keeps_everything_on_the_survivor_and_records_history() {
    let (_dir, store, admin) = initialized().await;
    let manager_dept = department_id(&store, "售后服务部").await;
    account::create_user(&store, &admin, new_user("jingli", Role::AfterSalesManager, Some(manager_dept)), at(8, 30))
        .await
        .unwrap();
    let manager = account::sign_in(&store, "jingli", "pass12345", at(8, 31)).await.unwrap();

    let survivor =
        customer::create(&store, &manager, customer_input("天津华泰机械有限公司", "张伟", "13800001111"), at(9, 0))
            .await
            .unwrap();
    let mut dup_input = customer_input("天津华泰机械", "刘芳", "13700002222");
    dup_input.grade = CustomerGrade::Key;
    dup_input.tags = vec!["老客户".into()];
    dup_input.notes = "2019年起合作".into();
    let duplicate = customer::create(&store, &manager, dup_input, at(9, 1)).await.unwrap();

    let merged = customer::merge(&store, &manager, duplicate.id, survivor.id, at(9, 2)).await.unwrap();
    let contacts: Vec<&str> = merged.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(contacts, ["张伟", "刘芳"]);
    assert_eq!(merged.addresses.len(), 1, "the same address is not duplicated");
    assert_eq!(merged.grade, CustomerGrade::Key, "a key customer stays key");
    assert_eq!(merged.tags, ["老客户"]);
    assert!(merged.notes.contains("2019年起合作"));

    let gone = customer::get(&store, &manager, duplicate.id).await.unwrap();
    assert!(!gone.active);
    assert_eq!(gone.merged_into_code.as_deref(), Some(survivor.code.as_str()));
    assert!(
        names(&store, &manager, "刘芳").await == ["天津华泰机械有限公司"],
        "the duplicate's contact is found on the survivor"
    );

    let history = customer::history(&store, &manager, survivor.id).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["merge_into", "create"]);
    assert_eq!(history[0].actor_name, "jingli姓名");

    let again = customer::merge(&store, &manager, duplicate.id, survivor.id, at(9, 3)).await.unwrap_err();
    assert_eq!(again.field(), Some("duplicate_id"));
    let edit_merged =
        customer::update(&store, &manager, duplicate.id, gone.version, customer_input("x", "y", ""), at(9, 4)).await;
    assert!(edit_merged.is_err());
}

#[tokio::test]
async fn roles_see_and_change_what_they_may() {
    let (_dir, store, admin) = initialized().await;
    let quality_dept = department_id(&store, "品控中心").await;
    let guard_dept = department_id(&store, "保卫部").await;
    account::create_user(&store, &admin, new_user("pinkong", Role::Quality, Some(quality_dept)), at(8, 0))
        .await
        .unwrap();
    account::create_user(&store, &admin, new_user("menwei", Role::Gate, Some(guard_dept)), at(8, 0)).await.unwrap();
    let quality = account::sign_in(&store, "pinkong", "pass12345", at(8, 1)).await.unwrap();
    let gate = account::sign_in(&store, "menwei", "pass12345", at(8, 1)).await.unwrap();

    let c =
        customer::create(&store, &admin, customer_input("天津华泰机械有限公司", "张伟", ""), at(9, 0)).await.unwrap();
    assert!(customer::get(&store, &quality, c.id).await.is_ok(), "quality reads the archive");
    let err = customer::create(&store, &quality, customer_input("x", "y", ""), at(9, 1)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert_eq!(customer::get(&store, &gate, c.id).await.unwrap_err().code(), "forbidden");
    let err = customer::set_active(&store, &quality, c.id, false, c.version, at(9, 2)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let off = customer::set_active(&store, &admin, c.id, false, c.version, at(9, 3)).await.unwrap();
    assert!(!off.active);
    assert!(names(&store, &admin, "华泰").await.is_empty(), "deactivated customers leave the default list");

    // Totals count active customers only, for 1–2 character terms as for longer ones.
    customer::create(&store, &admin, customer_input("北京华泰贸易有限公司", "李强", ""), at(9, 4)).await.unwrap();
    for (text, active, total) in [("华泰", None, 1), ("华", None, 1), ("华泰", Some(false), 1), ("华泰机械", None, 0)]
    {
        let q = CustomerQuery { text: Some(text.into()), active, ..Default::default() };
        let page = customer::list(&store, &admin, &q).await.unwrap();
        assert_eq!((page.total, page.items.len() as i64), (total, total), "{text} {active:?}");
    }
}

/// Two people edit the same customer from the same version: the second save is refused, and
/// the first one's change stays.
#[tokio::test]
async fn a_second_edit_from_the_same_version_is_refused() {
    let (_dir, store, admin) = initialized().await;
    let input =
        customer::CustomerInput { code: "KH900001".into(), ..common::customer_input("天津华泰机械有限公司") };
    let c = customer::create(&store, &admin, input, at(8, 0)).await.unwrap();
    let first = customer::CustomerInput {
        code: c.code.clone(),
        region: "天津".into(),
        ..common::customer_input("天津华泰机械有限公司")
    };
    let saved = customer::update(&store, &admin, c.id, c.version, first, at(8, 1)).await.unwrap();
    let second = customer::CustomerInput {
        code: c.code.clone(),
        region: "北京".into(),
        ..common::customer_input("天津华泰机械有限公司")
    };
    let err = customer::update(&store, &admin, c.id, c.version, second, at(8, 2)).await.unwrap_err();
    assert_eq!(err.code(), "stale");
    assert_eq!(customer::get(&store, &admin, c.id).await.unwrap().region, "天津");
    assert_eq!(saved.version, c.version + 1);
}
