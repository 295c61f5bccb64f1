//! Per-client-address rate limits for the endpoints attackers hammer (sign-in, sign-up,
//! password reset). `governor` implements GCRA; the per-account lockout in the database
//! is the second line of defence and survives restarts and multiple instances.
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::{net::IpAddr, num::NonZeroU32};

pub struct RateLimiters {
    auth: DefaultKeyedRateLimiter<IpAddr>,
}

impl RateLimiters {
    pub fn new(per_minute: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        Self {
            auth: RateLimiter::keyed(Quota::per_minute(per_minute)),
        }
    }

    /// True when this client may make another authentication attempt now.
    pub fn allow_auth(&self, ip: IpAddr) -> bool {
        let allowed = self.auth.check_key(&ip).is_ok();
        if self.auth.len() > 100_000 {
            self.auth.retain_recent();
        }
        allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_quota_and_keys_by_address() {
        let limits = RateLimiters::new(3);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        assert!((0..3).all(|_| limits.allow_auth(a)));
        assert!(!limits.allow_auth(a));
        assert!(limits.allow_auth(b));
    }
}
