//! Demo data (`shouhou demo-data`: units, one blacklisted and one with a lapsed 安全生产许可证;
//! engagements of all three categories in every state, worked through the use-cases by the demo
//! accounts) and the benchmark generator (thousands of units and engagements, written directly).

use super::demo_actor;
use chrono::{DateTime, Duration, Utc};

use super::checklist::EngagementCategory;
use super::engagement::{self, EngagementInput, RosterInput};
use super::local_today;
use super::review::{EngagementCommand, EngagementState};
use super::unit::{self, CertificateInput, CertificateKind, ContractorUnitInput, UnitContact};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};

/// A demo unit: (name, credit code, legal representative, bank, account, contact, phone).
type UnitRow = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

const UNITS: [UnitRow; 6] = [
    (
        "天津宏远建筑工程有限公司",
        "91120116MA05JBT06Y",
        "刘建国",
        "中国建设银行天津滨海支行",
        "12050167010000001234",
        "孙立新",
        "13902201234",
    ),
    (
        "天津振华机电安装有限公司",
        "91120110MA06C1234Q",
        "陈振华",
        "中国工商银行天津东丽支行",
        "0302012309100045678",
        "马海涛",
        "13820115678",
    ),
    (
        "天津鑫达劳务服务有限公司",
        "91120222MA07D5678Q",
        "赵永利",
        "天津农商银行武清支行",
        "9011223344556677",
        "赵永利",
        "13512349876",
    ),
    (
        "天津安泰防腐保温工程有限公司",
        "91120104MA05K9012W",
        "王安泰",
        "中国银行天津南开支行",
        "275612345678",
        "何志强",
        "13612345678",
    ),
    (
        "北京精工数控设备有限公司",
        "91120113MA06H3456W",
        "周精工",
        "招商银行北京中关村支行",
        "110912345610801",
        "郭工程师",
        "13801012345",
    ),
    (
        "天津恒通起重设备有限公司",
        "91120118MA07E7890M",
        "张恒通",
        "交通银行天津西青支行",
        "120060123018000123456",
        "林师傅",
        "13752001234",
    ),
];

/// A certificate of a demo unit: (unit index, kind, name, number, issuer, valid-to in days from
/// today, None: 长期).
type CertificateRow = (usize, CertificateKind, &'static str, &'static str, &'static str, Option<i64>);

const CERTIFICATES: [CertificateRow; 11] = [
    (0, CertificateKind::BusinessLicence, "营业执照", "91120116MA05JBT06Y", "天津市滨海新区市场监督管理局", None),
    (
        0,
        CertificateKind::Qualification,
        "建筑业企业资质证书 施工总承包二级",
        "D212034567",
        "天津市住房和城乡建设委员会",
        Some(900),
    ),
    (
        0,
        CertificateKind::SafetyPermit,
        "安全生产许可证",
        "(津)JZ安许证字[2024]001234",
        "天津市住房和城乡建设委员会",
        Some(500),
    ),
    (1, CertificateKind::BusinessLicence, "营业执照", "91120110MA06C1234Q", "天津市东丽区市场监督管理局", None),
    (
        1,
        CertificateKind::SafetyPermit,
        "安全生产许可证",
        "(津)JZ安许证字[2025]002345",
        "天津市住房和城乡建设委员会",
        Some(800),
    ),
    (2, CertificateKind::BusinessLicence, "营业执照", "91120222MA07D5678Q", "天津市武清区市场监督管理局", None),
    (3, CertificateKind::BusinessLicence, "营业执照", "91120104MA05K9012W", "天津市南开区市场监督管理局", None),
    // Lapsed 20 days ago: the unit's packages cannot be approved until it is renewed.
    (
        3,
        CertificateKind::SafetyPermit,
        "安全生产许可证",
        "(津)JZ安许证字[2023]000876",
        "天津市住房和城乡建设委员会",
        Some(-20),
    ),
    (4, CertificateKind::BusinessLicence, "营业执照", "91120113MA06H3456W", "北京市海淀区市场监督管理局", None),
    (5, CertificateKind::BusinessLicence, "营业执照", "91120118MA07E7890M", "天津市西青区市场监督管理局", None),
    // Ends within 30 days: on the safety department's workbench.
    (
        5,
        CertificateKind::Qualification,
        "特种设备安装改造维修许可证(起重机械)",
        "TS3412345-2026",
        "天津市市场监督管理委员会",
        Some(18),
    ),
];

/// A scan to hand in: a small PDF written into the data folder for the demo.
fn demo_scan(store: &Store, name: &str) -> Result<std::path::PathBuf> {
    let dir = store.data_dir().join("demo-scans");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{name}.pdf"));
    let body = format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n% demo scan {name}\n%%EOF\n"
    );
    std::fs::write(&path, body)?;
    Ok(path)
}

async fn department(store: &Store, name: &str) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT id FROM department WHERE name = ?").bind(name).fetch_one(store.pool()).await?)
}

/// How far a demo engagement is taken.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Goal {
    /// Some documents handed in, some missing.
    Partial,
    Submitted,
    Returned,
    Approved,
    Active,
    Completed,
    Terminated,
}

/// Units, certificates and engagements worked by the demo's safety (吴敏) and hiring (郑涛)
/// accounts. Returns (units, engagements).
pub async fn demo(store: &Store, now: DateTime<Utc>) -> Result<(i64, i64)> {
    let safety = demo_actor(store, "wumin").await?;
    let hiring = demo_actor(store, "zhengtao").await?;
    let today = local_today(store, now).await?;
    let production = department(store, "生产部").await?;
    let mut unit_ids = Vec::new();
    for (i, (name, code, legal, bank, account, contact, phone)) in UNITS.into_iter().enumerate() {
        let input = ContractorUnitInput {
            name: name.into(),
            credit_code: code.into(),
            legal_representative: legal.into(),
            address: format!(
                "天津市{}",
                [
                    "滨海新区中心大道18号",
                    "东丽区津塘公路66号",
                    "武清区泉州路9号",
                    "南开区复康路120号",
                    "北京市海淀区上地信息路3号",
                    "西青区友谊南路500号"
                ][i]
            ),
            bank_name: bank.into(),
            bank_account: account.into(),
            contacts: vec![UnitContact { name: contact.into(), title: "项目负责人".into(), phone: phone.into() }],
            notes: String::new(),
        };
        let created = unit::create(store, &safety, input, now - Duration::days(200 - i as i64)).await?;
        unit_ids.push((created.id, created.version));
    }
    for (i, kind, name, number, issuer, to) in CERTIFICATES {
        let input = CertificateInput {
            kind,
            name: name.into(),
            number: number.into(),
            issuer: issuer.into(),
            valid_from: Some(today - Duration::days(700)),
            valid_to: to.map(|d| today + Duration::days(d)),
        };
        unit::save_certificate(store, &safety, unit_ids[i].0, None, input, now - Duration::days(190)).await?;
    }
    let (blacklisted, version) = unit_ids[2];
    unit::set_blacklisted(
        store,
        &safety,
        blacklisted,
        version,
        true,
        "将承包的检修工程转包给无资质个人,违反“不准转包或分包”的规定",
        now - Duration::days(60),
    )
    .await?;

    // (category, unit index, project, place, how far, start and end in days from today)
    type Plan = (EngagementCategory, Option<usize>, &'static str, &'static str, Goal, i64, i64);
    let plan: [Plan; 13] = [
        (
            EngagementCategory::Outsourced,
            Some(0),
            "炼钢厂2号转炉除尘管道检修",
            "2号转炉除尘系统",
            Goal::Partial,
            -5,
            40,
        ),
        (EngagementCategory::Outsourced, Some(1), "轧钢厂主电室电缆桥架安装", "轧钢厂主电室", Goal::Submitted, 3, 60),
        (EngagementCategory::Outsourced, Some(0), "原料场皮带通廊彩板更换", "原料场3号通廊", Goal::Returned, 7, 45),
        (EngagementCategory::Outsourced, Some(1), "高炉煤气管道防腐刷漆", "1号高炉煤气区域", Goal::Approved, 2, 30),
        (EngagementCategory::Outsourced, Some(0), "办公楼屋面防水修缮", "厂部办公楼", Goal::Active, -20, 5),
        (EngagementCategory::Outsourced, Some(1), "连铸机扇形段吊装配合", "连铸车间", Goal::Completed, -90, -10),
        (EngagementCategory::Outsourced, Some(0), "水处理站加药间改造", "水处理站", Goal::Terminated, -40, 20),
        (EngagementCategory::Outsourced, Some(3), "热风炉管道保温施工", "1号高炉热风炉", Goal::Partial, 10, 50),
        (EngagementCategory::AfterSales, Some(4), "数控磨床售后维修服务", "机修车间", Goal::Active, -3, 4),
        (EngagementCategory::AfterSales, Some(5), "桥式起重机年度保养", "成品库", Goal::Submitted, 5, 15),
        (EngagementCategory::Temporary, None, "成品库临时装卸工", "成品库", Goal::Active, -30, 60),
        (EngagementCategory::Temporary, None, "设备清扫临时用工", "烧结车间", Goal::Partial, 5, 35),
        (EngagementCategory::Temporary, None, "实习学生跟岗劳动", "质检中心", Goal::Approved, 1, 90),
    ];
    let names = ["张建军", "李德胜", "王小虎", "赵海波", "刘志刚", "陈永强"];
    let mut count = 0;
    for (n, (category, unit, title, place, goal, start, end)) in plan.into_iter().enumerate() {
        let at = now - Duration::days(30 - n as i64);
        let input = EngagementInput {
            category,
            department_id: production,
            unit_id: unit.map(|i| unit_ids[i].0),
            title: title.into(),
            content: format!("{title}:按合同及施工方案组织作业,作业前完成安全技术交底。"),
            place: place.into(),
            area: "生产区域".into(),
            contract_number: if category == EngagementCategory::Temporary {
                String::new()
            } else {
                format!("HT-2026-{:03}", 101 + n)
            },
            start_date: today + Duration::days(start),
            end_date: today + Duration::days(end),
            no_subcontracting: category == EngagementCategory::Outsourced,
            deposit_fen: if category == EngagementCategory::Outsourced { 2_000_000 } else { 0 },
            deposit_terms: if category == EngagementCategory::Outsourced {
                "开工前交纳安全风险抵押金2万元,违章按考核办法扣除,完工无事故全额退还".into()
            } else {
                String::new()
            },
        };
        let mut e = engagement::register(store, &hiring, input, at).await?;
        count += 1;
        let items: Vec<i64> = e.items.iter().map(|i| i.id).collect();
        let hand_in = if goal == Goal::Partial { items.len() / 2 } else { items.len() };
        for (k, item) in items.iter().take(hand_in).enumerate() {
            let scan = demo_scan(store, &format!("{}-{}", e.number, k + 1))?;
            e = engagement::upload_item(store, &hiring, *item, &[scan], None, at + Duration::minutes(10 + k as i64))
                .await?;
        }
        if goal == Goal::Partial {
            continue;
        }
        if goal == Goal::Terminated {
            engagement::transition(
                store,
                &hiring,
                e.id,
                e.version,
                EngagementCommand::Terminate,
                "甲方工艺方案调整,项目取消",
                at + Duration::hours(2),
            )
            .await?;
            continue;
        }
        e = engagement::transition(
            store,
            &hiring,
            e.id,
            e.version,
            EngagementCommand::Submit,
            "",
            at + Duration::hours(1),
        )
        .await?;
        e = engagement::roster_add(
            store,
            &hiring,
            e.id,
            names.iter().take(3 + n % 3).map(|p| RosterInput { name: (*p).into(), trade: "普工".into() }).collect(),
            false,
            at + Duration::hours(1),
        )
        .await?;
        if goal == Goal::Submitted {
            continue;
        }
        if goal == Goal::Returned {
            let item = e.items[5].id;
            engagement::review_item(
                store,
                &safety,
                item,
                false,
                "施工方案缺少高处作业防护措施,请补充后重交",
                at + Duration::hours(3),
            )
            .await?;
            continue;
        }
        e = engagement::transition(
            store,
            &safety,
            e.id,
            e.version,
            EngagementCommand::Approve,
            "",
            at + Duration::hours(4),
        )
        .await?;
        if goal == Goal::Approved {
            continue;
        }
        e = engagement::transition(
            store,
            &hiring,
            e.id,
            e.version,
            EngagementCommand::Start,
            "",
            at + Duration::hours(5),
        )
        .await?;
        // Its people are put to work (上岗) once registered and educated: worker_sample::demo.
        if goal == Goal::Completed {
            engagement::transition(
                store,
                &hiring,
                e.id,
                e.version,
                EngagementCommand::Complete,
                "",
                at + Duration::days(20),
            )
            .await?;
        }
    }
    let _ = std::fs::remove_dir_all(store.data_dir().join("demo-scans"));
    Ok((UNITS.len() as i64, count))
}

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

const WORDS: [&str; 16] = [
    "宏远", "振华", "鑫达", "安泰", "恒通", "精工", "永盛", "博远", "瑞丰", "德信", "金诚", "联合", "海联", "众诚",
    "北方", "天成",
];
const TRADES: [&str; 8] =
    ["建筑工程", "机电安装", "劳务服务", "防腐保温", "起重设备", "环保工程", "钢结构", "电力工程"];
const WORKS: [&str; 8] =
    ["管道检修", "设备安装", "屋面修缮", "电缆敷设", "除尘改造", "钢结构加固", "防腐刷漆", "设备保养"];
const PLACES: [&str; 8] = ["炼钢厂", "轧钢厂", "炼铁厂", "原料场", "烧结车间", "动力厂", "成品库", "机修车间"];
const CHARSET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Adds `units` units (each with a licence and, for most, a safety permit) and `engagements`
/// engagements spread over categories, departments and states, with their checklists, to an
/// initialised store. Returns (units, engagements) added.
pub async fn generate(
    store: &Store,
    units: usize,
    engagements: usize,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<(i64, i64)> {
    let departments: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM department ORDER BY id").fetch_all(store.pool()).await?;
    if departments.is_empty() {
        return Err(Error::NotInitialized);
    }
    let today = local_today(store, now).await?;
    let mut rng = Rng(seed.max(1) ^ 0x5eed);
    let first_unit: i64 =
        sqlx::query_scalar("SELECT coalesce(max(id), 0) + 1 FROM contractor_unit").fetch_one(store.pool()).await?;
    const BATCH: usize = 1_000;
    let mut done = 0;
    while done < units {
        let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
        for i in done..(done + BATCH).min(units) {
            let mut code: String = format!("9112{:04}", 100 + rng.below(9000));
            for _ in 0..9 {
                code.push(CHARSET[rng.below(31) as usize] as char);
            }
            // Unique by construction: the unit's running number in the organisation code.
            code.replace_range(8..14, &format!("{:06}", first_unit as usize + i));
            let check = super::credit_code::check_character(&code).unwrap_or('0');
            code.push(check);
            let name = format!(
                "天津{}{}{}有限公司",
                WORDS[rng.below(16) as usize],
                WORDS[rng.below(16) as usize],
                TRADES[rng.below(8) as usize]
            );
            let input = ContractorUnitInput {
                name,
                credit_code: code.clone(),
                legal_representative: "法定代表人".into(),
                address: "天津市".into(),
                bank_name: "中国建设银行天津分行".into(),
                bank_account: format!("1205{:016}", rng.below(10_000_000_000_000_000)),
                contacts: vec![UnitContact {
                    name: "联系人".into(),
                    title: String::new(),
                    phone: format!("139{:08}", rng.below(100_000_000)),
                }],
                notes: String::new(),
            }
            .checked()?;
            let id = unit::insert(&mut tx, &input, now).await?;
            let licence = CertificateInput {
                kind: CertificateKind::BusinessLicence,
                name: "营业执照".into(),
                number: code,
                issuer: "市场监督管理局".into(),
                valid_from: None,
                valid_to: None,
            };
            unit::insert_certificate(&mut tx, id, &licence, now).await?;
            if rng.below(4) > 0 {
                let permit = CertificateInput {
                    kind: CertificateKind::SafetyPermit,
                    name: "安全生产许可证".into(),
                    number: format!("(津)JZ安许证字[2025]{:06}", id),
                    issuer: "天津市住房和城乡建设委员会".into(),
                    valid_from: None,
                    valid_to: Some(today + Duration::days(rng.below(1200) as i64 - 100)),
                };
                unit::insert_certificate(&mut tx, id, &permit, now).await?;
            }
        }
        tx.commit().await?;
        done = (done + BATCH).min(units);
    }
    let unit_range: (i64, i64) =
        sqlx::query_as("SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM contractor_unit")
            .fetch_one(store.pool())
            .await?;
    if unit_range.1 == 0 && engagements > 0 {
        return Err(Error::validation("units", "没有承包单位,无法生成外包工项目"));
    }
    const STATES: [EngagementState; 7] = [
        EngagementState::Preparing,
        EngagementState::Submitted,
        EngagementState::Returned,
        EngagementState::Approved,
        EngagementState::Active,
        EngagementState::Completed,
        EngagementState::Terminated,
    ];
    let mut done = 0;
    while done < engagements {
        let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
        for _ in done..(done + BATCH).min(engagements) {
            let category = EngagementCategory::ALL[rng.below(3) as usize];
            let created = now - Duration::minutes(rng.below(2 * 365 * 24 * 60) as i64);
            let start = created.date_naive() + Duration::days(rng.below(20) as i64);
            let unit_id = if category.needs_unit() || rng.below(3) == 0 {
                Some(unit_range.0 + rng.below((unit_range.1 - unit_range.0 + 1) as u64) as i64)
            } else {
                None
            };
            let work = WORKS[rng.below(8) as usize];
            let place = PLACES[rng.below(8) as usize];
            let input = EngagementInput {
                category,
                department_id: departments[rng.below(departments.len() as u64) as usize],
                unit_id,
                title: format!("{place}{work}"),
                content: format!("{place}{work}"),
                place: place.into(),
                area: String::new(),
                contract_number: format!("HT-{}", rng.below(1_000_000)),
                start_date: start,
                end_date: start + Duration::days(10 + rng.below(120) as i64),
                no_subcontracting: true,
                deposit_fen: 100_000 * rng.below(30) as i64,
                deposit_terms: String::new(),
            };
            let number = engagement::next_number(&mut tx, category, created.date_naive()).await?;
            let unit_name = String::new();
            let id = engagement::insert(&mut tx, &input, &number, "生成数据", &unit_name, created).await?;
            let state = STATES[rng.below(7) as usize];
            let item_state = match state {
                EngagementState::Preparing => "missing",
                EngagementState::Submitted => "submitted",
                EngagementState::Returned => "returned",
                _ => "accepted",
            };
            // Preparing packages have some items handed in; returned ones one item returned.
            sqlx::query(
                "UPDATE contractor_item SET state = CASE
                     WHEN ?2 = 'missing' AND sort_order % 2 = 0 THEN 'submitted'
                     WHEN ?2 = 'returned' AND sort_order <> 0 THEN 'submitted'
                     ELSE ?2 END
                 WHERE engagement_id = ?1",
            )
            .bind(id)
            .bind(item_state)
            .execute(&mut *tx)
            .await?;
            let at = db_time(created);
            let approved =
                matches!(state, EngagementState::Approved | EngagementState::Active | EngagementState::Completed);
            sqlx::query(
                "UPDATE contractor_engagement SET state = ?2, approved_by = CASE WHEN ?3 THEN '生成数据' ELSE '' END,
                        approved_at = CASE WHEN ?3 THEN ?4 END,
                        open_items = (SELECT count(*) FROM contractor_item WHERE engagement_id = ?1
                                      AND state IN ('missing', 'returned', 'expired'))
                 WHERE id = ?1",
            )
            .bind(id)
            .bind(state.key())
            .bind(approved)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        done = (done + BATCH).min(engagements);
    }
    Ok((units as i64, engagements as i64))
}
