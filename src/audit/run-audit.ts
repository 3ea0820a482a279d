/** One audit: config → engine → pipeline → score → report model. */
import path from 'node:path';
import { severityRank } from '../core/types.js';
import { ruleDocUrl, toolVersion } from '../core/package.js';
import type { ResolvedConfig } from '../config/config.js';
import { runEngine } from '../engine/engine.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../report/model.js';

export interface AuditOptions {
  target: string;
  config: ResolvedConfig;
  /** Extra diagnostics gathered before the audit (config errors). */
  preDiagnostics?: Report['diagnostics'];
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function runAudit(opts: AuditOptions): Promise<Report> {
  const started = new Date();
  const t0 = performance.now();
  const root = path.resolve(opts.target);
  const cfg = opts.config;
  const engine = await runEngine({
    root,
    rules: cfg.enabledRules,
    includeVendor: cfg.includeVendor,
    includeTestdata: cfg.includeTestdata,
    exclude: cfg.exclude,
    maxFileSize: cfg.maxFileSize,
    goVersion: cfg.goVersion,
    settings: { vulndb: cfg.vulndb, vulndbMaxAgeDays: cfg.vulndbMaxAgeDays },
    jobs: opts.jobs,
    onProgress: opts.onProgress,
  });
  const diagnostics = [...(opts.preDiagnostics ?? []), ...engine.diagnostics];
  if (!engine.files.length) {
    diagnostics.push({ level: 'warning', code: 'no-go-files', message: `no Go files found under ${opts.target}: is this a Go repository? (vendor/ and testdata/ are skipped by default)` });
  }
  if (!engine.modules.length && engine.files.length) {
    diagnostics.push({ level: 'info', code: 'no-go-mod', message: 'no go.mod found: Go version-aware rules assume an unknown (old) Go version' });
  }
  const codeLines = engine.files.filter((f) => !f.generated && !f.isTest && !f.skipped).reduce((n, f) => n + f.lines, 0);
  const { state, scores, display } = runPipeline(
    { root, findings: engine.findings, diagnostics, directives: engine.directives, rules: cfg.enabledRules, config: cfg },
    { applicable: engine.applicable, codeLines, goFiles: engine.files.filter((f) => !f.skipped).length, inconclusive: engine.inconclusive },
  );
  const active = state.findings.filter((f) => !f.suppressed);
  const reasons: string[] = [];
  if (cfg.failOn) {
    const n = active.filter((f) => severityRank(f.severity) >= severityRank(cfg.failOn!)).length;
    if (n) reasons.push(`${n} finding(s) at or above severity ${cfg.failOn}`);
  }
  if (cfg.minScore !== undefined && scores.overall !== null && scores.overall < cfg.minScore) {
    reasons.push(`overall score ${scores.overall} is below --min-score ${cfg.minScore}`);
  }
  const allFindingsCount = state.findings.length + display.hiddenByCaps + display.hiddenBySeverity;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'goready', version: toolVersion() },
    target: { name: path.basename(root), path: opts.target },
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    config: { path: cfg.path ? path.relative(process.cwd(), cfg.path) || cfg.path : undefined, goVersion: cfg.goVersion, includeVendor: cfg.includeVendor, includeGenerated: cfg.includeGenerated, vulndb: cfg.vulndb },
    stats: {
      goFiles: engine.files.length,
      analysedFiles: engine.files.filter((f) => !f.skipped).length,
      parsedFiles: engine.files.filter((f) => f.parsed).length,
      skippedFiles: engine.files.filter((f) => f.skipped).length,
      testFiles: engine.files.filter((f) => f.isTest).length,
      generatedFiles: engine.files.filter((f) => f.generated).length,
      lines: engine.files.reduce((n, f) => n + f.lines, 0),
      codeLines,
      findings: allFindingsCount,
      suppressed: state.findings.filter((f) => f.suppressed).length,
      hiddenBySeverity: display.hiddenBySeverity,
      hiddenByCaps: display.hiddenByCaps,
    },
    modules: engine.modules.map((m) => ({ dir: m.dir, path: m.path, go: m.go, toolchain: m.toolchain })),
    rules: cfg.enabledRules.map((r) => ({
      id: r.meta.id, name: r.meta.name, dimension: r.meta.dimension,
      severity: cfg.severityOverrides[r.meta.id] ?? r.meta.severity, confidence: r.meta.confidence, lifecycle: r.meta.lifecycle,
      title: r.meta.title, rationale: r.meta.rationale, fix: r.meta.fix.text, fixEffort: r.meta.fix.effort, sources: r.meta.sources,
      examples: r.meta.examples.map((e) => ({ bad: e.bad, good: e.good, filename: e.filename })), helpUri: ruleDocUrl(r.meta.id),
      applicable: engine.applicable.has(r.meta.id),
    })),
    findings: state.findings,
    scores,
    diagnostics: state.diagnostics,
    gate: cfg.failOn || cfg.minScore !== undefined ? { failOn: cfg.failOn, minScore: cfg.minScore, failed: reasons.length > 0, reasons } : undefined,
  };
}
