//! Images on forms (a photo on a pass, a company logo): JPEG or PNG bytes in, decoded and turned
//! upright by the `image` crate, scaled down to what print needs, placed keeping their aspect
//! ratio. printpdf's own image codecs stay off: a JPEG goes in as a JPEG stream (DCTDecode),
//! anything else as raw pixels that printpdf deflates (with a soft mask for transparency).

use std::collections::BTreeMap;
use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader};
use printpdf::{
    DictItem, ExternalStream, ExternalXObject, Op, Pt, Px, RawImage, RawImageData, RawImageFormat, XObjectId,
    XObjectTransform,
};

use super::{Form, PT_PER_MM};
use crate::error::{Error, Result};

/// Longest side kept, in pixels: 600 px is 300 dpi over 50 mm, more than a pass photo
/// (24 × 32 mm) or a header logo is ever printed at; a phone photo is scaled down to it.
const MAX_SIDE: u32 = 600;

/// An image added to a document once and placed on any number of pages.
#[derive(Clone, Debug)]
pub struct Image {
    id: XObjectId,
    pub width_px: u32,
    pub height_px: u32,
}

impl Image {
    /// Height over width.
    pub fn aspect(&self) -> f32 {
        self.height_px as f32 / self.width_px.max(1) as f32
    }
}

fn decode(bytes: &[u8]) -> Result<(DynamicImage, Option<ImageFormat>)> {
    let broken = || Error::validation("image", "图片已损坏或格式不受支持(仅支持 JPEG、PNG),无法放入表单");
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| broken())?;
    let format = reader.format();
    let mut decoder = reader.into_decoder().map_err(|_| broken())?;
    use image::ImageDecoder;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| broken())?;
    img.apply_orientation(orientation);
    Ok((img, format))
}

impl Form {
    /// Adds JPEG or PNG `bytes` to the document; place it with [`Form::place_image`].
    pub fn add_image(&mut self, bytes: &[u8]) -> Result<Image> {
        let (mut img, format) = decode(bytes)?;
        if img.width() > MAX_SIDE || img.height() > MAX_SIDE {
            img = img.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
        }
        let (width, height) = (img.width(), img.height());
        let id = if format == Some(ImageFormat::Jpeg) {
            // Photos stay JPEG: a few tens of KB where deflated pixels would take hundreds.
            let grey = matches!(img, DynamicImage::ImageLuma8(_));
            let mut jpeg = Vec::new();
            let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85);
            let encoded =
                if grey { encoder.encode_image(&img.to_luma8()) } else { encoder.encode_image(&img.to_rgb8()) };
            encoded.map_err(|e| Error::Internal(format!("JPEG for the PDF: {e}")))?;
            let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
            let dict = BTreeMap::from([
                ("Type".to_owned(), name("XObject")),
                ("Subtype".to_owned(), name("Image")),
                ("Width".to_owned(), DictItem::Int(width.into())),
                ("Height".to_owned(), DictItem::Int(height.into())),
                ("ColorSpace".to_owned(), name(if grey { "DeviceGray" } else { "DeviceRGB" })),
                ("BitsPerComponent".to_owned(), DictItem::Int(8)),
                ("Filter".to_owned(), name("DCTDecode")),
            ]);
            self.doc.add_xobject(&ExternalXObject {
                stream: ExternalStream { dict, content: jpeg, compress: false },
                width: Some(Px(width as usize)),
                height: Some(Px(height as usize)),
                dpi: None,
            })
        } else {
            let opaque = !img.color().has_alpha() || img.to_rgba8().pixels().all(|p| p.0[3] == 255);
            let (pixels, data_format) = if opaque {
                (img.to_rgb8().into_raw(), RawImageFormat::RGB8)
            } else {
                (img.to_rgba8().into_raw(), RawImageFormat::RGBA8)
            };
            let raw = RawImage {
                pixels: RawImageData::U8(pixels),
                width: width as usize,
                height: height as usize,
                data_format,
                tag: Vec::new(),
            };
            self.doc.add_image(&raw)
        };
        Ok(Image { id, width_px: width, height_px: height })
    }

    /// Places `image` with its lower left corner at `(x, y)` mm, `width` mm wide, keeping its
    /// aspect ratio; returns the height it takes.
    pub fn place_image(&mut self, image: &Image, x: f32, y: f32, width: f32) -> f32 {
        let height = width * image.aspect();
        let transform = XObjectTransform {
            translate_x: Some(Pt(x * PT_PER_MM)),
            translate_y: Some(Pt(y * PT_PER_MM)),
            rotate: None,
            // The image is drawn into the unit square; scale it to the size wanted.
            scale_x: Some(width * PT_PER_MM),
            scale_y: Some(height * PT_PER_MM),
            dpi: None,
            no_auto_scale: true,
        };
        self.ops().push(Op::UseXobject { id: image.id.clone(), transform });
        height
    }

    /// Places `image` as large as fits in the box at `(x, y)` of `width` × `height` mm,
    /// centred in it; returns the size it takes.
    pub fn fit_image(&mut self, image: &Image, x: f32, y: f32, width: f32, height: f32) -> (f32, f32) {
        let w = width.min(height / image.aspect());
        let h = w * image.aspect();
        self.place_image(image, x + (width - w) / 2.0, y + (height - h) / 2.0, w);
        (w, h)
    }
}
