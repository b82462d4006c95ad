//! Education (issue 10): the sign-in sheet for 60 attendees and the education card (each ≤ 50 ms
//! and ≤ 100 KB), and the standing of one person over 40 classes. Sizes are printed once before
//! timing; the documents are rendered from samples, without a database.
//!
//!     cargo bench -p shouhou-core --bench education

use criterion::{Criterion, criterion_group, criterion_main};
use shouhou_core::contractor::education::{AttendedClass, print, standing};
use shouhou_core::settings::SafetyRules;

const COMPANY: &str = "天津示例机械有限公司";

fn benches(c: &mut Criterion) {
    let class = print::sample_class(60);
    let card = print::sample_education(24);
    let printed = "打印:2026-11-27 09:00 赵安全";
    eprintln!("sign-in sheet (60 people): {} bytes", print::sheet_pdf(COMPANY, &class, printed).unwrap().len());
    eprintln!("education card (24 classes): {} bytes", print::card_pdf(COMPANY, &card, printed).unwrap().len());
    let many = print::sample_education(40);
    let attended: Vec<_> = many.classes.iter().map(AttendedClass::attended).collect();
    let rules = SafetyRules::default();
    let on = many.standing.on;

    let mut group = c.benchmark_group("education");
    group
        .bench_function("sign-in sheet, 60 people", |b| b.iter(|| print::sheet_pdf(COMPANY, &class, printed).unwrap()));
    group
        .bench_function("education card, 24 classes", |b| b.iter(|| print::card_pdf(COMPANY, &card, printed).unwrap()));
    group.bench_function("standing, 40 classes", |b| b.iter(|| standing(&attended, &rules, true, None, Some(on), on)));
    group.finish();
}

criterion_group! {
    name = education;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(education);
