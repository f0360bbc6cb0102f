import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchBrowser, openMoreLinks, signInToRegister } from '../support/browser';

// Issue 16: every page of every role, in Finnish and in English, has no serious or critical accessibility violation
// by axe-core (contrast, names and labels, landmarks, ARIA). axe runs inside the page; it is never part of the app.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function violations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describe = (found: Violation[]) =>
  found
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
          .join('\n  ')}`,
    )
    .join('\n');

/** The forms each demo user may open to create something. */
const CREATES: Record<string, string[]> = {
  sales: ['/customers/new'],
  service: ['/customers/new', '/requests/new'],
  privacy: ['/requests/new'],
  marketing: ['/campaigns/new'],
};

/** The pages a user can open: the main navigation's links, each list's "new" page, and a customer. */
async function pagesOf(page: Page, user: string): Promise<string[]> {
  await openMoreLinks(page).catch(() => undefined);
  const nav = await page
    .getByRole('navigation', { name: 'Päävalikko' })
    .locator('a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const extra = CREATES[user] ?? [];
  return [...new Set([...nav, ...extra, ...(nav.includes('/customers') ? ['customer'] : [])])];
}

/** Opens a page inside the app (as a link would), without loading the app again. */
async function open(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForURL((url) => url.pathname === path);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

for (const user of ['sales', 'service', 'marketing', 'privacy', 'admin', 'partner']) {
  test(`every page ${user} opens has no serious or critical accessibility violation, in Finnish and English`, { timeout: 240_000 }, async () => {
    // The app's policy allows no inline script; axe is the test's, so this browser profile lets it in.
    const context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'fi-FI', bypassCSP: true });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signInToRegister(page, user);
    const paths = await pagesOf(page, user);
    expect(paths.length, await page.content()).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const language of ['fi', 'en']) {
      if (language === 'en') {
        await page.getByTestId('language-switch').click();
        await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      }
      for (const path of paths) {
        if (path === 'customer') {
          await open(page, '/customers');
          await page.getByTestId('customer-row').first().getByRole('link').click();
          await page.getByTestId('field-customerNumber').waitFor();
        } else {
          await open(page, path);
        }
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const found = await violations(page);
        if (found.length > 0) failures.push(`${user} ${language} ${path}:\n${describe(found)}`);
      }
    }
    expect(failures.join('\n\n')).toBe('');
    await context.close();
  });
}
