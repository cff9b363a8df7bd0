// Accessibility: axe-core (npm @axe-core/playwright, all of its default
// rules: WCAG 2.x A/AA and best practices) over every route of the portal,
// in Chinese and in English, on the desktop and the phone project, and over
// the states a user reaches by acting (a ticket opened, a history, search
// results, a computed deadline). A serious or critical violation fails.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, settled, ticketCode, accessKey } from './fixtures.mjs';

const api = (path) => JSON.parse(readFileSync(new URL(`../../public/api/${path}`, import.meta.url), 'utf8'));
const categories = api('kb/categories.json').map((c) => `/kb/c/${c.id}`);
const articles = api('kb/articles.json').map((a) => `/kb/a/${a.id}`);

const LANGS = {
  'zh-CN': { lookUp: '查询', open: '打开工作台', request: '在线提交新请求', submit: '提交请求', outbox: '查看发件箱' },
  en: { lookUp: 'Look up', open: 'Open the workspace', request: 'Submit a new request online', submit: 'Submit the request', outbox: 'View the outbox' },
};

/** The serious and critical violations on the page as it is now, readable. */
async function violations(page, where) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}, ${v.nodes.length} nodes) e.g. ${v.nodes[0].target.join(' ')}: ${v.nodes[0].failureSummary.split('\n').slice(0, 2).join(' ')}`);
}

async function withLang(page, lang) {
  await page.addInitScript((code) => localStorage.setItem('coremail-portal.lang', code), lang);
}

/** Opens each route and scans it. After the first, the router navigates
 * in the page (as a click on a link would), which spares a full reload per
 * article; `reload` opens every route cold instead. */
async function scanRoutes(page, lang, routes, { reload = false } = {}) {
  await withLang(page, lang);
  const found = [];
  for (const [i, route] of routes.entries()) {
    if (i === 0 || reload) {
      await page.goto(route, { waitUntil: 'networkidle' });
    } else {
      const before = await page.locator('main h1').first().textContent();
      await page.evaluate((to) => {
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate', { state: null }));
      }, route);
      await expect(page.locator('main h1').first()).not.toHaveText(before);
    }
    await settled(page);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    found.push(...(await violations(page, `${lang} ${route}`)));
  }
  return found;
}

const groups = {
  'home, directory, calculator, lookup, history, offline library and 404': [['/', '/services', '/sla', '/tickets', '/history', '/workspace', '/privacy', '/request', '/booking', '/courses', '/consult', '/terms', '/licences', '/security', '/reminders', '/settings', '/outbox', '/patches', '/patches/downloads', '/kb/offline', '/community', '/community/t/imap-timeout-after-v5014-upgrade', '/community/ask', '/feedback', '/no-such-page'], { reload: true }],
  'knowledge-base index and every category': [['/kb', ...categories], {}],
  'every article': [articles, {}],
};

for (const lang of Object.keys(LANGS)) {
  for (const [name, [routes, how]] of Object.entries(groups)) {
    test(`axe: ${name} (${lang})`, async ({ page }) => {
      test.setTimeout(180_000);
      expect(await scanRoutes(page, lang, routes, how)).toEqual([]);
    });
  }

  test(`axe: pages after acting — ticket, history, search results, deadline (${lang})`, async ({ page }) => {
    test.setTimeout(60_000);
    await withLang(page, lang);
    await page.clock.install({ time: new Date('2026-11-26T12:00:00+08:00') });
    const found = [];

    await page.goto('/tickets');
    await settled(page);
    await page.locator('#ticket-number').fill('CM2026-001244');
    await page.locator('#ticket-code').fill(ticketCode('CM2026-001244'));
    await page.getByRole('button', { name: LANGS[lang].lookUp }).click();
    await expect(page).toHaveURL(/\/t\/CM2026-001244$/);
    await expect(page.locator('.step.current')).toBeVisible();
    found.push(...(await violations(page, `${lang} a ticket`)));

    await page.goto('/history');
    await settled(page);
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.getByRole('button', { name: LANGS[lang].open, exact: true }).click();
    await expect(page.locator('.history-row')).toHaveCount(17);
    found.push(...(await violations(page, `${lang} a history`)));

    // The workspace of a customer with every kind of part: reports, a module not bought.
    await page.goto('/workspace');
    await settled(page);
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.getByRole('button', { name: LANGS[lang].open, exact: true }).click();
    await expect(page.locator('#report-guard')).toBeVisible();
    found.push(...(await violations(page, `${lang} a workspace`)));

    // The reminders of the open workspace (unread marks, buttons), and the settings.
    await page.locator('[data-reminders-link]').click();
    await expect(page.locator('[data-mark-read]').first()).toBeVisible();
    found.push(...(await violations(page, `${lang} the reminders of a workspace`)));
    await page.locator('[data-settings-link]').click();
    await expect(page.locator('[data-send-settings]')).toBeVisible();
    await page.locator('#on-patches').uncheck();
    found.push(...(await violations(page, `${lang} the settings with a type off`)));
    await page.locator('.site-nav a[href="/workspace"]').click();
    await expect(page.locator('#report-guard')).toBeVisible();

    // The request form, first with every problem shown, then queued; the outbox.
    await page.getByRole('link', { name: LANGS[lang].request }).click();
    await expect(page.locator('.deadline-preview .deadline')).toBeVisible();
    await page.getByRole('button', { name: LANGS[lang].submit }).click();
    await expect(page.locator('.field-error').first()).toBeVisible();
    found.push(...(await violations(page, `${lang} a request form with problems`)));
    await page.locator('#request-title').fill('IMAP');
    await page.locator('#request-description').fill('IMAP timeouts since 09:30.');
    await page.locator('#request-name').fill('Li Ming');
    await page.locator('#request-email').fill('li.ming@demo-corp.cn');
    await page.getByRole('button', { name: LANGS[lang].submit }).click();
    await page.getByRole('link', { name: LANGS[lang].outbox }).click();
    await expect(page.locator('.outbox-item')).toHaveCount(1);
    found.push(...(await violations(page, `${lang} the outbox with an item`)));

    await page.goto('/kb');
    await settled(page);
    await page.locator('#kb-search').fill(lang === 'en' ? 'smtp' : '收信');
    await expect(page.locator('.search-results li').first()).toBeVisible();
    found.push(...(await violations(page, `${lang} search results`)));

    await page.goto('/sla');
    await settled(page);
    await page.locator('input[name="priority"][value="P3"]').check();
    await page.locator('input[name="channel"][value="email"]').check();
    await page.locator('#received').fill('2026-02-14T19:50');
    await expect(page.locator('.result .deadline')).toBeVisible();
    found.push(...(await violations(page, `${lang} a deadline`)));

    expect(found).toEqual([]);
  });
}

// The booking form once the workspace is open: the on-site fields with the
// rule and the quote, the slots of a week, and the errors after a send.
for (const lang of Object.keys(LANGS)) {
  test(`axe: the booking form, its slots and its errors (${lang})`, async ({ page }) => {
    test.setTimeout(60_000);
    await withLang(page, lang);
    await page.clock.install({ time: new Date('2026-09-25T10:00:00+08:00') });
    await page.goto('/booking');
    await settled(page);
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.getByRole('button', { name: LANGS[lang].open }).click();
    await expect(page.locator('#booking-deployment')).toBeVisible();
    await page.locator('input[name="booking-kind"][value="onsite"]').check();
    await page.locator('#booking-city').selectOption('foshan');
    await page.locator('#booking-from').fill('2026-10-08');
    await page.locator('#booking-to').fill('2026-10-14');
    await expect(page.locator('input[name="booking-slot"]').first()).toBeVisible();
    await page.locator('.booking-form button[type="submit"]').click();
    await expect(page.locator('.field-error').first()).toBeVisible();
    const found = await violations(page, `${lang} /booking (on-site, errors)`);
    await page.locator('input[name="booking-kind"][value="remote_support"]').check();
    await expect(page.locator('#booking-consent')).toBeVisible();
    found.push(...(await violations(page, `${lang} /booking (remote support)`)));
    expect(found).toEqual([]);
  });
}


// 云产品授权管理 with a selection and the request form open, and the security
// views with charts, their tables opened, and a module not bought.
for (const lang of Object.keys(LANGS)) {
  test(`axe: licences with a request, security reports with tables (${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    await withLang(page, lang);
    await page.clock.install({ time: new Date('2026-12-05T10:00:00+08:00') });
    const found = [];
    await page.goto('/licences');
    await settled(page);
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.getByRole('button', { name: LANGS[lang].open, exact: true }).click();
    await page.locator('#licence-table tbody input[type="checkbox"]').first().check();
    await page.locator('button[data-action="renew"]').click();
    await expect(page.locator('#licence-request')).toBeVisible();
    found.push(...(await violations(page, `${lang} licences with a request`)));
    for (const id of ['huanan', 'dongfang']) {
      await page.goto('/security');
      await settled(page);
      await page.locator('#access-key').fill(accessKey(id));
      await page.getByRole('button', { name: LANGS[lang].open, exact: true }).click();
      await expect(page.locator('.security-reports svg').first()).toBeVisible();
      for (const s of await page.locator('.chart-data summary').all()) await s.click();
      found.push(...(await violations(page, `${lang} security reports (${id})`)));
    }
    expect(found).toEqual([]);
  });
}

// The community's search results, and the question and feedback forms
// once the workspace is open, with every problem shown.
for (const lang of Object.keys(LANGS)) {
  test(`axe: community search, the question and feedback forms with their errors (${lang})`, async ({ page }) => {
    test.setTimeout(60_000);
    await withLang(page, lang);
    await page.goto('/community?q=dkim');
    await settled(page);
    await expect(page.locator('.thread-card mark').first()).toBeVisible();
    const found = await violations(page, `${lang} /community (search)`);
    await page.goto('/community/ask?q=' + encodeURIComponent('离职员工邮件导出'));
    await settled(page);
    await page.locator('#access-key').fill(accessKey('huanan'));
    await page.getByRole('button', { name: LANGS[lang].open }).click();
    await expect(page.locator('#ask-title')).toBeVisible();
    await page.locator('#ask-title').fill('');
    await page.locator('#community-send').click();
    await expect(page.locator('.field-error:not([hidden])').first()).toBeVisible();
    found.push(...(await violations(page, `${lang} /community/ask (errors)`)));
    // In the app: a reload would end the workspace's visit.
    await page.evaluate(() => { history.pushState(null, '', '/feedback'); dispatchEvent(new PopStateEvent('popstate', { state: null })); });
    await expect(page.locator('#feedback-title')).toBeVisible();
    await page.locator('#feedback-attachments').fill('C:\\logs\\maillog.txt');
    await page.locator('#community-send').click();
    await expect(page.locator('#feedback-attachments-error')).toBeVisible();
    found.push(...(await violations(page, `${lang} /feedback (errors)`)));
    expect(found).toEqual([]);
  });
}
