//! The complaint list (filters, search, keyset paging, overdue flags) and each user's "my work".

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::workflow::{Category, Severity, State};
use crate::account::{Actor, Permission};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::search::{self, Term};
use crate::{listing, settings};

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct ComplaintSummary {
    pub id: i64,
    pub number: String,
    #[sqlx(try_from = "String")]
    #[ts(as = "State")]
    pub state: StateKey,
    pub received_at: DateTime<Utc>,
    pub customer_id: i64,
    pub customer_name: String,
    #[sqlx(try_from = "String")]
    #[ts(as = "Category")]
    pub category: CategoryKey,
    #[sqlx(try_from = "String")]
    #[ts(as = "Severity")]
    pub severity: SeverityKey,
    pub description: String,
    pub part_numbers: Option<String>,
    pub defective_quantity: i64,
    /// Open, no customer contact yet, and past the first-contact limit.
    pub contact_overdue: bool,
    /// An improvement action is past its due date and not done.
    pub actions_overdue: bool,
}

/// Stored keys decoded into the enums (sqlx `try_from` needs local types).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct StateKey(pub State);
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct CategoryKey(pub Category);
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct SeverityKey(pub Severity);

impl TryFrom<String> for StateKey {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        State::stored(&s).map(StateKey)
    }
}
impl TryFrom<String> for CategoryKey {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Category::stored(&s).map(CategoryKey)
    }
}
impl TryFrom<String> for SeverityKey {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Severity::stored(&s).map(SeverityKey)
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ComplaintQuery {
    /// Number, customer (name or code), part, order or batch number, contact person: Chinese
    /// substrings of any length, codes and numbers from three characters.
    #[ts(optional)]
    pub text: Option<String>,
    #[ts(optional)]
    pub state: Option<State>,
    /// Only open complaints (not closed or cancelled).
    #[ts(optional)]
    pub open_only: Option<bool>,
    #[ts(optional)]
    pub category: Option<Category>,
    #[ts(optional)]
    pub severity: Option<Severity>,
    /// Complaints with responsibility attributed to this department.
    #[ts(optional)]
    pub department_id: Option<i64>,
    #[ts(optional)]
    pub customer_id: Option<i64>,
    /// Received on or after this local date.
    #[ts(optional)]
    pub from: Option<NaiveDate>,
    /// Received on or before this local date.
    #[ts(optional)]
    pub to: Option<NaiveDate>,
    #[ts(optional)]
    pub overdue: Option<bool>,
    #[ts(optional)]
    pub before_id: Option<i64>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ComplaintPage {
    pub items: Vec<ComplaintSummary>,
    /// Matching complaints, counted up to [`listing::COUNT_CAP`].
    pub total: i64,
    /// More match than `total` says.
    pub total_capped: bool,
    pub next_before_id: Option<i64>,
}

/// Bounds computed once per request: the overdue thresholds and the local-date range in UTC.
struct Bounds {
    contact_deadline: String,
    today: String,
    from: Option<String>,
    to: Option<String>,
}

/// How the search term should drive the query: `scan` walks complaints newest first and tests
/// each against the matches (best when many match and only a page is wanted); otherwise the
/// matches are collected first (best when few match, and for counting).
fn push_filters(qb: &mut QueryBuilder<Sqlite>, q: &ComplaintQuery, term: &Term, b: &Bounds, scan: bool) {
    let plus = if scan { "+" } else { "" };
    qb.push(" WHERE 1 = 1");
    if let Some(state) = q.state {
        qb.push(" AND c.state = ").push_bind(state.key());
    }
    if q.open_only == Some(true) {
        qb.push(" AND c.state NOT IN ('closed', 'cancelled')");
    }
    if let Some(category) = q.category {
        qb.push(" AND c.category = ").push_bind(category.key());
    }
    if let Some(severity) = q.severity {
        qb.push(" AND c.severity = ").push_bind(severity.key());
    }
    if let Some(customer) = q.customer_id {
        qb.push(" AND c.customer_id = ").push_bind(customer);
    }
    if let Some(department) = q.department_id {
        qb.push(" AND c.id IN (SELECT complaint_id FROM complaint_responsibility WHERE department_id = ")
            .push_bind(department)
            .push(")");
    }
    if let Some(from) = &b.from {
        qb.push(" AND c.received_at >= ").push_bind(from.clone());
    }
    if let Some(to) = &b.to {
        qb.push(" AND c.received_at < ").push_bind(to.clone());
    }
    if q.overdue == Some(true) {
        qb.push(" AND (")
            .push(CONTACT_OVERDUE)
            .push_bind(b.contact_deadline.clone())
            .push(") OR ")
            .push(ACTIONS_OVERDUE)
            .push_bind(b.today.clone())
            .push(")))");
    }
    match term {
        Term::Empty => {}
        // The customer's name and code are searched in the customer index, not copied into
        // every complaint's.
        Term::Gram(gram) => {
            qb.push(format!(" AND ({plus}c.id IN (SELECT complaint_id FROM complaint_gram WHERE gram = "))
                .push_bind(gram.clone())
                .push(format!(") OR {plus}c.customer_id IN (SELECT customer_id FROM customer_gram WHERE gram = "))
                .push_bind(gram.clone())
                .push("))");
        }
        Term::Phrase(phrase) => {
            qb.push(format!(" AND ({plus}c.id IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH "))
                .push_bind(phrase.clone())
                .push(format!(") OR {plus}c.customer_id IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH "))
                .push_bind(phrase.clone())
                .push("))");
        }
    }
}

/// Above this many matches, walking newest-first beats collecting and sorting the matches.
const SCAN_ABOVE: i64 = 2_000;

const CONTACT_OVERDUE: &str = "(c.state NOT IN ('closed', 'cancelled')
     AND NOT EXISTS (SELECT 1 FROM complaint_contact k WHERE k.complaint_id = c.id) AND c.received_at < ";
const ACTIONS_OVERDUE: &str =
    "(EXISTS (SELECT 1 FROM complaint_action a WHERE a.complaint_id = c.id AND a.done_date IS NULL AND a.due_date < ";

async fn bounds(store: &Store, q: &ComplaintQuery, now: DateTime<Utc>) -> Result<Bounds> {
    let s = settings::load(store).await?;
    let zone = s.zone();
    let local_midnight = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(zone).earliest())
            .map(|t| db_time(t.with_timezone(&Utc)))
    };
    Ok(Bounds {
        contact_deadline: db_time(now - Duration::hours(s.first_contact_hours)),
        today: now.with_timezone(&zone).date_naive().to_string(),
        from: q.from.and_then(local_midnight),
        to: q.to.and_then(|d| d.succ_opt()).and_then(local_midnight),
    })
}

fn select(b: &Bounds) -> QueryBuilder<Sqlite> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT c.id, c.number, c.state, c.received_at, c.customer_id, cu.name AS customer_name, c.category, c.severity,
                substr(c.description, 1, 60) AS description,
                (SELECT group_concat(part_number, '、') FROM complaint_line l WHERE l.complaint_id = c.id AND part_number <> '') AS part_numbers,
                (SELECT coalesce(sum(defective_quantity), 0) FROM complaint_line l WHERE l.complaint_id = c.id) AS defective_quantity,
                ",
    );
    qb.push(CONTACT_OVERDUE).push_bind(b.contact_deadline.clone()).push(") AS contact_overdue, ");
    qb.push(ACTIONS_OVERDUE).push_bind(b.today.clone()).push(")) AS actions_overdue");
    qb.push(" FROM complaint c JOIN customer cu ON cu.id = c.customer_id");
    qb
}

pub async fn list(store: &Store, actor: &Actor, q: &ComplaintQuery, now: DateTime<Utc>) -> Result<ComplaintPage> {
    actor.require(Permission::ViewComplaints)?;
    let limit = q.limit.unwrap_or(20).clamp(1, 200);
    let term = search::term(q.text.as_deref().unwrap_or_default());
    let b = bounds(store, q, now).await?;

    if let Some(page) = top_down(store, q, &term, &b, limit).await? {
        return Ok(page);
    }

    // Count first (capped): it also tells which plan finds the page fastest.
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM complaint c");
    push_filters(&mut count, q, &term, &b, false);
    count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
    let (total, total_capped) = listing::total(count.build_query_scalar().fetch_one(store.pool()).await?);

    let scan = term != Term::Empty && (total_capped || total > SCAN_ABOVE);
    let mut qb = select(&b);
    push_filters(&mut qb, q, &term, &b, scan);
    if let Some(before) = q.before_id {
        qb.push(" AND c.id < ").push_bind(before);
    }
    qb.push(" ORDER BY c.id DESC LIMIT ").push_bind(limit + 1);
    let mut items: Vec<ComplaintSummary> = qb.build_query_as().fetch_all(store.pool()).await?;

    let next_before_id = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|c| c.id)
    } else {
        None
    };
    Ok(ComplaintPage { items, total, total_capped, next_before_id })
}

/// A code or number typed alone (料号, 订单号, 投诉编号) that matches more complaints than the
/// count is capped at: counting through `IN (matches)` would gather every match first (a part
/// in 10% of a million complaints: 70 ms). Instead the complaint index alone is counted up to
/// the cap, and the page is taken newest-first from the two indexes directly. `None` when this
/// does not apply (other filters, few matches, or a term many customers' names contain).
async fn top_down(
    store: &Store,
    q: &ComplaintQuery,
    term: &Term,
    b: &Bounds,
    limit: i64,
) -> Result<Option<ComplaintPage>> {
    let Term::Phrase(phrase) = term else { return Ok(None) };
    let only_text = q.state.is_none()
        && q.open_only != Some(true)
        && q.category.is_none()
        && q.severity.is_none()
        && q.department_id.is_none()
        && q.customer_id.is_none()
        && q.from.is_none()
        && q.to.is_none()
        && q.overdue != Some(true);
    if !only_text {
        return Ok(None);
    }
    let pool = store.pool();
    let matches: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH ? LIMIT ?)",
    )
    .bind(phrase)
    .bind(listing::COUNT_CAP + 1)
    .fetch_one(pool)
    .await?;
    if matches <= listing::COUNT_CAP {
        return Ok(None);
    }
    const FEW_CUSTOMERS: i64 = 200;
    let customers: i64 =
        sqlx::query_scalar("SELECT count(*) FROM (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?)")
            .bind(phrase)
            .bind(FEW_CUSTOMERS + 1)
            .fetch_one(pool)
            .await?;
    if customers > FEW_CUSTOMERS {
        return Ok(None);
    }
    let before = q.before_id.unwrap_or(i64::MAX);
    let mut qb = select(b);
    qb.push(" WHERE c.id IN (SELECT id FROM (SELECT rowid AS id FROM complaint_fts WHERE complaint_fts MATCH ")
        .push_bind(phrase.clone())
        .push(" AND rowid < ")
        .push_bind(before)
        .push(" ORDER BY rowid DESC LIMIT ")
        .push_bind(limit + 1)
        .push(") UNION ALL SELECT id FROM (SELECT k.id FROM customer_fts f JOIN complaint k ON k.customer_id = f.rowid")
        .push(" WHERE customer_fts MATCH ")
        .push_bind(phrase.clone())
        .push(" AND k.id < ")
        .push_bind(before)
        .push(" ORDER BY k.id DESC LIMIT ")
        .push_bind(limit + 1)
        .push(")) ORDER BY c.id DESC LIMIT ")
        .push_bind(limit + 1);
    let mut items: Vec<ComplaintSummary> = qb.build_query_as().fetch_all(pool).await?;
    let next_before_id = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|c| c.id)
    } else {
        None
    };
    Ok(Some(ComplaintPage { items, total: listing::COUNT_CAP, total_capped: true, next_before_id }))
}

/// What waits for one user: sign-offs for their department, overdue complaints, actions to
/// verify, and the open complaints they registered.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct MyWork {
    pub to_sign: Vec<ComplaintSummary>,
    pub overdue: Vec<ComplaintSummary>,
    pub to_verify: Vec<ComplaintSummary>,
    pub registered_open: Vec<ComplaintSummary>,
    pub first_contact_hours: i64,
}

pub async fn my_work(store: &Store, actor: &Actor, now: DateTime<Utc>) -> Result<MyWork> {
    if !actor.role.can(Permission::ViewComplaints) {
        return Ok(MyWork {
            to_sign: vec![],
            overdue: vec![],
            to_verify: vec![],
            registered_open: vec![],
            first_contact_hours: 0,
        });
    }
    let b = bounds(store, &ComplaintQuery::default(), now).await?;
    let hours = settings::load(store).await?.first_contact_hours;
    let fetch = |filter: &'static str, bind: Option<i64>| {
        let mut qb = select(&b);
        qb.push(" WHERE ").push(filter);
        if let Some(v) = bind {
            qb.push_bind(v).push(")");
        }
        qb.push(" ORDER BY c.id DESC LIMIT 50");
        qb
    };
    let pool = store.pool();
    let to_sign = match (actor.department_id, actor.role.can(Permission::SignComplaints)) {
        (Some(dept), true) => {
            fetch(
                "c.state = 'approval' AND c.id IN (SELECT subject_id FROM approval p
                   WHERE p.subject = 'complaint' AND p.decision IS NULL
                     AND p.round = (SELECT approval_round FROM complaint WHERE id = p.subject_id)
                     AND p.department_id = ",
                Some(dept),
            )
            .build_query_as()
            .fetch_all(pool)
            .await?
        }
        _ => vec![],
    };
    let mut overdue_q = select(&b);
    overdue_q.push(" WHERE (").push(CONTACT_OVERDUE).push_bind(b.contact_deadline.clone()).push(") OR ");
    overdue_q.push(ACTIONS_OVERDUE).push_bind(b.today.clone()).push("))) ORDER BY c.id DESC LIMIT 50");
    let overdue = overdue_q.build_query_as().fetch_all(pool).await?;
    let to_verify = if actor.role.can(Permission::VerifyComplaintActions) {
        fetch(
            "c.state IN ('implementing', 'verifying') AND EXISTS (SELECT 1 FROM complaint_action a
               WHERE a.complaint_id = c.id AND a.done_date IS NOT NULL AND a.effective IS NULL)",
            None,
        )
        .build_query_as()
        .fetch_all(pool)
        .await?
    } else {
        vec![]
    };
    let registered_open = match actor.user_id {
        Some(id) => {
            fetch("c.state NOT IN ('closed', 'cancelled') AND c.registered_by = (", Some(id))
                .build_query_as()
                .fetch_all(pool)
                .await?
        }
        None => vec![],
    };
    Ok(MyWork { to_sign, overdue, to_verify, registered_open, first_contact_hours: hours })
}

/// Keeps the search text and its 1–2 character grams in step with the complaint.
pub(super) async fn index(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    let text = sqlx::query_scalar!(
        r#"SELECT c.number || ' ' || c.contact_name || ' ' ||
                  coalesce((SELECT group_concat(part_number || ' ' || order_number || ' ' || batch, ' ')
                            FROM complaint_line WHERE complaint_id = c.id), '') AS "text!: String"
           FROM complaint c WHERE c.id = ?"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    let text = search::normalise(&text);
    sqlx::query!("UPDATE complaint SET search_text = ? WHERE id = ?", text, id).execute(&mut *conn).await?;
    sqlx::query!("DELETE FROM complaint_gram WHERE complaint_id = ?", id).execute(&mut *conn).await?;
    for gram in search::grams(&text) {
        sqlx::query!("INSERT INTO complaint_gram (gram, complaint_id) VALUES (?, ?)", gram, id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
