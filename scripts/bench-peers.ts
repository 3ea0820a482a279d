/**
 * goready against what users would run instead, on the same repository in the same run: wall time
 * and peak RSS (the whole process tree) of goready, gosec, staticcheck, golangci-lint and
 * govulncheck, then goready's findings on the checks it shares with them (rule `sources`) against
 * theirs: agreements, goready-only, peer-only, with a sample of each to judge.
 *
 *   npm run bench:peers -- <repo> [--peers DIR] [--runs N] [--vulndb DIR] [--samples N] [--timeout S] [--tools a,b] [--json FILE]
 *
 * Peer binaries come from --peers DIR (or $GOREADY_PEERS), else PATH; install pinned versions with
 * `GOBIN=DIR go install …@vX` (README "Against the peers"). Every tool sees the packages `go list ./...`
 * sees (vendor/ and testdata excluded, tests included); goready runs with --no-cache and
 * --include-non-shipped so that it reads the same files. --timeout S ends a tool's process group after S seconds
 * (reported as timed out, left out of the overlap); --tools
 * goready,gosec,… runs only those (goready always runs: the overlap is against it). CPU time is user+sys summed over the process tree, sampled
 * with the peak RSS (so within one sampling interval of the truth). Never run in CI.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './gen-registry.js';
import { ruleMetadata } from '../src/rules/metadata.generated.js';

/** One finding, as a peer check id at a place. */
interface Hit { check: string; file: string; line: number; text: string }
interface Measure { ms: number; cpuMs: number; peakRssMb: number; code: number | null; timedOut: boolean; stdout: string; stderr: string }
interface Tool {
  name: string;
  bin: string;
  args: (repo: string, tmp: string) => string[];
  /** Peer checks in its output, for the overlap; undefined when it failed. */
  hits: (m: Measure, repo: string) => Hit[];
  /** exit codes that mean "ran, found things" */
  okCodes: number[];
}

const GOLANGCI_CONFIG = `version: "2"
linters:
  default: standard
  enable: [bodyclose, containedctx, noctx, gocritic, fatcontext, rowserrcheck, sqlclosecheck]
  settings:
    gocritic:
      disable-all: true
      enabled-checks: [deferInLoop]
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
output:
  formats:
    json:
      path: stdout
`;

/** clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux) */
const TICKS_PER_S = 100;

/**
 * VmRSS and CPU time (utime+stime+cutime+cstime, so reaped children count once, in their parent) summed
 * over a process and its descendants (Go tools run `go list` and compilers as children).
 */
function treeUsage(root: number): { kb: number; cpuMs: number } {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(f[1]);
      // fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 after the command name
      ticks.set(Number(d), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
      const list = children.get(ppid) ?? [];
      list.push(Number(d));
      children.set(ppid, list);
    } catch { /* gone */ }
  }
  let kb = 0;
  let t = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    t += ticks.get(pid) ?? 0;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch { /* gone */ }
    stack.push(...(children.get(pid) ?? []));
  }
  return { kb, cpuMs: (t * 1000) / TICKS_PER_S };
}

function measure(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Measure> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    // its own process group, so that a timeout ends the tool and every child it started
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let peakKb = 0;
    let cpuMs = 0;
    let timedOut = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => { if (err.length < 200) err.push(d); });
    const poll = setInterval(() => {
      if (!child.pid) return;
      const u = treeUsage(child.pid);
      peakKb = Math.max(peakKb, u.kb);
      cpuMs = Math.max(cpuMs, u.cpuMs);
    }, 100);
    const timer = timeoutMs > 0 ? setTimeout(() => {
      timedOut = true;
      try { if (child.pid) process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs) : undefined;
    const done = (code: number | null) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      resolve({ ms: performance.now() - t0, cpuMs, peakRssMb: peakKb / 1024, code, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    };
    child.on('error', (e) => { err.push(Buffer.from(String(e))); done(null); });
    child.on('close', done);
  });
}

const rel = (repo: string, file: string) => (path.isAbsolute(file) ? path.relative(repo, file) : file).split(path.sep).join('/');

function parseJson<T>(text: string): T | undefined {
  try { return JSON.parse(text) as T; } catch { return undefined; }
}

function tools(peersDir: string | undefined, vulndb: string | undefined): Tool[] {
  const bin = (name: string) => (peersDir ? path.join(peersDir, name) : name);
  return [
    {
      name: 'goready', bin: process.execPath, okCodes: [0, 1],
      args: (repo) => [path.join(projectRoot(), 'bin', 'goready.js'), 'audit', repo, '--format', 'json', '--no-config', '--no-cache', '--quiet', '--include-non-shipped', ...(vulndb ? ['--vulndb', vulndb] : [])],
      hits: (m) => {
        const r = parseJson<{ findings: { ruleId: string; file: string; line: number; message: string; sources?: string[]; suppressed?: unknown; vuln?: { id: string } }[] }>(m.stdout);
        const sources = new Map(ruleMetadata.map((x) => [x.id, x.sources ?? []]));
        return (r?.findings ?? []).flatMap((f) => [
          ...(f.sources ?? sources.get(f.ruleId) ?? []).map((check) => ({ check, file: f.file, line: f.line, text: `${f.ruleId} ${f.message}` })),
          ...(f.vuln ? [{ check: `govulncheck:${f.vuln.id}`, file: '', line: 0, text: `${f.ruleId} ${f.message}` }] : []),
        ]);
      },
    },
    {
      name: 'gosec', bin: bin('gosec'), okCodes: [0, 1],
      args: () => ['-fmt', 'json', '-quiet', '-no-fail', './...'],
      hits: (m, repo) => (parseJson<{ Issues?: { rule_id: string; file: string; line: string; details: string }[] }>(m.stdout)?.Issues ?? [])
        .map((i) => ({ check: `gosec:${i.rule_id}`, file: rel(repo, i.file), line: Number(String(i.line).split('-')[0]), text: i.details })),
    },
    {
      name: 'staticcheck', bin: bin('staticcheck'), okCodes: [0, 1],
      args: () => ['-f', 'json', './...'],
      hits: (m, repo) => m.stdout.split('\n').flatMap((l) => {
        const j = parseJson<{ code: string; location: { file: string; line: number }; message: string }>(l);
        return j?.location ? [{ check: `staticcheck:${j.code}`, file: rel(repo, j.location.file), line: j.location.line, text: j.message }] : [];
      }),
    },
    {
      name: 'golangci-lint', bin: bin('golangci-lint'), okCodes: [0, 1],
      // --path-mode=abs: by default v2 prints paths relative to the config file (here the temporary folder);
      // --allow-parallel-runners: else a second bench on another repository fails at once on golangci-lint's lock
      args: (_repo, tmp) => ['run', '--config', path.join(tmp, 'golangci.yml'), '--path-mode=abs', '--allow-parallel-runners', '--show-stats=false', './...'],
      hits: (m, repo) => {
        const j = parseJson<{ Issues?: { FromLinter: string; Text: string; Pos: { Filename: string; Line: number } }[] }>(m.stdout.split('\n').find((l) => l.startsWith('{')) ?? '');
        return (j?.Issues ?? []).map((i) => {
          const sub = /^(\w+): /.exec(i.Text)?.[1];
          const check = i.FromLinter === 'govet' || i.FromLinter === 'gocritic' || i.FromLinter === 'staticcheck'
            ? `${i.FromLinter}:${sub ?? ''}` : `golangci:${i.FromLinter}`;
          return { check, file: rel(repo, i.Pos.Filename), line: i.Pos.Line, text: i.Text };
        });
      },
    },
    {
      name: 'govulncheck', bin: bin('govulncheck'), okCodes: [0, 3],
      // with --vulndb, the same OSV entries goready reads, served to govulncheck as a local database (no network)
      args: (_repo, tmp) => [...(vulndb ? ['-db', `file://${govulncheckDb(vulndb, path.join(tmp, 'govulndb'))}`] : []), '-format', 'json', './...'],
      hits: (m) => {
        const ids = new Set<string>();
        // a stream of JSON objects, pretty-printed: pull the OSV ids of findings
        for (const mm of m.stdout.matchAll(/"finding":\s*\{\s*"osv":\s*"([^"]+)"/g)) ids.add(mm[1]!);
        return [...ids].map((id) => ({ check: `govulncheck:${id}`, file: '', line: 0, text: id }));
      },
    },
  ];
}

/**
 * Writes OSV entries (a folder of GO-*.json) in the layout govulncheck's
 * `-db file://DIR` reads — index/db.json, index/modules.json, index/vulns.json, ID/<id>.json — once per run.
 */
function govulncheckDb(osvDir: string, out: string): string {
  if (fs.existsSync(path.join(out, 'index', 'db.json'))) return out;
  const src = osvDir;
  fs.mkdirSync(path.join(out, 'index'), { recursive: true });
  fs.mkdirSync(path.join(out, 'ID'), { recursive: true });
  const modules = new Map<string, { id: string; modified: string; fixed?: string }[]>();
  const vulns: { id: string; modified: string; aliases: string[] }[] = [];
  let newest = '1970-01-01T00:00:00Z';
  for (const f of fs.readdirSync(src).filter((n) => /^GO-\d{4}-\d+\.json$/.test(n)).sort()) {
    const text = fs.readFileSync(path.join(src, f), 'utf8');
    const e = parseJson<{ id: string; modified: string; aliases?: string[]; affected?: { package?: { name?: string }; ranges?: { events?: { fixed?: string }[] }[] }[] }>(text);
    if (!e?.id || !e.modified) continue;
    fs.writeFileSync(path.join(out, 'ID', `${e.id}.json`), text);
    vulns.push({ id: e.id, modified: e.modified, aliases: e.aliases ?? [] });
    if (e.modified > newest) newest = e.modified;
    for (const a of e.affected ?? []) {
      const mod = a.package?.name;
      if (!mod) continue;
      const fixes = (a.ranges ?? []).flatMap((r) => (r.events ?? []).map((ev) => ev.fixed).filter((x): x is string => !!x));
      const list = modules.get(mod) ?? [];
      list.push({ id: e.id, modified: e.modified, ...(fixes.length ? { fixed: fixes.at(-1) } : {}) });
      modules.set(mod, list);
    }
  }
  fs.writeFileSync(path.join(out, 'index', 'db.json'), JSON.stringify({ modified: newest }));
  fs.writeFileSync(path.join(out, 'index', 'modules.json'), JSON.stringify([...modules].map(([p, v]) => ({ path: p, vulns: v }))));
  fs.writeFileSync(path.join(out, 'index', 'vulns.json'), JSON.stringify(vulns));
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function version(t: Tool): string {
  if (t.name === 'goready') return JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')).version as string;
  const r = spawnSync(t.bin, t.name === 'golangci-lint' ? ['version'] : ['-version'], { encoding: 'utf8' });
  return ((r.stdout || r.stderr || '').split('\n').find((l) => l.trim()) ?? '?').trim().slice(0, 80);
}

/** Which peer checks a tool can report, for the overlap: a tool only counts on checks it runs. */
function checksOf(tool: string, claimed: Set<string>): string[] {
  const prefix: Record<string, string[]> = { gosec: ['gosec:'], staticcheck: ['staticcheck:'], 'golangci-lint': ['golangci:', 'govet:', 'gocritic:', 'staticcheck:'], govulncheck: ['govulncheck:'] };
  return [...claimed].filter((c) => (prefix[tool] ?? []).some((p) => c.startsWith(p)));
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const repo = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!repo || !fs.existsSync(path.join(repo, 'go.mod'))) {
    process.stderr.write('usage: npm run bench:peers -- <Go module checkout> [--peers DIR] [--runs N] [--vulndb DIR] [--samples N] [--timeout S] [--tools a,b] [--json FILE]\n');
    return 2;
  }
  const root = path.resolve(repo);
  const runs = Number(opt('--runs') ?? 1);
  const samples = Number(opt('--samples') ?? 3);
  const timeoutMs = Number(opt('--timeout') ?? 0) * 1000;
  const peersDir = opt('--peers') ?? process.env.GOREADY_PEERS;
  // an OSV folder (GO-*.json), or a folder holding one as osv/ (a vulndb checkout's data/, the shared snapshot)
  const vulndbArg = opt('--vulndb');
  const vulndb = vulndbArg && fs.existsSync(path.join(vulndbArg, 'osv')) ? path.join(vulndbArg, 'osv') : vulndbArg;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-peers-'));
  fs.writeFileSync(path.join(tmp, 'golangci.yml'), GOLANGCI_CONFIG);
  const only = opt('--tools')?.split(',');
  const all = tools(peersDir, vulndb)
    .filter((t) => t.name === 'goready' || !only || only.includes(t.name))
    .filter((t) => t.name === 'goready' || fs.existsSync(t.bin) || spawnSync(t.bin, ['-h']).error === undefined);
  // Go tools: same module mode as a developer's `go build` (vendor/ when present), their caches warm after the first run
  const env = { ...process.env, NO_COLOR: '1', GOFLAGS: process.env.GOFLAGS ?? '', GOTOOLCHAIN: 'local' };
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  console.log(`bench:peers: ${root}\n  ${cpus} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}, ${runs} run(s) each, alternating; peak RSS over the process tree`);
  for (const t of all) console.log(`  ${t.name}: ${version(t)}`);

  const byTool = new Map<string, Measure[]>(all.map((t) => [t.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const t of all) {
      const m = await measure(t.bin, t.args(root, tmp), root, env, timeoutMs);
      byTool.get(t.name)!.push(m);
      const failed = m.timedOut ? ` (TIMED OUT after ${timeoutMs / 1000} s)` : t.okCodes.includes(m.code ?? -1) ? '' : ` (FAILED: ${m.stderr.split('\n').filter(Boolean).slice(-2).join(' | ').slice(0, 200)})`;
      console.log(`  run ${i + 1} ${t.name}: ${(m.ms / 1000).toFixed(1)} s, CPU ${(m.cpuMs / 1000).toFixed(1)} s, ${m.peakRssMb.toFixed(0)} MB, exit ${m.code}, load average ${os.loadavg()[0]!.toFixed(1)}${failed}`);
    }
  }
  const g = median(byTool.get('goready')!.map((m) => m.ms));
  const gc = median(byTool.get('goready')!.map((m) => m.cpuMs));
  console.log('\n| tool | median wall | median CPU (user+sys) | peak RSS | wall vs goready | CPU vs goready |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const t of all) {
    const ms = byTool.get(t.name)!;
    const status = ms.some((m) => m.timedOut) ? ' (timed out)' : ms.every((m) => t.okCodes.includes(m.code ?? -1)) ? '' : ' (failed)';
    const w = median(ms.map((m) => m.ms));
    const c = median(ms.map((m) => m.cpuMs));
    const atLeast = status === ' (timed out)' ? '≥ ' : '';
    const vs = (x: number, base: number) => (t.name === 'goready' ? '1.00×' : `${atLeast}${(x / base).toFixed(2)}×`);
    console.log(`| ${t.name} | ${atLeast}${(w / 1000).toFixed(1)} s${status} | ${(c / 1000).toFixed(1)} s | ${Math.max(...ms.map((m) => m.peakRssMb)).toFixed(0)} MB | ${vs(w, g)} | ${vs(c, gc)} |`);
  }

  // the overlap, on the last run's output, over the checks of the rules that ran (experimental rules are off by default)
  const last = (name: string) => byTool.get(name)!.at(-1)!;
  const ran = new Set((parseJson<{ rules?: { id: string }[] }>(last('goready').stdout)?.rules ?? []).map((r) => r.id));
  const claimed = new Set(ruleMetadata.filter((r) => ran.has(r.id)).flatMap((r) => r.sources ?? []));
  const goHits = all[0]!.hits(last('goready'), root);
  const report: Record<string, unknown> = {};
  console.log('\nOverlap on the checks claimed by the rules goready ran (rule `sources`); same file and check, lines within 2:');
  console.log('| peer | checks compared | agree | goready only | peer only |');
  console.log('|---|---|---:|---:|---:|');
  const detail: string[] = [];
  for (const t of all.slice(1)) {
    const m = last(t.name);
    if (m.timedOut || !t.okCodes.includes(m.code ?? -1)) {
      console.log(`| ${t.name} | (${m.timedOut ? 'timed out' : 'failed'}: not compared) | — | — | — |`);
      continue;
    }
    let checks = checksOf(t.name, claimed);
    const peerHits = t.hits(m, root).filter((h) => checks.includes(h.check) || (t.name === 'govulncheck'));
    if (t.name === 'govulncheck') checks = [...new Set([...peerHits, ...goHits.filter((h) => h.check.startsWith('govulncheck:'))].map((h) => h.check))];
    const mine = goHits.filter((h) => checks.includes(h.check));
    const near = (a: Hit, b: Hit) => a.check === b.check && a.file === b.file && Math.abs(a.line - b.line) <= 2;
    const agree = mine.filter((a) => peerHits.some((b) => near(a, b)));
    const goOnly = mine.filter((a) => !peerHits.some((b) => near(a, b)));
    const peerOnly = peerHits.filter((b) => !mine.some((a) => near(a, b)));
    console.log(`| ${t.name} | ${checks.length ? checks.join(', ') : '—'} | ${agree.length} | ${goOnly.length} | ${peerOnly.length} |`);
    const show = (label: string, hs: Hit[]) => {
      if (!hs.length) return;
      detail.push(`  ${t.name} ${label} (${hs.length}), sample:`);
      for (const h of hs.slice(0, samples)) detail.push(`    ${h.check} ${h.file}${h.line ? `:${h.line}` : ''}  ${h.text.replace(/\s+/g, ' ').slice(0, 140)}`);
    };
    show('agree', agree);
    show('goready only', goOnly);
    show('peer only', peerOnly);
    report[t.name] = { checks, agree, goreadyOnly: goOnly, peerOnly };
  }
  if (detail.length) console.log(`\n${detail.join('\n')}`);
  const jsonOut = opt('--json');
  if (jsonOut) {
    fs.writeFileSync(jsonOut, JSON.stringify({
      repo: root, runs, tools: Object.fromEntries(all.map((t) => [t.name, byTool.get(t.name)!.map((m) => ({ ms: m.ms, cpuMs: m.cpuMs, peakRssMb: m.peakRssMb, code: m.code, timedOut: m.timedOut }))])), overlap: report,
    }, null, 2));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return 0;
}

main().then((c) => { process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 3; });
