//! 外用(包)工安全协议书, 一式四份: the parties and the project from the engagement, the clauses
//! from the template version, the signature and stamp blocks of 甲方, 乙方 and 安全管理部, and the
//! roster as an annex; laid out once and printed as four labelled copies.

use super::template::{AgreementTemplate, fill};
use super::{AgreementDoc, Party, chinese_number, long_date};
use crate::error::{Error, Result};
use crate::format::{date, money};
use crate::pdf::{Cell, Column, Field, Form, Template};

pub const AGREEMENT_TITLE: &str = "外用(包)工安全协议书";

/// Clause text size (points): a little larger than the grids, as contract text is read.
const CLAUSE_SIZE: f32 = 10.0;

/// Height of the signature and stamp boxes (mm): room for a round company stamp (≈ 40 mm).
const SIGNATURE_HEIGHT: f32 = 60.0;

/// The four-copy agreement: every copy complete, with its label from `template`, 第 X 份 / 共 4 份
/// and the agreement's number on every page. The footer names the template version, so a reprint
/// can be checked against the signed paper.
pub fn agreement_pdf(doc: &AgreementDoc, template: &AgreementTemplate) -> Result<Vec<u8>> {
    if template.copy_labels.len() != 4 {
        return Err(Error::validation("copy_labels", "安全协议书一式四份,模板须有四个联次名称"));
    }
    if doc.end < doc.start {
        return Err(Error::validation("end", "完工日期不能早于开工日期"));
    }
    let mut f = Form::new(&doc.company.name, AGREEMENT_TITLE, &doc.number)?;
    f.template(Template::new("SH/AQ-XY-01", format!("模板第{}版", template.version)));
    f.footer_note(&doc.printed);

    let unit_name = party_b_name(doc);
    f.gap(1.5);
    f.paragraph(
        &format!("甲方(发包方):{}({})    乙方(承包方):{}", doc.company.name, doc.hiring_department, unit_name),
        CLAUSE_SIZE,
    );
    f.gap(1.5);

    f.heading("一、协议双方");
    let a = &doc.company;
    f.fields(
        &[
            Field::new("甲方", &a.name).span(2),
            Field::new("用工(发包)部门", &doc.hiring_department),
            Field::new("统一社会信用代码", &a.credit_code),
            Field::new("法定代表人", &a.legal_rep),
            Field::new("地址", &a.address).span(2),
            Field::new("部门联系人", &a.contact),
            Field::new("联系电话", &a.phone),
        ],
        2,
    );
    f.gap(1.5);
    match &doc.unit {
        Some(b) => f.fields(&party_b_fields(b), 2),
        None => f.fields(
            &[
                Field::new("乙方", unit_name.clone()).span(2),
                Field::new("说明", "个人外用工,乙方为附件《作业人员名单》所列人员,每人签字确认").span(2),
            ],
            2,
        ),
    }

    f.heading("二、工程项目概况");
    let deposit = if doc.deposit_fen > 0 { money(doc.deposit_fen) } else { "无".into() };
    f.fields(
        &[
            Field::new("协议编号", &doc.number),
            Field::new("主合同编号", or_none(&doc.contract_number)),
            Field::new("用工类别", &doc.category_label),
            Field::new("作业人数", format!("{} 人(见附件名单)", doc.roster.len())),
            Field::new("工程(项目)名称", &doc.project).span(2),
            Field::new("作业地点", &doc.place),
            Field::new("作业区域", &doc.area),
            Field::new("作业内容及范围", &doc.content).span(2).lines(2),
            Field::new("开工日期", date(doc.start)),
            Field::new("完工日期", date(doc.end)),
            Field::new("安全风险抵押金", deposit.clone()).span(2),
        ],
        2,
    );

    let values = [
        ("甲方", doc.company.name.clone()),
        ("乙方", unit_name.clone()),
        ("用工部门", doc.hiring_department.clone()),
        ("工程名称", doc.project.clone()),
        ("作业地点", doc.place.clone()),
        ("作业区域", doc.area.clone()),
        ("开工日期", long_date(doc.start)),
        ("完工日期", long_date(doc.end)),
        ("协议编号", doc.number.clone()),
        ("合同编号", or_none(&doc.contract_number)),
        ("安全风险抵押金", deposit),
    ];
    let mut n = 2;
    for section in &template.sections {
        n += 1;
        f.heading(&format!("{}、{}", chinese_number(n), section.heading));
        for paragraph in fill(&section.body, &values).split('\n') {
            f.paragraph(paragraph, CLAUSE_SIZE);
            f.gap(0.8);
        }
    }

    n += 1;
    // The heading stays with the boxes it announces.
    f.ensure(SIGNATURE_HEIGHT + 12.0);
    f.heading(&format!("{}、协议签署", chinese_number(n)));
    signature_blocks(&mut f, doc, &unit_name);

    f.gap(6.0);
    f.heading("附件:作业人员名单");
    f.paragraph(
        &format!("协议编号 {}  工程名称 {}  单位 {}  共 {} 人", doc.number, doc.project, unit_name, doc.roster.len()),
        9.0,
    );
    f.gap(1.0);
    let columns = [
        Column::centered("序号", 0.6),
        Column::new("姓名", 1.4),
        Column::new("身份证号", 2.6),
        Column::new("工种", 1.6),
        Column::new("本人签字", 1.8),
    ];
    let rows = doc.roster.iter().enumerate().map(|(i, p)| {
        vec![(i + 1).to_string(), p.name.clone(), p.id_number_masked.clone(), p.trade.clone(), String::new()]
    });
    f.table_min(&columns, rows, "(名单待补,未经审查的人员不得进入作业现场)", 7.0);
    f.gap(2.0);
    f.paragraph("以上人员经甲方安全管理部审查备案;人员变动须重新报审,名单以外人员不得进入作业现场。", 9.0);

    let labels: Vec<&str> = template.copy_labels.iter().map(String::as_str).collect();
    // The four copies share their page content: the size of one copy plus four sets of marks.
    f.finish_copies_shared(&labels)
}

/// 乙方 as printed: the unit, or the roster's people for individual 外用工.
fn party_b_name(doc: &AgreementDoc) -> String {
    match &doc.unit {
        Some(unit) => unit.name.clone(),
        None => {
            let names: Vec<&str> = doc.roster.iter().take(3).map(|p| p.name.as_str()).collect();
            match doc.roster.len() {
                0 => "外用工个人(见附件名单)".into(),
                1..=3 => format!("{}(个人)", names.join("、")),
                n => format!("{}等{n}人(个人)", names.join("、")),
            }
        }
    }
}

fn party_b_fields(b: &Party) -> Vec<Field> {
    vec![
        Field::new("乙方", &b.name).span(2),
        Field::new("统一社会信用代码", &b.credit_code),
        Field::new("法定代表人", &b.legal_rep),
        Field::new("地址", &b.address).span(2),
        Field::new("开户银行", &b.bank),
        Field::new("账号", &b.account),
        Field::new("项目(安全)负责人", &b.contact),
        Field::new("联系电话", &b.phone),
    ]
}

fn or_none(text: &str) -> String {
    if text.trim().is_empty() { "无".into() } else { text.to_owned() }
}

/// Three boxes side by side to sign and stamp in: 甲方, 乙方, 安全管理部审核意见.
fn signature_blocks(f: &mut Form, doc: &AgreementDoc, unit_name: &str) {
    let widths = f.split(&[1.0, 1.0, 1.0]);
    let blank_date = "日期:    年   月   日";
    let party_a = format!("甲方(盖章):\n{}\n\n\n代表人(签字):\n\n部门负责人(签字):\n\n{blank_date}", doc.company.name);
    let party_b = format!(
        "乙方(盖章):\n{unit_name}\n\n\n法定代表人或委托代理人(签字):\n\n项目(安全)负责人(签字):\n\n联系电话:{}\n{blank_date}",
        doc.unit.as_ref().map(|u| u.phone.as_str()).unwrap_or("")
    );
    let opinion = match (&doc.approved_by, doc.approved_at) {
        (Some(by), Some(at)) => {
            format!(
                "安全管理部审核意见:\n经审查,资料齐全,同意进场作业。\n\n\n审核人(签字):{by}\n\n(安全管理部盖章)\n\n日期:{}",
                long_date(at)
            )
        }
        _ => format!("安全管理部审核意见:\n\n\n\n审核人(签字):\n\n(安全管理部盖章)\n\n{blank_date}"),
    };
    f.row_min(
        &[Cell::value(widths[0], party_a), Cell::value(widths[1], party_b), Cell::value(widths[2], opinion)],
        SIGNATURE_HEIGHT,
    );
}
