/**
 * Benchmark: goready's full audit of a real Go tree against ast-grep `scan` with four equivalent
 * YAML rules, run side by side in the same run (alternating, median of N). Prints wall time,
 * files/s, peak RSS (VmHWM polled from /proc) and the goready / ast-grep ratio.
 *
 *   npm run bench -- <path-to-a-large-go-repo> [--runs 3] [--no-vendor]
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

  const goreadyArgs = [path.join(projectRoot(), 'bin', 'goready.js'), 'audit', root, '--format', 'json', '--no-config', '--quiet', ...(vendor ? ['--include-vendor'] : [])];
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
  console.log(`ratio goready / ast-grep: ${(gm / sm).toFixed(2)}x  (target <= 2x; peak RSS target < 600 MB)`);
  return 0;
}

main().then((c) => { process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 3; });
