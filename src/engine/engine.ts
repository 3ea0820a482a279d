/**
 * The detection engine: walk → module facts → per-file analysis (workers) → cross-file
 * `finish` hooks. Produces raw findings with absolute paths; the pipeline judges them later.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Diagnostic, Finding } from '../core/types.js';
import { ContainedReader } from '../core/safe-read.js';
import { ruleFinding } from '../core/finding.js';
import { parseGoMod } from '../go/gomod.js';
import type { EmittedFact, FileInfo, RepoReport, RepoRuleSettings, Rule } from '../rules/define-rule.js';
import { factProviders, fileRulesOf, repoRulesOf } from '../rules/registry.js';
import { judgeOnceOnlyFindings } from './once-only-findings.js';
import { RepoFacts, type RepoGoFile, type RepoModule } from '../facts/repo-facts.js';
import { DEFAULT_SKIP_DIRS, diagnosticCodeFor, moduleFor, walkRepo, type WalkResult } from '../walk/walker.js';
import type { AnalyzeRequest } from './analyze-file.js';
import { classifyFile, copyHolding, devLoopManifests, experimentHolding, experimentModules, generatedByPath, localCopies, testSuitePackages, TILT_FILE, type DevLoopManifest } from '../core/code-roles.js';
import { isToolingFile } from '../facts/image-builds.js';
import { testOnlyFixtures } from './test-fixtures.js';
import { unreachableFunctions } from './unreachable-code.js';
import { generatorOnlyPrograms } from './generator-programs.js';
import { extractDirectives, extractHashDirectives, type Directive } from '../core/suppression-directives.js';
import { analyzeAll } from './pool.js';
import type { ResultCache } from '../cache/result-cache.js';
import { attachCodeFacts, FileResultCache } from './file-cache.js';
import { RepoStepRunner, type StepEvent } from './repo-steps.js';
import type { AnalyzeResult } from './analyze-file.js';
import { resultCacheFactStore } from './fact-store.js';
import { ProviderRegistry, type EvidenceJoin, type FactKey } from '../facts/fact-provider.js';
import { k8sManifests } from '../facts/k8s-manifests.js';
import { groupConcernFindings } from './concern-groups.js';
import { collapseVariantFindings, manifestVariantSpans } from '../facts/manifest-variants.js';

/** Every fact a rule requires (repo rules and file rules' cross-file hooks). */
export function requiredFacts(rules: readonly Rule[]): FactKey<unknown>[] {
  return rules.flatMap((r) => (r.kind === 'repo' || (r.kind === 'file' && r.finish) ? r.requires ?? [] : []));
}

export interface EngineOptions {
  root: string;
  rules: readonly Rule[];
  includeVendor?: boolean;
  includeTestdata?: boolean;
  skipDirs?: string[];
  exclude?: string[];
  gitignore?: boolean;
  maxFileSize?: number;
  /** Per-file analysis budget (default 10 s); see analyzeAll. */
  fileTimeoutMs?: number;
  /** Old-generation heap limit of each worker thread in MiB (default WORKER_OLD_GENERATION_MB); a file whose analysis needs more is reported, not fatal. */
  workerHeapMb?: number;
  jobs?: number;
  goVersion?: string;
  /** Inputs for repo rules (vulnerability database...). */
  settings?: RepoRuleSettings;
  onProgress?: (done: number, total: number) => void;
  /** Reuse and store per-file results and repo-level steps (see src/cache/). */
  cache?: ResultCache;
  /** Evidence joined after the rules (src/facts/fact-provider.ts EvidenceJoin): the engine resolves what the joins require. */
  evidence?: EvidenceJoin;
  /**
   * Give a finding in a function nothing shipped calls that function's role (src/engine/unreachable-code.ts; default
   * true). Off for code that is a set of fragments rather than a program: rule testdata, whose functions each show one
   * case and are called by nothing. A function of a module's folder ('' for the root) turns it on for that module only.
   */
  functionRoles?: boolean | ((moduleDir: string) => boolean);
}

export interface FileSummary {
  rel: string;
  lines: number;
  bytes: number;
  isTest: boolean;
  generated: boolean;
  parsed: boolean;
  packageName?: string;
  module?: string;
  skipped?: string;
}

export interface EngineResult {
  root: string;
  walk: Pick<WalkResult, 'dirsVisited' | 'otherFiles'>;
  modules: RepoModule[];
  files: FileSummary[];
  findings: Finding[];
  diagnostics: Diagnostic[];
  directives: Map<string, Directive[]>;
  /** Rule ids that had at least one file to judge. */
  applicable: Set<string>;
  /** Rule ids that declared they cannot judge, with the reason (their dimension is inconclusive). */
  inconclusive: Map<string, string>;
  rulesRun: string[];
  repo: RepoFacts;
  timings: { walkMs: number; analyzeMs: number; totalMs: number; rulesMs: Record<string, number> };
  /** Files and repo-level steps answered from the result cache (absent without a cache). */
  cacheHits?: { files: number; steps: number; facts: number };
}

export const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;
/** The byte cap on a go.mod file (the largest real ones are a few hundred KiB). */
export const MAX_GO_MOD_BYTES = 4 * 1024 * 1024;

function readModules(reader: ContainedReader, dirs: string[], diagnostics: Diagnostic[]): RepoModule[] {
  const root = reader.root;
  const out: RepoModule[] = [];
  for (const dir of dirs) {
    const abs = path.join(root, dir, 'go.mod');
    const r = reader.read(abs, { maxBytes: MAX_GO_MOD_BYTES });
    if (!r.ok) {
      diagnostics.push({ level: 'warning', code: diagnosticCodeFor(r.reason), file: abs, message: `go.mod not read: ${r.message}` });
      continue;
    }
    const text = r.buf.toString('utf8');
    const mod = parseGoMod(text);
    for (const err of mod.errors) {
      diagnostics.push({ level: 'warning', code: 'gomod-parse', file: abs, line: err.line, message: `go.mod: ${err.message}` });
    }
    out.push({ dir, path: mod.module, go: mod.go, toolchain: mod.toolchain, mod, hasGoSum: reader.contains(path.join(root, dir, 'go.sum')) });
  }
  return out;
}

export async function runEngine(opts: EngineOptions): Promise<EngineResult> {
  const t0 = performance.now();
  const root = path.resolve(opts.root);
  const skipDirs = opts.skipDirs ?? DEFAULT_SKIP_DIRS.filter((d) =>
    !(d === 'vendor' && opts.includeVendor) && !(d === 'testdata' && opts.includeTestdata));
  const reader = new ContainedReader(root);
  const walk = walkRepo(root, { skipDirs, exclude: opts.exclude, gitignore: opts.gitignore, reader });
  const diagnostics: Diagnostic[] = [...walk.diagnostics];
  const modules = readModules(reader, walk.goModDirs, diagnostics);
  const moduleDirs = modules.map((m) => m.dir);
  // other projects' modules copied into the tree and used through a go.mod replace: third-party code (code-roles.ts)
  const copies = localCopies(modules.map((m) => ({ dir: m.dir, path: m.path, replace: m.mod.replace })));
  // modules of their own under an experiments/ folder: experiments, not shipped code (code-roles.ts)
  const experiments = experimentModules(moduleDirs);
  const tWalk = performance.now();

  const reqs: AnalyzeRequest[] = walk.goFiles.map((f) => {
    const dir = moduleFor(f.rel, moduleDirs);
    const mod = dir === undefined ? undefined : modules.find((m) => m.dir === dir);
    return {
      root,
      absPath: f.abs,
      relPath: f.rel,
      moduleDir: dir,
      modulePath: mod?.path,
      goVersion: opts.goVersion ?? mod?.go,
      localCopy: copyHolding(f.rel, copies),
      experiment: experimentHolding(f.rel, experiments),
      maxFileSize: opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    };
  });
  const fileRules = fileRulesOf(opts.rules);
  const fileCache = opts.cache ? new FileResultCache(opts.cache, root, fileRules.map((r) => r.meta.id), opts.fileTimeoutMs) : undefined;
  const known = new Map<string, AnalyzeResult>();
  for (const req of reqs) {
    const hit = fileCache?.lookup(req);
    if (hit) known.set(req.absPath, hit);
  }
  const toAnalyze = known.size ? reqs.filter((r) => !known.has(r.absPath)) : reqs;
  const fresh = toAnalyze.length ? await analyzeAll(fileRules, toAnalyze, {
    jobs: opts.jobs,
    fileBudgetMs: opts.fileTimeoutMs,
    workerHeapMb: opts.workerHeapMb,
    onProgress: opts.onProgress && ((done, total) => opts.onProgress!(done + known.size, total + known.size)),
    onStall: (n) => diagnostics.push({ level: 'warning', code: 'worker-stall', message: `worker threads stopped making progress: ${n} file(s) were analysed in the main thread instead` }),
  }) : [];
  if (fileCache) {
    fileCache.store(toAnalyze, fresh);
    fileCache.save(reqs);
  }
  for (const r of fresh) known.set(r.absPath, r);
  const results = reqs.map((r) => known.get(r.absPath)!);
  // a file's text for the role passes that need other files (here and after the rules), read without keeping it:
  // these passes may read every Go file once
  const readOnce = (rel: string) => {
    const r = reader.read(path.join(root, rel), { maxBytes: opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE });
    return r.ok ? r.buf.toString('utf8') : undefined;
  };
  applyRepositoryRoles(results, reqs, readOnce);
  const tAnalyze = performance.now();

  const findings: Finding[] = [];
  const files: FileSummary[] = [];
  const directives = new Map<string, Directive[]>();
  const applicable = new Set<string>();
  const factsByRule = new Map<string, EmittedFact[]>();
  const reqByAbs = new Map(reqs.map((r) => [r.absPath, r]));
  const repoGoFiles: RepoGoFile[] = [];
  for (const r of results) {
    for (const f of r.findings) findings.push(f);
    for (const d of r.diagnostics) diagnostics.push(d);
    if (r.directives.length) directives.set(r.absPath, r.directives);
    if (!r.generated) for (const id of r.applicable) applicable.add(id);
    const req = reqByAbs.get(r.absPath)!;
    repoGoFiles.push(attachCodeFacts({ rel: r.relPath, lines: r.lines, isTest: r.isTest, generated: r.generated, packageName: r.packageName, module: req.moduleDir, role: r.role,
      ...(r.skipped === undefined ? { roleSignal: r.roleSignal, roleReason: r.roleReason } : {}) }, r));
    files.push({ rel: r.relPath, lines: r.lines, bytes: r.bytes, isTest: r.isTest, generated: r.generated, parsed: r.parsed, packageName: r.packageName, module: req.moduleDir, skipped: r.skipped });
    if (r.facts.length) {
      const info: FileInfo = {
        path: r.relPath, packageName: r.packageName ?? '', isTest: r.isTest, isMain: r.packageName === 'main',
        isGenerated: r.generated, role: r.role, roleReason: r.roleReason, modulePath: req.modulePath, moduleDir: req.moduleDir, goVersion: req.goVersion,
      };
      for (const fact of r.facts) {
        let list = factsByRule.get(fact.ruleId);
        if (!list) factsByRule.set(fact.ruleId, (list = []));
        list.push({ file: info, data: fact.data });
      }
    }
  }
  const repo = new RepoFacts(root, modules, walk.otherFiles.map((f) => f.rel), repoGoFiles, reader);
  if (opts.fileTimeoutMs !== undefined) repo.fileBudgetMs = opts.fileTimeoutMs;
  const evidence = opts.evidence;
  repo.providers = evidence?.providers.length ? new ProviderRegistry([...factProviders().all, ...evidence.providers]) : factProviders();
  repo.evidence = { govulncheck: opts.settings?.govulncheckEvidence, ...evidence?.given };
  if (opts.cache) repo.factStore = resultCacheFactStore(opts.cache, repo.fileBudgetMs);
  // the repo-level facts the rules and the evidence joins require, each computed once (or taken from the cache) after the facts it reads
  for (const provider of repo.providers.order([...requiredFacts(opts.rules), ...(evidence?.requires ?? [])])) {
    try {
      await repo.resolve(provider.provides);
    } catch {
      // a synchronous fact is not kept: each rule that reads it computes it again and reports the failure as its own (rule-error);
      // an asynchronous one keeps its failure, which `fact` rethrows to whoever reads it
    }
  }
  const summaryByRel = new Map(files.map((f) => [f.rel, f]));
  // snippets: each file split into lines once (a file with thousands of findings stays linear)
  const fileLines = new Map<string, string[] | undefined>();
  const lineOf = (rel: string, line: number): string | undefined => {
    let lines = fileLines.get(rel);
    if (!fileLines.has(rel)) fileLines.set(rel, (lines = repo.readText(rel).text?.split('\n')));
    return lines?.[line - 1]?.trim().slice(0, 200);
  };
  // repo-level steps (cross-file hooks, repo rules), each replayed from the cache while what it read is unchanged
  // the per-file budget is an input: a run with another --file-timeout neither reuses nor is served this run's steps
  const steps = new RepoStepRunner(opts.cache, repo, { modules, otherFiles: repo.otherFiles, settings: opts.settings ?? {}, fileBudgetMs: repo.fileBudgetMs });
  const repoDiagnostics: Diagnostic[] = [];
  for (const rule of fileRules) {
    if (!rule.finish) continue;
    const facts = factsByRule.get(rule.meta.id) ?? [];
    const apply = (e: StepEvent) => {
      if (e.t !== 'report') return;
      const rep = e.r as Parameters<Parameters<NonNullable<typeof rule.finish>>[1]>[0];
      findings.push(ruleFinding(rule.meta, rep, { file: path.join(root, rep.file), line: rep.line, column: rep.column }, {
        inTest: rep.file.endsWith('_test.go') || undefined,
        generated: summaryByRel.get(rep.file)?.generated || undefined,
        module: summaryByRel.get(rep.file)?.module,
        snippet: lineOf(rep.file, rep.line),
        ...(rep.concern !== undefined ? { concern: rep.concern } : {}),
      }));
    };
    try {
      const factsKey = facts.length ? createHash('sha256').update(JSON.stringify(facts)).digest('hex') : '';
      repoDiagnostics.push(...steps.step(`finish:${rule.meta.id}`, factsKey, false,
        (emit) => repo.declaring(`rule ${rule.meta.id}`, rule.requires ?? [], () => rule.finish!(facts, (rep) => emit({ t: 'report', r: rep }), repo)), apply));
    } catch (e) {
      diagnostics.push({ level: 'error', code: 'rule-error', message: `rule ${rule.meta.id} failed while combining files: ${(e as Error).message}` });
    }
  }
  try {
    const judged = judgeOnceOnlyFindings(findings, repo, root);
    if (judged !== findings) {
      findings.length = 0;
      for (const f of judged) findings.push(f);
    }
  } catch (e) {
    diagnostics.push({ level: 'error', code: 'internal-error', message: `execution frequency not judged: ${(e as Error).message}` });
  }
  const inconclusive = new Map<string, string>();
  const settings = opts.settings ?? {};
  const rulesMs: Record<string, number> = {};
  for (const rule of repoRulesOf(opts.rules)) {
    const tRule = performance.now();
    const apply = (e: StepEvent) => {
      if (e.t === 'applicable') applicable.add(rule.meta.id);
      else if (e.t === 'inconclusive') inconclusive.set(rule.meta.id, e.reason);
      else if (e.t === 'diagnostic') {
        const d = e.d as Diagnostic;
        diagnostics.push({ ...d, file: d.file ? path.join(root, d.file) : undefined });
      } else {
        const rep = e.r as RepoReport;
        applicable.add(rule.meta.id);
        findings.push(ruleFinding(rule.meta, rep, { file: path.join(root, rep.file), line: rep.line, column: rep.column, endLine: rep.endLine }, {
          inTest: rep.file.endsWith('_test.go') || undefined, vuln: rep.vuln,
          module: summaryByRel.get(rep.file)?.module, snippet: lineOf(rep.file, rep.line),
          ...(rep.related?.length ? { related: rep.related.map((r) => ({ file: path.join(root, r.file), line: r.line })) } : {}),
          ...(rep.concern !== undefined ? { concern: rep.concern } : {}),
        }));
      }
    };
    try {
      repoDiagnostics.push(...steps.step(`repo:${rule.meta.id}`, '', !!rule.volatile, (emit) => repo.declaring(`rule ${rule.meta.id}`, rule.requires ?? [], () => rule.check(repo, {
        settings,
        applicable: () => emit({ t: 'applicable' }),
        inconclusive: (reason) => emit({ t: 'inconclusive', reason }),
        diagnostic: (d) => emit({ t: 'diagnostic', d }),
        report: (rep) => emit({ t: 'report', r: rep }),
      })), apply));
    } catch (e) {
      diagnostics.push({ level: 'error', code: 'rule-error', message: `rule ${rule.meta.id} failed: ${(e as Error).stack ?? String(e)}` });
    }
    rulesMs[rule.meta.id] = performance.now() - tRule;
  }
  // one concern on a workload rendered in several variants of an install bundle is reported once (manifest-variants.ts)
  if (findings.some((f) => /\.ya?ml$/i.test(f.file))) {
    const kept = collapseVariantFindings(findings, manifestVariantSpans(k8sManifests(repo).workloads), (f) => path.relative(root, f).split(path.sep).join('/'));
    if (kept !== findings) findings.splice(0, findings.length, ...kept);
  }
  // every finding carries its file's role: Go files as analysed (package, build constraint), other files by path and
  // the repository's layout, as facts see them (RepoFacts.pathRole: module copies, archived release copies); a YAML
  // file under gen/ is generated output (src/core/code-roles.ts generatedByPath)
  const roleByAbs = new Map(results.map((r) => [r.absPath, { role: r.role, roleReason: r.roleReason }]));
  // manifests only a Tiltfile applies (a developer's dev loop), read only when a YAML finding needs its role
  let devLoopList: DevLoopManifest[] | undefined;
  const devLoop = () => (devLoopList ??= (() => {
    const rels = walk.otherFiles.map((f) => f.rel);
    const read = (rel: string) => { const text = repo.readText(rel).text; return text === undefined ? [] : [{ path: rel, text }]; };
    const tilt = rels.filter((r) => TILT_FILE.test(r)).flatMap(read);
    if (!tilt.length) return [];
    const texts = rels.filter((r) => !TILT_FILE.test(r) && (isToolingFile(r) || /\.(?:md|markdown|rst|adoc|txt)$/i.test(r) || /(?:^|\/)kustomization\.ya?ml$/i.test(r))).flatMap(read);
    return devLoopManifests(tilt, texts, rels);
  })());
  for (const f of findings) {
    const known = roleByAbs.get(f.file);
    const r = known ?? (() => {
      const rel = path.relative(root, f.file).split(path.sep).join('/');
      let c = repo.pathRole(rel);
      if (c.role === 'production' && /\.ya?ml$/i.test(rel)) {
        const dev = classifyFile({ path: rel, devLoop: devLoop() });
        if (dev.role === 'tooling') c = dev;
      }
      if (generatedByPath(rel)) f.generated = true;
      return { role: c.role, roleReason: c.reason };
    })();
    f.role = r.role;
    f.roleReason = r.roleReason || undefined;
  }
  // a finding inside a function nothing shipped runs takes that function's role (unreachable-code.ts)
  // a package main only //go:generate runs is developer tooling (generator-programs.ts)
  applyGeneratorRoles(findings, results, walk.otherFiles.map((f) => f.rel), modules, root, readOnce);
  if (opts.functionRoles !== false) {
    const inModule = typeof opts.functionRoles === 'function' ? opts.functionRoles : () => true;
    applyFunctionRoles(findings.filter((f) => inModule(f.module ?? '')), results, reqs, walk.otherFiles.map((f) => f.rel), root, readOnce);
  }
  // the places of one declared concern are one finding, the others related places (concern-groups.ts); after the
  // roles, so that shipped and non-shipped places are grouped apart
  const grouped = groupConcernFindings(findings);
  if (grouped !== findings) findings.splice(0, findings.length, ...grouped);
  // suppressions in the non-Go files repo findings point at (YAML, Dockerfiles, Makefiles), their related places too
  for (const abs of findings.flatMap((f) => [f.file, ...(f.related ?? []).map((r) => r.file)])) {
    if (abs.endsWith('.go') || directives.has(abs)) continue;
    const rel = path.relative(root, abs).split(path.sep).join('/');
    const text = repo.readText(rel).text;
    const ds = !text ? [] : /(^|\/)go\.(mod|work)$/.test(rel) ? extractDirectives(text) : extractHashDirectives(text);
    directives.set(abs, ds);
  }
  for (const [k, v] of directives) if (!v.length) directives.delete(k);
  // a fact's diagnostic is recorded by every step that used the fact: each is reported once
  const seen = new Set<string>();
  for (const d of [...repoDiagnostics, ...repo.diagnostics]) {
    const k = JSON.stringify(d);
    if (seen.has(k)) continue;
    seen.add(k);
    diagnostics.push({ ...d, file: d.file ? path.join(root, d.file) : undefined });
  }
  const tEnd = performance.now();
  return {
    root,
    walk: { dirsVisited: walk.dirsVisited, otherFiles: walk.otherFiles },
    modules,
    files,
    findings,
    diagnostics,
    directives,
    applicable,
    inconclusive,
    rulesRun: opts.rules.map((r) => r.meta.id),
    repo,
    timings: { walkMs: tWalk - t0, analyzeMs: tAnalyze - tWalk, totalMs: tEnd - t0, rulesMs },
    ...(opts.cache ? { cacheHits: { files: fileCache!.hits, steps: steps.hits, facts: repo.factsReused.length } } : {}),
  };
}

/**
 * The roles that need the other files of the repository (code-roles.ts): the files of a Ginkgo suite package outside
 * _test.go files (testSuitePackages), then the fixtures files only tests and test set-up use (test-fixtures.ts; `read`
 * gives a file's text), both test support. Set on the results before findings and facts take their file's role; the
 * results are already in the file cache, which keeps each file's own role.
 */
function applyRepositoryRoles(results: AnalyzeResult[], reqs: AnalyzeRequest[], read: (rel: string) => string | undefined): void {
  // imports read only when asked: a result from the cache parses its code facts then
  const files = results.map((r, i) => ({
    path: r.relPath, isTest: r.isTest, role: r.role, modulePath: reqs[i]!.modulePath, moduleDir: reqs[i]!.moduleDir,
    imports: () => r.codeFacts?.imports,
  }));
  const suites = testSuitePackages(files);
  for (const r of results) {
    const reason = suites.get(r.relPath.slice(0, Math.max(0, r.relPath.lastIndexOf('/'))));
    if (reason === undefined || r.isTest || r.role !== 'production') continue;
    r.role = 'test-support';
    r.roleReason = reason;
    r.roleSignal = 'references';
  }
  const fixtures = testOnlyFixtures(results.map((r, i) => ({
    rel: r.relPath, packageName: r.packageName, isTest: r.isTest, generated: r.generated, role: r.role,
    moduleDir: reqs[i]!.moduleDir, modulePath: reqs[i]!.modulePath, imports: files[i]!.imports,
  })), read);
  for (const r of results) {
    const fixture = fixtures.get(r.relPath);
    if (fixture) { r.role = fixture.role; r.roleReason = fixture.reason; r.roleSignal = fixture.signal; }
  }
}

/**
 * Findings in production Go code that sit in a function nothing shipped reaches (src/engine/unreachable-code.ts) take
 * its role: test-support when only tests call it, unreachable when nothing does.
 */
function applyFunctionRoles(findings: Finding[], results: AnalyzeResult[], reqs: AnalyzeRequest[], otherFiles: string[], root: string, read: (rel: string) => string | undefined): void {
  const lines = new Map<string, number[]>();
  const relOf = new Map<Finding, string>();
  for (const f of findings) {
    if (f.role !== 'production' || !f.file.endsWith('.go') || f.file.endsWith('_test.go')) continue;
    const rel = path.relative(root, f.file).split(path.sep).join('/');
    relOf.set(f, rel);
    let l = lines.get(rel);
    if (!l) lines.set(rel, (l = []));
    l.push(f.line);
  }
  if (!lines.size) return;
  const dead = unreachableFunctions(results.map((r, i) => ({
    rel: r.relPath, packageName: r.packageName, isTest: r.isTest, module: reqs[i]!.moduleDir, role: r.role, upperWords: () => r.upperWords,
  })), otherFiles, lines, read);
  if (!dead.size) return;
  for (const [f, rel] of relOf) {
    const fn = dead.get(rel)?.find((d) => d.startLine <= f.line && f.line <= d.endLine);
    if (!fn) continue;
    f.role = fn.role;
    f.roleReason = fn.reason;
  }
}

/** Findings in a package main folder that only //go:generate lines run take the tooling role (src/engine/generator-programs.ts). */
function applyGeneratorRoles(findings: Finding[], results: AnalyzeResult[], otherFiles: string[], modules: RepoModule[], root: string, read: (rel: string) => string | undefined): void {
  const mainDirs = new Set(results.filter((r) => !r.isTest && r.packageName === 'main' && r.role === 'production').map((r) => path.posix.dirname(r.relPath)));
  const relOf = new Map<Finding, string>();
  const dirs = new Set<string>();
  for (const f of findings) {
    if (f.role !== 'production' || !f.file.endsWith('.go')) continue;
    const rel = path.relative(root, f.file).split(path.sep).join('/');
    if (!mainDirs.has(path.posix.dirname(rel))) continue;
    relOf.set(f, rel);
    dirs.add(path.posix.dirname(rel));
  }
  if (!dirs.size) return;
  // a decoded file's go:generate lines are in its result (none when absent); a skipped file is read as before
  const generators = generatorOnlyPrograms(dirs, results.map((r) => ({
    rel: r.relPath, packageName: r.packageName, isTest: r.isTest, role: r.role, generate: r.skipped === undefined ? r.goGenerate ?? [] : undefined,
  })), otherFiles,
    modules.map((m) => ({ dir: m.dir, path: m.path })), read);
  for (const [f, rel] of relOf) {
    const reason = generators.get(path.posix.dirname(rel));
    if (reason === undefined) continue;
    f.role = 'tooling';
    f.roleReason = reason;
  }
}
