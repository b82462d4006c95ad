//! The benchmark generator: education and certificates for the workers already in the database
//! (run after the workers' generator). Groups of 40 people take a 厂级, 车间级 and 班组级 class
//! (8 学时 each) and, for most groups, a yearly 再培训; about one in ten has a certificate, some
//! lapsing. Written directly in one transaction.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::ClassLevel;
use crate::clock::db_time;
use crate::contractor::person_certificate::{DEFAULT_VALID_YEARS, add_years};
use crate::db::Store;
use crate::error::Result;

/// People per class.
pub const CLASS_SIZE: usize = 40;

const CONTENTS: [(&str, &str); 4] = [
    ("company", "国家安全生产法律法规、公司安全生产规章制度、事故案例"),
    ("workshop", "本车间危险源、安全操作规程、劳动防护用品使用"),
    ("team", "本班组岗位安全操作要求、设备设施、应急处置"),
    ("annual", "年度安全再培训:新规章、新工艺、事故警示"),
];
const INSTRUCTORS: [&str; 6] = ["赵安全", "钱立新", "孙建华", "李国强", "周文斌", "吴海涛"];
const CLASSES: [&str; 5] = ["电工作业", "焊接与热切割作业", "高处作业", "煤气作业", "冶金(有色)生产安全作业"];

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

#[derive(Debug, Clone, Default, Serialize)]
pub struct EducationReport {
    pub classes: i64,
    pub attendances: i64,
    pub certificates: i64,
}

/// Adds classes and certificates for every worker, with dates up to the local day of `now`.
pub async fn generate(store: &Store, seed: u64, now: DateTime<Utc>) -> Result<EducationReport> {
    let today = now.date_naive();
    let mut rng = Rng(seed.max(1) ^ 0xed0c);
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let workers: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, special_class FROM contractor_worker ORDER BY id").fetch_all(&mut *tx).await?;
    let at = db_time(now);
    let mut report = EducationReport::default();
    for group in workers.chunks(CLASS_SIZE) {
        // The group's first day, within the last three years.
        let start = today - Duration::days(3 + rng.below(3 * 365) as i64);
        let mut levels = vec![(ClassLevel::Company, start), (ClassLevel::Workshop, start + Duration::days(1))];
        levels.push((ClassLevel::Team, start + Duration::days(2)));
        if rng.below(4) != 0 {
            let annual = (today - Duration::days(rng.below(500) as i64)).max(start + Duration::days(3));
            if annual <= today {
                levels.push((ClassLevel::Annual, annual));
            }
        }
        for (level, held_on) in levels {
            let held_on = held_on.min(today);
            let content = CONTENTS.iter().find(|(k, _)| *k == level.key()).map(|(_, c)| *c).unwrap_or_default();
            let instructor = INSTRUCTORS[rng.below(INSTRUCTORS.len() as u64) as usize];
            let hours: i64 = if level == ClassLevel::Annual { 200 } else { 80 };
            let class_id: i64 = sqlx::query_scalar(
                "INSERT INTO safety_class (level, held_on, hours_tenths, content, instructor, place, pass_mark,
                                           created_by, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, '安全培训室', 60, '生成器', ?, ?) RETURNING id",
            )
            .bind(level.key())
            .bind(held_on)
            .bind(hours)
            .bind(content)
            .bind(instructor)
            .bind(&at)
            .bind(&at)
            .fetch_one(&mut *tx)
            .await?;
            report.classes += 1;
            for (worker_id, _) in group {
                // One in 25 fails the exam; a few are not examined.
                let score: Option<i64> = match rng.below(50) {
                    0 => None,
                    1 | 2 => Some(40 + rng.below(20) as i64),
                    _ => Some(60 + rng.below(41) as i64),
                };
                sqlx::query(
                    "INSERT INTO safety_class_attendee (class_id, worker_id, score, signed) VALUES (?, ?, ?, 1)",
                )
                .bind(class_id)
                .bind(worker_id)
                .bind(score)
                .execute(&mut *tx)
                .await?;
                report.attendances += 1;
            }
        }
        for (worker_id, special_class) in group {
            if special_class.is_empty() && rng.below(10) != 0 {
                continue;
            }
            let class = if special_class.is_empty() {
                CLASSES[rng.below(CLASSES.len() as u64) as usize].to_owned()
            } else {
                special_class.clone()
            };
            let issued_on: NaiveDate = today - Duration::days(30 + rng.below(6 * 365) as i64);
            let equipment = rng.below(5) == 0;
            let kind = if equipment { "special_equipment" } else { "special_operation" };
            let cycle = if equipment { 4 } else { 3 };
            let reviewed = (today - issued_on).num_days() > 3 * 365 && rng.below(3) != 0;
            let last_reviewed_on = reviewed.then(|| issued_on + Duration::days(3 * 365 - 20));
            sqlx::query(
                "INSERT INTO worker_certificate (worker_id, kind, class, number, issuer, issued_on, valid_to,
                                                 last_reviewed_on, review_due_on, created_at, updated_at)
                 VALUES (?, ?, ?, ?, '天津市应急管理局', ?, ?, ?, ?, ?, ?)",
            )
            .bind(worker_id)
            .bind(kind)
            .bind(&class)
            .bind(format!("T{:012}", 120_000_000_000 + worker_id))
            .bind(issued_on)
            .bind(add_years(issued_on, DEFAULT_VALID_YEARS as i64))
            .bind(last_reviewed_on)
            .bind(add_years(last_reviewed_on.unwrap_or(issued_on), cycle))
            .bind(&at)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
            report.certificates += 1;
        }
    }
    tx.commit().await?;
    Ok(report)
}
