//! The report on paper (A4 PDF through the form toolkit, bars drawn as black vector bars so they
//! read in black and white) and in Excel (one sheet per table, numbers typed).

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::monthly::{CountRow, MonthlyReport, PartyRow, Rate};
use super::submission::SubmissionSummary;
use crate::error::{Error, Result};
use crate::format::{local_time, money};
use crate::pdf::Column;
use crate::pdf::{Form, Template, Weight};

/// The form's code in the footer.
const TEMPLATE: &str = "SH/QR-8.2-05";

fn rate_text(rate: &Rate) -> String {
    match rate.value {
        Some(v) => format!("{} {}", trim(v), rate.unit),
        None => rate.note.clone(),
    }
}

/// A figure without trailing zeros: 2.5, 0.1234, 300.
fn trim(v: f64) -> String {
    let text = format!("{v:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn or_dash(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| "—".into())
}

fn hours(minutes: Option<i64>) -> String {
    minutes.map(|m| format!("{}小时{}分", m / 60, m % 60)).unwrap_or_else(|| "—".into())
}

/// The report as an A4 PDF; `submitted` prints which revision it is and when it was submitted.
pub fn render_pdf(report: &MonthlyReport, submitted: Option<&SubmissionSummary>) -> Result<Vec<u8>> {
    let zone: chrono_tz::Tz = report.time_zone.parse().unwrap_or(chrono_tz::Asia::Shanghai);
    let number = match submitted {
        Some(s) => format!("{} 第{}版", report.month, s.revision),
        None => report.month.clone(),
    };
    let mut form = Form::new(&report.company_name, "月度客户投诉率及责任归属报表", &number)?;
    form.template(Template::new(TEMPLATE, "A/0"));
    form.footer_note(format!("统计时间 {}", local_time(report.generated_at, zone)));
    let size = form.page().text_size;

    form.paragraph(
        &format!(
            "统计月份:{}({} 至 {},{})。撤销的投诉不计入投诉件数,单列。",
            report.month_label,
            local_time(report.period_start, zone),
            local_time(report.period_end, zone),
            report.time_zone
        ),
        size,
    );
    if let Some(s) = submitted {
        let mut text = format!(
            "报送:第{}版,{} 于 {} 报送,截止时间 {},{}。",
            s.revision,
            s.submitter_name,
            local_time(s.submitted_at, zone),
            local_time(s.deadline_at, zone),
            if s.on_time { "按时" } else { "逾期" }
        );
        if !s.reason.is_empty() {
            text.push_str(&format!("修订原因:{}", s.reason));
        }
        form.paragraph(&text, size);
    }

    form.heading("一、客户投诉率");
    let r = &report.rate;
    let mut rows = vec![
        vec!["计算公式".into(), format!("{}({})", r.formula.label(), r.formula_text)],
        vec![r.numerator_label.clone(), r.numerator.to_string()],
        vec![r.denominator_label.clone(), or_dash(r.denominator)],
        vec!["本月投诉率".into(), rate_text(r)],
        vec![
            "近12个月投诉率".into(),
            format!(
                "{}({} {} ÷ {} {}){}",
                rate_text(&report.moving_12),
                report.moving_12.numerator_label,
                report.moving_12.numerator,
                report.moving_12.denominator_label,
                or_dash(report.moving_12.denominator),
                if report.moving_12.note.is_empty() { String::new() } else { format!(";{}", report.moving_12.note) }
            ),
        ],
    ];
    rows.push(vec![
        "目标".into(),
        match (report.target, report.meets_target) {
            (Some(t), Some(true)) => format!("{} {} — 达标", trim(t), r.unit),
            (Some(t), Some(false)) => format!("{} {} — 未达标", trim(t), r.unit),
            (Some(t), None) => format!("{} {}", trim(t), r.unit),
            (None, _) => "未设定".into(),
        },
    ]);
    form.table(&[Column::new("项目", 1.0), Column::new("数值", 3.0)], rows, "");

    form.heading("二、近12个月投诉率趋势");
    let max = report.trend.iter().filter_map(|t| t.value).fold(0.0_f64, f64::max);
    let trend_rows: Vec<Vec<String>> = report
        .trend
        .iter()
        .map(|t| {
            vec![
                t.month.clone(),
                t.numerator.to_string(),
                or_dash(t.denominator),
                t.value.map(|v| format!("{} {}", trim(v), r.unit)).unwrap_or_else(|| "无数据".into()),
                String::new(),
            ]
        })
        .collect();
    let widths = form.split(&[1.2, 1.2, 1.4, 1.4, 3.0]);
    let bar_left = form.page().margin + widths[..4].iter().sum::<f32>() + 1.5;
    let bar_room = widths[4] - 3.0;
    // A one-line row is a line and two paddings tall (the toolkit's grid); the table is kept on
    // one page so the bars can be drawn over its last column from the bottom up.
    let row = size * 5.0 / 9.5 + 2.0 * size * 1.6 / 9.5;
    form.ensure(row * (report.trend.len() as f32 + 2.0));
    form.table(
        &[
            Column::new("月份", 1.2),
            Column::right(r.numerator_label.clone(), 1.2),
            Column::right(r.denominator_label.clone(), 1.4),
            Column::right("投诉率", 1.4),
            Column::new("图示", 3.0),
        ],
        trend_rows,
        "",
    );
    let bottom = form.cursor();
    let n = report.trend.len();
    for (i, t) in report.trend.iter().enumerate() {
        if let Some(v) = t.value.filter(|v| *v > 0.0 && max > 0.0) {
            let y = bottom + row * (n - 1 - i) as f32 + row / 2.0;
            let length = (v / max) as f32 * bar_room;
            // Thickness in points: about half the row.
            form.line(bar_left, y, bar_left + length, y, row * 0.5 * 72.0 / 25.4);
        }
    }

    form.heading("三、按发货月统计(投诉陆续到达,按产品发货月份归集)");
    let ship_rows: Vec<Vec<String>> = report
        .by_ship_month
        .iter()
        .map(|s| {
            vec![
                if s.ship_month.is_empty() { "发货日期未填".into() } else { s.ship_month.clone() },
                s.lines.to_string(),
                s.defective.to_string(),
                or_dash(s.shipment_count),
                or_dash(s.shipped_quantity),
                s.value.map(|v| format!("{} {}", trim(v), s.unit)).unwrap_or_else(|| "无发货数据".into()),
            ]
        })
        .collect();
    form.table(
        &[
            Column::new("发货月份", 1.2),
            Column::right("投诉产品行", 1.0),
            Column::right("不良数量", 1.0),
            Column::right("发货次数", 1.0),
            Column::right("发货数量", 1.0),
            Column::right("比率", 1.2),
        ],
        ship_rows,
        "本月及前11个月发货的产品没有投诉",
    );

    form.heading("四、投诉受理概况");
    let fc = &report.first_contact;
    let cl = &report.closing;
    form.table(
        &[Column::new("项目", 1.4), Column::new("数值", 3.0)],
        vec![
            vec!["投诉件数(不含撤销)".into(), report.received.to_string()],
            vec!["已结案 / 未结案".into(), format!("{} / {}", report.closed, report.open)],
            vec!["撤销(单列,不计入)".into(), report.cancelled.to_string()],
            vec!["不良数量合计".into(), report.defective_quantity.to_string()],
            vec![
                "首次联系用时".into(),
                format!(
                    "中位数 {},最长 {};超过{}小时 {} 件,尚未联系 {} 件",
                    hours(fc.median),
                    hours(fc.worst),
                    fc.limit_hours,
                    fc.over_limit,
                    fc.missing
                ),
            ],
            vec![
                "结案用时".into(),
                format!(
                    "已结案 {} 件,中位数 {},最长 {}",
                    cl.measured,
                    cl.median.map(|h| format!("{h}小时")).unwrap_or_else(|| "—".into()),
                    cl.worst.map(|h| format!("{h}小时")).unwrap_or_else(|| "—".into())
                ),
            ],
            vec!["索赔金额 / 同意赔付".into(), format!("{} / {}", money(report.claimed_fen), money(report.agreed_fen))],
        ],
        "",
    );

    for (title, rows, empty) in [
        ("五、按投诉类别", &report.by_category, "无"),
        ("六、按严重程度", &report.by_severity, "无"),
        ("七、按受理渠道", &report.by_channel, "无"),
        ("八、按直销店", &report.by_store, "本月无投诉"),
        ("九、按客户(投诉最多的10个客户)", &report.by_customer, "本月无投诉"),
        ("十、按料号", &report.by_part_number, "本月无投诉产品"),
    ] {
        count_table(&mut form, title, rows, report.received, empty);
    }

    form.heading("十一、责任归属(按责任份额加权)");
    party_table(&mut form, "责任部门", &report.responsibility.by_department);
    form.gap(2.0);
    party_table(&mut form, "责任单位/个人", &report.responsibility.by_party);
    form.gap(2.0);
    party_table(&mut form, "项目原因", &report.responsibility.by_cause);

    form.heading("十二、重大投诉及索赔");
    let listed = |items: &[super::ListedComplaint]| -> Vec<Vec<String>> {
        items
            .iter()
            .map(|c| {
                vec![
                    c.number.clone(),
                    local_time(c.received_at, zone),
                    c.customer_name.clone(),
                    c.state.clone(),
                    money(c.claimed_fen),
                    money(c.agreed_fen),
                ]
            })
            .collect()
    };
    let columns = [
        Column::new("投诉编号", 1.3),
        Column::new("受理时间", 1.4),
        Column::new("客户", 2.2),
        Column::new("状态", 0.9),
        Column::right("索赔金额", 1.2),
        Column::right("同意赔付", 1.2),
    ];
    form.paragraph(
        &format!("重大投诉 {} 件{}", report.major.total, shown(report.major.total, report.major.items.len())),
        size,
    );
    form.table(&columns, listed(&report.major.items), "本月无重大投诉");
    form.gap(2.0);
    form.paragraph(
        &format!("有索赔的投诉 {} 件{}", report.claims.total, shown(report.claims.total, report.claims.items.len())),
        size,
    );
    form.table(&columns, listed(&report.claims.items), "本月无索赔");

    form.heading("十三、改善措施");
    let a = &report.actions;
    form.table(
        &[Column::new("项目", 2.0), Column::right("数量", 1.0)],
        vec![
            vec!["本月到期".into(), a.due.to_string()],
            vec!["按期完成".into(), a.done_on_time.to_string()],
            vec!["逾期完成".into(), a.done_late.to_string()],
            vec!["未完成".into(), a.not_done.to_string()],
            vec!["本月验证".into(), a.verified.to_string()],
            vec!["验证有效 / 无效".into(), format!("{} / {}", a.effective, a.ineffective)],
        ],
        "",
    );
    form.sign_line(&["制表", "审核(售后服务部经理)", "日期"]);
    Ok(form.finish())
}

fn shown(total: i64, listed: usize) -> String {
    if total > listed as i64 { format!(",列出前 {listed} 件(全部见投诉列表)") } else { String::new() }
}

fn count_table(form: &mut Form, title: &str, rows: &[CountRow], received: i64, empty: &str) {
    form.heading(title);
    let body: Vec<Vec<String>> = rows
        .iter()
        .filter(|r| r.complaints != 0)
        .map(|r| {
            let share = if received > 0 {
                format!("{:.1}%", r.complaints as f64 * 100.0 / received as f64)
            } else {
                "—".into()
            };
            vec![r.name.clone(), r.complaints.to_string(), share, r.defective.to_string()]
        })
        .collect();
    form.table(
        &[
            Column::new("项目", 3.0),
            Column::right("件数", 1.0),
            Column::right("占比", 1.0),
            Column::right("不良数量", 1.0),
        ],
        body,
        empty,
    );
}

fn party_table(form: &mut Form, what: &str, rows: &[PartyRow]) {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                p.complaints.to_string(),
                trim(p.weighted),
                money(p.claimed_fen),
                money(p.agreed_fen),
                p.numbers.join("、"),
            ]
        })
        .collect();
    form.table(
        &[
            Column::new(what, 1.3),
            Column::right("件数", 0.6),
            Column::right("加权件数", 0.8),
            Column::right("索赔(按份额)", 1.2),
            Column::right("同意赔付(按份额)", 1.3),
            Column::new("投诉编号", 2.6),
        ],
        body,
        "本月无责任归属记录",
    );
    let _ = Weight::Regular;
}

fn fail(e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(io) => Error::Io(io),
        other => Error::Internal(format!("xlsx: {other}")),
    }
}

/// A cell of the workbook.
enum X {
    T(String),
    N(i64),
    F(Option<f64>),
    Fen(i64),
}

/// The report as a workbook: one sheet per table, counts and amounts as numbers (元 with two
/// decimals), rates as numbers in their unit.
pub fn write_xlsx(report: &MonthlyReport, path: &Path) -> Result<()> {
    if path.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
        return Err(Error::validation("out", "导出文件名须以 .xlsx 结尾"));
    }
    let bytes = xlsx_bytes(report)?;
    let partial = path.with_extension("partial.xlsx");
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)?;
    Ok(())
}

/// The workbook's bytes (the desk writes them where the user chose).
pub fn xlsx_bytes(report: &MonthlyReport) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_background_color("#E8ECF2");
    let money_format = Format::new().set_num_format("#,##0.00");
    let rate_format = Format::new().set_num_format("0.0000");
    let mut sheet = |name: &str, headers: &[&str], rows: Vec<Vec<X>>| -> Result<()> {
        let ws = book.add_worksheet();
        ws.set_name(name).map_err(fail)?;
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &header).map_err(fail)?;
            ws.set_column_width(c as u16, if c == 0 { 22.0 } else { 14.0 }).map_err(fail)?;
        }
        ws.set_freeze_panes(1, 0).map_err(fail)?;
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    X::T(s) => ws.write_string(r, c, s).map(|_| ()),
                    X::N(n) => ws.write_number(r, c, *n as f64).map(|_| ()),
                    X::F(Some(v)) => ws.write_number_with_format(r, c, *v, &rate_format).map(|_| ()),
                    X::F(None) => Ok(()),
                    X::Fen(f) => ws.write_number_with_format(r, c, *f as f64 / 100.0, &money_format).map(|_| ()),
                }
                .map_err(fail)?;
            }
        }
        Ok(())
    };
    let r = &report.rate;
    let m = &report.moving_12;
    sheet(
        "投诉率",
        &["项目", "分子", "分母", "比率", "单位", "说明"],
        vec![
            vec![
                X::T(format!("{} 投诉率", report.month)),
                X::N(r.numerator),
                opt(r.denominator),
                X::F(r.value),
                X::T(r.unit.clone()),
                X::T(format!("{};{}", r.formula_text, r.note)),
            ],
            vec![
                X::T("近12个月".into()),
                X::N(m.numerator),
                opt(m.denominator),
                X::F(m.value),
                X::T(m.unit.clone()),
                X::T(m.note.clone()),
            ],
            vec![
                X::T("目标".into()),
                X::T(String::new()),
                X::T(String::new()),
                X::F(report.target),
                X::T(r.unit.clone()),
                X::T(match report.meets_target {
                    Some(true) => "达标".into(),
                    Some(false) => "未达标".into(),
                    None => String::new(),
                }),
            ],
        ],
    )?;
    sheet(
        "概况",
        &["项目", "数值"],
        vec![
            vec![X::T("投诉件数(不含撤销)".into()), X::N(report.received)],
            vec![X::T("已结案".into()), X::N(report.closed)],
            vec![X::T("未结案".into()), X::N(report.open)],
            vec![X::T("撤销".into()), X::N(report.cancelled)],
            vec![X::T("不良数量".into()), X::N(report.defective_quantity)],
            vec![X::T("首次联系用时中位数(分钟)".into()), opt(report.first_contact.median)],
            vec![X::T("首次联系用时最长(分钟)".into()), opt(report.first_contact.worst)],
            vec![X::T("首次联系超时".into()), X::N(report.first_contact.over_limit)],
            vec![X::T("尚未联系".into()), X::N(report.first_contact.missing)],
            vec![X::T("结案用时中位数(小时)".into()), opt(report.closing.median)],
            vec![X::T("结案用时最长(小时)".into()), opt(report.closing.worst)],
            vec![X::T("索赔金额(元)".into()), X::Fen(report.claimed_fen)],
            vec![X::T("同意赔付(元)".into()), X::Fen(report.agreed_fen)],
        ],
    )?;
    sheet(
        "趋势",
        &["月份", "分子", "分母", "比率"],
        report
            .trend
            .iter()
            .map(|t| vec![X::T(t.month.clone()), X::N(t.numerator), opt(t.denominator), X::F(t.value)])
            .collect(),
    )?;
    sheet(
        "按发货月",
        &["发货月份", "投诉产品行", "不良数量", "发货次数", "发货数量", "比率"],
        report
            .by_ship_month
            .iter()
            .map(|s| {
                vec![
                    X::T(s.ship_month.clone()),
                    X::N(s.lines),
                    X::N(s.defective),
                    opt(s.shipment_count),
                    opt(s.shipped_quantity),
                    X::F(s.value),
                ]
            })
            .collect(),
    )?;
    for (name, rows) in [
        ("按类别", &report.by_category),
        ("按程度", &report.by_severity),
        ("按渠道", &report.by_channel),
        ("按状态", &report.by_state),
        ("按直销店", &report.by_store),
        ("按客户", &report.by_customer),
        ("按料号", &report.by_part_number),
    ] {
        sheet(
            name,
            &["项目", "件数", "不良数量"],
            rows.iter().map(|c| vec![X::T(c.name.clone()), X::N(c.complaints), X::N(c.defective)]).collect(),
        )?;
    }
    for (name, rows) in [
        ("责任部门", &report.responsibility.by_department),
        ("责任单位或个人", &report.responsibility.by_party),
        ("项目原因", &report.responsibility.by_cause),
    ] {
        sheet(
            name,
            &["名称", "件数", "加权件数", "索赔(元)", "同意赔付(元)", "投诉编号"],
            rows.iter()
                .map(|p| {
                    vec![
                        X::T(p.name.clone()),
                        X::N(p.complaints),
                        X::F(Some(p.weighted)),
                        X::Fen(p.claimed_fen),
                        X::Fen(p.agreed_fen),
                        X::T(p.numbers.join("、")),
                    ]
                })
                .collect(),
        )?;
    }
    for (name, listing) in [("重大投诉", &report.major), ("索赔", &report.claims)] {
        sheet(
            name,
            &["投诉编号", "客户", "状态", "类别", "程度", "索赔(元)", "同意赔付(元)"],
            listing
                .items
                .iter()
                .map(|c| {
                    vec![
                        X::T(c.number.clone()),
                        X::T(c.customer_name.clone()),
                        X::T(c.state.clone()),
                        X::T(c.category.clone()),
                        X::T(c.severity.clone()),
                        X::Fen(c.claimed_fen),
                        X::Fen(c.agreed_fen),
                    ]
                })
                .collect(),
        )?;
    }
    let a = &report.actions;
    sheet(
        "改善措施",
        &["项目", "数量"],
        vec![
            vec![X::T("本月到期".into()), X::N(a.due)],
            vec![X::T("按期完成".into()), X::N(a.done_on_time)],
            vec![X::T("逾期完成".into()), X::N(a.done_late)],
            vec![X::T("未完成".into()), X::N(a.not_done)],
            vec![X::T("本月验证".into()), X::N(a.verified)],
            vec![X::T("验证有效".into()), X::N(a.effective)],
            vec![X::T("验证无效".into()), X::N(a.ineffective)],
        ],
    )?;
    book.save_to_buffer().map_err(fail)
}

fn opt(v: Option<i64>) -> X {
    match v {
        Some(n) => X::N(n),
        None => X::T(String::new()),
    }
}
