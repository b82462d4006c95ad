#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Timelike, Utc};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use shouhou_core::account::{self, Actor, InitialSetup, NewUser, Role};
use shouhou_core::db::Store;
use tempfile::TempDir;

pub const ADMIN_PASSWORD: &str = "admin12345";

pub fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, h, m, 0).unwrap()
}

/// A store holding the demo data as loaded at `at(8, 0)`: loaded once per test binary into a
/// template folder, then copied file by file for each test (loading it takes seconds in a debug
/// build, copying it milliseconds), so every test still writes to its own database.
pub async fn demo() -> (TempDir, Store) {
    let dir = demo_folder();
    let store = Store::open(dir.path(), at(8, 0)).await.unwrap();
    (dir, store)
}

/// A data folder holding a copy of the demo data as loaded at `at(8, 0)`, for the command line
/// (which would otherwise load it again, in seconds, in its own process).
pub fn demo_folder() -> TempDir {
    static TEMPLATE: std::sync::OnceLock<TempDir> = std::sync::OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        // Each #[tokio::test] has its own runtime: build the template on a thread with its own.
        std::thread::spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                let (dir, store) = fresh().await;
                shouhou_core::demo::load(&store, at(8, 0)).await.unwrap();
                store.close().await;
                dir
            })
        })
        .join()
        .unwrap()
    });
    let dir = tempfile::tempdir().unwrap();
    copy_tree(template.path(), dir.path());
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub async fn fresh() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), at(8, 0)).await.unwrap();
    (dir, store)
}

/// A store after first-run setup, with the administrator signed in.
pub async fn initialized() -> (TempDir, Store, Actor) {
    let (dir, store) = fresh().await;
    account::initialize(
        &store,
        InitialSetup {
            company_name: "天津示例机械有限公司".into(),
            admin_username: "admin".into(),
            admin_display_name: "王管理".into(),
            password: ADMIN_PASSWORD.into(),
        },
        at(8, 1),
    )
    .await
    .unwrap();
    let admin = account::sign_in(&store, "admin", ADMIN_PASSWORD, at(8, 2)).await.unwrap();
    (dir, store, admin)
}

pub async fn department_id(store: &Store, name: &str) -> i64 {
    shouhou_core::org::list_departments(store).await.unwrap().into_iter().find(|d| d.name == name).unwrap().id
}

pub fn new_user(username: &str, role: Role, department_id: Option<i64>) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: format!("{username}姓名"),
        role,
        department_id,
        store_id: None,
        phone: String::new(),
        password: "pass12345".into(),
    }
}

pub async fn audit_count(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_event").fetch_one(store.pool()).await.unwrap()
}

/// Writes a sheet: `#n` cells become numbers, `@2025-03-04` or `@2025-03-04 09:30` Excel dates,
/// anything else text.
pub fn sheet(dir: &Path, name: &str, rows: &[&[&str]]) -> PathBuf {
    let path = dir.join(name);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if let Some(n) = value.strip_prefix('#') {
                ws.write_number(r, c, n.parse::<f64>().unwrap()).unwrap();
            } else if let Some(d) = value.strip_prefix('@') {
                let text = if d.len() == 10 { format!("{d} 00:00") } else { d.to_owned() };
                let t = NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M").unwrap();
                let excel = ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)
                    .and_then(|x| x.and_hms(t.hour() as u16, t.minute() as u8, 0))
                    .unwrap();
                ws.write_datetime_with_format(r, c, &excel, &date_format).unwrap();
            } else if !value.is_empty() {
                ws.write_string(r, c, *value).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    path
}

/// A company customer with nothing but its name (the code is given by the archive).
pub fn customer_input(name: &str) -> shouhou_core::customer::CustomerInput {
    shouhou_core::customer::CustomerInput {
        code: String::new(),
        name: name.into(),
        kind: shouhou_core::customer::CustomerKind::Company,
        region: String::new(),
        industry: String::new(),
        grade: shouhou_core::customer::CustomerGrade::Normal,
        source_store_id: None,
        tags: vec![],
        notes: String::new(),
        contacts: vec![],
        addresses: vec![],
    }
}

/// Runs the `shouhou` command line on `data_dir` with `stdin`, as a user at a terminal would.
pub fn shouhou(data_dir: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_shouhou"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("SHOUHOU_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}
