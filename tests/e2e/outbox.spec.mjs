// Writes that are never lost: a new request and a ticket reply go into the
// outbox (IndexedDB) first and reach `portal intake` (the reference
// receiver, behind deploy/nginx.conf's /intake/) exactly once, across a
// reload and an intake that is down; a refusal shows its reason.
//
// The tests start and stop the intake themselves on $INTAKE_PORT (the port
// scripts/serve-dist.sh proxied /intake/ to), so they run one after another.
import { test, expect, expectNoConsoleErrors, accessKey, ticketLink, takeIntakeLock, releaseIntakeLock, startIntake, stopIntake, accepted, newInbox } from './fixtures.mjs';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

test.describe.configure({ mode: 'serial' });
// Not while another file runs its own intake (fixtures.mjs).
test.beforeAll(async () => {
  test.setTimeout(10 * 60_000);
  await takeIntakeLock();
});
test.afterAll(releaseIntakeLock);

// The demo workspace's first deployment, read from the publisher's source.
const HUANAN = JSON.parse(readFileSync(join(ROOT, 'demo/private/workspaces/huanan.json'), 'utf8')).workspace;

async function openRequestForm(page) {
  await page.goto('/request');
  await page.locator('#access-key').fill(accessKey('huanan'));
  await page.getByRole('button', { name: '打开工作台' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '在线提交服务请求' })).toBeVisible();
}

async function fillRequest(page, title) {
  await page.getByRole('radio', { name: /^P2/ }).check();
  await page.locator('#request-title').fill(title);
  await page.locator('#request-description').fill('自 9:30 起约 30 名用户 IMAP 收信超时，已重启 IMAP 服务，无改善。');
  await page.locator('#request-name').fill('李明');
  await page.locator('#request-email').fill('li.ming@demo-corp.cn');
}

test('the form shows the deadline before sending, and it moves with the clock and the severity', async ({ page, consoleErrors }) => {
  // Monday 2026-12-07 10:00: the online channel (09:00–18:00) is open.
  // Paused on the minute: a second later, P3 would be due the next morning.
  await page.clock.install({ time: new Date('2026-12-07T09:59:00+08:00') });
  await page.clock.pauseAt(new Date('2026-12-07T10:00:00+08:00'));
  await openRequestForm(page);
  const due = page.locator('.deadline-preview .deadline time');
  // P3 by default: 8 open hours from 10:00 reach 18:00, the closing time itself.
  await expect(due).toHaveText('2026-12-07 18:00');
  await expect(page.locator('[data-channel-state]')).toContainText('在线渠道现在开放');
  await page.getByRole('radio', { name: /^P1/ }).check();
  await expect(due).toHaveText('2026-12-07 11:00');
  await expect(page.locator('[data-deadline-sentence]')).toHaveText('如现在通过在线渠道提交，P1 级请求，Coremail 将在 11:00 前响应。');
  // The form stays open for an hour: the deadline follows.
  await page.clock.fastForward('01:00:00');
  await expect(due).toHaveText('2026-12-07 12:00');
  expectNoConsoleErrors(consoleErrors);
});

test('at night and on a holiday the form says the channel is closed and when the clock starts', async ({ page }) => {
  // Friday 2026-10-02, inside National Day (1–7 Oct): closed until Thursday 8 Oct.
  await page.clock.install({ time: new Date('2026-10-02T19:59:00+08:00') });
  await page.clock.pauseAt(new Date('2026-10-02T20:00:00+08:00'));
  await openRequestForm(page);
  await expect(page.locator('[data-channel-state]')).toHaveText('在线渠道现在关闭（非工作时间）。请求会先保存，计时从 2026-10-08 09:00 开始。');
  await page.getByRole('radio', { name: /^P1/ }).check();
  await expect(page.locator('.deadline-preview .deadline time')).toHaveText('2026-10-08 10:00');
});

test('what is wrong is said next to the field, and nothing is queued', async ({ page }) => {
  await openRequestForm(page);
  await page.locator('#request-email').fill('li.ming at demo-corp');
  await page.getByRole('button', { name: '提交请求' }).click();
  await expect(page.locator('#request-title-error')).toHaveText('请填写。');
  await expect(page.locator('#request-email-error')).toHaveText('请输入有效的邮箱地址，如 name@example.com。');
  await expect(page.locator('#request-title')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#request-title')).toBeFocused();
  await expect(page.locator('.outbox-link')).toHaveCount(0);
});

test('a request survives a reload while the intake is down, and arrives exactly once after it starts', async ({ page, consoleErrors }) => {
  const inbox = newInbox();
  let intake;
  try {
    await page.clock.install({ time: new Date('2026-12-07T10:00:00+08:00') });
    await openRequestForm(page);
    const title = `部分用户无法收信 ${Date.now()}`;
    await fillRequest(page, title);
    await page.getByRole('button', { name: '提交请求' }).click();
    await expect(page.locator('[data-request-queued]')).toBeVisible();
    // The form is cleared; the header counts what waits.
    await expect(page.locator('#request-title')).toHaveValue('');
    await expect(page.locator('.outbox-link .count-badge')).toHaveText('1');

    // Nothing listens behind nginx: the attempt fails and the item waits.
    await page.goto('/outbox');
    const item = page.locator('.outbox-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(title);
    await expect(item.locator('[data-outbox-state]')).toHaveText('待发送');
    await expect(item).toContainText('上次发送失败：HTTP 502');

    await page.reload();
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(title);
    // After three failed attempts the e-mail draft is offered, with its block.
    for (let i = 0; i < 3; i++) {
      const before = await item.textContent();
      await page.getByRole('button', { name: '立即重试' }).click();
      await expect(item).not.toHaveText(before);
    }
    await expect(item).toContainText(/已尝试 [3-9] 次/);
    await item.locator('summary', { hasText: '通过邮件发送' }).click();
    const draft = item.locator('textarea');
    await expect(draft).toHaveValue(/-----BEGIN COREMAIL PORTAL SUBMISSION-----\n\{.*"kind":"new_request".*\}\n-----END COREMAIL PORTAL SUBMISSION-----/s);
    await expect(item.getByRole('link', { name: '在邮件程序中打开' })).toHaveAttribute('href', /^mailto:support@coremail\.cn\?subject=/);
    expect(accepted(inbox)).toHaveLength(0);

    intake = await startIntake(inbox);
    await page.getByRole('button', { name: '立即重试' }).click();
    await expect(item.locator('[data-outbox-state]')).toHaveText('已受理');
    await expect(page.locator('.outbox-link')).toHaveCount(0);

    // Reloads and time do not send it again.
    await page.reload();
    await expect(item.locator('[data-outbox-state]')).toHaveText('已受理');
    await page.waitForTimeout(1500);
    const got = accepted(inbox);
    expect(got).toHaveLength(1);
    expect(got[0].request.title).toBe(title);
    expect(got[0].request.kind).toBe('new_request');
    expect(got[0].request.product).toBe(HUANAN.deployments[0].product);
    expect(got[0].request.version).toBe(HUANAN.deployments[0].version);
    expect(got[0].request.priority).toBe('P2');
    expect(got[0].sender).toMatchObject({ scope: 'workspace', id: 'huanan' });
    expectNoConsoleErrors(consoleErrors, [/status of 502/]);
  } finally {
    await stopIntake(intake);
  }
});

test('a ticket reply shows as pending in the conversation, then is delivered once', async ({ page, consoleErrors }) => {
  const inbox = newInbox();
  let intake;
  try {
    await page.goto(ticketLink('CM2026-001414'));
    await expect(page.locator('.ticket-number')).toHaveText('CM2026-001414');
    const text = `已按建议重启 IMAP 服务，问题仍在。${Date.now()}`;
    // The reply box loads when asked for, with the focus in it.
    await expect(page.locator('#reply-text')).toHaveCount(0);
    await page.getByRole('button', { name: '补充回复' }).click();
    await expect(page.locator('#reply-text')).toBeFocused();
    await page.locator('#reply-text').fill(text);
    await page.getByRole('button', { name: '发送回复' }).click();
    const pending = page.locator('.pending-replies .event.pending');
    // Stored in IndexedDB first, then shown: on a loaded 2-core CI machine
    // that has taken over the default 5 s (the full run of 2026-12-06).
    await expect(pending).toHaveCount(1, { timeout: 15_000 });
    await expect(pending).toContainText(text);
    await expect(pending).toHaveAttribute('data-reply-state', 'queued');
    await expect(page.locator('#reply-text')).toHaveValue('');

    intake = await startIntake(inbox);
    await page.goto('/outbox');
    // A reload starts the outbox, which may deliver the reply on its own
    // before "retry now" is pressed: either way it ends accepted, once.
    const retry = page.getByRole('button', { name: '立即重试' });
    const state = page.locator('.outbox-item [data-outbox-state]');
    await expect(retry.or(state.filter({ hasText: '已受理' }))).toBeVisible();
    await retry.click({ timeout: 2000 }).catch(() => {});
    await expect(state).toHaveText('已受理');
    // Back on the ticket: still shown until the published ticket carries it.
    await page.goto(ticketLink('CM2026-001414'));
    await expect(pending).toHaveAttribute('data-reply-state', 'accepted');
    await page.waitForTimeout(1000);
    const got = accepted(inbox);
    expect(got).toHaveLength(1);
    expect(got[0].request).toEqual({ kind: 'ticket_reply', ticket: 'CM2026-001414', text });
    expect(got[0].sender).toMatchObject({ scope: 'ticket', id: 'CM2026-001414' });
    expectNoConsoleErrors(consoleErrors, [/status of 502/]);
  } finally {
    await stopIntake(intake);
  }
});

test('a submission the receiver refuses shows its reason, and is not sent again', async ({ page, consoleErrors }) => {
  // The receiver's catalogue no longer lists the version this customer runs
  // (retired between publishing the portal and sending).
  const api = mkdtempSync(join(tmpdir(), 'portal-api-'));
  cpSync(join(ROOT, 'public/api'), api, { recursive: true });
  const products = JSON.parse(readFileSync(join(api, 'products.json'), 'utf8'));
  const { product, version } = HUANAN.deployments[0];
  for (const p of products) if (p.id === product) p.versions = p.versions.filter((v) => v.version !== version);
  writeFileSync(join(api, 'products.json'), JSON.stringify(products));
  const inbox = newInbox();
  const intake = await startIntake(inbox, api);
  try {
    await openRequestForm(page);
    await fillRequest(page, '版本已下线后提交的请求');
    await page.getByRole('button', { name: '提交请求' }).click();
    await page.getByRole('link', { name: '查看发件箱' }).click();
    const item = page.locator('.outbox-item');
    await expect(item.locator('[data-outbox-state]')).toHaveText('被拒绝');
    await expect(item.locator('[data-refusal]')).toContainText('产品与版本：Coremail 不认识此产品版本，请从列表中选择。');
    // A refusal waits for the user: the badge shows it, nothing retries it.
    await expect(page.locator('.outbox-link .count-badge')).toHaveText('1');
    await expect(page.getByRole('button', { name: '立即重试' })).toHaveCount(0);
    await item.getByRole('button', { name: '从列表中删除' }).click();
    await expect(page.locator('[data-outbox-empty]')).toBeVisible();
    expect(accepted(inbox)).toHaveLength(0);
    expectNoConsoleErrors(consoleErrors, [/status of 422/, /status of 400/]);
  } finally {
    await stopIntake(intake);
  }
});

test('a request can be written and sent with the keyboard alone', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-12-07T09:59:00+08:00') });
  await page.clock.pauseAt(new Date('2026-12-07T10:00:00+08:00'));
  await page.goto('/request');
  await page.locator('#access-key').focus();
  await page.keyboard.type(accessKey('huanan'));
  await page.keyboard.press('Enter');
  await expect(page.locator('#request-deployment')).toBeVisible();
  await page.locator('#request-deployment').focus();
  // Into the severity group: the checked radio (P3) takes the focus; ArrowUp twice is P1.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: /^P3/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: /^P1/ })).toBeChecked();
  await expect(page.locator('.deadline-preview .deadline time')).toHaveText('2026-12-07 11:00');
  await page.keyboard.press('Tab');
  await expect(page.locator('#request-title')).toBeFocused();
  await page.keyboard.type('全部用户无法登录');
  await page.keyboard.press('Tab');
  await page.keyboard.type('09:40 起 Web 和客户端均无法登录。');
  await page.keyboard.press('Tab');
  await page.keyboard.type('李明');
  await page.keyboard.press('Tab');
  await page.keyboard.type('li.ming@demo-corp.cn');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-request-queued]')).toBeVisible();
});
