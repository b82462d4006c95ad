//! The company server end to end on one machine: a real `Server` on 127.0.0.1:0 over TLS in a
//! temporary data folder, desks as `Remote` clients with a pinned certificate.

use crate::common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::*;
use serde_json::{Value, json};
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::api::{IpcError, Reply};
use shouhou_core::clock::Clock;
use shouhou_core::complaint::{
    self, Analysis, Category, Channel, Command, ProductLine, Registration, RemedyPlan, Share,
};
use shouhou_core::complaint::{
    AnalysisDetails, ContactInput, ContactMethod, CustomerAgreement, Inspection, Remedy, Severity,
};
use shouhou_core::customer::{self, CustomerGrade, CustomerInput, CustomerKind};
use shouhou_core::remote::Remote;
use shouhou_core::server::Server;

/// A clock the test moves by hand (the server reads it for every call).
struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

struct Company {
    dir: tempfile::TempDir,
    server: Server,
    clock: Arc<TestClock>,
    admin: Actor,
    customer_id: i64,
    quality: Actor,
}

fn localhost() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

/// A server on a fresh data folder with an administrator, a clerk (lina), a quality engineer
/// (liuyang), a 技术部 engineer (sunwei) and one customer.
async fn company() -> Company {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(TestClock(Mutex::new(at(9, 0))));
    let server = Server::start(dir.path(), localhost(), clock.clone()).await.unwrap();
    let store = server.store();
    account::initialize(
        store,
        account::InitialSetup {
            company_name: "天津示例机械有限公司".into(),
            admin_username: "admin".into(),
            admin_display_name: "王管理".into(),
            password: ADMIN_PASSWORD.into(),
        },
        at(7, 0),
    )
    .await
    .unwrap();
    let admin = account::sign_in(store, "admin", ADMIN_PASSWORD, at(7, 1)).await.unwrap();
    for (name, role, dept) in [
        ("lina", Role::AfterSales, "售后服务部"),
        ("liuyang", Role::Quality, "品控中心"),
        ("sunwei", Role::Technical, "技术部"),
        ("wangjun", Role::Production, "生产部"),
        ("chenli", Role::Business, "业务部"),
    ] {
        let id = department_id(store, dept).await;
        account::create_user(store, &admin, new_user(name, role, Some(id)), at(7, 2)).await.unwrap();
    }
    let quality = account::sign_in(store, "liuyang", "pass12345", at(7, 3)).await.unwrap();
    let customer = customer::create(
        store,
        &admin,
        CustomerInput {
            code: String::new(),
            name: "天津华泰机械有限公司".into(),
            kind: CustomerKind::Company,
            region: "天津".into(),
            industry: String::new(),
            grade: CustomerGrade::Key,
            source_store_id: None,
            tags: vec![],
            notes: String::new(),
            contacts: vec![],
            addresses: vec![],
        },
        at(7, 4),
    )
    .await
    .unwrap();
    Company { dir, server, clock, admin, customer_id: customer.id, quality }
}

impl Company {
    async fn desk(&self, name: &str) -> Remote {
        let address = self.server.local_addr().to_string();
        Remote::connect(&address, self.server.fingerprint()).await.unwrap().with_desk_name(name)
    }

    async fn signed_in(&self, desk: &str, username: &str) -> Remote {
        let remote = self.desk(desk).await;
        let actor =
            json_of(remote.call("session_sign_in", &json!({ "username": username, "password": "pass12345" })).await);
        assert_eq!(actor["username"], username);
        assert!(remote.token().is_some());
        remote
    }

    fn registration(&self, severity: Severity) -> Registration {
        Registration {
            received_at: at(8, 0),
            channel: Channel::Hotline,
            customer_id: self.customer_id,
            contact_name: "张伟".into(),
            contact_phone: "13800001111".into(),
            store_id: None,
            category: Category::Quality,
            severity,
            description: "减速机齿轮箱运行异响,拆检发现轴承磨损。".into(),
            customer_demand: "更换不良品并分析原因".into(),
            lines: vec![ProductLine {
                order_number: "SO-2026-0815".into(),
                part_number: "JSJ-200-A".into(),
                batch: "B2610".into(),
                ship_date: NaiveDate::from_ymd_opt(2026, 10, 20),
                quantity: 200,
                defective_quantity: 12,
                product_name: String::new(),
                specification: String::new(),
            }],
            samples: String::new(),
            reply_by: None,
        }
    }
}

fn json_of(reply: Result<Reply, IpcError>) -> Value {
    match reply {
        Ok(Reply::Json(value)) => value,
        Ok(_) => panic!("expected a JSON reply"),
        Err(e) => panic!("call failed: {e:?}"),
    }
}

fn code_of(reply: Result<Reply, IpcError>) -> String {
    match reply {
        Err(e) => e.code,
        Ok(_) => panic!("expected the call to be refused"),
    }
}

#[tokio::test]
async fn a_desk_with_the_right_pin_signs_in_creates_and_lists_records() {
    let c = company().await;
    let desk = c.desk("售后-PC").await;
    // Nobody signed in yet: the server says so.
    assert_eq!(code_of(desk.call("complaint_list", &json!({ "query": {} })).await), "unauthenticated");
    let wrong = desk.call("session_sign_in", &json!({ "username": "lina", "password": "nope12345" })).await;
    assert_eq!(code_of(wrong), "invalid_credentials");
    assert!(desk.token().is_none());

    let actor = json_of(desk.call("session_sign_in", &json!({ "username": "lina", "password": "pass12345" })).await);
    assert_eq!(actor["display_name"], "lina姓名");
    let created = json_of(
        desk.call("complaint_register", &json!({ "input": c.registration(Severity::Minor), "attachments": [] })).await,
    );
    assert_eq!(created["number"], "KS-2026-0001");
    let page = json_of(desk.call("complaint_list", &json!({ "query": {} })).await);
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["number"], "KS-2026-0001");
    let current = json_of(desk.call("session_current", &json!({})).await);
    assert_eq!(current["username"], "lina");

    // A preview comes back as bytes, a print as a file for the desk to open.
    let id = created["id"].as_i64().unwrap();
    let preview = desk.call("complaint_pdf_preview", &json!({ "id": id, "form": "registration" })).await.unwrap();
    assert!(matches!(preview, Reply::Bytes(ref b) if b.starts_with(b"%PDF")));
    match desk.call("complaint_pdf_open", &json!({ "id": id, "form": "registration" })).await.unwrap() {
        Reply::Open { name, bytes, .. } => {
            assert!(name.starts_with("KS-2026-0001-"), "{name}");
            assert!(bytes.starts_with(b"%PDF"));
        }
        _ => panic!("expected a file to open"),
    }
    // Errors keep their shape: field and Chinese message.
    let err = desk.call("complaint_get", &json!({ "id": 999_999 })).await.err().expect("refused");
    assert_eq!(err.code, "not_found");
    let err = desk.call("complaint_get", &json!({ "id": "x" })).await.err().expect("refused");
    assert_eq!(err.code, "invalid_args");

    // Signing out ends the token on the server, not just at the desk.
    let token = desk.token().unwrap();
    json_of(desk.call("session_sign_out", &json!({})).await);
    assert!(desk.token().is_none());
    desk.set_token(Some(token));
    assert_eq!(code_of(desk.call("complaint_list", &json!({ "query": {} })).await), "unauthenticated");
    c.server.stop().await;
}

#[tokio::test]
async fn a_wrong_pin_is_refused_with_a_clear_message_and_the_fingerprint_can_be_read_first() {
    let c = company().await;
    let address = c.server.local_addr().to_string();
    let shown = Remote::fingerprint_of(&address).await.unwrap();
    assert_eq!(shown, c.server.fingerprint());
    // The pin may be typed in lower case without colons.
    let typed = shown.replace(':', "").to_lowercase();
    Remote::connect(&address, &typed).await.unwrap();

    let other = shouhou_core::server::tls::fingerprint(b"another certificate");
    let err = Remote::connect(&address, &other).await.err().expect("a wrong pin is refused");
    assert_eq!(err.code, "certificate_mismatch");
    assert!(err.message.starts_with("服务器证书与已确认的指纹不一致"), "{}", err.message);
    assert!(err.message.contains(c.server.fingerprint()), "{}", err.message);
    c.server.stop().await;
}

#[tokio::test]
async fn one_desk_registers_a_serious_complaint_another_signs_it_and_the_first_sees_the_signature() {
    let c = company().await;
    let desk_a = c.signed_in("售后-PC", "lina").await;
    let desk_b = c.signed_in("技术部-PC", "sunwei").await;

    let registered = json_of(
        desk_a
            .call("complaint_register", &json!({ "input": c.registration(Severity::Serious), "attachments": [] }))
            .await,
    );
    let id = registered["id"].as_i64().unwrap();
    // The steps between (contact, analysis by 品控中心, remedy and submission) run in-process on
    // the server's store; what matters here is the two desks.
    let store = c.server.store();
    let contact = ContactInput {
        contacted_at: at(8, 30),
        method: ContactMethod::Phone,
        customer_person: "张伟".into(),
        summary: "已受理".into(),
    };
    let actor = |name: &'static str| account::sign_in(store, name, "pass12345", at(8, 30));
    let (clerk, production, business) =
        (actor("lina").await.unwrap(), actor("wangjun").await.unwrap(), actor("chenli").await.unwrap());
    let technical = actor("sunwei").await.unwrap();
    let cx = complaint::add_contact(store, &clerk, id, contact, at(8, 31)).await.unwrap();
    let cx = complaint::transition(store, &clerk, id, cx.version, Command::StartAnalysis, "", at(8, 32)).await.unwrap();
    let analysis = Analysis {
        cause_analysis: "轴承装配时预紧力不足。".into(),
        production_unit: "装配二车间".into(),
        production_staff: "王师傅".into(),
        production_date: NaiveDate::from_ymd_opt(2026, 10, 12),
        our_fault: Some(true),
        appraisal_result: String::new(),
        appraisal_basis: String::new(),
        responsibilities: vec![Share {
            department_id: production.department_id,
            party: "王师傅".into(),
            share_percent: 100,
        }],
    };
    let details = AnalysisDetails {
        cause_code: "生产工艺".into(),
        inspections: vec![Inspection {
            department_id: c.quality.department_id.unwrap(),
            person: "刘洋".into(),
            inspected_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        }],
    };
    let cx = complaint::save_analysis(store, &c.quality, id, cx.version, analysis, details, at(8, 33)).await.unwrap();
    let required = shouhou_core::settings::load(store).await.unwrap().signoff_department_ids;
    let plan = RemedyPlan {
        remedy: Some(Remedy::Exchange),
        remedy_detail: "更换12台不良品。".into(),
        claimed_fen: 100_000,
        agreed_fen: 80_000,
        approval_department_ids: required,
    };
    let cx = complaint::save_remedy(store, &clerk, id, cx.version, plan, at(8, 34)).await.unwrap();
    let cx =
        complaint::save_measures(store, &production, id, cx.version, "调整装配工序的预紧力", at(8, 34)).await.unwrap();
    let cx = complaint::save_measures(store, &technical, id, cx.version, "修订装配图纸公差", at(8, 34)).await.unwrap();
    let cx = complaint::agree_remedy(store, &clerk, id, cx.version, at(8, 34)).await.unwrap();
    let cx = complaint::agree_remedy(store, &business, id, cx.version, at(8, 34)).await.unwrap();
    let agreement = CustomerAgreement {
        agreed_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        contact: "张伟".into(),
        summary: "客户同意更换。".into(),
    };
    let cx = complaint::save_customer_agreement(store, &clerk, id, cx.version, agreement, at(8, 34)).await.unwrap();
    complaint::transition(store, &clerk, id, cx.version, Command::SubmitForApproval, "", at(8, 35)).await.unwrap();

    // Each desk signs for its own user's department, and only once.
    json_of(desk_a.call("complaint_sign", &json!({ "id": id, "approve": true, "comment": "同意" })).await);
    let again = desk_a.call("complaint_sign", &json!({ "id": id, "approve": true, "comment": "" })).await;
    assert_eq!(again.err().expect("refused").code, "validation");
    json_of(desk_b.call("complaint_sign", &json!({ "id": id, "approve": true, "comment": "同意更换" })).await);

    let seen = json_of(desk_a.call("complaint_get", &json!({ "id": id })).await);
    let approvals = seen["approvals"].as_array().unwrap();
    let technical = approvals.iter().find(|a| a["department_name"] == "技术部").expect("技术部's place");
    assert_eq!(technical["approved"], true);
    assert_eq!(technical["comment"], "同意更换");
    assert_eq!(technical["signer_name"], "sunwei姓名");
    let after_sales = approvals.iter().find(|a| a["department_name"] == "售后服务部").expect("售后服务部's place");
    assert_eq!(after_sales["signer_name"], "lina姓名");
    let signed = approvals.iter().filter(|a| a["approved"] != Value::Null).count();
    assert_eq!(signed, 2, "售后服务部 and 技术部 have signed: {approvals:?}");
    c.server.stop().await;
}

#[tokio::test]
async fn a_concurrent_edit_from_the_same_version_is_refused_as_stale() {
    let c = company().await;
    let desk_a = c.signed_in("售后-PC", "lina").await;
    let registered = json_of(
        desk_a
            .call("complaint_register", &json!({ "input": c.registration(Severity::Minor), "attachments": [] }))
            .await,
    );
    let (id, version) = (registered["id"].as_i64().unwrap(), registered["version"].as_i64().unwrap());
    let desk_b = c.signed_in("售后-PC2", "lina").await;
    let mut edit = c.registration(Severity::Minor);
    edit.description = "第一次修改".into();
    let first = desk_a
        .call("complaint_update_registration", &json!({ "id": id, "version": version, "input": edit, "reason": "" }))
        .await;
    assert_eq!(json_of(first)["version"], version + 1);
    edit.description = "第二次修改(基于旧版本)".into();
    let second = desk_b
        .call("complaint_update_registration", &json!({ "id": id, "version": version, "input": edit, "reason": "" }))
        .await;
    let err = second.err().expect("refused");
    assert_eq!(err.code, "stale");
    assert!(err.message.contains("已被他人修改,请刷新后重试"), "{}", err.message);
    c.server.stop().await;
}

#[tokio::test]
async fn a_second_server_on_the_same_data_folder_is_refused() {
    let c = company().await;
    let err = Server::start(c.dir.path(), localhost(), c.clock.clone()).await.err().expect("refused");
    assert_eq!(err.field(), Some("data_dir"));
    assert!(err.user_message().contains("已由另一个 shouhou serve 使用"), "{}", err.user_message());
    // Once the first stops, the folder is free again (and keeps its certificate).
    let fingerprint = c.server.fingerprint().to_owned();
    c.server.stop().await;
    let again = Server::start(c.dir.path(), localhost(), c.clock.clone()).await.unwrap();
    assert_eq!(again.fingerprint(), fingerprint);
    assert!(!again.created_certificate());
    again.stop().await;
}

#[tokio::test]
async fn deactivating_a_user_or_resetting_their_password_ends_their_sessions_at_once() {
    let c = company().await;
    let lina = c.signed_in("售后-PC", "lina").await;
    let sunwei = c.signed_in("技术部-PC", "sunwei").await;
    let users = c.server.store();
    let user = async |name: &str| {
        account::list_users(users, &c.admin).await.unwrap().into_iter().find(|u| u.username == name).unwrap()
    };

    let u = user("lina").await;
    account::set_user_active(users, &c.admin, u.id, false, u.version, at(9, 5)).await.unwrap();
    assert_eq!(code_of(lina.call("complaint_list", &json!({ "query": {} })).await), "unauthenticated");
    assert!(lina.token().is_none());

    let u = user("sunwei").await;
    account::reset_password(users, &c.admin, u.id, "newpass123".into(), at(9, 6)).await.unwrap();
    assert_eq!(code_of(sunwei.call("complaint_list", &json!({ "query": {} })).await), "unauthenticated");
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM server_session").fetch_one(users.pool()).await.unwrap();
    assert_eq!(left, 0);
    c.server.stop().await;
}

#[tokio::test]
async fn an_idle_session_expires_after_the_hours_in_the_settings() {
    let c = company().await;
    let mut settings = shouhou_core::settings::load(c.server.store()).await.unwrap();
    assert_eq!(settings.session_idle_hours, Some(8));
    settings.session_idle_hours = Some(2);
    shouhou_core::settings::update(c.server.store(), &c.admin, settings, at(8, 0)).await.unwrap();
    let desk = c.signed_in("售后-PC", "lina").await;
    // Calls keep the session alive ...
    c.clock.advance(Duration::minutes(100));
    json_of(desk.call("complaint_list", &json!({ "query": {} })).await);
    c.clock.advance(Duration::minutes(100));
    json_of(desk.call("complaint_list", &json!({ "query": {} })).await);
    // ... two hours without one end it.
    c.clock.advance(Duration::minutes(121));
    assert_eq!(code_of(desk.call("complaint_list", &json!({ "query": {} })).await), "unauthenticated");
    c.server.stop().await;
}

#[tokio::test]
async fn audit_rows_carry_the_desk_the_change_came_from() {
    let c = company().await;
    let desk = c.signed_in("售后-PC", "lina").await;
    let registered = json_of(
        desk.call("complaint_register", &json!({ "input": c.registration(Severity::Minor), "attachments": [] })).await,
    );
    let id = registered["id"].to_string();
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT action, desk FROM audit_event WHERE actor_name = 'lina姓名' ORDER BY id")
            .fetch_all(c.server.store().pool())
            .await
            .unwrap();
    let desk_label = Some("售后-PC (127.0.0.1)".to_owned());
    assert_eq!(rows, vec![("sign_in".into(), desk_label.clone()), ("register".into(), desk_label.clone())]);
    // The history the desk reads shows it too; changes made in-process have none.
    let history = json_of(desk.call("complaint_history", &json!({ "id": id.parse::<i64>().unwrap() })).await);
    assert_eq!(history[0]["desk"], "售后-PC (127.0.0.1)");
    let admin_rows: Vec<Option<String>> =
        sqlx::query_scalar("SELECT desk FROM audit_event WHERE actor_name = '王管理'")
            .fetch_all(c.server.store().pool())
            .await
            .unwrap();
    assert!(!admin_rows.is_empty() && admin_rows.iter().all(Option::is_none));
    // The session row names the desk too.
    let (name, address): (String, String) = sqlx::query_as("SELECT desk_name, desk_address FROM server_session")
        .fetch_one(c.server.store().pool())
        .await
        .unwrap();
    assert_eq!((name.as_str(), address.as_str()), ("售后-PC", "127.0.0.1"));
    c.server.stop().await;
}

#[tokio::test]
async fn every_core_command_has_a_route_and_unknown_names_are_refused() {
    let c = company().await;
    let desk = c.desk("售后-PC").await;
    for command in shouhou_core::api::COMMANDS.iter().filter(|c| !c.shell) {
        // Without a session every command answers with a core error, never "no such route".
        if let Err(e) = desk.call(command.name, &json!({})).await {
            assert_ne!(e.code, "unknown_command", "{}", command.name);
        }
    }
    assert_eq!(code_of(desk.call("app_status", &json!({})).await), "unknown_command");
    assert_eq!(code_of(desk.call("no_such_command", &json!({})).await), "unknown_command");
    c.server.stop().await;
}

/// `shouhou serve` as an administrator runs it: it prints the address and the fingerprint a
/// desk can connect with, and a second `serve` on the same folder exits with the reason.
#[tokio::test]
async fn the_serve_command_prints_the_fingerprint_and_refuses_a_second_server() {
    use std::io::BufRead;
    use std::process::{Command as Process, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let serve = |dir: &std::path::Path| {
        Process::new(env!("CARGO_BIN_EXE_shouhou"))
            .arg("--data-dir")
            .arg(dir)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env_remove("SHOUHOU_DATA_DIR")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut first = serve(dir.path());
    let mut lines = std::io::BufReader::new(first.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let done = line.starts_with("按 Ctrl+C");
        printed.push(line);
        if done {
            break;
        }
    }
    let text = printed.join("\n");
    if !text.contains("已生成公司证书") {
        // It exited early: say why (the binary is in the target folder shared by every worktree).
        let out = first.wait_with_output().unwrap();
        panic!("serve printed {text:?}, exit {:?}, stderr {}", out.status, String::from_utf8_lossy(&out.stderr));
    }
    let address = text.lines().find_map(|l| l.strip_prefix("公司服务器已启动:https://")).expect(&text).to_owned();
    let fingerprint = text.lines().map(str::trim).find(|l| l.len() == 95 && l.contains(':')).expect(&text).to_owned();
    let desk = Remote::connect(&address, &fingerprint).await.unwrap();
    assert_eq!(code_of(desk.call("complaint_list", &json!({ "query": {} })).await), "unauthenticated");

    let second = serve(dir.path()).wait_with_output().unwrap();
    assert!(!second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("已由另一个 shouhou serve 使用"), "{stderr}");

    // `shouhou check --server` reads the server's health; a wrong pin exits 3.
    let check = |pin: &str| {
        Process::new(env!("CARGO_BIN_EXE_shouhou"))
            .args(["check", "--server", &address, "--fingerprint", pin])
            .output()
            .unwrap()
    };
    let ok = check(&fingerprint);
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(ok.status.success(), "{text} {}", String::from_utf8_lossy(&ok.stderr));
    assert!(text.contains("(与已确认的一致)") && text.contains("在线会话:0") && text.contains("状态:正常"), "{text}");
    let wrong = check(&"AB".repeat(32));
    assert_eq!(wrong.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&wrong.stdout).contains("服务器证书与已确认的指纹不一致"));

    first.kill().unwrap();
    first.wait().unwrap();
}

#[tokio::test]
async fn when_the_server_restarts_the_desk_reconnects_and_keeps_its_session() {
    let c = company().await;
    let desk = c.signed_in("售后-PC", "lina").await;
    json_of(desk.call("complaint_list", &json!({ "query": {} })).await);
    let address = c.server.local_addr();
    c.server.stop().await;

    let err = desk.call("complaint_list", &json!({ "query": {} })).await.err().expect("server is down");
    assert_eq!(err.code, "unreachable");
    assert!(err.message.contains(&address.to_string()), "{}", err.message);

    let server = Server::start(c.dir.path(), address, c.clock.clone()).await.unwrap();
    let page = json_of(desk.call("complaint_list", &json!({ "query": {} })).await);
    assert_eq!(page["total"], 0);
    assert!(desk.token().is_some());
    server.stop().await;
}

// --- part 2: files, health ---

#[tokio::test]
async fn files_go_up_to_the_server_in_chunks_and_exports_come_down_to_the_desks_path() {
    let c = company().await;
    let desk = c.signed_in("售后-PC", "lina").await;
    let local = tempfile::tempdir().unwrap();
    // Larger than two chunks, so it crosses in three requests.
    let notes = local.path().join("现场记录.txt");
    let text: Vec<u8> = (0..9 * 1024 * 1024 + 5).map(|i| b'a' + (i % 26) as u8).collect();
    std::fs::write(&notes, &text).unwrap();
    let created = json_of(
        desk.call(
            "complaint_register",
            &json!({ "input": c.registration(Severity::Minor), "attachments": [notes.display().to_string()] }),
        )
        .await,
    );
    assert_eq!(created["attachments"][0]["file_name"], "现场记录.txt");
    assert_eq!(created["attachments"][0]["size_bytes"], text.len() as i64);
    let attachment = created["attachments"][0]["id"].as_i64().unwrap();
    match desk.call("attachment_content", &json!({ "id": attachment })).await.unwrap() {
        Reply::Bytes(bytes) => assert!(bytes == text, "the server holds the desk's bytes"),
        _ => panic!("expected bytes"),
    }
    // The existing checks apply on the server: an empty file is refused by name.
    let empty = local.path().join("空.txt");
    std::fs::write(&empty, b"").unwrap();
    let err = desk
        .call(
            "attachment_add",
            &json!({ "owner": "complaint", "ownerId": created["id"], "paths": [empty.display().to_string()], "caption": "" }),
        )
        .await
        .err()
        .expect("refused");
    assert_eq!((err.code.as_str(), err.field.as_deref()), ("validation", Some("file")));
    assert!(err.message.contains("空.txt"), "{}", err.message);
    // A missing file on the desk is refused at the desk, by name.
    let err = desk
        .call(
            "customer_import",
            &json!({ "path": local.path().join("无此文件.xlsx").display().to_string(), "mode": "all_or_nothing" }),
        )
        .await
        .err()
        .expect("refused");
    assert!(err.message.contains("无此文件.xlsx"), "{}", err.message);

    // An export is written on the server and lands at the desk's path.
    let out = local.path().join("客户档案.xlsx");
    let count =
        json_of(desk.call("customer_export", &json!({ "path": out.display().to_string(), "template": false })).await);
    assert_eq!(count, 1);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx (zip) file");
    let staging = c.dir.path().join("server").join("transfer");
    let left: Vec<_> = walk(&staging);
    assert!(left.is_empty(), "nothing stays in the server's staging folder: {left:?}");

    // The server's backup is the server's own (its raw-path refusal: server::files unit tests).
    let err =
        desk.call("system_backup", &json!({ "path": local.path().join("b.db").display().to_string() })).await.err();
    assert_eq!(err.expect("refused").code, "forbidden");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = vec![];
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[tokio::test]
async fn the_health_route_answers_without_sign_in_and_counts_sessions() {
    let c = company().await;
    let _lina = c.signed_in("售后-PC", "lina").await;
    let _sunwei = c.signed_in("技术部-PC", "sunwei").await;
    let desk = c.desk("门卫-PC").await;
    let health = desk.health().await.unwrap();
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(health.sessions, 2);
    assert_eq!(health.started_at, at(9, 0));
    assert!(health.last_backup.is_none());
    // The desk reads the server's company before anyone signs in.
    let status = shouhou_core::desk::server_status(&desk).await.unwrap();
    assert!(status.setup.initialized);
    assert_eq!(status.setup.company_name, "天津示例机械有限公司");
}

#[tokio::test]
async fn a_desk_probes_then_pins_and_a_pinned_desk_starts_while_the_server_is_down() {
    let c = company().await;
    let address = c.server.local_addr().to_string();
    let probe = shouhou_core::desk::probe(&address).await.unwrap();
    assert_eq!(probe.fingerprint, c.server.fingerprint());
    assert_eq!(probe.company_name, "天津示例机械有限公司");
    assert!(probe.initialized);
    let err = shouhou_core::desk::probe("127.0.0.1:1").await.expect_err("nobody listens there");
    assert_eq!(err.code, "unreachable");

    // Pinned without connecting: the first call connects (and is refused on a wrong pin).
    let desk = Remote::pinned(&address, &probe.fingerprint.to_lowercase());
    json_of(desk.call("session_sign_in", &json!({ "username": "lina", "password": "pass12345" })).await);
    let wrong = Remote::pinned(&address, &"AB".repeat(32));
    let err = wrong.call("session_current", &json!({})).await.err().expect("refused");
    assert_eq!(err.code, "certificate_mismatch");
    assert!(err.message.contains("服务器证书与已确认的指纹不一致"), "{}", err.message);
}

#[tokio::test]
async fn each_window_holds_its_own_session_on_one_connection() {
    let c = company().await;
    let desk = c.desk("售后-PC").await;
    let (first, second) = (Mutex::new(None), Mutex::new(None));
    let sign_in = |user: &'static str| json!({ "username": user, "password": "pass12345" });
    json_of(desk.call_as(&first, "session_sign_in", &sign_in("lina")).await);
    json_of(desk.call_as(&second, "session_sign_in", &sign_in("sunwei")).await);
    assert_eq!(json_of(desk.call_as(&first, "session_current", &json!({})).await)["username"], "lina");
    assert_eq!(json_of(desk.call_as(&second, "session_current", &json!({})).await)["username"], "sunwei");
    json_of(desk.call_as(&first, "session_sign_out", &json!({})).await);
    assert!(first.lock().unwrap().is_none());
    assert_eq!(json_of(desk.call_as(&second, "session_current", &json!({})).await)["username"], "sunwei");
}
