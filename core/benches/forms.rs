//! Printed forms (DESIGN.md: one form PDF ≤ 50 ms and ≤ 100 KB; the four-copy agreement
//! ≤ 100 ms), on the demo data. Sizes are printed once before timing.
//!
//!     cargo bench -p shouhou-core --bench forms

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::complaint::{self, ComplaintForm};
use shouhou_core::db::Store;
use shouhou_core::pdf::{Column, Field, Form, Page, SIGNATURE_COLUMNS, Template};

const COMPANY: &str = "天津示例机械有限公司";

/// About four pages of agreement, printed in four labelled copies (16 pages).
fn four_copy_agreement() -> Vec<u8> {
    let mut f = Form::new(COMPANY, "外用(包)工安全协议书", "AQXY-2026-0007").unwrap();
    f.template(Template::new("SH/QR-AQ-03", "B/1"));
    f.heading("一、协议双方");
    f.fields(
        &[
            Field::new("甲方", COMPANY).span(2),
            Field::new("用工部门", "炼钢厂设备科"),
            Field::new("乙方", "天津市宏达建筑安装工程有限公司").span(2),
            Field::new("项目负责人", "王建国"),
            Field::new("工程名称", "2号转炉除尘管道检修").span(3),
        ],
        3,
    );
    for clause in
        ["二、甲方的安全责任", "三、乙方的安全责任", "四、禁止转包与分包", "五、事故报告与处理", "六、违约责任"]
    {
        f.heading(clause);
        for i in 1..=12 {
            f.paragraph(
                &format!(
                    "{i}. 乙方作业人员进入现场前必须接受三级安全教育并考试合格,特种作业人员必须持有效证件上岗;作业中严格遵守甲方的安全管理制度和操作规程,正确佩戴劳动防护用品。"
                ),
                10.5,
            );
        }
    }
    f.heading("七、交底签字");
    f.signature_grid(&SIGNATURE_COLUMNS, 8, 9.0);
    f.finish_copies(&["安全管理部存档联", "用工部门存档联", "乙方存档联", "保卫部门存档联"])
}

fn ledger(rows: usize) -> Vec<u8> {
    let mut f = Form::with_page(Page::A4_LANDSCAPE, COMPANY, "外用工/外包工台帐", "").unwrap();
    let columns = [
        Column::centered("序号", 0.6),
        Column::new("姓名", 1.2),
        Column::new("身份证号", 2.4),
        Column::new("所属单位", 2.6),
        Column::new("工种", 1.2),
        Column::new("证书有效期", 1.6),
    ];
    let body = (1..=rows).map(|i| {
        vec![
            i.to_string(),
            format!("工人{i:03}"),
            format!("12010419900101{i:04}"),
            "天津市宏达建筑安装工程有限公司".into(),
            "力工".into(),
            "2029-06-30".into(),
        ]
    });
    f.table(&columns, body, "");
    f.finish()
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (store, admin, id) = rt.block_on(async {
        let store = Store::open(dir.path(), Utc::now()).await.unwrap();
        shouhou_core::demo::load(&store, Utc::now()).await.unwrap();
        let admin = shouhou_core::account::sign_in(&store, "admin", shouhou_core::demo::DEMO_PASSWORD, Utc::now())
            .await
            .unwrap();
        // The demo's fullest complaint: signed by one department, waiting for another.
        let id: i64 = sqlx::query_scalar("SELECT id FROM complaint WHERE description LIKE '船用泵批量振动超标%'")
            .fetch_one(store.pool())
            .await
            .unwrap();
        (store, admin, id)
    });
    let now = Utc::now();
    let mut group = c.benchmark_group("forms");
    for form in [ComplaintForm::Registration, ComplaintForm::Handling, ComplaintForm::Letter] {
        let bytes = rt.block_on(complaint::render_form(&store, &admin, id, form, now)).unwrap();
        eprintln!("{form:?}: {} bytes", bytes.len());
        group.bench_function(format!("{form:?} form"), |b| {
            b.to_async(&rt).iter(|| async { complaint::render_form(&store, &admin, id, form, now).await.unwrap() })
        });
    }
    let blank = rt.block_on(complaint::render_blank(&store, &admin, ComplaintForm::Handling)).unwrap();
    eprintln!("blank handling form: {} bytes", blank.len());
    group.bench_function("blank handling form", |b| {
        b.to_async(&rt)
            .iter(|| async { complaint::render_blank(&store, &admin, ComplaintForm::Handling).await.unwrap() })
    });
    eprintln!("four-copy agreement: {} bytes", four_copy_agreement().len());
    group.bench_function("four-copy agreement (4 × 4 pages)", |b| b.iter(four_copy_agreement));
    eprintln!("300-row landscape ledger: {} bytes", ledger(300).len());
    group.bench_function("landscape ledger, 300 rows", |b| b.iter(|| ledger(300)));
    group.finish();
}

criterion_group! {
    name = forms;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(forms);
