//! HTTP/1.1 for `portal intake`, one request per connection: the request
//! head parsed by `httparse` (hyper's parser), the body read only after the
//! endpoint has agreed to its `Content-Length`, and never more of it than
//! that; answers always close the connection.
//!
//! Why not a server crate: tiny_http 0.12, the small one, drains whatever
//! body a client declared when a request is dropped, into a buffer as large
//! as the declared `Content-Length` (tiny-http/tiny-http#252, #290), so a
//! 413 could not be answered without reading, and `Content-Length:
//! 100000000000` would abort the process. Here the caps (head size, body
//! size, time per request) are ours.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The most a request head (request line and headers) may take.
pub const MAX_HEAD_BYTES: usize = 8 * 1024;
/// The most of an unwanted body read (and dropped) while closing.
const LINGER_BYTES: usize = 256 * 1024;
/// The most headers a request may have.
const MAX_HEADERS: usize = 48;

/// A request line and its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    /// The path without its query.
    pub path: String,
    headers: Vec<(String, Vec<u8>)>,
    /// Bytes read past the head: the start of the body.
    pub rest: Vec<u8>,
}

impl Head {
    /// The value of a header (the first, if repeated), when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| std::str::from_utf8(v).ok())
            .map(str::trim)
    }

    /// How many times a header is present.
    pub fn count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .count()
    }
}

/// Why no request head was read.
#[derive(Debug)]
pub enum HeadError {
    /// The client closed before sending a request: nothing to answer.
    Closed,
    /// Not HTTP/1.x (400).
    Malformed(String),
    /// Longer than [`MAX_HEAD_BYTES`] (431).
    TooLarge,
    /// The time for the request ran out (408).
    TimedOut,
    /// The connection failed (reset by the client): nothing to answer.
    Io,
}

/// One request's connection, with the time it may take in all.
pub struct Connection {
    stream: TcpStream,
    deadline: Instant,
}

impl Connection {
    pub fn new(stream: TcpStream, time: Duration) -> io::Result<Self> {
        stream.set_write_timeout(Some(time.min(Duration::from_secs(10))))?;
        Ok(Connection {
            stream,
            deadline: Instant::now() + time,
        })
    }

    /// Reads into `buf` before the deadline: `Ok(0)` is the end of the
    /// stream, a `TimedOut` error the deadline.
    fn read_some(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        match self.stream.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Err(io::ErrorKind::TimedOut.into()),
            other => other,
        }
    }

    /// Reads the request head (and whatever part of the body came with it).
    pub fn read_head(&mut self) -> Result<Head, HeadError> {
        let mut buf = vec![0u8; MAX_HEAD_BYTES];
        let mut filled = 0;
        loop {
            let n = match self.read_some(&mut buf[filled..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::TimedOut && filled == 0 => {
                    return Err(HeadError::Closed)
                }
                Err(e) if e.kind() == io::ErrorKind::TimedOut => return Err(HeadError::TimedOut),
                Err(_) => return Err(HeadError::Io),
            };
            if n == 0 {
                return Err(if filled == 0 {
                    HeadError::Closed
                } else {
                    HeadError::Malformed("the connection closed inside the request head".into())
                });
            }
            filled += n;
            let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
            let mut request = httparse::Request::new(&mut headers);
            match request.parse(&buf[..filled]) {
                Ok(httparse::Status::Complete(len)) => {
                    let target = request.path.unwrap_or("/");
                    let path = target.split(['?', '#']).next().unwrap_or("").to_owned();
                    return Ok(Head {
                        method: request.method.unwrap_or("").to_owned(),
                        path,
                        headers: request
                            .headers
                            .iter()
                            .map(|h| (h.name.to_owned(), h.value.to_vec()))
                            .collect(),
                        rest: buf[len..filled].to_vec(),
                    });
                }
                Ok(httparse::Status::Partial) if filled == buf.len() => {
                    return Err(HeadError::TooLarge)
                }
                Ok(httparse::Status::Partial) => {}
                Err(httparse::Error::TooManyHeaders) => return Err(HeadError::TooLarge),
                Err(e) => return Err(HeadError::Malformed(e.to_string())),
            }
        }
    }

    /// Reads a body of exactly `len` bytes, starting with what came with
    /// the head. The caller has checked `len` against its cap; nothing past
    /// `len` is read.
    pub fn read_body(&mut self, rest: Vec<u8>, len: usize) -> io::Result<Vec<u8>> {
        let mut body = rest;
        body.truncate(len);
        let mut filled = body.len();
        body.resize(len, 0);
        while filled < len {
            match self.read_some(&mut body[filled..])? {
                0 => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the connection closed inside the body",
                    ))
                }
                n => filled += n,
            }
        }
        Ok(body)
    }

    /// Writes a response and closes the connection. A body that was not
    /// read (a refusal before it) is left unread: after our side is shut,
    /// whatever the client still sends is read into a small buffer and
    /// dropped, for at most a second and [`LINGER_BYTES`] (a "lingering
    /// close", so that the client sees the answer rather than a reset),
    /// never kept.
    pub fn respond(mut self, response: &Response) -> io::Result<()> {
        self.write(response)?;
        self.deadline = self.deadline.min(Instant::now() + Duration::from_secs(1));
        let mut sink = [0u8; 4096];
        let mut drained = 0;
        while drained < LINGER_BYTES {
            match self.read_some(&mut sink) {
                Ok(0) | Err(_) => break,
                Ok(n) => drained += n,
            }
        }
        Ok(())
    }

    /// Writes a response and closes at once, without waiting for the
    /// client (for the accepting thread, which must not be held up).
    pub fn respond_at_once(mut self, response: &Response) -> io::Result<()> {
        self.write(response)
    }

    fn write(&mut self, response: &Response) -> io::Result<()> {
        let mut out = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
            response.status,
            reason(response.status),
            response.content_type,
            response.body.len()
        );
        for (name, value) in &response.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&response.body);
        self.stream.write_all(&bytes)?;
        self.stream.flush()?;
        let _ = self.stream.shutdown(std::net::Shutdown::Write);
        Ok(())
    }
}

/// An answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A JSON answer.
    pub fn json(status: u16, value: &impl serde::Serialize) -> Self {
        let mut body = serde_json::to_vec(value).unwrap_or_default();
        body.push(b'\n');
        Response {
            status,
            content_type: "application/json",
            headers: Vec::new(),
            body,
        }
    }

    pub fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}
