import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { generate } from './generate';

/**
 * `pnpm compliance [results.json ...]`: the compliance report from the last test runs' results.
 * Prints `promises: N proven, N not proven, N failing` last.
 */
const root = path.resolve(__dirname, '../..');

function currentCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null; // not a git checkout (a deployed copy)
  }
}

const files = process.argv.slice(2).map((f) => path.resolve(f));
const result = generate({ root, resultFiles: files.length > 0 ? files : undefined, commit: currentCommit() });
for (const line of result.lines) console.log(line);
process.exitCode = result.exitCode;
