//! The results as an Excel workbook: 总体, 各题, 分组 (客户等级、地区、直销店) and 趋势, every
//! figure a typed cell (counts as numbers, shares as percentages, NPS and means as decimals);
//! a figure with nothing to count is the text 无数据.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::results::{Figure, Nps, Segment, SurveyResults};
use crate::error::{Error, Result};

fn fail(e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(io) => Error::Io(io),
        other => Error::Internal(format!("xlsx: {other}")),
    }
}

struct Formats {
    header: Format,
    percent: Format,
    decimal1: Format,
    decimal2: Format,
}

/// Writes one row cell by cell; keeps the row number.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: u32,
}

enum V<'a> {
    Text(&'a str),
    Int(i64),
    /// A percentage figure (86.5 → 86.5%).
    Percent(&'a Figure),
    /// A mean (two decimals).
    Mean(&'a Figure),
    Nps(&'a Nps),
}

impl Sheet<'_> {
    fn header(&mut self, titles: &[(&str, f64)]) -> Result<()> {
        for (col, (title, width)) in titles.iter().enumerate() {
            self.ws.set_column_width(col as u16, *width).map_err(fail)?;
            self.ws.write_string_with_format(self.row, col as u16, *title, &self.f.header).map_err(fail)?;
        }
        self.ws.set_freeze_panes(1, 0).map_err(fail)?;
        self.row += 1;
        Ok(())
    }

    fn push(&mut self, values: &[V]) -> Result<()> {
        for (col, v) in values.iter().enumerate() {
            let (row, col) = (self.row, col as u16);
            let no_data = |ws: &mut Worksheet| ws.write_string(row, col, super::NO_DATA).map(|_| ());
            match v {
                V::Text(s) => self.ws.write_string(row, col, *s).map(|_| ()),
                V::Int(n) => self.ws.write_number(row, col, *n as f64).map(|_| ()),
                V::Percent(fig) => match fig.value {
                    Some(p) => self.ws.write_number_with_format(row, col, p / 100.0, &self.f.percent).map(|_| ()),
                    None => no_data(self.ws),
                },
                V::Mean(fig) => match fig.value {
                    Some(m) => self.ws.write_number_with_format(row, col, m, &self.f.decimal2).map(|_| ()),
                    None => no_data(self.ws),
                },
                V::Nps(nps) => match nps.score {
                    Some(s) => self.ws.write_number_with_format(row, col, s, &self.f.decimal1).map(|_| ()),
                    None => no_data(self.ws),
                },
            }
            .map_err(fail)?;
        }
        self.row += 1;
        Ok(())
    }
}

const SEGMENT_HEADERS: [(&str, f64); 10] = [
    ("分组", 12.0),
    ("名称", 24.0),
    ("答卷数", 10.0),
    ("满意度(CSAT)", 14.0),
    ("平均分", 10.0),
    ("NPS", 10.0),
    ("推荐者", 10.0),
    ("中立者", 10.0),
    ("贬损者", 10.0),
    ("忠诚度(再次购买)", 18.0),
];

fn segment_row(sheet: &mut Sheet, group: &str, s: &Segment) -> Result<()> {
    sheet.push(&[
        V::Text(group),
        V::Text(&s.name),
        V::Int(s.responses),
        V::Percent(&s.csat),
        V::Mean(&s.csat_average),
        V::Nps(&s.nps),
        V::Int(s.nps.promoters),
        V::Int(s.nps.passives),
        V::Int(s.nps.detractors),
        V::Percent(&s.loyalty),
    ])
}

/// Writes `results` to `path` (through a temporary file beside it, renamed when complete).
pub fn export_results(results: &SurveyResults, path: &Path) -> Result<()> {
    let f = Formats {
        header: Format::new().set_bold().set_background_color("#DDEBF7"),
        percent: Format::new().set_num_format("0.0%"),
        decimal1: Format::new().set_num_format("+0.0;-0.0;0.0"),
        decimal2: Format::new().set_num_format("0.00"),
    };
    let mut wb = Workbook::new();
    let c = &results.campaign;

    let ws = wb.add_worksheet();
    ws.set_name("总体").map_err(fail)?;
    let mut s = Sheet { ws, f: &f, row: 0 };
    s.header(&[("项目", 22.0), ("结果", 40.0)])?;
    s.push(&[V::Text("调查活动"), V::Text(&format!("{} {}", c.number, c.name))])?;
    s.push(&[V::Text("问卷模板"), V::Text(&format!("{} 第{}版", c.template_name, c.template_revision))])?;
    s.push(&[V::Text("调查对象"), V::Text(&c.rule_text)])?;
    s.push(&[V::Text("开始日期"), V::Text(&c.opened_on.to_string())])?;
    s.push(&[V::Text("状态"), V::Text(c.state.label())])?;
    s.push(&[V::Text("发放问卷数"), V::Int(results.targets)])?;
    s.push(&[V::Text("回收问卷数"), V::Int(results.responses)])?;
    s.push(&[V::Text("回收率"), V::Percent(&results.response_rate)])?;
    let o = &results.overall;
    s.push(&[V::Text("满意度(CSAT)"), V::Percent(&o.csat)])?;
    s.push(&[V::Text("满意度平均分(1–5)"), V::Mean(&o.csat_average)])?;
    s.push(&[V::Text("NPS"), V::Nps(&o.nps)])?;
    s.push(&[V::Text("推荐者(9–10分)"), V::Int(o.nps.promoters)])?;
    s.push(&[V::Text("中立者(7–8分)"), V::Int(o.nps.passives)])?;
    s.push(&[V::Text("贬损者(0–6分)"), V::Int(o.nps.detractors)])?;
    s.push(&[V::Text("忠诚度(愿意再次购买)"), V::Percent(&o.loyalty)])?;

    let ws = wb.add_worksheet();
    ws.set_name("各题").map_err(fail)?;
    let mut s = Sheet { ws, f: &f, row: 0 };
    s.header(&[
        ("题号", 6.0),
        ("题目", 50.0),
        ("题型", 16.0),
        ("作答数", 10.0),
        ("平均分", 10.0),
        ("满意(4–5分)比例", 16.0),
        ("NPS", 10.0),
        ("选项/分值", 14.0),
        ("人数", 10.0),
    ])?;
    for q in &results.questions {
        let no_share = Figure::percent(0, 0);
        s.push(&[
            V::Int(q.position),
            V::Text(&q.text),
            V::Text(q.kind.label()),
            V::Int(q.answers),
            V::Mean(&q.average),
            V::Percent(q.satisfied.as_ref().unwrap_or(&no_share)),
            match &q.nps {
                Some(n) => V::Nps(n),
                None => V::Text(""),
            },
        ])?;
        for b in &q.distribution {
            let values = [
                V::Text(""),
                V::Text(""),
                V::Text(""),
                V::Text(""),
                V::Text(""),
                V::Text(""),
                V::Text(""),
                V::Text(&b.label),
                V::Int(b.count),
            ];
            s.push(&values)?;
        }
        for t in &q.texts {
            s.push(&[V::Text(""), V::Text(t)])?;
        }
    }

    let ws = wb.add_worksheet();
    ws.set_name("分组").map_err(fail)?;
    let mut s = Sheet { ws, f: &f, row: 0 };
    s.header(&SEGMENT_HEADERS)?;
    segment_row(&mut s, "总体", &results.overall)?;
    for (group, list) in [("客户等级", &results.by_grade), ("地区", &results.by_region), ("直销店", &results.by_store)]
    {
        for seg in list {
            segment_row(&mut s, group, seg)?;
        }
    }

    let ws = wb.add_worksheet();
    ws.set_name("趋势").map_err(fail)?;
    let mut s = Sheet { ws, f: &f, row: 0 };
    let mut headers = SEGMENT_HEADERS;
    headers[0] = ("开始日期", 12.0);
    headers[1] = ("调查活动", 30.0);
    s.header(&headers)?;
    for t in &results.trend {
        let seg = Segment { name: format!("{} {}", t.number, t.name), ..t.figures.clone() };
        segment_row(&mut s, &t.opened_on.to_string(), &seg)?;
    }

    let partial = path.with_extension("partial.xlsx");
    wb.save(&partial).map_err(fail)?;
    std::fs::rename(&partial, path)?;
    Ok(())
}
