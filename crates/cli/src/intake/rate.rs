//! How many requests one client may make: a bucket per IP address holding
//! `per_minute` requests and refilled at `per_minute` a minute, so a client
//! may send a burst (an outbox flushing what it queued offline) and then
//! keeps to the rate. A refused client is told when one request will be
//! allowed again (`Retry-After`, whole seconds).
//!
//! Kept as the generic cell rate algorithm (GCRA): per client, the time at
//! which its bucket would be full again, in whole nanoseconds, so the
//! answers are exact.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Clients remembered before those with a full bucket are forgotten.
const REMEMBER: usize = 10_000;

pub struct RateLimit {
    /// The time one request costs: a minute / `per_minute`.
    cost: Duration,
    /// How far ahead of now a client may have spent: the burst less one.
    slack: Duration,
    /// Per client, when its bucket is full again.
    full_at: HashMap<IpAddr, Instant>,
}

impl RateLimit {
    /// `per_minute` is at least 1.
    pub fn new(per_minute: u32) -> Self {
        let per_minute = per_minute.max(1);
        let cost = Duration::from_secs(60) / per_minute;
        RateLimit {
            cost,
            slack: cost * (per_minute - 1),
            full_at: HashMap::new(),
        }
    }

    /// Takes one request from `ip`'s bucket at `now`: `Ok`, or how long
    /// until the next one is allowed (whole seconds, at least one).
    pub fn take(&mut self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.full_at.len() >= REMEMBER && !self.full_at.contains_key(&ip) {
            self.full_at.retain(|_, at| *at > now);
        }
        let full_at = self.full_at.get(&ip).copied().unwrap_or(now).max(now);
        let ahead = full_at - now;
        if ahead > self.slack {
            let wait = ahead - self.slack;
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return Err(Duration::from_secs(secs.max(1)));
        }
        self.full_at.insert(ip, full_at + self.cost);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(203, 0, 113, 7));
    const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(203, 0, 113, 8));

    #[test]
    fn a_burst_of_the_rate_passes_and_the_next_waits_for_one_refill() {
        let mut limit = RateLimit::new(6); // one every 10 s
        let t0 = Instant::now();
        for _ in 0..6 {
            assert_eq!(limit.take(A, t0), Ok(()));
        }
        assert_eq!(limit.take(A, t0), Err(Duration::from_secs(10)));
        // Another client is not held back by the first.
        assert_eq!(limit.take(B, t0), Ok(()));
        assert_eq!(
            limit.take(A, t0 + Duration::from_secs(4)),
            Err(Duration::from_secs(6))
        );
        assert_eq!(limit.take(A, t0 + Duration::from_secs(10)), Ok(()));
        assert_eq!(
            limit.take(A, t0 + Duration::from_secs(10)),
            Err(Duration::from_secs(10))
        );
    }

    #[test]
    fn a_refused_request_does_not_push_the_wait_further() {
        let mut limit = RateLimit::new(60); // one a second
        let t0 = Instant::now();
        for _ in 0..60 {
            limit.take(A, t0).unwrap();
        }
        for _ in 0..100 {
            assert_eq!(limit.take(A, t0), Err(Duration::from_secs(1)));
        }
        assert_eq!(limit.take(A, t0 + Duration::from_secs(1)), Ok(()));
    }
}
