//! The printed documents filled from an engagement's records (issue 9, step 9): the four-copy
//! agreement with its template version fixed at the first print, the briefing sheet with every
//! roster name, the 申报表/审批表, the ledger as PDF and .xlsx, and the CLI.

use crate::common;
use crate::pdf_read;

use chrono::{Duration, NaiveDate};
use common::*;
use pdf_read::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::contractor::engagement::{self, RosterInput};
use shouhou_core::contractor::forms::{self, AgreementTemplateInput};
use shouhou_core::contractor::print::{self, EngagementDocument};
use shouhou_core::contractor::unit;
use shouhou_core::contractor::{
    ContractorUnitInput, EngagementCategory, EngagementCommand, EngagementInput, UnitContact,
};

const PEOPLE: [&str; 3] = ["张建军", "李德胜", "王小虎"];

async fn approved() -> (tempfile::TempDir, shouhou_core::db::Store, Actor, String, i64) {
    let (dir, store, admin) = initialized().await;
    let production = department_id(&store, "生产部").await;
    let safety_dept = department_id(&store, "安全管理部").await;
    account::create_user(&store, &admin, new_user("wumin", Role::Safety, Some(safety_dept)), at(8, 3)).await.unwrap();
    let safety = account::sign_in(&store, "wumin", "pass12345", at(8, 4)).await.unwrap();
    let u = unit::create(
        &store,
        &safety,
        ContractorUnitInput {
            name: "天津宏远建筑工程有限公司".into(),
            credit_code: "91120116MA05JBT06Y".into(),
            legal_representative: "刘建国".into(),
            address: "天津市滨海新区".into(),
            bank_name: "中国建设银行天津分行".into(),
            bank_account: "12050167010000001234".into(),
            contacts: vec![UnitContact {
                name: "孙立新".into(),
                title: "项目经理".into(),
                phone: "13902201234".into(),
            }],
            notes: String::new(),
        },
        at(9, 0),
    )
    .await
    .unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut e = engagement::register(
        &store,
        &admin,
        EngagementInput {
            category: EngagementCategory::Outsourced,
            department_id: production,
            unit_id: Some(u.id),
            title: "2号转炉除尘管道检修".into(),
            content: "拆除并更换除尘管道".into(),
            place: "炼钢厂".into(),
            area: "2号转炉平台".into(),
            contract_number: "HT-2026-101".into(),
            start_date: today + Duration::days(3),
            end_date: today + Duration::days(40),
            no_subcontracting: true,
            deposit_fen: 2_000_000,
            deposit_terms: String::new(),
        },
        at(9, 5),
    )
    .await
    .unwrap();
    let people = PEOPLE.iter().map(|n| RosterInput { name: (*n).into(), trade: "焊工".into() }).collect();
    e = engagement::roster_add(&store, &admin, e.id, people, false, at(9, 6)).await.unwrap();
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, "%PDF-1.4\n%%EOF\n").unwrap();
    for item in e.items.clone() {
        e = engagement::upload_item(&store, &admin, item.id, std::slice::from_ref(&scan), None, at(9, 7))
            .await
            .unwrap();
    }
    e = engagement::transition(&store, &admin, e.id, e.version, EngagementCommand::Submit, "", at(9, 8)).await.unwrap();
    e = engagement::transition(&store, &safety, e.id, e.version, EngagementCommand::Approve, "", at(9, 9))
        .await
        .unwrap();
    (dir, store, safety, e.number, e.id)
}

#[tokio::test]
async fn the_agreement_prints_four_labelled_copies_and_reprints_with_its_first_template() {
    let (_dir, store, safety, number, id) = approved().await;
    let pdf = print::render(&store, &safety, id, EngagementDocument::Agreement, at(10, 0)).await.unwrap();
    keep("contractor-agreement.pdf", &pdf);
    let pages = pages_of(&pdf);
    assert_eq!(pages.len() % 4, 0, "four complete copies");
    for label in ["第一联 安全管理部存档", "第二联 用工(发包)部门", "第三联 乙方(承包单位)", "第四联 保卫部门(门岗)"]
    {
        assert!(pages.iter().any(|p| has(p, label)), "{label}");
    }
    for (i, page) in pages.iter().enumerate() {
        assert!(has(page, &number), "page {i} carries the agreement number");
    }
    let text = text_of(&pdf);
    for wanted in ["天津宏远建筑工程有限公司", "91120116MA05JBT06Y", "2号转炉除尘管道检修", "HT-2026-101", "wumin姓名"]
    {
        assert!(has(&text, wanted), "{wanted}");
    }
    for name in PEOPLE {
        assert!(has(&text, name), "roster annex: {name}");
    }
    let e = engagement::get(&store, &safety, id, at(10, 1)).await.unwrap();
    assert_eq!(e.agreement_template_version, Some(1));

    // A new template version does not change an agreement already printed.
    let current = forms::get_template(&store, &safety, None).await.unwrap();
    let mut sections = current.sections.clone();
    sections[0].body.push_str("本条为第二版新增文字。");
    forms::save_template(
        &store,
        &safety,
        AgreementTemplateInput { copy_labels: current.copy_labels.clone(), sections, note: "第二版".into() },
        at(10, 2),
    )
    .await
    .unwrap();
    let again = text_of(&print::render(&store, &safety, id, EngagementDocument::Agreement, at(10, 3)).await.unwrap());
    assert!(!has(&again, "本条为第二版新增文字"), "reprinted as signed");
    let history = engagement::history(&store, &safety, id).await.unwrap();
    assert_eq!(history.iter().filter(|h| h.summary.contains("首次打印安全协议书")).count(), 1);
}

#[tokio::test]
async fn the_briefing_application_approval_and_ledger_are_filled_from_the_records() {
    let (dir, store, safety, number, id) = approved().await;
    let briefing = print::render(&store, &safety, id, EngagementDocument::Briefing, at(10, 0)).await.unwrap();
    keep("contractor-briefing.pdf", &briefing);
    let briefing = text_of(&briefing);
    for wanted in ["2号转炉除尘管道检修", "天津宏远建筑工程有限公司"].into_iter().chain(PEOPLE) {
        assert!(has(&briefing, wanted), "briefing: {wanted}");
    }
    for doc in [EngagementDocument::Application, EngagementDocument::Approval] {
        let text = text_of(&print::render(&store, &safety, id, doc, at(10, 0)).await.unwrap());
        assert!(has(&text, &number) && has(&text, "生产部") && has(&text, "张建军"), "{doc:?}: {text}");
    }
    let ledger = text_of(&print::ledger_pdf(&store, &safety, Some("生产部"), at(10, 0)).await.unwrap());
    assert!(has(&ledger, &number) && PEOPLE.iter().all(|p| has(&ledger, p)));
    let err = print::ledger_pdf(&store, &safety, Some("不存在的部门"), at(10, 0)).await.unwrap_err();
    assert_eq!(err.field(), Some("department"));

    let path = dir.path().join("台帐.xlsx");
    assert_eq!(print::ledger_xlsx(&store, &safety, None, &path, at(10, 0)).await.unwrap(), 3, "a line per person");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.iter().any(|c| c == &number));
    for name in PEOPLE {
        assert!(cells.iter().any(|c| c == name), "{name}");
    }
}

#[tokio::test]
async fn the_cli_prints_documents_and_the_ledger() {
    let (dir, store, _safety, number, _id) = approved().await;
    drop(store);
    let data = dir.path();
    let pdf = data.join("agreement.pdf");
    let out = shouhou(data, &["contractor", "pdf", &number, "--doc", "agreement", "--out", pdf.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(has(&text_of(&std::fs::read(&pdf).unwrap()), "第四联 保卫部门(门岗)"));
    let out = shouhou(data, &["contractor", "pdf", &number, "--doc", "receipt", "--out", pdf.to_str().unwrap()], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("agreement、briefing、application、approval"));
    let xlsx = data.join("ledger.xlsx");
    let out = shouhou(
        data,
        &["contractor", "ledger", "--department", "生产部", "--format", "xlsx", "--out", xlsx.to_str().unwrap()],
        "",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("已导出台帐 3 行"));
    let ledger = data.join("ledger.pdf");
    let out = shouhou(data, &["contractor", "ledger", "--format", "pdf", "--out", ledger.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(has(&text_of(&std::fs::read(&ledger).unwrap()), &number));
}

#[tokio::test]
async fn the_agreement_names_the_company_with_its_particulars_from_settings() {
    let (_dir, store, safety, _number, id) = approved().await;
    let admin = shouhou_core::account::sign_in(&store, "admin", ADMIN_PASSWORD, at(9, 10)).await.unwrap();
    let mut s = shouhou_core::settings::load(&store).await.unwrap();
    s.company_credit_code = "91120116718645985X".into();
    let err = shouhou_core::settings::update(&store, &admin, s.clone(), at(9, 11)).await.unwrap_err();
    assert_eq!(err.field(), Some("company_credit_code"), "a wrong check character is refused");
    s.company_credit_code = "91120116718645985E".into();
    s.company_legal_rep = "赵国强".into();
    s.company_address = "天津市滨海新区示例路88号".into();
    shouhou_core::settings::update(&store, &admin, s, at(9, 12)).await.unwrap();
    let text = text_of(&print::render(&store, &safety, id, EngagementDocument::Agreement, at(10, 0)).await.unwrap());
    for wanted in ["91120116718645985E", "赵国强", "天津市滨海新区示例路88号"] {
        assert!(has(&text, wanted), "甲方: {wanted}");
    }
}
