/**
 * Start-up benchmark: `goready --version` and `goready rules` against a bare `node -e ""` in the
 * same run (alternating, median of N). Each child reports its own CPU time (user + system) when
 * it exits, so the figures mean something on a loaded machine too; the goready cost is the
 * difference to bare node.
 *
 *   npm run bench:startup [-- --runs 15]
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './gen-registry.js';

/** Preloaded into each child: prints its CPU time and module count to stderr at exit. */
const REPORT_AT_EXIT = 'data:text/javascript,' + encodeURIComponent(
  "process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\n@@startup '+((u.user+u.system)/1000).toFixed(1)+'\\n')})",
);

interface Sample { wallMs: number; cpuMs: number }

function runOnce(args: string[]): Sample {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', REPORT_AT_EXIT, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /@@startup ([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error(`${args.join(' ')}: no CPU report`);
  return { wallMs, cpuMs: Number(m[1]) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}


function main(): number {
  const args = process.argv.slice(2);
  const runsIdx = args.indexOf('--runs');
  const runs = runsIdx >= 0 ? Number(args[runsIdx + 1]) : 11;
  const bin = path.join(projectRoot(), 'bin', 'goready.js');
  const cases: Array<{ name: string; args: string[] }> = [
    { name: 'node -e "" (baseline)', args: ['-e', ''] },
    { name: 'goready --version', args: [bin, '--version'] },
    { name: 'goready rules', args: [bin, 'rules'] },
    { name: 'goready explain CON1001', args: [bin, 'explain', 'CON1001'] },
  ];
  const samples = cases.map(() => [] as Sample[]);
  for (let i = 0; i < runs; i++) cases.forEach((c, j) => samples[j]!.push(runOnce(c.args)));
  const load = os.loadavg()[0]!.toFixed(1);
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  console.log(`bench:startup: ${runs} runs each, alternating; ${cpus} CPUs, load average ${load}, node ${process.version}`);
  console.log('');
  console.log('| command | median wall | median CPU (user+sys) | CPU over bare node |');
  console.log('|---|---:|---:|---:|');
  const baseCpu = median(samples[0]!.map((s) => s.cpuMs));
  cases.forEach((c, j) => {
    const wall = median(samples[j]!.map((s) => s.wallMs));
    const cpu = median(samples[j]!.map((s) => s.cpuMs));
    console.log(`| ${c.name} | ${wall.toFixed(0)} ms | ${cpu.toFixed(0)} ms | ${j === 0 ? '—' : `+${(cpu - baseCpu).toFixed(0)} ms`} |`);
  });
  return 0;
}

process.exitCode = main();
