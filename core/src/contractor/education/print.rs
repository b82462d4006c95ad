//! The printed education records: the class's sign-in sheet (培训签到表 / 三级安全教育记录) with a
//! signature box per attendee, and a person's 个人安全教育档案卡 (every class, the totals against
//! the threshold, the certificates). Renderers are pure; `class_pdf` / `card_pdf` gather the
//! data.

use chrono::{DateTime, Utc};

use super::{SafetyClass, WorkerEducation, hours_text};
use crate::account::Actor;
use crate::db::Store;
use crate::error::Result;
use crate::pdf::{Column, Field, Form, Template};
use crate::settings;

pub const SHEET_TITLE: &str = "三级安全教育培训签到表";
pub const CARD_TITLE: &str = "个人安全教育档案卡";

/// Height of an attendee's row (mm): room for a handwritten name.
const SIGNATURE_ROW: f32 = 8.5;

/// The class's number on the sheet and its QR code.
pub fn class_number(c: &SafetyClass) -> String {
    format!("JY-{}-{:05}", c.held_on.format("%Y"), c.id)
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y年%m月%d日").to_string()
}

/// The sign-in sheet and exam record of one class.
pub fn sheet_pdf(company: &str, class: &SafetyClass, printed: &str) -> Result<Vec<u8>> {
    let number = class_number(class);
    let mut f = Form::new(company, SHEET_TITLE, &number)?;
    f.template(Template::new("SH/AQ-JY-01", "A/0"));
    f.footer_note(printed);
    f.header_qr(&number)?;

    f.heading("一、培训概况");
    f.fields(
        &[
            Field::new("培训级别", class.level.label()),
            Field::new("培训日期", day(class.held_on)),
            Field::new("学时", format!("{} 学时", hours_text(class.hours_tenths))),
            Field::new("授课人", &class.instructor),
            Field::new("培训地点", &class.place),
            Field::new("合格分数", format!("{} 分", class.pass_mark)),
            Field::new("组织部门", class.department_name.clone().unwrap_or_default()),
            Field::new("用工项目", class.engagement_number.clone().unwrap_or_default()).span(2),
            Field::new("培训内容", &class.content).span(3).lines(3),
        ],
        3,
    );

    let examined = class.attendees.iter().filter(|a| a.score.is_some()).count();
    let passed = class.attendees.iter().filter(|a| a.passed == Some(true)).count();
    f.heading(&format!(
        "二、参加人员签到及考试成绩(共 {} 人,考试 {examined} 人,合格 {passed} 人)",
        class.attendees.len()
    ));
    let columns = [
        Column::centered("序号", 0.7),
        Column::new("姓名", 1.0),
        Column::new("单位", 3.0),
        Column::new("工种", 0.9),
        Column::new("身份证号", 2.1),
        Column::centered("成绩", 0.6),
        Column::centered("结论", 0.75),
        Column::new("本人签名", 1.5),
    ];
    let rows = class.attendees.iter().enumerate().map(|(i, a)| {
        vec![
            (i + 1).to_string(),
            a.name.clone(),
            a.unit_name.clone().unwrap_or_default(),
            a.trade.clone(),
            a.id_number_masked.clone(),
            a.score.map(|s| s.to_string()).unwrap_or_default(),
            match a.passed {
                Some(true) => "合格".into(),
                Some(false) => "不合格".into(),
                None => String::new(),
            },
            String::new(),
        ]
    });
    f.table_min(&columns, rows, "(无参加人员)", SIGNATURE_ROW);
    f.gap(3.0);
    f.sign_line(&["授课人(签字)", "组织部门负责人(签字)", "安全管理部(签字)"]);
    f.gap(1.0);
    f.paragraph("注:三级安全教育(厂级、车间级、班组级)考试合格后方可上岗;不合格者须重新培训考试。", 8.5);
    Ok(f.finish())
}

/// One person's education card.
pub fn card_pdf(company: &str, e: &WorkerEducation, printed: &str) -> Result<Vec<u8>> {
    let number = format!("RY-{:06}", e.worker_id);
    let mut f = Form::new(company, CARD_TITLE, &number)?;
    f.template(Template::new("SH/AQ-JY-02", "A/0"));
    f.footer_note(printed);

    f.heading("一、基本情况");
    f.fields(
        &[
            Field::new("姓名", &e.name),
            Field::new("身份证号", &e.id_number_masked).span(2),
            Field::new("单位", e.unit_name.clone().unwrap_or_default()).span(2),
            Field::new("工种", &e.trade),
            Field::new("特种作业类别", &e.special_class),
            Field::new("高危作业", if e.high_risk { "是" } else { "否" }),
            Field::new("调岗日期", e.post_changed_on.map(day).unwrap_or_default()),
        ],
        3,
    );

    let s = &e.standing;
    f.heading("二、安全教育情况");
    let level_line = s
        .levels
        .iter()
        .map(|l| format!("{} {} 次 {} 学时", l.level.label(), l.passed, hours_text(l.hours_tenths)))
        .collect::<Vec<_>>()
        .join(";");
    f.fields(
        &[
            Field::new(
                "岗前学时",
                format!(
                    "已 {} 学时 / 须 {} 学时",
                    hours_text(s.pre_job_hours_tenths),
                    hours_text(s.required_hours_tenths)
                ),
            ),
            Field::new(
                "年度再培训",
                if s.retraining_required {
                    format!(
                        "近一年 {} 学时 / 须 {} 学时",
                        hours_text(s.retraining_hours_tenths),
                        hours_text(s.retraining_required_hours_tenths)
                    )
                } else {
                    "不适用".into()
                },
            ),
            Field::new("结论", if s.complete { "合格" } else { "未完成" }),
            Field::new("各级(合格)", level_line).span(3),
            Field::new(
                "未完成事项",
                if s.issues.is_empty() {
                    "无".to_string()
                } else {
                    s.issues.iter().map(|i| i.message.clone()).collect::<Vec<_>>().join(";")
                },
            )
            .span(3)
            .lines(2),
        ],
        3,
    );

    f.heading(&format!("三、培训记录(共 {} 次)", e.classes.len()));
    let columns = [
        Column::centered("序号", 0.5),
        Column::new("日期", 1.1),
        Column::new("级别", 0.9),
        Column::new("培训内容", 3.0),
        Column::right("学时", 0.6),
        Column::new("授课人", 0.9),
        Column::centered("成绩", 0.6),
        Column::centered("结论", 0.7),
    ];
    let rows = e.classes.iter().enumerate().map(|(i, c)| {
        vec![
            (i + 1).to_string(),
            c.held_on.format("%Y-%m-%d").to_string(),
            c.level.label().into(),
            c.content.clone(),
            hours_text(c.hours_tenths),
            c.instructor.clone(),
            c.score.map(|s| s.to_string()).unwrap_or_default(),
            match (c.score, c.passed) {
                (None, _) => "未考试".into(),
                (Some(_), true) => "合格".into(),
                (Some(_), false) => "不合格".into(),
            },
        ]
    });
    f.table(&columns, rows, "(无培训记录)");

    f.heading(&format!("四、特种作业 / 特种设备作业证书(共 {} 个)", e.certificates.len()));
    let columns = [
        Column::new("证书", 1.6),
        Column::new("作业类别", 1.6),
        Column::new("证书编号", 1.8),
        Column::new("发证日期", 1.1),
        Column::new("有效期至", 1.1),
        Column::new("下次复审", 1.1),
        Column::new("状态", 1.2),
    ];
    let rows = e.certificates.iter().map(|l| {
        let c = &l.certificate;
        vec![
            c.kind.label().into(),
            c.class.clone(),
            c.number.clone(),
            c.issued_on.format("%Y-%m-%d").to_string(),
            c.valid_to.format("%Y-%m-%d").to_string(),
            c.review_due_on.format("%Y-%m-%d").to_string(),
            l.status.label().into(),
        ]
    });
    f.table(&columns, rows, "(无证书)");
    f.gap(3.0);
    f.sign_line(&["本人(签字)", "用工(发包)部门(签字)", "安全管理部(签字)"]);
    Ok(f.finish())
}

async fn printing(store: &Store, actor: &Actor, now: DateTime<Utc>) -> Result<(String, String)> {
    let s = settings::load(store).await?;
    let printed = format!("打印:{} {}", now.with_timezone(&s.zone()).format("%Y-%m-%d %H:%M"), actor.display_name);
    Ok((s.company_name, printed))
}

/// The sign-in sheet of class `id`.
pub async fn class_pdf(store: &Store, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let class = super::get(store, actor, id).await?;
    let (company, printed) = printing(store, actor, now).await?;
    sheet_pdf(&company, &class, &printed)
}

/// The education card of worker `worker_id`, its standing on the company's today.
pub async fn worker_card_pdf(store: &Store, actor: &Actor, worker_id: i64, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let education = super::worker_education(store, actor, worker_id, now).await?;
    let (company, printed) = printing(store, actor, now).await?;
    card_pdf(&company, &education, &printed)
}

/// A class of `people` attendees with scores, for benchmarks and previews (no database).
pub fn sample_class(people: usize) -> SafetyClass {
    use super::{ClassAttendee, ClassLevel};
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    let at = DateTime::<Utc>::default();
    SafetyClass {
        id: 1,
        level: ClassLevel::Company,
        held_on: day,
        hours_tenths: 80,
        content: "国家安全生产法律法规、公司安全生产规章制度、本单位危险源及防范措施、事故案例、应急处置与自救互救"
            .into(),
        instructor: "赵安全".into(),
        place: "安全培训室".into(),
        department_id: Some(6),
        department_name: Some("安全管理部".into()),
        engagement_id: Some(7),
        engagement_number: Some("WB-2026-0007".into()),
        pass_mark: 60,
        attendees: (0..people)
            .map(|i| ClassAttendee {
                worker_id: i as i64 + 1,
                name: format!("工人{i:02}"),
                id_number_masked: format!("120104********{:04}", 1000 + i),
                unit_name: Some("天津宏远建设工程有限公司".into()),
                trade: ["电工", "焊工", "架子工", "力工"][i % 4].into(),
                score: (i % 10 != 9).then_some(55 + (i as i64 * 7) % 45),
                passed: (i % 10 != 9).then_some(55 + (i as i64 * 7) % 45 >= 60),
                signed: true,
            })
            .collect(),
        created_by: "赵安全".into(),
        created_at: at,
        updated_at: at,
        version: 1,
    }
}

/// A person's education with `classes` classes and two certificates, for benchmarks.
pub fn sample_education(classes: usize) -> WorkerEducation {
    use super::{AttendedClass, ClassLevel, standing};
    use crate::contractor::person_certificate::{
        CertificateLine, CertificateStatus, PersonCertificateKind, WorkerCertificate,
    };
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    let classes: Vec<AttendedClass> = (0..classes)
        .map(|i| AttendedClass {
            class_id: i as i64 + 1,
            level: ClassLevel::ALL[i % 4],
            held_on: day - chrono::Duration::days(30 * i as i64),
            hours_tenths: 80,
            content: "本岗位危险因素、安全操作规程与应急处置".into(),
            instructor: "赵安全".into(),
            pass_mark: 60,
            score: Some(80),
            passed: true,
            signed: true,
        })
        .collect();
    let attended: Vec<_> = classes.iter().map(AttendedClass::attended).collect();
    let rules = crate::settings::SafetyRules::default();
    let certificate = |id: i64, kind| WorkerCertificate {
        id,
        worker_id: 1,
        kind,
        class: "电工作业".into(),
        number: format!("T12010419900307{id:04}"),
        issuer: "天津市应急管理局".into(),
        issued_on: day - chrono::Duration::days(800),
        valid_to: day + chrono::Duration::days(1390),
        last_reviewed_on: None,
        review_due_on: day + chrono::Duration::days(295),
        version: 1,
    };
    WorkerEducation {
        worker_id: 1,
        name: "张伟".into(),
        id_number_masked: "120104********1234".into(),
        unit_name: Some("天津宏远建设工程有限公司".into()),
        trade: "电工".into(),
        special_class: "电工作业".into(),
        high_risk: true,
        post_changed_on: None,
        last_on_site: Some(day),
        standing: standing(&attended, &rules, true, None, Some(day), day),
        classes,
        certificates: vec![
            CertificateLine {
                certificate: certificate(1, PersonCertificateKind::SpecialOperation),
                status: CertificateStatus::Valid,
                attachments: vec![],
            },
            CertificateLine {
                certificate: certificate(2, PersonCertificateKind::SpecialEquipment),
                status: CertificateStatus::Valid,
                attachments: vec![],
            },
        ],
    }
}
