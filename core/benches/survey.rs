//! Survey latency at scale (issue 12: 500,000 survey answers; results of a campaign ≤ 50 ms, the
//! response list ≤ 5 ms). Point SHOUHOU_BENCH_DATA at a data folder; an empty one is filled with
//! the demo company, 200,000 customers and 500,000 survey answers (twelve campaigns) first.
//! Without it a small set (5,000 customers, 50,000 answers) is made in a temporary folder.
//!
//!     SHOUHOU_BENCH_DATA=/work/bench-survey cargo bench -p shouhou-core --bench survey

use std::path::PathBuf;

use chrono::{Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::account::{self, Actor};
use shouhou_core::db::Store;
use shouhou_core::survey::{self, ResponseQuery};

struct Setup {
    _temp: Option<tempfile::TempDir>,
    store: Store,
    actor: Actor,
    campaign_id: i64,
    number: String,
}

async fn setup() -> Setup {
    let (temp, dir, customers, answers) = match std::env::var_os("SHOUHOU_BENCH_DATA") {
        Some(dir) => (None, PathBuf::from(dir), 200_000, 500_000),
        None => {
            let t = tempfile::tempdir().unwrap();
            let d = t.path().to_path_buf();
            (Some(t), d, 5_000, 50_000)
        }
    };
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::open(&dir, Utc::now()).await.unwrap();
    let empty = !account::setup_status(&store).await.unwrap().initialized;
    if empty {
        let started = std::time::Instant::now();
        shouhou_core::demo::load(&store, Utc::now()).await.unwrap();
        shouhou_core::generate::generate(&store, customers, 0, 7, Utc::now()).await.unwrap();
        let r = survey::generate::generate(&store, answers, 7, Utc::now()).await.unwrap();
        eprintln!(
            "generated {customers} customers and {} answers in {:.0} s",
            r.answers,
            started.elapsed().as_secs_f64()
        );
    }
    let actor = account::sign_in(&store, "lina", shouhou_core::demo::DEMO_PASSWORD, Utc::now()).await.unwrap();
    // The campaign with the most responses.
    let campaign_id: i64 = sqlx::query_scalar(
        "SELECT campaign_id FROM survey_response GROUP BY campaign_id ORDER BY count(*) DESC LIMIT 1",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    let number: String =
        sqlx::query_scalar("SELECT number FROM survey_response WHERE campaign_id = ? ORDER BY id DESC LIMIT 1")
            .bind(campaign_id)
            .fetch_one(store.pool())
            .await
            .unwrap();
    let counts: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM survey_answer), (SELECT count(*) FROM survey_response),
                (SELECT count(*) FROM survey_response WHERE campaign_id = ?)",
    )
    .bind(campaign_id)
    .fetch_one(store.pool())
    .await
    .unwrap();
    eprintln!("benchmarking on {} answers, {} responses, {} in the campaign measured", counts.0, counts.1, counts.2);
    Setup { _temp: temp, store, actor, campaign_id, number }
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let s = rt.block_on(setup());

    c.bench_function("survey results of one campaign", |b| {
        b.to_async(&rt).iter(|| async { survey::results_for(&s.store, &s.actor, s.campaign_id).await.unwrap() })
    });
    c.bench_function("survey response list: first page + total", |b| {
        let q = ResponseQuery { campaign_id: s.campaign_id, limit: Some(20), ..ResponseQuery::default() };
        b.to_async(&rt).iter(|| async { survey::responses(&s.store, &s.actor, &q).await.unwrap() })
    });
    c.bench_function("survey response list: pending, page 50 by keyset", |b| {
        let mut q = ResponseQuery {
            campaign_id: s.campaign_id,
            state: Some(survey::ResponseState::Answered),
            limit: Some(20),
            ..ResponseQuery::default()
        };
        rt.block_on(async {
            for _ in 0..49 {
                q.after_id = survey::responses(&s.store, &s.actor, &q).await.unwrap().next_after_id;
            }
        });
        b.to_async(&rt).iter(|| async { survey::responses(&s.store, &s.actor, &q).await.unwrap() })
    });
    c.bench_function("survey response list: search a customer name", |b| {
        let q = ResponseQuery {
            campaign_id: s.campaign_id,
            text: "华泰".into(),
            limit: Some(20),
            ..ResponseQuery::default()
        };
        b.to_async(&rt).iter(|| async { survey::responses(&s.store, &s.actor, &q).await.unwrap() })
    });
    c.bench_function("survey response by number (entry screen)", |b| {
        b.to_async(&rt).iter(|| async { survey::response_by_number(&s.store, &s.actor, &s.number).await.unwrap() })
    });
    c.bench_function("satisfaction summary of the last 90 days", |b| {
        let to = Utc::now().date_naive();
        let from = to - Duration::days(90);
        b.to_async(&rt).iter(|| async {
            let mut conn = s.store.pool().acquire().await.unwrap();
            survey::satisfaction_summary(&mut conn, from, to).await.unwrap()
        })
    });
    c.bench_function("questionnaire PDF", |b| {
        b.to_async(&rt)
            .iter(|| async { survey::render_questionnaire(&s.store, &s.actor, Some(s.number.clone())).await.unwrap() })
    });
}

criterion_group! {
    name = survey_benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = benches
}
criterion_main!(survey_benches);
