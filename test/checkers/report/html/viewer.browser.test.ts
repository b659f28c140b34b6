/**
 * The HTML viewer in headless Chromium (Debian's chromium package, driven by playwright-core).
 * Without chromium the tests are skipped locally, with a message; in CI (`CI=true`) they fail,
 * since `.ci/run` installs it. `VIEWER_SCREENSHOT=docs/images/viewer.png` refreshes the docs'
 * screenshot.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderViewer } from '../../../../checkers/report/html/page.ts';
import { useTempFiles } from '../../helpers.ts';
import { livelockReplay, mutantReplay, type Replayed } from '../../export/traces.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const present = fs.existsSync(CHROMIUM);
const skip = !present && process.env['CI'] !== 'true';
if (skip) {
  console.warn(
    `viewer browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

const tmp = useTempFiles();
const HOSTILE =
  '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';

/** A page's problems: console errors, uncaught exceptions, and requests for anything but itself. */
interface Problems {
  readonly errors: string[];
  readonly requests: string[];
}

describe.skipIf(skip)('the HTML viewer in headless Chromium', () => {
  let browser: Browser;
  let mutant: Replayed;

  beforeAll(async () => {
    if (!present)
      throw new Error(`chromium not found at ${CHROMIUM}: .ci/run must install it in CI`);
    browser = await chromium.launch({ executablePath: CHROMIUM });
    mutant = await mutantReplay('sequencer-no-seqcheck', tmp());
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the viewer page of `trace` from a file, recording what goes wrong. */
  async function open({ trace, run }: Replayed): Promise<{ page: Page; problems: Problems }> {
    const file = tmp('viewer.html');
    fs.writeFileSync(file, renderViewer(trace, run));
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: Problems = { errors: [], requests: [] };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.errors.push(m.text());
    });
    page.on('pageerror', (e) => problems.errors.push(e.message));
    page.on('request', (r) => {
      if (r.url() !== url) problems.requests.push(r.url());
    });
    await page.goto(url);
    return { page, problems };
  }

  const position = (page: Page) => page.locator('#position').textContent();
  const currentStep = (page: Page) => page.locator('g.row.current').getAttribute('data-step');

  it('loads without console errors or requests, and the step controls move through every step', async () => {
    const { page, problems } = await open(mutant);
    const last = mutant.trace.actions.length;
    expect(await position(page)).toBe(`step 0 / ${last}`);
    expect(await page.locator('#prev').isDisabled()).toBe(true);
    for (let step = 1; step <= last; step++) {
      await page.click('#next');
      expect(await position(page)).toBe(`step ${step} / ${last}`);
      expect(await currentStep(page)).toBe(String(step));
      expect(await page.locator('#step-title').textContent()).toMatch(
        new RegExp(`^Step ${step} of ${last}: `),
      );
    }
    expect(await page.locator('#next').isDisabled()).toBe(true);
    await page.click('#first');
    expect(await position(page)).toBe(`step 0 / ${last}`);
    await page.click('#last');
    expect(await position(page)).toBe(`step ${last} / ${last}`);
    await page.click('#prev');
    expect(await position(page)).toBe(`step ${last - 1} / ${last}`);
    expect(problems).toEqual({ errors: [], requests: [] });
    await page.close();
  });

  it('the keyboard moves too: arrows, Home and End', async () => {
    const { page, problems } = await open(mutant);
    const last = mutant.trace.actions.length;
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await position(page)).toBe(`step 2 / ${last}`);
    await page.keyboard.press('ArrowLeft');
    expect(await position(page)).toBe(`step 1 / ${last}`);
    await page.keyboard.press('End');
    expect(await position(page)).toBe(`step ${last} / ${last}`);
    await page.keyboard.press('ArrowRight');
    expect(await position(page)).toBe(`step ${last} / ${last}`);
    await page.keyboard.press('Home');
    expect(await position(page)).toBe(`step 0 / ${last}`);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it("highlights the violating step and shows every node's state before and after it", async () => {
    const { page, problems } = await open(mutant);
    const step = mutant.trace.violation!.step;
    const violating = page.locator('g.row.violation');
    expect(await violating.count()).toBe(1);
    expect(await violating.getAttribute('data-step')).toBe(String(step));
    await page.click('#to-violation');
    expect(await currentStep(page)).toBe(String(step));
    expect(await page.locator('#detail').getAttribute('class')).toContain('violation');
    expect(await page.locator('#badges').textContent()).toContain('total-order');
    const rows = page.locator('#states-body tr');
    expect(await rows.count()).toBe(mutant.trace.nodes.length);
    const view = mutant.run.system.worldView(mutant.run.worlds[step]!);
    const after = await rows.nth(1).locator('td').nth(1).locator('pre.context').textContent();
    expect(JSON.parse(after!)).toEqual(view.nodes[1]!.context);
    const before = await rows.nth(1).locator('td').nth(0).locator('pre.value').textContent();
    expect(JSON.parse(before!)).toEqual(
      mutant.run.system.worldView(mutant.run.worlds[step - 1]!).nodes[1]!.value,
    );
    await page.setViewportSize({ width: 1280, height: 900 });
    const shot = process.env['VIEWER_SCREENSHOT'] ?? tmp('viewer.png');
    await page.screenshot({ path: shot });
    expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it("marks a livelock's loop steps", async () => {
    const livelock = livelockReplay('forever');
    const { page, problems } = await open(livelock);
    const { loop, step } = livelock.trace.violation!;
    const marked = await page
      .locator('g.row.loop')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-step'))));
    expect(marked).toEqual(Array.from({ length: step - loop!.from }, (_, i) => loop!.from + 1 + i));
    await page.click('#last');
    expect(await page.locator('#badges').textContent()).toContain('↻ part of the loop');
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('shows hostile strings from the trace as text, running none of them', async () => {
    const trace = {
      ...mutant.trace,
      nodes: [HOSTILE, `<b>p1</b>`],
      violation: { ...mutant.trace.violation!, message: HOSTILE },
    };
    const { page, problems } = await open({ trace, run: mutant.run });
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.evaluate('document.scripts.length')).toBe(2);
    expect(await page.locator('img, b').count()).toBe(0);
    expect(await page.locator('#verdict').textContent()).toContain(HOSTILE);
    expect(await page.locator('svg .node-name').first().textContent()).toBe(HOSTILE);
    expect(problems).toEqual({ errors: [], requests: [] });
    await page.close();
  });
});
