//! A generator of large, realistic data sets for benchmarks: customers with contacts and
//! complaints with product lines, contacts and responsibility, spread over two years. It
//! writes directly in batched transactions (the use-cases would take hours at a million rows)
//! and keeps every index the use-cases keep: search text, grams, numbering sequences.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;

use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::search;

const CITIES: [&str; 16] = [
    "天津", "北京", "河北", "山东", "河南", "辽宁", "江苏", "浙江", "上海", "广东", "湖北", "四川", "陕西", "山西",
    "安徽", "福建",
];
const WORDS: [&str; 24] = [
    "华泰", "精工", "鑫达", "宏远", "海联", "恒通", "众诚", "钢联", "北方", "中兴", "远大", "金诚", "联合", "东方",
    "永盛", "博远", "瑞丰", "德信", "安泰", "新华", "振华", "天成", "润达", "盛世",
];
const TRADES: [&str; 8] = ["机械", "重工", "设备", "汽车配件", "农机", "船舶配套", "电气", "物流"];
const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗",
];
const GIVEN: [&str; 20] = [
    "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚", "丽",
    "斌",
];
const PARTS: [&str; 10] = [
    "JSJ-200-A",
    "JSJ-300-B",
    "ZC-6205",
    "ZC-6308",
    "DJ-Y2-132",
    "YB-40",
    "LJ-M16",
    "CB-PUMP-40",
    "NJ-GEAR-5",
    "FJ-08",
];
const PROBLEMS: [&str; 8] = [
    "运行异响,拆检发现轴承磨损。",
    "漏油,密封件老化。",
    "电机温升偏高。",
    "表面划伤,包装破损。",
    "振动超标,影响使用。",
    "尺寸超差,无法装配。",
    "送货延误,客户停线。",
    "镀层发黑,外观不良。",
];
const STATES: [&str; 9] =
    ["registered", "analysing", "explained", "filed", "approval", "implementing", "verifying", "closed", "cancelled"];

/// A small, fast, deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GenerateReport {
    pub customers: i64,
    pub complaints: i64,
    pub seconds: f64,
}

/// Adds `customers` customers and `complaints` complaints to an initialised store.
pub async fn generate(
    store: &Store,
    customers: usize,
    complaints: usize,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<GenerateReport> {
    let started = std::time::Instant::now();
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM app_user").fetch_one(store.pool()).await?;
    if users == 0 {
        return Err(Error::NotInitialized);
    }
    let departments: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM department ORDER BY id").fetch_all(store.pool()).await?;
    let mut rng = Rng(seed.max(1));
    let first_customer: i64 =
        sqlx::query_scalar("SELECT coalesce(max(id), 0) + 1 FROM customer").fetch_one(store.pool()).await?;

    const BATCH: usize = 5_000;
    let mut done = 0;
    while done < customers {
        let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
        for _ in done..(done + BATCH).min(customers) {
            insert_customer(&mut tx, &mut rng, now).await?;
        }
        tx.commit().await?;
        done = (done + BATCH).min(customers);
    }
    let last_customer: i64 =
        sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM customer").fetch_one(store.pool()).await?;
    if last_customer < first_customer && complaints > 0 {
        return Err(Error::validation("customers", "没有客户,无法生成投诉"));
    }
    let customer_range = if customers > 0 { (first_customer, last_customer) } else { (1, last_customer) };

    let first_complaint: i64 =
        sqlx::query_scalar("SELECT coalesce(max(id), 0) + 1 FROM complaint").fetch_one(store.pool()).await?;
    let mut done = 0;
    while done < complaints {
        let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
        for _ in done..(done + BATCH).min(complaints) {
            insert_complaint(&mut tx, &mut rng, customer_range, &departments, now).await?;
        }
        tx.commit().await?;
        done = (done + BATCH).min(complaints);
    }
    // Years of history in the audit log: three events per complaint (registered, analysed,
    // closed), so a record's timeline is measured against a log of millions of rows.
    sqlx::query(
        "INSERT INTO audit_event (occurred_at, actor_id, actor_name, entity, entity_id, action, summary)
         SELECT c.received_at, NULL, '生成数据', 'complaint', CAST(c.id AS TEXT), a.action, c.number || ' ' || a.label
         FROM complaint c
         CROSS JOIN (SELECT 'register' AS action, '登记投诉' AS label
                     UNION ALL SELECT 'start_analysis', '开始分析核实'
                     UNION ALL SELECT 'close', '结案') a
         WHERE c.id >= ?
         ORDER BY c.received_at",
    )
    .bind(first_complaint)
    .execute(store.pool())
    .await?;
    // --- report --- the denominator of the complaint rate, for every month with complaints.
    crate::report::shipment::generate(&mut *store.pool().acquire().await?, now).await?;
    sqlx::query("ANALYZE").execute(store.pool()).await?;
    Ok(GenerateReport {
        customers: customers as i64,
        complaints: complaints as i64,
        seconds: started.elapsed().as_secs_f64(),
    })
}

async fn insert_customer(conn: &mut SqliteConnection, rng: &mut Rng, now: DateTime<Utc>) -> Result<()> {
    let number = crate::sequence::next(conn, "customer", 0).await?;
    let code = format!("KH{number:06}");
    let name = format!("{}{}{}{}", rng.pick(&CITIES), rng.pick(&WORDS), rng.pick(&TRADES), "有限公司");
    let contact = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN));
    let phone = format!("13{:09}", rng.below(1_000_000_000));
    let grade = if rng.below(10) == 0 { "key" } else { "normal" };
    let text = search::normalise(&format!("{code} {name} {contact} {phone}"));
    let at = db_time(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO customer (code, name, kind, region, industry, grade, search_text, created_at, updated_at)
         VALUES (?, ?, 'company', ?, '', ?, ?, ?, ?) RETURNING id",
    )
    .bind(&code)
    .bind(&name)
    .bind(&name[..6])
    .bind(grade)
    .bind(&text)
    .bind(&at)
    .bind(&at)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO customer_contact (customer_id, name, phone, is_primary) VALUES (?, ?, ?, 1)")
        .bind(id)
        .bind(&contact)
        .bind(&phone)
        .execute(&mut *conn)
        .await?;
    for gram in search::grams(&text) {
        sqlx::query("INSERT INTO customer_gram (gram, customer_id) VALUES (?, ?)")
            .bind(gram)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn insert_complaint(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    (first, last): (i64, i64),
    departments: &[i64],
    now: DateTime<Utc>,
) -> Result<()> {
    let received = now - Duration::minutes(rng.below(2 * 365 * 24 * 60) as i64 + 60);
    let year: i64 = received.format("%Y").to_string().parse().unwrap_or(0);
    let number = format!("KS-{year}-{:04}", crate::sequence::next(conn, "complaint", year).await?);
    let customer = first + rng.below((last - first + 1) as u64) as i64;
    let state = STATES[(rng.below(STATES.len() as u64)) as usize];
    let category = ["quality", "quality", "quality", "non_quality", "other"][rng.below(5) as usize];
    let severity = ["minor", "minor", "serious", "serious", "major"][rng.below(5) as usize];
    let contact = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN));
    let part = rng.pick(&PARTS);
    let order = format!("SO-{}", received.format("%Y%m%d"));
    let batch = format!("B{}", received.format("%y%m"));
    let text = search::normalise(&format!("{number} {contact} {part} {order} {batch}"));
    let at = db_time(received);
    let quantity = 10 + rng.below(500) as i64;
    let defective = 1 + rng.below(quantity as u64 / 5 + 1) as i64;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO complaint (number, state, received_at, channel, customer_id, contact_name, category, severity,
                                description, customer_demand, search_text, closed_at, created_at, updated_at)
         VALUES (?, ?, ?, 'hotline', ?, ?, ?, ?, ?, '更换不良品', ?, ?, ?, ?) RETURNING id",
    )
    .bind(&number)
    .bind(state)
    .bind(&at)
    .bind(customer)
    .bind(&contact)
    .bind(category)
    .bind(severity)
    .bind(format!("{}{}", part, rng.pick(&PROBLEMS)))
    .bind(&text)
    .bind((state == "closed").then(|| at.clone()))
    .bind(&at)
    .bind(&at)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO complaint_line (complaint_id, order_number, part_number, batch, ship_date, quantity, defective_quantity)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(&order)
    .bind(part)
    .bind(&batch)
    .bind((received - Duration::days(20)).date_naive())
    .bind(quantity)
    .bind(defective)
    .execute(&mut *conn)
    .await?;
    if state != "registered" {
        sqlx::query(
            "INSERT INTO complaint_contact (complaint_id, contacted_at, method, staff_name, summary, recorded_at)
             VALUES (?, ?, 'phone', '李娜', '已受理。', ?)",
        )
        .bind(id)
        .bind(db_time(received + Duration::hours(2)))
        .bind(&at)
        .execute(&mut *conn)
        .await?;
    }
    if !matches!(state, "registered" | "analysing" | "explained" | "cancelled") && !departments.is_empty() {
        let department = departments[rng.below(departments.len() as u64) as usize];
        sqlx::query(
            "INSERT INTO complaint_responsibility (complaint_id, department_id, share_percent) VALUES (?, ?, 100)",
        )
        .bind(id)
        .bind(department)
        .execute(&mut *conn)
        .await?;
    }
    for gram in search::grams(&text) {
        sqlx::query("INSERT INTO complaint_gram (gram, complaint_id) VALUES (?, ?)")
            .bind(gram)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
