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
];
