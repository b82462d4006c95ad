//! Large service data sets for benchmarks: feedback with its routes, visits with their
//! actions, store returns with lines and their approval row, spread over two years before
//! `now`. Written directly in batched transactions, like `crate::generate`, with the numbering
//! sequences moved past what was written.

use chrono::{DateTime, Datelike, Duration, Utc};
use serde::Serialize;

use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const CONTENT: [&str; 6] = [
    "建议说明书增加润滑油更换周期图示",
    "询问减速机备件供货周期",
    "表扬售后工程师上门及时",
    "反映新到联轴器尺寸偏大",
    "建议门店增加易损件现货",
    "咨询设备保养培训安排",
];
const PARTS: [&str; 5] = ["JSJ-200-A", "JSJ-300-B", "ZC-6205", "DJ-Y2-132", "LJ-M16"];

#[derive(Debug, Clone, Serialize)]
pub struct ServiceGenerateReport {
    pub feedback: i64,
    pub visits: i64,
    pub returns: i64,
    pub seconds: f64,
}

const BATCH: usize = 5_000;

/// Adds `feedback` feedback items, `visits` visits and `returns` store returns to an
/// initialised store that has customers and stores.
pub async fn generate(
    store: &Store,
    feedback: usize,
    visits: usize,
    returns: usize,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<ServiceGenerateReport> {
    let started = std::time::Instant::now();
    let pool = store.pool();
    let (first_customer, last_customer): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT min(id), max(id) FROM customer").fetch_one(pool).await?;
    let (Some(first_customer), Some(last_customer)) = (first_customer, last_customer) else {
        return Err(Error::validation("customers", "请先生成或导入客户"));
    };
    let stores: Vec<i64> = sqlx::query_scalar("SELECT id FROM store ORDER BY id").fetch_all(pool).await?;
    if stores.is_empty() && returns > 0 {
        return Err(Error::validation("stores", "请先建立直销店"));
    }
    let departments: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM department WHERE active = 1 ORDER BY id").fetch_all(pool).await?;
    let after_sales: i64 =
        sqlx::query_scalar("SELECT id FROM department WHERE duty = 'after_sales' ORDER BY id LIMIT 1")
            .fetch_optional(pool)
            .await?
            .unwrap_or(departments[0]);
    let mut rng = Rng(seed.max(1));
    let span = (last_customer - first_customer + 1) as u64;
    let two_years = 2 * 365 * 24 * 3600;
    let at = db_time(now);
    // Times in increasing order, so numbers follow the time as the use-cases give them.
    let times = |n: usize, rng: &mut Rng| {
        let mut t: Vec<i64> = (0..n).map(|_| rng.below(two_years) as i64).collect();
        t.sort_unstable_by(|a, b| b.cmp(a));
        t.into_iter().map(|s| now - Duration::seconds(s)).collect::<Vec<_>>()
    };
    let mut year_counts: std::collections::HashMap<(&str, i32), i64> = Default::default();
    let mut number = |scope: &'static str, prefix: &str, when: DateTime<Utc>| {
        let year = when.year();
        let n = year_counts.entry((scope, year)).or_insert(0);
        *n += 1;
        (format!("{prefix}-{year}-G{:06}", *n), year)
    };

    // ---- feedback
    let states = ["unassigned", "in_progress", "answered", "closed", "closed", "closed"];
    let kinds = ["inquiry", "suggestion", "praise", "complaint_lead"];
    let channels = ["hotline", "website", "email", "store", "visit", "other"];
    let when = times(feedback, &mut rng);
    for chunk in when.chunks(BATCH) {
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        for t in chunk {
            let state = rng.pick(&states);
            let customer = (rng.below(10) < 7).then(|| first_customer + rng.below(span) as i64);
            let (num, _) = number("feedback", "YJ", *t);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO feedback (number, received_at, channel, kind, content, customer_id, state, adopted, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(&num)
            .bind(db_time(*t))
            .bind(rng.pick(&channels))
            .bind(rng.pick(&kinds))
            .bind(rng.pick(&CONTENT))
            .bind(customer)
            .bind(state)
            .bind(rng.below(10) == 0)
            .bind(&at)
            .bind(&at)
            .fetch_one(&mut *tx)
            .await?;
            if state != "unassigned" {
                let routes = 1 + rng.below(2) as usize;
                for k in 0..routes {
                    let department =
                        departments[(rng.below(departments.len() as u64) as usize + k) % departments.len()];
                    let due = (*t + Duration::days(5)).date_naive();
                    let answered = state != "in_progress" || k > 0;
                    sqlx::query(
                        "INSERT OR IGNORE INTO feedback_route (feedback_id, department_id, due_date, answer, answerer_name, answered_at)
                         VALUES (?, ?, ?, ?, ?, ?)",
                    )
                    .bind(id)
                    .bind(department)
                    .bind(due)
                    .bind(if answered { "已处理" } else { "" })
                    .bind(if answered { "生成数据" } else { "" })
                    .bind(answered.then(|| db_time(*t + Duration::days(2))))
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        tx.commit().await?;
    }

    // ---- visits
    let sources = ["plan", "complaint", "manual"];
    let modes = ["phone", "on_site", "video", "other"];
    let when = times(visits, &mut rng);
    for chunk in when.chunks(BATCH) {
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        for t in chunk {
            let due = *t + Duration::days(30);
            let state = if due > now || rng.below(20) == 0 {
                "planned"
            } else if rng.below(10) == 0 {
                "cancelled"
            } else {
                "done"
            };
            let done = state == "done";
            let (num, _) = number("visit", "HF", due);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO visit (number, customer_id, source, due_date, state, visited_on, mode, participants, content, satisfaction,
                                    cancel_reason, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(&num)
            .bind(first_customer + rng.below(span) as i64)
            .bind(rng.pick(&sources))
            .bind(due.date_naive())
            .bind(state)
            .bind(done.then(|| due.date_naive()))
            .bind(done.then(|| rng.pick(&modes)))
            .bind(if done { "售后专员、客户联系人" } else { "" })
            .bind(if done { "了解设备使用情况" } else { "" })
            .bind(done.then(|| 1 + rng.below(5) as i64))
            .bind(if state == "cancelled" { "客户停产" } else { "" })
            .bind(&at)
            .bind(&at)
            .fetch_one(&mut *tx)
            .await?;
            if done && rng.below(4) == 0 {
                sqlx::query("INSERT INTO visit_action (visit_id, description, owner, due_date) VALUES (?, '寄送备件清单', '业务部', ?)")
                    .bind(id)
                    .bind((due + Duration::days(7)).date_naive())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
    }

    // ---- returns
    let return_states =
        ["requested", "approved", "received", "refunded", "exchanged", "completed", "completed", "rejected"];
    let reasons = ["quality", "quality", "non_quality", "other"];
    let when = times(returns, &mut rng);
    for chunk in when.chunks(BATCH) {
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        for t in chunk {
            let state = rng.pick(&return_states);
            let kind = match state {
                "refunded" => "return",
                "exchanged" => "exchange",
                _ if rng.below(2) == 0 => "return",
                _ => "exchange",
            };
            let quantity = 1 + rng.below(5) as i64;
            let price = 1_000 + rng.below(200_000) as i64;
            let (num, _) = number("store_return", "TH", *t);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO store_return (number, store_id, customer_id, kind, reason, amount_fen, state, state_reason, approval_round,
                                           requested_at, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id",
            )
            .bind(&num)
            .bind(stores[rng.below(stores.len() as u64) as usize])
            .bind(first_customer + rng.below(span) as i64)
            .bind(kind)
            .bind(rng.pick(&reasons))
            .bind(quantity * price)
            .bind(state)
            .bind(if state == "rejected" { "超过退货期限" } else { "" })
            .bind(db_time(*t))
            .bind(&at)
            .bind(&at)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO store_return_line (return_id, part_number, product_name, batch, quantity, unit_price_fen)
                 VALUES (?, ?, '减速机', 'B2610', ?, ?)",
            )
            .bind(id)
            .bind(rng.pick(&PARTS))
            .bind(quantity)
            .bind(price)
            .execute(&mut *tx)
            .await?;
            let decision = match state {
                "requested" => None,
                "rejected" => Some("reject"),
                _ => Some("approve"),
            };
            sqlx::query(
                "INSERT INTO approval (subject, subject_id, round, department_id, seat, decision, signer_name, signed_at)
                 VALUES ('store_return', ?, 1, ?, 'department', ?, ?, ?)",
            )
            .bind(id)
            .bind(after_sales)
            .bind(decision)
            .bind(if decision.is_some() { "生成数据" } else { "" })
            .bind(decision.map(|_| db_time(*t + Duration::hours(4))))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    }
    Ok(ServiceGenerateReport {
        feedback: feedback as i64,
        visits: visits as i64,
        returns: returns as i64,
        seconds: started.elapsed().as_secs_f64(),
    })
}
