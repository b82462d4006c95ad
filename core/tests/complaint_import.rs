//! The complaint register in Excel: a past years' register imported with its dates and states,
//! malformed files and rows refused with row numbers and reasons, export and import round trip.

use crate::common;

use chrono::{TimeZone, Utc};
use common::*;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::complaint::{self, ComplaintQuery, State};
use shouhou_core::customer::{self, ImportMode};
use shouhou_core::db::Store;
use shouhou_core::org;

const HEADER: &[&str] = &[
    "投诉编号",
    "投诉日期",
    "投诉渠道",
    "客户编号",
    "客户名称",
    "投诉类别",
    "严重程度",
    "订单编号",
    "料号",
    "交运日期",
    "数量",
    "不良数量",
    "投诉内容",
    "状态",
    "是否我方原因",
    "责任归属",
    "处理方式",
    "客户索赔金额(元)",
    "结案日期",
    "状态说明",
];

async fn customers(store: &Store, admin: &Actor) {
    for name in ["天津华泰机械有限公司", "北京恒通经贸有限公司"] {
        let input = customer_input(name);
        customer::create(store, admin, input, at(8, 3)).await.unwrap();
    }
}

async fn all(store: &Store, admin: &Actor) -> Vec<complaint::Complaint> {
    let page = complaint::list(store, admin, &ComplaintQuery { limit: Some(200), ..Default::default() }, at(9, 0))
        .await
        .unwrap();
    let mut out = Vec::new();
    for c in page.items.iter().rev() {
        out.push(complaint::get(store, admin, c.id).await.unwrap());
    }
    out
}

#[tokio::test]
async fn a_past_register_keeps_its_numbers_dates_states_and_lines() {
    let (dir, store, admin) = initialized().await;
    customers(&store, &admin).await;
    #[rustfmt::skip]
    let file = sheet(dir.path(), "register.xlsx", &[
        HEADER,
        &["KS-2025-0042", "@2025-03-04 09:30", "热线", "KH000001", "", "质量异常", "严重", "SO-25-001", "LH-100", "@2025-02-20", "#500", "#12",
          "齿轮箱异响", "结案", "是", "生产部 60%、品控中心 40%", "换货", "1,234.50", "2025-03-20", ""],
        &["", "", "", "", "", "", "", "SO-25-002", "LH-200", "2025/2/21", "#100", "#3", "", "", "", "", "", "", "", ""],
        &["", "2025年5月6日", "", "", "北京恒通经贸有限公司", "非质量异常", "", "", "", "", "", "",
          "包装破损", "撤销", "", "", "", "", "", "客户重复投诉"],
        &["", "2026-10-08 14:00", "直销店", "KH000002", "", "其他", "轻微", "", "", "", "", "",
          "送货延迟", "", "", "", "", "", "", ""],
    ]);
    let report = complaint::import(&store, &admin, &file, ImportMode::AllOrNothing, at(9, 0)).await.unwrap();
    assert_eq!((report.rows, report.imported), (4, 3), "{:?}", report.problems);
    assert!(report.problems.is_empty());

    let got = all(&store, &admin).await;
    let numbers: Vec<&str> = got.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(numbers, ["KS-2025-0042", "KS-2025-0043", "KS-2026-0001"], "given numbers kept, the rest follow them");

    let first = &got[0];
    assert_eq!(first.state, State::Closed);
    assert_eq!(first.registration.received_at, Utc.with_ymd_and_hms(2025, 3, 4, 1, 30, 0).unwrap(), "09:30 in 上海");
    assert_eq!(first.closed_at, Some(Utc.with_ymd_and_hms(2025, 3, 19, 16, 0, 0).unwrap()));
    assert_eq!(first.registration.lines.len(), 2, "the continuation row is the second product line");
    assert_eq!(first.registration.lines[1].part_number, "LH-200");
    assert_eq!(first.registration.lines[1].ship_date.map(|d| d.to_string()).as_deref(), Some("2025-02-21"));
    assert_eq!(first.registration.lines[0].defective_quantity, 12);
    assert_eq!(first.remedy.claimed_fen, 123_450);
    let shares: Vec<(Option<&str>, i64)> =
        first.responsibility.iter().map(|s| (s.department_name.as_deref(), s.share_percent)).collect();
    assert_eq!(shares, [(Some("生产部"), 60), (Some("品控中心"), 40)]);
    // Marked 历史导入 with its file; a serious complaint arriving closed was signed off on paper.
    assert_eq!(first.imported_from, "register.xlsx");
    assert_eq!(first.import_note, "历史导入:会签已在纸面完成,见原始处理表");
    assert_eq!((got[2].imported_from.as_str(), got[2].import_note.as_str()), ("register.xlsx", ""));

    assert_eq!((got[1].state, got[1].state_reason.as_str()), (State::Cancelled, "客户重复投诉"));
    assert_eq!(got[2].state, State::Registered);

    // The history says where the complaint came from; new numbers in 2025 follow the imported ones.
    let history = complaint::history(&store, &admin, first.id).await.unwrap();
    assert!(history.iter().any(|e| e.summary.contains("从 Excel 导入(第2行)")), "{history:?}");
    let n: i64 = sqlx::query_scalar("SELECT last FROM number_sequence WHERE scope = 'complaint' AND period = 2025")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(n, 43);

    // Searching finds the imported complaints by part number.
    let q = ComplaintQuery { text: Some("LH-200".into()), ..Default::default() };
    assert_eq!(complaint::list(&store, &admin, &q, at(9, 0)).await.unwrap().total, 1);
}

#[tokio::test]
async fn bad_rows_are_reported_by_row_and_column_and_nothing_is_imported() {
    let (dir, store, admin) = initialized().await;
    customers(&store, &admin).await;
    complaint::import(
        &store,
        &admin,
        &sheet(dir.path(), "first.xlsx", &[HEADER, &row("KS-2025-0001", "2025-01-02", "KH000001", "#10", "#1")]),
        ImportMode::AllOrNothing,
        at(9, 0),
    )
    .await
    .unwrap();
    let before = all(&store, &admin).await.len();
    let audit_before = audit_count(&store).await;

    #[rustfmt::skip]
    let file = sheet(dir.path(), "bad.xlsx", &[
        HEADER,
        &row("", "2025-02-30", "KH000001", "#10", "#1"),          // 2: no such date
        &row("", "2025-03-01", "KH000001", "十个", "#1"),          // 3: text in a number column
        &row("", "2025-03-01", "KH000001", "#10", "#11"),          // 4: 不良数量 > 数量
        &row("KS-2025-0001", "2025-03-01", "KH000001", "#10", "#1"), // 5: already in the system
        &row("KS-2025-0009", "2025-03-01", "KH000001", "#10", "#1"), // 6: good
        &row("KS-2025-0009", "2025-03-02", "KH000002", "#10", "#1"), // 7: twice in the file
        &row("", "2025-03-01", "KH009999", "#10", "#1"),          // 8: unknown customer
        &row("", "2099-01-01", "KH000001", "#10", "#1"),          // 9: in the future
        &row("", "2025-03-01", "KH000001", "#10", "#1.5"),        // 10: not a whole number
        &["", "2025-03-01", "", "KH000001", "", "质量异常", "", "", "", "", "", "", "x", "方案会签", "", "", "", "", "", ""], // 11
        &["", "2025-03-01", "", "KH000001", "", "质量异常", "", "", "", "", "", "", "x", "", "", "生产部 60%、品控中心 30%", "", "", "", ""], // 12
        &["", "2025-03-01", "", "KH000001", "", "质量异常", "", "", "", "", "", "", "x", "", "", "", "", "五百元", "", ""], // 13
        &["", "2025-03-01", "", "KH000001", "", "质量", "", "", "", "", "", "", "x", "", "", "", "", "", "", ""], // 14
        &["", "2025-03-01", "", "KH000001", "", "质量异常", "", "", "", "", "", "", "x", "", "", "", "", "", "2025-02-01", ""], // 15
    ]);
    let report = complaint::import(&store, &admin, &file, ImportMode::AllOrNothing, at(9, 0)).await.unwrap();
    assert_eq!(report.imported, 0);
    let seen: Vec<(u32, &str)> = report.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(
        seen,
        [
            (2, "投诉日期"),
            (3, "数量"),
            (4, "不良数量"),
            (5, "投诉编号"),
            (7, "投诉编号"),
            (8, "客户编号"),
            (9, "投诉日期"),
            (10, "不良数量"),
            (11, "状态"),
            (12, "责任归属"),
            (13, "客户索赔金额(元)"),
            (14, "投诉类别"),
            (15, "结案日期"),
        ]
    );
    let message = |r: u32| report.problems.iter().find(|p| p.row == r).unwrap().message.clone();
    assert!(message(2).contains("不是有效的日期"), "{}", message(2));
    assert!(message(3).contains("须为整数"), "{}", message(3));
    assert_eq!(message(4), "不良数量(11)不能大于数量(10)");
    assert!(message(5).contains("已存在于系统中"));
    assert!(message(7).contains("在文件中重复(第6行已有)"), "{}", message(7));
    assert!(message(12).contains("合计须为100%"), "{}", message(12));
    assert_eq!(all(&store, &admin).await.len(), before, "nothing from a file with errors");
    assert_eq!(audit_count(&store).await, audit_before);

    let report = complaint::import(&store, &admin, &file, ImportMode::GoodRows, at(9, 1)).await.unwrap();
    assert_eq!(report.imported, 1, "only row 6 is good");
    assert!(all(&store, &admin).await.iter().any(|c| c.number == "KS-2025-0009"));
}

fn row<'a>(number: &'a str, date: &'a str, customer: &'a str, quantity: &'a str, defective: &'a str) -> [&'a str; 20] {
    [
        number,
        date,
        "",
        customer,
        "",
        "质量异常",
        "",
        "SO-1",
        "LH-1",
        "",
        quantity,
        defective,
        "异响",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
}

#[tokio::test]
async fn a_file_that_is_not_a_register_is_refused_whole() {
    let (dir, store, admin) = initialized().await;
    let not_xlsx = dir.path().join("register.xlsx");
    std::fs::write(&not_xlsx, "投诉编号,投诉日期\n").unwrap();
    let cases = [
        (sheet(dir.path(), "headers.xlsx", &[&["编号", "日期"], &["1", "2"]]), "无法识别的列:编号、日期"),
        (
            sheet(dir.path(), "missing.xlsx", &[&["投诉编号", "投诉日期"], &["1", "2025-01-01"]]),
            "缺少必需的列:投诉内容",
        ),
        (sheet(dir.path(), "empty.xlsx", &[]), "文件是空的"),
        (not_xlsx, "不是有效的 Excel"),
    ];
    for (file, wanted) in cases {
        let err = complaint::import(&store, &admin, &file, ImportMode::GoodRows, at(9, 0)).await.unwrap_err();
        assert!(err.user_message().contains(wanted), "{}: {}", file.display(), err.user_message());
    }
}

#[tokio::test]
async fn only_the_manager_or_admin_imports_complaints_past_registered_and_numbers_carry_their_year() {
    let (dir, store, admin) = initialized().await;
    customers(&store, &admin).await;
    let department = sqlx::query_scalar::<_, i64>("SELECT id FROM department WHERE name = '售后服务部'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    for (name, role) in [("lina", Role::AfterSales), ("zhaoqiang", Role::AfterSalesManager)] {
        account::create_user(&store, &admin, new_user(name, role, Some(department)), at(8, 6)).await.unwrap();
    }
    #[rustfmt::skip]
    let file = sheet(dir.path(), "past.xlsx", &[
        HEADER,
        &["", "2025-03-04", "", "KH000001", "", "质量异常", "轻微", "", "", "", "", "", "异响", "结案", "是", "生产部", "", "", "2025-03-20", ""],
        &["", "2025-03-05", "", "KH000001", "", "其他", "轻微", "", "", "", "", "", "送货延迟", "", "", "", "", "", "", ""],
        &["KS-2024-0007", "2025-03-06", "", "KH000001", "", "其他", "轻微", "", "", "", "", "", "送货延迟", "", "", "", "", "", "", ""],
    ]);
    let clerk = account::sign_in(&store, "lina", "pass12345", at(8, 7)).await.unwrap();
    let report = complaint::import(&store, &clerk, &file, ImportMode::GoodRows, at(9, 0)).await.unwrap();
    let problems: Vec<(u32, &str, &str)> =
        report.problems.iter().map(|p| (p.row, p.column.as_str(), p.message.as_str())).collect();
    assert_eq!(
        problems,
        [
            (2, "状态", "只有售后服务经理或系统管理员可以导入“结案”状态的投诉;请导入为“已登记”"),
            (4, "投诉编号", "投诉编号的年份(2024)与投诉日期的年份(2025)不一致"),
        ]
    );
    assert_eq!(report.imported, 1, "the registered row is the clerk's to import");
    let manager = account::sign_in(&store, "zhaoqiang", "pass12345", at(8, 8)).await.unwrap();
    let only_closed = sheet(dir.path(), "closed.xlsx", &[HEADER, file_row_closed()]);
    let report = complaint::import(&store, &manager, &only_closed, ImportMode::AllOrNothing, at(9, 0)).await.unwrap();
    assert_eq!((report.imported, report.problems.len()), (1, 0), "{:?}", report.problems);
}

#[rustfmt::skip]
fn file_row_closed() -> &'static [&'static str] {
    &["", "2025-03-04", "", "KH000001", "", "质量异常", "轻微", "", "", "", "", "", "异响", "结案", "是", "生产部", "", "", "2025-03-20", ""]
}

#[tokio::test]
async fn a_store_clerk_cannot_import_and_only_xlsx_is_exported() {
    let (dir, store, admin) = initialized().await;
    let store_id = org::create_store(&store, &admin, store_input("MD01", "和平路店"), at(8, 5)).await.unwrap().id;
    let mut clerk = new_user("xiaoli", Role::StoreClerk, None);
    clerk.store_id = Some(store_id);
    account::create_user(&store, &admin, clerk, at(8, 6)).await.unwrap();
    let clerk = account::sign_in(&store, "xiaoli", "pass12345", at(8, 7)).await.unwrap();
    let file = sheet(dir.path(), "r.xlsx", &[HEADER, &row("", "2025-01-02", "KH000001", "#10", "#1")]);
    let err = complaint::import(&store, &clerk, &file, ImportMode::GoodRows, at(9, 0)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let q = ComplaintQuery::default();
    assert!(complaint::export(&store, &admin, &dir.path().join("x.csv"), &q, false, at(9, 0)).await.is_err());
}

#[tokio::test]
async fn the_demo_register_exports_and_imports_into_another_database_unchanged() {
    let (dir, store) = common::demo().await;
    let admin = account::sign_in(&store, "admin", "demo12345", at(8, 1)).await.unwrap();
    let customers_file = dir.path().join("customers.xlsx");
    customer::export(&store, &admin, &customers_file, false).await.unwrap();
    let register = dir.path().join("register.xlsx");
    let q = ComplaintQuery::default();
    let exported = complaint::export(&store, &admin, &register, &q, false, at(9, 0)).await.unwrap();
    let originals = all(&store, &admin).await;
    assert_eq!(exported as usize, originals.len());

    let (_dir2, other, other_admin) = initialized().await;
    for s in org::list_stores(&store).await.unwrap() {
        org::create_store(&other, &other_admin, store_input(&s.code, &s.name), at(9, 0)).await.unwrap();
    }
    customer::import(&other, &other_admin, &customers_file, ImportMode::AllOrNothing, at(9, 1)).await.unwrap();
    let report = complaint::import(&other, &other_admin, &register, ImportMode::GoodRows, at(9, 2)).await.unwrap();
    let imported = all(&other, &other_admin).await;
    // A complaint waiting for sign-offs is the one state an import refuses: departments sign in the app.
    let in_approval = originals.iter().filter(|o| o.state == State::Approval).count();
    assert!(in_approval > 0);
    assert!(
        report.problems.iter().all(|p| p.column == "状态" && p.message.contains("方案会签")),
        "{:?}",
        report.problems
    );
    assert_eq!(report.problems.len(), in_approval);
    assert_eq!(imported.len(), originals.len() - in_approval);
    for c in &imported {
        let o = originals.iter().find(|o| o.number == c.number).unwrap();
        assert_eq!(c.state, o.state, "{}", c.number);
        assert_eq!(c.registration.received_at, o.registration.received_at);
        assert_eq!(c.registration.lines, o.registration.lines);
        assert_eq!(c.registration.description, o.registration.description);
        assert_eq!(c.remedy.agreed_fen, o.remedy.agreed_fen);
        assert_eq!(c.customer_name, o.customer_name);
        assert_eq!(c.store_name, o.store_name);
        assert_eq!(c.closed_at, o.closed_at);
        assert_eq!(c.state_reason, o.state_reason);
        let shares = |x: &complaint::Complaint| {
            x.responsibility
                .iter()
                .map(|s| (s.department_name.clone(), s.party.clone(), s.share_percent))
                .collect::<Vec<_>>()
        };
        assert_eq!(shares(c), shares(o));
    }
}

fn store_input(code: &str, name: &str) -> org::StoreInput {
    org::StoreInput {
        code: code.into(),
        name: name.into(),
        region: String::new(),
        address: String::new(),
        manager: String::new(),
        phone: String::new(),
        active: true,
    }
}

#[tokio::test]
async fn the_template_has_every_column_and_a_sheet_that_explains_them() {
    use calamine::Reader;
    let (dir, store, admin) = initialized().await;
    let template = dir.path().join("模板.xlsx");
    let written =
        complaint::export(&store, &admin, &template, &ComplaintQuery::default(), true, at(9, 0)).await.unwrap();
    assert_eq!(written, 0);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&template).unwrap();
    assert_eq!(book.sheet_names(), ["客户投诉登记", "填写说明"]);
    let header: Vec<String> =
        book.worksheet_range("客户投诉登记").unwrap().rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, complaint::COLUMNS.iter().map(|c| c.0).collect::<Vec<_>>());
    let help = book.worksheet_range("填写说明").unwrap();
    assert!(help.rows().any(|r| r[0] == "责任归属" && r[1].to_string().contains("生产部 60%")));
    let err = complaint::import(&store, &admin, &template, ImportMode::GoodRows, at(9, 1)).await.unwrap_err();
    assert!(err.user_message().contains("没有数据行"));
}
