//! Departments, direct-sales stores and settings on a real database.

use crate::common;

use common::*;
use shouhou_core::account::{self, Role};
use shouhou_core::org::{self, DepartmentInput, StoreInput};
use shouhou_core::settings::{self, Settings};

#[tokio::test]
async fn departments_are_seeded_and_editable() {
    let (_dir, store, admin) = initialized().await;
    let names: Vec<String> = org::list_departments(&store).await.unwrap().into_iter().map(|d| d.name).collect();
    assert_eq!(names, ["售后服务部", "业务部", "品控中心", "技术部", "生产部", "安全管理部", "保卫部"]);

    let input = DepartmentInput { name: "采购部".into(), sort_order: 80, active: true };
    let created = org::create_department(&store, &admin, input.clone(), at(9, 0)).await.unwrap();
    let dup = org::create_department(&store, &admin, input, at(9, 1)).await.unwrap_err();
    assert_eq!(dup.user_message(), "部门“采购部”已存在");

    // A department with active users cannot be switched off.
    account::create_user(&store, &admin, new_user("buyer", Role::HiringDept, Some(created.id)), at(9, 2))
        .await
        .unwrap();
    let off = DepartmentInput { name: "采购部".into(), sort_order: 80, active: false };
    let err = org::update_department(&store, &admin, created.id, created.version, off, at(9, 3)).await.unwrap_err();
    assert_eq!(err.field(), Some("active"));
    assert!(err.user_message().contains("1名在职用户"));

    let renamed = DepartmentInput { name: "供应链部".into(), sort_order: 81, active: true };
    let after = org::update_department(&store, &admin, created.id, created.version, renamed, at(9, 4)).await.unwrap();
    assert_eq!((after.name.as_str(), after.version, after.user_count), ("供应链部", 2, 1));
}

#[tokio::test]
async fn stores_have_unique_codes_and_validated_fields() {
    let (_dir, store, admin) = initialized().await;
    let input = StoreInput {
        code: "TJ-01".into(),
        name: "天津河西直销店".into(),
        region: "天津".into(),
        address: "河西区友谊路1号".into(),
        manager: "赵店长".into(),
        phone: "022-12345678".into(),
        active: true,
    };
    let created = org::create_store(&store, &admin, input.clone(), at(9, 0)).await.unwrap();
    assert_eq!(created.code, "TJ-01");
    let dup = org::create_store(&store, &admin, StoreInput { name: "另一家".into(), ..input.clone() }, at(9, 1))
        .await
        .unwrap_err();
    assert_eq!(dup.code(), "duplicate");
    let bad = org::create_store(&store, &admin, StoreInput { code: "天津1".into(), ..input.clone() }, at(9, 1))
        .await
        .unwrap_err();
    assert_eq!(bad.field(), Some("code"));

    // A store clerk belongs to a store.
    let clerk = account::NewUser { store_id: Some(created.id), ..new_user("dianyuan", Role::StoreClerk, None) };
    let user = account::create_user(&store, &admin, clerk, at(9, 2)).await.unwrap();
    assert_eq!(user.store_name.as_deref(), Some("天津河西直销店"));
}

#[tokio::test]
async fn settings_have_defaults_and_are_validated_and_audited() {
    let (_dir, store, admin) = initialized().await;
    let current = settings::load(&store).await.unwrap();
    // The departments that must sign are seeded from the rule (报各部门审批), by name.
    let mut five = Vec::new();
    for name in ["售后服务部", "业务部", "品控中心", "技术部", "生产部"] {
        five.push(department_id(&store, name).await);
    }
    assert_eq!(
        current,
        Settings {
            company_name: "天津示例机械有限公司".into(), signoff_department_ids: five, ..Settings::default()
        }
    );
    assert_eq!((current.time_zone.as_str(), current.first_contact_hours), ("Asia/Shanghai", 24));
    let err = settings::update(
        &store,
        &admin,
        Settings { signoff_department_ids: vec![99_999], ..current.clone() },
        at(9, 0),
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("signoff_department_ids"));

    let err = settings::update(&store, &admin, Settings { time_zone: "北京时间".into(), ..current.clone() }, at(9, 0))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("time_zone"));

    let before = audit_count(&store).await;
    let saved =
        settings::update(&store, &admin, Settings { company_name: "天津新名称有限公司".into(), ..current }, at(9, 1))
            .await
            .unwrap();
    assert_eq!(saved.company_name, "天津新名称有限公司");
    assert_eq!(audit_count(&store).await, before + 1);
    // Unknown keys written by a newer program are ignored, not fatal.
    sqlx::query("INSERT INTO setting (key, value, updated_at) VALUES ('future_key', '42', 'x')")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(settings::load(&store).await.unwrap().company_name, "天津新名称有限公司");
}
