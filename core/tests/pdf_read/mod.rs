//! Reading PDFs back in tests: text through `pdftotext -layout`, images through `pdfimages
//! -list`, pixels through `pdftoppm` (poppler-utils), and QR codes through rqrr.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

fn run(program: &str, args: &[&str], pdf: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut command = Command::new(program);
    command.args(args).arg(&path);
    match program {
        "pdftoppm" => command.arg(dir.path().join("page")),
        "pdftotext" => command.arg("-"),
        _ => &mut command,
    };
    let out = command.output().unwrap_or_else(|_| panic!("{program} (poppler-utils) is installed"));
    assert!(out.status.success(), "{program}: {}", String::from_utf8_lossy(&out.stderr));
    if program == "pdftoppm" {
        return std::fs::read(find_png(dir.path())).unwrap();
    }
    out.stdout
}

fn find_png(dir: &Path) -> std::path::PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("pdftoppm wrote a PNG")
}

pub fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of every page, whitespace removed (pdftotext spaces columns freely), so wrapped
/// lines join up again and labels compare regardless of layout.
pub fn pages_of(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8(run("pdftotext", &["-layout"], pdf)).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(squeezed).collect();
    if pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

/// The text of every page as pdftotext lays it out.
pub fn raw_pages_of(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8(run("pdftotext", &["-layout"], pdf)).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

pub fn text_of(pdf: &[u8]) -> String {
    pages_of(pdf).concat()
}

pub fn has(text: &str, wanted: &str) -> bool {
    text.contains(&squeezed(wanted))
}

/// `pdfimages -list` rows: (type, width, height, encoding) of every image, soft masks included.
pub fn images_of(pdf: &[u8]) -> Vec<(String, u32, u32, String)> {
    let list = String::from_utf8(run("pdfimages", &["-list"], pdf)).unwrap();
    list.lines()
        .skip(2)
        .map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            (f[2].to_owned(), f[3].parse().unwrap(), f[4].parse().unwrap(), f[8].to_owned())
        })
        .collect()
}

/// Rasterises the region `(x, y, w, h)` mm (from the top left) of page `page` at `dpi` and
/// decodes the QR codes found there. (rqrr misreads some codes whose modules fall on fractions
/// of a pixel, e.g. 0.45 mm modules at 300 dpi; a small code is read at 600 dpi.)
pub fn qr_codes_in(pdf: &[u8], page: usize, (x, y, w, h): (f32, f32, f32, f32), dpi: u32) -> Vec<String> {
    let px = |mm: f32| ((mm / 25.4 * dpi as f32).round() as i64).to_string();
    let page = page.to_string();
    let (x, y, w, h) = (px(x), px(y), px(w), px(h));
    let dpi = dpi.to_string();
    let args = ["-r", &dpi, "-gray", "-png", "-f", &page, "-l", &page, "-x", &x, "-y", &y, "-W", &w, "-H", &h];
    let png = run("pdftoppm", &args, pdf);
    let img = image::load_from_memory(&png).unwrap().to_luma8();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(img.width() as usize, img.height() as usize, |x, y| {
            img.get_pixel(x as u32, y as u32).0[0]
        });
    prepared.detect_grids().iter().filter_map(|g| g.decode().ok().map(|(_, text)| text)).collect()
}

/// Keeps a copy of `pdf` as `name` in the folder SHOUHOU_PDF_OUT names, to look at.
pub fn keep(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("SHOUHOU_PDF_OUT") {
        std::fs::write(Path::new(&dir).join(name), pdf).unwrap();
    }
}
