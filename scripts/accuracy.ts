/**
 * Peers' home ground: precision and recall of goready on the labelled test material of the peer
 * checks its rules claim in `sources` (gosec:Gxxx → gosec's testutils samples; govet:<pass> → go vet's
 * analysis testdata). Reads checkouts you pass; fetches nothing.
 *
 *   npm run accuracy -- <gosec checkout> <x/tools checkout> [--details] [--json FILE] [--only G402,lostcancel]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allRules } from '../src/rules/registry.js';
import { readGosecSamples, readVetTestdata } from './accuracy/peer-samples.js';
import { disputedLabel } from './accuracy/disputed.js';
import { auditWith } from './accuracy/run-goready.js';
import { add, emptyTally, ratios, tallyCounts, tallyLines, type Tally } from './accuracy/score.js';

interface CheckResult {
  peer: string; rules: string[]; units: number; skipped: number; tally: Tally; misses: string[]; extras: string[];
  /** the same check with the disputed labels scored as the peer labels them */
  asLabelled: Tally;
  disputed: { sample: string; reason: string; expected: number; reported: number }[];
}

const argv = process.argv.slice(2);
const flag = (name: string) => { const i = argv.indexOf(name); return i === -1 ? undefined : argv.splice(i, 2)[1]; };
const details = argv.includes('--details') ? (argv.splice(argv.indexOf('--details'), 1), true) : false;
const jsonOut = flag('--json');
const only = flag('--only')?.split(',');
const [gosecRoot, toolsRoot] = argv;
if (!gosecRoot || !toolsRoot) {
  console.error('usage: npm run accuracy -- <gosec checkout> <golang/tools checkout> [--details] [--json FILE] [--only ids]');
  process.exit(2);
}
for (const [what, dir, probe] of [['gosec', gosecRoot, 'testutils'], ['golang/tools', toolsRoot, 'go/analysis/passes']] as const) {
  if (!fs.existsSync(path.join(dir, probe))) {
    console.error(`${what}: ${dir} has no ${probe}/ — pass a checkout of ${what}`);
    process.exit(2);
  }
}

/** Claimed peer checks → the goready rules claiming them. */
const claims = new Map<string, string[]>();
for (const r of allRules()) {
  for (const s of r.meta.sources ?? []) {
    const [tool, id] = s.split(':');
    if (!id || (tool !== 'gosec' && tool !== 'govet')) continue;
    if (only && !only.includes(id)) continue;
    claims.set(s, [...(claims.get(s) ?? []), r.meta.id]);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-accuracy-'));
const results: CheckResult[] = [];
try {
  for (const [peer, rules] of [...claims].sort(([a], [b]) => a.localeCompare(b))) {
    const [tool, id] = peer.split(':') as [string, string];
    const dir = path.join(work, id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'go.mod'), `module accuracy.example/${id.toLowerCase()}\n\ngo 1.24\n`);
    const res: CheckResult = { peer, rules, units: 0, skipped: 0, tally: emptyTally(), misses: [], extras: [], asLabelled: emptyTally(), disputed: [] };
    if (tool === 'gosec') {
      const samples = await readGosecSamples(gosecRoot, id);
      const kept = samples.filter((s) => !s.customConfig);
      res.skipped = samples.length - kept.length;
      kept.forEach((s, i) => {
        const sd = path.join(dir, `s${String(i).padStart(4, '0')}`);
        fs.mkdirSync(sd);
        s.files.forEach((text, j) => fs.writeFileSync(path.join(sd, `f${j}.go`), text));
      });
      const found = auditWith(dir, rules).filter((f) => !f.sources || f.sources.includes(peer));
      kept.forEach((s, i) => {
        const prefix = `s${String(i).padStart(4, '0')}/`;
        const n = found.filter((f) => f.file.startsWith(prefix)).length;
        const t = tallyCounts(s.expected, n);
        add(res.asLabelled, t);
        const dispute = t.fn || t.fp ? disputedLabel(peer, s.files) : undefined;
        if (dispute) {
          res.disputed.push({ sample: s.name, reason: dispute.reason, expected: s.expected, reported: n });
          return;
        }
        add(res.tally, t);
        if (t.fn) res.misses.push(`${s.name} (expected ${s.expected}, got ${n})`);
        if (t.fp) res.extras.push(`${s.name} (expected ${s.expected}, got ${n})`);
      });
      res.units = kept.length;
    } else {
      const pkgs = readVetTestdata(toolsRoot, id);
      for (const p of pkgs) {
        for (const f of p.files) {
          const to = path.join(dir, p.dir, f.name);
          fs.mkdirSync(path.dirname(to), { recursive: true });
          fs.writeFileSync(to, f.text);
        }
      }
      const found = auditWith(dir, rules).filter((f) => !f.sources || f.sources.includes(peer));
      for (const p of pkgs) {
        for (const f of p.files) {
          const rel = path.posix.join(p.dir.split(path.sep).join('/'), f.name);
          const reported = new Map<number, number>();
          for (const x of found.filter((x) => x.file === rel)) reported.set(x.line, (reported.get(x.line) ?? 0) + 1);
          const wants = p.wants.get(f.name) ?? new Map();
          const t = tallyLines(wants, reported);
          add(res.tally, t);
          add(res.asLabelled, t);
          for (const [line, n] of wants) if ((reported.get(line) ?? 0) < n) res.misses.push(`${rel}:${line}`);
          for (const [line, n] of reported) if ((wants.get(line) ?? 0) < n) res.extras.push(`${rel}:${line}`);
        }
      }
      res.units = pkgs.reduce((n, p) => n + p.files.length, 0);
    }
    results.push(res);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const pct = (x?: number) => (x === undefined ? '  —  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
console.log(`${'peer check'.padEnd(18)} ${'rules'.padEnd(16)} ${'units'.padStart(5)}  ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}  precision  recall`);
const total = emptyTally();
const totalAsLabelled = emptyTally();
for (const r of results) {
  add(total, r.tally);
  add(totalAsLabelled, r.asLabelled);
  const { precision, recall } = ratios(r.tally);
  console.log(`${r.peer.padEnd(18)} ${r.rules.join(',').padEnd(16)} ${String(r.units).padStart(5)}  ${String(r.tally.tp).padStart(4)} ${String(r.tally.fp).padStart(4)} ${String(r.tally.fn).padStart(4)}   ${pct(precision)}   ${pct(recall)}${r.skipped ? `  (${r.skipped} custom-config samples not scored)` : ''}${r.disputed.length ? `  (${r.disputed.length} disputed label(s) scored apart; as labelled: ${pct(ratios(r.asLabelled).precision)} / ${pct(ratios(r.asLabelled).recall)})` : ''}`);
  if (details) {
    for (const m of r.misses) console.log(`    miss  ${m}`);
    for (const e of r.extras) console.log(`    extra ${e}`);
    for (const d of r.disputed) console.log(`    disputed ${d.sample} (labelled ${d.expected}, reported ${d.reported}): ${d.reason}`);
  }
}
const { precision, recall } = ratios(total);
console.log(`${'overall'.padEnd(18)} ${''.padEnd(16)} ${''.padStart(5)}  ${String(total.tp).padStart(4)} ${String(total.fp).padStart(4)} ${String(total.fn).padStart(4)}   ${pct(precision)}   ${pct(recall)}`);
const asLabelled = ratios(totalAsLabelled);
const disputedCount = results.reduce((n, r) => n + r.disputed.length, 0);
if (disputedCount) {
  console.log(`${'as labelled'.padEnd(18)} ${''.padEnd(16)} ${''.padStart(5)}  ${String(totalAsLabelled.tp).padStart(4)} ${String(totalAsLabelled.fp).padStart(4)} ${String(totalAsLabelled.fn).padStart(4)}   ${pct(asLabelled.precision)}   ${pct(asLabelled.recall)}  (every peer label counted, ${disputedCount} disputed included; reasons: --details, scripts/accuracy/disputed.ts)`);
}
if (jsonOut) {
  fs.writeFileSync(jsonOut, JSON.stringify({
    checks: results, overall: { ...total, precision, recall }, asLabelled: { ...totalAsLabelled, ...asLabelled },
  }, null, 2) + '\n');
}
