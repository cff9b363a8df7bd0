// The shell on a desktop and on a phone-sized screen: nothing overflows
// sideways, the header and the severity levels are all visible.
import { test, expect, expectNoConsoleErrors } from './fixtures.mjs';

for (const lang of ['zh-CN', 'en']) {
  test(`home page fits the screen (${lang})`, async ({ page, consoleErrors }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('coremail-portal.lang', l), lang);
    await page.goto('/');
    await expect(page.locator('.severity')).toHaveCount(4);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await expect(page.locator('.lang-switch')).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath(`home-${lang}.png`), fullPage: true });
    expectNoConsoleErrors(consoleErrors);
  });
}
