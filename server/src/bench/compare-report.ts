import type { ScenarioId } from './compare-scenarios';
import type { TargetName } from './compare-targets';

/** One autocannon run against one server in one round. */
export interface Measurement {
  round: number;
  scenario: ScenarioId;
  target: TargetName;
  rps: number;
  p50: number;
  p99: number;
  /** Answered with 2xx. */
  requests: number;
  failed: number;
  /** CPU of the server process and of its PostgreSQL backends, in ms per answered request. */
  nodeMs: number;
  pgMs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fixed = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
/** The spread of the rounds and their median: "1.20-1.45 (1.31)". */
export const spread = (values: number[]) =>
  values.length === 0
    ? 'n/a'
    : values.length === 1
      ? fixed(values[0])
      : `${fixed(Math.min(...values))}-${fixed(Math.max(...values))} (${fixed(median(values))})`;

const TARGETS: TargetName[] = ['raw', 'postgraphile', 'rekisteri', 'baseline'];

export function scenarioTable(runs: Measurement[], scenario: ScenarioId): string[] {
  const lines = [
    `  ${'server'.padEnd(13)}${'req/s'.padEnd(22)}${'p50 ms'.padEnd(22)}${'p99 ms'.padEnd(22)}${'node CPU ms/req'.padEnd(22)}${'PG CPU ms/req'.padEnd(22)}total CPU ms/req`,
  ];
  for (const target of TARGETS) {
    const mine = runs.filter((m) => m.scenario === scenario && m.target === target);
    if (mine.length === 0) continue;
    const failed = mine.reduce((n, m) => n + m.failed, 0);
    lines.push(
      `  ${target.padEnd(13)}${spread(mine.map((m) => m.rps)).padEnd(22)}${spread(mine.map((m) => m.p50)).padEnd(22)}${spread(mine.map((m) => m.p99)).padEnd(22)}` +
        `${spread(mine.map((m) => m.nodeMs)).padEnd(22)}${spread(mine.map((m) => m.pgMs)).padEnd(22)}${spread(mine.map((m) => m.nodeMs + m.pgMs))}` +
        (failed ? `   ${failed} non-2xx or failed requests` : ''),
    );
  }
  return lines;
}

/** Per round: a figure of one run over a figure of another (both present). */
export function perRound(runs: Measurement[], a: [ScenarioId, TargetName], b: [ScenarioId, TargetName], figure: (m: Measurement) => number): number[] {
  const rounds = [...new Set(runs.map((m) => m.round))];
  return rounds.flatMap((round) => {
    const x = runs.find((m) => m.round === round && m.scenario === a[0] && m.target === a[1]);
    const y = runs.find((m) => m.round === round && m.scenario === b[0] && m.target === b[1]);
    return x && y ? [figure(x) / figure(y)] : [];
  });
}

const cpu = (m: Measurement) => m.nodeMs + m.pgMs;

/** Each goal of issue 13 as this run measured it, the spread over the rounds and the median in brackets. */
export function goalLines(runs: Measurement[]): string[] {
  const lines: string[] = [];
  const has = (scenario: ScenarioId, target: TargetName) => runs.some((m) => m.scenario === scenario && m.target === target);
  const rekisteriOver = (scenario: ScenarioId, other: TargetName, goal: string) => {
    if (!has(scenario, other) || !has(scenario, 'rekisteri')) return;
    const efficiency = perRound(runs, [scenario, other], [scenario, 'rekisteri'], cpu);
    const throughput = perRound(runs, [scenario, 'rekisteri'], [scenario, other], (m) => m.rps);
    lines.push(
      `  ${scenario} Rekisteri vs ${other}: ${spread(efficiency)}x by CPU per request (${other}'s over Rekisteri's), ${spread(throughput)}x by req/s (goal ${goal})`,
    );
  };
  rekisteriOver('B2', 'postgraphile', '>= 1.5x');
  rekisteriOver('B2', 'raw', '>= 0.35x');
  if (has('B1', 'raw') && has('B1', 'rekisteri')) {
    lines.push(
      `  B1 Rekisteri over raw: p50 ${spread(perRound(runs, ['B1', 'rekisteri'], ['B1', 'raw'], (m) => m.p50))}, CPU per request ${spread(perRound(runs, ['B1', 'rekisteri'], ['B1', 'raw'], cpu))} (goal <= 1.5)`,
    );
  }
  if (has('B3', 'rekisteri') && has('B2', 'rekisteri')) {
    lines.push(
      `  B3 over B2 (Rekisteri, MARKETING over SALES): CPU per request ${spread(perRound(runs, ['B3', 'rekisteri'], ['B2', 'rekisteri'], cpu))}, p50 ${spread(perRound(runs, ['B3', 'rekisteri'], ['B2', 'rekisteri'], (m) => m.p50))} (goal <= 1.10)`,
    );
  }
  for (const scenario of ['B1', 'B2', 'B3', 'COUNT'] as const) {
    if (!has(scenario, 'baseline') || !has(scenario, 'rekisteri')) continue;
    lines.push(
      `  ${scenario} this build over the baseline build: CPU per request ${spread(perRound(runs, [scenario, 'rekisteri'], [scenario, 'baseline'], cpu))}, node ${spread(perRound(runs, [scenario, 'rekisteri'], [scenario, 'baseline'], (m) => m.nodeMs))}, PostgreSQL ${spread(perRound(runs, [scenario, 'rekisteri'], [scenario, 'baseline'], (m) => m.pgMs))}`,
    );
  }
  for (const target of TARGETS) {
    if (!has('COUNT', target) || !has('B2', target)) continue;
    lines.push(
      `  list page with totalCount over without (${target}): CPU per request ${spread(perRound(runs, ['COUNT', target], ['B2', target], cpu))}, req/s ${spread(perRound(runs, ['B2', target], ['COUNT', target], (m) => m.rps))}${target === 'rekisteri' ? ' (goal <= 1.2)' : ''}`,
    );
  }
  return lines;
}
