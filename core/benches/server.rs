//! A complaint list page's round trip desk → company server → desk on one machine (TLS, HTTP/1.1
//! keep-alive), beside the same command in-process (what the desk does alone). Criterion measures
//! both; p50/p95 of 1,000 calls each are printed first (the goal: ≤ 5 ms p95 for the
//! round trip). Point SHOUHOU_BENCH_DATA at a data folder made by `shouhou demo-data` +
//! `shouhou generate`; without it a small data set (20,000 complaints) is generated.
//!
//!     SHOUHOU_BENCH_DATA=/tmp/bench-full cargo bench -p shouhou-core --bench server

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use shouhou_core::api::{self, Context, Reply, Session};
use shouhou_core::clock::SystemClock;
use shouhou_core::db::Store;
use shouhou_core::remote::Remote;
use shouhou_core::server::Server;

struct Window(Mutex<Option<i64>>);

impl Session for Window {
    fn user_id(&self) -> Option<i64> {
        *self.0.lock().unwrap()
    }
    fn set_user_id(&self, user_id: Option<i64>) {
        *self.0.lock().unwrap() = user_id;
    }
}

fn data_dir() -> (Option<tempfile::TempDir>, PathBuf) {
    match std::env::var_os("SHOUHOU_BENCH_DATA") {
        Some(dir) => (None, PathBuf::from(dir)),
        None => {
            let t = tempfile::tempdir().unwrap();
            let d = t.path().to_path_buf();
            (Some(t), d)
        }
    }
}

async fn in_process(store: &Store, window: &Window, args: &Value) {
    let cx = Context { store, session: window, now: Utc::now() };
    match api::dispatch(&cx, "complaint_list", args).await {
        Some(Ok(Reply::Json(_))) => {}
        _ => panic!("complaint_list failed in-process"),
    }
}

async fn remote(desk: &Remote, args: &Value) {
    match desk.call("complaint_list", args).await {
        Ok(Reply::Json(_)) => {}
        other => panic!("complaint_list failed remotely: {:?}", other.err()),
    }
}

fn percentiles(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    eprintln!(
        "{label}: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms ({} calls)",
        at(0.50).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        samples.len()
    );
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (temp, dir) = data_dir();
    let generated = temp.is_some();
    let server = rt.block_on(Server::start(&dir, "127.0.0.1:0".parse().unwrap(), Arc::new(SystemClock))).unwrap();
    let store = server.store().clone();
    if generated {
        rt.block_on(async {
            shouhou_core::demo::load(&store, Utc::now()).await.unwrap();
            shouhou_core::generate::generate(&store, 5_000, 20_000, 7, Utc::now()).await.unwrap();
        });
    }
    let complaints: i64 =
        rt.block_on(sqlx::query_scalar("SELECT count(*) FROM complaint").fetch_one(store.pool())).unwrap();
    eprintln!("benchmarking on {complaints} complaints");

    let sign_in = json!({ "username": "lina", "password": shouhou_core::demo::DEMO_PASSWORD });
    let window = Window(Mutex::new(None));
    let desk = rt.block_on(async {
        let cx = Context { store: &store, session: &window, now: Utc::now() };
        api::dispatch(&cx, "session_sign_in", &sign_in).await.unwrap().unwrap();
        let desk = Remote::connect(&server.local_addr().to_string(), server.fingerprint()).await.unwrap();
        desk.call("session_sign_in", &sign_in).await.unwrap();
        desk
    });
    // The list as the UI first shows it: newest received first, the first page (20 rows).
    let args = json!({ "query": {} });

    rt.block_on(async {
        for _ in 0..50 {
            in_process(&store, &window, &args).await;
            remote(&desk, &args).await;
        }
        let (mut local, mut over_tls) = (Vec::new(), Vec::new());
        for _ in 0..1_000 {
            let t = Instant::now();
            in_process(&store, &window, &args).await;
            local.push(t.elapsed());
            let t = Instant::now();
            remote(&desk, &args).await;
            over_tls.push(t.elapsed());
        }
        percentiles("complaint list page, in-process", local);
        percentiles("complaint list page, desk → server → desk", over_tls);
    });

    let mut group = c.benchmark_group("complaint_list_page");
    group.bench_function("in_process", |b| b.to_async(&rt).iter(|| in_process(&store, &window, &args)));
    group.bench_function("desk_to_server", |b| b.to_async(&rt).iter(|| remote(&desk, &args)));
    group.finish();
    rt.block_on(server.stop());
}

criterion_group!(benches_group, benches);
criterion_main!(benches_group);
