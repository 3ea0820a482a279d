/**
 * Blind-sample accuracy on real repositories (issue: findings a reviewer agrees with on unseen code).
 *
 *   npm run accuracy:sample -- <repo dir…> --seed S [--cap 6] [--size 60] --out SHEET.json [--cache DIR]
 *     audits every directory with goready's defaults, draws a seeded sample (at most --cap per rule,
 *     --size in all) and writes SHEET.json (verdicts to fill in: TP, FP or DEB, with class and note)
 *     and SHEET.md (each finding with its code, for reading).
 *   npm run accuracy:sample -- --judged SHEET.json
 *     per-rule TP / FP / DEB, precision TP/(TP+FP) and the DEB share, as Markdown.
 *
 * Choose the repositories and the seed before drawing, and do not tune rules on them before judging.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkoutInfo } from '../src/vcs/git.js';
import { projectRoot } from './gen-registry.js';
import { checkSheet, makeSheet, scoreMarkdown, sheetMarkdown, type RepoFinding, type SheetRepo } from './accuracy/blind-sample.js';

const argv = process.argv.slice(2);
const flag = (name: string) => { const i = argv.indexOf(name); return i === -1 ? undefined : argv.splice(i, 2)[1]; };
const usage = 'usage: npm run accuracy:sample -- <repo dir…> --seed S [--cap 6] [--size 60] [--candidates ID,ID] --out SHEET.json [--cache DIR]\n       npm run accuracy:sample -- --judged SHEET.json';

const judged = flag('--judged');
if (judged) {
  process.stdout.write(scoreMarkdown(checkSheet(JSON.parse(fs.readFileSync(judged, 'utf8')))));
  process.exit(0);
}
const seedArg = flag('--seed');
const cap = Number(flag('--cap') ?? 6);
const size = Number(flag('--size') ?? 60);
const out = flag('--out');
const cache = flag('--cache');
/** A candidate draw: only these rules' findings, with the rules turned on (experimental rules earning their default status). */
const candidates = flag('--candidates')?.split(',').map((x) => x.trim()).filter(Boolean);
const seed = Number(seedArg);
if (!seedArg || !Number.isInteger(seed) || !out || !Number.isInteger(cap) || cap < 1 || !Number.isInteger(size) || size < 1 || argv.length === 0) {
  console.error(usage);
  process.exit(2);
}

interface JsonFinding extends Omit<RepoFinding, 'repo'> { suppressed?: boolean }

/** goready's defaults, as a new user runs it (no .goready.yaml looked up), JSON report; a candidate draw turns its rules on. */
function audit(dir: string): JsonFinding[] {
  const args = [path.join(projectRoot(), 'bin', 'goready.js'), 'audit', dir, '--format', 'json', '--no-config', '--quiet', ...(candidates ? ['--enable', candidates.join(',')] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`goready audit ${dir} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

const population: RepoFinding[] = [];
const repos: SheetRepo[] = [];
for (const dir of argv) {
  const name = path.basename(path.resolve(dir));
  const { commit } = await checkoutInfo(dir);
  // a candidate draw's audit depends on its rules: each set of candidates has its own cached findings
  const cached = cache && commit ? path.join(cache, `${name}-${commit.slice(0, 12)}${candidates ? `-candidates-${[...candidates].sort().join('+')}` : ''}.json`) : undefined;
  let findings: JsonFinding[];
  if (cached && fs.existsSync(cached)) findings = JSON.parse(fs.readFileSync(cached, 'utf8')) as JsonFinding[];
  else {
    const t0 = Date.now();
    findings = audit(dir);
    console.error(`${name}: ${findings.length} findings (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    if (cached) { fs.mkdirSync(cache!, { recursive: true }); fs.writeFileSync(cached, JSON.stringify(findings)); }
  }
  const kept = findings.filter((f) => !f.suppressed && (!candidates || candidates.includes(f.ruleId)));
  repos.push({ name, commit: commit?.slice(0, 12) ?? null, findings: kept.length });
  for (const f of kept) population.push({ repo: name, ruleId: f.ruleId, file: f.file, line: f.line, message: f.message, role: f.role, context: f.context });
}
const sheet = makeSheet(population, repos, seed, cap, size);
fs.writeFileSync(out, JSON.stringify(sheet, null, 2) + '\n');
fs.writeFileSync(out.replace(/\.json$/, '') + '.md', sheetMarkdown(sheet));
console.error(`${sheet.items.length} of ${population.length} findings drawn over ${new Set(sheet.items.map((i) => i.repo)).size} repositories → ${out}`);
