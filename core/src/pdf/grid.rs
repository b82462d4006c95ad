//! Grids sized by the page instead of by magic millimetres: key-value fields in N columns,
//! tables whose header row repeats after every page break, and signature grids.

use super::{Align, Cell, Form, Weight, text_width};

/// One label and its value in a key-value grid; `span` columns wide; at least `lines` lines of
/// writing room when the value is empty (a blank form filled in by hand).
#[derive(Clone, Debug)]
pub struct Field {
    pub label: String,
    pub value: String,
    pub span: usize,
    pub lines: usize,
    pub align: Align,
}

impl Field {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Field {
        Field { label: label.into(), value: value.into(), span: 1, lines: 1, align: Align::Left }
    }
    pub fn span(mut self, columns: usize) -> Field {
        self.span = columns.max(1);
        self
    }
    pub fn lines(mut self, lines: usize) -> Field {
        self.lines = lines.max(1);
        self
    }
    pub fn right(mut self) -> Field {
        self.align = Align::Right;
        self
    }
}

/// A table column: its title, its share of the band's width, and how its values align.
#[derive(Clone, Debug)]
pub struct Column {
    pub title: String,
    pub ratio: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: impl Into<String>, ratio: f32) -> Column {
        Column { title: title.into(), ratio, align: Align::Left }
    }
    pub fn right(title: impl Into<String>, ratio: f32) -> Column {
        Column { title: title.into(), ratio, align: Align::Right }
    }
    pub fn centered(title: impl Into<String>, ratio: f32) -> Column {
        Column { title: title.into(), ratio, align: Align::Center }
    }
}

/// 序号 / 姓名 / 签名 / 日期, the usual signature grid (安全技术交底单, 培训签到).
pub const SIGNATURE_COLUMNS: [(&str, f32); 4] = [("序号", 0.7), ("姓名", 2.0), ("签名", 3.0), ("日期", 2.0)];

impl Form {
    /// Width of the label column of a key-value grid: the widest label, but never narrower
    /// than 2/15 of the band (24 mm on A4 portrait), so stacked grids line up.
    fn label_width(&self, fields: &[Field]) -> f32 {
        let size = self.page.text_size;
        let widest = fields.iter().map(|f| text_width(&f.label, size, Weight::Bold)).fold(0.0, f32::max);
        (widest + 2.0 * self.page.pad() + 0.5).max((self.width * 2.0 / 15.0).min(28.0))
    }

    /// A key-value grid: `cols` label/value pairs per row across the band. A field that does
    /// not fit in what is left of a row starts the next one, and the last field of a row
    /// stretches to its end.
    pub fn fields(&mut self, fields: &[Field], cols: usize) {
        let cols = cols.max(1);
        let label = self.label_width(fields);
        let unit = (self.width - cols as f32 * label) / cols as f32;
        let line = self.page.line_height();
        let pad = self.page.pad();
        let mut row: Vec<Cell> = Vec::new();
        let mut used = 0;
        let mut min_height: f32 = 0.0;
        let flush = |form: &mut Form, row: &mut Vec<Cell>, used: &mut usize, min_height: &mut f32| {
            if row.is_empty() {
                return;
            }
            if let Some(last) = row.last_mut() {
                last.width += (cols - *used) as f32 * (unit + label);
            }
            form.row_min(row, *min_height);
            row.clear();
            *used = 0;
            *min_height = 0.0;
        };
        for field in fields {
            let span = field.span.min(cols);
            if used + span > cols {
                flush(self, &mut row, &mut used, &mut min_height);
            }
            row.push(Cell::label(label, &field.label));
            let width = span as f32 * unit + (span - 1) as f32 * label;
            row.push(Cell { width, text: field.value.clone(), label: false, align: field.align });
            if field.value.is_empty() {
                min_height = min_height.max(field.lines as f32 * line + 2.0 * pad);
            }
            used += span;
        }
        flush(self, &mut row, &mut used, &mut min_height);
    }

    /// A table: a shaded header row, then `rows`; when the table breaks across pages its header
    /// is printed again at the top of the next page. No rows: one row saying `empty`.
    pub fn table(&mut self, columns: &[Column], rows: impl IntoIterator<Item = Vec<String>>, empty: &str) {
        self.table_min(columns, rows, empty, 0.0);
    }

    /// A table whose rows are at least `min_height` mm tall.
    pub fn table_min(
        &mut self,
        columns: &[Column],
        rows: impl IntoIterator<Item = Vec<String>>,
        empty: &str,
        min_height: f32,
    ) {
        let widths = self.split(&columns.iter().map(|c| c.ratio).collect::<Vec<_>>());
        let header: Vec<Cell> = columns.iter().zip(&widths).map(|(c, w)| Cell::label(*w, &c.title)).collect();
        let one_line = self.page.line_height() + 2.0 * self.page.pad();
        // The header never stands alone at the foot of a page.
        self.ensure(2.0 * one_line.max(min_height));
        self.row(&header);
        self.repeat = Some(header);
        let mut any = false;
        for values in rows {
            any = true;
            let cells: Vec<Cell> = columns
                .iter()
                .zip(&widths)
                .zip(values.into_iter().chain(std::iter::repeat(String::new())))
                .map(|((c, w), text)| Cell { width: *w, text, label: false, align: c.align })
                .collect();
            self.row_min(&cells, min_height);
        }
        if !any && !empty.is_empty() {
            self.row(&[Cell::value(self.width, empty)]);
        }
        self.repeat = None;
    }

    /// `rows` empty rows of `row_height` mm under the given column titles, to sign on paper;
    /// a 序号 column is numbered. The header repeats on every page the grid runs onto.
    pub fn signature_grid(&mut self, columns: &[(&str, f32)], rows: usize, row_height: f32) {
        let cols: Vec<Column> = columns
            .iter()
            .map(
                |(title, ratio)| {
                    if *title == "序号" { Column::centered(*title, *ratio) } else { Column::new(*title, *ratio) }
                },
            )
            .collect();
        let numbered: Vec<bool> = columns.iter().map(|(title, _)| *title == "序号").collect();
        let body =
            (1..=rows).map(|n| numbered.iter().map(|&num| if num { n.to_string() } else { String::new() }).collect());
        self.middle = true;
        self.table_min(&cols, body, "", row_height);
        self.middle = false;
    }
}
