//! HTTP as tread does it, through `ureq` with rustls: a User-Agent naming
//! tread, compressed responses accepted, timeouts, redirects followed by
//! hand (a few, and never to plain http:// off this machine), bodies capped
//! at the input limit, and every failure as one [`NetError`] line.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use url::Url;

use super::NetError;

/// What tread says it is to the sites it asks.
pub const USER_AGENT: &str = concat!(
    "tread/",
    env!("CARGO_PKG_VERSION"),
    " (terminal reader for threaded discussions)"
);

const MAX_REDIRECTS: usize = 5;
/// Bodies are read in slices of this size, counted as they arrive.
const READ_SLICE: usize = 64 * 1024;

/// How long tread waits.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub connect: Duration,
    /// From the request sent to the response's headers: APIs that build a
    /// big thread can take a while.
    pub answer: Duration,
    /// For the whole body.
    pub body: Duration,
}

impl Default for Timeouts {
    fn default() -> Timeouts {
        Timeouts {
            connect: Duration::from_secs(10),
            answer: Duration::from_secs(30),
            body: Duration::from_secs(120),
        }
    }
}

/// How far fetching got, shared with whoever shows it (the loading
/// screen) while the requests run on another thread.
#[derive(Debug, Default)]
pub struct Progress {
    requests: AtomicU32,
    bytes: AtomicU64,
}

impl Progress {
    /// Requests sent so far.
    pub fn requests(&self) -> u32 {
        self.requests.load(Ordering::Relaxed)
    }

    /// Body bytes received so far (after decompression).
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }
}

pub struct Client {
    agent: ureq::Agent,
    /// The input limit, as for files.
    limit: u64,
    timeouts: Timeouts,
    progress: Arc<Progress>,
}

impl Client {
    pub fn new(limit: u64) -> Client {
        Client::with(limit, Timeouts::default(), Arc::default())
    }

    /// A client that waits as `timeouts` say and counts into `progress`.
    pub fn with(limit: u64, timeouts: Timeouts, progress: Arc<Progress>) -> Client {
        let config = ureq::Agent::config_builder()
            .user_agent(USER_AGENT)
            .timeout_connect(Some(timeouts.connect))
            .timeout_recv_response(Some(timeouts.answer))
            .timeout_recv_body(Some(timeouts.body))
            // Statuses and redirects are ours to judge.
            .http_status_as_error(false)
            .max_redirects(0)
            .build();
        Client {
            agent: config.into(),
            limit,
            timeouts,
            progress,
        }
    }

    /// The most a response, or a thread made of several, may hold.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// The body of a JSON response to GET `address`; `what` names what a
    /// 404 means is missing ("item", "thread").
    pub fn get_json(&self, address: &str, what: &'static str) -> Result<Vec<u8>, NetError> {
        let mut answer = self.get(address, "application/json", what)?;
        let host = host_of(&answer.url);
        let body = self.read_body(answer.response.body_mut(), &host)?;
        json_body(body, &answer.content_type(), host)
    }

    /// The web page at `address`, after redirects: refused before its body
    /// is read when the server says it is something else (a PDF, an image).
    pub fn get_page(&self, address: &str) -> Result<Page, NetError> {
        let mut answer = self.get(address, PAGE_TYPES, "page")?;
        let content_type = answer.content_type();
        let mime = content_type.split(';').next().unwrap_or("").trim();
        let mime = mime.to_ascii_lowercase();
        if !(mime.is_empty() || mime == "text/html" || mime == "application/xhtml+xml") {
            let length = answer
                .header("content-length")
                .and_then(|v| v.trim().parse().ok());
            return Err(NetError::NotAPage {
                address: answer.url.to_string(),
                what: describe_type(&mime, length),
            });
        }
        let host = host_of(&answer.url);
        let bytes = self.read_body(answer.response.body_mut(), &host)?;
        Ok(Page {
            bytes,
            charset: charset_of(&content_type),
            address: answer.url.to_string(),
        })
    }

    /// The 2xx response to GET `address`, redirects followed; any other
    /// status as the error it means.
    fn get(&self, address: &str, accept: &str, what: &'static str) -> Result<Answer, NetError> {
        let mut current = parse(address)?;
        for _ in 0..=MAX_REDIRECTS {
            let host = host_of(&current);
            self.progress.requests.fetch_add(1, Ordering::Relaxed);
            let response = self
                .agent
                .get(current.as_str())
                .header("Accept", accept)
                .call()
                .map_err(|error| self.describe(error, &host))?;
            let status = response.status().as_u16();
            let answer = Answer {
                url: current.clone(),
                response,
            };
            let header = |name: &str| answer.header(name);
            match status {
                200..=299 => return Ok(answer),
                301 | 302 | 303 | 307 | 308 => {
                    let location = header("location").unwrap_or_default();
                    current = current
                        .join(&location)
                        .map_err(|error| NetError::BadAddress {
                            address: location,
                            why: error.to_string(),
                        })?;
                    check_scheme(&current)?;
                }
                404 | 410 => return Err(NetError::NotFound { host, what, status }),
                429 => {
                    let retry_after = header("retry-after").and_then(|v| retry_seconds(&v));
                    return Err(NetError::RateLimited { host, retry_after });
                }
                401 | 403 => return Err(NetError::Refused { host, status }),
                500..=599 => return Err(NetError::ServerError { host, status }),
                _ => return Err(NetError::Status { host, status }),
            }
        }
        Err(NetError::TooManyRedirects {
            host: host_of(&current),
        })
    }
}

/// What a web page's request asks for.
const PAGE_TYPES: &str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";

/// A web page as fetched.
#[derive(Debug)]
pub struct Page {
    pub bytes: Vec<u8>,
    /// The charset Content-Type named.
    pub charset: Option<String>,
    /// Where the page was, after redirects: relative links are resolved
    /// against it.
    pub address: String,
}

/// A 2xx response, and the address it came from.
struct Answer {
    url: Url,
    response: ureq::http::Response<ureq::Body>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<String> {
        (self.response.headers().get(name))
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    fn content_type(&self) -> String {
        self.header("content-type").unwrap_or_default()
    }
}

/// `charset=` of a Content-Type.
fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("charset"))
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// What a response that is not a web page is, for "not a web page: a PDF
/// (2.3 MB)".
fn describe_type(mime: &str, length: Option<u64>) -> String {
    let subtype = |m: &str| {
        let name = m.split_once('/').map_or(m, |(_, sub)| sub);
        let name = name.trim_start_matches("x-");
        name.split('+').next().unwrap_or(name).to_ascii_uppercase()
    };
    let kind = match mime {
        "application/pdf" => "a PDF".to_string(),
        "" => "something without a type".to_string(),
        "text/plain" => "plain text".to_string(),
        "application/json" => "JSON".to_string(),
        "application/zip" | "application/gzip" => format!("a {} archive", subtype(mime)),
        m if m.starts_with("image/") => format!("an image ({})", subtype(m)),
        m if m.starts_with("video/") => format!("a video ({})", subtype(m)),
        m if m.starts_with("audio/") => format!("audio ({})", subtype(m)),
        m => m.to_string(),
    };
    match length {
        Some(bytes) => format!("{kind}, {}", crate::size::approximate(bytes)),
        None => kind,
    }
}

impl Client {
    /// A response's body, counted into the progress as it arrives, and cut
    /// off past the limit.
    fn read_body(&self, body: &mut ureq::Body, host: &str) -> Result<Vec<u8>, NetError> {
        let too_large = || NetError::TooLarge {
            host: host.to_string(),
            limit: self.limit,
        };
        // The crate's own cap, one past ours, so that ours is what is said.
        let mut reader = body
            .with_config()
            .limit(self.limit.saturating_add(1))
            .reader();
        let mut bytes = Vec::new();
        let mut slice = vec![0; READ_SLICE];
        loop {
            let read = match reader.read(&mut slice) {
                Ok(0) => return Ok(bytes),
                Ok(read) => read,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    return Err(match error.downcast::<ureq::Error>() {
                        Ok(ureq::Error::BodyExceedsLimit(_)) => too_large(),
                        Ok(inner) => self.describe(inner, host),
                        Err(io) => NetError::Read {
                            host: host.to_string(),
                            why: crate::io_error::describe_io(&io),
                        },
                    });
                }
            };
            bytes.extend_from_slice(&slice[..read]);
            self.progress
                .bytes
                .fetch_add(read as u64, Ordering::Relaxed);
            if bytes.len() as u64 > self.limit {
                return Err(too_large());
            }
        }
    }

    fn describe(&self, error: ureq::Error, host: &str) -> NetError {
        describe(error, host, self.timeouts)
    }
}

/// Seconds to wait, from a `Retry-After` of seconds or of an HTTP date.
fn retry_seconds(value: &str) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse() {
        return Some(seconds);
    }
    let at = crate::age::parse_mail_date(value)?;
    Some(at.saturating_sub(crate::age::now()).max(0) as u64)
}

/// `address` as a URL tread may ask: https, or http to this machine.
pub fn parse(address: &str) -> Result<Url, NetError> {
    let url = Url::parse(address).map_err(|error| NetError::BadAddress {
        address: address.to_string(),
        why: error.to_string(),
    })?;
    check_scheme(&url)?;
    Ok(url)
}

fn check_scheme(url: &Url) -> Result<(), NetError> {
    let loopback = match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(NetError::Insecure {
            address: url.to_string(),
        }),
    }
}

fn host_of(url: &Url) -> String {
    url.host_str().unwrap_or("the server").to_string()
}

/// A 2xx body, if it is JSON: an HTML page (a login wall, an error page
/// served as 200) or anything else is said to be what it is.
fn json_body(body: Vec<u8>, content_type: &str, host: String) -> Result<Vec<u8>, NetError> {
    let starts_like_json = matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    );
    if starts_like_json {
        return Ok(body);
    }
    let got = if content_type.contains("html") {
        "a web page".to_string()
    } else if body.is_empty() {
        "an empty response".to_string()
    } else if content_type.is_empty() {
        format!("{} bytes of something else", body.len())
    } else {
        content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    };
    Err(NetError::NotJson { host, got })
}

fn describe(error: ureq::Error, host: &str, timeouts: Timeouts) -> NetError {
    let host = host.to_string();
    match error {
        ureq::Error::HostNotFound => NetError::HostNotFound { host },
        ureq::Error::ConnectionFailed => NetError::Connect {
            host,
            why: "connection failed".to_string(),
        },
        ureq::Error::Io(io) if is_connect_error(&io) => NetError::Connect {
            host,
            why: crate::io_error::describe_io(&io),
        },
        ureq::Error::Timeout(timeout) => NetError::Timeout {
            host,
            after: match timeout {
                ureq::Timeout::Connect | ureq::Timeout::Resolve => timeouts.connect,
                ureq::Timeout::RecvBody => timeouts.body,
                _ => timeouts.answer,
            },
        },
        ureq::Error::Tls(why) => NetError::Tls {
            host,
            why: why.to_string(),
        },
        ureq::Error::Rustls(error) => NetError::Tls {
            host,
            why: error.to_string(),
        },
        ureq::Error::BodyExceedsLimit(limit) => NetError::TooLarge { host, limit },
        other => NetError::Read {
            host,
            why: other.to_string(),
        },
    }
}

fn is_connect_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        error.kind(),
        ConnectionRefused
            | ConnectionReset
            | ConnectionAborted
            | NetworkUnreachable
            | HostUnreachable
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_machine() {
        assert!(parse("https://example.org/x").is_ok());
        assert!(parse("http://127.0.0.1:8080/x").is_ok());
        assert!(parse("http://localhost/x").is_ok());
        assert!(parse("http://[::1]/x").is_ok());
        let error = parse("http://example.org/x").unwrap_err().to_string();
        assert!(error.contains("use https://"), "{error}");
        assert!(parse("ftp://example.org/x").is_err());
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_seconds(" 120 "), Some(120));
        assert_eq!(retry_seconds("Wed, 21 Oct 2015 07:28:00 GMT"), Some(0));
        let later = jiff::Timestamp::from_second(crate::age::now() + 600).unwrap();
        let date = jiff::fmt::rfc2822::to_string(&later.to_zoned_datetime(jiff::tz::TimeZone::UTC))
            .unwrap();
        let wait = retry_seconds(&date).unwrap();
        assert!((590..=600).contains(&wait), "{date}: {wait}");
        assert_eq!(retry_seconds("soon"), None);
    }

    #[test]
    fn what_is_not_a_page_is_named() {
        assert_eq!(
            describe_type("application/pdf", Some(2_345_678)),
            "a PDF, 2.3 MB"
        );
        assert_eq!(describe_type("image/png", None), "an image (PNG)");
        assert_eq!(describe_type("image/svg+xml", None), "an image (SVG)");
        assert_eq!(
            describe_type("video/mp4", Some(5_000)),
            "a video (MP4), 5.0 KB"
        );
        assert_eq!(
            charset_of("text/html; Charset=\"ISO-8859-1\""),
            Some("ISO-8859-1".into())
        );
        assert_eq!(charset_of("text/html"), None);
    }

    #[test]
    fn a_page_where_json_was_expected_is_named() {
        let page = json_body(
            b"<html>".to_vec(),
            "text/html; charset=utf-8",
            "x.org".into(),
        );
        assert_eq!(
            page.unwrap_err().to_string(),
            "x.org did not send the JSON expected (a web page)"
        );
        assert!(json_body(b" [1]".to_vec(), "", "x.org".into()).is_ok());
    }
}
