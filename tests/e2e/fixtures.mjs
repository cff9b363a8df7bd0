// Shared fixture: every test fails if the page logs an error, throws, or
// violates the Content-Security-Policy (Chromium reports those as console
// errors), unless the test declares the errors it expects.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  consoleErrors: async ({ page }, use) => {
    const errors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await use(errors);
  },
});

export { expect };

/** What Chromium logs for each request made with the network off. */
export const OFFLINE_ERRORS = [/Failed to load resource/, /net::ERR_INTERNET_DISCONNECTED/];

/** Fails the test with the collected errors, ignoring those matching `allowed`. */
export function expectNoConsoleErrors(errors, allowed = []) {
  const unexpected = errors.filter((e) => !allowed.some((re) => re.test(e)));
  expect(unexpected, 'console errors').toEqual([]);
}

/** Waits until the route's section module has loaded, its heading shows
 * and nothing on it is still loading (after a full load, the network is idle too). */
export async function settled(page) {
  await expect(page.locator('html')).not.toHaveAttribute('data-route-loading', /.*/);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
}

/** Waits until the service worker has precached this build's shell and
 * answers this page's requests: what "the portal works offline" needs. A
 * test that goes offline before that tests a half-installed worker. */
export async function offlineReady(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

// The demo's secrets, read from its private source (demo/private), the
// same place `portal publish` sealed the API from.
import { readFileSync } from 'node:fs';
const PRIVATE = new URL('../../demo/private/', import.meta.url);

/** The access code of demo ticket `number`. */
export function ticketCode(number) {
  return JSON.parse(readFileSync(new URL(`tickets/${number}.json`, PRIVATE), 'utf8')).access_code;
}

/** The acknowledgement link of demo ticket `number`: `/t/<number>#<code>`. */
export function ticketLink(number) {
  return `/t/${number}#${ticketCode(number)}`;
}

/** The customer access key of demo workspace `id` (huanan, dongfang, xibu). */
export function accessKey(id) {
  return JSON.parse(readFileSync(new URL(`workspaces/${id}.json`, PRIVATE), 'utf8')).access_key;
}

// The spec files that start `portal intake` on $INTAKE_PORT, or expect
// nothing to listen there, must not overlap: nginx proxies /intake/ to that
// one port. Each such file holds this lock from its first test to its last
// (`test.beforeAll(takeIntakeLock)`, `test.afterAll(releaseIntakeLock)`);
// the tests of a file run serially, so the other file waits.
import { mkdirSync, rmSync, statSync } from 'node:fs';
const LOCK = new URL('../../.tmp/e2e-intake.lock', import.meta.url).pathname;

export async function takeIntakeLock() {
  mkdirSync(new URL('../../.tmp/', import.meta.url).pathname, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock left by a run that was killed: older than any file's tests take.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 10 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      } catch { /* gone meanwhile */ }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export function releaseIntakeLock() {
  rmSync(LOCK, { recursive: true, force: true });
}

// `portal intake` for the files that hold the lock: started on $INTAKE_PORT
// (where scripts/serve-dist.sh proxied /intake/), a fresh inbox each, and
// what it accepted read back.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const ROOT = new URL('../../', import.meta.url).pathname;
const PORTAL = process.env.PORTAL_BIN ?? join(ROOT, 'target/debug/portal');
const INTAKE_PORT = process.env.INTAKE_PORT ?? '8788';

/** Starts `portal intake` on `inbox`; resolves once it listens. */
export async function startIntake(inbox, api = join(ROOT, 'public/api')) {
  const child = spawn(PORTAL, [
    'intake', '--dir', inbox, '--listen', `127.0.0.1:${INTAKE_PORT}`,
    '--api', api, '--private', join(ROOT, 'demo/private'),
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    let out = '';
    const seen = (d) => { out += d; if (out.includes('listening on')) resolve(); };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => reject(new Error(`portal intake exited with ${code}: ${out}`)));
  });
  return child;
}

export async function stopIntake(child) {
  if (!child || child.exitCode !== null) return;
  const gone = new Promise((resolve) => child.on('exit', resolve));
  child.kill();
  await gone;
}

/** The submissions the intake accepted, parsed. */
export function accepted(inbox) {
  return readdirSync(inbox)
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .map((f) => JSON.parse(readFileSync(join(inbox, f), 'utf8')));
}

/** A fresh, empty inbox directory. */
export function newInbox() {
  return mkdtempSync(join(tmpdir(), 'portal-inbox-'));
}
