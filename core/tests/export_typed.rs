//! Exports write typed cells: dates are Excel dates, quantities numbers, amounts numbers of
//! 元 with two decimals, and a totals row sums with formulas. Read back with calamine.

use crate::common;

use calamine::{Data, DataType, Reader};
use chrono::{NaiveDate, NaiveDateTime};
use common::*;
use shouhou_core::complaint::{self, ComplaintQuery};
use shouhou_core::xlsx::{Column, ColumnKind, Table, Value};

fn open(path: &std::path::Path) -> calamine::Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).unwrap()
}

#[test]
fn a_table_of_every_kind_reads_back_typed_with_its_totals_formula() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed.xlsx");
    let columns = [
        Column::new("名称", 20.0, ColumnKind::Text),
        Column::new("日期", 12.0, ColumnKind::Date),
        Column::new("时间", 17.0, ColumnKind::DateTime),
        Column::new("数量", 9.0, ColumnKind::Integer),
        Column::new("金额(元)", 12.0, ColumnKind::Money),
        Column::new("占比", 9.0, ColumnKind::Percent),
    ];
    let mut table = Table::new("明细", &columns).unwrap();
    let day = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
    let at = NaiveDateTime::parse_from_str("2025-03-04 09:30", "%Y-%m-%d %H:%M").unwrap();
    table
        .push(&[
            "甲".into(),
            Value::Date(day),
            Value::DateTime(at),
            Value::Integer(500),
            Value::Fen(123_450),
            Value::Percent(0.6),
        ])
        .unwrap();
    table
        .push(&["乙".into(), Value::Empty, Value::Empty, Value::Integer(20), Value::Fen(7), Value::Percent(0.4)])
        .unwrap();
    table.totals("合计", &[(3, Value::Integer(520)), (4, Value::Fen(123_457))]).unwrap();
    assert_eq!(table.rows(), 3);
    table.save(&path).unwrap();
    assert!(!dir.path().join("typed.partial.xlsx").exists());

    let mut book = open(&path);
    let sheet = book.worksheet_range("明细").unwrap();
    let header: Vec<String> = sheet.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["名称", "日期", "时间", "数量", "金额(元)", "占比"]);
    let row = |r: usize| sheet.rows().nth(r).unwrap().to_vec();
    let first = row(1);
    assert!(first[1].is_datetime(), "a date cell: {:?}", first[1]);
    assert_eq!(first[1].as_datetime().map(|t| t.date()), Some(day));
    assert!(first[2].is_datetime());
    assert_eq!(first[2].as_datetime(), Some(at));
    assert_eq!(first[3], Data::Float(500.0));
    assert_eq!(first[4], Data::Float(1234.5));
    assert_eq!(first[5], Data::Float(0.6));
    assert_eq!(row(2)[4], Data::Float(0.07));
    assert_eq!(row(2)[1], Data::Empty);
    let totals = row(3);
    assert_eq!(totals[0], Data::String("合计".into()));
    assert_eq!(totals[3], Data::Float(520.0), "the cached value of the formula");
    assert_eq!(totals[4], Data::Float(1234.57));
    let formulas = book.worksheet_formula("明细").unwrap();
    let formula = |c: usize| formulas.get_value((3, c as u32)).cloned().unwrap_or_default();
    assert_eq!((formula(3), formula(4)), ("SUM(D2:D3)".to_owned(), "SUM(E2:E3)".to_owned()));

    // The number formats the cells carry; the money total is bold and 0.00 like the money above.
    let styles = unzip_text(&path, "xl/styles.xml");
    for format in ["yyyy-mm-dd", "yyyy-mm-dd hh:mm", "0.00", "0.0%"] {
        assert!(styles.contains(&format!(r#"formatCode="{format}""#)), "{format}: {styles}");
    }
    let money = styles.split("<numFmt ").find(|f| f.contains(r#"formatCode="0.00""#)).unwrap();
    let money_id = money.split('"').nth(1).unwrap();
    let bold_money = format!(r#"<xf numFmtId="{money_id}" fontId="1""#);
    assert!(styles.contains(&bold_money), "a bold 0.00 style for the total: {styles}");
    let sheet_xml = unzip_text(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet_xml.contains("<f>SUM(D2:D3)</f>"), "{sheet_xml}");
}

/// One file out of the .xlsx (a zip), as text, with the system's unzip.
fn unzip_text(path: &std::path::Path, member: &str) -> String {
    let out = std::process::Command::new("unzip").arg("-p").arg(path).arg(member).output().expect("unzip");
    assert!(out.status.success(), "unzip {member}");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_register_export_writes_dates_as_dates_and_amounts_as_numbers() {
    let (dir, store) = common::demo().await;
    let admin = shouhou_core::account::sign_in(&store, "admin", "demo12345", at(8, 1)).await.unwrap();
    let path = dir.path().join("register.xlsx");
    let written = complaint::export(&store, &admin, &path, &ComplaintQuery::default(), false, at(9, 0)).await.unwrap();
    assert!(written > 0);
    let page = complaint::list(&store, &admin, &ComplaintQuery { limit: Some(200), ..Default::default() }, at(9, 0))
        .await
        .unwrap();
    let mut book = open(&path);
    let sheet = book.worksheet_range("客户投诉登记").unwrap();
    let col = |name: &str| complaint::COLUMNS.iter().position(|c| c.0 == name).unwrap();
    let mut checked_money = 0;
    let mut checked_lines = 0;
    for summary in &page.items {
        let c = complaint::get(&store, &admin, summary.id).await.unwrap();
        let row = sheet.rows().find(|r| r[0] == Data::String(c.number.clone())).unwrap();
        assert!(row[col("投诉日期")].is_datetime(), "{}: {:?}", c.number, row[col("投诉日期")]);
        let local = c.registration.received_at.with_timezone(&chrono_tz::Asia::Shanghai).naive_local();
        assert_eq!(row[col("投诉日期")].as_datetime(), Some(local));
        if let Some(line) = c.registration.lines.first() {
            assert_eq!(row[col("数量")], Data::Float(line.quantity as f64));
            assert_eq!(row[col("不良数量")], Data::Float(line.defective_quantity as f64));
            if let Some(d) = line.ship_date {
                assert_eq!(row[col("交运日期")].as_datetime().map(|t| t.date()), Some(d));
            }
            checked_lines += 1;
        }
        if c.remedy.agreed_fen != 0 {
            let Data::Float(yuan) = row[col("同意赔偿金额(元)")] else {
                panic!("{:?}", row[col("同意赔偿金额(元)")])
            };
            assert_eq!((yuan * 100.0).round() as i64, c.remedy.agreed_fen);
            checked_money += 1;
        }
        if let Some(closed) = c.closed_at {
            let local = closed.with_timezone(&chrono_tz::Asia::Shanghai).naive_local();
            assert_eq!(row[col("结案日期")].as_datetime(), Some(local));
        }
    }
    assert!(checked_money > 0 && checked_lines > 0, "the demo data has amounts and lines");
}
