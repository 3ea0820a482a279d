/**
 * Benchmark: goready's full audit of a real Go tree against ast-grep `scan` with four equivalent
 * YAML rules, run side by side in the same run (alternating, median of N). Prints wall time,
 * files/s, peak RSS (VmHWM polled from /proc) and the goready / ast-grep ratio. The cold runs use
 * --no-cache; then, with --incremental, the result cache: a warm re-run of the unchanged tree
 * and a run after one Go file changed (on a temporary copy: the checkout is never written), each
 * as a share of the cold median.
 *
 *   npm run bench -- <path-to-a-large-go-repo> [--runs 3] [--no-vendor] [--incremental]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { projectRoot } from './gen-registry.js';

const require = createRequire(import.meta.url);

const AST_GREP_RULES: Record<string, string> = {
  'time-tick.yml': 'id: time-tick\nlanguage: go\nseverity: warning\nmessage: time.Tick leaks\nrule:\n  pattern: time.Tick($D)\n',
  'new-ticker.yml': 'id: new-ticker\nlanguage: go\nseverity: warning\nmessage: ticker\nrule:\n  pattern: time.NewTicker($D)\n',
  'time-after-in-loop.yml': 'id: time-after-in-loop\nlanguage: go\nseverity: warning\nmessage: time.After in loop\nrule:\n  pattern: time.After($D)\n  inside:\n    kind: for_statement\n    stopBy: end\n',
  'insecure-skip-verify.yml': 'id: insecure-skip-verify\nlanguage: go\nseverity: warning\nmessage: InsecureSkipVerify\nrule:\n  kind: keyed_element\n  regex: ^InsecureSkipVerify\\s*:\\s*true\n',
};

interface Measure { ms: number; peakRssMb: number; code: number | null; stdoutBytes: number }

function measure(cmd: string, args: string[], cwd: string): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let peakKb = 0;
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => { bytes += d.length; });
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch { /* exited */ }
    }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - t0, peakRssMb: peakKb / 1024, code, stdoutBytes: bytes });
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function countGoFiles(dir: string, vendor: boolean): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name === '.git' || e.name === 'testdata' || e.name === 'node_modules' || (!vendor && e.name === 'vendor')) continue;
        walk(path.join(d, e.name));
      } else if (e.isFile() && e.name.endsWith('.go')) {
        files++;
        bytes += fs.statSync(path.join(d, e.name)).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const repo = args.find((a) => !a.startsWith('--')) ?? process.env.GOREADY_BENCH_REPO;
  const runsIdx = args.indexOf('--runs');
  const runs = runsIdx >= 0 ? Number(args[runsIdx + 1]) : 3;
  const vendor = !args.includes('--no-vendor');
  if (!repo || !fs.existsSync(repo)) {
    process.stderr.write('usage: npm run bench -- <path to a large Go repository checkout, e.g. containerd> [--runs N] [--no-vendor]\n');
    return 2;
  }
  const root = path.resolve(repo);
  const astGrep = path.join(path.dirname(require.resolve('@ast-grep/cli/package.json')), 'ast-grep');
  const sgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-bench-sg-'));
  fs.mkdirSync(path.join(sgDir, 'rules'));
  for (const [n, text] of Object.entries(AST_GREP_RULES)) fs.writeFileSync(path.join(sgDir, 'rules', n), text);
  fs.writeFileSync(path.join(sgDir, 'sgconfig.yml'), 'ruleDirs:\n  - rules\n');
  const { files, bytes } = countGoFiles(root, vendor);
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  console.log(`bench: ${root}\n  ${files} Go files, ${(bytes / 1048576).toFixed(1)} MiB${vendor ? ' (vendor included)' : ''}, ${cpus} CPUs, node ${process.version}, ${runs} run(s) each, alternating`);

  // all rules on (the experimental ones too): the cost of the whole analysis, whatever the default set is
  const auditArgs = (dir: string, cache: string[]) => [path.join(projectRoot(), 'bin', 'goready.js'), 'audit', dir, '--format', 'json', '--no-config', '--quiet', '--enable', 'experimental', ...cache, ...(vendor ? ['--include-vendor'] : [])];
  const goreadyArgs = auditArgs(root, ['--no-cache']);
  const sgArgs = ['scan', '--config', path.join(sgDir, 'sgconfig.yml'), '--json=stream', root];
  const g: Measure[] = [];
  const s: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    g.push(await measure(process.execPath, goreadyArgs, root));
    s.push(await measure(astGrep, sgArgs, sgDir));
    console.log(`  run ${i + 1}: goready ${(g[i]!.ms / 1000).toFixed(2)}s (exit ${g[i]!.code}), ast-grep ${(s[i]!.ms / 1000).toFixed(2)}s (exit ${s[i]!.code})`);
  }
  fs.rmSync(sgDir, { recursive: true, force: true });
  const gm = median(g.map((m) => m.ms));
  const sm = median(s.map((m) => m.ms));
  const gRss = Math.max(...g.map((m) => m.peakRssMb));
  const sRss = Math.max(...s.map((m) => m.peakRssMb));
  console.log('');
  console.log('| tool | median wall | files/s | peak RSS |');
  console.log('|---|---|---|---|');
  console.log(`| goready audit (all rules) | ${(gm / 1000).toFixed(2)} s | ${Math.round(files / (gm / 1000))} | ${gRss.toFixed(0)} MB |`);
  console.log(`| ast-grep scan (4 rules) | ${(sm / 1000).toFixed(2)} s | ${Math.round(files / (sm / 1000))} | ${sRss.toFixed(0)} MB |`);
  console.log('');
  console.log(`ratio goready / ast-grep: ${(gm / sm).toFixed(2)}x  (target <= 1.3x; peak RSS target < 400 MB)`);
  if (args.includes('--incremental')) await incremental(root, gm, runs, auditArgs);
  return 0;
}

/** Warm and one-file-changed runs with the result cache, on a copy of the tree, against the cold median. */
async function incremental(root: string, coldMs: number, runs: number, auditArgs: (dir: string, cache: string[]) => string[]): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-bench-inc-'));
  const copy = path.join(work, 'repo');
  const cache = ['--cache-dir', path.join(work, 'cache')];
  try {
    fs.cpSync(root, copy, { recursive: true, filter: (src) => path.basename(src) !== '.git' });
    const fill = await measure(process.execPath, auditArgs(copy, cache), copy);
    const warm: Measure[] = [];
    const edited: Measure[] = [];
    const target = firstGoFile(copy);
    for (let i = 0; i < runs; i++) {
      warm.push(await measure(process.execPath, auditArgs(copy, cache), copy));
      fs.appendFileSync(target, `\nfunc benchEdit${process.pid}x${i}() {}\n`);
      edited.push(await measure(process.execPath, auditArgs(copy, cache), copy));
    }
    const w = median(warm.map((m) => m.ms));
    const e = median(edited.map((m) => m.ms));
    console.log('');
    console.log(`result cache (copy of the tree; edited file ${path.relative(copy, target)}):`);
    console.log('| run | median wall | share of cold | peak RSS |');
    console.log('|---|---|---|---|');
    console.log(`| first run, filling the cache | ${(fill.ms / 1000).toFixed(2)} s | ${((fill.ms / coldMs) * 100).toFixed(0)} % | ${fill.peakRssMb.toFixed(0)} MB |`);
    console.log(`| warm, nothing changed | ${(w / 1000).toFixed(2)} s | ${((w / coldMs) * 100).toFixed(1)} % (target <= 10 %) | ${Math.max(...warm.map((m) => m.peakRssMb)).toFixed(0)} MB |`);
    console.log(`| one Go file changed | ${(e / 1000).toFixed(2)} s | ${((e / coldMs) * 100).toFixed(1)} % (target <= 15 %) | ${Math.max(...edited.map((m) => m.peakRssMb)).toFixed(0)} MB |`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** A Go file outside vendor/ and testdata (sorted walk: the same file every time). */
function firstGoFile(dir: string): string {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isFile() && e.name.endsWith('.go') && !e.name.endsWith('_test.go')) return p;
  }
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'vendor' || e.name === 'testdata') continue;
    try { return firstGoFile(path.join(dir, e.name)); } catch { /* none below */ }
  }
  throw new Error(`no Go file under ${dir}`);
}

main().then((c) => { process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 3; });
