//! The printed incident documents: the 事故快报 (accident first report: the facts, the people,
//! the reporting route of the category and the times against the 1-hour limit) and the
//! 安全风险抵押金台帐 of one engagement (应收/已收/余额 and every entry with its running balance).
//! The renderers are pure; `render_*` gather what they print.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::accident::{self, Accident};
use super::deposit::{self, DepositKind, DepositLedger};
use crate::account::{Actor, Permission};
use crate::db::Store;
use crate::error::Result;
use crate::format::{local_time, money, money_grouped};
use crate::pdf::{Column, Field, Form, Template};
use crate::settings;

pub const ACCIDENT_REPORT_TITLE: &str = "外用(包)工事故快报";
pub const DEPOSIT_LEDGER_TITLE: &str = "安全风险抵押金台帐";

fn time_or_blank(at: Option<DateTime<Utc>>, zone: Tz) -> String {
    at.map(|t| local_time(t, zone)).unwrap_or_default()
}

/// 事故快报 on A4 portrait.
pub fn accident_report_pdf(company: &str, a: &Accident, zone: Tz, printed: &str) -> Result<Vec<u8>> {
    let mut f = Form::new(company, ACCIDENT_REPORT_TITLE, &a.number)?;
    f.template(Template::new("SH/AQ-SG-01", "A/0"));
    f.footer_note(printed);

    f.heading("一、事故概况");
    f.fields(
        &[
            Field::new("事故编号", &a.number),
            Field::new("发生时间", local_time(a.occurred_at, zone)),
            Field::new("人员类别", a.category.label()),
            Field::new("事故地点", &a.place).span(3),
            Field::new(
                "项目",
                format!(
                    "{} {}",
                    a.engagement_number.clone().unwrap_or_default(),
                    a.engagement_title.clone().unwrap_or_default()
                ),
            )
            .span(2),
            Field::new("单位", a.unit_name.clone().unwrap_or_default()),
            Field::new("责任部门", a.responsible_department_name.clone().unwrap_or_default()).span(3),
            Field::new("事故经过", &a.description).span(3).lines(4),
            Field::new("伤害情况", &a.injuries).span(3).lines(2),
        ],
        3,
    );

    f.heading(&format!("二、涉及人员(共 {} 人)", a.people.len()));
    let columns = [Column::centered("序号", 0.6), Column::new("姓名", 1.5), Column::new("伤害情况", 4.0)];
    let rows = a.people.iter().enumerate().map(|(i, p)| vec![(i + 1).to_string(), p.name.clone(), p.injury.clone()]);
    f.table(&columns, rows, "(无)");

    f.heading(&format!("三、报告程序({})", a.category.label()));
    let columns = [Column::centered("步骤", 0.6), Column::new("责任方", 2.0), Column::new("工作内容", 4.5)];
    let rows = a.route.iter().enumerate().map(|(i, s)| vec![(i + 1).to_string(), s.who.clone(), s.does.clone()]);
    f.table(&columns, rows, "");

    f.heading(&format!("四、报告时限({} 分钟内上报)", a.clock.limit_minutes));
    f.fields(
        &[
            Field::new("发生时间", local_time(a.occurred_at, zone)),
            Field::new("上报期限", local_time(a.clock.deadline, zone)),
            Field::new("上报时间", time_or_blank(a.reported_to_authority_at, zone)),
            Field::new("上报人", &a.reported_by),
            Field::new("报安全管理部时间", time_or_blank(a.safety_dept_informed_at, zone)),
            Field::new("状态", a.state.label()),
            Field::new("时限情况", &a.clock.text).span(2),
            Field::new("调查处理结果", &a.result).span(2).lines(3),
        ],
        2,
    );
    f.gap(4.0);
    f.paragraph("填报人(签字):                    部门负责人(签字):                    日期:    年   月   日", 9.5);
    Ok(f.finish())
}

/// 安全风险抵押金台帐 of one engagement on A4 portrait.
pub fn deposit_ledger_pdf(company: &str, l: &DepositLedger, printed: &str) -> Result<Vec<u8>> {
    let mut f = Form::new(company, DEPOSIT_LEDGER_TITLE, &l.engagement_number)?;
    f.template(Template::new("SH/AQ-YJ-01", "A/0"));
    f.footer_note(printed);
    f.fields(
        &[
            Field::new("项目编号", &l.engagement_number),
            Field::new("项目状态", l.state.label()),
            Field::new("用工(发包)部门", &l.department_name),
            Field::new("工程名称", &l.title).span(2),
            Field::new("单位", l.unit_name.clone().unwrap_or_default()),
            Field::new("应收", money(l.agreed_fen)).right(),
            Field::new("已收", money(l.received_fen)).right(),
            Field::new("余额", money(l.balance_fen)).right(),
            Field::new("已扣除", money(l.deducted_fen)).right(),
            Field::new("已退还", money(l.refunded_fen)).right(),
            Field::new("未收", money((l.agreed_fen - l.received_fen).max(0))).right(),
        ],
        3,
    );
    f.heading(&format!("收支明细(共 {} 笔)", l.entries.len()));
    let columns = [
        Column::centered("序号", 0.8),
        Column::new("日期", 1.9),
        Column::centered("类别", 0.8),
        Column::right("收取(元)", 1.4),
        Column::right("支出(元)", 1.4),
        Column::right("余额(元)", 1.4),
        Column::new("原因/关联违规考核", 4.6),
        Column::new("经办人", 1.6),
    ];
    let rows = l.entries.iter().enumerate().map(|(i, e)| {
        let (into, out) = match e.kind {
            DepositKind::Received => (money_grouped(e.amount_fen), String::new()),
            _ => (String::new(), money_grouped(e.amount_fen)),
        };
        let reason = match &e.violation_description {
            Some(v) if e.reason.is_empty() => format!("违规考核:{v}"),
            Some(v) => format!("{}\n违规考核:{v}", e.reason),
            None => e.reason.clone(),
        };
        vec![
            (i + 1).to_string(),
            e.entry_on.format("%Y-%m-%d").to_string(),
            e.kind.label().into(),
            into,
            out,
            money_grouped(e.balance_after_fen),
            reason,
            e.recorded_by.clone(),
        ]
    });
    f.table(&columns, rows, "(尚无收支记录)");
    f.gap(3.0);
    f.paragraph("抵押金专款专用,不准挪作他用;项目完工或终止后退还余额。", 9.0);
    Ok(f.finish())
}

async fn printing(store: &Store, actor: &Actor, now: DateTime<Utc>) -> Result<(String, Tz, String)> {
    let s = settings::load(store).await?;
    let zone = s.zone();
    let printed = format!("打印:{} {}", local_time(now, zone), actor.display_name);
    Ok((s.company_name, zone, printed))
}

pub async fn render_accident(store: &Store, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<Vec<u8>> {
    actor.require(Permission::ViewContractors)?;
    let a = accident::get(store, actor, id, now).await?;
    let (company, zone, printed) = printing(store, actor, now).await?;
    accident_report_pdf(&company, &a, zone, &printed)
}

pub async fn render_deposit_ledger(
    store: &Store,
    actor: &Actor,
    engagement_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let l = deposit::ledger(store, actor, engagement_id).await?;
    let (company, _, printed) = printing(store, actor, now).await?;
    deposit_ledger_pdf(&company, &l, &printed)
}
