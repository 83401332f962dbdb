//! When a failed call is sent again.
//!
//! Only GET calls are ever retried: they read state and cannot move money twice.
//! A POST or PUT that timed out may already have been processed by Eko, so it is
//! reported to the caller (with its `client_ref_id`, to look the outcome up)
//! instead of being re-sent.

use std::time::Duration;

/// Retry settings for GET calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts after the first one; 0 disables retries.
    pub max_retries: u32,
    /// Backoff before the first retry; doubled for each further retry.
    pub initial_backoff: Duration,
    /// Upper bound for a single backoff.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// Two retries, backing off about 200 ms and then 400 ms.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// `max_retries` retries with the default backoff.
    pub fn with_max_retries(max_retries: u32) -> Self {
        RetryPolicy {
            max_retries,
            ..RetryPolicy::default()
        }
    }

    /// The same policy with other backoff bounds.
    pub fn with_backoff(self, initial_backoff: Duration, max_backoff: Duration) -> Self {
        RetryPolicy {
            initial_backoff,
            max_backoff,
            ..self
        }
    }

    /// How long to wait before retry number `retry` (1 for the first retry).
    ///
    /// The exponential delay is jittered to a random value between half of it and
    /// all of it, so clients that failed together do not return together.
    pub fn backoff(&self, retry: u32) -> Duration {
        let doublings = retry.saturating_sub(1).min(16);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1 << doublings)
            .min(self.max_backoff);
        let ceiling_micros = u64::try_from(ceiling.as_micros()).unwrap_or(u64::MAX);
        if ceiling_micros == 0 {
            return Duration::ZERO;
        }
        let floor_micros = ceiling_micros / 2;
        Duration::from_micros(rand::random_range(floor_micros..=ceiling_micros))
    }

    /// Whether an HTTP status is worth retrying: rate limiting and server-side failures.
    pub(crate) fn retries_status(status: u16) -> bool {
        status == 429 || (500..=599).contains(&status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_within_bounds() {
        let policy = RetryPolicy::default()
            .with_backoff(Duration::from_millis(100), Duration::from_millis(300));
        for _ in 0..50 {
            let first = policy.backoff(1);
            assert!(
                first >= Duration::from_millis(50) && first <= Duration::from_millis(100),
                "{first:?}"
            );
            let second = policy.backoff(2);
            assert!(
                second >= Duration::from_millis(100) && second <= Duration::from_millis(200),
                "{second:?}"
            );
            let capped = policy.backoff(30);
            assert!(
                capped >= Duration::from_millis(150) && capped <= Duration::from_millis(300),
                "{capped:?}"
            );
        }
        assert_eq!(
            RetryPolicy::none()
                .with_backoff(Duration::ZERO, Duration::ZERO)
                .backoff(1),
            Duration::ZERO
        );
    }

    #[test]
    fn retries_only_transient_statuses() {
        for status in [429, 500, 502, 503, 504] {
            assert!(RetryPolicy::retries_status(status), "{status}");
        }
        for status in [200, 400, 403, 404, 409] {
            assert!(!RetryPolicy::retries_status(status), "{status}");
        }
    }
}
