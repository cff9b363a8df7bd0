// Route-level code splitting: each section's code is a wasm module of its
// own, fetched with integrity when the section is first opened, and
// precached by the service worker so that a section never visited still
// opens with the network off.
import { test, expect, expectNoConsoleErrors, offlineReady, OFFLINE_ERRORS } from './fixtures.mjs';

const chunk = (url) => /\/(split|chunk)_[^/]*-[0-9a-f]{16}\.wasm$/.test(url);

test('the home page does not download the code of other sections', async ({ page, consoleErrors }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，欢迎来到 Coremail 云服务中心');
  await page.waitForLoadState('networkidle');
  const before = fetched.filter(chunk);
  // Opening the knowledge base fetches modules the home page never did.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '知识库' }).click();
  await expect(page.locator('.category-card').first()).toBeVisible();
  const after = fetched.filter(chunk);
  expect(after.length).toBeGreaterThan(before.length);
  expectNoConsoleErrors(consoleErrors);
});

test('a tampered section module is refused by its integrity check', async ({ page, consoleErrors }) => {
  // The calculator's own module arrives with one byte changed.
  await page.route(/\/split_sla_view-[0-9a-f]{16}\.wasm$/, async (route) => {
    const body = Buffer.from(await (await route.fetch()).body());
    body[body.length - 1] ^= 0xff;
    await route.fulfill({ status: 200, contentType: 'application/wasm', body });
  });
  await page.goto('/sla');
  // A module that cannot load stops the app: the reload panel, never a frozen page.
  // Online, that is no reason to wait for the network.
  await expect(page.locator('#fatal-error')).toBeVisible();
  await expect(page.locator('#module-waiting')).toBeEmpty();
  expect(consoleErrors.some((e) => /integrity/i.test(e)), consoleErrors.join('\n')).toBe(true);
});

test('a tampered manifest of a section is refused by its integrity check', async ({ page, consoleErrors }) => {
  // The list of the calculator's modules and their digests, one digest changed:
  // whoever can change it could otherwise hand over any module.
  await page.route(/\/split_sla_view-[0-9a-f]{16}\.json$/, async (route) => {
    const text = await (await route.fetch()).text();
    await route.fulfill({ status: 200, contentType: 'application/json', body: text.replace(/"[A-Za-z0-9+/]{43}=/, '"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=') });
  });
  await page.goto('/sla');
  await expect(page.locator('#fatal-error')).toBeVisible();
  expect(consoleErrors.some((e) => /integrity/i.test(e)), consoleErrors.join('\n')).toBe(true);
});

test("the first page's modules download while the main module is still arriving, each once", async ({ page, consoleErrors }) => {
  // The main module held back for a second and a half: the knowledge base's
  // own module and chunks are asked for in the meantime, not after it.
  let released = 0;
  await page.route(/\/portal-app-[0-9a-f]{16}_bg\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    released = Date.now();
    await route.continue();
  });
  const asked = new Map();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/(split|chunk)_/.test(path)) asked.set(path, [...(asked.get(path) ?? []), Date.now()]);
  });
  await page.goto('/kb');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('在线知识库');
  await expect(page.locator('.category-card').first()).toBeVisible();
  const own = [...asked.keys()].find((p) => /^\/split_kb_view-[0-9a-f]{16}\.wasm$/.test(p));
  expect(own, [...asked.keys()].join('\n')).toBeTruthy();
  expect(asked.get(own)[0]).toBeLessThan(released);
  expect([...asked.keys()].filter((p) => p.endsWith('.json')).length).toBe(1);
  for (const [path, times] of asked) expect(times.length, path).toBe(1);
  expectNoConsoleErrors(consoleErrors);
});

test('after one visit, a section never opened still opens offline', async ({ page, context, consoleErrors }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，欢迎来到 Coremail 云服务中心');
  // The service worker installs and precaches every module of the build.
  await offlineReady(page);
  await context.setOffline(true);
  // The offline library was never opened on this device: its code comes
  // from the service worker's cache, its content from IndexedDB.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/kb/offline';
    document.body.appendChild(a);
    a.click();
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('离线文章');
  // A full reload with the network off, straight into another unvisited
  // section: the shell and its module come from the cache; the page shows
  // and says the data cannot be loaded, instead of failing to start.
  await page.goto('/services');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('服务目录');
  await expect(page.locator('#fatal-error')).toBeHidden();
  await context.setOffline(false);
  expectNoConsoleErrors(consoleErrors, OFFLINE_ERRORS);
});

test.describe('without a service worker (private windows, a policy, one still installing)', () => {
  test.use({ serviceWorkers: 'block' });

  test('offline, a section not yet on the device waits for the network, the page stays, and it opens when the network is back', async ({ page, context, consoleErrors }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，欢迎来到 Coremail 云服务中心');
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '知识库' }).click();
    await expect(page.locator('#module-waiting')).toHaveText('网络不可用：这部分功能还没有下载到本设备，网络恢复后会自动继续。当前页面和您填写的内容不受影响。');
    // The page the user was on stays, and the app has not stopped.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，欢迎来到 Coremail 云服务中心');
    await expect(page.locator('#fatal-error')).toBeHidden();
    await context.setOffline(false);
    await expect(page.locator('.category-card').first()).toBeVisible();
    await expect(page).toHaveURL(/\/kb$/);
    await expect(page.locator('#module-waiting')).toBeEmpty();
    expectNoConsoleErrors(consoleErrors, OFFLINE_ERRORS);
  });
});

test('the knowledge-base index is fetched once per visit, whatever pages read it', async ({ page, consoleErrors }) => {
  const index = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/kb/articles.json')) index.push(r.url()); });
  await page.goto('/kb');
  await expect(page.locator('.category-card').first()).toBeVisible();
  await page.locator('.category-card[data-category="disk-space"]').getByRole('link').click();
  await expect(page.locator('.article-card').first()).toBeVisible();
  await page.locator('.article-card').first().getByRole('link').click();
  await expect(page.locator('.article-body')).toBeVisible();
  await page.locator('.breadcrumbs').getByRole('link', { name: '知识库' }).click();
  await page.getByRole('link', { name: '离线文章 →' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('离线文章');
  expect(index).toHaveLength(1);
  expectNoConsoleErrors(consoleErrors);
});

test('leaving a page aborts the download it no longer needs', async ({ page }) => {
  // The directory's catalogue answers slowly; the user goes home before it does.
  await page.route('**/api/services.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await route.continue().catch(() => {});
  });
  const aborted = new Promise((resolve) => {
    page.on('requestfailed', (r) => { if (r.url().endsWith('/api/services.json')) resolve(r.failure()?.errorText); });
  });
  await page.goto('/services');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('服务目录');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，欢迎来到 Coremail 云服务中心');
  expect(await aborted).toMatch(/ABORTED/);
});
