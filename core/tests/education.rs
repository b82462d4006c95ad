//! Three-level safety education and the person's certificates through the use-cases: one class
//! for many workers, scores for the whole sheet, versions, permissions and the audit; the
//! worker's standing and certificates; the safety department's expiring list; the sign-in sheet
//! and the education card read back with pdftotext. Workers are inserted with plain SQL (the
//! worker record is another helper's module).

use crate::common;
use crate::pdf_read;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::*;
use pdf_read::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::contractor::education::{self, ClassInput, ClassLevel, ClassQuery, DueKind, ScoreInput, print};
use shouhou_core::contractor::person_certificate::{
    self, CertificateStatus, PersonCertificateKind, WorkerCertificateInput,
};
use shouhou_core::db::Store;

/// 2026-11-27 in Asia/Shanghai.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn now() -> DateTime<Utc> {
    at(9, 0)
}

fn later(days: i64) -> DateTime<Utc> {
    now() + Duration::days(days)
}

/// A worker row as the worker record would write it.
async fn worker(store: &Store, name: &str, id_number: &str, trade: &str, special_class: &str) -> i64 {
    let unit: Option<i64> =
        sqlx::query_scalar("SELECT id FROM contractor_unit WHERE name = '天津宏远建设工程有限公司'")
            .fetch_optional(store.pool())
            .await
            .unwrap();
    let unit = match unit {
        Some(id) => id,
        None => sqlx::query_scalar(
            "INSERT INTO contractor_unit (name, credit_code, created_at, updated_at)
             VALUES ('天津宏远建设工程有限公司', '91120116MA05JXQ75R', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
             RETURNING id",
        )
        .fetch_one(store.pool())
        .await
        .unwrap(),
    };
    sqlx::query_scalar(
        "INSERT INTO contractor_worker (name, id_number, birth_date, sex, category, unit_id, trade, special_class,
                                        created_at, updated_at)
         VALUES (?, ?, '1990-03-07', 'male', 'outsourced', ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
         RETURNING id",
    )
    .bind(name)
    .bind(id_number)
    .bind(unit)
    .bind(trade)
    .bind(special_class)
    .fetch_one(store.pool())
    .await
    .unwrap()
}

fn class_input(level: ClassLevel, held_on: NaiveDate, hours_tenths: i64) -> ClassInput {
    ClassInput {
        level,
        held_on,
        hours_tenths,
        content: format!("{}安全教育:安全生产法律法规、本岗位危险因素与防范措施", level.label()),
        instructor: "赵安全".into(),
        place: "安全培训室".into(),
        department_id: None,
        engagement_id: None,
        pass_mark: 60,
    }
}

async fn user(store: &Store, admin: &Actor, username: &str, role: Role, department: Option<&str>) -> Actor {
    let department_id = match department {
        Some(name) => Some(department_id(store, name).await),
        None => None,
    };
    account::create_user(store, admin, new_user(username, role, department_id), now()).await.unwrap();
    account::sign_in(store, username, "pass12345", now()).await.unwrap()
}

#[tokio::test]
async fn one_class_for_many_people_with_scores_for_the_whole_sheet() {
    let (_dir, store, admin) = initialized().await;
    let a = worker(&store, "张伟", "11010119900307123X", "电工", "电工作业").await;
    let b = worker(&store, "李强", "110101199003071256", "焊工", "").await;
    let c = worker(&store, "王磊", "110101199003071272", "架子工", "").await;

    // At least one attendee; no date after today; 学时 in half steps.
    let err = education::create(&store, &admin, class_input(ClassLevel::Company, today(), 80), vec![], now())
        .await
        .unwrap_err();
    assert_eq!((err.field(), err.user_message().as_str()), (Some("attendees"), "至少选择一名参加培训人员"));
    let err = education::create(
        &store,
        &admin,
        class_input(ClassLevel::Company, today() + Duration::days(1), 80),
        vec![a],
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("held_on"));
    let err = education::create(&store, &admin, class_input(ClassLevel::Company, today(), 0), vec![a], now())
        .await
        .unwrap_err();
    assert_eq!(err.user_message(), "学时必须大于0");
    let err = education::create(&store, &admin, class_input(ClassLevel::Company, today(), 80), vec![a, 9999], now())
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("attendees"));

    let before = audit_count(&store).await;
    let class = education::create(&store, &admin, class_input(ClassLevel::Company, today(), 80), vec![a, b, a], now())
        .await
        .unwrap();
    assert_eq!(audit_count(&store).await, before + 1);
    assert_eq!(class.attendees.len(), 2, "a person listed twice signs once");
    assert!(class.attendees.iter().all(|x| x.id_number_masked.contains("********")));
    assert!(class.attendees.iter().all(|x| x.score.is_none() && x.passed.is_none()));

    let class = education::add_attendees(&store, &admin, class.id, class.version, vec![c, b], now()).await.unwrap();
    assert_eq!(class.attendees.len(), 3);
    // A stale version is refused.
    let err = education::add_attendees(&store, &admin, class.id, 1, vec![c], now()).await.unwrap_err();
    assert_eq!(err.code(), "stale");

    // Scores: 0–100; everyone at once; passed = score ≥ pass mark.
    let scores = |x: i64, y: Option<i64>, z: i64| {
        vec![
            ScoreInput { worker_id: a, score: Some(x), signed: true },
            ScoreInput { worker_id: b, score: y, signed: false },
            ScoreInput { worker_id: c, score: Some(z), signed: true },
        ]
    };
    let err = education::record_scores(&store, &admin, class.id, class.version, scores(101, None, 60), now())
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("score"));
    let class =
        education::record_scores(&store, &admin, class.id, class.version, scores(85, None, 59), now()).await.unwrap();
    let by_name = |n: &str| class.attendees.iter().find(|x| x.name == n).unwrap().clone();
    assert_eq!((by_name("张伟").score, by_name("张伟").passed), (Some(85), Some(true)));
    assert_eq!((by_name("李强").passed, by_name("李强").signed), (None, false));
    assert_eq!(by_name("王磊").passed, Some(false));
    let summary: String =
        sqlx::query_scalar("SELECT summary FROM audit_event WHERE entity = 'safety_class' ORDER BY id DESC LIMIT 1")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(summary, "2026-11-27 厂级安全教育(8 学时) 录入考试成绩:2 人参加考试,1 人合格");

    // Remove one; the last one stays.
    let class = education::remove_attendee(&store, &admin, class.id, class.version, c, now()).await.unwrap();
    let class = education::remove_attendee(&store, &admin, class.id, class.version, b, now()).await.unwrap();
    let err = education::remove_attendee(&store, &admin, class.id, class.version, a, now()).await.unwrap_err();
    assert_eq!(err.field(), Some("attendees"));

    // The list filters by level and date, newest first.
    education::create(
        &store,
        &admin,
        class_input(ClassLevel::Workshop, today() - Duration::days(3), 80),
        vec![a, b],
        now(),
    )
    .await
    .unwrap();
    let all = education::list(&store, &admin, &ClassQuery::default()).await.unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(all.items[0].level, ClassLevel::Company);
    assert_eq!((all.items[0].attendee_count, all.items[0].passed_count), (1, 1));
    let workshop =
        education::list(&store, &admin, &ClassQuery { level: Some(ClassLevel::Workshop), ..Default::default() })
            .await
            .unwrap();
    assert_eq!(workshop.total, 1);
    let of_c = education::list(&store, &admin, &ClassQuery { worker_id: Some(c), ..Default::default() }).await.unwrap();
    assert_eq!(of_c.total, 0);
    let old =
        education::list(&store, &admin, &ClassQuery { to: Some(today() - Duration::days(1)), ..Default::default() })
            .await
            .unwrap();
    assert_eq!(old.total, 1);
}

#[tokio::test]
async fn only_the_safety_and_hiring_departments_record_education() {
    let (_dir, store, admin) = initialized().await;
    let a = worker(&store, "张伟", "11010119900307123X", "电工", "电工作业").await;
    let gate = user(&store, &admin, "gate1", Role::Gate, Some("保卫部")).await;
    let safety = user(&store, &admin, "safety1", Role::Safety, Some("安全管理部")).await;
    let quality = user(&store, &admin, "quality1", Role::Quality, Some("品控中心")).await;
    let input = || class_input(ClassLevel::Company, today(), 80);
    assert_eq!(education::create(&store, &gate, input(), vec![a], now()).await.unwrap_err().code(), "forbidden");
    let class = education::create(&store, &safety, input(), vec![a], now()).await.unwrap();
    assert_eq!(class.created_by, "safety1姓名");
    // The gate sees; the quality centre does not.
    assert!(education::get(&store, &gate, class.id).await.is_ok());
    assert_eq!(education::get(&store, &quality, class.id).await.unwrap_err().code(), "forbidden");
}

#[tokio::test]
async fn a_worker_standing_follows_the_classes_and_certificates_their_reviews() {
    let (_dir, store, admin) = initialized().await;
    let a = worker(&store, "张伟", "11010119900307123X", "电工", "电工作业").await;
    let day = |d: i64| today() - Duration::days(d);
    for (level, held, hours) in
        [(ClassLevel::Company, day(10), 80), (ClassLevel::Workshop, day(9), 80), (ClassLevel::Team, day(8), 75)]
    {
        let c = education::create(&store, &admin, class_input(level, held, hours), vec![a], now()).await.unwrap();
        education::record_scores(
            &store,
            &admin,
            c.id,
            c.version,
            vec![ScoreInput { worker_id: a, score: Some(90), signed: true }],
            now(),
        )
        .await
        .unwrap();
    }
    let e = education::worker_education(&store, &admin, a, now()).await.unwrap();
    assert_eq!(e.classes.len(), 3);
    assert_eq!(e.id_number_masked, "110101********123X");
    assert_eq!(e.standing.pre_job_hours_tenths, 235);
    assert!(!e.standing.complete);
    assert_eq!(e.standing.issues[0].message, "三级安全教育学时不足:已 23.5 学时,须 24 学时");
    // Half an hour more of team level completes it.
    let c = education::create(&store, &admin, class_input(ClassLevel::Team, day(1), 5), vec![a], now()).await.unwrap();
    education::record_scores(
        &store,
        &admin,
        c.id,
        c.version,
        vec![ScoreInput { worker_id: a, score: Some(60), signed: true }],
        now(),
    )
    .await
    .unwrap();
    let e = education::worker_education(&store, &admin, a, now()).await.unwrap();
    assert!(e.standing.complete, "{:?}", e.standing.issues);

    // A 特种作业操作证 issued 2021-01-10: valid 6 years, review after 3.
    let input = WorkerCertificateInput {
        kind: PersonCertificateKind::SpecialOperation,
        class: "电工作业".into(),
        number: "T110101199003071234".into(),
        issuer: "天津市应急管理局".into(),
        issued_on: NaiveDate::from_ymd_opt(2021, 1, 10).unwrap(),
        valid_to: None,
        last_reviewed_on: None,
    };
    let lines = person_certificate::save(&store, &admin, a, None, None, input.clone(), now()).await.unwrap();
    let cert = lines[0].certificate.clone();
    assert_eq!(cert.valid_to, NaiveDate::from_ymd_opt(2027, 1, 10).unwrap());
    assert_eq!(cert.review_due_on, NaiveDate::from_ymd_opt(2024, 1, 10).unwrap());
    assert_eq!(lines[0].status, CertificateStatus::ReviewOverdue);
    // The review passed on 2023-12-01 moves the due date three years on.
    let lines = person_certificate::record_review(
        &store,
        &admin,
        cert.id,
        cert.version,
        NaiveDate::from_ymd_opt(2023, 12, 1).unwrap(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(lines[0].certificate.review_due_on, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    assert_eq!(lines[0].status, CertificateStatus::ReviewWindow);
    let summary: String = sqlx::query_scalar(
        "SELECT summary FROM audit_event WHERE entity = 'worker_certificate' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(summary, "张伟 特种作业操作证 电工作业 T110101199003071234 复审合格(2023-12-01),下次复审 2026-12-01");
    // A review before the last one is refused.
    let err = person_certificate::record_review(
        &store,
        &admin,
        cert.id,
        lines[0].certificate.version,
        NaiveDate::from_ymd_opt(2023, 6, 1).unwrap(),
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("reviewed_on"));
    // 特种设备作业人员证: every 4 years.
    let equipment = WorkerCertificateInput {
        kind: PersonCertificateKind::SpecialEquipment,
        class: "起重机指挥".into(),
        number: "Q1".into(),
        issued_on: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
        ..input
    };
    let lines = person_certificate::save(&store, &admin, a, None, None, equipment, now()).await.unwrap();
    let q = lines.iter().find(|l| l.certificate.number == "Q1").unwrap();
    assert_eq!(q.certificate.review_due_on, NaiveDate::from_ymd_opt(2028, 5, 1).unwrap());
    assert_eq!(q.status, CertificateStatus::Valid);
    // Removing it leaves the other.
    let lines = person_certificate::remove(&store, &admin, q.certificate.id, now()).await.unwrap();
    assert_eq!(lines.len(), 1);

    // 61 days later the review date has passed: the certificate is invalid.
    let e = education::worker_education(&store, &admin, a, later(5)).await.unwrap();
    assert_eq!(e.certificates[0].status, CertificateStatus::ReviewOverdue);
}

async fn engagement_with(store: &Store, worker_ids: &[i64], state: &str, high_risk: bool) -> i64 {
    let department = department_id(store, "安全管理部").await;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO contractor_engagement (number, category, department_id, title, start_date, end_date, state,
                                            high_risk, created_at, updated_at)
         VALUES ('WB-2026-0001', 'outsourced', ?, '2号转炉除尘管道检修', '2026-11-01', '2026-12-31', ?, ?,
                 '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z') RETURNING id",
    )
    .bind(department)
    .bind(state)
    .bind(high_risk)
    .fetch_one(store.pool())
    .await
    .unwrap();
    for w in worker_ids {
        sqlx::query(
            "INSERT INTO contractor_roster (engagement_id, name, worker_id, added_at)
             SELECT ?, name, id, '2026-11-01T00:00:00Z' FROM contractor_worker WHERE id = ?",
        )
        .bind(id)
        .bind(w)
        .execute(store.pool())
        .await
        .unwrap();
    }
    id
}

#[tokio::test]
async fn the_expiring_list_names_certificates_and_education_due() {
    let (_dir, store, admin) = initialized().await;
    let a = worker(&store, "张伟", "11010119900307123X", "电工", "电工作业").await;
    let b = worker(&store, "李强", "110101199003071256", "焊工", "焊接与热切割作业").await;
    let c = worker(&store, "王磊", "110101199003071272", "架子工", "").await;
    engagement_with(&store, &[a, b], "active", true).await;
    // Everyone passed 24 学时 — enough for general work, not for high-risk (72).
    for (level, d) in [(ClassLevel::Company, 5), (ClassLevel::Workshop, 4), (ClassLevel::Team, 3)] {
        let cl = education::create(
            &store,
            &admin,
            class_input(level, today() - Duration::days(d), 80),
            vec![a, b, c],
            now(),
        )
        .await
        .unwrap();
        let scores = [a, b, c].map(|w| ScoreInput { worker_id: w, score: Some(80), signed: true }).to_vec();
        education::record_scores(&store, &admin, cl.id, cl.version, scores, now()).await.unwrap();
    }
    let cert = |number: &str, issued: NaiveDate, valid_to: NaiveDate| WorkerCertificateInput {
        kind: PersonCertificateKind::SpecialOperation,
        class: "电工作业".into(),
        number: number.into(),
        issuer: String::new(),
        issued_on: issued,
        valid_to: Some(valid_to),
        last_reviewed_on: None,
    };
    // Expires today; expired yesterday; review due in exactly 60 days; fine.
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    person_certificate::save(&store, &admin, a, None, None, cert("A-TODAY", d(2025, 1, 1), today()), now())
        .await
        .unwrap();
    person_certificate::save(&store, &admin, b, None, None, cert("B-GONE", d(2025, 1, 1), d(2026, 11, 26)), now())
        .await
        .unwrap();
    let due60 = today() + Duration::days(60);
    person_certificate::save(
        &store,
        &admin,
        c,
        None,
        None,
        cert("C-REVIEW", due60 - chrono::Months::new(36), d(2029, 1, 1)).clone(),
        now(),
    )
    .await
    .unwrap();
    person_certificate::save(&store, &admin, c, None, None, cert("C-FINE", d(2025, 1, 1), d(2031, 1, 1)), now())
        .await
        .unwrap();

    let list = education::expiring(&store, &admin, today()).await.unwrap();
    let kinds: Vec<(String, DueKind)> = list.iter().map(|p| (p.name.clone(), p.kind)).collect();
    assert!(kinds.contains(&("张伟".into(), DueKind::CertificateExpiring)), "{kinds:?}");
    assert!(kinds.contains(&("李强".into(), DueKind::CertificateExpired)));
    assert!(kinds.contains(&("王磊".into(), DueKind::ReviewDue)));
    assert!(!list.iter().any(|p| p.subject.contains("C-FINE")));
    // 张伟 and 李强 work on a high-risk engagement with 24 学时; 王磊 is on no roster.
    let education_due: Vec<&str> =
        list.iter().filter(|p| p.kind == DueKind::EducationIncomplete).map(|p| p.name.as_str()).collect();
    assert_eq!(education_due, ["张伟", "李强"], "by name as stored");
    let line = list.iter().find(|p| p.kind == DueKind::EducationIncomplete).unwrap();
    assert_eq!(line.message, "三级安全教育学时不足:已 24 学时,须 72 学时(高危作业)");
    // Review due in 61 days is not listed yet.
    let list = education::expiring(&store, &admin, today() - Duration::days(1)).await.unwrap();
    assert!(!list.iter().any(|p| p.kind == DueKind::ReviewDue));
    // The list never carries an ID number.
    let json = serde_json::to_string(&list).unwrap();
    assert!(!json.contains("11010119900307123X"));
}

#[tokio::test]
async fn the_sign_in_sheet_and_the_education_card_read_back() {
    let (_dir, store, admin) = initialized().await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let id_number = ["11010119900307123X", "110101199003071256", "110101199003071272"][i];
        ids.push(worker(&store, ["张伟", "李强", "王磊"][i], id_number, ["电工", "焊工", "架子工"][i], "").await);
    }
    let class = education::create(&store, &admin, class_input(ClassLevel::Workshop, today(), 80), ids.clone(), now())
        .await
        .unwrap();
    let scores = vec![
        ScoreInput { worker_id: ids[0], score: Some(92), signed: true },
        ScoreInput { worker_id: ids[1], score: Some(45), signed: true },
    ];
    let class = education::record_scores(&store, &admin, class.id, class.version, scores, now()).await.unwrap();
    let pdf = print::class_pdf(&store, &admin, class.id, now()).await.unwrap();
    keep("education-sheet.pdf", &pdf);
    let text = text_of(&pdf);
    for wanted in [
        "三级安全教育培训签到表",
        "天津示例机械有限公司",
        "车间级",
        "2026年11月27日",
        "8学时",
        "赵安全",
        "安全培训室",
        "张伟",
        "李强",
        "王磊",
        "天津宏远建设工程有限",
        "110101********123X",
        "92",
        "合格",
        "45",
        "不合格",
        "共3人,考试2人,合格1人",
        "SH/AQ-JY-01",
        "本人签名",
    ] {
        assert!(has(&text, wanted), "{wanted} missing from {text}");
    }
    assert!(!text.contains("11010119900307123X"), "the full ID number never prints");

    let card = print::worker_card_pdf(&store, &admin, ids[0], now()).await.unwrap();
    keep("education-card.pdf", &card);
    let text = text_of(&card);
    for wanted in [
        "个人安全教育档案卡",
        "张伟",
        "110101********123X",
        "已8学时/须24学时",
        "未参加厂级安全教育",
        "车间级",
        "92",
        "(无证书)",
        "SH/AQ-JY-02",
    ] {
        assert!(has(&text, wanted), "{wanted} missing from {text}");
    }
}

#[tokio::test]
async fn sixty_attendees_print_small() {
    let (_dir, store, admin) = initialized().await;
    let mut ids = Vec::new();
    for i in 0..60 {
        // Synthetic numbers: the sheet prints them masked, their check digits do not matter here.
        ids.push(worker(&store, &format!("工人{i:02}"), &format!("1101011990030{i:05}"), "力工", "").await);
    }
    let class =
        education::create(&store, &admin, class_input(ClassLevel::Team, today(), 80), ids, now()).await.unwrap();
    let pdf = print::class_pdf(&store, &admin, class.id, now()).await.unwrap();
    keep("education-sheet-60.pdf", &pdf);
    eprintln!("sign-in sheet for 60: {} bytes, {} pages", pdf.len(), pages_of(&pdf).len());
    assert!(pdf.len() < 100_000, "{} bytes", pdf.len());
    let pages = pages_of(&pdf);
    assert!(pages.len() >= 2);
    assert!(has(&pages.concat(), "工人59"));
    let _ = Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0);
}

#[tokio::test]
async fn the_generator_gives_every_worker_three_levels_and_some_certificates() {
    let (_dir, store, admin) = initialized().await;
    for i in 0..100 {
        let special = if i % 5 == 0 { "电工作业" } else { "" };
        worker(&store, &format!("工人{i:03}"), &format!("1201041990030{i:05}"), "力工", special).await;
    }
    let report = education::generate::generate(&store, 7, now()).await.unwrap();
    // 100 people: three groups of at most 40, each with three levels and maybe an annual class.
    assert!((9..=12).contains(&report.classes), "{report:?}");
    assert!(report.attendances >= 300);
    // Every special trade (20) has a certificate, and a few others.
    assert!((20..=40).contains(&report.certificates), "{report:?}");
    let e = education::worker_education(&store, &admin, 1, now()).await.unwrap();
    assert!(e.standing.levels.iter().filter(|l| l.attended > 0).count() >= 3);
    assert!(e.classes.iter().all(|c| c.held_on <= today()));
    let certificates: i64 =
        sqlx::query_scalar("SELECT count(*) FROM worker_certificate WHERE review_due_on < issued_on")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(certificates, 0);
}
