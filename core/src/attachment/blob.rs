//! The bytes of attachments in the data folder, named by content, and image thumbnails.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The largest file accepted: phone photos are a few MB, multi-page scans tens.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;
/// The longest side of a thumbnail, in pixels.
const THUMBNAIL_SIDE: u32 = 320;

/// A file checked and copied into the data folder, ready to be linked to a record.
#[derive(Debug, Clone)]
pub struct Staged {
    pub sha256: String,
    pub extension: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub has_thumbnail: bool,
}

/// Office documents and text are kept as they are (no preview); what is not on this list or
/// an image or PDF is refused.
const DOCUMENTS: [(&str, &str); 7] = [
    ("doc", "application/msword"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xls", "application/vnd.ms-excel"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt", "application/vnd.ms-powerpoint"),
    ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ("txt", "text/plain"),
];

const IMAGE_EXTENSIONS: [&str; 9] = ["jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff", "jfif"];

fn image_kind(format: ImageFormat) -> Option<(&'static str, &'static str)> {
    Some(match format {
        ImageFormat::Jpeg => ("jpg", "image/jpeg"),
        ImageFormat::Png => ("png", "image/png"),
        ImageFormat::Gif => ("gif", "image/gif"),
        ImageFormat::Bmp => ("bmp", "image/bmp"),
        ImageFormat::WebP => ("webp", "image/webp"),
        ImageFormat::Tiff => ("tif", "image/tiff"),
        _ => return None,
    })
}

pub(super) fn content_path(data_dir: &Path, sha256: &str, extension: &str) -> PathBuf {
    data_dir.join("attachments").join(&sha256[..2]).join(format!("{sha256}.{extension}"))
}

pub(super) fn thumbnail_path(data_dir: &Path, sha256: &str) -> PathBuf {
    data_dir.join("attachments").join("thumbs").join(format!("{sha256}.jpg"))
}

/// Checks the file, copies it into the data folder (once per content) and makes the
/// thumbnail of an image. Nothing is written when the file is refused.
pub fn stage(data_dir: &Path, path: &Path) -> Result<Staged> {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let shown = if file_name.is_empty() { path.display().to_string() } else { file_name.clone() };
    let meta =
        std::fs::metadata(path).map_err(|_| Error::validation("file", format!("找不到文件:{}", path.display())))?;
    if !meta.is_file() {
        return Err(Error::validation("file", format!("“{shown}”不是文件")));
    }
    if meta.len() == 0 {
        return Err(Error::validation("file", format!("文件“{shown}”是空的")));
    }
    if meta.len() > MAX_BYTES {
        return Err(Error::validation(
            "file",
            format!("文件“{shown}”有 {:.1} MB,附件不能超过 {} MB", meta.len() as f64 / 1048576.0, MAX_BYTES / 1048576),
        ));
    }
    if file_name.chars().count() > 200 {
        return Err(Error::validation("file", "文件名不能超过200个字"));
    }
    let bytes = std::fs::read(path)?;
    let claimed = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();

    let (extension, media_type, image) = match image::guess_format(&bytes).ok().and_then(image_kind) {
        Some((ext, media)) => (ext.to_owned(), media, Some(oriented(&bytes, &shown)?)),
        None if bytes.starts_with(b"%PDF-") => ("pdf".to_owned(), "application/pdf", None),
        None if IMAGE_EXTENSIONS.contains(&claimed.as_str()) => {
            return Err(Error::validation("file", format!("“{shown}”不是有效的图片文件,可能已损坏")));
        }
        None if claimed == "pdf" => {
            return Err(Error::validation("file", format!("“{shown}”不是有效的 PDF 文件,可能已损坏")));
        }
        None => match DOCUMENTS.iter().find(|(ext, _)| *ext == claimed) {
            Some((ext, media)) => ((*ext).to_owned(), *media, None),
            None => {
                return Err(Error::validation(
                    "file",
                    format!(
                        "不支持的附件类型“{shown}”:可上传照片(JPG、PNG 等)、PDF 扫描件、Word、Excel、PowerPoint 或文本文件"
                    ),
                ));
            }
        },
    };

    let sha256: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let thumbnail = match &image {
        Some(img) => Some(thumbnail_jpeg(img)?),
        None => None,
    };
    write_once(&content_path(data_dir, &sha256, &extension), &bytes)?;
    if let Some(thumb) = &thumbnail {
        write_once(&thumbnail_path(data_dir, &sha256), thumb)?;
    }
    Ok(Staged {
        sha256,
        extension,
        file_name: if file_name.is_empty() { "附件".into() } else { file_name },
        media_type: media_type.to_owned(),
        size_bytes: bytes.len() as i64,
        width: image.as_ref().map(|i| i64::from(i.width())),
        height: image.as_ref().map(|i| i64::from(i.height())),
        has_thumbnail: thumbnail.is_some(),
    })
}

/// Decodes the image and turns it the way its EXIF orientation says.
fn oriented(bytes: &[u8], shown: &str) -> Result<DynamicImage> {
    let broken = || Error::validation("file", format!("图片“{shown}”已损坏或格式不受支持,无法读取"));
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| broken())?;
    let mut decoder = reader.into_decoder().map_err(|_| broken())?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| broken())?;
    img.apply_orientation(orientation);
    Ok(img)
}

fn thumbnail_jpeg(img: &DynamicImage) -> Result<Vec<u8>> {
    let small = img.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE).to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&small)
        .map_err(|e| Error::Internal(format!("thumbnail: {e}")))?;
    Ok(out)
}

/// Writes `bytes` to `path` unless a file is already there (same name, same content), through
/// a temporary file and a rename so a crash never leaves half a file under the final name.
fn write_once(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    let dir = path.parent().ok_or_else(|| Error::Internal("attachment path".into()))?;
    std::fs::create_dir_all(dir)?;
    let partial = path.with_extension("partial");
    let mut file = std::fs::File::create(&partial)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&partial, path)?;
    Ok(())
}

/// Copies one stored file (and its thumbnail) into a backup's `attachments/` folder unless it is
/// there already; a new copy is read back and its SHA-256 checked. Returns whether it copied.
pub(super) fn back_up_one(data_dir: &Path, backup_root: &Path, sha256: &str, extension: &str) -> Result<bool> {
    let source = content_path(data_dir, sha256, extension);
    let target = content_path(backup_root, sha256, extension);
    let mut copied = false;
    if !target.exists() {
        let bytes = std::fs::read(&source).map_err(|_| {
            Error::validation("file", format!("附件文件缺失,无法备份:{}(请从以前的备份恢复)", source.display()))
        })?;
        write_once(&target, &bytes)?;
        let check: String = Sha256::digest(std::fs::read(&target)?).iter().map(|b| format!("{b:02x}")).collect();
        if check != sha256 {
            let _ = std::fs::remove_file(&target);
            return Err(Error::Corrupt(format!("backup copy of attachment {sha256} does not match")));
        }
        copied = true;
    }
    let thumb = thumbnail_path(data_dir, sha256);
    if thumb.exists() {
        let target = thumbnail_path(backup_root, sha256);
        if !target.exists() {
            write_once(&target, &std::fs::read(&thumb)?)?;
        }
    }
    Ok(copied)
}
