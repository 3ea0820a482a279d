/**
 * The history store: surveys, repos, audits and findings in SQLite. Writes that make an audit
 * visible happen in ONE transaction (audit row + findings + the survey entry marked done), so a
 * process killed at any point leaves either the whole audit or nothing.
 */
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Dimension, Severity } from '../core/types.js';
import type { ReportRule } from '../report/model.js';
import { openDb, StoreError, type DB, type OpenOptions } from './db.js';
import type { AuditRecord } from './record.js';
import { AUDIT_SELECT, auditFrom, now, storedError, entryFrom, findingFrom, likePattern, MAX_PAGE, ruleFrom, SEVERITY_RANK, SURVEY_SELECT, surveyFrom, COPY_TABLES, copyColumns, type AuditRow, type CopyTable, type CountRow, type EntryRow, type EntryStatus, type FindingCursor, type FindingListRow, type FindingPageQuery, type FindingRow, type HistoryRow, type HistoryStore, type NewSurvey, type RepoKind, type RepoRow, type SurveyEntryInput, type SurveyRow, type TopRule } from './types.js';
import { processAlive } from './process-alive.js';

export { StoreError };

export * from './types.js';

interface ListRaw { id: number; audit_id: number; rule_id: string; rule_name: string; dimension: string; severity: string; sev_rank: number; file: string; line: number; col: number; message: string; suppressed: number }


/** Up to this many full-text candidates, they are fetched by rowid and sorted; beyond, the ordered index is walked. */
const FTS_FEW = 3000;

/** The columns a listing shows (not the fix, snippet or fingerprint: those are on the finding's own page). */
const LIST_COLUMNS = 'f.id, f.audit_id, f.rule_id, f.rule_name, f.dimension, f.severity, f.sev_rank, f.file, f.line, f.col, f.message, f.suppressed';





export class SqliteStore implements HistoryStore {
  readonly engine = 'sqlite' as const;
  readonly db: DB;
  readonly file: string;
  readonly label: string;

  private constructor(db: DB, file: string) {
    this.db = db;
    this.file = file;
    this.label = path.resolve(file);
  }

  static open(file: string, opts: OpenOptions = {}): SqliteStore {
    return new SqliteStore(openDb(file, opts), file);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Changes whenever another connection commits (PRAGMA data_version): a cache key for derived results. */
  async dataVersion(): Promise<string> {
    return String(this.dataVersionSync());
  }

  private dataVersionSync(): number {
    return (this.stmt('PRAGMA data_version').pluck().get() as number);
  }

  // ---------------------------------------------------------------- surveys (write side)

  async exportRows(table: CopyTable, after: unknown[] | undefined, limit: number): Promise<Record<string, unknown>[]> {
    const key = COPY_TABLES[table];
    const where = after ? `WHERE (${key.join(', ')}) > (${key.map(() => '?').join(', ')})` : '';
    return this.db.prepare(`SELECT * FROM ${table} ${where} ORDER BY ${key.join(', ')} LIMIT ?`).all(...(after ?? []), limit) as Record<string, unknown>[];
  }

  async importRows(table: CopyTable, rows: Record<string, unknown>[]): Promise<void> {
    if (!rows.length) return;
    const cols = copyColumns(rows[0]!);
    const insert = this.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    this.db.transaction(() => { for (const r of rows) insert.run(...cols.map((c) => r[c] ?? null)); })();
  }

  /** Creates a survey and its entries (all pending) in one transaction. */
  async createSurvey(input: NewSurvey): Promise<number> {
    return this.createSync(input);
  }

  async findOrCreateSurvey(input: NewSurvey): Promise<{ id: number; created: boolean }> {
    return this.db.transaction(() => {
      const r = this.db.prepare('SELECT id FROM surveys WHERE source = ? AND source_hash = ? AND finished_at IS NULL ORDER BY id DESC LIMIT 1').get(input.source, input.sourceHash) as { id: number } | undefined;
      return r ? { id: r.id, created: false } : { id: this.createSync(input), created: true };
    }).immediate();
  }

  async requeueFailed(surveyId: number): Promise<number> {
    return this.db.prepare(`UPDATE survey_repos SET status = 'pending', round = round + 1, updated_at = ? WHERE survey_id = ? AND status = 'failed'`).run(now(), surveyId).changes;
  }

  private createSync(input: NewSurvey): number {
    return this.db.transaction(() => {
      const sid = Number(this.db.prepare(`INSERT INTO surveys (name, source, source_hash, options_hash, options_json, tool_version, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`).run(input.name, input.source, input.sourceHash, input.optionsHash, JSON.stringify(input.options), input.toolVersion, input.createdAt ?? now()).lastInsertRowid);
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
  async findResumable(source: string, sourceHash: string): Promise<SurveyRow | undefined> {
    const r = this.db.prepare(`${SURVEY_SELECT} WHERE s.source = ? AND s.source_hash = ? AND s.finished_at IS NULL ORDER BY s.id DESC LIMIT 1`).get(source, sourceHash);
    return r ? surveyFrom(r) : undefined;
  }

  /**
   * Takes the survey's lease for this process: refuses when another live process on this host
   * holds it (two runners would audit the same entries). A lease left by a killed process is taken over.
   */
  async acquire(surveyId: number, pid = process.pid, host = os.hostname()): Promise<void> {
    this.db.transaction(() => {
      const r = this.db.prepare('SELECT runner_pid, runner_host FROM surveys WHERE id = ?').get(surveyId) as { runner_pid: number | null; runner_host: string | null } | undefined;
      if (!r) throw new StoreError(`no survey #${surveyId}`);
      if (r.runner_pid && r.runner_pid !== pid && (r.runner_host !== host || processAlive(r.runner_pid))) {
        throw new StoreError(`survey #${surveyId} is being run by process ${r.runner_pid} on ${r.runner_host}; wait for it or stop it`);
      }
      this.db.prepare('UPDATE surveys SET runner_pid = ?, runner_host = ?, runner_seen = ? WHERE id = ?').run(pid, host, now(), surveyId);
    }).immediate();
  }

  async release(surveyId: number, pid = process.pid): Promise<void> {
    this.db.prepare('UPDATE surveys SET runner_pid = NULL, runner_host = NULL WHERE id = ? AND runner_pid = ?').run(surveyId, pid);
  }

  /** Entries still to audit (pending, and failed ones: retried), in list order. */
  async unfinishedEntries(surveyId: number): Promise<EntryRow[]> {
    return this.db.prepare(`SELECT e.*, r.location, r.kind FROM survey_repos e JOIN repos r ON r.id = e.repo_id
      WHERE e.survey_id = ? AND e.status != 'done' ORDER BY e.position`).all(surveyId).map(entryFrom);
  }

  async entry(surveyId: number, repoId: number): Promise<EntryRow | undefined> {
    const r = this.db.prepare(`SELECT e.*, r.location, r.kind FROM survey_repos e JOIN repos r ON r.id = e.repo_id
      WHERE e.survey_id = ? AND e.repo_id = ?`).get(surveyId, repoId);
    return r ? entryFrom(r) : undefined;
  }

  async entries(surveyId: number): Promise<EntryRow[]> {
    return this.db.prepare(`SELECT e.*, r.location, r.kind FROM survey_repos e JOIN repos r ON r.id = e.repo_id
      WHERE e.survey_id = ? ORDER BY e.position`).all(surveyId).map(entryFrom);
  }

  /** Commits of this repo already audited by this tool version with these options (clean trees only). */
  async reusableCommits(repoId: number, toolVersion: string, optionsHash: string): Promise<string[]> {
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
  async recordAudit(surveyId: number, repoId: number, rec: AuditRecord): Promise<{ auditId: number; duplicate: boolean }> {
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
  async recordReuse(surveyId: number, repoId: number, commit: string, toolVersion: string, optionsHash: string): Promise<number | undefined> {
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

  async linkAudit(surveyId: number, repoId: number, auditId: number, reused: boolean): Promise<void> {
    this.db.prepare(`UPDATE survey_repos SET status = 'done', audit_id = ?, reused = ?, error = NULL, updated_at = ?
      WHERE survey_id = ? AND repo_id = ? AND status != 'done'`).run(auditId, reused ? 1 : 0, now(), surveyId, repoId);
  }

  async recordAttempt(surveyId: number, repoId: number, error: string): Promise<void> {
    this.db.prepare(`UPDATE survey_repos SET error = ?, attempts = attempts + 1, updated_at = ?
      WHERE survey_id = ? AND repo_id = ? AND status = 'pending'`).run(storedError(error), now(), surveyId, repoId);
  }

  async recordFailure(surveyId: number, repoId: number, error: string): Promise<void> {
    this.db.prepare(`UPDATE survey_repos SET status = 'failed', error = ?, attempts = attempts + 1, updated_at = ?
      WHERE survey_id = ? AND repo_id = ? AND status != 'done'`).run(storedError(error), now(), surveyId, repoId);
  }

  /** Marks the survey finished when no entry is pending; returns whether it is. */
  async finishIfComplete(surveyId: number): Promise<boolean> {
    return this.db.transaction(() => {
      const r = this.db.prepare("SELECT COUNT(*) AS n FROM survey_repos WHERE survey_id = ? AND status = 'pending'").get(surveyId) as { n: number };
      if (r.n) return false;
      this.db.prepare('UPDATE surveys SET finished_at = COALESCE(finished_at, ?) WHERE id = ?').run(now(), surveyId);
      return true;
    }).immediate();
  }

  /** Reopens a finished survey so that its failed entries are retried. */
  async reopen(surveyId: number): Promise<void> {
    this.db.prepare("UPDATE surveys SET finished_at = NULL WHERE id = ? AND EXISTS (SELECT 1 FROM survey_repos WHERE survey_id = ? AND status = 'failed')").run(surveyId, surveyId);
  }

  // ---------------------------------------------------------------- read side

  async listSurveys(): Promise<SurveyRow[]> {
    return this.db.prepare(`${SURVEY_SELECT} ORDER BY s.created_at DESC, s.id DESC`).all().map(surveyFrom);
  }

  async survey(id: number): Promise<SurveyRow | undefined> {
    const r = this.db.prepare(`${SURVEY_SELECT} WHERE s.id = ?`).get(id);
    return r ? surveyFrom(r) : undefined;
  }

  /** Surveys created before the given one, oldest first, plus itself (for trends). */
  async surveysUpTo(id: number): Promise<SurveyRow[]> {
    return this.db.prepare(`${SURVEY_SELECT} WHERE s.id <= ? ORDER BY s.created_at, s.id`).all(id).map(surveyFrom);
  }

  async audit(id: number): Promise<AuditRow | undefined> {
    const r = this.db.prepare(`${AUDIT_SELECT} WHERE a.id = ?`).get(id);
    return r ? auditFrom(r) : undefined;
  }

  async audits(ids: number[]): Promise<AuditRow[]> {
    if (!ids.length) return [];
    return this.db.prepare(`${AUDIT_SELECT} WHERE a.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)).map(auditFrom);
  }

  async repo(id: number): Promise<RepoRow | undefined> {
    const r = this.db.prepare('SELECT * FROM repos WHERE id = ?').get(id) as { id: number; location: string; kind: RepoKind; name: string; created_at: string } | undefined;
    return r ? { id: r.id, location: r.location, kind: r.kind, name: r.name, createdAt: r.created_at } : undefined;
  }

  /** Every audit of a repo, oldest first, with the surveys that include it. */
  async repoHistory(repoId: number): Promise<HistoryRow[]> {
    const rows = this.db.prepare(`${AUDIT_SELECT} WHERE a.repo_id = ? ORDER BY a.started_at, a.id`).all(repoId).map(auditFrom);
    const links = this.db.prepare(`SELECT e.audit_id, s.id, s.name, s.created_at FROM survey_repos e JOIN surveys s ON s.id = e.survey_id
      WHERE e.repo_id = ? AND e.audit_id IS NOT NULL ORDER BY s.id`).all(repoId) as { audit_id: number; id: number; name: string; created_at: string }[];
    return rows.map((a) => ({ ...a, surveys: links.filter((l) => l.audit_id === a.id).map((l) => ({ id: l.id, name: l.name, createdAt: l.created_at })) }));
  }

  /** Unsuppressed finding counts per audit × dimension × severity. */
  async findingCounts(auditIds: number[]): Promise<CountRow[]> {
    if (!auditIds.length) return [];
    return this.db.prepare(`SELECT audit_id AS auditId, dimension, severity, SUM(n) AS n FROM finding_groups
      WHERE audit_id IN (SELECT value FROM json_each(?)) AND suppressed = 0 GROUP BY audit_id, dimension, severity`).all(JSON.stringify(auditIds)) as CountRow[];
  }

  /** Rules by the number of audits (repos) with an unsuppressed finding, then by findings. */
  async topRules(auditIds: number[], limit = 20): Promise<TopRule[]> {
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
  async findingsPage(q: FindingPageQuery): Promise<{ rows: FindingListRow[]; next?: FindingCursor }> {
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
  async countFindings(q: Omit<FindingPageQuery, 'limit' | 'after'>, cap = 1000): Promise<{ n: number; capped: boolean }> {
    if (!q.auditIds.length) return { n: 0, capped: false };
    if (!q.text) {
      const where = ['audit_id IN (SELECT value FROM json_each(?))'];
      const args: unknown[] = [JSON.stringify(q.auditIds)];
      if (!q.includeSuppressed) where.push('suppressed = 0');
      if (q.dimension) { where.push('dimension = ?'); args.push(q.dimension); }
      if (q.severity) { where.push('severity = ?'); args.push(q.severity); }
      if (q.ruleId) { where.push('rule_id IN (SELECT value FROM json_each(?))'); args.push(JSON.stringify(this.ruleIdsSync(q.ruleId))); }
      const r = this.stmt(`SELECT COALESCE(SUM(n), 0) AS n FROM finding_groups WHERE ${where.join(' AND ')}`).get(...args) as { n: number };
      return { n: r.n, capped: false };
    }
    // A count needs no order: with a dimension or severity filter the (audit, dimension, severity)
    // index narrows the rows to test; otherwise the ordered index, which holds file and message.
    const { sql, args } = this.findingsSelect({ ...q }, '1', !!(q.dimension || q.severity));
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
    const v = this.dataVersionSync();
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
  async cursorOf(id: number): Promise<FindingCursor | undefined> {
    const r = this.stmt('SELECT sev_rank, audit_id, file, line, id FROM findings WHERE id = ?').get(id) as { sev_rank: number; audit_id: number; file: string; line: number; id: number } | undefined;
    return r ? { sevRank: r.sev_rank, auditId: r.audit_id, file: r.file, line: r.line, id: r.id } : undefined;
  }

  /** Rule ids a filter value names: the id itself, or every id recorded under that rule name. */
  async ruleIdsFor(idOrName: string): Promise<string[]> {
    return this.ruleIdsSync(idOrName);
  }

  private ruleIdsSync(idOrName: string): string[] {
    const rows = this.stmt('SELECT DISTINCT rule_id FROM finding_groups WHERE rule_id = ? OR rule_name = ?').all(idOrName, idOrName) as { rule_id: string }[];
    return rows.length ? rows.map((r) => r.rule_id) : [idOrName];
  }

  /**
   * The SELECT (without ORDER BY / LIMIT) of the findings a query matches, on the access path that
   * reads the fewest rows: one audit → findings_by_audit; a rule → findings_by_rule; a dimension →
   * findings_by_dimension; otherwise the survey-wide findings_order index, whose order is the display order (so LIMIT stops the scan).
   * A text of 3+ characters goes through the trigram index: few candidates → fetched by rowid and
   * sorted; many → the ordered index with a membership test. Shorter text: a substring test. `unordered`
   * (a count): no index is imposed, the planner chooses.
   */
  private findingsSelect(q: Omit<FindingPageQuery, 'limit'>, columns: string, unordered = false): { sql: string; args: unknown[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    let index: string;
    const ruleIds = q.ruleId ? this.ruleIdsSync(q.ruleId) : undefined;
    if (q.auditIds.length === 1) {
      index = 'findings_by_audit';
      where.push('f.audit_id = ?');
      args.push(q.auditIds[0]);
    } else {
      index = ruleIds?.length === 1 ? 'findings_by_rule' : q.dimension ? 'findings_by_dimension' : 'findings_order';
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
    const from = index && !unordered ? `findings f INDEXED BY ${index}` : 'findings f';
    return { sql: `SELECT ${columns} FROM ${from} WHERE ${where.join(' AND ')}`, args };
  }

  /** Mean overall score of each survey's audited entries. */
  async surveyMeans(): Promise<Map<number, number | null>> {
    const rows = this.db.prepare(`SELECT e.survey_id AS id, ROUND(AVG(a.overall), 1) AS mean FROM survey_repos e JOIN audits a ON a.id = e.audit_id
      GROUP BY e.survey_id`).all() as { id: number; mean: number | null }[];
    return new Map(rows.map((r) => [r.id, r.mean]));
  }

  /** Rule ids (and names) with findings (suppressed or not) in these audits. */
  async rulesIn(auditIds: number[]): Promise<{ id: string; name: string }[]> {
    return this.db.prepare(`SELECT rule_id AS id, MAX(rule_name) AS name FROM finding_groups WHERE audit_id IN (SELECT value FROM json_each(?))
      GROUP BY rule_id ORDER BY rule_id`).all(JSON.stringify(auditIds)) as { id: string; name: string }[];
  }

  /** Unsuppressed findings of one rule per audit. */
  async ruleCountsByAudit(ruleId: string, auditIds: number[]): Promise<Map<number, number>> {
    const rows = this.db.prepare(`SELECT audit_id AS a, SUM(n) AS n FROM finding_groups WHERE rule_id = ? AND suppressed = 0
      AND audit_id IN (SELECT value FROM json_each(?)) GROUP BY audit_id`).all(ruleId, JSON.stringify(auditIds)) as { a: number; n: number }[];
    return new Map(rows.map((r) => [r.a, r.n]));
  }

  async auditFindings(auditId: number): Promise<FindingRow[]> {
    return this.db.prepare('SELECT * FROM findings WHERE audit_id = ? ORDER BY file, line, col, rule_id').all(auditId).map(findingFrom);
  }

  async finding(id: number): Promise<FindingRow | undefined> {
    const r = this.db.prepare('SELECT * FROM findings WHERE id = ?').get(id);
    return r ? findingFrom(r) : undefined;
  }

  async rules(): Promise<ReportRule[]> {
    return this.db.prepare('SELECT * FROM rules ORDER BY id').all().map(ruleFrom);
  }

  async rule(idOrName: string): Promise<ReportRule | undefined> {
    const r = this.db.prepare('SELECT * FROM rules WHERE id = ? OR name = ?').get(idOrName, idOrName);
    return r ? ruleFrom(r) : undefined;
  }
}
