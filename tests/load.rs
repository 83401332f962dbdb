//! Load: one client, one mock, 1,000 calls in flight at once over loopback.
//!
//! Every answer must be its own request's: the mock echoes the `client_ref_id` sent into
//! the answer's `data` for QR Generate Dynamic (POST) and QR Transaction Inquiry (GET),
//! so a crossed wire shows. Onboard Customer's documented answer carries no
//! `client_ref_id`; its calls are matched by the reference the client records for the
//! call and by the `otp_ref_id` each one is issued, which must all differ. No call may
//! fail, and the process's peak memory must stay within a generous bound.
//!
//! Throughput and peak memory are printed (`cargo test -p eko-tests --test load --
//! --nocapture`); beyond an overall deadline nothing about time is asserted, since
//! this is not a benchmark.

use eko_api::Client;
use eko_api::customer::OnboardCustomerRequest;
use eko_api::qr::{QrGenerateDynamicRequest, QrTransactionInquiryRequest};
use eko_tests::start_mock;
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// Calls in flight at once.
const CALLS: usize = 1_000;
/// The whole run, generously: a few seconds in a debug build on two cores.
const DEADLINE: Duration = Duration::from_secs(90);
/// Peak resident memory allowed for the whole test process: client, mock, runtime.
const MAX_PEAK_RSS_MIB: u64 = 512;

/// What one call sent and what came back.
#[derive(Debug)]
struct Outcome {
    kind: &'static str,
    sent: String,
    /// The `client_ref_id` the client recorded for the call.
    recorded: Option<String>,
    /// The `client_ref_id` the mock echoed in `data` (for the kinds that echo it).
    echoed: Option<String>,
    /// For Onboard Customer: the OTP session the call was issued.
    otp_ref_id: Option<String>,
    status: i64,
}

async fn call(client: &Client, index: usize) -> Result<Outcome, String> {
    let sent = format!("LOAD-{index:06}");
    let failed = |kind: &str, error: eko_api::Error| format!("{kind} {sent}: {error}");
    match index % 3 {
        0 => {
            let request = QrGenerateDynamicRequest::new(eko_api::Mobile::new("9876543210"), 499)
                .client_ref_id(&sent);
            let response = client
                .qr_generate_dynamic(&request)
                .await
                .and_then(eko_api::Outcome::into_result)
                .map_err(|error| failed("qr-generate-dynamic", error))?;
            Ok(Outcome {
                kind: "qr-generate-dynamic",
                recorded: response.client_ref_id,
                echoed: response.data.client_ref_id,
                otp_ref_id: None,
                status: response.status,
                sent,
            })
        }
        1 => {
            // Several pages document an inquiry at this path; the mock answers with the
            // page whose documented reference is sent, and these two echo the
            // `client_ref_id` (the removed BBPS status page would not).
            let reference = if index.is_multiple_of(2) {
                "2886601782"
            } else {
                "12971397"
            };
            let request = QrTransactionInquiryRequest::new(reference).client_ref_id(&sent);
            let response = client
                .qr_transaction_inquiry(&request)
                .await
                .and_then(eko_api::Outcome::into_result)
                .map_err(|error| failed("qr-transaction-inquiry", error))?;
            Ok(Outcome {
                kind: "qr-transaction-inquiry",
                recorded: response.client_ref_id,
                echoed: response.data.client_ref_id,
                otp_ref_id: None,
                status: response.status,
                sent,
            })
        }
        _ => {
            // A distinct customer per call: each one opens its own OTP session.
            let customer_id = format!("9{:09}", 100_000_000 + index);
            let request = OnboardCustomerRequest::new(
                eko_api::Mobile::new(customer_id),
                "Karan Garg",
                eko_api::Date::constant(1990, 5, 15),
                vec!["Bangalore".into()],
            )
            .client_ref_id(&sent);
            let response = client
                .onboard_customer(&request)
                .await
                .and_then(eko_api::Outcome::into_result)
                .map_err(|error| failed("onboard-customer", error))?;
            Ok(Outcome {
                kind: "onboard-customer",
                recorded: response.client_ref_id,
                echoed: None,
                otp_ref_id: response.data.otp_ref_id,
                status: response.status,
                sent,
            })
        }
    }
}

/// A `/proc/self/status` figure in KiB (`VmHWM` is the peak resident set so far).
fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_each_get_their_own_answer() {
    let (server, client) = start_mock().await;
    let rss_before = proc_status_kib("VmRSS");
    let started = Instant::now();
    let run = async {
        let mut calls = tokio::task::JoinSet::new();
        for index in 0..CALLS {
            let client = client.clone();
            calls.spawn(async move { call(&client, index).await });
        }
        let mut outcomes = Vec::with_capacity(CALLS);
        while let Some(outcome) = calls.join_next().await {
            outcomes.push(outcome.expect("no call panics"));
        }
        outcomes
    };
    let outcomes = tokio::time::timeout(DEADLINE, run)
        .await
        .unwrap_or_else(|_| panic!("{CALLS} calls did not finish within {DEADLINE:?}"));
    let elapsed = started.elapsed();
    let peak_kib = proc_status_kib("VmHWM");

    let errors: Vec<&String> = outcomes
        .iter()
        .filter_map(|outcome| outcome.as_ref().err())
        .collect();
    assert!(
        errors.is_empty(),
        "{} of {CALLS} calls failed, e.g. {:?}",
        errors.len(),
        &errors[..errors.len().min(5)]
    );
    let outcomes: Vec<Outcome> = outcomes.into_iter().flatten().collect();
    assert_eq!(outcomes.len(), CALLS);
    let mut sent = HashSet::new();
    let mut otp_ref_ids = HashSet::new();
    for outcome in &outcomes {
        assert!(sent.insert(outcome.sent.clone()), "{} twice", outcome.sent);
        assert_eq!(
            outcome.recorded.as_deref(),
            Some(outcome.sent.as_str()),
            "{outcome:?}"
        );
        match outcome.kind {
            "onboard-customer" => {
                // The documented next step: validate the OTP.
                assert_eq!(outcome.status, 2129, "{outcome:?}");
                let otp_ref_id = outcome.otp_ref_id.clone().expect("an OTP session");
                assert!(
                    otp_ref_ids.insert(otp_ref_id),
                    "an OTP session issued twice: {outcome:?}"
                );
            }
            _ => {
                assert_eq!(outcome.status, 0, "{outcome:?}");
                assert_eq!(
                    outcome.echoed.as_deref(),
                    Some(outcome.sent.as_str()),
                    "an answer that is not this request's: {outcome:?}"
                );
            }
        }
    }

    let per_second = CALLS as f64 / elapsed.as_secs_f64();
    let mib = |kib: Option<u64>| {
        kib.map_or("unknown".to_owned(), |kib| {
            format!("{:.1} MiB", kib as f64 / 1024.0)
        })
    };
    println!(
        "load: {CALLS} concurrent calls (one client, one mock, loopback) in {elapsed:.2?}: {per_second:.0} calls/s; peak RSS (VmHWM) {}, RSS before the calls {}",
        mib(peak_kib),
        mib(rss_before),
    );
    if let Some(peak_kib) = peak_kib {
        assert!(
            peak_kib < MAX_PEAK_RSS_MIB * 1024,
            "peak RSS {} exceeds {MAX_PEAK_RSS_MIB} MiB",
            mib(Some(peak_kib))
        );
    }
    drop(server);
}
