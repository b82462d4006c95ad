//! QR codes as vector shapes: one filled path whose rectangles are the runs of dark modules
//! in each row (a few hundred bytes, sharp at any print resolution, no seams between modules).

use printpdf::{LinePoint, Mm, Op, PaintMode, Point, Polygon, PolygonRing, WindingOrder};
use qrcodegen::{QrCode, QrCodeEcc};

use super::Form;
use crate::error::{Error, Result};

/// The quiet zone around the code, in modules (the standard asks for 4).
const QUIET: usize = 4;

/// The dark modules of the QR code for `text`, row by row from the top, without quiet zone.
/// Error correction Q (25 %): a signed sheet may come back with ink or a fold across it.
pub fn qr_matrix(text: &str) -> Result<Vec<Vec<bool>>> {
    let code = QrCode::encode_text(text, QrCodeEcc::Quartile)
        .map_err(|_| Error::validation("qr", format!("“{text}”太长,无法生成二维码")))?;
    let n = code.size();
    Ok((0..n).map(|y| (0..n).map(|x| code.get_module(x, y)).collect()).collect())
}

/// Drawing ops for `matrix` in a square of `size` mm (quiet zone included) whose lower left
/// corner is at `(x, y)` mm.
pub(super) fn ops(matrix: &[Vec<bool>], x: f32, y: f32, size: f32) -> Vec<Op> {
    let n = matrix.len();
    let module = size / (n + 2 * QUIET) as f32;
    let point = |px: f32, py: f32| LinePoint { p: Point::new(Mm(px), Mm(py)), bezier: false };
    let mut rings = Vec::new();
    for (row, cells) in matrix.iter().enumerate() {
        let top = y + size - (QUIET + row) as f32 * module;
        let mut col = 0;
        while col < n {
            if !cells[col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && cells[col] {
                col += 1;
            }
            let left = x + (QUIET + start) as f32 * module;
            let right = x + (QUIET + col) as f32 * module;
            // Every ring runs the same way round, so with the nonzero rule they add up.
            rings.push(PolygonRing {
                points: vec![
                    point(left, top - module),
                    point(right, top - module),
                    point(right, top),
                    point(left, top),
                ],
            });
        }
    }
    vec![Op::DrawPolygon { polygon: Polygon { rings, mode: PaintMode::Fill, winding_order: WindingOrder::NonZero } }]
}

impl Form {
    /// A QR code carrying `text`, `size` mm square (quiet zone included), lower left at `(x, y)`.
    pub fn qr_code(&mut self, x: f32, y: f32, size: f32, text: &str) -> Result<()> {
        let matrix = qr_matrix(text)?;
        let ops = ops(&matrix, x, y, size);
        self.ops().extend(ops);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the modules back from the drawn rectangles: a module is dark when its centre lies
    /// inside one of them.
    fn read_back(ops: &[Op], n: usize, x: f32, y: f32, size: f32) -> Vec<Vec<bool>> {
        let module = size / (n + 2 * QUIET) as f32;
        let mut seen = vec![vec![false; n]; n];
        let Op::DrawPolygon { polygon } = &ops[0] else { panic!("one filled path") };
        for ring in &polygon.rings {
            let mm = |v: f32| v / (72.0 / 25.4);
            let xs: Vec<f32> = ring.points.iter().map(|p| mm(p.p.x.0)).collect();
            let ys: Vec<f32> = ring.points.iter().map(|p| mm(p.p.y.0)).collect();
            let (x0, x1) = (xs.iter().cloned().fold(f32::MAX, f32::min), xs.iter().cloned().fold(f32::MIN, f32::max));
            let (y0, y1) = (ys.iter().cloned().fold(f32::MAX, f32::min), ys.iter().cloned().fold(f32::MIN, f32::max));
            for (row, cells) in seen.iter_mut().enumerate() {
                let cy = y + size - (QUIET + row) as f32 * module - module / 2.0;
                for (col, cell) in cells.iter_mut().enumerate() {
                    let cx = x + (QUIET + col) as f32 * module + module / 2.0;
                    if cx > x0 && cx < x1 && cy > y0 && cy < y1 {
                        assert!(!*cell, "module ({row}, {col}) drawn twice");
                        *cell = true;
                    }
                }
            }
        }
        seen
    }

    #[test]
    fn the_drawn_rectangles_give_back_every_module() {
        for text in ["KS-2026-0001", "KS-2026-12345", "https://example.com/complaint/KS-2026-0001?copy=2"] {
            let matrix = qr_matrix(text).unwrap();
            assert!(matrix.len() >= 21 && matrix.iter().all(|r| r.len() == matrix.len()));
            let drawn = ops(&matrix, 170.0, 260.0, 17.0);
            assert_eq!(read_back(&drawn, matrix.len(), 170.0, 260.0, 17.0), matrix, "{text}");
        }
    }

    #[test]
    fn a_record_number_fits_the_smallest_code() {
        // Upper-case letters, digits and '-' use the alphanumeric mode: version 1 (21 × 21).
        assert_eq!(qr_matrix("KS-2026-0001").unwrap().len(), 21);
    }
}
