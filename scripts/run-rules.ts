/**
 * Developer aid: runs selected rules over directories and prints raw findings.
 * Usage: run-rules <id,id|all> <dir>… [--vendor] [--vulndb PATH] [--shipped]
 * `--shipped` keeps only what an audit reports: production code (the code-role model), not generated.
 */
import path from 'node:path';
import { allRules, selectRules } from '../src/rules/registry.js';
import { runEngine } from '../src/engine/engine.js';
import { reportedByRole } from '../src/pipeline/non-shipped.js';

const [sel = 'all', ...rest] = process.argv.slice(2);
const rules = sel === 'all' ? [...allRules()] : sel.split(',').flatMap((s) => selectRules(s));
const dbAt = rest.indexOf('--vulndb');
const vulndb = dbAt === -1 ? undefined : rest[dbAt + 1];
const shipped = rest.includes('--shipped');
const dirs = rest.filter((a, i) => !a.startsWith('--') && (dbAt === -1 || i !== dbAt + 1));
const multi = dirs.length > 1;
for (const dir of dirs.length ? dirs : ['.']) {
  const res = await runEngine({ root: dir, rules: rules, includeVendor: rest.includes('--vendor'), settings: { vulndb } });
  const root = path.resolve(dir);
  const findings = shipped
    ? res.findings.filter((f) => !f.generated && reportedByRole(f, { includeNonShipped: false, includeVendor: false, includeTestdata: false }))
    : res.findings;
  const prefix = multi ? `${path.basename(root)}/` : '';
  for (const f of findings) {
    console.log(`${prefix}${path.relative(root, f.file)}:${f.line}:${f.column}: ${f.ruleId} [${f.severity}/${f.confidence}] ${f.message}${f.generated ? ' (generated)' : ''}`);
  }
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  console.error(`${prefix || dir + ': '}${res.files.length} files, ${findings.length} findings`, Object.fromEntries(counts), `${(res.timings.totalMs / 1000).toFixed(2)}s`);
  for (const d of res.diagnostics.filter((d) => d.level === 'error' || d.code.startsWith('vulndb'))) console.error('diag:', d.code, d.file ?? '', d.message);
  for (const [id, reason] of res.inconclusive) console.error(`inconclusive: ${id}: ${reason}`);
}
