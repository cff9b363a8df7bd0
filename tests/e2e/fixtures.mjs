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
