//! The `shouhou` binary end to end: init, check, user add/list, backup, data-dir selection.

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::shouhou;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn init_check_users_and_backup() {
    let dir = tempfile::tempdir().unwrap();
    let out = shouhou(
        dir.path(),
        &["init", "--company", "天津示例机械有限公司", "--admin", "admin", "--password-stdin"],
        "admin12345\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("初始化完成"));

    let again =
        shouhou(dir.path(), &["init", "--company", "X", "--admin", "admin", "--password-stdin"], "admin12345\n");
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("系统已完成初始化设置"), "{}", text(&again.stderr));

    let check = shouhou(dir.path(), &["check"], "");
    assert!(check.status.success(), "{}", text(&check.stdout));
    assert!(text(&check.stdout).contains("完整性检查:ok"));
    let json = shouhou(dir.path(), &["check", "--json"], "");
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["healthy"], true);

    let add = shouhou(
        dir.path(),
        &[
            "user",
            "add",
            "--username",
            "zhang",
            "--name",
            "张三",
            "--role",
            "quality",
            "--department",
            "品控中心",
            "--password-stdin",
        ],
        "quality123\n",
    );
    assert!(add.status.success(), "{}", text(&add.stderr));
    let bad_role = shouhou(
        dir.path(),
        &["user", "add", "--username", "li", "--name", "李四", "--role", "boss", "--password-stdin"],
        "x\n",
    );
    assert!(!bad_role.status.success());
    assert!(text(&bad_role.stderr).contains("角色“boss”不存在"));
    let weak = shouhou(
        dir.path(),
        &[
            "user",
            "add",
            "--username",
            "li",
            "--name",
            "李四",
            "--role",
            "quality",
            "--department",
            "品控中心",
            "--password-stdin",
        ],
        "short\n",
    );
    assert!(text(&weak.stderr).contains("密码至少需要8位"));

    let list = shouhou(dir.path(), &["user", "list"], "");
    let listed = text(&list.stdout);
    assert!(listed.contains("zhang\t张三\t品控中心\t品控中心\t启用"), "{listed}");
    assert!(listed.contains("admin\tadmin\t系统管理员"), "{listed}");
    assert!(!listed.contains("李四"));

    let backup = dir.path().join("backup.db");
    let out = shouhou(dir.path(), &["backup", "--out", backup.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("完整性检查 ok"));
    assert!(backup.exists());
    let twice = shouhou(dir.path(), &["backup", "--out", backup.to_str().unwrap()], "");
    assert!(!twice.status.success());
}

#[test]
fn the_data_dir_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shouhou"))
        .args(["check"])
        .env("SHOUHOU_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("shouhou.db").exists());
}

#[test]
fn check_fails_on_a_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    assert!(shouhou(dir.path(), &["check"], "").status.success());
    // Scribble over the middle of the file, the way a failing disk would.
    let path = dir.path().join("shouhou.db");
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192);
    for b in &mut bytes[4096..8192] {
        *b = 0xA5;
    }
    std::fs::write(&path, bytes).unwrap();
    let _ = std::fs::remove_file(dir.path().join("shouhou.db-wal"));
    let out = shouhou(dir.path(), &["check"], "");
    assert!(!out.status.success(), "damaged file reported healthy: {}", text(&out.stdout));
}

/// SQLite's own discipline: kill the writer at random moments, then check the file. Every
/// user whose `user add` reported success before the kill must be there, and the database
/// must pass the integrity check.
#[test]
fn records_survive_kill_dash_nine_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let init =
        shouhou(dir.path(), &["init", "--company", "崩溃测试", "--admin", "admin", "--password-stdin"], "admin12345\n");
    assert!(init.status.success());
    let mut committed = Vec::new();
    let mut seed: u64 = 0x5eed;
    for i in 0..24 {
        let username = format!("crash{i}");
        let mut child = Command::new(env!("CARGO_BIN_EXE_shouhou"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(["user", "add", "--username", &username, "--name", "测试", "--role", "gate"])
            .args(["--department", "保卫部", "--password-stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(b"gate12345\n").unwrap();
        // A pseudo-random delay between 0 and ~120 ms: sometimes before, during or after the commit.
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        std::thread::sleep(std::time::Duration::from_millis((seed >> 33) % 120));
        let _ = child.kill(); // SIGKILL on Unix
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            committed.push(username);
        }
        let check = shouhou(dir.path(), &["check"], "");
        assert!(check.status.success(), "after kill {i}: {}", text(&check.stdout));
    }
    let list = text(&shouhou(dir.path(), &["user", "list"], "").stdout);
    for username in &committed {
        assert!(list.contains(&format!("{username}\t")), "{username} reported committed but is missing");
    }
    eprintln!("{} of 24 writers finished before the kill", committed.len());
}

#[test]
fn customers_export_a_template_and_import_it_back() {
    let dir = tempfile::tempdir().unwrap();
    assert!(shouhou(dir.path(), &["demo-data"], "").status.success());
    let export = dir.path().join("customers.xlsx");
    let out = shouhou(dir.path(), &["export", "customers", "--out", export.to_str().unwrap()], "");
    assert!(text(&out.stdout).contains("已导出客户 12 个"), "{}", text(&out.stdout));

    // Into another database: all 12 come in, with their codes.
    let other = common::demo_folder();
    let again = shouhou(other.path(), &["import", "customers", export.to_str().unwrap()], "");
    assert_eq!(again.status.code(), Some(3), "every code already exists there: nothing imported");
    assert!(text(&again.stdout).contains("第2行 客户编号:客户编号“KH000001”已存在于系统中"), "{}", text(&again.stdout));

    let template = dir.path().join("template.xlsx");
    let out = shouhou(dir.path(), &["export", "customers", "--out", template.to_str().unwrap(), "--template"], "");
    assert!(out.status.success());
    let empty = shouhou(dir.path(), &["import", "customers", template.to_str().unwrap()], "");
    assert!(text(&empty.stderr).contains("没有数据行"));
}

#[test]
fn the_complaint_register_exports_by_date_and_a_duplicate_import_is_refused() {
    // The demo as loaded on 2026-11-27: some of its complaints were received in 2026, some before.
    let dir = common::demo_folder();
    let all = dir.path().join("register.xlsx");
    let out = shouhou(dir.path(), &["export", "complaints", "--out", all.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let total: usize = text(&out.stdout)
        .trim()
        .strip_prefix("已导出投诉 ")
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{}", text(&out.stdout)));
    assert!(total >= 10);

    let this_year = dir.path().join("2026.xlsx");
    let out = shouhou(
        dir.path(),
        &["export", "complaints", "--out", this_year.to_str().unwrap(), "--from", "2026-01-01", "--to", "2026-12-31"],
        "",
    );
    let some: usize = text(&out.stdout)
        .trim()
        .strip_prefix("已导出投诉 ")
        .and_then(|s| s.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(some > 0 && some < total, "{some} of {total}");

    let again = shouhou(dir.path(), &["import", "complaints", all.to_str().unwrap()], "");
    assert_eq!(again.status.code(), Some(3), "every number already exists: nothing imported");
    assert!(text(&again.stdout).contains("投诉编号:投诉编号“KS-"), "{}", text(&again.stdout));
    assert!(text(&again.stdout).contains("文件有错误,未导入任何数据"));
}
