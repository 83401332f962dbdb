//! Which callback URLs the mock is willing to contact.
//!
//! Whoever can reach the mock can register any URL, so without a limit the mock would
//! make requests on their behalf to any host. By default it only talks to its own
//! machine; plain `http` only, as the mock carries no TLS stack for callbacks.

use reqwest::Url;
use std::net::Ipv6Addr;
use url::Host;

/// Why a callback URL was not contacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    Unparseable(String),
    Https,
    UnsupportedScheme(String),
    NotLoopback(String),
}

impl Refusal {
    /// A sentence for the delivery record and the log.
    pub(crate) fn reason(&self) -> String {
        match self {
            Refusal::Unparseable(error) => format!("the callback URL does not parse: {error}"),
            Refusal::Https => {
                "https callback URLs are not delivered: the mock sends callbacks over plain http only"
                    .to_owned()
            }
            Refusal::UnsupportedScheme(scheme) => {
                format!("the callback URL's scheme `{scheme}` is not http")
            }
            Refusal::NotLoopback(host) => format!(
                "the callback host `{host}` is not loopback; remote callbacks are off (allow_remote_callbacks / --allow-remote-callbacks)"
            ),
        }
    }
}

/// The URL to POST to, if the policy allows contacting it. Decided from the text
/// alone: nothing is resolved or connected to here.
pub(crate) fn allowed(url: &str, allow_remote: bool) -> Result<Url, Refusal> {
    let parsed = Url::parse(url.trim()).map_err(|error| Refusal::Unparseable(error.to_string()))?;
    match parsed.scheme() {
        "http" => {}
        "https" => return Err(Refusal::Https),
        other => return Err(Refusal::UnsupportedScheme(other.to_owned())),
    }
    if !allow_remote && !is_loopback(&parsed) {
        let host = parsed.host_str().unwrap_or_default().to_owned();
        return Err(Refusal::NotLoopback(host));
    }
    Ok(parsed)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => is_loopback_v6(ip),
        Some(Host::Domain(name)) => {
            // `Url` lowercases domains; a trailing dot names the same host.
            let name = name.strip_suffix('.').unwrap_or(name);
            name == "localhost"
        }
        None => false,
    }
}

fn is_loopback_v6(ip: Ipv6Addr) -> bool {
    ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_http_is_allowed() {
        for url in [
            "http://127.0.0.1:8080/hook",
            "http://127.8.9.10/hook",
            "http://[::1]:9000/",
            "http://[::ffff:127.0.0.1]/",
            "http://localhost/cb",
            "http://LOCALHOST./cb",
        ] {
            assert!(allowed(url, false).is_ok(), "{url}");
        }
    }

    #[test]
    fn remote_hosts_need_the_switch() {
        for url in [
            "http://203.0.113.1/hook",
            "http://example.com/hook",
            "http://localhost.example.com/",
            "http://[2001:db8::1]/",
            "http://0.0.0.0/",
        ] {
            assert!(
                matches!(allowed(url, false), Err(Refusal::NotLoopback(_))),
                "{url}"
            );
            assert!(allowed(url, true).is_ok(), "{url}");
        }
    }

    #[test]
    fn only_plain_http_is_sent() {
        assert_eq!(allowed("https://127.0.0.1/hook", true), Err(Refusal::Https));
        assert!(matches!(
            allowed("ftp://127.0.0.1/", true),
            Err(Refusal::UnsupportedScheme(_))
        ));
        assert!(matches!(
            allowed("not a url", true),
            Err(Refusal::Unparseable(_))
        ));
        assert!(Refusal::Https.reason().contains("https"));
    }
}
