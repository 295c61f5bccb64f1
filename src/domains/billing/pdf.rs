//! The GST invoice as a PDF (krilla, decision 0039): one A4 page, text in DejaVu Sans
//! (shipped in `assets/fonts`, it has the rupee sign), embedded as a subset so a PDF is
//! about 20 KB. The same `InvoiceView` as the invoice page, so the two never disagree.
use super::gst::percent_label;
use super::model::InvoiceView;
use crate::core::money::Paise;
use crate::core::{AppError, AppResult};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use std::sync::{Arc, OnceLock};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const LEFT: f32 = 50.0;
const RIGHT: f32 = WIDTH - 50.0;

fn fonts() -> Option<&'static (Font, Font)> {
    static FONTS: OnceLock<Option<(Font, Font)>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let regular = Font::new(Arc::new(REGULAR.to_vec()).into(), 0)?;
            let bold = Font::new(Arc::new(BOLD.to_vec()).into(), 0)?;
            Some((regular, bold))
        })
        .as_ref()
}

/// Writes lines top to bottom.
struct Pen<'a, 'b> {
    surface: &'a mut Surface<'b>,
    regular: Font,
    bold: Font,
    y: f32,
}

impl Pen<'_, '_> {
    fn text(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        let font = if bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        };
        self.surface.draw_text(
            Point::from_xy(x, self.y),
            font,
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    /// A line of text, wrapped at word boundaries to stay inside the margins (DejaVu
    /// Sans averages about 0.55 em a character).
    fn line(&mut self, size: f32, bold: bool, text: &str) {
        let per_line = ((RIGHT - LEFT) / (size * 0.58)) as usize;
        let mut current = String::new();
        for word in text.split_whitespace() {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > per_line
            {
                self.text(LEFT, size, bold, &current);
                self.y += size * 1.5;
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        self.text(LEFT, size, bold, &current);
        self.y += size * 1.5;
    }

    /// A label and an amount, the amount in a column on the right.
    fn amount(&mut self, label: &str, amount: Paise, bold: bool) {
        self.text(330.0, 10.0, bold, label);
        self.text(460.0, 10.0, bold, &amount.format_inr());
        self.y += 15.0;
    }

    fn rule(&mut self) {
        let mut path = PathBuilder::new();
        path.move_to(LEFT, self.y);
        path.line_to(RIGHT, self.y);
        if let Some(path) = path.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(203, 213, 225).into(),
                width: 0.75,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
            self.surface.set_fill(Some(Fill::default()));
        }
        self.y += 14.0;
    }
}

/// Which document `render` draws.
#[derive(Debug, Clone, Copy)]
pub enum Kind<'a> {
    Invoice,
    /// A credit note against the invoice numbered so.
    CreditNote {
        against: &'a str,
    },
}

/// The invoice (or a credit note, laid out the same) as PDF bytes.
pub fn render(i: &InvoiceView, kind: Kind<'_>) -> AppResult<Vec<u8>> {
    let (regular, bold) = fonts().cloned().ok_or_else(|| {
        tracing::error!("the invoice fonts could not be read");
        AppError::internal()
    })?;
    let mut document = Document::new();
    let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or_else(AppError::internal)?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    let mut pen = Pen {
        surface: &mut surface,
        regular,
        bold,
        y: 70.0,
    };
    let t = i.totals;

    match kind {
        Kind::Invoice => {
            pen.line(20.0, true, "Tax invoice");
            pen.line(10.0, false, &format!("Invoice number {}", i.number));
        }
        Kind::CreditNote { against } => {
            pen.line(20.0, true, "Credit note");
            pen.line(10.0, false, &format!("Credit note number {}", i.number));
            pen.line(10.0, false, &format!("Against invoice {against}"));
        }
    }
    pen.line(
        10.0,
        false,
        &format!("Date {}", crate::core::time::ist_day(i.issued_at)),
    );
    pen.y += 6.0;
    pen.line(11.0, true, &i.supplier_name);
    pen.line(9.0, false, &i.supplier_address);
    pen.line(9.0, false, &format!("GSTIN {}", i.supplier_gstin));
    pen.y += 6.0;
    pen.rule();
    pen.line(10.0, true, "Billed to");
    pen.line(10.0, false, &i.buyer_name);
    if let Some(g) = &i.buyer_gstin {
        pen.line(10.0, false, &format!("GSTIN {g}"));
    }
    pen.line(
        10.0,
        false,
        &format!("Place of supply {}", i.place_of_supply),
    );
    pen.y += 6.0;
    pen.rule();
    for (x, h) in [
        (LEFT, "Description"),
        (300.0, "SAC"),
        (360.0, "Qty"),
        (400.0, "Rate"),
        (480.0, "Amount"),
    ] {
        pen.text(x, 9.0, true, h);
    }
    pen.y += 16.0;
    pen.text(LEFT, 10.0, false, &i.item);
    pen.text(300.0, 10.0, false, &i.sac_code);
    pen.text(360.0, 10.0, false, &i.quantity.to_string());
    pen.text(400.0, 10.0, false, &i.unit_price.format_inr());
    pen.text(480.0, 10.0, false, &t.subtotal.format_inr());
    pen.y += 20.0;
    pen.rule();
    pen.amount("Subtotal", t.subtotal, false);
    if t.discount() > Paise::ZERO {
        pen.amount("Discount", t.discount(), false);
    }
    pen.amount("Taxable value", t.taxable, false);
    if t.tax.igst > Paise::ZERO {
        pen.amount(
            &format!("IGST {}", percent_label(i.tax_rate_bp)),
            t.tax.igst,
            false,
        );
    } else {
        pen.amount(
            &format!("CGST {}", percent_label(i.tax_rate_bp / 2)),
            t.tax.cgst,
            false,
        );
        pen.amount(
            &format!("SGST {}", percent_label(i.tax_rate_bp / 2)),
            t.tax.sgst,
            false,
        );
    }
    pen.amount("Total", t.total, true);
    pen.y += 10.0;
    pen.line(
        10.0,
        false,
        &format!("Amount in words: {}", i.total_in_words),
    );
    pen.y += 20.0;
    let (how, what) = match kind {
        Kind::Invoice => ("Paid online.", "invoice"),
        Kind::CreditNote { .. } => ("Refunded to the original payment method.", "credit note"),
    };
    pen.line(
        8.0,
        false,
        &format!("{how} Tax is not payable on reverse charge."),
    );
    pen.line(
        8.0,
        false,
        &format!("This is a computer-generated {what} and needs no signature."),
    );
    surface.finish();
    page.finish();
    document.finish().map_err(|err| {
        tracing::error!(?err, "the invoice PDF could not be written");
        AppError::internal()
    })
}
