/**
 * The history store on PostgreSQL: the same contract as the SQLite store (HistoryStore, checked by
 * the same contract tests), for surveys that many workers on many machines write at once. An audit
 * is recorded in ONE transaction that first locks its (survey, repo) entry — the table's primary
 * key — so of two workers that audited the same repository, the second sees it done and records
 * nothing. Every operation is retried while the server restarts or is briefly unreachable.
 */
import os from 'node:os';
import type pg from 'pg';
import type { ReportRule } from '../report/model.js';
import { StoreError } from './db.js';
import { redactSecrets } from './db-url.js';
import { createPool, inTransaction, migratePg, withRetry, type PgOptions } from './pg-db.js';
import type { AuditRecord } from './record.js';
import {
  AUDIT_SELECT, auditFrom, now, storedError, COPY_TABLES, copyColumns, type CopyTable, entryFrom, findingFrom, likePattern, MAX_PAGE, ruleFrom, SEVERITY_RANK, SURVEY_SELECT, surveyFrom,
  type AuditRow, type CountRow, type EntryRow, type FindingCursor, type FindingListRow, type FindingPageQuery, type FindingRow,
  type HistoryRow, type HistoryStore, type NewSurvey, type RepoKind, type RepoRow, type SurveyRow, type TopRule,
} from './types.js';
import { processAlive } from './process-alive.js';


type Db = pg.Pool | pg.PoolClient;

const LIST_COLUMNS = 'f.id, f.audit_id, f.rule_id, f.rule_name, f.dimension, f.severity, f.sev_rank, f.file, f.line, f.col, f.message, f.suppressed';

/** Numbered placeholders for a query built piece by piece. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}


export class PgStore implements HistoryStore {
  readonly engine = 'postgres' as const;
  readonly label: string;

  private constructor(readonly pool: pg.Pool, url: string, private readonly retryMs: number) {
    this.label = redactSecrets(url);
  }

  /** Connects and brings the schema up to date (refusing a foreign or newer database). */
  static async open(url: string, opts: PgOptions = {}): Promise<PgStore> {
    const store = new PgStore(createPool(url, opts), url, opts.retryMs ?? 120_000);
    try {
      await migratePg(store.pool, store.label, store.retryMs);
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }

  private async q<T = Record<string, unknown>>(sql: string, args: unknown[] = [], db: Db = this.pool): Promise<T[]> {
    const run = async () => (await db.query(sql, args)).rows as T[];
    try {
      // a statement on a transaction's connection is not retried alone: the whole transaction is
      return db === this.pool ? await withRetry(run, this.retryMs) : await run();
    } catch (e) {
      throw this.wrap(e);
    }
  }

  private async one<T = Record<string, unknown>>(sql: string, args: unknown[] = [], db: Db = this.pool): Promise<T | undefined> {
    return (await this.q<T>(sql, args, db))[0];
  }

  private tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return withRetry(() => inTransaction(this.pool, fn), this.retryMs).catch((e: unknown) => { throw this.wrap(e); });
  }

  private wrap(e: unknown): Error {
    if (e instanceof StoreError) return e;
    const err = e as Error & { code?: string };
    const out = new Error(redactSecrets(`${this.label}: ${err.message}`)) as Error & { code?: string };
    out.code = err.code;
    return out;
  }

  async dataVersion(): Promise<string> {
    const r = await this.one<{ v: string }>(`SELECT concat_ws(':',
      (SELECT COALESCE(MAX(id), 0) FROM surveys), (SELECT COALESCE(MAX(id), 0) FROM audits),
      (SELECT COUNT(*) FROM survey_repos WHERE status <> 'pending'), (SELECT MAX(updated_at) FROM survey_repos),
      (SELECT MAX(finished_at) FROM surveys)) AS v`);
    return r!.v;
  }

  // ---------------------------------------------------------------- surveys (write side)

  async exportRows(table: CopyTable, after: unknown[] | undefined, limit: number): Promise<Record<string, unknown>[]> {
    const key = COPY_TABLES[table];
    const where = after ? `WHERE (${key.join(', ')}) > (${key.map((_, i) => `$${i + 1}`).join(', ')})` : '';
    return this.q(`SELECT * FROM ${table} ${where} ORDER BY ${key.join(', ')} LIMIT ${Math.max(1, Math.floor(limit))}`, after ?? []);
  }

  async importRows(table: CopyTable, rows: Record<string, unknown>[]): Promise<void> {
    if (!rows.length) return;
    const cols = copyColumns(rows[0]!);
    // one statement per batch, under PostgreSQL's 65,535 parameters
    const per = Math.max(1, Math.floor(60_000 / cols.length));
    await this.tx(async (c) => {
      for (let i = 0; i < rows.length; i += per) {
        const p = new Params();
        const values = rows.slice(i, i + per).map((r) => `(${cols.map((col) => p.add(r[col] ?? null)).join(', ')})`);
        await this.q(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values.join(', ')}`, p.values, c);
      }
      // ids were given: the identity goes on after the largest
      if (COPY_TABLES[table].length === 1 && table !== 'rules') {
        await this.q(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT MAX(id) FROM ${table}), 1))`, [], c);
      }
    });
  }

  async createSurvey(input: NewSurvey): Promise<number> {
    return this.tx((c) => this.createIn(c, input));
  }

  async findOrCreateSurvey(input: NewSurvey): Promise<{ id: number; created: boolean }> {
    return this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`goready-survey:${input.source}:${input.sourceHash}`]);
      const r = await this.one<{ id: number }>('SELECT id FROM surveys WHERE source = $1 AND source_hash = $2 AND finished_at IS NULL ORDER BY id DESC LIMIT 1', [input.source, input.sourceHash], c);
      return r ? { id: r.id, created: false } : { id: await this.createIn(c, input), created: true };
    });
  }

  async requeueFailed(surveyId: number): Promise<number> {
    return (await this.q(`UPDATE survey_repos SET status = 'pending', round = round + 1, updated_at = $1 WHERE survey_id = $2 AND status = 'failed' RETURNING repo_id`, [now(), surveyId])).length;
  }

  private async createIn(c: pg.PoolClient, input: NewSurvey): Promise<number> {
    const sid = (await this.one<{ id: number }>(`INSERT INTO surveys (name, source, source_hash, options_hash, options_json, tool_version, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, [input.name, input.source, input.sourceHash, input.optionsHash, JSON.stringify(input.options),
      input.toolVersion, input.createdAt ?? now()], c))!.id;
    // one statement for all repos and one for all entries: a 10,000-repository list is two round trips
    const last = new Map(input.entries.map((e) => [e.location, e]));
    const repos = await this.q<{ id: number; location: string }>(`INSERT INTO repos (location, kind, name, created_at)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
      ON CONFLICT (location) DO UPDATE SET name = EXCLUDED.name RETURNING id, location`,
    [[...last.keys()], [...last.values()].map((e) => e.kind), [...last.values()].map((e) => e.name), [...last.keys()].map(now)], c);
    const ids = new Map(repos.map((r) => [r.location, r.id]));
    const t = now();
    await this.q(`INSERT INTO survey_repos (survey_id, repo_id, position, name, ref, updated_at)
      SELECT $1, * FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[])`,
    [sid, input.entries.map((e) => ids.get(e.location)), input.entries.map((_, i) => i), input.entries.map((e) => e.name),
      input.entries.map((e) => e.ref ?? null), input.entries.map(() => t)], c);
    return sid;
  }

  async findResumable(source: string, sourceHash: string): Promise<SurveyRow | undefined> {
    const r = await this.one(`${SURVEY_SELECT} WHERE s.source = $1 AND s.source_hash = $2 AND s.finished_at IS NULL ORDER BY s.id DESC LIMIT 1`, [source, sourceHash]);
    return r ? surveyFrom(r) : undefined;
  }

  async acquire(surveyId: number, pid = process.pid, host = os.hostname()): Promise<void> {
    await this.tx(async (c) => {
      const r = await this.one<{ runner_pid: number | null; runner_host: string | null }>('SELECT runner_pid, runner_host FROM surveys WHERE id = $1 FOR UPDATE', [surveyId], c);
      if (!r) throw new StoreError(`no survey #${surveyId}`);
      if (r.runner_pid && r.runner_pid !== pid && (r.runner_host !== host || processAlive(r.runner_pid))) {
        throw new StoreError(`survey #${surveyId} is being run by process ${r.runner_pid} on ${r.runner_host}; wait for it or stop it`);
      }
      await this.q('UPDATE surveys SET runner_pid = $1, runner_host = $2, runner_seen = $3 WHERE id = $4', [pid, host, now(), surveyId], c);
    });
  }

  async release(surveyId: number, pid = process.pid): Promise<void> {
    await this.q('UPDATE surveys SET runner_pid = NULL, runner_host = NULL WHERE id = $1 AND runner_pid = $2', [surveyId, pid]);
  }

  async unfinishedEntries(surveyId: number): Promise<EntryRow[]> {
    return (await this.q(`SELECT e.*, r.location, r.kind FROM survey_repos e JOIN repos r ON r.id = e.repo_id
      WHERE e.survey_id = $1 AND e.status <> 'done' ORDER BY e.position`, [surveyId])).map(entryFrom);
  }

  async entries(surveyId: number): Promise<EntryRow[]> {
    return (await this.q(`SELECT e.*, r.location, r.kind FROM survey_repos e JOIN repos r ON r.id = e.repo_id
      WHERE e.survey_id = $1 ORDER BY e.position`, [surveyId])).map(entryFrom);
  }

  async entry(surveyId: number, repoId: number): Promise<EntryRow | undefined> {
    const r = await this.one(`SELECT e.*, r.location, r.kind FROM survey_repos e JOIN repos r ON r.id = e.repo_id
      WHERE e.survey_id = $1 AND e.repo_id = $2`, [surveyId, repoId]);
    return r ? entryFrom(r) : undefined;
  }

  async reusableCommits(repoId: number, toolVersion: string, optionsHash: string): Promise<string[]> {
    return (await this.q<{ commit_sha: string }>(`SELECT DISTINCT commit_sha FROM audits WHERE repo_id = $1 AND tool_version = $2 AND options_hash = $3
      AND commit_sha IS NOT NULL AND dirty = 0`, [repoId, toolVersion, optionsHash])).map((r) => r.commit_sha);
  }

  /** The entry's row, locked until the transaction ends: the one place where racing workers are ordered. */
  private async lockEntry(c: pg.PoolClient, surveyId: number, repoId: number): Promise<{ status: string; audit_id: number | null } | undefined> {
    return this.one('SELECT status, audit_id FROM survey_repos WHERE survey_id = $1 AND repo_id = $2 FOR UPDATE', [surveyId, repoId], c);
  }

  async recordAudit(surveyId: number, repoId: number, rec: AuditRecord): Promise<{ auditId: number; duplicate: boolean }> {
    return this.tx(async (c) => {
      const entry = await this.lockEntry(c, surveyId, repoId);
      if (!entry) throw new StoreError(`repo ${repoId} is not part of survey #${surveyId}`);
      if (entry.status === 'done') return { auditId: entry.audit_id!, duplicate: true };
      const auditId = await this.insertAudit(c, repoId, rec);
      await this.q(`UPDATE survey_repos SET status = 'done', audit_id = $1, reused = 0, error = NULL, attempts = attempts + 1, updated_at = $2
        WHERE survey_id = $3 AND repo_id = $4`, [auditId, now(), surveyId, repoId], c);
      return { auditId, duplicate: false };
    });
  }

  private async insertAudit(c: pg.PoolClient, repoId: number, rec: AuditRecord): Promise<number> {
    const active = rec.findings.filter((f) => !f.suppressed).length;
    const auditId = (await this.one<{ id: number }>(`INSERT INTO audits (repo_id, commit_sha, commit_date, ref, dirty, started_at, duration_ms, tool_version,
      ruleset_hash, options_hash, overall, grade, scores_json, stats_json, findings_total, findings_active)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`, [
      repoId, rec.checkout.commit, rec.checkout.commitDate, rec.checkout.ref, rec.checkout.dirty ? 1 : 0, rec.startedAt, Math.round(rec.durationMs),
      rec.toolVersion, rec.rulesetHash, rec.optionsHash, rec.scores.overall, rec.scores.grade, JSON.stringify(rec.scores),
      JSON.stringify(rec.stats), rec.findings.length, active,
    ], c))!.id;
    const fs = rec.findings;
    if (fs.length) {
      // every finding in one statement (columns as arrays), in batches that keep the message size sane
      for (let i = 0; i < fs.length; i += 5000) {
        const b = fs.slice(i, i + 5000);
        await this.q(`INSERT INTO findings (audit_id, rule_id, rule_name, dimension, severity, confidence, message, fix, file, line, col,
          snippet, fingerprint, suppressed, suppressed_kind, suppressed_reason, in_test, generated)
          SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::int[],
            $12::text[], $13::text[], $14::int[], $15::text[], $16::text[], $17::int[], $18::int[])`, [
          auditId, b.map((f) => f.ruleId), b.map((f) => f.ruleName), b.map((f) => f.dimension), b.map((f) => f.severity), b.map((f) => f.confidence),
          b.map((f) => f.message), b.map((f) => f.fix), b.map((f) => f.file), b.map((f) => f.line), b.map((f) => f.column), b.map((f) => f.snippet ?? null),
          b.map((f) => f.fingerprint), b.map((f) => (f.suppressed ? 1 : 0)), b.map((f) => f.suppressed?.kind ?? null), b.map((f) => f.suppressed?.reason ?? null),
          b.map((f) => (f.inTest ? 1 : 0)), b.map((f) => (f.generated ? 1 : 0)),
        ], c);
      }
    }
    // Rule docs change only with the tool version: rows already written by this version are not
    // touched, so concurrent workers do not queue on the same rule rows.
    const known = new Set((await this.q<{ id: string }>('SELECT id FROM rules WHERE tool_version = $1 AND id = ANY($2::text[])',
      [rec.toolVersion, rec.rules.map((r) => r.id)], c)).map((r) => r.id));
    const todo = rec.rules.filter((r) => !known.has(r.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (todo.length) {
      await this.q(`INSERT INTO rules (id, name, dimension, severity, confidence, lifecycle, title, rationale, fix, fix_effort,
        sources_json, examples_json, help_uri, tool_version)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
          $11::text[], $12::text[], $13::text[], $14::text[])
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, dimension = EXCLUDED.dimension, severity = EXCLUDED.severity,
          confidence = EXCLUDED.confidence, lifecycle = EXCLUDED.lifecycle, title = EXCLUDED.title, rationale = EXCLUDED.rationale,
          fix = EXCLUDED.fix, fix_effort = EXCLUDED.fix_effort, sources_json = EXCLUDED.sources_json, examples_json = EXCLUDED.examples_json,
          help_uri = EXCLUDED.help_uri, tool_version = EXCLUDED.tool_version`, [
        todo.map((r) => r.id), todo.map((r) => r.name), todo.map((r) => r.dimension), todo.map((r) => r.severity), todo.map((r) => r.confidence),
        todo.map((r) => r.lifecycle), todo.map((r) => r.title), todo.map((r) => r.rationale), todo.map((r) => r.fix), todo.map((r) => r.fixEffort),
        todo.map((r) => JSON.stringify(r.sources)), todo.map((r) => JSON.stringify(r.examples)), todo.map((r) => r.helpUri), todo.map(() => rec.toolVersion),
      ], c);
    }
    return auditId;
  }

  async recordReuse(surveyId: number, repoId: number, commit: string, toolVersion: string, optionsHash: string): Promise<number | undefined> {
    return this.tx(async (c) => {
      const entry = await this.lockEntry(c, surveyId, repoId);
      if (entry?.status === 'done') return entry.audit_id!;
      const r = await this.one<{ id: number }>(`SELECT id FROM audits WHERE repo_id = $1 AND commit_sha = $2 AND tool_version = $3 AND options_hash = $4 AND dirty = 0
        ORDER BY id DESC LIMIT 1`, [repoId, commit, toolVersion, optionsHash], c);
      if (!r) return undefined;
      await this.q(`UPDATE survey_repos SET status = 'done', audit_id = $1, reused = 1, error = NULL, attempts = attempts + 1, updated_at = $2
        WHERE survey_id = $3 AND repo_id = $4`, [r.id, now(), surveyId, repoId], c);
      return r.id;
    });
  }

  async linkAudit(surveyId: number, repoId: number, auditId: number, reused: boolean): Promise<void> {
    await this.q(`UPDATE survey_repos SET status = 'done', audit_id = $1, reused = $2, error = NULL, updated_at = $3
      WHERE survey_id = $4 AND repo_id = $5 AND status <> 'done'`, [auditId, reused ? 1 : 0, now(), surveyId, repoId]);
  }

  async recordFailure(surveyId: number, repoId: number, error: string): Promise<void> {
    await this.q(`UPDATE survey_repos SET status = 'failed', error = $1, attempts = attempts + 1, updated_at = $2
      WHERE survey_id = $3 AND repo_id = $4 AND status <> 'done'`, [storedError(error), now(), surveyId, repoId]);
  }

  async recordAttempt(surveyId: number, repoId: number, error: string): Promise<void> {
    await this.q(`UPDATE survey_repos SET error = $1, attempts = attempts + 1, updated_at = $2
      WHERE survey_id = $3 AND repo_id = $4 AND status = 'pending'`, [storedError(error), now(), surveyId, repoId]);
  }

  async finishIfComplete(surveyId: number): Promise<boolean> {
    return this.tx(async (c) => {
      const r = await this.one<{ n: number }>("SELECT COUNT(*) AS n FROM survey_repos WHERE survey_id = $1 AND status = 'pending'", [surveyId], c);
      if (r!.n) return false;
      await this.q('UPDATE surveys SET finished_at = COALESCE(finished_at, $1) WHERE id = $2', [now(), surveyId], c);
      return true;
    });
  }

  async reopen(surveyId: number): Promise<void> {
    await this.q("UPDATE surveys SET finished_at = NULL WHERE id = $1 AND EXISTS (SELECT 1 FROM survey_repos WHERE survey_id = $1 AND status = 'failed')", [surveyId]);
  }

  // ---------------------------------------------------------------- read side

  async listSurveys(): Promise<SurveyRow[]> {
    return (await this.q(`${SURVEY_SELECT} ORDER BY s.created_at DESC, s.id DESC`)).map(surveyFrom);
  }

  async survey(id: number): Promise<SurveyRow | undefined> {
    const r = await this.one(`${SURVEY_SELECT} WHERE s.id = $1`, [id]);
    return r ? surveyFrom(r) : undefined;
  }

  async surveysUpTo(id: number): Promise<SurveyRow[]> {
    return (await this.q(`${SURVEY_SELECT} WHERE s.id <= $1 ORDER BY s.created_at, s.id`, [id])).map(surveyFrom);
  }

  async audit(id: number): Promise<AuditRow | undefined> {
    const r = await this.one(`${AUDIT_SELECT} WHERE a.id = $1`, [id]);
    return r ? auditFrom(r) : undefined;
  }

  async audits(ids: number[]): Promise<AuditRow[]> {
    if (!ids.length) return [];
    return (await this.q(`${AUDIT_SELECT} WHERE a.id = ANY($1::bigint[])`, [ids])).map(auditFrom);
  }

  async repo(id: number): Promise<RepoRow | undefined> {
    const r = await this.one<{ id: number; location: string; kind: RepoKind; name: string; created_at: string }>('SELECT * FROM repos WHERE id = $1', [id]);
    return r ? { id: r.id, location: r.location, kind: r.kind, name: r.name, createdAt: r.created_at } : undefined;
  }

  async repoHistory(repoId: number): Promise<HistoryRow[]> {
    const rows = (await this.q(`${AUDIT_SELECT} WHERE a.repo_id = $1 ORDER BY a.started_at, a.id`, [repoId])).map(auditFrom);
    const links = await this.q<{ audit_id: number; id: number; name: string; created_at: string }>(`SELECT e.audit_id, s.id, s.name, s.created_at
      FROM survey_repos e JOIN surveys s ON s.id = e.survey_id WHERE e.repo_id = $1 AND e.audit_id IS NOT NULL ORDER BY s.id`, [repoId]);
    return rows.map((a) => ({ ...a, surveys: links.filter((l) => l.audit_id === a.id).map((l) => ({ id: l.id, name: l.name, createdAt: l.created_at })) }));
  }

  async findingCounts(auditIds: number[]): Promise<CountRow[]> {
    if (!auditIds.length) return [];
    return this.q<CountRow>(`SELECT audit_id AS "auditId", dimension, severity, SUM(n) AS n FROM finding_groups
      WHERE audit_id = ANY($1::bigint[]) AND suppressed = 0 GROUP BY audit_id, dimension, severity`, [auditIds]);
  }

  async topRules(auditIds: number[], limit = 20): Promise<TopRule[]> {
    if (!auditIds.length) return [];
    return this.q<TopRule>(`SELECT rule_id AS "ruleId", MAX(rule_name) AS "ruleName", MAX(dimension) AS dimension, MAX(severity) AS severity,
      COUNT(DISTINCT audit_id) AS repos, SUM(n) AS findings FROM finding_groups
      WHERE audit_id = ANY($1::bigint[]) AND suppressed = 0
      GROUP BY rule_id ORDER BY repos DESC, findings DESC, rule_id LIMIT $2`, [auditIds, limit]);
  }

  async findingsPage(q: FindingPageQuery): Promise<{ rows: FindingListRow[]; next?: FindingCursor }> {
    const limit = Math.max(1, Math.min(q.limit, MAX_PAGE));
    const p = new Params();
    const where = await this.findingsWhere(q, p);
    const page = await this.q<{ id: number; audit_id: number; rule_id: string; rule_name: string; dimension: string; severity: string; sev_rank: number; file: string; line: number; col: number; message: string; suppressed: number }>(
      `SELECT ${LIST_COLUMNS} FROM findings f WHERE ${where} ORDER BY f.sev_rank, f.audit_id, f.file, f.line, f.id LIMIT ${p.add(limit + 1)}`, p.values);
    const rows = page.slice(0, limit).map((r): FindingListRow => ({
      id: r.id, auditId: r.audit_id, ruleId: r.rule_id, ruleName: r.rule_name, dimension: r.dimension as FindingListRow['dimension'],
      severity: r.severity as FindingListRow['severity'], file: r.file, line: r.line, column: r.col, message: r.message, suppressed: !!r.suppressed,
    }));
    const last = page.length > limit ? page[limit - 1]! : undefined;
    return { rows, next: last ? { sevRank: last.sev_rank, auditId: last.audit_id, file: last.file, line: last.line, id: last.id } : undefined };
  }

  async countFindings(q: Omit<FindingPageQuery, 'limit' | 'after'>, cap = 1000): Promise<{ n: number; capped: boolean }> {
    if (!q.auditIds.length) return { n: 0, capped: false };
    const p = new Params();
    if (!q.text) {
      const where = [`audit_id = ANY(${p.add(q.auditIds)}::bigint[])`];
      if (!q.includeSuppressed) where.push('suppressed = 0');
      if (q.dimension) where.push(`dimension = ${p.add(q.dimension)}`);
      if (q.severity) where.push(`severity = ${p.add(q.severity)}`);
      if (q.ruleId) where.push(`rule_id = ANY(${p.add(await this.ruleIdsFor(q.ruleId))}::text[])`);
      const r = await this.one<{ n: number }>(`SELECT COALESCE(SUM(n), 0) AS n FROM finding_groups WHERE ${where.join(' AND ')}`, p.values);
      return { n: r!.n, capped: false };
    }
    const where = await this.findingsWhere(q, p);
    const r = await this.one<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM findings f WHERE ${where} LIMIT ${p.add(cap + 1)}) t`, p.values);
    return r!.n > cap ? { n: cap, capped: true } : { n: r!.n, capped: false };
  }

  /** The WHERE of a findings query; text is matched case-insensitively through the pg_trgm indexes. */
  private async findingsWhere(q: Omit<FindingPageQuery, 'limit'>, p: Params): Promise<string> {
    const where = [q.auditIds.length === 1 ? `f.audit_id = ${p.add(q.auditIds[0])}` : `f.audit_id = ANY(${p.add(q.auditIds)}::bigint[])`];
    if (q.ruleId) where.push(`f.rule_id = ANY(${p.add(await this.ruleIdsFor(q.ruleId))}::text[])`);
    if (!q.includeSuppressed) where.push('f.suppressed = 0');
    if (q.dimension) where.push(`f.dimension = ${p.add(q.dimension)}`);
    if (q.severity) where.push(`f.sev_rank = ${p.add(SEVERITY_RANK[q.severity] ?? 4)}`);
    if (q.after) {
      where.push(`(f.sev_rank, f.audit_id, f.file, f.line, f.id) > (${p.add(q.after.sevRank)}::int, ${p.add(q.after.auditId)}::bigint, ${p.add(q.after.file)}::text, ${p.add(q.after.line)}::int, ${p.add(q.after.id)}::bigint)`);
    }
    if (q.text) {
      const pat = p.add(likePattern(q.text));
      where.push(`(f.file ILIKE ${pat} OR f.message ILIKE ${pat})`);
    }
    return where.join(' AND ');
  }

  async cursorOf(id: number): Promise<FindingCursor | undefined> {
    const r = await this.one<{ sev_rank: number; audit_id: number; file: string; line: number; id: number }>('SELECT sev_rank, audit_id, file, line, id FROM findings WHERE id = $1', [id]);
    return r ? { sevRank: r.sev_rank, auditId: r.audit_id, file: r.file, line: r.line, id: r.id } : undefined;
  }

  async ruleIdsFor(idOrName: string): Promise<string[]> {
    const rows = await this.q<{ rule_id: string }>('SELECT DISTINCT rule_id FROM finding_groups WHERE rule_id = $1 OR rule_name = $1', [idOrName]);
    return rows.length ? rows.map((r) => r.rule_id) : [idOrName];
  }

  async surveyMeans(): Promise<Map<number, number | null>> {
    const rows = await this.q<{ id: number; mean: number | null }>(`SELECT e.survey_id AS id, ROUND(AVG(a.overall), 1) AS mean FROM survey_repos e
      JOIN audits a ON a.id = e.audit_id GROUP BY e.survey_id`);
    return new Map(rows.map((r) => [r.id, r.mean]));
  }

  async rulesIn(auditIds: number[]): Promise<{ id: string; name: string }[]> {
    return this.q(`SELECT rule_id AS id, MAX(rule_name) AS name FROM finding_groups WHERE audit_id = ANY($1::bigint[])
      GROUP BY rule_id ORDER BY rule_id`, [auditIds]);
  }

  async ruleCountsByAudit(ruleId: string, auditIds: number[]): Promise<Map<number, number>> {
    const rows = await this.q<{ a: number; n: number }>(`SELECT audit_id AS a, SUM(n) AS n FROM finding_groups WHERE rule_id = $1 AND suppressed = 0
      AND audit_id = ANY($2::bigint[]) GROUP BY audit_id`, [ruleId, auditIds]);
    return new Map(rows.map((r) => [r.a, r.n]));
  }

  async auditFindings(auditId: number): Promise<FindingRow[]> {
    return (await this.q('SELECT * FROM findings WHERE audit_id = $1 ORDER BY file, line, col, rule_id, id', [auditId])).map(findingFrom);
  }

  async finding(id: number): Promise<FindingRow | undefined> {
    const r = await this.one('SELECT * FROM findings WHERE id = $1', [id]);
    return r ? findingFrom(r) : undefined;
  }

  async rules(): Promise<ReportRule[]> {
    return (await this.q('SELECT * FROM rules ORDER BY id')).map(ruleFrom);
  }

  async rule(idOrName: string): Promise<ReportRule | undefined> {
    const r = await this.one('SELECT * FROM rules WHERE id = $1 OR name = $1 ORDER BY (id = $1) DESC LIMIT 1', [idOrName]);
    return r ? ruleFrom(r) : undefined;
  }
}
