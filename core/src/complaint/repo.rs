//! Storage of complaints and their child records.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::model::*;
use super::workflow::{self, Category, Facts, Severity, State};
use crate::approval::{self, Tally};
use crate::attachment;
use crate::audit::Entity;
use crate::clock::db_time;
use crate::error::{Error, Result};
use crate::write::one_row;

fn corrupt(what: &str, value: &str) -> Error {
    Error::Corrupt(format!("complaint {what}: {value}"))
}

pub(super) async fn insert(
    conn: &mut SqliteConnection,
    number: &str,
    r: &Registration,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (at, received) = (db_time(now), db_time(r.received_at));
    let (state, channel, category, severity) =
        (State::Registered.key(), r.channel.key(), r.category.key(), r.severity.key());
    let id = sqlx::query_scalar!(
        r#"INSERT INTO complaint (number, state, received_at, channel, customer_id, contact_name, contact_phone, store_id,
                                  category, severity, description, customer_demand, samples, reply_by, registered_by,
                                  created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        number,
        state,
        received,
        channel,
        r.customer_id,
        r.contact_name,
        r.contact_phone,
        r.store_id,
        category,
        severity,
        r.description,
        r.customer_demand,
        r.samples,
        r.reply_by,
        by,
        at,
        at
    )
    .fetch_one(&mut *conn)
    .await?;
    write_lines(conn, id, &r.lines).await?;
    Ok(id)
}

pub(super) async fn update_registration(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    r: &Registration,
    now: DateTime<Utc>,
) -> Result<()> {
    let (at, received) = (db_time(now), db_time(r.received_at));
    let (channel, category, severity) = (r.channel.key(), r.category.key(), r.severity.key());
    let changed = sqlx::query!(
        "UPDATE complaint SET received_at = ?, channel = ?, customer_id = ?, contact_name = ?, contact_phone = ?, store_id = ?,
                category = ?, severity = ?, description = ?, customer_demand = ?, samples = ?, reply_by = ?, updated_at = ?,
                version = version + 1
         WHERE id = ? AND version = ?",
        received,
        channel,
        r.customer_id,
        r.contact_name,
        r.contact_phone,
        r.store_id,
        category,
        severity,
        r.description,
        r.customer_demand,
        r.samples,
        r.reply_by,
        at,
        id,
        version
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    one_row::<Complaint>(changed)?;
    sqlx::query!("DELETE FROM complaint_line WHERE complaint_id = ?", id).execute(&mut *conn).await?;
    write_lines(conn, id, &r.lines).await
}

async fn write_lines(conn: &mut SqliteConnection, id: i64, lines: &[ProductLine]) -> Result<()> {
    for (i, l) in lines.iter().enumerate() {
        let order = i as i64;
        sqlx::query!(
            "INSERT INTO complaint_line (complaint_id, order_number, part_number, batch, ship_date, quantity, defective_quantity,
                                         product_name, specification, sort_order)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            id,
            l.order_number,
            l.part_number,
            l.batch,
            l.ship_date,
            l.quantity,
            l.defective_quantity,
            l.product_name,
            l.specification,
            order
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(super) async fn save_analysis(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    a: &Analysis,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE complaint SET cause_analysis = ?, production_unit = ?, production_staff = ?, production_date = ?, our_fault = ?,
                appraisal_result = ?, appraisal_basis = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        a.cause_analysis,
        a.production_unit,
        a.production_staff,
        a.production_date,
        a.our_fault,
        a.appraisal_result,
        a.appraisal_basis,
        at,
        id,
        version
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    one_row::<Complaint>(changed)?;
    sqlx::query!("DELETE FROM complaint_responsibility WHERE complaint_id = ?", id).execute(&mut *conn).await?;
    for s in &a.responsibilities {
        sqlx::query!(
            "INSERT INTO complaint_responsibility (complaint_id, department_id, party, share_percent) VALUES (?, ?, ?, ?)",
            id,
            s.department_id,
            s.party,
            s.share_percent
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The cause code and the inspections, saved with the analysis (in its transaction and version).
pub(super) async fn save_details(conn: &mut SqliteConnection, id: i64, d: &AnalysisDetails) -> Result<()> {
    sqlx::query!("UPDATE complaint SET cause_code = ? WHERE id = ?", d.cause_code, id).execute(&mut *conn).await?;
    sqlx::query!("DELETE FROM complaint_inspection WHERE complaint_id = ?", id).execute(&mut *conn).await?;
    for (i, x) in d.inspections.iter().enumerate() {
        let order = i as i64;
        sqlx::query!(
            "INSERT INTO complaint_inspection (complaint_id, department_id, person, inspected_on, sort_order)
             VALUES (?, ?, ?, ?, ?)",
            id,
            x.department_id,
            x.person,
            x.inspected_on,
            order
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(super) async fn save_remedy(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    p: &RemedyPlan,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let remedy = p.remedy.map(Remedy::key);
    let departments = serde_json::to_string(&p.approval_department_ids).map_err(|e| Error::Internal(e.to_string()))?;
    let changed = sqlx::query!(
        "UPDATE complaint SET remedy = ?, remedy_detail = ?, claimed_fen = ?, agreed_fen = ?, approval_departments = ?,
                updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        remedy,
        p.remedy_detail,
        p.claimed_fen,
        p.agreed_fen,
        departments,
        at,
        id,
        version
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    one_row::<Complaint>(changed)
}

/// Which department's product measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MeasuresOf {
    Production,
    Technical,
}

pub(super) async fn save_measures(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    of: MeasuresOf,
    text: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let changed = match of {
        MeasuresOf::Production => sqlx::query!(
            "UPDATE complaint SET production_measures = ?, production_measures_by = ?, updated_at = ?, version = version + 1
             WHERE id = ? AND version = ?",
            text,
            by,
            at,
            id,
            version
        )
        .execute(conn)
        .await?
        .rows_affected(),
        MeasuresOf::Technical => sqlx::query!(
            "UPDATE complaint SET technical_measures = ?, technical_measures_by = ?, updated_at = ?, version = version + 1
             WHERE id = ? AND version = ?",
            text,
            by,
            at,
            id,
            version
        )
        .execute(conn)
        .await?
        .rows_affected(),
    };
    one_row::<Complaint>(changed)
}

/// Records who agreed the remedy for 售后服务部 (`business` false) or 业务部; `None` clears both
/// (the remedy changed and must be agreed again).
pub(super) async fn agree_remedy(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    business: Option<bool>,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let changed = match business {
        Some(false) => sqlx::query!(
            "UPDATE complaint SET remedy_agreed_after_sales = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
            by,
            at,
            id,
            version
        )
        .execute(conn)
        .await?
        .rows_affected(),
        Some(true) => sqlx::query!(
            "UPDATE complaint SET remedy_agreed_business = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
            by,
            at,
            id,
            version
        )
        .execute(conn)
        .await?
        .rows_affected(),
        None => sqlx::query!(
            "UPDATE complaint SET remedy_agreed_after_sales = '', remedy_agreed_business = '' WHERE id = ?",
            id
        )
        .execute(conn)
        .await?
        .rows_affected(),
    };
    one_row::<Complaint>(changed)
}

pub(super) async fn save_customer_agreement(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    a: &CustomerAgreement,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE complaint SET customer_agreed_on = ?, customer_agreed_contact = ?, customer_agreed_summary = ?,
                updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        a.agreed_on,
        a.contact,
        a.summary,
        at,
        id,
        version
    )
    .execute(conn)
    .await?
    .rows_affected();
    one_row::<Complaint>(changed)
}

pub(super) async fn save_feedback(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    feedback: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE complaint SET customer_feedback = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
        feedback,
        at,
        id,
        version
    )
    .execute(conn)
    .await?
    .rows_affected();
    one_row::<Complaint>(changed)
}

pub(super) async fn set_state(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    state: State,
    reason: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let key = state.key();
    let closed_at = (state == State::Closed).then(|| at.clone());
    let closed_by = if state == State::Closed { by } else { "" };
    let changed = sqlx::query!(
        "UPDATE complaint SET state = ?, state_reason = ?, closed_at = ?, closed_by = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        key,
        reason,
        closed_at,
        closed_by,
        at,
        id,
        version
    )
    .execute(conn)
    .await?
    .rows_affected();
    one_row::<Complaint>(changed)
}

/// Opens a new sign-off round with one unsigned row per place; the round's number.
pub(super) async fn open_approval_round(
    conn: &mut SqliteConnection,
    id: i64,
    places: &[approval::Place],
) -> Result<i64> {
    let round = sqlx::query_scalar!(
        r#"UPDATE complaint SET approval_round = approval_round + 1 WHERE id = ? RETURNING approval_round AS "round!""#,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    approval::open_round(conn, Entity::Complaint, id, round, places).await?;
    Ok(round)
}

pub(super) async fn add_contact(
    conn: &mut SqliteConnection,
    id: i64,
    c: &ContactInput,
    staff: (Option<i64>, &str),
    now: DateTime<Utc>,
) -> Result<i64> {
    let (at, contacted) = (db_time(now), db_time(c.contacted_at));
    let method = c.method.key();
    Ok(sqlx::query_scalar!(
        r#"INSERT INTO complaint_contact (complaint_id, contacted_at, method, staff_name, customer_person, summary, recorded_by, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        id,
        contacted,
        method,
        staff.1,
        c.customer_person,
        c.summary,
        staff.0,
        at
    )
    .fetch_one(conn)
    .await?)
}

pub(super) async fn save_action(
    conn: &mut SqliteConnection,
    id: i64,
    action_id: Option<i64>,
    a: &ActionInput,
) -> Result<i64> {
    let kind = a.kind.key();
    match action_id {
        None => Ok(sqlx::query_scalar!(
            r#"INSERT INTO complaint_action (complaint_id, kind, description, owner_department_id, owner_user_id, owner,
                                             due_date, done_date, follows_action_id, sort_order)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT count(*) FROM complaint_action WHERE complaint_id = ?))
               RETURNING id AS "id!""#,
            id,
            kind,
            a.description,
            a.owner_department_id,
            a.owner_user_id,
            a.owner,
            a.due_date,
            a.done_date,
            a.follows_action_id,
            id
        )
        .fetch_one(conn)
        .await?),
        Some(action_id) => {
            let changed = sqlx::query!(
                // An edited action is a different action: its verification no longer holds.
                "UPDATE complaint_action SET kind = ?, description = ?, owner_department_id = ?, owner_user_id = ?, owner = ?,
                        due_date = ?, done_date = ?, follows_action_id = ?,
                        effective = NULL, verified_by = '', verified_by_id = NULL, verified_at = NULL
                 WHERE id = ? AND complaint_id = ?",
                kind,
                a.description,
                a.owner_department_id,
                a.owner_user_id,
                a.owner,
                a.due_date,
                a.done_date,
                a.follows_action_id,
                action_id,
                id
            )
            .execute(conn)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(Error::NotFound("改善措施"));
            }
            Ok(action_id)
        }
    }
}

pub(super) async fn decide_corrective(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    needed: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE complaint SET corrective_needed = ?, no_corrective_reason = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        needed,
        reason,
        at,
        id,
        version
    )
    .execute(conn)
    .await?
    .rows_affected();
    one_row::<Complaint>(changed)
}

pub(super) async fn verify_action(
    conn: &mut SqliteConnection,
    id: i64,
    action_id: i64,
    effective: bool,
    verifier: (Option<i64>, &str),
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let done: Option<Option<NaiveDate>> = sqlx::query_scalar!(
        r#"SELECT done_date AS "done_date: NaiveDate" FROM complaint_action WHERE id = ? AND complaint_id = ?"#,
        action_id,
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    match done {
        None => return Err(Error::NotFound("改善措施")),
        Some(None) => return Err(Error::validation("done_date", "措施尚未完成,不能验证效果")),
        Some(Some(_)) => {}
    }
    sqlx::query!(
        "UPDATE complaint_action SET effective = ?, verified_by_id = ?, verified_by = ?, verified_at = ? WHERE id = ?",
        effective,
        verifier.0,
        verifier.1,
        at,
        action_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The whole complaint, with what the workflow allows next.
pub(super) async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Complaint> {
    let r = sqlx::query!(
        r#"SELECT c.id AS "id!", c.number, c.state, c.received_at AS "received_at: DateTime<Utc>", c.channel, c.customer_id,
                  cu.code AS customer_code, cu.name AS customer_name, c.contact_name, c.contact_phone, c.store_id,
                  s.name AS "store_name?", c.category, c.severity, c.description, c.customer_demand, c.cause_analysis,
                  c.cause_code, c.production_unit, c.production_staff, c.production_date AS "production_date: NaiveDate",
                  c.our_fault AS "our_fault: bool", c.appraisal_result, c.appraisal_basis, c.remedy, c.remedy_detail,
                  c.claimed_fen, c.agreed_fen, c.production_measures, c.production_measures_by,
                  c.technical_measures, c.technical_measures_by, c.remedy_agreed_after_sales, c.remedy_agreed_business,
                  c.customer_agreed_on AS "customer_agreed_on: NaiveDate", c.customer_agreed_contact, c.customer_agreed_summary,
                  c.approval_round, c.approval_departments, c.customer_feedback, c.state_reason,
                  c.registered_by, coalesce(ru.display_name, '') AS "registered_by_name!: String",
                  c.closed_at AS "closed_at: DateTime<Utc>", c.closed_by, c.samples,
                  c.reply_by AS "reply_by: NaiveDate", c.corrective_needed AS "corrective_needed: bool", c.no_corrective_reason,
                  c.imported_from, c.import_note, c.created_at AS "created_at: DateTime<Utc>",
                  c.updated_at AS "updated_at: DateTime<Utc>", c.version
           FROM complaint c
           JOIN customer cu ON cu.id = c.customer_id
           LEFT JOIN store s ON s.id = c.store_id
           LEFT JOIN app_user ru ON ru.id = c.registered_by
           WHERE c.id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("投诉"))?;

    let lines = sqlx::query!(
        r#"SELECT order_number, part_number, batch, ship_date AS "ship_date: NaiveDate", quantity, defective_quantity,
                  product_name, specification
           FROM complaint_line WHERE complaint_id = ? ORDER BY sort_order"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|l| ProductLine {
        order_number: l.order_number,
        part_number: l.part_number,
        batch: l.batch,
        ship_date: l.ship_date,
        quantity: l.quantity,
        defective_quantity: l.defective_quantity,
        product_name: l.product_name,
        specification: l.specification,
    })
    .collect::<Vec<_>>();

    let responsibility = sqlx::query!(
        r#"SELECT r.department_id, d.name AS "department_name?", r.party, r.share_percent
           FROM complaint_responsibility r LEFT JOIN department d ON d.id = r.department_id
           WHERE r.complaint_id = ? ORDER BY r.id"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|s| ShareView {
        department_id: s.department_id,
        department_name: s.department_name,
        party: s.party,
        share_percent: s.share_percent,
    })
    .collect::<Vec<_>>();

    let approvals = approval::of(&mut *conn, Entity::Complaint, id).await?;

    let inspections = sqlx::query!(
        r#"SELECT x.department_id, d.name AS department_name, x.person, x.inspected_on AS "inspected_on: NaiveDate"
           FROM complaint_inspection x JOIN department d ON d.id = x.department_id
           WHERE x.complaint_id = ? ORDER BY x.sort_order, x.id"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|x| InspectionView {
        department_id: x.department_id,
        department_name: x.department_name,
        person: x.person,
        inspected_on: x.inspected_on,
    })
    .collect();

    let contacts = sqlx::query!(
        r#"SELECT id AS "id!", contacted_at AS "contacted_at: DateTime<Utc>", method, staff_name, customer_person, summary
           FROM complaint_contact WHERE complaint_id = ? ORDER BY contacted_at, id"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|c| {
        Ok(ContactEntry {
            id: c.id,
            contacted_at: c.contacted_at,
            method: ContactMethod::stored(&c.method)?,
            staff_name: c.staff_name,
            customer_person: c.customer_person,
            summary: c.summary,
        })
    })
    .collect::<Result<Vec<_>>>()?;

    let actions = sqlx::query!(
        r#"SELECT a.id AS "id!", a.kind, a.description, a.owner_department_id, d.name AS "owner_department_name?",
                  a.owner_user_id, a.owner, a.due_date AS "due_date: NaiveDate", a.done_date AS "done_date: NaiveDate",
                  a.effective AS "effective: bool", a.verified_by, a.verified_at AS "verified_at: DateTime<Utc>",
                  a.follows_action_id,
                  EXISTS (SELECT 1 FROM complaint_action f WHERE f.follows_action_id = a.id) AS "followed_up!: bool"
           FROM complaint_action a LEFT JOIN department d ON d.id = a.owner_department_id
           WHERE a.complaint_id = ? ORDER BY a.sort_order, a.id"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|a| {
        Ok(Action {
            id: a.id,
            kind: ActionKind::stored(&a.kind)?,
            description: a.description,
            owner_department_id: a.owner_department_id,
            owner_department_name: a.owner_department_name,
            owner_user_id: a.owner_user_id,
            owner: a.owner,
            due_date: a.due_date,
            done_date: a.done_date,
            effective: a.effective,
            verified_by: a.verified_by,
            verified_at: a.verified_at,
            follows_action_id: a.follows_action_id,
            followed_up: a.followed_up,
        })
    })
    .collect::<Result<Vec<_>>>()?;

    let (state, category, severity) =
        (State::stored(&r.state)?, Category::stored(&r.category)?, Severity::stored(&r.severity)?);
    let approval_department_ids: Vec<i64> = serde_json::from_str(&r.approval_departments)
        .map_err(|_| corrupt("approval departments", &r.approval_departments))?;
    let hours_to_first_contact =
        contacts.first().map(|c| ((c.contacted_at - r.received_at).num_minutes() as f64 / 60.0 * 10.0).round() / 10.0);

    let attachments = attachment::of_owner(conn, attachment::OwnerKind::Complaint, id).await?;

    let mut complaint = Complaint {
        attachments,
        id: r.id,
        number: r.number,
        state,
        registration: Registration {
            received_at: r.received_at,
            channel: Channel::stored(&r.channel)?,
            customer_id: r.customer_id,
            contact_name: r.contact_name,
            contact_phone: r.contact_phone,
            store_id: r.store_id,
            category,
            severity,
            description: r.description,
            customer_demand: r.customer_demand,
            lines,
            samples: r.samples,
            reply_by: r.reply_by,
        },
        customer_code: r.customer_code,
        customer_name: r.customer_name,
        store_name: r.store_name,
        analysis: Analysis {
            cause_analysis: r.cause_analysis,
            production_unit: r.production_unit,
            production_staff: r.production_staff,
            production_date: r.production_date,
            our_fault: r.our_fault,
            appraisal_result: r.appraisal_result,
            appraisal_basis: r.appraisal_basis,
            responsibilities: responsibility
                .iter()
                .map(|s| Share {
                    department_id: s.department_id,
                    party: s.party.clone(),
                    share_percent: s.share_percent,
                })
                .collect(),
        },
        cause_code: r.cause_code,
        inspections,
        responsibility,
        remedy: RemedyPlan {
            remedy: r.remedy.as_deref().map(Remedy::stored).transpose()?,
            remedy_detail: r.remedy_detail,
            claimed_fen: r.claimed_fen,
            agreed_fen: r.agreed_fen,
            approval_department_ids,
        },
        negotiation: Negotiation {
            production_measures: r.production_measures,
            production_measures_by: r.production_measures_by,
            technical_measures: r.technical_measures,
            technical_measures_by: r.technical_measures_by,
            after_sales_agreed_by: r.remedy_agreed_after_sales,
            business_agreed_by: r.remedy_agreed_business,
            customer_agreement: r.customer_agreed_on.map(|agreed_on| CustomerAgreement {
                agreed_on,
                contact: r.customer_agreed_contact,
                summary: r.customer_agreed_summary,
            }),
        },
        approval_round: r.approval_round,
        approvals,
        contacts,
        actions,
        customer_feedback: r.customer_feedback,
        state_reason: r.state_reason,
        hours_to_first_contact,
        available: vec![],
        registered_by: r.registered_by,
        registered_by_name: r.registered_by_name,
        closed_at: r.closed_at,
        closed_by: r.closed_by,
        corrective_needed: r.corrective_needed,
        no_corrective_reason: r.no_corrective_reason,
        imported_from: r.imported_from,
        import_note: r.import_note,
        created_at: r.created_at,
        updated_at: r.updated_at,
        version: r.version,
    };
    complaint.available = workflow::available(&facts(&complaint, false));
    Ok(complaint)
}

/// The facts the workflow decides on, re-derived from a loaded complaint.
pub(super) fn facts(c: &Complaint, has_reason: bool) -> Facts {
    let tally = Tally::of(&c.approvals, c.approval_round);
    Facts {
        state: Some(c.state),
        category: Some(c.registration.category),
        severity: Some(c.registration.severity),
        lines: c.registration.lines.len(),
        lines_complete: c.registration.lines.iter().all(|l| {
            !l.order_number.is_empty()
                && !l.part_number.is_empty()
                && l.ship_date.is_some()
                && l.quantity > 0
                && l.defective_quantity > 0
        }),
        has_customer_demand: !c.registration.customer_demand.is_empty(),
        has_cause_analysis: !c.analysis.cause_analysis.is_empty() && !c.cause_code.is_empty(),
        our_fault: c.analysis.our_fault,
        has_appraisal: !c.analysis.appraisal_result.is_empty() && !c.analysis.appraisal_basis.is_empty(),
        responsibility_total: c.responsibility.iter().map(|s| s.share_percent).sum(),
        has_remedy: c.remedy.remedy.is_some(),
        has_production_measures: !c.negotiation.production_measures.is_empty(),
        has_technical_measures: !c.negotiation.technical_measures.is_empty(),
        remedy_agreed: !c.negotiation.after_sales_agreed_by.is_empty() && !c.negotiation.business_agreed_by.is_empty(),
        has_customer_agreement: c.negotiation.customer_agreement.is_some(),
        approvals_required: if c.state == State::Approval {
            tally.required
        } else {
            c.remedy.approval_department_ids.len()
        },
        approvals_given: tally.approved,
        approvals_rejected: tally.rejected,
        actions: c.actions.len(),
        actions_open: c.actions.iter().filter(|a| a.done_date.is_none()).count(),
        actions_unverified: c.actions.iter().filter(|a| a.done_date.is_some() && a.effective.is_none()).count(),
        actions_ineffective: c.actions.iter().filter(|a| a.effective == Some(false) && !a.followed_up).count(),
        corrective_needed: c.corrective_needed,
        has_no_corrective_reason: !c.no_corrective_reason.is_empty(),
        contacts: c.contacts.len(),
        has_customer_feedback: !c.customer_feedback.is_empty(),
        has_reason,
    }
}
