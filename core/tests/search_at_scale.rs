//! A code typed alone that matches more complaints than the count cap: the list takes its page
//! newest-first from the search indexes instead of gathering every match, and must show exactly
//! what the general plan shows.

mod common;

use chrono::NaiveDate;
use common::*;
use shouhou_core::complaint::{self, ComplaintQuery};

#[tokio::test]
async fn a_code_matching_more_than_the_cap_pages_like_the_general_plan() {
    let (_dir, store) = fresh().await;
    shouhou_core::demo::load(&store, at(8, 0)).await.unwrap();
    shouhou_core::generate::generate(&store, 20, 10_050, 3, at(8, 1)).await.unwrap();
    let admin =
        shouhou_core::account::sign_in(&store, "admin", shouhou_core::demo::DEMO_PASSWORD, at(8, 2)).await.unwrap();

    // Every complaint number contains "KS-20": more matches than the count is capped at.
    let fast = ComplaintQuery { text: Some("KS-20".into()), limit: Some(20), ..Default::default() };
    // A date filter that keeps everything takes the general plan.
    let general = ComplaintQuery { from: NaiveDate::from_ymd_opt(2000, 1, 1), ..fast.clone() };
    let mut pages = 0;
    let (mut a, mut b) = (fast, general);
    loop {
        let pa = complaint::list(&store, &admin, &a, at(9, 0)).await.unwrap();
        let pb = complaint::list(&store, &admin, &b, at(9, 0)).await.unwrap();
        assert_eq!((pa.total, pa.total_capped), (10_000, true));
        assert_eq!((pb.total, pb.total_capped), (10_000, true));
        let ids = |p: &complaint::ComplaintPage| p.items.iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(&pa), ids(&pb), "page {pages}");
        assert_eq!(pa.next_before_id, pb.next_before_id);
        pages += 1;
        if pages == 3 {
            break;
        }
        a.before_id = pa.next_before_id;
        b.before_id = pb.next_before_id;
    }

    // Fewer matches than the cap: exact totals, as before.
    let few = ComplaintQuery { text: Some("KS-2025".into()), ..Default::default() };
    let page = complaint::list(&store, &admin, &few, at(9, 0)).await.unwrap();
    assert!(!page.total_capped && page.total > 0);
}
