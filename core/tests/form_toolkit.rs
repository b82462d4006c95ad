//! The form toolkit on documents built here from its parts (the coming agreement, ledger,
//! briefing sheet and pass), read back with poppler: copies with their labels and their own
//! page numbers, a table header on every page of a long ledger, a signature grid across pages,
//! images embedded, a QR code that decodes, and the template code in the footer.

use crate::pdf_read;

use pdf_read::*;
use shouhou_core::pdf::{Column, Field, Form, Page, SIGNATURE_COLUMNS, Template};

const COMPANY: &str = "天津示例机械有限公司";

/// A safety agreement of about four pages per copy, printed 一式四份.
fn four_copy_agreement() -> Vec<u8> {
    let mut f = Form::new(COMPANY, "外用(包)工安全协议书", "AQXY-2026-0007").unwrap();
    f.template(Template::new("SH/QR-AQ-03", "B/1"));
    f.heading("一、协议双方");
    f.fields(
        &[
            Field::new("甲方", COMPANY).span(2),
            Field::new("用工部门", "炼钢厂设备科"),
            Field::new("乙方", "天津市宏达建筑安装工程有限公司").span(2),
            Field::new("项目负责人", "王建国"),
            Field::new("工程名称", "2号转炉除尘管道检修").span(3),
            Field::new("开工日期", "2026-12-01"),
            Field::new("完工日期", "2026-12-20"),
            Field::new("作业区域", "炼钢厂二车间"),
        ],
        3,
    );
    for (n, clause) in
        ["甲方的安全责任", "乙方的安全责任", "禁止转包与分包", "事故报告与处理", "违约责任"].iter().enumerate()
    {
        f.heading(&format!("{}、{clause}", ["二", "三", "四", "五", "六"][n]));
        for i in 1..=12 {
            f.paragraph(
                &format!(
                    "{i}. 乙方作业人员进入现场前必须接受三级安全教育并考试合格,特种作业人员必须持有效证件上岗;作业中严格遵守甲方的安全管理制度和操作规程,正确佩戴劳动防护用品。"
                ),
                10.5,
            );
        }
    }
    f.sign_line(&["甲方代表", "乙方代表", "安全管理部"]);
    f.finish_copies(&["安全管理部存档联", "用工部门存档联", "乙方存档联", "保卫部门存档联"])
}

#[test]
fn every_copy_carries_its_label_its_number_and_its_own_page_numbers() {
    let pdf = four_copy_agreement();
    keep("agreement.pdf", &pdf);
    let pages = pages_of(&pdf);
    let labels = ["安全管理部存档联", "用工部门存档联", "乙方存档联", "保卫部门存档联"];
    assert_eq!(pages.len() % 4, 0, "every copy has the same pages");
    let per_copy = pages.len() / 4;
    assert_eq!(per_copy, 4, "four pages a copy");
    for (i, page) in pages.iter().enumerate() {
        let (copy, within) = (i / per_copy, i % per_copy);
        assert!(has(page, labels[copy]), "page {i} lacks its copy label {}", labels[copy]);
        for (other, label) in labels.iter().enumerate() {
            assert_eq!(has(page, label), other == copy, "page {i}: {label}");
        }
        assert!(has(page, &format!("第 {} 份 / 共 4 份", copy + 1)), "page {i}");
        assert!(
            has(page, &format!("第 {} 页 / 共 {per_copy} 页", within + 1)),
            "page {i}: numbering restarts per copy"
        );
        assert!(has(page, "编号:AQXY-2026-0007") && has(page, "表单编号 SH/QR-AQ-03 版本 B/1"), "page {i}");
    }
    // The body is the same in every copy.
    let body = |p: &String| p.contains("禁止转包与分包");
    assert_eq!(pages.iter().filter(|p| body(p)).count() % 4, 0);
    assert!(pdf.len() < 100_000, "{} bytes", pdf.len());
}

#[test]
fn a_landscape_ledger_repeats_its_header_on_every_page() {
    let mut f = Form::with_page(Page::A4_LANDSCAPE, COMPANY, "外用工/外包工台帐", "").unwrap();
    f.template(Template::new("SH/QR-AQ-07", "A/0"));
    let columns = [
        Column::centered("序号", 0.6),
        Column::new("姓名", 1.2),
        Column::new("身份证号", 2.4),
        Column::new("所属单位", 2.6),
        Column::new("类别", 1.0),
        Column::new("工种", 1.2),
        Column::new("三级教育", 1.2),
        Column::new("证书有效期", 1.6),
        Column::right("学时", 0.8),
    ];
    let rows = (1..=300).map(|i| {
        vec![
            i.to_string(),
            format!("工人{i:03}"),
            format!("12010419900101{i:04}"),
            "天津市宏达建筑安装工程有限公司".into(),
            "外包工".into(),
            if i % 7 == 0 { "电焊工".into() } else { "力工".into() },
            "已完成".into(),
            "2029-06-30".into(),
            "24".into(),
        ]
    });
    f.table(&columns, rows, "(无)");
    let pdf = f.finish();
    keep("ledger.pdf", &pdf);
    let pages = pages_of(&pdf);
    assert!(pages.len() >= 10, "300 rows take many pages: {}", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page.matches("身份证号").count(), 1, "page {i} has the header row once");
        assert!(has(page, "序号姓名身份证号所属单位类别工种三级教育证书有效期学时"), "page {i}: the whole header row");
        assert!(has(page, &format!("第 {} 页 / 共 {} 页", i + 1, pages.len())));
    }
    let all = pages.concat();
    for i in [1, 150, 300] {
        assert!(all.contains(&format!("工人{i:03}")), "row {i}");
    }
    assert_eq!(all.matches("工人").count(), 300, "no row lost or doubled at a break");
}

#[test]
fn a_signature_grid_of_forty_rows_runs_onto_the_next_page_with_its_header() {
    let mut f = Form::new(COMPANY, "安全技术交底单", "JD-2026-0031").unwrap();
    f.fields(
        &[
            Field::new("工程名称", "2号转炉除尘管道检修").span(2),
            Field::new("交底日期", "2026-12-01"),
            Field::new("危险因素", "高处坠落、煤气中毒、动火作业引发火灾").span(3).lines(3),
        ],
        3,
    );
    f.heading("接受交底人员签字");
    f.signature_grid(&SIGNATURE_COLUMNS, 40, 10.0);
    let pdf = f.finish();
    keep("signatures.pdf", &pdf);
    let pages = pages_of(&pdf);
    assert!(pages.len() >= 2, "40 rows of 10 mm do not fit one page");
    for (i, page) in pages.iter().enumerate() {
        assert!(has(page, "序号姓名签名日期"), "page {i} carries the grid's header");
    }
    // Each row prints only its number: a line that is a number alone is a row.
    let rows_on = |page: &str| -> Vec<usize> { page.lines().filter_map(|l| l.trim().parse().ok()).collect() };
    let raw = raw_pages_of(&pdf);
    let numbers: Vec<usize> = raw.iter().flat_map(|p| rows_on(p)).collect();
    assert_eq!(numbers, (1..=40).collect::<Vec<_>>(), "every row once, in order");
    assert!(rows_on(&raw[0]).len() > 5 && rows_on(raw.last().unwrap()).contains(&40), "the grid runs across pages");
}

fn jpeg_photo(width: u32, height: u32) -> Vec<u8> {
    // Smooth like a portrait: a face-sized disc on a graded background.
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let (dx, dy) = (x as f32 / width as f32 - 0.5, y as f32 / height as f32 - 0.4);
        let face = dx * dx + dy * dy < 0.06;
        let shade = (255 * y / height) as u8;
        if face { image::Rgb([230, 190, 160]) } else { image::Rgb([shade / 2, 90, 200 - shade / 4]) }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img).unwrap();
    out
}

fn png_logo() -> Vec<u8> {
    // A red disc on a transparent square.
    let img = image::RgbaImage::from_fn(120, 60, |x, y| {
        let (dx, dy) = (x as f32 - 30.0, y as f32 - 30.0);
        if dx * dx + dy * dy < 900.0 { image::Rgba([200, 30, 30, 255]) } else { image::Rgba([0, 0, 0, 0]) }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// An entry pass on an ID-1 card: photo on the left, fields beside it, QR at the corner.
fn entry_pass(photo: &[u8]) -> Vec<u8> {
    let mut f = Form::with_page(Page::CARD, COMPANY, "入场证", "RC-2026-0415").unwrap();
    let image = f.add_image(photo).unwrap();
    let page = f.page();
    let top = f.cursor();
    let (w, h) = f.fit_image(&image, page.margin, top - 34.0, 24.0, 32.0);
    assert!(w <= 24.0 + 1e-3 && h <= 32.0 + 1e-3);
    f.set_cursor(top - 1.0);
    f.band(page.margin + 26.0, page.content_width() - 26.0);
    f.fields(
        &[
            Field::new("姓名", "王建国"),
            Field::new("单位", "宏达建安"),
            Field::new("工种", "电焊工(特种作业)"),
            Field::new("有效期", "2026-12-01至2026-12-20"),
        ],
        1,
    );
    f.qr_code(page.width - page.margin - 13.0, page.margin, 13.0, "RC-2026-0415").unwrap();
    f.finish()
}

#[test]
fn images_are_embedded_keeping_their_shape_and_a_phone_photo_is_scaled_down() {
    let pdf = entry_pass(&jpeg_photo(3000, 4000));
    keep("pass.pdf", &pdf);
    let images = images_of(&pdf);
    assert_eq!(images.len(), 1, "{images:?}");
    let (kind, w, h, enc) = &images[0];
    assert_eq!((kind.as_str(), enc.as_str()), ("image", "jpeg"), "a photo stays JPEG");
    assert_eq!((*w, *h), (450, 600), "scaled to 600 px on its long side, aspect kept");
    assert!(pdf.len() < 100_000, "{} bytes", pdf.len());
    let text = text_of(&pdf);
    for s in ["入场证", "王建国", "电焊工", "有效期"] {
        assert!(has(&text, s), "missing {s}: {text}");
    }
    assert_eq!(qr_codes_in(&pdf, 1, (60.0, 25.0, 25.6, 29.0), 600), vec!["RC-2026-0415".to_owned()]);

    let mut f = Form::new(COMPANY, "外用工/外包工台帐", "").unwrap();
    let logo = f.add_image(&png_logo()).unwrap();
    f.logo(logo);
    f.paragraph("带标志的页眉", 10.0);
    let with_logo = f.finish();
    keep("logo.pdf", &with_logo);
    let images = images_of(&with_logo);
    assert!(images.iter().any(|i| i.0 == "image" && i.1 == 120 && i.2 == 60), "{images:?}");
    assert!(images.iter().any(|i| i.0 == "smask"), "transparency kept: {images:?}");

    let mut f = Form::new(COMPANY, "表", "").unwrap();
    let err = f.add_image(b"not an image").unwrap_err();
    assert!(err.to_string().contains("图片"), "{err}");
}

#[test]
fn the_header_qr_code_decodes_to_the_record_number() {
    let mut f = Form::new(COMPANY, "客户投诉处理表", "KS-2026-0001").unwrap();
    f.header_qr("KS-2026-0001").unwrap();
    f.paragraph("正文", 10.0);
    let pdf = f.finish();
    // The top right corner of an A4 page.
    assert_eq!(qr_codes_in(&pdf, 1, (150.0, 0.0, 60.0, 45.0), 300), vec!["KS-2026-0001".to_owned()]);
}
