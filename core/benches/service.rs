//! Customer-service lists at scale (DESIGN.md: a list page with its count ≤ 5 ms). Point
//! SHOUHOU_BENCH_DATA at a data folder holding the demo data, 200,000 customers and
//! `shouhou service generate` (200,000 feedback, 100,000 visits, 50,000 returns); without it a
//! small set is generated in a temporary folder.
//!
//!     SHOUHOU_BENCH_DATA=/work/bench-service cargo bench -p shouhou-core --bench service

use std::path::PathBuf;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::account;
use shouhou_core::db::Store;
use shouhou_core::service::care::{self, VisitQuery, VisitState};
use shouhou_core::service::feedback::{self, FeedbackQuery, FeedbackState};
use shouhou_core::service::returns::{self, ReturnQuery, ReturnState};
use shouhou_core::service::{self as svc, timeline};

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (_temp, store) = rt.block_on(async {
        match std::env::var_os("SHOUHOU_BENCH_DATA") {
            Some(dir) => (None, Store::open(&PathBuf::from(dir), Utc::now()).await.unwrap()),
            None => {
                let t = tempfile::tempdir().unwrap();
                let store = Store::open(t.path(), Utc::now()).await.unwrap();
                shouhou_core::demo::load(&store, Utc::now()).await.unwrap();
                shouhou_core::generate::generate(&store, 5_000, 1_000, 7, Utc::now()).await.unwrap();
                svc::generate::generate(&store, 20_000, 10_000, 5_000, 7, Utc::now()).await.unwrap();
                (Some(t), store)
            }
        }
    });
    let (manager, clerk, quality) = rt.block_on(async {
        let sign = |u: &'static str| {
            let store = store.clone();
            async move { account::sign_in(&store, u, shouhou_core::demo::DEMO_PASSWORD, Utc::now()).await.unwrap() }
        };
        (sign("zhaoqiang").await, sign("heli").await, sign("liuyang").await)
    });
    let now = Utc::now();
    let s = &store;
    let mut g = c.benchmark_group("service");
    g.bench_function("feedback list, first page", |b| {
        let q = FeedbackQuery::default();
        b.to_async(&rt).iter(|| async { feedback::list(s, &manager, &q, now).await.unwrap() })
    });
    g.bench_function("feedback list, 处理中", |b| {
        let q = FeedbackQuery { state: Some(FeedbackState::InProgress), ..Default::default() };
        b.to_async(&rt).iter(|| async { feedback::list(s, &manager, &q, now).await.unwrap() })
    });
    g.bench_function("feedback list, page 5", |b| {
        let mut q = FeedbackQuery::default();
        rt.block_on(async {
            for _ in 0..4 {
                q.after = feedback::list(s, &manager, &q, now).await.unwrap().next;
            }
        });
        b.to_async(&rt).iter(|| async { feedback::list(s, &manager, &q, now).await.unwrap() })
    });
    g.bench_function("visit list, first page", |b| {
        let q = VisitQuery::default();
        b.to_async(&rt).iter(|| async { care::list(s, &manager, &q, now).await.unwrap() })
    });
    g.bench_function("visit list, 待回访", |b| {
        let q = VisitQuery { state: Some(VisitState::Planned), ..Default::default() };
        b.to_async(&rt).iter(|| async { care::list(s, &manager, &q, now).await.unwrap() })
    });
    g.bench_function("return list, first page", |b| {
        let q = ReturnQuery::default();
        b.to_async(&rt).iter(|| async { returns::list(s, &manager, &q).await.unwrap() })
    });
    g.bench_function("return list, a store clerk's", |b| {
        let q = ReturnQuery::default();
        b.to_async(&rt).iter(|| async { returns::list(s, &clerk, &q).await.unwrap() })
    });
    g.bench_function("return list, 申请", |b| {
        let q = ReturnQuery { state: Some(ReturnState::Requested), ..Default::default() };
        b.to_async(&rt).iter(|| async { returns::list(s, &manager, &q).await.unwrap() })
    });
    g.bench_function("returns of a month by store and reason", |b| {
        b.to_async(&rt).iter(|| async { returns::monthly_stats(s, &manager, 2026, 10).await.unwrap() })
    });
    g.bench_function("my work (quality)", |b| {
        b.to_async(&rt).iter(|| async { svc::my_work(s, &quality, now).await.unwrap() })
    });
    g.bench_function("customer timeline", |b| {
        b.to_async(&rt).iter(|| async { timeline::customer_timeline(s, &manager, 1, 200).await.unwrap() })
    });
    g.finish();
}

criterion_group! {
    name = service;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = benches
}
criterion_main!(service);
