//! Excel export and import at register scale, each on a database of its own: the complaint
//! register export of 10,000 complaints and a customer import of 1,000 rows.
//!
//! Measured on the shared 2-core machine (release, others building alongside): the export that
//! loaded each complaint whole (~8 queries each, every row held in memory) took 2.63 s
//! [2.41 … 2.88]; batches of 500 complaints in three queries, streamed, take 0.96 s
//! [0.88 … 1.07] — of which ~0.2 s collect the ids page by page through the list (its filters
//! and the actor's view), ~0.2 s the batch queries, ~0.15 s the rows and ~0.1 s the zip.
//! Importing 1,000 customers: 1.03 s [0.96 … 1.12].
//!
//!     cargo bench -p shouhou-core --bench transfer

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::account;
use shouhou_core::complaint::{self, ComplaintQuery};
use shouhou_core::customer;
use shouhou_core::db::Store;
use shouhou_core::xlsx::{ImportMode, Table, Value};

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let files = tempfile::tempdir().unwrap();

    let export_dir = tempfile::tempdir().unwrap();
    let store = rt.block_on(Store::open(export_dir.path(), Utc::now())).unwrap();
    rt.block_on(shouhou_core::demo::load(&store, Utc::now())).unwrap();
    rt.block_on(shouhou_core::generate::generate(&store, 2_000, 10_000, 7, Utc::now())).unwrap();
    let admin = rt.block_on(account::sign_in(&store, "admin", shouhou_core::demo::DEMO_PASSWORD, Utc::now())).unwrap();
    let total: i64 = rt.block_on(sqlx::query_scalar("SELECT count(*) FROM complaint").fetch_one(store.pool())).unwrap();
    eprintln!("exporting {total} complaints");
    let out = files.path().join("register.xlsx");
    let mut export = c.benchmark_group("export");
    export.sample_size(10);
    export.bench_function("complaint register: 10,000 complaints, batches of 500 (3 queries each)", |b| {
        b.to_async(&rt).iter(|| async {
            let q = ComplaintQuery::default();
            let n = complaint::export(&store, &admin, &out, &q, false, Utc::now()).await.unwrap();
            assert_eq!(n, total);
        })
    });
    eprintln!("register file: {} KB", std::fs::metadata(&out).map(|m| m.len() / 1024).unwrap_or(0));
    export.finish();

    // 1,000 customers with a contact and an address; every iteration adds them again (codes are
    // given by the archive), so the archive grows by 1,000 per iteration.
    let import_dir = tempfile::tempdir().unwrap();
    let import_store = rt.block_on(Store::open(import_dir.path(), Utc::now())).unwrap();
    rt.block_on(shouhou_core::demo::load(&import_store, Utc::now())).unwrap();
    let import_admin =
        rt.block_on(account::sign_in(&import_store, "admin", shouhou_core::demo::DEMO_PASSWORD, Utc::now())).unwrap();
    let customers = files.path().join("customers.xlsx");
    let mut table = Table::new("客户档案", &customer::TABLE).unwrap();
    for i in 0..1000 {
        let mut row = vec![Value::Empty; customer::TABLE.len()];
        row[1] = format!("天津华泰机械有限公司第{i}分公司").into();
        row[2] = "企业客户".into();
        row[8] = "张伟".into();
        row[10] = Value::Integer(13_800_000_000 + i);
        row[12] = "天津市西青区".into();
        table.push(&row).unwrap();
    }
    table.save(&customers).unwrap();
    let mut import = c.benchmark_group("import");
    import.sample_size(10);
    import.bench_function("customers: 1,000 rows from .xlsx", |b| {
        b.to_async(&rt).iter(|| async {
            let report =
                customer::import(&import_store, &import_admin, &customers, ImportMode::AllOrNothing, Utc::now())
                    .await
                    .unwrap();
            assert_eq!(report.imported, 1000, "{:?}", report.problems.first());
        })
    });
    import.finish();
}

criterion_group! {
    name = transfer;
    config = Criterion::default().measurement_time(std::time::Duration::from_secs(10));
    targets = benches
}
criterion_main!(transfer);
