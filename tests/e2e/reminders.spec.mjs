// 消息提醒 and 消息设置: the reminders centre computed in the browser from
// the demo API and the huanan workspace under a frozen clock (Tuesday
// 2026-12-08 10:00 Beijing, a week before licence lic-xt5-branch expires on
// 2026-12-15, and within the objection period of the terms published
// 2026-11-30), settings that survive a reload and change the inbox, read
// marks that survive a reload and lower the header's count, settings export
// and import, and the settings submission reaching `portal intake` once.
import { test, expect, expectNoConsoleErrors, accessKey, takeIntakeLock, releaseIntakeLock, startIntake, stopIntake, accepted, newInbox } from './fixtures.mjs';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(10 * 60_000);
  await takeIntakeLock();
});
test.afterAll(releaseIntakeLock);

const NOW = new Date('2026-12-08T10:00:00+08:00');

async function openWorkspace(page) {
  await page.goto('/workspace');
  await page.locator('#access-key').fill(accessKey('huanan'));
  // Remembered, so every reload below opens it again by itself.
  await page.locator('#remember-key').check();
  await page.getByRole('button', { name: '打开工作台' }).click();
  await expect(page.locator('[data-reminders-link]')).toBeVisible();
}

const reminder = (page, id) => page.locator(`[data-reminder="${id}"]`);

test('without a workspace: the public reminders, the terms with their deadline, and a way to open the workspace', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: NOW });
  await page.goto('/reminders');
  await expect(page.getByRole('heading', { level: 1, name: '消息提醒' })).toBeVisible();
  const gate = page.locator('[data-public-only]');
  await expect(gate).toContainText('尚未打开工作台');
  await expect(gate.getByRole('link', { name: '打开工作台' })).toHaveAttribute('href', '/workspace');
  const terms = reminder(page, 'terms:2026.2');
  await expect(terms).toContainText('2026.2');
  await expect(terms).toContainText('截止：2026-12-14 24:00');
  await expect(terms.getByRole('link')).toHaveAttribute('href', '/terms');
  // A live course today at 14:30.
  await expect(reminder(page, 'course:c2612-spam')).toContainText('14:30');
  // Nothing private without the key.
  await expect(page.locator('[data-kind="licence"], [data-kind="patch"]')).toHaveCount(0);
  // In English too.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reminders' })).toBeVisible();
  await expect(terms).toContainText('Deadline: end of 2026-12-14');
  expectNoConsoleErrors(consoleErrors);
});

test('with the workspace: the licence 7 days from expiry is a renewal reminder, and the new patch a patch reminder', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: NOW });
  await openWorkspace(page);
  await page.locator('[data-reminders-link]').click();
  await expect(page.getByRole('heading', { level: 1, name: '消息提醒' })).toBeVisible();
  await expect(page.locator('[data-public-only]')).toHaveCount(0);
  const licence = reminder(page, 'licence:lic-xt5-branch:7');
  await expect(licence).toContainText('lic-xt5-branch');
  await expect(licence).toContainText('将于 2026-12-15 到期（剩 7 天）');
  await expect(licence.getByRole('link')).toHaveAttribute('href', '/workspace');
  // The 30-day stage is over: one reminder per licence.
  await expect(reminder(page, 'licence:lic-xt5-branch:30')).toHaveCount(0);
  // xt5-p2026-1124 applies to the headquarters' V5.0.14 and was never downloaded.
  const patch = reminder(page, 'patch:xt5-p2026-1124');
  await expect(patch).toContainText('V5.0.14');
  await expect(patch.getByRole('link')).toHaveAttribute('href', '/patches?q=xt5-p2026-1124');
  // Patches are a daily digest by default: under the day it was released.
  await expect(page.locator('.reminder-group', { has: patch }).locator('h2')).toHaveText('2026-11-24 每日摘要');
  // The critical Q4 fix is a major security event with its CVE.
  await expect(reminder(page, 'security:xt5-p2026-1110')).toContainText('CVE-2026-45120');
  await expect(reminder(page, 'terms:2026.2')).toBeVisible();
  // Following a reminder's link opens its page.
  await patch.getByRole('link').click();
  await expect(page).toHaveURL(/\/patches\?q=xt5-p2026-1124$/);
  expectNoConsoleErrors(consoleErrors);
});

test('mark as read survives a reload and lowers the header count', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: NOW });
  await openWorkspace(page);
  await page.goto('/reminders');
  const count = page.locator('.reminders-link .count-badge');
  await expect(count).toBeVisible();
  const before = Number(await count.textContent());
  expect(before).toBeGreaterThan(2);
  const licence = reminder(page, 'licence:lic-xt5-branch:7');
  await expect(licence.locator('[data-unread-mark]')).toBeVisible();
  await licence.getByRole('button', { name: '标为已读' }).click();
  await expect(licence.locator('[data-unread-mark]')).toHaveCount(0);
  await expect(count).toHaveText(String(before - 1));
  await page.reload();
  await expect(reminder(page, 'licence:lic-xt5-branch:7')).toBeVisible();
  await expect(reminder(page, 'licence:lic-xt5-branch:7').locator('[data-unread-mark]')).toHaveCount(0);
  await expect(count).toHaveText(String(before - 1));
  // The count shows on other pages too, without the reminders' code.
  await page.goto('/');
  await expect(count).toHaveText(String(before - 1));
  // Mark all: the badge goes away.
  await page.goto('/reminders');
  await page.getByRole('button', { name: '全部标为已读' }).click();
  await expect(page.locator('[data-unread]')).toHaveText('0 条未读');
  await expect(count).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-unread]')).toHaveText('0 条未读');
  await expect(count).toHaveCount(0);
  // Read, and from before this week: the old digests fold into one closed
  // group at the end; this week's and the immediate ones stay open.
  const earlier = page.locator('[data-earlier]');
  await expect(earlier).toHaveCount(1);
  await expect(earlier).not.toHaveAttribute('open', '');
  await expect(earlier.locator('summary')).toHaveText(/^更早的摘要（\d+ 组，\d+ 条，均已读）$/);
  const old = reminder(page, 'patch:xt5-p2026-1124');
  await expect(old).toBeHidden();
  await expect(reminder(page, 'licence:lic-xt5-branch:7')).toBeVisible();
  await earlier.locator('summary').click();
  await expect(old).toBeVisible();
  expectNoConsoleErrors(consoleErrors);
});

test('a setting changed survives a reload and changes what the reminders centre shows', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: NOW });
  await openWorkspace(page);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: '消息设置' })).toBeVisible();
  // Renewals off; patches as a weekly digest.
  await page.locator('#on-renewals').uncheck();
  await expect(page.locator('[data-settings-status="saved"]')).toBeVisible();
  await page.locator('#freq-patches').selectOption('weekly');
  await page.reload();
  await expect(page.locator('#on-renewals')).not.toBeChecked();
  await expect(page.locator('#freq-renewals')).toBeDisabled();
  await expect(page.locator('#freq-patches')).toHaveValue('weekly');
  await page.getByRole('link', { name: '返回消息提醒' }).click();
  await expect(reminder(page, 'patch:xt5-p2026-1124')).toBeVisible();
  await expect(reminder(page, 'licence:lic-xt5-branch:7')).toHaveCount(0);
  await expect(page.locator('[data-kind="licence"], [data-kind="service_period"]')).toHaveCount(0);
  // 2026-11-24 is in ISO week 48.
  const patch = reminder(page, 'patch:xt5-p2026-1124');
  await expect(page.locator('.reminder-group', { has: patch }).locator('h2')).toHaveText('2026-W48 每周摘要');
  // Back on: the renewal reminder returns.
  await page.goto('/settings');
  await page.locator('#on-renewals').check();
  await page.goto('/reminders');
  await expect(reminder(page, 'licence:lic-xt5-branch:7')).toBeVisible();
  expectNoConsoleErrors(consoleErrors);
});

test('settings export to a file and import from one; a bad file is explained in the user\'s language', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: NOW });
  await page.goto('/settings');
  await page.locator('#on-upgrades').uncheck();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出为文件' }).click()]);
  expect(file.suggestedFilename()).toBe('coremail-notification-settings.json');
  const exported = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(exported.format).toBe('coremail-portal/notification-settings/v1');
  expect(exported.types.upgrades.enabled).toBe(false);

  const dir = mkdtempSync(join(tmpdir(), 'portal-settings-'));
  exported.types.upgrades.enabled = true;
  exported.types.handover.enabled = false;
  writeFileSync(join(dir, 'good.json'), JSON.stringify(exported));
  await page.locator('[data-import]').setInputFiles(join(dir, 'good.json'));
  await expect(page.locator('[data-settings-status="imported"]')).toBeVisible();
  await expect(page.locator('#on-upgrades')).toBeChecked();
  await expect(page.locator('#on-handover')).not.toBeChecked();

  writeFileSync(join(dir, 'v2.json'), JSON.stringify({ ...exported, format: 'coremail-portal/notification-settings/v2' }));
  await page.locator('[data-import]').setInputFiles(join(dir, 'v2.json'));
  await expect(page.locator('[data-settings-status="import-failed"]')).toContainText('本门户只能读取 v1 版本');
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...exported, quiet_hours: { mode: 'sometimes' } }));
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.locator('[data-import]').setInputFiles(join(dir, 'bad.json'));
  await expect(page.locator('[data-settings-status="import-failed"]')).toContainText('Cannot import: the value at $.quiet_hours');
  // Nothing of the bad files was taken.
  await page.reload();
  await expect(page.locator('#on-handover')).not.toBeChecked();
  expectNoConsoleErrors(consoleErrors);
});

test('the settings submission reaches portal intake exactly once', async ({ page, consoleErrors }) => {
  const inbox = newInbox();
  const intake = await startIntake(inbox);
  try {
    await page.clock.install({ time: NOW });
    // Without the workspace the page says how to send.
    await page.goto('/settings');
    await expect(page.getByText('打开工作台后才能把设置发送给 Coremail。')).toBeVisible();
    await openWorkspace(page);
    await page.goto('/settings');
    await page.locator('#sms-patches').check();
    await page.locator('#quiet-daily').check();
    await page.getByRole('button', { name: '发送设置' }).click();
    await expect(page.locator('[data-settings-status="sent"]')).toBeVisible();
    await page.goto('/outbox');
    const item = page.locator('.outbox-item').filter({ hasText: '消息设置' });
    await expect(item).toHaveAttribute('data-state', 'accepted');
    // Reloading (which sends what is due again) makes no second copy.
    await page.reload();
    await expect(item).toHaveAttribute('data-state', 'accepted');
    const got = accepted(inbox);
    expect(got).toHaveLength(1);
    expect(got[0].sender).toMatchObject({ scope: 'workspace', id: 'huanan' });
    expect(got[0].request.kind).toBe('notification_settings');
    expect(got[0].request.settings.types.patches.channels.sms).toBe(true);
    expect(got[0].request.settings.quiet_hours).toEqual({ mode: 'daily', from: '22:00', to: '08:00' });
    expectNoConsoleErrors(consoleErrors);
  } finally {
    await stopIntake(intake);
  }
});

test('with the permission, due reminders raise a browser notification once each; without it, nothing', async ({ page, context, consoleErrors }) => {
  // Every notification the page raises, recorded (headless, the browser shows none).
  await page.addInitScript(() => {
    const Real = window.Notification;
    window.__raised = [];
    function Recorded(title, options) {
      window.__raised.push({ title, body: options?.body, tag: options?.tag });
      try {
        return new Real(title, options);
      } catch {
        return Object.create(Real.prototype);
      }
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    Recorded.requestPermission = (...args) => Real.requestPermission(...args);
    window.Notification = Recorded;
  });
  const raised = () => page.evaluate(() => window.__raised);
  await page.clock.install({ time: NOW });
  await openWorkspace(page);

  // Never asked: nothing is raised, and the page offers to turn them on.
  await page.goto('/reminders');
  await expect(reminder(page, 'licence:lic-xt5-branch:7')).toBeVisible();
  await expect(page.locator('[data-notify-enable]')).toBeVisible();
  expect(await raised()).toEqual([]);

  // Allowed (a Tuesday at 10:00, working time, so no quiet hours): the due
  // reminders of the kinds set to "immediately, in the browser", at most
  // three at once, each named by its reminder and titled as the page.
  await context.grantPermissions(['notifications']);
  await page.reload();
  await expect(reminder(page, 'licence:lic-xt5-branch:7')).toBeVisible();
  await expect(page.locator('[data-notify-enable]')).toBeHidden();
  await expect.poll(async () => (await raised()).length).toBeGreaterThan(0);
  const first = await raised();
  expect(first.length).toBeLessThanOrEqual(3);
  for (const n of first) {
    expect(n.title).toBe('消息提醒');
    await expect(reminder(page, n.tag)).toContainText(n.body);
  }
  // The next visit raises none of those again.
  await page.reload();
  await expect(reminder(page, 'licence:lic-xt5-branch:7')).toBeVisible();
  await page.waitForTimeout(500);
  const again = (await raised()).map((n) => n.tag);
  for (const n of first) expect(again).not.toContain(n.tag);
  expectNoConsoleErrors(consoleErrors);
});
