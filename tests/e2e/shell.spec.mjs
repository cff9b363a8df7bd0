import { test, expect, expectNoConsoleErrors } from './fixtures.mjs';

test('home page loads under the production CSP with no console errors', async ({ page, consoleErrors }) => {
  const response = await page.goto('/');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，欢迎来到 Coremail 云服务中心');
  // Severity levels come from sla/policy.json.
  const p1 = page.locator('.severity[data-priority="P1"]');
  await expect(p1).toContainText('严重');
  await expect(p1).toContainText('1 小时内响应');
  await expect(page.locator('.severity[data-priority="P4"]')).toContainText('8 小时内响应');
  // Channels with their hours.
  await expect(page.locator('.channel[data-channel="email"]')).toContainText('09:00–21:00');
  await expect(page.locator('.channel[data-channel="phone"]')).toContainText('400-888-2488');
  await expect(page.locator('.data-stamp')).toContainText('2026-11-26 09:00');
  expectNoConsoleErrors(consoleErrors);
});

test('the page runs no inline script and every script carries integrity', async ({ page, request }) => {
  const html = await (await request.get('/')).text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attrs, body] of scripts) {
    expect(body.trim(), 'inline script body').toBe('');
    expect(attrs).toMatch(/integrity="sha384-[A-Za-z0-9+/=]+"/);
  }
  // Trunk minifies index.html: its own attributes may come unquoted.
  const links = [...html.matchAll(/<link\b[^>]*rel="?(?:stylesheet|modulepreload)"?[\s>][^>]*>?/g)];
  expect(links.length, 'stylesheet and module preloads').toBeGreaterThanOrEqual(3);
  for (const [tag] of links) {
    expect(tag).toMatch(/integrity="?sha384-/);
  }
  await page.goto('/');
  await expect(page.locator('.severity')).toHaveCount(4);
});

test('unknown paths show the 404 page and lead back home', async ({ page, consoleErrors }) => {
  const response = await page.goto('/no/such/page');
  expect(response.status()).toBe(200); // SPA fallback: the app decides
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，欢迎来到 Coremail 云服务中心');
  expectNoConsoleErrors(consoleErrors);
});

test('the header navigation works from the keyboard with a visible focus', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到正文' })).toBeFocused();
  await page.keyboard.press('Tab'); // brand link
  await page.keyboard.press('Tab'); // 首页
  const home = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页' });
  await expect(home).toBeFocused();
  const outline = await home.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/$/);
  await expect(home).toHaveAttribute('aria-current', 'page');
});

test('the language switch changes the page and survives a reload', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to the Coremail Cloud Service Centre');
  await expect(page.locator('.severity[data-priority="P1"]')).toContainText('response within 1 hour');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Coremail Cloud Service Centre');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to the Coremail Cloud Service Centre');
  await expect(page.locator('.channel[data-channel="phone"] h3')).toHaveText('Hotline');

  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，欢迎来到 Coremail 云服务中心');
  expectNoConsoleErrors(consoleErrors);
});
