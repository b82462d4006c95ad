//! Customer import and export with real .xlsx files, good and malformed.

use crate::common;

use std::path::PathBuf;

use common::*;
use shouhou_core::customer::{self, CustomerQuery, ImportMode};

const HEADER: &[&str] = &["客户编号", "客户名称", "客户类型", "客户等级", "联系人", "联系电话", "标签", "地址"];

async fn count(store: &shouhou_core::db::Store, admin: &shouhou_core::account::Actor) -> i64 {
    customer::list(store, admin, &CustomerQuery::default()).await.unwrap().total
}

#[tokio::test]
async fn a_good_file_imports_every_row() {
    let (dir, store, admin) = initialized().await;
    let file = sheet(
        dir.path(),
        "good.xlsx",
        &[
            HEADER,
            &[
                "",
                "天津华泰机械有限公司",
                "企业客户",
                "重点客户",
                "张伟",
                "#13800001111",
                "老客户、长期合作",
                "天津市西青区",
            ],
            &["C-100", "陈志明", "个人客户", "", "陈志明", "022-12345678", "", ""],
            &[],
            &["", "北京恒通经贸", "经销商", "普通", "", "", "", ""],
        ],
    );
    let report = customer::import(&store, &admin, &file, ImportMode::AllOrNothing, at(9, 0)).await.unwrap();
    assert_eq!((report.rows, report.imported, report.problems.len()), (3, 3, 0));
    let page =
        customer::list(&store, &admin, &CustomerQuery { text: Some("13800001111".into()), ..Default::default() })
            .await
            .unwrap();
    assert_eq!(page.items[0].name, "天津华泰机械有限公司", "a phone stored as a number keeps all its digits");
    assert_eq!(page.items[0].tags, ["老客户", "长期合作"]);
    let chen = customer::list(&store, &admin, &CustomerQuery { text: Some("C-100".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(chen.items[0].code, "C-100");
}

#[tokio::test]
async fn a_file_with_errors_imports_nothing_unless_good_rows_are_chosen() {
    let (dir, store, admin) = initialized().await;
    customer::create(
        &store,
        &admin,
        customer::CustomerInput {
            code: "OLD-1".into(),
            name: "已有客户".into(),
            kind: customer::CustomerKind::Company,
            region: String::new(),
            industry: String::new(),
            grade: customer::CustomerGrade::Normal,
            source_store_id: None,
            tags: vec![],
            notes: String::new(),
            contacts: vec![],
            addresses: vec![],
        },
        at(8, 0),
    )
    .await
    .unwrap();
    let file = sheet(
        dir.path(),
        "mixed.xlsx",
        &[
            HEADER,
            &["", "好客户一", "", "", "", "", "", ""],
            &["", "", "企业客户", "", "", "", "", ""],
            &["", "坏类型", "大客户", "", "", "", "", ""],
            &["", "坏电话", "", "", "王五", "电话见备注", "", ""],
            &["OLD-1", "重复编号", "", "", "", "", "", ""],
            &["X-1", "文件内一", "", "", "", "", "", ""],
            &["X-1", "文件内二", "", "", "", "", "", ""],
            &["", "无联系人", "", "", "", "#13900000000", "", ""],
            &["", "好客户二", "", "VIP", "", "", "", ""],
        ],
    );
    let report = customer::import(&store, &admin, &file, ImportMode::AllOrNothing, at(9, 0)).await.unwrap();
    assert_eq!(report.imported, 0);
    assert_eq!(count(&store, &admin).await, 1, "nothing from a file with errors");
    let found: Vec<(u32, &str)> = report.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(
        found,
        [
            (3, "客户名称"),
            (4, "客户类型"),
            (5, "联系人"),
            (6, "客户编号"),
            (8, "客户编号"),
            (9, "联系人"),
            (10, "客户等级")
        ]
    );
    assert_eq!(report.problems[0].message, "客户名称不能为空");
    assert!(report.problems[1].message.contains("客户类型“大客户”不存在"));
    assert!(report.problems[3].message.contains("已存在于系统中"));
    assert!(report.problems[4].message.contains("在文件中重复"));

    let report = customer::import(&store, &admin, &file, ImportMode::GoodRows, at(9, 1)).await.unwrap();
    assert_eq!(report.imported, 2, "好客户一 and 文件内一");
    assert_eq!(count(&store, &admin).await, 3);
}

#[tokio::test]
async fn malformed_files_are_refused_with_a_reason() {
    let (dir, store, admin) = initialized().await;
    let cases: Vec<(PathBuf, &str)> = vec![
        (sheet(dir.path(), "wrong.xlsx", &[&["名称", "电话"], &["甲", "1"]]), "无法识别的列:名称、电话"),
        (sheet(dir.path(), "missing.xlsx", &[&["客户编号", "联系人"], &["A1", "张"]]), "缺少必需的列:客户名称"),
        (sheet(dir.path(), "empty.xlsx", &[]), "文件是空的"),
        (sheet(dir.path(), "header-only.xlsx", &[HEADER]), "没有数据行"),
        (
            {
                let p = dir.path().join("text.xlsx");
                std::fs::write(&p, "客户名称,电话\n甲,1\n").unwrap();
                p
            },
            "不是有效的 Excel",
        ),
        (dir.path().join("nowhere.xlsx"), "找不到文件"),
    ];
    for (file, wanted) in cases {
        let err = customer::import(&store, &admin, &file, ImportMode::GoodRows, at(9, 0)).await.unwrap_err();
        assert_eq!(err.field(), Some("file"));
        assert!(err.user_message().contains(wanted), "{}: {}", file.display(), err.user_message());
    }
    assert_eq!(count(&store, &admin).await, 0);
}

#[tokio::test]
async fn export_and_import_round_trip_and_the_template_is_just_headers() {
    let (dir, store, admin) = initialized().await;
    let file = sheet(
        dir.path(),
        "seed.xlsx",
        &[
            HEADER,
            &["", "天津华泰机械有限公司", "企业客户", "重点客户", "张伟", "13800001111", "老客户", "天津市西青区"],
        ],
    );
    customer::import(&store, &admin, &file, ImportMode::AllOrNothing, at(9, 0)).await.unwrap();
    let out = dir.path().join("export.xlsx");
    assert_eq!(customer::export(&store, &admin, &out, false).await.unwrap(), 1);

    let (_other_dir, other, other_admin) = initialized().await;
    let report = customer::import(&other, &other_admin, &out, ImportMode::AllOrNothing, at(9, 1)).await.unwrap();
    assert_eq!((report.imported, report.problems.len()), (1, 0));
    let c = customer::list(&other, &other_admin, &CustomerQuery::default()).await.unwrap().items.remove(0);
    assert_eq!((c.code.as_str(), c.name.as_str()), ("KH000001", "天津华泰机械有限公司"));
    assert_eq!(c.grade, customer::CustomerGrade::Key);
    assert_eq!(c.primary_phone.as_deref(), Some("13800001111"));

    let template = dir.path().join("template.xlsx");
    assert_eq!(customer::export(&store, &admin, &template, true).await.unwrap(), 0);
    let err = customer::import(&store, &admin, &template, ImportMode::GoodRows, at(9, 2)).await.unwrap_err();
    assert!(err.user_message().contains("没有数据行"), "the template has every header and no rows");
    assert!(customer::export(&store, &admin, &dir.path().join("x.csv"), false).await.is_err());
}
