//! `portal seal <dist>`: turn Trunk's output plus the split wasm into a
//! build that runs under a strict CSP, with every module content-hashed and
//! integrity-checked, and precached for offline use.
//!
//! Trunk 0.21 cannot split the wasm (trunk-rs/trunk#1022), so its own Rust
//! build is skipped (`data-trunk-skip`) and `scripts/build-wasm.sh` (a
//! pre_build hook) builds it with wasm-split into `target/split/pkg`, which
//! Trunk copies to `dist/pkg/`. This step then:
//!
//! 0. gives the main module's imports short names, in it and in the glue
//!    (wasm-bindgen's carry a hash each: 7.6 KB of brotli on every page);
//! 1. names each wasm module by a hash of its content (`split_kb_…-<hash>.wasm`;
//!    the splitter names chunks by source position, not content);
//! 2. rewrites the chunk loader `__wasm_split.js` to fetch those names, each
//!    with its `integrity`, through one manifest per split point
//!    (`split_kb_view-<hash>.json`, fetched with its integrity too), and to
//!    start the first page's downloads at once;
//! 3. names the glue and the loader, which import each other, by one hash
//!    over both;
//! 4. writes `boot-<hash>.js`, which fetches the main wasm with its
//!    integrity and starts the app; the page loads it, and preloads the glue
//!    and the loader, with subresource integrity (no inline script);
//! 5. writes the service worker `sw.js`, which precaches every file of the
//!    build, chunks included: a chunk that cannot load stops the app, and the
//!    portal must open offline.

use sha2::{Digest, Sha256, Sha384};
use std::path::Path;

/// Where Trunk copies `target/split/pkg` (index.html's `copy-dir` link).
pub const PKG_DIR: &str = "pkg";
/// The app's name in the wasm-bindgen and wasm-split output.
pub const APP: &str = "portal-app";
const LOADER: &str = "__wasm_split.js";

pub fn seal(dist: &Path) -> Result<(), String> {
    let index_path = dist.join("index.html");
    let html = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("{}: {e}", index_path.display()))?;
    let pkg_dir = dist.join(PKG_DIR);
    let mut pkg = Vec::new();
    let entries = std::fs::read_dir(&pkg_dir).map_err(|e| {
        format!(
            "{}: {e} (the split wasm: scripts/build-wasm.sh, run by Trunk before the build)",
            pkg_dir.display()
        )
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).map_err(|e| format!("{name}: {e}"))?;
        pkg.push((name, bytes));
    }
    let build = seal_build(&html, &pkg, &Prefetch::app())?;
    for (name, bytes) in &build.files {
        std::fs::write(dist.join(name), bytes).map_err(|e| format!("writing {name}: {e}"))?;
    }
    std::fs::write(&index_path, &build.html)
        .map_err(|e| format!("{}: {e}", index_path.display()))?;
    eprintln!(
        "portal seal: {} wasm modules, started by {}",
        build
            .files
            .iter()
            .filter(|(n, _)| n.ends_with(".wasm"))
            .count(),
        build.boot_name
    );
    std::fs::remove_dir_all(&pkg_dir).map_err(|e| format!("{}: {e}", pkg_dir.display()))?;
    // The service worker precaches exactly what this build produced.
    let mut shell = Vec::new();
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() && name != SERVICE_WORKER && !name.ends_with(".br") {
            let bytes = std::fs::read(entry.path()).map_err(|e| format!("{name}: {e}"))?;
            shell.push((name, bytes));
        }
    }
    std::fs::write(dist.join(SERVICE_WORKER), service_worker(&shell))
        .map_err(|e| format!("writing {SERVICE_WORKER}: {e}"))?;
    Ok(())
}
pub const SERVICE_WORKER: &str = "sw.js";

/// `sw.js`: precaches the app shell (every file at the top of `dist/`, so
/// the list comes from the build, never by hand) under a cache named by a
/// hash of those files, and deletes older shell caches on activation, so an
/// update replaces the old shell whole. Navigations go to the network first
/// and fall back to the cached `index.html`; hashed assets come from the
/// cache; the API is left to the app (it keeps its own offline copies).
pub fn service_worker(shell: &[(String, Vec<u8>)]) -> String {
    let mut files: Vec<&(String, Vec<u8>)> = shell.iter().collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut all = Vec::new();
    for (name, bytes) in &files {
        all.extend_from_slice(name.as_bytes());
        all.push(0);
        all.extend_from_slice(bytes);
    }
    let version = hex8(&all);
    let list = files
        .iter()
        .map(|(name, _)| format!("'/{name}'"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "// Generated by `portal seal`: the app shell of one build.\n\
         const CACHE = 'portal-shell-{version}';\n\
         const SHELL = ['/', {list}];\n\
         self.addEventListener('install', (event) => {{\n\
         \x20 event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));\n\
         }});\n\
         self.addEventListener('activate', (event) => {{\n\
         \x20 event.waitUntil(caches.keys()\n\
         \x20   .then((keys) => Promise.all(keys.filter((k) => k.startsWith('portal-shell-') && k !== CACHE).map((k) => caches.delete(k))))\n\
         \x20   .then(() => self.clients.claim()));\n\
         }});\n\
         self.addEventListener('fetch', (event) => {{\n\
         \x20 const request = event.request;\n\
         \x20 const url = new URL(request.url);\n\
         \x20 if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;\n\
         \x20 if (request.mode === 'navigate') {{\n\
         \x20   event.respondWith(fetch(request).catch(() => caches.match('/index.html', {{ cacheName: CACHE }})));\n\
         \x20   return;\n\
         \x20 }}\n\
         \x20 event.respondWith(caches.match(request, {{ cacheName: CACHE }}).then((hit) => hit || fetch(request)));\n\
         }});\n"
    )
}

/// The sealed build: files to write at the top of `dist/`, and the new index.html.
#[derive(Debug)]
pub struct SealedBuild {
    pub html: String,
    pub files: Vec<(String, Vec<u8>)>,
    /// `boot-<hash>.js`.
    pub boot_name: String,
}

/// The pure part of [`seal`]: `pkg` is the split build (file name, bytes).
pub fn seal_build(
    html: &str,
    pkg: &[(String, Vec<u8>)],
    routes: &Prefetch,
) -> Result<SealedBuild, String> {
    if html.contains("<script type=\"module\">") {
        return Err(
            "index.html has an inline module script: Trunk's own Rust build must be \
                    skipped (data-trunk-skip), the wasm comes from scripts/build-wasm.sh"
                .into(),
        );
    }
    let get = |name: &str| -> Result<&[u8], String> {
        pkg.iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
            .ok_or_else(|| format!("{PKG_DIR}/{name} is missing from the split build"))
    };
    let text = |name: &str| -> Result<String, String> {
        String::from_utf8(get(name)?.to_vec()).map_err(|_| format!("{name}: not UTF-8"))
    };
    let glue_name = format!("{APP}.js");
    let wasm_name = format!("{APP}_bg.wasm");
    let mut loader = text(LOADER)?;
    let mut files = Vec::new();
    // 0. The main module's imports under short names, in it and in the glue.
    let (wasm, mut glue, loads) = shorten_main_imports(get(&wasm_name)?, &text(&glue_name)?)?;

    // 1–2. Chunks: content-hashed names, fetched with integrity.
    let mut chunks: Vec<&(String, Vec<u8>)> = pkg
        .iter()
        .filter(|(n, _)| n.ends_with(".wasm") && *n != wasm_name)
        .collect();
    chunks.sort_by(|a, b| a.0.cmp(&b.0));
    let mut stems = std::collections::BTreeSet::new();
    loader = shorten_shared_imports(&loader)?;
    for (name, bytes) in chunks {
        let stem = chunk_stem(name);
        let bytes = &rename_shared_imports(bytes).map_err(|e| format!("{name}: {e}"))?;
        let hashed = chunk_file_name(&stem, bytes);
        if !stems.insert(stem.clone()) {
            return Err(format!("two chunks would both be named {stem}"));
        }
        // Each chunk's fetcher is the same closure around
        // `fetch(new URL("./name.wasm", import.meta.url))`. It becomes
        // `__chunk("stem", "<SHA-256, base64>")`, which returns that closure:
        // the digest is both the integrity and, by its first 8 bytes, the
        // file name, so the loader carries it once. Digests are what brotli
        // cannot compress, and the loader names every chunk.
        let from = format!(
            "() => {{\n    const src = fetch(new URL(\"./{name}\", import.meta.url));\n    \
             src.catch(() => {{}});\n    \
             return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}}\n"
        );
        if loader.matches(&from).count() != 1 {
            return Err(format!(
                "{LOADER} does not fetch {name} exactly once as `{from}`: has wasm-split-cli's output changed?"
            ));
        }
        let short = stem.strip_suffix(".wasm").unwrap_or(&stem);
        let to = format!(
            "{CHUNK_FETCH}({short:?}, {:?})",
            base64(&Sha256::digest(bytes))
        );
        loader = loader.replace(&from, &to);
        files.push((hashed, bytes.clone()));
    }
    // The splitter's `/* split_a, split_b */` notes say which split points
    // share a chunk: useful when reading, bytes for every visitor.
    let kept: Vec<&str> = loader
        .lines()
        .filter(|l| !(l.starts_with("/*") && l.ends_with("*/")))
        .collect();
    loader = kept.join("\n");
    if loader.contains("fetch(") {
        return Err(format!("{LOADER} fetches a module without integrity"));
    }
    // 2b. One manifest per split point, and the loader carries only its digest.
    let (with_manifests, manifests) = manifests(&loader, routes, &loads)?;
    loader = with_manifests;
    files.extend(manifests);

    // 3. The glue and the loader import each other: one hash over both.
    let pair = [glue.as_bytes(), &[0], loader.as_bytes()].concat();
    let pair_hash = hex8(&pair);
    let glue_hashed = format!("{APP}-{pair_hash}.js");
    let loader_hashed = format!("__wasm_split-{pair_hash}.js");
    // Only the `import … from "…"` specifiers change: the glue also names
    // the loader as the wasm's import module (`"./__wasm_split.js": import1`),
    // a name inside the wasm, which must stay.
    glue = rename_import(&glue, LOADER, &loader_hashed)
        .ok_or_else(|| format!("{glue_name} does not import {LOADER}: was the wasm split?"))?;
    loader = rename_import(&loader, &glue_name, &glue_hashed)
        .ok_or_else(|| format!("{LOADER} does not import {glue_name}"))?;

    let wasm_hashed = hashed_name(&wasm_name, &wasm, "_bg.wasm");
    let wasm_integrity = sri(&wasm);

    // 4. The boot script and the page.
    let boot_js = format!(
        "// Generated by `portal seal`: starts the app without inline script.\n\
         const showFatal = (error) => {{\n\
         \x20 console.error('portal failed to start', error);\n\
         \x20 const panel = document.getElementById('fatal-error');\n\
         \x20 if (panel) panel.hidden = false;\n\
         \x20 const app = document.getElementById('app');\n\
         \x20 if (app) app.hidden = true;\n\
         }};\n\
         try {{\n\
         \x20 const wasm = fetch({wasm:?}, {{ integrity: {wasm_integrity:?}, credentials: 'same-origin' }});\n\
         \x20 const glue = await import({glue:?});\n\
         \x20 await glue.default({{ module_or_path: wasm }});\n\
         \x20 if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch((e) => console.warn('offline shell unavailable', e));\n\
         }} catch (error) {{\n\
         \x20 showFatal(error);\n\
         }}\n",
        wasm = format!("/{wasm_hashed}"),
        glue = format!("/{glue_hashed}"),
    );
    let boot_name = format!("boot-{}.js", hex8(boot_js.as_bytes()));
    let tags = format!(
        "<link rel=\"modulepreload\" href=\"/{glue_hashed}\" integrity=\"{}\" crossorigin=\"anonymous\">\n\
         <link rel=\"modulepreload\" href=\"/{loader_hashed}\" integrity=\"{}\" crossorigin=\"anonymous\">\n\
         <script type=\"module\" src=\"/{boot_name}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>\n",
        sri(glue.as_bytes()),
        sri(loader.as_bytes()),
        sri(boot_js.as_bytes()),
    );
    let head_end = html
        .find("</head>")
        .ok_or("index.html has no </head> to put the start-up script in")?;
    let html = format!("{}{tags}{}", &html[..head_end], &html[head_end..]);
    files.push((wasm_hashed, wasm));
    files.push((glue_hashed, glue.into_bytes()));
    files.push((loader_hashed, loader.into_bytes()));
    files.push((boot_name.clone(), boot_js.into_bytes()));
    Ok(SealedBuild {
        html,
        files,
        boot_name,
    })
}

/// `split_kb.wasm` → `split_kb-<16 hex>.wasm` (`suffix` is kept at the end,
/// so `portal-app_bg.wasm` → `portal-app-<hash>_bg.wasm`, as Trunk names it
/// and as nginx's immutable-caching rule expects).
fn hashed_name(name: &str, bytes: &[u8], suffix: &str) -> String {
    let stem = name.strip_suffix(suffix).unwrap_or(name);
    format!("{stem}-{}{suffix}", hex8(bytes))
}

/// `js` with every `from "./{from}"` (minified: `from"./{from}"`) naming
/// `./{to}` instead; `None` when nothing imports `from`.
fn rename_import(js: &str, from: &str, to: &str) -> Option<String> {
    let mut found = false;
    let mut out = js.to_owned();
    for space in ["from \"", "from\""] {
        let (old, new) = (format!("{space}./{from}\""), format!("{space}./{to}\""));
        if out.contains(&old) {
            found = true;
            out = out.replace(&old, &new);
        }
    }
    found.then_some(out)
}

/// `split___kb_view_4872360600714761062.wasm` → `split_kb_view.wasm`: the
/// splitter ends each name with a hash of the source position, which the
/// content hash replaces.
fn chunk_stem(name: &str) -> String {
    let stem = name.strip_suffix(".wasm").unwrap_or(name);
    let stem = match stem.rsplit_once('_') {
        Some((head, tail)) if tail.len() > 8 && tail.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => stem,
    };
    let mut out = String::with_capacity(stem.len() + 5);
    for part in stem.split('_').filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(part);
    }
    out.push_str(".wasm");
    out
}

/// The loader's one fetch: `stem-<hex of the digest's first 8 bytes>.ext`
/// with `sha256-<digest>` as its integrity.
const CHUNK_FETCH: &str = "__chunk";

/// What replaces wasm-split-cli's `makeLoad` and its module list (see
/// [`manifests`]): `__split(stem, digest)` is a split point's loader, with
/// `.warm()` to start its downloads early. Every fetch is checked
/// (`__chunk`); a module is fetched and instantiated once per page, however
/// many split points share it, and a failure is forgotten so that the next
/// call tries again, as `makeLoad` did. A response is read once: a failed
/// instantiation forgets its fetch too. A module that cannot be fetched
/// because the browser is offline (no service worker, or one still
/// precaching) is not a failure: the load waits for the network and tries
/// again, while `#module-waiting` (index.html) says so and the page the
/// user is on stays. Any other failure (an integrity mismatch, a server
/// error) fails the load, and the app shows its "reload" panel.
const LOADER_RUNTIME_JS: &str = "// Generated by `portal seal`: a split point's manifest names its module and the chunks it needs,
// each with its SHA-256; the loader carries only the manifest's. A file is named by its digest, and fetched with it as integrity.
function __chunk(stem, digest, ext) {
    const hex = Array.from(atob(digest).slice(0, 8), (c) => c.charCodeAt(0).toString(16).padStart(2, \"0\")).join(\"\");
    return fetch(new URL(`./${stem}-${hex}.${ext}`, import.meta.url), { integrity: `sha256-${digest}`, credentials: \"same-origin\" });
}
const __once = new Map();
function __memo(key, make) {
    let p = __once.get(key);
    if (p === undefined) {
        p = make();
        p.catch(() => { if (__once.get(key) === p) __once.delete(key); });
        __once.set(key, p);
    }
    return p;
}
const __fetchWasm = (stem, digest) => __memo(`f${stem}`, async () => __chunk(stem, digest, \"wasm\"));
const __instantiate = (stem, digest) => __memo(`i${stem}`, async () => {
    try {
        return await WebAssembly.instantiateStreaming(__fetchWasm(stem, digest), getSharedImports());
    } catch (e) {
        __once.delete(`f${stem}`);
        throw e;
    }
});
function __split(stem, digest) {
    const start = () => __memo(`m${stem}`, async () => {
        const response = await __chunk(stem, digest, \"json\");
        if (!response.ok) throw new Error(`${stem}: HTTP ${response.status}`);
        const list = await response.json();
        for (const [s, d] of list) __fetchWasm(s, d);
        return list;
    });
    const load = async () => {
        for (;;) {
            try {
                const [own, ...deps] = await start();
                await Promise.all(deps.map(([s, d]) => __instantiate(s, d)));
                return await __instantiate(own[0], own[1]);
            } catch (e) {
                await __online(e);
            }
        }
    };
    load.warm = () => start().catch(() => {});
    return load;
}
let __waiting = 0;
async function __online(e) {
    if (navigator.onLine) throw e;
    const note = document.getElementById(\"module-waiting\");
    if (note && __waiting++ === 0) note.textContent = note.dataset[document.documentElement.lang.startsWith(\"en\") ? \"en\" : \"zh\"] ?? \"\";
    await new Promise((resolve) => addEventListener(\"online\", resolve, { once: true }));
    if (note && --__waiting === 0) note.textContent = \"\";
}
function __warm(paths, prefixes) {
    const p = location.pathname;
    const path = p.length > 1 && p.endsWith(\"/\") ? p.slice(0, -1) : p;
    const hit = paths[path] ?? prefixes.find(([at]) => path.startsWith(at) && path.length > at.length && !path.slice(at.length).includes(\"/\"))?.[1];
    if (hit) hit.warm();
}
";

/// Which split point shows the page at a path, for the loader to start
/// downloading the first page's modules while the main module downloads:
/// `portal_core::routes`' tables and `Page::section`.
pub struct Prefetch {
    /// (path, split point)
    pub paths: Vec<(&'static str, &'static str)>,
    /// (prefix, split point): the prefix and one segment.
    pub prefixes: Vec<(&'static str, &'static str)>,
}

impl Prefetch {
    pub fn app() -> Prefetch {
        use portal_core::routes::{PATHS, PREFIXES};
        let with = |table: &[(&'static str, portal_core::routes::Page)]| {
            table
                .iter()
                .filter_map(|(at, page)| Some((*at, page.section()?)))
                .collect()
        };
        Prefetch {
            paths: with(PATHS),
            prefixes: with(PREFIXES),
        }
    }
}

/// wasm-split-cli's loader names, for every split point, every chunk it
/// needs, each with its digest (after step 1): with 33 split points and
/// 112 chunks that was 7.3 KB of brotli on every page, mostly digests,
/// which do not compress. Here each split point gets a manifest,
/// `split_x-<hex>.json`: `[[stem, digest], …]`, its own module first, then
/// its chunks. The loader keeps one digest per split point (the
/// manifest's), and a page fetches only the manifests of the split points
/// it opens. The manifest would cost a round trip before the chunks, so the
/// loader fetches the first page's manifest, and through it its chunks,
/// as soon as it is evaluated, while the main module is still downloading
/// ([`Prefetch`]): the first page's modules no longer wait for the main one.
fn manifests(
    loader: &str,
    routes: &Prefetch,
    renamed: &Renamed,
) -> Result<(String, Vec<File>), String> {
    let changed = |what: &str| format!("{LOADER}: {what} is not as wasm-split-cli 0.2.4 writes it");
    let start = loader
        .find("function makeLoad(")
        .ok_or_else(|| changed("makeLoad"))?;
    let head = &loader[..start];
    let rest = &loader[start..];
    let body_end = rest.find("\n}\n").ok_or_else(|| changed("makeLoad"))? + 3;
    let call = |line: &str, prefix: &str| -> Option<(String, String, String)> {
        // `<prefix>makeLoad(__chunk("stem", "digest"), [deps])`
        let rest = line.strip_prefix(prefix)?;
        let rest = rest.strip_prefix(&format!("makeLoad({CHUNK_FETCH}(\""))?;
        let (stem, rest) = rest.split_once("\", \"")?;
        let (digest, rest) = rest.split_once("\"), [")?;
        let (deps, _) = rest.split_once(']')?;
        Some((stem.to_owned(), digest.to_owned(), deps.to_owned()))
    };
    let mut chunks = std::collections::HashMap::new();
    let mut exports = Vec::new();
    for line in rest[body_end..].lines().filter(|l| !l.trim().is_empty()) {
        if let Some(decl) = line.strip_prefix("const ") {
            let (name, value) = decl.split_once(" = ").ok_or_else(|| changed(line))?;
            let (stem, digest, deps) = call(value, "").ok_or_else(|| changed(line))?;
            if !deps.is_empty() {
                return Err(changed(&format!("{name}, a chunk with chunks of its own,")));
            }
            chunks.insert(name.to_owned(), (stem, digest));
        } else if let Some(decl) = line.strip_prefix("export const ") {
            let (name, value) = decl.split_once(" = ").ok_or_else(|| changed(line))?;
            let (stem, digest, deps) = call(value, "wrapAsyncCb(").ok_or_else(|| changed(line))?;
            exports.push((name.to_owned(), stem, digest, deps));
        } else {
            return Err(changed(line));
        }
    }
    let mut out = head.to_owned();
    out.push_str(LOADER_RUNTIME_JS);
    let mut files = Vec::new();
    let mut handles = std::collections::HashMap::new();
    for (k, (name, stem, digest, deps)) in exports.iter().enumerate() {
        let mut list = vec![format!("[{stem:?},{digest:?}]")];
        for dep in deps.split(',').map(str::trim).filter(|d| !d.is_empty()) {
            let (s, d) = chunks
                .get(dep)
                .ok_or_else(|| changed(&format!("{name}'s chunk {dep}")))?;
            list.push(format!("[{s:?},{d:?}]"));
        }
        let manifest = format!("[{}]", list.join(","));
        let hash = Sha256::digest(manifest.as_bytes());
        files.push((content_name(stem, &hash, "json"), manifest.into_bytes()));
        let handle = format!("__s{k}");
        let name = renamed.get(name).unwrap_or(name);
        out.push_str(&format!(
            "const {handle} = __split({stem:?}, {:?});\nexport const {name} = wrapAsyncCb({handle});\n",
            base64(&hash)
        ));
        handles.insert(stem.clone(), handle);
    }
    let handle = |section: &str| {
        handles.get(&format!("split_{section}")).ok_or_else(|| {
            format!(
                "{LOADER} has no split point {section}: portal_core::routes::Page::section names \
                 one that src/pages/mod.rs does not declare"
            )
        })
    };
    let mut paths = Vec::new();
    for (at, section) in &routes.paths {
        paths.push(format!("{at:?}: {}", handle(section)?));
    }
    let mut prefixes = Vec::new();
    for (at, section) in &routes.prefixes {
        prefixes.push(format!("[{at:?}, {}]", handle(section)?));
    }
    out.push_str(&format!(
        "__warm({{ {} }}, [{}]);\n",
        paths.join(", "),
        prefixes.join(", ")
    ));
    Ok((out, files))
}

/// What a chunk imports from the main module (its memory, function table
/// and the globals they share), by a short name: `__wasm_split` → `s`,
/// `memory` → `m`, `__indirect_function_table` → `t`,
/// `__wasm_split_shared<N>` → `g<N>`. A route fetches 50–75 modules, and
/// these names, one set in each, were 87 bytes that brotli cannot share
/// between files. The loader hands over the same objects under the same
/// short names ([`shorten_shared_imports`]).
fn short_import(field: &str) -> Option<String> {
    match field {
        "memory" => Some("m".into()),
        "__indirect_function_table" => Some("t".into()),
        _ => field
            .strip_prefix("__wasm_split_shared")
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .map(|n| format!("g{n}")),
    }
}

const SHARED_MODULE: &str = "__wasm_split";
const SHORT_MODULE: &str = "s";

fn leb_u32(bytes: &[u8], at: &mut usize) -> Result<u32, String> {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let byte = *bytes.get(*at).ok_or("truncated wasm")?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return u32::try_from(value).map_err(|_| "LEB128 value too large".to_string());
        }
        shift += 7;
        if shift > 35 {
            return Err("LEB128 value too long".into());
        }
    }
}

fn put_leb(out: &mut Vec<u8>, mut value: usize) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_name(out: &mut Vec<u8>, name: &str) {
    put_leb(out, name.len());
    out.extend_from_slice(name.as_bytes());
}

fn wasm_name<'a>(bytes: &'a [u8], at: &mut usize) -> Result<&'a str, String> {
    let len = leb_u32(bytes, at)? as usize;
    let end = at
        .checked_add(len)
        .filter(|&e| e <= bytes.len())
        .ok_or("truncated name")?;
    let name = std::str::from_utf8(&bytes[*at..end]).map_err(|_| "a name is not UTF-8")?;
    *at = end;
    Ok(name)
}

/// Skips an import's description (after its kind byte) and returns where it ends.
fn skip_import_desc(bytes: &[u8], kind: u8, mut at: usize) -> Result<usize, String> {
    let limits = |at: &mut usize| -> Result<(), String> {
        let flags = leb_u32(bytes, at)?;
        leb_u32(bytes, at)?;
        if flags & 1 == 1 {
            leb_u32(bytes, at)?;
        }
        Ok(())
    };
    match kind {
        0 => {
            leb_u32(bytes, &mut at)?; // type index
        }
        1 => {
            at += 1; // reference type
            limits(&mut at)?;
        }
        2 => limits(&mut at)?,
        3 => at += 2, // value type, mutability
        4 => {
            at += 1;
            leb_u32(bytes, &mut at)?; // tag: attribute, type index
        }
        k => return Err(format!("unknown import kind {k}")),
    }
    Ok(at)
}

/// The chunk with its `__wasm_split` imports under their short names
/// ([`short_import`]); every other byte as it was.
fn rename_shared_imports(wasm: &[u8]) -> Result<Vec<u8>, String> {
    rename_imports(wasm, &mut |module, field| {
        if module != SHARED_MODULE {
            return Ok(None);
        }
        let short = short_import(field).ok_or_else(|| {
            format!("imports {SHARED_MODULE}.{field}, which the loader does not know")
        })?;
        Ok(Some((SHORT_MODULE.to_owned(), short)))
    })
}

/// A file of the build: its name and bytes.
type File = (String, Vec<u8>);
/// Old name → new name.
type Renamed = std::collections::HashMap<String, String>;

/// A renaming of one import: `Some((module, field))` to rename it.
type Rename<'a> = dyn FnMut(&str, &str) -> Result<Option<(String, String)>, String> + 'a;

/// `wasm` with its imports renamed as `rename` says; every other byte as it was.
fn rename_imports(wasm: &[u8], rename: &mut Rename) -> Result<Vec<u8>, String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        // Not a module (the unit tests' stand-ins): nothing to rename.
        return Ok(wasm.to_vec());
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb_u32(wasm, &mut at)? as usize;
        let end = at
            .checked_add(size)
            .filter(|&e| e <= wasm.len())
            .ok_or("truncated section")?;
        if id != 2 {
            out.push(id);
            put_leb(&mut out, size);
            out.extend_from_slice(&wasm[at..end]);
            at = end;
            continue;
        }
        let mut section = Vec::with_capacity(size);
        let mut i = at;
        let count = leb_u32(wasm, &mut i)?;
        put_leb(&mut section, count as usize);
        for _ in 0..count {
            let module = wasm_name(wasm, &mut i)?;
            let field = wasm_name(wasm, &mut i)?;
            let kind = *wasm.get(i).ok_or("truncated import")?;
            let desc_end = skip_import_desc(wasm, kind, i + 1)?;
            match rename(module, field)? {
                Some((module, field)) => {
                    put_name(&mut section, &module);
                    put_name(&mut section, &field);
                }
                None => {
                    put_name(&mut section, module);
                    put_name(&mut section, field);
                }
            }
            section.extend_from_slice(wasm.get(i..desc_end).ok_or("truncated import")?);
            i = desc_end;
        }
        if i != end {
            return Err("import section has trailing bytes".into());
        }
        out.push(2);
        put_leb(&mut out, section.len());
        out.extend_from_slice(&section);
        at = end;
    }
    Ok(out)
}

/// wasm-bindgen names each import of the main module after its JS function
/// and a hash (`__wbg_appendChild_dbf7ad2f48413560`), and the glue's import
/// object repeats each name: 321 hashes, 16 hex digits each, twice, were
/// 7.6 KB of brotli on every page (the digits do not compress). Here each
/// hashed import of the glue's module gets a short name (`a`, `b`, … `aa`),
/// the module itself `b`, in the wasm's import section and as the key of
/// the glue's import object; and each import of the chunk loader's split
/// points (`__wasm_split_load_<name>_<hash>`) is `l<n>`, returned as
/// (old, new) for the loader's exports. Each renamed name must be in the
/// glue exactly once, as a key: a glue of another shape stops the build.
fn shorten_main_imports(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String, Renamed), String> {
    let glue_module = format!("./{APP}_bg.js");
    let loader_module = format!("./{LOADER}");
    let mut glue = glue.to_owned();
    let mut loads = std::collections::HashMap::new();
    let mut count = 0usize;
    let hashed = |field: &str| {
        field
            .rsplit_once('_')
            .is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let wasm = rename_imports(wasm, &mut |module, field| {
        if module == loader_module && field.starts_with("__wasm_split_load_") {
            let short = format!("l{}", loads.len());
            loads.insert(field.to_owned(), short.clone());
            return Ok(Some((module.to_owned(), short)));
        }
        if module != glue_module {
            return Ok(None);
        }
        if !hashed(field) {
            if field.len() <= 3 {
                return Err(format!(
                    "{APP}.js: the import {field} could clash with a short name"
                ));
            }
            return Ok(Some((GLUE_MODULE.to_owned(), field.to_owned())));
        }
        let short = short_name(count);
        count += 1;
        let key = format!("{field}:");
        if glue.matches(field).count() != 1 || glue.matches(&key).count() != 1 {
            return Err(format!(
                "{APP}.js does not name the import {field} exactly once, as a key of its import object"
            ));
        }
        glue = glue.replace(&key, &format!("{short}:"));
        Ok(Some((GLUE_MODULE.to_owned(), short)))
    })?;
    if count > 0 {
        let key = format!("{glue_module:?}:");
        if glue.matches(&key).count() != 1 {
            return Err(format!("{APP}.js does not key its imports by {key}"));
        }
        glue = glue.replace(&key, &format!("{GLUE_MODULE}:"));
    }
    Ok((wasm, glue, loads))
}

/// The glue's import module, renamed ([`shorten_main_imports`]).
const GLUE_MODULE: &str = "b";

/// `a` … `z`, `A` … `Z`, then two letters and so on: a JS property name,
/// never `__proto__`.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = Vec::new();
    loop {
        out.push(LETTERS[n % 52]);
        n /= 52;
        if n == 0 {
            break;
        }
        n -= 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// The loader, handing the chunks the main module's memory, table and
/// shared globals under the short names [`rename_shared_imports`] gives
/// their imports. wasm-split-cli 0.2.4 writes them in three places; if it
/// writes them differently, this fails rather than build a loader whose
/// chunks cannot link.
fn shorten_shared_imports(loader: &str) -> Result<String, String> {
    let changed =
        || format!("{LOADER}: its shared imports are not as wasm-split-cli 0.2.4 writes them");
    let start = loader
        .find("const { ")
        .filter(|&i| loader[i..].contains("} = initSync("))
        .ok_or_else(changed)?;
    let names_end = start + loader[start..].find(" } = initSync(").ok_or_else(changed)?;
    let names: Vec<&str> = loader[start + "const { ".len()..names_end]
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    let list = names.join(", ");
    let from_assign = format!("Object.assign(sharedImports.{SHARED_MODULE}, {{ {list},  }});");
    let mut pairs = Vec::new();
    for n in &names {
        pairs.push(format!("{}: {n}", short_import(n).ok_or_else(changed)?));
    }
    let to_assign = format!(
        "Object.assign(sharedImports.{SHORT_MODULE}, {{ {} }});",
        pairs.join(", ")
    );
    let replacements = [
        (
            format!("sharedImports = {{ {SHARED_MODULE}: {{  }} }};"),
            format!("sharedImports = {{ {SHORT_MODULE}: {{}} }};"),
        ),
        (from_assign, to_assign),
        (
            format!("sharedImports.{SHARED_MODULE}.__indirect_function_table.get("),
            format!("sharedImports.{SHORT_MODULE}.t.get("),
        ),
    ];
    let mut out = loader.to_string();
    for (from, to) in replacements {
        if out.matches(&from).count() != 1 {
            return Err(changed());
        }
        out = out.replace(&from, &to);
    }
    if out.contains(&format!("sharedImports.{SHARED_MODULE}")) {
        return Err(changed());
    }
    Ok(out)
}

/// `chunk_3.wasm` → `chunk_3-<hex of the first 8 bytes of its SHA-256>.wasm`,
/// the name the loader's `__chunk` derives from the digest it checks.
fn chunk_file_name(stem: &str, bytes: &[u8]) -> String {
    let short = stem.strip_suffix(".wasm").unwrap_or(stem);
    content_name(short, &Sha256::digest(bytes), "wasm")
}

/// `<stem>-<hex of the digest's first 8 bytes>.<ext>`: a module's or a
/// manifest's file name, as `__chunk` rebuilds it from the digest.
fn content_name(stem: &str, sha256: &[u8], ext: &str) -> String {
    format!("{stem}-{}.{ext}", portal_core::keys::to_hex(&sha256[..8]))
}

fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(bytes)))
}

fn hex8(bytes: &[u8]) -> String {
    portal_core::keys::to_hex(&Sha384::digest(bytes)[..8])
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// index.html as Trunk writes it with `data-trunk-skip` on the Rust link.
    const TRUNK_OUTPUT: &str = r#"<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/main-1.css" integrity="sha384-abc" crossorigin="anonymous"/>
</head><body><div id="app"></div></body></html>"#;

    /// wasm-split-cli 0.2.4's shared imports, verbatim.
    const SHARED: &str = "let sharedImports = undefined;
function getSharedImports() {
    if (sharedImports === undefined) {
        sharedImports = { __wasm_split: {  } };
        const { __indirect_function_table, __wasm_split_shared0, memory,  } = initSync(undefined, undefined);
        Object.assign(sharedImports.__wasm_split, { __indirect_function_table, __wasm_split_shared0, memory,  });
    }
    return sharedImports;
}
function wrapAsyncCb(callee) {
    return async (callbackIndex, callbackData) => {
            const sharedImports = getSharedImports();
            sharedImports.__wasm_split.__indirect_function_table.get(callbackIndex)(callbackData, success);
    }
}
function makeLoad(fetcher, deps) {
    const loader = async () => {
        return instantiate(imports);
    };
}
";

    /// The app's routes of the two split points of [`pkg`].
    fn routes() -> Prefetch {
        Prefetch {
            paths: vec![("/kb", "kb_view"), ("/sla", "sla_view")],
            prefixes: vec![("/kb/c/", "kb_view")],
        }
    }

    /// A module importing memory, table and a global from `__wasm_split`
    /// and a function from elsewhere (hand-assembled, as wasm-split writes it).
    fn chunk_module() -> Vec<u8> {
        let mut imports = vec![4u8];
        let mut import = |module: &str, field: &str, desc: &[u8]| {
            put_name(&mut imports, module);
            put_name(&mut imports, field);
            imports.extend_from_slice(desc);
        };
        import("__wasm_split", "memory", &[2, 0, 17]);
        import(
            "__wasm_split",
            "__indirect_function_table",
            &[1, 0x70, 0, 200, 1],
        );
        import("__wasm_split", "__wasm_split_shared0", &[3, 0x7f, 1]);
        import("env", "f", &[0, 0]);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: () -> ()
        wasm.push(2);
        put_leb(&mut wasm, imports.len());
        wasm.extend_from_slice(&imports);
        wasm.extend_from_slice(&[0, 3, 1, b'x', 9]); // a custom section after it
        wasm
    }

    #[test]
    fn chunks_import_the_shared_memory_table_and_globals_by_short_names() {
        let renamed = rename_shared_imports(&chunk_module()).unwrap();
        let mut expected_imports = vec![4u8];
        for (module, field, desc) in [
            ("s", "m", &[2u8, 0, 17][..]),
            ("s", "t", &[1, 0x70, 0, 200, 1]),
            ("s", "g0", &[3, 0x7f, 1]),
            ("env", "f", &[0, 0]),
        ] {
            put_name(&mut expected_imports, module);
            put_name(&mut expected_imports, field);
            expected_imports.extend_from_slice(desc);
        }
        let mut expected = b"\0asm\x01\0\0\0".to_vec();
        expected.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        expected.push(2);
        put_leb(&mut expected, expected_imports.len());
        expected.extend_from_slice(&expected_imports);
        expected.extend_from_slice(&[0, 3, 1, b'x', 9]);
        assert_eq!(renamed, expected);
        // and the loader hands over the same objects under those names
        let build = seal_build(TRUNK_OUTPUT, &pkg(b"kb"), &routes()).unwrap();
        let (_, loader) = file(&build, "__wasm_split-");
        assert!(loader.contains("sharedImports = { s: {} };"), "{loader}");
        assert!(loader.contains(
            "Object.assign(sharedImports.s, { t: __indirect_function_table, g0: __wasm_split_shared0, m: memory });"
        ));
        assert!(loader.contains("sharedImports.s.t.get(callbackIndex)"));
        assert!(!loader.contains("sharedImports.__wasm_split"));
    }

    /// A module importing functions of type `() -> ()` as `(module, field)`.
    fn module_importing(imports: &[(&str, &str)]) -> Vec<u8> {
        let mut section = Vec::new();
        put_leb(&mut section, imports.len());
        for (module, field) in imports {
            put_name(&mut section, module);
            put_name(&mut section, field);
            section.extend_from_slice(&[0, 0]);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        wasm.push(2);
        put_leb(&mut wasm, section.len());
        wasm.extend_from_slice(&section);
        wasm
    }

    const GLUE: &str = "const i={\"./portal-app_bg.js\":{__proto__:null,\
        __wbg_alert_97bd30812974a43e:function(t){alert(t)},\
        __wbindgen_cast_2241b6af4c4b2941:function(t){return t},\
        __wbindgen_init_externref_table:function(){}},\"./__wasm_split.js\":l};";

    #[test]
    fn main_module_imports_get_short_names_in_the_wasm_and_the_glue() {
        let wasm = module_importing(&[
            ("./portal-app_bg.js", "__wbg_alert_97bd30812974a43e"),
            ("./portal-app_bg.js", "__wbindgen_cast_2241b6af4c4b2941"),
            ("./portal-app_bg.js", "__wbindgen_init_externref_table"),
            (
                "./__wasm_split.js",
                "__wasm_split_load_kb_view_4872360600714761062",
            ),
        ]);
        let (renamed, glue, loads) = shorten_main_imports(&wasm, GLUE).unwrap();
        assert_eq!(
            renamed,
            module_importing(&[
                ("b", "a"),
                ("b", "b"),
                ("b", "__wbindgen_init_externref_table"),
                ("./__wasm_split.js", "l0"),
            ])
        );
        assert_eq!(
            glue,
            "const i={b:{__proto__:null,a:function(t){alert(t)},b:function(t){return t},\
             __wbindgen_init_externref_table:function(){}},\"./__wasm_split.js\":l};"
        );
        assert_eq!(
            loads.get("__wasm_split_load_kb_view_4872360600714761062"),
            Some(&"l0".to_owned())
        );
        // and the loader exports its split points under those names
        let loader = format!(
            "import {{ initSync }} from \"./portal-app.js\";\n{SHARED}\
             export const __wasm_split_load_kb_view_4872360600714761062 = \
             wrapAsyncCb(makeLoad(__chunk(\"split_kb_view\", \"AA==\"), []));\n"
        );
        let table = Prefetch {
            paths: vec![("/kb", "kb_view")],
            prefixes: vec![],
        };
        let (loader, _) = manifests(&loader, &table, &loads).unwrap();
        assert!(
            loader.contains("export const l0 = wrapAsyncCb(__s0);"),
            "{loader}"
        );
    }

    #[test]
    fn a_glue_that_names_an_import_twice_stops_the_build() {
        let wasm = module_importing(&[("./portal-app_bg.js", "__wbg_alert_97bd30812974a43e")]);
        let glue = format!("{GLUE} // __wbg_alert_97bd30812974a43e");
        let err = shorten_main_imports(&wasm, &glue).unwrap_err();
        assert!(
            err.contains("__wbg_alert_97bd30812974a43e exactly once"),
            "{err}"
        );
    }

    #[test]
    fn short_names_are_letters_and_never_repeat() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[51], "Z");
        assert_eq!(names[52], "aa");
        assert_eq!(names[53], "ab");
        let unique: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }

    #[test]
    fn a_chunk_importing_an_unknown_shared_name_is_refused() {
        let mut wasm = chunk_module();
        let at = wasm.windows(6).position(|w| w == b"memory").unwrap();
        wasm[at..at + 6].copy_from_slice(b"memorx");
        let error = rename_shared_imports(&wasm).unwrap_err();
        assert!(error.contains("__wasm_split.memorx"), "{error}");
    }

    /// wasm-split-cli 0.2.4's fetcher of one module, verbatim.
    fn fetcher(name: &str) -> String {
        format!(
            "() => {{\n    const src = fetch(new URL(\"./{name}\", import.meta.url));\n    \
             src.catch(() => {{}});\n    \
             return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}}\n"
        )
    }

    /// The shape of wasm-bindgen's glue and wasm-split-cli's loader.
    fn pkg(chunk: &[u8]) -> Vec<(String, Vec<u8>)> {
        vec![
            (
                "portal-app.js".into(),
                b"import * as import1 from \"./__wasm_split.js\"\n\
                  const imports = { \"./__wasm_split.js\": import1 };\nexport default init;"
                    .to_vec(),
            ),
            ("portal-app_bg.wasm".into(), b"main wasm".to_vec()),
            (
                "__wasm_split.js".into(),
                format!(
                    "import {{ initSync }} from \"./portal-app.js\";\n{SHARED}\
                     /* kb_view_4872360600714761062, sla_view_4872360600714761062 */\n\
                     const __chunk_0 = makeLoad({}, []);\n\
                     const __chunk_1 = makeLoad({}, []);\n\
                     export const kb = wrapAsyncCb(makeLoad({}, [__chunk_0]));\n\
                     export const sla = wrapAsyncCb(makeLoad({}, [__chunk_0, __chunk_1]));\n",
                    fetcher("chunk_3.wasm"),
                    fetcher("chunk_4.wasm"),
                    fetcher("split___kb_view_4872360600714761062.wasm"),
                    fetcher("split___sla_view_4872360600714761062.wasm"),
                )
                .into_bytes(),
            ),
            (
                "split___kb_view_4872360600714761062.wasm".into(),
                chunk.to_vec(),
            ),
            (
                "split___sla_view_4872360600714761062.wasm".into(),
                b"sla".to_vec(),
            ),
            ("chunk_3.wasm".into(), b"shared".to_vec()),
            ("chunk_4.wasm".into(), b"sla only".to_vec()),
        ]
    }

    /// The script whose name starts with `prefix`.
    fn file<'a>(build: &'a SealedBuild, prefix: &str) -> (&'a str, String) {
        let (name, bytes) = build
            .files
            .iter()
            .find(|(n, _)| n.starts_with(prefix) && n.ends_with(".js"))
            .unwrap_or_else(|| panic!("no {prefix}* in {:?}", build.files));
        (name, String::from_utf8_lossy(bytes).into_owned())
    }

    #[test]
    fn sealed_page_has_no_inline_script_and_an_sri_boot_script() {
        let build = seal_build(TRUNK_OUTPUT, &pkg(b"kb"), &routes()).unwrap();
        let (_, boot) = file(&build, "boot-");
        assert!(build.html.contains(&format!(
            "<script type=\"module\" src=\"/{}\" integrity=\"{}\"",
            build.boot_name,
            sri(boot.as_bytes())
        )));
        assert!(!build.html.contains("<script type=\"module\">"));
    }

    #[test]
    fn glue_and_loader_are_preloaded_with_their_integrity() {
        let build = seal_build(TRUNK_OUTPUT, &pkg(b"kb"), &routes()).unwrap();
        for prefix in ["portal-app-", "__wasm_split-"] {
            let (name, body) = file(&build, prefix);
            assert!(
                build.html.contains(&format!(
                    "<link rel=\"modulepreload\" href=\"/{name}\" integrity=\"{}\"",
                    sri(body.as_bytes())
                )),
                "{name} in {}",
                build.html
            );
        }
    }

    #[test]
    fn boot_script_fetches_the_main_wasm_with_its_integrity() {
        let build = seal_build(TRUNK_OUTPUT, &pkg(b"kb"), &routes()).unwrap();
        let (_, boot) = file(&build, "boot-");
        let wasm = format!("/portal-app-{}_bg.wasm", hex8(b"main wasm"));
        assert!(boot.contains(&format!(
            "fetch({wasm:?}, {{ integrity: {:?}",
            sri(b"main wasm")
        )));
        let (glue, _) = file(&build, "portal-app-");
        assert!(boot.contains(&format!("import(\"/{glue}\")")), "{boot}");
        assert!(boot.contains("navigator.serviceWorker.register('/sw.js')"));
    }

    /// The manifest `build` wrote for split point `stem`, and its digest.
    fn manifest(build: &SealedBuild, stem: &str) -> (String, String) {
        let (name, bytes) = build
            .files
            .iter()
            .find(|(n, _)| n.starts_with(&format!("{stem}-")) && n.ends_with(".json"))
            .unwrap_or_else(|| panic!("no manifest of {stem} in {:?}", build.files));
        let digest = Sha256::digest(bytes);
        assert_eq!(
            *name,
            format!("{stem}-{}.json", portal_core::keys::to_hex(&digest[..8])),
            "named by its content"
        );
        (String::from_utf8_lossy(bytes).into_owned(), base64(&digest))
    }

    #[test]
    fn every_module_is_named_by_its_content_and_listed_with_its_digest_in_a_manifest() {
        let build = seal_build(TRUNK_OUTPUT, &pkg(b"kb"), &routes()).unwrap();
        let (_, loader) = file(&build, "__wasm_split-");
        let entry = |short: &str, bytes: &[u8]| {
            let digest = Sha256::digest(bytes);
            // The loader derives the name from the digest it checks.
            let hashed = format!("{short}-{}.wasm", portal_core::keys::to_hex(&digest[..8]));
            assert!(build.files.iter().any(|(n, b)| *n == hashed && b == bytes));
            format!("[{short:?},{:?}]", base64(&digest))
        };
        let (kb, kb_digest) = manifest(&build, "split_kb_view");
        let (sla, sla_digest) = manifest(&build, "split_sla_view");
        // Its own module first, then the chunks; a shared chunk in both.
        assert_eq!(
            kb,
            format!(
                "[{},{}]",
                entry("split_kb_view", b"kb"),
                entry("chunk_3", b"shared")
            )
        );
        assert_eq!(
            sla,
            format!(
                "[{},{},{}]",
                entry("split_sla_view", b"sla"),
                entry("chunk_3", b"shared"),
                entry("chunk_4", b"sla only")
            )
        );
        // The loader carries the manifests' digests, not the modules'.
        assert!(
            loader.contains(&format!("__split(\"split_kb_view\", {kb_digest:?})")),
            "{loader}"
        );
        assert!(loader.contains(&format!("__split(\"split_sla_view\", {sla_digest:?})")));
        assert!(!loader.contains(&base64(&Sha256::digest(b"shared"))));
        assert!(
            loader.contains("export const kb = wrapAsyncCb(__s0);"),
            "{loader}"
        );
        assert!(loader.contains("export const sla = wrapAsyncCb(__s1);"));
        for plain in ["split___kb_view_4872360600714761062", "chunk_3", "chunk_4"] {
            assert!(!loader.contains(&format!("./{plain}.wasm")));
        }
        assert!(loader.contains(
            "fetch(new URL(`./${stem}-${hex}.${ext}`, import.meta.url), { integrity: `sha256-${digest}`"
        ));
        assert!(
            !loader.contains("/* kb_view"),
            "the splitter's notes are dropped"
        );
        assert!(!loader.contains("makeLoad"), "its module list is gone");
        assert_eq!(
            loader.matches("fetch(").count(),
            1,
            "no module fetched unchecked"
        );
    }

    #[test]
    fn the_loader_starts_the_first_pages_downloads() {
        let build = seal_build(TRUNK_OUTPUT, &pkg(b"kb"), &routes()).unwrap();
        let (_, loader) = file(&build, "__wasm_split-");
        assert!(
            loader.ends_with("__warm({ \"/kb\": __s0, \"/sla\": __s1 }, [[\"/kb/c/\", __s0]]);\n"),
            "{loader}"
        );
    }

    #[test]
    fn a_route_to_a_split_point_the_build_lacks_is_refused() {
        let mut table = routes();
        table.paths.push(("/gone", "gone_view"));
        let err = seal_build(TRUNK_OUTPUT, &pkg(b"kb"), &table).unwrap_err();
        assert!(err.contains("no split point gone_view"), "{err}");
    }

    #[test]
    fn every_section_of_the_app_routes_is_named() {
        let app = Prefetch::app();
        assert!(app.paths.contains(&("/", "home_view")));
        assert!(app.prefixes.contains(&("/t/", "ticket_view")));
        assert_eq!(app.paths.len(), portal_core::routes::PATHS.len());
    }

    #[test]
    fn glue_and_loader_import_each_other_by_hashed_name() {
        let build = seal_build(TRUNK_OUTPUT, &pkg(b"kb"), &routes()).unwrap();
        let (glue_name, glue) = file(&build, "portal-app-");
        let (loader_name, loader) = file(&build, "__wasm_split-");
        assert!(
            glue.contains(&format!("from \"./{loader_name}\"")),
            "{glue}"
        );
        assert!(
            loader.contains(&format!("from \"./{glue_name}\"")),
            "{loader}"
        );
        assert!(
            glue.contains("{ \"./__wasm_split.js\": import1 }"),
            "the wasm's import module name stays: {glue}"
        );
    }

    #[test]
    fn minified_imports_are_renamed_too() {
        let js = "import*as a from\"./__wasm_split.js\";const m={\"./__wasm_split.js\":a};";
        assert_eq!(
            rename_import(js, "__wasm_split.js", "__wasm_split-1.js").as_deref(),
            Some("import*as a from\"./__wasm_split-1.js\";const m={\"./__wasm_split.js\":a};")
        );
        assert_eq!(rename_import(js, "portal-app.js", "x.js"), None);
    }

    #[test]
    fn a_changed_chunk_renames_the_loader_and_the_glue() {
        let a = seal_build(TRUNK_OUTPUT, &pkg(b"kb"), &routes()).unwrap();
        let b = seal_build(TRUNK_OUTPUT, &pkg(b"kb v2"), &routes()).unwrap();
        assert_ne!(file(&a, "__wasm_split-").0, file(&b, "__wasm_split-").0);
        assert_ne!(file(&a, "portal-app-").0, file(&b, "portal-app-").0);
        assert_ne!(a.boot_name, b.boot_name);
        let again = seal_build(TRUNK_OUTPUT, &pkg(b"kb"), &routes()).unwrap();
        assert_eq!(a.boot_name, again.boot_name, "same input, same names");
    }

    #[test]
    fn trunks_own_inline_loader_is_an_error_not_a_silent_pass() {
        let html = TRUNK_OUTPUT.replace(
            "</body>",
            "<script type=\"module\">import init from '/portal-app-1.js';</script></body>",
        );
        let err = seal_build(&html, &pkg(b"kb"), &routes()).unwrap_err();
        assert!(err.contains("data-trunk-skip"), "{err}");
    }

    #[test]
    fn an_unsplit_build_is_refused() {
        let mut files = pkg(b"kb");
        files.retain(|(n, _)| n != "__wasm_split.js");
        let err = seal_build(TRUNK_OUTPUT, &files, &routes()).unwrap_err();
        assert!(err.contains("__wasm_split.js is missing"), "{err}");
    }

    #[test]
    fn a_loader_that_changed_shape_is_refused() {
        let mut files = pkg(b"kb");
        let changed = "import { initSync } from \"./portal-app.js\"; load(\"./split___kb_view_4872360600714761062.wasm\", \"./chunk_3.wasm\");";
        files[2].1 = changed.as_bytes().to_vec();
        let err = seal_build(TRUNK_OUTPUT, &files, &routes()).unwrap_err();
        assert!(
            err.contains("shared imports are not as wasm-split-cli"),
            "{err}"
        );
        files[2].1 = format!("{SHARED}{changed}").into_bytes();
        let err = seal_build(TRUNK_OUTPUT, &files, &routes()).unwrap_err();
        assert!(err.contains("fetch(new URL("), "{err}");
    }

    #[test]
    fn service_worker_precaches_the_build_and_renames_its_cache_when_anything_changes() {
        let a = vec![
            ("index.html".to_owned(), b"<html>".to_vec()),
            ("portal-app-1_bg.wasm".to_owned(), b"wasm".to_vec()),
        ];
        let sw = service_worker(&a);
        assert!(
            sw.contains("'/index.html', '/portal-app-1_bg.wasm'"),
            "{sw}"
        );
        assert!(
            sw.contains("caches.delete(k)"),
            "old shells are removed on activation"
        );
        let mut b = a.clone();
        b[1].1 = b"wasm v2".to_vec();
        let cache = |sw: &str| {
            sw.lines()
                .find(|l| l.starts_with("const CACHE"))
                .unwrap_or("")
                .to_owned()
        };
        assert_ne!(cache(&sw), cache(&service_worker(&b)));
        assert_eq!(cache(&sw), cache(&service_worker(&a)));
    }

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
