// When an API file is missing, malformed or unreachable, the page shows a
// clear error panel, and Retry recovers once the file is back.
import { test, expect, expectNoConsoleErrors } from './fixtures.mjs';

const POLICY = '**/api/sla/policy.json';
// The browser itself logs failed requests; those are the expected errors here.
const FAILED_LOAD = [/Failed to load resource/, /net::ERR_FAILED/];

test('a missing API file shows the error panel and Retry recovers', async ({ page, consoleErrors }) => {
  await page.route(POLICY, (route) => route.fulfill({ status: 404, contentType: 'text/html', body: 'not found' }));
  await page.goto('/');
  const panel = page.getByRole('alert');
  await expect(panel).toContainText('数据暂时无法加载');
  await expect(panel).toContainText('数据文件不存在（HTTP 404）');
  await expect(panel).toContainText('sla/policy.json: HTTP 404');
  await expect(page.locator('.severity')).toHaveCount(0);

  await page.unroute(POLICY);
  await panel.getByRole('button', { name: '重试' }).click();
  await expect(page.locator('.severity')).toHaveCount(4);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expectNoConsoleErrors(consoleErrors, FAILED_LOAD);
});

test('a malformed API file names the file and the field', async ({ page, consoleErrors }) => {
  await page.route(POLICY, async (route) => {
    const real = await (await route.fetch()).json();
    real.channels[1].opens = 900; // a number where the contract says "HH:MM"
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(real) });
  });
  await page.goto('/');
  const panel = page.getByRole('alert');
  await expect(panel).toContainText('数据文件格式有误');
  await expect(panel).toContainText('sla/policy.json: $.channels[1].opens');

  await page.unroute(POLICY);
  await panel.getByRole('button', { name: '重试' }).click();
  await expect(page.locator('.severity')).toHaveCount(4);
  expectNoConsoleErrors(consoleErrors);
});

test('a file that is not JSON at all says so', async ({ page }) => {
  await page.route(POLICY, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '<html>oops' }));
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('not valid JSON');
});

test('a network failure says the network may be down, in English too', async ({ page, consoleErrors }) => {
  await page.addInitScript(() => localStorage.setItem('coremail-portal.lang', 'en'));
  await page.route(POLICY, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  const panel = page.getByRole('alert');
  await expect(panel).toContainText('The data could not be loaded');
  await expect(panel).toContainText('the network may be down');
  await page.unroute(POLICY);
  await panel.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('.severity')).toHaveCount(4);
  expectNoConsoleErrors(consoleErrors, [...FAILED_LOAD, /ERR_INTERNET_DISCONNECTED/]);
});

test('data of another API version is flagged, not silently shown as current', async ({ page }) => {
  await page.route('**/api/meta.json', async (route) => {
    const real = await (await route.fetch()).json();
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...real, api_version: real.api_version + 1 }) });
  });
  await page.goto('/');
  await expect(page.locator('.notice')).toContainText('数据接口为版本 3，本页面只支持版本 2');
});

test('a corrupted app download shows the reload panel, not a frozen page', async ({ page, consoleErrors }) => {
  // The wasm no longer matches its subresource-integrity hash: the browser
  // refuses it, and the start-up script reveals the static fallback panel.
  await page.route('**/*_bg.wasm', async (route) => {
    const body = Buffer.from(await (await route.fetch()).body());
    body[body.length - 1] ^= 0xff;
    await route.fulfill({ status: 200, contentType: 'application/wasm', body });
  });
  await page.goto('/');
  const panel = page.locator('#fatal-error');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('页面出错了');
  await expect(panel.getByRole('link', { name: '重新加载 · Reload' })).toBeVisible();
  await expect(page.locator('#app')).toBeHidden(); // no endless "loading…" above it
  expect(consoleErrors.some((e) => /integrity/i.test(e)), consoleErrors.join('\n')).toBe(true);
});

test('a malformed knowledge-base index is not kept: retry fetches it again', async ({ page, consoleErrors }) => {
  let broken = true;
  await page.route('**/api/kb/articles.json', async (route) => {
    if (broken) return route.fulfill({ status: 200, contentType: 'application/json', body: '[{"id": 1}]' });
    return route.continue();
  });
  await page.goto('/kb');
  const panel = page.getByRole('alert');
  await expect(panel).toContainText('kb/articles.json');
  broken = false;
  await panel.getByRole('button', { name: '重试' }).click();
  await expect(page.locator('.category-card').first()).toBeVisible();
  expectNoConsoleErrors(consoleErrors, [/Failed to load resource/]);
});
