//! The real command wiring on Tauri's mock runtime, with the app's real configuration and
//! capability ACL: what the window sends is what these tests send.

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use shouhou_app::AppState;
use shouhou_core::clock::FixedClock;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _dir: tempfile::TempDir,
    _app: tauri::App<MockRuntime>,
    main: WebviewWindow<MockRuntime>,
}

fn harness() -> Harness {
    harness_in(tempfile::tempdir().unwrap())
}

fn harness_in(dir: tempfile::TempDir) -> Harness {
    shouhou_app::init_runtime();
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap());
    let state = tauri::async_runtime::block_on(AppState::open_with_clock(dir.path().to_path_buf(), Box::new(clock)));
    let app = shouhou_app::configure(mock_builder(), state)
        .build(tauri::generate_context!())
        .expect("app builds on the mock runtime");
    let main = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    Harness { _dir: dir, _app: app, main }
}

fn call(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

impl Harness {
    fn ok(&self, cmd: &str, args: Value) -> Value {
        call(&self.main, cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
    fn err(&self, cmd: &str, args: Value) -> Value {
        call(&self.main, cmd, args).expect_err(cmd)
    }
    fn setup_and_sign_in(&self) -> Value {
        self.ok(
            "setup_initialize",
            json!({ "setup": { "company_name": "天津示例机械有限公司", "admin_username": "admin",
                                "admin_display_name": "王管理", "password": "admin12345" } }),
        );
        self.ok("session_sign_in", json!({ "username": "admin", "password": "admin12345" }))
    }
}

#[test]
fn first_run_setup_then_sign_in_and_out() {
    let h = harness();
    let status = h.ok("app_status", json!({}));
    assert_eq!(status["setup"]["initialized"], false);
    assert_eq!(status["startup_error"], Value::Null);

    // Nothing but setup and sign-in works before signing in.
    let err = h.err("user_list", json!({}));
    assert_eq!(err["code"], "unauthenticated");
    assert_eq!(err["message"], "请先登录");

    let actor = h.setup_and_sign_in();
    assert_eq!(actor["role"], "admin");
    assert_eq!(h.ok("app_status", json!({}))["setup"]["company_name"], "天津示例机械有限公司");
    assert_eq!(h.ok("session_current", json!({}))["username"], "admin");

    h.ok("session_sign_out", json!({}));
    assert_eq!(h.ok("session_current", json!({})), Value::Null);
    assert_eq!(h.err("user_list", json!({}))["code"], "unauthenticated");
}

#[test]
fn errors_cross_the_boundary_as_code_message_and_field() {
    let h = harness();
    h.setup_and_sign_in();
    let wrong = h.err("session_sign_in", json!({ "username": "admin", "password": "nope12345" }));
    assert_eq!(wrong, json!({ "code": "invalid_credentials", "message": "用户名或密码错误", "field": null }));

    let departments = h.ok("department_list", json!({}));
    let quality = departments.as_array().unwrap().iter().find(|d| d["name"] == "品控中心").unwrap()["id"].clone();
    let input = json!({ "username": "zhang", "display_name": "", "role": "quality", "department_id": quality,
                        "store_id": null, "phone": "", "password": "quality123" });
    let err = h.err("user_create", json!({ "input": input }));
    assert_eq!(err, json!({ "code": "validation", "message": "姓名不能为空", "field": "display_name" }));
}

#[test]
fn administrators_manage_users_through_the_commands() {
    let h = harness();
    h.setup_and_sign_in();
    let departments = h.ok("department_list", json!({}));
    let quality = departments.as_array().unwrap().iter().find(|d| d["name"] == "品控中心").unwrap()["id"].clone();
    let user = h.ok(
        "user_create",
        json!({ "input": { "username": "zhang", "display_name": "张三", "role": "quality", "department_id": quality,
                           "store_id": null, "phone": "", "password": "quality123" } }),
    );
    assert_eq!(user["department_name"], "品控中心");
    let users = h.ok("user_list", json!({}));
    assert_eq!(users.as_array().unwrap().len(), 2);

    let updated = h.ok(
        "user_update",
        json!({ "id": user["id"], "input": { "display_name": "张三丰", "role": "quality", "department_id": quality,
                                             "store_id": null, "phone": "139", "version": user["version"] } }),
    );
    assert_eq!(updated["display_name"], "张三丰");
    let off = h.ok("user_set_active", json!({ "id": user["id"], "active": false, "version": updated["version"] }));
    assert_eq!(off["active"], false);

    let audit = h.ok("audit_list", json!({ "filter": { "entity": "user" } }));
    let actions: Vec<&str> = audit["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(&actions[..3], ["deactivate", "update", "create"]);

    // A non-administrator is refused by the core, whatever the UI shows.
    h.ok("user_set_active", json!({ "id": user["id"], "active": true, "version": off["version"] }));
    h.ok("session_sign_out", json!({}));
    h.ok("session_sign_in", json!({ "username": "zhang", "password": "quality123" }));
    let err = h.err("user_list", json!({}));
    assert_eq!(err["code"], "forbidden");
    let err = h.err("settings_update", json!({ "settings": { "company_name": "X", "time_zone": "Asia/Shanghai" } }));
    assert_eq!(err["code"], "forbidden");
}

#[test]
fn settings_round_trip() {
    let h = harness();
    h.setup_and_sign_in();
    let settings = h.ok("settings_get", json!({}));
    assert_eq!(
        settings,
        json!({
            "company_name": "天津示例机械有限公司",
            "company_credit_code": "",
            "company_legal_rep": "",
            "company_address": "",
            "company_phone": "",
            "time_zone": "Asia/Shanghai",
            "first_contact_hours": 24,
            "session_idle_hours": 8,
            "signoff_department_ids": [1, 2, 3, 4, 5],
            "cause_codes": ["原材料", "生产工艺", "设备", "检验漏检", "包装运输", "设计", "人员操作", "客户使用", "其他"],
            "service_contact_name": "",
            "service_contact_phone": "",
            "objection_days": 15,
            // --- report ---
            "complaint_rate_formula": "case_rate",
            "complaint_rate_target": null,
            "report_deadline_day": 5,
            "report_deadline_hour": 17,
            "backup_hour": 2,
            "backup_keep": 14,
            "follow_up_visit_after_close": true,
            "follow_up_visit_days": 7,
            "survey_after_close": null,
            "safety": null,
        })
    );
    let saved =
        h.ok("settings_update", json!({ "settings": { "company_name": "新公司", "time_zone": "Asia/Shanghai" } }));
    assert_eq!(saved["company_name"], "新公司");
}

#[test]
fn demo_data_is_offered_only_on_an_empty_database() {
    let h = harness();
    let summary = h.ok("setup_load_demo", json!({}));
    assert_eq!(summary["password"], "demo12345");
    assert_eq!(h.ok("app_status", json!({}))["setup"]["initialized"], true);
    h.ok("session_sign_in", json!({ "username": "lina", "password": "demo12345" }));
    assert_eq!(h.err("setup_load_demo", json!({}))["code"], "already_initialized");
}

#[test]
fn the_capability_acl_applies_to_app_commands() {
    let h = harness();
    // A window the capability does not name cannot call the app's commands.
    let other = WebviewWindowBuilder::new(&h._app, "other", Default::default()).build().unwrap();
    let refused = call(&other, "app_status", json!({})).expect_err("ACL must refuse");
    assert!(refused.to_string().contains("not allowed"), "{refused}");
    assert!(call(&h.main, "app_status", json!({})).is_ok());
}

#[test]
fn every_command_is_in_the_manifest_and_the_capability() {
    let capability: Value =
        serde_json::from_str(include_str!("../capabilities/main.json")).expect("capability file is JSON");
    let allowed: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    let mut expected: Vec<String> = shouhou_app::commands::names::ALL.iter().map(|s| s.to_string()).collect();
    let mut allowed_sorted = allowed.clone();
    expected.sort();
    allowed_sorted.sort();
    assert_eq!(allowed_sorted, expected);

    // And every listed command is wired: calling it never yields "command not found".
    let h = harness();
    for name in shouhou_app::commands::names::ALL {
        if let Err(e) = call(&h.main, name, json!({})) {
            assert!(!e.to_string().contains("not found"), "{name}: {e}");
            assert!(!e.to_string().contains("没有处理者"), "{name} is declared but nobody handles it: {e}");
        }
    }
}

#[test]
fn customers_through_the_commands() {
    let h = harness();
    h.setup_and_sign_in();
    let input = json!({ "code": "", "name": "天津华泰机械有限公司", "kind": "company", "region": "天津", "industry": "机械",
                        "grade": "key", "source_store_id": null, "tags": ["老客户"], "notes": "",
                        "contacts": [{ "name": "张伟", "title": "", "phone": "13800001111", "email": "", "is_primary": true }],
                        "addresses": [] });
    let created = h.ok("customer_create", json!({ "input": input }));
    assert_eq!(created["code"], "KH000001");
    let page = h.ok("customer_list", json!({ "query": { "text": "华泰" } }));
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["primary_phone"], "13800001111");
    let history = h.ok("customer_history", json!({ "id": created["id"] }));
    assert_eq!(history[0]["action"], "create");
    let err = h.err("customer_create", json!({ "input": { "name": "" } }));
    assert_eq!(err["code"], "invalid_args", "{err}");
    assert!(err["message"].as_str().unwrap().contains("input"), "{err}");
}

// --- server (desk mode) ---

#[test]
fn a_desk_probes_pins_and_forwards_to_the_company_server_and_can_go_back_to_local() {
    use shouhou_core::account::{self, InitialSetup};
    use shouhou_core::server::Server;

    shouhou_app::init_runtime();
    let server_dir = tempfile::tempdir().unwrap();
    let clock = std::sync::Arc::new(FixedClock(Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap()));
    let server = tauri::async_runtime::block_on(async {
        let server = Server::start(server_dir.path(), "127.0.0.1:0".parse().unwrap(), clock.clone()).await.unwrap();
        let setup = InitialSetup {
            company_name: "天津示例机械有限公司".into(),
            admin_username: "admin".into(),
            admin_display_name: "王管理".into(),
            password: "admin12345".into(),
        };
        account::initialize(server.store(), setup, clock.0).await.unwrap();
        server
    });
    let address = server.local_addr().to_string();
    let h = harness();
    // The local desk holds its data folder: a server is refused on it.
    let taken = tauri::async_runtime::block_on(Server::start(h._dir.path(), "127.0.0.1:0".parse().unwrap(), clock));
    assert!(taken.is_err(), "a server on a folder the app uses");

    let probe = h.ok("desk_probe", json!({ "address": address }));
    assert_eq!(probe["fingerprint"], server.fingerprint());
    assert_eq!(probe["company_name"], "天津示例机械有限公司");
    let wrong = h.err("desk_connect", json!({ "address": address, "fingerprint": "AB".repeat(32) }));
    assert_eq!(wrong["code"], "certificate_mismatch");
    assert_eq!(h.ok("app_status", json!({}))["server"], Value::Null, "a refused pin changes nothing");

    let status = h.ok("desk_connect", json!({ "address": address, "fingerprint": probe["fingerprint"] }));
    assert_eq!(status["server"]["address"], address);
    assert_eq!(status["setup"]["company_name"], "天津示例机械有限公司");
    assert_eq!(status["setup"]["initialized"], true);
    assert_eq!(h.err("setup_load_demo", json!({}))["code"], "forbidden");
    assert_eq!(h.err("user_list", json!({}))["code"], "unauthenticated");
    assert_eq!(h.ok("session_sign_in", json!({ "username": "admin", "password": "admin12345" }))["role"], "admin");
    let users = h.ok("user_list", json!({}));
    assert_eq!(users[0]["username"], "admin", "answered by the server");

    // The choice is remembered: the app opened again on this folder works on the server.
    let dir = h._dir;
    drop(h._app);
    let again = harness_in(dir);
    assert_eq!(again.ok("app_status", json!({}))["server"]["address"], address);
    assert_eq!(again.ok("session_current", json!({})), Value::Null, "a new window signs in again");

    // An unreachable server is said on the first screen, not a crash.
    tauri::async_runtime::block_on(server.stop());
    let status = again.ok("app_status", json!({}));
    assert_eq!(status["startup_error"]["code"], "unreachable");

    let status = again.ok("desk_use_local", json!({}));
    assert_eq!(status["server"], Value::Null);
    assert_eq!(status["setup"]["initialized"], false, "the desk's own, empty store");
}
