// Keyboard use on every route: the skip link is the first stop and moves
// focus into the page's content; Tab reaches every visible control, each
// with a visible focus indicator; and the main journeys work with the
// keyboard alone.
import { test, expect, expectNoConsoleErrors, settled, ticketCode } from './fixtures.mjs';

const ROUTES = [
  '/', '/services', '/sla', '/tickets', '/history', '/workspace', '/privacy', '/request', '/booking', '/courses', '/consult', '/terms', '/licences', '/security', '/reminders', '/settings', '/outbox', '/patches', '/patches/downloads', '/kb', '/kb/c/send-receive',
  '/kb/a/sr-smtp-535-auth-failed', '/kb/offline', '/community', '/community/t/imap-timeout-after-v5014-upgrade',
  '/community/ask', '/feedback', '/no-such-page',
];

/** Every visible, enabled control on the page, as a stable description. */
const CONTROLS = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex="0"]';
function describe(el) {
  const path = [];
  for (let e = el; e && e.nodeType === 1 && path.length < 6; e = e.parentElement) {
    const i = e.parentElement ? Array.prototype.indexOf.call(e.parentElement.children, e) : 0;
    path.unshift(`${e.tagName.toLowerCase()}:${i}`);
  }
  return path.join('>');
}

for (const route of ROUTES) {
  test(`keyboard on ${route}: skip link first, every control reachable with a visible focus`, async ({ page, consoleErrors }) => {
    await page.goto(route);
    await settled(page);

    // The skip link is the first stop, visible when focused, and leads into
    // the content: the next Tab lands inside <main>, not in the header.
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    await expect(skip).toBeFocused();
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0, 'skip link visible when focused').toBeTruthy();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    const firstInMain = await page.evaluate((sel) => [...document.querySelectorAll(sel)]
      .some((el) => el.closest('main') && el.getClientRects().length > 0), CONTROLS);
    if (firstInMain) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement.closest('main')), 'after the skip link, Tab stays in the content').toBe(true);
    }

    // Tab through the whole page from the top.
    const expected = await page.evaluate(({ sel, describeSrc }) => {
      const describe = new Function(`return (${describeSrc})`)();
      return [...document.querySelectorAll(sel)]
        .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert], [hidden]'))
        // A closed <details> shows only its summary: what it holds is reached by opening it.
        .filter((el) => !el.closest('details:not([open]) > :not(summary)'))
        .filter((el) => !(el.type === 'radio' && !el.checked && document.querySelector(`input[type="radio"][name="${el.name}"]:checked`)))
        .map(describe);
    }, { sel: CONTROLS, describeSrc: describe.toString() });
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await page.locator('body').focus();
    const reached = new Set();
    const unfocusedLook = [];
    let first;
    for (let i = 0; i < expected.length + 40; i++) {
      await page.keyboard.press('Tab');
      const seen = await page.evaluate((describeSrc) => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const describe = new Function(`return (${describeSrc})`)();
        const s = getComputedStyle(el);
        const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        return { id: describe(el), visible, text: (el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40) };
      }, describe.toString());
      if (!seen) continue;
      if (seen.id === first) break; // wrapped around to the top
      first ??= seen.id;
      if (reached.has(seen.id)) continue; // a date field's segments are stops of one input
      reached.add(seen.id);
      if (!seen.visible) unfocusedLook.push(`${seen.id} "${seen.text}"`);
    }
    const missed = expected.filter((id) => !reached.has(id));
    expect(missed, 'controls Tab never reaches').toEqual([]);
    expect(unfocusedLook, 'controls with no visible focus indicator').toEqual([]);
    expectNoConsoleErrors(consoleErrors);
  });
}

test('a ticket is looked up and opened with the keyboard alone', async ({ page, consoleErrors }) => {
  await page.goto('/tickets');
  await settled(page);
  await page.locator('#ticket-number').focus();
  await page.keyboard.type('CM2026-001244');
  await page.keyboard.press('Tab');
  await expect(page.locator('#ticket-code')).toBeFocused();
  await page.keyboard.type(ticketCode('CM2026-001244'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/t\/CM2026-001244$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IMAP 服务频繁中断，全员客户端无法收信');
  expectNoConsoleErrors(consoleErrors);
});

test('the SLA calculator is operated with the keyboard alone', async ({ page, consoleErrors }) => {
  // Installed a second early: pausing at the install time itself fails
  // ("cannot fast-forward to the past") when a millisecond passes between.
  await page.clock.install({ time: new Date('2026-11-26T09:59:59+08:00') });
  await page.clock.pauseAt(new Date('2026-11-26T10:00:00+08:00'));
  await page.goto('/sla');
  await settled(page);
  // Radio groups move with the arrow keys.
  await page.locator('input[name="priority"]').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('input[name="priority"]').nth(1)).toBeChecked();
  await page.locator('input[name="channel"]').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('input[name="channel"]').nth(1)).toBeChecked();
  // The time field's segments step with the arrow keys; the result follows.
  await page.locator('#received').focus();
  await expect(page.locator('#received')).toHaveValue('2026-11-26T10:00');
  const before = await page.locator('.result .deadline').textContent();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('#received')).not.toHaveValue('2026-11-26T10:00');
  await expect(page.locator('.result .deadline')).not.toHaveText(before);
  // "Now" is a button reached with Tab and pressed with Space.
  const now = page.getByRole('button', { name: '设为现在' });
  for (let i = 0; i < 10 && !(await now.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab'); // past the field's remaining segments
  }
  await expect(now).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.locator('#received')).toHaveValue('2026-11-26T10:00');
  expectNoConsoleErrors(consoleErrors);
});

test('a knowledge-base search result is opened with the keyboard alone', async ({ page, consoleErrors }) => {
  await page.goto('/kb');
  await settled(page);
  // The search's polite live region is in the page before anything is typed
  // (one created with its results would not be announced) and says what was found.
  const status = page.locator('#kb-search-status[role="status"]');
  await expect(status).toHaveText('');
  await page.locator('#kb-search').focus();
  await page.keyboard.type('SMTP 535');
  const hit = page.locator('.search-results a').first();
  await expect(hit).toBeVisible();
  // Equal once typing has settled (the count of `SMTP` alone shows for a moment).
  const count = page.locator('.search-count');
  await expect.poll(async () => (await status.textContent()) === (await count.textContent())).toBe(true);
  await expect(status).toContainText('找到');
  await expect(page.locator('.search-results [aria-live], .search-results [role="status"]')).toHaveCount(0);
  await hit.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/kb\/a\//);
  await settled(page);
  expectNoConsoleErrors(consoleErrors);
});
