import type { Outcome } from './results';
import { type ComplianceReport, type PromiseProof, type PromiseStatus, summaryLine } from './report';

const STATUS_LABEL: Record<PromiseStatus, string> = { PROVEN: 'proven', NOT_PROVEN: 'NOT PROVEN', FAILING: 'FAILING' };
const OUTCOME_MARK: Record<Outcome, string> = { PASSED: '✅ passed', FAILED: '❌ failed', SKIPPED: '⏭ skipped' };

function header(report: ComplianceReport): string {
  const runs = report.runs.map((r) => `${r.name} (${r.passed} passed, ${r.failed} failed)`).join(', ');
  const commit = report.commit ? `, commit ${report.commit.slice(0, 12)}` : '';
  return `Generated ${report.generatedAt}${commit}, from the test runs ${runs || '(none)'}.`;
}

const runsOf = (test: PromiseProof['tests'][number]) => test.runs.map((r) => `${r.run}: ${r.outcome.toLowerCase()}`).join(', ');

/** Markdown: a cell may not hold a pipe or a line break. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** `compliance/report.md`: each promise, its status, its tests with pass or fail, the modules that enforce it. */
export function renderMarkdown(report: ComplianceReport): string {
  const lines = ['# Compliance report: each promise of the privacy notice and its proof', '', header(report), '', summaryLine(report), ''];
  lines.push('| Promise | Status | Tests | Modules |', '|---|---|---|---|');
  for (const p of report.promises) {
    const passed = p.tests.filter((t) => t.outcome === 'PASSED').length;
    lines.push(`| ${p.id} | ${STATUS_LABEL[p.status]} | ${passed}/${p.tests.length} passed | ${cell(p.modules.join(', ') || '—')} |`);
  }
  if (report.unknownTags.length > 0) {
    lines.push('', '## Tests naming a promise the notice does not have', '');
    for (const u of report.unknownTags) lines.push(`- ${u.id}: ${code(u.file)} › ${u.name}`);
  }
  for (const p of report.promises) {
    lines.push('', `## ${p.id}: ${STATUS_LABEL[p.status]}`, '', `**The notice:** ${p.promise}`, '', `**The system:** ${p.requirement}`, '');
    lines.push(`**Modules:** ${p.modules.join(', ') || 'none found'}`, '');
    if (p.tests.length === 0) lines.push('No test names this promise: it is not proven.');
    for (const t of p.tests) lines.push(`- ${OUTCOME_MARK[t.outcome]} ${code(t.file)} › ${t.name} (${runsOf(t)})`);
  }
  return `${lines.join('\n')}\n`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const h = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
.badge{display:inline-block;padding:0 .5rem;border-radius:.6rem;font-weight:600;font-size:.85em}
.PROVEN,.PASSED{background:#d8f0dc;color:#14532d}.FAILING,.FAILED{background:#fbd5d5;color:#7f1d1d}.NOT_PROVEN,.SKIPPED{background:#fdf0c4;color:#713f12}
code{font-size:.9em}li{margin:.2rem 0}`;

const badge = (kind: string, label: string) => `<span class="badge ${kind}">${h(label)}</span>`;

function promiseSection(p: PromiseProof): string {
  const tests =
    p.tests.length === 0
      ? '<p>No test names this promise: it is not proven.</p>'
      : `<ul>${p.tests
          .map((t) => `<li>${badge(t.outcome, t.outcome.toLowerCase())} <code>${h(t.file)}</code> › ${h(t.name)} <small>(${h(runsOf(t))})</small></li>`)
          .join('')}</ul>`;
  return `<section id="${p.id}"><h2>${p.id} ${badge(p.status, STATUS_LABEL[p.status])}</h2>
<p><strong>The notice:</strong> ${h(p.promise)}</p><p><strong>The system:</strong> ${h(p.requirement)}</p>
<p><strong>Modules:</strong> ${h(p.modules.join(', ') || 'none found')}</p>${tests}</section>`;
}

/** `compliance/report.html`: the same, as one page that needs nothing else. */
export function renderHtml(report: ComplianceReport): string {
  const rows = report.promises
    .map((p) => `<tr><td><a href="#${p.id}">${p.id}</a></td><td>${badge(p.status, STATUS_LABEL[p.status])}</td><td>${h(p.promise)}</td></tr>`)
    .join('\n');
  const unknown =
    report.unknownTags.length === 0
      ? ''
      : `<section><h2>Tests naming a promise the notice does not have</h2><ul>${report.unknownTags
          .map((u) => `<li>${h(u.id)}: <code>${h(u.file)}</code> › ${h(u.name)}</li>`)
          .join('')}</ul></section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Compliance report</title><style>${STYLE}</style></head>
<body><h1>Compliance report: each promise of the privacy notice and its proof</h1>
<p>${h(header(report))}</p><p><strong>${h(summaryLine(report))}</strong></p>
<table><thead><tr><th>Promise</th><th>Status</th><th>The notice</th></tr></thead><tbody>
${rows}
</tbody></table>
${unknown}
${report.promises.map(promiseSection).join('\n')}
</body></html>
`;
}
