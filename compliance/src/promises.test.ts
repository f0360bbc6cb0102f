import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePromises } from './promises';

const root = path.resolve(__dirname, '../..');
const copy = readFileSync(path.join(root, 'compliance/PROMISES.md'), 'utf8');
/** The coordinator's copy beside the repository; CI's clean clone has only the one in compliance/. */
const shared = path.join(root, '../shared/PROMISES.md');

describe('PROMISES.md', () => {
  it('is copied into compliance/ as it stands beside the repository, and numbers P1 to P18', () => {
    if (existsSync(shared)) expect(copy).toBe(readFileSync(shared, 'utf8'));
    const promises = parsePromises(copy);
    expect(promises.map((p) => p.id)).toEqual(Array.from({ length: 18 }, (_, i) => `P${i + 1}`));
    expect(promises[9]).toMatchObject({ id: 'P10', promise: expect.stringMatching(/^Data is destroyed on request/) });
    expect(promises[9].requirement).toMatch(/^Erasure with legal holds/);
  });

  it('refuses a file without the table, or numbering a promise twice', () => {
    expect(() => parsePromises('# Nothing here')).toThrow(/no promise table/);
    expect(() => parsePromises('| P1 | a | b |\n| P1 | c | d |')).toThrow(/P1 twice/);
  });
});
