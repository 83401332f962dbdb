//! `cargo bench -p eko-bench --bench calls`: eko-api against the hand-written
//! baseline (`eko_bench::baseline`), side by side in one process, over keep-alive
//! HTTP/1.1 to a loopback server started once.
//!
//! For one POST (Onboard Customer) and one GET (Get Customer Information) it makes
//! `EKO_BENCH_CALLS` (default 10,000, never fewer) calls with each client, in blocks
//! that alternate which client goes first, so drift in machine load falls on both
//! alike. Sequentially it prints the median and p99 latency of each and their
//! ratio; with 64 concurrent callers, the throughput of each and its ratio. The
//! clients run on this thread (a current-thread runtime) and the server on another,
//! so the per-thread allocation counter sees the clients' allocations only.
//!
//! With `EKO_BENCH_SUBSCRIBER=1` a `tracing` subscriber listens at INFO (formatting
//! into a sink), so the figures include eko-api's per-call span; by default none
//! does, as in an application that does not trace.
//!
//! Besides wall-clock figures it prints the CPU time the client thread spent per
//! call (`CLOCK_THREAD_CPUTIME_ID`): what each client costs the caller's thread, the
//! least noisy figure on a shared machine, since it leaves out waiting for the
//! server and for a core. With `EKO_BENCH_SIDE=eko-api` (or `baseline`) only that
//! client runs, for a profiler (`perf record`) to see one side alone; the ratios
//! then read NaN, 0 or infinity.
//!
//! It measures; it does not fail on a slow machine.

use cpu_time::ThreadTime;
use eko_bench::alloc::Counting;
use eko_bench::baseline::Baseline;
use eko_bench::fixtures::{self, ACCESS_KEY, CUSTOMER_ID, DEVELOPER_KEY, DOB, INITIATOR_ID, NAME};
use eko_bench::server;
use eko_bench::stats::{micros, quantile};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIN_CALLS: usize = 10_000;
const SEQUENTIAL_BLOCK: usize = 500;
const CALLERS: usize = 64;
/// Calls per caller in one concurrent block.
const CALLS_PER_CALLER: usize = 25;
const WARM_UP: usize = 500;

#[derive(Clone, Copy, PartialEq)]
enum Call {
    Post,
    Get,
}

#[derive(Clone, Copy)]
enum Side {
    EkoApi,
    Baseline,
}

/// The two clients and their inputs, built once: each call borrows them, so neither
/// side pays for making its input.
#[derive(Clone)]
struct Clients {
    eko: eko_api::Client,
    onboard_customer: Arc<eko_api::customer::OnboardCustomerRequest>,
    get_customer_info: Arc<eko_api::customer::GetCustomerInfoRequest>,
    baseline: Arc<Baseline>,
    address: Arc<Vec<String>>,
}

impl Clients {
    /// One call; any failure stops the benchmark, since its figures would be wrong.
    async fn call(&self, side: Side, call: Call) {
        let result = match (side, call) {
            (Side::EkoApi, Call::Post) => self
                .eko
                .onboard_customer(&self.onboard_customer)
                .await
                .map(|outcome| eko_api::Outcome::status(&outcome))
                .map_err(|error| error.to_string()),
            (Side::EkoApi, Call::Get) => self
                .eko
                .get_customer_info(&self.get_customer_info)
                .await
                .map(|outcome| eko_api::Outcome::status(&outcome))
                .map_err(|error| error.to_string()),
            (Side::Baseline, Call::Post) => self
                .baseline
                .onboard_customer(CUSTOMER_ID, NAME, DOB, &self.address)
                .await
                .map(|envelope| envelope.status)
                .map_err(|error| error.to_string()),
            (Side::Baseline, Call::Get) => self
                .baseline
                .get_customer_info(CUSTOMER_ID)
                .await
                .map(|envelope| envelope.status)
                .map_err(|error| error.to_string()),
        };
        if let Err(error) = result {
            eprintln!("calls: a call failed, so no figure would be right: {error}");
            std::process::exit(1);
        }
    }
}

/// What one client did in one scenario.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    wall: Duration,
    calls: usize,
    allocations: u64,
    /// CPU time of the client thread.
    cpu: Duration,
}

impl Tally {
    fn allocations_per_call(&self) -> f64 {
        self.allocations as f64 / self.calls.max(1) as f64
    }

    fn cpu_per_call(&self) -> Duration {
        self.cpu / u32::try_from(self.calls.max(1)).unwrap_or(u32::MAX)
    }

    fn throughput(&self) -> f64 {
        self.calls as f64 / self.wall.as_secs_f64().max(f64::MIN_POSITIVE)
    }
}

/// Each call goes out, in turn, from this task.
async fn sequential_block(clients: &Clients, side: Side, call: Call, tally: &mut Tally) {
    let allocations = Counting::allocations();
    let cpu = ThreadTime::now();
    let started = Instant::now();
    for _ in 0..SEQUENTIAL_BLOCK {
        let start = Instant::now();
        clients.call(side, call).await;
        tally.latencies.push(start.elapsed());
    }
    tally.wall += started.elapsed();
    tally.calls += SEQUENTIAL_BLOCK;
    tally.allocations += Counting::allocations() - allocations;
    tally.cpu += cpu.elapsed();
}

/// `CALLERS` tasks make `CALLS_PER_CALLER` calls each.
async fn concurrent_block(clients: &Clients, side: Side, call: Call, tally: &mut Tally) {
    let allocations = Counting::allocations();
    let cpu = ThreadTime::now();
    let started = Instant::now();
    let mut callers = JoinSet::new();
    for _ in 0..CALLERS {
        let clients = clients.clone();
        callers.spawn(async move {
            let mut latencies = Vec::with_capacity(CALLS_PER_CALLER);
            for _ in 0..CALLS_PER_CALLER {
                let start = Instant::now();
                clients.call(side, call).await;
                latencies.push(start.elapsed());
            }
            latencies
        });
    }
    while let Some(latencies) = callers.join_next().await {
        match latencies {
            Ok(latencies) => tally.latencies.extend(latencies),
            Err(error) => {
                eprintln!("calls: a caller failed: {error}");
                std::process::exit(1);
            }
        }
    }
    tally.wall += started.elapsed();
    tally.calls += CALLERS * CALLS_PER_CALLER;
    tally.allocations += Counting::allocations() - allocations;
    tally.cpu += cpu.elapsed();
}

async fn run(
    clients: &Clients,
    call: Call,
    concurrent: bool,
    calls: usize,
    only: Option<Side>,
) -> [Tally; 2] {
    let mut tallies = [Tally::default(), Tally::default()];
    let block = if concurrent {
        CALLERS * CALLS_PER_CALLER
    } else {
        SEQUENTIAL_BLOCK
    };
    let blocks = calls.div_ceil(block);
    for index in 0..blocks {
        // Alternate which client goes first: A B, B A, A B, ...
        let order = if index % 2 == 0 {
            [Side::EkoApi, Side::Baseline]
        } else {
            [Side::Baseline, Side::EkoApi]
        };
        for side in order {
            if only.is_some_and(|only| only as usize != side as usize) {
                continue;
            }
            let tally = &mut tallies[side as usize];
            if concurrent {
                concurrent_block(clients, side, call, tally).await;
            } else {
                sequential_block(clients, side, call, tally).await;
            }
        }
    }
    tallies
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn report(name: &str, concurrent: bool, [eko, base]: &mut [Tally; 2]) {
    let eko_median = quantile(&mut eko.latencies, 0.5);
    let base_median = quantile(&mut base.latencies, 0.5);
    let eko_p99 = quantile(&mut eko.latencies, 0.99);
    let base_p99 = quantile(&mut base.latencies, 0.99);
    // With one side alone (`EKO_BENCH_SIDE`) a ratio divides by zero and reads NaN or inf.
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    let mode = if concurrent {
        "64 callers"
    } else {
        "sequential"
    };
    let cpu_ratio = ratio(eko.cpu_per_call(), base.cpu_per_call());
    println!(
        "| {name} | {mode} | {} | {} | {:.3} | {} | {} | {:.3} | {:.0} | {:.0} | {:.3} | {} | {} | {cpu_ratio:.3} | {:.1} | {:.1} | {:.2} |",
        micros(eko_median),
        micros(base_median),
        ratio(eko_median, base_median),
        micros(eko_p99),
        micros(base_p99),
        ratio(eko_p99, base_p99),
        eko.throughput(),
        base.throughput(),
        eko.throughput() / base.throughput(),
        micros(eko.cpu_per_call()),
        micros(base.cpu_per_call()),
        eko.allocations_per_call(),
        base.allocations_per_call(),
        eko.allocations_per_call() / base.allocations_per_call(),
    );
}

fn main() {
    let calls = std::env::var("EKO_BENCH_CALLS")
        .ok()
        .and_then(|text| text.trim().parse::<usize>().ok())
        .unwrap_or(MIN_CALLS)
        .max(MIN_CALLS);
    let traced = std::env::var("EKO_BENCH_SUBSCRIBER").is_ok_and(|value| value == "1");
    let only = match std::env::var("EKO_BENCH_SIDE").as_deref() {
        Ok("eko-api") => Some(Side::EkoApi),
        Ok("baseline") => Some(Side::Baseline),
        Ok(other) => {
            eprintln!("calls: EKO_BENCH_SIDE is `eko-api` or `baseline`, not `{other}`");
            std::process::exit(2);
        }
        Err(_) => None,
    };
    if traced {
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::INFO)
            .with_writer(std::io::sink)
            .init();
    }
    let base_url = server::start(1).unwrap_or_else(|error| {
        eprintln!("calls: cannot start the loopback server: {error}");
        std::process::exit(1);
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|error| {
            eprintln!("calls: cannot build the client runtime: {error}");
            std::process::exit(1);
        });
    let baseline = Baseline::new(&base_url, DEVELOPER_KEY, ACCESS_KEY, INITIATOR_ID)
        .unwrap_or_else(|error| {
            eprintln!("calls: cannot build the baseline client: {error}");
            std::process::exit(1);
        });
    let clients = Clients {
        eko: fixtures::client(&base_url),
        onboard_customer: Arc::new(fixtures::onboard_customer()),
        get_customer_info: Arc::new(fixtures::get_customer_info()),
        baseline: Arc::new(baseline),
        address: Arc::new(fixtures::address()),
    };
    println!(
        "calls: {calls} calls per client and scenario{}; load average before: {}",
        if traced {
            ", a tracing subscriber listening"
        } else {
            ""
        },
        load_average()
    );
    println!(
        "| call | callers | eko-api median µs | baseline median µs | median ratio | eko-api p99 µs | baseline p99 µs | p99 ratio | eko-api calls/s | baseline calls/s | throughput ratio | eko-api CPU µs/call | baseline CPU µs/call | CPU ratio | eko-api allocs/call | baseline allocs/call | allocs ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    runtime.block_on(async {
        // Warm up both clients: open the connections (64 each) and fill the caches.
        for call in [Call::Post, Call::Get] {
            run(&clients, call, true, WARM_UP, only).await;
        }
        for concurrent in [false, true] {
            for (call, name) in [
                (Call::Post, "POST onboard-customer"),
                (Call::Get, "GET get-customer-info"),
            ] {
                let mut tallies = run(&clients, call, concurrent, calls, only).await;
                report(name, concurrent, &mut tallies);
            }
        }
    });
    println!("calls: load average after: {}", load_average());
}
