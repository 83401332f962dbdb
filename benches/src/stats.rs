//! Order statistics of latency samples.

use std::time::Duration;

/// The `quantile` (0.0 to 1.0) of `samples` by nearest rank; zero when there are none.
pub fn quantile(samples: &mut [Duration], quantile: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort_unstable();
    let rank = (quantile.clamp(0.0, 1.0) * (samples.len() - 1) as f64).round() as usize;
    samples[rank.min(samples.len() - 1)]
}

/// Microseconds with two decimals, for tables.
pub fn micros(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_nearest_rank() {
        let mut samples: Vec<Duration> = (1..=100).rev().map(Duration::from_micros).collect();
        assert_eq!(quantile(&mut samples, 0.5), Duration::from_micros(51));
        assert_eq!(quantile(&mut samples, 0.99), Duration::from_micros(99));
        assert_eq!(quantile(&mut samples, 1.0), Duration::from_micros(100));
        assert_eq!(quantile(&mut [], 0.5), Duration::ZERO);
    }
}
