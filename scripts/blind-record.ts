/**
 * Prints every rule's blind record (verdicts summed over docs/accuracy/blind-sample-*.md) with the
 * default-rule gate and the rule's lifecycle. `--check` exits 1 when a rule that is on by default
 * fails the gate (it must become experimental, with the figures in its experimentalReason).
 *
 *   node dist/scripts/blind-record.js [--docs DIR] [--check] [--format json]
 */
import { allRules } from '../src/rules/registry.js';
import { blindRecord, gate, offendsGate, readBlindSamples, recordFromOf } from './accuracy/blind-record.js';
import { pct } from './accuracy/blind-sample.js';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const dir = opt('--docs') ?? 'docs/accuracy';
const docs = readBlindSamples(dir);
const from = recordFromOf(allRules());
const record = blindRecord(docs, from);
const rows = allRules().filter((r) => record.has(r.meta.id) || from.has(r.meta.id)).map((r) => {
  const rec = record.get(r.meta.id) ?? { ruleId: r.meta.id, TP: 0, FP: 0, DEB: 0, samples: [] };
  return { ...rec, name: r.meta.name, lifecycle: r.meta.lifecycle, recordFrom: from.get(r.meta.id), gate: gate(rec, from.has(r.meta.id)) };
}).sort((a, b) => a.ruleId.localeCompare(b.ruleId));
const offending = rows.filter((r) => r.lifecycle === 'stable' && offendsGate(r.gate.verdict));

if (opt('--format') === 'json') {
  process.stdout.write(JSON.stringify({ samples: [...docs.keys()], rules: rows, offending: offending.map((r) => r.ruleId) }, null, 2) + '\n');
} else {
  const lines = [`blind samples: ${[...docs.keys()].join(', ')}`, '',
    '| rule | name | lifecycle | TP | FP | DEB | precision | DEB share | gate |', '|---|---|---|---:|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    lines.push(`| ${r.ruleId}${r.recordFrom ? ` (from ${r.recordFrom})` : ''} | ${r.name} | ${r.lifecycle} | ${r.TP} | ${r.FP} | ${r.DEB} | ${pct(r.gate.precision)} | ${pct(r.gate.debShare)} | ${r.gate.verdict} |`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
if (args.includes('--check') && offending.length) {
  process.stderr.write(`on by default but failing the blind-record gate: ${offending.map((r) => `${r.ruleId} (${r.gate.why})`).join('; ')}\n`);
  process.exitCode = 1;
}
