//! Core latency at scale (DESIGN.md targets). Point SHOUHOU_BENCH_DATA at a data folder made by
//! `shouhou demo-data` + `shouhou generate --customers 200000 --complaints 1000000`; without it a
//! small data set (20,000 complaints) is generated in a temporary folder.
//!
//!     SHOUHOU_BENCH_DATA=/tmp/bench-full cargo bench -p shouhou-core --bench store

use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::account::{self, Actor};
use shouhou_core::complaint::{
    self, Category, ComplaintForm, ComplaintQuery, ComplaintSort, ProductLine, Registration, Severity,
};
use shouhou_core::customer::{self, CustomerQuery, CustomerSort};
use shouhou_core::db::Store;

struct Setup {
    _temp: Option<tempfile::TempDir>,
    store: Store,
    actor: Actor,
    sample_id: i64,
    customer_id: i64,
}

async fn setup() -> Setup {
    let (temp, dir) = match std::env::var_os("SHOUHOU_BENCH_DATA") {
        Some(dir) => (None, PathBuf::from(dir)),
        None => {
            let t = tempfile::tempdir().unwrap();
            let d = t.path().to_path_buf();
            (Some(t), d)
        }
    };
    let store = Store::open(&dir, Utc::now()).await.unwrap();
    if temp.is_some() {
        shouhou_core::demo::load(&store, Utc::now()).await.unwrap();
        shouhou_core::generate::generate(&store, 5_000, 20_000, 7, Utc::now()).await.unwrap();
    }
    let actor = account::sign_in(&store, "lina", shouhou_core::demo::DEMO_PASSWORD, Utc::now()).await.unwrap();
    let sample_id: i64 = sqlx::query_scalar("SELECT max(id) / 2 FROM complaint").fetch_one(store.pool()).await.unwrap();
    let customer_id: i64 =
        sqlx::query_scalar("SELECT max(id) / 2 FROM customer").fetch_one(store.pool()).await.unwrap();
    let complaints: i64 = sqlx::query_scalar("SELECT count(*) FROM complaint").fetch_one(store.pool()).await.unwrap();
    let customers: i64 = sqlx::query_scalar("SELECT count(*) FROM customer").fetch_one(store.pool()).await.unwrap();
    eprintln!("benchmarking on {complaints} complaints and {customers} customers");
    Setup { _temp: temp, store, actor, sample_id, customer_id }
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let s = rt.block_on(setup());
    let now = Utc::now();

    c.bench_function("complaint list: open quality complaints, first page + total", |b| {
        let q = ComplaintQuery {
            open_only: Some(true),
            category: Some(Category::Quality),
            limit: Some(20),
            ..Default::default()
        };
        b.to_async(&rt).iter(|| async { complaint::list(&s.store, &s.actor, &q, now).await.unwrap() })
    });
    c.bench_function("complaint list: first page + total", |b| {
        let q = ComplaintQuery { limit: Some(20), ..Default::default() };
        b.to_async(&rt).iter(|| async { complaint::list(&s.store, &s.actor, &q, now).await.unwrap() })
    });
    c.bench_function("complaint list: page 50 by keyset", |b| {
        // The cursor of page 49, reached by paging as a user would.
        let mut q = ComplaintQuery { limit: Some(20), ..Default::default() };
        rt.block_on(async {
            for _ in 0..49 {
                q.after = complaint::list(&s.store, &s.actor, &q, now).await.unwrap().next;
            }
        });
        b.to_async(&rt).iter(|| async { complaint::list(&s.store, &s.actor, &q, now).await.unwrap() })
    });
    for (name, sort, ascending) in [
        ("投诉时间 oldest first", ComplaintSort::ReceivedAt, true),
        ("程度 largest first", ComplaintSort::Severity, false),
        ("不良数 largest first", ComplaintSort::DefectiveQuantity, false),
        ("状态 in workflow order", ComplaintSort::State, true),
    ] {
        c.bench_function(&format!("complaint sort: {name}, first page + total"), |b| {
            let q =
                ComplaintQuery { sort: Some(sort), ascending: Some(ascending), limit: Some(20), ..Default::default() };
            b.to_async(&rt).iter(|| async { complaint::list(&s.store, &s.actor, &q, now).await.unwrap() })
        });
    }
    c.bench_function("complaint sort: 不良数 largest first, quality complaints only, page 2", |b| {
        // A filter most complaints pass, sorted by a column of its own index: the sort's index is
        // walked (gathering a third of a million complaints to sort them took seconds).
        let mut q = ComplaintQuery {
            sort: Some(ComplaintSort::DefectiveQuantity),
            category: Some(shouhou_core::complaint::Category::Quality),
            limit: Some(20),
            ..Default::default()
        };
        q.after = rt.block_on(complaint::list(&s.store, &s.actor, &q, now)).unwrap().next;
        b.to_async(&rt).iter(|| async { complaint::list(&s.store, &s.actor, &q, now).await.unwrap() })
    });
    for (name, sort, ascending) in [
        ("建档时间 newest first", CustomerSort::CreatedAt, false),
        ("编号", CustomerSort::Code, true),
        ("名称", CustomerSort::Name, true),
    ] {
        c.bench_function(&format!("customer sort: {name}, first page + total"), |b| {
            let q =
                CustomerQuery { sort: Some(sort), ascending: Some(ascending), limit: Some(20), ..Default::default() };
            b.to_async(&rt).iter(|| async { customer::list(&s.store, &s.actor, &q).await.unwrap() })
        });
    }
    for (name, text) in [
        ("2 Chinese characters", "华泰"),
        ("1 Chinese character", "鑫"),
        ("4 Chinese characters", "天津华泰"),
        ("part number", "ZC-6205"),
    ] {
        c.bench_function(&format!("complaint search: {name}"), |b| {
            let q = ComplaintQuery { text: Some(text.into()), limit: Some(20), ..Default::default() };
            b.to_async(&rt).iter(|| async { complaint::list(&s.store, &s.actor, &q, now).await.unwrap() })
        });
    }
    c.bench_function("customer search: 2 Chinese characters", |b| {
        let q = CustomerQuery { text: Some("精工".into()), limit: Some(20), ..Default::default() };
        b.to_async(&rt).iter(|| async { customer::list(&s.store, &s.actor, &q).await.unwrap() })
    });
    c.bench_function("complaint with its timeline", |b| {
        b.to_async(&rt).iter(|| async {
            let c = complaint::get(&s.store, &s.actor, s.sample_id).await.unwrap();
            let h = complaint::history(&s.store, &s.actor, s.sample_id).await.unwrap();
            (c, h)
        })
    });
    // The complaints registered here are deleted afterwards: received "now", they would sit at
    // the head of the received order of the shared benchmark database and every later run's
    // searches would walk past them first (6,662 of one customer had piled up that way).
    let registered_after: i64 = rt
        .block_on(sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM complaint").fetch_one(s.store.pool()))
        .unwrap();
    c.bench_function("register one complaint", |b| {
        b.to_async(&rt).iter(|| async {
            let r = Registration {
                received_at: Utc::now(),
                channel: complaint::Channel::Hotline,
                customer_id: s.customer_id,
                contact_name: "张伟".into(),
                contact_phone: String::new(),
                store_id: None,
                category: Category::Quality,
                severity: Severity::Minor,
                description: "基准测试登记".into(),
                customer_demand: "更换".into(),
                lines: vec![ProductLine {
                    order_number: "SO-1".into(),
                    part_number: "ZC-6205".into(),
                    batch: String::new(),
                    ship_date: NaiveDate::from_ymd_opt(2026, 1, 1),
                    quantity: 10,
                    defective_quantity: 1,
                    product_name: String::new(),
                    specification: String::new(),
                }],
                samples: String::new(),
                reply_by: None,
            };
            complaint::register(&s.store, &s.actor, r, Utc::now()).await.unwrap()
        })
    });
    rt.block_on(sqlx::query("DELETE FROM complaint WHERE id > ?").bind(registered_after).execute(s.store.pool()))
        .unwrap();
    // A phone photo: 4000×3000 JPEG. Staging decodes it, turns it upright, hashes it and makes
    // the thumbnail (the copy is written once; later iterations find it there).
    let photos = tempfile::tempdir().unwrap();
    let photo = photos.path().join("现场照片.jpg");
    let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x + y) % 239) as u8])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85).encode_image(&img).unwrap();
    std::fs::write(&photo, &jpeg).unwrap();
    eprintln!("photo: {} KB", jpeg.len() / 1024);
    c.bench_function("attachment: stage a 12-megapixel photo with its thumbnail", |b| {
        b.iter(|| shouhou_core::attachment::stage(photos.path(), &photo).unwrap())
    });

    // A register of 1,000 complaints from Excel, imported in one transaction, into a database of
    // its own: every iteration adds 1,000 complaints, which would skew the searches above on the
    // shared data (they walk the newest complaints first). Lookups are by index either way.
    let import_dir = tempfile::tempdir().unwrap();
    let import_store = rt.block_on(Store::open(import_dir.path(), Utc::now())).unwrap();
    rt.block_on(shouhou_core::demo::load(&import_store, Utc::now())).unwrap();
    let code = "KH000001".to_owned();
    let register = photos.path().join("register.xlsx");
    let rows: Vec<Vec<String>> = (0..1000)
        .map(|i| {
            let mut row = vec![String::new(); complaint::COLUMNS.len()];
            let mut set = |column: &str, value: String| {
                row[complaint::COLUMNS.iter().position(|c| c.0 == column).unwrap()] = value;
            };
            set("投诉日期", format!("2025-{:02}-{:02} 10:00", i % 12 + 1, i % 28 + 1));
            set("客户编号", code.clone());
            set("投诉类别", "质量异常".into());
            set("料号", format!("ZC-{}", 6200 + i % 50));
            set("数量", "100".into());
            set("不良数量", format!("{}", i % 9));
            set("投诉内容", "轴承异响,拆检发现滚道点蚀。".into());
            set("状态", "结案".into());
            set("结案日期", format!("2025-{:02}-28", i % 12 + 1));
            set("责任归属", "生产部 60%、品控中心 40%".into());
            set("是否我方原因", "是".into());
            row
        })
        .collect();
    shouhou_core::xlsx::write_table(&register, "客户投诉登记", &complaint::COLUMNS, &rows).unwrap();
    let admin =
        rt.block_on(account::sign_in(&import_store, "admin", shouhou_core::demo::DEMO_PASSWORD, Utc::now())).unwrap();
    let mut import = c.benchmark_group("import");
    import.sample_size(10);
    import.bench_function("complaint register: 1,000 rows from .xlsx", |b| {
        b.to_async(&rt).iter(|| async {
            let mode = shouhou_core::xlsx::ImportMode::AllOrNothing;
            let report = complaint::import(&import_store, &admin, &register, mode, Utc::now()).await.unwrap();
            assert_eq!(report.imported, 1000, "{:?}", report.problems.first());
        })
    });
    import.finish();

    c.bench_function("registration form PDF", |b| {
        b.to_async(&rt).iter(|| async {
            complaint::render_form(&s.store, &s.actor, s.sample_id, ComplaintForm::Registration, now).await.unwrap()
        })
    });
}

criterion_group! {
    name = store;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(store);
