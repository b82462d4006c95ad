//! The printed documents of an engagement, filled from its records: the four-copy agreement
//! (the template version of its first print is kept, so a reprint reads as it was signed), the
//! briefing sheet, the 申报表/审批表, and the ledger per department. The renderers are in
//! `forms/` (pure); this module gathers what they print.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::engagement::{self, Engagement};
use super::forms::{self, AgreementDoc, ApplicationDoc, BriefingDoc, LedgerRow, Party, RosterRow};
use super::unit::{self, ContractorUnit};
use crate::account::{Actor, Permission};
use crate::audit::{Action, Entity};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::settings;
use crate::write::Write;

keyed_enum!(
    /// The documents printed from an engagement.
    EngagementDocument {
        Agreement = "agreement" / "外用(包)工安全协议书",
        Briefing = "briefing" / "安全技术交底单",
        Application = "application" / "计划外用工申报表",
        Approval = "approval" / "计划外用工审批表",
    }
);

fn roster(e: &Engagement) -> Vec<RosterRow> {
    // ID numbers come with the workers of the second part; the name list prints without them.
    e.roster
        .iter()
        .map(|p| RosterRow { name: p.name.clone(), id_number_masked: String::new(), trade: p.trade.clone() })
        .collect()
}

fn unit_party(u: &ContractorUnit) -> Party {
    let contact = u.contacts.first();
    Party {
        name: u.name.clone(),
        credit_code: u.credit_code.clone(),
        legal_rep: u.legal_representative.clone(),
        address: u.address.clone(),
        bank: u.bank_name.clone(),
        account: u.bank_account.clone(),
        contact: contact.map(|c| c.name.clone()).unwrap_or_default(),
        phone: contact.map(|c| c.phone.clone()).unwrap_or_default(),
    }
}

struct Printing {
    company: String,
    /// 甲方 as the agreement prints it (the particulars from 系统设置).
    company_party: Party,
    zone: chrono_tz::Tz,
    printed: String,
}

async fn printing(store: &Store, actor: &Actor, now: DateTime<Utc>) -> Result<Printing> {
    let s = settings::load(store).await?;
    let zone = s.zone();
    let printed = format!("打印:{} {}", now.with_timezone(&zone).format("%Y-%m-%d %H:%M"), actor.display_name);
    let company_party = Party {
        name: s.company_name.clone(),
        credit_code: s.company_credit_code.clone(),
        legal_rep: s.company_legal_rep.clone(),
        address: s.company_address.clone(),
        phone: s.company_phone.clone(),
        ..Party::default()
    };
    Ok(Printing { company: s.company_name, company_party, zone, printed })
}

fn local_day(at: Option<DateTime<Utc>>, zone: chrono_tz::Tz) -> Option<NaiveDate> {
    at.map(|t| t.with_timezone(&zone).date_naive())
}

async fn unit_of(conn: &mut SqliteConnection, e: &Engagement) -> Result<Option<ContractorUnit>> {
    match e.unit_id {
        Some(id) => Ok(Some(unit::load(conn, id).await?)),
        None => Ok(None),
    }
}

fn application_doc(e: &Engagement, p: &Printing) -> ApplicationDoc {
    ApplicationDoc {
        number: e.number.clone(),
        department: e.department_name.clone(),
        category_label: e.category.label().into(),
        unit_name: e.unit_name.clone().unwrap_or_default(),
        project: e.title.clone(),
        content: e.content.clone(),
        place: [e.place.as_str(), e.area.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
        start: e.start_date,
        end: e.end_date,
        reason: String::new(),
        deposit_fen: e.deposit_fen,
        applicant: e.created_by.clone(),
        applied_on: local_day(Some(e.created_at), p.zone),
        roster: roster(e),
        approved_by: (!e.approved_by.is_empty()).then(|| e.approved_by.clone()),
        approved_at: local_day(e.approved_at, p.zone),
        printed: p.printed.clone(),
    }
}

/// The PDF of `document` for the engagement `id`. The agreement's first print fixes its template
/// version (recorded on the engagement, with a line in its history).
pub async fn render(
    store: &Store,
    actor: &Actor,
    id: i64,
    document: EngagementDocument,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    actor.require(Permission::ViewContractors)?;
    let p = printing(store, actor, now).await?;
    let today = now.with_timezone(&p.zone).date_naive();
    match document {
        EngagementDocument::Agreement => {
            let mut w = Write::begin(store, actor, now).await?;
            let e = engagement::load(w.conn(), id, Some(today)).await?;
            let unit = unit_of(w.conn(), &e).await?;
            let current = forms::current_template(w.conn()).await?.version;
            let version = engagement::agreement_template_version(w.conn(), id, current).await?;
            if e.agreement_template_version.is_none() {
                w.note(
                    Entity::ContractorEngagement,
                    id,
                    Action::Print,
                    format!("{} 首次打印安全协议书(模板第 {version} 版)", e.number),
                )
                .await?;
            }
            let template = forms::template(w.conn(), version).await?;
            w.commit().await?;
            let doc = AgreementDoc {
                number: e.number.clone(),
                category_label: e.category.label().into(),
                hiring_department: e.department_name.clone(),
                company: p.company_party.clone(),
                unit: unit.as_ref().map(unit_party),
                project: e.title.clone(),
                content: e.content.clone(),
                place: e.place.clone(),
                area: e.area.clone(),
                contract_number: e.contract_number.clone(),
                start: e.start_date,
                end: e.end_date,
                deposit_fen: e.deposit_fen,
                roster: roster(&e),
                approved_by: (!e.approved_by.is_empty()).then(|| e.approved_by.clone()),
                approved_at: local_day(e.approved_at, p.zone),
                printed: p.printed,
            };
            forms::agreement_pdf(&doc, &template)
        }
        EngagementDocument::Briefing => {
            let mut conn = store.pool().acquire().await?;
            let e = engagement::load(&mut conn, id, Some(today)).await?;
            let doc = BriefingDoc {
                number: format!("{}-JD", e.number),
                project: e.title.clone(),
                unit_name: e.unit_name.clone().unwrap_or_else(|| e.department_name.clone()),
                content: e.content.clone(),
                location: [e.place.as_str(), e.area.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" "),
                date: today,
                roster: roster(&e),
                printed: p.printed.clone(),
                ..BriefingDoc::default()
            };
            forms::briefing_pdf(&p.company, &doc)
        }
        EngagementDocument::Application | EngagementDocument::Approval => {
            let mut conn = store.pool().acquire().await?;
            let e = engagement::load(&mut conn, id, Some(today)).await?;
            let doc = application_doc(&e, &p);
            if document == EngagementDocument::Application {
                forms::application_pdf(&p.company, Some(&doc))
            } else {
                forms::approval_pdf(&p.company, Some(&doc))
            }
        }
    }
}

/// The ledger's lines: every engagement not terminated (of one department, or all), a line per
/// person on its roster or one for the engagement alone, by department and number.
pub async fn ledger_rows(
    store: &Store,
    actor: &Actor,
    department: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(Vec<LedgerRow>, String)> {
    actor.require(Permission::ViewContractors)?;
    let department_id = match department.map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(name) => Some(
            sqlx::query_scalar!("SELECT id FROM department WHERE name = ?", name)
                .fetch_optional(store.pool())
                .await?
                .ok_or_else(|| Error::validation("department", format!("部门“{name}”不存在")))?,
        ),
    };
    let rows = sqlx::query!(
        r#"SELECT e.id AS "id!", d.name AS department, e.number, e.category, u.name AS "unit_name?", e.title, e.place,
                  e.start_date AS "start_date: NaiveDate", e.end_date AS "end_date: NaiveDate", e.state, e.deposit_fen,
                  r.name AS "person?", r.trade AS "trade?"
           FROM contractor_engagement e
           JOIN department d ON d.id = e.department_id
           LEFT JOIN contractor_unit u ON u.id = e.unit_id
           LEFT JOIN contractor_roster r ON r.engagement_id = e.id
           WHERE e.state <> 'terminated' AND (?1 IS NULL OR e.department_id = ?1)
           ORDER BY d.sort_order, d.id, e.number, r.id"#,
        department_id
    )
    .fetch_all(store.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    let mut ids = Vec::new();
    let row_ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    for r in rows {
        out.push(LedgerRow {
            department: r.department,
            engagement_number: r.number,
            category_label: super::EngagementCategory::stored(&r.category)?.label().into(),
            unit_name: r.unit_name.unwrap_or_default(),
            project: r.title,
            place: r.place,
            start: r.start_date,
            end: r.end_date,
            state_label: super::EngagementState::stored(&r.state)?.label().into(),
            person_name: r.person.unwrap_or_default(),
            id_number_masked: String::new(),
            trade: r.trade.unwrap_or_default(),
            education: String::new(),
            certificate: String::new(),
            deposit_fen: r.deposit_fen,
            ..LedgerRow::default()
        });
        ids.push(r.id);
    }
    // --- incidents --- the engagement's people figures, on each of its lines.
    ids.dedup();
    let settings = settings::load(store).await?;
    let today = settings.today(now);
    let mut conn = store.pool().acquire().await?;
    let figures = super::people_figures::by_engagement(&mut conn, &ids, today, &settings.safety_rules()).await?;
    for (row, id) in out.iter_mut().zip(&row_ids) {
        if let Some(f) = figures.get(id) {
            row.roster_count = f.roster;
            row.education_complete = f.education_complete;
            row.education_incomplete = f.education_incomplete;
            row.certificates_valid = f.certificates_valid;
            row.certificates_lapsed = f.certificates_lapsed;
            row.entry_checks_month = f.entry_checks_month;
            row.penalty_fen = f.penalty_fen;
            row.deposit_balance_fen = f.deposit_balance_fen;
        }
    }
    let scope = department.map(str::trim).filter(|d| !d.is_empty()).unwrap_or("全部部门").to_owned();
    Ok((out, scope))
}

pub async fn ledger_pdf(store: &Store, actor: &Actor, department: Option<&str>, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let p = printing(store, actor, now).await?;
    let (rows, scope) = ledger_rows(store, actor, department, now).await?;
    forms::ledger_pdf(&p.company, &rows, &scope, &p.printed)
}

/// Writes the ledger as .xlsx to `path`; returns the number of lines.
pub async fn ledger_xlsx(
    store: &Store,
    actor: &Actor,
    department: Option<&str>,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<i64> {
    if path.extension().and_then(|e| e.to_str()).map(|e| e.eq_ignore_ascii_case("xlsx")) != Some(true) {
        return Err(Error::validation("out", "台帐文件名须以 .xlsx 结尾"));
    }
    let (rows, _) = ledger_rows(store, actor, department, now).await?;
    Ok(i64::from(forms::ledger_xlsx(&rows, path)?))
}
