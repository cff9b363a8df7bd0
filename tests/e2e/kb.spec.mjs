// Knowledge-base browsing: categories with counts, featured articles, an
// article with breadcrumbs and related links; deep links survive a reload;
// hostile content in an article's blocks renders as text and runs nothing.
import { test, expect, expectNoConsoleErrors } from './fixtures.mjs';

test('categories with counts lead to articles, with breadcrumbs and related links', async ({ page, consoleErrors }) => {
  await page.clock.install({ time: new Date('2026-11-26T10:00:00+08:00') });
  await page.goto('/kb');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('在线知识库');
  await expect(page.locator('.featured .article-card')).toHaveCount(8); // week 2026-W48
  const sendReceive = page.locator('.category-card[data-category="send-receive"]');
  await expect(sendReceive).toContainText(/\d+ 篇/);
  const count = Number((await sendReceive.locator('.muted').textContent()).match(/(\d+)/)[1]);
  await sendReceive.getByRole('link').click();
  await expect(page).toHaveURL(/\/kb\/c\/send-receive$/);
  await expect(page.locator('.article-card')).toHaveCount(count);
  await page.locator('.article-card').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/kb\/a\//);
  await expect(page.locator('.breadcrumbs')).toContainText('知识库');
  await expect(page.locator('.article-body h2').first()).toBeVisible();
  await expect(page.locator('.article-meta')).toContainText('更新于');
  const related = page.locator('.related a');
  expect(await related.count()).toBeGreaterThan(0);
  // A deep link reloads to the same article.
  const url = page.url();
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.locator('.article-body')).toBeVisible();
  expectNoConsoleErrors(consoleErrors);
});

test('a hand-edited blocks file with script, a javascript: link and outside images renders as text and runs nothing', async ({ page, consoleErrors }) => {
  // portal index never publishes these (its own tests say so); the app
  // checks again, so a blocks file edited by hand cannot smuggle them in.
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await page.route('**/api/kb/articles/sr-smtp-535-auth-failed.json', (route) => route.fulfill({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ v: 1, blocks: [
      { h: { level: 2, text: ['标题 <script>alert(1)</script>'] } },
      { p: ['<img src=x onerror="alert(2)">'] },
      { p: [
        { a: { href: 'javascript:alert(3)', text: ['点我'] } }, ' ',
        { a: { href: 'https://www.coremail.cn', text: ['官网'] } }, ' ',
        { img: { src: 'https://evil.example/t.png', alt: '外链图' } },
        { img: { src: 'kb/%2e%2e/%2e%2e/secret.png', alt: '越界图' } },
      ] },
      { pre: { text: '<iframe src="javascript:alert(4)"></iframe>' } },
    ] }),
  }));
  await page.goto('/kb/a/sr-smtp-535-auth-failed');
  const body = page.locator('.article-body');
  await expect(body).toContainText('<script>alert(1)</script>');
  await expect(body).toContainText('<img src=x onerror="alert(2)">');
  await expect(body).toContainText('点我');
  await expect(body).toContainText('越界图');
  expect(await body.locator('script, iframe, img').count()).toBe(0);
  const hrefs = await body.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(['https://www.coremail.cn']);
  expect(dialogs).toBe(0);
  expectNoConsoleErrors(consoleErrors);
});

test('a published table renders as a table', async ({ page }) => {
  await page.goto('/kb/a/cl-outlook-imap-setup');
  const table = page.locator('.article-body table');
  await expect(table.locator('th').first()).toHaveText('协议');
  await expect(table.locator('tbody tr').first()).toContainText('993');
});

test('an unknown article says so', async ({ page }) => {
  await page.goto('/kb/a/no-such-article');
  await expect(page.getByRole('alert')).toContainText('知识库中没有这篇文章');
});

test('search in Chinese loads the index lazily, finds articles and highlights the words', async ({ page, consoleErrors }) => {
  const searchFiles = [];
  page.on('request', (r) => { if (r.url().includes('/api/kb/search/')) searchFiles.push(new URL(r.url()).pathname); });
  await page.goto('/kb');
  await expect(page.locator('.category-card').first()).toBeVisible();
  expect(searchFiles, 'nothing of the index before the first search').toEqual([]);

  await page.locator('#kb-search').fill('收信');
  const hits = page.locator('.search-hit');
  await expect(hits.first()).toBeVisible();
  expect(await hits.count()).toBeGreaterThanOrEqual(5);
  await expect(hits.first().locator('mark').first()).toHaveText('收信');
  // The document table and the one shard the query's term lives in.
  expect(searchFiles.filter((f) => f.includes('shard-')).length).toBe(1);
  expect(searchFiles).toContain('/api/kb/search/meta.json');

  await page.locator('#kb-search').fill('SMTP 535');
  await expect(hits.first()).toContainText('SMTP 535');
  await page.locator('#kb-search').fill('量子纠缠');
  await expect(page.getByText('没有找到相关文章')).toBeVisible();
  expectNoConsoleErrors(consoleErrors);
});

test('the category filter narrows search results', async ({ page }) => {
  await page.goto('/kb');
  await page.locator('#kb-search').fill('密码');
  await expect(page.locator('.search-hit').first()).toBeVisible();
  const all = await page.locator('.search-hit').count();
  await page.locator('.search-form select').selectOption('weak-password');
  await expect.poll(async () => page.locator('.search-hit').count()).toBeLessThan(all);
  const ids = await page.locator('.search-hit').evaluateAll((els) => els.map((e) => e.dataset.article));
  for (const id of ids) expect(id.startsWith('wp-')).toBe(true);
});
