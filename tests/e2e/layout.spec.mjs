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
  kb: ['/kb', '.category-card'],
  article: ['/kb/a/sr-smtp-535-auth-failed', '.article-body h2'],
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
