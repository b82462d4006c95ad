//! Attachments on complaints: real photos and scans copied into the data folder by content,
//! thumbnails made (upright, as the EXIF orientation says), bad files refused with nothing
//! written, removal limited to the uploader or a manager, every change on the complaint's history.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;
use image::{ImageBuffer, Rgb};
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::attachment::{self, OwnerKind};
use shouhou_core::complaint::{self, Category, Channel, ComplaintForm, ProductLine, Registration, Severity};
use shouhou_core::customer;
use shouhou_core::db::Store;

/// A JPEG photo `w`×`h`; with `orientation`, an EXIF block saying how the camera was held.
fn photo(dir: &Path, name: &str, w: u32, h: u32, orientation: Option<u16>) -> PathBuf {
    let img: ImageBuffer<Rgb<u8>, Vec<u8>> = ImageBuffer::from_fn(w, h, |x, y| Rgb([(x * 7) as u8, (y * 5) as u8, 90]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&img).unwrap();
    if let Some(o) = orientation {
        // APP1 "Exif": big-endian TIFF header, one IFD entry 0x0112 (Orientation), SHORT, 1.
        let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
        tiff.extend_from_slice(&o.to_be_bytes());
        tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(tiff);
        let len = (app1.len() + 2) as u16;
        let mut with_exif = vec![0xFF, 0xD8, 0xFF, 0xE1];
        with_exif.extend_from_slice(&len.to_be_bytes());
        with_exif.extend(app1);
        with_exif.extend_from_slice(&jpeg[2..]);
        jpeg = with_exif;
    }
    let path = dir.join(name);
    std::fs::write(&path, jpeg).unwrap();
    path
}

fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

async fn customer_id(store: &Store, admin: &Actor) -> i64 {
    let input = customer_input("天津华泰机械有限公司");
    customer::create(store, admin, input, at(8, 3)).await.unwrap().id
}

fn registration(customer_id: i64) -> Registration {
    Registration {
        received_at: at(8, 30),
        channel: Channel::Hotline,
        customer_id,
        contact_name: "张伟".into(),
        contact_phone: String::new(),
        store_id: None,
        category: Category::Quality,
        severity: Severity::Minor,
        description: "外壳开裂,附现场照片".into(),
        customer_demand: String::new(),
        lines: vec![ProductLine {
            order_number: "SO-1".into(),
            part_number: "LH-1".into(),
            batch: String::new(),
            ship_date: None,
            quantity: 10,
            defective_quantity: 1,
            product_name: String::new(),
            specification: String::new(),
        }],
        samples: String::new(),
        reply_by: None,
    }
}

fn files_under(dir: &Path) -> usize {
    let root = dir.join("attachments");
    if !root.exists() {
        return 0;
    }
    fn walk(p: &Path) -> usize {
        std::fs::read_dir(p).unwrap().map(|e| e.unwrap().path()).map(|p| if p.is_dir() { walk(&p) } else { 1 }).sum()
    }
    walk(&root)
}

#[tokio::test]
async fn photos_and_scans_are_kept_by_content_with_upright_thumbnails() {
    let (dir, store, admin) = initialized().await;
    let customer = customer_id(&store, &admin).await;
    let src = tempfile::tempdir().unwrap();
    let upright = photo(src.path(), "现场照片.jpg", 400, 300, None);
    let sideways = photo(src.path(), "手机竖拍.jpg", 400, 200, Some(6));
    let scan = file(src.path(), "检测报告.pdf", b"%PDF-1.4\n% scan\n");

    let c = complaint::register_with_attachments(
        &store,
        &admin,
        registration(customer),
        &[upright.clone(), sideways, scan],
        at(9, 0),
    )
    .await
    .unwrap();
    let names: Vec<&str> = c.attachments.iter().map(|a| a.file_name.as_str()).collect();
    assert_eq!(names, ["现场照片.jpg", "手机竖拍.jpg", "检测报告.pdf"]);
    let sizes: Vec<(Option<i64>, Option<i64>, bool)> =
        c.attachments.iter().map(|a| (a.width, a.height, a.has_thumbnail)).collect();
    assert_eq!(sizes, [(Some(400), Some(300), true), (Some(200), Some(400), true), (None, None, false)]);
    assert_eq!(c.attachments[2].media_type, "application/pdf");

    let thumb = attachment::thumbnail(&store, &admin, c.attachments[1].id).await.unwrap();
    assert_eq!(&thumb[..2], &[0xFF, 0xD8], "a JPEG");
    let t = image::load_from_memory(&thumb).unwrap();
    assert!(t.height() > t.width() && t.height() <= 320, "upright and small: {}x{}", t.width(), t.height());

    let (_, path) = attachment::file(&store, &admin, c.attachments[0].id).await.unwrap();
    assert!(path.starts_with(dir.path().join("attachments")));
    assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(&upright).unwrap());
    let bytes = attachment::content(&store, &admin, c.attachments[0].id).await.unwrap();
    assert_eq!(bytes, std::fs::read(&upright).unwrap());
    assert_eq!(files_under(dir.path()), 5, "three files and two thumbnails");

    // The same photo again is stored once; the complaint lists it twice.
    let again =
        attachment::add(&store, &admin, OwnerKind::Complaint, c.id, &[upright], "复拍", at(9, 5)).await.unwrap();
    assert_eq!(again[0].caption, "复拍");
    assert_eq!(files_under(dir.path()), 5);
    assert_eq!(complaint::get(&store, &admin, c.id).await.unwrap().attachments.len(), 4);

    let history = complaint::history(&store, &admin, c.id).await.unwrap();
    assert!(history.iter().any(|e| e.summary.contains("添加附件“手机竖拍.jpg”")), "{history:?}");

    // The registration form lists the attachments.
    let pdf = complaint::render_form(&store, &admin, c.id, ComplaintForm::Registration, at(9, 6)).await.unwrap();
    let out = src.path().join("form.pdf");
    std::fs::write(&out, pdf).unwrap();
    let text = std::process::Command::new("pdftotext").arg(&out).arg("-").output().unwrap().stdout;
    let text = String::from_utf8(text).unwrap().replace(char::is_whitespace, "");
    assert!(
        text.contains("附件") && text.contains("共4件:现场照片.jpg、手机竖拍.jpg、检测报告.pdf、现场照片.jpg"),
        "{text}"
    );
}

#[tokio::test]
async fn a_bad_file_registers_nothing_and_says_which_and_why() {
    let (dir, store, admin) = initialized().await;
    let customer = customer_id(&store, &admin).await;
    let src = tempfile::tempdir().unwrap();
    let good = photo(src.path(), "好照片.jpg", 50, 50, None);
    let cases = [
        (file(src.path(), "假照片.jpg", b"this is text"), "“假照片.jpg”不是有效的图片文件"),
        (file(src.path(), "坏报告.pdf", b"not a pdf"), "不是有效的 PDF 文件"),
        (file(src.path(), "程序.exe", b"MZ\x90\0"), "不支持的附件类型“程序.exe”"),
        (file(src.path(), "空.png", b""), "文件“空.png”是空的"),
        (src.path().join("不存在.jpg"), "找不到文件"),
        (file(src.path(), "截断.png", &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..]), "图片“截断.png”已损坏"),
    ];
    for (bad, wanted) in cases {
        let err = complaint::register_with_attachments(
            &store,
            &admin,
            registration(customer),
            &[good.clone(), bad],
            at(9, 0),
        )
        .await
        .unwrap_err();
        assert_eq!(err.field(), Some("file"));
        assert!(err.user_message().contains(wanted), "{}", err.user_message());
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM complaint").fetch_one(store.pool()).await.unwrap();
    let linked: i64 = sqlx::query_scalar("SELECT count(*) FROM attachment").fetch_one(store.pool()).await.unwrap();
    assert_eq!((count, linked), (0, 0));
    // The next complaint still gets number 0001: a refused registration used no number.
    let c = complaint::register(&store, &admin, registration(customer), at(9, 1)).await.unwrap();
    assert_eq!(c.number, "KS-2026-0001");
    // Only the good photo may have been copied before the refusal; nothing else.
    assert!(files_under(dir.path()) <= 2);
}

#[tokio::test]
async fn only_the_uploader_or_a_manager_removes_an_attachment() {
    let (_dir, store, admin) = initialized().await;
    let customer = customer_id(&store, &admin).await;
    let dept = department_id(&store, "售后服务部").await;
    for (name, role) in [("lina", Role::AfterSales), ("wangfang", Role::AfterSales), ("zhao", Role::AfterSalesManager)]
    {
        account::create_user(&store, &admin, new_user(name, role, Some(dept)), at(8, 4)).await.unwrap();
    }
    let sign_in = |n: &'static str| account::sign_in(&store, n, "pass12345", at(8, 5));
    let (lina, wangfang, zhao) =
        (sign_in("lina").await.unwrap(), sign_in("wangfang").await.unwrap(), sign_in("zhao").await.unwrap());
    let src = tempfile::tempdir().unwrap();
    let c = complaint::register(&store, &lina, registration(customer), at(9, 0)).await.unwrap();
    let added = attachment::add(
        &store,
        &lina,
        OwnerKind::Complaint,
        c.id,
        &[photo(src.path(), "a.jpg", 20, 20, None), photo(src.path(), "b.jpg", 30, 20, None)],
        "",
        at(9, 1),
    )
    .await
    .unwrap();

    let err = attachment::remove(&store, &wangfang, added[0].id, at(9, 2)).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
    attachment::remove(&store, &lina, added[0].id, at(9, 3)).await.unwrap();
    attachment::remove(&store, &zhao, added[1].id, at(9, 4)).await.unwrap();
    assert!(attachment::list(&store, &lina, OwnerKind::Complaint, c.id).await.unwrap().is_empty());
    let history = complaint::history(&store, &lina, c.id).await.unwrap();
    assert!(history.iter().any(|e| e.summary.contains("删除附件“a.jpg”")));

    let err = attachment::add(&store, &lina, OwnerKind::Complaint, 9999, &[], "", at(9, 5)).await.unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[tokio::test]
async fn a_backup_carries_the_attachments_and_later_backups_copy_only_what_is_new() {
    let (dir, store, admin) = initialized().await;
    let customer = customer_id(&store, &admin).await;
    let src = tempfile::tempdir().unwrap();
    let photo1 = photo(src.path(), "1.jpg", 60, 40, None);
    let scan = file(src.path(), "2.pdf", b"%PDF-1.4\n% scan\n");
    let c =
        complaint::register_with_attachments(&store, &admin, registration(customer), &[photo1, scan.clone()], at(9, 0))
            .await
            .unwrap();

    let usb = tempfile::tempdir().unwrap();
    let first = store.backup(&admin, &usb.path().join("备份-1.db"), at(10, 0)).await.unwrap();
    assert_eq!((first.attachments, first.attachments_copied), (2, 2));
    let (_, stored) = attachment::file(&store, &admin, c.attachments[1].id).await.unwrap();
    let relative = stored.strip_prefix(dir.path()).unwrap();
    assert_eq!(std::fs::read(usb.path().join(relative)).unwrap(), std::fs::read(&scan).unwrap());
    assert_eq!(files_under(usb.path()), 3, "two files and one thumbnail");

    attachment::add(
        &store,
        &admin,
        OwnerKind::Complaint,
        c.id,
        &[photo(src.path(), "3.jpg", 30, 30, None)],
        "",
        at(10, 5),
    )
    .await
    .unwrap();
    let second = store.backup(&admin, &usb.path().join("备份-2.db"), at(11, 0)).await.unwrap();
    assert_eq!((second.attachments, second.attachments_copied), (3, 1));

    // A stored file gone missing makes the backup say so instead of passing silently.
    std::fs::remove_file(&stored).unwrap();
    let health = store.check().await.unwrap();
    assert!(!health.healthy);
    assert_eq!(health.missing_attachments, [format!("{} 2.pdf", c.number)]);
    let other = tempfile::tempdir().unwrap();
    let err = store.backup(&admin, &other.path().join("备份.db"), at(12, 0)).await.unwrap_err();
    assert!(err.user_message().contains("附件文件缺失"), "{}", err.user_message());
    assert!(!other.path().join("备份.db").exists(), "no database backup without its attachments");
}
