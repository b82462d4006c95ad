//! 外用工/外包工台帐: the hiring departments' ledger of engagements and people (the rule makes
//! every hiring department keep one), as a landscape PDF grouped by department and as a typed
//! .xlsx (dates as dates, the deposit as money) that a department can keep working in.

use std::path::Path;

use super::LedgerRow;
use crate::error::Result;
use crate::format::{date, money_grouped};
use crate::pdf::{Column, Form, Page, Template};
use crate::xlsx::{self, ColumnKind, Table, Value};

pub const LEDGER_TITLE: &str = "外用工/外包工台帐";

/// The .xlsx columns, in order (the PDF prints the same, the two dates as one 起止日期 column).
pub const LEDGER_COLUMNS: [xlsx::Column; 24] = [
    xlsx::Column::new("用工部门", 16.0, ColumnKind::Text),
    xlsx::Column::new("项目编号", 14.0, ColumnKind::Text),
    xlsx::Column::new("类别", 10.0, ColumnKind::Text),
    xlsx::Column::new("单位", 28.0, ColumnKind::Text),
    xlsx::Column::new("工程名称", 26.0, ColumnKind::Text),
    xlsx::Column::new("作业地点", 16.0, ColumnKind::Text),
    xlsx::Column::new("开工日期", 12.0, ColumnKind::Date),
    xlsx::Column::new("完工日期", 12.0, ColumnKind::Date),
    xlsx::Column::new("状态", 10.0, ColumnKind::Text),
    xlsx::Column::new("序号", 6.0, ColumnKind::Integer),
    xlsx::Column::new("姓名", 10.0, ColumnKind::Text),
    xlsx::Column::new("身份证号", 20.0, ColumnKind::Text),
    xlsx::Column::new("工种", 10.0, ColumnKind::Text),
    xlsx::Column::new("三级安全教育", 14.0, ColumnKind::Text),
    xlsx::Column::new("特种作业证书", 24.0, ColumnKind::Text),
    xlsx::Column::new("安全风险抵押金", 14.0, ColumnKind::Money),
    // --- incidents --- the engagement's people figures (on its first line).
    xlsx::Column::new("名单人数", 9.0, ColumnKind::Integer),
    xlsx::Column::new("教育完成", 9.0, ColumnKind::Integer),
    xlsx::Column::new("教育未完成", 10.0, ColumnKind::Integer),
    xlsx::Column::new("证书有效", 9.0, ColumnKind::Integer),
    xlsx::Column::new("证书过期", 9.0, ColumnKind::Integer),
    xlsx::Column::new("本月入场检查", 12.0, ColumnKind::Integer),
    xlsx::Column::new("违规考核金额", 13.0, ColumnKind::Money),
    xlsx::Column::new("抵押金余额", 13.0, ColumnKind::Money),
];

/// The deposit's column (the totals row sums it, with the penalties and the balances).
const DEPOSIT_COLUMN: usize = 15;

/// --- incidents --- The department's engagements with their people figures (the roster,
/// education, certificates, this month's entry checks, penalties and the deposit balance), one
/// row each under the people table.
fn people_table(f: &mut Form, list: &[&LedgerRow]) {
    let columns = [
        Column::new("项目编号", 27.0),
        Column::right("名单人数", 18.0),
        Column::right("教育完成", 18.0),
        Column::right("教育未完成", 20.0),
        Column::right("证书有效", 18.0),
        Column::right("证书过期", 18.0),
        Column::right("本月入场检查", 24.0),
        Column::right("违规考核(元)", 26.0),
        Column::right("抵押金余额(元)", 28.0),
    ];
    let body: Vec<Vec<String>> = list
        .iter()
        .zip(numbered(list))
        .filter(|(_, (_, first))| *first)
        .map(|(r, _)| {
            vec![
                r.engagement_number.clone(),
                r.roster_count.to_string(),
                r.education_complete.to_string(),
                r.education_incomplete.to_string(),
                r.certificates_valid.to_string(),
                r.certificates_lapsed.to_string(),
                r.entry_checks_month.to_string(),
                money_grouped(r.penalty_fen),
                money_grouped(r.deposit_balance_fen),
            ]
        })
        .collect();
    f.gap(1.0);
    f.paragraph("人员情况", 9.5);
    f.table(&columns, body, "");
}

/// The rows of one department, in the given order; departments in order of first appearance.
fn by_department(rows: &[LedgerRow]) -> Vec<(&str, Vec<&LedgerRow>)> {
    let mut groups: Vec<(&str, Vec<&LedgerRow>)> = Vec::new();
    for row in rows {
        match groups.iter_mut().find(|(d, _)| *d == row.department) {
            Some((_, list)) => list.push(row),
            None => groups.push((&row.department, vec![row])),
        }
    }
    groups
}

/// Per line: the person's number within the engagement (1, 2, …; `None` on an engagement line
/// without people) and whether the line is the engagement's first (the deposit is the
/// engagement's, so only that line carries it and a column total adds each deposit once).
fn numbered(rows: &[&LedgerRow]) -> Vec<(Option<i64>, bool)> {
    let mut out = Vec::with_capacity(rows.len());
    let mut last = None;
    let mut n = 0;
    for row in rows {
        let first = last != Some(row.engagement_number.as_str());
        if first {
            last = Some(row.engagement_number.as_str());
            n = 0;
        }
        if row.person_name.is_empty() {
            out.push((None, first));
        } else {
            n += 1;
            out.push((Some(n), first));
        }
    }
    out
}

/// The ledger on A4 landscape: a heading per department with its engagements and people counted,
/// then one table row per line (the header repeats on every page). `scope` names what was
/// selected ("全部部门" or a department) and `printed` goes in the footer.
pub fn ledger_pdf(company: &str, rows: &[LedgerRow], scope: &str, printed: &str) -> Result<Vec<u8>> {
    let mut f = Form::with_page(Page::A4_LANDSCAPE, company, LEDGER_TITLE, "")?;
    f.template(Template::new("SH/AQ-TZ-01", "A/0"));
    f.footer_note(printed);
    let groups = by_department(rows);
    let people = rows.iter().filter(|r| !r.person_name.is_empty()).count();
    let mut engagements: Vec<&str> = rows.iter().map(|r| r.engagement_number.as_str()).collect();
    engagements.sort_unstable();
    engagements.dedup();
    f.paragraph(
        &format!("范围:{scope}    部门 {} 个  项目 {} 个  人员 {people} 人", groups.len(), engagements.len()),
        9.5,
    );
    // Widths in mm of the 273 mm band; an engagement's columns are printed on its first line
    // only, so its people read as a group under it.
    let columns = [
        Column::new("项目编号/类别", 27.0),
        Column::new("单位", 24.0),
        Column::new("工程名称", 22.0),
        Column::new("作业地点", 16.0),
        Column::new("起止日期", 24.0),
        Column::new("状态", 13.0),
        Column::centered("序号", 10.0),
        Column::new("姓名", 16.0),
        Column::new("身份证号", 34.0),
        Column::new("工种", 13.0),
        Column::new("三级教育", 24.0),
        Column::new("特种作业证书", 30.0),
        Column::right("抵押金(元)", 20.0),
    ];
    if groups.is_empty() {
        f.table(&columns, Vec::<Vec<String>>::new(), "(没有符合条件的记录)");
    }
    for (department, list) in groups {
        let people = list.iter().filter(|r| !r.person_name.is_empty()).count();
        let mut numbers: Vec<&str> = list.iter().map(|r| r.engagement_number.as_str()).collect();
        numbers.dedup();
        f.heading(&format!("{department}(项目 {} 个,人员 {people} 人)", numbers.len()));
        let body: Vec<Vec<String>> = list
            .iter()
            .zip(numbered(&list))
            .map(|(r, (n, first))| {
                let engagement = |text: String| if first { text } else { String::new() };
                vec![
                    engagement(format!("{}\n{}", r.engagement_number, r.category_label)),
                    engagement(r.unit_name.clone()),
                    engagement(r.project.clone()),
                    engagement(r.place.clone()),
                    engagement(format!("{}\n至{}", date(r.start), date(r.end))),
                    engagement(r.state_label.clone()),
                    n.map(|n| n.to_string()).unwrap_or_default(),
                    r.person_name.clone(),
                    r.id_number_masked.clone(),
                    r.trade.clone(),
                    r.education.clone(),
                    r.certificate.clone(),
                    if first && r.deposit_fen > 0 { money_grouped(r.deposit_fen) } else { String::new() },
                ]
            })
            .collect();
        f.table(&columns, body, "");
        people_table(&mut f, &list);
        f.gap(2.0);
    }
    Ok(f.finish())
}

/// The ledger as one sheet 台帐 of typed cells at `path` (written beside it and renamed into
/// place), with a 合计 row summing the deposits (each engagement's once); returns the number
/// of data rows written.
pub fn ledger_xlsx(rows: &[LedgerRow], path: &Path) -> Result<u32> {
    let mut table = Table::new("台帐", &LEDGER_COLUMNS)?;
    for (department, list) in by_department(rows) {
        for (r, (n, first)) in list.iter().zip(numbered(&list)) {
            // The engagement's figures on its first line only (a column total counts each once).
            let once = |v: Value| if first { v } else { Value::Empty };
            table.push(&[
                Value::text(department),
                Value::text(r.engagement_number.as_str()),
                Value::text(r.category_label.as_str()),
                Value::text(r.unit_name.as_str()),
                Value::text(r.project.as_str()),
                Value::text(r.place.as_str()),
                Value::Date(r.start),
                Value::Date(r.end),
                Value::text(r.state_label.as_str()),
                n.map(Value::Integer).unwrap_or(Value::Empty),
                Value::text(r.person_name.as_str()),
                Value::text(r.id_number_masked.as_str()),
                Value::text(r.trade.as_str()),
                Value::text(r.education.as_str()),
                Value::text(r.certificate.as_str()),
                if first { Value::Fen(r.deposit_fen) } else { Value::Empty },
                once(Value::Integer(r.roster_count)),
                once(Value::Integer(r.education_complete)),
                once(Value::Integer(r.education_incomplete)),
                once(Value::Integer(r.certificates_valid)),
                once(Value::Integer(r.certificates_lapsed)),
                once(Value::Integer(r.entry_checks_month)),
                once(Value::Fen(r.penalty_fen)),
                once(Value::Fen(r.deposit_balance_fen)),
            ])?;
        }
    }
    let written = table.rows();
    // Each engagement's figures once: from its first line.
    let firsts: Vec<&LedgerRow> = by_department(rows)
        .into_iter()
        .flat_map(|(_, list)| {
            let marks = numbered(&list);
            list.into_iter().zip(marks).filter(|(_, (_, first))| *first).map(|(r, _)| r).collect::<Vec<_>>()
        })
        .collect();
    let sum = |f: fn(&LedgerRow) -> i64| firsts.iter().map(|r| f(r)).sum::<i64>();
    if written > 0 {
        table.totals(
            "合计",
            &[
                (DEPOSIT_COLUMN, Value::Fen(sum(|r| r.deposit_fen))),
                (DEPOSIT_COLUMN + 7, Value::Fen(sum(|r| r.penalty_fen))),
                (DEPOSIT_COLUMN + 8, Value::Fen(sum(|r| r.deposit_balance_fen))),
            ],
        )?;
    }
    table.save(path)?;
    Ok(written)
}
