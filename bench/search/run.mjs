// Runs the three search engines over the same generated corpus in headless
// Chromium: bytes downloaded before the first result, query latency p50/p95
// over the labelled query list, and how many labelled articles each puts in
// its top 10. Usage: node bench/search/run.mjs <base-url> <corpus-dir>
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, dir, accessLog] = process.argv.slice(2);
// Bytes as nginx sent them (gzip included), from its access log: this also
// counts what an engine fetches from a worker, which the page's resource
// timing would miss.
const sentSoFar = () => readFileSync(accessLog, 'utf8').split('\n').filter(Boolean)
  .map((l) => Number((l.match(/" \d{3} (\d+) /) || [0, 0])[1]));
const labels = JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8'));
const queries = Object.keys(labels);
const ROUNDS = 5;

// Each engine: `setup()` defines window.run(q) → top-10 ids; `first(q)` is
// what a user waits for before seeing the first result.
const engines = {
  portal: `
    const mod = await import('/ours/search_wasm.js');
    await mod.default({ module_or_path: '/ours/search_wasm_bg.wasm' });
    const engine = new mod.Engine(await (await fetch('/kb/search/meta.json')).text());
    window.ensure = async (q) => {
      for (const n of engine.missing(q)) engine.add_shard(n, await (await fetch('/kb/search/shard-' + n + '.json')).text());
    };
    window.first = async (q) => { await window.ensure(q); return engine.search(q, 1); };
    window.prepare = window.ensure;
    window.run = async (q) => engine.search(q, 10);`,
  pagefind: `
    const pf = await import('/pagefind/pagefind.js');
    await pf.init();
    const id = (d) => (d.url.match(/a\\d{5}/) || [''])[0];
    window.first = async (q) => { const r = await pf.search(q); return r.results.length ? [id(await r.results[0].data())] : []; };
    window.prepare = async (q) => { const r = await pf.search(q); await Promise.all(r.results.slice(0, 10).map((x) => x.data())); };
    window.run = async (q) => { const r = await pf.search(q); return (await Promise.all(r.results.slice(0, 10).map((x) => x.data()))).map(id); };`,
  minisearch: `
    const { default: MiniSearch } = await import('/minisearch/minisearch.js');
    let ms;
    window.first = async (q) => {
      const json = await (await fetch('/minisearch/index.json')).text();
      ms = MiniSearch.loadJSON(json, { fields: ['title', 'body'], idField: 'id' });
      return ms.search(q).slice(0, 1).map((r) => r.id);
    };
    window.prepare = async () => {};
    window.run = async (q) => ms.search(q).slice(0, 10).map((r) => r.id);`,
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = {};
for (const [name, setup] of Object.entries(engines)) {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.waitForTimeout(200);
  const before = sentSoFar().length;
  await page.evaluate(async ({ setup, q }) => {
    await (new Function('return (async () => {' + setup + '})()'))();
    await window.first(q);
  }, { setup, q: queries[0] });
  await page.waitForTimeout(300); // let nginx write its log lines
  const bytes = sentSoFar().slice(before).reduce((a, b) => a + b, 0);
  const measured = await page.evaluate(async ({ queries, rounds }) => {
    for (const q of queries) await window.prepare(q);
    const times = [];
    const top = {};
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const t0 = performance.now();
        const ids = await window.run(q);
        times.push(performance.now() - t0);
        top[q] = ids;
      }
    }
    return { times, top };
  }, { queries, rounds: ROUNDS });
  const sorted = measured.times.sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  let found = 0, wanted = 0;
  for (const q of queries) {
    const expected = labels[q];
    wanted += Math.min(10, expected.length);
    found += measured.top[q].filter((id) => expected.includes(id)).length;
  }
  results[name] = { bytes, p50: pct(0.5), p95: pct(0.95), found, wanted };
  await context.close();
}
await browser.close();
writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2));
console.log(`| engine | bytes before first result (KB, as sent) | p50 ms | p95 ms | labelled articles in top 10 |`);
console.log(`|---|---|---|---|---|`);
for (const [name, r] of Object.entries(results)) {
  console.log(`| ${name} | ${(r.bytes / 1024).toFixed(1)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.found} / ${r.wanted} |`);
}
