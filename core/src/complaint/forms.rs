//! The printed complaint forms: 客户投诉登记表, 客户投诉处理表 (with a sign-off box for every
//! department involved), and the letter to the customer — 投诉处理结果告知函, or 鉴定说明函 when
//! the complaint was found not to be our fault.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use ts_rs::TS;

use super::model::*;
use super::workflow::State;
use crate::account::{Actor, Permission};
use crate::db::Store;
use crate::error::Result;
use crate::pdf::{Cell, Form, MARGIN, PAGE_WIDTH};
use crate::settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ComplaintForm {
    Registration,
    Handling,
    Letter,
}

impl ComplaintForm {
    pub fn label(self) -> &'static str {
        match self {
            ComplaintForm::Registration => "客户投诉登记表",
            ComplaintForm::Handling => "客户投诉处理表",
            ComplaintForm::Letter => "告知函",
        }
    }

    pub fn parse(text: &str) -> Option<ComplaintForm> {
        match text {
            "registration" => Some(ComplaintForm::Registration),
            "handling" => Some(ComplaintForm::Handling),
            "letter" => Some(ComplaintForm::Letter),
            _ => None,
        }
    }
}

const W: f32 = PAGE_WIDTH - 2.0 * MARGIN;

fn money(fen: i64) -> String {
    let yuan = fen / 100;
    let mut digits = yuan.to_string();
    let mut i = digits.len() as i64 - 3;
    while i > 0 {
        digits.insert(i as usize, ',');
        i -= 3;
    }
    format!("{digits}.{:02} 元", fen % 100)
}

fn local(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
}

/// Renders `form` for complaint `id`; the PDF bytes.
pub async fn render(store: &Store, actor: &Actor, id: i64, form: ComplaintForm, now: DateTime<Utc>) -> Result<Vec<u8>> {
    actor.require(Permission::ViewComplaints)?;
    let c = super::get(store, actor, id).await?;
    let s = settings::load(store).await?;
    let zone = s.zone();
    let printed = format!("打印:{} {}", local(now, zone), actor.display_name);
    let bytes = match form {
        ComplaintForm::Registration => registration(&c, &s.company_name, zone, &printed)?,
        ComplaintForm::Handling => handling(&c, &s.company_name, zone, &printed)?,
        ComplaintForm::Letter => letter(&c, &s.company_name, zone, now)?,
    };
    Ok(bytes)
}

fn head_rows(f: &mut Form, c: &Complaint, zone: Tz) {
    let r = &c.registration;
    f.row(&[
        Cell::label(24.0, "投诉编号"),
        Cell::value(36.0, &c.number),
        Cell::label(24.0, "投诉时间"),
        Cell::value(36.0, local(r.received_at, zone)),
        Cell::label(20.0, "投诉渠道"),
        Cell::value(W - 140.0, r.channel.label()),
    ]);
    f.row(&[
        Cell::label(24.0, "客户名称"),
        Cell::value(96.0, format!("{}({})", c.customer_name, c.customer_code)),
        Cell::label(20.0, "直销店"),
        Cell::value(W - 140.0, c.store_name.clone().unwrap_or_default()),
    ]);
    f.row(&[
        Cell::label(24.0, "客户联系人"),
        Cell::value(36.0, &r.contact_name),
        Cell::label(24.0, "联系电话"),
        Cell::value(36.0, &r.contact_phone),
        Cell::label(20.0, "投诉分类"),
        Cell::value(W - 140.0, r.category.label()),
    ]);
    f.row(&[
        Cell::label(24.0, "严重程度"),
        Cell::value(36.0, r.severity.label()),
        Cell::label(24.0, "当前状态"),
        Cell::value(W - 84.0, c.state.label()),
    ]);
}

fn lines_table(f: &mut Form, c: &Complaint) {
    let widths = [34.0, 32.0, 24.0, 26.0, 22.0, W - 138.0];
    let header = ["订单编号", "料号", "批次", "交运日期", "数量", "不良数量"];
    f.row(&header.iter().zip(widths).map(|(h, w)| Cell::label(w, *h)).collect::<Vec<_>>());
    if c.registration.lines.is_empty() {
        f.row(&[Cell::value(W, "(无)")]);
    }
    for l in &c.registration.lines {
        f.row(&[
            Cell::value(widths[0], &l.order_number),
            Cell::value(widths[1], &l.part_number),
            Cell::value(widths[2], &l.batch),
            Cell::value(widths[3], l.ship_date.map(|d| d.to_string()).unwrap_or_default()),
            Cell::right(widths[4], l.quantity.to_string()),
            Cell::right(widths[5], l.defective_quantity.to_string()),
        ]);
    }
}

fn signature_line(f: &mut Form, labels: &[&str]) {
    f.ensure(16.0);
    f.gap(12.0);
    let step = W / labels.len() as f32;
    let y = f.cursor();
    for (i, label) in labels.iter().enumerate() {
        let x = MARGIN + i as f32 * step;
        f.text_at(x, y, &format!("{label}:"), 10.0, crate::pdf::Weight::Regular);
        let lx = x + crate::pdf::text_width(&format!("{label}:"), 10.0, crate::pdf::Weight::Regular) + 1.0;
        f.line(lx, y - 1.0, x + step - 6.0, y - 1.0, 0.5);
    }
}

/// "共3件:现场照片1.jpg、现场照片2.jpg、检测报告.pdf" (the files themselves stay in the app).
fn attachment_list(c: &Complaint) -> String {
    if c.attachments.is_empty() {
        return "无".into();
    }
    let names: Vec<&str> = c.attachments.iter().map(|a| a.file_name.as_str()).collect();
    format!("共{}件:{}", names.len(), names.join("、"))
}

fn registration(c: &Complaint, company: &str, zone: Tz, printed: &str) -> Result<Vec<u8>> {
    let mut f = Form::new(company, "客户投诉登记表", &c.number)?;
    f.footer_note(printed);
    f.heading("一、投诉信息");
    head_rows(&mut f, c, zone);
    f.heading("二、投诉产品(订单编号、料号、交运日期、数量、不良数量)");
    lines_table(&mut f, c);
    f.heading("三、投诉内容与客户要求");
    f.row(&[Cell::label(24.0, "投诉内容"), Cell::value(W - 24.0, &c.registration.description)]);
    f.row(&[Cell::label(24.0, "客户要求"), Cell::value(W - 24.0, &c.registration.customer_demand)]);
    f.row(&[Cell::label(24.0, "附件"), Cell::value(W - 24.0, attachment_list(c))]);
    if let Some(first) = c.contacts.first() {
        f.row(&[
            Cell::label(24.0, "首次联系"),
            Cell::value(
                W - 24.0,
                format!("{} {}:{}", local(first.contacted_at, zone), first.method.label(), first.summary),
            ),
        ]);
    }
    signature_line(&mut f, &["登记人", "核实部门", "日期"]);
    Ok(f.finish())
}

fn handling(c: &Complaint, company: &str, zone: Tz, printed: &str) -> Result<Vec<u8>> {
    let mut f = Form::new(company, "客户投诉处理表", &c.number)?;
    f.footer_note(printed);
    f.heading("一、投诉信息");
    head_rows(&mut f, c, zone);
    lines_table(&mut f, c);
    f.row(&[Cell::label(24.0, "投诉内容"), Cell::value(W - 24.0, &c.registration.description)]);
    f.row(&[Cell::label(24.0, "客户要求"), Cell::value(W - 24.0, &c.registration.customer_demand)]);

    f.heading("二、分析核实");
    let a = &c.analysis;
    f.row(&[Cell::label(24.0, "原因分析"), Cell::value(W - 24.0, &a.cause_analysis)]);
    f.row(&[
        Cell::label(24.0, "生产单位"),
        Cell::value(36.0, &a.production_unit),
        Cell::label(24.0, "生产人员"),
        Cell::value(36.0, &a.production_staff),
        Cell::label(20.0, "生产日期"),
        Cell::value(W - 140.0, a.production_date.map(|d| d.to_string()).unwrap_or_default()),
    ]);
    let verdict = match a.our_fault {
        Some(true) => "我方原因",
        Some(false) => "非我方原因",
        None => "尚未判定",
    };
    f.row(&[Cell::label(24.0, "分析结论"), Cell::value(W - 24.0, verdict)]);
    if a.our_fault == Some(false) {
        f.row(&[Cell::label(24.0, "鉴定结果"), Cell::value(W - 24.0, &a.appraisal_result)]);
        f.row(&[Cell::label(24.0, "鉴定依据"), Cell::value(W - 24.0, &a.appraisal_basis)]);
    }
    if !c.responsibility.is_empty() {
        f.row(&[Cell::label(W - 30.0, "责任归属(部门 / 单位或个人)"), Cell::label(30.0, "比例")]);
        for s in &c.responsibility {
            let who = s.department_name.clone().unwrap_or_else(|| s.party.clone());
            f.row(&[Cell::value(W - 30.0, who), Cell::right(30.0, format!("{}%", s.share_percent))]);
        }
    }

    f.heading("三、处理方案");
    let p = &c.remedy;
    f.row(&[
        Cell::label(24.0, "处理方式"),
        Cell::value(36.0, p.remedy.map(|r| r.label()).unwrap_or("")),
        Cell::label(24.0, "客户索赔"),
        Cell::right(36.0, money(p.claimed_fen)),
        Cell::label(20.0, "同意赔偿"),
        Cell::right(W - 140.0, money(p.agreed_fen)),
    ]);
    f.row(&[Cell::label(24.0, "方案说明"), Cell::value(W - 24.0, &p.remedy_detail)]);

    f.heading("四、各部门会签");
    let current: Vec<&ApprovalView> = c.approvals.iter().filter(|x| x.round == c.approval_round).collect();
    f.row(&[
        Cell::label(30.0, "部门"),
        Cell::label(20.0, "意见"),
        Cell::label(W - 110.0, "说明"),
        Cell::label(26.0, "签字"),
        Cell::label(34.0, "日期"),
    ]);
    if current.is_empty() {
        f.row(&[Cell::value(W, "(尚未提交会签)")]);
    }
    for x in &current {
        let decision = match x.approved {
            Some(true) => "同意",
            Some(false) => "驳回",
            None => "",
        };
        // Unsigned rows stay tall enough to sign on paper.
        let comment = if x.approved.is_none() { "\n\n".to_owned() } else { x.comment.clone() };
        f.row(&[
            Cell::value(30.0, &x.department_name),
            Cell::value(20.0, decision),
            Cell::value(W - 110.0, comment),
            Cell::value(26.0, &x.signer_name),
            Cell::value(34.0, x.signed_at.map(|t| local(t, zone)).unwrap_or_default()),
        ]);
    }

    f.heading("五、改善措施");
    f.row(&[
        Cell::label(26.0, "类别"),
        Cell::label(W - 108.0, "措施"),
        Cell::label(18.0, "责任人"),
        Cell::label(22.0, "期限"),
        Cell::label(22.0, "完成"),
        Cell::label(20.0, "效果"),
    ]);
    if c.actions.is_empty() {
        f.row(&[Cell::value(W, "(无)")]);
    }
    for x in &c.actions {
        f.row(&[
            Cell::value(26.0, x.kind.label()),
            Cell::value(W - 108.0, &x.description),
            Cell::value(18.0, &x.owner),
            Cell::value(22.0, x.due_date.to_string()),
            Cell::value(22.0, x.done_date.map(|d| d.to_string()).unwrap_or_default()),
            Cell::value(
                20.0,
                match x.effective {
                    Some(true) => "有效",
                    Some(false) => "无效",
                    None => "",
                },
            ),
        ]);
    }

    f.heading("六、客户联系与反馈");
    for k in &c.contacts {
        f.row(&[
            Cell::value(34.0, local(k.contacted_at, zone)),
            Cell::value(14.0, k.method.label()),
            Cell::value(18.0, &k.staff_name),
            Cell::value(W - 66.0, &k.summary),
        ]);
    }
    f.row(&[Cell::label(24.0, "客户反馈"), Cell::value(W - 24.0, &c.customer_feedback)]);
    let closing = if c.state == State::Closed {
        c.closed_at.map(|t| format!("已结案 {}", local(t, zone))).unwrap_or_else(|| "已结案".into())
    } else {
        c.state.label().to_owned()
    };
    f.row(&[Cell::label(24.0, "处理状态"), Cell::value(W - 24.0, closing)]);
    signature_line(&mut f, &["售后服务部", "业务部", "售后服务经理"]);
    Ok(f.finish())
}

fn letter(c: &Complaint, company: &str, zone: Tz, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let not_ours = c.analysis.our_fault == Some(false);
    let title = if not_ours { "鉴定说明函" } else { "投诉处理结果告知函" };
    let mut f = Form::new(company, title, &c.number)?;
    f.gap(4.0);
    f.paragraph(&format!("致:{}", c.customer_name), 11.0);
    f.gap(3.0);
    let received = local(c.registration.received_at, zone);
    let products: Vec<String> = c
        .registration
        .lines
        .iter()
        .map(|l| {
            format!("{}(订单 {},数量 {},不良 {})", l.part_number, l.order_number, l.quantity, l.defective_quantity)
        })
        .collect();
    let opening = format!(
        "贵方于 {received} 反映的问题(投诉编号 {}){}已收悉。我司高度重视,已会同相关部门进行了分析核实,现将结果告知如下:",
        c.number,
        if products.is_empty() { String::new() } else { format!(",涉及产品 {}", products.join("、")) }
    );
    f.paragraph(&opening, 11.0);
    f.gap(2.0);
    f.paragraph(&format!("一、投诉内容:{}", c.registration.description), 11.0);
    f.paragraph(&format!("二、原因分析:{}", c.analysis.cause_analysis), 11.0);
    if not_ours {
        f.paragraph(&format!("三、鉴定结果:{}", c.analysis.appraisal_result), 11.0);
        f.paragraph(&format!("四、鉴定依据:{}", c.analysis.appraisal_basis), 11.0);
        f.paragraph(
            "经鉴定,该问题非我方产品原因所致。我司愿协助贵方进一步分析可能的原因,并就后续解决办法与贵方协商。如对鉴定结果有异议,请于收到本函之日起十五日内与我司售后服务部联系。",
            11.0,
        );
    } else {
        let remedy = c.remedy.remedy.map(|r| r.label()).unwrap_or("");
        let mut handling = format!("三、处理办法:{remedy}。{}", c.remedy.remedy_detail);
        if c.remedy.agreed_fen > 0 {
            handling.push_str(&format!("我司同意赔偿 {}。", money(c.remedy.agreed_fen)));
        }
        f.paragraph(&handling, 11.0);
        let actions: Vec<String> = c.actions.iter().map(|a| format!("{}:{}", a.kind.label(), a.description)).collect();
        if !actions.is_empty() {
            f.paragraph(&format!("四、改善措施:{}", actions.join(";")), 11.0);
        }
        f.paragraph("感谢贵方对我司产品的信任与支持。如有任何疑问,请与我司售后服务部联系。", 11.0);
    }
    f.gap(14.0);
    let right = PAGE_WIDTH - MARGIN - 70.0;
    let y = f.cursor();
    f.text_at(right, y, company, 11.0, crate::pdf::Weight::Regular);
    f.text_at(right, y - 7.0, "售后服务部(盖章)", 11.0, crate::pdf::Weight::Regular);
    f.text_at(
        right,
        y - 14.0,
        &now.with_timezone(&zone).format("%Y年%m月%d日").to_string(),
        11.0,
        crate::pdf::Weight::Regular,
    );
    Ok(f.finish())
}
