//! Demo data: every role is represented, every account signs in, and loading is all or nothing.

use crate::common;

use std::collections::HashSet;

use common::*;
use shouhou_core::account::{self, Role};
use shouhou_core::demo::{self, DEMO_PASSWORD};

#[tokio::test]
async fn demo_data_fills_an_empty_database_with_every_role() {
    let (_dir, store) = fresh().await;
    let summary = demo::load(&store, at(8, 0)).await.unwrap();
    assert_eq!(summary.stores, 3);
    let admin = account::sign_in(&store, "admin", DEMO_PASSWORD, at(8, 1)).await.unwrap();
    let users = account::list_users(&store, &admin).await.unwrap();
    let roles: HashSet<Role> = users.iter().map(|u| u.role).collect();
    assert_eq!(roles, Role::ALL.into_iter().collect::<HashSet<_>>(), "one user of every role");
    for account in &summary.accounts {
        account::sign_in(&store, &account.username, DEMO_PASSWORD, at(8, 2)).await.unwrap();
    }
    let clerk = users.iter().find(|u| u.role == Role::StoreClerk).unwrap();
    assert_eq!(clerk.store_name.as_deref(), Some("天津河西直销店"));
    assert_eq!(account::setup_status(&store).await.unwrap().company_name, demo::DEMO_COMPANY);

    // Complaints in every state of the workflow, received over two years, numbered by date.
    assert_eq!(summary.complaints, 48);
    let (first, last): (String, String) = sqlx::query_as("SELECT min(received_at), max(received_at) FROM complaint")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let days = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
    assert!((days(&last) - days(&first)).num_days() >= 700, "{first} .. {last}");
    let numbers: Vec<String> =
        sqlx::query_scalar("SELECT number FROM complaint ORDER BY received_at").fetch_all(store.pool()).await.unwrap();
    let mut sorted = numbers.clone();
    sorted.sort();
    assert_eq!(numbers, sorted, "numbers follow the date of receipt");
    let departments: i64 = sqlx::query_scalar("SELECT count(DISTINCT department_id) FROM complaint_responsibility")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert!(departments >= 4, "responsibility spread over the departments: {departments}");
    let states: HashSet<String> =
        sqlx::query_scalar("SELECT state FROM complaint").fetch_all(store.pool()).await.unwrap().into_iter().collect();
    assert_eq!(states.len(), 9, "{states:?}");
    let work = shouhou_core::complaint::my_work(&store, &admin, at(8, 3)).await.unwrap();
    assert!(!work.overdue.is_empty(), "the uncontacted complaint is overdue");

    // As users would see it: a complaint through a 直销店 names its store; every customer was on
    // record before its first complaint; the login page lists the demo accounts from the status.
    let storeless: i64 =
        sqlx::query_scalar("SELECT count(*) FROM complaint WHERE channel = 'store' AND store_id IS NULL")
            .fetch_one(store.pool())
            .await
            .unwrap();
    let through_stores: i64 = sqlx::query_scalar("SELECT count(*) FROM complaint WHERE channel = 'store'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert!(through_stores > 0 && storeless == 0, "{storeless} of {through_stores} store complaints name no store");
    let early: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM complaint c JOIN customer cu ON cu.id = c.customer_id WHERE c.received_at < cu.created_at",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(early, 0, "complaints received before their customer was on record");
    let status = account::setup_status(&store).await.unwrap();
    let listed = status.demo.expect("the demo company's accounts are listed");
    assert_eq!(listed.accounts.len(), summary.accounts.len());
    assert_eq!(listed.password, DEMO_PASSWORD);
    assert_eq!(status.time_zone, "Asia/Shanghai");

    let again = demo::load(&store, at(9, 0)).await.unwrap_err();
    assert_eq!(again.code(), "already_initialized");
}

#[tokio::test]
async fn a_failed_demo_load_leaves_nothing_behind() {
    let (_dir, store) = fresh().await;
    // A store code the demo also uses makes its insert fail half-way through.
    sqlx::query("INSERT INTO store (code, name, created_at, updated_at) VALUES ('BJ-01', '已有门店', 'x', 'x')")
        .execute(store.pool())
        .await
        .unwrap();
    let err = demo::load(&store, at(8, 0)).await.unwrap_err();
    assert_eq!(err.code(), "duplicate");
    assert!(!account::setup_status(&store).await.unwrap().initialized, "no administrator was left behind");
    assert_eq!(audit_count(&store).await, 0);
    let stores: i64 = sqlx::query_scalar("SELECT count(*) FROM store").fetch_one(store.pool()).await.unwrap();
    assert_eq!(stores, 1);
}

#[tokio::test]
async fn the_generator_adds_customers_complaints_and_their_history() {
    let (_dir, store) = fresh().await;
    demo::load(&store, at(8, 0)).await.unwrap();
    let pool = store.pool().clone();
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await.unwrap() }
    };
    let (customers, complaints, events) = (
        count("SELECT count(*) FROM customer").await,
        count("SELECT count(*) FROM complaint").await,
        count("SELECT count(*) FROM audit_event").await,
    );
    let report = shouhou_core::generate::generate(&store, 200, 1_000, 7, at(8, 5)).await.unwrap();
    assert_eq!((report.customers, report.complaints), (200, 1_000));
    assert_eq!(count("SELECT count(*) FROM customer").await, customers + 200);
    assert_eq!(count("SELECT count(*) FROM complaint").await, complaints + 1_000);
    assert_eq!(count("SELECT count(*) FROM audit_event").await, events + 3_000, "three events per complaint");

    // What was generated is usable through the use-cases: listed, searched, opened with its timeline.
    let admin = account::sign_in(&store, "admin", DEMO_PASSWORD, at(8, 6)).await.unwrap();
    let q = shouhou_core::complaint::ComplaintQuery { limit: Some(5), ..Default::default() };
    let page = shouhou_core::complaint::list(&store, &admin, &q, at(8, 7)).await.unwrap();
    assert_eq!(page.total, complaints + 1_000);
    let newest = page.items[0].id;
    let history = shouhou_core::complaint::history(&store, &admin, newest).await.unwrap();
    assert_eq!(history.len(), 3);
    shouhou_core::complaint::get(&store, &admin, newest).await.unwrap();
}
