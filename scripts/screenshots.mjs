import { readFileSync } from 'node:fs';
// Screenshots of the portal's pages in zh-CN and en, desktop and phone, for
// looking at what users see: node scripts/screenshots.mjs [base-url] [out-dir]
// (needs a served release build; CJK glyphs need Debian's fonts-noto-cjk).
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:8499';
const out = process.argv[3] ?? '.tmp/screenshots';
const pages = { home: '/', services: '/services', sla: '/sla', tickets: '/tickets', history: '/history', kb: '/kb', 'kb-category': '/kb/c/send-receive', article: '/kb/a/sr-smtp-535-auth-failed', community: '/community', 'community-search': '/community?q=dkim', 'community-thread': '/community/t/imap-timeout-after-v5014-upgrade', courses: '/courses', consult: '/consult', terms: '/terms', 'not-found': '/no/such/page', 'reminders-public': '/reminders', 'settings-public': '/settings' };
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const [device, viewport] of Object.entries(viewports)) {
  for (const lang of ['zh-CN', 'en']) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: device === 'phone' });
    await context.addInitScript((l) => localStorage.setItem('coremail-portal.lang', l), lang);
    const page = await context.newPage();
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(base + path);
      await page.waitForSelector('main h1');
      await page.waitForLoadState('networkidle');
      const file = `${out}/${name}-${lang}-${device}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    // A looked-up ticket and an opened history.
    await page.goto(base + `/t/CM2026-001310#${secret('tickets/CM2026-001310.json').access_code}`);
    await page.waitForSelector('.ticket-header');
    await page.screenshot({ path: `${out}/ticket-${lang}-${device}.png`, fullPage: true });
    await page.goto(base + '/history');
    await page.fill('#access-key', secret('workspaces/huanan.json').access_key);
    await page.click('button[type=submit]');
    await page.waitForSelector('.history-row');
    await page.screenshot({ path: `${out}/history-list-${lang}-${device}.png`, fullPage: true });
    // The workspace (this visit holds the key now), the request form, a
    // queued request in the outbox, a ticket with a pending reply, privacy.
    await page.click('.site-nav a[href="/workspace"]');
    await page.waitForSelector('#contract');
    await page.screenshot({ path: `${out}/workspace-open-${lang}-${device}.png`, fullPage: true });
    // The reminders centre and the settings, from the workspace.
    await page.click('a[data-reminders-link]');
    await page.waitForSelector('.reminder-group');
    await page.screenshot({ path: `${out}/reminders-${lang}-${device}.png`, fullPage: true });
    await page.click('a[data-settings-link]');
    await page.waitForSelector('.settings-matrix');
    await page.screenshot({ path: `${out}/settings-${lang}-${device}.png`, fullPage: true });
    await page.click('.site-nav a[href="/workspace"]');
    await page.waitForSelector('#contract');
    // 云产品授权管理 with two rows ticked and the renewal form open (not
    // sent), then the security charts with one table opened.
    await page.click('a[data-licences-link]');
    await page.waitForSelector('#licence-table');
    await page.check('#licence-table tbody tr:nth-child(1) input');
    await page.check('#licence-table tbody tr:nth-child(2) input');
    await page.click('button[data-action="renew"]');
    await page.waitForSelector('#licence-request');
    await page.screenshot({ path: `${out}/licences-${lang}-${device}.png`, fullPage: true });
    await page.click('.cloud-links a[href="/security"]');
    await page.waitForSelector('#guard-brute-force svg[role="img"]');
    await page.click('#guard-accounts summary');
    await page.screenshot({ path: `${out}/security-${lang}-${device}.png`, fullPage: true });
    // The terms with this workspace's contract (linked from the workspace), then back.
    await page.click('.site-nav a[href="/workspace"]');
    await page.click('a[data-terms-link]');
    await page.waitForSelector('[data-contract]');
    await page.screenshot({ path: `${out}/terms-contract-${lang}-${device}.png`, fullPage: true });
    await page.click('.site-nav a[href="/workspace"]');
    await page.waitForSelector('#contract');
    // The booking form from the workspace: an on-site visit with its rule and
    // person-days, then a remote-support booking sent and listed.
    await page.click('a[data-booking-link]');
    await page.waitForSelector('#booking-deployment');
    await page.check('input[name="booking-kind"][value="onsite"]');
    await page.selectOption('#booking-city', 'foshan');
    await page.fill('#booking-days', '5');
    await page.waitForSelector('input[name="booking-slot"]');
    await page.screenshot({ path: `${out}/booking-onsite-${lang}-${device}.png`, fullPage: true });
    await page.check('input[name="booking-kind"][value="remote_support"]');
    await page.click('.booking-form button[type=submit]');
    await page.waitForSelector('.field-error');
    await page.screenshot({ path: `${out}/booking-errors-${lang}-${device}.png`, fullPage: true });
    await page.check('input[name="booking-slot"] >> nth=0');
    await page.check('#booking-consent');
    await page.fill('#booking-name', '李明');
    await page.fill('#booking-email', 'li.ming@demo-corp.cn');
    await page.click('.booking-form button[type=submit]');
    await page.waitForSelector('.booking-item');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${out}/booking-mine-${lang}-${device}.png`, fullPage: true });
    await page.click('.site-nav a[href="/workspace"]');
    await page.waitForSelector('#contract');
    await page.click('a[href="/request"]');
    await page.waitForSelector('.deadline-preview .deadline');
    await page.click('.request-form button[type=submit]');
    await page.waitForSelector('.field-error');
    await page.screenshot({ path: `${out}/request-${lang}-${device}.png`, fullPage: true });
    await page.fill('#request-title', lang === 'en' ? 'IMAP timeouts for part of the users' : '部分用户 IMAP 收信超时');
    await page.fill('#request-description', '自 9:30 起约 30 名用户 IMAP 收信超时。');
    await page.fill('#request-name', '李明');
    await page.fill('#request-email', 'li.ming@demo-corp.cn');
    await page.click('.request-form button[type=submit]');
    await page.click('[data-request-queued] a');
    await page.waitForSelector('.outbox-item');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${out}/outbox-${lang}-${device}.png`, fullPage: true });
    await page.goto(base + `/t/CM2026-001414#${secret('tickets/CM2026-001414.json').access_code}`);
    // With the request just queued the box is already there; else ask for it.
    await page.waitForSelector('#reply-text, .reply-ask button');
    if (await page.locator('.reply-ask button').count()) await page.click('.reply-ask button');
    await page.waitForSelector('#reply-text');
    await page.fill('#reply-text', lang === 'en' ? 'Restarted IMAP as advised; still failing.' : '已按建议重启 IMAP 服务，问题仍在。');
    await page.click('.reply-form button[type=submit]');
    await page.waitForSelector('.pending-replies');
    await page.screenshot({ path: `${out}/ticket-reply-${lang}-${device}.png`, fullPage: true });
    // The patch catalogue for a deployment picked on the device (the page
    // loads above ended the workspace's visit), one patch checked, and the
    // download history.
    await page.click('.site-nav a[href="/patches"]');
    await page.waitForSelector('.patch-list');
    await page.selectOption('#pick-product', 'xt5');
    await page.selectOption('#pick-version', 'V5.0.12');
    await page.click('.deployment button[type=submit]');
    await page.click('.view-switch button[aria-pressed="false"]');
    await page.waitForSelector('.patch-list');
    const card = page.locator('.patch-list > li').first();
    await card.locator('summary').click();
    await card.locator('input[type=file]').setInputFiles({ name: 'x.tar.gz', mimeType: 'application/octet-stream', buffer: Buffer.from('not the patch') });
    await page.waitForSelector('[data-verify]');
    await page.screenshot({ path: `${out}/patches-${lang}-${device}.png`, fullPage: true });
    await page.click('a[href="/patches/downloads"]');
    await page.waitForSelector('#device-history');
    await page.screenshot({ path: `${out}/patch-downloads-${lang}-${device}.png`, fullPage: true });
    // The question form from a KB search that found nothing, with its
    // problems shown; the feedback form with a bad attachment name.
    await page.goto(base + '/community/ask?q=' + encodeURIComponent(lang === 'en' ? 'export leavers mail' : '离职员工邮件导出'));
    await page.fill('#access-key', secret('workspaces/huanan.json').access_key);
    await page.click('.workspace-form button[type=submit]');
    await page.waitForSelector('#ask-title');
    await page.click('#community-send');
    await page.waitForSelector('.field-error:not([hidden])');
    await page.screenshot({ path: `${out}/community-ask-${lang}-${device}.png`, fullPage: true });
    // In the app (a reload would end the workspace's visit).
    await page.evaluate(() => { history.pushState(null, '', '/feedback'); dispatchEvent(new PopStateEvent('popstate', { state: null })); });
    await page.waitForSelector('#feedback-title');
    await page.check('#feedback-type-defect');
    await page.fill('#feedback-attachments', 'screenshot-1.png\nC:\\Users\\li\\maillog.txt');
    await page.click('#community-send');
    await page.waitForSelector('.field-error:not([hidden])');
    await page.screenshot({ path: `${out}/feedback-${lang}-${device}.png`, fullPage: true });
    await page.click('.site-footer a[href="/privacy"]');
    await page.waitForSelector('.kept-table');
    await page.screenshot({ path: `${out}/privacy-${lang}-${device}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();

/** A file of the demo's private source (its secrets). */
function secret(file) {
  return JSON.parse(readFileSync(new URL(`../demo/private/${file}`, import.meta.url), 'utf8'));
}
