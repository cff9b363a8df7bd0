//! `portal intake`: the reference submission endpoint (docs/api.md,
//! "Submissions"). It answers `POST /v1/submissions` (and the same path
//! under `/intake/`, as nginx forwards it when it does not strip the prefix)
//! and keeps each accepted submission as one file in the inbox.
//!
//! The order of the checks is the contract's: the path and method; the
//! client's rate (429, before the body is read); `Content-Type` and
//! `Content-Length` (413 on the declared length, before the body is read);
//! the body (`submission::read`, the same checks the app runs before it
//! queues: 400 unreadable, 422 a field); `Idempotency-Key` = `id` (400);
//! with a private source, `sender.proof` (403); then the inbox: 201 new,
//! 200 a repeat of the same content, 409 the same id with other content.
//! The app treats 2xx as accepted, 408/425/429/5xx as "try again" and any
//! other 4xx as a refusal (`outbox::classify`), so a 5xx here means only
//! "not stored, send it again".
//!
//! Logs one line per request to stderr: client, method, path, status and
//! the submission's id when there is one; never a proof or any content.

mod http;
mod inbox;
mod rate;

use http::{Connection, Head, HeadError, Response};
use inbox::{Inbox, Stored};
use portal_core::model::{PrivateTicket, PrivateWorkspace, Product};
use portal_core::secret::{self, SecretKind};
use portal_core::submission::{self, Problem, ProblemCode, Refusal, Scope, Sender, Submission};
use rate::RateLimit;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The paths the endpoint answers on.
pub const PATHS: [&str; 2] = ["/v1/submissions", "/intake/v1/submissions"];
/// Requests handled at once; more are answered 503 at once.
const MAX_CONNECTIONS: usize = 32;
/// The time one request may take, head and body.
const REQUEST_TIME: Duration = Duration::from_secs(20);

/// What `portal intake` was told.
pub struct Config {
    pub inbox: PathBuf,
    pub listen: SocketAddr,
    pub api: Option<PathBuf>,
    pub private: Option<PathBuf>,
    pub max_body: usize,
    pub per_minute: u32,
}

/// The endpoint's state, shared by the connections.
struct Endpoint {
    inbox: Inbox,
    catalogue: Option<Vec<Product>>,
    private: Option<PathBuf>,
    max_body: usize,
    rate: Mutex<RateLimit>,
}

/// Starts the endpoint and serves until the process is stopped. An `Err`
/// is a reason it could not start (exit 2).
pub fn run(config: Config) -> Result<(), String> {
    let catalogue = match &config.api {
        None => None,
        Some(api) => {
            let file = api.join(portal_core::files::PRODUCTS);
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("{}: {e} (--api names the API directory)", file.display()))?;
            let products: Vec<Product> = portal_core::parse_json(&file.to_string_lossy(), &text)
                .map_err(|e| e.to_string())?;
            Some(products)
        }
    };
    if let Some(private) = &config.private {
        let holds_source = ["workspaces", "tickets"]
            .iter()
            .any(|d| private.join(d).is_dir());
        if !holds_source {
            return Err(format!(
                "{}: no workspaces/ or tickets/ in it (--private names the private source)",
                private.display()
            ));
        }
    }
    let (inbox, removed) = Inbox::open(&config.inbox)?;
    let listener = TcpListener::bind(config.listen).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "{}: address in use (another intake running?); choose another --listen",
            config.listen
        ),
        _ => format!("{}: cannot listen: {e}", config.listen),
    })?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    if removed > 0 {
        eprintln!(
            "{}: removed {removed} unfinished write(s) of an earlier run",
            config.inbox.display()
        );
    }
    if config.private.is_none() {
        eprintln!("no --private: sender proofs are not checked");
    }
    if catalogue.is_none() {
        eprintln!("no --api: products and versions are not checked against products.json");
    }
    let endpoint = Arc::new(Endpoint {
        inbox,
        catalogue,
        private: config.private,
        max_body: config.max_body,
        rate: Mutex::new(RateLimit::new(config.per_minute)),
    });
    println!("listening on http://{bound}");
    std::io::stdout().flush().map_err(|e| e.to_string())?;

    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            busy(stream);
            continue;
        }
        let endpoint = Arc::clone(&endpoint);
        let done = Arc::clone(&active);
        let spawned = std::thread::Builder::new().spawn(move || {
            serve(&endpoint, stream);
            done.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            active.fetch_sub(1, Ordering::SeqCst);
        }
    }
    Ok(())
}

/// Too many requests at once: 503, try again in a second.
fn busy(stream: TcpStream) {
    if let Ok(conn) = Connection::new(stream, Duration::from_secs(1)) {
        let refusal = refusal("too many requests at once; try again", Vec::new());
        let response = Response::json(503, &refusal).with_header("Retry-After", "1".to_owned());
        let _ = conn.respond_at_once(&response);
    }
}

/// One connection: one request, one answer, one log line.
fn serve(endpoint: &Endpoint, stream: TcpStream) {
    let Ok(peer) = stream.peer_addr() else { return };
    let Ok(mut conn) = Connection::new(stream, REQUEST_TIME) else {
        return;
    };
    let head = match conn.read_head() {
        Ok(head) => head,
        Err(HeadError::Closed) | Err(HeadError::Io) => return,
        Err(e) => {
            let (status, message) = match e {
                HeadError::TooLarge => (431, "request head too large".to_owned()),
                HeadError::TimedOut => (408, "request not received in time".to_owned()),
                HeadError::Malformed(m) => (400, format!("not an HTTP request: {m}")),
                HeadError::Closed | HeadError::Io => unreachable!("answered above"),
            };
            log(peer.ip(), "-", "-", status, None);
            let _ = conn.respond(&Response::json(status, &refusal(&message, Vec::new())));
            return;
        }
    };
    let client = client_ip(peer.ip(), &head);
    let (response, id) = endpoint.answer(&mut conn, &head, client);
    log(
        client,
        &head.method,
        &head.path,
        response.status,
        id.as_deref(),
    );
    let _ = conn.respond(&response);
}

/// The client's address: the peer's, or, behind a proxy on this machine
/// (nginx), the `X-Real-IP` it sets. A remote peer cannot claim another
/// address with that header.
fn client_ip(peer: IpAddr, head: &Head) -> IpAddr {
    if peer.is_loopback() {
        if let Some(ip) = head.header("X-Real-IP").and_then(|v| v.parse().ok()) {
            return ip;
        }
    }
    peer
}

fn log(client: IpAddr, method: &str, path: &str, status: u16, id: Option<&str>) {
    let printable = |s: &str, max: usize| -> String {
        s.chars()
            .take(max)
            .map(|c| if c.is_control() || c == ' ' { '?' } else { c })
            .collect()
    };
    eprintln!(
        "{client} {} {} {status} {}",
        printable(method, 16),
        printable(path, 200),
        id.unwrap_or("-")
    );
}

fn refusal(message: &str, problems: Vec<Problem>) -> Refusal {
    Refusal {
        message: message.to_owned(),
        problems,
    }
}

fn refused(status: u16, message: &str, field: &str, code: ProblemCode) -> Response {
    Response::json(status, &refusal(message, vec![Problem::new(field, code)]))
}

impl Endpoint {
    /// The answer to one request, and the submission's id once it is known.
    fn answer(
        &self,
        conn: &mut Connection,
        head: &Head,
        client: IpAddr,
    ) -> (Response, Option<String>) {
        if !PATHS.contains(&head.path.as_str()) {
            let message = format!("no such endpoint; submissions go to POST {}", PATHS[0]);
            return (Response::json(404, &refusal(&message, Vec::new())), None);
        }
        if head.method != "POST" {
            let response = Response::json(405, &refusal("only POST", Vec::new()))
                .with_header("Allow", "POST".to_owned());
            return (response, None);
        }
        let limited = self
            .rate
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take(client, Instant::now());
        if let Err(wait) = limited {
            let secs = wait.as_secs();
            let message = format!("too many submissions from this address; retry after {secs} s");
            let response = Response::json(429, &refusal(&message, Vec::new()))
                .with_header("Retry-After", secs.to_string());
            return (response, None);
        }
        let json = head.header("Content-Type").is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
        });
        if !json {
            let response = refused(
                415,
                "Content-Type must be application/json",
                "$",
                ProblemCode::Unreadable,
            );
            return (response, None);
        }
        let len = match self.content_length(head) {
            Ok(len) => len,
            Err(response) => return (response, None),
        };
        let body = match conn.read_body(head.rest.clone(), len) {
            Ok(body) => body,
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                return (
                    Response::json(408, &refusal("body not received in time", Vec::new())),
                    None,
                )
            }
            Err(e) => {
                let message = format!("body not received: {e}");
                return (Response::json(400, &refusal(&message, Vec::new())), None);
            }
        };
        let submission = match submission::read(&body, self.catalogue.as_deref()) {
            Ok(s) => s,
            Err(r) => {
                let unreadable = r.problems.iter().any(|p| p.code == ProblemCode::Unreadable);
                return (Response::json(if unreadable { 400 } else { 422 }, &r), None);
            }
        };
        let id = Some(submission.id.clone());
        match head.header("Idempotency-Key") {
            Some(key) if key == submission.id => {}
            Some(_) => {
                let response = refused(
                    400,
                    "Idempotency-Key is not the body's id",
                    "$.id",
                    ProblemCode::Malformed,
                );
                return (response, id);
            }
            None => {
                let response = refused(
                    400,
                    "Idempotency-Key missing (it must be the body's id)",
                    "$.id",
                    ProblemCode::Malformed,
                );
                return (response, id);
            }
        }
        if let Some(private) = &self.private {
            match proof_holds(private, &submission.sender) {
                Ok(true) => {}
                Ok(false) => {
                    let response = refused(
                        403,
                        "the proof does not match",
                        "$.sender.proof",
                        ProblemCode::NotAuthorised,
                    );
                    return (response, id);
                }
                Err(e) => {
                    eprintln!("private source: {e}");
                    let response = Response::json(
                        500,
                        &refusal(
                            "the receiver cannot check proofs now; try again later",
                            Vec::new(),
                        ),
                    );
                    return (response, id);
                }
            }
        }
        let response = match self.inbox.store(&submission) {
            Ok(Stored::New) => Response::json(201, &accepted(&submission)),
            Ok(Stored::Repeat) => Response::json(200, &accepted(&submission)),
            Ok(Stored::Conflict) => refused(
                409,
                "this id was accepted before with other content",
                "$.id",
                ProblemCode::DuplicateId,
            ),
            Err(e) => {
                eprintln!("inbox: {e}");
                Response::json(500, &refusal("not stored; try again", Vec::new()))
            }
        };
        (response, id)
    }

    /// The declared body length, when the endpoint takes it: one
    /// `Content-Length`, no `Transfer-Encoding`, at most `--max-body`.
    fn content_length(&self, head: &Head) -> Result<usize, Response> {
        if head.count("Transfer-Encoding") > 0 {
            return Err(refused(
                411,
                "send the body with a Content-Length, not chunked",
                "$",
                ProblemCode::Unreadable,
            ));
        }
        let values = head.count("Content-Length");
        let Some(value) = head.header("Content-Length") else {
            return Err(refused(
                411,
                "Content-Length missing",
                "$",
                ProblemCode::Unreadable,
            ));
        };
        let Ok(len) = value.parse::<u64>() else {
            return Err(refused(
                400,
                "Content-Length is not a number",
                "$",
                ProblemCode::Unreadable,
            ));
        };
        if values > 1 {
            return Err(refused(
                400,
                "more than one Content-Length",
                "$",
                ProblemCode::Unreadable,
            ));
        }
        if len > self.max_body as u64 {
            let message = format!("body of {len} bytes; at most {}", self.max_body);
            return Err(refused(413, &message, "$", ProblemCode::TooLarge));
        }
        Ok(len as usize)
    }
}

fn accepted(s: &Submission) -> serde_json::Value {
    serde_json::json!({ "id": s.id, "state": "accepted" })
}

/// Whether `sender.proof` is the one its secret in the private source
/// gives: `Ok(false)` for a wrong proof or a workspace or ticket the source
/// does not have; `Err` when the source's file cannot be read (the
/// operator's problem, not the sender's).
fn proof_holds(private: &Path, sender: &Sender) -> Result<bool, String> {
    // `submission::check` has made sure the id is a slug or a ticket
    // number, so it names a file inside the source and nothing else.
    let (file, canonical, labels) = match sender.scope {
        Scope::Workspace => {
            let file = private
                .join("workspaces")
                .join(format!("{}.json", sender.id));
            let Some(text) = read_if_there(&file)? else {
                return Ok(false);
            };
            let source: PrivateWorkspace = portal_core::parse_json(&file.to_string_lossy(), &text)
                .map_err(|e| e.to_string())?;
            if source.workspace.id != sender.id {
                return Ok(false);
            }
            let canonical = secret::canonical(SecretKind::AccessKey, &source.access_key);
            (file, canonical, secret::workspace_labels())
        }
        Scope::Ticket => {
            let number = portal_core::keys::normalise_ticket_number(&sender.id);
            let file = private.join("tickets").join(format!("{number}.json"));
            let Some(text) = read_if_there(&file)? else {
                return Ok(false);
            };
            let source: PrivateTicket = portal_core::parse_json(&file.to_string_lossy(), &text)
                .map_err(|e| e.to_string())?;
            if portal_core::keys::normalise_ticket_number(&source.ticket.number) != number {
                return Ok(false);
            }
            let canonical = secret::canonical(SecretKind::TicketCode, &source.access_code);
            (file, canonical, secret::ticket_labels(&number))
        }
    };
    let canonical =
        canonical.map_err(|e| format!("{}: the secret is unusable: {e}", file.display()))?;
    let expected = crate::sealing::proof(&canonical, &labels);
    Ok(same_bytes(expected.as_bytes(), sender.proof.as_bytes()))
}

fn read_if_there(file: &Path) -> Result<Option<String>, String> {
    match std::fs::read_to_string(file) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", file.display())),
    }
}

/// Compares without stopping at the first difference, so the time taken
/// says nothing about how much of a guessed proof was right.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
