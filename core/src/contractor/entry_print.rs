//! The gate's printed documents: 入场证 (entry passes, ID-1 card size, ten to an A4 sheet with
//! cut marks, each with a QR code the gate screen accepts) and 入场资格审查单 (one check with all
//! its reasons, who checked, when, and the override if any).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::entry::{self, EntryCheck, EntryResult, EntryRule, ReasonSeverity};
use crate::account::{Actor, Permission};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::format::{date, local_time};
use crate::pdf::{self, Align, Column, Field, Form, Page, Template, Weight};
use crate::settings;

/// What one entry pass shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PassCard {
    pub name: String,
    pub unit_name: String,
    pub trade: String,
    pub engagement_number: String,
    pub engagement_title: String,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub id_number_masked: String,
    /// The QR code's text (`entry::pass_code`): the person and the engagement, not the ID number.
    pub code: String,
    /// The photo (JPEG/PNG bytes); a grey box marked 照片 without one.
    pub photo: Option<Vec<u8>>,
}

const CARD_W: f32 = 85.6;
const CARD_H: f32 = 54.0;
const COLUMNS: usize = 2;
const ROWS: usize = 5;
const GAP: f32 = 6.0;
/// The sheet: a small title line on top, the cards below it.
const SHEET: Page = Page { width: 210.0, height: 297.0, margin: 6.0, header: 10.0, footer: 0.0, text_size: 7.0 };

/// Passes, ten to an A4 sheet (two columns of five, rows touching) with cut marks outside the
/// block at every card edge.
pub fn render_passes(company: &str, cards: &[PassCard]) -> Result<Vec<u8>> {
    if cards.is_empty() {
        return Err(Error::validation("workers", "请选择要打印入场证的人员"));
    }
    let mut f = Form::with_page(SHEET, company, "入场证", "")?;
    let left = (SHEET.width - COLUMNS as f32 * CARD_W - (COLUMNS - 1) as f32 * GAP) / 2.0;
    let top = SHEET.height - SHEET.margin - SHEET.header - 1.0;
    for (i, card) in cards.iter().enumerate() {
        let slot = i % (COLUMNS * ROWS);
        if i > 0 && slot == 0 {
            f.page_break();
        }
        if slot == 0 {
            cut_marks(&mut f, left, top);
        }
        let x = left + (slot % COLUMNS) as f32 * (CARD_W + GAP);
        let y = top - (slot / COLUMNS + 1) as f32 * CARD_H;
        draw_card(&mut f, company, card, x, y)?;
    }
    Ok(f.finish())
}

fn cut_marks(f: &mut Form, left: f32, top: f32) {
    let mark = 3.0;
    let xs: Vec<f32> = (0..COLUMNS)
        .flat_map(|c| {
            let x = left + c as f32 * (CARD_W + GAP);
            [x, x + CARD_W]
        })
        .collect();
    let ys: Vec<f32> = (0..=ROWS).map(|r| top - r as f32 * CARD_H).collect();
    let (block_left, block_right) = (left, left + COLUMNS as f32 * CARD_W + (COLUMNS - 1) as f32 * GAP);
    let (block_top, block_bottom) = (top, top - ROWS as f32 * CARD_H);
    for x in &xs {
        f.line(*x, block_top + 0.8, *x, block_top + 0.8 + mark, 0.3);
        f.line(*x, block_bottom - 0.8, *x, block_bottom - 0.8 - mark, 0.3);
    }
    for y in &ys {
        f.line(block_left - 0.8, *y, block_left - 0.8 - mark, *y, 0.3);
        f.line(block_right + 0.8, *y, block_right + 0.8 + mark, *y, 0.3);
        // Between the columns, where the gap is cut away.
        for c in 1..COLUMNS {
            let gap_left = left + c as f32 * (CARD_W + GAP) - GAP;
            f.line(gap_left + 1.0, *y, gap_left + GAP - 1.0, *y, 0.3);
        }
    }
}

fn draw_card(f: &mut Form, company: &str, c: &PassCard, x: f32, y: f32) -> Result<()> {
    // A hairline outline: the card as cut.
    f.frame(x, y, CARD_W, CARD_H, 0.2);
    let top = y + CARD_H;
    f.aligned((x, CARD_W), top - 4.2, company, 6.5, Weight::Regular, Align::Center);
    f.aligned((x, CARD_W), top - 9.6, "入 场 证", 11.0, Weight::Bold, Align::Center);
    f.line(x + 3.0, top - 11.5, x + CARD_W - 3.0, top - 11.5, 0.5);
    // The photo, 1-inch proportions (20 × 27 mm).
    let (px, pw, ph) = (x + 3.0, 20.0, 27.0);
    let py = top - 14.0 - ph;
    match &c.photo {
        Some(bytes) => {
            let image = f.add_image(bytes)?;
            f.fit_image(&image, px, py, pw, ph);
        }
        None => {
            f.shade(px, py, pw, ph);
            f.aligned((px, pw), py + ph / 2.0 - 1.2, "照片", 8.0, Weight::Regular, Align::Center);
        }
    }
    f.frame(px, py, pw, ph, 0.3);
    // The facts.
    let tx = px + pw + 2.5;
    let qr = 23.0;
    let text_width = CARD_W - (tx - x) - qr - 2.0;
    let mut line_y = top - 16.0;
    let size = 6.5;
    f.text_at(tx, line_y, &c.name, 10.0, Weight::Bold);
    line_y -= 4.6;
    let mut put = |f: &mut Form, label: &str, value: &str, max_lines: usize| {
        let lines = pdf::wrap(&format!("{label}{value}"), size, Weight::Regular, text_width);
        for line in lines.iter().take(max_lines) {
            f.text_at(tx, line_y, line, size, Weight::Regular);
            line_y -= 3.2;
        }
    };
    put(f, "单位:", if c.unit_name.is_empty() { "—" } else { &c.unit_name }, 2);
    if !c.trade.is_empty() {
        put(f, "工种:", &c.trade, 1);
    }
    put(f, "项目:", &c.engagement_number, 1);
    put(f, "", &c.engagement_title, 2);
    put(f, "有效期:", &format!("{} 至 {}", date(c.valid_from), date(c.valid_to)), 2);
    f.text_at(px, y + 3.2, &format!("身份证号 {}", c.id_number_masked), 6.0, Weight::Regular);
    // The QR code the gate scans, with its text beneath for typing when the scanner fails.
    let qx = x + CARD_W - qr - 1.5;
    let qy = y + 4.5;
    f.qr_code(qx, qy, qr, &c.code)?;
    f.aligned((qx, qr), y + 2.5, &c.code, 5.0, Weight::Regular, Align::Center);
    Ok(())
}

/// The passes of an engagement's roster (`workers` None) or of the chosen people on it.
pub async fn passes_pdf(
    store: &Store,
    actor: &Actor,
    engagement_id: i64,
    workers: Option<Vec<i64>>,
) -> Result<Vec<u8>> {
    if actor.require(Permission::ManageEngagements).is_err() {
        actor.require(Permission::CheckEntry)?;
    }
    let s = settings::load(store).await?;
    let engagement: Option<(String, String, NaiveDate, NaiveDate)> =
        sqlx::query_as("SELECT number, title, start_date, end_date FROM contractor_engagement WHERE id = ?")
            .bind(engagement_id)
            .fetch_optional(store.pool())
            .await?;
    let (number, title, from, to) = engagement.ok_or(Error::NotFound("用工(发包)项目"))?;
    let rows: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT w.id, w.name, w.id_number, w.trade, u.name
         FROM contractor_roster r JOIN contractor_worker w ON w.id = r.worker_id
         LEFT JOIN contractor_unit u ON u.id = w.unit_id
         WHERE r.engagement_id = ? ORDER BY r.id",
    )
    .bind(engagement_id)
    .fetch_all(store.pool())
    .await?;
    let rows: Vec<_> =
        rows.into_iter().filter(|r| workers.as_ref().is_none_or(|chosen| chosen.contains(&r.0))).collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let mut cards: Vec<PassCard> = rows
        .into_iter()
        .map(|(id, name, id_number, trade, unit)| PassCard {
            name,
            unit_name: unit.unwrap_or_default(),
            trade,
            engagement_number: number.clone(),
            engagement_title: title.clone(),
            valid_from: from,
            valid_to: to,
            id_number_masked: super::id_number::mask(&id_number),
            code: entry::pass_code(id, engagement_id),
            photo: None,
        })
        .collect();
    if cards.is_empty() {
        return Err(Error::validation("workers", format!("项目 {number} 的人员名单上没有可打印入场证的人员")));
    }
    // The photo the workers module keeps (a grey box without one).
    for (card, id) in cards.iter_mut().zip(ids) {
        if let Some(path) = super::worker::photo_path(store, actor, id).await? {
            card.photo = std::fs::read(path).ok();
        }
    }
    render_passes(&s.company_name, &cards)
}

fn severity_word(s: ReasonSeverity) -> &'static str {
    match s {
        ReasonSeverity::Deny => "不通过",
        ReasonSeverity::Warning => "提醒",
        ReasonSeverity::Escort => "须陪同",
    }
}

/// The 入场资格审查单 of one check: the person, the engagement, the answer, every check of §6 with
/// 通过 or its reasons, who checked where and when, and the override if there is one.
pub fn render_sheet(
    company: &str,
    check: &EntryCheck,
    overridden_by: Option<&EntryCheck>,
    zone: Tz,
    printed: &str,
) -> Result<Vec<u8>> {
    let number = format!("RC-{}-{:06}", check.check_date.format("%Y%m%d"), check.id);
    let mut f = Form::new(company, "入场资格审查单", &number)?;
    f.template(Template::new("SH/AQ-RC-01", "A/0"));
    f.footer_note(printed);
    f.heading("一、受审查人员");
    let name = if check.worker_name.is_empty() { "(未登记人员)".to_owned() } else { check.worker_name.clone() };
    f.fields(
        &[
            Field::new("姓名", name),
            Field::new("身份证号", check.id_number_masked.clone()),
            Field::new("所属单位", check.unit_name.clone()).span(2),
            Field::new("项目编号", check.engagement_number.clone()),
            Field::new("项目名称", check.engagement_title.clone()),
        ],
        2,
    );
    f.heading("二、审查结论");
    let answer = match check.result {
        EntryResult::AllowWithEscort if !check.escort.is_empty() => {
            format!("{}(陪同人:{})", check.result.label(), check.escort)
        }
        _ => check.result.label().to_owned(),
    };
    f.fields(
        &[
            Field::new("审查结论", answer).span(2),
            Field::new("审查日期", date(check.check_date)),
            Field::new("审查时间", local_time(check.checked_at, zone)),
            Field::new("门岗", check.gate.clone()),
            Field::new("审查人", check.gate_user.clone()),
        ],
        2,
    );
    f.heading("三、逐项审查");
    let unregistered = check.reasons.iter().any(|r| r.code == "identity_unregistered");
    let rows = EntryRule::ALL.iter().enumerate().map(|(i, rule)| {
        let mine: Vec<_> = check.reasons.iter().filter(|r| r.rule == *rule).collect();
        let outcome = if let Some(worst) = mine.iter().map(|r| r.severity).min_by_key(|s| match s {
            ReasonSeverity::Deny => 0,
            ReasonSeverity::Escort => 1,
            ReasonSeverity::Warning => 2,
        }) {
            severity_word(worst).to_owned()
        } else if unregistered {
            "未审查".to_owned()
        } else {
            "通过".to_owned()
        };
        let text = mine.iter().map(|r| r.message.as_str()).collect::<Vec<_>>().join(";");
        vec![format!("{}", i + 1), rule.label().to_owned(), outcome, text]
    });
    f.table(
        &[
            Column::centered("序号", 0.8),
            Column::new("审查项目", 3.8),
            Column::centered("结果", 1.1),
            Column::new("说明", 6.3),
        ],
        rows,
        "",
    );
    let overriding = if check.overrides_id.is_some() { Some(check) } else { overridden_by };
    if let Some(o) = overriding {
        f.heading("四、放行");
        f.fields(
            &[
                Field::new("放行人", o.override_by.clone()),
                Field::new("放行时间", local_time(o.checked_at, zone)),
                Field::new("放行理由", o.override_reason.clone()).span(2).lines(2),
            ],
            2,
        );
    }
    f.gap(3.0);
    f.sign_line(&["门岗审查人", "安全管理部"]);
    Ok(f.finish())
}

/// The sheet of check `id` (with the override that lifted it, if any).
pub async fn sheet_pdf(store: &Store, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let check = entry::get_check(store, actor, id).await?;
    let override_id: Option<i64> = sqlx::query_scalar("SELECT id FROM entry_check WHERE overrides_id = ?")
        .bind(id)
        .fetch_optional(store.pool())
        .await?;
    let overridden_by = match override_id {
        Some(o) => Some(entry::get_check(store, actor, o).await?),
        None => None,
    };
    let s = settings::load(store).await?;
    let printed = format!("打印:{} {}", local_time(now, s.zone()), actor.display_name);
    render_sheet(&s.company_name, &check, overridden_by.as_ref(), s.zone(), &printed)
}
