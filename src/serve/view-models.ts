/**
 * The dashboard's view models: plain data built from store rows, which the pages (views/) render.
 * A page sees what it shows, already worded (titles, short commits), never a database row.
 */
import { DIMENSIONS, DIMENSION_TITLES, type Dimension } from '../core/types.js';
import type { ReportRule } from '../report/model.js';
import type { AuditRow, FindingListRow, FindingRow, HistoryRow, RepoRow, SurveyRow } from '../store/types.js';

/** A commit SHA shortened to 12 characters, or a dash. */
export const shortCommit = (sha: string | null | undefined) => (sha ? sha.slice(0, 12) : '—');
/** An ISO time as `YYYY-MM-DD HH:MM`, or a dash. */
export const date = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

export interface SurveyView {
  id: number;
  name: string;
  source: string;
  created: string;
  done: number;
  total: number;
  failed: number;
  meanOverall: number | null;
  finished: boolean;
}

export function surveyView(s: SurveyRow, meanOverall: number | null | undefined): SurveyView {
  return {
    id: s.id, name: s.name, source: s.source, created: date(s.createdAt), done: s.done, total: s.total, failed: s.failed,
    meanOverall: meanOverall ?? null, finished: !!s.finishedAt,
  };
}

export interface ScorecardLine { dimension: Dimension; title: string; score: number | null; status: string; findings: number; reason: string }

export interface AuditView {
  id: number;
  started: string;
  commit: string;
  dirty: boolean;
  commitDate?: string;
  toolVersion: string;
  goFiles: number;
  codeLines: number;
  overall: number | null;
  grade: string;
  findingsActive: number;
  suppressed: number;
  dimensions: ScorecardLine[];
}

export interface HistoryView { id: number; started: string; commit: string; dirty: boolean; overall: number | null; grade: string; findingsActive: number; surveyIds: number[] }

export interface RepoView {
  id: number;
  name: string;
  /** The repository's location; `url` when it is an http(s) address. */
  location: { text: string; url?: string };
  /** The audit shown: the survey's, or the latest. */
  current?: AuditView;
  /** Newest first. */
  history: HistoryView[];
  /** Scores per audit, oldest first, for the chart. */
  trend: { labels: string[]; overall: (number | null)[]; dimensions: { title: string; scores: (number | null)[] }[] };
}

function auditView(a: AuditRow): AuditView {
  return {
    id: a.id, started: date(a.startedAt), commit: shortCommit(a.commit), dirty: a.dirty, ...(a.commitDate ? { commitDate: date(a.commitDate) } : {}),
    toolVersion: a.toolVersion, goFiles: a.stats.analysedFiles, codeLines: a.stats.codeLines,
    overall: a.overall, grade: a.grade, findingsActive: a.findingsActive, suppressed: a.findingsTotal - a.findingsActive,
    dimensions: DIMENSIONS.flatMap((d) => {
      const x = a.scores.dimensions[d];
      return x ? [{ dimension: d, title: DIMENSION_TITLES[d], score: x.score, status: x.status, findings: x.findings, reason: x.reason }] : [];
    }),
  };
}

export function repoView(repo: RepoRow, history: HistoryRow[], current: AuditRow | undefined): RepoView {
  return {
    id: repo.id, name: repo.name,
    location: /^https?:\/\//i.test(repo.location) ? { text: repo.location, url: repo.location } : { text: repo.location },
    ...(current ? { current: auditView(current) } : {}),
    history: history.slice().reverse().map((h) => ({
      id: h.id, started: date(h.startedAt), commit: shortCommit(h.commit), dirty: h.dirty, overall: h.overall, grade: h.grade,
      findingsActive: h.findingsActive, surveyIds: h.surveys.map((s) => s.id),
    })),
    trend: {
      labels: history.map((h) => `#${h.id} ${h.startedAt.slice(0, 10)}`),
      overall: history.map((h) => h.overall),
      dimensions: DIMENSIONS.map((d) => ({ title: DIMENSION_TITLES[d], scores: history.map((h) => h.scores.dimensions[d]?.score ?? null) })),
    },
  };
}

export interface FindingView {
  severity: string;
  ruleId: string;
  ruleName: string;
  message: string;
  repo: { id: number; name: string };
  audit: { id: number; commit: string };
  file: string;
  line: number;
  /** `file:line:column`. */
  location: string;
  /** Where the location is besides shipped code: "test file", "generated". */
  marks: string[];
  dimension: string;
  confidence: string;
  fix: string;
  suppressed?: { by: string; reason?: string };
  fingerprint: string;
  snippet?: string;
  /** The rule's rationale, when the store has the rule. */
  rule?: { id: string; rationale: string };
}

export function findingView(f: FindingRow, audit: AuditRow, rule: ReportRule | undefined): FindingView {
  return {
    severity: f.severity, ruleId: f.ruleId, ruleName: f.ruleName, message: f.message,
    repo: { id: audit.repoId, name: audit.repoName }, audit: { id: audit.id, commit: shortCommit(audit.commit) },
    file: f.file, line: f.line, location: `${f.file}:${f.line}:${f.column}`,
    marks: [...(f.inTest ? ['test file'] : []), ...(f.generated ? ['generated'] : [])],
    dimension: DIMENSION_TITLES[f.dimension] ?? f.dimension, confidence: f.confidence, fix: f.fix,
    ...(f.suppressed ? { suppressed: { by: f.suppressedKind ?? 'directive', ...(f.suppressedReason ? { reason: f.suppressedReason } : {}) } } : {}),
    fingerprint: f.fingerprint,
    ...(f.snippet ? { snippet: f.snippet } : {}),
    ...(rule ? { rule: { id: rule.id, rationale: rule.rationale } } : {}),
  };
}

/** A finding as a line of the findings list. */
export interface FindingLine {
  id: number;
  severity: string;
  ruleId: string;
  ruleName: string;
  /** `file:line`. */
  where: string;
  message: string;
  suppressed: boolean;
  /** Its repository, when the list spans a survey. */
  repo?: { id: number; name: string };
}

export function findingLines(rows: FindingListRow[], repoOfAudit: Map<number, { name: string; repoId: number }>): FindingLine[] {
  return rows.map((f) => {
    const repo = repoOfAudit.get(f.auditId);
    return {
      id: f.id, severity: f.severity, ruleId: f.ruleId, ruleName: f.ruleName, where: `${f.file}:${f.line}`, message: f.message, suppressed: f.suppressed,
      ...(repo ? { repo: { id: repo.repoId, name: repo.name } } : {}),
    };
  });
}
