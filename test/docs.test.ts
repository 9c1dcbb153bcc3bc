// `npm run docs` builds the HTML reference; headless Chromium (Debian's /usr/bin/chromium,
// installed by .ci/run, or CHROMIUM_PATH) opens it and must render the FBS posting list, a legacy
// operation marked deprecated and a push notification (webhook), and take a screenshot (kept as
// reference/screenshot.png). Without Chromium the test is skipped with a one-line reason; under
// CI=true it fails instead.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs } from '../scripts/docs.js';
import { chromiumPlan, launch, type Page } from './chromium.js';

let file: string;
let page: Page;
const plan = chromiumPlan();
if (plan.run === false) process.stderr.write(`${plan.reason}\n`);

beforeAll(async () => {
  if (plan.run !== true) {
    if (plan.run === 'fail') throw new Error(plan.reason);
    return;
  }
  file = buildDocs();
  page = await launch({ width: 1280, height: 1000 });
}, 120_000);

afterAll(async () => {
  await page?.close();
});

/** The h2 heading's text of the operation shown at `#operation/<id>`, once rendered. */
async function heading(operationId: string, title: string): Promise<string> {
  await page.goto('about:blank');
  await page.goto(`${pathToFileURL(file).href}#operation/${operationId}`);
  return page.waitFor<string>(
    `[...document.querySelectorAll('h2')].map((h) => h.innerText.replace(/\\s+/g, ' ').trim()).find((t) => t.startsWith(${JSON.stringify(title)})) ?? ''`,
  );
}

describe.skipIf(plan.run === false)('API reference page', () => {
  it('renders the FBS posting list operation, and a screenshot can be taken', async () => {
    expect(await heading('PostingFbsList', 'List FBS postings (v4)')).not.toMatch(/deprecated/i);
    expect(await page.evaluate<string>('document.body.innerText')).toContain('/v4/posting/fbs/list');
    const png = await page.screenshot();
    writeFileSync(join(dirname(file), 'screenshot.png'), png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 1000]);
    // A blank 1280x1000 page compresses to ~10 KB; a rendered one is several times larger.
    expect(png.length).toBeGreaterThan(40_000);
  }, 60_000);

  it('shows a legacy operation as deprecated', async () => {
    expect(await heading('Legacy_ListFbsPostingsV2', 'List FBS postings (v2)')).toMatch(/deprecated/i);
    expect(await page.evaluate<string>('document.body.innerText')).toContain('/v2/posting/fbs/list');
  }, 60_000);

  it('shows the push notifications (webhooks)', async () => {
    expect(await heading('Notification_ReceiveNewPosting', 'New posting')).toBeTruthy();
    const text = await page.evaluate<string>('document.body.innerText');
    expect(text).toMatch(/TYPE_NEW_POSTING/);
    expect(text).toMatch(/Webhook/);
  }, 60_000);
});
