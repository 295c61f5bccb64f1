//! Wallet types shared by the server and the browser.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `tracecoin_ledger.transaction_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Credit,
    Debit,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Credit => "CREDIT",
            Direction::Debit => "DEBIT",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "CREDIT" => Some(Direction::Credit),
            "DEBIT" => Some(Direction::Debit),
            _ => None,
        }
    }
}

/// `tracecoin_ledger.reference_type`: why the coins moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reference {
    Job,
    Lead,
    Purchase,
    Bonus,
}

impl Reference {
    pub const ALL: [Reference; 4] = [
        Reference::Job,
        Reference::Lead,
        Reference::Purchase,
        Reference::Bonus,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reference::Job => "JOB",
            Reference::Lead => "LEAD",
            Reference::Purchase => "PURCHASE",
            Reference::Bonus => "BONUS",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Reference::Job => "Job posting",
            Reference::Lead => "Lead response",
            Reference::Purchase => "Purchase",
            Reference::Bonus => "Bonus",
        }
    }
}

/// One ledger row as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub id: Uuid,
    pub direction: Direction,
    pub amount: i32,
    pub balance_after: i32,
    pub reference: Reference,
    pub reference_id: Option<Uuid>,
    pub remarks: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The wallet page's filters, kept in its URL (`?type=DEBIT&reason=LEAD`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletFilter {
    pub direction: Option<Direction>,
    pub reference: Option<Reference>,
}

impl WalletFilter {
    /// Reads `type` and `reason`; unknown values mean "any".
    pub fn from_query(direction: Option<&str>, reference: Option<&str>) -> Self {
        Self {
            direction: direction.and_then(Direction::parse),
            reference: reference.and_then(Reference::parse),
        }
    }

    /// The query string for these filters (empty, or starting with `?`), plus `extra`.
    pub fn query(&self, extra: &[(&str, String)]) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(d) = self.direction {
            parts.push(format!("type={}", d.as_str()));
        }
        if let Some(r) = self.reference {
            parts.push(format!("reason={}", r.as_str()));
        }
        parts.extend(extra.iter().map(|(k, v)| format!("{k}={v}")));
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// "1,234 tracecoins" in Indian digit grouping.
pub fn coins(n: i32) -> String {
    let grouped = crate::core::money::group_indian(i64::from(n));
    if n == 1 {
        "1 tracecoin".into()
    } else {
        format!("{grouped} tracecoins")
    }
}

/// The largest single movement: a typo guard, far above any package (1,500 coins).
pub const MAX_MOVEMENT: i32 = 1_000_000;
/// Longest remarks on a movement.
pub const REMARKS_MAX: usize = 500;
/// Idempotency keys: what callers derive them from ("lead-response:{id}") stays short.
pub const KEY_MAX: usize = 200;

/// Checks a movement's amount.
pub fn check_amount(amount: i32) -> Result<i32, String> {
    if amount <= 0 {
        Err("Enter a whole number of tracecoins above zero.".into())
    } else if amount > MAX_MOVEMENT {
        Err(format!(
            "At most {MAX_MOVEMENT} tracecoins can move at once."
        ))
    } else {
        Ok(amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_amounts_are_bounded() {
        for r in Reference::ALL {
            assert_eq!(Reference::parse(r.as_str()), Some(r));
        }
        for d in [Direction::Credit, Direction::Debit] {
            assert_eq!(Direction::parse(d.as_str()), Some(d));
        }
        assert_eq!(Reference::parse("GIFT"), None);
        assert!(check_amount(0).is_err());
        assert!(check_amount(-5).is_err());
        assert!(check_amount(MAX_MOVEMENT + 1).is_err());
        assert_eq!(check_amount(25), Ok(25));
    }
}
