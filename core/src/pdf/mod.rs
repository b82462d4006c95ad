//! A small A4 form renderer over printpdf: the Chinese font embedded (and subset on save),
//! text measured from glyph advances for wrapping, bordered grids that grow with their text
//! and break across pages, and on every page the company name, the form title and number,
//! and 第 X 页 / 共 Y 页.

use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rgb, TextItem,
};

use crate::error::{Error, Result};

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Bold.ttf");

struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

/// Parsing a CJK font takes a while; it is done once per process.
fn fonts() -> Result<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: ParsedFont::from_bytes(REGULAR_TTF, 0, &mut Vec::new())?,
                bold: ParsedFont::from_bytes(BOLD_TTF, 0, &mut Vec::new())?,
            })
        })
        .as_ref()
        .ok_or_else(|| Error::Internal("embedded PDF font does not parse".into()))
}

pub const PAGE_WIDTH: f32 = 210.0;
pub const PAGE_HEIGHT: f32 = 297.0;
pub const MARGIN: f32 = 15.0;
const CONTENT_TOP: f32 = PAGE_HEIGHT - 40.0;
const CONTENT_BOTTOM: f32 = 20.0;
const PT_PER_MM: f32 = 72.0 / 25.4;

#[derive(Clone, Copy, PartialEq)]
pub enum Weight {
    Regular,
    Bold,
}

#[derive(Clone, Copy)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One cell of a grid row: its width in mm and its text; `label` cells are shaded and bold.
#[derive(Clone)]
pub struct Cell {
    pub width: f32,
    pub text: String,
    pub label: bool,
    pub align: Align,
}

impl Cell {
    pub fn label(width: f32, text: impl Into<String>) -> Cell {
        Cell { width, text: text.into(), label: true, align: Align::Left }
    }
    pub fn value(width: f32, text: impl Into<String>) -> Cell {
        Cell { width, text: text.into(), label: false, align: Align::Left }
    }
    pub fn right(width: f32, text: impl Into<String>) -> Cell {
        Cell { width, text: text.into(), label: false, align: Align::Right }
    }
}

/// A form being laid out, top to bottom, page by page.
pub struct Form {
    doc: PdfDocument,
    regular: FontId,
    bold: FontId,
    title: String,
    number: String,
    company: String,
    footer_note: String,
    pages: Vec<Vec<Op>>,
    /// Distance of the layout cursor from the bottom of the page, in mm.
    y: f32,
}

/// Text width in mm at `size` points.
pub fn text_width(text: &str, size: f32, weight: Weight) -> f32 {
    let Ok(f) = fonts() else { return 0.0 };
    let font = if weight == Weight::Bold { &f.bold } else { &f.regular };
    let units = font.font_metrics.units_per_em.max(1) as f32;
    let advance: f32 = text
        .chars()
        .map(|c| font.lookup_glyph_index(c as u32).map(|g| font.get_horizontal_advance(g) as f32).unwrap_or(units))
        .sum();
    advance / units * size / PT_PER_MM
}

/// Breaks `text` into lines no wider than `width` mm; explicit newlines are kept. Latin words
/// stay whole when they fit on a line; Chinese breaks between any two characters.
pub fn wrap(text: &str, size: f32, weight: Weight, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut chars = paragraph.chars().peekable();
        while let Some(c) = chars.next() {
            // Keep a run of ASCII letters/digits together as one token.
            let mut token = c.to_string();
            if c.is_ascii_alphanumeric() {
                while let Some(&n) = chars.peek() {
                    if !n.is_ascii_alphanumeric() {
                        break;
                    }
                    token.push(n);
                    chars.next();
                }
            }
            let candidate = format!("{line}{token}");
            if text_width(&candidate, size, weight) <= width || line.is_empty() {
                if line.is_empty() && text_width(&token, size, weight) > width {
                    // A token wider than the line: break it by characters.
                    for ch in token.chars() {
                        let next = format!("{line}{ch}");
                        if text_width(&next, size, weight) > width && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                        }
                        line.push(ch);
                    }
                } else {
                    line = candidate;
                }
            } else {
                lines.push(std::mem::take(&mut line));
                line = token.trim_start().to_owned();
            }
        }
        lines.push(line);
    }
    lines
}

impl Form {
    pub fn new(company: &str, title: &str, number: &str) -> Result<Form> {
        let f = fonts()?;
        let mut doc = PdfDocument::new(title);
        let regular = doc.add_font(&f.regular);
        let bold = doc.add_font(&f.bold);
        let mut form = Form {
            doc,
            regular,
            bold,
            title: title.into(),
            number: number.into(),
            company: company.into(),
            footer_note: String::new(),
            pages: Vec::new(),
            y: CONTENT_TOP,
        };
        form.new_page();
        Ok(form)
    }

    /// A line printed at the foot of every page (e.g. the print date).
    pub fn footer_note(&mut self, note: impl Into<String>) {
        self.footer_note = note.into();
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a form always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = CONTENT_TOP;
    }

    /// Starts a new page unless `height` mm still fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y - height < CONTENT_BOTTOM {
            self.new_page();
        }
    }

    pub fn text_at(&mut self, x: f32, y: f32, text: &str, size: f32, weight: Weight) {
        if text.is_empty() {
            return;
        }
        let font = if weight == Weight::Bold { self.bold.clone() } else { self.regular.clone() };
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) },
            Op::SetTextCursor { pos: Point::new(Mm(x), Mm(y)) },
            Op::ShowText { items: vec![TextItem::Text(text.to_owned())] },
            Op::EndTextSection,
        ]);
    }

    /// Text aligned within the span `(x, width)`.
    fn aligned(&mut self, (x, width): (f32, f32), y: f32, text: &str, size: f32, weight: Weight, align: Align) {
        let w = text_width(text, size, weight);
        let left = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text_at(left, y, text, size, weight);
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32) {
        let point = |x: f32, y: f32| LinePoint { p: Point::new(Mm(x), Mm(y)), bezier: false };
        self.ops().extend([
            Op::SetOutlineColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } },
        ]);
    }

    fn shade(&mut self, x: f32, y: f32, width: f32, height: f32) {
        use printpdf::{PaintMode, Rect, WindingOrder};
        self.ops().extend([
            Op::SetFillColor { col: Color::Rgb(Rgb { r: 0.93, g: 0.94, b: 0.96, icc_profile: None }) },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Mm(x).into(),
                    y: Mm(y).into(),
                    width: Mm(width).into(),
                    height: Mm(height).into(),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            },
            Op::SetFillColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) },
        ]);
    }

    /// A section heading, kept on the same page as the first row after it.
    pub fn heading(&mut self, text: &str) {
        self.ensure(24.0);
        self.y -= 7.0;
        self.text_at(MARGIN, self.y, text, 11.0, Weight::Bold);
        self.y -= 2.5;
    }

    /// A paragraph of wrapped text across the content width.
    pub fn paragraph(&mut self, text: &str, size: f32) {
        let line_height = size * 0.55;
        for line in wrap(text, size, Weight::Regular, PAGE_WIDTH - 2.0 * MARGIN) {
            self.ensure(line_height);
            self.y -= line_height;
            self.text_at(MARGIN, self.y, &line, size, Weight::Regular);
        }
    }

    /// Where the layout cursor is, in mm from the bottom of the page.
    pub fn cursor(&self) -> f32 {
        self.y
    }

    /// Vertical space in mm.
    pub fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    /// One bordered grid row; its height follows its tallest cell. A row taller than what is
    /// left of the page moves to the next page; a row taller than a whole page is split.
    pub fn row(&mut self, cells: &[Cell]) {
        const SIZE: f32 = 9.5;
        const LINE: f32 = 5.0;
        const PAD: f32 = 1.6;
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .map(|c| wrap(&c.text, SIZE, if c.label { Weight::Bold } else { Weight::Regular }, c.width - 2.0 * PAD))
            .collect();
        let mut start = 0;
        let total = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        while start < total {
            let room = ((self.y - CONTENT_BOTTOM - 2.0 * PAD) / LINE).floor() as usize;
            // Short rows move whole to the next page; long ones split so headings keep their text.
            if room == 0 || (room < total - start && start == 0 && total <= 6) {
                self.new_page();
                continue;
            }
            let take = (total - start).min(room.max(1));
            let height = take as f32 * LINE + 2.0 * PAD;
            let top = self.y;
            let mut x = MARGIN;
            for (cell, lines) in cells.iter().zip(&wrapped) {
                if cell.label {
                    self.shade(x, top - height, cell.width, height);
                }
                let weight = if cell.label { Weight::Bold } else { Weight::Regular };
                for (i, line) in lines.iter().skip(start).take(take).enumerate() {
                    let baseline = top - PAD - (i as f32 + 1.0) * LINE + 1.3;
                    self.aligned((x + PAD, cell.width - 2.0 * PAD), baseline, line, SIZE, weight, cell.align);
                }
                x += cell.width;
            }
            // Borders: top, bottom, and every vertical edge.
            let right = x;
            self.line(MARGIN, top, right, top, 0.6);
            self.line(MARGIN, top - height, right, top - height, 0.6);
            let mut edge = MARGIN;
            self.line(edge, top, edge, top - height, 0.6);
            for cell in cells {
                edge += cell.width;
                self.line(edge, top, edge, top - height, 0.6);
            }
            self.y = top - height;
            start += take;
        }
    }

    /// Writes headers and footers on every page and returns the PDF bytes.
    pub fn finish(mut self) -> Vec<u8> {
        let count = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(count);
        for (i, ops) in pages.into_iter().enumerate() {
            self.pages = vec![Vec::new()];
            let top = PAGE_HEIGHT - MARGIN;
            let full = (MARGIN, PAGE_WIDTH - 2.0 * MARGIN);
            self.aligned(full, top - 5.0, &self.company.clone(), 12.0, Weight::Bold, Align::Center);
            self.aligned(full, top - 14.0, &self.title.clone(), 17.0, Weight::Bold, Align::Center);
            let number = format!("编号:{}", self.number);
            self.aligned(full, top - 21.5, &number, 9.0, Weight::Regular, Align::Right);
            self.line(MARGIN, top - 23.5, PAGE_WIDTH - MARGIN, top - 23.5, 1.0);
            let page = format!("第 {} 页 / 共 {} 页", i + 1, count);
            self.aligned(full, 10.0, &page, 8.5, Weight::Regular, Align::Center);
            let note = self.footer_note.clone();
            self.aligned(full, 10.0, &note, 8.0, Weight::Regular, Align::Right);
            let mut all = self.pages.pop().unwrap_or_default();
            all.extend(ops);
            out.push(PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), all));
        }
        self.doc.with_pages(out).save(&PdfSaveOptions::default(), &mut Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_character_and_respects_the_width() {
        let text = "减速机齿轮箱运行异响,拆检发现轴承磨损。Customer part JSJ-200-A failed after 300 hours.";
        let lines = wrap(text, 10.0, Weight::Regular, 40.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        for line in &lines {
            assert!(text_width(line, 10.0, Weight::Regular) <= 40.0 + 0.01, "{line}");
        }
        assert!(lines.iter().any(|l| l.contains("JSJ")), "latin tokens stay whole");
    }

    #[test]
    fn chinese_is_wider_than_latin_and_bold_is_measured_too() {
        assert!(text_width("售后服务", 10.0, Weight::Regular) > text_width("abcd", 10.0, Weight::Regular));
        assert!(text_width("售后", 10.0, Weight::Bold) > 0.0);
    }
}
