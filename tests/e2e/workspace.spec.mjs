// The customer's workspace (sealed under the customer access key) and the
// privacy page: only the modules bought, "remember on this device" and
// "sign out", and "erase everything" leaving nothing behind.
import { test, expect, expectNoConsoleErrors, accessKey, ticketCode } from './fixtures.mjs';
import { readFileSync } from 'node:fs';

// What the publisher's source says each demo customer bought, read
// independently of the app.
function source(id) {
  return JSON.parse(readFileSync(new URL(`../../demo/private/workspaces/${id}.json`, import.meta.url), 'utf8')).workspace;
}

async function openWorkspace(page, id, { remember = false } = {}) {
  await page.goto('/workspace');
  await page.locator('#access-key').fill(accessKey(id));
  if (remember) await page.locator('#remember-key').check();
  await page.getByRole('button', { name: '打开工作台' }).click();
  await expect(page.locator('.workspace-bar')).toContainText(source(id).company.zh);
}

const REPORT = { guard: '#report-guard', cac: '#report-cac', overseas: '#report-overseas' };

for (const id of ['huanan', 'dongfang', 'xibu']) {
  test(`the ${id} workspace shows the modules it bought, and only their reports`, async ({ page, consoleErrors }) => {
    await page.clock.install({ time: new Date('2026-12-05T10:00:00+08:00') });
    await openWorkspace(page, id);
    const bought = source(id).modules ?? [];
    for (const [module, anchor] of Object.entries(REPORT)) {
      const item = page.locator(`.module-item[data-module="${module}"]`);
      const nav = page.locator(`.workspace-nav a[href="${anchor}"]`);
      if (bought.includes(module)) {
        await expect(item).toHaveAttribute('data-bought', 'true');
        await expect(nav).toHaveCount(1);
        await expect(page.locator(anchor)).toBeVisible();
        await expect(page.locator(`${anchor} tbody tr`).first()).toBeVisible();
      } else {
        // Not a dead link: it says what the module is and how to get it.
        await expect(item).toHaveAttribute('data-bought', 'false');
        await expect(item.getByRole('link', { name: '邮件咨询购买' })).toHaveAttribute('href', /^mailto:support@coremail\.cn\?subject=/);
        await expect(nav).toHaveCount(0);
        await expect(page.locator(anchor)).toHaveCount(0);
      }
    }
    // Every licence of the source is listed, and the on-site days left add up.
    const w = source(id);
    await expect(page.locator('#licences tbody tr')).toHaveCount(w.licences.length);
    await expect(page.locator('[data-onsite-left]')).toHaveText(String(Math.max(0, w.onsite_days.bought - w.onsite_days.used)));
    expectNoConsoleErrors(consoleErrors);
  });
}

test('the contract shows whether it is active, expiring or ended', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-12-05T10:00:00+08:00') });
  await openWorkspace(page, 'dongfang');
  // Its contract ends on 2026-12-15: ten days left.
  await expect(page.locator('[data-contract-state]')).toHaveText('10 天后到期');
  await expect(page.locator('#contract')).toContainText('续费请联系');
  await page.getByRole('button', { name: '退出' }).click();
  await openWorkspace(page, 'xibu');
  await expect(page.locator('[data-contract-state]')).toContainText('已于');
  await openWorkspace(page, 'huanan');
  await expect(page.locator('[data-contract-state]')).toContainText('服务中');
});

test('the key is remembered only when asked, and sign out forgets it', async ({ page }) => {
  await openWorkspace(page, 'huanan');
  expect(await page.evaluate(() => localStorage.getItem('coremail-portal.workspace-key'))).toBeNull();
  // Inside this visit the history opens with the session's key.
  await page.getByRole('link', { name: '查看全部历史工单' }).click();
  await expect(page.locator('.history-row')).toHaveCount(17);
  await page.reload();
  await expect(page.locator('#access-key')).toBeVisible();

  await openWorkspace(page, 'huanan', { remember: true });
  await page.reload();
  await expect(page.locator('.workspace-bar')).toContainText('华南示范集团');
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.locator('#access-key')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('coremail-portal.workspace-key'))).toBeNull();
  await page.reload();
  await expect(page.locator('#access-key')).toBeVisible();
});

test('a key that opens nothing says so, and nothing is remembered', async ({ page, consoleErrors }) => {
  await page.goto('/workspace');
  await page.locator('#access-key').fill('ZXWPJ-D4Y40-N8QW6-2RT48-GCAE3-GSXXQ');
  await page.locator('#remember-key').check();
  await page.getByRole('button', { name: '打开工作台' }).click();
  await expect(page.getByRole('alert')).toContainText('没有与此访问密钥对应的工作台');
  expectNoConsoleErrors(consoleErrors, [/status of 404/]);
});

test('the privacy page lists what is kept, and "erase everything" leaves nothing', async ({ page, consoleErrors }) => {
  // Keep something in each place: a lookup (IndexedDB), an article saved
  // for offline (IndexedDB), a remembered key and the language (localStorage),
  // and a Cache Storage entry.
  await page.goto('/tickets');
  await page.locator('#ticket-number').fill('CM2026-001244');
  await page.locator('#ticket-code').fill(ticketCode('CM2026-001244'));
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('.step.current')).toBeVisible();
  await openWorkspace(page, 'huanan', { remember: true });
  await page.evaluate(async () => {
    const cache = await caches.open('portal-test');
    await cache.put('/api/meta.json', new Response('{}'));
  });

  await page.getByRole('link', { name: '隐私与本机数据' }).click();
  const kept = page.locator('.kept-table');
  await expect(kept).toContainText('最近查询的工单');
  await expect(kept).toContainText('记住的客户访问密钥');
  await expect(kept).toContainText('界面语言');
  await expect(kept).toContainText('portal-test');

  await page.getByRole('button', { name: '清除本机全部数据' }).click();
  await page.getByRole('button', { name: '确定清除' }).click();
  await expect(page.locator('[data-erased]')).toBeVisible();
  await expect(page.locator('[data-kept-nothing]')).toBeVisible();

  const left = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    local: localStorage.length,
    caches: await caches.keys(),
  }));
  expect(left).toEqual({ databases: [], local: 0, caches: [] });
  // And this tab forgot the workspace it had open.
  await page.goto('/workspace');
  await expect(page.locator('#access-key')).toBeVisible();
  expectNoConsoleErrors(consoleErrors);
});

test('over plain HTTP (not a secure context) the workspace says to use HTTPS instead of failing oddly', async ({ playwright }) => {
  // A host name that is not loopback makes the page an insecure context,
  // as any http:// deployment would be; it resolves to the test server.
  const base = new URL(process.env.PORTAL_URL ?? 'http://127.0.0.1:8499');
  const browser = await playwright.chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--host-resolver-rules=MAP portal.test ${base.hostname}`],
  });
  try {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`http://portal.test:${base.port}/workspace`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.getByRole('button', { name: '打开工作台' }).click();
    await expect(page.getByRole('alert')).toContainText('此页面不是通过 HTTPS 打开的');
  } finally {
    await browser.close();
  }
});
