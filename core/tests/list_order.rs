//! Lists in the order users read them: complaints newest received first (imported history
//! below this week's), every offered sort column paged by keyset against an order computed here
//! in Rust, rows that share a key neither skipped nor repeated; and one time zone, the company's,
//! for the date filter and the export.

use crate::common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::complaint::{
    self, Category, Channel, ComplaintQuery, ComplaintSort, ProductLine, Registration, Severity,
};
use shouhou_core::customer::{self, CustomerQuery, CustomerSort};
use shouhou_core::db::Store;
use shouhou_core::listing::Cursor;
use shouhou_core::settings;

async fn clerk(store: &Store, admin: &Actor) -> Actor {
    let dept = department_id(store, "售后服务部").await;
    account::create_user(store, admin, new_user("lina", Role::AfterSalesManager, Some(dept)), at(7, 0)).await.unwrap();
    account::sign_in(store, "lina", "pass12345", at(7, 1)).await.unwrap()
}

fn registration(customer_id: i64, received_at: DateTime<Utc>, defective: i64) -> Registration {
    Registration {
        received_at,
        channel: Channel::Hotline,
        customer_id,
        contact_name: "张伟".into(),
        contact_phone: String::new(),
        store_id: None,
        category: Category::Quality,
        severity: Severity::Minor,
        description: "轴承异响。".into(),
        customer_demand: "更换".into(),
        lines: vec![ProductLine {
            order_number: "SO-1".into(),
            part_number: "ZC-6205".into(),
            batch: String::new(),
            ship_date: None,
            quantity: 100,
            defective_quantity: defective,
            product_name: String::new(),
            specification: String::new(),
        }],
        samples: String::new(),
        reply_by: None,
    }
}

/// Every page of a complaint query, `limit` rows at a time, as ids (and checks the cursors).
async fn all_pages(store: &Store, actor: &Actor, q: &ComplaintQuery, limit: i64) -> Vec<i64> {
    let mut q = ComplaintQuery { limit: Some(limit), after: None, ..q.clone() };
    let mut ids = Vec::new();
    for _ in 0..10_000 {
        let page = complaint::list(store, actor, &q, at(12, 0)).await.unwrap();
        assert!(page.items.len() as i64 <= limit);
        ids.extend(page.items.iter().map(|c| c.id));
        match page.next {
            Some(next) => q.after = Some(next),
            None => return ids,
        }
    }
    panic!("paging did not end");
}

#[tokio::test]
async fn complaints_list_newest_received_first_with_ties_and_imported_history() {
    let (dir, store, admin) = initialized().await;
    let clerk = clerk(&store, &admin).await;
    let c = customer::create(&store, &admin, customer_input("天津华泰机械有限公司"), at(7, 2)).await.unwrap();
    // This week's complaints; three received in the same minute.
    let mut registered = Vec::new();
    for (received, defective) in [(at(9, 0), 1), (at(10, 0), 2), (at(10, 0), 3), (at(10, 0), 4), (at(8, 0), 5)] {
        registered.push(
            complaint::register(&store, &clerk, registration(c.id, received, defective), at(11, 0)).await.unwrap().id,
        );
    }
    // The company's register of past years, imported afterwards: higher ids, older times.
    let sheet = sheet(
        dir.path(),
        "register.xlsx",
        &[
            &["投诉日期", "客户编号", "投诉类别", "投诉内容", "料号", "数量", "不良数量"],
            &["@2024-03-04 09:30", &c.code, "质量异常", "旧登记表一", "ZC-6205", "#10", "#1"],
            &["@2025-06-30 16:00", &c.code, "质量异常", "旧登记表二", "ZC-6205", "#10", "#2"],
        ],
    );
    let report = complaint::import(&store, &admin, &sheet, shouhou_core::xlsx::ImportMode::AllOrNothing, at(11, 30))
        .await
        .unwrap();
    assert_eq!(report.imported, 2, "{:?}", report.problems);

    let first = complaint::list(&store, &clerk, &ComplaintQuery::default(), at(12, 0)).await.unwrap();
    let received: Vec<String> = first.items.iter().map(|c| c.received_at.to_rfc3339()).collect();
    let mut sorted = received.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(received, sorted, "newest received first");
    assert_eq!(first.items.len(), 7);
    // Equal times: the later registered (higher id) first.
    let ids: Vec<i64> = first.items.iter().map(|c| c.id).collect();
    assert_eq!(&ids[..3], &[registered[3], registered[2], registered[1]]);
    assert_eq!(ids[3], registered[0]);
    assert_eq!(ids[4], registered[4]);
    assert!(first.items[5].received_at.to_rfc3339().starts_with("2025-06-30"), "imported history last");
    assert!(first.items[6].received_at.to_rfc3339().starts_with("2024-03-04"));

    // Pages of one or two rows cut through the tie: nothing skipped or repeated.
    for limit in [1, 2, 3] {
        assert_eq!(all_pages(&store, &clerk, &ComplaintQuery::default(), limit).await, ids, "limit {limit}");
    }
    // A search pages in the same order.
    let search = ComplaintQuery { text: Some("ZC-6205".into()), ..Default::default() };
    assert_eq!(all_pages(&store, &clerk, &search, 2).await, ids);
    // The customer's own complaints, the imported ones included.
    let theirs = ComplaintQuery { customer_id: Some(c.id), ..Default::default() };
    assert_eq!(all_pages(&store, &clerk, &theirs, 2).await, ids);

    // A cursor that was tampered with is refused with a message, not a panic or a wrong page.
    let bad: Cursor = serde_json::from_str("\"[\\\"x\\\"]\"").unwrap();
    let err = complaint::list(&store, &clerk, &ComplaintQuery { after: Some(bad), ..Default::default() }, at(12, 0))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("翻页位置无效"), "{err}");
}

/// (id, state rank, severity rank, received_at text, defective quantity) for every complaint.
async fn complaint_rows(store: &Store) -> Vec<(i64, i64, i64, String, i64)> {
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT c.id, c.state, c.severity, c.received_at,
                (SELECT coalesce(sum(defective_quantity), 0) FROM complaint_line WHERE complaint_id = c.id)
         FROM complaint c",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    // The workflow's order and the order of degree, as users read them.
    let states = [
        "registered",
        "analysing",
        "explained",
        "filed",
        "approval",
        "implementing",
        "verifying",
        "closed",
        "cancelled",
    ];
    let severities = ["minor", "serious", "major"];
    let rank = |list: &[&str], key: &str| list.iter().position(|k| *k == key).unwrap() as i64 + 1;
    rows.into_iter()
        .map(|(id, state, severity, received, defective)| {
            (id, rank(&states, &state), rank(&severities, &severity), received, defective)
        })
        .collect()
}

#[tokio::test]
async fn each_complaint_sort_pages_in_its_reference_order() {
    let (_dir, store) = common::demo().await;
    shouhou_core::generate::generate(&store, 15, 300, 5, at(8, 1)).await.unwrap();
    // Ties on the received time too: every seventh complaint in the same minute.
    sqlx::query("UPDATE complaint SET received_at = '2026-01-05T02:00:00.000Z' WHERE id % 7 = 0")
        .execute(store.pool())
        .await
        .unwrap();
    let admin = account::sign_in(&store, "admin", shouhou_core::demo::DEMO_PASSWORD, at(8, 2)).await.unwrap();
    let rows = complaint_rows(&store).await;

    for sort in
        [ComplaintSort::ReceivedAt, ComplaintSort::Severity, ComplaintSort::DefectiveQuantity, ComplaintSort::State]
    {
        for ascending in [false, true] {
            let mut want = rows.clone();
            want.sort_by(|a, b| {
                let key = |r: &(i64, i64, i64, String, i64)| match sort {
                    ComplaintSort::ReceivedAt => (0, r.3.clone(), r.0),
                    ComplaintSort::Severity => (r.2, r.3.clone(), r.0),
                    ComplaintSort::DefectiveQuantity => (r.4, r.3.clone(), r.0),
                    ComplaintSort::State => (r.1, r.3.clone(), r.0),
                };
                if ascending { key(a).cmp(&key(b)) } else { key(b).cmp(&key(a)) }
            });
            let want: Vec<i64> = want.iter().map(|r| r.0).collect();
            let q = ComplaintQuery { sort: Some(sort), ascending: Some(ascending), ..Default::default() };
            assert_eq!(all_pages(&store, &admin, &q, 13).await, want, "{sort:?} ascending {ascending}");

            // With a filter the same order holds over the rows it keeps.
            let minor: Vec<i64> =
                want.iter().copied().filter(|id| rows.iter().any(|r| r.0 == *id && r.2 == 1)).collect();
            let q = ComplaintQuery { severity: Some(Severity::Minor), ..q };
            assert_eq!(all_pages(&store, &admin, &q, 13).await, minor, "{sort:?} ascending {ascending}, minor only");
        }
    }
}

#[tokio::test]
async fn each_customer_sort_pages_in_its_reference_order() {
    let (_dir, store) = common::demo().await;
    // Generated customers share one creation time and some names: ties on every column.
    shouhou_core::generate::generate(&store, 60, 0, 9, at(8, 1)).await.unwrap();
    let admin = account::sign_in(&store, "admin", shouhou_core::demo::DEMO_PASSWORD, at(8, 2)).await.unwrap();
    let rows: Vec<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, code, name, created_at FROM customer WHERE active = 1")
            .fetch_all(store.pool())
            .await
            .unwrap();
    for sort in [CustomerSort::CreatedAt, CustomerSort::Code, CustomerSort::Name] {
        for ascending in [false, true] {
            let mut want = rows.clone();
            want.sort_by(|a, b| {
                let key = |r: &(i64, String, String, String)| match sort {
                    CustomerSort::CreatedAt => (r.3.clone(), r.0),
                    CustomerSort::Code => (r.1.clone(), r.0),
                    CustomerSort::Name => (r.2.clone(), r.0),
                };
                if ascending { key(a).cmp(&key(b)) } else { key(b).cmp(&key(a)) }
            });
            let want: Vec<i64> = want.iter().map(|r| r.0).collect();
            let mut q =
                CustomerQuery { sort: Some(sort), ascending: Some(ascending), limit: Some(7), ..Default::default() };
            let mut got = Vec::new();
            loop {
                let page = customer::list(&store, &admin, &q).await.unwrap();
                got.extend(page.items.iter().map(|c| c.id));
                match page.next {
                    Some(next) => q.after = Some(next),
                    None => break,
                }
            }
            assert_eq!(got, want, "{sort:?} ascending {ascending}");
        }
    }
}

#[tokio::test]
async fn a_complaint_at_2330_on_the_last_day_of_a_month_is_on_that_day_in_the_companys_zone() {
    for zone in ["Asia/Shanghai", "America/Los_Angeles"] {
        let (dir, store, admin) = initialized().await;
        let mut s = settings::load(&store).await.unwrap();
        s.time_zone = zone.into();
        settings::update(&store, &admin, s, at(7, 0)).await.unwrap();
        let clerk = clerk(&store, &admin).await;
        let c = customer::create(&store, &admin, customer_input("天津华泰机械有限公司"), at(7, 2)).await.unwrap();
        let tz: chrono_tz::Tz = zone.parse().unwrap();
        let received = tz.with_ymd_and_hms(2026, 10, 31, 23, 30, 0).unwrap().with_timezone(&Utc);
        complaint::register(&store, &clerk, registration(c.id, received, 1), at(11, 0)).await.unwrap();

        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let on = |from, to| ComplaintQuery { from, to, ..Default::default() };
        let total = |q: ComplaintQuery| {
            let (store, clerk) = (&store, &clerk);
            async move { complaint::list(store, clerk, &q, at(12, 0)).await.unwrap().total }
        };
        assert_eq!(total(on(day(2026, 10, 31), day(2026, 10, 31))).await, 1, "{zone}: on 31 October");
        assert_eq!(total(on(day(2026, 10, 1), day(2026, 10, 31))).await, 1, "{zone}: in October");
        assert_eq!(total(on(day(2026, 11, 1), day(2026, 11, 30))).await, 0, "{zone}: not in November");
        assert_eq!(total(on(None, day(2026, 10, 30))).await, 0, "{zone}: not by the 30th");

        let out = dir.path().join("export.xlsx");
        let october = on(day(2026, 10, 31), day(2026, 10, 31));
        assert_eq!(complaint::export(&store, &clerk, &out, &october, false, at(12, 0)).await.unwrap(), 1);
        let sheet = shouhou_core::xlsx::Sheet::open(&out).unwrap();
        let column = sheet.headers.iter().position(|h| h == "投诉日期").expect("投诉日期 column");
        assert_eq!(sheet.rows[0].1[column].text(), "2026-10-31 23:30", "{zone}: exported on that day");
    }
}
