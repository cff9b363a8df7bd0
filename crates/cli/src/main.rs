//! `portal`: the publisher's tool for the static API of the Coremail Cloud
//! Service Centre. A thin shell over `portal-core`: argument parsing (clap),
//! file I/O and exit codes live here, all logic lives in the core.
//!
//! Exit codes: 0 done; 1 the answer is "no" (`validate` found problems,
//! `sla` could not compute a deadline, `slots` was asked about dates the
//! holiday calendar does not cover); 2 the command could not run (a usage
//! error, reported by clap with the flag it is about, or a file that cannot
//! be read or written).

mod booking;
mod corpus;
mod intake;
mod markdown;
mod publish;
mod reminders;
mod seal;
mod sealing;
mod search;
mod sla;
mod validate;

use chrono::NaiveDate;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use portal_core::geo::LatLon;
use portal_core::model::{BookingKind, Channel, Priority};
use portal_core::sla::{parse_channel, parse_priority};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Publisher's tool for the Coremail Cloud Service Centre static API
#[derive(Parser)]
#[command(
    name = "portal",
    version,
    after_help = "Each command has its own help with examples: portal <COMMAND> --help"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every file of an API directory against the contract
    ///
    /// Includes that each article's published blocks are what `portal index`
    /// makes of its Markdown now.
    /// Prints each problem as `file: json-path: what is wrong`.
    /// Exits 0 when everything is valid, 1 when there are problems,
    /// 2 when API_DIR is not a directory.
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal validate public/api
      Check the demo API before uploading it.
  portal validate public/api --private demo/private
      Also check the private source and that every sealed file opens."
    )]
    Validate {
        /// The API directory (the one holding meta.json)
        api_dir: PathBuf,
        /// Also check the private source, and that every sealed file opens
        /// with the key it implies and holds what it says
        #[arg(long, value_name = "PRIVATE_SRC")]
        private: Option<PathBuf>,
    },

    /// Print a new random customer access key, or with --ticket a ticket access code
    ///
    /// A customer access key is 30 base32 symbols (150 bits) in groups of five;
    /// it opens the customer's workspace. A ticket access code is 20 symbols
    /// (100 bits); it goes into the acknowledgement link /t/<number>#<code>.
    /// Both come from the operating system's random number generator. Put the
    /// key into the private source (workspaces/<id>.json "access_key", or
    /// tickets/<number>.json "access_code") and run `portal publish`.
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal new-access-key
      7KQ2M-XR4TB-9HN3D-WCVG8-PAE5Z-16FJY   (a new customer access key)
  portal new-access-key --ticket
      6Q37P-7N7HA-E9884-DNTMR               (a new ticket access code)"
    )]
    NewAccessKey {
        /// Print a ticket access code (20 symbols) instead of a customer access key
        #[arg(long)]
        ticket: bool,
    },

    /// Seal the private source (workspaces, tickets) into API_DIR/sealed/
    ///
    /// PRIVATE_SRC holds plain JSON: workspaces/<id>.json (access_key and the
    /// workspace) and tickets/<number>.json (access_code, workspace id and the
    /// ticket). Each ticket and each workspace, with its ticket history, is
    /// encrypted with AES-256-GCM under a key derived from its secret, and
    /// written as sealed/<name>.bin, the name derived from the same secret
    /// (scheme coremail-portal/v2, docs/api.md). Sealed files the source no
    /// longer implies are removed. Nothing is written when the source has
    /// problems: they are printed as `file: json-path: what is wrong`, exit 1.
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal publish demo/private public/api
      Re-seal the demo customers' workspaces and tickets.
  portal publish /srv/private /srv/api && portal validate /srv/api --private /srv/private
      Seal into the API directory to deploy, and check that every file opens
      (before any pre-compression: validate refuses stray .br files)."
    )]
    Publish {
        /// The private source directory (never deployed)
        private_src: PathBuf,
        /// The API directory (the one holding meta.json)
        api_dir: PathBuf,
    },

    /// Print the response deadline of one request, or of a JSON Lines batch on stdin
    ///
    /// The policy and calendar come from DIR/sla/policy.json and DIR/sla/calendar.json.
    ///
    /// One request prints one JSON object. A deadline that cannot be computed
    /// (an unreadable time, a date the calendar does not cover) prints
    /// {"error": …} instead and exits 1.
    ///
    /// With --batch, reads JSON Lines {"priority", "channel", "received"} on stdin
    /// and writes one line per non-blank input line, in order: {"deadline": …}
    /// or {"error": …}. It exits 0 even when some lines are errors.
    #[command(
        verbatim_doc_comment,
        override_usage = "\
portal sla --priority <PRIORITY> --channel <CHANNEL> --received <RFC 3339> [--api <DIR>]
       portal sla --batch [--api <DIR>]",
        after_help = "\
Examples:
  portal sla --priority P2 --channel email --received 2026-02-13T17:30:00+08:00
      A P2 e-mail on the Friday evening before the Spring Festival:
      {\"channel\":\"email\",\"deadline\":\"2026-02-14T13:30:00+08:00\",…}
  portal sla --priority P1 --channel phone --received 2026-11-26T09:30:00Z --api dist/api
      Received in UTC, answered in Beijing time, under the policy of a release build's API.
  echo '{\"priority\":\"P1\",\"channel\":\"phone\",\"received\":\"2026-11-26T09:30:00Z\"}' | portal sla --batch
      One JSON line out per line in."
    )]
    Sla(SlaArgs),

    /// Print the engineers' free booking slots in working time as JSON
    ///
    /// Prints [{"engineer", "start", "end"}, …] in RFC 3339 Beijing time
    /// (+08:00), by start then engineer, from DIR/engineers.json and
    /// DIR/sla/calendar.json: only working days (public holidays out, 调休
    /// weekend days in), 09:00-18:00, minus the time each engineer is booked.
    /// Slots start every 90 minutes from 09:00 and last 90 minutes for
    /// remote support, 3 hours for a patch deployment, the whole working day
    /// for an on-site visit. Dates the holiday calendar does not cover print
    /// {"error": …} and exit 1.
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal slots --api public/api --type remote_support --from 2026-09-30 --to 2026-10-11
      Around National Day 2026: no slot from 1 to 7 October, slots on the
      adjusted working Saturday, 10 October.
  portal slots --type onsite --from 2026-12-07 --to 2026-12-11 --station gz
      Whole free days of the Guangzhou station's on-site engineers."
    )]
    Slots(SlotsArgs),

    /// Print the nearest service station to a site and the on-site rule there (manual §5.2)
    ///
    /// Prints {"station", "distance_km", "within_40km", "rule"}: the id of the
    /// station nearest by great-circle distance (DIR/stations.json), the
    /// distance to 10 m, and the rule of DIR/sla/policy.json's "onsite":
    /// within its radius (40 km) "arrive_within_24h", an engineer on site
    /// within its hours (24) of the agreed time; beyond, "time_by_agreement".
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal onsite --api public/api --lat 23.2157 --lon 113.3796
      10 km north of the Guangzhou station:
      {\"station\":\"gz\",\"distance_km\":10.0,\"within_40km\":true,\"rule\":\"arrive_within_24h\"}
  portal onsite --lat 43.8256 --lon 87.6168
      Ürümqi: the nearest station is Chengdu's, over 2,000 km away; time by agreement."
    )]
    Onsite(OnsiteArgs),

    /// Publish the knowledge base: articles as blocks, and the search index
    ///
    /// Reads kb/articles.json and every article's Markdown, writes each as
    /// blocks to API_DIR/kb/articles/<id>.json (parsed once, here, with
    /// pulldown-cmark: the app only renders blocks), removes block files of
    /// articles no longer listed, and replaces kb/search/ with a fresh index.
    /// Run it after any article change.
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal index public/api
      Rebuild the demo knowledge base's index with the default shard count.
  portal index public/api --shards 64
      The same index split into 64 shards."
    )]
    Index {
        /// The API directory (the one holding kb/articles.json)
        api_dir: PathBuf,
        /// How many shards to split the index into [default: about one per two articles, 16 to 4096]
        #[arg(long, value_name = "N", value_parser = shard_count)]
        shards: Option<u32>,
    },

    /// Search the knowledge base; print what matched as JSON
    ///
    /// Prints {"total": N, "partial": false, "hits": [{"id", "title", "score"}, …]}:
    /// how many articles hold every word of the query, and the best of them.
    /// When none does and the query has several words, the articles with
    /// some of them, and "partial": true. Chinese words match as written
    /// (contiguous), Latin words and codes whole.
    /// Uses the index that `portal index` published in API_DIR/kb/search/,
    /// and reads it the way the app does in the browser.
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal search public/api 收信
      Articles about receiving mail, best first.
  portal search public/api 密码 --category weak-password --limit 5
      The five best matches for 密码 in one category.
  portal search public/api \"收信 延迟\"
      Articles holding both words."
    )]
    Search {
        /// The API directory (the one holding kb/search/)
        api_dir: PathBuf,
        /// What to search for: Chinese without spaces, Latin words, codes
        query: String,
        /// Only articles of this category id (see kb/categories.json)
        #[arg(long, value_name = "ID")]
        category: Option<String>,
        /// At most this many results
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
    },

    /// Generate a labelled synthetic knowledge base for the search benchmark
    ///
    /// Builds articles from the sentences of the articles in API-DIR and writes
    /// them as an API directory (kb/…), as HTML (html/) and as docs.json, with
    /// queries.json: {"planted": {query: {"title": [ids], "body": [ids]}},
    /// "nonsense": [words]}, where each query was planted (the benchmark finds
    /// every article holding it on its own) and words the corpus must lack,
    /// whose characters are planted apart.
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal gen-corpus .tmp/bench-search --articles 10000
      The corpus of scripts/bench-search.sh.
  portal gen-corpus /tmp/corpus --articles 600 --seed 7 --from public/api
      A small corpus, reproducible from its seed."
    )]
    GenCorpus {
        /// Where to write the corpus
        out_dir: PathBuf,
        /// How many articles to generate
        #[arg(long, value_name = "N", default_value_t = 10_000)]
        articles: usize,
        /// The seed: the same seed gives the same corpus
        #[arg(long, value_name = "S", default_value_t = 2026)]
        seed: u64,
        /// The API directory whose articles lend their sentences
        #[arg(long, value_name = "API-DIR", default_value = "public/api")]
        from: PathBuf,
    },

    /// Finish a Trunk build: hash the split wasm, add SRI, write the boot script and service worker
    ///
    /// Takes the split wasm that Trunk copied to DIST_DIR/pkg/ (built by
    /// scripts/build-wasm.sh), names every module by a hash of its content,
    /// makes the chunk loader fetch each chunk with its integrity, starts the
    /// app from an external boot script with subresource integrity (so it
    /// runs under a CSP without 'unsafe-inline'), and writes the service
    /// worker, which precaches every file of the build.
    /// Trunk runs it after every build (the post-build hook in Trunk.toml).
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal seal dist
      Seal a finished `trunk build --release` output."
    )]
    Seal {
        /// Trunk's output directory (the one holding index.html)
        dist_dir: PathBuf,
    },

    /// Receive submissions from the app: the reference submission endpoint
    ///
    /// Answers POST /v1/submissions (also /intake/v1/submissions) with a
    /// submission as JSON (docs/api.md, "Submissions") and its id as the
    /// Idempotency-Key: 201 accepted, 200 the same again, 409 the same id
    /// with other content, 400/422 refused with the fields at fault, 403 a
    /// proof that does not match the private source, 413 too large, 429 too
    /// many from one address (with Retry-After). Each accepted submission is
    /// written durably to INBOX/<id>.json. Prints `listening on http://…`
    /// once bound, then one line per request to stderr (never a proof).
    /// Exits 2 when the address is taken or the inbox is not writable.
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal intake --dir .tmp/inbox --listen 127.0.0.1:8788 --api public/api --private demo/private
      The demo receiver behind deploy/nginx.conf's /intake/ (scripts/serve.sh starts it).
  portal intake --dir /var/spool/portal --api /srv/api --private /srv/private --rate 10
      Production: products from the published API, proofs against the private source."
    )]
    Intake(IntakeArgs),

    /// Print a workspace's reminders (the reminders centre) as JSON
    ///
    /// Prints [{"kind", "id", "due", "title": {"zh", "en"}}, …], newest first,
    /// computed by the same core code as the app's reminders centre from
    /// DIR's products.json, patches.json, courses.json, terms.json and
    /// sla/calendar.json and the workspace that KEY opens in DIR/sealed:
    /// new patches and security advisories for the deployed versions, newer
    /// versions and end of support, licences and the service period at 30, 7
    /// and 1 days before expiry, live courses starting within a day, and
    /// changed terms (kind "terms", due at the end of the objection period,
    /// 24:00 Beijing on its tenth working day). Types switched off in the
    /// settings file (as the settings page exports it) print nothing.
    /// Ticket changes and refused submissions need a browser's memory and
    /// never appear here.
    #[command(
        verbatim_doc_comment,
        after_help = "\
Examples:
  portal reminders --api public/api --workspace 0B8DJ-J1AEJ-T355S-2NWSA-EVXA6-B08XB --now 2026-12-08T10:00:00+08:00
      The demo customer huanan a week before licence lic-xt5-branch expires.
  portal reminders --api public/api --workspace <KEY> --now 2026-12-08T02:00:00Z --settings settings.json
      With the settings a customer exported from the settings page."
    )]
    Reminders(RemindersArgs),
}

#[derive(Args)]
struct RemindersArgs {
    /// The API directory (the one holding meta.json and sealed/)
    #[arg(long, value_name = "DIR", default_value = "public/api")]
    api: PathBuf,
    /// The customer access key that opens the workspace
    #[arg(long, value_name = "KEY")]
    workspace: String,
    /// The time to compute at: RFC 3339 in any offset, e.g. 2026-12-08T10:00:00+08:00
    #[arg(long, value_name = "RFC 3339", value_parser = rfc3339)]
    now: chrono::DateTime<chrono::FixedOffset>,
    /// A notification-settings file as exported by the settings page
    #[arg(long, value_name = "FILE")]
    settings: Option<PathBuf>,
}

fn rfc3339(value: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    chrono::DateTime::parse_from_rfc3339(value)
        .map_err(|e| format!("{e}; expected RFC 3339 like 2026-12-08T10:00:00+08:00"))
}

#[derive(Args)]
struct IntakeArgs {
    /// Where accepted submissions are written, one <id>.json each (created if missing)
    #[arg(long, value_name = "INBOX")]
    dir: PathBuf,
    /// The address and port to listen on (port 0: any free port)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8788")]
    listen: SocketAddr,
    /// The API directory whose products.json the product and version must be in
    #[arg(long, value_name = "API_DIR")]
    api: Option<PathBuf>,
    /// The private source: check each sender.proof against its workspace's or ticket's secret
    #[arg(long, value_name = "PRIVATE_SRC")]
    private: Option<PathBuf>,
    /// The largest body accepted, in bytes (at most the format's 65536)
    #[arg(long, value_name = "BYTES", default_value_t = portal_core::submission::MAX_BODY_BYTES, value_parser = max_body)]
    max_body: usize,
    /// Requests one client address may make per minute (a burst of as many, then that rate)
    #[arg(long, value_name = "PER_MINUTE", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    rate: u32,
}

#[derive(Args)]
struct SlaArgs {
    /// The request's severity
    #[arg(long, value_parser = priority(), required_unless_present = "batch")]
    priority: Option<Priority>,
    /// Where the request came in
    #[arg(long, value_parser = channel(), required_unless_present = "batch")]
    channel: Option<Channel>,
    /// When it was received: RFC 3339 in any offset, e.g. 2026-02-13T17:30:00+08:00
    #[arg(long, value_name = "RFC 3339", required_unless_present = "batch")]
    received: Option<String>,
    /// Read requests as JSON Lines on stdin instead
    #[arg(long, conflicts_with_all = ["priority", "channel", "received"])]
    batch: bool,
    /// The API directory whose sla/ holds the policy and calendar
    #[arg(long, value_name = "DIR", default_value = "public/api")]
    api: PathBuf,
}

#[derive(Args)]
struct SlotsArgs {
    /// The work to book
    #[arg(long = "type", value_name = "TYPE", value_parser = booking_kind())]
    kind: BookingKind,
    /// The first date, YYYY-MM-DD (Beijing)
    #[arg(long, value_name = "DATE", value_parser = date)]
    from: NaiveDate,
    /// The last date, YYYY-MM-DD, inclusive; at most 366 days after --from
    #[arg(long, value_name = "DATE", value_parser = date)]
    to: NaiveDate,
    /// Only engineers of this station (an id of stations.json, e.g. gz)
    #[arg(long, value_name = "ID")]
    station: Option<String>,
    /// The API directory holding engineers.json and sla/calendar.json
    #[arg(long, value_name = "DIR", default_value = "public/api")]
    api: PathBuf,
}

#[derive(Args)]
struct OnsiteArgs {
    /// The site's latitude in decimal degrees, e.g. 23.1258
    #[arg(long, value_name = "LAT", allow_hyphen_values = true, value_parser = latitude)]
    lat: f64,
    /// The site's longitude in decimal degrees, e.g. 113.3796
    #[arg(long, value_name = "LON", allow_hyphen_values = true, value_parser = longitude)]
    lon: f64,
    /// The API directory holding stations.json and sla/policy.json
    #[arg(long, value_name = "DIR", default_value = "public/api")]
    api: PathBuf,
}

/// `--type`: the values and their parsing are the core's.
fn booking_kind() -> impl TypedValueParser<Value = BookingKind> {
    PossibleValuesParser::new(BookingKind::ALL.map(BookingKind::as_str))
        .try_map(|s| s.parse::<BookingKind>())
}

fn date(value: &str) -> Result<NaiveDate, String> {
    portal_core::calendar::parse_date_input(value).map_err(|e| e.to_string())
}

fn latitude(value: &str) -> Result<f64, String> {
    LatLon::parse_latitude(value).map_err(|e| e.to_string())
}

fn longitude(value: &str) -> Result<f64, String> {
    LatLon::parse_longitude(value).map_err(|e| e.to_string())
}

/// `--priority`: the values and their parsing are the core's.
fn priority() -> impl TypedValueParser<Value = Priority> {
    PossibleValuesParser::new(Priority::ALL.map(Priority::as_str)).try_map(|s| parse_priority(&s))
}

/// `--channel`: the values and their parsing are the core's.
fn channel() -> impl TypedValueParser<Value = Channel> {
    PossibleValuesParser::new(Channel::ALL.map(Channel::as_str)).try_map(|s| parse_channel(&s))
}

fn max_body(value: &str) -> Result<usize, String> {
    let max = portal_core::submission::MAX_BODY_BYTES;
    match value.parse() {
        Ok(0) => Err("a body needs at least 1 byte".into()),
        Ok(n) if n > max => Err(format!("the submission format allows at most {max}")),
        Ok(n) => Ok(n),
        Err(_) => Err("not a whole number".into()),
    }
}

fn shard_count(value: &str) -> Result<u32, String> {
    match value.parse() {
        Ok(0) => Err("an index needs at least 1 shard".into()),
        Ok(n) => Ok(n),
        Err(_) => Err("not a whole number".into()),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("portal: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Validate { api_dir, private } => Ok(validate::run(&api_dir, private.as_deref())),
        Command::NewAccessKey { ticket } => {
            let kind = if ticket {
                portal_core::secret::SecretKind::TicketCode
            } else {
                portal_core::secret::SecretKind::AccessKey
            };
            println!("{}", sealing::new_secret(kind)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Publish {
            private_src,
            api_dir,
        } => match publish::publish(&private_src, &api_dir)? {
            Ok(p) => {
                let dir = api_dir.display();
                eprintln!(
                    "{dir}/sealed: {} workspaces, {} tickets sealed",
                    p.workspaces, p.tickets
                );
                for file in &p.removed {
                    eprintln!("{dir}/{file}: removed (not in the private source)");
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(problems) => {
                for p in &problems {
                    println!("{p}");
                }
                eprintln!(
                    "{}: {} problem(s), nothing published",
                    private_src.display(),
                    problems.len()
                );
                Ok(ExitCode::FAILURE)
            }
        },
        Command::Sla(args) => run_sla(args),
        Command::Slots(args) => {
            let answer = booking::free_slots(
                &args.api,
                args.kind,
                args.from,
                args.to,
                args.station.as_deref(),
            )?;
            match answer {
                booking::SlotsAnswer::Slots(list) => {
                    println!("{list}");
                    Ok(ExitCode::SUCCESS)
                }
                booking::SlotsAnswer::NotCovered(e) => {
                    println!("{}", serde_json::json!({ "error": e }));
                    eprintln!("portal slots: {e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Onsite(args) => {
            let site = LatLon::new(args.lat, args.lon).map_err(|e| e.to_string())?;
            println!("{}", booking::onsite(&args.api, site)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Index { api_dir, shards } => {
            let published = search::write_index(&api_dir, shards)?;
            let dir = api_dir.display();
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
        Command::Search {
            api_dir,
            query,
            category,
            limit,
        } => {
            let hits = search::search(&api_dir, &query, category.as_deref(), limit)?;
            println!("{hits}");
            Ok(ExitCode::SUCCESS)
        }
        Command::GenCorpus {
            out_dir,
            articles,
            seed,
            from,
        } => {
            corpus::generate(&from, &out_dir, articles, seed)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Seal { dist_dir } => {
            seal::seal(&dist_dir)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Reminders(args) => {
            let json = reminders::run(
                &args.api,
                &args.workspace,
                args.now,
                args.settings.as_deref(),
            )?;
            println!("{json}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Intake(args) => {
            intake::run(intake::Config {
                inbox: args.dir,
                listen: args.listen,
                api: args.api,
                private: args.private,
                max_body: args.max_body,
                per_minute: args.rate,
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_sla(args: SlaArgs) -> Result<ExitCode, String> {
    let engine = sla::load_engine(&args.api)?;
    if args.batch {
        let stdin = std::io::stdin();
        sla::batch(&engine, stdin.lock(), std::io::stdout().lock()).map_err(|e| e.to_string())?;
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(priority), Some(channel), Some(received)) =
        (args.priority, args.channel, args.received)
    else {
        unreachable!("SlaArgs makes --priority, --channel and --received required without --batch")
    };
    match sla::one(&engine, priority, channel, &received) {
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
