import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

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

describe('the web app’s assets', () => {
  it('loads the shell first and each page and language when needed', () => {
    const { files, bytes } = firstLoad();
    // Was 952 kB in one chunk. React, React DOM, Apollo Client and React Router alone are some 430 kB minified.
    expect(bytes, files.join(', ')).toBeLessThan(500_000);
    const all = fs.readdirSync(path.join(dist, 'assets'));
    const chunk = (name: string) => all.find((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
    for (const lazy of ['CustomerDetailPage', 'RequestPage', 'fi', 'en']) {
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
