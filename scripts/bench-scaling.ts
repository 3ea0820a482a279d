/**
 * Scaling benchmark: grows pathological-but-legal inputs at three sizes, times a full audit of
 * each and says how the cost grows: the ratio per doubling of the input (≈2 linear, up to 2.6
 * n log n, above that super-linear).
 *
 * Each audit runs in a fresh child process (this script with --child DIR) that loads the config
 * like the CLI (`--no-config`) and calls the same in-process audit (`runAudit`, worker threads as
 * usual); it reports the audit's CPU time (user + system, all threads), which is steadier than wall
 * time on a shared machine. Process start-up and grammar loading are not included.
 *
 *   npm run bench:scaling [-- --only if,parens] [--timeout 60] [--scale 0.5] [--runs 1]
 *
 * A run that exceeds --timeout seconds is stopped and shown as ">T" (the larger sizes of that case
 * are then skipped). Inputs are written under the OS temp dir and removed afterwards.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/config.js';
import { runAudit } from '../src/audit/run-audit.js';
import { allRules, fileRulesOf } from '../src/rules/registry.js';

const self = fileURLToPath(import.meta.url);

const GO_MOD = 'module example.com/scale\n\ngo 1.22\n';

interface Case {
  name: string;
  what: string;
  sizes: number[];
  /** Writes the input of size n into dir (an empty directory). */
  build(dir: string, n: number): void;
}

/**
 * A comment holding every file rule's prefilter strings, so that every rule runs on the file (rules
 * skip files whose text cannot match them, and the point is to time them on the deep tree).
 */
function everyRuleComment(): string {
  const words = new Set<string>();
  for (const r of fileRulesOf(allRules())) {
    for (const w of r.prefilter ?? []) words.add(w);
    for (const e of r.prefilterAll ?? []) for (const w of typeof e === 'string' ? [e] : e) words.add(w);
  }
  return `/*\n${[...words].map((w) => w.replace(/\*\//g, '* /')).join('\n')}\n"SELECT \n*/\n\n`;
}
let ruleComment: string | undefined;

const goFile = (body: string, imports: string[] = []) =>
  `package main\n\n${imports.length ? `import (\n${imports.map((i) => `\t"${i}"\n`).join('')})\n\n` : ''}${(ruleComment ??= everyRuleComment())}${body}`;

const writeGo = (dir: string, body: string, imports: string[] = []) => {
  fs.writeFileSync(path.join(dir, 'go.mod'), GO_MOD);
  fs.writeFileSync(path.join(dir, 'main.go'), goFile(body, imports));
};

/** Nesting: open × n, the innermost statement, close × n. */
const nest = (n: number, open: string, inner: string, close: string) =>
  `${open.repeat(n)}${inner}${close.repeat(n)}`;

export const CASES: Case[] = [
  {
    name: 'for', what: 'nested for loops', sizes: [1000, 5000, 10000],
    build: (d, n) => writeGo(d, `func main() {\n${nest(n, 'for {\n', 'time.Sleep(time.Second)\n', '}\n')}}\n`, ['time']),
  },
  {
    name: 'funclit', what: 'nested function literals', sizes: [1000, 5000, 10000],
    build: (d, n) => writeGo(d, `func main() {\n${nest(n, 'go func() {\n', 'time.Sleep(time.Second)\n', '}()\n')}}\n`, ['time']),
  },
  {
    // below the nesting cap (256) the file is analysed: this is the cost of real rule work on depth
    name: 'funclit-under-cap', what: 'nested function literals under the depth cap', sizes: [60, 120, 240],
    build: (d, n) => writeGo(d, `func main() {\n${nest(n, 'go func() {\n', 'time.Sleep(time.Second)\n', '}()\n')}}\n`, ['time']),
  },
  {
    name: 'composite', what: 'nested composite literals', sizes: [1000, 5000, 10000],
    build: (d, n) => writeGo(d, `var x = ${nest(n, '[]any{', '1', '}')}\n\nfunc main() { _ = x }\n`),
  },
  {
    name: 'callargs', what: 'nested call arguments', sizes: [1000, 5000, 10000],
    build: (d, n) => writeGo(d, `func f(a ...any) any { return a }\n\nfunc main() {\n\t_ = ${nest(n, 'f(', 'fmt.Sprint(1)', ')')}\n}\n`, ['fmt']),
  },
  {
    name: 'sprintf', what: 'fmt.Sprintf assignment chain', sizes: [500, 1000, 2000],
    build: (d, n) => {
      const lines = ['\tq := "SELECT * FROM t WHERE a = " + r.URL.Query().Get("a")'];
      for (let i = 1; i <= n; i++) lines.push(`\tq = fmt.Sprintf("%s AND c${i} = '%s'", q, r.FormValue("c${i}"))`);
      lines.push('\trows, _ := db.Query(q)\n\t_ = rows');
      writeGo(d, `var db *sql.DB\n\nfunc handler(w http.ResponseWriter, r *http.Request) {\n${lines.join('\n')}\n}\n\nfunc main() { http.HandleFunc("/", handler) }\n`,
        ['database/sql', 'fmt', 'net/http']);
    },
  },
  {
    name: 'concat', what: 'string + chain', sizes: [1000, 2000, 4000],
    build: (d, n) => {
      const terms = ['"SELECT * FROM t WHERE a = "'];
      for (let i = 0; i < n; i++) terms.push(i % 2 ? `r.FormValue("p${i}")` : `" AND c${i} = "`);
      writeGo(d, `var db *sql.DB\n\nfunc handler(w http.ResponseWriter, r *http.Request) {\n\tq := ${terms.join(' +\n\t\t')}\n\trows, _ := db.Query(q)\n\t_ = rows\n}\n\nfunc main() { http.HandleFunc("/", handler) }\n`,
        ['database/sql', 'net/http']);
    },
  },
  {
    name: 'concat-assign', what: 'string + assignment chain', sizes: [1000, 2000, 4000],
    build: (d, n) => {
      const lines = ['\tq := "SELECT * FROM t WHERE 1 = 1"'];
      for (let i = 0; i < n; i++) lines.push(`\tq = q + " AND c${i} = '" + r.FormValue("c${i}") + "'"`);
      writeGo(d, `var db *sql.DB\n\nfunc handler(w http.ResponseWriter, r *http.Request) {\n${lines.join('\n')}\n\trows, _ := db.Query(q)\n\t_ = rows\n}\n\nfunc main() { http.HandleFunc("/", handler) }\n`,
        ['database/sql', 'net/http']);
    },
  },
  {
    name: 'parens', what: 'nested parentheses', sizes: [10000, 20000, 40000],
    build: (d, n) => writeGo(d, `func main() {\n\tx := 1\n\t_ = ${nest(n, '(', 'x', ')')}\n}\n`),
  },
  {
    name: 'if', what: 'nested if statements', sizes: [1000, 2000, 4000],
    build: (d, n) => writeGo(d, `func main() {\n\tx := os.Getenv("X")\n${nest(n, 'if x != "" {\n', 'fmt.Println(x)\n', '}\n')}}\n`, ['fmt', 'os']),
  },
  {
    name: 'k8s', what: 'Kubernetes documents in one YAML file', sizes: [2500, 5000, 10000],
    build: (d, n) => {
      writeGo(d, 'func main() {}\n');
      const docs: string[] = [];
      for (let i = 0; i < n; i++) {
        docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: { name: a${i} }
spec:
  template:
    spec:
      containers:
        - name: app
          image: example.com/app:${i % 2 ? 'latest' : '1.0.0'}
`);
      }
      fs.mkdirSync(path.join(d, 'deploy'));
      fs.writeFileSync(path.join(d, 'deploy', 'all.yaml'), docs.join('---\n'));
    },
  },
  {
    name: 'make-cond', what: 'Makefile of repeated `VAR ?=` blocks and go test rules', sizes: [8000, 16000, 32000],
    build: (d, n) => {
      writeGo(d, 'func main() {}\n');
      fs.writeFileSync(path.join(d, 'Makefile'), 'TESTFLAGS ?= -race\n\ntest:\n\tgo test $(TESTFLAGS) ./...\n\n'.repeat(n));
    },
  },
  {
    name: 'make-dup', what: 'Makefile of a pasted conditional/assignment/go build block (CRLF, distinct values)', sizes: [2000, 4000, 8000],
    build: (d, n) => {
      writeGo(d, 'func main() {}\n');
      const blocks: string[] = [];
      for (let i = 0; i < n; i++) blocks.push(`ifdef X\r\nLDFLAGS ?= -s -w -X main.build=${i}\r\nexport GOFLAGS ?= -trimpath\r\nendif\r\nbuild:\r\n\tgo build -ldflags "$(LDFLAGS)" -o bin/app ./cmd/app\r\n\r\n`);
      fs.writeFileSync(path.join(d, 'Makefile'), blocks.join(''));
    },
  },
  {
    name: 'docker-dup', what: 'Dockerfile of a pasted multi-stage block', sizes: [2000, 4000, 8000],
    build: (d, n) => {
      writeGo(d, 'func main() {}\n');
      fs.writeFileSync(path.join(d, 'Dockerfile'), 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM build AS again\nCOPY --from=build /out/app /app\nUSER 65532\n'.repeat(n));
    },
  },
  {
    name: 'yaml-dup', what: 'Compose/CI-style YAML of a pasted mapping block (duplicate keys)', sizes: [2000, 4000, 8000],
    build: (d, n) => {
      writeGo(d, 'func main() {}\n');
      fs.mkdirSync(path.join(d, '.github', 'workflows'), { recursive: true });
      const step = '      - uses: actions/checkout@v4\n      - run: go test -race ./...\n        env:\n          GOFLAGS: -mod=readonly\n';
      fs.writeFileSync(path.join(d, '.github', 'workflows', 'ci.yml'), `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n${step.repeat(n)}`);
      fs.writeFileSync(path.join(d, 'compose.yaml'), `services:\n${'  app:\n    image: example.com/app:1.0\n    environment:\n      GOMEMLIMIT: 100MiB\n'.repeat(n)}`);
    },
  },
  {
    name: 'yaml-stray', what: 'YAML with stray "]" tokens (one parse error each)', sizes: [16000, 32000, 64000],
    build: (d, n) => {
      writeGo(d, 'func main() {}\n');
      fs.writeFileSync(path.join(d, '.goreleaser.yaml'), `builds:\na: ${'] '.repeat(n)}\n${'b: x\n'.repeat(n)}`);
    },
  },
  {
    name: 'dirs', what: 'nested directories', sizes: [500, 1000, 1900],
    build: (d, n) => {
      fs.writeFileSync(path.join(d, 'go.mod'), GO_MOD);
      const deep = path.join(d, ...Array.from({ length: n }, () => 'd'));
      fs.mkdirSync(deep, { recursive: true });
      fs.writeFileSync(path.join(deep, 'x.go'), 'package d\n\nfunc F() {}\n');
    },
  },
];

/** Removes a directory tree without recursion (fs.rmSync recurses per level: 1,900 levels overflow its stack). */
function removeTree(root: string): void {
  const dirs: string[] = [];
  const todo = [root];
  while (todo.length) {
    const d = todo.pop()!;
    dirs.push(d);
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) todo.push(p);
      else fs.unlinkSync(p);
    }
  }
  for (let i = dirs.length - 1; i >= 0; i--) fs.rmdirSync(dirs[i]!);
}

interface Run { seconds: number; wall: number; timedOut: boolean; diagnostics: string[] }

/** In the child: one audit, then its CPU and wall time and diagnostic codes as JSON on stdout. */
async function child(dir: string): Promise<number> {
  const { config } = loadConfig(dir, { noConfig: true });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const report = await runAudit({ target: dir, config });
  const c = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({
    seconds: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000,
    diagnostics: [...new Set(report.diagnostics.map((d) => d.code))],
  }));
  return 0;
}

function runAudit1(dir: string, timeoutS: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--stack-size=984', self, '--child', dir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    proc.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    proc.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; proc.kill('SIGKILL'); }, timeoutS * 1000);
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(timer);
      try {
        resolve({ ...(JSON.parse(out) as Omit<Run, 'timedOut'>), timedOut });
      } catch {
        resolve({ seconds: NaN, wall: NaN, timedOut, diagnostics: timedOut ? [] : [`crashed (exit ${code}): ${err.trim().split('\n').find((l) => /Error|error/.test(l))?.slice(0, 100) ?? ''}`] });
      }
    });
  });
}

function verdict(perDoubling: number): string {
  if (!Number.isFinite(perDoubling)) return '?';
  if (perDoubling <= 2.3) return 'linear';
  if (perDoubling <= 2.6) return 'n log n';
  return 'super-linear';
}

async function median(n: number, f: () => Promise<Run>): Promise<Run> {
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) {
    const r = await f();
    runs.push(r);
    if (r.timedOut) return r;
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return runs[Math.floor(runs.length / 2)]!;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const only = opt('--only')?.split(',');
  const timeoutS = Number(opt('--timeout') ?? 60);
  const scale = Number(opt('--scale') ?? 1);
  const runs = Number(opt('--runs') ?? 1);
  const cases = CASES.filter((c) => !only || only.includes(c.name));
  if (!cases.length) {
    process.stderr.write(`no such case; cases: ${CASES.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-scaling-'));
  try {
    // fixed cost: process start, grammar load, one trivial file
    const base = path.join(tmp, 'base');
    fs.mkdirSync(base);
    writeGo(base, 'func main() {}\n');
    const baseRun = await median(3, () => runAudit1(base, timeoutS));
    process.stdout.write(`goready scaling benchmark — audit CPU seconds (all threads) per input, net of a one-file audit (${baseRun.seconds.toFixed(2)} s); ${os.cpus().length} CPU(s), timeout ${timeoutS} s wall\n\n`);
    const rows: string[][] = [['case', 'sizes', 'seconds', 'ratio per doubling', 'verdict', 'diagnostics']];
    for (const c of cases) {
      const sizes = c.sizes.map((s) => Math.max(1, Math.round(s * scale)));
      const secs: (number | undefined)[] = [];
      const shown: string[] = [];
      const diags = new Set<string>();
      for (const n of sizes) {
        const dir = path.join(tmp, `${c.name}-${n}`);
        fs.mkdirSync(dir);
        c.build(dir, n);
        const r = await median(runs, () => runAudit1(dir, timeoutS));
        removeTree(dir);
        for (const d of r.diagnostics) diags.add(d);
        if (r.timedOut || !Number.isFinite(r.seconds)) { shown.push(r.timedOut ? `>${timeoutS}` : 'crash'); secs.push(undefined); break; }
        const net = Math.max(0.01, r.seconds - baseRun.seconds);
        secs.push(net);
        shown.push(net.toFixed(2));
      }
      while (shown.length < sizes.length) shown.push('—');
      // growth exponent between the two largest measured sizes (small sizes are noisy)
      const measured = sizes.map((n, i) => [n, secs[i]] as const).filter((x): x is readonly [number, number] => x[1] !== undefined);
      let perDoubling = NaN;
      if (measured.length >= 2) {
        const [n1, t1] = measured[measured.length - 2]!;
        const [n2, t2] = measured[measured.length - 1]!;
        perDoubling = 2 ** (Math.log(t2 / t1) / Math.log(n2 / n1));
      }
      const timedOut = secs.includes(undefined);
      rows.push([
        `${c.name} (${c.what})`, sizes.join(' / '), shown.join(' / '),
        Number.isFinite(perDoubling) ? `${perDoubling.toFixed(1)}×` : '—',
        timedOut ? 'did not finish' : verdict(perDoubling),
        [...diags].filter((d) => d !== 'no-go-mod').join(', '),
      ]);
      process.stderr.write(`${c.name}: ${shown.join(' / ')}\n`);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => `| ${r.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
    process.stdout.write(`${line(rows[0]!)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.slice(1).map(line).join('\n')}\n`);
  } finally {
    removeTree(tmp);
  }
  return 0;
}

const childIdx = process.argv.indexOf('--child');
if (process.argv[1] && path.resolve(process.argv[1]) === self) (childIdx >= 0 ? child(process.argv[childIdx + 1]!) : main()).then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 1; });
