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
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::search::{self, Term};
use crate::settings;

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
    /// Newest received first unless another column is chosen.
    #[ts(optional)]
    pub sort: Option<ComplaintSort>,
    /// Smallest first (oldest, 轻微 first, …); largest first when absent.
    #[ts(optional)]
    pub ascending: Option<bool>,
    /// The previous page's `next`.
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// The columns the complaint list sorts by: each is an index walked from one end (see the
/// migration list_order), ties broken by the received time, then the id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ComplaintSort {
    /// 投诉时间
    #[default]
    ReceivedAt,
    /// 程度
    Severity,
    /// 不良数
    DefectiveQuantity,
    /// 状态 (in the workflow's order)
    State,
}

impl ComplaintSort {
    fn order(self, ascending: bool) -> Order {
        let keys: &'static [&'static str] = match self {
            ComplaintSort::ReceivedAt => &["c.received_at"],
            ComplaintSort::Severity => &["c.severity_rank", "c.received_at"],
            ComplaintSort::DefectiveQuantity => &["c.defective_quantity", "c.received_at"],
            ComplaintSort::State => &["c.state_rank", "c.received_at"],
        };
        Order::new(keys, "c.id", !ascending)
    }

    /// The index that walks complaints in this order; `None` for the received order, which every
    /// filter's index also serves.
    fn index(self) -> Option<&'static str> {
        match self {
            ComplaintSort::ReceivedAt => None,
            ComplaintSort::Severity => Some("complaint_severity_received"),
            ComplaintSort::DefectiveQuantity => Some("complaint_defective_received"),
            ComplaintSort::State => Some("complaint_state_received"),
        }
    }

    /// A row's values of this order's keys, id last.
    fn keys(self, c: &ComplaintSummary) -> Vec<Key> {
        let received = Key::Text(db_time(c.received_at));
        match self {
            ComplaintSort::ReceivedAt => vec![received, c.id.into()],
            ComplaintSort::Severity => vec![severity_rank(c.severity.0).into(), received, c.id.into()],
            ComplaintSort::DefectiveQuantity => vec![c.defective_quantity.into(), received, c.id.into()],
            ComplaintSort::State => vec![state_rank(c.state.0).into(), received, c.id.into()],
        }
    }
}

/// The stored `state_rank` (migration list_order): the workflow's order.
pub(crate) fn state_rank(state: State) -> i64 {
    match state {
        State::Registered => 1,
        State::Analysing => 2,
        State::Explained => 3,
        State::Filed => 4,
        State::Approval => 5,
        State::Implementing => 6,
        State::Verifying => 7,
        State::Closed => 8,
        State::Cancelled => 9,
    }
}

/// The stored `severity_rank` (migration list_order): by degree.
pub(crate) fn severity_rank(severity: Severity) -> i64 {
    match severity {
        Severity::Minor => 1,
        Severity::Serious => 2,
        Severity::Major => 3,
    }
}

pub type ComplaintPage = Page<ComplaintSummary>;

/// Bounds computed once per request: the overdue thresholds and the local-date range in UTC.
struct Bounds {
    /// A store clerk sees only the complaints of their own store.
    store_only: Option<i64>,
    contact_deadline: String,
    today: String,
    from: Option<String>,
    to: Option<String>,
}

/// How the search term is tested: `Collect` gathers the matches first (few match, or for
/// counting); `Probe` tests each complaint met while walking the list's order (many match, and
/// only a page is wanted: a page's worth of index probes instead of gathering every match).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Plan {
    Collect,
    Probe,
}

fn push_filters(qb: &mut QueryBuilder<Sqlite>, q: &ComplaintQuery, term: &Term, b: &Bounds, plan: Plan) {
    qb.push(" WHERE 1 = 1");
    if let Some(state) = q.state {
        // The rank is the state (one to one) and leads the index the 状态 order walks.
        qb.push(" AND c.state_rank = ").push_bind(state_rank(state));
    }
    if q.open_only == Some(true) {
        qb.push(" AND c.state NOT IN ('closed', 'cancelled')");
    }
    if let Some(category) = q.category {
        qb.push(" AND c.category = ").push_bind(category.key());
    }
    if let Some(severity) = q.severity {
        qb.push(" AND c.severity_rank = ").push_bind(severity_rank(severity));
    }
    if let Some(customer) = q.customer_id {
        qb.push(" AND c.customer_id = ").push_bind(customer);
    }
    if let Some(own) = b.store_only {
        qb.push(" AND c.store_id = ").push_bind(own);
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
    if *term == Term::Empty {
        return;
    }
    // The customer's name and code are searched in the customer index, not copied into every
    // complaint's.
    qb.push(" AND (");
    match plan {
        Plan::Collect => {
            search::COMPLAINTS.push_match(qb, "c.id", term);
            qb.push(" OR");
            search::CUSTOMERS.push_match(qb, "c.customer_id", term);
        }
        // Only in the page query, which joins the customer as `cu` for a phrase (its text is
        // tested); a gram is probed by the complaint's customer id without reading the customer.
        Plan::Probe => {
            search::COMPLAINTS.push_probe(qb, "c.id", "c.search_text", term);
            qb.push(" OR");
            search::CUSTOMERS.push_probe(qb, "c.customer_id", "cu.search_text", term);
        }
    }
    qb.push(")");
}

/// The store a store clerk is confined to (a clerk without a store sees none).
pub(super) fn store_only(actor: &Actor) -> Option<i64> {
    (actor.role == crate::account::Role::StoreClerk).then_some(actor.store_id.unwrap_or(-1))
}

fn only_text(q: &ComplaintQuery) -> bool {
    q.state.is_none()
        && q.open_only != Some(true)
        && q.category.is_none()
        && q.severity.is_none()
        && q.department_id.is_none()
        && q.customer_id.is_none()
        && q.from.is_none()
        && q.to.is_none()
        && q.overdue != Some(true)
}

const CONTACT_OVERDUE: &str = "(c.state NOT IN ('closed', 'cancelled')
     AND NOT EXISTS (SELECT 1 FROM complaint_contact k WHERE k.complaint_id = c.id) AND c.received_at < ";
// An action of a closed or cancelled complaint is never overdue.
const ACTIONS_OVERDUE: &str = "(c.state NOT IN ('closed', 'cancelled') AND EXISTS (SELECT 1 FROM complaint_action a WHERE a.complaint_id = c.id AND a.done_date IS NULL AND a.due_date < ";

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
        store_only: None,
        from: q.from.and_then(local_midnight),
        to: q.to.and_then(|d| d.succ_opt()).and_then(local_midnight),
    })
}

fn select(b: &Bounds) -> QueryBuilder<Sqlite> {
    let mut qb = QueryBuilder::<Sqlite>::new("");
    push_columns(&mut qb, b);
    // CROSS JOIN keeps the complaints as the outer loop, walked in the list's order: with a plain
    // JOIN and no statistics SQLite 3.51 may start from the customers instead and sort every
    // complaint after a cursor (page 2 of a million complaints took 2 s that way).
    qb.push(" FROM complaint c CROSS JOIN customer cu ON cu.id = c.customer_id");
    qb
}

/// The columns of a list row (`c` the complaint, `cu` its customer).
fn push_columns(qb: &mut QueryBuilder<Sqlite>, b: &Bounds) {
    qb.push(
        "SELECT c.id, c.number, c.state, c.received_at, c.customer_id, cu.name AS customer_name, c.category, c.severity,
                substr(c.description, 1, 60) AS description,
                (SELECT group_concat(part_number, '、') FROM complaint_line l WHERE l.complaint_id = c.id AND part_number <> '') AS part_numbers,
                c.defective_quantity,
                ",
    );
    qb.push(CONTACT_OVERDUE).push_bind(b.contact_deadline.clone()).push(") AS contact_overdue, ");
    qb.push(ACTIONS_OVERDUE).push_bind(b.today.clone()).push(")) AS actions_overdue");
}

/// Above this many matches, walking the sort's index beats gathering and sorting the matches.
const SCAN_ABOVE: i64 = 2_000;

pub async fn list(store: &Store, actor: &Actor, q: &ComplaintQuery, now: DateTime<Utc>) -> Result<ComplaintPage> {
    actor.require(Permission::ViewComplaints)?;
    let limit = listing::limit(q.limit, 20, 200);
    let term = search::term(q.text.as_deref().unwrap_or_default());
    let mut b = bounds(store, q, now).await?;
    b.store_only = store_only(actor);
    let sort = q.sort.unwrap_or_default();
    let order = sort.order(q.ascending == Some(true));
    let mut conn = store.pool().acquire().await?;

    let counted = match (&term, only_text(q) && b.store_only.is_none()) {
        (Term::Empty, _) | (_, false) => {
            let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM complaint c");
            push_filters(&mut count, q, &term, &b, Plan::Collect);
            count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
            count.build_query_scalar().fetch_one(&mut *conn).await?
        }
        (_, true) => count_text(&mut conn, &term).await?,
    };

    // Walking the order and probing beats gathering the matches when the walk to a page's worth
    // of matches is shorter than the list of matches: about limit × complaints / matches rows
    // walked against `matches` rows gathered and sorted.
    let plan = if term == Term::Empty {
        Plan::Collect
    } else {
        let complaints: i64 =
            sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM complaint").fetch_one(&mut *conn).await?;
        let matches = counted.max(1);
        if matches * matches > (limit + 1) * complaints { Plan::Probe } else { Plan::Collect }
    };
    // The page's ids first, from the complaint table and its indexes alone; then the columns
    // shown (with their subqueries) for those rows only. Selecting the columns in the same query
    // lets SQLite compute them for every candidate row before a sort (a filtered sort by 不良数
    // took 25 s at a million complaints that way).
    let mut qb = QueryBuilder::<Sqlite>::new("");
    push_columns(&mut qb, &b);
    qb.push(" FROM (SELECT c.id AS page_id FROM complaint c");
    // Sorted by another column than the received time, a filter that many complaints pass is
    // best served by walking the sort's index and testing each complaint met (a page's worth of
    // rows); without statistics SQLite would gather every match through the filter's index and
    // sort them (a 不良数 sort of the quality complaints took 4-8 s at a million complaints). Few
    // matches are gathered and sorted, as the planner chooses.
    if let Some(index) = sort.index().filter(|_| counted > SCAN_ABOVE) {
        qb.push(" INDEXED BY ").push(index);
    }
    if plan == Plan::Probe && matches!(term, Term::Phrase(_)) {
        // The probe tests each complaint met against its customer's name too.
        qb.push(" CROSS JOIN customer cu ON cu.id = c.customer_id");
    }
    push_filters(&mut qb, q, &term, &b, plan);
    order.push_after(&mut qb, q.after.as_ref())?;
    order.push_order_limit(&mut qb, limit);
    qb.push(") p CROSS JOIN complaint c ON c.id = p.page_id CROSS JOIN customer cu ON cu.id = c.customer_id ORDER BY");
    order.push_terms(&mut qb);
    let rows: Vec<ComplaintSummary> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(order.page(rows, limit, counted, |c| sort.keys(c)))
}

/// The capped count of a search with no other filter, from the two indexes' ranges: the
/// complaints whose own text matches, and the complaints of the customers whose name or code
/// does. Either alone past the cap settles it; otherwise (at most twice the cap rows) their
/// union is counted. Gathering every match through `IN (…)` instead would cost a 2-character
/// term in many customers' names ~10 ms at a million complaints.
async fn count_text(conn: &mut SqliteConnection, term: &Term) -> Result<i64> {
    let cap = listing::COUNT_CAP;
    let own = search::COMPLAINTS.count_matches(conn, term, cap).await?;
    if own > cap {
        return Ok(own);
    }
    // From the matching customers to their complaints, stopping at the cap (`IN (…)` would
    // gather every matching customer first).
    let mut customers = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM (");
    search::CUSTOMERS.push_matches_source(&mut customers, term);
    customers.push(") m JOIN complaint c ON c.customer_id = m.id LIMIT ").push_bind(cap + 1).push(")");
    let theirs: i64 = customers.build_query_scalar().fetch_one(&mut *conn).await?;
    if theirs > cap || theirs == 0 || own == 0 {
        return Ok(own + theirs);
    }
    let mut union = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT c.id FROM complaint c WHERE");
    search::COMPLAINTS.push_match(&mut union, "c.id", term);
    union.push(" UNION SELECT c.id FROM complaint c WHERE");
    search::CUSTOMERS.push_match(&mut union, "c.customer_id", term);
    union.push(")");
    Ok(union.build_query_scalar().fetch_one(&mut *conn).await?)
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
        qb.push(" ORDER BY c.received_at DESC, c.id DESC LIMIT 50");
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
    // Overdue: the open complaints not yet contacted past the deadline, and those with an open
    // action past its due date — each from its own small index, the newest 50 of each, merged.
    let mut overdue_q = QueryBuilder::<Sqlite>::new("");
    push_columns(&mut overdue_q, &b);
    overdue_q
        .push(
            " FROM (SELECT id FROM (SELECT id FROM complaint INDEXED BY complaint_uncontacted_open
                     WHERE first_contact_at IS NULL AND state NOT IN ('closed', 'cancelled') AND received_at < ",
        )
        .push_bind(b.contact_deadline.clone())
        .push(
            " ORDER BY received_at DESC LIMIT 50)
                   UNION SELECT id FROM (SELECT c.id FROM (SELECT DISTINCT complaint_id FROM complaint_action
                       WHERE done_date IS NULL AND due_date < ",
        )
        .push_bind(b.today.clone())
        .push(
            ") a CROSS JOIN complaint c ON c.id = a.complaint_id
                     WHERE c.state NOT IN ('closed', 'cancelled') ORDER BY c.received_at DESC LIMIT 50)) p
             CROSS JOIN complaint c ON c.id = p.id CROSS JOIN customer cu ON cu.id = c.customer_id
             ORDER BY c.received_at DESC, c.id DESC LIMIT 50",
        );
    let overdue = overdue_q.build_query_as().fetch_all(pool).await?;
    // 待验证: from the actions done and not yet verified (a small partial index), on every path
    // an action can be verified on.
    let to_verify = if actor.role.can(Permission::VerifyComplaintActions) {
        let mut qb = QueryBuilder::<Sqlite>::new("");
        push_columns(&mut qb, &b);
        qb.push(
            " FROM (SELECT DISTINCT complaint_id FROM complaint_action INDEXED BY complaint_action_unverified
                    WHERE done_date IS NOT NULL AND effective IS NULL) a
              CROSS JOIN complaint c ON c.id = a.complaint_id CROSS JOIN customer cu ON cu.id = c.customer_id
              WHERE c.state NOT IN ('registered', 'closed', 'cancelled')
              ORDER BY c.received_at DESC, c.id DESC LIMIT 50",
        );
        qb.build_query_as().fetch_all(pool).await?
    } else {
        vec![]
    };
    // The open complaints the user registered: from their own small index (walking the open
    // complaints by date for theirs took 1.7 s at a million complaints in the load test).
    let registered_open = match actor.user_id {
        Some(id) => {
            let mut qb = QueryBuilder::<Sqlite>::new("");
            push_columns(&mut qb, &b);
            qb.push(
                " FROM (SELECT id FROM complaint INDEXED BY complaint_registered_open
                        WHERE state NOT IN ('closed', 'cancelled') AND registered_by = ",
            )
            .push_bind(id)
            .push(
                " ORDER BY received_at DESC, id DESC LIMIT 50) p
                  CROSS JOIN complaint c ON c.id = p.id CROSS JOIN customer cu ON cu.id = c.customer_id
                  ORDER BY c.received_at DESC, c.id DESC",
            );
            qb.build_query_as().fetch_all(pool).await?
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
    search::COMPLAINTS.write(conn, id, &text).await
}
