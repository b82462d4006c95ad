//! Search over more complaints than the count cap. The list picks its plan from the capped
//! count — gather the matches and sort them, or walk the list's order and probe each complaint —
//! and counts a search typed alone from the indexes' ranges; whichever it picks, every page must
//! be what a plain substring filter over all complaints, sorted here in Rust, gives.

use crate::common;

use chrono::NaiveDate;
use common::*;
use shouhou_core::complaint::{self, ComplaintQuery, ComplaintSort};

/// (id, state rank, severity rank, received_at, defective quantity) of the complaints whose own
/// search text or whose customer's contains `text` (what FTS trigram and the gram table find).
async fn matching(store: &shouhou_core::db::Store, text: &str) -> Vec<(i64, i64, i64, String, i64)> {
    let like = format!("%{}%", text.to_lowercase());
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT c.id, c.state, c.severity, c.received_at,
                (SELECT coalesce(sum(defective_quantity), 0) FROM complaint_line WHERE complaint_id = c.id)
         FROM complaint c JOIN customer cu ON cu.id = c.customer_id
         WHERE c.search_text LIKE ?1 OR cu.search_text LIKE ?1",
    )
    .bind(like)
    .fetch_all(store.pool())
    .await
    .unwrap();
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
    rows.into_iter().map(|(id, st, sv, at, d)| (id, rank(&states, &st), rank(&severities, &sv), at, d)).collect()
}

#[tokio::test]
async fn searches_page_like_a_substring_filter_sorted_in_rust_whatever_the_plan() {
    let (_dir, store) = common::demo().await;
    shouhou_core::generate::generate(&store, 200, 10_050, 3, at(8, 1)).await.unwrap();
    let admin =
        shouhou_core::account::sign_in(&store, "admin", shouhou_core::demo::DEMO_PASSWORD, at(8, 2)).await.unwrap();

    // Every complaint ("KS-20", "有限" in every customer's name), a part in a tenth of them, a
    // customer word in a few hundred (near where the plan changes), a 4-character phrase in a few
    // dozen, a contact's surname (the complaint's own grams), nothing at all.
    for text in ["KS-20", "有限", "ZC-6205", "华泰", "鑫", "天津华泰", "王", "深圳"] {
        let all = matching(&store, text).await;
        for sort in
            [ComplaintSort::ReceivedAt, ComplaintSort::Severity, ComplaintSort::DefectiveQuantity, ComplaintSort::State]
        {
            let mut want = all.clone();
            let key = |r: &(i64, i64, i64, String, i64)| match sort {
                ComplaintSort::ReceivedAt => (0, r.3.clone(), r.0),
                ComplaintSort::Severity => (r.2, r.3.clone(), r.0),
                ComplaintSort::DefectiveQuantity => (r.4, r.3.clone(), r.0),
                ComplaintSort::State => (r.1, r.3.clone(), r.0),
            };
            want.sort_by_key(|r| std::cmp::Reverse(key(r)));
            let want: Vec<i64> = want.iter().map(|r| r.0).collect();
            // Page sizes on either side of where walking starts to beat gathering.
            for limit in [20, 200] {
                let alone = ComplaintQuery {
                    text: Some(text.into()),
                    sort: Some(sort),
                    limit: Some(limit),
                    ..Default::default()
                };
                // A date filter that keeps everything takes the general count.
                let general = ComplaintQuery { from: NaiveDate::from_ymd_opt(2000, 1, 1), ..alone.clone() };
                for mut q in [alone, general] {
                    let mut got = Vec::new();
                    for page_no in 0..3 {
                        let page = complaint::list(&store, &admin, &q, at(9, 0)).await.unwrap();
                        let total = all.len().min(10_000) as i64;
                        assert_eq!((page.total, page.total_capped), (total, all.len() > 10_000), "{text} total");
                        got.extend(page.items.iter().map(|c| c.id));
                        let upto = want.len().min(got.len());
                        assert_eq!(got, want[..upto], "{text} {sort:?} limit {limit} page {page_no}");
                        match page.next {
                            Some(next) => q.after = Some(next),
                            None => break,
                        }
                    }
                    assert_eq!(got.len(), want.len().min(3 * limit as usize), "{text} {sort:?}: nothing skipped");
                }
            }
        }
    }
}

/// Customers past the point where the list walks its order's index and tests each customer met
/// (a few thousand matches) page exactly as a substring filter sorted here in Rust.
#[tokio::test]
async fn customer_lists_page_like_a_substring_filter_sorted_in_rust_whatever_the_plan() {
    use shouhou_core::customer::{self, CustomerQuery, CustomerSort};
    let (_dir, store) = common::demo().await;
    shouhou_core::generate::generate(&store, 3_000, 10, 1, at(8, 1)).await.unwrap();
    let admin =
        shouhou_core::account::sign_in(&store, "admin", shouhou_core::demo::DEMO_PASSWORD, at(8, 2)).await.unwrap();
    // Every customer, a word in most names, a character in some, a rare phrase.
    for text in ["", "有限", "华", "天津华泰"] {
        let like = format!("%{}%", text.to_lowercase());
        let all: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT id, created_at, code, name FROM customer WHERE active = 1 AND (?1 = '%%' OR search_text LIKE ?1)",
        )
        .bind(like)
        .fetch_all(store.pool())
        .await
        .unwrap();
        for sort in [CustomerSort::CreatedAt, CustomerSort::Code, CustomerSort::Name] {
            for ascending in [false, true] {
                let mut want = all.clone();
                let key = |r: &(i64, String, String, String)| match sort {
                    CustomerSort::CreatedAt => (r.1.clone(), r.0),
                    CustomerSort::Code => (r.2.clone(), r.0),
                    CustomerSort::Name => (r.3.clone(), r.0),
                };
                want.sort_by_key(key);
                if !ascending {
                    want.reverse();
                }
                let want: Vec<i64> = want.iter().map(|r| r.0).collect();
                let mut q = CustomerQuery {
                    text: (!text.is_empty()).then(|| text.to_owned()),
                    sort: Some(sort),
                    ascending: Some(ascending),
                    limit: Some(50),
                    ..Default::default()
                };
                let mut got = Vec::new();
                for page_no in 0..3 {
                    let page = customer::list(&store, &admin, &q).await.unwrap();
                    assert_eq!(page.total, all.len().min(10_000) as i64, "{text:?} total");
                    got.extend(page.items.iter().map(|c| c.id));
                    let upto = want.len().min(got.len());
                    assert_eq!(got, want[..upto], "{text:?} {sort:?} ascending {ascending} page {page_no}");
                    match page.next {
                        Some(next) => q.after = Some(next),
                        None => break,
                    }
                }
                assert_eq!(got.len(), want.len().min(150), "{text:?} {sort:?}: nothing skipped");
            }
        }
        assert!(!text.is_empty() || all.len() > 2_000, "the walk is exercised: {} customers", all.len());
    }
}
