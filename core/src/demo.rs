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

/// Every demo account signs in with this password.
pub const DEMO_PASSWORD: &str = "demo12345";
pub const DEMO_COMPANY: &str = "天津示例机械有限公司";

#[derive(Debug, Clone, Serialize, TS)]
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

    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let (_, admin) = account::insert_first_admin(&mut tx, &setup, now).await?;
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
        store_ids.push((code, org::insert_store(&mut tx, &admin, input, now).await?.id));
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
        let created = account::insert_user(&mut tx, &admin, &user, now).await?;
        accounts.push(DemoAccount {
            username: created.username,
            display_name: created.display_name,
            role_label: role.label().into(),
            place: place_name(place),
        });
    }
    for (name, kind, region, industry, key, contact, title, phone, address, store_code) in CUSTOMERS {
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
        customer::insert(&mut tx, &admin, input, now).await?;
    }
    tx.commit().await?;
    Ok(DemoSummary {
        company_name: DEMO_COMPANY.into(),
        password: DEMO_PASSWORD.into(),
        accounts,
        stores: STORES.len() as i64,
        customers: CUSTOMERS.len() as i64,
    })
}

fn place_name(place: &str) -> String {
    STORES.iter().find(|s| s.0 == place).map(|s| s.1).unwrap_or(place).to_owned()
}
