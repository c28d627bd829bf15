import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startFederation, token, type TestFederation } from '../support/federation';
import {
  createAndDraw,
  ok,
  record,
  recordAndPublish,
  staffedVisits,
  taskInput,
} from '../support/joint-task-flow';
import { DASHBOARD } from './queries';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasBrowser = fs.existsSync(CHROMIUM);
if (!hasBrowser) {
  console.warn(
    `\n${'!'.repeat(100)}\n  SKIPPED: the dashboard page test needs Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).\n  The page itself is NOT tested on this machine.\n${'!'.repeat(100)}\n`,
  );
}
const browserIt = hasBrowser ? it : it.skip;

let fed: TestFederation;
let context: BrowserContext;
let profile: string;
let taskId: string;
let expected: any;
let caller: string;

beforeAll(async () => {
  fed = await startFederation();
  let visits;
  ({ taskId, visits } = await createAndDraw(
    fed,
    taskInput({
      title: '2025年度市场监管、税务、卫健部门联合抽查（看板）',
      windowStart: '2025-09-01',
      windowEnd: '2026-08-31',
    }),
  ));
  const market = staffedVisits(visits, ['market']);
  await recordAndPublish(fed, market[0], 'market', {
    checkDate: '2025-09-26',
    category: 'CORRECTION_ORDERED',
    findings: '未按规定公示年度报告，已责令改正',
  });
  await recordAndPublish(fed, market[1], 'market', { checkDate: '2025-09-26' });
  await record(fed, market[2], 'market', {
    checkDate: '2025-09-26',
    category: 'FOLLOW_UP_PENDING',
    findings: '经营场所与登记不符，待后续处理',
  });
  caller = await token('market', ['supervisor'], 'market-supervisor-1');
  expected = ok(await fed.query(DASHBOARD, { t: taskId }, { token: caller })).taskDashboard;
  if (!hasBrowser) return;
  const { chromium } = await import('playwright-core');
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jih-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  await fed?.stop();
});

/** The gateway's origin: the page is served beside /graphql. */
function origin(): string {
  return fed.gatewayUrl.replace(/\/graphql$/, '');
}

/** The text of every element matching a selector. */
function texts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

/** A displayed count as a number ("1,234" → 1234). */
function num(text: string): number {
  return Number(text.replace(/,/g, ''));
}

describe('the dashboard page at /dashboard', () => {
  browserIt(
    "renders a seeded task's progress, overdue list and burden saved from the GraphQL API in headless Chromium",
    async () => {
      const page = await context.newPage();
      const started = Date.now();
      const response = await page.goto(
        `${origin()}/dashboard#task=${taskId}&token=${encodeURIComponent(caller)}`,
      );
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.locator('#status[data-state="ready"]').waitFor({ timeout: 15_000 });
      const readyMs = Date.now() - started;
      console.info(`dashboard page ready in ${readyMs} ms`);
      expect(readyMs).toBeLessThan(10_000);

      const field = async (f: string) =>
        (await page.locator(`[data-field="${f}"]`).textContent()) ?? '';
      expect(await page.locator('#title').textContent()).toBe(
        '2025年度市场监管、税务、卫健部门联合抽查（看板）',
      );
      const p = expected.progress;
      expect(num(await field('progress.visits'))).toBe(p.visits);
      expect(num(await field('progress.visitsChecked'))).toBe(3);
      expect(num(await field('progress.recorded'))).toBe(3);
      expect(num(await field('progress.published'))).toBe(2);
      expect(num(await field('progress.overdue'))).toBe(p.overdue);
      expect(p.overdue).toBe(p.slots - 2);
      expect(await field('progress.completionRate')).toBe(`${((2 / p.slots) * 100).toFixed(1)}%`);

      const b = expected.burden;
      expect(num(await field('burden.visits'))).toBe(b.visits);
      expect(num(await field('burden.separateVisits'))).toBe(b.separateVisits);
      expect(num(await field('burden.visitsSaved'))).toBe(b.visitsSaved);
      expect(b.visitsSaved).toBeGreaterThan(0);
      expect(await field('burden.expectedVisits')).toBe(b.expectedVisits.toFixed(1));

      const market = await texts(page, 'tr[data-department="market"] td');
      expect(market[0]).toBe('市场监督管理局');
      expect(market.slice(1, 7).map(num)).toEqual([
        20,
        expected.departments[1].slots,
        3,
        2,
        2,
        expected.departments[1].overdue,
      ]);
      expect(await page.locator('tr[data-department]').count()).toBe(3);

      expect(num(await field('overdue.totalCount'))).toBe(p.overdue);
      const rows = page.locator('tr[data-overdue-row]');
      expect(await rows.count()).toBe(Math.min(50, p.overdue));
      const first = await rows.nth(0).locator('td').allTextContents();
      const node = expected.overdue.nodes[0];
      expect(first.slice(0, 3)).toEqual([
        node.enterprise.name,
        node.enterprise.uscc,
        node.department.nameZh,
      ]);
      expect(first[4]).toBe('2025-09-26');
      expect(first[5]).toBe(node.dueDate);
      const states = await texts(page, 'tr[data-overdue-row] td:nth-child(4)');
      expect(states).toContain('已录入未审核 recorded');
      expect(states).toContain('未录入 missing');

      expect(await texts(page, 'tr[data-category="CORRECTION_ORDERED"] td')).toEqual([
        '发现问题已责令改正 Problem found, correction ordered',
        '1',
        '33.3%',
      ]);
      expect(await page.locator('tr[data-category]').count()).toBe(8);
      // The token is read once and taken out of the address bar.
      expect(new URL(page.url()).hash).toBe(`#task=${taskId}`);
      await page.close();
    },
  );

  browserIt('says why when the token is refused, and loads from the form', async () => {
    const page = await context.newPage();
    await page.goto(`${origin()}/dashboard#task=${taskId}&token=not-a-jwt`);
    await page.locator('#status[data-state="error"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#status').textContent()).toMatch(/UNAUTHENTICATED/);
    await page.fill('#token', caller);
    await page.click('button[type="submit"]');
    await page.locator('#status[data-state="ready"]').waitFor({ timeout: 15_000 });
    expect(num((await page.locator('[data-field="progress.visits"]').textContent()) ?? '')).toBe(
      expected.progress.visits,
    );
    await page.close();
  });

  it('serves the page, its script and its style without a token, with a strict content security policy', async () => {
    for (const [file, type] of [
      ['', 'text/html'],
      ['/dashboard.js', 'text/javascript'],
      ['/dashboard.css', 'text/css'],
    ]) {
      const res = await fetch(`${origin()}/dashboard${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });
});
