/**
 * The code each fuzz target runs (inside the watchdog worker). Each returns a summary of what
 * the parser produced; `checkLines` and the schema check turn a malformed result into an error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parseGoMod } from '../../src/go/gomod.js';
import { getGoParser } from '../../src/go/parser.js';
import { parseGoSum, goSumOf } from '../../src/facts/go-sum.js';
import { parseConfigText, resolveConfig, loadConfig } from '../../src/config/config.js';
import { parseBaseline } from '../../src/pipeline/baseline.js';
import { parseYaml } from '../../src/facts/yaml-doc.js';
import { k8sManifests } from '../../src/facts/k8s-manifests.js';
import { readManifestText } from '../../src/facts/k8s-objects.js';
import { stripHelmTemplate } from '../../src/facts/helm-templates.js';
import { parseGoreleaser, goreleaserConfigs } from '../../src/facts/goreleaser.js';
import { parseKoConfig, koConfigs } from '../../src/facts/ko.js';
import { parseDockerfile, dockerfiles, stagesFeedingFinal, isRunnable, effectiveUser, rootFrom } from '../../src/facts/dockerfiles.js';
import { projectGoBuilds } from '../../src/facts/makefile-builds.js';
import { parseMakefile, makeProjects, makefileAt } from '../../src/facts/makefile.js';
import { shellCommands, findGoBuilds } from '../../src/facts/go-build-invocations.js';
import { logicalLines, simpleCommands, recogniseCommand } from '../../src/facts/ci-shell.js';
import { ScriptAnalyzer } from '../../src/facts/ci-scripts.js';
import { goSymbolFacts } from '../../src/facts/go-symbol-refs.js';
import { sourceStatsOf, goTestFacts } from '../../src/facts/go-tests.js';
import { importsByText } from '../../src/facts/code-facts.js';
import { extractDirectives, extractHashDirectives } from '../../src/core/suppression-directives.js';
import { analyzeFile } from '../../src/engine/analyze-file.js';
import { RepoFacts, type RepoModule } from '../../src/facts/repo-facts.js';
import { ciFacts } from '../../src/facts/ci-config.js';
import { composeServices } from '../../src/facts/compose-files.js';
import { releaseBuilds, dockerGoBuilds } from '../../src/facts/release-builds.js';
import { securityPolicy, dependencyBots } from '../../src/facts/repo-policy.js';
import { allRules, fileRulesOf } from '../../src/rules/registry.js';
import { runAudit } from '../../src/audit/run-audit.js';
import { PRINTERS } from '../../src/printers/index.js';
import { projectRoot } from '../helpers/paths.js';
import { checkLines, decodeRepo, lineCount, Malformed, scratchDir, writeRepo } from './targets.js';

export interface CallInput {
  target: string;
  bytes: Uint8Array;
  /** Repository-relative path the input is read as (file-name-dependent parsers). */
  path: string;
}

type Diag = { level: 'info' | 'warning' | 'error'; code: string; message: string; file?: string; line?: number };

const text = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');

function checked<T>(v: T, src: string): T {
  checkLines(v, lineCount(src));
  return v;
}

let fileRules: ReturnType<typeof fileRulesOf> | undefined;
let reportValidator: ((d: unknown) => boolean) & { errors?: unknown } | undefined;

function validateReport(report: unknown): void {
  if (!reportValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    reportValidator = ajv.compile(JSON.parse(fs.readFileSync(path.join(projectRoot, 'schema', 'report.schema.json'), 'utf8')));
  }
  if (!reportValidator(report)) throw new Malformed(`report does not validate against schema/report.schema.json: ${JSON.stringify(reportValidator.errors).slice(0, 400)}`);
}

/** Modules of a scratch repository, read as the engine does. */
function modulesOf(dir: string, rels: string[]): RepoModule[] {
  return rels.filter((r) => r === 'go.mod' || r.endsWith('/go.mod')).map((r) => {
    const d = r === 'go.mod' ? '' : r.slice(0, -'/go.mod'.length);
    const mod = parseGoMod(fs.readFileSync(path.join(dir, r), 'utf8'));
    return { dir: d, path: mod.module, go: mod.go, toolchain: mod.toolchain, mod, hasGoSum: fs.existsSync(path.join(dir, d, 'go.sum')) };
  });
}

function listFiles(dir: string, base = ''): string[] {
  return fs.readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap((e) => {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) return listFiles(dir, rel);
    return e.isFile() ? [rel] : [];
  });
}

async function runRepoFacts(input: CallInput): Promise<unknown> {
  const dir = scratchDir();
  const files: Record<string, Buffer> = { [input.path]: Buffer.from(input.bytes) };
  if (!files['go.mod']) files['go.mod'] = Buffer.from('module example.com/fuzz\n\ngo 1.22\n');
  files['main.go'] ??= Buffer.from('package main\n\nfunc main() {}\n');
  writeRepo(dir, files);
  const rels = listFiles(dir).sort();
  const repo = new RepoFacts(dir, modulesOf(dir, rels), rels.filter((r) => !r.endsWith('.go')), [{ rel: 'main.go', lines: 3, isTest: false, generated: false, packageName: 'main', module: '' }]);
  const out = {
    ci: ciFacts(repo),
    compose: composeServices(repo),
    k8s: k8sManifests(repo),
    docker: dockerfiles(repo),
    goreleaser: goreleaserConfigs(repo),
    ko: koConfigs(repo),
    make: makeProjects(repo).map((p: Parameters<typeof projectGoBuilds>[0]) => projectGoBuilds(p)),
    makefile: makefileAt(repo, path.posix.dirname(input.path) === '.' ? '' : path.posix.dirname(input.path))?.paths,
    releases: releaseBuilds(repo),
    dockerBuilds: dockerGoBuilds(repo),
    policy: securityPolicy(repo),
    bots: dependencyBots(repo),
    sum: repo.modules.map((m) => goSumOf(repo, m.dir)),
    tests: goTestFacts(repo),
    diagnostics: repo.diagnostics,
  };
  return out;
}

async function runAuditTarget(input: CallInput): Promise<unknown> {
  const dir = scratchDir();
  writeRepo(dir, decodeRepo(Buffer.from(input.bytes)));
  const hasConfig = fs.existsSync(path.join(dir, '.goready.yaml'));
  const { config, errors } = loadConfig(dir, hasConfig ? { explicit: path.join(dir, '.goready.yaml') } : { noConfig: true });
  const report = await runAudit({ target: dir, config, jobs: 1, preDiagnostics: errors.map((m) => ({ level: 'error' as const, code: 'config', message: m })) });
  // a rule that threw is caught by the engine and becomes a diagnostic: still a broken contract
  const broken = report.diagnostics.find((d) => d.code === 'rule-error' || d.code === 'internal-error');
  if (broken) throw new Error(`${broken.code}: ${broken.message.split(dir).join('<root>')}`);
  const printed: Record<string, boolean> = {};
  for (const [name, print] of Object.entries(PRINTERS.audit)) printed[name] = print(report, { color: false }).length > 0;
  validateReport(JSON.parse(PRINTERS.audit.json(report, { color: false })));
  JSON.parse(PRINTERS.audit.sarif(report, { color: false }));
  // a summary without run-dependent fields (time, scratch path)
  return {
    exit: errors.length ? 2 : report.gate?.failed ? 1 : 0,
    findings: report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`),
    diagnostics: report.diagnostics.map((d) => `${d.code} ${d.file ?? ''}:${d.line ?? ''} ${d.message}`.split(dir).join('<root>')),
    scores: report.scores,
    printed,
  };
}

/** Runs one target on one input; throws when the contract is broken. */
export async function runTarget(input: CallInput): Promise<unknown> {
  const src = input.target === 'audit' ? '' : text(input.bytes);
  const diags: Diag[] = [];
  switch (input.target) {
    case 'gomod': return checked(parseGoMod(src), src);
    case 'gosum': return checked(parseGoSum(src), src);
    case 'config': {
      const p = parseConfigText(src, '.goready.yaml');
      const errors = [...p.errors];
      const cfg = resolveConfig(p.raw, '.goready.yaml', {}, errors);
      return { errors, rules: cfg.enabledRules.length, failOn: cfg.failOn, exclude: cfg.exclude };
    }
    case 'baseline': {
      try {
        return parseBaseline(src, 'baseline');
      } catch (e) {
        if (e instanceof Error && e.constructor === Error) return { rejected: e.message };
        throw e;
      }
    }
    case 'yaml': {
      const y = parseYaml(input.path, src);
      return checked({ docs: y.docs.length, error: y.error, problems: y.problems, warnings: y.warnings }, src);
    }
    case 'k8s': return checked({ res: readManifestText(input.path, src, (d) => diags.push(d)), diags }, src);
    case 'helm': {
      const stripped = stripHelmTemplate(src, { lookup: () => undefined });
      const res = readManifestText(input.path, stripped.text, (d) => diags.push(d), { source: 'helm' });
      return checked({ stripped, res, diags }, src);
    }
    case 'goreleaser': return checked({ f: parseGoreleaser(input.path, src, diags), diags }, src);
    case 'ko': return checked({ f: parseKoConfig(input.path, src, diags), diags }, src);
    case 'dockerfile': {
      const df = parseDockerfile(input.path, src, diags);
      const feeding = stagesFeedingFinal(df);
      const per = df.stages.map((_s, i) => ({ runnable: isRunnable(df, i), user: effectiveUser(df, i), root: rootFrom(df, i) }));
      return checked({ df, feeding, per, diags }, src);
    }
    case 'makefile': {
      // parsed alone, then as make reads it (a project over a one-file repository) with its go builds
      const mf = parseMakefile(input.path, src, []);
      const dir = scratchDir();
      writeRepo(dir, { Makefile: Buffer.from(input.bytes) });
      const repo = new RepoFacts(dir, [], ['Makefile'], []);
      const builds = makeProjects(repo).map((p) => projectGoBuilds(p));
      return checked({ mf, builds, diags: repo.diagnostics }, src);
    }
    case 'shell': {
      const cmds = shellCommands(src);
      const builds = findGoBuilds(src);
      const lines = src.split('\n').map((t, i) => ({ text: t, line: i + 1 }));
      const simple = logicalLines(lines).flatMap((l) => simpleCommands(l));
      const tools = simple.map((c) => recogniseCommand(c, {})).filter(Boolean);
      const hits = new ScriptAnalyzer(new RepoFacts(path.join(projectRoot, 'nonexistent-fuzz-root'), [], [], [])).analyze(lines, { env: {}, cwd: '' });
      return checked({ cmds: cmds.length, builds, simple: simple.length, tools, hits }, src);
    }
    case 'go-text': {
      const sym = goSymbolFacts(src);
      return checked({ sym, stats: sourceStatsOf(src), imports: importsByText(src) }, src);
    }
    case 'directives': return checked({ go: extractDirectives(src), hash: extractHashDirectives(src) }, src);
    case 'go-file': {
      const parser = await getGoParser();
      fileRules ??= fileRulesOf(allRules());
      const dir = scratchDir();
      const abs = path.join(dir, 'x.go');
      fs.writeFileSync(abs, input.bytes);
      const r = analyzeFile(parser, fileRules, { absPath: abs, relPath: 'x.go', modulePath: 'example.com/fuzz', moduleDir: '', goVersion: '1.22', maxFileSize: 4 * 1024 * 1024 });
      if (r.ruleErrors.length) throw new Error(`rule(s) threw: ${r.ruleErrors.map((e) => `${e.ruleId}: ${e.message}`).join('; ')}`);
      checkLines({ findings: r.findings, directives: r.directives }, r.lines);
      return { findings: r.findings.map((f) => `${f.ruleId}:${f.line}:${f.column}`), diagnostics: r.diagnostics.map((d) => `${d.code}:${d.line ?? ''}`), lines: r.lines, parsed: r.parsed };
    }
    case 'repo-facts': return runRepoFacts(input);
    case 'audit': return runAuditTarget(input);
    default: throw new Error(`unknown fuzz target ${input.target}`);
  }
}
