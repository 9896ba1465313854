/**
 * The simulator's page in a real browser: Debian's Chromium, driven by playwright-core (which
 * downloads nothing). Without Chromium the suite is skipped and says why; `.ci/run` installs it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTimelineFile } from '../../testing/timeline-file.ts';
import { type SignupStack, startSignupStack } from '../support/signup-stack.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipReason = existsSync(CHROMIUM)
  ? undefined
  : `no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`;
if (skipReason && process.env.IWF_REQUIRE_BROWSER)
  throw new Error(`the browser test must run here, but ${skipReason}`);
if (skipReason) console.warn(`timeline page browser test skipped: ${skipReason}`);

/** The reminder interval: the sample's workflow times out after an hour, so reminders come sooner. */
const REMINDER_SECONDS = 600;
const SCREENSHOT_DIR = 'test-results';

describe.skipIf(skipReason !== undefined)(
  `the timeline page in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let browser: Browser;
    let stack: SignupStack;
    let page: Page;

    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      stack = await startSignupStack({ reminderIntervalSeconds: REMINDER_SECONDS });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });

    it('follows a sign-up from submit through two reminders and the verify RPC to COMPLETED', async () => {
      await page.goto(`${stack.serverUrl}/`);
      expect(
        await (await fetch(`${stack.appUrl}/signup/submit?username=alice&email=alice@example.com`)).text(),
      ).toBe('workflow started');
      const row = page
        .locator('#workflows tbody tr', { hasText: 'alice' })
        .filter({ hasText: 'UserSignupWorkflow' });
      await row.waitFor();
      expect(await row.locator('.status').textContent()).toBe('RUNNING');
      await row.click();
      await page.locator('.lane-label', { hasText: 'SubmitState-1' }).waitFor();
      await page.locator('.lane-label', { hasText: 'VerifyState-1' }).waitFor();

      // Two reminders, with the page's own virtual-clock controls: each time the timer wins the race.
      await page.fill('#advance-seconds', String(REMINDER_SECONDS));
      await page.click('#advance');
      await page.locator('.lane-label', { hasText: 'VerifyState-2' }).waitFor();
      await page.click('#advance');
      await page.locator('.lane-label', { hasText: 'VerifyState-3' }).waitFor();
      for (const ended of ['VerifyState-1', 'VerifyState-2']) {
        const lane = page.locator('.lane', { has: page.locator('.lane-label', { hasText: ended }) });
        expect(await lane.locator('.marker-timer[title="timer fired"]').count()).toBe(1);
      }

      await stack.advanceBy((REMINDER_SECONDS / 2) * 1000);
      expect(await (await fetch(`${stack.appUrl}/signup/verify?username=alice&source=email`)).text()).toBe(
        'done',
      );
      await expect
        .poll(() => page.locator('#workflow-status').textContent(), { timeout: 10_000 })
        .toBe('COMPLETED');
      const events = page.locator('#events tbody');
      await events.locator('tr', { hasText: 'RPC verify answered' }).waitFor();
      const lane3 = page.locator('.lane', { has: page.locator('.lane-label', { hasText: 'VerifyState-3' }) });
      expect(await lane3.locator('.marker-internal').getAttribute('title')).toBe(
        'internal channel verify message received by the waiting state',
      );
      expect(await lane3.locator('.marker-timer').count()).toBe(0);
      expect(await page.locator('.lane-messages .marker-RpcCalled').getAttribute('title')).toBe(
        'RPC verify answered in 0 ms (under lock)',
      );
      expect(await page.locator('#data-attributes tbody').textContent()).toContain('"verified"');

      await page.click('#show-exchanges');
      const rpc = page.locator('#exchanges details', { hasText: '/api/v1/workflowWorker/rpc' }).first();
      await rpc.locator('summary').click();
      expect(await rpc.locator('pre').first().textContent()).toContain('"rpcName": "verify"');

      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      // The screenshot shows the timeline, not the exchange opened above.
      await page.evaluate("document.getElementById('exchanges').innerHTML = ''; window.scrollTo(0, 0)");
      await page.screenshot({ path: `${SCREENSHOT_DIR}/timeline.png`, fullPage: false });
    }, 30_000);

    it('lists a thousand workflows and filters them by type and status', async () => {
      for (let i = 0; i < 1000; i++) {
        const reply = await stack.simulator.handle({
          method: 'POST',
          path: '/api/v1/workflow/start',
          body: {
            workflowId: `bulk-${i}`,
            iwfWorkflowType: 'Bulk',
            workflowTimeoutSeconds: 60,
            iwfWorkerUrl: stack.appUrl,
          },
        });
        expect(reply.status).toBe(200);
      }
      await page.goto(`${stack.serverUrl}/`);
      await expect.poll(() => page.textContent('#list-count')).toMatch(/^1002 of 1002 workflows/);
      expect(await page.locator('#workflows tbody tr').count()).toBe(1002);
      await page.selectOption('#filter-type', 'Bulk');
      await expect.poll(() => page.textContent('#list-count')).toBe('1000 of 1002 workflows');
      await page.selectOption('#filter-status', 'COMPLETED');
      await expect.poll(() => page.textContent('#list-count')).toBe('0 of 1002 workflows');
    }, 30_000);

    it('opens a failing test’s saved timeline from disk, with no server', async () => {
      const file = writeTimelineFile('saved timeline', [stack.simulator], 'test-results/iwf-timelines');
      expect(file).toBeDefined();
      await page.goto(`${pathToFileURL(file!).href}#workflow=alice`);
      expect(await page.locator('#workflow-status').textContent()).toBe('COMPLETED');
      expect(await page.locator('.lane-label', { hasText: 'VerifyState-3' }).count()).toBe(1);
      await page.click('#show-exchanges');
      expect(await page.locator('#exchanges details').count()).toBeGreaterThan(5);
    });
  },
);
