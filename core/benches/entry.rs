//! The site-entry check at the scale (50,000 workers with their classes and
//! certificates): one whole check as the gate runs it — find the person by ID number, load the
//! dossier, decide, log (goal ≤ 5 ms) — and its parts: the dossier alone and the pure rules.
//! SHOUHOU_BENCH_DATA names a data folder, filled on first use with the demo company and the
//! generated workers; without it a temporary folder is used.
//!
//!     SHOUHOU_BENCH_DATA=/work/bench-gate cargo bench -p shouhou-core --bench entry

use std::path::PathBuf;

use chrono::{Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::account;
use shouhou_core::contractor::entry::{self, CheckRequest};
use shouhou_core::contractor::entry_sample::{self, bench_birth};
use shouhou_core::db::Store;

const WORKERS: i64 = 50_000;

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
            let started = std::time::Instant::now();
            entry_sample::generate(&store, WORKERS, Utc::now()).await.unwrap();
            eprintln!("generated {WORKERS} workers in {:.1} s", started.elapsed().as_secs_f64());
        }
        store
    });
    let gate = rt.block_on(account::sign_in(&store, "fengjun", shouhou_core::demo::DEMO_PASSWORD, Utc::now())).unwrap();
    let (workers, classes, certificates): (i64, i64, i64) = rt
        .block_on(
            sqlx::query_as(
                "SELECT (SELECT count(*) FROM contractor_worker), (SELECT count(*) FROM safety_class_attendee),
                        (SELECT count(*) FROM worker_certificate)",
            )
            .fetch_one(store.pool()),
        )
        .unwrap();
    eprintln!("benchmarking on {workers} workers, {classes} class attendances, {certificates} certificates");
    // People spread over the generated rows; every fifth one is an electrician with a certificate.
    let ids: Vec<String> = (0..64)
        .map(|k| {
            let i = (k * 7919) % WORKERS;
            entry_sample::id_number("120116", bench_birth(i), (i % 1000) as u32)
        })
        .collect();
    let now = Utc::now();
    let mut n = 0usize;
    c.bench_function("entry check: find, load, decide, log (50,000 workers)", |b| {
        b.to_async(&rt).iter(|| {
            n += 1;
            let request = CheckRequest { id_number: Some(ids[n % ids.len()].clone()), ..CheckRequest::default() };
            let (store, gate) = (&store, &gate);
            async move {
                let answer = entry::check_entry(store, gate, request, "bench", now + Duration::milliseconds(n as i64))
                    .await
                    .unwrap();
                assert!(answer.check.is_some());
            }
        })
    });
    let (worker, engagement): (i64, i64) = rt
        .block_on(
            sqlx::query_as("SELECT worker_id, engagement_id FROM contractor_roster WHERE worker_id IS NOT NULL ORDER BY id DESC LIMIT 1")
                .fetch_one(store.pool()),
        )
        .unwrap();
    let today = now.date_naive();
    c.bench_function("entry check: the dossier alone", |b| {
        b.to_async(&rt).iter(|| async {
            let mut conn = store.pool().acquire().await.unwrap();
            entry::load_dossier(&mut conn, worker, Some(engagement), today).await.unwrap()
        })
    });
    let dossier = rt
        .block_on(async {
            let mut conn = store.pool().acquire().await.unwrap();
            entry::load_dossier(&mut conn, worker, Some(engagement), today).await
        })
        .unwrap();
    let rules = shouhou_core::settings::SafetyRules::default();
    c.bench_function("entry check: the pure rules", |b| b.iter(|| entry::check(&dossier, &rules, today)));
}

criterion_group! {
    name = entry_benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(5));
    targets = benches
}
criterion_main!(entry_benches);
