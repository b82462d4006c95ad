//! Demo data: a realistic small company so a new user sees a living system. Loaded only into
//! an empty database, in one transaction. Later modules add their records here.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::account::{self, InitialSetup, NewUser, Role};
use crate::customer::{self, Address, Contact, CustomerGrade, CustomerInput, CustomerKind};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::org::{self, StoreInput};

/// The demo company's records start this long before `now`; its oldest complaint is younger.
const FOUNDED_DAYS_AGO: i64 = 760;

/// Every demo account signs in with this password.
pub const DEMO_PASSWORD: &str = "demo12345";
pub const DEMO_COMPANY: &str = "天津示例机械有限公司";

// Deserialize: a desk reads it from the company server's status.
#[derive(Debug, Clone, Serialize, serde::Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct DemoAccount {
    pub username: String,
    pub display_name: String,
    pub role_label: String,
    pub place: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct DemoSummary {
    pub company_name: String,
    pub password: String,
    pub accounts: Vec<DemoAccount>,
    pub stores: i64,
    pub customers: i64,
    pub complaints: i64,
}

/// (name, kind, region, industry, key customer, contact, title, phone, address, source store)
type DemoCustomer = (
    &'static str,
    CustomerKind,
    &'static str,
    &'static str,
    bool,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const CUSTOMERS: [DemoCustomer; 12] = [
    (
        "天津华泰机械有限公司",
        CustomerKind::Company,
        "天津",
        "机械制造",
        true,
        "张伟",
        "采购经理",
        "13820001111",
        "天津市西青区华苑产业园12号",
        None,
    ),
    (
        "北京精工设备制造厂",
        CustomerKind::Company,
        "北京",
        "设备制造",
        true,
        "李建国",
        "设备部部长",
        "13911112222",
        "北京市大兴区经济开发区科创路6号",
        None,
    ),
    (
        "河北鑫达重工集团",
        CustomerKind::Company,
        "河北",
        "重型机械",
        true,
        "王海涛",
        "质量总监",
        "13633113333",
        "石家庄市栾城区装备制造园1号",
        None,
    ),
    (
        "山东鲁信汽车配件有限公司",
        CustomerKind::Company,
        "山东",
        "汽车零部件",
        false,
        "刘洋",
        "采购",
        "13805314444",
        "济南市章丘区明水开发区88号",
        None,
    ),
    (
        "天津港达物流有限公司",
        CustomerKind::Company,
        "天津",
        "物流",
        false,
        "赵敏",
        "行政主管",
        "02258885555",
        "天津市滨海新区港城大道16号",
        Some("TJ-01"),
    ),
    (
        "北京恒通经贸有限公司",
        CustomerKind::Dealer,
        "北京",
        "贸易",
        true,
        "孙立",
        "总经理",
        "13701016666",
        "北京市朝阳区望京街9号",
        Some("BJ-01"),
    ),
    (
        "石家庄众诚机电经销部",
        CustomerKind::Dealer,
        "河北",
        "贸易",
        false,
        "周强",
        "店长",
        "13931117777",
        "石家庄市桥西区中华南大街210号",
        Some("SJZ-01"),
    ),
    (
        "唐山钢联机械厂",
        CustomerKind::Company,
        "河北",
        "冶金设备",
        false,
        "吴磊",
        "设备科长",
        "13503158888",
        "唐山市路北区北新道56号",
        None,
    ),
    (
        "陈志明",
        CustomerKind::Person,
        "天津",
        "",
        false,
        "陈志明",
        "",
        "13612349999",
        "天津市河西区友谊路32号附近",
        Some("TJ-01"),
    ),
    (
        "郑州宏远农机有限公司",
        CustomerKind::Company,
        "河南",
        "农业机械",
        false,
        "郭峰",
        "采购",
        "13783710000",
        "郑州市中牟县汽车产业园3号",
        None,
    ),
    (
        "大连海联船舶配套有限公司",
        CustomerKind::Company,
        "辽宁",
        "船舶配套",
        true,
        "马骏",
        "技术经理",
        "13840951212",
        "大连市甘井子区海联路20号",
        None,
    ),
    (
        "高晓燕",
        CustomerKind::Person,
        "北京",
        "",
        false,
        "高晓燕",
        "",
        "13621003434",
        "北京市朝阳区建国路88号",
        Some("BJ-01"),
    ),
];

const STORES: [(&str, &str, &str, &str, &str, &str); 3] = [
    ("TJ-01", "天津河西直销店", "天津", "天津市河西区友谊路32号", "何丽", "022-23456789"),
    ("BJ-01", "北京朝阳直销店", "北京", "北京市朝阳区建国路88号", "高峰", "010-65432100"),
    ("SJZ-01", "石家庄裕华直销店", "河北", "石家庄市裕华区槐安东路120号", "马超", "0311-87654321"),
];

/// (username, name, role, department or store code)
const USERS: [(&str, &str, Role, &str); 10] = [
    ("lina", "李娜", Role::AfterSales, "售后服务部"),
    ("zhaoqiang", "赵强", Role::AfterSalesManager, "售后服务部"),
    ("chenchen", "陈晨", Role::Business, "业务部"),
    ("liuyang", "刘洋", Role::Quality, "品控中心"),
    ("sunwei", "孙伟", Role::Technical, "技术部"),
    ("zhoulei", "周磊", Role::Production, "生产部"),
    ("wumin", "吴敏", Role::Safety, "安全管理部"),
    ("zhengtao", "郑涛", Role::HiringDept, "生产部"),
    ("heli", "何丽", Role::StoreClerk, "TJ-01"),
    ("fengjun", "冯军", Role::Gate, "保卫部"),
];

/// Fills an empty database with the demo company. Refused once the system is set up.
pub async fn load(store: &Store, now: DateTime<Utc>) -> Result<DemoSummary> {
    if account::setup_status(store).await?.initialized {
        return Err(Error::AlreadyInitialized);
    }
    let setup = InitialSetup {
        company_name: DEMO_COMPANY.into(),
        admin_username: "admin".into(),
        admin_display_name: "王静".into(),
        password: DEMO_PASSWORD.into(),
    }
    .checked()
    .await?;
    let departments = org::list_departments(store).await?;
    let mut users = Vec::with_capacity(USERS.len());
    for (username, name, role, _) in USERS {
        // Placement is filled in below, once the stores exist.
        let input = NewUser {
            username: username.into(),
            display_name: name.into(),
            role,
            department_id: None,
            store_id: None,
            phone: String::new(),
            password: DEMO_PASSWORD.into(),
        };
        users.push(input.checked().await?);
    }

    // The company started with the system before its first complaint (two years ago): accounts,
    // stores and customers are on record (建档时间) before anything is received from them.
    let founded = now - chrono::Duration::days(FOUNDED_DAYS_AGO);
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let (_, admin) = account::insert_first_admin(&mut tx, &setup, founded).await?;
    let mut store_ids = Vec::new();
    for (code, name, region, address, manager, phone) in STORES {
        let input = StoreInput {
            code: code.into(),
            name: name.into(),
            region: region.into(),
            address: address.into(),
            manager: manager.into(),
            phone: phone.into(),
            active: true,
        };
        store_ids.push((code, org::insert_store(&mut tx, &admin, input, founded).await?.id));
    }
    let mut accounts = vec![DemoAccount {
        username: "admin".into(),
        display_name: "王静".into(),
        role_label: Role::Admin.label().into(),
        place: String::new(),
    }];
    for (mut user, (_, _, role, place)) in users.into_iter().zip(USERS) {
        if role.needs_store() {
            user.store_id = store_ids.iter().find(|(code, _)| *code == place).map(|(_, id)| *id);
        } else {
            user.department_id = departments.iter().find(|d| d.name == place).map(|d| d.id);
        }
        let created = account::insert_user(&mut tx, &admin, &user, founded).await?;
        accounts.push(DemoAccount {
            username: created.username,
            display_name: created.display_name,
            role_label: role.label().into(),
            place: place_name(place),
        });
    }
    for (i, (name, kind, region, industry, key, contact, title, phone, address, store_code)) in
        CUSTOMERS.into_iter().enumerate()
    {
        let input = CustomerInput {
            code: String::new(),
            name: name.into(),
            kind,
            region: region.into(),
            industry: industry.into(),
            grade: if key { CustomerGrade::Key } else { CustomerGrade::Normal },
            source_store_id: store_code.and_then(|code| store_ids.iter().find(|(c, _)| *c == code).map(|(_, id)| *id)),
            tags: if key { vec!["长期合作".into()] } else { vec![] },
            notes: String::new(),
            contacts: vec![Contact {
                name: contact.into(),
                title: title.into(),
                phone: phone.into(),
                email: String::new(),
                is_primary: true,
            }],
            addresses: vec![Address { label: "收货地址".into(), address: address.into(), is_default: true }],
        }
        .checked()?;
        customer::insert(&mut tx, &admin, input, founded + chrono::Duration::days(i as i64 + 1)).await?;
    }
    tx.commit().await?;
    // The company's particulars, as 甲方 of the safety agreements.
    let admin = actor(store, "admin").await?;
    let mut particulars = crate::settings::load(store).await?;
    particulars.company_credit_code = "91120116718645985E".into();
    particulars.company_legal_rep = "赵国强".into();
    particulars.company_address = "天津市滨海新区示例路 88 号".into();
    particulars.company_phone = "022-66668888".into();
    particulars.service_contact_name = "李娜".into();
    particulars.service_contact_phone = "022-66668801".into();
    crate::settings::update(store, &admin, particulars, now).await?;
    // Each module's part is boxed: inline, their futures add up to more than a worker thread's
    // stack in a debug build.
    let complaints = Box::pin(complaints(store, now)).await?;
    Box::pin(crate::report::shipment::demo(store, now)).await?; // --- report ---
    Box::pin(crate::survey::demo::load(store, now)).await?; // --- survey ---
    Box::pin(crate::contractor::sample::demo(store, now)).await?; // --- contractor ---
    Box::pin(crate::contractor::worker_sample::demo(store, now)).await?; // --- workers ---
    Box::pin(crate::service::demo::load(store, now)).await?; // --- service ---
    Box::pin(crate::contractor::entry_sample::demo(store, now)).await?; // --- gate ---
    Box::pin(crate::contractor::incident_demo::demo(store, now)).await?; // --- incidents ---
    Ok(DemoSummary {
        company_name: DEMO_COMPANY.into(),
        password: DEMO_PASSWORD.into(),
        accounts,
        stores: STORES.len() as i64,
        customers: CUSTOMERS.len() as i64,
        complaints,
    })
}

/// What the login page lists while the database holds the demo company.
#[derive(Debug, Clone, Serialize, serde::Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct DemoAccounts {
    pub password: String,
    pub accounts: Vec<DemoAccount>,
}

/// The demo accounts still active, when the database holds the demo company: the login page
/// lists them whether the data came from the CLI or the button.
pub async fn accounts(store: &Store, company_name: &str) -> Result<Option<DemoAccounts>> {
    if company_name != DEMO_COMPANY {
        return Ok(None);
    }
    let mut accounts = Vec::new();
    let all = std::iter::once(("admin", "王静", Role::Admin, "")).chain(USERS);
    for (username, name, role, place) in all {
        let active: Option<bool> = sqlx::query_scalar("SELECT active FROM app_user WHERE username = ?")
            .bind(username)
            .fetch_optional(store.pool())
            .await?;
        if active == Some(true) {
            accounts.push(DemoAccount {
                username: username.into(),
                display_name: name.into(),
                role_label: role.label().into(),
                place: place_name(place),
            });
        }
    }
    Ok((!accounts.is_empty()).then(|| DemoAccounts { password: DEMO_PASSWORD.into(), accounts }))
}

fn place_name(place: &str) -> String {
    STORES.iter().find(|s| s.0 == place).map(|s| s.1).unwrap_or(place).to_owned()
}

/// One demo complaint: received `days` ago from customer number `customer`, taken as far as
/// `target`, with responsibility shared among departments by name.
struct DemoCase {
    days: i64,
    customer: usize,
    category: crate::complaint::Category,
    severity: crate::complaint::Severity,
    part: &'static str,
    description: &'static str,
    demand: &'static str,
    target: crate::complaint::State,
    shares: &'static [(&'static str, i64)],
}

/// Past complaints, all closed: what a register of two years holds, with responsibility
/// spread over the departments the way the monthly report will count it.
/// (category, severity, part, description, demand, not our fault, shares)
#[allow(clippy::type_complexity)]
const HISTORY: [(crate::complaint::Category, crate::complaint::Severity, &str, &str, &str, bool, &[(&str, i64)]); 8] = {
    use crate::complaint::Category::*;
    use crate::complaint::Severity::*;
    [
        (Quality, Minor, "ZC-6205", "轴承外圈有锈斑。", "换货", false, &[("生产部", 100)]),
        (
            Quality,
            Serious,
            "JSJ-200-A",
            "减速机输出轴键槽尺寸超差,无法装配。",
            "更换并承担返工费用",
            false,
            &[("生产部", 60), ("品控中心", 40)],
        ),
        (
            Quality,
            Serious,
            "DJ-Y2-160",
            "电机运行一周后烧毁。",
            "更换电机并赔偿停机损失",
            false,
            &[("技术部", 50), ("生产部", 50)],
        ),
        (NonQuality, Minor, "FJ-08", "发货数量少两箱。", "补发", false, &[("业务部", 100)]),
        (Quality, Minor, "LJ-M12", "螺栓表面镀锌层起皮。", "下批改善", false, &[("品控中心", 100)]),
        (Quality, Serious, "CB-PUMP-25", "泵体铸件砂眼渗漏。", "退货", false, &[("生产部", 70), ("品控中心", 30)]),
        (Quality, Minor, "DJ-Y2-132", "电机振动偏大,客户怀疑质量问题。", "检测", true, &[]),
        (
            NonQuality,
            Minor,
            "ZC-6308",
            "发货型号与订单不符,客户收到 6307 轴承。",
            "换货并加强发货核对",
            false,
            &[("业务部", 100)],
        ),
    ]
};

/// The product a demo part number stands for (产品名称 on the registration form).
fn product_name(part: &str) -> &'static str {
    match part.split('-').next().unwrap_or_default() {
        "ZC" => "深沟球轴承",
        "JSJ" => "减速机",
        "DJ" => "三相异步电动机",
        "FJ" => "风机叶轮",
        "CB" => "齿轮油泵",
        "LJ" => "高强度螺栓",
        "NJ" => "齿轮",
        _ => "配件",
    }
}

async fn actor(store: &Store, username: &str) -> Result<account::Actor> {
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM app_user WHERE username = ?").bind(username).fetch_one(store.pool()).await?;
    account::session_actor(store, id).await
}

/// The cause codes the demo's own-fault complaints are spread over.
const DEMO_CAUSES: [&str; 4] = ["生产工艺", "检验漏检", "原材料", "包装运输"];

/// Complaints in every state, received over the last months, worked by the demo accounts.
async fn complaints(store: &Store, now: DateTime<Utc>) -> Result<i64> {
    use crate::complaint::*;
    use chrono::Duration;

    let clerk = actor(store, "lina").await?;
    let manager = actor(store, "zhaoqiang").await?;
    let quality = actor(store, "liuyang").await?;
    let technical = actor(store, "sunwei").await?;
    let production = actor(store, "zhoulei").await?;
    let business = actor(store, "chenchen").await?;
    let quality_dept: i64 =
        sqlx::query_scalar("SELECT id FROM department WHERE name = '品控中心'").fetch_one(store.pool()).await?;
    // Every serious remedy goes before the departments the rule names (settings).
    let required = crate::settings::load(store).await?.signoff_department_ids;
    // (customer, the store it came through): a complaint through a 直销店 names that store.
    let customers: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, source_store_id FROM customer ORDER BY id").fetch_all(store.pool()).await?;
    let first_store: Option<i64> = sqlx::query_scalar("SELECT min(id) FROM store").fetch_one(store.pool()).await?;
    let today = now.date_naive();

    let mut cases = vec![
        DemoCase {
            days: 400,
            customer: 1,
            category: Category::Quality,
            severity: Severity::Serious,
            part: "JSJ-200-A",
            description: "减速机齿轮箱运行异响,拆检发现轴承磨损。",
            demand: "更换不良品并出具分析报告",
            target: State::Closed,
            shares: &[("生产部", 70), ("品控中心", 30)],
        },
        DemoCase {
            days: 120,
            customer: 3,
            category: Category::Quality,
            severity: Severity::Minor,
            part: "ZC-6205",
            description: "轴承座表面有划痕,不影响使用。",
            demand: "下批注意包装",
            target: State::Closed,
            shares: &[("生产部", 70), ("品控中心", 30)],
        },
        DemoCase {
            days: 60,
            customer: 2,
            category: Category::Quality,
            severity: Severity::Serious,
            part: "DJ-Y2-132",
            description: "电机温升偏高,客户怀疑绕组质量。",
            demand: "退货并赔偿停机损失",
            target: State::Explained,
            shares: &[("生产部", 70), ("品控中心", 30)],
        },
        DemoCase {
            days: 30,
            customer: 0,
            category: Category::Quality,
            severity: Severity::Serious,
            part: "JSJ-300-B",
            description: "同批次12台减速机漏油。",
            demand: "全部更换并承担运费",
            target: State::Verifying,
            shares: &[("生产部", 70), ("品控中心", 30)],
        },
        DemoCase {
            days: 21,
            customer: 5,
            category: Category::NonQuality,
            severity: Severity::Serious,
            part: "FJ-08",
            description: "送货司机态度差,卸货造成外箱破损。",
            demand: "赔偿包装损失并道歉",
            target: State::Implementing,
            shares: &[("业务部", 80), ("生产部", 20)],
        },
        DemoCase {
            days: 9,
            customer: 10,
            category: Category::Quality,
            severity: Severity::Major,
            part: "CB-PUMP-40",
            description: "船用泵批量振动超标,影响交船。",
            demand: "索赔30万元并限期整改",
            target: State::Approval,
            shares: &[("生产部", 70), ("品控中心", 30)],
        },
        DemoCase {
            days: 6,
            customer: 7,
            category: Category::Quality,
            severity: Severity::Minor,
            part: "LJ-M16",
            description: "联接螺栓镀层发黑。",
            demand: "换货",
            target: State::Filed,
            shares: &[("生产部", 70), ("品控中心", 30)],
        },
        DemoCase {
            days: 3,
            customer: 4,
            category: Category::Other,
            severity: Severity::Minor,
            part: "",
            description: "客户反映发票抬头开错。",
            demand: "重开发票",
            target: State::Cancelled,
            shares: &[("生产部", 70), ("品控中心", 30)],
        },
        DemoCase {
            days: 2,
            customer: 9,
            category: Category::Quality,
            severity: Severity::Serious,
            part: "NJ-GEAR-5",
            description: "农机齿轮断齿两件。",
            demand: "更换并分析原因",
            target: State::Analysing,
            shares: &[("生产部", 70), ("品控中心", 30)],
        },
        DemoCase {
            days: 1,
            customer: 6,
            category: Category::Quality,
            severity: Severity::Serious,
            part: "ZC-6308",
            description: "轴承异响,经销商要求退货。",
            demand: "退货",
            target: State::Registered,
            shares: &[("生产部", 70), ("品控中心", 30)],
        },
    ];
    // Two years of closed complaints before them, about one every 16 days.
    for i in 0..38usize {
        let (category, severity, part, description, demand, not_ours, shares) =
            HISTORY[(i * 5 + i / 8) % HISTORY.len()];
        cases.push(DemoCase {
            days: 725 - 16 * i as i64,
            customer: (i * 7 + 3) % 12,
            category,
            severity,
            part,
            description,
            demand,
            target: if not_ours { State::Explained } else { State::Closed },
            shares,
        });
    }
    // Numbers follow the date of receipt, as in a real register.
    cases.sort_by_key(|c| std::cmp::Reverse(c.days));
    let departments = org::list_departments(store).await?;
    let department_id = |name: &str| departments.iter().find(|d| d.name == name).map(|d| d.id);
    let mut count = 0;
    for case in cases {
        let DemoCase { days, customer, category, severity, part, description, demand, target, shares } = case;
        // History that stops at 已解释 is closed after the explanation.
        let close_explained = days > 130 && target == State::Explained;
        let received = now - Duration::days(days) - Duration::hours(2);
        let at = |hours: i64| std::cmp::min(received + Duration::hours(hours), now);
        let lines = if part.is_empty() {
            vec![]
        } else {
            vec![ProductLine {
                order_number: format!("SO-{}", received.format("%Y%m%d")),
                part_number: part.into(),
                batch: format!("B{}", received.format("%y%m")),
                ship_date: Some((received - Duration::days(20)).date_naive()),
                quantity: 100,
                defective_quantity: 3 + days % 10,
                product_name: product_name(part).into(),
                specification: String::new(),
            }]
        };
        let (customer_id, source_store) = customers[customer.min(customers.len() - 1)];
        let channel = if customer == 5 || customer == 6 { Channel::Store } else { Channel::Hotline };
        let registration = Registration {
            received_at: received,
            channel,
            customer_id,
            contact_name: String::new(),
            contact_phone: String::new(),
            store_id: if channel == Channel::Store { source_store.or(first_store) } else { None },
            category,
            severity,
            description: description.into(),
            customer_demand: demand.into(),
            lines,
            samples: if category == Category::Quality {
                "不良品样品 2 件,已寄回品控中心".into()
            } else {
                String::new()
            },
            reply_by: Some((received + Duration::days(3)).with_timezone(&chrono_tz::Asia::Shanghai).date_naive()),
        };
        let owner = if severity == Severity::Major { &manager } else { &clerk };
        let mut c = register(store, &clerk, registration, at(0)).await?;
        count += 1;
        if target == State::Registered {
            continue;
        }
        c = add_contact(
            store,
            &clerk,
            c.id,
            ContactInput {
                contacted_at: at(1),
                method: ContactMethod::Phone,
                customer_person: String::new(),
                summary: "已受理,告知处理流程和时限。".into(),
            },
            at(1),
        )
        .await?;
        if target == State::Cancelled {
            transition(store, owner, c.id, c.version, Command::Cancel, "客户撤回,非产品问题", at(2)).await?;
            continue;
        }
        c = transition(store, &clerk, c.id, c.version, Command::StartAnalysis, "", at(2)).await?;
        if target == State::Analysing {
            continue;
        }
        let ours = target != State::Explained;
        let analysis = Analysis {
            cause_analysis: if ours {
                "装配工序未按作业指导书执行,出厂检验漏检。".into()
            } else {
                "返厂检测各项指标合格,系客户现场电压不稳所致。".into()
            },
            production_unit: "装配二车间".into(),
            production_staff: "王建".into(),
            production_date: Some((received - Duration::days(30)).date_naive()),
            our_fault: Some(ours),
            appraisal_result: if ours {
                String::new()
            } else {
                "样机温升试验合格(65K,标准限值80K)。".into()
            },
            appraisal_basis: if ours {
                String::new()
            } else {
                "GB/T 1032 三相异步电动机试验方法;检测报告 JC-2026-118".into()
            },
            responsibilities: if ours {
                shares
                    .iter()
                    .map(|(name, share)| Share {
                        department_id: department_id(name),
                        party: String::new(),
                        share_percent: *share,
                    })
                    .collect()
            } else {
                vec![]
            },
        };
        // 品控中心 inspects, and the cause is coded for the monthly report.
        let details = AnalysisDetails {
            cause_code: if ours { DEMO_CAUSES[(days as usize) % DEMO_CAUSES.len()] } else { "客户使用" }.into(),
            inspections: vec![Inspection {
                department_id: quality_dept,
                person: "刘洋".into(),
                inspected_on: at(20).with_timezone(&chrono_tz::Asia::Shanghai).date_naive(),
            }],
        };
        c = save_analysis(store, &quality, c.id, c.version, analysis, details, at(24)).await?;
        if !ours {
            c = transition(store, &clerk, c.id, c.version, Command::ExplainNotOurFault, "", at(30)).await?;
            if close_explained {
                c = save_feedback(store, &clerk, c.id, c.version, "客户接受检测结论。", at(60)).await?;
                transition(store, &clerk, c.id, c.version, Command::Close, "", at(61)).await?;
            }
            continue;
        }
        if severity == Severity::Minor {
            // A minor case records whether a corrective action is needed: half need one.
            let needed = days % 2 == 1;
            let reason =
                if needed { "" } else { "偶发个案,同批次复查无异常,纳入月度质量例会跟踪" };
            c = decide_corrective(store, &clerk, c.id, c.version, needed, reason, at(25)).await?;
            if needed {
                let action = ActionInput {
                    kind: ActionKind::Corrective,
                    description: "对该工位作业员进行再培训,增加首件检验记录。".into(),
                    owner_department_id: production.department_id.unwrap_or_default(),
                    owner_user_id: production.user_id,
                    owner: String::new(),
                    due_date: (received + Duration::days(10)).date_naive().min(today),
                    done_date: None,
                    follows_action_id: None,
                };
                c = save_action(store, &production, c.id, None, action, at(25)).await?;
            }
            c = transition(store, &clerk, c.id, c.version, Command::File, "", at(26)).await?;
            if target == State::Closed {
                if needed {
                    let action = c.actions[0].clone();
                    let done_on = at(40).with_timezone(&chrono_tz::Asia::Shanghai).date_naive();
                    let done = ActionInput { done_date: Some(done_on), ..action.input() };
                    c = save_action(store, &production, c.id, Some(action.id), done, at(40)).await?;
                    c = verify_action(store, &quality, c.id, action.id, true, at(47)).await?;
                }
                c = save_feedback(store, &clerk, c.id, c.version, "客户认可处理结果。", at(48)).await?;
                transition(store, &clerk, c.id, c.version, Command::Close, "", at(49)).await?;
            }
            continue;
        }
        let plan = RemedyPlan {
            remedy: Some(if category == Category::NonQuality { Remedy::Apology } else { Remedy::Exchange }),
            remedy_detail: "更换不良品,承担往返运费;生产部、品控中心制定改善措施。".into(),
            claimed_fen: if severity == Severity::Major { 30_000_000 } else { 500_000 },
            agreed_fen: if severity == Severity::Major { 18_000_000 } else { 320_000 },
            approval_department_ids: required.clone(),
        };
        c = save_remedy(store, owner, c.id, c.version, plan.clone(), at(28)).await?;
        // 生产部 and 技术部 propose measures, 售后服务部 and 业务部 agree, the customer agrees.
        c = save_measures(store, &production, c.id, c.version, "装配工序增加预紧力自检,首件送检。", at(26)).await?;
        c = save_measures(store, &technical, c.id, c.version, "修订装配作业指导书和图纸公差。", at(27)).await?;
        c = agree_remedy(store, owner, c.id, c.version, at(28)).await?;
        c = agree_remedy(store, &business, c.id, c.version, at(28)).await?;
        let agreement = CustomerAgreement {
            agreed_on: at(28).with_timezone(&chrono_tz::Asia::Shanghai).date_naive(),
            contact: "客户采购部".into(),
            summary: "客户同意按方案更换并承担运费。".into(),
        };
        c = save_customer_agreement(store, owner, c.id, c.version, agreement, at(28)).await?;
        c = transition(store, owner, c.id, c.version, Command::SubmitForApproval, "", at(29)).await?;
        if target == State::Verifying {
            // A round the quality centre rejects: the remedy is revised and submitted again.
            c = sign(store, &quality, c.id, false, "未包含同批次库存品的排查,请补充", at(30)).await?;
            let revised = RemedyPlan {
                remedy_detail: "更换不良品并排查同批次库存,承担往返运费;生产部、品控中心制定改善措施。".into(),
                ..plan
            };
            c = save_remedy(store, owner, c.id, c.version, revised, at(31)).await?;
            c = agree_remedy(store, owner, c.id, c.version, at(31)).await?;
            c = agree_remedy(store, &business, c.id, c.version, at(31)).await?;
            c = transition(store, owner, c.id, c.version, Command::SubmitForApproval, "", at(31)).await?;
        }
        if severity == Severity::Major {
            c = sign(store, &manager, c.id, true, "同意,重大索赔由售后服务经理跟进", at(31)).await?;
        }
        c = sign(store, &quality, c.id, true, "同意", at(32)).await?;
        if target == State::Approval {
            continue;
        }
        c = sign(store, &clerk, c.id, true, "同意", at(33)).await?;
        c = sign(store, &business, c.id, true, "同意,业务部与客户确认更换数量", at(34)).await?;
        c = sign(store, &production, c.id, true, "同意", at(35)).await?;
        c = sign(store, &technical, c.id, true, "同意,技术部提供装配工艺改进方案", at(36)).await?;
        c = transition(store, owner, c.id, c.version, Command::StartImplementation, "", at(40)).await?;
        let action = ActionInput {
            kind: ActionKind::Corrective,
            description: "修订装配作业指导书,增加关键工序自检和出厂抽检比例。".into(),
            owner_department_id: production.department_id.unwrap_or_default(),
            owner_user_id: production.user_id,
            owner: String::new(),
            due_date: (received + Duration::days(14)).date_naive().min(today + Duration::days(7)),
            done_date: None,
            follows_action_id: None,
        };
        c = save_action(store, &production, c.id, None, action.clone(), at(44)).await?;
        if target == State::Implementing {
            continue;
        }
        let action_id = c.actions[0].id;
        let done = ActionInput { done_date: Some(at(240).date_naive()), ..action };
        c = save_action(store, &production, c.id, Some(action_id), done, at(240)).await?;
        c = transition(store, owner, c.id, c.version, Command::StartVerification, "", at(241)).await?;
        if target == State::Verifying {
            continue;
        }
        c = verify_action(store, &quality, c.id, action_id, true, at(300)).await?;
        c = save_feedback(store, &clerk, c.id, c.version, "客户对处理结果满意。", at(310)).await?;
        transition(store, owner, c.id, c.version, Command::Close, "", at(320)).await?;
    }
    Ok(count)
}
