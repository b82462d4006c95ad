//! Demo data: a realistic small company so a new user sees a living system. Loaded only into
//! an empty database, in one transaction. Later modules add their records here.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::account::{self, InitialSetup, NewUser, Role};
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
}

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
    tx.commit().await?;
    Ok(DemoSummary {
        company_name: DEMO_COMPANY.into(),
        password: DEMO_PASSWORD.into(),
        accounts,
        stores: STORES.len() as i64,
    })
}

fn place_name(place: &str) -> String {
    STORES.iter().find(|s| s.0 == place).map(|s| s.1).unwrap_or(place).to_owned()
}
