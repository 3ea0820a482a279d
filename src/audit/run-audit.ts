/** One audit: config → engine → pipeline → score → gates → report model. */
import path from 'node:path';
import { ContainedReader, readRegularFile } from '../core/safe-read.js';
import { DIMENSIONS, severityRank, type Finding } from '../core/types.js';
import { toolVersion } from '../core/tool-package.js';
import { allRules } from '../rules/registry.js';
import type { ResolvedConfig } from '../config/config.js';
import { runEngine } from '../engine/engine.js';
import { parseBaseline, type Baseline } from '../pipeline/baseline.js';
import { evidenceUnderConfig } from '../pipeline/config-overrides.js';
import { runPipeline, type PipelineOutput } from '../pipeline/run-pipeline.js';
import { REPORT_SCHEMA_VERSION, reportRuleOf, type Report } from '../report/model.js';
import type { Scores } from '../scoring/score.js';
import { changedLinesSince, GitError } from '../vcs/git-diff.js';
import { artifactJoinEvidence, joinArtifacts } from './artifact-join.js';
import type { ResultCache } from '../cache/result-cache.js';
import { combineEvidence, type EvidenceJoin } from '../facts/fact-provider.js';
import type { RepoFacts } from '../facts/repo-facts.js';

/** Bad input to the audit itself (unreadable baseline, unknown git revision): a usage error (exit 2). */
export class AuditInputError extends Error {}

export interface AuditOptions {
  target: string;
  config: ResolvedConfig;
  /** Extra diagnostics gathered before the audit (config errors). */
  preDiagnostics?: Report['diagnostics'];
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /** A baseline file (`goready baseline write`): hide what it covers, report what is new or increased. */
  baselineFile?: string;
  /** Keep only findings on lines changed since this git revision. */
  newFromRev?: string;
  /** Source lines of context before and after each reported finding (default 2; 0 for none). */
  contextLines?: number;
  /** Built binaries of this repository (`--artifact`): their build information corrects the source's guesses. */
  artifacts?: string[];
  /** The result cache (`--cache-dir`; none with `--no-cache`): unchanged files and repo steps are reused. */
  cache?: ResultCache;
  /** Evidence the caller judges the report with afterwards (`--probe`): resolved by the engine, read from `AuditResult.repo`. */
  evidence?: EvidenceJoin;
}

export interface AuditResult {
  report: Report;
  /** Every judged finding, before baseline, new-from-rev, min severity and caps. */
  judged: Finding[];
  /** The engine's repository facts, with the evidence of `AuditOptions.evidence` resolved. */
  repo: RepoFacts;
}

/** The byte cap on a baseline file (one of 50,000 files is a few MiB). */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/**
 * Reads the baseline. One inside the audited root is repository content (e.g. the committed
 * `.goready-baseline.json`): it must resolve inside the root, so a link to a file elsewhere is
 * refused before its content could reach an error message. One outside was named by the user.
 */
function readBaseline(file: string, root: string): Baseline {
  const abs = path.resolve(file);
  const rel = path.relative(root, abs);
  const inRoot = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  const r = inRoot ? new ContainedReader(root, []).read(abs, { maxBytes: MAX_BASELINE_BYTES }) : readRegularFile(abs, { maxBytes: MAX_BASELINE_BYTES });
  if (!r.ok) throw new AuditInputError(`--baseline ${file}: ${r.message}${r.reason === 'missing' ? '; write one with `goready baseline write`' : ''}`);
  const text = r.buf.toString('utf8');
  try {
    return parseBaseline(text, `--baseline ${file}`);
  } catch (e) {
    throw new AuditInputError((e as Error).message);
  }
}

/** Adds `context` (a few lines around the finding) from each file, read once. */
function addContext(root: string, findings: Finding[], around: number): Finding[] {
  if (around <= 0) return findings;
  const cache = new Map<string, string[] | undefined>();
  const reader = new ContainedReader(root);
  const linesOf = (rel: string) => {
    if (!cache.has(rel)) {
      let lines: string[] | undefined;
      const r = reader.read(path.join(root, rel), { maxBytes: 8 * 1024 * 1024 });
      if (r.ok) {
        lines = r.buf.toString('utf8').split(/\r?\n/);
        if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      }
      cache.set(rel, lines);
    }
    return cache.get(rel);
  };
  return findings.map((f) => {
    const lines = linesOf(f.file);
    if (!lines || f.line < 1 || f.line > lines.length) return f;
    const last = Math.min(lines.length, Math.max(f.line, Math.min(f.endLine ?? f.line, f.line + 4)) + around);
    const first = Math.max(1, f.line - around);
    return { ...f, context: { startLine: first, lines: lines.slice(first - 1, last).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l)) } };
  });
}

function gateReasons(cfg: ResolvedConfig, gated: Finding[], scores: Scores): string[] {
  const reasons: string[] = [];
  if (cfg.failOn) {
    const n = gated.filter((f) => severityRank(f.severity) >= severityRank(cfg.failOn!)).length;
    if (n) reasons.push(`${n} finding(s) at or above severity ${cfg.failOn}`);
  }
  if (cfg.minScore !== undefined && scores.overall !== null && scores.overall < cfg.minScore) {
    reasons.push(`overall score ${scores.overall} is below --min-score ${cfg.minScore}`);
  }
  for (const dim of DIMENSIONS) {
    const min = cfg.minDimensionScores[dim];
    if (min === undefined) continue;
    const d = scores.dimensions[dim];
    if (d.score === null) reasons.push(`${dim} is inconclusive (${d.reason}): its minimum score ${min} is not met`);
    else if (d.score < min) reasons.push(`${dim} score ${d.score} is below its minimum ${min}`);
  }
  return reasons;
}

export async function runAudit(opts: AuditOptions): Promise<Report> {
  return (await auditWithFindings(opts)).report;
}

export async function auditWithFindings(opts: AuditOptions): Promise<AuditResult> {
  const started = new Date();
  const t0 = performance.now();
  const root = path.resolve(opts.target);
  const cfg = opts.config;
  // inputs that can fail are checked before the (long) analysis
  const baseline = opts.baselineFile ? readBaseline(opts.baselineFile, root) : undefined;
  let changedLines: Awaited<ReturnType<typeof changedLinesSince>> | undefined;
  if (opts.newFromRev !== undefined) {
    try {
      changedLines = await changedLinesSince(root, opts.newFromRev);
    } catch (e) {
      if (e instanceof GitError) throw new AuditInputError(e.message);
      throw e;
    }
  }
  // evidence rules join the audit only with their evidence (--artifact here; --probe when merged)
  const rules = cfg.enabledRules.filter((r) => r.kind !== 'evidence' || (r.evidence === 'artifact' && !!opts.artifacts?.length));
  const engine = await runEngine({
    root,
    rules,
    includeVendor: cfg.includeVendor,
    includeTestdata: cfg.includeTestdata,
    exclude: cfg.exclude,
    maxFileSize: cfg.maxFileSize,
    fileTimeoutMs: cfg.fileTimeout === undefined ? undefined : cfg.fileTimeout * 1000,
    goVersion: cfg.goVersion,
    settings: { vulndb: cfg.vulndb, vulndbMaxAgeDays: cfg.vulndbMaxAgeDays, govulncheckEvidence: cfg.govulncheckEvidence },
    jobs: opts.jobs,
    onProgress: opts.onProgress,
    cache: opts.cache,
    evidence: combineEvidence([opts.artifacts?.length ? artifactJoinEvidence(opts.artifacts) : undefined, opts.evidence]),
  });
  opts.cache?.finish();
  const diagnostics = [...(opts.preDiagnostics ?? []), ...engine.diagnostics];
  if (opts.artifacts?.length) {
    const joined = joinArtifacts({ root, modules: engine.modules, findings: engine.findings, repo: engine.repo, vulndb: cfg.vulndb });
    const enabled = new Set(rules.map((r) => r.meta.id));
    engine.findings = evidenceUnderConfig(joined.findings, enabled, cfg.severityOverrides);
    diagnostics.push(...joined.diagnostics);
    for (const id of joined.applicable) if (enabled.has(id)) engine.applicable.add(id);
  }
  if (process.env.GOREADY_PROFILE) {
    const t = engine.timings;
    const slow = Object.entries(t.rulesMs).sort((x, y) => y[1] - x[1]).slice(0, 8).map(([id, ms]) => `${id} ${Math.round(ms)}ms`);
    process.stderr.write(`goready profile: walk ${Math.round(t.walkMs)}ms, files ${Math.round(t.analyzeMs)}ms, total engine ${Math.round(t.totalMs)}ms; slowest repo rules: ${slow.join(', ')}${engine.cacheHits ? `; cache: ${engine.cacheHits.files}/${engine.files.length} files, ${engine.cacheHits.steps} repo steps reused` : ''}\n`);
  }
  if (!engine.files.length) {
    diagnostics.push({ level: 'warning', code: 'no-go-files', message: `no Go files found under ${opts.target}: is this a Go repository? (vendor/ and testdata/ are skipped by default)` });
  }
  if (!engine.modules.length && engine.files.length) {
    diagnostics.push({ level: 'info', code: 'no-go-mod', message: 'no go.mod found: Go version-aware rules assume an unknown (old) Go version' });
  }
  const codeLines = engine.files.filter((f) => !f.generated && !f.isTest && !f.skipped).reduce((n, f) => n + f.lines, 0);
  const out: PipelineOutput = runPipeline(
    { root, findings: engine.findings, diagnostics, directives: engine.directives, rules, knownRules: allRules(), config: cfg },
    { applicable: engine.applicable, codeLines, goFiles: engine.files.filter((f) => !f.skipped).length, inconclusive: engine.inconclusive },
    { baseline, changedLines },
  );
  const { state, scores, display, gated } = out;
  const reasons = gateReasons(cfg, gated, scores);
  const hasGate = !!cfg.failOn || cfg.minScore !== undefined || Object.keys(cfg.minDimensionScores).length > 0;
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'goready', version: toolVersion() },
    target: { name: path.basename(root), path: opts.target },
    startedAt: started.toISOString(),
    durationMs: 0,
    config: { path: cfg.path ? path.relative(process.cwd(), cfg.path) || cfg.path : undefined, goVersion: cfg.goVersion, includeVendor: cfg.includeVendor, includeGenerated: cfg.includeGenerated, includeNonShipped: cfg.includeNonShipped, vulndb: cfg.vulndb },
    stats: {
      goFiles: engine.files.length,
      analysedFiles: engine.files.filter((f) => !f.skipped).length,
      parsedFiles: engine.files.filter((f) => f.parsed).length,
      skippedFiles: engine.files.filter((f) => f.skipped).length,
      testFiles: engine.files.filter((f) => f.isTest).length,
      generatedFiles: engine.files.filter((f) => f.generated).length,
      lines: engine.files.reduce((n, f) => n + f.lines, 0),
      codeLines,
      findings: out.judged.length,
      suppressed: state.findings.filter((f) => f.suppressed).length,
      hiddenBySeverity: display.hiddenBySeverity,
      hiddenByCaps: display.hiddenByCaps,
      hiddenByRev: display.hiddenByRev,
    },
    modules: engine.modules.map((m) => ({ dir: m.dir, path: m.path, go: m.go, toolchain: m.toolchain })),
    rules: rules.map((r) => reportRuleOf(r.meta, { severity: cfg.severityOverrides[r.meta.id], applicable: engine.applicable.has(r.meta.id) })),
    findings: addContext(root, state.findings, opts.contextLines ?? 2),
    scores,
    diagnostics: state.diagnostics,
    gate: hasGate
      ? { failOn: cfg.failOn, minScore: cfg.minScore, ...(Object.keys(cfg.minDimensionScores).length ? { minDimensionScores: cfg.minDimensionScores } : {}), failed: reasons.length > 0, reasons }
      : undefined,
    ...(out.baseline && opts.baselineFile ? { baseline: { file: opts.baselineFile, ...out.baseline } } : {}),
    ...(changedLines && opts.newFromRev !== undefined ? { newFromRev: { rev: opts.newFromRev, changedFiles: changedLines.size } } : {}),
  };
  report.durationMs = Math.round(performance.now() - t0);
  return { report, judged: out.judged, repo: engine.repo };
}
