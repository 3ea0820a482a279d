/**
 * The history store's contract: row types, the shared row mappers, and `HistoryStore`, the one
 * async interface that the SQLite (store.ts) and PostgreSQL (pg-store.ts) stores implement. Every
 * command (survey, worker, report, diff, serve, db copy) talks to this interface only.
 */
import type { Dimension, Severity } from '../core/types.js';
import type { ReportRule } from '../report/model.js';
import type { Scores } from '../scoring/score.js';
import type { AuditRecord } from './record.js';
import { redactSecrets } from './db-url.js';

export type RepoKind = 'path' | 'git';
export type EntryStatus = 'pending' | 'done' | 'failed';

export interface SurveyEntryInput {
  location: string;
  kind: RepoKind;
  name: string;
  ref?: string | null;
  /** `probe=` on the list line: runtime evidence merged into this repository's audit (not stored with the entry). */
  probe?: string;
}

export interface SurveyRow {
  id: number;
  name: string;
  source: string;
  sourceHash: string;
  optionsHash: string;
  options: Record<string, unknown>;
  toolVersion: string;
  createdAt: string;
  finishedAt: string | null;
  runnerPid: number | null;
  total: number;
  done: number;
  failed: number;
}

export interface EntryRow {
  surveyId: number;
  repoId: number;
  position: number;
  name: string;
  location: string;
  kind: RepoKind;
  ref: string | null;
  status: EntryStatus;
  auditId: number | null;
  reused: boolean;
  error: string | null;
  attempts: number;
  /** Retry round of a distributed survey (0 at first; +1 each time its failures are retried). */
  round: number;
}

export interface AuditRow {
  id: number;
  repoId: number;
  repoName: string;
  location: string;
  commit: string | null;
  commitDate: string | null;
  ref: string | null;
  dirty: boolean;
  startedAt: string;
  durationMs: number;
  toolVersion: string;
  rulesetHash: string;
  optionsHash: string;
  overall: number | null;
  grade: string;
  scores: Scores;
  stats: AuditRecord['stats'];
  findingsTotal: number;
  findingsActive: number;
}

export interface FindingRow {
  id: number;
  auditId: number;
  ruleId: string;
  ruleName: string;
  dimension: Dimension;
  severity: Severity;
  confidence: string;
  message: string;
  fix: string;
  file: string;
  line: number;
  column: number;
  snippet: string | null;
  fingerprint: string;
  suppressed: boolean;
  suppressedKind: string | null;
  suppressedReason: string | null;
  inTest: boolean;
  generated: boolean;
}

export interface FindingPageQuery {
  auditIds: number[];
  dimension?: string;
  severity?: string;
  /** A rule id, or a rule name (every id recorded under it). */
  ruleId?: string;
  /** Case-insensitive substring of the file path or the message. */
  text?: string;
  includeSuppressed?: boolean;
  /** Rows per page (at most MAX_PAGE). */
  limit: number;
  /** Continue after this finding (keyset pagination). */
  after?: FindingCursor;
}

/** A finding as a listing shows it. */
export type FindingListRow = Pick<FindingRow, 'id' | 'auditId' | 'ruleId' | 'ruleName' | 'dimension' | 'severity' | 'file' | 'line' | 'column' | 'message' | 'suppressed'>;

/** A finding's place in the display order. */
export interface FindingCursor { sevRank: number; auditId: number; file: string; line: number; id: number }

export interface RepoRow { id: number; location: string; kind: RepoKind; name: string; createdAt: string }

export interface HistoryRow extends AuditRow { surveys: { id: number; name: string; createdAt: string }[] }

/** A finding count per audit, dimension and severity (unsuppressed findings only). */
export interface CountRow { auditId: number; dimension: Dimension; severity: Severity; n: number }


/** The largest page findingsPage returns, whatever is asked. */
export const MAX_PAGE = 500;

export const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** A LIKE pattern matching `text` as a substring (LIKE is case-insensitive for ASCII, as the trigram index). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}


/* eslint-disable @typescript-eslint/no-explicit-any */
export function surveyFrom(r: any): SurveyRow {
  return {
    id: r.id, name: r.name, source: r.source, sourceHash: r.source_hash, optionsHash: r.options_hash,
    options: JSON.parse(r.options_json), toolVersion: r.tool_version, createdAt: r.created_at, finishedAt: r.finished_at,
    runnerPid: r.runner_pid, total: r.total ?? 0, done: r.done ?? 0, failed: r.failed ?? 0,
  };
}

export function entryFrom(r: any): EntryRow {
  return {
    surveyId: r.survey_id, repoId: r.repo_id, position: r.position, name: r.name, location: r.location, kind: r.kind,
    ref: r.ref, status: r.status, auditId: r.audit_id, reused: !!r.reused, error: r.error, attempts: r.attempts, round: r.round ?? 0,
  };
}

export function auditFrom(r: any): AuditRow {
  return {
    id: r.id, repoId: r.repo_id, repoName: r.repo_name, location: r.location, commit: r.commit_sha, commitDate: r.commit_date,
    ref: r.ref, dirty: !!r.dirty, startedAt: r.started_at, durationMs: r.duration_ms, toolVersion: r.tool_version,
    rulesetHash: r.ruleset_hash, optionsHash: r.options_hash, overall: r.overall, grade: r.grade,
    scores: JSON.parse(r.scores_json), stats: JSON.parse(r.stats_json), findingsTotal: r.findings_total, findingsActive: r.findings_active,
  };
}

export function findingFrom(r: any): FindingRow {
  return {
    id: r.id, auditId: r.audit_id, ruleId: r.rule_id, ruleName: r.rule_name, dimension: r.dimension, severity: r.severity,
    confidence: r.confidence, message: r.message, fix: r.fix, file: r.file, line: r.line, column: r.col, snippet: r.snippet,
    fingerprint: r.fingerprint, suppressed: !!r.suppressed, suppressedKind: r.suppressed_kind, suppressedReason: r.suppressed_reason,
    inTest: !!r.in_test, generated: !!r.generated,
  };
}

export function ruleFrom(r: any): ReportRule {
  return {
    id: r.id, name: r.name, dimension: r.dimension, severity: r.severity, confidence: r.confidence, lifecycle: r.lifecycle,
    title: r.title, rationale: r.rationale, fix: r.fix, fixEffort: r.fix_effort, sources: JSON.parse(r.sources_json),
    examples: JSON.parse(r.examples_json), helpUri: r.help_uri, applicable: true,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export const SURVEY_SELECT = `
  SELECT s.*,
    (SELECT COUNT(*) FROM survey_repos e WHERE e.survey_id = s.id) AS total,
    (SELECT COUNT(*) FROM survey_repos e WHERE e.survey_id = s.id AND e.status = 'done') AS done,
    (SELECT COUNT(*) FROM survey_repos e WHERE e.survey_id = s.id AND e.status = 'failed') AS failed
  FROM surveys s`;

export const AUDIT_SELECT = 'SELECT a.*, r.name AS repo_name, r.location FROM audits a JOIN repos r ON r.id = a.repo_id';

/** What creating a survey needs (`createdAt`: kept when history is copied between databases). */
export interface NewSurvey {
  name: string; source: string; sourceHash: string; optionsHash: string; options: Record<string, unknown>; toolVersion: string;
  entries: SurveyEntryInput[]; createdAt?: string;
}

export type TopRule = { ruleId: string; ruleName: string; dimension: Dimension; severity: Severity; repos: number; findings: number };

/**
 * The tables `goready db copy` moves, parents first, with the key each is read in order of.
 * finding_groups and the search indexes are not copied: each engine's triggers rebuild them.
 */
export const COPY_TABLES = {
  repos: ['id'], surveys: ['id'], rules: ['id'], audits: ['id'], findings: ['id'], survey_repos: ['survey_id', 'repo_id'],
} as const;
export type CopyTable = keyof typeof COPY_TABLES;

/** Generated columns (computed by the engine, never inserted). */
export const GENERATED_COLUMNS = new Set(['sev_rank']);

/** The columns of exported rows that may be inserted (plain identifiers, not generated). */
export function copyColumns(row: Record<string, unknown>): string[] {
  return Object.keys(row).filter((c) => /^[a-z_]+$/.test(c) && !GENERATED_COLUMNS.has(c));
}

/**
 * The history store, whatever the engine. Writes that make an audit visible happen in ONE
 * transaction; (survey, repo) is a unique key, so a repository is recorded at most once per survey
 * however many workers race on it.
 */
export interface HistoryStore {
  /** 'sqlite' or 'postgres'. */
  readonly engine: 'sqlite' | 'postgres';
  /** The database as shown to people: a file path, or a URL with its password replaced by ***. */
  readonly label: string;
  close(): Promise<void>;
  /** Changes whenever anything is committed: a cache key for derived results. */
  dataVersion(): Promise<string>;

  /** Raw rows of one table in key order, after the key `after` (db copy). */
  exportRows(table: CopyTable, after: unknown[] | undefined, limit: number): Promise<Record<string, unknown>[]>;
  /** Inserts raw rows, ids kept, in one transaction (db copy into an empty database). */
  importRows(table: CopyTable, rows: Record<string, unknown>[]): Promise<void>;

  createSurvey(input: NewSurvey): Promise<number>;
  /** The unfinished survey of the same source and entries, or a new one — atomically, so two coordinators started at once share one survey. */
  findOrCreateSurvey(input: NewSurvey): Promise<{ id: number; created: boolean }>;
  /** Failed entries back to pending, in their next round (to be enqueued again); returns how many. */
  requeueFailed(surveyId: number): Promise<number>;
  findResumable(source: string, sourceHash: string): Promise<SurveyRow | undefined>;
  /** Takes the survey's single-runner lease (local pool surveys). */
  acquire(surveyId: number, pid?: number, host?: string): Promise<void>;
  release(surveyId: number, pid?: number): Promise<void>;
  unfinishedEntries(surveyId: number): Promise<EntryRow[]>;
  entries(surveyId: number): Promise<EntryRow[]>;
  entry(surveyId: number, repoId: number): Promise<EntryRow | undefined>;
  reusableCommits(repoId: number, toolVersion: string, optionsHash: string): Promise<string[]>;
  recordAudit(surveyId: number, repoId: number, rec: AuditRecord): Promise<{ auditId: number; duplicate: boolean }>;
  recordReuse(surveyId: number, repoId: number, commit: string, toolVersion: string, optionsHash: string): Promise<number | undefined>;
  /** Links an existing audit to a pending entry (history copied between databases). */
  linkAudit(surveyId: number, repoId: number, auditId: number, reused: boolean): Promise<void>;
  recordFailure(surveyId: number, repoId: number, error: string): Promise<void>;
  /** One failed attempt of a pending entry that will be retried: the error is kept, the entry stays pending. */
  recordAttempt(surveyId: number, repoId: number, error: string): Promise<void>;
  finishIfComplete(surveyId: number): Promise<boolean>;
  reopen(surveyId: number): Promise<void>;

  listSurveys(): Promise<SurveyRow[]>;
  survey(id: number): Promise<SurveyRow | undefined>;
  surveysUpTo(id: number): Promise<SurveyRow[]>;
  audit(id: number): Promise<AuditRow | undefined>;
  audits(ids: number[]): Promise<AuditRow[]>;
  repo(id: number): Promise<RepoRow | undefined>;
  repoHistory(repoId: number): Promise<HistoryRow[]>;
  findingCounts(auditIds: number[]): Promise<CountRow[]>;
  topRules(auditIds: number[], limit?: number): Promise<TopRule[]>;
  findingsPage(q: FindingPageQuery): Promise<{ rows: FindingListRow[]; next?: FindingCursor }>;
  countFindings(q: Omit<FindingPageQuery, 'limit' | 'after'>, cap?: number): Promise<{ n: number; capped: boolean }>;
  cursorOf(id: number): Promise<FindingCursor | undefined>;
  ruleIdsFor(idOrName: string): Promise<string[]>;
  surveyMeans(): Promise<Map<number, number | null>>;
  rulesIn(auditIds: number[]): Promise<{ id: string; name: string }[]>;
  ruleCountsByAudit(ruleId: string, auditIds: number[]): Promise<Map<number, number>>;
  auditFindings(auditId: number): Promise<FindingRow[]>;
  finding(id: number): Promise<FindingRow | undefined>;
  rules(): Promise<ReportRule[]>;
  rule(idOrName: string): Promise<ReportRule | undefined>;
}

/** Timestamps as both engines store them. */
export const now = (): string => new Date().toISOString();

/** An error as an entry keeps it: connection-string passwords removed, at most 4,000 characters. */
export function storedError(error: string): string {
  return redactSecrets(error).slice(0, 4000);
}
