//! The monthly report as a pure reading of the kept totals: no writes, time passed in.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{Month, RateFormula, round4};
use crate::clock::db_time;
use crate::complaint::{Category, Channel, Severity, State};
use crate::error::Result;
use crate::settings::Settings;

/// How many complaints the major-complaint and claim lists show (the totals count them all; the
/// complaint list behind the figure shows every one).
pub const LISTED: usize = 50;
/// How many customers are named; the rest are summed as 其他客户.
pub const TOP_CUSTOMERS: usize = 10;

/// A count by one dimension (category, severity, channel, state, store, customer, part number).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CountRow {
    /// The stored key (category key, store id, customer id, part number); empty for 其他/未填.
    pub key: String,
    pub name: String,
    pub complaints: i64,
    pub defective: i64,
}

/// Time to the first contact (minutes) or to closing (hours): median and worst of the
/// complaints that have one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Durations {
    /// "分钟" or "小时".
    pub unit: String,
    /// Complaints measured.
    pub measured: i64,
    /// The lower median (the middle complaint's value).
    pub median: Option<i64>,
    pub worst: Option<i64>,
    /// Not contacted yet (first contact only).
    pub missing: i64,
    /// Contacted later than the limit in settings (first contact only).
    pub over_limit: i64,
    /// The limit, in hours (first contact only; 0 for closing).
    pub limit_hours: i64,
}

/// A complaint rate with everything that made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Rate {
    pub formula: RateFormula,
    pub formula_text: String,
    pub numerator: i64,
    pub numerator_label: String,
    /// `None`: no shipment (or customer, or contact) data for the period.
    pub denominator: Option<i64>,
    pub denominator_label: String,
    pub value: Option<f64>,
    /// "%" or "PPM".
    pub unit: String,
    /// Why there is no value, or what was left out ("无发货数据"); empty otherwise.
    pub note: String,
}

/// One month of the 12-month trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct TrendPoint {
    pub month: String,
    pub numerator: i64,
    pub denominator: Option<i64>,
    pub value: Option<f64>,
}

/// Complaint product lines by the month their goods were shipped (complaints arrive weeks
/// later), against that month's shipments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ShipMonthRow {
    /// "2026-09"; empty: ship date not recorded.
    pub ship_month: String,
    /// Complaint product lines (each names one delivered order) received up to the report month.
    pub lines: i64,
    pub defective: i64,
    pub shipment_count: Option<i64>,
    pub shipped_quantity: Option<i64>,
    /// Lines ÷ shipments × 100 %, or PPM of defective ÷ shipped quantity when the formula is PPM.
    pub value: Option<f64>,
    pub unit: String,
}

/// The month's shipments (the denominator).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ShipmentTotals {
    pub shipped_quantity: i64,
    pub shipment_count: i64,
    pub service_contacts: i64,
}

/// A responsible department, unit/person or cause code: its complaints, share-weighted, and the
/// claim amounts weighted by its share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PartyRow {
    /// Department id, the party's name or the cause code (empty: 未填).
    pub key: String,
    pub name: String,
    pub complaints: i64,
    /// Σ share % ÷ 100: a complaint split 60/40 counts 0.6 and 0.4.
    pub weighted: f64,
    pub claimed_fen: i64,
    pub agreed_fen: i64,
    /// The complaints behind the figure (in the full report; empty in the quick one).
    pub numbers: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Responsibility {
    pub by_department: Vec<PartyRow>,
    /// Units and persons named instead of a department.
    pub by_party: Vec<PartyRow>,
    /// 项目原因
    pub by_cause: Vec<PartyRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ListedComplaint {
    pub id: i64,
    pub number: String,
    pub received_at: DateTime<Utc>,
    pub customer_name: String,
    pub state: String,
    pub category: String,
    pub severity: String,
    pub claimed_fen: i64,
    pub agreed_fen: i64,
    pub description: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Listing {
    pub total: i64,
    /// The first [`LISTED`], in order received.
    pub items: Vec<ListedComplaint>,
}

/// Improvement actions (改善措施) due in the month and verified in the month.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ActionFigures {
    pub due: i64,
    pub done_on_time: i64,
    pub done_late: i64,
    pub not_done: i64,
    pub verified: i64,
    pub effective: i64,
    pub ineffective: i64,
}

/// 月度客户投诉率及责任归属报表: every figure of the report (the JSON export is this).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct MonthlyReport {
    /// "2026-10"
    pub month: String,
    pub month_label: String,
    pub company_name: String,
    pub time_zone: String,
    /// Local midnight of the 1st and of the next month's 1st.
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub generated_at: DateTime<Utc>,
    /// Received in the month, cancelled ones left out.
    pub received: i64,
    pub cancelled: i64,
    pub closed: i64,
    pub open: i64,
    pub defective_quantity: i64,
    pub claimed_fen: i64,
    pub agreed_fen: i64,
    pub by_category: Vec<CountRow>,
    pub by_severity: Vec<CountRow>,
    pub by_channel: Vec<CountRow>,
    /// Every state, 撤销 included (shown apart).
    pub by_state: Vec<CountRow>,
    pub by_store: Vec<CountRow>,
    pub by_customer: Vec<CountRow>,
    pub by_part_number: Vec<CountRow>,
    pub first_contact: Durations,
    pub closing: Durations,
    pub shipments: Option<ShipmentTotals>,
    /// By the formula in settings.
    pub rate: Rate,
    pub target: Option<f64>,
    pub meets_target: Option<bool>,
    /// The 12 months ending with this one (months without data left out, and said so).
    pub moving_12: Rate,
    pub trend: Vec<TrendPoint>,
    pub by_ship_month: Vec<ShipMonthRow>,
    pub responsibility: Responsibility,
    pub major: Listing,
    pub claims: Listing,
    pub actions: ActionFigures,
}

/// One month's numerator parts and denominator parts.
#[derive(Debug, Clone, Copy, Default)]
struct MonthFigures {
    complaints: i64,
    defective: i64,
    shipments: Option<ShipmentTotals>,
    active_customers: Option<i64>,
}

impl MonthFigures {
    fn numerator(&self, formula: RateFormula) -> i64 {
        if formula == RateFormula::Ppm { self.defective } else { self.complaints }
    }
    fn denominator(&self, formula: RateFormula) -> Option<i64> {
        match formula {
            RateFormula::CaseRate => self.shipments.map(|s| s.shipment_count),
            RateFormula::Ppm => self.shipments.map(|s| s.shipped_quantity),
            RateFormula::PerCustomer => self.active_customers,
            RateFormula::ContactShare => self.shipments.map(|s| s.service_contacts + self.complaints),
        }
    }
}

fn no_data_note(formula: RateFormula) -> &'static str {
    match formula {
        RateFormula::CaseRate | RateFormula::Ppm => "无发货数据",
        RateFormula::PerCustomer => "无在册客户",
        RateFormula::ContactShare => "无服务联系数据",
    }
}

fn rate_of(formula: RateFormula, numerator: i64, denominator: Option<i64>, note: String) -> Rate {
    let value = formula.rate(numerator, denominator);
    let note = match (value, denominator) {
        (Some(_), _) => note,
        (None, Some(0)) => format!("{}为0,不计算", formula.denominator_label()),
        (None, _) => no_data_note(formula).to_owned(),
    };
    Rate {
        formula,
        formula_text: formula.text().into(),
        numerator,
        numerator_label: formula.numerator_label().into(),
        denominator,
        denominator_label: formula.denominator_label().into(),
        value,
        unit: formula.unit().into(),
        note,
    }
}

type TallyRow = (String, String, String, String, i64, String, i64, i64, i64, i64);

/// The report of `month`, read from the kept totals (the responsibility rows without their
/// complaint numbers: [`add_traces`] adds them). The totals must count by `settings`' time zone
/// ([`super::sync_zone`]).
pub async fn monthly(
    conn: &mut SqliteConnection,
    month: Month,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<MonthlyReport> {
    let zone = settings.zone();
    let formula = settings.complaint_rate_formula;
    let key = month.key();
    let (start, end) = (month.start(zone), month.plus(1).start(zone));

    let rows: Vec<TallyRow> = sqlx::query_as(
        "SELECT category, severity, channel, state, store_id, cause_code, complaints, defective, claimed_fen, agreed_fen
         FROM report_tally WHERE month = ? AND complaints <> 0",
    )
    .bind(&key)
    .fetch_all(&mut *conn)
    .await?;
    let stores: BTreeMap<i64, String> =
        sqlx::query_as("SELECT id, name FROM store").fetch_all(&mut *conn).await?.into_iter().collect();
    let departments: BTreeMap<i64, String> =
        sqlx::query_as("SELECT id, name FROM department").fetch_all(&mut *conn).await?.into_iter().collect();

    let mut by_category: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut by_severity: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut by_channel: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut by_state: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut by_store: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    let mut by_cause: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    let (mut received, mut cancelled, mut closed, mut defective, mut claimed, mut agreed) = (0, 0, 0, 0, 0, 0);
    for (category, severity, channel, state, store_id, cause, complaints, def, claimed_fen, agreed_fen) in rows {
        let add = |map: &mut BTreeMap<String, (i64, i64)>, k: &str| {
            let e = map.entry(k.to_owned()).or_default();
            e.0 += complaints;
            e.1 += def;
        };
        add(&mut by_state, &state);
        if state == "cancelled" {
            cancelled += complaints;
            continue;
        }
        received += complaints;
        defective += def;
        claimed += claimed_fen;
        agreed += agreed_fen;
        if state == "closed" {
            closed += complaints;
        }
        add(&mut by_category, &category);
        add(&mut by_severity, &severity);
        add(&mut by_channel, &channel);
        let e = by_store.entry(store_id).or_default();
        e.0 += complaints;
        e.1 += def;
        let e = by_cause.entry(cause).or_default();
        e.0 += complaints;
        e.1 += claimed_fen;
        e.2 += agreed_fen;
    }
    let keyed = |map: &BTreeMap<String, (i64, i64)>, order: Vec<(&'static str, &'static str)>| -> Vec<CountRow> {
        order
            .into_iter()
            .map(|(k, label)| {
                let (complaints, defective) = map.get(k).copied().unwrap_or_default();
                CountRow { key: k.into(), name: label.into(), complaints, defective }
            })
            .collect()
    };
    let by_category = keyed(&by_category, Category::ALL.iter().map(|c| (c.key(), c.label())).collect());
    let by_severity = keyed(&by_severity, Severity::ALL.iter().map(|c| (c.key(), c.label())).collect());
    let by_channel = keyed(&by_channel, Channel::ALL.iter().map(|c| (c.key(), c.label())).collect());
    let by_state = keyed(&by_state, State::ALL.iter().map(|c| (c.key(), c.label())).collect());
    let mut by_store: Vec<CountRow> = by_store
        .into_iter()
        .map(|(id, (complaints, defective))| CountRow {
            key: if id == 0 { String::new() } else { id.to_string() },
            name: if id == 0 {
                "非直销店".into()
            } else {
                stores.get(&id).cloned().unwrap_or_else(|| format!("直销店#{id}"))
            },
            complaints,
            defective,
        })
        .collect();
    by_store.sort_by(|a, b| b.complaints.cmp(&a.complaints).then(a.name.cmp(&b.name)));

    // The customers with the most complaints, through the (month, complaints) index.
    let top: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT t.customer_id, cu.name, t.complaints, t.defective
         FROM report_customer_tally t CROSS JOIN customer cu ON cu.id = t.customer_id
         WHERE t.month = ? AND t.complaints > 0 ORDER BY t.complaints DESC, t.customer_id DESC LIMIT ?",
    )
    .bind(&key)
    .bind(TOP_CUSTOMERS as i64)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_customer: Vec<CountRow> = top
        .into_iter()
        .map(|(id, name, complaints, defective)| CountRow { key: id.to_string(), name, complaints, defective })
        .collect();
    let (named, named_defective) = by_customer.iter().fold((0, 0), |(c, d), r| (c + r.complaints, d + r.defective));
    if received > named {
        by_customer.push(CountRow {
            key: String::new(),
            name: "其他客户".into(),
            complaints: received - named,
            defective: defective - named_defective,
        });
    }

    let parts: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT part_number, sum(lines), sum(defective) FROM report_line_tally
         WHERE month = ? AND live = 1 GROUP BY part_number HAVING sum(lines) <> 0 ORDER BY 2 DESC, 1",
    )
    .bind(&key)
    .fetch_all(&mut *conn)
    .await?;
    let by_part_number = parts
        .into_iter()
        .map(|(part, lines, defective)| CountRow {
            name: if part.is_empty() { "未填料号".into() } else { part.clone() },
            key: part,
            complaints: lines,
            defective,
        })
        .collect();

    // Durations from the histograms.
    let histogram: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT kind, amount, complaints FROM report_duration_tally WHERE month = ? AND complaints <> 0 ORDER BY kind, amount",
    )
    .bind(&key)
    .fetch_all(&mut *conn)
    .await?;
    let limit_minutes = settings.first_contact_hours * 60;
    let contact: Vec<(i64, i64)> =
        histogram.iter().filter(|h| h.0 == "contact" && h.1 >= 0).map(|h| (h.1, h.2)).collect();
    let mut first_contact = durations("分钟", &contact);
    first_contact.missing = histogram.iter().filter(|h| h.0 == "contact" && h.1 < 0).map(|h| h.2).sum();
    first_contact.over_limit = contact.iter().filter(|(m, _)| *m > limit_minutes).map(|(_, n)| n).sum();
    first_contact.limit_hours = settings.first_contact_hours;
    let close: Vec<(i64, i64)> = histogram.iter().filter(|h| h.0 == "close").map(|h| (h.1, h.2)).collect();
    let closing = durations("小时", &close);

    // Numerators of the 12 months ending with this one, and their shipments.
    let first = month.plus(-11);
    let counts: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT month, sum(complaints), sum(defective) FROM report_tally
         WHERE month >= ? AND month <= ? AND state <> 'cancelled' GROUP BY month",
    )
    .bind(first.key())
    .bind(&key)
    .fetch_all(&mut *conn)
    .await?;
    let shipped = shipment_totals(conn, first, month).await?;
    let months = month_figures(conn, settings, first, month, &counts, &shipped).await?;
    let this = months.get(&key).copied().unwrap_or_default();
    let rate = rate_of(formula, this.numerator(formula), this.denominator(formula), String::new());
    let trend: Vec<TrendPoint> = months
        .iter()
        .map(|(m, f)| {
            let (numerator, denominator) = (f.numerator(formula), f.denominator(formula));
            TrendPoint { month: m.clone(), numerator, denominator, value: formula.rate(numerator, denominator) }
        })
        .collect();
    let moving_12 = combined(formula, &months);
    let target = settings.complaint_rate_target;
    let meets_target = match (rate.value, target) {
        (Some(v), Some(t)) => Some(v <= t),
        _ => None,
    };

    // By ship month: the 12 ship months ending with this one, complaints received up to its end.
    let ship_rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT ship_month, sum(lines), sum(defective) FROM report_line_tally
         WHERE (ship_month = '' OR (ship_month >= ? AND ship_month <= ?)) AND month <= ? AND live = 1
         GROUP BY ship_month HAVING sum(lines) <> 0 ORDER BY ship_month",
    )
    .bind(first.key())
    .bind(&key)
    .bind(&key)
    .fetch_all(&mut *conn)
    .await?;
    let ship_formula = if formula == RateFormula::Ppm { RateFormula::Ppm } else { RateFormula::CaseRate };
    let mut by_ship_month: Vec<ShipMonthRow> = ship_rows
        .into_iter()
        .map(|(ship_month, lines, defective)| {
            let totals = shipped.get(&ship_month).copied();
            let value = if ship_formula == RateFormula::Ppm {
                ship_formula.rate(defective, totals.map(|t| t.shipped_quantity))
            } else {
                ship_formula.rate(lines, totals.map(|t| t.shipment_count))
            };
            ShipMonthRow {
                ship_month,
                lines,
                defective,
                shipment_count: totals.map(|t| t.shipment_count),
                shipped_quantity: totals.map(|t| t.shipped_quantity),
                value,
                unit: ship_formula.unit().into(),
            }
        })
        .collect();
    // Unknown ship dates last.
    by_ship_month.sort_by_key(|r| (r.ship_month.is_empty(), r.ship_month.clone()));

    let mut responsibility = responsibility(conn, &key, &departments).await?;
    // A cause code belongs to the whole complaint: counted by complaint, with its full claim.
    responsibility.by_cause = by_cause
        .into_iter()
        .filter(|(_, v)| v.0 != 0)
        .map(|(cause, (complaints, claimed_fen, agreed_fen))| PartyRow {
            name: if cause.is_empty() { "未填项目原因".into() } else { cause.clone() },
            key: cause,
            complaints,
            weighted: complaints as f64,
            claimed_fen,
            agreed_fen,
            numbers: vec![],
        })
        .collect();
    responsibility.by_cause.sort_by(|a, b| b.complaints.cmp(&a.complaints).then(a.name.cmp(&b.name)));
    let major_total = by_severity.iter().find(|r| r.key == Severity::Major.key()).map(|r| r.complaints).unwrap_or(0);
    let major = Listing { total: major_total, items: listed(conn, Listed::Major, start, end).await? };
    let claim_total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM complaint WHERE claimed_fen > 0 AND received_at >= ? AND received_at < ? AND state <> 'cancelled'",
    )
    .bind(db_time(start))
    .bind(db_time(end))
    .fetch_one(&mut *conn)
    .await?;
    let claims = Listing { total: claim_total, items: listed(conn, Listed::Claims, start, end).await? };
    let actions = actions(conn, month, start, end).await?;

    Ok(MonthlyReport {
        month: key,
        month_label: month.label(),
        company_name: settings.company_name.clone(),
        time_zone: settings.time_zone.clone(),
        period_start: start,
        period_end: end,
        generated_at: now,
        received,
        cancelled,
        closed,
        open: received - closed,
        defective_quantity: defective,
        claimed_fen: claimed,
        agreed_fen: agreed,
        by_category,
        by_severity,
        by_channel,
        by_state,
        by_store,
        by_customer,
        by_part_number,
        first_contact,
        closing,
        shipments: this.shipments,
        rate,
        target,
        meets_target,
        moving_12,
        trend,
        by_ship_month,
        responsibility,
        major,
        claims,
        actions,
    })
}

/// Each month's numerator and denominator parts, `first` to `last`.
async fn month_figures(
    conn: &mut SqliteConnection,
    settings: &Settings,
    first: Month,
    last: Month,
    counts: &[(String, i64, i64)],
    shipped: &BTreeMap<String, ShipmentTotals>,
) -> Result<BTreeMap<String, MonthFigures>> {
    let mut months: BTreeMap<String, MonthFigures> = BTreeMap::new();
    let mut m = first;
    while m <= last {
        months.insert(m.key(), MonthFigures::default());
        m = m.plus(1);
    }
    for (m, complaints, defective) in counts {
        if let Some(f) = months.get_mut(m) {
            f.complaints = *complaints;
            f.defective = *defective;
        }
    }
    for (m, totals) in shipped {
        if let Some(f) = months.get_mut(m) {
            f.shipments = Some(*totals);
        }
    }
    if settings.complaint_rate_formula == RateFormula::PerCustomer {
        // Active customers on the archive at each month's end (read only when this formula is
        // the one chosen: it counts the archive).
        let created: Vec<(String, i64)> = sqlx::query_as(
            "SELECT (SELECT month FROM report_month WHERE starts_at <= c.created_at ORDER BY starts_at DESC LIMIT 1) AS m,
                    count(*) FROM customer c WHERE c.active = 1 GROUP BY m ORDER BY m",
        )
        .fetch_all(&mut *conn)
        .await?;
        for (m, figures) in months.iter_mut() {
            let n: i64 = created.iter().filter(|(c, _)| c <= m).map(|(_, n)| n).sum();
            figures.active_customers = Some(n);
        }
    }
    Ok(months)
}

/// The rate over several months: months without data are left out of both counts, and the note
/// says how many.
fn combined(formula: RateFormula, months: &BTreeMap<String, MonthFigures>) -> Rate {
    let with_data: Vec<&MonthFigures> = months.values().filter(|f| f.denominator(formula).is_some()).collect();
    let missing = months.len() - with_data.len();
    if with_data.is_empty() {
        return rate_of(formula, months.values().map(|f| f.numerator(formula)).sum(), None, String::new());
    }
    let numerator = with_data.iter().map(|f| f.numerator(formula)).sum();
    let denominator = with_data.iter().filter_map(|f| f.denominator(formula)).sum();
    let note =
        if missing > 0 { format!("其中{missing}个月{},未计入", no_data_note(formula)) } else { String::new() };
    rate_of(formula, numerator, Some(denominator), note)
}

/// The combined rate of `first` to `last` (the dashboard's year to date).
pub(crate) async fn rate_of_months(
    conn: &mut SqliteConnection,
    settings: &Settings,
    first: Month,
    last: Month,
    counts: &[(String, i64, i64)],
    shipped: &BTreeMap<String, ShipmentTotals>,
) -> Result<Rate> {
    let months = month_figures(conn, settings, first, last, counts, shipped).await?;
    Ok(combined(settings.complaint_rate_formula, &months))
}

/// Median (lower) and worst of a histogram of (amount, count), amounts ascending.
fn durations(unit: &str, histogram: &[(i64, i64)]) -> Durations {
    let measured: i64 = histogram.iter().map(|(_, n)| n).sum();
    let mut median = None;
    if measured > 0 {
        let middle = (measured + 1) / 2;
        let mut seen = 0;
        for (amount, n) in histogram {
            seen += n;
            if seen >= middle {
                median = Some(*amount);
                break;
            }
        }
    }
    Durations {
        unit: unit.into(),
        measured,
        median,
        worst: histogram.iter().filter(|(_, n)| *n > 0).map(|(a, _)| *a).max(),
        missing: 0,
        over_limit: 0,
        limit_hours: 0,
    }
}

/// Shipments per month from `first` to `last` (months with no row are absent: no data).
pub(crate) async fn shipment_totals(
    conn: &mut SqliteConnection,
    first: Month,
    last: Month,
) -> Result<BTreeMap<String, ShipmentTotals>> {
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT month, sum(shipped_quantity), sum(shipment_count), sum(service_contacts) FROM shipment
         WHERE month >= ? AND month <= ? GROUP BY month",
    )
    .bind(first.key())
    .bind(last.key())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(m, shipped_quantity, shipment_count, service_contacts)| {
            (m, ShipmentTotals { shipped_quantity, shipment_count, service_contacts })
        })
        .collect())
}

/// (fen × percent) ÷ 100, rounded half up: a share of an amount in whole fen.
fn share_fen(fen_percent: i64) -> i64 {
    (fen_percent + 50).div_euclid(100)
}

async fn responsibility(
    conn: &mut SqliteConnection,
    month: &str,
    departments: &BTreeMap<i64, String>,
) -> Result<Responsibility> {
    let rows: Vec<(i64, String, String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT department_id, party, cause_code, entries, share_percent, claimed_share, agreed_share
         FROM report_responsibility_tally WHERE month = ? AND live = 1 AND entries <> 0",
    )
    .bind(month)
    .fetch_all(&mut *conn)
    .await?;
    Ok(responsibility_of(&rows, departments))
}

/// Sums tally rows (department, party, cause, entries, share %, claimed × %, agreed × %) into
/// the three views.
pub(crate) fn responsibility_of(
    rows: &[(i64, String, String, i64, i64, i64, i64)],
    departments: &BTreeMap<i64, String>,
) -> Responsibility {
    type Sums = BTreeMap<String, (String, i64, i64, i64, i64)>;
    let (mut by_department, mut by_party, mut by_cause): (Sums, Sums, Sums) = Default::default();
    for (department_id, party, cause, entries, share, claimed, agreed) in rows {
        let add = |map: &mut Sums, key: String, name: String| {
            let e = map.entry(key).or_insert((name, 0, 0, 0, 0));
            e.1 += entries;
            e.2 += share;
            e.3 += claimed;
            e.4 += agreed;
        };
        if *department_id != 0 {
            let name = departments.get(department_id).cloned().unwrap_or_else(|| format!("部门#{department_id}"));
            add(&mut by_department, department_id.to_string(), name);
        }
        // A share may name a department and a person in it: it counts for both.
        if !party.is_empty() {
            add(&mut by_party, party.clone(), party.clone());
        }
        add(&mut by_cause, cause.clone(), if cause.is_empty() { "未填项目原因".into() } else { cause.clone() });
    }
    let list = |map: Sums| -> Vec<PartyRow> {
        let mut rows: Vec<PartyRow> = map
            .into_iter()
            .filter(|(_, v)| v.1 != 0)
            .map(|(key, (name, complaints, share, claimed, agreed))| PartyRow {
                key,
                name,
                complaints,
                weighted: round4(share as f64 / 100.0),
                claimed_fen: share_fen(claimed),
                agreed_fen: share_fen(agreed),
                numbers: vec![],
            })
            .collect();
        rows.sort_by(|a, b| b.weighted.total_cmp(&a.weighted).then(a.name.cmp(&b.name)));
        rows
    };
    Responsibility { by_department: list(by_department), by_party: list(by_party), by_cause: list(by_cause) }
}

/// Fills every responsibility row's complaint numbers (the month's complaints with their shares;
/// a direct read, proportional to the month's complaints).
pub async fn add_traces(conn: &mut SqliteConnection, report: &mut MonthlyReport) -> Result<()> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT coalesce(r.department_id, 0), coalesce(r.party, ''), c.cause_code, c.number
         FROM complaint c LEFT JOIN complaint_responsibility r ON r.complaint_id = c.id
         WHERE c.received_at >= ? AND c.received_at < ? AND c.state <> 'cancelled'
         ORDER BY c.received_at",
    )
    .bind(db_time(report.period_start))
    .bind(db_time(report.period_end))
    .fetch_all(&mut *conn)
    .await?;
    let r = &mut report.responsibility;
    let push = |rows: &mut Vec<PartyRow>, key: &str, number: &str| {
        if let Some(p) = rows.iter_mut().find(|p| p.key == key)
            && p.numbers.last().map(String::as_str) != Some(number)
        {
            p.numbers.push(number.to_owned());
        }
    };
    for (department_id, party, cause, number) in rows {
        if department_id != 0 {
            push(&mut r.by_department, &department_id.to_string(), &number);
        }
        if !party.is_empty() {
            push(&mut r.by_party, &party, &number);
        }
        push(&mut r.by_cause, &cause, &number);
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Listed {
    Major,
    Claims,
}

type ListedRow = (i64, String, DateTime<Utc>, String, String, String, String, i64, i64, String);

async fn listed(
    conn: &mut SqliteConnection,
    which: Listed,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<ListedComplaint>> {
    let sql = match which {
        // Through the (severity_rank, received_at) index.
        Listed::Major => {
            "SELECT c.id, c.number, c.received_at, cu.name, c.state, c.category, c.severity, c.claimed_fen, c.agreed_fen,
                    substr(c.description, 1, 60)
             FROM complaint c CROSS JOIN customer cu ON cu.id = c.customer_id
             WHERE c.severity_rank = 3 AND c.received_at >= ? AND c.received_at < ? AND c.state <> 'cancelled'
             ORDER BY c.received_at LIMIT ?"
        }
        // Through the partial index of complaints with a claim.
        Listed::Claims => {
            "SELECT c.id, c.number, c.received_at, cu.name, c.state, c.category, c.severity, c.claimed_fen, c.agreed_fen,
                    substr(c.description, 1, 60)
             FROM complaint c CROSS JOIN customer cu ON cu.id = c.customer_id
             WHERE c.claimed_fen > 0 AND c.received_at >= ? AND c.received_at < ? AND c.state <> 'cancelled'
             ORDER BY c.received_at LIMIT ?"
        }
    };
    let rows: Vec<ListedRow> =
        sqlx::query_as(sql).bind(db_time(start)).bind(db_time(end)).bind(LISTED as i64).fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                number,
                received_at,
                customer_name,
                state,
                category,
                severity,
                claimed_fen,
                agreed_fen,
                description,
            )| {
                ListedComplaint {
                    id,
                    number,
                    received_at,
                    customer_name,
                    state: State::parse(&state).map(|s| s.label().to_owned()).unwrap_or(state),
                    category: Category::parse(&category).map(|s| s.label().to_owned()).unwrap_or(category),
                    severity: Severity::parse(&severity).map(|s| s.label().to_owned()).unwrap_or(severity),
                    claimed_fen,
                    agreed_fen,
                    description,
                }
            },
        )
        .collect())
}

async fn actions(
    conn: &mut SqliteConnection,
    month: Month,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<ActionFigures> {
    let (first, last) = (month.first_day().to_string(), month.last_day().to_string());
    let (due, done_on_time, done_late, not_done): (i64, Option<i64>, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT count(*), sum(a.done_date IS NOT NULL AND a.done_date <= a.due_date),
                sum(a.done_date IS NOT NULL AND a.done_date > a.due_date), sum(a.done_date IS NULL)
         FROM complaint_action a WHERE a.due_date >= ? AND a.due_date <= ?",
    )
    .bind(&first)
    .bind(&last)
    .fetch_one(&mut *conn)
    .await?;
    let (verified, effective, ineffective): (i64, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT count(*), sum(effective = 1), sum(effective = 0) FROM complaint_action
         WHERE verified_at IS NOT NULL AND verified_at >= ? AND verified_at < ?",
    )
    .bind(db_time(start))
    .bind(db_time(end))
    .fetch_one(&mut *conn)
    .await?;
    Ok(ActionFigures {
        due,
        done_on_time: done_on_time.unwrap_or(0),
        done_late: done_late.unwrap_or(0),
        not_done: not_done.unwrap_or(0),
        verified,
        effective: effective.unwrap_or(0),
        ineffective: ineffective.unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_the_middle_complaint_and_the_worst_the_largest() {
        let d = durations("分钟", &[(10, 1), (30, 2), (600, 1)]);
        assert_eq!((d.measured, d.median, d.worst), (4, Some(30), Some(600)));
        let d = durations("分钟", &[(10, 1), (30, 1)]);
        assert_eq!(d.median, Some(10));
        assert_eq!(durations("小时", &[]).median, None);
    }

    #[test]
    fn shares_of_amounts_round_to_whole_fen() {
        assert_eq!(share_fen(10_000 * 60), 6_000);
        assert_eq!(share_fen(333 * 50), 167);
        assert_eq!(share_fen(0), 0);
    }

    #[test]
    fn no_denominator_gives_no_rate_and_says_why() {
        let r = rate_of(RateFormula::CaseRate, 7, None, String::new());
        assert_eq!((r.value, r.note.as_str()), (None, "无发货数据"));
        let r = rate_of(RateFormula::Ppm, 7, Some(0), String::new());
        assert_eq!(r.value, None);
        assert!(r.note.contains("发货数量为0"));
        let r = rate_of(RateFormula::Ppm, 25, Some(100_000), String::new());
        assert_eq!(r.value, Some(250.0));
    }
}
