// Every page on a desktop and on a phone-sized screen (two Playwright
// projects): nothing overflows sideways, the language switch stays in view.
import { test, expect, expectNoConsoleErrors, accessKey } from './fixtures.mjs';

const pages = {
  home: ['/', '.severity'],
  services: ['/services', '.service-item'],
  sla: ['/sla', '.deadline'],
  tickets: ['/tickets', '.lookup-form'],
  history: ['/history', '.lookup-form'],
  workspace: ['/workspace', '.workspace-form'],
  privacy: ['/privacy', '.privacy-page h1'],
  request: ['/request', '.workspace-form'],
  booking: ['/booking', '.workspace-form'],
  licences: ['/licences', '.workspace-form'],
  security: ['/security', '.workspace-form'],
  courses: ['/courses', '.course-list'],
  consult: ['/consult', '.consult-now'],
  terms: ['/terms', '.terms-section'],
  outbox: ['/outbox', '.outbox-page h1'],
  reminders: ['/reminders', '.reminder-group, [data-reminders-empty]'],
  settings: ['/settings', '.settings-matrix'],
  patches: ['/patches?mine=1', '.patches-page .patch-list, .patches-page .result-count'],
  downloads: ['/patches/downloads', '.patch-downloads-page h1'],
  kb: ['/kb', '.category-card'],
  article: ['/kb/a/sr-smtp-535-auth-failed', '.article-body h2'],
  community: ['/community', '.material-card'],
  'community-thread': ['/community/t/dkim-fail-forwarded-to-overseas', '.answer'],
  ask: ['/community/ask', '.workspace-form'],
  feedback: ['/feedback', '.workspace-form'],
};

for (const lang of ['zh-CN', 'en']) {
  for (const [name, [path, ready]] of Object.entries(pages)) {
    test(`${name} fits the screen (${lang})`, async ({ page, consoleErrors }, testInfo) => {
      await page.addInitScript((l) => localStorage.setItem('coremail-portal.lang', l), lang);
      await page.goto(path);
      await expect(page.locator(ready).first()).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
      await expect(page.locator('.lang-switch')).toBeInViewport();
      if (testInfo.project.name === 'desktop') {
        // On a desktop every section's name shows; none is cut off behind a scroll.
        const hidden = await page.locator('.site-nav').evaluate((nav) => nav.scrollWidth - nav.clientWidth);
        expect(hidden, 'navigation cut off, px').toBeLessThanOrEqual(0);
      }
      await page.screenshot({ path: testInfo.outputPath(`${name}-${lang}.png`), fullPage: true });
      expectNoConsoleErrors(consoleErrors);
    });
  }
}

// The header at every desktop width, with a count beside the navigation: the
// brand keeps its name and every section's link shows whole (the navigation
// takes a row of its own, or wraps, rather than cut a name off).
for (const lang of ['zh-CN', 'en']) {
  test(`the header shows the brand and every section at any desktop width (${lang})`, async ({ page, consoleErrors }, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'desktop widths');
    await page.addInitScript((l) => {
      localStorage.setItem('coremail-portal.lang', l);
      localStorage.setItem('coremail-portal.reminders-unread', '3');
    }, lang);
    for (const width of [660, 800, 1024, 1100, 1180, 1280, 1400, 1920]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/');
      await expect(page.locator('.reminders-link')).toBeVisible();
      const nav = page.locator('.site-nav');
      expect(await nav.evaluate((n) => n.scrollWidth - n.clientWidth), `${width}px: navigation cut off`).toBeLessThanOrEqual(0);
      for (const link of await nav.locator('a').all()) await expect(link, `${width}px`).toBeInViewport({ ratio: 1 });
      const brand = await page.locator('.brand-name').boundingBox();
      expect(brand?.width ?? 0, `${width}px: the brand's name`).toBeGreaterThan(100);
      await expect(page.locator('.lang-switch')).toBeInViewport({ ratio: 1 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${width}px: horizontal overflow`).toBeLessThanOrEqual(0);
    }
    expectNoConsoleErrors(consoleErrors);
  });
}

// The workspace once open: tables and cards stay within a phone's width.
for (const lang of ['zh-CN', 'en']) {
  test(`an open workspace fits the screen (${lang})`, async ({ page, consoleErrors }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('coremail-portal.lang', l), lang);
    await page.goto('/workspace');
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.locator('.workspace-form button[type="submit"]').click();
    await expect(page.locator('#report-guard')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`workspace-open-${lang}.png`), fullPage: true });
    expectNoConsoleErrors(consoleErrors);
  });
}

// The request form and a queued item in the outbox, on a phone too.
for (const lang of ['zh-CN', 'en']) {
  test(`the request form and the outbox fit the screen (${lang})`, async ({ page, consoleErrors }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('coremail-portal.lang', l), lang);
    await page.clock.install({ time: new Date('2026-12-07T10:00:00+08:00') });
    await page.goto('/request');
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.locator('.workspace-form button[type="submit"]').click();
    await expect(page.locator('.deadline-preview .deadline')).toBeVisible();
    await page.locator('.request-form button[type="submit"]').click();
    await expect(page.locator('.field-error').first()).toBeVisible();
    let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`request-${lang}.png`), fullPage: true });
    await page.locator('#request-title').fill('部分用户无法收信 IMAP timeouts on part of the users since this morning');
    await page.locator('#request-description').fill('自 9:30 起约 30 名用户 IMAP 收信超时。');
    await page.locator('#request-name').fill('李明');
    await page.locator('#request-email').fill('li.ming@demo-corp.cn');
    await page.locator('.request-form button[type="submit"]').click();
    await page.locator('[data-request-queued] a').click();
    await expect(page.locator('.outbox-item')).toHaveCount(1);
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await expect(page.locator('.lang-switch')).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath(`outbox-${lang}.png`), fullPage: true });
    // Nothing listens behind /intake/ in this run: the POST's 502 is expected.
    expectNoConsoleErrors(consoleErrors, [/status of 502/]);
  });
}

// The booking form with a week of slots and the list of this device's
// bookings, on a phone too.
for (const lang of ['zh-CN', 'en']) {
  test(`the booking form and its slots fit the screen (${lang})`, async ({ page, consoleErrors }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('coremail-portal.lang', l), lang);
    await page.clock.install({ time: new Date('2026-09-25T10:00:00+08:00') });
    await page.goto('/booking');
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.locator('.workspace-form button[type="submit"]').click();
    await page.locator('input[name="booking-kind"][value="onsite"]').check();
    await page.locator('#booking-city').selectOption('zhuhai');
    await page.locator('input[name="booking-kind"][value="remote_support"]').check();
    await page.locator('#booking-from').fill('2026-10-08');
    await page.locator('#booking-to').fill('2026-10-14');
    await expect(page.locator('input[name="booking-slot"]').first()).toBeVisible();
    await page.locator('.booking-form button[type="submit"]').click();
    await expect(page.locator('.field-error').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await expect(page.locator('.lang-switch')).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath(`booking-${lang}.png`), fullPage: true });
    expectNoConsoleErrors(consoleErrors);
  });
}


// The reminders of an open workspace and the settings matrix, on a phone too.
for (const lang of ['zh-CN', 'en']) {
  test(`the reminders of a workspace and the settings fit the screen (${lang})`, async ({ page, consoleErrors }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('coremail-portal.lang', l), lang);
    await page.clock.install({ time: new Date('2026-12-08T10:00:00+08:00') });
    await page.goto('/workspace');
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.locator('.workspace-form button[type="submit"]').click();
    await page.locator('[data-reminders-link]').click();
    await expect(page.locator('[data-reminder="licence:lic-xt5-branch:7"]')).toBeVisible();
    for (const step of ['reminders', 'settings']) {
      if (step === 'settings') {
        await page.locator('[data-settings-link]').click();
        await expect(page.locator('.settings-matrix')).toBeVisible();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal overflow in px (${step})`).toBeLessThanOrEqual(0);
      await expect(page.locator('.lang-switch')).toBeInViewport();
      if (testInfo.project.name === 'desktop') {
        const hidden = await page.locator('.site-nav').evaluate((nav) => nav.scrollWidth - nav.clientWidth);
        expect(hidden, 'navigation cut off, px').toBeLessThanOrEqual(0);
      }
      await page.screenshot({ path: testInfo.outputPath(`${step}-open-${lang}.png`), fullPage: true });
    }
    expectNoConsoleErrors(consoleErrors);
  });
}

// The licences list and the security charts once open, on a phone too: the
// tables scroll inside their box, the charts are drawn for the width they get.
for (const lang of ['zh-CN', 'en']) {
  test(`the licences and the security reports fit the screen (${lang})`, async ({ page, consoleErrors }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('coremail-portal.lang', l), lang);
    await page.clock.install({ time: new Date('2026-12-05T10:00:00+08:00') });
    await page.goto('/licences');
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.locator('.workspace-form button[type="submit"]').click();
    await expect(page.locator('#licence-table')).toBeVisible();
    await page.locator('#licence-table tbody input[type="checkbox"]').first().check();
    await page.locator('button[data-action="renew"]').click();
    let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`licences-${lang}.png`), fullPage: true });
    await page.locator('a[href="/security"]').first().click();
    await expect(page.locator('#guard-brute-force svg[role="img"]')).toBeVisible();
    // Each chart fits the width of its card.
    const widest = await page.locator('.chart svg').evaluateAll((svgs) => Math.max(...svgs.map((s) => s.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`security-${lang}.png`), fullPage: true });
    expectNoConsoleErrors(consoleErrors);
  });
}
