// The SLA calculator and the service directory, against the shipped policy
// and 2024–2026 calendar. The browser clock is fixed where "now" matters.
import { test, expect, expectNoConsoleErrors } from './fixtures.mjs';

async function calculate(page, { priority, channel, received }) {
  await page.locator(`input[name="priority"][value="${priority}"]`).check();
  await page.locator(`input[name="channel"][value="${channel}"]`).check();
  await page.locator('#received').fill(received);
}

test('a P3 e-mail on the adjusted Saturday before Spring Festival is due after it, with the skips named', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: new Date('2026-11-26T10:00:00+08:00') });
  await page.goto('/sla');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('响应时限计算');
  await calculate(page, { priority: 'P3', channel: 'email', received: '2026-02-14T19:50' });
  const result = page.locator('.result');
  await expect(result.locator('.deadline')).toContainText('2026-02-24 15:50');
  const stretches = result.locator('.timeline .stretch');
  await expect(stretches).toHaveCount(5);
  await expect(stretches.nth(0)).toContainText('调休上班日（春节）');
  await expect(stretches.nth(0)).toContainText('1 小时 10 分钟');
  await expect(stretches.nth(2)).toContainText('春节假期，不计');
  await expect(stretches.nth(2)).toContainText('2026-02-15 00:00 – 2026-02-24 00:00');
  await expect(stretches.nth(4)).toContainText('6 小时 50 分钟');
  await expect(result).toContainText('该截止时间已过');
  expectNoConsoleErrors(consoleErrors);
});

test('in English, a Friday-evening P1 call skips the weekend', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('coremail-portal.lang', 'en'));
  await page.goto('/sla');
  await calculate(page, { priority: 'P1', channel: 'phone', received: '2026-11-27T17:30' });
  await expect(page.locator('.deadline')).toContainText('2026-11-30 09:30');
  await expect(page.locator('.timeline')).toContainText('Weekend, not counted');
  await expect(page.locator('.timeline')).toContainText('Outside service hours, not counted');
});

test('a deadline past the published calendar is refused with the reason', async ({ page }) => {
  await page.goto('/sla');
  await calculate(page, { priority: 'P2', channel: 'phone', received: '2026-12-31T17:00' });
  await expect(page.getByRole('alert')).toContainText('节假日数据只覆盖到 2026-12-31');
  await expect(page.locator('.deadline')).toHaveCount(0);
});

test('a future deadline counts down live, and the inputs survive a language switch', async ({ page }) => {
  // Frozen at 10:00 so the countdown is exact; time moves only with runFor.
  await page.clock.install({ time: new Date('2026-11-26T09:59:00+08:00') });
  await page.clock.pauseAt(new Date('2026-11-26T10:00:00+08:00'));
  await page.goto('/sla');
  await page.locator('input[name="priority"][value="P1"]').check();
  await page.locator('input[name="channel"][value="phone"]').check();
  await expect(page.locator('#received')).toHaveValue('2026-11-26T10:00');
  await expect(page.locator('.deadline')).toContainText('2026-11-26 11:00');
  await expect(page.locator('.countdown')).toHaveText('距截止还有 1 小时 0 分钟 0 秒');
  await page.clock.runFor(61_000);
  await expect(page.locator('.countdown')).toHaveText('距截止还有 58 分钟 59 秒');
  // The ticking line is not announced; the polite status line is empty
  // until the deadline passes, and then says so.
  await expect(page.locator('.countdown')).toHaveAttribute('aria-live', 'off');
  const passed = page.locator('.result [role="status"]');
  await expect(passed).toHaveText('');

  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('input[name="priority"][value="P1"]')).toBeChecked();
  await expect(page.locator('.countdown')).toContainText('Time left 58 min');
  await expect(page.locator('.deadline')).toContainText('2026-11-26 11:00');

  await page.clock.fastForward('59:00'); // jumps: the one-second tick fires once, not 3,540 times
  await expect(passed).toHaveText('This deadline has passed.');
  await expect(page.locator('.countdown')).toBeHidden();
});

test('the service directory shows live channel status from the calendar', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: new Date('2026-11-26T20:00:00+08:00') }); // Thursday evening
  await page.goto('/services');
  await expect(page.locator('.channel[data-channel="email"] .status-badge')).toHaveText('服务中 · 21:00 结束');
  await expect(page.locator('.channel[data-channel="phone"] .status-badge')).toHaveText('已休息 · 2026-11-27 09:00 开始服务');
  await expect(page.locator('.severity')).toHaveCount(4);
  await expect(page.locator('.service-class')).toHaveCount(5);
  await expect(page.locator('.service-item')).toHaveCount(23);
  await expect(page.locator('.service-class[data-class="security"]')).toContainText('弱密码问题解决');
  await expect(page.locator('.onsite')).toContainText('40 公里');
  expectNoConsoleErrors(consoleErrors);
});

test('during the Spring Festival every channel opens on 24 February', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('coremail-portal.lang', 'en'));
  await page.clock.install({ time: new Date('2026-02-18T11:00:00+08:00') });
  await page.goto('/services');
  for (const channel of ['phone', 'email', 'online']) {
    await expect(page.locator(`.channel[data-channel="${channel}"] .status-badge`)).toHaveText('Closed · opens 2026-02-24 09:00');
  }
});

test('the badge turns to open when the channel opens, without a reload', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-27T08:59:00+08:00') });
  await page.goto('/services');
  const phone = page.locator('.channel[data-channel="phone"] .status-badge');
  await expect(phone).toHaveText('已休息 · 09:00 开始服务');
  await page.clock.runFor(90_000);
  await expect(phone).toHaveText('服务中 · 18:00 结束');
});

test('the policy and calendar load once per visit, not once per page', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => { if (/\/api\/sla\//.test(r.url())) fetched.push(new URL(r.url()).pathname); });
  await page.goto('/');
  await expect(page.locator('.severity')).toHaveCount(4);
  await page.getByRole('navigation').getByRole('link', { name: '服务目录' }).click();
  await expect(page.locator('.service-item')).toHaveCount(23);
  await page.getByRole('navigation').getByRole('link', { name: '时限计算' }).click();
  await expect(page.locator('.deadline')).toBeVisible();
  expect(fetched.sort()).toEqual(['/api/sla/calendar.json', '/api/sla/policy.json']);
});
