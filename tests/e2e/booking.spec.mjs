// 工程师预约: slots only in working time by the business calendar, the §5.2
// on-site rule, validation in both languages, a booking that survives a
// reload and reaches `portal intake` exactly once, its .ics, and its
// cancellation (an outbox item and a cancelling .ics). Local times come
// from the tz database, which a browser in Beijing time never downloads.
//
// The tests that send start and stop `portal intake` themselves on
// $INTAKE_PORT (the port scripts/serve-dist.sh proxied /intake/ to), so
// this file runs its tests one after another.
import { test, expect, expectNoConsoleErrors, accessKey, takeIntakeLock, releaseIntakeLock, startIntake, stopIntake, accepted, newInbox } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const CALENDAR = JSON.parse(readFileSync(join(ROOT, 'public/api/sla/calendar.json'), 'utf8'));

test.describe.configure({ mode: 'serial' });
// Not while another file runs its own intake (fixtures.mjs).
test.beforeAll(async () => {
  test.setTimeout(10 * 60_000);
  await takeIntakeLock();
});
test.afterAll(releaseIntakeLock);

/** Friday 2026-09-25 10:00 Beijing time (a holiday itself: 中秋 25–27 Sep). */
const NOW = new Date('2026-09-25T10:00:00+08:00');

async function openBooking(page, url = '/booking') {
  await page.goto(url);
  await page.locator('#access-key').fill(accessKey('huanan'));
  // Remembered on the device, so a reload opens the workspace again by itself.
  await page.locator('#remember-key').check();
  await page.getByRole('button', { name: '打开工作台' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '预约工程师' })).toBeVisible();
  await expect(page.locator('#booking-deployment')).toBeVisible();
}

async function range(page, from, to) {
  await page.locator('#booking-from').fill(from);
  await page.locator('#booking-to').fill(to);
}

const slot = (page, engineer, start) =>
  page.locator(`input[name="booking-slot"][data-engineer="${engineer}"][data-start="${start}"]`);

async function contact(page) {
  await page.locator('#booking-name').fill('陈明');
  await page.locator('#booking-email').fill('chen.ming@demo-corp.cn');
}

/** Books remote support with 赵敏 on 2026-10-09 13:30 (with `note`, if
 * given) and waits until it is accepted: the slot is then held. Returns the
 * slot and "my bookings". */
async function bookRemote(page, note) {
  await page.clock.install({ time: NOW });
  await openBooking(page);
  await page.getByRole('radio', { name: /^远程支持/ }).check();
  await range(page, '2026-10-09', '2026-10-09');
  const chosen = slot(page, 'eng-zhao-min', '2026-10-09T13:30:00+08:00');
  await chosen.check();
  await page.locator('#booking-consent').check();
  await contact(page);
  if (note) await page.locator('#booking-note').fill(note);
  await page.getByRole('button', { name: '提交预约' }).click();
  const mine = page.locator('.booking-item');
  await expect(mine.locator('[data-booking-state]')).toHaveText('已受理');
  await expect(chosen).toHaveCount(0);
  return { chosen, mine };
}

/** The text of the next download the click starts. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('only working-time slots: none in the National Day holiday, and the adjusted working Saturday has them', async ({ page, consoleErrors }) => {
  // What the calendar says about these dates (sla/calendar.json, 2026).
  const holiday = CALENDAR.holidays.find((h) => h.from === '2026-10-01');
  expect(holiday.to).toBe('2026-10-07');
  expect(CALENDAR.adjusted_working_days.map((d) => d.date)).toContain('2026-10-10');

  await page.clock.install({ time: NOW });
  await openBooking(page);
  await page.getByRole('radio', { name: /^远程支持/ }).check();
  await range(page, '2026-09-28', '2026-10-11');
  const days = page.locator('.slot-day');
  // Mon 28 – Wed 30 Sep, then Thu 8, Fri 9 and Sat 10 Oct (调休上班);
  // 1–7 Oct are the holiday and Sun 11 Oct a weekend.
  await expect(days).toHaveCount(6);
  expect(await days.evaluateAll((ds) => ds.map((d) => d.dataset.date))).toEqual([
    '2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10',
  ]);
  const saturday = page.locator('.slot-day[data-date="2026-10-10"]');
  await expect(saturday.locator(':scope > legend')).toHaveText('2026-10-10 周六 · 调休上班（国庆节）');
  // Remote support: 90-minute slots from 09:00, the last ending at 18:00.
  const starts = await page.locator('input[name="booking-slot"]').evaluateAll((is) => is.map((i) => i.dataset.start));
  expect(starts.length).toBeGreaterThan(0);
  const times = new Set(starts.map((s) => s.slice(11)));
  expect([...times].sort()).toEqual(['09:00:00+08:00', '10:30:00+08:00', '12:00:00+08:00', '13:30:00+08:00', '15:00:00+08:00', '16:30:00+08:00']);
  expect(starts.filter((s) => s >= '2026-10-01' && s < '2026-10-08')).toEqual([]);
  await expect(slot(page, 'eng-chen-zhiqiang', '2026-10-10T09:00:00+08:00')).toHaveCount(1);
  // Each time is a group of the engineers free then, named by the time.
  await expect(saturday.getByRole('group', { name: '09:00–10:30' }).getByRole('radio', { name: '陈志强' })).toBeVisible();
  // A browser in Beijing time shows no second time.
  await expect(page.locator('.slot-local')).toHaveCount(0);

  // A range wholly inside the holiday has none; a range past the calendar says so.
  await range(page, '2026-10-01', '2026-10-07');
  await expect(page.locator('[data-no-slots]')).toBeVisible();
  await range(page, '2026-12-28', '2027-01-04');
  await expect(page.locator('#booking-range-error')).toHaveText('营业日历只覆盖到 2026-12-31，无法列出 2027-01-04 的时段。');
  // A range longer than a page of slots, and one that ends before it starts,
  // are named as such next to the dates, and list nothing.
  await range(page, '2026-10-12', '2026-11-30');
  await expect(page.locator('#booking-range-error')).toHaveText('日期范围太长：一次最多 31 天。');
  await expect(page.locator('.slot-day')).toHaveCount(0);
  await expect(page.locator('#booking-from')).toHaveAttribute('aria-describedby', 'booking-range-hint booking-range-error');
  await range(page, '2026-10-20', '2026-10-12');
  await expect(page.locator('#booking-range-error')).toHaveText('结束日期早于开始日期。');
  await expect(page.locator('.slot-day')).toHaveCount(0);
  expectNoConsoleErrors(consoleErrors);
});

test('on-site: a site within 40 km of a station gets the 24-hour rule, one beyond it a time by agreement; person-days are quoted', async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openBooking(page);
  await page.getByRole('radio', { name: /^现场服务/ }).check();
  const rule = page.locator('[data-onsite-rule]');
  await expect(page.locator('.slot-list')).toContainText('请先在上方选择现场位置');

  // Foshan's centre is 28.8 km from the Guangzhou station.
  await page.locator('#booking-city').selectOption('foshan');
  await expect(rule).toContainText('最近的服务驻点：广州（总部），直线距离 28.8 公里。');
  await expect(rule.locator('[data-within]')).toHaveText('在驻点 40 公里以内：Coremail 工程师在约定时间后 24 小时内到达现场（服务手册 §5.2）。');
  // On-site slots are whole working days of that station's engineers.
  await range(page, '2026-10-09', '2026-10-10');
  await slot(page, 'eng-chen-zhiqiang', '2026-10-10T09:00:00+08:00').check();
  await expect(rule).toContainText('如约定时间为 2026-10-10 09:00，工程师最迟于 2026-10-11 09:00 到达。');
  expect(await page.locator('input[name="booking-slot"]').evaluateAll((is) => [...new Set(is.map((i) => i.dataset.engineer))])).toEqual(['eng-chen-zhiqiang']);

  // Zhuhai's centre is 48.1 km from the nearest station, Shenzhen.
  await page.locator('#booking-city').selectOption('zhuhai');
  await expect(rule).toContainText('最近的服务驻点：深圳，直线距离 48.1 公里。');
  await expect(rule.locator('[data-within]')).toHaveText('距驻点超过 40 公里：到达时间需与 Coremail 另行商定（服务手册 §5.2）。');
  await expect(rule.locator('[data-within]')).toHaveAttribute('data-within', 'false');

  // Coordinates as copied from a map: 10.0 km north of the Guangzhou station.
  await page.getByRole('radio', { name: '输入坐标' }).check();
  await page.locator('#booking-coords').fill('23.2157, 113.3796');
  await expect(rule).toContainText('广州（总部），直线距离 10.0 公里');
  await expect(rule.locator('[data-within]')).toHaveAttribute('data-within', 'true');

  // huanan bought 10 person-days and used 7.
  const quote = page.locator('[data-days-quote]');
  await expect(quote).toContainText('贵司已购现场服务 10 人天，已使用 7 人天，剩余 3 人天。');
  await page.locator('#booking-days').fill('2');
  await expect(quote).toContainText('本次 2 人天从剩余人天中扣除，之后剩余 1 人天。');
  await page.locator('#booking-days').fill('5');
  await expect(quote.locator('[data-extra-paid]')).toHaveText('本次 5 人天中，3 人天从剩余人天中扣除，另外 2 人天需额外付费。');
  await expect(quote.locator('[data-extra-paid]')).toHaveAttribute('data-extra-paid', '2');
});

test('what is wrong is said next to each field, in Chinese and in English, and nothing typed is lost', async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openBooking(page);
  await page.getByRole('radio', { name: /^远程支持/ }).check();
  await page.locator('#booking-email').fill('chen.ming at demo-corp');
  await page.locator('#booking-note').fill('请先联系机房值班人员。');
  await page.getByRole('button', { name: '提交预约' }).click();
  await expect(page.locator('#booking-consent-error')).toHaveText('远程支持须先同意上述远程操作条款。');
  await expect(page.locator('#booking-slots-error')).toHaveText('请选择一个时段。');
  await expect(page.locator('#booking-name-error')).toHaveText('请填写。');
  await expect(page.locator('#booking-email-error')).toHaveText('请输入有效的邮箱地址，如 name@example.com。');
  await expect(page.locator('#booking-email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#booking-email')).toHaveAttribute('aria-describedby', 'booking-email-error');
  await expect(page.locator('#booking-consent')).toHaveAttribute('aria-describedby', 'booking-consent-error');
  // The first field at fault has the focus.
  await expect(page.locator('#booking-consent')).toBeFocused();
  await expect(page.locator('.outbox-link')).toHaveCount(0);

  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('#booking-consent-error')).toHaveText('Remote support needs your consent to the remote-access terms above.');
  await expect(page.locator('#booking-slots-error')).toHaveText('Pick a slot.');
  await expect(page.locator('#booking-name-error')).toHaveText('Required.');
  await expect(page.locator('#booking-email-error')).toHaveText('Enter a valid address, like name@example.com.');
  await expect(page.locator('#booking-email')).toHaveValue('chen.ming at demo-corp');
  await expect(page.locator('#booking-note')).toHaveValue('请先联系机房值班人员。');
  await expect(page.getByRole('radio', { name: /^Remote support/ })).toBeChecked();

  // On-site: a latitude out of range, and the days.
  await page.getByRole('radio', { name: /^On-site visit/ }).check();
  await page.getByRole('radio', { name: 'Enter coordinates' }).check();
  await page.locator('#booking-coords').fill('91.5, 113.2');
  await page.locator('#booking-days').fill('40');
  await page.getByRole('button', { name: 'Send the booking' }).click();
  await expect(page.locator('#booking-coords-error')).toHaveText('“91.5” is not a latitude: enter degrees from -90 to 90, such as 23.1258.');
  await expect(page.locator('#booking-address-error')).toHaveText('Required.');
  await expect(page.locator('#booking-days-error')).toHaveText('Enter a whole number from 1 to 30.');
  await expect(page.locator('#booking-coords')).toBeFocused();
  await page.getByRole('button', { name: '切换到中文' }).click();
  await expect(page.locator('#booking-coords-error')).toHaveText('“91.5”不是有效的纬度：应为 -90 到 90 之间的度数，如 23.1258。');
  await expect(page.locator('#booking-days-error')).toHaveText('请输入 1 到 30 之间的整数。');
  await expect(page.locator('#booking-coords')).toHaveValue('91.5, 113.2');
  await expect(page.locator('#booking-address-error')).toHaveText('请填写。');
});

test('a booking from the catalogue link survives a reload before it is sent, arrives exactly once, and its .ics carries the slot', async ({ page, consoleErrors }) => {
  const inbox = newInbox();
  let intake;
  try {
    await page.clock.install({ time: NOW });
    // The patch applies to V5.0.12 and V5.0.13: the form picks huanan's V5.0.13 (华南分公司).
    await openBooking(page, '/booking?type=patch_deployment&patch=xt5-p2024-0709');
    await expect(page.getByRole('radio', { name: /^补丁部署/ })).toBeChecked();
    await expect(page.locator('#booking-patch')).toHaveValue('xt5-p2024-0709');
    await expect(page.locator('#booking-deployment')).toHaveValue('1');
    await range(page, '2026-10-08', '2026-10-10');
    const chosen = slot(page, 'eng-chen-zhiqiang', '2026-10-10T09:00:00+08:00');
    await chosen.check();
    await contact(page);
    await page.getByRole('button', { name: '提交预约' }).click();
    await expect(page.locator('[data-booking-queued]')).toBeVisible();
    // The slot is this device's now: not offered again.
    await expect(chosen).toHaveCount(0);
    const mine = page.locator('.booking-item');
    await expect(mine).toHaveCount(1);
    await expect(mine.locator('h3')).toHaveText('补丁部署 · 2026-10-10 09:00 – 12:00');
    // No intake behind nginx: the attempt fails (502) and the booking waits.
    await expect(mine.locator('[data-booking-state]')).toHaveText('待发送');

    await page.reload();
    await expect(page.locator('#booking-deployment')).toBeVisible();
    await expect(mine).toHaveCount(1);
    await expect(mine.locator('[data-booking-state]')).toHaveText('待发送');
    await range(page, '2026-10-08', '2026-10-10');
    await expect(slot(page, 'eng-lin-xiaoyan', '2026-10-10T09:00:00+08:00')).toHaveCount(1);
    await expect(chosen).toHaveCount(0);
    expect(accepted(inbox)).toHaveLength(0);

    intake = await startIntake(inbox);
    await page.goto('/outbox');
    await expect(page.locator('.outbox-item')).toContainText('工程师预约');
    await page.getByRole('button', { name: '立即重试' }).click();
    await expect(page.locator('.outbox-item [data-outbox-state]')).toHaveText('已受理');
    await page.goto('/booking');
    await expect(mine.locator('[data-booking-state]')).toHaveText('已受理');
    await page.reload();
    await expect(mine.locator('[data-booking-state]')).toHaveText('已受理');
    await page.waitForTimeout(1500);
    const got = accepted(inbox);
    expect(got).toHaveLength(1);
    const b = got[0].request;
    expect(b).toMatchObject({
      kind: 'booking', sequence: 0, type: 'patch_deployment', engineer: 'eng-chen-zhiqiang',
      start: '2026-10-10T09:00:00+08:00', end: '2026-10-10T12:00:00+08:00',
      product: 'xt5', version: 'V5.0.13', patch: 'xt5-p2024-0709',
    });
    expect(b.booking).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(got[0].sender).toMatchObject({ scope: 'workspace', id: 'huanan' });

    // The .ics: the slot in Asia/Shanghai, the UID of the booking, the same at every download.
    const first = await download(page, mine.getByRole('button', { name: '下载日历文件（.ics）' }));
    expect(first.name).toBe(`coremail-booking-${b.booking}.ics`);
    expect(first.text).toContain('METHOD:REQUEST\r\n');
    expect(first.text).toContain('DTSTART;TZID=Asia/Shanghai:20261010T090000\r\n');
    expect(first.text).toContain('DTEND;TZID=Asia/Shanghai:20261010T120000\r\n');
    expect(first.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n');
    expect(first.text).toContain(`UID:${b.booking}@portal.coremail.cn\r\n`);
    expect(first.text).toContain('SEQUENCE:0\r\n');
    expect(first.text).toContain('STATUS:TENTATIVE\r\n');
    const second = await download(page, mine.getByRole('button', { name: '下载日历文件（.ics）' }));
    expect(second.text.match(/^UID:.*$/m)[0]).toBe(first.text.match(/^UID:.*$/m)[0]);
    expectNoConsoleErrors(consoleErrors, [/status of 502/]);
  } finally {
    await stopIntake(intake);
  }
});

test('cancelling a booking queues a cancellation with the next sequence and offers a cancelling .ics', async ({ page, consoleErrors }) => {
  const inbox = newInbox();
  const intake = await startIntake(inbox);
  try {
    const { chosen, mine } = await bookRemote(page);

    await mine.getByRole('button', { name: '取消预约' }).click();
    await mine.getByRole('button', { name: '确定取消' }).click();
    await expect(mine.locator('[data-cancel-state]')).toHaveText('已受理');
    await expect(mine).toContainText('此预约已取消。');
    await expect(mine.getByRole('button', { name: '取消预约' })).toHaveCount(0);
    // The slot is free again.
    await expect(chosen).toHaveCount(1);

    const got = accepted(inbox);
    expect(got).toHaveLength(2);
    const booking = got.find((s) => s.request.kind === 'booking').request;
    const cancel = got.find((s) => s.request.kind === 'booking_cancel').request;
    expect(booking.remote_access_consent).toBe(true);
    expect(cancel).toEqual({ kind: 'booking_cancel', booking: booking.booking, sequence: 1 });

    const ics = await download(page, mine.getByRole('button', { name: '下载取消的日历文件（.ics）' }));
    expect(ics.name).toBe(`coremail-booking-${booking.booking}-cancel.ics`);
    expect(ics.text).toContain('METHOD:CANCEL\r\n');
    expect(ics.text).toContain('STATUS:CANCELLED\r\n');
    expect(ics.text).toContain('SEQUENCE:1\r\n');
    expect(ics.text).toContain(`UID:${booking.booking}@portal.coremail.cn\r\n`);
    expect(ics.text).toContain('DTSTART;TZID=Asia/Shanghai:20261009T133000\r\n');

    // Both are in the outbox, named as what they are.
    await page.goto('/outbox');
    await expect(page.locator('.outbox-item')).toHaveCount(2);
    await expect(page.locator('.outbox-item').filter({ hasText: '取消预约' })).toHaveCount(1);
    expectNoConsoleErrors(consoleErrors);
  } finally {
    await stopIntake(intake);
  }
});

test('moving a booking to another slot sends its next version, frees the old slot and updates its .ics', async ({ page, consoleErrors }) => {
  const inbox = newInbox();
  const intake = await startIntake(inbox);
  try {
    const { chosen: first, mine } = await bookRemote(page, '请先备份配置。');

    // Move: the form says so, keeps what was booked, and offers the old slot back.
    await mine.getByRole('button', { name: '改约' }).click();
    const notice = page.locator('[data-moving]');
    await expect(notice).toContainText('正在改约');
    await expect(notice).toBeFocused();
    await expect(page.getByRole('radio', { name: /^远程支持/ })).toBeChecked();
    await expect(page.locator('#booking-consent')).toBeChecked();
    await expect(page.locator('#booking-name')).toHaveValue('陈明');
    await expect(page.locator('#booking-note')).toHaveValue('请先备份配置。');
    await range(page, '2026-10-09', '2026-10-09');
    await expect(first).toHaveCount(1);
    const later = slot(page, 'eng-zhao-min', '2026-10-09T15:00:00+08:00');
    await later.check();
    await page.getByRole('button', { name: '提交改约' }).click();
    await expect(page.locator('[data-booking-queued]')).toBeVisible();
    await expect(notice).toHaveCount(0);

    // One booking, at its new time, delivered; the old slot is free, the new one held.
    await expect(mine).toHaveCount(1);
    await expect(mine.locator('[data-booking-state]')).toHaveText('已受理');
    await expect(mine.locator('h3')).toContainText('2026-10-09 15:00');
    await expect(first).toHaveCount(1);
    await expect(later).toHaveCount(0);

    const got = accepted(inbox).map((s) => s.request).sort((a, b) => a.sequence - b.sequence);
    expect(got).toHaveLength(2);
    expect(got.map((r) => r.kind)).toEqual(['booking', 'booking']);
    expect(got[1].booking).toBe(got[0].booking);
    expect(got.map((r) => r.sequence)).toEqual([0, 1]);
    expect(got[1].start).toBe('2026-10-09T15:00:00+08:00');
    expect(got[1].note).toBe('请先备份配置。');

    // The calendar file updates the same event.
    const ics = await download(page, mine.getByRole('button', { name: '下载日历文件（.ics）' }));
    expect(ics.text).toContain(`UID:${got[0].booking}@portal.coremail.cn\r\n`);
    expect(ics.text).toContain('SEQUENCE:1\r\n');
    expect(ics.text).toContain('DTSTART;TZID=Asia/Shanghai:20261009T150000\r\n');
    await page.goto('/outbox');
    await expect(page.locator('.outbox-item').filter({ hasText: '改约' })).toHaveCount(1);
    expectNoConsoleErrors(consoleErrors);
  } finally {
    await stopIntake(intake);
  }
});

test.describe('in another time zone', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test('each slot also shows the local time, daylight saving included, from the tz module only this browser loads', async ({ page, consoleErrors }) => {
    const modules = new Set();
    page.on('request', (r) => { const m = new URL(r.url()).pathname.match(/^\/((split|chunk)_[^/]*\.wasm)$/); if (m) modules.add(m[1]); });
    await page.clock.install({ time: NOW });
    await openBooking(page);
    await page.getByRole('radio', { name: /^远程支持/ }).check();
    // Summer time (UTC+2) on 10 Oct, winter time (UTC+1) after 25 Oct.
    await range(page, '2026-10-10', '2026-10-26');
    const summer = page.locator('fieldset.slot-time', { has: slot(page, 'eng-chen-zhiqiang', '2026-10-10T09:00:00+08:00') });
    await expect(summer.locator('.slot-local')).toHaveText('当地时间 10-10 03:00–04:30');
    const winter = page.locator('fieldset.slot-time', { has: slot(page, 'eng-chen-zhiqiang', '2026-10-26T09:00:00+08:00') });
    await expect(winter.locator('.slot-local')).toHaveText('当地时间 10-26 02:00–03:30');
    await expect(page.getByText('您的浏览器时区为 Europe/Berlin')).toBeVisible();
    const berlin = [...modules];

    // The same page in Beijing time loads fewer modules: not the tz database.
    const shanghai = await page.context().browser().newContext({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    const other = await shanghai.newPage();
    const seen = new Set();
    other.on('request', (r) => { const m = new URL(r.url()).pathname.match(/^\/((split|chunk)_[^/]*\.wasm)$/); if (m) seen.add(m[1]); });
    await other.clock.install({ time: NOW });
    await openBooking(other);
    await other.getByRole('radio', { name: /^远程支持/ }).check();
    await range(other, '2026-10-10', '2026-10-26');
    await expect(slot(other, 'eng-chen-zhiqiang', '2026-10-10T09:00:00+08:00')).toHaveCount(1);
    await other.waitForLoadState('networkidle');
    await expect(other.locator('.slot-local')).toHaveCount(0);
    const only = berlin.filter((m) => !seen.has(m));
    expect(only.length).toBeGreaterThan(0);
    await shanghai.close();
    expectNoConsoleErrors(consoleErrors);
  });
});
