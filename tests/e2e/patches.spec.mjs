// The patch catalogue (补丁管理 / 系统补丁在线下载): filtered to a deployment it
// shows only what applies and is not superseded; its filter lives in the URL;
// a download is recorded and survives a reload; a picked file is checked
// against the published SHA-256 in the browser.
import { test, expect, expectNoConsoleErrors, settled, accessKey } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const API = new URL('../../public/api/', import.meta.url);
const patches = JSON.parse(readFileSync(new URL('patches.json', API), 'utf8'));

// The rule of docs/api.md ("what applies to my deployment"), written here on
// its own from the published data, not taken from the app: for each
// installation, the patches of its product listing its version, minus those
// that a patch also applying to it supersedes, directly or through a chain.
function expectedFor(deployment) {
  const byId = new Map(patches.map((p) => [p.id, p]));
  const out = new Set();
  for (const [product, version] of deployment) {
    const here = patches.filter((p) => p.product === product && p.applies_to.includes(version));
    const hidden = new Set();
    for (const p of here) {
      const stack = [...(p.supersedes ?? [])];
      const seen = new Set();
      while (stack.length) {
        const id = stack.pop();
        if (seen.has(id)) continue;
        seen.add(id);
        if (id !== p.id) hidden.add(id);
        stack.push(...(byId.get(id)?.supersedes ?? []));
      }
    }
    for (const p of here) if (!hidden.has(p.id)) out.add(p.id);
  }
  return [...out].sort();
}

async function shownIds(page) {
  return (await page.locator('.patch-list > li').evaluateAll((items) => items.map((li) => li.dataset.patch))).sort();
}

async function pick(page, product, version) {
  await page.locator('#pick-product').selectOption(product);
  await page.locator('#pick-version').selectOption(version);
  await page.getByRole('button', { name: '添加' }).click();
}

test('filtered to a deployment, the catalogue shows only what applies and is not superseded, and counts it in the navigation', async ({ page, consoleErrors }) => {
  await page.goto('/patches');
  await settled(page);
  await pick(page, 'xt5', 'V5.0.12');
  await pick(page, 'archive2', 'V2.0.5');
  await page.getByRole('button', { name: /^适用于我的部署/ }).click();
  await expect(page).toHaveURL(/[?&]mine=1/);
  const expected = expectedFor([['xt5', 'V5.0.12'], ['archive2', 'V2.0.5']]);
  expect(expected.length).toBeGreaterThan(2);
  await expect.poll(() => shownIds(page)).toEqual(expected);
  // Something the demo supersedes for V5.0.12 is in the full list, not here.
  const superseded = patches.find((p) => p.product === 'xt5' && p.applies_to.includes('V5.0.12') && !expected.includes(p.id));
  expect(superseded, 'the demo has a superseded patch for V5.0.12').toBeTruthy();
  await expect(page.locator(`.patch-list > li[data-patch="${superseded.id}"]`)).toHaveCount(0);
  await expect(page.locator('.site-nav [data-patch-count]')).toHaveText(String(expected.length));
  // The choice and the view survive a reload; the count is there before the catalogue loads.
  await page.reload();
  await expect(page.locator('.site-nav [data-patch-count]')).toHaveText(String(expected.length));
  await expect.poll(() => shownIds(page)).toEqual(expected);
  // All patches: the superseded one is there, saying what superseded it.
  await page.getByRole('button', { name: '全部补丁' }).click();
  const card = page.locator(`.patch-list > li[data-patch="${superseded.id}"]`);
  await expect(card.locator('[data-superseded]')).toContainText('已被较新的补丁替代');
  const successor = patches.find((p) => (p.supersedes ?? []).includes(superseded.id));
  await expect(card.locator('[data-superseded]')).toContainText(`${successor.id} (${successor.applies_to.join(', ')})`);
  expectNoConsoleErrors(consoleErrors);
});

test('the filter lives in the URL: a shared link shows the same patches', async ({ page }) => {
  await page.goto('/patches');
  await settled(page);
  await page.locator('#filter-product').selectOption('xt5');
  await page.locator('#filter-kind').selectOption('security');
  await page.locator('#filter-q').fill('CVE-2025');
  await expect(page).toHaveURL(/product=xt5/);
  await expect(page).toHaveURL(/kind=security/);
  await expect(page).toHaveURL(/q=CVE-2025/);
  const expected = patches
    .filter((p) => p.product === 'xt5' && p.kind === 'security' && (p.cve ?? []).some((c) => c.toUpperCase().includes('CVE-2025')))
    .map((p) => p.id).sort();
  expect(expected.length).toBeGreaterThan(0);
  await expect.poll(() => shownIds(page)).toEqual(expected);
  // Opened fresh from the URL, in another page: the same list, the controls set.
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await settled(other);
  await expect(other.locator('#filter-kind')).toHaveValue('security');
  await expect.poll(() => shownIds(other)).toEqual(expected);
});

test('a download is recorded and is in the history after a reload', async ({ page, consoleErrors }) => {
  const patch = patches.find((p) => p.id === 'xt5-p2024-0116');
  await page.goto(`/patches?q=${patch.id}`);
  await settled(page);
  const card = page.locator(`.patch-list > li[data-patch="${patch.id}"]`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('link', { name: `下载补丁 ${patch.id}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(patch.file.name);
  // The bytes that arrived are the published ones.
  const path = await download.path();
  expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(patch.file.sha256);
  // Within the visit (the record is written in the background), then after a reload.
  await page.getByRole('link', { name: '下载记录' }).click();
  await expect(page.locator(`#device-downloads tr[data-download="${patch.id}"]`)).toHaveCount(1);
  await page.reload();
  await settled(page);
  await expect(page.locator(`#device-downloads tr[data-download="${patch.id}"]`)).toHaveCount(1);
  expectNoConsoleErrors(consoleErrors);
});

test('a picked file is checked against the published SHA-256: a match, and a mismatch with both digests', async ({ page, consoleErrors }) => {
  const patch = patches.find((p) => p.id === 'xt5-p2024-0116');
  const good = readFileSync(new URL(`patches/files/${patch.file.name}`, API));
  await page.goto(`/patches?q=${patch.id}`);
  await settled(page);
  const card = page.locator(`.patch-list > li[data-patch="${patch.id}"]`);
  await card.locator('summary').click();
  const input = card.locator(`#verify-${patch.id}`);
  await input.setInputFiles({ name: patch.file.name, mimeType: 'application/octet-stream', buffer: good });
  await expect(card.locator('[data-verify]')).toHaveAttribute('data-verify', 'match');
  const bad = Buffer.from(good);
  bad[bad.length - 1] ^= 0xff;
  await input.setInputFiles({ name: patch.file.name, mimeType: 'application/octet-stream', buffer: bad });
  await expect(card.locator('[data-verify]')).toHaveAttribute('data-verify', 'mismatch');
  await expect(card.locator('[data-actual]')).toHaveText(createHash('sha256').update(bad).digest('hex'));
  await expect(card.locator('.verify-result')).toContainText(patch.file.sha256);
  expectNoConsoleErrors(consoleErrors);
});

test('with the workspace open, the deployment is the workspace\'s and its recorded downloads are listed', async ({ page }) => {
  const w = JSON.parse(readFileSync(new URL('../../demo/private/workspaces/huanan.json', import.meta.url), 'utf8')).workspace;
  await page.goto('/workspace');
  await page.locator('#access-key').fill(accessKey('huanan'));
  await page.getByRole('button', { name: '打开工作台' }).click();
  await expect(page.locator('.workspace-bar')).toBeVisible();
  await page.getByRole('link', { name: /^补丁/ }).first().click();
  await settled(page);
  await expect(page.locator('.deployment')).toContainText('来自您的工作台');
  await page.getByRole('button', { name: /^适用于我的部署/ }).click();
  const expected = expectedFor(w.deployments.map((d) => [d.product, d.version]));
  await expect.poll(() => shownIds(page)).toEqual(expected);
  // "Book an engineer to deploy this" opens the booking form with the patch.
  const first = expected[0];
  await expect(page.locator(`.patch-list > li[data-patch="${first}"] a`, { hasText: '预约工程师' }))
    .toHaveAttribute('href', `/booking?type=patch_deployment&patch=${first}`);
  // In the same visit (the key is in memory only), through the page's link.
  await page.getByRole('link', { name: '下载记录' }).click();
  await settled(page);
  await expect(page.locator('#workspace-downloads tbody tr')).toHaveCount(w.downloads.length);
  for (const d of w.downloads) {
    await expect(page.locator(`#workspace-downloads tr[data-download="${d.patch}"]`)).toContainText(d.version);
  }
});

test('in English, the catalogue and the check speak English', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('coremail-portal.lang', 'en'));
  await page.goto('/patches?mine=1');
  await settled(page);
  await expect(page.locator('main h1')).toHaveText('Patch catalogue');
  await expect(page.locator('.patches-page')).toContainText('No deployed version picked yet.');
});

test('a malformed patches.json names the file and the field, and Retry recovers', async ({ page, consoleErrors }) => {
  const PATCHES = '**/api/patches.json';
  await page.route(PATCHES, async (route) => {
    const real = await (await route.fetch()).json();
    real[2].file.size_bytes = 'big'; // a string where the contract says a number
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(real) });
  });
  await page.goto('/patches');
  const panel = page.getByRole('alert');
  await expect(panel).toContainText('数据文件格式有误');
  await expect(panel).toContainText('patches.json: $[2].file.size_bytes');
  await page.unroute(PATCHES);
  await panel.getByRole('button', { name: '重试' }).click();
  await expect(page.locator('.patch-list > li')).toHaveCount(patches.length);
  expectNoConsoleErrors(consoleErrors);
});

test('when the device cannot record a download, the file still downloads and the page says so', async ({ page }) => {
  // IndexedDB refuses to open, as in some private modes.
  await page.addInitScript(() => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function () { throw new DOMException('blocked for the test', 'InvalidStateError'); };
    void open;
  });
  const patch = patches[0];
  await page.goto(`/patches?q=${patch.id}`);
  await settled(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: `下载补丁 ${patch.id}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(patch.file.name);
  await expect(page.locator('.patches-page .notice[role="status"]')).toContainText('文件照常下载');
});
