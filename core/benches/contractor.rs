//! Outside personnel at the scale (2,000 units, 10,000 engagements): the engagement list
//! page with its filters (target ≤ 5 ms), the unit list, an engagement with its checklist, and the
//! safety workbench. SHOUHOU_BENCH_DATA names a data folder, filled on first use with the demo
//! company and the generated units and engagements; without it a temporary folder is used.
//!
//!     SHOUHOU_BENCH_DATA=/work/bench-contractor cargo bench -p shouhou-core --bench contractor

use std::path::PathBuf;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::account;
use shouhou_core::contractor::engagement;
use shouhou_core::contractor::unit;
use shouhou_core::contractor::{EngagementCategory, EngagementQuery, EngagementState, UnitQuery};
use shouhou_core::db::Store;

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (_temp, dir) = match std::env::var_os("SHOUHOU_BENCH_DATA") {
        Some(dir) => (None, PathBuf::from(dir)),
        None => {
            let t = tempfile::tempdir().unwrap();
            let d = t.path().to_path_buf();
            (Some(t), d)
        }
    };
    let store = rt.block_on(async {
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir, Utc::now()).await.unwrap();
        if !account::setup_status(&store).await.unwrap().initialized {
            shouhou_core::demo::load(&store, Utc::now()).await.unwrap();
            shouhou_core::contractor::sample::generate(&store, 2_000, 10_000, 7, Utc::now()).await.unwrap();
        }
        store
    });
    let actor = rt.block_on(account::sign_in(&store, "wumin", shouhou_core::demo::DEMO_PASSWORD, Utc::now())).unwrap();
    let (units, engagements): (i64, i64) = rt
        .block_on(
            sqlx::query_as(
                "SELECT (SELECT count(*) FROM contractor_unit), (SELECT count(*) FROM contractor_engagement)",
            )
            .fetch_one(store.pool()),
        )
        .unwrap();
    eprintln!("benchmarking on {units} units and {engagements} engagements");
    let sample: i64 = rt
        .block_on(sqlx::query_scalar("SELECT max(id) / 2 FROM contractor_engagement").fetch_one(store.pool()))
        .unwrap();
    let department: i64 = rt
        .block_on(
            sqlx::query_scalar("SELECT department_id FROM contractor_engagement WHERE id = ?")
                .bind(sample)
                .fetch_one(store.pool()),
        )
        .unwrap();
    let now = Utc::now();

    let lists: [(&str, EngagementQuery); 6] = [
        ("engagement list: first page + total", EngagementQuery::default()),
        (
            "engagement list: 外包工 with items missing",
            EngagementQuery {
                category: Some(EngagementCategory::Outsourced),
                missing_items: Some(true),
                ..Default::default()
            },
        ),
        (
            "engagement list: department + state 待审核",
            EngagementQuery {
                department_id: Some(department),
                state: Some(EngagementState::Submitted),
                ..Default::default()
            },
        ),
        (
            "engagement list: category + department + state + missing",
            EngagementQuery {
                category: Some(EngagementCategory::Outsourced),
                department_id: Some(department),
                state: Some(EngagementState::Preparing),
                missing_items: Some(true),
                ..Default::default()
            },
        ),
        (
            "engagement list: 2-character search 检修",
            EngagementQuery { text: Some("检修".into()), ..Default::default() },
        ),
        (
            "engagement list: page 5 of 用工中 (keyset)",
            EngagementQuery { state: Some(EngagementState::Active), ..Default::default() },
        ),
    ];
    for (name, query) in lists {
        let mut q = query;
        if name.contains("page 5") {
            for _ in 0..4 {
                let page = rt.block_on(engagement::list(&store, &actor, &q)).unwrap();
                q.after = page.next;
            }
        }
        c.bench_function(name, |b| b.to_async(&rt).iter(|| engagement::list(&store, &actor, &q)));
    }
    c.bench_function("unit list: first page + total", |b| {
        let q = UnitQuery::default();
        b.to_async(&rt).iter(|| unit::list(&store, &actor, &q))
    });
    c.bench_function("unit list: 2-character search 宏远", |b| {
        let q = UnitQuery { text: Some("宏远".into()), ..Default::default() };
        b.to_async(&rt).iter(|| unit::list(&store, &actor, &q))
    });
    c.bench_function("engagement with checklist and roster", |b| {
        b.to_async(&rt).iter(|| engagement::get(&store, &actor, sample, now))
    });
    c.bench_function("safety workbench", |b| b.to_async(&rt).iter(|| engagement::workbench(&store, &actor, now)));
}

criterion_group! {
    name = contractor;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}
criterion_main!(contractor);
