//! Checks a whole static-API directory against the contract: every file
//! parses into its model, and the files agree with each other (no duplicate
//! ids, no reference to something that does not exist, tickets stored under
//! their own key, each article's published blocks safe and up to date).
//! The reading is done by the caller through [`ApiSource`], and turning
//! Markdown into blocks by the caller's [`ToBlocks`] (the publisher's
//! converter), so this module stays free of I/O and of any Markdown parser.

use crate::keys::{self, is_sha256_hex};
use crate::markdown::{refused_targets, ArticleBlocks, Block};
use crate::model::*;
use crate::parse::{files, parse_json, ParseError};
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Where the validator reads files from (a directory, in the CLI).
pub trait ApiSource {
    /// The file's text, `Ok(None)` when it does not exist.
    fn read(&self, path: &str) -> Result<Option<String>, String>;
    /// The names of the files directly inside `dir` (empty when it does not exist).
    fn list(&self, dir: &str) -> Result<Vec<String>, String>;
}

/// One thing wrong with the data, printed as `file: json-path: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.path, self.message)
    }
}

impl From<ParseError> for Problem {
    fn from(e: ParseError) -> Self {
        Problem {
            file: e.file,
            path: e.path,
            message: e.message,
        }
    }
}

/// How `portal index` turns an article's Markdown into its blocks: the
/// published `kb/articles/<id>.json` must hold exactly what it gives for the
/// current `kb/articles/<id>.md`.
pub type ToBlocks<'a> = &'a dyn Fn(&str) -> Vec<Block>;

/// Validates everything; an empty result means the directory is valid.
pub fn validate(src: &dyn ApiSource, to_blocks: ToBlocks) -> Vec<Problem> {
    let mut v = Validator {
        src,
        to_blocks,
        problems: Vec::new(),
    };
    v.run();
    v.problems
}

struct Validator<'a> {
    src: &'a dyn ApiSource,
    to_blocks: ToBlocks<'a>,
    problems: Vec<Problem>,
}

impl Validator<'_> {
    fn problem(&mut self, file: &str, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: file.to_owned(),
            path: path.into(),
            message: message.into(),
        });
    }

    /// Reads and parses one file; reports it missing or malformed.
    fn load<T: DeserializeOwned>(&mut self, file: &str) -> Option<T> {
        match self.src.read(file) {
            Ok(Some(text)) => match parse_json(file, &text) {
                Ok(value) => Some(value),
                Err(e) => {
                    self.problems.push(e.into());
                    None
                }
            },
            Ok(None) => {
                self.problem(file, "$", "file is missing");
                None
            }
            Err(e) => {
                self.problem(file, "$", format!("cannot be read: {e}"));
                None
            }
        }
    }

    fn list(&mut self, dir: &str) -> Vec<String> {
        match self.src.list(dir) {
            Ok(mut names) => {
                names.sort();
                names
            }
            Err(e) => {
                self.problem(dir, "$", format!("cannot be listed: {e}"));
                Vec::new()
            }
        }
    }

    /// Reports every id seen twice; returns the set of ids.
    fn unique_ids<'i>(
        &mut self,
        file: &str,
        ids: impl Iterator<Item = (String, &'i str)>,
    ) -> HashSet<String> {
        let mut seen = HashSet::new();
        for (path, id) in ids {
            if !seen.insert(id.to_owned()) {
                self.problem(file, path, format!("duplicate id `{id}`"));
            }
        }
        seen
    }

    fn run(&mut self) {
        if let Some(meta) = self.load::<Meta>(files::META) {
            if meta.api_version != API_VERSION {
                self.problem(
                    files::META,
                    "$.api_version",
                    format!(
                        "API version {} is not supported (this build reads version {API_VERSION})",
                        meta.api_version
                    ),
                );
            }
        }
        let products = self.load::<Vec<Product>>(files::PRODUCTS);
        let versions = products.as_deref().map(|p| self.check_products(p));
        if let Some(patches) = self.load::<Vec<Patch>>(files::PATCHES) {
            self.check_patches(&patches, versions.as_ref());
        }
        self.check_kb(versions.as_ref());
        if let Some(policy) = self.load::<SlaPolicy>(files::SLA_POLICY) {
            self.check_policy(&policy);
        }
        if let Some(calendar) = self.load::<CalendarData>(files::CALENDAR) {
            self.check_calendar(&calendar);
        }
        if let Some(classes) = self.load::<Vec<ServiceClass>>(files::SERVICES) {
            let file = files::SERVICES;
            self.unique_ids(
                file,
                classes
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (format!("$[{i}].id"), c.id.as_str())),
            );
            self.unique_ids(
                file,
                classes.iter().enumerate().flat_map(|(i, c)| {
                    c.items
                        .iter()
                        .enumerate()
                        .map(move |(j, s)| (format!("$[{i}].items[{j}].id"), s.id.as_str()))
                }),
            );
        }
        let stations = self.load::<Vec<ServiceStation>>(files::STATIONS);
        let station_ids = stations.as_deref().map(|s| self.check_stations(s));
        if let Some(engineers) = self.load::<Vec<Engineer>>(files::ENGINEERS) {
            self.check_engineers(&engineers, station_ids.as_ref());
        }
        if let Some(licences) = self.load::<Vec<Licence>>(files::LICENCES) {
            self.check_licences(&licences, versions.as_ref());
        }
        if let Some(courses) = self.load::<Vec<Course>>(files::COURSES) {
            self.unique_ids(
                files::COURSES,
                courses
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (format!("$[{i}].id"), c.id.as_str())),
            );
        }
        if let Some(guard) = self.load::<GuardReport>(files::GUARD) {
            if guard.period_from > guard.period_to {
                self.problem(files::GUARD, "$.period_to", "period ends before it starts");
            }
            let mut days = HashSet::new();
            for (i, day) in guard.daily.iter().enumerate() {
                if !days.insert(day.date) {
                    self.problem(
                        files::GUARD,
                        format!("$.daily[{i}].date"),
                        format!("{} has more than one row", day.date),
                    );
                }
                if day.date < guard.period_from || day.date > guard.period_to {
                    self.problem(
                        files::GUARD,
                        format!("$.daily[{i}].date"),
                        format!("{} is outside the report period", day.date),
                    );
                }
            }
        }
        let tickets = self.check_tickets(versions.as_ref());
        self.check_customers(&tickets);
    }

    /// Returns product id → its versions.
    fn check_products(&mut self, products: &[Product]) -> HashMap<String, HashSet<String>> {
        let file = files::PRODUCTS;
        self.unique_ids(
            file,
            products
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("$[{i}].id"), p.id.as_str())),
        );
        let mut out = HashMap::new();
        for (i, p) in products.iter().enumerate() {
            if p.versions.is_empty() {
                self.problem(
                    file,
                    format!("$[{i}].versions"),
                    "a product needs at least one version",
                );
            }
            let mut set = HashSet::new();
            for (j, v) in p.versions.iter().enumerate() {
                if !set.insert(v.version.clone()) {
                    self.problem(
                        file,
                        format!("$[{i}].versions[{j}].version"),
                        format!("duplicate version `{}`", v.version),
                    );
                }
                if v.end_of_support.is_some_and(|end| end < v.released) {
                    self.problem(
                        file,
                        format!("$[{i}].versions[{j}].end_of_support"),
                        "support ends before the version was released",
                    );
                }
            }
            out.insert(p.id.clone(), set);
        }
        out
    }

    /// Reports a product or version that `products.json` does not list.
    fn check_product_ref(
        &mut self,
        file: &str,
        path: &str,
        versions: Option<&HashMap<String, HashSet<String>>>,
        product: &str,
        version: Option<&str>,
    ) {
        let Some(versions) = versions else { return };
        match versions.get(product) {
            None => self.problem(
                file,
                format!("{path}.product"),
                format!("unknown product `{product}` (not in {})", files::PRODUCTS),
            ),
            Some(known) => {
                if let Some(version) = version {
                    if !known.contains(version) {
                        self.problem(
                            file,
                            format!("{path}.version"),
                            format!("product `{product}` has no version `{version}`"),
                        );
                    }
                }
            }
        }
    }

    fn check_patches(
        &mut self,
        patches: &[Patch],
        versions: Option<&HashMap<String, HashSet<String>>>,
    ) {
        let file = files::PATCHES;
        let ids = self.unique_ids(
            file,
            patches
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("$[{i}].id"), p.id.as_str())),
        );
        for (i, p) in patches.iter().enumerate() {
            let at = format!("$[{i}]");
            self.check_product_ref(file, &at, versions, &p.product, None);
            if p.applies_to.is_empty() {
                self.problem(
                    file,
                    format!("{at}.applies_to"),
                    "a patch must apply to at least one version",
                );
            }
            if let Some(known) = versions.and_then(|v| v.get(&p.product)) {
                for (j, v) in p.applies_to.iter().enumerate() {
                    if !known.contains(v) {
                        self.problem(
                            file,
                            format!("{at}.applies_to[{j}]"),
                            format!("product `{}` has no version `{v}`", p.product),
                        );
                    }
                }
            }
            for (j, s) in p.supersedes.iter().enumerate() {
                if s == &p.id {
                    self.problem(
                        file,
                        format!("{at}.supersedes[{j}]"),
                        "a patch cannot supersede itself",
                    );
                } else if !ids.contains(s) {
                    self.problem(
                        file,
                        format!("{at}.supersedes[{j}]"),
                        format!("unknown patch `{s}`"),
                    );
                }
            }
            if !is_sha256_hex(&p.file.sha256) {
                self.problem(
                    file,
                    format!("{at}.file.sha256"),
                    "must be 64 lower-case hex digits",
                );
            }
            if p.file.size_bytes == 0 {
                self.problem(
                    file,
                    format!("{at}.file.size_bytes"),
                    "a patch file cannot be empty",
                );
            }
            for (j, id) in p.cve.iter().enumerate() {
                if !is_advisory_id(id, "CVE-") {
                    self.problem(
                        file,
                        format!("{at}.cve[{j}]"),
                        format!("`{id}` is not a CVE id (CVE-YYYY-NNNN)"),
                    );
                }
            }
            for (j, id) in p.cnvd.iter().enumerate() {
                if !is_advisory_id(id, "CNVD-") {
                    self.problem(
                        file,
                        format!("{at}.cnvd[{j}]"),
                        format!("`{id}` is not a CNVD id (CNVD-YYYY-NNNNN)"),
                    );
                }
            }
        }
    }

    fn check_kb(&mut self, versions: Option<&HashMap<String, HashSet<String>>>) {
        let categories = self.load::<Vec<KbCategory>>(files::KB_CATEGORIES);
        let category_ids = categories.as_deref().map(|c| {
            self.unique_ids(
                files::KB_CATEGORIES,
                c.iter()
                    .enumerate()
                    .map(|(i, c)| (format!("$[{i}].id"), c.id.as_str())),
            )
        });
        let Some(articles) = self.load::<Vec<KbArticle>>(files::KB_ARTICLES) else {
            return;
        };
        let file = files::KB_ARTICLES;
        let ids = self.unique_ids(
            file,
            articles
                .iter()
                .enumerate()
                .map(|(i, a)| (format!("$[{i}].id"), a.id.as_str())),
        );
        let bodies: HashSet<String> = self.list(files::KB_ARTICLE_DIR).into_iter().collect();
        for (i, a) in articles.iter().enumerate() {
            let at = format!("$[{i}]");
            if let Some(cats) = &category_ids {
                if !cats.contains(&a.category) {
                    self.problem(
                        file,
                        format!("{at}.category"),
                        format!(
                            "unknown category `{}` (not in {})",
                            a.category,
                            files::KB_CATEGORIES
                        ),
                    );
                }
            }
            if let Some(product) = &a.product {
                self.check_product_ref(file, &at, versions, product, None);
            }
            for (j, r) in a.related.iter().enumerate() {
                if r == &a.id || !ids.contains(r) {
                    self.problem(
                        file,
                        format!("{at}.related[{j}]"),
                        format!("unknown related article `{r}`"),
                    );
                }
            }
            if let Some(week) = &a.featured_week {
                if !is_iso_week(week) {
                    self.problem(
                        file,
                        format!("{at}.featured_week"),
                        format!("`{week}` is not an ISO week like 2026-W48"),
                    );
                }
            }
            if !is_slug(&a.id) {
                self.problem(
                    file,
                    format!("{at}.id"),
                    "ids may hold only a-z, 0-9 and '-'",
                );
            } else if !bodies.contains(&format!("{}.md", a.id)) {
                self.problem(
                    &files::article_body(&a.id),
                    "$",
                    format!("file is missing (the body of article `{}`)", a.id),
                );
            } else if !bodies.contains(&format!("{}.json", a.id)) {
                self.problem(
                    &files::article_blocks(&a.id),
                    "$",
                    format!(
                        "file is missing (the published blocks of article `{}`: run `portal index` on this directory)",
                        a.id
                    ),
                );
            } else {
                self.check_blocks(&a.id);
            }
        }
        for name in &bodies {
            let file = format!("{}/{name}", files::KB_ARTICLE_DIR);
            if let Some(id) = name.strip_suffix(".json") {
                if !ids.contains(id) {
                    self.problem(
                        &file,
                        "$",
                        format!(
                            "published blocks without an entry in {} (`portal index` removes them)",
                            files::KB_ARTICLES
                        ),
                    );
                }
                continue;
            }
            let id = name.strip_suffix(".md").unwrap_or(name);
            if !ids.contains(id) {
                self.problem(
                    &file,
                    "$",
                    format!("article body without an entry in {}", files::KB_ARTICLES),
                );
            }
        }
    }

    /// An article's published blocks: they parse, pass the allow-lists, and
    /// are what its Markdown publishes now.
    fn check_blocks(&mut self, id: &str) {
        let body_file = files::article_body(id);
        let file = files::article_blocks(id);
        let md = match self.src.read(&body_file) {
            Ok(Some(md)) => md,
            Ok(None) => return self.problem(&body_file, "$", "file is missing"),
            Err(e) => return self.problem(&body_file, "$", format!("cannot be read: {e}")),
        };
        let Some(published) = self.load::<ArticleBlocks>(&file) else {
            return;
        };
        for (path, message) in refused_targets(&published.blocks) {
            self.problem(&file, path, message);
        }
        if published.blocks != (self.to_blocks)(&md) {
            self.problem(
                &file,
                "$",
                format!(
                    "stale: not what {body_file} publishes now (run `portal index` on this directory)"
                ),
            );
        }
    }

    fn check_policy(&mut self, policy: &SlaPolicy) {
        let file = files::SLA_POLICY;
        if policy.timezone != "Asia/Shanghai" {
            self.problem(
                file,
                "$.timezone",
                "service hours are defined in Beijing time: must be `Asia/Shanghai`",
            );
        }
        if !(policy.due_soon_fraction > 0.0 && policy.due_soon_fraction < 1.0) {
            self.problem(file, "$.due_soon_fraction", "must be between 0 and 1");
        }
        for p in Priority::ALL {
            let n = policy.priorities.iter().filter(|l| l.id == p).count();
            if n != 1 {
                self.problem(
                    file,
                    "$.priorities",
                    format!("{} must be defined exactly once (found {n})", p.as_str()),
                );
            }
        }
        for (i, l) in policy.priorities.iter().enumerate() {
            if l.response_minutes == 0 {
                self.problem(
                    file,
                    format!("$.priorities[{i}].response_minutes"),
                    "must be more than 0",
                );
            }
        }
        for c in Channel::ALL {
            let n = policy.channels.iter().filter(|h| h.id == c).count();
            if n != 1 {
                self.problem(
                    file,
                    "$.channels",
                    format!(
                        "channel `{}` must be defined exactly once (found {n})",
                        c.as_str()
                    ),
                );
            }
        }
        for (i, c) in policy.channels.iter().enumerate() {
            let opens = parse_hhmm(&c.opens);
            let closes = parse_hhmm(&c.closes);
            if opens.is_none() {
                self.problem(
                    file,
                    format!("$.channels[{i}].opens"),
                    format!("`{}` is not a time like 09:00", c.opens),
                );
            }
            if closes.is_none() {
                self.problem(
                    file,
                    format!("$.channels[{i}].closes"),
                    format!("`{}` is not a time like 18:00", c.closes),
                );
            }
            if let (Some(o), Some(cl)) = (opens, closes) {
                if o >= cl {
                    self.problem(
                        file,
                        format!("$.channels[{i}].closes"),
                        "a channel must close after it opens",
                    );
                }
            }
        }
        if policy.onsite.radius_km == 0 {
            self.problem(file, "$.onsite.radius_km", "must be more than 0");
        }
    }

    fn check_calendar(&mut self, cal: &CalendarData) {
        let file = files::CALENDAR;
        if cal.covers_from > cal.covers_until {
            self.problem(file, "$.covers_until", "coverage ends before it starts");
        }
        let covered = |d: NaiveDate| d >= cal.covers_from && d <= cal.covers_until;
        let mut off: HashMap<NaiveDate, usize> = HashMap::new();
        for (i, h) in cal.holidays.iter().enumerate() {
            if h.from > h.to {
                self.problem(
                    file,
                    format!("$.holidays[{i}].to"),
                    "holiday ends before it starts",
                );
                continue;
            }
            if !covered(h.from) || !covered(h.to) {
                self.problem(
                    file,
                    format!("$.holidays[{i}]"),
                    "holiday lies outside covers_from..covers_until",
                );
            }
            for d in h.from.iter_days().take_while(|d| *d <= h.to) {
                if let Some(j) = off.insert(d, i) {
                    self.problem(
                        file,
                        format!("$.holidays[{i}]"),
                        format!("{d} is already in $.holidays[{j}]"),
                    );
                }
            }
        }
        let holiday_names: HashSet<&str> =
            cal.holidays.iter().map(|h| h.name.zh.as_str()).collect();
        let mut seen = HashSet::new();
        for (i, a) in cal.adjusted_working_days.iter().enumerate() {
            if !holiday_names.contains(a.for_holiday.zh.as_str()) {
                self.problem(
                    file,
                    format!("$.adjusted_working_days[{i}].for_holiday"),
                    format!(
                        "`{}` is not the name of any holiday in this calendar",
                        a.for_holiday.zh
                    ),
                );
            }
            let at = format!("$.adjusted_working_days[{i}].date");
            if !seen.insert(a.date) {
                self.problem(file, at.clone(), format!("{} is listed twice", a.date));
            }
            if !matches!(a.date.weekday(), Weekday::Sat | Weekday::Sun) {
                self.problem(
                    file,
                    at.clone(),
                    format!(
                        "{} is a weekday: only a weekend day can be an adjusted working day",
                        a.date
                    ),
                );
            }
            if off.contains_key(&a.date) {
                self.problem(file, at.clone(), format!("{} is also a holiday", a.date));
            }
            if !covered(a.date) {
                self.problem(
                    file,
                    at,
                    format!("{} lies outside covers_from..covers_until", a.date),
                );
            }
        }
    }

    fn check_stations(&mut self, stations: &[ServiceStation]) -> HashSet<String> {
        let file = files::STATIONS;
        for (i, s) in stations.iter().enumerate() {
            if !(-90.0..=90.0).contains(&s.lat) || !(-180.0..=180.0).contains(&s.lon) {
                self.problem(
                    file,
                    format!("$[{i}]"),
                    "lat must be within ±90 and lon within ±180",
                );
            }
        }
        self.unique_ids(
            file,
            stations
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("$[{i}].id"), s.id.as_str())),
        )
    }

    fn check_engineers(&mut self, engineers: &[Engineer], stations: Option<&HashSet<String>>) {
        let file = files::ENGINEERS;
        self.unique_ids(
            file,
            engineers
                .iter()
                .enumerate()
                .map(|(i, e)| (format!("$[{i}].id"), e.id.as_str())),
        );
        for (i, e) in engineers.iter().enumerate() {
            if stations.is_some_and(|s| !s.contains(&e.station)) {
                self.problem(
                    file,
                    format!("$[{i}].station"),
                    format!(
                        "unknown service station `{}` (not in {})",
                        e.station,
                        files::STATIONS
                    ),
                );
            }
            for (j, b) in e.booked.iter().enumerate() {
                if b.from >= b.to {
                    self.problem(
                        file,
                        format!("$[{i}].booked[{j}]"),
                        "a booking must end after it starts",
                    );
                }
            }
        }
    }

    fn check_licences(
        &mut self,
        licences: &[Licence],
        versions: Option<&HashMap<String, HashSet<String>>>,
    ) {
        let file = files::LICENCES;
        self.unique_ids(
            file,
            licences
                .iter()
                .enumerate()
                .map(|(i, l)| (format!("$[{i}].id"), l.id.as_str())),
        );
        for (i, l) in licences.iter().enumerate() {
            let at = format!("$[{i}]");
            self.check_product_ref(file, &at, versions, &l.product, Some(&l.version));
            if l.expires < l.issued {
                self.problem(
                    file,
                    format!("{at}.expires"),
                    "licence expires before it was issued",
                );
            }
        }
    }

    /// Returns ticket key → ticket for the tickets that parsed.
    fn check_tickets(
        &mut self,
        versions: Option<&HashMap<String, HashSet<String>>>,
    ) -> HashMap<String, Ticket> {
        let mut by_key = HashMap::new();
        let mut numbers: HashMap<String, String> = HashMap::new();
        for name in self.list(files::TICKET_DIR) {
            let file = format!("{}/{name}", files::TICKET_DIR);
            let Some(key) = name.strip_suffix(".json") else {
                self.problem(
                    &file,
                    "$",
                    "only <ticket-key>.json files belong in tickets/",
                );
                continue;
            };
            let Some(t) = self.load::<Ticket>(&file) else {
                continue;
            };
            let expected = keys::ticket_key(&t.number, &t.contact_email);
            if key != expected {
                self.problem(
                    &file,
                    "$",
                    format!(
                        "stored under the wrong key: ticket {} with its contact e-mail belongs in {}",
                        t.number,
                        files::ticket(&expected)
                    ),
                );
            }
            if let Some(other) =
                numbers.insert(keys::normalise_ticket_number(&t.number), file.clone())
            {
                self.problem(
                    &file,
                    "$.number",
                    format!("ticket {} is also published as {other}", t.number),
                );
            }
            self.check_product_ref(&file, "$", versions, &t.product, Some(&t.version));
            if t.first_response.is_some_and(|r| r < t.received) {
                self.problem(
                    &file,
                    "$.first_response",
                    "first response is before the request was received",
                );
            }
            let mut last = t.received;
            for (i, e) in t.events.iter().enumerate() {
                if e.at < last {
                    self.problem(
                        &file,
                        format!("$.events[{i}].at"),
                        "events must be in time order, after the request was received",
                    );
                }
                last = last.max(e.at);
            }
            // The workflow step shown is the last one an event reached.
            if let Some(step) = t.events.iter().rev().find_map(|e| e.step) {
                if step != t.status {
                    self.problem(
                        &file,
                        "$.status",
                        format!(
                            "status is `{}` but the last workflow event reached `{}`",
                            json_name(&t.status),
                            json_name(&step)
                        ),
                    );
                }
            }
            by_key.insert(key.to_owned(), t);
        }
        by_key
    }

    fn check_customers(&mut self, tickets: &HashMap<String, Ticket>) {
        for name in self.list(files::CUSTOMER_DIR) {
            let file = format!("{}/{name}", files::CUSTOMER_DIR);
            if !name.strip_suffix(".json").is_some_and(is_sha256_hex) {
                self.problem(
                    &file,
                    "$",
                    "only <customer-key>.json files belong in customers/",
                );
                continue;
            }
            let Some(history) = self.load::<CustomerHistory>(&file) else {
                continue;
            };
            for (i, t) in history.tickets.iter().enumerate() {
                match tickets.get(&t.key) {
                    None => self.problem(
                        &file,
                        format!("$.tickets[{i}].key"),
                        format!("no ticket file {}", files::ticket(&t.key)),
                    ),
                    Some(ticket) if ticket.number != t.number => self.problem(
                        &file,
                        format!("$.tickets[{i}].number"),
                        format!("key belongs to ticket {}, not {}", ticket.number, t.number),
                    ),
                    Some(ticket) => {
                        // The history repeats a few fields; they must agree.
                        let stale = [
                            ("title", ticket.title != t.title),
                            ("product", ticket.product != t.product),
                            ("priority", ticket.priority != t.priority),
                            ("channel", ticket.channel != t.channel),
                            ("status", ticket.status != t.status),
                            ("received", ticket.received != t.received),
                            ("first_response", ticket.first_response != t.first_response),
                        ];
                        for (field, differs) in stale {
                            if differs {
                                self.problem(
                                    &file,
                                    format!("$.tickets[{i}].{field}"),
                                    format!("differs from ticket {}", t.number),
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

/// How a value is spelled in the API files (`handling`, `P2`).
fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}

/// `HH:MM` on a 24-hour clock.
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    if s.len() != 5 {
        return None;
    }
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_advisory_id(s: &str, prefix: &str) -> bool {
    let Some(rest) = s.strip_prefix(prefix) else {
        return false;
    };
    let mut parts = rest.splitn(2, '-');
    let year = parts.next().unwrap_or("");
    let seq = parts.next().unwrap_or("");
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && seq.len() >= 4
        && seq.bytes().all(|b| b.is_ascii_digit())
}

fn is_iso_week(s: &str) -> bool {
    s.parse::<crate::kb::IsoWeek>().is_ok()
}
