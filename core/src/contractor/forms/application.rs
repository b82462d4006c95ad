//! 计划外用工申报表 and 计划外用工审批表, for departments that still sign them on paper: filled
//! from the engagement, or blank (no document) to fill in by hand.

use super::{ApplicationDoc, long_date};
use crate::error::Result;
use crate::format::{date, money};
use crate::pdf::{Column, Field, Form, Template};

pub const APPLICATION_TITLE: &str = "计划外用工申报表";
pub const APPROVAL_TITLE: &str = "计划外用工审批表";

/// A line to write a number on, on a blank form.
const BLANK_NUMBER: &str = "________________";

fn val(doc: Option<&ApplicationDoc>, get: impl FnOnce(&ApplicationDoc) -> String) -> String {
    doc.map(get).unwrap_or_default()
}

fn new_form(doc: Option<&ApplicationDoc>, company: &str, title: &str, code: &str) -> Result<Form> {
    let mut f = Form::new(company, title, doc.map_or(BLANK_NUMBER, |d| d.number.as_str()))?;
    f.template(Template::new(code, "A/0"));
    if let Some(d) = doc {
        f.footer_note(&d.printed);
        f.header_qr(&d.number)?;
    }
    Ok(f)
}

/// The engagement's facts in one grid (so the label column lines up), with `extra` fields last.
fn facts(f: &mut Form, doc: Option<&ApplicationDoc>, extra: Vec<Field>) {
    let category = match doc {
        Some(d) => d.category_label.clone(),
        None => "□外用工 □外包工 □售后服务人员".into(),
    };
    let period = match doc {
        Some(d) => format!("{} 至 {}", date(d.start), date(d.end)),
        None => "    年   月   日 至     年   月   日".into(),
    };
    let mut fields = vec![
        Field::new("申报部门", val(doc, |d| d.department.clone())),
        Field::new("用工类别", category).span(2),
        Field::new("用工(承包)单位", val(doc, |d| d.unit_name.clone())).span(3),
        Field::new("工程(项目)名称", val(doc, |d| d.project.clone())).span(3),
        Field::new("作业内容", val(doc, |d| d.content.clone())).span(3).lines(2),
        Field::new("作业地点", val(doc, |d| d.place.clone())).span(3),
        Field::new("用工期限", period).span(2),
        Field::new("用工人数", val(doc, |d| format!("{} 人", d.roster.len()))),
        Field::new("安全风险抵押金", val(doc, |d| if d.deposit_fen > 0 { money(d.deposit_fen) } else { "无".into() })),
        Field::new("申报人", val(doc, |d| d.applicant.clone())),
        Field::new("申报日期", val(doc, |d| d.applied_on.map(long_date).unwrap_or_default())),
        Field::new("用工事由", val(doc, |d| d.reason.clone())).span(3).lines(3),
    ];
    fields.extend(extra);
    f.fields(&fields, 3);
}

fn roster(f: &mut Form, doc: Option<&ApplicationDoc>, blank_rows: usize) {
    let columns = [
        Column::centered("序号", 0.6),
        Column::new("姓名", 1.4),
        Column::new("身份证号", 2.6),
        Column::new("工种", 1.6),
        Column::new("备注", 1.8),
    ];
    let rows: Vec<Vec<String>> = match doc {
        Some(d) => d
            .roster
            .iter()
            .enumerate()
            .map(|(i, p)| vec![(i + 1).to_string(), p.name.clone(), p.id_number_masked.clone(), p.trade.clone()])
            .collect(),
        None => (1..=blank_rows).map(|i| vec![i.to_string()]).collect(),
    };
    f.table_min(&columns, rows, "(名单待补)", if doc.is_none() { 7.0 } else { 0.0 });
}

/// 计划外用工申报表: the facts, the people asked for, and the department's own signature.
pub fn application_pdf(company: &str, doc: Option<&ApplicationDoc>) -> Result<Vec<u8>> {
    let mut f = new_form(doc, company, APPLICATION_TITLE, "SH/AQ-SB-01")?;
    f.heading("一、申报内容");
    facts(&mut f, doc, Vec::new());
    f.heading("二、拟用人员名单");
    roster(&mut f, doc, 10);
    f.heading("三、申报部门意见");
    f.fields(&[Field::new("部门意见", "").lines(2)], 1);
    f.sign_line(&["部门负责人(签字)", "部门(盖章)", "日期"]);
    f.gap(2.0);
    f.paragraph(
        "注:本表经用工(发包)部门负责人签字后,连同计划外用工审批表报安全管理部审查;未经审查同意,不得用工。",
        9.0,
    );
    Ok(f.finish())
}

/// 计划外用工审批表: the facts and an opinion box for every department that approves, the
/// safety department's filled in when it has approved.
pub fn approval_pdf(company: &str, doc: Option<&ApplicationDoc>) -> Result<Vec<u8>> {
    let mut f = new_form(doc, company, APPROVAL_TITLE, "SH/AQ-SP-01")?;
    f.heading("一、用工情况");
    // The names in one box (the 申报表 carries the full list), so the form stays on one page.
    let names = doc.map(|d| d.roster.iter().map(|p| format!("{}({})", p.name, p.trade)).collect::<Vec<_>>().join("、"));
    facts(&mut f, doc, vec![Field::new("人员名单", names.unwrap_or_default()).span(3).lines(2)]);
    f.heading("二、审批意见");
    let columns = [
        Column::new("审批部门", 1.3),
        Column::new("意见", 3.2),
        Column::new("签字(盖章)", 1.4),
        Column::new("日期", 1.1),
    ];
    let safety = match doc.and_then(|d| d.approved_by.clone().zip(d.approved_at)) {
        Some((by, at)) => vec!["安全管理部".into(), "经审查,资料齐全,同意用工。".into(), by, date(at)],
        None => vec!["安全管理部".into()],
    };
    let rows = vec![
        vec!["用工(发包)部门".to_owned()],
        safety,
        vec!["保卫部门".to_owned()],
        vec!["人力资源部门".to_owned()],
        vec!["主管领导".to_owned()],
    ];
    f.table_min(&columns, rows, "", 18.0);
    f.gap(3.0);
    f.paragraph(
        "注:各部门必须坚持“计划外用工谁使用、谁负责;外包工谁承包、谁负责;谁发包、谁监督”的原则;先用工后补手续、边用工边办手续的,安全管理部有权监督处理。",
        9.0,
    );
    Ok(f.finish())
}
