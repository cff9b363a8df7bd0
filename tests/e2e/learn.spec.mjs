// 在线直播课程, 在线咨询服务入口 and 服务条款 (issue #12 §5, §6), under frozen
// clocks: the countdown as it ticks and turns "live now", the schedule's
// local time in Berlin, a course's .ics; the consultation entry open on a
// working day, closed on National Day with its next opening, open on an
// adjusted working Saturday; the terms' objection deadline, open then
// closed, and the contract of an open workspace.
import { test, expect, expectNoConsoleErrors, accessKey } from './fixtures.mjs';

/** The text of the next download the click starts. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

const SPAM = '账号被盗发垃圾邮件的应急处置';

test.describe('live courses', () => {
  test('the countdown names the next course, ticks as it is read, turns live at the start, then moves on', async ({ page, consoleErrors }) => {
    // Sunday 6 December 11:30 Beijing: the 8 December 14:30 course is 2 d 3 h away.
    await page.clock.install({ time: new Date('2026-12-06T11:29:59+08:00') });
    await page.clock.pauseAt(new Date('2026-12-06T11:30:00+08:00'));
    await page.goto('/courses');
    const next = page.locator('.course-next');
    await expect(next.locator('[data-next-course]')).toHaveText(SPAM);
    const timer = next.getByRole('timer');
    await expect(timer).toHaveText('2 天 3 小时后开始');

    // Ten seconds before the start, the seconds count down while one watches.
    await page.clock.pauseAt(new Date('2026-12-08T14:29:50+08:00'));
    await page.clock.runFor(1000);
    await expect(timer).toHaveText('0 分 9 秒后开始');
    await page.clock.runFor(3000);
    await expect(timer).toHaveText('0 分 6 秒后开始');

    // At 14:30:00 it is live, and the schedule says so on the course.
    await page.clock.runFor(6000);
    await expect(timer).toHaveText('正在直播 · 直播至 15:45');
    await expect(page.locator('[data-upcoming] li[data-course="c2612-spam"]')).toContainText('正在直播');

    // After 15:45 the next one: Thursday 10 December 10:00.
    await page.clock.fastForward('01:15:00');
    await expect(next.locator('[data-next-course]')).toHaveText('邮件归档系统 V2.0 检索与合规导出');
    await expect(timer).toHaveText('1 天 18 小时后开始');
    // The spam course has moved to the past, with no recording yet.
    const over = page.locator('[data-past] li[data-course="c2612-spam"]');
    await expect(over.locator('[data-replay-pending]')).toHaveText('回放暂未上线，整理完成后将在此提供。');
    expectNoConsoleErrors(consoleErrors);
  });

  test('past courses link their recordings, or say there is none yet; the schedule is in Beijing time', async ({ page, consoleErrors }) => {
    await page.clock.install({ time: new Date('2026-12-06T11:30:00+08:00') });
    await page.goto('/courses');
    const dns = page.locator('[data-past] li[data-course="c2609-dns"]');
    await expect(dns.getByRole('link', { name: /^观看回放：邮件域名 DNS 记录全解/ })).toHaveAttribute('href', 'https://college.demo.coremail.invalid/replay/c2609-dns');
    const patch = page.locator('[data-past] li[data-course="c2612-patch"]');
    await expect(patch.locator('[data-replay-pending]')).toBeVisible();
    await expect(patch.getByRole('link')).toHaveCount(0);
    // Upcoming earliest first, in Beijing time, and no local time in Beijing.
    const upcoming = page.locator('[data-upcoming] li[data-course]');
    await expect(upcoming.first()).toHaveAttribute('data-course', 'c2612-spam');
    await expect(upcoming.first().locator('.course-when')).toHaveText('2026-12-08 14:30–15:45 北京时间');
    await expect(page.locator('[data-local-time]')).toHaveCount(0);
    // Past latest first.
    await expect(page.locator('[data-past] li[data-course]').first()).toHaveAttribute('data-course', 'c2612-patch');
    expectNoConsoleErrors(consoleErrors);
  });

  test('a course downloads as an .ics in UTC with a UID stable across downloads', async ({ page, consoleErrors }) => {
    await page.clock.install({ time: new Date('2026-12-06T11:30:00+08:00') });
    await page.goto('/courses');
    const button = page.getByRole('button', { name: `添加到日历（.ics）：${SPAM}` });
    const first = await download(page, button);
    expect(first.name).toBe('coremail-course-c2612-spam.ics');
    const lines = first.text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('UID:course-c2612-spam@portal.coremail.cn');
    // 14:30–15:45 Beijing is 06:30–07:45 UTC.
    expect(lines).toContain('DTSTART:20261208T063000Z');
    expect(lines).toContain('DTEND:20261208T074500Z');
    expect(first.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(first.text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const unfolded = first.text.replace(/\r\n /g, '');
    expect(unfolded).toContain(`SUMMARY:Coremail 在线直播课程：${SPAM}`);
    // The line break between speaker and summary is escaped, not raw.
    expect(unfolded).toContain('DESCRIPTION:讲师：黄文斌\\n从发信量突增告警出发，演示锁定账号');
    const second = await download(page, button);
    expect(second.text.match(/^UID:.*$/m)[0]).toBe(first.text.match(/^UID:.*$/m)[0]);
    expectNoConsoleErrors(consoleErrors);
  });

  test.describe('in another time zone', () => {
    test.use({ timezoneId: 'Europe/Berlin' });

    test('each course shows the local time beside Beijing time, daylight saving included', async ({ page, consoleErrors }) => {
      await page.clock.install({ time: new Date('2026-12-06T11:30:00+08:00') });
      await page.goto('/courses');
      const spam = page.locator('li[data-course="c2612-spam"]');
      await expect(spam.locator('.course-when')).toHaveText('2026-12-08 14:30–15:45 北京时间');
      await expect(spam.locator('[data-local-time]')).toHaveText('您的当地时间：2026-12-08 07:30–08:45（Europe/Berlin）');
      // 17 September is summer time in Berlin (UTC+2): 15:00 Beijing is 09:00 there.
      await expect(page.locator('li[data-course="c2609-dns"] [data-local-time]')).toHaveText('您的当地时间：2026-09-17 09:00–10:00（Europe/Berlin）');
      expectNoConsoleErrors(consoleErrors);
    });
  });
});

test.describe('online consultation', () => {
  test('on a working day at 10:00 it is open until 18:00, and each channel has its link', async ({ page, consoleErrors }) => {
    await page.clock.install({ time: new Date('2026-12-07T10:00:00+08:00') });
    await page.goto('/consult');
    const entry = page.locator('[data-consult-state]');
    await expect(entry.locator('[data-day]')).toHaveText('今天是工作日。');
    await expect(entry.locator('[data-entry-state]')).toHaveText('现在服务中 · 今天 18:00 结束服务');
    await expect(entry.getByRole('link', { name: '在线提交服务请求' })).toHaveAttribute('href', '/request');
    const channel = (id) => page.locator(`li[data-channel="${id}"]`);
    await expect(channel('email').getByRole('link')).toHaveAttribute('href', 'mailto:support@coremail.cn');
    await expect(channel('email').locator('.channel-hours')).toHaveText('工作日 09:00–21:00');
    await expect(channel('phone').getByRole('link', { name: '拨打 400-888-2488' })).toHaveAttribute('href', 'tel:4008882488');
    await expect(channel('phone').locator('.channel-hours')).toHaveText('工作日 09:00–18:00');
    await expect(channel('online').getByRole('link')).toHaveAttribute('href', '/request');
    expectNoConsoleErrors(consoleErrors);
  });

  test('on National Day it is closed and names the next opening; e-mail stays open until 21:00 on working days', async ({ page, consoleErrors }) => {
    await page.clock.install({ time: new Date('2026-10-03T10:00:00+08:00') });
    await page.goto('/consult');
    const entry = page.locator('[data-consult-state]');
    await expect(entry.locator('[data-day]')).toHaveText('今天是国庆节假期。');
    await expect(entry.locator('[data-entry-state]')).toHaveText('现在休息 · 下次开始服务：星期四 2026-10-08 09:00');
    await expect(entry.locator('[data-entry-state]')).toHaveAttribute('data-open', 'false');
    await expect(page.locator('li[data-channel="email"] [data-open]')).toHaveAttribute('data-open', 'false');
    expectNoConsoleErrors(consoleErrors);
  });

  test('on the adjusted working Saturday after National Day it is open', async ({ page, consoleErrors }) => {
    await page.clock.install({ time: new Date('2026-10-10T10:00:00+08:00') });
    await page.goto('/consult');
    const entry = page.locator('[data-consult-state]');
    await expect(entry.locator('[data-day]')).toHaveText('今天是国庆节调休上班日，照常服务。');
    await expect(entry.locator('[data-entry-state]')).toHaveText('现在服务中 · 今天 18:00 结束服务');
    expectNoConsoleErrors(consoleErrors);
  });

  test('on a Saturday evening it is closed until Monday, in English too', async ({ page, consoleErrors }) => {
    await page.addInitScript(() => localStorage.setItem('coremail-portal.lang', 'en'));
    await page.clock.install({ time: new Date('2026-12-05T20:00:00+08:00') });
    await page.goto('/consult');
    const entry = page.locator('[data-consult-state]');
    await expect(entry.locator('[data-day]')).toHaveText('Today is a weekend day.');
    await expect(entry.locator('[data-entry-state]')).toHaveText('Closed now · Opens next: Monday 2026-12-07 09:00');
    expectNoConsoleErrors(consoleErrors);
  });
});

test.describe('service terms', () => {
  test('while the objection period runs, the page names its last day, ten working days after publication', async ({ page, consoleErrors }) => {
    await page.clock.install({ time: new Date('2026-12-07T10:00:00+08:00') });
    await page.goto('/terms');
    await expect(page.locator('main h1')).toHaveText('Coremail 产品标准级售后服务手册');
    await expect(page.locator('[data-terms-version]')).toHaveText('版本 2026.2 · 发布于 2026-11-30');
    const objection = page.locator('[data-objection]');
    await expect(objection).toHaveAttribute('data-objection', 'open');
    await expect(objection).toContainText('请于 2026-12-14（北京时间 24:00）前联系 Coremail：即发布后第 10 个工作日结束前（服务手册第十条第1款）');
    await expect(objection.getByRole('link', { name: 'support@coremail.cn' })).toHaveAttribute('href', 'mailto:support@coremail.cn');
    // The contract needs the workspace: the page says where to open it.
    await expect(page.locator('[data-contract-missing]')).toBeVisible();
    await expect(page.locator('#contract').getByRole('link', { name: '打开工作台 →' })).toHaveAttribute('href', '/workspace');
    expectNoConsoleErrors(consoleErrors);
  });

  test('after the last day the period is closed', async ({ page, consoleErrors }) => {
    await page.clock.install({ time: new Date('2026-12-15T00:00:00+08:00') });
    await page.goto('/terms');
    const objection = page.locator('[data-objection]');
    await expect(objection).toHaveAttribute('data-objection', 'closed');
    await expect(objection).toContainText('本版本的异议期已于 2026-12-14（北京时间 24:00）结束');
    expectNoConsoleErrors(consoleErrors);
  });

  test('the sections have anchors, and the history links the sections each version changed', async ({ page, consoleErrors }) => {
    await page.clock.install({ time: new Date('2026-12-07T10:00:00+08:00') });
    await page.goto('/terms');
    for (const id of ['9', '10', '11', '12']) await expect(page.locator(`section#terms-${id} h2`)).toBeVisible();
    const current = page.locator('li[data-version="2026.2"]');
    await expect(current).toContainText('当前版本');
    await current.getByRole('link', { name: '第11条' }).click();
    await expect(page).toHaveURL(/\/terms#terms-11$/);
    await expect(page.locator('section#terms-11')).toBeInViewport();
    const older = page.locator('li[data-version="2025.1"]');
    await expect(older.getByRole('link')).toHaveText(['第9条', '第10条']);
    await expect(page.locator('li[data-version="2024.1"]')).toContainText('首次发布');
    expectNoConsoleErrors(consoleErrors);
  });

  test('with the workspace open on this device, the contract\'s period and products show', async ({ page, consoleErrors }) => {
    await page.clock.install({ time: new Date('2026-12-07T10:00:00+08:00') });
    await page.goto('/workspace');
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.locator('#remember-key').check();
    await page.getByRole('button', { name: '打开工作台' }).click();
    await expect(page.locator('#contract')).toBeVisible();
    await page.goto('/terms');
    const contract = page.locator('[data-contract]');
    await expect(contract).toHaveAttribute('data-contract', 'SVC-2025-0601');
    await expect(contract.locator('[data-contract-period]')).toHaveText('2025-06-01 – 2027-05-31');
    await expect(contract.locator('[data-contract-products] li')).toHaveText([
      'Coremail XT 电子邮件系统 V5.0', 'Coremail 邮件归档系统 V2.0', 'Coremail 安全管理中心系统 V1.0',
    ]);
    await expect(page.locator('[data-contract-missing]')).toHaveCount(0);
    expectNoConsoleErrors(consoleErrors);
  });
});
