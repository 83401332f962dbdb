//! Where signing timestamps come from.
//!
//! Eko rejects a `secret-key-timestamp` far from its own clock, and tests need
//! signatures they can recompute, so the time source is injectable.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of the current time in milliseconds since the UNIX epoch.
///
/// Any `Fn() -> u64 + Send + Sync` closure is a clock, e.g. `|| 1_700_000_000_000`
/// for a fixed instant in tests.
pub trait Clock: Send + Sync + 'static {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    fn now_ms(&self) -> u64;
}

/// The machine's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        // A clock set before 1970 is a broken machine; 0 makes Eko answer 403,
        // which the error explains, rather than panicking here.
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(0)
    }
}

impl<F: Fn() -> u64 + Send + Sync + 'static> Clock for F {
    fn now_ms(&self) -> u64 {
        self()
    }
}

impl fmt::Debug for dyn Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_clock_is_after_2023_and_closures_are_clocks() {
        assert!(SystemClock.now_ms() > 1_700_000_000_000);
        let fixed = || 42_u64;
        assert_eq!(Clock::now_ms(&fixed), 42);
    }
}
