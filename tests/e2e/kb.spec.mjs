// Knowledge-base browsing: categories with counts, featured articles, an
// article with breadcrumbs and related links; deep links survive a reload;
// hostile content in an article's blocks renders as text and runs nothing.
// Search: the index fetched lazily, the real count, partial matches
// labelled, the query and category in the URL.
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
  // The document table, the one shard the query's term lives in and the
  // documents files of the hits shown; no positions for a two-character word.
  expect(searchFiles.filter((f) => f.includes('shard-')).length).toBe(1);
  expect(searchFiles).toContain('/api/kb/search/meta.json');
  expect(searchFiles.some((f) => f.includes('/docs-'))).toBe(true);
  expect(searchFiles.filter((f) => f.includes('/pos-'))).toEqual([]);
  // A four-character word is checked against body positions.
  await page.locator('#kb-search').fill('收信延迟');
  await expect(page.locator('.search-count')).toHaveText('找到 2 篇相关文章');
  expect(searchFiles.some((f) => f.includes('/pos-'))).toBe(true);

  await page.locator('#kb-search').fill('SMTP 535');
  await expect(hits.first()).toContainText('SMTP 535');
  await page.locator('#kb-search').fill('量子纠缠');
  await expect(page.locator('.notice', { hasText: '没有找到相关文章' })).toBeVisible();
  await expect(page.locator('#kb-search-status')).toContainText('没有找到相关文章');
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

test('a search counts every match and shows the first twenty', async ({ page, consoleErrors }) => {
  await page.goto('/kb');
  await page.locator('#kb-search').fill('收信');
  // 22 demo articles hold 收信 (portal search public/api 收信 says so too).
  await expect(page.locator('.search-count')).toHaveText('找到 22 篇相关文章，显示前 20 篇');
  await expect(page.locator('.search-hit')).toHaveCount(20);
  await page.locator('#kb-search').fill('收信延迟');
  await expect(page.locator('.search-count')).toHaveText('找到 2 篇相关文章');
  await expect(page.locator('.search-hit')).toHaveCount(2);
  await expect(page.locator('.search-partial')).toHaveCount(0);
  expectNoConsoleErrors(consoleErrors);
});

test('when no article holds every word, the partial matches are labelled as such', async ({ page, consoleErrors }) => {
  await page.goto('/kb');
  await page.locator('#kb-search').fill('收信 量子纠缠');
  await expect(page.locator('.search-partial')).toHaveText('没有完全匹配的文章，以下文章包含部分词语。');
  await expect(page.locator('.search-hit').first()).toBeVisible();
  // A word that is nowhere finds nothing, not even partly.
  await page.locator('#kb-search').fill('区块链');
  await expect(page.locator('.notice', { hasText: '没有找到相关文章' })).toBeVisible();
  await expect(page.locator('#kb-search-status')).toContainText('没有找到相关文章');
  await expect(page.locator('.search-partial')).toHaveCount(0);
  expectNoConsoleErrors(consoleErrors);
});

test('the query and category live in the URL: shared, reloaded, back and forward', async ({ page, consoleErrors }) => {
  await page.goto('/');
  await page.locator('a[href="/kb"]').first().click();
  await expect(page).toHaveURL(/\/kb$/);
  await page.locator('#kb-search').pressSequentially('密码');
  // The first keystroke's search loads the engine and finishes last: the
  // page must still end on the whole word's results (it used to keep 密's).
  await expect(page).toHaveURL(/\/kb\?q=%E5%AF%86%E7%A0%81$/);
  await expect(page.locator('#kb-search-status')).toContainText('找到 21 篇');
  await page.locator('.search-form select').selectOption('weak-password');
  await expect(page).toHaveURL(/\/kb\?q=%E5%AF%86%E7%A0%81&c=weak-password$/);
  const hits = page.locator('.search-hit');
  await expect(hits.first()).toBeVisible();
  // The results of 密码 in every category may still be showing for a moment.
  const ids = () => hits.evaluateAll((els) => els.map((e) => e.dataset.article));
  await expect.poll(async () => (await ids()).every((id) => id.startsWith('wp-'))).toBe(true);
  const shown = await ids();
  expect(shown.length).toBeGreaterThan(0);

  // A reload (or the link, shared) brings back the same search.
  await page.reload();
  await expect(page.locator('#kb-search')).toHaveValue('密码');
  await expect(page.locator('.search-form select')).toHaveValue('weak-password');
  await expect.poll(() => hits.evaluateAll((els) => els.map((e) => e.dataset.article))).toEqual(shown);

  // Into an article and back: the search is still there.
  await hits.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/kb\/a\//);
  await page.goBack();
  await expect(page).toHaveURL(/\/kb\?q=%E5%AF%86%E7%A0%81&c=weak-password$/);
  await expect(page.locator('#kb-search')).toHaveValue('密码');
  await expect.poll(() => hits.evaluateAll((els) => els.map((e) => e.dataset.article))).toEqual(shown);
  await page.goForward();
  await expect(page).toHaveURL(/\/kb\/a\//);
  await page.goBack();

  // Typing replaced the entry instead of adding one per keystroke: one
  // step back is the page before the knowledge base.
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  expectNoConsoleErrors(consoleErrors);
});

test('a shared search link opens with its results', async ({ page }) => {
  await page.goto('/kb?q=' + encodeURIComponent('SMTP 535'));
  await expect(page.locator('#kb-search')).toHaveValue('SMTP 535');
  await expect(page.locator('.search-hit').first()).toContainText('SMTP 535');
  // Clearing the box clears the URL.
  await page.locator('#kb-search').fill('');
  await expect(page).toHaveURL(/\/kb$/);
  await expect(page.locator('.category-card').first()).toBeVisible();
});
