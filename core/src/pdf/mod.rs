//! The form toolkit over printpdf, for every printed document: the Chinese font embedded (and
//! subset on save), text measured from glyph advances for wrapping, page sizes (A4 portrait,
//! A4 landscape, an ID-1 card), bordered rows that grow with their text and break across pages,
//! key-value grids and tables sized by ratios of the content width (table headers repeat after
//! a page break), signature grids, images, QR codes, and on every page the company header,
//! the form's number, the template code and 第 X 页 / 共 Y 页. A document can be printed as
//! several labelled copies (第 X 份 / 共 Y 份), laid out once and replayed per copy.

mod grid;
mod images;
mod qr;
mod shared;

use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, Rgb, TextItem, WindingOrder,
};

pub use grid::{Column, Field, SIGNATURE_COLUMNS};
pub use images::Image;
pub use qr::qr_matrix;

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

const PT_PER_MM: f32 = 72.0 / 25.4;

/// A page's size and the room its header and footer take, in mm. The header and footer are
/// drawn inside this frame, so they follow the page: a landscape ledger gets a wide header, a
/// card a compact one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    /// Height of the header band below the top margin (company, title, number, rule).
    pub header: f32,
    /// Height kept free above the bottom margin; the footer line sits inside the margin.
    /// Zero: no footer at all (a card).
    pub footer: f32,
    /// Body text size in points.
    pub text_size: f32,
}

impl Page {
    pub const A4_PORTRAIT: Page =
        Page { width: 210.0, height: 297.0, margin: 15.0, header: 25.0, footer: 5.0, text_size: 9.5 };
    /// Ledgers (台帐): wide tables with many columns.
    pub const A4_LANDSCAPE: Page =
        Page { width: 297.0, height: 210.0, margin: 12.0, header: 25.0, footer: 5.0, text_size: 9.0 };
    /// ISO/IEC 7810 ID-1 (85.6 × 54 mm, a bank card) in landscape: the size of the badge
    /// sleeves (卡套) and PVC card printers an entry pass goes into; printed on an office
    /// printer it is cut out along the page edge.
    pub const CARD: Page = Page { width: 85.6, height: 54.0, margin: 3.0, header: 9.5, footer: 0.0, text_size: 6.5 };
    /// A6 portrait, for a pass printed four to a sheet and folded into a larger holder.
    pub const A6: Page = Page { width: 105.0, height: 148.0, margin: 6.0, header: 12.0, footer: 3.0, text_size: 7.5 };

    /// Width of the area between the side margins.
    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }
    fn content_top(&self) -> f32 {
        self.height - self.margin - self.header
    }
    fn content_bottom(&self) -> f32 {
        self.margin + self.footer
    }
    /// Small pages get a two-line header without the number line and a footer-less body.
    fn compact(&self) -> bool {
        self.header < 20.0
    }
    fn line_height(&self) -> f32 {
        self.text_size * 5.0 / 9.5
    }
    fn pad(&self) -> f32 {
        self.text_size * 1.6 / 9.5
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Weight {
    Regular,
    Bold,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One cell of a grid row: its width in mm and its text; `label` cells are shaded and bold.
#[derive(Clone, Debug)]
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
    pub fn centered(width: f32, text: impl Into<String>) -> Cell {
        Cell { width, text: text.into(), label: false, align: Align::Center }
    }
}

/// A controlled document's template code and revision, printed in the footer:
/// 表单编号 SH/QR-7.2-01 版本 A/0.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub code: String,
    pub version: String,
}

impl Template {
    pub fn new(code: impl Into<String>, version: impl Into<String>) -> Template {
        Template { code: code.into(), version: version.into() }
    }
    pub fn footer_text(&self) -> String {
        format!("表单编号 {} 版本 {}", self.code, self.version)
    }
}

/// A document being laid out, top to bottom, page by page. Headers and footers are added when
/// it is finished, once per copy.
pub struct Form {
    doc: PdfDocument,
    page: Page,
    regular: FontId,
    bold: FontId,
    title: String,
    number: String,
    company: String,
    footer_note: String,
    template: Option<Template>,
    qr: Option<Vec<Vec<bool>>>,
    logo: Option<Image>,
    pages: Vec<Vec<Op>>,
    /// Distance of the layout cursor from the bottom of the page, in mm.
    y: f32,
    /// The horizontal band rows are laid in (the content width unless narrowed).
    left: f32,
    width: f32,
    /// A table's header row, drawn again at the top of every page the table continues on.
    repeat: Option<Vec<Cell>>,
    /// Text sits in the vertical middle of rows taller than it (a signature grid's numbers).
    middle: bool,
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

fn black() -> Color {
    Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None })
}

impl Form {
    /// An A4 portrait form.
    pub fn new(company: &str, title: &str, number: &str) -> Result<Form> {
        Form::with_page(Page::A4_PORTRAIT, company, title, number)
    }

    /// A form on `page`; with an empty `number` no number line is printed (a blank form passes
    /// a line of underscores to write it on).
    pub fn with_page(page: Page, company: &str, title: &str, number: &str) -> Result<Form> {
        let f = fonts()?;
        let mut doc = PdfDocument::new(title);
        let regular = doc.add_font(&f.regular);
        let bold = doc.add_font(&f.bold);
        let mut form = Form {
            doc,
            page,
            regular,
            bold,
            title: title.into(),
            number: number.into(),
            company: company.into(),
            footer_note: String::new(),
            template: None,
            qr: None,
            logo: None,
            pages: Vec::new(),
            y: page.content_top(),
            left: page.margin,
            width: page.content_width(),
            repeat: None,
            middle: false,
        };
        form.new_page();
        Ok(form)
    }

    pub fn page(&self) -> Page {
        self.page
    }

    /// A line printed at the foot of every page (e.g. the print date), right-aligned.
    pub fn footer_note(&mut self, note: impl Into<String>) {
        self.footer_note = note.into();
    }

    /// The template code and version printed at the foot of every page, left-aligned.
    pub fn template(&mut self, template: Template) {
        self.template = Some(template);
    }

    /// A QR code carrying `text` in the top right corner of every page, beside the number.
    pub fn header_qr(&mut self, text: &str) -> Result<()> {
        self.qr = Some(qr_matrix(text)?);
        Ok(())
    }

    /// A logo in the top left corner of every page.
    pub fn logo(&mut self, image: Image) {
        self.logo = Some(image);
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a form always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.page.content_top();
        if let Some(header) = self.repeat.take() {
            self.row(&header);
            self.repeat = Some(header);
        }
    }

    /// Starts a new page.
    pub fn page_break(&mut self) {
        self.new_page();
    }

    /// Starts a new page unless `height` mm still fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y - height < self.page.content_bottom() {
            self.new_page();
        }
    }

    /// The left edge and width (mm) that rows, grids and tables use; narrowing it leaves room
    /// beside them (a photo on a pass). `reset_band` goes back to the full content width.
    pub fn band(&mut self, left: f32, width: f32) {
        self.left = left;
        self.width = width;
    }

    pub fn reset_band(&mut self) {
        self.left = self.page.margin;
        self.width = self.page.content_width();
    }

    /// The current band's width in mm.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// Turns relative widths into mm of the current band: `split(&[1.0, 3.0])` on 180 mm is
    /// [45, 135]. The last width takes the rounding so the row ends exactly at the edge.
    pub fn split(&self, ratios: &[f32]) -> Vec<f32> {
        let total: f32 = ratios.iter().sum::<f32>().max(f32::EPSILON);
        let mut widths: Vec<f32> = ratios.iter().map(|r| self.width * r / total).collect();
        if let Some(last) = widths.last_mut() {
            let others: f32 = ratios[..ratios.len() - 1].iter().map(|r| self.width * r / total).sum();
            *last = self.width - others;
        }
        widths
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
    pub fn aligned(&mut self, (x, width): (f32, f32), y: f32, text: &str, size: f32, weight: Weight, align: Align) {
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
            Op::SetOutlineColor { col: black() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } },
        ]);
    }

    /// An unfilled rectangle (a box to write or stamp in); `(x, y)` is its lower left corner.
    pub fn frame(&mut self, x: f32, y: f32, width: f32, height: f32, thickness: f32) {
        self.line(x, y, x + width, y, thickness);
        self.line(x + width, y, x + width, y + height, thickness);
        self.line(x + width, y + height, x, y + height, thickness);
        self.line(x, y + height, x, y, thickness);
    }

    /// A light grey filled rectangle (label cells; the photo box of an entry pass).
    pub fn shade(&mut self, x: f32, y: f32, width: f32, height: f32) {
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
            Op::SetFillColor { col: black() },
        ]);
    }

    /// A section heading, kept on the same page as the first row after it.
    pub fn heading(&mut self, text: &str) {
        let size = self.page.text_size + 1.5;
        self.ensure(size * 2.5);
        self.y -= size * 0.64;
        self.text_at(self.left, self.y, text, size, Weight::Bold);
        self.y -= size * 0.23;
    }

    /// A paragraph of wrapped text across the band.
    pub fn paragraph(&mut self, text: &str, size: f32) {
        let line_height = size * 0.55;
        for line in wrap(text, size, Weight::Regular, self.width) {
            self.ensure(line_height);
            self.y -= line_height;
            self.text_at(self.left, self.y, &line, size, Weight::Regular);
        }
    }

    /// Where the layout cursor is, in mm from the bottom of the page.
    pub fn cursor(&self) -> f32 {
        self.y
    }

    /// Moves the layout cursor to `y` mm from the bottom of the page (e.g. below a photo).
    pub fn set_cursor(&mut self, y: f32) {
        self.y = y;
    }

    /// Vertical space in mm.
    pub fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    /// One bordered grid row; its height follows its tallest cell. A row taller than what is
    /// left of the page moves to the next page; a row taller than a whole page is split.
    pub fn row(&mut self, cells: &[Cell]) {
        self.row_min(cells, 0.0);
    }

    /// A row at least `min_height` mm tall (room to write by hand).
    pub fn row_min(&mut self, cells: &[Cell], min_height: f32) {
        let size = self.page.text_size;
        let line = self.page.line_height();
        let pad = self.page.pad();
        let bottom = self.page.content_bottom();
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .map(|c| wrap(&c.text, size, if c.label { Weight::Bold } else { Weight::Regular }, c.width - 2.0 * pad))
            .collect();
        let mut start = 0;
        let total = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        // Never taller than half a page, so a row under a repeated header always fits somewhere.
        let min_height = min_height.min((self.page.content_top() - bottom) / 2.0);
        while start < total {
            let room = ((self.y - bottom - 2.0 * pad) / line).floor().max(0.0) as usize;
            let short = start == 0 && total <= 6;
            // Short rows move whole to the next page; long ones split so headings keep their text.
            if room == 0 || (short && room < total) || (start == 0 && self.y - bottom < min_height) {
                self.new_page();
                continue;
            }
            let take = (total - start).min(room.max(1));
            let mut height = take as f32 * line + 2.0 * pad;
            if start == 0 && take == total {
                height = height.max(min_height);
            }
            let top = self.y;
            let natural = take as f32 * line + 2.0 * pad;
            let drop = if self.middle { (height - natural) / 2.0 } else { 0.0 };
            let mut x = self.left;
            for (cell, lines) in cells.iter().zip(&wrapped) {
                if cell.label {
                    self.shade(x, top - height, cell.width, height);
                }
                let weight = if cell.label { Weight::Bold } else { Weight::Regular };
                for (i, text) in lines.iter().skip(start).take(take).enumerate() {
                    let baseline = top - drop - pad - (i as f32 + 1.0) * line + line * 0.26;
                    self.aligned((x + pad, cell.width - 2.0 * pad), baseline, text, size, weight, cell.align);
                }
                x += cell.width;
            }
            // Borders: top, bottom, and every vertical edge.
            let (left, right) = (self.left, x);
            self.line(left, top, right, top, 0.6);
            self.line(left, top - height, right, top - height, 0.6);
            let mut edge = left;
            self.line(edge, top, edge, top - height, 0.6);
            for cell in cells {
                edge += cell.width;
                self.line(edge, top, edge, top - height, 0.6);
            }
            self.y = top - height;
            start += take;
        }
    }

    /// A line of "label:______" blanks spread across the band, for signatures on paper.
    pub fn sign_line(&mut self, labels: &[&str]) {
        let size = self.page.text_size + 0.5;
        self.ensure(size * 1.7);
        self.gap(size * 1.26);
        let step = self.width / labels.len().max(1) as f32;
        let y = self.y;
        for (i, label) in labels.iter().enumerate() {
            let x = self.left + i as f32 * step;
            let text = format!("{label}:");
            self.text_at(x, y, &text, size, Weight::Regular);
            let lx = x + text_width(&text, size, Weight::Regular) + 1.0;
            self.line(lx, y - 1.0, x + step - 6.0, y - 1.0, 0.5);
        }
    }

    /// Draws the header and footer of one page: `copy` is (label, index, count) when the
    /// document is printed as several copies.
    fn decorate(&mut self, page_index: usize, page_count: usize, copy: Option<(&str, usize, usize)>) {
        let p = self.page;
        let top = p.height - p.margin;
        let full = (p.margin, p.content_width());
        let right = p.width - p.margin;
        let company = self.company.clone();
        let title = self.title.clone();
        if p.compact() {
            let small = p.text_size;
            self.aligned(full, top - small * 0.36, &company, small, Weight::Regular, Align::Center);
            self.aligned(full, top - small * 1.05, &title, small * 1.35, Weight::Bold, Align::Center);
            self.line(p.margin, top - p.header + 1.0, right, top - p.header + 1.0, 0.6);
        } else {
            let mut left = p.margin;
            if let Some(logo) = self.logo.clone() {
                // Left-aligned in a 30 × 18 mm box, centred in its height.
                let w = 30.0f32.min(18.0 / logo.aspect());
                let h = w * logo.aspect();
                self.place_image(&logo, p.margin, top - 20.0 + (18.0 - h) / 2.0, w);
                left += w + 3.0;
            }
            if let Some((label, index, count)) = copy {
                self.text_at(left, top - 5.0, label, 10.5, Weight::Bold);
                self.text_at(left, top - 11.0, &format!("第 {index} 份 / 共 {count} 份"), 9.0, Weight::Regular);
            }
            self.aligned(full, top - 5.0, &company, 12.0, Weight::Bold, Align::Center);
            self.aligned(full, top - 14.0, &title, 17.0, Weight::Bold, Align::Center);
            let mut number_right = right;
            if let Some(matrix) = self.qr.clone() {
                let size = 17.0;
                let ops = qr::ops(&matrix, right - size, top - 21.5, size);
                self.ops().extend(ops);
                number_right = right - size - 1.5;
            }
            if !self.number.is_empty() {
                let number = format!("编号:{}", self.number);
                self.aligned(
                    (p.margin, number_right - p.margin),
                    top - 21.5,
                    &number,
                    9.0,
                    Weight::Regular,
                    Align::Right,
                );
            }
            self.line(p.margin, top - 23.5, right, top - 23.5, 1.0);
        }
        if p.footer > 0.0 {
            let y = p.margin - 5.0;
            if page_count > 0 {
                let text = format!("第 {} 页 / 共 {} 页", page_index + 1, page_count);
                self.aligned(full, y, &text, 8.5, Weight::Regular, Align::Center);
            }
            if let Some(template) = self.template.clone() {
                self.text_at(p.margin, y, &template.footer_text(), 8.0, Weight::Regular);
            }
            let note = self.footer_note.clone();
            self.aligned(full, y, &note, 8.0, Weight::Regular, Align::Right);
        }
    }

    /// Writes headers and footers on every page and returns the PDF bytes.
    pub fn finish(self) -> Vec<u8> {
        self.finish_copies(&[])
    }

    /// The whole document once per label, each copy with its label, 第 X 份 / 共 Y 份 and its own
    /// page numbers; no labels: one copy without copy marks. The content is laid out once and
    /// replayed, so every copy is identical but for its marks.
    pub fn finish_copies(mut self, labels: &[&str]) -> Vec<u8> {
        let content = std::mem::take(&mut self.pages);
        let count = content.len();
        let copies: Vec<Option<(&str, usize, usize)>> = if labels.is_empty() {
            vec![None]
        } else {
            labels.iter().enumerate().map(|(i, l)| Some((*l, i + 1, labels.len()))).collect()
        };
        let mut out = Vec::with_capacity(count * copies.len());
        for copy in copies {
            for (i, ops) in content.iter().enumerate() {
                self.pages = vec![Vec::new()];
                self.decorate(i, count, copy);
                let mut all = self.pages.pop().unwrap_or_default();
                all.extend(ops.iter().cloned());
                out.push(PdfPage::new(Mm(self.page.width), Mm(self.page.height), all));
            }
        }
        self.doc.with_pages(out).save(&PdfSaveOptions::default(), &mut Vec::new())
    }

    /// As [`Form::finish_copies`], with the copies sharing their content: every page's content
    /// is stored once, as a form XObject, and each copy's page draws it under its own header and
    /// footer. A four-copy agreement then costs little more than one copy (contract-print).
    pub fn finish_copies_shared(mut self, labels: &[&str]) -> Result<Vec<u8>> {
        if labels.len() < 2 {
            return Ok(self.finish_copies(labels));
        }
        let content = std::mem::take(&mut self.pages);
        let count = content.len();
        let (width, height) = (Mm(self.page.width), Mm(self.page.height));
        // The content pages first (they become the shared XObjects and are then dropped), then
        // every copy's pages holding only their marks.
        let mut out: Vec<PdfPage> = content.into_iter().map(|ops| PdfPage::new(width, height, ops)).collect();
        for (c, label) in labels.iter().enumerate() {
            for i in 0..count {
                self.pages = vec![Vec::new()];
                self.decorate(i, count, Some((label, c + 1, labels.len())));
                out.push(PdfPage::new(width, height, self.pages.pop().unwrap_or_default()));
            }
        }
        let mut doc = self.doc.with_pages(out).to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
        shared::share_content(&mut doc, count).map_err(|e| Error::Internal(format!("pdf copies: {e}")))?;
        doc.compress();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).map_err(|e| Error::Internal(format!("pdf copies: {e}")))?;
        Ok(bytes)
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

    #[test]
    fn ratios_become_millimetres_of_the_band_and_end_at_its_edge() {
        let mut f = Form::new("公司", "表", "1").unwrap();
        assert_eq!(f.split(&[1.0, 3.0]), vec![45.0, 135.0]);
        let thirds = f.split(&[1.0, 1.0, 1.0]);
        assert!((thirds.iter().sum::<f32>() - 180.0).abs() < 1e-4);
        f.band(40.0, 100.0);
        assert_eq!(f.split(&[2.0, 2.0]), vec![50.0, 50.0]);
        let landscape = Form::with_page(Page::A4_LANDSCAPE, "公司", "台帐", "").unwrap();
        assert_eq!(landscape.split(&[1.0]), vec![273.0]);
    }

    #[test]
    fn pages_keep_their_content_inside_the_frame() {
        for page in [Page::A4_PORTRAIT, Page::A4_LANDSCAPE, Page::CARD, Page::A6] {
            assert!(page.content_top() > page.content_bottom() + 10.0, "{page:?}");
            assert!(page.content_width() > 50.0, "{page:?}");
        }
        assert!(Page::CARD.compact() && !Page::A4_LANDSCAPE.compact());
    }
}
