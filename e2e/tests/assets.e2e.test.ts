import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LANDING, launchBrowser, newSession, signInToRegister } from '../support/browser';

// Issue 16: the built web app as the server sends it: compressed, cached by content hash, lazily split, no source maps.
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** The JavaScript loaded before the first page shows: the entry chunk and every chunk it imports statically. */
function firstLoad(): { files: string[]; bytes: number } {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [...seen].map((key) => manifest[key].file);
  return { files, bytes: files.reduce((sum, file) => sum + fs.statSync(path.join(dist, file)).size, 0) };
}

/*
 * Issue 16's goal: at most 300 kB of JavaScript before compression in the first load. The sign-in page is React and
 * the shell (its texts, the session's plain requests); Apollo Client, React Router and the register load once someone
 * has signed in, beside every page's texts. The guards fail on the build before (signed out 565 kB, the entry and its
 * imports 459 kB, with Apollo Client and the router in them).
 */
const SIGNED_OUT_BUDGET = 300_000;
const SIGNED_IN_BUDGET = 620_000;
const ENTRY_BUDGET = 300_000;

/** The charts library's chunk (vite.config.ts): loaded where a chart is drawn, after the page's own data has come. */
const isCharts = (file: string) => /^assets\/charts-[\w-]+\.js$/.test(file);

interface Load {
  files: string[];
  bytes: number;
  charts: number;
}

/**
 * Every script the page fetched from the app (the entry, what it imports, each chunk loaded lazily on the way) until the
 * page is usable and the network has gone quiet, counted as the built files' sizes: the bytes the browser runs. The
 * charts library is counted apart.
 */
async function scriptsFetched(context: BrowserContext, open: (page: Page) => Promise<void>): Promise<Load> {
  const page = await context.newPage();
  const files = new Set<string>();
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (response.request().resourceType() === 'script' && pathname.startsWith('/assets/')) files.add(pathname.slice(1));
  });
  await open(page);
  await page.waitForLoadState('networkidle');
  await page.close();
  const list = [...files].sort();
  const size = (file: string) => fs.statSync(path.join(dist, file)).size;
  const sum = (some: string[]) => some.reduce((total, file) => total + size(file), 0);
  return { files: list, bytes: sum(list.filter((f) => !isCharts(f))), charts: sum(list.filter(isCharts)) };
}

function report(who: string, { files, bytes, charts }: Load): string {
  const line = `${who}: ${(bytes / 1000).toFixed(1)} kB of JavaScript before compression in ${files.length} files${charts ? ` (and the charts library, ${(charts / 1000).toFixed(1)} kB, after the page's data)` : ''}`;
  console.log(`${line}\n${files.map((file) => `  ${(fs.statSync(path.join(dist, file)).size / 1000).toFixed(1).padStart(7)} kB  ${file}`).join('\n')}`);
  return `${line}: ${files.join(', ')}`;
}

describe('the first load in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fetches at most 300 kB of JavaScript before the sign-in page is usable: the shell’s texts, no GraphQL client', async () => {
    const { context } = await newSession(browser);
    const load = await scriptsFetched(context, async (page) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Kirjaudu', exact: true }).waitFor();
    });
    await context.close();
    expect(load.bytes, report('signed out, the sign-in page', load)).toBeLessThanOrEqual(SIGNED_OUT_BUDGET);
    expect(load.charts).toBe(0);
  });

  it('fetches at most 620 kB of JavaScript before a signed-in user’s landing page is usable, for each role', async () => {
    const loads: [string, Load][] = [];
    for (const user of ['sales', 'privacy', 'marketing', 'admin']) {
      const signedIn = await newSession(browser);
      await signInToRegister(signedIn.page, user);
      // A fresh browser cache with the session's cookie: the user coming back to the register.
      const context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'fi-FI', storageState: await signedIn.context.storageState() });
      context.setDefaultTimeout(15_000);
      await signedIn.context.close();
      const landing = LANDING[user] ?? '/customers';
      const load = await scriptsFetched(context, async (page) => {
        await page.goto(landing);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.getByRole('navigation', { name: 'Päävalikko' }).waitFor();
      });
      await context.close();
      loads.push([`${user} at ${landing}`, load]);
    }
    // Every role's load is printed before any is held to the budget.
    const reports = loads.map(([who, load]) => [load, report(who, load)] as const);
    for (const [load, line] of reports) expect(load.bytes, line).toBeLessThanOrEqual(SIGNED_IN_BUDGET);
    // The privacy officer lands on the request queue, whose age chart is a few bars in HTML: no charts library.
    const [, privacy] = loads.find(([who]) => who.startsWith('privacy')) ?? [];
    expect(privacy?.charts, 'the privacy officer’s landing page loaded the charts library').toBe(0);
  });
});

describe('the web app’s assets', () => {
  it('loads the shell first and each page and language when needed', () => {
    const { files, bytes } = firstLoad();
    // Was 952 kB in one chunk, then 459 kB with Apollo Client and the router in the entry's imports.
    expect(bytes, files.join(', ')).toBeLessThanOrEqual(ENTRY_BUDGET);
    expect(files.filter(isCharts)).toEqual([]);
    const all = fs.readdirSync(path.join(dist, 'assets'));
    const chunk = (name: string) => all.find((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
    for (const lazy of ['CustomerDetailPage', 'RequestPage', 'SignedIn', 'apollo', 'router', 'charts', 'fi', 'en']) {
      expect(chunk(lazy), lazy).toBeDefined();
      expect(files).not.toContain(`assets/${chunk(lazy)}`);
    }
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('sends a hashed asset compressed and cached for good, and index.html asked again each time', async () => {
    const baseUrl = inject('baseUrl');
    const index = await fetch(`${baseUrl}/customers`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();

    const br = await fetch(`${baseUrl}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect((await br.arrayBuffer()).byteLength).toBe(fs.statSync(path.join(dist, script as string)).size);

    const gzip = await fetch(`${baseUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');

    // A missing asset or source map is not the app's page.
    const missing = await fetch(`${baseUrl}${script}.map`);
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });
});
