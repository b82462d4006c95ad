//! The monthly complaint-rate and responsibility report against hand-computed figures: every
//! rate formula, a month without shipments, ship month ≠ complaint month, shares split across
//! departments and persons, cancelled complaints, 23:30 local on the last day, a year boundary;
//! the kept totals against a recount; the PDF's text and the xlsx read back; submission,
//! revisions and on time / late at the deadline's minute.

use crate::common;
use crate::pdf_read;

use calamine::{Data, Reader};
use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use common::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::clock::db_time;
use shouhou_core::db::Store;
use shouhou_core::report::{self, Month, MonthlyReport, RateFormula, ShipmentInput};
use shouhou_core::settings::{self, Settings};

/// A local (Shanghai) time as an instant.
fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Shanghai.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().with_timezone(&Utc)
}

fn october() -> Month {
    Month::parse("2026-10").unwrap()
}

/// A complaint written as the generator writes one (the triggers keep the totals either way).
struct Fixture<'a> {
    number: &'a str,
    received: DateTime<Utc>,
    state: &'a str,
    category: &'a str,
    severity: &'a str,
    channel: &'a str,
    customer: i64,
    /// (part number, ship date, defective)
    lines: Vec<(&'a str, Option<&'a str>, i64)>,
    contact_after_minutes: Option<i64>,
    closed_after_hours: Option<i64>,
    cause: &'a str,
    claimed_fen: i64,
    agreed_fen: i64,
    /// (department, party, share %)
    shares: Vec<(Option<i64>, &'a str, i64)>,
}

impl Default for Fixture<'_> {
    fn default() -> Self {
        Fixture {
            number: "",
            received: local(2026, 10, 1, 9, 0),
            state: "analysing",
            category: "quality",
            severity: "minor",
            channel: "hotline",
            customer: 0,
            lines: vec![],
            contact_after_minutes: None,
            closed_after_hours: None,
            cause: "",
            claimed_fen: 0,
            agreed_fen: 0,
            shares: vec![],
        }
    }
}

async fn insert(store: &Store, f: Fixture<'_>) -> i64 {
    let at = db_time(f.received);
    let closed = f.closed_after_hours.map(|h| db_time(f.received + Duration::hours(h)));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO complaint (number, state, received_at, channel, customer_id, category, severity, description,
                                cause_code, claimed_fen, agreed_fen, closed_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, '描述', ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(f.number)
    .bind(f.state)
    .bind(&at)
    .bind(f.channel)
    .bind(f.customer)
    .bind(f.category)
    .bind(f.severity)
    .bind(f.cause)
    .bind(f.claimed_fen)
    .bind(f.agreed_fen)
    .bind(closed)
    .bind(&at)
    .bind(&at)
    .fetch_one(store.pool())
    .await
    .unwrap();
    for (part, ship, defective) in f.lines {
        sqlx::query(
            "INSERT INTO complaint_line (complaint_id, part_number, ship_date, quantity, defective_quantity)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(part)
        .bind(ship)
        .bind(defective * 10)
        .bind(defective)
        .execute(store.pool())
        .await
        .unwrap();
    }
    if let Some(minutes) = f.contact_after_minutes {
        sqlx::query(
            "INSERT INTO complaint_contact (complaint_id, contacted_at, method, staff_name, summary, recorded_at)
             VALUES (?, ?, 'phone', '李娜', '已受理', ?)",
        )
        .bind(id)
        .bind(db_time(f.received + Duration::minutes(minutes)))
        .bind(&at)
        .execute(store.pool())
        .await
        .unwrap();
    }
    for (department, party, share) in f.shares {
        sqlx::query("INSERT INTO complaint_responsibility (complaint_id, department_id, party, share_percent) VALUES (?, ?, ?, ?)")
            .bind(id)
            .bind(department)
            .bind(party)
            .bind(share)
            .execute(store.pool())
            .await
            .unwrap();
    }
    id
}

async fn customer(store: &Store, code: &str, name: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO customer (code, name, kind, region, industry, grade, search_text, created_at, updated_at)
         VALUES (?, ?, 'company', '', '', 'normal', '', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z') RETURNING id",
    )
    .bind(code)
    .bind(name)
    .fetch_one(store.pool())
    .await
    .unwrap()
}

fn shipments(month: &str, shipped_quantity: i64, shipment_count: i64, service_contacts: i64) -> ShipmentInput {
    ShipmentInput {
        month: month.into(),
        customer_id: None,
        part_number: String::new(),
        shipped_quantity,
        shipment_count,
        service_contacts,
        note: String::new(),
    }
}

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    admin: Actor,
    clerk: Actor,
    quality: i64,
    production: i64,
}

/// October 2026 (Shanghai) by hand:
/// - KS-1 10-05, quality/minor, closed after 48 h, contacted after 30 min, P1 shipped 09-20 ×10
///   defective, 品控中心 100 %, cause 原材料, claimed 100.00 / agreed 80.00;
/// - KS-2 10-31 23:30 local (15:30 UTC, still October), quality/serious from a store channel,
///   contacted after 25 h (over the 24 h limit), P2 shipped 10-10 ×5, 品控中心 60 % + 张三 40 %,
///   cause 生产工艺, claimed 500.00;
/// - KS-3 10-15, non_quality/major, never contacted, P1 shipped 08-15 ×2, 生产部 50 % + 品控中心
///   50 %, cause 生产工艺;
/// - KS-4 10-20 cancelled (P1 ×100, 品控中心 100 %): counted apart only;
/// - KS-5 11-01 00:30 local (10-31 16:30 UTC): November;
/// - KS-6 2025-12-31 23:30 local: December 2025, P1 shipped 2025-12-01 ×3.
///
/// Shipments: 2026-10 10,000 pieces in 200 deliveries with 47 other contacts; 2026-09 5,000 in 100.
async fn world() -> World {
    let (dir, store, admin) = initialized().await;
    let quality = department_id(&store, "品控中心").await;
    let production = department_id(&store, "生产部").await;
    account::create_user(
        &store,
        &admin,
        new_user("lina", Role::AfterSales, Some(department_id(&store, "售后服务部").await)),
        at(7, 0),
    )
    .await
    .unwrap();
    let clerk = account::sign_in(&store, "lina", "pass12345", at(7, 1)).await.unwrap();
    let a = customer(&store, "KH1", "天津华泰机械有限公司").await;
    let b = customer(&store, "KH2", "北京精工设备有限公司").await;
    let s = &store;
    insert(
        s,
        Fixture {
            number: "KS-1",
            received: local(2026, 10, 5, 10, 0),
            state: "closed",
            customer: a,
            lines: vec![("P1", Some("2026-09-20"), 10)],
            contact_after_minutes: Some(30),
            closed_after_hours: Some(48),
            cause: "原材料",
            claimed_fen: 10_000,
            agreed_fen: 8_000,
            shares: vec![(Some(quality), "", 100)],
            ..Fixture::default()
        },
    )
    .await;
    insert(
        s,
        Fixture {
            number: "KS-2",
            received: local(2026, 10, 31, 23, 30),
            severity: "serious",
            channel: "store",
            customer: b,
            lines: vec![("P2", Some("2026-10-10"), 5)],
            contact_after_minutes: Some(25 * 60),
            cause: "生产工艺",
            claimed_fen: 50_000,
            shares: vec![(Some(quality), "", 60), (None, "张三", 40)],
            ..Fixture::default()
        },
    )
    .await;
    insert(
        s,
        Fixture {
            number: "KS-3",
            received: local(2026, 10, 15, 14, 0),
            state: "registered",
            category: "non_quality",
            severity: "major",
            customer: a,
            lines: vec![("P1", Some("2026-08-15"), 2)],
            cause: "生产工艺",
            shares: vec![(Some(production), "", 50), (Some(quality), "", 50)],
            ..Fixture::default()
        },
    )
    .await;
    insert(
        s,
        Fixture {
            number: "KS-4",
            received: local(2026, 10, 20, 9, 0),
            state: "cancelled",
            customer: b,
            lines: vec![("P1", Some("2026-10-01"), 100)],
            claimed_fen: 99_900,
            shares: vec![(Some(quality), "", 100)],
            ..Fixture::default()
        },
    )
    .await;
    insert(s, Fixture { number: "KS-5", received: local(2026, 11, 1, 0, 30), customer: a, ..Fixture::default() }).await;
    insert(
        s,
        Fixture {
            number: "KS-6",
            received: local(2025, 12, 31, 23, 30),
            customer: b,
            lines: vec![("P1", Some("2025-12-01"), 3)],
            ..Fixture::default()
        },
    )
    .await;
    report::shipment::save(s, &admin, None, 0, shipments("2026-10", 10_000, 200, 47), at(9, 0)).await.unwrap();
    report::shipment::save(s, &admin, None, 0, shipments("2026-09", 5_000, 100, 0), at(9, 0)).await.unwrap();
    World { _dir: dir, store, admin, clerk, quality, production }
}

async fn set(w: &World, change: impl FnOnce(&mut Settings)) {
    let mut s = settings::load(&w.store).await.unwrap();
    change(&mut s);
    settings::update(&w.store, &w.admin, s, at(9, 30)).await.unwrap();
}

async fn october_report(w: &World) -> MonthlyReport {
    report::monthly_report(&w.store, &w.admin, october(), local(2026, 11, 3, 9, 0)).await.unwrap()
}

fn count(rows: &[report::CountRow], key: &str) -> (i64, i64) {
    rows.iter().find(|r| r.key == key).map(|r| (r.complaints, r.defective)).unwrap_or((0, 0))
}

#[tokio::test]
async fn the_month_counts_by_local_time_and_keeps_cancelled_complaints_apart() {
    let w = world().await;
    let r = october_report(&w).await;
    assert_eq!((r.received, r.cancelled, r.closed, r.open), (3, 1, 1, 2));
    assert_eq!(r.defective_quantity, 17);
    assert_eq!(r.period_start, Utc.with_ymd_and_hms(2026, 9, 30, 16, 0, 0).unwrap());
    assert_eq!(r.period_end, Utc.with_ymd_and_hms(2026, 10, 31, 16, 0, 0).unwrap());
    assert_eq!(count(&r.by_category, "quality"), (2, 15));
    assert_eq!(count(&r.by_category, "non_quality"), (1, 2));
    assert_eq!(count(&r.by_severity, "major"), (1, 2));
    assert_eq!(count(&r.by_channel, "store"), (1, 5));
    assert_eq!(count(&r.by_state, "cancelled"), (1, 100));
    assert_eq!(count(&r.by_part_number, "P1"), (2, 12));
    assert_eq!(count(&r.by_part_number, "P2"), (1, 5));
    assert_eq!(r.by_customer[0].name, "天津华泰机械有限公司");
    assert_eq!((r.by_customer[0].complaints, r.by_customer[1].complaints), (2, 1));
    // 30 and 1,500 minutes: the lower median is 30; KS-3 not contacted; KS-2 over 24 h.
    let c = &r.first_contact;
    assert_eq!((c.measured, c.median, c.worst, c.missing, c.over_limit), (2, Some(30), Some(1500), 1, 1));
    assert_eq!((r.closing.measured, r.closing.median, r.closing.worst), (1, Some(48), Some(48)));
    assert_eq!((r.claimed_fen, r.agreed_fen), (60_000, 8_000));
    assert_eq!(r.major.total, 1);
    assert_eq!(r.major.items[0].number, "KS-3");
    assert_eq!(r.claims.items.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(), ["KS-1", "KS-2"]);

    // 23:30 on the last day belongs to October; 00:30 on the 1st to November.
    let november =
        report::monthly_report(&w.store, &w.admin, Month::parse("2026-11").unwrap(), local(2026, 12, 2, 9, 0))
            .await
            .unwrap();
    assert_eq!(november.received, 1);
    // The year boundary: 2025-12-31 23:30 local is December 2025, not January 2026.
    let december =
        report::monthly_report(&w.store, &w.admin, Month::parse("2025-12").unwrap(), local(2026, 1, 2, 9, 0))
            .await
            .unwrap();
    let january = report::monthly_report(&w.store, &w.admin, Month::parse("2026-01").unwrap(), local(2026, 2, 2, 9, 0))
        .await
        .unwrap();
    assert_eq!((december.received, january.received), (1, 0));
}

#[tokio::test]
async fn every_formula_states_its_counts_and_a_month_without_shipments_has_no_rate() {
    let w = world().await;
    let r = october_report(&w).await;
    // Case rate: 3 complaints ÷ 200 deliveries × 100 = 1.5 %.
    assert_eq!(r.rate.formula, RateFormula::CaseRate);
    assert_eq!((r.rate.numerator, r.rate.denominator, r.rate.value), (3, Some(200), Some(1.5)));
    assert_eq!(r.rate.formula_text, "投诉件数 ÷ 发货次数 × 100%");
    // Moving 12 months: only September and October have shipments: (0 + 3) ÷ (100 + 200).
    assert_eq!((r.moving_12.numerator, r.moving_12.denominator, r.moving_12.value), (3, Some(300), Some(1.0)));
    assert_eq!(r.moving_12.note, "其中10个月无发货数据,未计入");
    assert_eq!(r.trend.len(), 12);
    assert_eq!(r.trend[0].month, "2025-11");
    let december = r.trend.iter().find(|t| t.month == "2025-12").unwrap();
    assert_eq!((december.numerator, december.denominator, december.value), (1, None, None));
    assert_eq!((r.target, r.meets_target), (None, None));

    set(&w, |s| {
        s.complaint_rate_formula = RateFormula::Ppm;
        s.complaint_rate_target = Some(1500.0);
    })
    .await;
    let r = october_report(&w).await;
    // 17 defective ÷ 10,000 shipped × 1,000,000 = 1,700 PPM, over the 1,500 target.
    assert_eq!((r.rate.numerator, r.rate.denominator, r.rate.value), (17, Some(10_000), Some(1700.0)));
    assert_eq!((r.rate.unit.as_str(), r.meets_target), ("PPM", Some(false)));

    set(&w, |s| s.complaint_rate_formula = RateFormula::PerCustomer).await;
    let r = october_report(&w).await;
    // 3 complaints ÷ 2 customers on the archive × 100.
    assert_eq!((r.rate.numerator, r.rate.denominator, r.rate.value), (3, Some(2), Some(150.0)));

    set(&w, |s| s.complaint_rate_formula = RateFormula::ContactShare).await;
    let r = october_report(&w).await;
    // 3 ÷ (3 + 47) × 100 = 6 %.
    assert_eq!((r.rate.numerator, r.rate.denominator, r.rate.value), (3, Some(50), Some(6.0)));

    set(&w, |s| s.complaint_rate_formula = RateFormula::CaseRate).await;
    let november =
        report::monthly_report(&w.store, &w.admin, Month::parse("2026-11").unwrap(), local(2026, 12, 2, 9, 0))
            .await
            .unwrap();
    assert_eq!((november.rate.numerator, november.rate.denominator, november.rate.value), (1, None, None));
    assert_eq!(november.rate.note, "无发货数据");
    // A month whose shipment count is zero says so rather than dividing by it.
    report::shipment::save(&w.store, &w.admin, None, 0, shipments("2026-11", 0, 0, 0), at(9, 0)).await.unwrap();
    let november =
        report::monthly_report(&w.store, &w.admin, Month::parse("2026-11").unwrap(), local(2026, 12, 2, 9, 0))
            .await
            .unwrap();
    assert_eq!((november.rate.denominator, november.rate.value), (Some(0), None));
    assert_eq!(november.rate.note, "发货次数为0,不计算");
}

#[tokio::test]
async fn complaints_count_by_ship_month_against_that_months_shipments() {
    let w = world().await;
    let r = october_report(&w).await;
    let rows: Vec<(&str, i64, i64, Option<f64>)> =
        r.by_ship_month.iter().map(|s| (s.ship_month.as_str(), s.lines, s.defective, s.value)).collect();
    // KS-6 (shipped 2025-12), KS-3 (2026-08, no shipments), KS-1 (2026-09: 1 ÷ 100), KS-2
    // (2026-10: 1 ÷ 200); the cancelled KS-4 and November's KS-5 not at all.
    assert_eq!(
        rows,
        [("2025-12", 1, 3, None), ("2026-08", 1, 2, None), ("2026-09", 1, 10, Some(1.0)), ("2026-10", 1, 5, Some(0.5))]
    );
}

#[tokio::test]
async fn responsibility_is_share_weighted_and_traceable_to_complaint_numbers() {
    let w = world().await;
    let r = october_report(&w).await;
    let dept = |id: i64| r.responsibility.by_department.iter().find(|p| p.key == id.to_string()).unwrap().clone();
    let quality = dept(w.quality);
    // KS-1 100 %, KS-2 60 %, KS-3 50 %: 2.1; claims 100.00 + 60 % of 500.00.
    assert_eq!((quality.complaints, quality.weighted), (3, 2.1));
    assert_eq!((quality.claimed_fen, quality.agreed_fen), (40_000, 8_000));
    assert_eq!(quality.numbers, ["KS-1", "KS-3", "KS-2"]);
    let production = dept(w.production);
    assert_eq!(
        (production.complaints, production.weighted, production.numbers.clone()),
        (1, 0.5, vec!["KS-3".to_owned()])
    );
    let person = &r.responsibility.by_party[0];
    assert_eq!((person.name.as_str(), person.weighted, person.claimed_fen), ("张三", 0.4, 20_000));
    assert_eq!(person.numbers, ["KS-2"]);
    let cause = |key: &str| r.responsibility.by_cause.iter().find(|p| p.key == key).unwrap().clone();
    assert_eq!((cause("生产工艺").complaints, cause("生产工艺").claimed_fen), (2, 50_000));
    assert_eq!(cause("生产工艺").numbers, ["KS-3", "KS-2"]);
    assert_eq!((cause("原材料").complaints, cause("原材料").agreed_fen), (1, 8_000));
    // The cancelled KS-4 is nobody's responsibility.
    assert!(r.responsibility.by_department.iter().all(|p| !p.numbers.contains(&"KS-4".to_owned())));
}

/// The kept totals equal a recount from the raw rows after every kind of change.
#[tokio::test]
async fn the_kept_totals_equal_a_recount_after_every_kind_of_change() {
    let w = world().await;
    let s = w.store.pool();
    for sql in [
        "UPDATE complaint SET state = 'cancelled' WHERE number = 'KS-1'",
        "UPDATE complaint SET received_at = '2026-09-15T02:00:00.000Z' WHERE number = 'KS-3'",
        "UPDATE complaint SET cause_code = '设备', claimed_fen = 123, agreed_fen = 45 WHERE number = 'KS-2'",
        "UPDATE complaint_line SET defective_quantity = 1, ship_date = '2026-07-01' WHERE part_number = 'P2'",
        "UPDATE complaint_responsibility SET share_percent = 70 WHERE party = '张三'",
        "DELETE FROM complaint_contact WHERE complaint_id = (SELECT id FROM complaint WHERE number = 'KS-2')",
        "UPDATE complaint SET state = 'closed', closed_at = '2026-11-01T00:00:00.000Z' WHERE number = 'KS-5'",
        "DELETE FROM complaint WHERE number = 'KS-6'",
    ] {
        sqlx::query(sql).execute(s).await.unwrap();
    }
    let tables = [
        "SELECT * FROM report_tally WHERE complaints <> 0 OR defective <> 0 OR claimed_fen <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7",
        "SELECT * FROM report_customer_tally WHERE complaints <> 0 ORDER BY 1, 2",
        "SELECT * FROM report_line_tally WHERE lines <> 0 ORDER BY 1, 2, 3, 4",
        "SELECT * FROM report_responsibility_tally WHERE entries <> 0 ORDER BY 1, 2, 3, 4, 5",
        "SELECT * FROM report_duration_tally WHERE complaints <> 0 ORDER BY 1, 2, 3",
    ];
    let mut kept = Vec::new();
    for t in tables {
        kept.push(dump(&w.store, t).await);
    }
    let mut conn = s.acquire().await.unwrap();
    report::rebuild_tallies(&mut conn).await.unwrap();
    drop(conn);
    for (t, before) in tables.iter().zip(kept) {
        assert_eq!(dump(&w.store, t).await, before, "{t}");
    }
    assert!(!dump(&w.store, tables[0]).await.is_empty());
}

async fn dump(store: &Store, sql: &'static str) -> Vec<String> {
    use sqlx::{Row, ValueRef};
    let rows = sqlx::query(sql).fetch_all(store.pool()).await.unwrap();
    rows.iter()
        .map(|row| {
            (0..row.columns().len())
                .map(|i| {
                    let raw = row.try_get_raw(i).unwrap();
                    if raw.is_null() {
                        "NULL".to_owned()
                    } else if let Ok(n) = row.try_get::<i64, _>(i) {
                        n.to_string()
                    } else {
                        row.try_get::<String, _>(i).unwrap()
                    }
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

/// The time zone setting moves the month boundaries: the kept totals are recounted.
#[tokio::test]
async fn another_time_zone_recounts_the_months() {
    let w = world().await;
    set(&w, |s| s.time_zone = "UTC".into()).await;
    let r = report::monthly_report(&w.store, &w.admin, october(), local(2026, 11, 3, 9, 0)).await.unwrap();
    // In UTC, KS-2 (15:30 UTC on the 31st) is still October and KS-5 (16:30 UTC) too.
    assert_eq!(r.received, 4);
    assert_eq!(r.period_start, Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap());
}

#[tokio::test]
async fn complaints_registered_through_the_workflow_are_counted() {
    use shouhou_core::complaint::{self, Category, Channel, ProductLine, Registration, Severity};
    let w = world().await;
    let customer = sqlx::query_scalar::<_, i64>("SELECT id FROM customer WHERE code = 'KH1'")
        .fetch_one(w.store.pool())
        .await
        .unwrap();
    let registration = Registration {
        received_at: local(2026, 10, 31, 23, 59),
        channel: Channel::Website,
        customer_id: customer,
        contact_name: "张伟".into(),
        contact_phone: "13800001111".into(),
        store_id: None,
        category: Category::Quality,
        severity: Severity::Minor,
        description: "轴承异响。".into(),
        customer_demand: "更换".into(),
        lines: vec![ProductLine {
            order_number: "SO-1".into(),
            part_number: "P9".into(),
            batch: String::new(),
            ship_date: chrono::NaiveDate::from_ymd_opt(2026, 10, 2),
            quantity: 50,
            defective_quantity: 4,
            product_name: String::new(),
            specification: String::new(),
        }],
        samples: String::new(),
        reply_by: None,
    };
    complaint::register(&w.store, &w.clerk, registration, local(2026, 11, 1, 8, 0)).await.unwrap();
    let r = october_report(&w).await;
    assert_eq!((r.received, r.defective_quantity), (4, 21));
    assert_eq!(count(&r.by_channel, "website"), (1, 4));
    assert_eq!(count(&r.by_part_number, "P9"), (1, 4));
}

#[tokio::test]
async fn the_pdf_and_the_workbook_carry_the_figures() {
    let w = world().await;
    let now = local(2026, 11, 3, 9, 0);
    let pdf = report::export(&w.store, &w.admin, october(), None, report::ReportFormat::Pdf, now).await.unwrap();
    // To look at it: REPORT_PDF_OUT=/tmp/report.pdf cargo test --test report the_pdf
    if let Ok(out) = std::env::var("REPORT_PDF_OUT") {
        std::fs::write(out, &pdf).unwrap();
    }
    let text = pdf_read::text_of(&pdf);
    for wanted in [
        "月度客户投诉率及责任归属报表",
        "天津示例机械有限公司",
        "2026年10月",
        "投诉件数÷发货次数×100%",
        "1.5%",
        "近12个月投诉率",
        "其中10个月无发货数据,未计入",
        "品控中心",
        "2.1",
        "KS-1、KS-3、KS-2",
        "张三",
        "生产工艺",
        "撤销(单列,不计入)",
        "2026-09",
        "重大投诉1件",
        "KS-3",
        "审核(售后服务部经理)",
    ] {
        assert!(pdf_read::has(&text, wanted), "PDF lacks {wanted}: {text}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报表.xlsx");
    let bytes = report::export(&w.store, &w.admin, october(), None, report::ReportFormat::Xlsx, now).await.unwrap();
    std::fs::write(&path, bytes).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let names = book.sheet_names();
    for sheet in [
        "投诉率",
        "概况",
        "趋势",
        "按发货月",
        "按类别",
        "责任部门",
        "责任单位或个人",
        "项目原因",
        "重大投诉",
        "索赔",
        "改善措施",
    ] {
        assert!(names.iter().any(|n| n == sheet), "{sheet} in {names:?}");
    }
    let rate = book.worksheet_range("投诉率").unwrap();
    assert_eq!(rate.get_value((1, 1)), Some(&Data::Float(3.0)));
    assert_eq!(rate.get_value((1, 2)), Some(&Data::Float(200.0)));
    assert_eq!(rate.get_value((1, 3)), Some(&Data::Float(1.5)));
    let departments = book.worksheet_range("责任部门").unwrap();
    let row = (1..departments.height() as u32)
        .find(|r| departments.get_value((*r, 0)) == Some(&Data::String("品控中心".into())))
        .unwrap();
    assert_eq!(departments.get_value((row, 2)), Some(&Data::Float(2.1)));
    assert_eq!(departments.get_value((row, 3)), Some(&Data::Float(400.0)));
    let json = report::export(&w.store, &w.admin, october(), None, report::ReportFormat::Json, now).await.unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(value["rate"]["value"], 1.5);
    assert_eq!(value["responsibility"]["by_party"][0]["numbers"][0], "KS-2");
}

#[tokio::test]
async fn a_submission_is_a_snapshot_on_time_to_the_deadlines_minute_and_revised_with_a_reason() {
    let w = world().await;
    // Due 2026-11-05 17:00 Shanghai.
    let due = local(2026, 11, 5, 17, 0);
    let early = report::submit(&w.store, &w.clerk, october(), "", local(2026, 10, 31, 12, 0)).await.unwrap_err();
    assert_eq!(early.field(), Some("month"));
    let first = report::submit(&w.store, &w.clerk, october(), "", due + Duration::seconds(59)).await.unwrap();
    assert_eq!((first.summary.revision, first.summary.on_time, first.summary.deadline_at), (1, true, due));
    assert_eq!(first.report.received, 3);

    // A complaint changed after submission changes today's figures, not the submitted ones.
    sqlx::query("UPDATE complaint SET state = 'cancelled' WHERE number = 'KS-1'")
        .execute(w.store.pool())
        .await
        .unwrap();
    let page = report::report_page(&w.store, &w.admin, october(), due + Duration::hours(1)).await.unwrap();
    assert_eq!(page.report.received, 2);
    assert!(page.differences.iter().any(|d| d.figure == "投诉件数" && d.submitted == "3" && d.today == "2"));
    let kept = report::submission(&w.store, &w.admin, october(), 1).await.unwrap();
    assert_eq!((kept.report.received, kept.report.rate.value), (3, Some(1.5)));

    let no_reason = report::submit(&w.store, &w.clerk, october(), "  ", due + Duration::minutes(1)).await.unwrap_err();
    assert_eq!(no_reason.field(), Some("reason"));
    let second = report::submit(&w.store, &w.clerk, october(), "KS-1 为重复登记,已撤销", due + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!((second.summary.revision, second.summary.on_time, second.report.received), (2, false, 2));
    let list = report::submissions(&w.store, &w.admin, october()).await.unwrap();
    assert_eq!(list.iter().map(|s| (s.revision, s.on_time)).collect::<Vec<_>>(), [(1, true), (2, false)]);
    // Every revision prints as it was.
    let pdf = report::export(&w.store, &w.admin, october(), Some(1), report::ReportFormat::Pdf, due).await.unwrap();
    let text = pdf_read::text_of(&pdf);
    assert!(pdf_read::has(&text, "第1版"), "{text}");
    assert!(pdf_read::has(&text, "按时"), "{text}");
    let pdf = report::export(&w.store, &w.admin, october(), Some(2), report::ReportFormat::Pdf, due).await.unwrap();
    let text = pdf_read::text_of(&pdf);
    assert!(pdf_read::has(&text, "逾期") && pdf_read::has(&text, "KS-1为重复登记,已撤销"), "{text}");
    // The stored snapshots cannot be changed or removed.
    assert!(sqlx::query("UPDATE report_submission SET on_time = 1").execute(w.store.pool()).await.is_err());
    assert!(sqlx::query("DELETE FROM report_submission").execute(w.store.pool()).await.is_err());
    // Only the after-sales department submits.
    account::create_user(
        &w.store,
        &w.admin,
        new_user("chen", Role::Business, Some(department_id(&w.store, "业务部").await)),
        at(7, 0),
    )
    .await
    .unwrap();
    let business = account::sign_in(&w.store, "chen", "pass12345", at(7, 1)).await.unwrap();
    let refused = report::submit(&w.store, &business, october(), "x", due).await.unwrap_err();
    assert_eq!(refused.code(), "forbidden");
}

#[tokio::test]
async fn the_dashboard_counts_open_work_and_counts_down_to_the_deadline() {
    let w = world().await;
    set(&w, |s| s.complaint_rate_target = Some(2.0)).await;
    let now = local(2026, 11, 3, 17, 0);
    let d = report::dashboard(&w.store, &w.admin, now).await.unwrap();
    // Open: KS-2 analysing, KS-3 registered, KS-5 analysing, KS-6 analysing.
    assert_eq!(d.open_total, 4);
    let state = |key: &str| d.open_by_state.iter().find(|r| r.key == key).unwrap().complaints;
    assert_eq!((state("analysing"), state("registered")), (3, 1));
    // KS-3, KS-5 and KS-6 were never contacted.
    assert_eq!(d.overdue_contact, 3);
    assert_eq!(d.major_open, 1);
    assert_eq!((d.claims_open, d.claims_open_fen), (1, 50_000));
    assert_eq!(d.report_month, "2026-10");
    assert_eq!(d.report_seconds_left, 2 * 24 * 3600);
    assert!(d.report_submitted.is_none());
    // This year: January to November, months with shipments only: 3 ÷ 300.
    assert_eq!((d.year_rate.numerator, d.year_rate.value, d.meets_target), (3, Some(1.0), Some(true)));
    let age: Vec<(String, i64)> = d.open_by_age.iter().map(|b| (b.label.clone(), b.complaints)).collect();
    assert_eq!(age[0], ("本月受理".into(), 1));
    assert_eq!(age[1], ("上月受理".into(), 2));
    assert_eq!(age[3], ("3个月以前".into(), 1));
    let quality = d.responsibility_by_department.iter().find(|p| p.key == w.quality.to_string()).unwrap();
    assert_eq!(quality.weighted, 2.1);
}

#[tokio::test]
async fn shipments_import_from_the_erp_sheet_all_or_nothing_with_row_numbers() {
    use shouhou_core::xlsx::{ImportMode, ImportOutcome};
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let bad = sheet(
        dir.path(),
        "bad.xlsx",
        &[
            &["发货月份", "客户编号", "料号", "出货数量", "发货次数"],
            &["2026-08", "KH1", "P1", "#1200", "#30"],
            &["2026-13", "", "", "#5", "#1"],
            &["2026-08", "KH9", "", "#5", "#1"],
        ],
    );
    let outcome = report::shipment::import_mapped(&w.store, &w.admin, &bad, ImportMode::AllOrNothing, None, at(9, 0))
        .await
        .unwrap();
    let ImportOutcome::Imported(r) = outcome else { panic!("headers are known synonyms") };
    assert_eq!(r.imported, 0);
    assert_eq!(
        r.problems.iter().map(|p| (p.row, p.column.as_str())).collect::<Vec<_>>(),
        [(3, "月份"), (4, "客户编号")]
    );
    let good = sheet(
        dir.path(),
        "good.xlsx",
        &[
            &["月份", "客户编号", "料号", "发货数量", "发货次数"],
            &["2026-08", "KH1", "P1", "#1200", "#30"],
            &["2026-08", "", "P2", "#800", "#20"],
        ],
    );
    let outcome = report::shipment::import_mapped(&w.store, &w.admin, &good, ImportMode::AllOrNothing, None, at(9, 0))
        .await
        .unwrap();
    let ImportOutcome::Imported(r) = outcome else { panic!() };
    assert_eq!((r.imported, r.problems.len()), (2, 0));
    let r = october_report(&w).await;
    let august = r.by_ship_month.iter().find(|s| s.ship_month == "2026-08").unwrap();
    // KS-3's line shipped in August: 1 ÷ 50 deliveries.
    assert_eq!((august.shipment_count, august.value), (Some(50), Some(2.0)));
    let template = dir.path().join("模板.xlsx");
    report::shipment::export(&w.store, &w.admin, &template, &Default::default(), true).await.unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&template).unwrap();
    assert_eq!(book.sheet_names(), ["发货数据", "填写说明"]);
    let _ = book.worksheet_range("填写说明").unwrap();
}

#[tokio::test]
async fn the_command_line_writes_the_report_as_json_pdf_and_xlsx() {
    let w = world().await;
    let dir = w._dir.path().to_path_buf();
    let out = tempfile::tempdir().unwrap();
    for format in ["json", "pdf", "xlsx"] {
        let file = out.path().join(format!("报表.{format}"));
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_shouhou"))
            .arg("--data-dir")
            .arg(&dir)
            .args(["report", "monthly", "--month", "2026-10", "--format", format, "--out"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        assert!(std::fs::metadata(&file).unwrap().len() > 100, "{format}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("报表.json")).unwrap()).unwrap();
    assert_eq!((json["month"].as_str(), json["received"].as_i64()), (Some("2026-10"), Some(3)));
    assert_eq!(json["rate"]["denominator"], 200);
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_shouhou"))
        .arg("--data-dir")
        .arg(&dir)
        .args(["report", "monthly", "--month", "2026-13", "--format", "pdf", "--out", "/tmp/x.pdf"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("2026-13"));
}
