// 管理员社区 and 产品建议与反馈: threads searched in Chinese and English,
// "ask the engineers" from a knowledge-base search that found nothing with
// the query filled in, a question and a feedback each delivered to
// `portal intake` exactly once, the forms' messages in both languages, and
// the materials' size and SHA-256 as the served files have them.
//
// The tests that send start and stop `portal intake` themselves on
// $INTAKE_PORT (fixtures.mjs), so this file runs its tests one after
// another and holds the intake lock.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, expectNoConsoleErrors, accessKey, takeIntakeLock, releaseIntakeLock, startIntake, stopIntake, accepted, newInbox } from './fixtures.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const COMMUNITY = JSON.parse(readFileSync(join(ROOT, 'public/api/community.json'), 'utf8'));

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(10 * 60_000);
  await takeIntakeLock();
});
test.afterAll(releaseIntakeLock);

const inLang = (page, lang) => page.addInitScript((l) => localStorage.setItem('coremail-portal.lang', l), lang);

async function openGate(page) {
  await page.locator('#access-key').fill(accessKey('huanan'));
  await page.locator('.workspace-form button[type="submit"]').click();
}

test('threads are searched as typed, in Chinese and in English, with the words marked', async ({ page, consoleErrors }) => {
  await page.goto('/community');
  const cards = page.locator('.thread-card');
  await expect(cards).toHaveCount(COMMUNITY.threads.length);
  await page.locator('#community-search').fill('暴力破解');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-thread', 'brute-force-from-overseas-ips');
  await expect(cards.first().locator('h3 mark')).toHaveText('暴力破解');
  await expect(page.locator('#community-search-status')).toHaveText('找到 1 个问答');
  await expect(page).toHaveURL(/\/community\?q=%E6%9A%B4%E5%8A%9B%E7%A0%B4%E8%A7%A3$/);
  // Characters that occur, but never together, find nothing; asking is offered.
  await page.locator('#community-search').fill('破暴');
  await expect(cards).toHaveCount(0);
  await expect(page.locator('.notice').filter({ hasText: '没有找到相关问答。' })).toBeVisible();
  await expect(page.locator('a[data-ask]')).toHaveAttribute('href', '/community/ask?q=%E7%A0%B4%E6%9A%B4');
  // A thread opens with its engineers' answers.
  await page.locator('#community-search').fill('DKIM');
  await cards.first().locator('h3 a').click();
  await expect(page).toHaveURL(/\/community\/t\/dkim-fail-forwarded-to-overseas$/);
  await expect(page.locator('main h1')).toHaveText('发往海外合作方的邮件被退回：DKIM 校验失败');
  await expect(page.locator('.answer')).toHaveCount(1);
  await expect(page.locator('.answer-by')).toContainText('赵敏');
  expectNoConsoleErrors(consoleErrors);
});

test('in English the same search finds the English text, and a full-width code is the same word', async ({ page, consoleErrors }) => {
  await inLang(page, 'en');
  await page.goto('/community?q=' + encodeURIComponent('ＩＭＡＰ'));
  const cards = page.locator('.thread-card');
  await expect(cards.first()).toHaveAttribute('data-thread', 'imap-timeout-after-v5014-upgrade');
  await expect(cards.first().locator('h3')).toHaveText('Some Outlook users get IMAP timeouts after upgrading to V5.0.14');
  await page.locator('#community-search').fill('overseas brute');
  await expect(cards).toHaveCount(1);
  await expect(page.locator('#community-search-status')).toHaveText('1 thread found');
  // 535 only whole: 53 finds nothing.
  await page.locator('#community-search').fill('53');
  await expect(page.locator('#community-search-status')).toHaveText('No thread matches.');
  await page.locator('#community-search').fill('535');
  await expect(cards).toHaveCount(1);
  await cards.first().locator('h3 a').click();
  await expect(page.locator('.answer-by')).toContainText('Wang Haitao');
  await expect(page.locator('.thread-question')).toContainText('535 5.7.8 authentication failed');
  // The tags in English too: "password policy", not 密码策略.
  await expect(page.locator('.tag')).toContainText(['smtp', '535', 'password policy']);
  // A Chinese word in English is a search away from the tag that says it.
  await page.goto('/community');
  await page.locator('#community-search').fill('防暴');
  await expect(cards).toHaveCount(1);
  await expect(cards.first().locator('.tag')).toHaveText(['brute force', 'security']);
  expectNoConsoleErrors(consoleErrors);
});

test('each material shows the size and SHA-256 of the file the server sends', async ({ page, request, consoleErrors }) => {
  for (const lang of ['zh-CN', 'en']) {
    await inLang(page, lang);
    await page.goto('/community');
    const cards = page.locator('.material-card');
    await expect(cards).toHaveCount(COMMUNITY.materials.length);
    for (const card of await cards.all()) {
      const link = card.locator('a[download]');
      const href = await link.getAttribute('href');
      const served = await request.get(href);
      expect(served.status()).toBe(200);
      expect(served.headers()['content-disposition']).toBe('attachment');
      const body = await served.body();
      const sha = createHash('sha256').update(body).digest('hex');
      await expect(card.locator('[data-sha256]')).toHaveText(sha);
      await expect(card.locator('[data-size]')).toContainText(lang === 'en' ? `(${body.length} bytes)` : `（${body.length} 字节）`);
      expect(await link.getAttribute('download')).toBe(href.split('/').pop());
    }
  }
  expectNoConsoleErrors(consoleErrors);
});

test('a knowledge-base search that finds nothing asks the engineers with the query filled in; the question arrives exactly once', async ({ page, consoleErrors }) => {
  const inbox = newInbox();
  const intake = await startIntake(inbox);
  try {
    const query = '离职员工邮件导出';
    await page.goto('/kb');
    await page.locator('#kb-search').fill(query);
    const ask = page.locator('a[data-ask]');
    await expect(ask).toBeVisible();
    await ask.click();
    await expect(page).toHaveURL(new RegExp('/community/ask\\?q=' + encodeURIComponent(query) + '$'));
    await openGate(page);
    await expect(page.locator('#ask-title')).toHaveValue(query);
    await expect(page.locator('[data-from-kb]')).toContainText(query);

    // Every problem at once, next to its field and in the summary.
    await page.locator('#ask-title').fill('');
    await page.locator('#contact-email').fill('li.ming');
    await page.locator('#community-send').click();
    await expect(page.locator('#ask-title-error')).toHaveText('请填写。');
    await expect(page.locator('#ask-details-error')).toHaveText('请填写。');
    await expect(page.locator('#contact-email-error')).toHaveText('请输入有效的邮箱地址，如 name@example.com。');
    await expect(page.locator('#ask-title')).toBeFocused();
    await expect(page.locator('#ask-title')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('[role="alert"] li')).toHaveCount(4);

    await page.locator('#ask-title').fill('如何批量导出离职员工的邮件');
    await page.locator('#ask-details').fill('需要把 20 名离职员工的邮件导出为 EML 交给法务部门。');
    await page.locator('#contact-name').fill('陈明');
    await page.locator('#contact-email').fill('chen.ming@demo-corp.cn');
    await page.locator('#community-send').click();
    await expect(page.locator('[data-queued]')).toBeVisible();
    await expect(page.locator('#ask-title')).toHaveValue('');
    await page.locator('[data-queued] a').click();
    await expect(page.locator('.outbox-item')).toContainText('社区提问');
    await expect(page.locator('.outbox-item [data-outbox-state]')).toHaveText('已受理');
    await page.reload();
    await expect(page.locator('.outbox-item [data-outbox-state]')).toHaveText('已受理');
    await page.waitForTimeout(1500);
    const got = accepted(inbox);
    expect(got).toHaveLength(1);
    expect(got[0].sender).toMatchObject({ scope: 'workspace', id: 'huanan' });
    expect(got[0].request).toEqual({
      kind: 'question',
      title: '如何批量导出离职员工的邮件',
      details: '需要把 20 名离职员工的邮件导出为 EML 交给法务部门。',
      kb_query: query,
      contact: { name: '陈明', email: 'chen.ming@demo-corp.cn' },
    });
    expectNoConsoleErrors(consoleErrors);
  } finally {
    await stopIntake(intake);
  }
});

test('feedback: messages in both languages, an attachment list by name only, delivered exactly once', async ({ page, consoleErrors }) => {
  const inbox = newInbox();
  const intake = await startIntake(inbox);
  try {
    await page.goto('/feedback');
    await openGate(page);
    await expect(page.locator('main h1')).toHaveText('产品建议与反馈');
    await page.locator('.lang-switch').click();
    await expect(page.locator('main h1')).toHaveText('Product suggestions and feedback');
    await page.locator('#feedback-attachments').fill('screenshot-1.png\nC:\\Users\\li\\maillog.txt');
    await page.locator('#community-send').click();
    await expect(page.locator('#feedback-title-error')).toHaveText('Required.');
    await expect(page.locator('#feedback-attachments-error')).toHaveText('Line 2: A file name only, without a folder (/, \\ or :).');
    await expect(page.locator('#contact-email-error')).toHaveText('Required.');
    await expect(page.locator('#feedback-title')).toBeFocused();

    // The same problems in Chinese after switching; what was typed stays.
    await page.locator('.lang-switch').click();
    await expect(page.locator('main h1')).toHaveText('产品建议与反馈');
    await expect(page.locator('#feedback-attachments')).toHaveValue('screenshot-1.png\nC:\\Users\\li\\maillog.txt');
    await expect(page.locator('#feedback-attachments-error')).toHaveText('第 2 行：只填文件名，不要包含路径（/、\\、:）。');
    await expect(page.locator('#feedback-title-error')).toHaveText('请填写。');
    // The summary names each field as its label does.
    const label = (await page.locator('label[for="feedback-description"]').innerText()).trim();
    await expect(page.locator('[role="alert"] li').filter({ hasText: label })).toHaveText(`${label}：请填写。`);

    await page.locator('#feedback-type-defect').check();
    await page.locator('#feedback-deployment').selectOption('1');
    await page.locator('#feedback-title').fill('容量提醒在邮箱已满后才发出');
    await page.locator('#feedback-description').fill('90% 容量提醒只由夜间任务发送，一天内写满的用户收不到提醒。');
    await page.locator('#feedback-attachments').fill('screenshot-1.png\n\n  maillog.txt  ');
    await page.locator('#contact-name').fill('陈明');
    await page.locator('#contact-email').fill('chen.ming@demo-corp.cn');
    await page.locator('#community-send').click();
    await expect(page.locator('[data-queued]')).toBeVisible();
    await expect(page.locator('.field-error:not([hidden])')).toHaveCount(0);
    await page.locator('[data-queued] a').click();
    await expect(page.locator('.outbox-item')).toContainText('产品建议与反馈');
    await expect(page.locator('.outbox-item [data-outbox-state]')).toHaveText('已受理');
    await page.reload();
    await expect(page.locator('.outbox-item [data-outbox-state]')).toHaveText('已受理');
    await page.waitForTimeout(1500);
    const got = accepted(inbox);
    expect(got).toHaveLength(1);
    expect(got[0].request).toMatchObject({
      kind: 'feedback',
      type: 'defect',
      product: 'xt5',
      version: 'V5.0.13',
      title: '容量提醒在邮箱已满后才发出',
      attachments: ['screenshot-1.png', 'maillog.txt'],
      contact: { name: '陈明', email: 'chen.ming@demo-corp.cn' },
    });
    expectNoConsoleErrors(consoleErrors);
  } finally {
    await stopIntake(intake);
  }
});
