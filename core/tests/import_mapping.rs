//! The import driver with a company's own headers: known synonyms import as they are; unknown
//! headers return a preview to map; a mapping imports and is remembered for the next file with
//! the same header layout; all-or-nothing vs good rows and row-numbered problems still hold.

use crate::common;

use common::*;
use shouhou_core::complaint::{self, ComplaintQuery};
use shouhou_core::customer::{self, CustomerQuery, ImportMode};
use shouhou_core::xlsx::{self, HeaderMapping, HeaderMatch, ImportOutcome, Mapping, Preview};

fn map(pairs: &[(&str, Option<&str>)]) -> Mapping {
    Mapping {
        headers: pairs
            .iter()
            .map(|(h, c)| HeaderMapping { header: (*h).into(), column: c.map(str::to_owned) })
            .collect(),
    }
}

fn needs_mapping(outcome: ImportOutcome) -> Preview {
    match outcome {
        ImportOutcome::NeedsMapping(p) => p,
        ImportOutcome::Imported(r) => panic!("imported instead of asking for a mapping: {r:?}"),
    }
}

fn imported(outcome: ImportOutcome) -> xlsx::ImportReport {
    match outcome {
        ImportOutcome::Imported(r) => r,
        ImportOutcome::NeedsMapping(p) => panic!("asked for a mapping: {}", p.message),
    }
}

async fn names(store: &shouhou_core::db::Store, admin: &shouhou_core::account::Actor) -> Vec<String> {
    let mut names: Vec<String> = customer::list(store, admin, &CustomerQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.name)
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_register_with_synonym_headers_imports_as_it_is() {
    let (dir, store, admin) = initialized().await;
    let file = sheet(
        dir.path(),
        "own.xlsx",
        &[
            &["客户代码", "单位名称", "联系人姓名", "手机", "详细地址"],
            &["TJ-01", "天津华泰机械有限公司", "张伟", "#13800001111", "天津市西青区"],
        ],
    );
    // The first API takes it too: synonyms are not unknown columns.
    let report = customer::import(&store, &admin, &file, ImportMode::AllOrNothing, at(9, 0)).await.unwrap();
    assert_eq!((report.imported, report.problems.len()), (1, 0), "{:?}", report.problems);
    let c = customer::list(&store, &admin, &CustomerQuery::default()).await.unwrap().items.remove(0);
    assert_eq!((c.code.as_str(), c.name.as_str()), ("TJ-01", "天津华泰机械有限公司"));
    assert_eq!(c.primary_phone.as_deref(), Some("13800001111"));

    let register = sheet(
        dir.path(),
        "register.xlsx",
        &[
            &["投诉时间", "客户代码", "问题类别", "物料编码", "发货数量", "不良数", "问题描述", "索赔金额"],
            &["@2025-03-04 09:30", "TJ-01", "质量异常", "LH-100", "#500", "#12", "齿轮箱异响", "#88.5"],
        ],
    );
    let outcome =
        complaint::import_mapped(&store, &admin, &register, ImportMode::AllOrNothing, None, at(9, 1)).await.unwrap();
    assert_eq!(imported(outcome).imported, 1);
    let id = complaint::list(&store, &admin, &ComplaintQuery::default(), at(9, 2)).await.unwrap().items[0].id;
    let c = complaint::get(&store, &admin, id).await.unwrap();
    let line = &c.registration.lines[0];
    assert_eq!((line.part_number.as_str(), line.quantity, line.defective_quantity), ("LH-100", 500, 12));
    assert_eq!(c.remedy.claimed_fen, 8_850);
}

#[tokio::test]
async fn unknown_headers_return_a_preview_that_a_mapping_answers_and_the_mapping_is_remembered() {
    let (dir, store, admin) = initialized().await;
    let layout: &[&str] = &["名称", "联系人", "电话", "开票信息"];
    let file = sheet(
        dir.path(),
        "first.xlsx",
        &[layout, &["天津华泰机械有限公司", "张伟", "#13800001111", "税号 1201"], &["北京恒通经贸", "", "", ""]],
    );
    let preview = needs_mapping(
        customer::import_mapped(&store, &admin, &file, ImportMode::AllOrNothing, None, at(9, 0)).await.unwrap(),
    );
    assert_eq!(preview.kind, "customer");
    assert_eq!(preview.header_row, 1);
    let guesses: Vec<(&str, Option<&str>, HeaderMatch)> =
        preview.headers.iter().map(|h| (h.header.as_str(), h.column.as_deref(), h.matched)).collect();
    assert_eq!(
        guesses,
        [
            ("名称", Some("客户名称"), HeaderMatch::Guess),
            ("联系人", Some("联系人"), HeaderMatch::Exact),
            ("电话", Some("联系电话"), HeaderMatch::Guess),
            ("开票信息", None, HeaderMatch::Unknown),
        ]
    );
    assert_eq!(preview.samples[0], ["天津华泰机械有限公司", "张伟", "13800001111", "税号 1201"]);
    assert_eq!(preview.samples.len(), 2);
    assert_eq!(preview.missing, ["客户名称"], "a guess is not a match");
    assert!(
        preview.columns.iter().any(|c| c.name == "客户名称" && c.required && c.synonyms.contains(&"单位名称".into()))
    );
    assert!(preview.message.contains("有 3 列无法识别:名称、电话、开票信息"), "{}", preview.message);
    assert!(names(&store, &admin).await.is_empty(), "a preview imports nothing");
    // Asking again (the preview call) says the same without importing.
    let again = xlsx::preview(&store, &file, &customer::IMPORT).await.unwrap();
    assert_eq!(again.headers, preview.headers);

    let mapping = map(&[("名称", Some("客户名称")), ("电话", Some("联系电话")), ("开票信息", None)]);
    let report = imported(
        customer::import_mapped(&store, &admin, &file, ImportMode::AllOrNothing, Some(mapping), at(9, 1))
            .await
            .unwrap(),
    );
    assert_eq!((report.rows, report.imported), (2, 2), "{:?}", report.problems);
    let page =
        customer::list(&store, &admin, &CustomerQuery { text: Some("13800001111".into()), ..Default::default() })
            .await
            .unwrap();
    assert_eq!(page.items[0].name, "天津华泰机械有限公司");

    // The next file with the same headers imports without a mapping, through either API.
    let next = sheet(dir.path(), "next.xlsx", &[layout, &["上海精工", "", "", "税号 3101"]]);
    let report = imported(
        customer::import_mapped(&store, &admin, &next, ImportMode::AllOrNothing, None, at(9, 2)).await.unwrap(),
    );
    assert_eq!(report.imported, 1);
    let third = sheet(dir.path(), "third.xlsx", &[layout, &["广州华南", "", "", ""]]);
    assert_eq!(customer::import(&store, &admin, &third, ImportMode::AllOrNothing, at(9, 3)).await.unwrap().imported, 1);
    assert_eq!(names(&store, &admin).await, ["上海精工", "北京恒通经贸", "天津华泰机械有限公司", "广州华南"]);
    let remembered = xlsx::preview(&store, &third, &customer::IMPORT).await.unwrap();
    assert!(remembered.message.is_empty());
    assert!(remembered.headers.iter().any(|h| h.header == "名称" && h.matched == HeaderMatch::Remembered));

    // Another layout is not covered by it; nor is another kind of import.
    let other = sheet(dir.path(), "other.xlsx", &[&["电话", "名称"], &["1", "甲"]]);
    needs_mapping(customer::import_mapped(&store, &admin, &other, ImportMode::GoodRows, None, at(9, 4)).await.unwrap());
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM import_mapping WHERE kind = 'customer'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(stored, 1);
    needs_mapping(
        complaint::import_mapped(&store, &admin, &third, ImportMode::GoodRows, None, at(9, 5)).await.unwrap(),
    );
}

#[tokio::test]
async fn a_mapping_to_a_column_that_does_not_exist_is_refused_and_nothing_is_remembered() {
    let (dir, store, admin) = initialized().await;
    let file = sheet(dir.path(), "f.xlsx", &[&["名称"], &["甲"]]);
    let err = customer::import_mapped(
        &store,
        &admin,
        &file,
        ImportMode::GoodRows,
        Some(map(&[("名称", Some("公司"))])),
        at(9, 0),
    )
    .await
    .unwrap_err();
    assert_eq!(err.user_message(), "对应的列“公司”不存在");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM import_mapping").fetch_one(store.pool()).await.unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_mapped_file_reports_problems_by_row_and_imports_all_or_only_the_good_rows() {
    let (dir, store, admin) = initialized().await;
    // The row numbers are the ones Excel shows: the first row is empty, the header is on row 2.
    let file = sheet(
        dir.path(),
        "mixed.xlsx",
        &[&[], &["名称", "级别"], &["好客户一", ""], &["坏等级", "VIP"], &["", "重点客户"], &["好客户二", "普通"]],
    );
    let mapping = map(&[("名称", Some("客户名称")), ("级别", Some("客户等级"))]);
    let report = imported(
        customer::import_mapped(&store, &admin, &file, ImportMode::AllOrNothing, Some(mapping.clone()), at(9, 0))
            .await
            .unwrap(),
    );
    assert_eq!(report.imported, 0);
    let found: Vec<(u32, &str)> = report.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(found, [(4, "客户等级"), (5, "客户名称")]);
    assert!(names(&store, &admin).await.is_empty());

    let report = imported(
        customer::import_mapped(&store, &admin, &file, ImportMode::GoodRows, Some(mapping), at(9, 1)).await.unwrap(),
    );
    assert_eq!((report.rows, report.imported, report.problems.len()), (4, 2, 2));
    assert_eq!(names(&store, &admin).await, ["好客户一", "好客户二"]);
}

#[tokio::test]
async fn a_complaint_register_with_its_own_headers_groups_continuation_rows_once_mapped() {
    let (dir, store, admin) = initialized().await;
    customer::create(&store, &admin, customer_input("天津华泰机械有限公司"), at(8, 3)).await.unwrap();
    #[rustfmt::skip]
    let file = sheet(dir.path(), "register.xlsx", &[
        &["单号", "受理时间", "客户", "类", "零件号", "数", "不良数量", "情况"],
        &["KS-2025-0007", "2025-03-04", "天津华泰机械有限公司", "质量异常", "LH-100", "#10", "#1", "异响"],
        &["", "", "", "", "LH-200", "#20", "#2", ""],
        &["", "2025-03-05", "天津华泰机械有限公司", "其他", "", "", "", "送货延迟"],
    ]);
    let preview = needs_mapping(
        complaint::import_mapped(&store, &admin, &file, ImportMode::AllOrNothing, None, at(9, 0)).await.unwrap(),
    );
    assert_eq!(preview.missing, ["投诉日期", "投诉内容"]);
    let mapping = map(&[
        ("受理时间", Some("投诉日期")),
        ("类", Some("投诉类别")),
        ("数", Some("数量")),
        ("情况", Some("投诉内容")),
    ]);
    let report = imported(
        complaint::import_mapped(&store, &admin, &file, ImportMode::AllOrNothing, Some(mapping), at(9, 1))
            .await
            .unwrap(),
    );
    assert_eq!((report.rows, report.imported), (3, 2), "{:?}", report.problems);
    let q = ComplaintQuery { text: Some("LH-200".into()), ..Default::default() };
    let id = complaint::list(&store, &admin, &q, at(9, 2)).await.unwrap().items[0].id;
    let c = complaint::get(&store, &admin, id).await.unwrap();
    assert_eq!(c.number, "KS-2025-0007");
    let lines: Vec<(&str, i64, i64)> =
        c.registration.lines.iter().map(|l| (l.part_number.as_str(), l.quantity, l.defective_quantity)).collect();
    assert_eq!(lines, [("LH-100", 10, 1), ("LH-200", 20, 2)]);
}

#[test]
fn the_command_line_prints_the_preview_in_chinese_and_imports_with_map_options() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |args: &[&str], stdin: &str| {
        let out = shouhou(&data, args, stdin);
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
    };
    let (code, text) =
        run(&["init", "--company", "天津示例机械有限公司", "--admin", "admin", "--password-stdin"], "admin12345\n");
    assert_eq!(code, Some(0), "{text}");
    let layout: &[&str] = &["名称", "电话", "开票信息"];
    let file = sheet(dir.path(), "own.xlsx", &[layout, &["天津华泰机械有限公司", "", "税号 1201"]]);
    let file = file.to_str().unwrap();

    let (code, text) = run(&["import", "customers", file], "");
    assert_eq!(code, Some(4), "{text}");
    for wanted in [
        "文件的表头需要对应到系统中的列后才能导入",
        "有 3 列无法识别:名称、电话、开票信息",
        "名称     → 客户名称?(猜测,请确认)",
        "开票信息 → ?(无法识别)",
        "天津华泰机械有限公司 |  | 税号 1201",
        "客户名称(必填)",
        r#"--map "名称=客户名称" --map "电话=联系电话" --map "开票信息=忽略""#,
    ] {
        assert!(text.contains(wanted), "{wanted}\n{text}");
    }

    let (code, text) =
        run(&["import", "customers", file, "--map", "名称=客户名称", "--map", "电话=忽略", "--map", "开票信息="], "");
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("共 1 行,导入 1 条"), "{text}");
    let next = sheet(dir.path(), "next.xlsx", &[layout, &["北京恒通经贸", "", ""]]);
    let (code, text) = run(&["import", "customers", next.to_str().unwrap()], "");
    assert_eq!(code, Some(0), "the layout's mapping is remembered: {text}");
    let (code, text) = run(&["import", "customers", file, "--map", "名称"], "");
    assert_eq!(code, Some(1));
    assert!(text.contains("应写成 文件列=系统列"), "{text}");
}

#[tokio::test]
async fn a_title_row_above_the_table_is_skipped_and_rows_keep_their_excel_numbers() {
    let (dir, store, admin) = initialized().await;
    let file = sheet(
        dir.path(),
        "titled.xlsx",
        &[
            &["2025年客户名录", "", ""],
            &["制表:售后服务部", "", ""],
            &["单位名称", "客户等级", "手机"],
            &["天津华泰机械有限公司", "重点客户", ""],
            &["北京恒通经贸", "VIP", ""],
        ],
    );
    let report = customer::import(&store, &admin, &file, ImportMode::GoodRows, at(9, 0)).await.unwrap();
    assert_eq!((report.rows, report.imported), (2, 1));
    let found: Vec<(u32, &str)> = report.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(found, [(5, "客户等级")]);
    assert_eq!(names(&store, &admin).await, ["天津华泰机械有限公司"]);
}
