// Tickets sealed under their access codes: the acknowledgement link
// `/t/<number>#<code>` and the number + code form (no account), live SLA
// status, the customer's history from the workspace, remembered lookups in
// IndexedDB and offline reading.
import { test, expect, expectNoConsoleErrors, ticketCode, ticketLink, accessKey } from './fixtures.mjs';

const NOT_FOUND_LOG = [/Failed to load resource: the server responded with a status of 404/];

async function lookUp(page, number, code = ticketCode(number.trim().toUpperCase())) {
  await page.goto('/tickets');
  await page.locator('#ticket-number').fill(number);
  await page.locator('#ticket-code').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
}

test('the acknowledgement link opens its ticket, and no request carries the code', async ({ page, consoleErrors }) => {
  const code = ticketCode('CM2026-001244');
  const sent = [];
  page.on('request', (r) => sent.push(`${r.url()} ${JSON.stringify(r.headers())}`));
  await page.goto(ticketLink('CM2026-001244'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IMAP 服务频繁中断，全员客户端无法收信');
  await expect(page.locator('.step.current')).toContainText('已关闭');
  const bare = code.replace(/-/g, '');
  for (const line of sent) {
    expect(line).not.toContain(code);
    expect(line).not.toContain(bare);
  }
  // No API request names the ticket number either: the file is named by the code.
  const api = sent.filter((line) => line.split(' ')[0].includes('/api/'));
  expect(api.some((line) => /\/api\/sealed\/[0-9a-f]{32}\.bin /.test(line))).toBe(true);
  for (const line of api) expect(line.split(' ')[0]).not.toContain('CM2026-001244');
  expectNoConsoleErrors(consoleErrors);
});

test('a wrong code in the link says so and offers the form', async ({ page, consoleErrors }) => {
  const code = ticketCode('CM2026-001244');
  // Another ticket's valid code: well-formed, but it does not open this one.
  await page.goto(`/t/CM2026-001244#${ticketCode('CM2026-001414')}`);
  await expect(page.getByRole('alert')).toContainText('工单号与访问码不匹配');
  await expect(page.locator('#ticket-number')).toHaveValue('CM2026-001244');
  await page.locator('#ticket-code').fill(code.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('.step.current')).toContainText('已关闭');
  expectNoConsoleErrors(consoleErrors, NOT_FOUND_LOG);
});

test('a code with a typo is explained before anything is fetched', async ({ page }) => {
  await lookUp(page, 'CM2026-001244', 'ABCDE-FGHIJ');
  await expect(page.getByRole('alert')).toContainText('访问码应为 20 个字符（不计连字符），您输入了 10 个');
  await lookUp(page, 'CM2026-001244', 'ABCDE-FGHIJ-KLMNO-PQRSU');
  await expect(page.getByRole('alert')).toContainText('“U”不会出现在访问码中');
});

test('a demo ticket shows its workflow step, SLA status and history, and the path holds only its number', async ({ page, consoleErrors }) => {
  await lookUp(page, ' cm2026-001244 ', ticketCode('CM2026-001244').toLowerCase());
  await expect(page).toHaveURL(/\/t\/CM2026-001244$/);
  expect(page.url()).not.toContain('@');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IMAP 服务频繁中断，全员客户端无法收信');
  await expect(page.locator('.step.current')).toContainText('已关闭');
  await expect(page.locator('.step.reached')).toHaveCount(5);
  await expect(page.locator('.ticket-facts')).toContainText('P1');
  await expect(page.locator('.sla-panel .deadline')).toContainText('2026-11-09 15:05');
  await expect(page.locator('.state-badge')).toHaveText('已按时响应');
  await expect(page.locator('.events .event')).toHaveCount(8);
  expectNoConsoleErrors(consoleErrors);
});

test('an open P1 counts down and turns due soon under a quarter of its hour', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-26T09:29:00+08:00') });
  await page.clock.pauseAt(new Date('2026-11-26T09:30:00+08:00'));
  await lookUp(page, 'CM2026-001414');
  // Received 08:12 by e-mail, before opening: counted from 09:00, due 10:00.
  await expect(page.locator('.sla-panel .deadline')).toContainText('2026-11-26 10:00');
  await expect(page.locator('.state-badge')).toHaveText('正常');
  await expect(page.locator('.sla-detail')).toHaveText('距截止还有 30 分钟 0 秒');
  // The state is a polite live region that stays put while the countdown
  // ticks: screen readers hear the state change, not every second.
  const live = page.locator('.sla-panel [role="status"]');
  await expect(live).toHaveText('正常');
  await live.evaluate((el) => { el.dataset.mark = 'same'; });
  await live.evaluate((el) => {
    window.__liveChanges = 0;
    new MutationObserver(() => { window.__liveChanges += 1; }).observe(el, { subtree: true, childList: true, characterData: true });
  });
  await page.clock.runFor(5_000);
  await expect(page.locator('.sla-detail')).toHaveText('距截止还有 29 分钟 55 秒');
  expect(await page.evaluate(() => window.__liveChanges), 'live region untouched by the ticking').toBe(0);
  await page.clock.runFor(16 * 60_000);
  await expect(page.locator('.state-badge')).toHaveText('即将到期');
  await expect(live).toHaveText('即将到期');
  await expect(live).toHaveAttribute('data-mark', 'same');
  await page.locator('.why summary').click();
  await expect(page.locator('.timeline')).toContainText('非服务时间，不计');
});

test('a wrong number with a real code gives the same answer as a wrong code', async ({ page, consoleErrors }) => {
  await lookUp(page, 'CM2026-001244', ticketCode('CM2026-001414'));
  const wrongCode = await page.getByRole('alert').textContent();
  await lookUp(page, 'CM2026-009999', ticketCode('CM2026-001244'));
  const wrongNumber = await page.getByRole('alert').textContent();
  expect(wrongCode).toContain('工单号与访问码不匹配');
  expect(wrongNumber).toBe(wrongCode);
  await expect(page).toHaveURL(/\/tickets$/);
  expectNoConsoleErrors(consoleErrors, NOT_FOUND_LOG);
});

test('ticket text with markup is shown as text and runs nothing', async ({ page, consoleErrors }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await lookUp(page, 'CM2026-001230');
  await expect(page.locator('.events')).toContainText('<script>alert(1)</script>');
  expect(await page.locator('.events script, .events img').count()).toBe(0);
  expect(dialogs).toBe(0);
  expectNoConsoleErrors(consoleErrors);
});

test('recent lookups survive a reload and can be forgotten', async ({ page }) => {
  await lookUp(page, 'CM2026-001244');
  await expect(page.locator('.ticket-header')).toBeVisible();
  await page.goto('/tickets');
  await page.reload();
  const item = page.locator('.recent-item', { hasText: 'CM2026-001244' });
  await expect(item).toBeVisible();
  await item.getByRole('link').click();
  await expect(page).toHaveURL(/\/t\/CM2026-001244$/);
  await expect(page.locator('.state-badge')).toHaveText('已按时响应');
  await page.goto('/tickets');
  await page.locator('.recent-item', { hasText: 'CM2026-001244' }).getByRole('button', { name: '忘记' }).click();
  await expect(page.locator('.recent-item')).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('还没有查询记录')).toBeVisible();
});

test('a link without the code (or of an older build) asks for the code', async ({ page }) => {
  // nginx redirects the older builds' /tickets/<number> to /t/<number>.
  await page.goto('/tickets/CM2026-001244');
  await expect(page).toHaveURL(/\/t\/CM2026-001244$/);
  await expect(page.getByText('要查看工单 CM2026-001244，请输入确认邮件中的访问码。')).toBeVisible();
  await expect(page.locator('#ticket-number')).toHaveValue('CM2026-001244');
  await page.locator('#ticket-code').fill(ticketCode('CM2026-001244'));
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('.step.current')).toContainText('已关闭');
});

test('offline, a remembered ticket shows the last copy seen, and retry recovers', async ({ page, context }) => {
  await lookUp(page, 'CM2026-001310');
  await expect(page.locator('.ticket-header')).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: '工单查询' }).click();
  await context.setOffline(true);
  await page.locator('.recent-item', { hasText: 'CM2026-001310' }).getByRole('link').click();
  await expect(page.locator('.offline')).toContainText('网络不可用：显示的是');
  await expect(page.locator('.ticket-header')).toContainText('CM2026-001310');
  await context.setOffline(false);
  await page.locator('.offline').getByRole('button', { name: '重试' }).click();
  await expect(page.locator('.offline')).toHaveCount(0);
  await expect(page.locator('.ticket-header')).toContainText('CM2026-001310');
});

test('the history counts, filters, searches and sorts a customer\'s tickets', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: new Date('2026-11-26T12:00:00+08:00') });
  await page.goto('/history');
  await page.locator('#access-key').fill(accessKey('huanan'));
  await page.getByRole('button', { name: '打开工作台' }).click();
  const rows = page.locator('.history-row');
  await expect(rows).toHaveCount(17);
  await expect(page.locator('.history-counts')).toContainText('共 17 张工单');
  const breached = await page.locator('.history-row .state-badge.breached').count();
  await expect(page.locator('.count-box.breached')).toHaveText(`已超时 ${breached}`);

  await page.locator('select[name="priority"]').selectOption('P1');
  await expect(rows.first().locator('.badge')).toHaveText('P1');
  const p1 = await rows.count();
  expect(p1).toBeGreaterThan(0);
  for (const badge of await rows.locator('.badge').allTextContents()) expect(badge).toBe('P1');

  await page.locator('select[name="priority"]').selectOption('');
  await page.locator('select[name="status"]').selectOption('closed');
  for (const meta of await rows.locator('.history-meta').allTextContents()) expect(meta).toContain('已关闭');

  await page.locator('select[name="status"]').selectOption('all');
  await page.locator('input[name="search"]').fill('imap');
  for (const title of await rows.locator('.history-title').allTextContents()) expect(title.toLowerCase()).toContain('imap');

  await page.locator('input[name="search"]').fill('');
  await page.locator('select[name="sort"]').selectOption('deadline');
  const dues = (await rows.locator('.history-meta').allTextContents()).map((m) => m.match(/响应截止 (\S+ \S+)/)[1]);
  expect(dues).toEqual([...dues].sort());

  await rows.filter({ hasText: 'CM2026-001176' }).getByRole('link', { name: '打开' }).click();
  await expect(page).toHaveURL(/\/t\/CM2026-001176#/);
  // The ticket page's module loads, then the page replaces the history.
  await expect(page.locator('.history-row')).toHaveCount(0);
  await expect(page.locator('.state-badge')).toHaveText('已超时');
  expectNoConsoleErrors(consoleErrors);
});

test('a wrong access key says no workspace opens with it, and an old patterned key is refused', async ({ page, consoleErrors }) => {
  await page.goto('/history');
  // Well-formed and random-looking, but issued to nobody.
  await page.locator('#access-key').fill('ZXWPJ-D4Y40-N8QW6-2RT48-GCAE3-GSXXQ');
  await page.getByRole('button', { name: '打开工作台' }).click();
  await expect(page.getByRole('alert')).toContainText('没有与此访问密钥对应的工作台');
  await page.locator('#access-key').fill('DEMO-HUANAN-2026');
  await page.getByRole('button', { name: '打开工作台' }).click();
  await expect(page.getByRole('alert')).toContainText('“U”不会出现在访问码中');
  expectNoConsoleErrors(consoleErrors, NOT_FOUND_LOG);
});

test('without IndexedDB (private mode) a lookup still opens the ticket and says it is not remembered', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await lookUp(page, 'CM2026-001244');
  await expect(page.locator('.step.current')).toContainText('已关闭');
  await expect(page.getByText('本机存储不可用')).toBeVisible();
});

test('a damaged sealed file says so, and no message names the file', async ({ page }) => {
  let asked = '';
  await page.route('**/api/sealed/*.bin', (route) => {
    asked = new URL(route.request().url()).pathname.split('/').pop();
    return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: 'CMS2 not really sealed, just bytes' });
  });
  await lookUp(page, 'CM2026-001244');
  const panel = page.getByRole('alert');
  await expect(panel).toContainText('文件已损坏或被改动');
  expect(asked).toMatch(/^[0-9a-f]{32}\.bin$/);
  expect(await page.locator('main').textContent()).not.toContain(asked.slice(0, 12));
});

test('too many attempts (HTTP 429 from the rate limit) asks to wait a minute', async ({ page }) => {
  await page.route('**/api/sealed/*.bin', (route) => route.fulfill({ status: 429, body: '' }));
  await lookUp(page, 'CM2026-001244');
  await expect(page.getByRole('alert')).toContainText('尝试次数过多。请等待一分钟后再试。');
});

test('a server error on a sealed file shows the error panel without the file name', async ({ page }) => {
  let asked = '';
  await page.route('**/api/sealed/*.bin', (route) => {
    asked = new URL(route.request().url()).pathname.split('/').pop();
    return route.fulfill({ status: 503, body: '' });
  });
  await lookUp(page, 'CM2026-001244');
  await expect(page.getByRole('alert')).toContainText('503');
  expect(await page.locator('main').textContent()).not.toContain(asked.slice(0, 12));
});
