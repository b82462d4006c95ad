//! The benchmark generator of workers: people spread over the existing units (a tenth without a
//! unit, as individual 外用工), with valid, unique ID numbers, and most of those with a unit on
//! the roster of one of its engagements. Writes directly in batched transactions, keeping the
//! search text and grams the use-cases keep.

use super::demo_actor;
use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::id_number;
use super::worker::WORKER_SEARCH;
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::search;

const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗", "梁", "宋", "郑", "谢",
];
const GIVEN: [&str; 24] = [
    "伟", "芳", "建军", "敏", "静", "强", "磊", "军", "洋", "勇", "秀英", "杰", "涛", "明", "超", "霞", "平", "刚",
    "志强", "斌", "海涛", "立新", "国庆", "春生",
];
const TRADES: [(&str, &str); 10] = [
    ("电焊工", "焊接与热切割作业"),
    ("电工", "电工作业"),
    ("架子工", "高处作业"),
    ("起重工", "起重机械作业"),
    ("叉车司机", "场(厂)内专用机动车辆作业"),
    ("力工", ""),
    ("油漆工", ""),
    ("钳工", ""),
    ("瓦工", ""),
    ("保温工", ""),
];
/// 行政区划代码 of the places the company's workers come from.
const REGIONS: [&str; 16] = [
    "120101", "120104", "120110", "120116", "130102", "130203", "130602", "131002", "370102", "370202", "410102",
    "210102", "140105", "150102", "230102", "340102",
];

/// A small deterministic generator (xorshift64*).
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
}

/// The `index`-th generated number: distinct for distinct indexes below 23 million (region by
/// index mod 16, then a birth date walked by a step coprime to the span, then the sequence).
fn id_for(index: u64, last_digit: u64) -> String {
    const SPAN: u64 = 14_600; // about 40 years of birth dates
    let region = REGIONS[(index % 16) as usize];
    let j = index / 16;
    let born = NaiveDate::from_ymd_opt(1966, 1, 1).unwrap_or_default() + Duration::days(((j * 7_919) % SPAN) as i64);
    let body = format!("{region}{}{:02}{}", born.format("%Y%m%d"), (j / SPAN) % 100, last_digit % 10);
    let check = id_number::check_character(&body).unwrap_or('0');
    format!("{body}{check}")
}

/// Adds `count` workers; returns (workers added, roster rows added).
pub async fn generate(store: &Store, count: usize, seed: u64, now: DateTime<Utc>) -> Result<(i64, i64)> {
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM app_user").fetch_one(store.pool()).await?;
    if users == 0 {
        return Err(Error::NotInitialized);
    }
    let units: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM contractor_unit ORDER BY id").fetch_all(store.pool()).await?;
    let mut engagements: HashMap<i64, Vec<(i64, bool)>> = HashMap::new();
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, unit_id, state FROM contractor_engagement
         WHERE unit_id IS NOT NULL AND state NOT IN ('completed', 'terminated')",
    )
    .fetch_all(store.pool())
    .await?;
    for (id, unit_id, state) in rows {
        engagements.entry(unit_id).or_default().push((id, matches!(state.as_str(), "approved" | "active")));
    }
    let offset: i64 =
        sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM contractor_worker").fetch_one(store.pool()).await?;
    let mut rng = Rng(seed.max(1) ^ 0x00c0_ffee);
    let at = db_time(now);
    let (mut added, mut rostered) = (0_i64, 0_i64);
    const BATCH: usize = 2_000;
    let mut done = 0;
    while done < count {
        let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
        for i in done..(done + BATCH).min(count) {
            let sex_digit = rng.below(10);
            let number = id_for(offset as u64 + i as u64, sex_digit);
            let id = id_number::parse(&number)?;
            let name = format!(
                "{}{}",
                SURNAMES[rng.below(SURNAMES.len() as u64) as usize],
                GIVEN[rng.below(GIVEN.len() as u64) as usize]
            );
            let (trade, special_class) = TRADES[rng.below(TRADES.len() as u64) as usize];
            let unit = if units.is_empty() || rng.below(10) == 0 {
                None
            } else {
                Some(&units[rng.below(units.len() as u64) as usize])
            };
            let category = match unit {
                None => "temporary",
                Some(_) if rng.below(8) == 0 => "after_sales",
                Some(_) => "outsourced",
            };
            let unit_id = unit.map(|u| u.0);
            let unit_name = unit.map(|u| u.1.as_str()).unwrap_or_default();
            let text = search::normalise(&format!("{name} {unit_name} {trade} {special_class}"));
            let phone = format!("13{:09}", rng.below(1_000_000_000));
            let worker_id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO contractor_worker (name, id_number, birth_date, sex, category, unit_id, trade, special_class,
                                                phone, search_text, created_by, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '生成数据', ?, ?)
                 ON CONFLICT (id_number) DO NOTHING RETURNING id",
            )
            .bind(&name)
            .bind(&id.normalized)
            .bind(id.birth_date)
            .bind(id.sex.key())
            .bind(category)
            .bind(unit_id)
            .bind(trade)
            .bind(special_class)
            .bind(&phone)
            .bind(&text)
            .bind(&at)
            .bind(&at)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(worker_id) = worker_id else { continue };
            WORKER_SEARCH.write_grams(&mut tx, worker_id, &text).await?;
            added += 1;
            let Some(choices) = unit_id.and_then(|u| engagements.get(&u)) else { continue };
            if rng.below(10) < 7 {
                let (engagement_id, approved) = choices[rng.below(choices.len() as u64) as usize];
                let working = approved && rng.below(3) > 0;
                sqlx::query(
                    "INSERT INTO contractor_roster (engagement_id, name, trade, working, added_by, added_at, worker_id)
                     VALUES (?, ?, ?, ?, '生成数据', ?, ?)",
                )
                .bind(engagement_id)
                .bind(&name)
                .bind(trade)
                .bind(working)
                .bind(&at)
                .bind(worker_id)
                .execute(&mut *tx)
                .await?;
                rostered += 1;
            }
        }
        tx.commit().await?;
        done = (done + BATCH).min(count);
    }
    sqlx::query("ANALYZE").execute(store.pool()).await?;
    Ok((added, rostered))
}

/// The demo's rosters (name-only rows of the issue-9 demo) become registered people: each name
/// on a unit's engagements is one person of that unit, registered by the hiring department (郑涛)
/// with a valid ID number (区划 120116, 天津市滨海新区, so none is the standard's example), and
/// the rows point at them. Returns the people registered.
pub async fn demo(store: &Store, now: DateTime<Utc>) -> Result<i64> {
    let user: i64 =
        sqlx::query_scalar("SELECT id FROM app_user WHERE username = 'zhengtao'").fetch_one(store.pool()).await?;
    let hiring = crate::account::session_actor(store, user).await?;
    let rows: Vec<(i64, String, String, Option<i64>, String)> = sqlx::query_as(
        "SELECT r.id, r.name, r.trade, e.unit_id, e.category FROM contractor_roster r
         JOIN contractor_engagement e ON e.id = r.engagement_id
         WHERE r.worker_id IS NULL ORDER BY r.id",
    )
    .fetch_all(store.pool())
    .await?;
    let mut people: HashMap<(String, Option<i64>), i64> = HashMap::new();
    let mut rng = Rng(0x0de0);
    for (roster_id, name, trade, unit_id, category) in rows {
        let key = (name.clone(), unit_id);
        let worker_id = match people.get(&key) {
            Some(id) => *id,
            None => {
                let n = people.len() as i64;
                let born = NaiveDate::from_ymd_opt(1970, 3, 1).unwrap_or_default() + Duration::days(n * 397 % 9_000);
                let body = format!("120116{}{:02}{}", born.format("%Y%m%d"), 10 + n % 90, rng.below(10));
                let number = format!("{body}{}", id_number::check_character(&body).unwrap_or('0'));
                let (trade, special_class) = match n % 4 {
                    0 => ("电焊工", "焊接与热切割作业"),
                    1 => ("电工", "电工作业"),
                    _ => (trade.as_str(), ""),
                };
                let input = super::WorkerInput {
                    name: name.clone(),
                    id_number: number,
                    category: super::EngagementCategory::stored(&category)?,
                    unit_id,
                    trade: trade.into(),
                    special_class: special_class.into(),
                    phone: format!("139{:08}", 20_000_000 + n * 7_919),
                    emergency_contact: String::new(),
                    emergency_phone: String::new(),
                    post_changed_on: None,
                    notes: String::new(),
                };
                let at = now - Duration::days(30) + Duration::minutes(n);
                let id = super::worker::create(store, &hiring, input, at).await?.id;
                people.insert(key, id);
                id
            }
        };
        sqlx::query("UPDATE contractor_roster SET worker_id = ? WHERE id = ?")
            .bind(worker_id)
            .bind(roster_id)
            .execute(store.pool())
            .await?;
    }
    educate_and_put_to_work(store, now).await?;
    Ok(people.len() as i64)
}

/// The people on the rosters of running engagements go through 三级安全教育 before their
/// engagements started — one class per level for all of them (one sign-in sheet each), examined
/// and passed — and those of a special trade have their 特种作业操作证 recorded; then each is put
/// to work (上岗) through the roster's own rule, as the hiring department would.
async fn educate_and_put_to_work(store: &Store, now: DateTime<Utc>) -> Result<()> {
    use super::education::{self, ClassInput, ClassLevel, ScoreInput};
    use super::person_certificate::{self, PersonCertificateKind, WorkerCertificateInput};
    // Each row with the user who puts the person to work: the engagement's own hiring department
    // (the administrator where it has none).
    let rows: Vec<(i64, i64, NaiveDate, bool, String, String)> = sqlx::query_as(
        "SELECT r.id, r.worker_id, e.start_date, e.high_risk, w.special_class,
                coalesce((SELECT u.username FROM app_user u
                          WHERE u.role = 'hiring_dept' AND u.active AND u.department_id = e.department_id
                          ORDER BY u.id LIMIT 1), 'admin')
         FROM contractor_roster r
         JOIN contractor_engagement e ON e.id = r.engagement_id
         JOIN contractor_worker w ON w.id = r.worker_id
         WHERE e.state = 'active' AND NOT r.working ORDER BY r.id",
    )
    .fetch_all(store.pool())
    .await?;
    let Some(first_start) = rows.iter().map(|r| r.2).min() else { return Ok(()) };
    let rules = crate::settings::load(store).await?.safety_rules();
    let high_risk = rows.iter().any(|r| r.3);
    let required = if high_risk { rules.education_hours_high_risk } else { rules.education_hours_general };
    // Each level a third of what is required, rounded up to the half 学时.
    let hours_tenths = ((required * 10 + 2) / 3 + 4) / 5 * 5;
    let mut workers: Vec<i64> = rows.iter().map(|r| r.1).collect();
    workers.sort_unstable();
    workers.dedup();
    let safety = demo_actor(store, "wumin").await?;
    let levels = [
        (ClassLevel::Company, "公司安全生产规章制度、厂区危险源辨识、事故案例"),
        (ClassLevel::Workshop, "车间作业安全规程、危险作业审批、应急处置"),
        (ClassLevel::Team, "班组岗位安全操作、劳动防护用品使用"),
    ];
    for (i, (level, content)) in levels.into_iter().enumerate() {
        let held_on = first_start - Duration::days(7 - i as i64);
        let input = ClassInput {
            level,
            held_on,
            hours_tenths,
            content: content.into(),
            instructor: "吴敏".into(),
            place: "安全教育室".into(),
            department_id: None,
            engagement_id: None,
            pass_mark: 60,
        };
        let at = now - Duration::days(1) + Duration::minutes(i as i64);
        let class = education::create(store, &safety, input, workers.clone(), at).await?;
        let scores =
            workers.iter().map(|w| ScoreInput { worker_id: *w, score: Some(75 + w % 21), signed: true }).collect();
        education::record_scores(store, &safety, class.id, class.version, scores, at).await?;
    }
    let mut certified = std::collections::HashSet::new();
    for (_, worker_id, start, _, special_class, _) in &rows {
        if special_class.is_empty() || !certified.insert(*worker_id) {
            continue;
        }
        let input = WorkerCertificateInput {
            kind: PersonCertificateKind::SpecialOperation,
            class: special_class.clone(),
            number: format!("T1201{:08}", 16_000_000 + worker_id),
            issuer: "天津市应急管理局".into(),
            issued_on: *start - Duration::days(2 * 365),
            valid_to: None,
            last_reviewed_on: None,
        };
        person_certificate::save(store, &safety, *worker_id, None, None, input, now - Duration::days(1)).await?;
    }
    for (roster_id, .., username) in rows {
        let hiring = demo_actor(store, &username).await?;
        super::engagement::roster_set_working(store, &hiring, roster_id, true, now).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_numbers_are_valid_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for i in (0..400_000).step_by(7) {
            let number = id_for(i, i % 10);
            let id = id_number::parse(&number).unwrap_or_else(|e| panic!("{number}: {e}"));
            assert!(seen.insert(id.normalized[..16].to_string()), "{number} twice");
        }
    }
}
