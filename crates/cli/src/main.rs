//! `portal`: the publisher's tool for the static API of the Coremail Cloud
//! Service Centre. A thin shell over `portal-core`: argument parsing, file
//! I/O and exit codes live here, all logic lives in the core.

mod corpus;
mod markdown;
mod seal;
mod search;
mod sla;

use portal_core::keys;
use portal_core::validate::{validate, ApiSource};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
portal — publisher's tool for the Coremail Cloud Service Centre static API

USAGE:
    portal validate <api-dir>
        Check every file of the API against the contract (including that each
        article's published blocks are what `portal index` makes of its
        Markdown now). Prints each problem as `file: json-path: what is
        wrong`; exits 0 only when all is valid.
    portal ticket-key --number <ticket-number> --email <contact-email>
        Print the key a ticket's file is stored under (tickets/<key>.json).
    portal customer-key --access-key <customer-access-key>
        Print the key a customer's history is stored under (customers/<key>.json).
    portal sla --priority P1..P4 --channel phone|email|online --received <RFC 3339> [--api DIR]
        Print the response deadline as one JSON object.
    portal sla --batch [--api DIR]
        Read JSON Lines {priority, channel, received} on stdin; write one
        line per input, in order: {deadline: …} or {error: …}.
        The policy and calendar come from DIR/sla/ (default public/api).
    portal index <api-dir> [--shards N]
        Publish the knowledge base: each article's Markdown as blocks in
        <api-dir>/kb/articles/<id>.json, and the search index in
        <api-dir>/kb/search/. Run it after any article change.
    portal search <api-dir> <query> [--category ID] [--limit N]
        Print the top results as JSON: [{id, title, score}, …].
    portal gen-corpus <out-dir> [--articles N] [--seed S] [--from API-DIR]
        Generate a synthetic knowledge base (from the demo articles' sentences)
        with labelled queries, for the search benchmark.
    portal seal <dist-dir>
        Move Trunk's inline start-up script into an external file with
        subresource integrity, so the app runs under a CSP without
        'unsafe-inline' (run by Trunk as a post-build hook).
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("portal: {message}");
            eprintln!("Run `portal help` for usage.");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = args.split_first().ok_or("no command given")?;
    match command.as_str() {
        "validate" => {
            let [dir] = rest else {
                return Err("usage: portal validate <api-dir>".into());
            };
            Ok(cmd_validate(Path::new(dir)))
        }
        "ticket-key" => {
            let number = flag(rest, "--number")?;
            let email = flag(rest, "--email")?;
            if number.trim().is_empty() || !email.contains('@') {
                return Err("a ticket number and a contact e-mail address are needed".into());
            }
            println!("{}", keys::ticket_key(&number, &email));
            Ok(ExitCode::SUCCESS)
        }
        "customer-key" => {
            let access_key = flag(rest, "--access-key")?;
            if access_key.trim().is_empty() {
                return Err("the customer access key is empty".into());
            }
            println!("{}", keys::customer_key(&access_key));
            Ok(ExitCode::SUCCESS)
        }
        "sla" => {
            let api = flag(rest, "--api").unwrap_or_else(|_| "public/api".to_owned());
            let engine = sla::load_engine(Path::new(&api))?;
            if rest.iter().any(|a| a == "--batch") {
                let stdin = std::io::stdin();
                sla::batch(&engine, stdin.lock(), std::io::stdout().lock())
                    .map_err(|e| e.to_string())?;
                return Ok(ExitCode::SUCCESS);
            }
            let answer = sla::one(
                &engine,
                &flag(rest, "--priority")?,
                &flag(rest, "--channel")?,
                &flag(rest, "--received")?,
            );
            match answer {
                Ok(value) => {
                    println!("{value}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    println!("{}", serde_json::json!({ "error": e.to_string() }));
                    eprintln!("portal sla: {e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        "index" => {
            let dir = rest
                .first()
                .ok_or("usage: portal index <api-dir> [--shards N]")?;
            let shards = match flag(rest, "--shards") {
                Ok(n) => Some(
                    n.parse()
                        .map_err(|_| format!("--shards: `{n}` is not a number"))?,
                ),
                Err(_) => None,
            };
            let published = search::write_index(Path::new(dir), shards)?;
            eprintln!(
                "{dir}/{}: {} articles' blocks",
                portal_core::files::KB_ARTICLE_DIR,
                published.articles
            );
            for file in &published.removed {
                eprintln!("{dir}/{file}: removed (no such article in kb/articles.json)");
            }
            eprintln!(
                "{dir}/{}: {} files, {} bytes",
                search::SEARCH_DIR,
                published.index_files,
                published.index_bytes
            );
            Ok(ExitCode::SUCCESS)
        }
        "search" => {
            let (Some(dir), Some(query)) = (rest.first(), rest.get(1)) else {
                return Err(
                    "usage: portal search <api-dir> <query> [--category ID] [--limit N]".into(),
                );
            };
            let category = flag(rest, "--category").ok();
            let limit = match flag(rest, "--limit") {
                Ok(n) => n
                    .parse()
                    .map_err(|_| format!("--limit: `{n}` is not a number"))?,
                Err(_) => 10,
            };
            println!(
                "{}",
                search::search(Path::new(dir), query, category.as_deref(), limit)?
            );
            Ok(ExitCode::SUCCESS)
        }
        "gen-corpus" => {
            let out = rest
                .first()
                .ok_or("usage: portal gen-corpus <out-dir> [--articles N] [--seed S]")?;
            let number = |name: &str, default: u64| -> Result<u64, String> {
                match flag(rest, name) {
                    Ok(v) => v
                        .parse()
                        .map_err(|_| format!("{name}: `{v}` is not a number")),
                    Err(_) => Ok(default),
                }
            };
            let from = flag(rest, "--from").unwrap_or_else(|_| "public/api".to_owned());
            corpus::generate(
                Path::new(&from),
                Path::new(out),
                number("--articles", 10_000)? as usize,
                number("--seed", 2026)?,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        "seal" => {
            let [dir] = rest else {
                return Err("usage: portal seal <dist-dir>".into());
            };
            seal::seal(Path::new(dir))?;
            Ok(ExitCode::SUCCESS)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

/// The value after `name` in `args`.
fn flag(args: &[String], name: &str) -> Result<String, String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
        .ok_or_else(|| format!("missing {name} <value>"))
}

fn cmd_validate(dir: &Path) -> ExitCode {
    if !dir.is_dir() {
        eprintln!("{}: not a directory", dir.display());
        return ExitCode::from(2);
    }
    let problems = validate(&DirSource(dir.to_path_buf()), &markdown::to_blocks);
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        eprintln!("{}: valid", dir.display());
        ExitCode::SUCCESS
    } else {
        eprintln!("{}: {} problem(s)", dir.display(), problems.len());
        ExitCode::FAILURE
    }
}

/// An API directory on disk.
struct DirSource(PathBuf);

impl ApiSource for DirSource {
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        match std::fs::read_to_string(self.0.join(path)) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let entries = match std::fs::read_dir(self.0.join(dir)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.to_string()),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            if entry.file_type().map_err(|e| e.to_string())?.is_file() {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        Ok(names)
    }
}
