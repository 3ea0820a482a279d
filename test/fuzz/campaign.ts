/**
 * The long fuzzing campaign: round-robin over the targets, batches of fast-check-generated
 * cases (seeded, so a campaign is replayable), each call under the watchdog. Failures are
 * confirmed (a hang is re-run with a longer limit), de-duplicated by signature and written to
 * the output folder as a reproducer plus a JSON sidecar.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { caseArb, type FuzzCase } from './inputs.js';
import { TARGETS, type Area, type TargetDef } from './targets.js';
import { Watchdog, type Outcome } from './watchdog.js';

export interface TargetStats { tried: number; ok: number; crash: number; malformed: number; hang: number; oom: number; slow: number; nondeterministic: number; ms: number }

export interface Finding {
  target: string;
  kind: Outcome['kind'] | 'nondeterministic' | 'slow';
  signature: string;
  area: Area;
  error: string;
  count: number;
  file: string;
}

export interface CampaignOptions {
  minutes: number;
  seed: number;
  out: string;
  targets?: string[];
  batch?: number;
  log?: (line: string) => void;
}

export interface CampaignResult { seed: number; elapsedMs: number; stats: Record<string, TargetStats>; findings: Finding[] }

/** Who owns a failure class (issue 9 is split among helpers); `fuzz` means "fix here". */
export function guessArea(target: string, kind: string, error: string, c: FuzzCase): Area {
  const ops = JSON.stringify(c.plan);
  if (/alias/i.test(error)) return 'yamlmake';
  if (target === 'makefile' && (kind === 'hang' || kind === 'oom' || kind === 'slow')) return 'yamlmake';
  if (target === 'gomod' && (kind === 'hang' || kind === 'oom' || kind === 'slow')) return 'contain';
  if ((target === 'audit' || (target === 'repo-facts' && /(^|\/)go\.(mod|work)$/.test(c.input.path))) && /go\.mod|\.mod\b/.test(c.from) && (kind === 'hang' || kind === 'oom')) return 'contain';
  if ((kind === 'hang' || kind === 'slow' || kind === 'oom') && /"(nest|huge-line|duplicate|repeat)"/.test(ops)) return 'scale';
  return 'fuzz';
}

function signatureOf(target: string, kind: string, error: string, stack?: string): string {
  const msg = error.replace(/\d+/g, 'N').replace(/'[^']*'/g, "'…'").slice(0, 120);
  const frame = (stack ?? '').split('\n').find((l) => /\/src\//.test(l))?.replace(/:\d+:\d+\)?$/, '').trim() ?? '';
  return `${target}|${kind}|${kind === 'hang' || kind === 'oom' || kind === 'slow' ? '' : msg}|${frame}`;
}

const newStats = (): TargetStats => ({ tried: 0, ok: 0, crash: 0, malformed: 0, hang: 0, oom: 0, slow: 0, nondeterministic: 0, ms: 0 });

export function writeReproducer(out: string, target: TargetDef, c: FuzzCase, info: { kind: string; error: string; stack?: string; seed: number; area: Area; ms: number }): string {
  fs.mkdirSync(out, { recursive: true });
  const hash = createHash('sha1').update(c.input.bytes).digest('hex').slice(0, 10);
  const ext = target.repo ? 'repo.json' : 'input';
  const file = path.join(out, `${target.name}-${info.kind}-${hash}.${ext}`);
  fs.writeFileSync(file, c.input.bytes);
  const sidecar = {
    target: target.name, kind: info.kind, suspectedArea: info.area, error: info.error, stack: info.stack,
    ms: Math.round(info.ms), seed: info.seed, from: c.from, path: c.input.path, bytes: c.input.bytes.length, plan: c.plan,
    replay: `npm run fuzz:repro -- ${path.relative(process.cwd(), file)}`,
  };
  fs.writeFileSync(`${file}.json`, `${JSON.stringify(sidecar, null, 2)}\n`);
  return file;
}

export async function runCampaign(opts: CampaignOptions): Promise<CampaignResult> {
  const log = opts.log ?? (() => undefined);
  const targets = TARGETS.filter((t) => !opts.targets?.length || opts.targets.includes(t.name));
  const stats: Record<string, TargetStats> = Object.fromEntries(targets.map((t) => [t.name, newStats()]));
  const findings = new Map<string, Finding>();
  const confirmed = new Map<string, number>();
  const dog = new Watchdog();
  const t0 = Date.now();
  const deadline = t0 + opts.minutes * 60_000;
  const batch = opts.batch ?? 25;
  let round = 0;
  let lastLog = t0;
  try {
    while (Date.now() < deadline) {
      for (let ti = 0; ti < targets.length && Date.now() < deadline; ti++) {
        const target = targets[ti]!;
        const st = stats[target.name]!;
        const caseSeed = opts.seed + round * 7919 + ti;
        const n = target.repo ? Math.max(2, Math.floor(batch / 5)) : batch;
        const cases = fc.sample(caseArb(target), { seed: caseSeed, numRuns: n });
        for (let ci = 0; ci < cases.length && Date.now() < deadline; ci++) {
          const c = cases[ci]!;
          const twice = ci % 10 === 0; // determinism, on a tenth of the inputs
          // the limit grows with the input (10 ms per KiB): linear cost is not a hang
          const limit = target.timeoutMs + Math.round(c.input.bytes.length / 100);
          let o = await dog.call(c.input, limit, twice);
          st.tried++;
          st.ms += o.ms;
          let kind: Finding['kind'] = o.kind;
          if (o.kind === 'hang' && (confirmed.get(target.name) ?? 0) < 3) {
            // confirm: a loaded machine can be slow; a real hang also misses a 3x longer limit
            // (the first few per target only: a known hang is not re-confirmed at this price)
            const again = await dog.call(c.input, limit * 3);
            if (again.kind !== 'ok') confirmed.set(target.name, (confirmed.get(target.name) ?? 0) + 1);
            if (again.kind === 'ok') kind = 'slow';
            else if (again.kind !== 'hang') {
              o = again;
              kind = again.kind;
            }
          }
          if (o.kind === 'ok' && o.digest2 !== undefined && o.digest2 !== o.digest) kind = 'nondeterministic';
          if (kind === 'ok') {
            st.ok++;
            continue;
          }
          st[kind]++;
          const error = 'error' in o ? o.error : `two runs gave different results (${o.kind === 'ok' ? `${o.digest} ≠ ${o.digest2}` : ''})`;
          const stack = 'stack' in o ? o.stack : undefined;
          const sig = signatureOf(target.name, kind, error, stack);
          const known = findings.get(sig);
          if (known) {
            known.count++;
            continue;
          }
          const area = guessArea(target.name, kind, error, c);
          const file = writeReproducer(opts.out, target, c, { kind, error, stack, seed: caseSeed, area, ms: o.ms });
          findings.set(sig, { target: target.name, kind, signature: sig, area, error: error.slice(0, 200), count: 1, file });
          log(`  ${kind.toUpperCase()} ${target.name} [${area}] ${error.slice(0, 140)} → ${path.relative(process.cwd(), file)}`);
        }
        if (Date.now() - lastLog > 60_000) {
          lastLog = Date.now();
          const tried = Object.values(stats).reduce((a, s) => a + s.tried, 0);
          log(`${Math.round((Date.now() - t0) / 1000)} s: ${tried} inputs, ${findings.size} distinct failure(s)`);
        }
      }
      round++;
    }
  } finally {
    await dog.close();
  }
  return { seed: opts.seed, elapsedMs: Date.now() - t0, stats, findings: [...findings.values()] };
}

export function formatSummary(r: CampaignResult): string {
  const rows = Object.entries(r.stats).map(([name, s]) => `| ${name} | ${s.tried} | ${s.crash + s.malformed} | ${s.hang + s.oom} | ${s.slow} | ${s.nondeterministic} | ${s.tried ? Math.round(s.ms / s.tried) : 0} |`);
  const total = Object.values(r.stats).reduce((a, s) => a + s.tried, 0);
  const lines = [
    `seed ${r.seed}, ${(r.elapsedMs / 60000).toFixed(1)} min, ${total} inputs`,
    '',
    '| target | inputs | crashes | hangs/OOM | slow | nondeterministic | mean ms |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    r.findings.length ? `${r.findings.length} distinct failure(s):` : 'no failures',
    ...r.findings.map((f) => `- ${f.kind} in ${f.target} ×${f.count} [area: ${f.area}] ${f.error.split('\n')[0]} (${path.relative(process.cwd(), f.file)})`),
  ];
  return lines.join('\n');
}
