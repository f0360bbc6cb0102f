/** One promise of the privacy notice, as numbered in PROMISES.md. */
export interface NoticePromise {
  /** `P1` … `P18`. */
  id: string;
  /** What the notice says (our English summary). */
  promise: string;
  /** What the system must do to keep it. */
  requirement: string;
}

const ROW = /^\|\s*(P\d+)\s*\|(.*)\|(.*)\|\s*$/;

/** The promises of the table in PROMISES.md, in their order. A file without them is refused: the report would prove nothing. */
export function parsePromises(markdown: string): NoticePromise[] {
  const promises: NoticePromise[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const row = ROW.exec(line);
    if (!row) continue;
    const [, id, promise, requirement] = row;
    if (promises.some((p) => p.id === id)) throw new Error(`PROMISES.md numbers ${id} twice.`);
    promises.push({ id, promise: promise.trim(), requirement: requirement.trim() });
  }
  if (promises.length === 0) throw new Error('PROMISES.md has no promise table (rows like "| P1 | … | … |").');
  return promises;
}

/** `[P10]`, `[P10][P17]` and `[P10, P17]` in a test's name: the promises it claims to prove. */
const TAG = /\[(P\d+(?:\s*,\s*P\d+)*)\]/g;

/** The promise ids a test name cites, each once, in order of appearance (known or not). */
export function citedPromises(name: string): string[] {
  const ids: string[] = [];
  for (const match of name.matchAll(TAG)) {
    for (const id of match[1].split(',').map((s) => s.trim())) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
