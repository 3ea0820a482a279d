/**
 * Numbered schema migrations. Append only: never edit a released migration, add the next number.
 * Each runs in its own transaction (see db.ts) and is recorded in schema_migrations.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'surveys, repos, audits, findings, rules',
    up: `
      CREATE TABLE surveys (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        source        TEXT NOT NULL,              -- absolute path of the list file or directory
        source_hash   TEXT NOT NULL,              -- hash of the resolved entries and options: resume key
        options_hash  TEXT NOT NULL,              -- audit options (rule selection, flags): reuse key
        options_json  TEXT NOT NULL,
        tool_version  TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        finished_at   TEXT,                       -- set once every entry is done or failed
        runner_pid    INTEGER,                    -- the process currently running it (a lease)
        runner_host   TEXT,
        runner_seen   TEXT
      );
      CREATE INDEX surveys_resume ON surveys (source, source_hash);

      CREATE TABLE repos (
        id          INTEGER PRIMARY KEY,
        location    TEXT NOT NULL UNIQUE,         -- absolute path or git URL
        kind        TEXT NOT NULL CHECK (kind IN ('path', 'git')),
        name        TEXT NOT NULL,                -- last name given
        created_at  TEXT NOT NULL
      );

      CREATE TABLE audits (
        id              INTEGER PRIMARY KEY,
        repo_id         INTEGER NOT NULL REFERENCES repos (id),
        commit_sha      TEXT,                     -- NULL outside git
        commit_date     TEXT,
        ref             TEXT,
        dirty           INTEGER NOT NULL DEFAULT 0,
        started_at      TEXT NOT NULL,
        duration_ms     INTEGER NOT NULL,
        tool_version    TEXT NOT NULL,
        ruleset_hash    TEXT NOT NULL,            -- effective rules (ids, severities, confidences)
        options_hash    TEXT NOT NULL,
        overall         INTEGER,
        grade           TEXT NOT NULL,
        scores_json     TEXT NOT NULL,            -- the audit JSON's "scores", verbatim
        stats_json      TEXT NOT NULL,
        findings_total  INTEGER NOT NULL,
        findings_active INTEGER NOT NULL
      );
      CREATE INDEX audits_reuse ON audits (repo_id, commit_sha, tool_version, options_hash);

      CREATE TABLE findings (
        id                INTEGER PRIMARY KEY,
        audit_id          INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
        rule_id           TEXT NOT NULL,
        rule_name         TEXT NOT NULL,
        dimension         TEXT NOT NULL,
        severity          TEXT NOT NULL,
        confidence        TEXT NOT NULL,
        message           TEXT NOT NULL,
        fix               TEXT NOT NULL,
        file              TEXT NOT NULL,
        line              INTEGER NOT NULL,
        col               INTEGER NOT NULL,
        snippet           TEXT,
        fingerprint       TEXT NOT NULL,
        suppressed        INTEGER NOT NULL DEFAULT 0,
        suppressed_kind   TEXT,
        suppressed_reason TEXT,
        in_test           INTEGER NOT NULL DEFAULT 0,
        generated         INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX findings_audit ON findings (audit_id, dimension, severity);
      CREATE INDEX findings_rule ON findings (rule_id);

      CREATE TABLE survey_repos (
        survey_id   INTEGER NOT NULL REFERENCES surveys (id),
        repo_id     INTEGER NOT NULL REFERENCES repos (id),
        position    INTEGER NOT NULL,
        name        TEXT NOT NULL,
        ref         TEXT,
        status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        audit_id    INTEGER REFERENCES audits (id),
        reused      INTEGER NOT NULL DEFAULT 0,   -- an earlier audit of the same commit was linked
        error       TEXT,
        attempts    INTEGER NOT NULL DEFAULT 0,
        updated_at  TEXT,
        PRIMARY KEY (survey_id, repo_id),
        UNIQUE (survey_id, name),
        CHECK ((status = 'done') = (audit_id IS NOT NULL))
      );

      CREATE TABLE rules (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        dimension     TEXT NOT NULL,
        severity      TEXT NOT NULL,
        confidence    TEXT NOT NULL,
        lifecycle     TEXT NOT NULL,
        title         TEXT NOT NULL,
        rationale     TEXT NOT NULL,
        fix           TEXT NOT NULL,
        fix_effort    TEXT NOT NULL,
        sources_json  TEXT NOT NULL,
        examples_json TEXT NOT NULL,
        help_uri      TEXT NOT NULL,
        tool_version  TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'findings: listing indexes, per-audit counts, full-text search',
    // The dashboard's /findings must answer in milliseconds on 50,000+ findings (bench:dashboard):
    // - sev_rank orders severities (critical first) so that an index can deliver rows in page order;
    // - one index per access path (whole survey, one audit, one rule), each ending with the columns
    //   filters test, so non-matching rows are skipped inside the index and pages are keyset seeks;
    // - finding_groups: counts per audit × rule × dimension × severity × suppressed, kept by triggers,
    //   so totals and the rule list are sums over a few thousand rows, not a COUNT(*) over findings;
    // - findings_fts: a trigram FTS5 index of file and message (substring search, case-insensitive),
    //   external content kept in sync by triggers.
    up: `
      ALTER TABLE findings ADD COLUMN sev_rank INTEGER GENERATED ALWAYS AS
        (CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END) VIRTUAL;
      CREATE INDEX findings_order ON findings (sev_rank, audit_id, file, line, id, suppressed, dimension, rule_id, message);
      CREATE INDEX findings_by_audit ON findings (audit_id, sev_rank, file, line, id, suppressed, dimension, rule_id);
      CREATE INDEX findings_by_rule ON findings (rule_id, sev_rank, audit_id, file, line, id, suppressed, dimension);

      CREATE TABLE finding_groups (
        audit_id   INTEGER NOT NULL,
        rule_id    TEXT NOT NULL,
        dimension  TEXT NOT NULL,
        severity   TEXT NOT NULL,
        suppressed INTEGER NOT NULL,
        rule_name  TEXT NOT NULL,
        n          INTEGER NOT NULL,
        PRIMARY KEY (audit_id, rule_id, dimension, severity, suppressed)
      ) WITHOUT ROWID;
      INSERT INTO finding_groups (audit_id, rule_id, dimension, severity, suppressed, rule_name, n)
        SELECT audit_id, rule_id, dimension, severity, suppressed, MAX(rule_name), COUNT(*) FROM findings
        GROUP BY audit_id, rule_id, dimension, severity, suppressed;
      CREATE TRIGGER findings_groups_ins AFTER INSERT ON findings BEGIN
        INSERT INTO finding_groups (audit_id, rule_id, dimension, severity, suppressed, rule_name, n)
          VALUES (new.audit_id, new.rule_id, new.dimension, new.severity, new.suppressed, new.rule_name, 1)
          ON CONFLICT DO UPDATE SET n = n + 1, rule_name = excluded.rule_name;
      END;
      CREATE TRIGGER findings_groups_del AFTER DELETE ON findings BEGIN
        UPDATE finding_groups SET n = n - 1 WHERE audit_id = old.audit_id AND rule_id = old.rule_id AND dimension = old.dimension
          AND severity = old.severity AND suppressed = old.suppressed;
        DELETE FROM finding_groups WHERE audit_id = old.audit_id AND rule_id = old.rule_id AND dimension = old.dimension
          AND severity = old.severity AND suppressed = old.suppressed AND n <= 0;
      END;
      CREATE TRIGGER findings_groups_upd AFTER UPDATE OF audit_id, rule_id, rule_name, dimension, severity, suppressed ON findings BEGIN
        UPDATE finding_groups SET n = n - 1 WHERE audit_id = old.audit_id AND rule_id = old.rule_id AND dimension = old.dimension
          AND severity = old.severity AND suppressed = old.suppressed;
        DELETE FROM finding_groups WHERE audit_id = old.audit_id AND rule_id = old.rule_id AND dimension = old.dimension
          AND severity = old.severity AND suppressed = old.suppressed AND n <= 0;
        INSERT INTO finding_groups (audit_id, rule_id, dimension, severity, suppressed, rule_name, n)
          VALUES (new.audit_id, new.rule_id, new.dimension, new.severity, new.suppressed, new.rule_name, 1)
          ON CONFLICT DO UPDATE SET n = n + 1, rule_name = excluded.rule_name;
      END;

      CREATE VIRTUAL TABLE findings_fts USING fts5 (file, message, content = 'findings', content_rowid = 'id', tokenize = 'trigram');
      INSERT INTO findings_fts (findings_fts) VALUES ('rebuild');
      CREATE TRIGGER findings_fts_ins AFTER INSERT ON findings BEGIN
        INSERT INTO findings_fts (rowid, file, message) VALUES (new.id, new.file, new.message);
      END;
      CREATE TRIGGER findings_fts_del AFTER DELETE ON findings BEGIN
        INSERT INTO findings_fts (findings_fts, rowid, file, message) VALUES ('delete', old.id, old.file, old.message);
      END;
      CREATE TRIGGER findings_fts_upd AFTER UPDATE OF file, message ON findings BEGIN
        INSERT INTO findings_fts (findings_fts, rowid, file, message) VALUES ('delete', old.id, old.file, old.message);
        INSERT INTO findings_fts (rowid, file, message) VALUES (new.id, new.file, new.message);
      END;
    `,
  },
];
