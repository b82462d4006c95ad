//! Demo data: every role is represented, every account signs in, and loading is all or nothing.

mod common;

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
