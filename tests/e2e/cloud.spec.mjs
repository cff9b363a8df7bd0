// 云产品授权管理 (/licences) and the security views (/security), from the
// sealed demo workspaces. What the page should show is worked out here from
// the publisher's private source (demo/private), independently of the app:
// the rows, their order, the numbers in the charts' tables and CSVs. A
// renewal request reaches `portal intake` exactly once and shows as pending.
import { test, expect, expectNoConsoleErrors, accessKey, takeIntakeLock, releaseIntakeLock, startIntake, stopIntake, accepted, newInbox } from './fixtures.mjs';
import { readFileSync } from 'node:fs';

test.describe.configure({ mode: 'serial' });
// One of the files that start `portal intake` (fixtures.mjs): not at once.
test.beforeAll(async () => {
  test.setTimeout(10 * 60_000);
  await takeIntakeLock();
});
test.afterAll(releaseIntakeLock);

function source(id) {
  return JSON.parse(readFileSync(new URL(`../../demo/private/workspaces/${id}.json`, import.meta.url), 'utf8')).workspace;
}

// The frozen clock: Saturday 2026-12-05, 10:00 Beijing time.
const NOW = new Date('2026-12-05T10:00:00+08:00');
const TODAY = '2026-12-05';
const daysBetween = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

async function open(page, path, id) {
  await page.goto(path);
  await page.locator('#access-key').fill(accessKey(id));
  await page.getByRole('button', { name: '打开工作台' }).click();
  await expect(page.locator('.workspace-bar')).toContainText(source(id).company.zh);
}

const rows = (page) => page.locator('#licence-table tbody tr');
const rowOf = (page, account, feature) => page.locator(`#licence-table tbody tr[data-account="${account}"][data-feature="${feature}"]`);

test('the licences list every account feature, soonest expiry first, with days left', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: NOW });
  await open(page, '/licences', 'huanan');
  const features = source('huanan').cloud_features;
  await expect(rows(page)).toHaveCount(features.length);
  await expect(page.locator('[data-licence-count]')).toHaveText(`显示 ${features.length} 项，共 ${features.length} 项`);
  // By expiry, ascending; those never opened (no date) last.
  const dated = features.filter((f) => f.expires).sort((a, b) => a.expires.localeCompare(b.expires));
  const firstAccounts = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.dataset.account));
  expect(firstAccounts.slice(0, dated.length)).toEqual(dated.map((f) => f.account));
  // The push licence 7 days from expiry (the renewal reminder's data).
  const seven = features.find((f) => f.state === 'active' && f.expires && daysBetween(TODAY, f.expires) === 7);
  expect(seven, 'the demo has a feature 7 days from expiry').toBeTruthy();
  const row = rowOf(page, seven.account, seven.feature);
  await expect(row.locator('.state-badge')).toHaveText('已开通');
  await expect(row.locator('.state-badge')).toHaveClass(/due-soon/);
  await expect(row).toContainText('剩余 7 天');
  expectNoConsoleErrors(consoleErrors);
});

test('filter by feature and state, sort by account, and select for an action', async ({ page }) => {
  await page.clock.install({ time: NOW });
  await open(page, '/licences', 'huanan');
  const features = source('huanan').cloud_features;

  await page.locator('#licence-feature').selectOption('push');
  const push = features.filter((f) => f.feature === 'push');
  await expect(rows(page)).toHaveCount(push.length);
  await expect(page.locator('#licence-table tbody tr:not([data-feature="push"])')).toHaveCount(0);

  // Expiring: active and fewer than 30 days left, across every feature.
  await page.locator('#licence-feature').selectOption('');
  await page.locator('#licence-state').selectOption('expiring');
  const expiring = features.filter((f) => f.state === 'active' && f.expires && daysBetween(TODAY, f.expires) >= 0 && daysBetween(TODAY, f.expires) < 30);
  await expect(rows(page)).toHaveCount(expiring.length);

  // All, by account descending.
  await page.locator('#licence-state').selectOption('');
  await page.locator('#licence-sort').selectOption('account');
  await page.locator('#licence-order').selectOption('desc');
  const accounts = [...new Set(features.map((f) => f.account))].sort().reverse();
  await expect(rows(page).first()).toHaveAttribute('data-account', accounts[0]);
  await expect(rows(page).last()).toHaveAttribute('data-account', accounts[accounts.length - 1]);
  // The view is kept in the URL: a reload shows the same list and the same choices.
  await expect(page).toHaveURL(/\/licences\?sort=account&order=desc$/);
  await page.reload();
  await page.locator('#access-key').fill(accessKey('huanan'));
  await page.getByRole('button', { name: '打开工作台' }).click();
  await expect(page.locator('#licence-sort')).toHaveValue('account');
  await expect(page.locator('#licence-order')).toHaveValue('desc');
  await expect(rows(page).first()).toHaveAttribute('data-account', accounts[0]);

  // Select an active push (renewable, revocable) and an expired one (renewable only).
  const active = features.find((f) => f.feature === 'push' && f.state === 'active');
  const expired = features.find((f) => f.state === 'expired');
  await rowOf(page, active.account, active.feature).getByRole('checkbox').check();
  await rowOf(page, expired.account, expired.feature).getByRole('checkbox').check();
  await expect(page.locator('[data-selected]')).toHaveText('已选 2 项');
  await expect(page.locator('button[data-action="renew"]')).toHaveText('申请续期（2）');
  await expect(page.locator('button[data-action="revoke"]')).toHaveText('申请作废（1）');
  await expect(page.locator('button[data-action="open"]')).toBeDisabled();
  // A filter that hides one leaves the other as the selection.
  await page.locator('#licence-state').selectOption('expired');
  await expect(page.locator('[data-selected]')).toHaveText('已选 1 项');
  await page.locator('#licence-state').selectOption('');
  await page.getByRole('button', { name: '清除选择' }).click();
  await expect(page.locator('[data-selected]')).toHaveText('已选 0 项');
  await expect(page.locator('#licence-table input:checked')).toHaveCount(0);
});

test('a renewal request reaches the intake exactly once and shows as pending', async ({ page, consoleErrors }) => {
  const inbox = newInbox();
  let intake;
  try {
    intake = await startIntake(inbox);
    await page.clock.install({ time: NOW });
    await open(page, '/licences', 'huanan');
    const f = source('huanan').cloud_features.find((x) => x.state === 'active' && daysBetween(TODAY, x.expires) === 7);
    const row = rowOf(page, f.account, f.feature);
    await row.getByRole('checkbox').check();
    await page.locator('button[data-action="renew"]').click();
    const form = page.locator('#licence-request');
    await expect(form.getByRole('heading', { name: '申请续期' })).toBeVisible();
    await expect(form.locator('.licence-items li')).toHaveText([`${f.account} · Coremail Push`]);
    // Without a contact nothing is queued, and the form says why.
    await form.getByRole('button', { name: '发送申请' }).click();
    await expect(form.locator('[role="alert"]')).toContainText('联系邮箱');
    await page.locator('#licence-name').fill('李明');
    await page.locator('#licence-email').fill('li.ming@demo-corp.cn');
    await page.locator('#licence-note').fill('续期一年。');
    await form.getByRole('button', { name: '发送申请' }).click();
    await expect(page.locator('#licence-status')).toContainText('申请已保存到发件箱');
    await expect(row).toHaveAttribute('data-pending', 'renew');
    await expect(row.locator('.licence-pending')).toHaveText('续期申请处理中（已受理）');

    // A reload sends nothing again; the published data still shows the old
    // expiry, so the request is still pending.
    await page.reload();
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.getByRole('button', { name: '打开工作台' }).click();
    await expect(rowOf(page, f.account, f.feature).locator('.licence-pending')).toHaveText('续期申请处理中（已受理）');
    await page.waitForTimeout(1500);
    const got = accepted(inbox);
    expect(got).toHaveLength(1);
    expect(got[0].request).toEqual({
      kind: 'licence_request',
      action: 'renew',
      items: [{ account: f.account, feature: f.feature, expires: f.expires }],
      note: '续期一年。',
      contact: { name: '李明', email: 'li.ming@demo-corp.cn' },
    });
    expect(got[0].sender).toMatchObject({ scope: 'workspace', id: 'huanan' });
    await page.goto('/outbox');
    await expect(page.locator('.outbox-item')).toHaveCount(1);
    await expect(page.locator('.outbox-item')).toContainText('云产品续期 · 1 项');
    expectNoConsoleErrors(consoleErrors);
  } finally {
    await stopIntake(intake);
  }
});

test('a customer with no cloud feature is told so', async ({ page }) => {
  await open(page, '/licences', 'xibu');
  expect(source('xibu').cloud_features ?? []).toEqual([]);
  await expect(page.locator('[data-no-features]')).toContainText('没有账号开通或申请过云产品功能');
  await expect(page.locator('#licence-table')).toHaveCount(0);
});

// ------------------------------------------------------------- security

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

test('the guard charts render from the workspace with their table, summary and CSV', async ({ page, consoleErrors }) => {
  await open(page, '/security', 'huanan');
  const g = source('huanan').security.guard;
  const days = [...g.daily].sort((a, b) => a.date.localeCompare(b.date));
  const guard = page.locator('section[data-module="guard"]');
  await expect(guard).toHaveAttribute('data-bought', 'true');
  await expect(guard).toContainText(`统计周期：${g.period_from} 至 ${g.period_to}`);

  // Brute force: one bar a day, the summary with the period's total and worst day.
  const bf = page.locator('#guard-brute-force');
  await expect(bf.locator('svg[role="img"] rect')).toHaveCount(days.length);
  const worst = days.reduce((a, b) => (b.brute_force_attempts > a.brute_force_attempts ? b : a));
  await expect(bf.locator('.chart-summary')).toHaveText(`暴力破解尝试：周期合计 ${sum(days.map((d) => d.brute_force_attempts))}，最高为 ${worst.date} 的 ${worst.brute_force_attempts}。`);
  await expect(bf.locator('svg[role="img"] text').first()).toBeVisible();
  await expect(bf.locator('svg[role="img"]')).toContainText('单位：次/天');

  // Attacked accounts and attacking IPs: two lines, a legend, the table.
  const acc = page.locator('#guard-accounts');
  await expect(acc.locator('svg[role="img"] path')).toHaveCount(2);
  await expect(acc.locator('.chart-legend li')).toHaveText(['被攻击账号（个）', '攻击 IP（个）']);
  await expect(acc.locator('table')).toBeHidden();
  await acc.locator('summary').click();
  await expect(acc.locator('tbody tr')).toHaveCount(days.length);
  const d = days.find((x) => x.date === worst.date);
  await expect(acc.locator(`tr[data-date="${d.date}"] td`)).toHaveText([String(d.attacked_accounts), String(d.attacking_ips)]);

  // Its CSV: the same columns, named in Chinese.
  const [download] = await Promise.all([page.waitForEvent('download'), acc.getByRole('button', { name: '下载 CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('guard-accounts-zh.csv');
  const text = readFileSync(await download.path(), 'utf8');
  const lines = text.split('\r\n');
  expect(lines[0]).toBe('\ufeff日期,被攻击账号,攻击 IP');
  expect(lines).toContain(`${d.date},${d.attacked_accounts},${d.attacking_ips}`);
  expect(lines).toHaveLength(days.length + 2);

  // Compromised accounts, the top tables with region, the manual's actions.
  await expect(page.locator('#guard-compromised svg[role="img"] rect')).toHaveCount(days.length);
  await expect(page.locator('#guard-top-accounts tbody tr')).toHaveCount(g.top_attacked_accounts.length);
  const ip = g.top_attacking_ips[0];
  await expect(page.locator(`#guard-top-ips tr[data-ip="${ip.ip}"] td`)).toHaveText([ip.ip, ip.region.zh, String(ip.attempts)]);
  const compromised = g.top_attacked_accounts.filter((a) => a.compromised).map((a) => a.account);
  await expect(page.locator('#guard-actions li').first()).toHaveText(`锁定被破解的账号：${compromised.join('、')}。`);
  await expect(page.locator('#guard-actions')).toContainText('管理员控制台的防暴卫士模块');

  // CAC too; 海外通邮 was not bought: no chart, what it is and how to get it.
  await expect(page.locator('section[data-module="cac"] svg[role="img"]')).toHaveCount(2);
  const overseas = page.locator('section[data-module="overseas"]');
  await expect(overseas).toHaveAttribute('data-bought', 'false');
  await expect(overseas.locator('svg')).toHaveCount(0);
  await expect(overseas.getByRole('link', { name: '邮件咨询购买' })).toHaveAttribute('href', /^mailto:support@coremail\.cn\?subject=/);

  // In English: the words, the legend and the CSV's header follow.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('main h1')).toHaveText('Security reports');
  await expect(acc.locator('.chart-legend li')).toHaveText(['Attacked accounts (accounts)', 'Attacking IPs (IPs)']);
  const [en] = await Promise.all([page.waitForEvent('download'), page.locator('#guard-accounts').getByRole('button', { name: 'Download CSV' }).click()]);
  expect(readFileSync(await en.path(), 'utf8').split('\r\n')[0]).toBe('\ufeffDate,Attacked accounts,Attacking IPs');
  expectNoConsoleErrors(consoleErrors);
});

test('a customer with only 海外通邮 sees its charts and log, and no guard or CAC chart', async ({ page }) => {
  await open(page, '/security', 'dongfang');
  const o = source('dongfang').security.overseas;
  for (const m of ['guard', 'cac']) {
    await expect(page.locator(`section[data-module="${m}"]`)).toHaveAttribute('data-bought', 'false');
    await expect(page.locator(`section[data-module="${m}"] svg`)).toHaveCount(0);
  }
  const traffic = page.locator('#overseas-traffic');
  await expect(traffic.locator('svg[role="img"] path')).toHaveCount(2);
  await expect(traffic.locator('.chart-summary')).toContainText(`海外转发：周期合计 ${sum(o.daily.map((d) => d.forwarded))}`);
  await expect(traffic.locator('.chart-summary')).toContainText(`海外收信：周期合计 ${sum(o.daily.map((d) => d.received))}`);
  await expect(page.locator('#overseas-log tbody tr')).toHaveCount(o.abnormal_log.length);
  const first = o.abnormal_log[0];
  await expect(page.locator('#overseas-log tbody tr').first()).toContainText(first.reason);
});

test('a customer who bought no module sees no chart at all', async ({ page }) => {
  await open(page, '/security', 'xibu');
  expect(source('xibu').modules ?? []).toEqual([]);
  await expect(page.locator('section[data-bought="false"]')).toHaveCount(3);
  await expect(page.locator('.security-reports svg')).toHaveCount(0);
});

test('the workspace links to the licences and the security reports', async ({ page }) => {
  await open(page, '/workspace', 'huanan');
  await page.locator('a[data-security-link]').click();
  await expect(page.locator('main h1')).toHaveText('安全报告');
  await expect(page.locator('#guard-brute-force svg[role="img"]')).toBeVisible();
  await page.goBack();
  await page.locator('a[data-licences-link]').click();
  await expect(page.locator('main h1')).toHaveText('云产品授权管理');
  await expect(rows(page)).toHaveCount(source('huanan').cloud_features.length);
});
