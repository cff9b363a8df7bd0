// Offline reading: opened articles are kept; a category can be saved; the
// offline library lists, searches, refreshes and removes; with the network
// gone a saved article still reads; a newer published revision is flagged.
import { test, expect, expectNoConsoleErrors, offlineReady, OFFLINE_ERRORS } from './fixtures.mjs';

test('an opened article is kept and reads offline', async ({ page }) => {
  await page.goto('/kb/a/sr-smtp-535-auth-failed');
  await expect(page.locator('.article-body h2').first()).toBeVisible();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '知识库' }).click();
  await expect(page.locator('.category-card').first()).toBeVisible();
  // The API becomes unreachable (the browser's HTTP cache would otherwise
  // answer for a few minutes: this tests the device copy itself).
  await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/kb/a/sr-smtp-535-auth-failed';
    document.body.appendChild(a);
    a.click();
  });
  await expect(page.locator('.offline')).toContainText('离线副本');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('客户端发信提示 SMTP 535 认证失败');
  await expect(page.locator('.article-body')).toContainText('535');
  // An article never opened is not there: the error panel says so.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/kb/a/ds-df-check-partitions';
    document.body.appendChild(a);
    a.click();
  });
  await expect(page.getByRole('alert')).toContainText('数据暂时无法加载');
});

test('saving a category fills the offline library, which searches and removes offline', async ({ page, context }) => {
  await page.goto('/kb/c/disk-space');
  await expect(page.locator('.article-card').first()).toBeVisible();
  const count = await page.locator('.article-card').count();
  await page.getByRole('button', { name: '保存本分类全部文章' }).click();
  await expect(page.getByRole('status')).toContainText(`已保存 ${count} 篇文章`);
  await page.getByRole('link', { name: '离线文章' }).click();
  await expect(page.locator('.offline-item')).toHaveCount(count);
  await expect(page.locator('.offline-item').first()).toContainText('手动保存');
  await expect(page.locator('.offline-item').first()).toContainText(/\d+ KB/);

  // The search engine is a module of its own, first fetched by this search:
  // offline, it comes from the service worker's cache.
  await offlineReady(page);
  await context.setOffline(true);
  await page.locator('.offline-search').fill('磁盘');
  await expect(page.locator('.offline-item').first()).toContainText('磁盘');
  await page.locator('.offline-search').fill('');
  const first = page.locator('.offline-item').first();
  const id = await first.getAttribute('data-article');
  await first.getByRole('button', { name: '移除' }).click();
  await expect(page.locator(`.offline-item[data-article="${id}"]`)).toHaveCount(0);
  await expect(page.locator('.offline-item')).toHaveCount(count - 1);
  await context.setOffline(false);
});

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('offline, the library search whose engine is not on the device yet waits for the network, then searches (en)', async ({ page, context, consoleErrors }) => {
    await page.addInitScript(() => localStorage.setItem('coremail-portal.lang', 'en'));
    for (const id of ['sr-smtp-535-auth-failed', 'ds-disk-alert-threshold']) {
      await page.goto(`/kb/a/${id}`);
      await expect(page.locator('.article-body')).toBeVisible();
    }
    await page.goto('/kb/offline');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offline library');
    await expect(page.locator('.offline-item')).toHaveCount(2);
    await context.setOffline(true);
    await page.getByRole('searchbox', { name: 'Search offline articles' }).fill('535');
    await expect(page.locator('#module-waiting')).toContainText('No network: this part of the service centre is not on this device yet.');
    // The list and what was typed stay as they were.
    await expect(page.locator('.offline-item')).toHaveCount(2);
    await expect(page.getByRole('searchbox', { name: 'Search offline articles' })).toHaveValue('535');
    await expect(page.locator('#fatal-error')).toBeHidden();
    await context.setOffline(false);
    await expect(page.locator('.offline-item')).toHaveCount(1);
    await expect(page.locator('.offline-item')).toHaveAttribute('data-article', 'sr-smtp-535-auth-failed');
    await expect(page.locator('#module-waiting')).toBeEmpty();
    expectNoConsoleErrors(consoleErrors, OFFLINE_ERRORS);
  });
});

test('a newer published revision is flagged and refresh takes it', async ({ page }) => {
  await page.goto('/kb/a/ds-disk-alert-threshold');
  await expect(page.locator('.article-body')).toBeVisible();
  await page.route('**/api/kb/articles.json', async (route) => {
    const list = await (await route.fetch()).json();
    for (const a of list) if (a.id === 'ds-disk-alert-threshold') a.revision += 1;
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(list) });
  });
  await page.goto('/kb/offline');
  const item = page.locator('.offline-item[data-article="ds-disk-alert-threshold"]');
  await expect(item.locator('.newer')).toHaveText('有新版本');
  await item.getByRole('button', { name: '更新' }).click();
  await expect(item.locator('.newer')).toHaveCount(0);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a full storage quota says so and keeps what was saved', async ({ page }) => {
  await page.goto('/kb/c/spam');
  await expect(page.locator('.article-card').first()).toBeVisible();
  const spam = await page.locator('.article-card').count();
  await page.getByRole('button', { name: '保存本分类全部文章' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
  // Now every write fails as a full quota would.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () { throw new DOMException('quota', 'QuotaExceededError'); };
    window.__restorePut = () => { IDBObjectStore.prototype.put = put; };
  });
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '知识库' }).click();
  await page.locator('.category-card[data-category="domain-dns"]').getByRole('link').click();
  await page.getByRole('button', { name: '保存本分类全部文章' }).click();
  await expect(page.getByRole('alert')).toContainText('本机存储空间已满');
  await page.evaluate(() => window.__restorePut());
  await page.goto('/kb/offline');
  // Exactly the spam articles: the failed save added nothing and lost nothing.
  await expect(page.locator('.offline-item')).toHaveCount(spam);
});

test('after one online visit the portal itself opens offline, with the library and saved articles', async ({ page, context }) => {
  await page.goto('/kb/a/sr-smtp-535-auth-failed');
  await expect(page.locator('.article-body h2').first()).toBeVisible();
  await offlineReady(page);
  await context.setOffline(true);
  // Reload the article itself with the network off: the shell comes from
  // the service worker, the article from the device.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('客户端发信提示 SMTP 535 认证失败');
  await expect(page.locator('.article-body')).toContainText('535');
  await page.goto('/kb/offline');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('离线文章');
  const item = page.locator('.offline-item[data-article="sr-smtp-535-auth-failed"]');
  await expect(item).toBeVisible();
  await item.getByRole('link').click();
  // From the device copy (or the browser's HTTP cache while it is fresh).
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('客户端发信提示 SMTP 535 认证失败');
  await expect(page.locator('.article-body')).toContainText('535');
  await context.setOffline(false);
});

test('the service worker precaches exactly the files of this build', async ({ request }) => {
  const sw = await (await request.get('/sw.js')).text();
  const html = await (await request.get('/')).text();
  for (const asset of html.match(/\/(?:portal-app|main|boot|favicon)-[0-9a-f]{16}[^"'\s>]*/g)) {
    expect(sw).toContain(`'${asset}'`);
  }
  expect(sw).toMatch(/const CACHE = 'portal-shell-[0-9a-f]{16}'/);
});

test('with the API unreachable, the knowledge base points at the offline library', async ({ page }) => {
  await page.route('**/api/kb/**', (route) => route.abort('internetdisconnected'));
  await page.goto('/kb');
  await expect(page.getByText('网络不可用。保存在本机的文章仍可阅读和搜索')).toBeVisible();
  await page.getByRole('link', { name: '离线文章 →' }).first().click();
  await expect(page).toHaveURL(/\/kb\/offline$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('离线文章');
});
