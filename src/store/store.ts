/**
 * The history store: surveys, repos, audits and findings in SQLite. Writes that make an audit
 * visible happen in ONE transaction (audit row + findings + the survey entry marked done), so a
 * process killed at any point leaves either the whole audit or nothing.
 */
import os from 'node:os';
import type Database from 'better-sqlite3';
import type { Dimension, Severity } from '../core/types.js';
import type { ReportRule } from '../report/model.js';
import type { Scores } from '../scoring/score.js';
import { openDb, StoreError, type DB, type OpenOptions } from './db.js';
import type { AuditRecord } from './record.js';

export { StoreError };

export type RepoKind = 'path' | 'git';
export type EntryStatus = 'pending' | 'done' | 'failed';

export interface SurveyEntryInput {
  location: string;
  kind: RepoKind;
  name: string;
  ref?: string | null;
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

interface ListRaw { id: number; audit_id: number; rule_id: string; rule_name: string; dimension: string; severity: string; sev_rank: number; file: string; line: number; col: number; message: string; suppressed: number }

/** A finding's place in the display order. */
export interface FindingCursor { sevRank: number; auditId: number; file: string; line: number; id: number }

/** The largest page findingsPage returns, whatever is asked. */
export const MAX_PAGE = 500;
/** Up to this many full-text candidates, they are fetched by rowid and sorted; beyond, the ordered index is walked. */
const FTS_FEW = 3000;
/** A LIKE pattern matching `text` as a substring (LIKE is case-insensitive for ASCII, as the trigram index). */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The columns a listing shows (not the fix, snippet or fingerprint: those are on the finding's own page). */
const LIST_COLUMNS = 'f.id, f.audit_id, f.rule_id, f.rule_name, f.dimension, f.severity, f.sev_rank, f.file, f.line, f.col, f.message, f.suppressed';

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export interface RepoRow { id: number; location: string; kind: RepoKind; name: string; createdAt: string }

export interface HistoryRow extends AuditRow { surveys: { id: number; name: string; createdAt: string }[] }

/** A finding count per audit, dimension and severity (unsuppressed findings only). */
export interface CountRow { auditId: number; dimension: Dimension; severity: Severity; n: number }

const now = () => new Date().toISOString();

/* eslint-disable @typescript-eslint/no-explicit-any */
function surveyFrom(r: any): SurveyRow {
  return {
    id: r.id, name: r.name, source: r.source, sourceHash: r.source_hash, optionsHash: r.options_hash,
    options: JSON.parse(r.options_json), toolVersion: r.tool_version, createdAt: r.created_at, finishedAt: r.finished_at,
    runnerPid: r.runner_pid, total: r.total ?? 0, done: r.done ?? 0, failed: r.failed ?? 0,
  };
}

function entryFrom(r: any): EntryRow {
  return {
    surveyId: r.survey_id, repoId: r.repo_id, position: r.position, name: r.name, location: r.location, kind: r.kind,
    ref: r.ref, status: r.status, auditId: r.audit_id, reused: !!r.reused, error: r.error, attempts: r.attempts,
  };
}

function auditFrom(r: any): AuditRow {
  return {
    id: r.id, repoId: r.repo_id, repoName: r.repo_name, location: r.location, commit: r.commit_sha, commitDate: r.commit_date,
    ref: r.ref, dirty: !!r.dirty, startedAt: r.started_at, durationMs: r.duration_ms, toolVersion: r.tool_version,
    rulesetHash: r.ruleset_hash, optionsHash: r.options_hash, overall: r.overall, grade: r.grade,
    scores: JSON.parse(r.scores_json), stats: JSON.parse(r.stats_json), findingsTotal: r.findings_total, findingsActive: r.findings_active,
  };
}

function findingFrom(r: any): FindingRow {
  return {
    id: r.id, auditId: r.audit_id, ruleId: r.rule_id, ruleName: r.rule_name, dimension: r.dimension, severity: r.severity,
    confidence: r.confidence, message: r.message, fix: r.fix, file: r.file, line: r.line, column: r.col, snippet: r.snippet,
    fingerprint: r.fingerprint, suppressed: !!r.suppressed, suppressedKind: r.suppressed_kind, suppressedReason: r.suppressed_reason,
    inTest: !!r.in_test, generated: !!r.generated,
  };
}

function ruleFrom(r: any): ReportRule {
  return {
    id: r.id, name: r.name, dimension: r.dimension, severity: r.severity, confidence: r.confidence, lifecycle: r.lifecycle,
    title: r.title, rationale: r.rationale, fix: r.fix, fixEffort: r.fix_effort, sources: JSON.parse(r.sources_json),
    examples: JSON.parse(r.examples_json), helpUri: r.help_uri, applicable: true,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const SURVEY_SELECT = `
  SELECT s.*,
    (SELECT COUNT(*) FROM survey_repos e WHERE e.survey_id = s.id) AS total,
    (SELECT COUNT(*) FROM survey_repos e WHERE e.survey_id = s.id AND e.status = 'done') AS done,
    (SELECT COUNT(*) FROM survey_repos e WHERE e.survey_id = s.id AND e.status = 'failed') AS failed
  FROM surveys s`;

const AUDIT_SELECT = 'SELECT a.*, r.name AS repo_name, r.location FROM audits a JOIN repos r ON r.id = a.repo_id';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Store {
  readonly db: DB;
  readonly file: string;

  private constructor(db: DB, file: string) {
    this.db = db;
    this.file = file;
  }

  static open(file: string, opts: OpenOptions = {}): Store {
    return new Store(openDb(file, opts), file);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Changes whenever another connection commits (PRAGMA data_version): a cache key for derived results. */
  dataVersion(): number {
    return (this.stmt('PRAGMA data_version').pluck().get() as number);
  }

  // ---------------------------------------------------------------- surveys (write side)

  /** Creates a survey and its entries (all pending) in one transaction. */
  createSurvey(input: { name: string; source: string; sourceHash: string; optionsHash: string; options: Record<string, unknown>; toolVersion: string; entries: SurveyEntryInput[] }): number {
    return this.db.transaction(() => {
      const sid = Number(this.db.prepare(`INSERT INTO surveys (name, source, source_hash, options_hash, options_json, tool_version, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`).run(input.name, input.source, input.sourceHash, input.optionsHash, JSON.stringify(input.options), input.toolVersion, now()).lastInsertRowid);
      const add = this.db.prepare('INSERT INTO survey_repos (survey_id, repo_id, position, name, ref, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      input.entries.forEach((e, i) => add.run(sid, this.upsertRepo(e), i, e.name, e.ref ?? null, now()));
      return sid;
    }).immediate();
  }

  private upsertRepo(e: SurveyEntryInput): number {
    const row = this.db.prepare('SELECT id FROM repos WHERE location = ?').get(e.location) as { id: number } | undefined;
    if (row) {
      this.db.prepare('UPDATE repos SET name = ? WHERE id = ?').run(e.name, row.id);
      return row.id;
    }
    return Number(this.db.prepare('INSERT INTO repos (location, kind, name, created_at) VALUES (?, ?, ?, ?)').run(e.location, e.kind, e.name, now()).lastInsertRowid);
  }

  /** The newest unfinished survey of the same source and entries, if any. */
  findResumable(source: string, sourceHash: string): SurveyRow | undefined {
    const r = this.db.prepare(`${SURVEY_SELECT} WHERE s.source = ? AND s.source_hash = ? AND s.finished_at IS NULL ORDER BY s.id DESC LIMIT 1`).get(source, sourceHash);
    return r ? surveyFrom(r) : undefined;
  }

  /**
   * Takes the survey's lease for this process: refuses when another live process on this host
   * holds it (two runners would audit the same entries). A lease left by a killed process is taken over.
   */
  acquire(surveyId: number, pid = process.pid, host = os.hostname()): void {
    this.db.transaction(() => {
      const r = this.db.prepare('SELECT runner_pid, runner_host FROM surveys WHERE id = ?').get(surveyId) as { runner_pid: number | null; runner_host: string | null } | undefined;
      if (!r) throw new StoreError(`no survey #${surveyId}`);
      if (r.runner_pid && r.runner_pid !== pid && (r.runner_host !== host || alive(r.runner_pid))) {
        throw new StoreError(`survey #${surveyId} is being run by process ${r.runner_pid} on ${r.runner_host}; wait for it or stop it`);
      }
      this.db.prepare('UPDATE surveys SET runner_pid = ?, runner_host = ?, runner_seen = ? WHERE id = ?').run(pid, host, now(), surveyId);
    }).immediate();
  }

  release(surveyId: number, pid = process.pid): void {
    this.db.prepare('UPDATE surveys SET runner_pid = NULL, runner_host = NULL WHERE id = ? AND runner_pid = ?').run(surveyId, pid);
  }

  /** Entries still to audit (pending, and failed ones: retried), in list order. */
  unfinishedEntries(surveyId: number): EntryRow[] {
    return this.db.prepare(`SELECT e.*, r.location, r.kind FROM survey_repos e JOIN repos r ON r.id = e.repo_id
      WHERE e.survey_id = ? AND e.status != 'done' ORDER BY e.position`).all(surveyId).map(entryFrom);
  }

  entries(surveyId: number): EntryRow[] {
    return this.db.prepare(`SELECT e.*, r.location, r.kind FROM survey_repos e JOIN repos r ON r.id = e.repo_id
      WHERE e.survey_id = ? ORDER BY e.position`).all(surveyId).map(entryFrom);
  }

  /** Commits of this repo already audited by this tool version with these options (clean trees only). */
  reusableCommits(repoId: number, toolVersion: string, optionsHash: string): string[] {
    return (this.db.prepare(`SELECT DISTINCT commit_sha FROM audits WHERE repo_id = ? AND tool_version = ? AND options_hash = ?
      AND commit_sha IS NOT NULL AND dirty = 0`).all(repoId, toolVersion, optionsHash) as { commit_sha: string }[]).map((r) => r.commit_sha);
  }

  private reusableAudit(repoId: number, commit: string, toolVersion: string, optionsHash: string): number | undefined {
    const r = this.db.prepare(`SELECT id FROM audits WHERE repo_id = ? AND commit_sha = ? AND tool_version = ? AND options_hash = ? AND dirty = 0
      ORDER BY id DESC LIMIT 1`).get(repoId, commit, toolVersion, optionsHash) as { id: number } | undefined;
    return r?.id;
  }

  private entryStatus(surveyId: number, repoId: number): EntryStatus | undefined {
    const r = this.db.prepare('SELECT status FROM survey_repos WHERE survey_id = ? AND repo_id = ?').get(surveyId, repoId) as { status: EntryStatus } | undefined;
    return r?.status;
  }

  /**
   * Records one audit and marks the survey entry done — one transaction. An entry already done
   * is left alone (returns its audit id): a repo is never audited twice into the same survey.
   */
  recordAudit(surveyId: number, repoId: number, rec: AuditRecord): { auditId: number; duplicate: boolean } {
    return this.db.transaction(() => {
      const status = this.entryStatus(surveyId, repoId);
      if (status === undefined) throw new StoreError(`repo ${repoId} is not part of survey #${surveyId}`);
      if (status === 'done') {
        const r = this.db.prepare('SELECT audit_id FROM survey_repos WHERE survey_id = ? AND repo_id = ?').get(surveyId, repoId) as { audit_id: number };
        return { auditId: r.audit_id, duplicate: true };
      }
      const auditId = this.insertAudit(repoId, rec);
      this.db.prepare(`UPDATE survey_repos SET status = 'done', audit_id = ?, reused = 0, error = NULL, attempts = attempts + 1, updated_at = ?
        WHERE survey_id = ? AND repo_id = ?`).run(auditId, now(), surveyId, repoId);
      return { auditId, duplicate: false };
    }).immediate();
  }

  /** Inserts an audit with its findings and rule docs (call inside a transaction). */
  private insertAudit(repoId: number, rec: AuditRecord): number {
    const active = rec.findings.filter((f) => !f.suppressed).length;
    const auditId = Number(this.db.prepare(`INSERT INTO audits (repo_id, commit_sha, commit_date, ref, dirty, started_at, duration_ms, tool_version,
      ruleset_hash, options_hash, overall, grade, scores_json, stats_json, findings_total, findings_active)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      repoId, rec.checkout.commit, rec.checkout.commitDate, rec.checkout.ref, rec.checkout.dirty ? 1 : 0, rec.startedAt, rec.durationMs,
      rec.toolVersion, rec.rulesetHash, rec.optionsHash, rec.scores.overall, rec.scores.grade, JSON.stringify(rec.scores),
      JSON.stringify(rec.stats), rec.findings.length, active,
    ).lastInsertRowid);
    const ins = this.db.prepare(`INSERT INTO findings (audit_id, rule_id, rule_name, dimension, severity, confidence, message, fix, file, line, col,
      snippet, fingerprint, suppressed, suppressed_kind, suppressed_reason, in_test, generated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const f of rec.findings) {
      ins.run(auditId, f.ruleId, f.ruleName, f.dimension, f.severity, f.confidence, f.message, f.fix, f.file, f.line, f.column,
        f.snippet ?? null, f.fingerprint, f.suppressed ? 1 : 0, f.suppressed?.kind ?? null, f.suppressed?.reason ?? null, f.inTest ? 1 : 0, f.generated ? 1 : 0);
    }
    const rule = this.db.prepare(`INSERT INTO rules (id, name, dimension, severity, confidence, lifecycle, title, rationale, fix, fix_effort,
      sources_json, examples_json, help_uri, tool_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, dimension = excluded.dimension, severity = excluded.severity,
        confidence = excluded.confidence, lifecycle = excluded.lifecycle, title = excluded.title, rationale = excluded.rationale,
        fix = excluded.fix, fix_effort = excluded.fix_effort, sources_json = excluded.sources_json, examples_json = excluded.examples_json,
        help_uri = excluded.help_uri, tool_version = excluded.tool_version`);
    for (const r of rec.rules) {
      rule.run(r.id, r.name, r.dimension, r.severity, r.confidence, r.lifecycle, r.title, r.rationale, r.fix, r.fixEffort,
        JSON.stringify(r.sources), JSON.stringify(r.examples), r.helpUri, rec.toolVersion);
    }
    return auditId;
  }

  /**
   * Links an earlier audit of the same clean commit (same tool version and options) to the entry
   * instead of auditing again. Returns undefined when there is none (the caller then audits).
   */
  recordReuse(surveyId: number, repoId: number, commit: string, toolVersion: string, optionsHash: string): number | undefined {
    return this.db.transaction(() => {
      const status = this.entryStatus(surveyId, repoId);
      if (status === 'done') return (this.db.prepare('SELECT audit_id FROM survey_repos WHERE survey_id = ? AND repo_id = ?').get(surveyId, repoId) as { audit_id: number }).audit_id;
      const auditId = this.reusableAudit(repoId, commit, toolVersion, optionsHash);
      if (auditId === undefined) return undefined;
      this.db.prepare(`UPDATE survey_repos SET status = 'done', audit_id = ?, reused = 1, error = NULL, attempts = attempts + 1, updated_at = ?
        WHERE survey_id = ? AND repo_id = ?`).run(auditId, now(), surveyId, repoId);
      return auditId;
    }).immediate();
  }

  recordFailure(surveyId: number, repoId: number, error: string): void {
    this.db.prepare(`UPDATE survey_repos SET status = 'failed', error = ?, attempts = attempts + 1, updated_at = ?
      WHERE survey_id = ? AND repo_id = ? AND status != 'done'`).run(error.slice(0, 4000), now(), surveyId, repoId);
  }

  /** Marks the survey finished when no entry is pending; returns whether it is. */
  finishIfComplete(surveyId: number): boolean {
    return this.db.transaction(() => {
      const r = this.db.prepare("SELECT COUNT(*) AS n FROM survey_repos WHERE survey_id = ? AND status = 'pending'").get(surveyId) as { n: number };
      if (r.n) return false;
      this.db.prepare('UPDATE surveys SET finished_at = COALESCE(finished_at, ?) WHERE id = ?').run(now(), surveyId);
      return true;
    }).immediate();
  }

  /** Reopens a finished survey so that its failed entries are retried. */
  reopen(surveyId: number): void {
    this.db.prepare("UPDATE surveys SET finished_at = NULL WHERE id = ? AND EXISTS (SELECT 1 FROM survey_repos WHERE survey_id = ? AND status = 'failed')").run(surveyId, surveyId);
  }

  // ---------------------------------------------------------------- read side

  listSurveys(): SurveyRow[] {
    return this.db.prepare(`${SURVEY_SELECT} ORDER BY s.created_at DESC, s.id DESC`).all().map(surveyFrom);
  }

  survey(id: number): SurveyRow | undefined {
    const r = this.db.prepare(`${SURVEY_SELECT} WHERE s.id = ?`).get(id);
    return r ? surveyFrom(r) : undefined;
  }

  /** Surveys created before the given one, oldest first, plus itself (for trends). */
  surveysUpTo(id: number): SurveyRow[] {
    return this.db.prepare(`${SURVEY_SELECT} WHERE s.id <= ? ORDER BY s.created_at, s.id`).all(id).map(surveyFrom);
  }

  audit(id: number): AuditRow | undefined {
    const r = this.db.prepare(`${AUDIT_SELECT} WHERE a.id = ?`).get(id);
    return r ? auditFrom(r) : undefined;
  }

  audits(ids: number[]): AuditRow[] {
    if (!ids.length) return [];
    return this.db.prepare(`${AUDIT_SELECT} WHERE a.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)).map(auditFrom);
  }

  repo(id: number): RepoRow | undefined {
    const r = this.db.prepare('SELECT * FROM repos WHERE id = ?').get(id) as { id: number; location: string; kind: RepoKind; name: string; created_at: string } | undefined;
    return r ? { id: r.id, location: r.location, kind: r.kind, name: r.name, createdAt: r.created_at } : undefined;
  }

  /** Every audit of a repo, oldest first, with the surveys that include it. */
  repoHistory(repoId: number): HistoryRow[] {
    const rows = this.db.prepare(`${AUDIT_SELECT} WHERE a.repo_id = ? ORDER BY a.started_at, a.id`).all(repoId).map(auditFrom);
    const links = this.db.prepare(`SELECT e.audit_id, s.id, s.name, s.created_at FROM survey_repos e JOIN surveys s ON s.id = e.survey_id
      WHERE e.repo_id = ? AND e.audit_id IS NOT NULL ORDER BY s.id`).all(repoId) as { audit_id: number; id: number; name: string; created_at: string }[];
    return rows.map((a) => ({ ...a, surveys: links.filter((l) => l.audit_id === a.id).map((l) => ({ id: l.id, name: l.name, createdAt: l.created_at })) }));
  }

  /** Unsuppressed finding counts per audit × dimension × severity. */
  findingCounts(auditIds: number[]): CountRow[] {
    if (!auditIds.length) return [];
    return this.db.prepare(`SELECT audit_id AS auditId, dimension, severity, SUM(n) AS n FROM finding_groups
      WHERE audit_id IN (SELECT value FROM json_each(?)) AND suppressed = 0 GROUP BY audit_id, dimension, severity`).all(JSON.stringify(auditIds)) as CountRow[];
  }

  /** Rules by the number of audits (repos) with an unsuppressed finding, then by findings. */
  topRules(auditIds: number[], limit = 20): { ruleId: string; ruleName: string; dimension: Dimension; severity: Severity; repos: number; findings: number }[] {
    if (!auditIds.length) return [];
    return this.db.prepare(`SELECT rule_id AS ruleId, MAX(rule_name) AS ruleName, MAX(dimension) AS dimension, MAX(severity) AS severity,
      COUNT(DISTINCT audit_id) AS repos, SUM(n) AS findings FROM finding_groups
      WHERE audit_id IN (SELECT value FROM json_each(?)) AND suppressed = 0
      GROUP BY rule_id ORDER BY repos DESC, findings DESC, rule_id LIMIT ?`).all(JSON.stringify(auditIds), limit) as never;
  }

  /**
   * One page of findings in display order (severity, critical first; audit; file; line; id), from
   * a keyset cursor: each page is an index seek, whatever its depth. Returns `next` when more follow.
   */
  findingsPage(q: FindingPageQuery): { rows: FindingListRow[]; next?: FindingCursor } {
    const limit = Math.max(1, Math.min(q.limit, MAX_PAGE));
    const { sql, args } = this.findingsSelect(q, LIST_COLUMNS);
    const page = this.stmt(`${sql} ORDER BY f.sev_rank, f.audit_id, f.file, f.line, f.id LIMIT ?`).all(...args, limit + 1) as ListRaw[];
    const rows = page.slice(0, limit).map((r): FindingListRow => ({
      id: r.id, auditId: r.audit_id, ruleId: r.rule_id, ruleName: r.rule_name, dimension: r.dimension as Dimension, severity: r.severity as Severity,
      file: r.file, line: r.line, column: r.col, message: r.message, suppressed: !!r.suppressed,
    }));
    const last = page.length > limit ? page[limit - 1]! : undefined;
    return { rows, next: last ? { sevRank: last.sev_rank, auditId: last.audit_id, file: last.file, line: last.line, id: last.id } : undefined };
  }

  /**
   * How many findings match, counting at most `cap` when a text search is involved (then `capped`).
   * Without text the count is exact and cheap: a sum over finding_groups (kept by triggers).
   */
  countFindings(q: Omit<FindingPageQuery, 'limit' | 'after'>, cap = 1000): { n: number; capped: boolean } {
    if (!q.auditIds.length) return { n: 0, capped: false };
    if (!q.text) {
      const where = ['audit_id IN (SELECT value FROM json_each(?))'];
      const args: unknown[] = [JSON.stringify(q.auditIds)];
      if (!q.includeSuppressed) where.push('suppressed = 0');
      if (q.dimension) { where.push('dimension = ?'); args.push(q.dimension); }
      if (q.severity) { where.push('severity = ?'); args.push(q.severity); }
      if (q.ruleId) { where.push('rule_id IN (SELECT value FROM json_each(?))'); args.push(JSON.stringify(this.ruleIdsFor(q.ruleId))); }
      const r = this.stmt(`SELECT COALESCE(SUM(n), 0) AS n FROM finding_groups WHERE ${where.join(' AND ')}`).get(...args) as { n: number };
      return { n: r.n, capped: false };
    }
    const { sql, args } = this.findingsSelect({ ...q }, '1');
    const r = this.stmt(`SELECT COUNT(*) AS n FROM (${sql} LIMIT ?)`).get(...args, cap + 1) as { n: number };
    return r.n > cap ? { n: cap, capped: true } : { n: r.n, capped: false };
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement for this SQL text, prepared once (the listing queries are built from a few shapes). */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      if (this.statements.size < 256) this.statements.set(sql, st);
    }
    return st;
  }

  private readonly ftsMemo = new Map<string, string | null>();
  private ftsMemoVersion = -1;
  /** Up to this many full-text matches are fetched by rowid and sorted; more, and the ordered index is walked instead. */
  ftsFew = FTS_FEW;

  /**
   * The rowids the full-text index matches for a phrase, as a JSON array, or null when there are
   * more than `ftsFew` (a common substring). Remembered until the database changes, so a page and
   * its count, and the next pages, evaluate the phrase once.
   */
  private ftsMatches(phrase: string): string | null {
    const v = this.dataVersion();
    if (v !== this.ftsMemoVersion || this.ftsMemo.size > 256) { this.ftsMemo.clear(); this.ftsMemoVersion = v; }
    const key = `${this.ftsFew}:${phrase}`;
    let ids = this.ftsMemo.get(key);
    if (ids === undefined) {
      const rows = this.stmt('SELECT rowid FROM findings_fts WHERE findings_fts MATCH ? LIMIT ?').pluck().all(phrase, this.ftsFew + 1) as number[];
      ids = rows.length > this.ftsFew ? null : JSON.stringify(rows);
      this.ftsMemo.set(key, ids);
    }
    return ids;
  }

  /** The sort key of one finding, to continue a listing after it. */
  cursorOf(id: number): FindingCursor | undefined {
    const r = this.stmt('SELECT sev_rank, audit_id, file, line, id FROM findings WHERE id = ?').get(id) as { sev_rank: number; audit_id: number; file: string; line: number; id: number } | undefined;
    return r ? { sevRank: r.sev_rank, auditId: r.audit_id, file: r.file, line: r.line, id: r.id } : undefined;
  }

  /** Rule ids a filter value names: the id itself, or every id recorded under that rule name. */
  ruleIdsFor(idOrName: string): string[] {
    const rows = this.stmt('SELECT DISTINCT rule_id FROM finding_groups WHERE rule_id = ? OR rule_name = ?').all(idOrName, idOrName) as { rule_id: string }[];
    return rows.length ? rows.map((r) => r.rule_id) : [idOrName];
  }

  /**
   * The SELECT (without ORDER BY / LIMIT) of the findings a query matches, on the access path that
   * reads the fewest rows: one audit → findings_by_audit; a rule → findings_by_rule; otherwise the
   * survey-wide findings_order index, whose order is the display order (so LIMIT stops the scan).
   * A text of 3+ characters goes through the trigram index: few candidates → fetched by rowid and
   * sorted; many → the ordered index with a membership test. Shorter text: a substring test.
   */
  private findingsSelect(q: Omit<FindingPageQuery, 'limit'>, columns: string): { sql: string; args: unknown[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    let index: string;
    const ruleIds = q.ruleId ? this.ruleIdsFor(q.ruleId) : undefined;
    if (q.auditIds.length === 1) {
      index = 'findings_by_audit';
      where.push('f.audit_id = ?');
      args.push(q.auditIds[0]);
    } else {
      index = ruleIds?.length === 1 ? 'findings_by_rule' : 'findings_order';
      where.push('f.audit_id IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(q.auditIds));
    }
    if (ruleIds) {
      where.push(ruleIds.length === 1 ? 'f.rule_id = ?' : 'f.rule_id IN (SELECT value FROM json_each(?))');
      args.push(ruleIds.length === 1 ? ruleIds[0] : JSON.stringify(ruleIds));
    }
    if (!q.includeSuppressed) where.push('f.suppressed = 0');
    if (q.dimension) { where.push('f.dimension = ?'); args.push(q.dimension); }
    if (q.severity) { where.push('f.sev_rank = ?'); args.push(SEVERITY_RANK[q.severity] ?? 4); }
    if (q.after) {
      where.push('(f.sev_rank, f.audit_id, f.file, f.line, f.id) > (?, ?, ?, ?, ?)');
      args.push(q.after.sevRank, q.after.auditId, q.after.file, q.after.line, q.after.id);
    }
    if (q.text) {
      if ([...q.text].length >= 3) {
        const phrase = `"${q.text.replace(/"/g, '""')}"`;
        const matches = this.ftsMatches(phrase);
        if (matches !== null) {
          where.push('f.id IN (SELECT value FROM json_each(?))');
          args.push(matches);
          index = '';
        } else {
          // A common substring: walking the ordered index and testing each row finds a page (or a
          // bounded count) sooner than materialising every full-text match.
          where.push("(f.file LIKE ? ESCAPE '\\' OR f.message LIKE ? ESCAPE '\\')");
          args.push(likePattern(q.text), likePattern(q.text));
        }
      } else {
        where.push("(f.file LIKE ? ESCAPE '\\' OR f.message LIKE ? ESCAPE '\\')");
        args.push(likePattern(q.text), likePattern(q.text));
      }
    }
    const from = index ? `findings f INDEXED BY ${index}` : 'findings f';
    return { sql: `SELECT ${columns} FROM ${from} WHERE ${where.join(' AND ')}`, args };
  }

  /** Mean overall score of each survey's audited entries. */
  surveyMeans(): Map<number, number | null> {
    const rows = this.db.prepare(`SELECT e.survey_id AS id, ROUND(AVG(a.overall), 1) AS mean FROM survey_repos e JOIN audits a ON a.id = e.audit_id
      GROUP BY e.survey_id`).all() as { id: number; mean: number | null }[];
    return new Map(rows.map((r) => [r.id, r.mean]));
  }

  /** Rule ids (and names) with findings (suppressed or not) in these audits. */
  rulesIn(auditIds: number[]): { id: string; name: string }[] {
    return this.db.prepare(`SELECT rule_id AS id, MAX(rule_name) AS name FROM finding_groups WHERE audit_id IN (SELECT value FROM json_each(?))
      GROUP BY rule_id ORDER BY rule_id`).all(JSON.stringify(auditIds)) as { id: string; name: string }[];
  }

  /** Unsuppressed findings of one rule per audit. */
  ruleCountsByAudit(ruleId: string, auditIds: number[]): Map<number, number> {
    const rows = this.db.prepare(`SELECT audit_id AS a, SUM(n) AS n FROM finding_groups WHERE rule_id = ? AND suppressed = 0
      AND audit_id IN (SELECT value FROM json_each(?)) GROUP BY audit_id`).all(ruleId, JSON.stringify(auditIds)) as { a: number; n: number }[];
    return new Map(rows.map((r) => [r.a, r.n]));
  }

  auditFindings(auditId: number): FindingRow[] {
    return this.db.prepare('SELECT * FROM findings WHERE audit_id = ? ORDER BY file, line, col, rule_id').all(auditId).map(findingFrom);
  }

  finding(id: number): FindingRow | undefined {
    const r = this.db.prepare('SELECT * FROM findings WHERE id = ?').get(id);
    return r ? findingFrom(r) : undefined;
  }

  rules(): ReportRule[] {
    return this.db.prepare('SELECT * FROM rules ORDER BY id').all().map(ruleFrom);
  }

  rule(idOrName: string): ReportRule | undefined {
    const r = this.db.prepare('SELECT * FROM rules WHERE id = ? OR name = ?').get(idOrName, idOrName);
    return r ? ruleFrom(r) : undefined;
  }
}
