//! The monthly report and the manager's dashboard at scale (issue 11: the report ≤ 25 ms over a
//! million complaints, the dashboard's first paint ≤ 300 ms). Point SHOUHOU_BENCH_DATA at a data
//! folder with the generated million complaints (its migrations must include this branch's);
//! without it a small data set (20,000 complaints) is generated in a temporary folder.
//!
//!     SHOUHOU_BENCH_DATA=/work/bench-report cargo bench -p shouhou-core --bench report

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::account::Actor;
use shouhou_core::db::Store;
use shouhou_core::report::{self, Month};

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (temp, dir) = match std::env::var_os("SHOUHOU_BENCH_DATA") {
        Some(dir) => (None, PathBuf::from(dir)),
        None => {
            let t = tempfile::tempdir().unwrap();
            let d = t.path().to_path_buf();
            (Some(t), d)
        }
    };
    // The generated data ends on the day it was generated; the report is last month's.
    let now = Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap();
    let store = rt.block_on(async {
        let store = Store::open(&dir, now).await.unwrap();
        if temp.is_some() {
            shouhou_core::demo::load(&store, now).await.unwrap();
            shouhou_core::generate::generate(&store, 5_000, 20_000, 7, now).await.unwrap();
        }
        store
    });
    let actor = Actor::command_line();
    let month = Month::parse("2026-10").unwrap();
    let settings = rt.block_on(shouhou_core::settings::load(&store)).unwrap();
    let (complaints, in_month): (i64, i64) = rt.block_on(async {
        let all = sqlx::query_scalar("SELECT count(*) FROM complaint").fetch_one(store.pool()).await.unwrap();
        let r = report::monthly_report(&store, &actor, month, now).await.unwrap();
        (all, r.received + r.cancelled)
    });
    eprintln!("benchmarking on {complaints} complaints, {in_month} in {month}");

    c.bench_function("monthly report from the kept totals (every figure, no complaint numbers)", |b| {
        b.to_async(&rt).iter(|| async {
            let mut conn = store.pool().acquire().await.unwrap();
            report::monthly(&mut conn, month, &settings, now).await.unwrap()
        })
    });
    c.bench_function("monthly report with the complaint numbers behind every responsibility figure", |b| {
        b.to_async(&rt).iter(|| async { report::monthly_report(&store, &actor, month, now).await.unwrap() })
    });
    c.bench_function("manager's dashboard", |b| {
        b.to_async(&rt).iter(|| async { report::dashboard(&store, &actor, now).await.unwrap() })
    });
    c.bench_function("monthly report PDF (with numbers)", |b| {
        let r = rt.block_on(report::monthly_report(&store, &actor, month, now)).unwrap();
        b.iter(|| report::render_pdf(&r, None).unwrap())
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = benches
}
criterion_main!(group);
