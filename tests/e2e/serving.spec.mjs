// deploy/nginx.conf as production serves it: caching, compression, 404s.
import { test, expect } from '@playwright/test';

test('hashed assets are cached for a year, index.html is revalidated', async ({ request }) => {
  const index = await request.get('/');
  expect(index.headers()['cache-control']).toBe('no-cache');
  const html = await index.text();
  const wasm = html.match(/\/portal-app-[0-9a-f]{16}\.js/)?.[0];
  expect(wasm, 'glue script in index.html').toBeTruthy();
  const asset = await request.get(wasm);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});

test('the API is cached briefly and a missing file is a real 404', async ({ request }) => {
  const meta = await request.get('/api/meta.json');
  expect(meta.headers()['cache-control']).toBe('public, max-age=300, must-revalidate');
  expect(meta.headers()['content-type']).toContain('application/json');
  const missing = await request.get('/api/no-such-file.json');
  expect(missing.status()).toBe(404);
  const listing = await request.get('/api/sealed/');
  expect(listing.status()).toBe(404); // no directory listing of sealed files
});

test('text and wasm are compressed: brotli from the build, gzip for the rest', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const wasmPath = (await (await request.get(html.match(/\/boot-[0-9a-f]{16}\.js/)[0])).text()).match(/\/portal-app-[0-9a-f]{16}_bg\.wasm/)[0];
  const br = await request.get(wasmPath, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
  expect(br.headers()['content-encoding']).toBe('br');
  expect(br.headers()['content-type']).toBe('application/wasm');
  const gz = await request.get(wasmPath, { headers: { 'accept-encoding': 'gzip' } });
  expect(gz.headers()['content-encoding']).toBe('gzip');
  const api = await request.get('/api/kb/articles.json', { headers: { 'accept-encoding': 'br' } });
  expect(api.headers()['content-encoding']).toBe('br');
});

test('sealed files are never cached or listed, Markdown is text, dot-files are not served', async ({ request }) => {
  const { readdirSync } = await import('node:fs');
  const name = readdirSync(new URL('../../public/api/sealed/', import.meta.url))[0];
  const sealed = await request.get(`/api/sealed/${name}`);
  expect(sealed.status()).toBe(200);
  expect(sealed.headers()['cache-control']).toBe('private, no-store');
  expect(sealed.headers()['content-type']).toBe('application/octet-stream');
  expect(sealed.headers()['cross-origin-resource-policy']).toBe('same-origin');
  const md = await request.get('/api/kb/articles/sr-smtp-535-auth-failed.md');
  expect(md.headers()['content-type']).toBe('text/markdown; charset=utf-8');
  expect((await request.get('/api/.env')).status()).toBe(404);
  expect((await request.get('/.git/config')).status()).toBe(404);
});

test('a burst of guesses at sealed names is refused with 429, and not logged', async ({ request }) => {
  // A separate nginx on the same build and config, so the other tests keep
  // their own allowance: the limit is per server and client address.
  const { execFileSync } = await import('node:child_process');
  const { readFileSync, existsSync } = await import('node:fs');
  const root = new URL('../../', import.meta.url).pathname;
  const dist = process.env.DIST_DIR ?? `${root}dist`;
  const pid = execFileSync(`${root}scripts/serve-dist.sh`, ['--background', dist, '8495']).toString().trim();
  try {
    const statuses = [];
    for (let i = 0; i < 80; i += 1) {
      const guess = i.toString(16).padStart(32, '0');
      statuses.push((await request.get(`http://127.0.0.1:8495/api/sealed/${guess}.bin`)).status());
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(61)).toContain(429);
    // A refusal says when to come back; an ordinary answer carries no such header.
    const refused = await request.get(`http://127.0.0.1:8495/api/sealed/${'f'.repeat(32)}.bin`);
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
    expect((await request.get('http://127.0.0.1:8495/api/meta.json')).headers()['retry-after']).toBeUndefined();
    const log = `${root}.tmp/nginx-8495/access.log`;
    const logged = existsSync(log) ? readFileSync(log, 'utf8') : '';
    expect(logged).not.toContain('/api/sealed/');
  } finally {
    execFileSync('kill', [readFileSync(pid, 'utf8').trim()]);
  }
});
