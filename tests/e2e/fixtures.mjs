// Shared fixture: every test fails if the page logs an error, throws, or
// violates the Content-Security-Policy (Chromium reports those as console
// errors), unless the test declares the errors it expects.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  consoleErrors: async ({ page }, use) => {
    const errors = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await use(errors);
  },
});

export { expect };

/** Fails the test with the collected errors, ignoring those matching `allowed`. */
export function expectNoConsoleErrors(errors, allowed = []) {
  const unexpected = errors.filter((e) => !allowed.some((re) => re.test(e)));
  expect(unexpected, 'console errors').toEqual([]);
}

/** Waits until the route's section module has loaded, its heading shows
 * and nothing on it is still loading (after a full load, the network is idle too). */
export async function settled(page) {
  await expect(page.locator('html')).not.toHaveAttribute('data-route-loading', /.*/);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
}
