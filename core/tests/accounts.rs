//! Accounts on a real database: first-run setup, sign-in and lockout, user administration,
//! permissions, optimistic concurrency, and the audit row that goes with every change.

use crate::common;

use common::*;
use shouhou_core::account::{self, InitialSetup, Role, UserUpdate};
use shouhou_core::audit::{self, AuditFilter};

#[tokio::test]
async fn first_run_setup_happens_once() {
    let (_dir, store) = fresh().await;
    assert!(!account::setup_status(&store).await.unwrap().initialized);
    let bad = InitialSetup {
        company_name: "  ".into(),
        admin_username: "admin".into(),
        admin_display_name: "王".into(),
        password: ADMIN_PASSWORD.into(),
    };
    let err = account::initialize(&store, bad.clone(), at(8, 0)).await.unwrap_err();
    assert_eq!((err.field(), err.user_message().as_str()), (Some("company_name"), "公司名称不能为空"));
    assert_eq!(audit_count(&store).await, 0, "a refused setup writes nothing");

    let weak = InitialSetup { company_name: "甲公司".into(), password: "short".into(), ..bad.clone() };
    assert_eq!(account::initialize(&store, weak, at(8, 0)).await.unwrap_err().field(), Some("password"));

    let good = InitialSetup { company_name: "甲公司".into(), ..bad };
    let admin = account::initialize(&store, good.clone(), at(8, 0)).await.unwrap();
    assert_eq!(admin.role, Role::Admin);
    let status = account::setup_status(&store).await.unwrap();
    assert!(status.initialized);
    assert_eq!(status.company_name, "甲公司");
    assert!(status.demo.is_none(), "no demo accounts listed for a real company");

    let again = account::initialize(&store, good, at(8, 1)).await.unwrap_err();
    assert_eq!(again.code(), "already_initialized");
}

#[tokio::test]
async fn sign_in_checks_the_password_and_locks_after_repeated_failures() {
    let (_dir, store, _admin) = initialized().await;
    let err = account::sign_in(&store, "admin", "wrong-pass1", at(9, 0)).await.unwrap_err();
    assert_eq!(err.code(), "invalid_credentials");
    assert_eq!(err.user_message(), "用户名或密码错误");
    let err = account::sign_in(&store, "nobody", "whatever1", at(9, 0)).await.unwrap_err();
    assert_eq!(err.code(), "invalid_credentials", "an unknown user gets the same answer");

    // Usernames are case-insensitive; a good password resets the counter.
    let actor = account::sign_in(&store, "ADMIN", ADMIN_PASSWORD, at(9, 1)).await.unwrap();
    assert_eq!(actor.username, "admin");

    for i in 0..account::MAX_FAILED_LOGINS {
        let e = account::sign_in(&store, "admin", "wrong-pass1", at(9, 2 + i as u32)).await.unwrap_err();
        assert_eq!(e.code(), "invalid_credentials");
    }
    let locked = account::sign_in(&store, "admin", ADMIN_PASSWORD, at(9, 10)).await.unwrap_err();
    assert_eq!(locked.code(), "account_locked");
    // Lock time is shown in the company's zone (UTC+8): locked at 09:06Z + 15 min = 17:21.
    assert!(locked.user_message().contains("17:21"), "{}", locked.user_message());
    assert!(account::sign_in(&store, "admin", ADMIN_PASSWORD, at(9, 30)).await.is_ok(), "the lock expires");

    let page =
        audit::list(&store, &actor, &AuditFilter { action: Some("sign_in_failed".into()), ..Default::default() })
            .await
            .unwrap();
    assert_eq!(page.items.len(), 1 + account::MAX_FAILED_LOGINS as usize);
}

#[tokio::test]
async fn administrators_manage_users_and_every_change_is_audited() {
    let (_dir, store, admin) = initialized().await;
    let after_sales = department_id(&store, "售后服务部").await;
    let before = audit_count(&store).await;
    let user =
        account::create_user(&store, &admin, new_user("zhangsan", Role::AfterSales, Some(after_sales)), at(9, 0))
            .await
            .unwrap();
    assert_eq!(user.department_name.as_deref(), Some("售后服务部"));
    assert_eq!(audit_count(&store).await, before + 1);

    let clerk = account::sign_in(&store, "zhangsan", "pass12345", at(9, 1)).await.unwrap();
    assert_eq!(clerk.role, Role::AfterSales);

    let update = UserUpdate {
        display_name: "张三".into(),
        role: Role::AfterSalesManager,
        department_id: Some(after_sales),
        store_id: None,
        phone: "13800000000".into(),
        version: user.version,
    };
    let updated = account::update_user(&store, &admin, user.id, update.clone(), at(9, 2)).await.unwrap();
    assert_eq!((updated.display_name.as_str(), updated.role, updated.version), ("张三", Role::AfterSalesManager, 2));

    // Saving over someone else's save is refused.
    let stale = account::update_user(&store, &admin, user.id, update, at(9, 3)).await.unwrap_err();
    assert_eq!(stale.code(), "stale");

    let page = audit::list(
        &store,
        &admin,
        &AuditFilter { entity: Some("user".into()), action: Some("update".into()), ..Default::default() },
    )
    .await
    .unwrap();
    let event = &page.items[0];
    assert!(event.before_json.as_deref().unwrap().contains("zhangsan姓名"));
    assert!(event.after_json.as_deref().unwrap().contains("张三"));
    assert_eq!(event.actor_name, "王管理");

    // Deactivated users cannot sign in, and their open session ends.
    let off = account::set_user_active(&store, &admin, user.id, false, updated.version, at(9, 4)).await.unwrap();
    assert!(!off.active);
    assert_eq!(
        account::sign_in(&store, "zhangsan", "pass12345", at(9, 5)).await.unwrap_err().code(),
        "account_disabled"
    );
    assert_eq!(account::session_actor(&store, user.id).await.unwrap_err().code(), "account_disabled");

    // Reset password works and lifts the block once reactivated.
    account::set_user_active(&store, &admin, user.id, true, off.version, at(9, 6)).await.unwrap();
    account::reset_password(&store, &admin, user.id, "newpass123".into(), at(9, 7)).await.unwrap();
    assert!(account::sign_in(&store, "zhangsan", "newpass123", at(9, 8)).await.is_ok());
}

#[tokio::test]
async fn user_input_is_validated_with_the_field_named() {
    let (_dir, store, admin) = initialized().await;
    let quality = department_id(&store, "品控中心").await;
    let cases = [
        (new_user("", Role::Quality, Some(quality)), "username", "用户名不能为空"),
        (
            new_user("a b", Role::Quality, Some(quality)),
            "username",
            "用户名只能包含字母、汉字、数字、下划线、点和短横线",
        ),
        (new_user("lisi", Role::Quality, None), "department_id", "品控中心必须选择所属部门"),
        (new_user("lisi", Role::StoreClerk, None), "store_id", "直销店店员必须选择所属直销店"),
        (new_user("lisi", Role::Quality, Some(99_999)), "department_id", "所选部门不存在"),
        (
            shouhou_core::account::NewUser {
                password: "12345678".into(),
                ..new_user("lisi", Role::Quality, Some(quality))
            },
            "password",
            "密码需同时包含字母和数字",
        ),
    ];
    for (input, field, message) in cases {
        let err = account::create_user(&store, &admin, input, at(9, 0)).await.unwrap_err();
        assert_eq!((err.field(), err.user_message().as_str()), (Some(field), message));
    }
    account::create_user(&store, &admin, new_user("李四", Role::Quality, Some(quality)), at(9, 0)).await.unwrap();
    let dup = account::create_user(&store, &admin, new_user("李四", Role::Quality, Some(quality)), at(9, 1))
        .await
        .unwrap_err();
    assert_eq!((dup.code(), dup.user_message().as_str()), ("duplicate", "用户名“李四”已被使用"));
    let dup_case = account::create_user(&store, &admin, new_user("ADMIN", Role::Quality, Some(quality)), at(9, 1))
        .await
        .unwrap_err();
    assert_eq!(dup_case.code(), "duplicate");
}

#[tokio::test]
async fn only_administrators_administer() {
    let (_dir, store, admin) = initialized().await;
    let dept = department_id(&store, "售后服务部").await;
    let user =
        account::create_user(&store, &admin, new_user("clerk", Role::AfterSales, Some(dept)), at(9, 0)).await.unwrap();
    let clerk = account::sign_in(&store, "clerk", "pass12345", at(9, 1)).await.unwrap();
    let before = audit_count(&store).await;

    let forbidden = [
        account::list_users(&store, &clerk).await.map(|_| ()).unwrap_err(),
        account::create_user(&store, &clerk, new_user("x1", Role::Admin, None), at(9, 2))
            .await
            .map(|_| ())
            .unwrap_err(),
        account::reset_password(&store, &clerk, user.id, "abc123456".into(), at(9, 2)).await.unwrap_err(),
        account::set_user_active(&store, &clerk, 1, false, 1, at(9, 2)).await.map(|_| ()).unwrap_err(),
        audit::list(&store, &clerk, &AuditFilter::default()).await.map(|_| ()).unwrap_err(),
        shouhou_core::settings::update(&store, &clerk, Default::default(), at(9, 2)).await.map(|_| ()).unwrap_err(),
        store.backup(&clerk, &std::env::temp_dir().join("never.db"), at(9, 2)).await.map(|_| ()).unwrap_err(),
    ];
    for err in forbidden {
        assert_eq!(err.code(), "forbidden", "{err:?}");
    }
    assert_eq!(audit_count(&store).await, before, "refused actions write nothing");
}

#[tokio::test]
async fn the_last_administrator_cannot_be_removed_and_nobody_disables_themselves() {
    let (_dir, store, admin) = initialized().await;
    let admin_id = admin.user_id.unwrap();
    let err = account::set_user_active(&store, &admin, admin_id, false, 1, at(9, 0)).await.unwrap_err();
    assert_eq!(err.user_message(), "不能停用自己的账号");

    let dept = department_id(&store, "技术部").await;
    let demote = UserUpdate {
        display_name: "王管理".into(),
        role: Role::Technical,
        department_id: Some(dept),
        store_id: None,
        phone: String::new(),
        version: 1,
    };
    let err = account::update_user(&store, &admin, admin_id, demote, at(9, 1)).await.unwrap_err();
    assert_eq!(err.user_message(), "不能取消最后一位系统管理员的管理员角色");
}

#[tokio::test]
async fn users_change_their_own_password_by_proving_the_old_one() {
    let (_dir, store, admin) = initialized().await;
    let err =
        account::change_own_password(&store, &admin, "wrong".into(), "next12345".into(), at(9, 0)).await.unwrap_err();
    assert_eq!(err.field(), Some("old_password"));
    account::change_own_password(&store, &admin, ADMIN_PASSWORD.into(), "next12345".into(), at(9, 1)).await.unwrap();
    assert!(account::sign_in(&store, "admin", ADMIN_PASSWORD, at(9, 2)).await.is_err());
    assert!(account::sign_in(&store, "admin", "next12345", at(9, 3)).await.is_ok());
}
