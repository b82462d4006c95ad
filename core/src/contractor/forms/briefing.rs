//! 安全技术交底单: what the hiring department tells the workers before they start (hazards,
//! measures, precautions, operating rules, emergency and first aid), signed by the briefer, the
//! unit's safety officer and every worker on the roster, one row each, across as many pages as
//! the roster needs.

use super::{BriefingDoc, long_date};
use crate::error::Result;
use crate::pdf::{Cell, Column, Field, Form, SIGNATURE_COLUMNS, Template};

pub const BRIEFING_TITLE: &str = "安全技术交底单";

/// Height of a worker's signature row (mm): room for a handwritten name.
const SIGNATURE_ROW: f32 = 9.0;

/// Blank signature rows printed when the roster is still empty.
const BLANK_ROWS: usize = 15;

pub fn briefing_pdf(company: &str, doc: &BriefingDoc) -> Result<Vec<u8>> {
    let mut f = Form::new(company, BRIEFING_TITLE, &doc.number)?;
    f.template(Template::new("SH/AQ-JD-01", "A/0"));
    f.footer_note(&doc.printed);
    // A signed sheet that comes back as a scan is matched to its engagement by this code.
    f.header_qr(&doc.number)?;

    f.heading("一、工程概况");
    f.fields(
        &[
            Field::new("工程名称", &doc.project).span(2),
            Field::new("交底日期", long_date(doc.date)),
            Field::new("施工单位", &doc.unit_name).span(2),
            Field::new("交底编号", &doc.number),
            Field::new("作业内容", &doc.content).span(3).lines(2),
            Field::new("作业地点", &doc.location).span(3),
        ],
        3,
    );
    f.heading("二、安全技术交底内容");
    f.fields(
        &[
            Field::new("主要危险因素", &doc.hazards).lines(3),
            Field::new("预防措施", &doc.measures).lines(3),
            Field::new("注意事项", &doc.precautions).lines(3),
            Field::new("安全操作规程", &doc.operating_rules).lines(3),
            Field::new("应急措施及急救", &doc.emergency).lines(3),
        ],
        1,
    );

    f.heading("三、交底签字");
    let widths = f.split(&[1.0, 1.0]);
    let sign = |role: &str, name: &str| format!("{role}(签字):{name}\n\n日期:    年   月   日");
    f.row_min(
        &[
            Cell::value(widths[0], sign("交底人", &doc.briefer)),
            Cell::value(widths[1], sign("安全员", &doc.safety_officer)),
        ],
        16.0,
    );

    f.heading(&format!("四、接受交底人员签字(共 {} 人)", doc.roster.len()));
    f.paragraph("本人已接受上述安全技术交底,清楚作业中的危险因素、防范措施和应急处置方法,保证遵守。", 9.0);
    f.gap(1.0);
    if doc.roster.is_empty() {
        f.signature_grid(&SIGNATURE_COLUMNS, BLANK_ROWS, SIGNATURE_ROW);
    } else {
        let columns = [
            Column::centered("序号", 0.6),
            Column::new("姓名", 1.4),
            Column::new("身份证号", 2.4),
            Column::new("工种", 1.3),
            Column::new("签名", 2.0),
            Column::new("日期", 1.3),
        ];
        let rows = doc.roster.iter().enumerate().map(|(i, p)| {
            vec![
                (i + 1).to_string(),
                p.name.clone(),
                p.id_number_masked.clone(),
                p.trade.clone(),
                String::new(),
                String::new(),
            ]
        });
        f.table_min(&columns, rows, "", SIGNATURE_ROW);
    }
    f.gap(2.0);
    f.paragraph("本交底单一式三份:用工(发包)部门、施工单位、安全管理部各存一份。", 9.0);
    Ok(f.finish())
}
