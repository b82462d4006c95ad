//! The printed documents of outside personnel (issue 9: the four-copy agreement ≤ 100 ms and
//! ≤ 150 KB). Sizes are printed once before timing; the documents are rendered from the sample
//! engagement, without a database.
//!
//!     cargo bench -p shouhou-core --bench contractor_forms

use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::contractor::forms;

const COMPANY: &str = "天津示例机械有限公司";

fn benches(c: &mut Criterion) {
    let template = forms::default_template();
    let agreement = forms::sample_agreement(COMPANY, 12);
    let briefing = forms::sample_briefing(80);
    let application = forms::sample_application(12);
    let ledger = forms::sample_ledger(60, 5);
    let dir = std::env::temp_dir().join(format!("shouhou-bench-ledger-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("台帐.xlsx");

    let size = |name: &str, bytes: Vec<u8>| eprintln!("{name}: {} bytes", bytes.len());
    size("four-copy agreement (12 people)", forms::agreement_pdf(&agreement, &template).unwrap());
    size("briefing sheet (80 people)", forms::briefing_pdf(COMPANY, &briefing).unwrap());
    size("approval form", forms::approval_pdf(COMPANY, Some(&application)).unwrap());
    size("ledger PDF (60 engagements, 296 lines)", forms::ledger_pdf(COMPANY, &ledger, "全部部门", "").unwrap());

    let mut group = c.benchmark_group("contractor forms");
    group.bench_function("four-copy agreement", |b| b.iter(|| forms::agreement_pdf(&agreement, &template).unwrap()));
    group.bench_function("briefing sheet, 80 people", |b| b.iter(|| forms::briefing_pdf(COMPANY, &briefing).unwrap()));
    group.bench_function("approval form", |b| b.iter(|| forms::approval_pdf(COMPANY, Some(&application)).unwrap()));
    group.bench_function("ledger PDF, 296 lines", |b| {
        b.iter(|| forms::ledger_pdf(COMPANY, &ledger, "全部部门", "").unwrap())
    });
    group.bench_function("ledger xlsx, 296 lines", |b| b.iter(|| forms::ledger_xlsx(&ledger, &xlsx).unwrap()));
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = contractor_forms;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(contractor_forms);
