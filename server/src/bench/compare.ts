import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { parseConfig } from '../config';
import { ensureBenchUsers } from './bench-user';
import { goalLines, type Measurement, scenarioTable } from './compare-report';
import { problemWith, type Scenario, scenarios } from './compare-scenarios';
import {
  BENCH_MARKETING_USER,
  BENCH_USER,
  type Load,
  sendOnce,
  signIn,
  startPostGraphile,
  startRaw,
  startRekisteri,
  stopTarget,
  type Target,
} from './compare-targets';
import { backendCpu, cpuBetween, cpuMs } from './proc-cpu';
import { ensureTools, type BenchTools } from './tools';

/**
 * `pnpm bench:compare`: on the database `pnpm bench:seed` filled (DATABASE_URL), Rekisteri's server in
 * production mode, a raw node-postgres server and PostGraphile 5 answer the same pages, loaded by
 * autocannon in interleaved rounds. For each scenario: req/s, p50, p99, and the CPU per request of each
 * server process and of its PostgreSQL backends (from /proc), with the ratios and their spread.
 * BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_CONNECTIONS (10), BENCH_WARMUP_SECONDS (2),
 * BENCH_SCENARIOS (B1,B2,B3,COUNT), BENCH_TARGETS (raw,postgraphile,rekisteri), BENCH_TOOLS_DIR (bench/.tools);
 * BENCH_BASELINE_DIST (another build's server/dist, loaded alongside as `baseline`, to measure a change).
 */
const REPO = path.resolve(__dirname, '../../..');
const SERVER_DIST = path.resolve(__dirname, '..');
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROUNDS = env('BENCH_ROUNDS', 3);
const SECONDS = env('BENCH_SECONDS', 5);
const CONNECTIONS = env('BENCH_CONNECTIONS', 10);
const WARMUP = env('BENCH_WARMUP_SECONDS', 2);
const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map((s) => s.trim());

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function autocannon(tools: BenchTools, target: Target, load: Load, seconds: number): Promise<AutocannonResult> {
  const options = {
    url: `${target.base}${load.path}`,
    method: load.method,
    headers: load.headers,
    body: load.body,
    connections: CONNECTIONS,
    duration: seconds,
  };
  return new Promise((resolve, reject) => {
    execFile(
      tools.node22 ?? process.execPath,
      [path.join(REPO, 'bench', 'load.cjs'), JSON.stringify(options)],
      { env: { ...process.env, AUTOCANNON_DIR: tools.autocannon }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`autocannon failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout))),
    );
  });
}

async function measure(tools: BenchTools, sql: pg.Client, target: Target, scenario: Scenario, round: number): Promise<Measurement> {
  const load = scenario.loads[target.name] as Load;
  const node0 = cpuMs(target.pid) ?? 0;
  const pg0 = await backendCpu(sql, target.applicationName);
  const result = await autocannon(tools, target, load, SECONDS);
  const node1 = cpuMs(target.pid) ?? node0;
  const pg1 = await backendCpu(sql, target.applicationName);
  const requests = result['2xx'];
  return {
    round,
    scenario: scenario.id,
    target: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    failed: result.non2xx + result.errors + result.timeouts,
    nodeMs: (node1 - node0) / Math.max(requests, 1),
    pgMs: cpuBetween(pg0, pg1) / Math.max(requests, 1),
  };
}

async function main() {
  const config = parseConfig({ ...process.env, DEMO_DATA: 'false' });
  if (!config.databaseUrl) throw new Error('Set DATABASE_URL to the database filled by `pnpm bench:seed`.');
  const tools = ensureTools(process.env.BENCH_TOOLS_DIR ?? path.join(REPO, 'bench', '.tools'));
  for (const problem of tools.problems) console.log(`note: ${problem}`);
  const logDir = fs.mkdtempSync(path.join(tools.dir, 'logs-'));

  const sql = new pg.Client({ connectionString: config.databaseUrl, application_name: 'bench-harness' });
  await sql.connect();
  await ensureBenchUsers(sql, config.confidentialityVersion);
  const wanted = list('BENCH_TARGETS', 'raw,postgraphile,rekisteri');
  const targets: Target[] = [];
  try {
    if (wanted.includes('raw')) targets.push(await startRaw(SERVER_DIST, config.databaseUrl, logDir));
    if (wanted.includes('postgraphile') && tools.node22 && tools.postgraphile) {
      try {
        targets.push(
          await startPostGraphile(tools.node22, tools.postgraphile, path.join(REPO, 'bench', 'postgraphile-server.cjs'), config.databaseUrl, logDir),
        );
      } catch (error) {
        console.log(`note: PostGraphile could not start, left out of the comparison: ${error instanceof Error ? error.message : error}`);
      }
    }
    const rekisteri = wanted.includes('rekisteri') ? await startRekisteri(SERVER_DIST, config.databaseUrl, logDir) : null;
    if (rekisteri) targets.push(rekisteri);
    const baselineDist = process.env.BENCH_BASELINE_DIST;
    if (rekisteri && baselineDist) targets.push(await startRekisteri(path.resolve(baselineDist), config.databaseUrl, logDir, 'baseline'));
    const sales = rekisteri ? await signIn(rekisteri, BENCH_USER) : '';
    const marketing = rekisteri ? await signIn(rekisteri, BENCH_MARKETING_USER) : '';
    const chosen = list('BENCH_SCENARIOS', 'B1,B2,B3,COUNT');
    const all = scenarios(sales, marketing).filter((s) => chosen.includes(s.id));
    // The baseline build shares the database, so the same sessions sign its requests.
    if (baselineDist) for (const scenario of all) scenario.loads.baseline = scenario.loads.rekisteri;

    // Every server answers each page in full before it is loaded; then a warm-up.
    for (const scenario of all) {
      for (const target of targets) {
        const load = scenario.loads[target.name];
        if (!load) continue;
        const { status, body } = await sendOnce(target, load);
        const problem = problemWith(scenario, status, body);
        if (problem) throw new Error(`${scenario.id} on ${target.name}: ${problem}`);
        if (WARMUP > 0) await autocannon(tools, target, load, WARMUP);
      }
    }

    const [{ customers }] = (await sql.query(`SELECT count(*)::int AS customers FROM customers`)).rows;
    console.log(
      `bench:compare on ${customers.toLocaleString('en')} customers: ${ROUNDS} interleaved rounds x ${SECONDS} s per server and scenario, ${CONNECTIONS} connections (autocannon), servers: ${targets.map((t) => t.name).join(', ')}`,
    );
    const runs: Measurement[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const scenario of all) {
        const order = targets.filter((t) => scenario.loads[t.name]);
        // Rotate who goes first each round, so drift on a shared machine falls on every server alike.
        for (let i = 0; i < order.length; i++) {
          const target = order[(i + round) % order.length];
          runs.push(await measure(tools, sql, target, scenario, round));
        }
      }
      process.stdout.write(`  round ${round}/${ROUNDS} done\n`);
    }
    for (const scenario of all) {
      console.log(`\n${scenario.title}`);
      for (const line of scenarioTable(runs, scenario.id)) console.log(line);
    }
    console.log('\nGoals (spread over the rounds, median in brackets; CPU per request = server process + its PostgreSQL backends):');
    for (const line of goalLines(runs)) console.log(line);
    console.log(`\nServer logs: ${logDir}`);
  } finally {
    for (const target of targets) await stopTarget(target);
    await sql.end();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
