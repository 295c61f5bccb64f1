//! GST for an Indian supply: the states and union territories a buyer can be in (the
//! place of supply), GSTIN validation, and the tax on a taxable value.
//!
//! **Rounding rule** (one, everywhere): each tax head is computed on the whole taxable
//! value of the order and rounded to the nearest paisa, halves up. Within a state the
//! rate is split in two equal halves, CGST and SGST, each rounded on its own, so
//! CGST = SGST always; between states IGST is the full rate, rounded once. An intra-state
//! total can therefore differ by one paisa from an inter-state one on the same value;
//! both are what the invoice prints.
use crate::core::money::Paise;
use serde::{Deserialize, Serialize};

/// A state or union territory with its GST state code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub code: &'static str,
    pub name: &'static str,
}

const fn s(code: &'static str, name: &'static str) -> State {
    State { code, name }
}

/// The places of supply a buyer picks from, in the order of their codes. Codes 25 (Daman
/// and Diu, merged into 26 in 2020) and 28 (undivided Andhra Pradesh) are no longer issued.
pub const STATES: &[State] = &[
    s("01", "Jammu and Kashmir"),
    s("02", "Himachal Pradesh"),
    s("03", "Punjab"),
    s("04", "Chandigarh"),
    s("05", "Uttarakhand"),
    s("06", "Haryana"),
    s("07", "Delhi"),
    s("08", "Rajasthan"),
    s("09", "Uttar Pradesh"),
    s("10", "Bihar"),
    s("11", "Sikkim"),
    s("12", "Arunachal Pradesh"),
    s("13", "Nagaland"),
    s("14", "Manipur"),
    s("15", "Mizoram"),
    s("16", "Tripura"),
    s("17", "Meghalaya"),
    s("18", "Assam"),
    s("19", "West Bengal"),
    s("20", "Jharkhand"),
    s("21", "Odisha"),
    s("22", "Chhattisgarh"),
    s("23", "Madhya Pradesh"),
    s("24", "Gujarat"),
    s("26", "Dadra and Nagar Haveli and Daman and Diu"),
    s("27", "Maharashtra"),
    s("29", "Karnataka"),
    s("30", "Goa"),
    s("31", "Lakshadweep"),
    s("32", "Kerala"),
    s("33", "Tamil Nadu"),
    s("34", "Puducherry"),
    s("35", "Andaman and Nicobar Islands"),
    s("36", "Telangana"),
    s("37", "Andhra Pradesh"),
    s("38", "Ladakh"),
];

/// The state with GST code `code`.
pub fn state(code: &str) -> Option<&'static State> {
    STATES.iter().find(|st| st.code == code)
}

/// "Karnataka (29)" for a state code; an unknown code as it is.
pub fn place_label(code: &str) -> String {
    state(code).map_or_else(|| code.to_owned(), |s| format!("{} ({})", s.name, s.code))
}

const GSTIN_CHARS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn value_of(c: u8) -> Option<u32> {
    GSTIN_CHARS.iter().position(|x| *x == c).map(|p| p as u32)
}

/// The check character of a GSTIN's first 14 characters: each character's value (0–9,
/// A–Z = 10–35) times 1 or 2 alternately, the product's base-36 digits summed, and the
/// character that brings the sum to a multiple of 36.
fn check_char(first14: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in first14.iter().enumerate() {
        let product = value_of(*c)? * if i % 2 == 0 { 1 } else { 2 };
        sum += product / 36 + product % 36;
    }
    GSTIN_CHARS.get(((36 - sum % 36) % 36) as usize).copied()
}

/// A valid GSTIN, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gstin(String);

impl Gstin {
    /// Checks what a person typed (spaces ignored, any case): 15 characters, a state code
    /// in use, a PAN (5 letters, 4 digits, a letter), an entity number, `Z`, and the check
    /// character.
    pub fn parse(input: &str) -> Result<Gstin, String> {
        let g: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let b = g.as_bytes();
        if b.len() != 15 || !b.iter().all(|c| value_of(*c).is_some()) {
            return Err("A GSTIN has 15 letters and digits, like 27AAPFU0939F1ZV.".into());
        }
        if state(&g[..2]).is_none() && &g[..2] != "97" {
            return Err(format!(
                "{} is not a GST state code: a GSTIN starts with its state's two digits.",
                &g[..2]
            ));
        }
        let pan = &b[2..12];
        let pan_ok = pan[..5].iter().all(u8::is_ascii_uppercase)
            && pan[5..9].iter().all(u8::is_ascii_digit)
            && pan[9].is_ascii_uppercase();
        if !pan_ok {
            return Err("Characters 3 to 12 of a GSTIN are the PAN (like AAPFU0939F).".into());
        }
        if b[12] == b'0' || b[13] != b'Z' {
            return Err("This is not a GSTIN: check characters 13 and 14.".into());
        }
        if check_char(&b[..14]) != Some(b[14]) {
            return Err("This GSTIN's last character does not match: check for a typo.".into());
        }
        Ok(Gstin(g))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The GST state code it was registered in (its first two digits).
    pub fn state_code(&self) -> &str {
        &self.0[..2]
    }
}

/// A rate in basis points: 18% is 1800.
pub type RateBp = i64;

/// `amount × bp / 10 000`, rounded to the nearest paisa, halves up (amounts are never
/// negative here).
pub fn percent_of(amount: Paise, bp: RateBp) -> Paise {
    let product = i128::from(amount.0) * i128::from(bp);
    Paise(((product + 5_000) / 10_000) as i64)
}

/// "18%", "9%", "2.5%", "0.25%": a rate in basis points as people read it.
pub fn percent_label(bp: RateBp) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

/// The tax on one supply, by head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tax {
    pub cgst: Paise,
    pub sgst: Paise,
    pub igst: Paise,
}

impl Tax {
    /// GST at `rate` on `taxable`: CGST + SGST when the buyer is in the supplier's state,
    /// IGST otherwise (see the rounding rule above).
    pub fn on(taxable: Paise, rate: RateBp, supplier_state: &str, buyer_state: &str) -> Tax {
        if supplier_state == buyer_state {
            // Half the rate, rounded: (taxable × rate / 2 + 5 000) / 10 000.
            let each = Paise(((i128::from(taxable.0) * i128::from(rate) + 10_000) / 20_000) as i64);
            Tax {
                cgst: each,
                sgst: each,
                igst: Paise::ZERO,
            }
        } else {
            Tax {
                igst: percent_of(taxable, rate),
                ..Tax::default()
            }
        }
    }

    pub fn total(self) -> Paise {
        Paise(self.cgst.0 + self.sgst.0 + self.igst.0)
    }

    /// Whether the supply is within the supplier's state (CGST + SGST).
    pub fn intra_state(self) -> bool {
        self.igst == Paise::ZERO && self.cgst != Paise::ZERO
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gstins_are_checked_to_the_last_character() {
        let ok = Gstin::parse(" 27aapfu0939f1zv ").map(|g| g.as_str().to_string());
        assert_eq!(ok.as_deref(), Ok("27AAPFU0939F1ZV"));
        assert_eq!(
            Gstin::parse("29AAGCB7383J1Z4")
                .map(|g| g.state_code().to_string())
                .as_deref(),
            Ok("29")
        );
        for (bad, says) in [
            ("27AAPFU0939F1ZW", "last character"),
            ("27AAPFU0939F1Z", "15 letters"),
            ("99AAPFU0939F1ZV", "state code"),
            ("28AAPFU0939F1ZV", "state code"),
            ("27AAP1U0939F1ZV", "PAN"),
            ("27AAPFU0939F1YV", "13 and 14"),
            ("27AAPFU0939F0ZV", "13 and 14"),
            ("27AAPFU-939F1ZV", "15 letters"),
        ] {
            let err = Gstin::parse(bad).err().unwrap_or_default();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn gst_splits_by_place_of_supply_and_rounds_each_head() {
        // ₹499 at 18%: 8,982 paise in all.
        let intra = Tax::on(Paise(49_900), 1800, "29", "29");
        assert_eq!(
            (intra.cgst, intra.sgst, intra.igst),
            (Paise(4_491), Paise(4_491), Paise(0))
        );
        let inter = Tax::on(Paise(49_900), 1800, "29", "27");
        assert_eq!(
            inter,
            Tax {
                igst: Paise(8_982),
                ..Tax::default()
            }
        );
        // 9% of 4,999 paise is 449.91: CGST and SGST 450 each; 18% is 899.82 → 900.
        assert_eq!(Tax::on(Paise(4_999), 1800, "07", "07").total(), Paise(900));
        assert_eq!(Tax::on(Paise(4_999), 1800, "07", "09").total(), Paise(900));
        // 9% of 50 paise is 4.5: rounds up to 5 each.
        assert_eq!(Tax::on(Paise(50), 1800, "07", "07").cgst, Paise(5));
        assert_eq!(Tax::on(Paise(0), 1800, "07", "07").total(), Paise(0));
        assert_eq!(percent_of(Paise(1), 5000), Paise(1));
        let labels: Vec<String> = [1800, 900, 250, 25].map(percent_label).into();
        assert_eq!(labels, ["18%", "9%", "2.5%", "0.25%"]);
        assert_eq!(percent_of(Paise(i64::MAX / 2), 10_000), Paise(i64::MAX / 2));
    }
}
