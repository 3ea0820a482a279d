/**
 * Real Go binaries for the artifact tests, built with the machine's Go toolchain (no network: the
 * "vulnerable" dependency is a stub module with the real module path, supplied through vendor/
 * or a local replace). Built once into a temp directory keyed by the Go version and these sources,
 * so several test files share one build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fullSuiteOnly } from './suite.js';

export const goBin = (() => {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
})();
export const goSkip = fullSuiteOnly('artifact tests that build real Go binaries')
  || (goBin ? false : 'the Go toolchain (`go`) is not installed: artifact tests that build real binaries are skipped');

/** The stub of golang.org/x/text: language.Parse is an affected symbol of GO-2021-0113 (fixed in v0.3.7). */
const STUB_LANGUAGE = 'package language\n\nfunc Parse(s string) (string, error) { return "und-" + s, nil }\n\n//go:noinline\nfunc Other() string { return "other" }\n';
const APP_MAIN = (call: string) => `package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"os/user"\n\n\t"golang.org/x/text/language"\n)\n\nfunc main() {\n\tfmt.Println(${call})\n\tu, _ := user.Current()\n\tfmt.Println(u)\n\t_ = http.ListenAndServe("127.0.0.1:0", nil)\n}\n`;

export interface BuiltBinaries {
  dir: string;
  /** default flags, cgo on, symbol-level use of the vulnerable package, vendored (exact version) */
  plain: string;
  /** -trimpath -ldflags="-s -w", CGO_ENABLED=0, -buildvcs=false */
  release: string;
  /** built in a git checkout with an uncommitted change (vcs.modified=true), trimpath, stripped, cgo off */
  dirty: string;
  /** local replace of the vulnerable module, only the non-affected function used (package level) */
  replaced: string;
  /** -buildmode=pie, CGO_ENABLED=0 */
  pie: string;
  /** cross-compiled Mach-O and PE of the vendored app */
  darwin: string;
  windows: string;
}

const SPECS = 'v6';

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): void {
  const r = spawnSync(cmd, args, {
    cwd, encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '-buildvcs=auto', GOWORK: 'off', ...env },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} in ${cwd} failed: ${r.stderr}`);
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function buildAll(dir: string): void {
  // vendored app: buildinfo shows `dep golang.org/x/text v0.3.5` with no replace
  const app = path.join(dir, 'app');
  write(path.join(app, 'go.mod'), 'module example.com/shop\n\ngo 1.21\n\nrequire golang.org/x/text v0.3.5\n');
  write(path.join(app, 'main.go'), APP_MAIN('language.Parse("en")'));
  write(path.join(app, 'vendor', 'modules.txt'), '# golang.org/x/text v0.3.5\n## explicit\ngolang.org/x/text/language\n');
  write(path.join(app, 'vendor', 'golang.org', 'x', 'text', 'language', 'language.go'), STUB_LANGUAGE);
  const out = (n: string) => path.join(dir, n);
  run('go', ['build', '-mod=vendor', '-o', out('plain'), '.'], app, { CGO_ENABLED: '1' });
  run('go', ['build', '-mod=vendor', '-trimpath', '-ldflags=-s -w', '-buildvcs=false', '-o', out('release'), '.'], app, { CGO_ENABLED: '0' });
  run('go', ['build', '-mod=vendor', '-trimpath', '-buildmode=pie', '-o', out('pie'), '.'], app, { CGO_ENABLED: '0' });
  run('go', ['build', '-mod=vendor', '-trimpath', '-ldflags=-s -w', '-o', out('darwin'), '.'], app, { CGO_ENABLED: '0', GOOS: 'darwin', GOARCH: 'arm64' });
  run('go', ['build', '-mod=vendor', '-o', out('windows.exe'), '.'], app, { CGO_ENABLED: '0', GOOS: 'windows', GOARCH: 'amd64' });
  // a git checkout with an uncommitted change: vcs.modified=true
  const repo = path.join(dir, 'repo');
  fs.cpSync(app, repo, { recursive: true });
  const git = (...a: string[]) => run('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...a], repo);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'init');
  fs.appendFileSync(path.join(repo, 'main.go'), '\n// local change\n');
  run('go', ['build', '-mod=vendor', '-trimpath', '-ldflags=-s -w', '-o', out('dirty'), '.'], repo, { CGO_ENABLED: '0' });
  // local replace: `dep golang.org/x/text v0.3.5` + `=> ../stub-text`
  const stub = path.join(dir, 'stub-text');
  write(path.join(stub, 'go.mod'), 'module golang.org/x/text\n\ngo 1.21\n');
  write(path.join(stub, 'language', 'language.go'), STUB_LANGUAGE);
  const rep = path.join(dir, 'rep');
  write(path.join(rep, 'go.mod'), 'module example.com/rep\n\ngo 1.21\n\nrequire golang.org/x/text v0.3.5\n\nreplace golang.org/x/text v0.3.5 => ../stub-text\n');
  write(path.join(rep, 'main.go'), APP_MAIN('language.Other()'));
  run('go', ['build', '-mod=mod', '-trimpath', '-o', out('replaced'), '.'], rep, { CGO_ENABLED: '0' });
}

let cached: BuiltBinaries | undefined;

export function goBinaries(): BuiltBinaries {
  if (cached) return cached;
  const key = createHash('sha256').update(`${goBin}\0${SPECS}\0${STUB_LANGUAGE}\0${APP_MAIN('x')}`).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `goready-test-gobin-${key}`);
  if (!fs.existsSync(path.join(dir, 'done'))) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-test-gobuild-'));
    buildAll(work);
    fs.writeFileSync(path.join(work, 'done'), '');
    try {
      fs.renameSync(work, dir);
    } catch {
      // another test process finished first: use its copy
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  const p = (n: string) => path.join(dir, n);
  cached = { dir, plain: p('plain'), release: p('release'), dirty: p('dirty'), replaced: p('replaced'), pie: p('pie'), darwin: p('darwin'), windows: p('windows.exe') };
  return cached;
}
