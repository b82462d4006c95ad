//! The printed documents of outside personnel, read back with poppler: the four-copy safety
//! agreement (labels, copy marks, every §7 section, the number on every page, the roster annex,
//! placeholders filled), the briefing sheet's signature grid for 3 and 80 people, the
//! application and approval forms filled and blank, the ledger as PDF and as typed .xlsx, and
//! the versioned clause template (an old version still prints as it was).

use crate::common;
use crate::pdf_read;

use calamine::{Data, DataType, Reader};
use chrono::NaiveDate;
use common::*;
use pdf_read::*;
use shouhou_core::account::{Actor, Role};
use shouhou_core::contractor::forms::{self, AgreementTemplateInput, ClauseSection};

const COMPANY: &str = "天津示例机械有限公司";
const LABELS: [&str; 4] =
    ["第一联 安全管理部存档", "第二联 用工(发包)部门", "第三联 乙方(承包单位)", "第四联 保卫部门(门岗)"];

fn agreement(people: usize) -> Vec<u8> {
    forms::agreement_pdf(&forms::sample_agreement(COMPANY, people), &forms::default_template()).unwrap()
}

/// Which copy each page belongs to, by its label; panics on a page with none or two.
fn copy_of(page: &str) -> usize {
    let found: Vec<usize> = (0..4).filter(|&i| has(page, LABELS[i])).collect();
    assert_eq!(found.len(), 1, "one label per page: {page}");
    found[0]
}

#[test]
fn the_agreement_prints_four_complete_labelled_copies_with_the_number_on_every_page() {
    let doc = forms::sample_agreement(COMPANY, 12);
    let pdf = agreement(12);
    keep("agreement.pdf", &pdf);
    eprintln!("four-copy agreement: {} bytes", pdf.len());
    assert!(pdf.len() < 150_000, "{} bytes", pdf.len());
    let pages = pages_of(&pdf);
    assert_eq!(pages.len() % 4, 0);
    let per_copy = pages.len() / 4;
    assert!(per_copy >= 3, "parties, clauses, signatures and the annex: {per_copy} pages");
    for (i, page) in pages.iter().enumerate() {
        let copy = i / per_copy;
        assert_eq!(copy_of(page), copy, "page {i} is in copy {copy}");
        assert!(has(page, &format!("第 {} 份 / 共 4 份", copy + 1)), "page {i}: copy mark");
        assert!(has(page, "编号:WB-2026-0007"), "page {i}: the agreement number");
        assert!(has(page, &format!("第 {} 页 / 共 {per_copy} 页", i % per_copy + 1)), "page {i}: own page numbers");
        assert!(has(page, "外用(包)工安全协议书"), "page {i}: title");
        assert!(has(page, "模板第1版"), "page {i}: the template version in the footer");
    }
    // Each copy is the whole agreement: every section, in order.
    let headings = [
        "一、协议双方",
        "二、工程项目概况",
        "三、订立依据",
        "四、甲方的安全责任",
        "五、乙方的安全责任",
        "六、禁止转包、分包和挂靠",
        "七、安全生产费用",
        "八、隐患排查与整改",
        "九、应急救援与事故报告",
        "十、安全检查、违规考核与安全风险抵押金",
        "十一、治安管理",
        "十二、责任划分",
        "十三、保险",
        "十四、协议效力、份数及附件",
        "十五、协议签署",
        "附件:作业人员名单",
    ];
    for copy in 0..4 {
        let text = pages[copy * per_copy..(copy + 1) * per_copy].concat();
        let mut from = 0;
        for heading in headings {
            let at = text[from..].find(&squeezed(heading)).map(|p| p + from);
            assert!(at.is_some(), "copy {copy}: {heading} missing or out of order");
            from = at.unwrap();
        }
        for field in [
            COMPANY,
            "炼钢厂设备科",
            "天津市宏达建筑安装工程有限公司",
            "91120104MA05K8XW3R",
            "赵德明",
            "中国工商银行天津南开支行",
            "TG-SB-2026-1187",
            "2号转炉一次除尘管道检修",
            "2号转炉炉后平台",
            "2026-12-01",
            "2026-12-20",
            "20,000.00元",
            "12人",
        ] {
            assert!(has(&text, field), "copy {copy}: {field}");
        }
        // Placeholders are filled from the engagement.
        assert!(!text.contains('{') && !text.contains('}'), "copy {copy}: a placeholder left");
        assert!(has(&text, "有效期自2026年12月01日至2026年12月20日"), "copy {copy}: validity dates");
        assert!(has(&text, "交纳安全风险抵押金20,000.00元"), "copy {copy}: deposit in the clause");
        // The clauses §7 insists on.
        for must in [
            "不得将本协议约定的工程或作业转包、分包",
            "挂靠",
            "1小时内",
            "因生产安全事故伤亡依法应承担的责任的条款均属无效",
            "工伤保险",
            "安全生产责任保险",
            "三级安全教育",
            "持有效证件上岗",
            "治安五防协议书",
            "不准挪作他用",
            "本协议一式四份",
        ] {
            assert!(has(&text, must), "copy {copy}: clause text {must}");
        }
        // Signature and stamp blocks.
        for block in [
            "甲方(盖章)",
            "代表人(签字)",
            "部门负责人(签字)",
            "乙方(盖章)",
            "法定代表人或委托代理人(签字)",
            "项目(安全)负责人(签字)",
            "安全管理部审核意见",
            "审核人(签字)",
            "(安全管理部盖章)",
        ] {
            assert!(has(&text, block), "copy {copy}: {block}");
        }
        for person in &doc.roster {
            assert!(has(&text, &person.name), "copy {copy}: {} in the annex", person.name);
        }
    }
}

#[test]
fn an_approved_agreement_prints_the_reviewer_and_an_individual_one_names_the_people() {
    let mut doc = forms::sample_agreement(COMPANY, 2);
    doc.approved_by = Some("周文斌".into());
    doc.approved_at = NaiveDate::from_ymd_opt(2026, 11, 28);
    doc.unit = None;
    doc.category_label = "外用工".into();
    doc.contract_number = String::new();
    let pdf = forms::agreement_pdf(&doc, &forms::default_template()).unwrap();
    let text = text_of(&pdf);
    assert!(has(&text, "同意进场作业") && has(&text, "审核人(签字):周文斌") && has(&text, "2026年11月28日"));
    assert!(has(&text, "王建国、李建国(个人)"), "乙方 is the people");
    assert!(has(&text, "主合同编号无"), "no main contract");

    let mut backwards = doc.clone();
    backwards.end = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let err = forms::agreement_pdf(&backwards, &forms::default_template()).unwrap_err();
    assert_eq!(err.field(), Some("end"));
}

/// The numbers of the rows whose names appear on each page.
fn names_per_page(pages: &[String], roster: &[shouhou_core::contractor::forms::RosterRow]) -> Vec<Vec<usize>> {
    pages
        .iter()
        .map(|p| {
            roster
                .iter()
                .enumerate()
                .filter(|(_, r)| p.contains(&format!("{}{}", r.name, r.id_number_masked)))
                .map(|(i, _)| i)
                .collect()
        })
        .collect()
}

#[test]
fn the_briefing_sheet_has_a_signature_row_for_every_person_across_pages() {
    for people in [3, 80] {
        let doc = forms::sample_briefing(people);
        let pdf = forms::briefing_pdf(COMPANY, &doc).unwrap();
        keep(&format!("briefing-{people}.pdf"), &pdf);
        eprintln!("briefing sheet, {people} people: {} bytes", pdf.len());
        let pages = pages_of(&pdf);
        for (i, page) in pages.iter().enumerate() {
            assert!(has(page, "编号:WB-2026-0007-JD1"), "{people}: page {i} number");
            assert!(has(page, "序号姓名身份证号工种签名日期"), "{people}: page {i} carries the grid header");
        }
        let first = &pages[0];
        for field in [
            "一、工程概况",
            "2号转炉一次除尘管道检修",
            "天津市宏达建筑安装工程有限公司",
            "2026年12月01日",
            "主要危险因素",
            "煤气中毒",
            "预防措施",
            "注意事项",
            "安全操作规程",
            "应急措施及急救",
            "心肺复苏",
            "交底人(签字):孙立新",
            "安全员(签字):刘海涛",
        ] {
            assert!(has(first, field), "{people}: {field}");
        }
        assert!(has(first, &format!("四、接受交底人员签字(共 {people} 人)")));
        // Every person exactly once, in order, across the pages.
        let seen: Vec<usize> = names_per_page(&pages, &doc.roster).concat();
        assert_eq!(seen, (0..people).collect::<Vec<_>>(), "{people}: every row once, in order");
        if people == 80 {
            assert!(pages.len() >= 3, "80 rows of 9 mm run over several pages: {}", pages.len());
            let per_page = names_per_page(&pages, &doc.roster);
            assert!(per_page[1].len() > 15, "a full page of rows: {per_page:?}");
            assert!(per_page.last().unwrap().contains(&79));
        } else {
            assert_eq!(pages.len(), 1, "three people fit the first page");
        }
    }
    // No roster yet: blank numbered rows to sign.
    let mut empty = forms::sample_briefing(0);
    empty.briefer = String::new();
    let pdf = forms::briefing_pdf(COMPANY, &empty).unwrap();
    let raw = raw_pages_of(&pdf).concat();
    let numbers: Vec<usize> = raw.lines().filter_map(|l| l.trim().parse().ok()).collect();
    assert_eq!(numbers, (1..=15).collect::<Vec<_>>());
}

#[test]
fn the_application_and_approval_forms_print_filled_and_blank() {
    let mut doc = forms::sample_application(5);
    let pdf = forms::application_pdf(COMPANY, Some(&doc)).unwrap();
    keep("application.pdf", &pdf);
    assert_eq!(pages_of(&pdf).len(), 1, "five people fit one page");
    let text = text_of(&pdf);
    for field in [
        "计划外用工申报表",
        "编号:WB-2026-0007",
        "炼钢厂设备科",
        "外包工",
        "天津市宏达建筑安装工程有限公司",
        "2026-12-01至2026-12-20",
        "5人",
        "20,000.00元",
        "年度检修计划项目",
        "孙立新",
        "2026年11月25日",
        "二、拟用人员名单",
        "三、申报部门意见",
        "部门负责人(签字)",
    ] {
        assert!(has(&text, field), "application: {field}");
    }
    for p in &doc.roster {
        assert!(has(&text, &p.name), "application: {}", p.name);
    }

    doc.approved_by = Some("周文斌".into());
    doc.approved_at = NaiveDate::from_ymd_opt(2026, 11, 28);
    let pdf = forms::approval_pdf(COMPANY, Some(&doc)).unwrap();
    keep("approval.pdf", &pdf);
    let text = text_of(&pdf);
    for field in ["计划外用工审批表", "二、审批意见", "用工(发包)部门", "保卫部门", "人力资源部门", "主管领导"]
    {
        assert!(has(&text, field), "approval: {field}");
    }
    assert!(has(&text, "人员名单王建国(力工)、李建国(电焊工)、张建国(架子工)、刘建国(起重工)、陈建国(电工)"));
    assert_eq!(pages_of(&pdf).len(), 1, "the approval form is one page");
    assert!(has(&text, "安全管理部经审查,资料齐全,同意用工。周文斌2026-11-28"), "the safety department's row filled");

    for (name, pdf) in [
        ("application-blank.pdf", forms::application_pdf(COMPANY, None).unwrap()),
        ("approval-blank.pdf", forms::approval_pdf(COMPANY, None).unwrap()),
    ] {
        keep(name, &pdf);
        let text = text_of(&pdf);
        assert!(has(&text, "编号:________________"), "{name}");
        assert!(has(&text, "□外用工□外包工□售后服务人员"), "{name}: categories to tick");
        assert!(has(&text, "年月日至年月日"), "{name}: a period to write in");
        assert!(!has(&text, "孙立新") && !has(&text, "宏达"), "{name}: nothing filled");
        assert_eq!(pages_of(&pdf).len(), 1, "{name}: one page");
    }
    let blank = text_of(&forms::approval_pdf(COMPANY, None).unwrap());
    assert!(has(&blank, "二、审批意见") && !has(&blank, "同意用工"));
}

#[test]
fn the_ledger_prints_landscape_by_department_and_exports_typed_cells() {
    let rows = forms::sample_ledger(9, 6);
    let pdf = forms::ledger_pdf(COMPANY, &rows, "全部部门", "打印:2026-11-30 10:15").unwrap();
    keep("ledger.pdf", &pdf);
    let pages = pages_of(&pdf);
    let text = pages.concat();
    assert!(String::from_utf8_lossy(&pdf).contains("/MediaBox[0 0 841.88983 595.27563]"), "A4 landscape");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            has(
                page,
                "项目编号/类别单位工程名称作业地点起止日期状态序号姓名身份证号工种三级教育特种作业证书抵押金(元)"
            ),
            "page {i}"
        );
    }
    // An engagement's facts once, on its first line; its people under it.
    // (and once more in the department's 人员情况 table under it).
    assert_eq!(text.matches("WB-2026-0004").count(), 2, "{text}");
    assert_eq!(text.matches("至2026-12-20").count(), 9, "the dates once per engagement");
    assert!(has(&text, "范围:全部部门部门3个项目9个人员48人"), "{text}");
    for heading in ["炼钢厂设备科(项目3个,人员12人)", "轧钢厂生产科(项目3个,人员18人)", "能源动力部(项目3个,人员18人)"]
    {
        assert!(has(&text, heading), "{heading}");
    }
    for r in rows.iter().filter(|r| !r.person_name.is_empty()) {
        assert!(text.contains(&format!("{}{}", r.person_name, r.id_number_masked)), "{}", r.person_name);
    }

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台帐.xlsx");
    let written = forms::ledger_xlsx(&rows, &path).unwrap();
    assert_eq!(written as usize, rows.len());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("台帐").unwrap();
    let all: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let header: Vec<String> = all[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, forms::LEDGER_COLUMNS.map(|c| c.name.to_owned()));
    assert_eq!(all.len(), rows.len() + 2, "header, the rows, the totals");
    // Rows grouped by department: the first department's three engagements come first.
    let departments: Vec<String> = all[1..=rows.len()].iter().map(|r| r[0].to_string()).collect();
    let first_other = departments.iter().position(|d| d != "炼钢厂设备科").unwrap();
    assert_eq!(first_other, 1 + 6 + 6, "the empty engagement line and two of six people");
    let line = &all[2];
    assert_eq!(line[1], Data::String("WB-2026-0004".into()));
    assert!(line[6].is_datetime() && line[7].is_datetime(), "dates are dates: {:?}", line[6]);
    assert_eq!(line[6].as_datetime().map(|t| t.date()), NaiveDate::from_ymd_opt(2026, 12, 1));
    assert_eq!(line[9], Data::Float(1.0), "the person's number in the engagement");
    assert_eq!(line[15], Data::Float(5003.0), "the engagement's deposit on its first line, in 元");
    assert_eq!(all[3][15], Data::Empty, "and only there");
    assert_eq!(all[1][9], Data::Empty, "an engagement without people has no person number");
    let total: f64 = (0..9).map(|e| 5000.0 + e as f64).sum();
    assert_eq!(all[rows.len() + 1][15], Data::Float(total), "each deposit once");

    let empty = forms::ledger_pdf(COMPANY, &[], "能源动力部", "").unwrap();
    assert!(has(&text_of(&empty), "没有符合条件的记录"));
}

fn edited(base: &forms::AgreementTemplate) -> AgreementTemplateInput {
    let mut sections = base.sections.clone();
    sections[0].body = "依据《中华人民共和国安全生产法》(2021年修正)订立本协议,合同编号{合同编号}。".into();
    sections.push(ClauseSection {
        key: "extra_1".into(),
        heading: "其他约定".into(),
        body: "冬季施工另行交底。".into(),
    });
    let mut copy_labels = base.copy_labels.clone();
    copy_labels[3] = "第四联 保卫部(东门岗)".into();
    AgreementTemplateInput { copy_labels, sections, note: "依据更新,增加其他约定".into() }
}

#[tokio::test]
async fn the_template_is_versioned_and_an_old_version_prints_as_it_was() {
    let (_dir, store, admin) = initialized().await;
    let mut conn = store.pool().acquire().await.unwrap();
    let shipped = forms::current_template(&mut conn).await.unwrap();
    drop(conn);
    let defaults = forms::default_template();
    assert_eq!(shipped, defaults, "the migration stored the shipped text as version 1");

    let doc = forms::sample_agreement(COMPANY, 4);
    let before = pages_of(&forms::agreement_pdf(&doc, &shipped).unwrap());

    // Only the safety department and the administrator edit it.
    let safety = Actor { role: Role::Safety, display_name: "周文斌".into(), ..admin.clone() };
    for role in [Role::HiringDept, Role::Gate, Role::AfterSales] {
        let other = Actor { role, ..admin.clone() };
        let err = forms::save_template(&store, &other, edited(&shipped), at(9, 0)).await.unwrap_err();
        assert_eq!(err.code(), "forbidden", "{role:?}");
        assert_eq!(forms::get_template(&store, &other, None).await.unwrap_err().code(), "forbidden");
    }

    let audits = audit_count(&store).await;
    let v2 = forms::save_template(&store, &safety, edited(&shipped), at(9, 0)).await.unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.saved_by, "周文斌");
    assert_eq!(v2.saved_at, Some(at(9, 0)));
    assert_eq!(audit_count(&store).await, audits + 1, "the save is in the log");
    // Saving the same text again adds nothing.
    let again = forms::save_template(&store, &safety, edited(&shipped), at(9, 5)).await.unwrap();
    assert_eq!(again.version, 2);
    let v3 = forms::save_template(
        &store,
        &admin,
        {
            let mut i = edited(&shipped);
            i.note = "再改".into();
            i.sections.pop();
            i
        },
        at(9, 10),
    )
    .await
    .unwrap();
    assert_eq!(v3.version, 3);
    let history = forms::template_versions(&store, &safety).await.unwrap();
    assert_eq!(history.iter().map(|v| v.version).collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(history[1].note, "依据更新,增加其他约定");

    // The new text prints with its labels and its extra section …
    let mut conn = store.pool().acquire().await.unwrap();
    let v2_loaded = forms::template(&mut conn, 2).await.unwrap();
    assert_eq!(v2_loaded, v2);
    let text = text_of(&forms::agreement_pdf(&doc, &v2_loaded).unwrap());
    assert!(has(&text, "第四联 保卫部(东门岗)") && has(&text, "十五、其他约定") && has(&text, "十六、协议签署"));
    assert!(has(&text, "(2021年修正)订立本协议,合同编号TG-SB-2026-1187"));
    assert!(has(&text, "模板第2版"));
    // … and version 1 still prints exactly as before.
    let v1 = forms::template(&mut conn, 1).await.unwrap();
    assert_eq!(pages_of(&forms::agreement_pdf(&doc, &v1).unwrap()), before);
    assert_eq!(forms::current_template(&mut conn).await.unwrap().version, 3);
    assert_eq!(forms::template(&mut conn, 9).await.unwrap_err().code(), "not_found");

    // Versions are never changed or removed, whatever writes to the table.
    for sql in [
        "UPDATE agreement_template SET note = 'x' WHERE version = 1",
        "DELETE FROM agreement_template WHERE version = 2",
    ] {
        let err = sqlx::query(sql).execute(&mut *conn).await.unwrap_err();
        assert!(err.to_string().contains("never"), "{sql}: {err}");
    }
    drop(conn);

    // A bad template is refused with the field and the rule.
    let mut bad = edited(&shipped);
    bad.sections.retain(|s| s.key != "insurance");
    let err = forms::save_template(&store, &safety, bad, at(9, 20)).await.unwrap_err();
    assert_eq!(err.field(), Some("sections"));
    assert!(err.user_message().contains("保险"));

    // The preview prints the unsaved text as the next version.
    let preview = forms::preview_template(&store, &safety, edited(&shipped)).await.unwrap();
    let text = text_of(&preview);
    assert!(has(&text, "模板第4版") && has(&text, "其他约定") && has(&text, COMPANY));
}
