// Ticket lookup (number + e-mail, no account), live SLA status, the
// customer's history, remembered lookups in IndexedDB and offline reading.
import { test, expect, expectNoConsoleErrors } from './fixtures.mjs';

const NOT_FOUND_LOG = [/Failed to load resource: the server responded with a status of 404/];

async function lookUp(page, number, email) {
  await page.goto('/tickets');
  await page.locator('#ticket-number').fill(number);
  await page.locator('#ticket-email').fill(email);
  await page.getByRole('button', { name: '查询' }).click();
}

test('a demo ticket shows its workflow step, SLA status and history, and the URL holds no e-mail', async ({ page, consoleErrors }) => {
  await lookUp(page, ' cm2026-001244 ', 'Zhang.Li@demo-corp.cn');
  await expect(page).toHaveURL(/\/tickets\/CM2026-001244$/);
  expect(page.url()).not.toContain('@');
  expect(page.url()).not.toContain('zhang');
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
  await lookUp(page, 'CM2026-001414', 'chen.ming@demo-corp.cn');
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

test('a wrong e-mail and a wrong number give the same answer', async ({ page, consoleErrors }) => {
  await lookUp(page, 'CM2026-001244', 'someone.else@demo-corp.cn');
  const wrongEmail = await page.getByRole('alert').textContent();
  await lookUp(page, 'CM2026-009999', 'zhang.li@demo-corp.cn');
  const wrongNumber = await page.getByRole('alert').textContent();
  expect(wrongEmail).toContain('没有找到与该工单号和邮箱对应的工单');
  expect(wrongNumber).toBe(wrongEmail);
  await expect(page).toHaveURL(/\/tickets$/);
  expectNoConsoleErrors(consoleErrors, NOT_FOUND_LOG);
});

test('ticket text with markup is shown as text and runs nothing', async ({ page, consoleErrors }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await lookUp(page, 'CM2026-001230', 'wang.fang@demo-bank.cn');
  await expect(page.locator('.events')).toContainText('<script>alert(1)</script>');
  expect(await page.locator('.events script, .events img').count()).toBe(0);
  expect(dialogs).toBe(0);
  expectNoConsoleErrors(consoleErrors);
});

test('recent lookups survive a reload and can be forgotten', async ({ page }) => {
  await lookUp(page, 'CM2026-001244', 'zhang.li@demo-corp.cn');
  await expect(page.locator('.ticket-header')).toBeVisible();
  await page.goto('/tickets');
  await page.reload();
  const item = page.locator('.recent-item', { hasText: 'CM2026-001244' });
  await expect(item).toBeVisible();
  await item.getByRole('link').click();
  await expect(page).toHaveURL(/\/tickets\/CM2026-001244$/);
  await expect(page.locator('.state-badge')).toHaveText('已按时响应');
  await page.goto('/tickets');
  await page.locator('.recent-item', { hasText: 'CM2026-001244' }).getByRole('button', { name: '忘记' }).click();
  await expect(page.locator('.recent-item')).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('还没有查询记录')).toBeVisible();
});

test('a shared link carries only the number: a new visitor is asked for the e-mail', async ({ page }) => {
  await page.goto('/tickets/CM2026-001244');
  await expect(page.getByText('要查看工单 CM2026-001244，请输入它的联系邮箱。')).toBeVisible();
  await expect(page.locator('#ticket-number')).toHaveValue('CM2026-001244');
  await page.locator('#ticket-email').fill('zhang.li@demo-corp.cn');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('.step.current')).toContainText('已关闭');
});

test('offline, a remembered ticket shows the last copy seen, and retry recovers', async ({ page, context }) => {
  await lookUp(page, 'CM2026-001310', 'wang.fang@demo-bank.cn');
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
  await page.locator('#access-key').fill('DEMO-HUANAN-2026');
  await page.getByRole('button', { name: '查看' }).click();
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

  await rows.filter({ hasText: 'CM2026-001176' }).getByRole('button', { name: '打开' }).click();
  await expect(page).toHaveURL(/\/tickets\/CM2026-001176$/);
  // The ticket page's module loads, then the page replaces the history.
  await expect(page.locator('.history-row')).toHaveCount(0);
  await expect(page.locator('.state-badge')).toHaveText('已超时');
  expectNoConsoleErrors(consoleErrors);
});

test('a wrong access key says no customer matches', async ({ page, consoleErrors }) => {
  await page.goto('/history');
  await page.locator('#access-key').fill('DEMO-NOBODY');
  await page.getByRole('button', { name: '查看' }).click();
  await expect(page.getByRole('alert')).toContainText('没有找到与该访问密钥对应的客户');
  expectNoConsoleErrors(consoleErrors, NOT_FOUND_LOG);
});

test('without IndexedDB (private mode) a lookup still opens the ticket and says it is not remembered', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await lookUp(page, 'CM2026-001244', 'zhang.li@demo-corp.cn');
  await expect(page.locator('.step.current')).toContainText('已关闭');
  await expect(page.getByText('本机存储不可用')).toBeVisible();
});

test('a malformed ticket file shows the error panel, not a blank page', async ({ page }) => {
  await page.route('**/api/tickets/*.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"number": 1244}' }));
  await lookUp(page, 'CM2026-001244', 'zhang.li@demo-corp.cn');
  const panel = page.getByRole('alert');
  await expect(panel).toContainText('数据文件格式有误');
  await expect(panel).toContainText('$.number');
});
