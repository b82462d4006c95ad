//! The printed forms of customer service: 客户回访记录表 (blank with the customer's data filled in,
//! to take along, or filled from the record) and 退换货单 (with the approval box).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::care::{self, Visit, VisitMode};
use super::returns::{self, ReturnKind, ReturnReason, StoreReturn};
use crate::account::{Actor, Permission};
use crate::customer::{self, Customer};
use crate::db::Store;
use crate::error::Result;
use crate::format::{date, date_or_blank, local_time, money};
use crate::pdf::{Column, Field, Form, Template};
use crate::settings;

const VISIT_TITLE: &str = "客户回访记录表";
const RETURN_TITLE: &str = "退换货单";

fn choices<'a>(labels: impl IntoIterator<Item = &'a str>) -> String {
    labels.into_iter().map(|l| format!("□{l}")).collect::<Vec<_>>().join(" ")
}

fn primary_contact(c: &Customer) -> (String, String) {
    c.contacts
        .iter()
        .find(|k| k.is_primary)
        .or(c.contacts.first())
        .map(|k| (k.name.clone(), k.phone.clone()))
        .unwrap_or_default()
}

fn customer_fields(c: &Customer) -> Vec<Field> {
    let (contact, phone) = primary_contact(c);
    let address = c.addresses.iter().find(|a| a.is_default).or(c.addresses.first()).map(|a| a.address.clone());
    vec![
        Field::new("客户名称", format!("{}({})", c.name, c.code)).span(2),
        Field::new("客户等级", c.grade.label()),
        Field::new("联系人", contact),
        Field::new("联系电话", phone),
        Field::new("所在地区", c.region.clone()),
        Field::new("地址", address.unwrap_or_default()).span(3),
    ]
}

/// The visit record: `visit` None prints the blank sheet for `customer` (to fill in by hand).
fn visit_form(customer: &Customer, visit: Option<&Visit>, company: &str, printed: &str) -> Result<Vec<u8>> {
    let number = visit.map_or("________________", |v| v.number.as_str());
    let mut f = Form::new(company, VISIT_TITLE, number)?;
    f.template(Template::new("SH/QR-8.2-11", "A/0"));
    f.footer_note(printed);
    if let Some(v) = visit {
        f.header_qr(&v.number)?;
    }
    f.heading("一、客户信息");
    f.fields(&customer_fields(customer), 3);
    f.heading("二、回访情况");
    let done = visit.filter(|v| v.state == care::VisitState::Done);
    let pick = |filled: Option<String>, blank: String| filled.unwrap_or(blank);
    let source = visit.map(|v| match &v.complaint_number {
        Some(n) => format!("{}(投诉 {n})", v.source.label()),
        None => v.source.label().to_owned(),
    });
    f.fields(
        &[
            Field::new("回访编号", visit.map(|v| v.number.clone()).unwrap_or_default()),
            Field::new("计划日期", visit.map(|v| date(v.due_date)).unwrap_or_default()),
            Field::new("回访来源", source.unwrap_or_default()),
            Field::new("回访日期", done.map(|v| date_or_blank(v.visited_on)).unwrap_or_default()),
            Field::new(
                "回访方式",
                pick(
                    done.and_then(|v| v.mode).map(|m| m.label().to_owned()),
                    choices(VisitMode::ALL.map(|m| m.label())),
                ),
            )
            .span(2),
            Field::new("参加人员", done.map(|v| v.participants.clone()).unwrap_or_default()).span(3),
            Field::new("回访内容", done.map(|v| v.content.clone()).unwrap_or_default()).span(3).lines(6),
            Field::new("客户需求", done.map(|v| v.needs.clone()).unwrap_or_default()).span(3).lines(4),
            Field::new(
                "满意度",
                pick(
                    done.and_then(|v| v.satisfaction).map(|s| format!("{s} 分({})", satisfaction_label(s))),
                    choices(["5 很满意", "4 满意", "3 一般", "2 不满意", "1 很不满意"]),
                ),
            )
            .span(3),
        ],
        3,
    );
    f.heading("三、后续措施");
    let columns = [
        Column::centered("序号", 8.0),
        Column::new("措施内容", 60.0),
        Column::new("负责人", 16.0),
        Column::new("完成期限", 16.0),
    ];
    let rows: Vec<Vec<String>> = match done {
        Some(v) => v
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| vec![(i + 1).to_string(), a.description.clone(), a.owner.clone(), date(a.due_date)])
            .collect(),
        None => vec![Vec::new(); 4],
    };
    f.table(&columns, rows, "(无)");
    f.sign_line(&["回访人", "客户确认", "日期"]);
    Ok(f.finish())
}

fn satisfaction_label(s: i64) -> &'static str {
    match s {
        5 => "很满意",
        4 => "满意",
        3 => "一般",
        2 => "不满意",
        _ => "很不满意",
    }
}

fn return_form(r: &StoreReturn, company: &str, zone: Tz, printed: &str) -> Result<Vec<u8>> {
    let mut f = Form::new(company, RETURN_TITLE, &r.number)?;
    f.template(Template::new("SH/QR-8.2-12", "A/0"));
    f.footer_note(printed);
    f.header_qr(&r.number)?;
    f.heading("一、申请信息");
    let marked = |all: &[(&str, bool)]| {
        all.iter().map(|(l, on)| format!("{}{l}", if *on { "■" } else { "□" })).collect::<Vec<_>>().join(" ")
    };
    f.fields(
        &[
            Field::new("单号", r.number.clone()),
            Field::new("申请时间", local_time(r.requested_at, zone)),
            Field::new("直销店", r.store_name.clone()),
            Field::new("客户名称", format!("{}({})", r.customer_name, r.customer_code)).span(2),
            Field::new("关联投诉", r.complaint_number.clone().unwrap_or_else(|| "无".into())),
            Field::new("类型", marked(&ReturnKind::ALL.map(|k| (k.label(), k == r.kind)))),
            Field::new("原因", marked(&ReturnReason::ALL.map(|k| (k.label(), k == r.reason)))).span(2),
            Field::new("原因说明", r.reason_detail.clone()).span(3).lines(2),
            Field::new("当前状态", r.state.label()),
            Field::new("驳回原因", r.state_reason.clone()).span(2),
        ],
        3,
    );
    f.heading("二、退换货产品");
    let columns = [
        Column::centered("序号", 7.0),
        Column::new("料号", 22.0),
        Column::new("品名", 24.0),
        Column::new("批次", 16.0),
        Column::right("数量", 10.0),
        Column::right("单价(元)", 14.0),
        Column::right("金额(元)", 16.0),
    ];
    let rows: Vec<Vec<String>> = r
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                (i + 1).to_string(),
                l.part_number.clone(),
                l.product_name.clone(),
                l.batch.clone(),
                l.quantity.to_string(),
                crate::format::money_grouped(l.unit_price_fen),
                crate::format::money_grouped(l.quantity * l.unit_price_fen),
            ]
        })
        .collect();
    f.table(&columns, rows, "(无)");
    let total = if r.kind == ReturnKind::Return { "退款金额合计" } else { "换货金额合计" };
    f.fields(&[Field::new(total, money(r.amount_fen)).right()], 1);
    f.heading("三、售后服务部审批");
    let approvals: Vec<Vec<String>> = r
        .approvals
        .iter()
        .map(|a| {
            let decision = match a.approved {
                Some(true) => "同意",
                Some(false) => "驳回",
                None => "待审批",
            };
            vec![
                a.round.to_string(),
                a.place_name(),
                decision.into(),
                a.comment.clone(),
                a.signer_name.clone(),
                a.signed_at.map(|t| local_time(t, zone)).unwrap_or_default(),
            ]
        })
        .collect();
    f.table(
        &[
            Column::centered("轮次", 8.0),
            Column::new("审批部门", 18.0),
            Column::centered("意见", 10.0),
            Column::new("说明", 30.0),
            Column::new("签署人", 14.0),
            Column::new("时间", 20.0),
        ],
        approvals,
        "(无)",
    );
    f.sign_line(&["经办人(直销店)", "客户签字", "收货确认"]);
    Ok(f.finish())
}

fn printed(actor: &Actor, now: DateTime<Utc>, zone: Tz) -> String {
    format!("打印:{} {}", local_time(now, zone), actor.display_name)
}

/// 客户回访记录表 of visit `id`, filled as far as it is recorded.
pub async fn render_visit(store: &Store, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let v = care::get(store, actor, id).await?;
    let c = customer::get(store, actor, v.customer_id).await?;
    let s = settings::load(store).await?;
    visit_form(&c, Some(&v), &s.company_name, &printed(actor, now, s.zone()))
}

/// A blank 客户回访记录表 with `customer_id`'s data filled in, to take along.
pub async fn render_blank_visit(store: &Store, actor: &Actor, customer_id: i64, now: DateTime<Utc>) -> Result<Vec<u8>> {
    actor.require(Permission::ViewService)?;
    let c = customer::get(store, actor, customer_id).await?;
    let s = settings::load(store).await?;
    visit_form(&c, None, &s.company_name, &printed(actor, now, s.zone()))
}

/// 退换货单 of return `id`.
pub async fn render_return(store: &Store, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let r = returns::get(store, actor, id).await?;
    let s = settings::load(store).await?;
    return_form(&r, &s.company_name, s.zone(), &printed(actor, now, s.zone()))
}
