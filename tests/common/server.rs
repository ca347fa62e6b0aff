//! A local HTTP server for the network tests: it answers each path with a
//! recorded response and remembers the requests it was sent. No test
//! reaches the internet.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One canned answer.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// How long the server waits before it answers.
    pub delay: Duration,
    /// A Content-Length other than the body's: a body cut short.
    pub claimed_length: Option<usize>,
}

impl Reply {
    pub fn json(body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
            claimed_length: None,
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
            claimed_length: None,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.body = body.into();
        self
    }

    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// Says the body is `length` bytes long, whatever it is.
    pub fn claiming(mut self, length: usize) -> Reply {
        self.claimed_length = Some(length);
        self
    }
}

/// A request as the server saw it: its target (path and query) and its
/// header lines, names lowercased.
#[derive(Debug, Clone)]
pub struct Seen {
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

pub struct Server {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Serves `routes` (a request target, path and query exactly, and its
    /// reply) until the test ends; anything else is a 404.
    pub fn start(routes: Vec<(String, Reply)>) -> Server {
        Server::for_connections(routes, usize::MAX)
    }

    /// [`start`](Self::start), closing after `connections` connections:
    /// the site goes offline, connections to it refused.
    pub fn for_connections(routes: Vec<(String, Reply)>, connections: usize) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let routes = Arc::new(routes);
        std::thread::spawn(move || {
            for stream in listener.incoming().take(connections) {
                let Ok(stream) = stream else { continue };
                let (routes, log) = (Arc::clone(&routes), Arc::clone(&log));
                // A connection each, so that one held back does not hold
                // the others.
                std::thread::spawn(move || answer(stream, &routes, &log));
            }
        });
        Server { base, seen }
    }

    /// A site that is not there: its address refuses connections.
    pub fn gone() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        drop(listener);
        Server {
            base,
            seen: Arc::default(),
        }
    }

    /// The requests so far, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn answer(mut stream: TcpStream, routes: &[(String, Reply)], log: &Mutex<Vec<Seen>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let target = request_line.split(' ').nth(1).unwrap_or("").to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    log.lock().unwrap().push(Seen {
        target: target.clone(),
        headers,
    });
    let reply = routes
        .iter()
        .find(|(path, _)| *path == target)
        .map_or_else(|| Reply::status(404), |(_, reply)| reply.clone());
    std::thread::sleep(reply.delay);
    let mut head = format!(
        "HTTP/1.1 {} Canned\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.claimed_length.unwrap_or(reply.body.len())
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&reply.body);
}
