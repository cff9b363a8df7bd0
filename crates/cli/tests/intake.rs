//! `portal intake`, the reference submission endpoint, spoken to as the app
//! and nginx speak to it: the real binary on a free port, raw HTTP/1.1 over
//! a TCP socket. Each test has its own intake and inbox.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(kind: &str) -> String {
    let file = repo().join(format!("docs/examples/submissions/{kind}.json"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

const NEW_REQUEST_ID: &str = "6f1c2a9e-4b7d-4e21-9c3a-5d8e7f0a1b2c";
const TICKET_REPLY_ID: &str = "b3e5d7c1-2a4f-4c6e-8d0b-9f1e3a5c7d9e";
const BOOKING_ID: &str = "f5b7034a-c4a5-48e1-b77f-30fbce721b68";
const BOOKING_CANCEL_ID: &str = "e6f09d34-940e-4c0e-8250-4c9a593b6892";
const LICENCE_REQUEST_ID: &str = "5b7e2c90-1d3f-4a6b-9c8d-7e6f5a4b3c2d";
const QUESTION_ID: &str = "5a6b7c8d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
const FEEDBACK_ID: &str = "6b7c8d9e-2f3a-4b4c-9d5e-6f7a8b9c0d1e";
/// The demo workspace `huanan`'s proof (docs/examples/submissions/).
const HUANAN_PROOF: &str = "70b07710506e0802af0764ee9d6e064c";

/// An empty directory of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("portal-intake-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Intake {
    child: Child,
    addr: String,
    inbox: PathBuf,
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The `field`s of a refusal's problems, with their codes.
    fn problems(&self) -> Vec<(String, String)> {
        self.json()["problems"]
            .as_array()
            .unwrap_or_else(|| panic!("no problems: {}", self.body))
            .iter()
            .map(|p| {
                (
                    p["field"].as_str().unwrap().to_owned(),
                    p["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

impl Intake {
    /// The demo receiver: products from public/api, proofs from demo/private.
    fn demo(name: &str, extra: &[&str]) -> Intake {
        let repo = repo();
        let api = repo.join("public/api");
        let private = repo.join("demo/private");
        let mut args = vec![
            "--api",
            api.to_str().unwrap(),
            "--private",
            private.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        Intake::start(&scratch(name).join("inbox"), &args)
    }

    fn start(inbox: &Path, args: &[&str]) -> Intake {
        let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
            .arg("intake")
            .arg("--dir")
            .arg(inbox)
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the portal binary runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let Some(addr) = line.trim().strip_prefix("listening on http://") else {
            let _ = child.kill();
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("intake did not start: {line:?} {err}");
        };
        Intake {
            addr: addr.to_owned(),
            child,
            inbox: inbox.to_path_buf(),
        }
    }

    /// Sends raw bytes, half-closes, and reads the whole answer.
    fn raw(&self, request: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request).unwrap();
        self.read_reply(stream)
    }

    fn read_reply(&self, mut stream: TcpStream) -> Reply {
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let (head, body) = text
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("no HTTP answer: {text:?}"));
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        Reply {
            status: status.parse().unwrap(),
            headers: lines
                .filter_map(|l| l.split_once(':'))
                .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
                .collect(),
            body: body.to_owned(),
        }
    }

    /// POSTs a submission the way the app does.
    fn post(&self, body: &str, key: Option<&str>) -> Reply {
        self.post_to("/v1/submissions", body, key)
    }

    fn post_to(&self, path: &str, body: &str, key: Option<&str>) -> Reply {
        let key = key.map_or(String::new(), |k| format!("Idempotency-Key: {k}\r\n"));
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n{key}Content-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        self.raw(request.as_bytes())
    }

    /// The names in the inbox, sorted.
    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.inbox)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Stops the intake; what it logged.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        err
    }
}

impl Drop for Intake {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `example` with one JSON value set (`pointer` as in RFC 6901; the
/// object it is in must exist).
fn with(example: &str, pointer: &str, value: serde_json::Value) -> String {
    let mut json: serde_json::Value = serde_json::from_str(example).unwrap();
    let (object, key) = pointer.rsplit_once('/').unwrap();
    json.pointer_mut(object)
        .and_then(serde_json::Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {object}"))
        .insert(key.to_owned(), value);
    serde_json::to_string(&json).unwrap()
}

#[test]
fn each_example_is_accepted_once_then_answered_200_on_repeat() {
    let intake = Intake::demo("examples", &[]);
    for (kind, id) in [
        ("new_request", NEW_REQUEST_ID),
        ("ticket_reply", TICKET_REPLY_ID),
        ("booking", BOOKING_ID),
        ("booking_cancel", BOOKING_CANCEL_ID),
        ("licence_request", LICENCE_REQUEST_ID),
        ("question", QUESTION_ID),
        ("feedback", FEEDBACK_ID),
    ] {
        let body = example(kind);
        let first = intake.post(&body, Some(id));
        assert_eq!(first.status, 201, "{kind}: {}", first.body);
        assert_eq!(
            first.json(),
            serde_json::json!({"id": id, "state": "accepted"})
        );
        let again = intake.post(&body, Some(id));
        assert_eq!(again.status, 200, "{kind}: {}", again.body);
        assert_eq!(again.json(), first.json());
    }
    let stored: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(intake.inbox.join(format!("{NEW_REQUEST_ID}.json"))).unwrap(),
    )
    .unwrap();
    let sent: serde_json::Value = serde_json::from_str(&example("new_request")).unwrap();
    assert_eq!(stored, sent, "the inbox keeps the submission as sent");
}

#[test]
fn nginx_s_unstripped_prefix_reaches_the_same_endpoint() {
    let intake = Intake::demo("prefix", &[]);
    let reply = intake.post_to(
        "/intake/v1/submissions",
        &example("new_request"),
        Some(NEW_REQUEST_ID),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
}

#[test]
fn the_same_id_with_other_content_is_a_409_and_the_first_stays() {
    let intake = Intake::demo("duplicate", &[]);
    let body = example("new_request");
    assert_eq!(intake.post(&body, Some(NEW_REQUEST_ID)).status, 201);
    let changed = with(&body, "/request/title", "另一个标题".into());
    let reply = intake.post(&changed, Some(NEW_REQUEST_ID));
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(reply.problems(), [("$.id".into(), "duplicate_id".into())]);
    let stored = std::fs::read_to_string(intake.inbox.join(format!("{NEW_REQUEST_ID}.json")));
    assert!(stored.unwrap().contains("分公司用户收信延迟"));
    assert_eq!(intake.files(), [format!("{NEW_REQUEST_ID}.json")]);
}

#[test]
fn the_same_content_written_differently_is_a_repeat() {
    let intake = Intake::demo("canonical", &[]);
    let body = example("ticket_reply");
    assert_eq!(intake.post(&body, Some(TICKET_REPLY_ID)).status, 201);
    // Compact instead of pretty: the same content.
    let compact = with(&body, "/lang", "zh".into());
    assert_ne!(compact, body);
    assert_eq!(intake.post(&compact, Some(TICKET_REPLY_ID)).status, 200);
    assert_eq!(intake.files(), [format!("{TICKET_REPLY_ID}.json")]);
}

#[test]
fn the_inbox_holds_one_file_per_accepted_id_and_nothing_for_refusals() {
    let intake = Intake::demo("one-file-each", &[]);
    let body = example("new_request");
    let ids = [
        "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e",
        "2c3d4e5f-6a7b-4c8d-ae9f-1a2b3c4d5e6f",
    ];
    for id in ids {
        let one = with(&body, "/id", id.into());
        assert_eq!(intake.post(&one, Some(id)).status, 201);
        assert_eq!(intake.post(&one, Some(id)).status, 200);
    }
    let refused = with(&body, "/request/title", "".into());
    assert_eq!(intake.post(&refused, Some(NEW_REQUEST_ID)).status, 422);
    let expected: Vec<String> = ids.iter().map(|id| format!("{id}.json")).collect();
    assert_eq!(intake.files(), expected);
}

#[test]
fn an_oversize_body_is_refused_413_on_its_length_before_it_is_sent() {
    let intake = Intake::demo("oversize", &[]);
    // Only the head: the answer must come without the body being read.
    let head = format!(
        "POST /v1/submissions HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nIdempotency-Key: {NEW_REQUEST_ID}\r\nContent-Length: 70000\r\n\r\n",
        intake.addr
    );
    let stream = TcpStream::connect(&intake.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    (&stream).write_all(head.as_bytes()).unwrap();
    let reply = intake.read_reply(stream);
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(reply.problems(), [("$".into(), "too_large".into())]);
    // The whole body sent anyway: the same answer, nothing written.
    let big = with(
        &example("new_request"),
        "/request/description",
        "很".repeat(25_000).into(),
    );
    assert!(big.len() > 65_536);
    assert_eq!(intake.post(&big, Some(NEW_REQUEST_ID)).status, 413);
    assert!(intake.files().is_empty(), "{:?}", intake.files());
}

#[test]
fn a_lower_max_body_is_kept_too() {
    let intake = Intake::demo("max-body", &["--max-body", "600"]);
    let reply = intake.post(&example("new_request"), Some(NEW_REQUEST_ID));
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(
        intake
            .post(&example("ticket_reply"), Some(TICKET_REPLY_ID))
            .status,
        201
    );
}

#[test]
fn a_chunked_body_is_refused_411_unread() {
    let intake = Intake::demo("chunked", &[]);
    let reply = intake.raw(
        format!(
            "POST /v1/submissions HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{{\"a\":\r\n0\r\n\r\n",
            intake.addr
        )
        .as_bytes(),
    );
    assert_eq!(reply.status, 411, "{}", reply.body);
    assert!(intake.files().is_empty());
}

#[test]
fn a_body_that_is_not_a_submission_is_a_400_naming_where() {
    let intake = Intake::demo("malformed", &[]);
    let reply = intake.post("{\"schema\": ", Some(NEW_REQUEST_ID));
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.problems(), [("$".into(), "unreadable".into())]);
    let unknown_field = with(&example("new_request"), "/request/contact/fax", "1".into());
    let reply = intake.post(&unknown_field, Some(NEW_REQUEST_ID));
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.problems()[0].1, "unreadable");
    assert!(intake.files().is_empty());
}

#[test]
fn a_submission_with_bad_fields_is_a_422_naming_each() {
    let intake = Intake::demo("bad-fields", &[]);
    let body = with(
        &example("new_request"),
        "/request/title",
        "x".repeat(121).into(),
    );
    let body = with(&body, "/request/version", "V9.9.9".into());
    let reply = intake.post(&body, Some(NEW_REQUEST_ID));
    assert_eq!(reply.status, 422, "{}", reply.body);
    let problems = reply.problems();
    assert!(
        problems.contains(&("$.request.title".into(), "too_long".into())),
        "{problems:?}"
    );
    assert!(
        problems.contains(&("$.request.version".into(), "unknown_product".into())),
        "{problems:?}"
    );
    assert!(intake.files().is_empty());
}

#[test]
fn a_wrong_proof_is_a_403_and_so_is_a_workspace_the_source_lacks() {
    let intake = Intake::demo("proof", &[]);
    let wrong = with(
        &example("new_request"),
        "/sender/proof",
        "00000000000000000000000000000000".into(),
    );
    let reply = intake.post(&wrong, Some(NEW_REQUEST_ID));
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert_eq!(
        reply.problems(),
        [("$.sender.proof".into(), "not_authorised".into())]
    );
    // huanan's proof, presented for another workspace or for a ticket.
    let elsewhere = with(&example("new_request"), "/sender/id", "nowhere".into());
    assert_eq!(intake.post(&elsewhere, Some(NEW_REQUEST_ID)).status, 403);
    let reply = with(
        &example("ticket_reply"),
        "/sender/proof",
        HUANAN_PROOF.into(),
    );
    assert_eq!(intake.post(&reply, Some(TICKET_REPLY_ID)).status, 403);
    assert!(intake.files().is_empty());
    let log = intake.stop();
    assert!(!log.contains(HUANAN_PROOF), "the log shows a proof:\n{log}");
}

#[test]
fn without_a_private_source_proofs_are_not_checked() {
    let inbox = scratch("no-private").join("inbox");
    let intake = Intake::start(&inbox, &[]);
    let any = with(
        &example("new_request"),
        "/sender/proof",
        "00000000000000000000000000000000".into(),
    );
    assert_eq!(intake.post(&any, Some(NEW_REQUEST_ID)).status, 201);
}

#[test]
fn the_idempotency_key_must_be_the_body_s_id() {
    let intake = Intake::demo("idempotency", &[]);
    let body = example("new_request");
    for key in [Some(TICKET_REPLY_ID), None] {
        let reply = intake.post(&body, key);
        assert_eq!(reply.status, 400, "{key:?}: {}", reply.body);
        assert_eq!(reply.problems(), [("$.id".into(), "malformed".into())]);
    }
    assert!(intake.files().is_empty());
}

#[test]
fn a_client_over_the_rate_gets_429_with_retry_after() {
    let intake = Intake::demo("rate", &["--rate", "2"]);
    let body = example("new_request");
    assert_eq!(intake.post(&body, Some(NEW_REQUEST_ID)).status, 201);
    assert_eq!(intake.post(&body, Some(NEW_REQUEST_ID)).status, 200);
    let reply = intake.post(&body, Some(NEW_REQUEST_ID));
    assert_eq!(reply.status, 429, "{}", reply.body);
    // Two a minute: the next one in 30 s.
    assert_eq!(reply.header("Retry-After"), Some("30"));
}

#[test]
fn a_write_cut_off_before_its_rename_leaves_nothing_accepted_and_a_retry_succeeds() {
    let inbox = scratch("crash").join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    // What a crash between writing and renaming leaves behind.
    let tmp = inbox.join(format!(".tmp-{NEW_REQUEST_ID}-99999"));
    std::fs::write(&tmp, &example("new_request")[..100]).unwrap();
    let repo = repo();
    let api = repo.join("public/api");
    let intake = Intake::start(&inbox, &["--api", api.to_str().unwrap()]);
    assert!(!tmp.exists(), "the start removes unfinished writes");
    let reply = intake.post(&example("new_request"), Some(NEW_REQUEST_ID));
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(intake.files(), [format!("{NEW_REQUEST_ID}.json")]);
    let log = intake.stop();
    assert!(log.contains("removed 1 unfinished write"), "{log}");
}

#[test]
fn other_paths_are_404_and_other_methods_405() {
    let intake = Intake::demo("routes", &[]);
    let reply = intake.post_to("/v1/other", &example("new_request"), Some(NEW_REQUEST_ID));
    assert_eq!(reply.status, 404);
    let reply = intake.raw(b"GET /v1/submissions HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("Allow"), Some("POST"));
    let reply = intake.raw(b"this is not http\r\n\r\n");
    assert_eq!(reply.status, 400);
}

#[test]
fn a_body_that_is_not_json_by_its_type_is_415() {
    let intake = Intake::demo("content-type", &[]);
    let body = example("new_request");
    let reply = intake.raw(
        format!(
            "POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nIdempotency-Key: {NEW_REQUEST_ID}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    assert_eq!(reply.status, 415, "{}", reply.body);
}

#[test]
fn each_request_is_logged_in_one_line_with_its_id_and_never_its_proof() {
    let intake = Intake::demo("log", &[]);
    assert_eq!(
        intake
            .post(&example("new_request"), Some(NEW_REQUEST_ID))
            .status,
        201
    );
    let log = intake.stop();
    assert!(
        log.lines()
            .any(|l| l == format!("127.0.0.1 POST /v1/submissions 201 {NEW_REQUEST_ID}")),
        "{log}"
    );
    assert!(!log.contains(HUANAN_PROOF), "{log}");
    assert!(!log.contains("陈明"), "{log}");
}

#[test]
fn a_taken_port_exits_2_naming_the_address() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["intake", "--dir"])
        .arg(scratch("taken").join("inbox"))
        .args(["--listen", &addr])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&addr) && err.contains("in use"), "{err}");
    assert!(out.stdout.is_empty(), "no 'listening' line");
}

#[test]
fn an_inbox_that_cannot_be_made_exits_2_naming_it() {
    let dir = scratch("not-a-dir");
    let file = dir.join("file");
    std::fs::write(&file, "").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["intake", "--listen", "127.0.0.1:0", "--dir"])
        .arg(file.join("inbox"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("inbox") && err.contains("file/inbox"), "{err}");
}

#[test]
fn a_client_that_sends_half_a_body_and_leaves_changes_nothing() {
    let intake = Intake::demo("half", &[]);
    let body = example("new_request");
    let head = format!(
        "POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {NEW_REQUEST_ID}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut stream = TcpStream::connect(&intake.addr).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream
        .write_all(&body.as_bytes()[..body.len() / 2])
        .unwrap();
    stream.shutdown(Shutdown::Write).unwrap();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    assert!(intake.files().is_empty());
    // And the endpoint still answers.
    assert_eq!(intake.post(&body, Some(NEW_REQUEST_ID)).status, 201);
}

#[test]
fn more_requests_at_once_than_it_serves_get_503_with_retry_after() {
    let intake = Intake::demo("busy", &[]);
    // 32 clients that connect and say nothing hold every place.
    let idle: Vec<TcpStream> = (0..32)
        .map(|_| TcpStream::connect(&intake.addr).unwrap())
        .collect();
    let reply = intake.post(&example("new_request"), Some(NEW_REQUEST_ID));
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert_eq!(reply.header("Retry-After"), Some("1"));
    drop(idle);
    // Their places come back as they leave.
    let accepted = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(20));
        intake
            .post(&example("new_request"), Some(NEW_REQUEST_ID))
            .status
            == 201
    });
    assert!(accepted);
}

#[test]
fn a_second_intake_on_the_same_inbox_stops_at_its_start_and_the_first_keeps_working() {
    let first = Intake::demo("one-inbox", &[]);
    let second = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("intake")
        .arg("--dir")
        .arg(&first.inbox)
        .args(["--listen", "127.0.0.1:0"])
        .output()
        .expect("the portal binary runs");
    assert!(!second.status.success());
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("another `portal intake` is using it"), "{err}");
    // The first still accepts, and the inbox holds only what it accepted.
    let body = example("question");
    assert_eq!(first.post(&body, Some(QUESTION_ID)).status, 201);
    assert_eq!(first.files(), [format!("{QUESTION_ID}.json")]);
    first.stop();
}
