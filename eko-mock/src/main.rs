//! `eko-mock --port N [--host 127.0.0.1] [--callback-url URL] [--allow-remote-callbacks]`:
//! the mock as a standalone server, for clients in any language. Prints the base URL
//! and the credentials it accepts, then serves until Ctrl-C.

use eko_mock::{MockConfig, MockServer};
use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;

const USAGE: &str = "\
usage: eko-mock [--port N] [--host ADDRESS] [--callback-url URL] [--allow-remote-callbacks]

Serves every endpoint of Eko's EPS API from the spec, offline.
  --port N                  port to listen on (default 8080; 0 picks a free one)
  --host ADDRESS            address to listen on (default 127.0.0.1)
  --callback-url URL        POST a signed status callback to URL after each
                            successful transaction (plain http; loopback hosts only
                            unless --allow-remote-callbacks)
  --allow-remote-callbacks  send status callbacks to any http host, not only loopback
";

/// What to do, from the command line.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Serve {
        address: SocketAddr,
        allow_remote_callbacks: bool,
        callback_url: Option<String>,
    },
    Help,
}

fn parse(args: &[String]) -> Result<Command, String> {
    let mut host = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let mut port: u16 = 8080;
    let mut allow_remote_callbacks = false;
    let mut callback_url = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or(format!("{name} needs a value"))
        };
        match flag {
            "--port" | "-p" => {
                let text = value("--port")?;
                port = text
                    .parse()
                    .map_err(|_| format!("--port takes a number from 0 to 65535, not `{text}`"))?;
            }
            "--host" => {
                let text = value("--host")?;
                host = text
                    .parse()
                    .map_err(|_| format!("--host takes an IP address, not `{text}`"))?;
            }
            "--callback-url" => callback_url = Some(value("--callback-url")?),
            "--allow-remote-callbacks" if inline.is_none() => allow_remote_callbacks = true,
            "--help" | "-h" => return Ok(Command::Help),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    // Checked here, once both flags are known: a server that would refuse every
    // callback it owes is a mistake to report now, not a record nobody reads.
    let config = MockConfig {
        allow_remote_callbacks,
        callback_url,
        ..MockConfig::default()
    };
    config
        .check_callback_url()
        .map_err(|reason| format!("--callback-url: {reason}"))?;
    Ok(Command::Serve {
        address: SocketAddr::new(host, port),
        allow_remote_callbacks: config.allow_remote_callbacks,
        callback_url: config.callback_url,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (address, allow_remote_callbacks, callback_url) = match parse(&args) {
        Ok(Command::Serve {
            address,
            allow_remote_callbacks,
            callback_url,
        }) => (address, allow_remote_callbacks, callback_url),
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprint!("eko-mock: {error}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // One line per request, so whoever runs the mock can see what their client sent.
    tracing_subscriber::fmt()
        .with_target(false)
        .with_ansi(std::io::stdout().is_terminal())
        .init();
    let config = MockConfig {
        allow_remote_callbacks,
        callback_url,
        ..MockConfig::default()
    };
    let server = match MockServer::start_on(address, config).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("eko-mock: cannot listen on {address}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let config = server.config();
    let endpoints = eko_mock::bundle().endpoints.len();
    // These are Eko's published sandbox credentials, so printing them is safe and is
    // what lets a client in another language connect.
    println!(
        "eko-mock serving {endpoints} documented endpoints at {}",
        server.base_url()
    );
    println!("  developer_key  {}", config.developer_key);
    println!("  access_key     {}", config.access_key);
    println!("  initiator_id   {}", config.initiator_id);
    println!("  test OTP       {}", config.test_otp);
    let hosts = if config.allow_remote_callbacks {
        "plain http, any host"
    } else {
        "plain http, loopback hosts only; --allow-remote-callbacks lifts that"
    };
    match &config.callback_url {
        Some(url) => println!(
            "  callbacks      each transaction POSTs a signed status callback to {url} ({hosts})"
        ),
        None => println!(
            "  callbacks      none: set --callback-url URL to receive status callbacks ({hosts})"
        ),
    }
    println!("Press Ctrl-C to stop.");
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("eko-mock: cannot wait for Ctrl-C: {error}");
        return ExitCode::FAILURE;
    }
    drop(server);
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn parses_port_and_host() {
        let serve = |address: &str, allow_remote_callbacks| Command::Serve {
            address: address.parse().unwrap(),
            allow_remote_callbacks,
            callback_url: None,
        };
        assert_eq!(parse(&args("")), Ok(serve("127.0.0.1:8080", false)));
        assert_eq!(
            parse(&args("--port 9000")),
            Ok(serve("127.0.0.1:9000", false))
        );
        assert_eq!(
            parse(&args("--port=0 --host 0.0.0.0")),
            Ok(serve("0.0.0.0:0", false))
        );
        assert_eq!(
            parse(&args("--allow-remote-callbacks --port 1")),
            Ok(serve("127.0.0.1:1", true))
        );
        assert_eq!(parse(&args("--help")), Ok(Command::Help));
    }

    #[test]
    fn parses_the_callback_url() {
        let serve = |allow_remote_callbacks, url: &str| Command::Serve {
            address: "127.0.0.1:8080".parse().unwrap(),
            allow_remote_callbacks,
            callback_url: Some(url.to_owned()),
        };
        assert_eq!(
            parse(&args("--callback-url http://127.0.0.1:9000/eko/callback")),
            Ok(serve(false, "http://127.0.0.1:9000/eko/callback"))
        );
        assert_eq!(
            parse(&args("--callback-url=http://localhost/cb")),
            Ok(serve(false, "http://localhost/cb"))
        );
        // The switch may come after the URL it allows.
        assert_eq!(
            parse(&args(
                "--callback-url http://203.0.113.1/hook --allow-remote-callbacks"
            )),
            Ok(serve(true, "http://203.0.113.1/hook"))
        );
    }

    #[test]
    fn refuses_a_callback_url_the_mock_would_not_contact() {
        for (line, reason) in [
            ("--callback-url", "needs a value"),
            ("--callback-url http://203.0.113.1/hook", "loopback"),
            ("--callback-url https://127.0.0.1/hook", "https"),
            ("--callback-url not-a-url", "does not parse"),
        ] {
            let error = parse(&args(line)).expect_err(line);
            assert!(error.contains(reason), "{line}: {error}");
        }
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(parse(&args("--port")).is_err());
        assert!(parse(&args("--port 70000")).is_err());
        assert!(parse(&args("--host localhost:1")).is_err());
        assert!(parse(&args("--verbose")).is_err());
        assert!(parse(&args("--allow-remote-callbacks=yes")).is_err());
    }
}
