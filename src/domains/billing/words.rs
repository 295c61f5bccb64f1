//! An amount in words as Indian invoices write it: "Rupees Five Lakh Eighty-Eight
//! Thousand Two Hundred and Eighty-Two and Fifty Paise Only" (thousand, lakh, crore).
use crate::core::money::Paise;

const ONES: [&str; 20] = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
];
const TENS: [&str; 10] = [
    "", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety",
];

/// 0–99.
fn below_hundred(n: u64) -> String {
    let n = n as usize;
    match n {
        0..=19 => ONES[n].to_string(),
        _ if n.is_multiple_of(10) => TENS[n / 10].to_string(),
        _ => format!("{}-{}", TENS[n / 10], ONES[n % 10]),
    }
}

/// 1–999 ("Two Hundred and Eighty-Two").
fn below_thousand(n: u64) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    match (hundreds, rest) {
        (0, r) => below_hundred(r),
        (h, 0) => format!("{} Hundred", ONES[h as usize]),
        (h, r) => format!("{} Hundred and {}", ONES[h as usize], below_hundred(r)),
    }
}

/// A whole number in words with Indian grouping; crores above 99 are themselves read as
/// a number ("One Hundred Crore").
pub fn number_in_words(n: u64) -> String {
    if n == 0 {
        return ONES[0].to_string();
    }
    let mut parts = Vec::new();
    let crore = n / 10_000_000;
    if crore > 0 {
        parts.push(format!("{} Crore", number_in_words(crore)));
    }
    let lakh = (n / 100_000) % 100;
    if lakh > 0 {
        parts.push(format!("{} Lakh", below_hundred(lakh)));
    }
    let thousand = (n / 1_000) % 100;
    if thousand > 0 {
        parts.push(format!("{} Thousand", below_hundred(thousand)));
    }
    let rest = n % 1_000;
    if rest > 0 {
        // "One Lakh and Five": a last group below a hundred after a bigger one takes "and".
        if rest < 100 && !parts.is_empty() {
            parts.push(format!("and {}", below_hundred(rest)));
        } else {
            parts.push(below_thousand(rest));
        }
    }
    parts.join(" ")
}

/// "Rupees … and … Paise Only" (no paise part when it is zero).
pub fn rupees_in_words(amount: Paise) -> String {
    let abs = amount.0.unsigned_abs();
    let (rupees, paise) = (abs / 100, abs % 100);
    let sign = if amount.0 < 0 { "Minus " } else { "" };
    if paise == 0 {
        format!("{sign}Rupees {} Only", number_in_words(rupees))
    } else {
        format!(
            "{sign}Rupees {} and {} Paise Only",
            number_in_words(rupees),
            below_hundred(paise)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(
        clippy::inconsistent_digit_grouping,
        reason = "Indian grouping: lakh and crore"
    )]
    fn amounts_read_in_lakh_and_crore() {
        for (n, words) in [
            (0, "Zero"),
            (7, "Seven"),
            (40, "Forty"),
            (99, "Ninety-Nine"),
            (100, "One Hundred"),
            (588, "Five Hundred and Eighty-Eight"),
            (1_000, "One Thousand"),
            (1_005, "One Thousand and Five"),
            (20_000, "Twenty Thousand"),
            (1_00_005, "One Lakh and Five"),
            (
                5_88_282,
                "Five Lakh Eighty-Eight Thousand Two Hundred and Eighty-Two",
            ),
            (1_00_00_000, "One Crore"),
            (
                12_34_56_789,
                "Twelve Crore Thirty-Four Lakh Fifty-Six Thousand Seven Hundred and Eighty-Nine",
            ),
            (100_00_00_000, "One Hundred Crore"),
        ] {
            assert_eq!(number_in_words(n), words, "{n}");
        }
    }

    #[test]
    fn rupees_and_paise() {
        assert_eq!(
            rupees_in_words(Paise(58_882)),
            "Rupees Five Hundred and Eighty-Eight and Eighty-Two Paise Only"
        );
        assert_eq!(rupees_in_words(Paise(100_000)), "Rupees One Thousand Only");
        assert_eq!(rupees_in_words(Paise(5)), "Rupees Zero and Five Paise Only");
    }
}
