/** Developer aid: runs selected rules over a directory and prints raw findings. Usage: run-rules <id,id|all> <dir> [--vendor] [--vulndb PATH] */
import path from 'node:path';
import { allRules, selectRules } from '../src/rules/registry.js';
import { runEngine } from '../src/engine/engine.js';

const [sel = 'all', dir = '.', ...rest] = process.argv.slice(2);
const rules = sel === 'all' ? [...allRules()] : sel.split(',').flatMap((s) => selectRules(s));
const dbAt = rest.indexOf('--vulndb');
const vulndb = dbAt === -1 ? undefined : rest[dbAt + 1];
const res = await runEngine({ root: dir, rules: rules, includeVendor: rest.includes('--vendor'), settings: { vulndb } });
const root = path.resolve(dir);
for (const f of res.findings) {
  console.log(`${path.relative(root, f.file)}:${f.line}:${f.column}: ${f.ruleId} [${f.severity}/${f.confidence}] ${f.message}${f.generated ? ' (generated)' : ''}`);
}
const counts = new Map<string, number>();
for (const f of res.findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
console.error(`${res.files.length} files, ${res.findings.length} findings`, Object.fromEntries(counts), `${(res.timings.totalMs / 1000).toFixed(2)}s`);
for (const d of res.diagnostics.filter((d) => d.level === 'error' || d.code.startsWith('vulndb'))) console.error('diag:', d.code, d.file ?? '', d.message);
for (const [id, reason] of res.inconclusive) console.error(`inconclusive: ${id}: ${reason}`);
