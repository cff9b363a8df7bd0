// Runs the search engines over the same generated corpus in headless
// Chromium and judges their answers against labels computed here, from the
// corpus text alone. Usage: node bench/search/run.mjs <base-url> <corpus-dir> <nginx-access-log>
//
// Labels: an article is relevant to a query when its title or its body,
// normalised (full-width ASCII to half-width, ASCII lower case), contains
// every space-separated word of the query as a substring; a word that
// starts or ends with an ASCII letter or digit only where no letter or digit
// stands right before or after it (535 is not in 15535). Nothing of the
// engines' own tokenizers is used.
//
// Per engine and query, on a fresh page (empty cache): the bytes nginx sent
// until the first hit could be shown with its title, the time from nothing
// loaded to that hit (fresh), and the time from the engine being ready to
// that hit (cold query: the query's index data not loaded yet). Then, on
// one page: every result of every query (recall, false hits, nonsense
// queries answered) and 5 warm rounds of the top 10 (p50, p95).
//
// Exits 1 when our engine fails a target (a false hit, a nonsense query
// answered, a labelled article missed, more than 120 KB before the first
// result), 2 when the corpus or a run is not what it should be.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';

const [base, dir, accessLog] = process.argv.slice(2);
const BYTES_TARGET = 120 * 1024;
const ROUNDS = 5;
const fail = (message) => { console.error(`bench-search: ${message}`); process.exit(2); };

// --- Labels, from the text ------------------------------------------------
const plain = (s) => s
  .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
  .replace(/\u3000/g, ' ')
  .replace(/[A-Z]/g, (c) => c.toLowerCase());
const latin = (c) => c !== undefined && /[a-z0-9]/.test(c);
const holds = (text, word) => {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1], after = text[at + word.length];
    if (!((latin(word[0]) && latin(before)) || (latin(word[word.length - 1]) && latin(after)))) return true;
  }
  return false;
};
const docs = JSON.parse(readFileSync(join(dir, 'docs.json'), 'utf8'))
  .map((d) => ({ id: d.id, title: plain(d.title), body: plain(d.body) }));
const relevantTo = (query) => {
  const words = plain(query).split(/\s+/).filter(Boolean);
  return new Set(docs.filter((d) => words.every((w) => holds(d.title, w) || holds(d.body, w))).map((d) => d.id));
};
const { planted, nonsense } = JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8'));
const labelled = Object.keys(planted);
const labels = {};
for (const q of labelled) {
  labels[q] = relevantTo(q);
  for (const id of [...planted[q].title, ...planted[q].body]) {
    if (!labels[q].has(id)) fail(`${id} was planted with "${q}" but does not hold it`);
  }
}
for (const q of nonsense) {
  if (relevantTo(q).size) fail(`the nonsense word "${q}" is in the corpus`);
  labels[q] = new Set();
}
const queries = [...labelled, ...nonsense];

// --- How each engine's answers name articles -------------------------------
// Ours answers with article numbers; docs-<k>.json (our published files)
// name them. Pagefind answers with fragment ids; each fragment names its page.
const ourDocs = [];
for (let k = 0; existsSync(join(dir, `kb/search/docs-${k}.json`)); k++) {
  for (const [id] of JSON.parse(readFileSync(join(dir, `kb/search/docs-${k}.json`), 'utf8'))) ourDocs.push(id);
}
const pagefindIds = {};
for (const f of readdirSync(join(dir, 'pagefind/fragment'))) {
  const text = gunzipSync(readFileSync(join(dir, 'pagefind/fragment', f))).toString('utf8');
  const url = JSON.parse(text.slice(text.indexOf('{'))).url;
  pagefindIds[f.replace(/\.pf_fragment$/, '')] = (url.match(/a\d{5}/) || [url])[0];
}

// Each engine, in the page: init() loads the engine and what it needs before
// any query; first(q) → the top hit {id, title} or null; top(q) → the top 10
// ids, ready to show; all(q) → every result, in the engine's own naming.
const ours = `
  const text = async (f) => { const r = await fetch(f); if (!r.ok) throw new Error(f + ': ' + r.status); return r.text(); };
  let engine;
  window.init = async () => {
    const mod = await import('/ours/search_wasm.js');
    await mod.default({ module_or_path: '/ours/search_wasm_bg.wasm' });
    engine = new mod.Engine(await text('/kb/search/meta.json'));
  };
  const ensure = async (q) => {
    const shards = [...engine.missing(q)], positions = [...engine.missing_positions(q)];
    const [s, p] = await Promise.all([
      Promise.all(shards.map((n) => text('/kb/search/shard-' + n + '.json'))),
      Promise.all(positions.map((n) => text('/kb/search/pos-' + n + '.json'))),
    ]);
    shards.forEach((n, i) => engine.add_shard(n, s[i]));
    positions.forEach((n, i) => engine.add_positions(n, p[i]));
  };
  const show = async (q, k) => {
    await ensure(q);
    const docs = [...engine.search(q, k).docs()];
    const files = [...engine.missing_docs(Uint32Array.from(docs))];
    const texts = await Promise.all(files.map((n) => text('/kb/search/docs-' + n + '.json')));
    files.forEach((n, i) => engine.add_docs(n, texts[i]));
    return docs.map((d) => ({ id: engine.id(d), title: engine.title(d) }));
  };
  window.first = async (q) => (await show(q, 1))[0] ?? null;
  window.topTen = async (q) => (await show(q, 10)).map((h) => h.id);
  window.all = async (q) => { await ensure(q); return [...engine.search(q, 1e9).docs()]; };`;
const pagefind = `
  let pf;
  const id = (d) => (d.url.match(/a\\d{5}/) || [''])[0];
  window.init = async () => { pf = await import('/pagefind/pagefind.js'); await pf.init(); };
  window.first = async (q) => {
    const r = await pf.search(q);
    if (!r.results.length) return null;
    const d = await r.results[0].data();
    return { id: id(d), title: d.meta.title };
  };
  window.topTen = async (q) => (await Promise.all((await pf.search(q)).results.slice(0, 10).map((x) => x.data()))).map(id);
  window.all = async (q) => (await pf.search(q)).results.map((x) => x.id);`;
const minisearch = (variant) => `
  let MiniSearch, options, ms;
  window.init = async () => {
    MiniSearch = (await import('/minisearch/minisearch.js')).default;
    options = ${variant === 'bigram'
      ? `(await import('/minisearch/bigram.js')).options`
      : `{ fields: ['title', 'body'], storeFields: ['title'], idField: 'id' }`};
  };
  const load = async () => {
    if (!ms) ms = MiniSearch.loadJSON(await (await fetch('/minisearch/${variant}.json')).text(), options);
  };
  window.first = async (q) => { await load(); const r = ms.search(q)[0]; return r ? { id: r.id, title: r.title } : null; };
  window.topTen = async (q) => { await load(); return ms.search(q).slice(0, 10).map((r) => r.id); };
  window.all = async (q) => { await load(); return ms.search(q).map((r) => r.id); };`;
const engines = {
  portal: { setup: ours, name: (n) => ourDocs[n] },
  pagefind: { setup: pagefind, name: (id) => pagefindIds[id] },
  'minisearch (default)': { setup: minisearch('default'), name: (id) => id },
  'minisearch (bigram)': { setup: minisearch('bigram'), name: (id) => id },
};

// --- Running them -----------------------------------------------------------
const sentSince = (lines) => readFileSync(accessLog, 'utf8').split('\n').filter(Boolean).slice(lines)
  .map((l) => Number((l.match(/" \d{3} (\d+) /) || [0, 0])[1]));
const logLines = () => readFileSync(accessLog, 'utf8').split('\n').filter(Boolean).length;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const install = (page, setup) => page.evaluate(
  (setup) => (new Function('return (async () => {' + setup + '})()'))(), setup);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

// BENCH_ENGINES=portal,pagefind runs only those (while developing); ours always runs.
const only = process.env.BENCH_ENGINES?.split(',');
const results = {};
for (const [engine, { setup, name }] of Object.entries(engines)) {
  if (only && engine !== 'portal' && !only.includes(engine)) continue;
  const perQuery = {};
  // Fresh page per query: bytes and cold times.
  for (const q of queries) {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(base + '/');
    await install(page, setup);
    await page.waitForTimeout(100);
    const before = logLines();
    const timed = await page.evaluate(async (q) => {
      const t0 = performance.now();
      await window.init();
      const t1 = performance.now();
      const hit = await window.first(q);
      return { fresh: performance.now() - t0, cold: performance.now() - t1, hit };
    }, q);
    await page.waitForTimeout(200); // nginx writes its log lines
    const bytes = sentSince(before).reduce((a, b) => a + b, 0);
    if (timed.hit && !(timed.hit.id && timed.hit.title)) fail(`${engine}: "${q}": a first hit without id or title`);
    perQuery[q] = { bytes, fresh: timed.fresh, cold: timed.cold };
    await context.close();
  }
  // One page: every result, then warm rounds.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(base + '/');
  await install(page, setup);
  const measured = await page.evaluate(async ({ queries, labelled, rounds }) => {
    await window.init();
    const all = {}, top = {};
    for (const q of queries) { all[q] = await window.all(q); top[q] = await window.topTen(q); }
    const times = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of labelled) {
        const t0 = performance.now();
        await window.topTen(q);
        times.push(performance.now() - t0);
      }
    }
    return { all, top, times };
  }, { queries, labelled, rounds: ROUNDS });
  await context.close();
  for (const q of queries) {
    const all = measured.all[q].map(name);
    if (all.some((id) => id === undefined)) fail(`${engine}: "${q}": a result that names no article`);
    const label = labels[q];
    Object.assign(perQuery[q], {
      results: all.length,
      found: all.filter((id) => label.has(id)).length,
      labelled: label.size,
      falseHits: all.filter((id) => !label.has(id)).length,
      falseInTop10: measured.top[q].filter((id) => !label.has(id)).length,
      titledInTop10: q.length > 1 && planted[q]
        ? measured.top[q].filter((id) => planted[q].title.includes(id)).length : 0,
    });
  }
  const L = labelled.map((q) => perQuery[q]);
  const sum = (xs, f) => xs.reduce((a, x) => a + f(x), 0);
  results[engine] = {
    bytesMedian: median(L.map((r) => r.bytes)),
    bytesMax: Math.max(...L.map((r) => r.bytes)),
    freshMedian: median(L.map((r) => r.fresh)),
    coldMedian: median(L.map((r) => r.cold)),
    coldMax: Math.max(...L.map((r) => r.cold)),
    warmP50: pct(measured.times, 0.5),
    warmP95: pct(measured.times, 0.95),
    found: sum(L, (r) => r.found),
    labelled: sum(L, (r) => r.labelled),
    fullyFound: L.filter((r) => r.found === r.labelled).length,
    falseHits: sum(queries.map((q) => perQuery[q]), (r) => r.falseHits),
    falseInTop10: sum(L, (r) => r.falseInTop10),
    nonsenseAnswered: nonsense.filter((q) => perQuery[q].results > 0).length,
    titledInTop10: sum(L, (r) => r.titledInTop10),
    titled: labelled.filter((q) => q.length > 1).length * planted[labelled[0]].title.length,
    perQuery,
  };
}
await browser.close();
writeFileSync(join(dir, 'results.json'), JSON.stringify({ labels: Object.fromEntries(queries.map((q) => [q, labels[q].size])), results }, null, 2));

// --- Report -------------------------------------------------------------------
const kb = (b) => (b / 1024).toFixed(1);
const ms = (t) => t.toFixed(t < 10 ? 2 : 0);
console.log(`corpus: ${docs.length} articles; ${labelled.length} labelled queries (${Object.values(labels).reduce((a, s) => a + s.size, 0)} relevant articles in all), ${nonsense.length} nonsense words`);
console.log();
console.log('| engine | bytes before first result, median / max (KB) | fresh page to first result, median (ms) | cold query, median / max (ms) | warm p50 / p95 (ms) | labelled articles found | queries with all found | false hits, all results (top 10) | nonsense queries answered | title-planted in top 10 |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const [engine, r] of Object.entries(results)) {
  console.log(`| ${engine} | ${kb(r.bytesMedian)} / ${kb(r.bytesMax)} | ${ms(r.freshMedian)} | ${ms(r.coldMedian)} / ${ms(r.coldMax)} | ${ms(r.warmP50)} / ${ms(r.warmP95)} | ${r.found} / ${r.labelled} | ${r.fullyFound} / ${labelled.length} | ${r.falseHits} (${r.falseInTop10}) | ${r.nonsenseAnswered} / ${nonsense.length} | ${r.titledInTop10} / ${r.titled} |`);
}
console.log();
const names = Object.keys(results);
console.log(`| query | relevant | ${names.map((n) => `${n}: found / false`).join(' | ')} | portal bytes (KB) |`);
console.log(`|---|---|${names.map(() => '---|').join('')}---|`);
for (const q of queries) {
  const cells = names.map((n) => { const r = results[n].perQuery[q]; return `${r.found} / ${r.falseHits}`; });
  console.log(`| ${q} | ${labels[q].size} | ${cells.join(' | ')} | ${kb(results.portal.perQuery[q].bytes)} |`);
}

const ourResult = results.portal;
const misses = [];
if (ourResult.falseHits > 0) misses.push(`${ourResult.falseHits} false hits`);
if (ourResult.nonsenseAnswered > 0) misses.push(`${ourResult.nonsenseAnswered} nonsense queries answered`);
if (ourResult.found < ourResult.labelled) misses.push(`${ourResult.labelled - ourResult.found} labelled articles missed`);
if (ourResult.bytesMax > BYTES_TARGET) misses.push(`${kb(ourResult.bytesMax)} KB before a first result (target ${kb(BYTES_TARGET)})`);
if (misses.length) {
  console.error(`\nbench-search: FAILED: ${misses.join('; ')}`);
  process.exit(1);
}
console.error('\nbench-search: our engine met every target');
