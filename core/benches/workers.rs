//! Workers at the scale (50,000 people over 2,000 units and 10,000 engagements): the
//! worker list with its filters and searches, the ID-number lookup the gate makes, and a
//! person's record. SHOUHOU_BENCH_DATA names a data folder, filled on first use with the demo
//! company, the generated units and engagements and the workers; without it a temporary folder.
//!
//!     SHOUHOU_BENCH_DATA=/work/bench-workers cargo bench -p shouhou-core --bench workers

use std::path::PathBuf;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::account;
use shouhou_core::contractor::worker::{self, WorkerQuery};
use shouhou_core::contractor::{EngagementCategory, worker_sample};
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
            let started = std::time::Instant::now();
            let (w, r) = worker_sample::generate(&store, 50_000, 7, Utc::now()).await.unwrap();
            eprintln!("generated {w} workers ({r} on rosters) in {:.1} s", started.elapsed().as_secs_f64());
        }
        store
    });
    let safety = rt.block_on(account::sign_in(&store, "wumin", shouhou_core::demo::DEMO_PASSWORD, Utc::now())).unwrap();
    let (workers, rostered): (i64, i64) = rt
        .block_on(
            sqlx::query_as(
                "SELECT (SELECT count(*) FROM contractor_worker),
                        (SELECT count(*) FROM contractor_roster WHERE worker_id IS NOT NULL)",
            )
            .fetch_one(store.pool()),
        )
        .unwrap();
    eprintln!("benchmarking on {workers} workers, {rostered} on rosters");
    let (sample_id, sample_number, unit_id, unit_word): (i64, String, i64, String) = rt
        .block_on(
            sqlx::query_as(
                "SELECT w.id, w.id_number, w.unit_id, substr(u.name, 3, 4) FROM contractor_worker w
                 JOIN contractor_unit u ON u.id = w.unit_id
                 WHERE w.id >= (SELECT max(id) / 2 FROM contractor_worker) ORDER BY w.id LIMIT 1",
            )
            .fetch_one(store.pool()),
        )
        .unwrap();

    let lists: [(&str, WorkerQuery); 7] = [
        ("worker list: first page + total", WorkerQuery::default()),
        ("worker list: one unit", WorkerQuery { unit_id: Some(unit_id), ..Default::default() }),
        (
            "worker list: 外用工, not blacklisted",
            WorkerQuery {
                category: Some(EngagementCategory::Temporary),
                blacklisted: Some(false),
                ..Default::default()
            },
        ),
        ("worker list: 1-character search 张", WorkerQuery { text: Some("张".into()), ..Default::default() }),
        ("worker list: 2-character search 建军", WorkerQuery { text: Some("建军".into()), ..Default::default() }),
        ("worker list: unit-name search (4 characters)", WorkerQuery { text: Some(unit_word), ..Default::default() }),
        ("worker list: whole ID number", WorkerQuery { text: Some(sample_number.clone()), ..Default::default() }),
    ];
    for (name, q) in lists {
        c.bench_function(name, |b| b.to_async(&rt).iter(|| worker::list(&store, &safety, &q)));
    }
    let mut q = WorkerQuery::default();
    for _ in 0..4 {
        q.after = rt.block_on(worker::list(&store, &safety, &q)).unwrap().next;
    }
    c.bench_function("worker list: page 5 (keyset)", |b| b.to_async(&rt).iter(|| worker::list(&store, &safety, &q)));
    c.bench_function("find_by_id_number (the gate's lookup)", |b| {
        b.to_async(&rt).iter(|| worker::find_by_id_number(&store, &safety, &sample_number))
    });
    c.bench_function("find_by_id_number: nobody", |b| {
        b.to_async(&rt).iter(|| worker::find_by_id_number(&store, &safety, "11010519491231002X"))
    });
    c.bench_function("worker record with engagements", |b| {
        b.to_async(&rt).iter(|| worker::get(&store, &safety, sample_id))
    });
}

criterion_group! {
    name = workers;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}
criterion_main!(workers);
