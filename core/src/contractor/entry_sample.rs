//! The site-entry check's demo people (one for every outcome at the gate) and the benchmark's
//! bulk generator. Workers, classes and certificates are written straight into the shared
//! tables (the workers and education use-cases live in other modules); the demo people sit on the
//! demo engagements of `sample::demo`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::local_today;
use crate::clock::db_time;
use crate::db::Store;
use crate::error::Result;

/// A valid 18-character ID number (GB 11643) from a region code, a birth date and a sequence.
pub fn id_number(region: &str, birth: NaiveDate, sequence: u32) -> String {
    let first = format!("{region}{}{:03}", birth.format("%Y%m%d"), sequence % 1000);
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{first}{check}")
}

/// A worker row (what the workers module's `create` writes, minus the search text's extras).
#[allow(clippy::too_many_arguments)]
pub async fn insert_worker(
    conn: &mut SqliteConnection,
    name: &str,
    id_number: &str,
    category: &str,
    unit_id: Option<i64>,
    trade: &str,
    special_class: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let birth = NaiveDate::parse_from_str(&id_number[6..14], "%Y%m%d").unwrap_or_default();
    let sex = if (id_number.as_bytes()[16] - b'0') % 2 == 1 { "male" } else { "female" };
    Ok(sqlx::query(
        "INSERT INTO contractor_worker (name, id_number, birth_date, sex, category, unit_id, trade, special_class,
                                        search_text, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo', ?, ?)",
    )
    .bind(name)
    .bind(id_number)
    .bind(birth)
    .bind(sex)
    .bind(category)
    .bind(unit_id)
    .bind(trade)
    .bind(special_class)
    .bind(format!("{name} {trade}"))
    .bind(db_time(now))
    .bind(db_time(now))
    .execute(&mut *conn)
    .await?
    .last_insert_rowid())
}

/// A class of `level` (company / workshop / team / annual) with its hours in tenths.
pub async fn insert_class(
    conn: &mut SqliteConnection,
    level: &str,
    held_on: NaiveDate,
    hours_tenths: i64,
    content: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(sqlx::query(
        "INSERT INTO safety_class (level, held_on, hours_tenths, content, instructor, place, created_by,
                                   created_at, updated_at)
         VALUES (?, ?, ?, ?, '吴敏', '安全教育室', 'demo', ?, ?)",
    )
    .bind(level)
    .bind(held_on)
    .bind(hours_tenths)
    .bind(content)
    .bind(db_time(now))
    .bind(db_time(now))
    .execute(&mut *conn)
    .await?
    .last_insert_rowid())
}

/// Signs the worker into the class with an exam score (`None`: not examined yet).
pub async fn attend(conn: &mut SqliteConnection, class_id: i64, worker_id: i64, score: Option<i64>) -> Result<()> {
    sqlx::query("INSERT INTO safety_class_attendee (class_id, worker_id, score) VALUES (?, ?, ?)")
        .bind(class_id)
        .bind(worker_id)
        .bind(score)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A certificate of the person.
#[allow(clippy::too_many_arguments)]
pub async fn insert_certificate(
    conn: &mut SqliteConnection,
    worker_id: i64,
    kind: &str,
    class: &str,
    number: &str,
    issued_on: NaiveDate,
    valid_to: NaiveDate,
    review_due_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(sqlx::query(
        "INSERT INTO worker_certificate (worker_id, kind, class, number, issuer, issued_on, valid_to,
                                         review_due_on, created_at, updated_at)
         VALUES (?, ?, ?, ?, '天津市应急管理局', ?, ?, ?, ?, ?)",
    )
    .bind(worker_id)
    .bind(kind)
    .bind(class)
    .bind(number)
    .bind(issued_on)
    .bind(valid_to)
    .bind(review_due_on)
    .bind(db_time(now))
    .bind(db_time(now))
    .execute(&mut *conn)
    .await?
    .last_insert_rowid())
}

/// Puts the worker on the engagement's roster, planned (拟用): [`put_to_work_if_fit`] then puts
/// them to work by the roster's rule.
pub async fn put_on_roster(
    conn: &mut SqliteConnection,
    engagement_id: i64,
    worker_id: i64,
    name: &str,
    trade: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO contractor_roster (engagement_id, name, trade, working, added_by, added_at, worker_id)
         VALUES (?, ?, ?, 0, 'demo', ?, ?)",
    )
    .bind(engagement_id)
    .bind(name)
    .bind(trade)
    .bind(db_time(now))
    .bind(worker_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Puts to work (上岗) the registered people of the engagement's roster who pass the roster's
/// rule (`entry::require_fit_for_work`).
async fn put_to_work_if_fit(
    conn: &mut SqliteConnection,
    engagement_id: i64,
    rules: &crate::settings::SafetyRules,
    on: NaiveDate,
) -> Result<()> {
    let people: Vec<i64> = sqlx::query_scalar(
        "SELECT worker_id FROM contractor_roster WHERE engagement_id = ? AND worker_id IS NOT NULL AND NOT working",
    )
    .bind(engagement_id)
    .fetch_all(&mut *conn)
    .await?;
    for worker_id in people {
        if super::entry::require_fit_for_work(conn, worker_id, engagement_id, rules, on).await.is_ok() {
            sqlx::query("UPDATE contractor_roster SET working = 1 WHERE engagement_id = ? AND worker_id = ?")
                .bind(engagement_id)
                .bind(worker_id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

/// Three-level education (厂级, 车间级, 班组级 on three days from `start`), all passed.
pub async fn educate(
    conn: &mut SqliteConnection,
    worker_id: i64,
    start: NaiveDate,
    hours: [i64; 3],
    now: DateTime<Utc>,
) -> Result<()> {
    let levels = [
        ("company", "公司安全生产规章制度、厂区危险源"),
        ("workshop", "车间作业安全规程"),
        ("team", "班组岗位安全操作"),
    ];
    for (i, (level, content)) in levels.into_iter().enumerate() {
        let class = insert_class(conn, level, start + Duration::days(i as i64), hours[i] * 10, content, now).await?;
        attend(conn, class, worker_id, Some(85)).await?;
    }
    Ok(())
}

async fn engagement_by_title(conn: &mut SqliteConnection, title: &str) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT id FROM contractor_engagement WHERE title = ?")
        .bind(title)
        .fetch_one(&mut *conn)
        .await?)
}

/// The demo people, one for each outcome at the gate (on 成品库临时装卸工 unless said):
/// 王建国 准许入场; 李明辉 电工证 20 天后到期 (提醒); 张海涛 焊工证已过期 (禁止); 赵立新 不在任何名单上;
/// 孙志强 已列入黑名单; 周小燕 学时不足 16/24; 郭建华 售后服务人员 with an escort (需陪同).
/// Returns the number of people.
pub async fn demo(store: &Store, now: DateTime<Utc>) -> Result<i64> {
    let today = local_today(store, now).await?;
    let rules = crate::settings::load(store).await?.safety_rules();
    let mut tx = store.pool().begin().await?;
    let conn = &mut *tx;
    let loading = engagement_by_title(conn, "成品库临时装卸工").await?;
    let service = engagement_by_title(conn, "数控磨床售后维修服务").await?;
    let service_unit: Option<i64> = sqlx::query_scalar("SELECT unit_id FROM contractor_engagement WHERE id = ?")
        .bind(service)
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query("UPDATE contractor_engagement SET escort = '郑涛(生产部)' WHERE id = ?")
        .bind(service)
        .execute(&mut *conn)
        .await?;
    let start = today - Duration::days(40);
    let born = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let mut count = 0;

    // (name, ID number, trade, special class)
    let people: [(&str, String, &str, &str); 6] = [
        ("王建国", id_number("120116", born(1985, 3, 12), 131), "装卸工", ""),
        ("李明辉", id_number("120110", born(1979, 7, 2), 253), "电工", "电工作业"),
        ("张海涛", id_number("120104", born(1988, 11, 23), 379), "电焊工", "焊接与热切割作业"),
        ("赵立新", id_number("120222", born(1990, 1, 5), 415), "装卸工", ""),
        ("孙志强", id_number("120113", born(1983, 5, 30), 537), "装卸工", ""),
        ("周小燕", id_number("120118", born(1995, 9, 14), 642), "清扫工", ""),
    ];
    for (i, (name, id, trade, special)) in people.iter().enumerate() {
        let worker = insert_worker(conn, name, id, "temporary", None, trade, special, now).await?;
        count += 1;
        let hours = if *name == "周小燕" { [8, 4, 4] } else { [8, 8, 8] };
        educate(conn, worker, start + Duration::days(i as i64), hours, now).await?;
        if *name != "赵立新" {
            put_on_roster(conn, loading, worker, name, trade, now).await?;
        }
        match *name {
            "李明辉" => {
                insert_certificate(
                    conn,
                    worker,
                    "special_operation",
                    special,
                    "T120110197907022531",
                    today - Duration::days(6 * 365 - 20),
                    today + Duration::days(20),
                    today + Duration::days(400),
                    now,
                )
                .await?;
            }
            "张海涛" => {
                insert_certificate(
                    conn,
                    worker,
                    "special_operation",
                    special,
                    "T120104198811233793",
                    today - Duration::days(6 * 365 + 25),
                    today - Duration::days(25),
                    today + Duration::days(300),
                    now,
                )
                .await?;
            }
            "孙志强" => {
                sqlx::query(
                    "UPDATE contractor_worker SET blacklisted = 1, blacklisted_on = ?, blacklisted_by = '吴敏',
                            blacklist_reason = '多次在煤气区域违章作业,拒不整改' WHERE id = ?",
                )
                .bind(today - Duration::days(15))
                .bind(worker)
                .execute(&mut *conn)
                .await?;
            }
            _ => {}
        }
    }
    // The supplier's engineer: after-sales staff enter with the escort the department named.
    let engineer = insert_worker(
        conn,
        "郭建华",
        &id_number("110108", born(1982, 4, 18), 771),
        "after_sales",
        service_unit,
        "数控设备维修工程师",
        "",
        now,
    )
    .await?;
    count += 1;
    educate(conn, engineer, today - Duration::days(5), [8, 8, 8], now).await?;
    put_on_roster(conn, service, engineer, "郭建华", "数控设备维修工程师", now).await?;
    // 上岗 only for those the rule lets work: not 张海涛 (certificate expired), 孙志强 (blacklisted)
    // or 周小燕 (学时 short); the gate still tells each of them why.
    for engagement in [loading, service] {
        put_to_work_if_fit(conn, engagement, &rules, today).await?;
    }
    tx.commit().await?;
    Ok(count)
}

/// Adds `workers` workers on one running engagement, each with three-level education (classes of
/// 50 people) and, for one in five, a special-operation certificate — written in bulk, for the
/// benchmark. Returns the engagement's id. ID numbers are valid and unique: one birth day per
/// thousand people from 1970-01-01, sequence = the row number's last three digits.
pub async fn generate(store: &Store, workers: i64, now: DateTime<Utc>) -> Result<i64> {
    let today = local_today(store, now).await?;
    let mut tx = store.pool().begin().await?;
    let conn = &mut *tx;
    let department: i64 =
        sqlx::query_scalar("SELECT id FROM department ORDER BY id LIMIT 1").fetch_one(&mut *conn).await?;
    let stamp = db_time(now);
    let engagement = sqlx::query(
        "INSERT INTO contractor_engagement (number, category, department_id, title, start_date, end_date, state,
                                            created_at, updated_at)
         VALUES ('WY-BENCH-0001', 'temporary', ?, '基准测试临时用工', ?, ?, 'active', ?, ?)",
    )
    .bind(department)
    .bind(today - Duration::days(100))
    .bind(today + Duration::days(200))
    .bind(&stamp)
    .bind(&stamp)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    let first: i64 =
        sqlx::query_scalar("SELECT coalesce(max(id), 0) + 1 FROM contractor_worker").fetch_one(&mut *conn).await?;
    for chunk in (0..workers).step_by(2000) {
        let mut qb = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
            "INSERT INTO contractor_worker (name, id_number, birth_date, sex, category, trade, special_class, \
             search_text, created_at, updated_at) ",
        );
        qb.push_values(chunk..(chunk + 2000).min(workers), |mut b, i| {
            let birth = bench_birth(i);
            b.push_bind(format!("工人{i}"))
                .push_bind(id_number("120116", birth, (i % 1000) as u32))
                .push_bind(birth)
                .push_bind("male")
                .push_bind("temporary")
                .push_bind("普工")
                .push_bind(if i % 5 == 0 { "电工作业" } else { "" })
                .push_bind(format!("工人{i}"))
                .push_bind(stamp.clone())
                .push_bind(stamp.clone());
        });
        qb.build().execute(&mut *conn).await?;
    }
    sqlx::query(
        "INSERT INTO contractor_roster (engagement_id, name, working, added_at, worker_id)
         SELECT ?, name, 1, ?, id FROM contractor_worker WHERE id >= ?",
    )
    .bind(engagement)
    .bind(&stamp)
    .bind(first)
    .execute(&mut *conn)
    .await?;
    // Classes of 50 people: three levels per group.
    let groups = (workers + 49) / 50;
    for (level, offset) in [("company", 3), ("workshop", 2), ("team", 1)] {
        let base: i64 =
            sqlx::query_scalar("SELECT coalesce(max(id), 0) + 1 FROM safety_class").fetch_one(&mut *conn).await?;
        sqlx::query(
            "WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < ?)
             INSERT INTO safety_class (id, level, held_on, hours_tenths, content, instructor, engagement_id,
                                       created_at, updated_at)
             SELECT ? + i, ?, date(?, '-' || (i % 300) || ' days'), 80, '岗前安全教育', '吴敏', ?, ?, ? FROM g",
        )
        .bind(groups)
        .bind(base)
        .bind(level)
        .bind(today - Duration::days(offset))
        .bind(engagement)
        .bind(&stamp)
        .bind(&stamp)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO safety_class_attendee (class_id, worker_id, score)
             SELECT ? + (id - ?) / 50, id, 80 FROM contractor_worker WHERE id >= ?",
        )
        .bind(base)
        .bind(first)
        .bind(first)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "INSERT INTO worker_certificate (worker_id, kind, class, number, issued_on, valid_to, review_due_on,
                                         created_at, updated_at)
         SELECT id, 'special_operation', '电工作业', 'T' || id_number, date(?, '-400 days'), date(?, '+1800 days'),
                date(?, '+600 days'), ?, ? FROM contractor_worker WHERE id >= ? AND special_class <> ''",
    )
    .bind(today)
    .bind(today)
    .bind(today)
    .bind(&stamp)
    .bind(&stamp)
    .bind(first)
    .execute(&mut *conn)
    .await?;
    tx.commit().await?;
    Ok(engagement)
}

/// The birth date of the generator's `i`th person.
pub fn bench_birth(i: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + Duration::days(i / 1000)
}
