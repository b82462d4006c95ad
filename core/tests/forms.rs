//! The printed complaint forms, read back with pdftotext: every label and field is there,
//! long text wraps without losing a character, a second page appears when needed, and each
//! form stays small.

use crate::common;
use crate::pdf_read;

use std::process::Command;

use chrono::NaiveDate;
use common::*;
use shouhou_core::complaint::{self, ComplaintForm, ProductLine, Registration};
use shouhou_core::demo;

/// The PDF's text with all whitespace removed (pdftotext spaces columns freely), so wrapped
/// lines join up again and labels compare regardless of layout.
fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    squeezed(&String::from_utf8(out.stdout).unwrap())
}

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn has(text: &str, wanted: &str) -> bool {
    text.contains(&squeezed(wanted))
}

/// Every character of `wanted`, in order: text split across pages has the page header and
/// footer in between.
fn in_order(text: &str, wanted: &str) -> bool {
    let mut rest = text.chars();
    squeezed(wanted).chars().all(|w| rest.any(|c| c == w))
}

async fn demo_store() -> (tempfile::TempDir, shouhou_core::db::Store, shouhou_core::account::Actor) {
    let (dir, store) = common::demo().await;
    let admin = shouhou_core::account::sign_in(&store, "admin", demo::DEMO_PASSWORD, at(8, 1)).await.unwrap();
    (dir, store, admin)
}

/// The demo complaint whose description starts with `description`.
async fn demo_complaint(store: &shouhou_core::db::Store, description: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM complaint WHERE description LIKE ? || '%'")
        .bind(description)
        .fetch_one(store.pool())
        .await
        .unwrap_or_else(|_| panic!("no demo complaint “{description}”"))
}

#[tokio::test]
async fn the_registration_form_carries_every_field_the_rule_names() {
    let (_dir, store, admin) = demo_store().await;
    let id = demo_complaint(&store, "同批次12台减速机漏油").await;
    let c = complaint::get(&store, &admin, id).await.unwrap();
    let number_label = format!("编号:{}", c.number);
    let pdf = complaint::render_form(&store, &admin, id, ComplaintForm::Registration, at(9, 0)).await.unwrap();
    assert!(pdf.len() < 100_000, "{} bytes", pdf.len());
    let text = text_of(&pdf);
    for label in [
        "天津示例机械有限公司",
        "客户投诉登记表",
        &number_label,
        "投诉编号",
        "投诉时间",
        "投诉渠道",
        "客户名称",
        "直销店",
        "客户联系人",
        "联系电话",
        "投诉分类",
        "严重程度",
        "订单编号",
        "料号",
        "批次",
        "交运日期",
        "数量",
        "不良数量",
        "投诉内容",
        "客户要求",
        "登记人",
        "第 1 页 / 共 1 页",
    ] {
        assert!(has(&text, label), "missing {label}:\n{text}");
    }
    let line = &c.registration.lines[0];
    for value in [
        c.customer_name.as_str(),
        line.order_number.as_str(),
        line.part_number.as_str(),
        &line.ship_date.unwrap().to_string(),
        &line.defective_quantity.to_string(),
    ] {
        assert!(has(&text, value), "missing {value}");
    }
    assert!(has(&text, &c.registration.description));
    assert!(has(&text, &c.registration.customer_demand));
}

#[tokio::test]
async fn the_forms_name_who_registered_verified_and_closed_and_the_letters_take_their_contact_from_settings() {
    let (_dir, store, admin) = demo_store().await;
    let id = demo_complaint(&store, "同批次12台减速机漏油").await;
    let c = complaint::get(&store, &admin, id).await.unwrap();
    let text =
        text_of(&complaint::render_form(&store, &admin, id, ComplaintForm::Registration, at(9, 0)).await.unwrap());
    let line = &c.registration.lines[0];
    let rate = format!("{:.1}%", line.defective_quantity as f64 * 100.0 / line.quantity as f64);
    for value in [
        "登记人李娜",
        "产品名称/规格",
        "减速机",
        "不良率",
        rate.as_str(),
        "样品或退货不良品样品 2 件,已寄回品控中心",
        &format!("答复期限{}", c.registration.reply_by.unwrap()),
    ] {
        assert!(has(&text, value), "missing {value}:\n{text}");
    }

    // A closed minor case: its corrective-action decision; a closed serious one: who verified
    // each action and when, who closed it.
    let closed = demo_complaint(&store, "轴承座表面有划痕").await;
    let c = complaint::get(&store, &admin, closed).await.unwrap();
    let text =
        text_of(&complaint::render_form(&store, &admin, closed, ComplaintForm::Handling, at(9, 0)).await.unwrap());
    assert_eq!(c.corrective_needed, Some(false));
    assert!(has(&text, &format!("是否需要纠正措施不需要纠正措施。理由:{}", c.no_corrective_reason)), "{text}");
    let serious = demo_complaint(&store, "减速机齿轮箱运行异响").await;
    let c = complaint::get(&store, &admin, serious).await.unwrap();
    let text =
        text_of(&complaint::render_form(&store, &admin, serious, ComplaintForm::Handling, at(9, 0)).await.unwrap());
    let verifier = &c.actions[0].verified_by;
    assert!(!verifier.is_empty() && has(&text, &format!("有效 {verifier}")), "{text}");
    assert!(!c.closed_by.is_empty() && has(&text, &format!("结案人:{}", c.closed_by)), "{text}");

    let mut settings = shouhou_core::settings::load(&store).await.unwrap();
    settings.service_contact_name = "王芳".into();
    settings.service_contact_phone = "022-12345678".into();
    settings.objection_days = 30;
    shouhou_core::settings::update(&store, &admin, settings, at(9, 0)).await.unwrap();
    let explained = demo_complaint(&store, "电机温升偏高").await;
    let letter =
        text_of(&complaint::render_form(&store, &admin, explained, ComplaintForm::Letter, at(9, 1)).await.unwrap());
    assert!(has(&letter, "收到本函之日起30日内") && !has(&letter, "十五日"), "{letter}");
    assert!(has(&letter, "联系人:王芳") && has(&letter, "电话:022-12345678"), "{letter}");
}

#[tokio::test]
async fn long_text_wraps_completely_and_many_lines_make_a_second_page() {
    let (_dir, store, admin) = demo_store().await;
    let customer =
        sqlx::query_scalar::<_, i64>("SELECT id FROM customer LIMIT 1").fetch_one(store.pool()).await.unwrap();
    let long = "客户反映设备在连续运行约三百小时后出现周期性异响,伴随油温升高和轻微振动。".repeat(12) + "END-OF-TEXT";
    let registration = Registration {
        received_at: at(8, 30),
        channel: complaint::Channel::Email,
        customer_id: customer,
        contact_name: "张伟".into(),
        contact_phone: "13800001111".into(),
        store_id: None,
        category: complaint::Category::Quality,
        severity: complaint::Severity::Serious,
        description: long.clone(),
        customer_demand: "更换".into(),
        lines: (0..45)
            .map(|i| ProductLine {
                order_number: format!("SO-{i:04}"),
                part_number: format!("PN-{i:03}"),
                batch: "B1".into(),
                ship_date: NaiveDate::from_ymd_opt(2026, 11, 1),
                quantity: 10,
                defective_quantity: 1,
                product_name: String::new(),
                specification: String::new(),
            })
            .collect(),
        samples: String::new(),
        reply_by: None,
    };
    let lina = shouhou_core::account::sign_in(&store, "lina", demo::DEMO_PASSWORD, at(8, 31)).await.unwrap();
    let c = complaint::register(&store, &lina, registration, at(8, 32)).await.unwrap();
    let pdf = complaint::render_form(&store, &admin, c.id, ComplaintForm::Registration, at(9, 0)).await.unwrap();
    let text = text_of(&pdf);
    assert!(in_order(&text, &long), "the long description is complete");
    assert!(has(&text, "END-OF-TEXT"));
    assert!(has(&text, "PN-000") && has(&text, "PN-044"), "first and last lines are printed");
    let pages = (2..10).find(|n| has(&text, &format!("第{n}页/共{n}页"))).expect("a second page");
    assert_eq!(text.matches("客户投诉登记表").count(), pages, "the header repeats on every page");
    // The description runs to its end before the demand, the attachments and the sign line follow
    // it, in that order, however many pages the lines take.
    assert!(
        in_order(&text, "三、投诉内容与客户要求 投诉内容 客户反映 END-OF-TEXT 客户要求 更换 附件 登记人"),
        "{text}"
    );
    let squeezed_text = squeezed(&text);
    let demand = squeezed_text.rfind("客户要求更换").expect("the demand is printed with its label");
    assert!(squeezed_text.rfind("END-OF-TEXT").unwrap() < demand, "the demand comes after the whole description");
}

#[tokio::test]
async fn the_handling_form_has_a_box_for_every_department_and_the_letters_differ() {
    let (_dir, store, admin) = demo_store().await;
    // The major complaint, signed by 品控中心, waiting for 技术部.
    let id = demo_complaint(&store, "船用泵批量振动超标").await;
    let text = text_of(&complaint::render_form(&store, &admin, id, ComplaintForm::Handling, at(9, 0)).await.unwrap());
    for label in [
        "客户投诉处理表",
        "原因分析",
        "生产单位",
        "责任归属",
        "处理方式",
        "客户索赔",
        "300,000.00 元",
        "180,000.00 元",
        "各部门会签",
        "品控中心",
        "技术部",
        "同意",
        "刘洋",
        "改善措施",
        "客户反馈",
        "售后服务经理",
    ] {
        assert!(has(&text, label), "missing {label}:\n{text}");
    }

    // The cause code and who inspected, from the analysis.
    assert!(has(&text, "项目原因检验漏检") && has(&text, "检验分析品控中心 刘洋"), "{text}");
    // The manager's own place on a 重大 round, signed.
    assert!(has(&text, "第 1 轮会签") && has(&text, "同意,重大索赔由售后服务经理跟进"), "{text}");

    // Every round is printed, oldest first: the rejected one and the one signed after revision.
    let resubmitted = demo_complaint(&store, "同批次12台减速机漏油").await;
    let text =
        text_of(&complaint::render_form(&store, &admin, resubmitted, ComplaintForm::Handling, at(9, 0)).await.unwrap());
    assert!(in_order(&text, "第 1 轮会签 品控中心 驳回 未包含同批次库存品的排查"), "{text}");
    assert!(in_order(&text, "第 1 轮会签 第 2 轮会签 售后服务部 同意"), "{text}");
    assert!(!has(&text, "尚未提交会签"));
    // 生产部/技术部 measures and what was agreed, with the customer too.
    for label in
        ["生产部措施", "装配工序增加预紧力自检", "技术部措施", "业务部商定陈晨", "与客户协商", "客户同意按方案更换"]
    {
        assert!(has(&text, label), "missing {label}:\n{text}");
    }

    // Before submission: a box for every department the rule requires, to sign on paper.
    let analysing = demo_complaint(&store, "农机齿轮断齿两件").await;
    let text =
        text_of(&complaint::render_form(&store, &admin, analysing, ComplaintForm::Handling, at(9, 0)).await.unwrap());
    assert!(in_order(&text, "各部门会签 售后服务部 业务部 品控中心 技术部 生产部 五、改善措施"), "{text}");
    assert!(!has(&text, "轮会签"), "nothing submitted yet");

    let explained = demo_complaint(&store, "电机温升偏高").await;
    let letter =
        text_of(&complaint::render_form(&store, &admin, explained, ComplaintForm::Letter, at(9, 0)).await.unwrap());
    for label in
        ["鉴定说明函", "鉴定结果", "鉴定依据", "GB/T 1032", "非我方产品原因", "售后服务部(盖章)", "2026年11月27日"]
    {
        assert!(has(&letter, label), "missing {label}:\n{letter}");
    }
    let closed = demo_complaint(&store, "轴承座表面有划痕").await;
    let result =
        text_of(&complaint::render_form(&store, &admin, closed, ComplaintForm::Letter, at(9, 0)).await.unwrap());
    assert!(has(&result, "投诉处理结果告知函") && has(&result, "处理办法") && !has(&result, "鉴定依据"));
}

#[tokio::test]
async fn every_form_carries_its_template_code_and_a_qr_code_of_its_number() {
    let (_dir, store, admin) = demo_store().await;
    let id = demo_complaint(&store, "船用泵批量振动超标").await;
    let c = complaint::get(&store, &admin, id).await.unwrap();
    for (form, code) in [
        (ComplaintForm::Registration, "表单编号 SH/QR-8.2-01 版本 A/0"),
        (ComplaintForm::Handling, "表单编号 SH/QR-8.2-02 版本 A/0"),
        (ComplaintForm::Letter, "表单编号 SH/QR-8.2-03 版本 A/0"),
    ] {
        let pdf = complaint::render_form(&store, &admin, id, form, at(9, 0)).await.unwrap();
        pdf_read::keep(&format!("{form:?}.pdf"), &pdf);
        assert!(pdf.len() < 100_000, "{form:?}: {} bytes", pdf.len());
        let pages = pdf_read::pages_of(&pdf);
        for (i, page) in pages.iter().enumerate() {
            assert!(has(page, code), "{form:?} page {i} lacks {code}");
        }
        // Scanned back from the top right corner of the first page at 300 dpi.
        assert_eq!(pdf_read::qr_codes_in(&pdf, 1, (150.0, 0.0, 60.0, 45.0), 300), vec![c.number.clone()], "{form:?}");
    }
}

#[tokio::test]
async fn blank_forms_have_every_label_and_none_of_a_complaints_values() {
    let (_dir, store, admin) = demo_store().await;
    let id = demo_complaint(&store, "船用泵批量振动超标").await;
    let c = complaint::get(&store, &admin, id).await.unwrap();
    let start = |text: &str| text.chars().take(8).collect::<String>();
    let values = [
        c.number.clone(),
        c.customer_name.clone(),
        c.registration.contact_name.clone(),
        c.registration.contact_phone.clone(),
        c.registration.lines[0].part_number.clone(),
        c.registration.lines[0].order_number.clone(),
        start(&c.registration.description),
        start(&c.analysis.cause_analysis),
        "300,000.00".into(),
        "刘洋".into(),
        "打印".into(),
    ];
    let registration = complaint::render_blank(&store, &admin, ComplaintForm::Registration).await.unwrap();
    let handling = complaint::render_blank(&store, &admin, ComplaintForm::Handling).await.unwrap();
    pdf_read::keep("blank-registration.pdf", &registration);
    pdf_read::keep("blank-handling.pdf", &handling);
    for (pdf, labels) in [
        (
            &registration,
            &[
                "天津示例机械有限公司",
                "客户投诉登记表",
                "编号:",
                "投诉编号",
                "投诉渠道",
                "□热线",
                "客户名称",
                "订单编号",
                "不良数量",
                "投诉内容",
                "客户要求",
                "首次联系",
                "登记人",
                "表单编号 SH/QR-8.2-01 版本 A/0",
                "第 1 页 / 共 1 页",
            ][..],
        ),
        (
            &handling,
            &[
                "客户投诉处理表",
                "原因分析",
                "□我方原因□非我方原因",
                "项目原因",
                "检验分析",
                "生产部措施",
                "技术部措施",
                "与客户协商",
                "鉴定依据",
                "责任归属",
                "处理方式",
                "□退货",
                "客户索赔",
                "各部门会签",
                "签字",
                "业务部",
                "生产部",
                "售后服务经理(重大)",
                "改善措施",
                "客户反馈",
                "售后服务经理",
                "表单编号 SH/QR-8.2-02 版本 A/0",
            ][..],
        ),
    ] {
        assert!(pdf.len() < 100_000);
        let text = text_of(pdf);
        for label in labels {
            assert!(has(&text, label), "missing {label}:\n{text}");
        }
        for value in values.iter().filter(|v| !v.is_empty()) {
            assert!(!has(&text, value), "a blank form shows “{value}”");
        }
        assert!(pdf_read::qr_codes_in(pdf, 1, (150.0, 0.0, 60.0, 45.0), 300).is_empty(), "no number, no QR code");
    }
    let err = complaint::render_blank(&store, &admin, ComplaintForm::Letter).await.unwrap_err();
    assert!(err.to_string().contains("告知函"), "{err}");
}

#[test]
fn the_cli_prints_a_blank_form_without_a_number_and_refuses_a_blank_letter() {
    let dir = common::demo_folder();
    let out_file = dir.path().join("blank.pdf");
    let shouhou = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shouhou"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env_remove("SHOUHOU_DATA_DIR")
            .output()
            .unwrap()
    };
    let out = shouhou(&["complaint", "pdf", "--blank", "--form", "handling", "--out", out_file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = text_of(&std::fs::read(&out_file).unwrap());
    assert!(has(&text, "客户投诉处理表") && has(&text, "各部门会签") && has(&text, "编号:____"), "{text}");
    let letter = shouhou(&["complaint", "pdf", "--blank", "--form", "letter", "--out", out_file.to_str().unwrap()]);
    assert!(!letter.status.success());
    assert!(String::from_utf8_lossy(&letter.stderr).contains("告知函"));
    let neither = shouhou(&["complaint", "pdf", "--form", "registration", "--out", out_file.to_str().unwrap()]);
    assert!(!neither.status.success(), "a number or --blank is required");
}
