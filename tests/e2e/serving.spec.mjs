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
  const listing = await request.get('/api/tickets/');
  expect(listing.status()).toBe(404); // no directory listing of tickets
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
