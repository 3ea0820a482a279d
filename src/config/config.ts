/**
 * .goready.yaml: found by walking up from the target, parsed with `yaml`, validated with ajv
 * against schema/goready-config.schema.json, resolved into rule selections and overrides.
 * Errors are returned as messages (never thrown): the audit runs on with defaults and exits 2.
 */
import fs from 'node:fs';
import { ContainedReader, readRegularFile } from '../core/safe-read.js';
import os from 'node:os';
import path from 'node:path';
import type * as AjvLib from 'ajv';
import type * as Yaml from 'yaml';
import { lazyRequire } from '../core/lazy-require.js';
import { yamlTooDeep } from '../core/yaml-depth.js';
import { SEVERITIES, type Dimension, type Severity } from '../core/types.js';
import { readPackageFile } from '../core/tool-package.js';
import type { Rule } from '../rules/define-rule.js';
import { allRules, selectRules } from '../rules/registry.js';

export const CONFIG_NAMES = ['.goready.yaml', '.goready.yml'];

export interface RawConfig {
  version?: 1;
  'go-version'?: string;
  'include-vendor'?: boolean;
  'include-generated'?: boolean;
  'include-testdata'?: boolean;
  'include-non-shipped'?: boolean;
  'max-file-size'?: number;
  'file-timeout'?: number;
  exclude?: string[];
  'fail-on'?: Severity;
  'min-score'?: number;
  'min-dimension-scores'?: Partial<Record<Dimension, number>>;
  'min-severity'?: Severity;
  'max-findings-per-rule'?: number;
  vulndb?: string;
  'vulndb-max-age'?: number;
  'vuln-ignore'?: { id: string; reason: string; expires?: string }[];
  rules?: {
    disable?: string[];
    enable?: string[];
    severity?: Record<string, Severity>;
    exclude?: Record<string, string[]>;
  };
}

export interface ResolvedConfig {
  path?: string;
  goVersion?: string;
  includeVendor: boolean;
  includeGenerated: boolean;
  includeTestdata: boolean;
  /** Keep findings in code that does not ship (tests, test support, examples, docs, tooling, third-party: src/core/code-roles.ts). */
  includeNonShipped: boolean;
  maxFileSize?: number;
  /** Per-file analysis budget in seconds (default 10): a file over it is a `file-timeout` diagnostic. */
  fileTimeout?: number;
  exclude: string[];
  failOn?: Severity;
  minScore?: number;
  /** Per-dimension minimum scores (gate): a dimension below its minimum, or inconclusive, fails. */
  minDimensionScores: Partial<Record<Dimension, number>>;
  minSeverity?: Severity;
  maxPerRule?: number;
  /** Vulnerability database directory (absolute). */
  vulndb?: string;
  govulncheckEvidence?: string;
  vulndbMaxAgeDays?: number;
  /** Accepted vulnerabilities: id (GO-… or an alias), why, and until when (YYYY-MM-DD, inclusive). */
  vulnIgnores: VulnIgnore[];
  enabledRules: Rule[];
  severityOverrides: Record<string, Severity>;
  ruleExcludes: Record<string, string[]>;
}

export interface VulnIgnore {
  id: string;
  reason: string;
  expires?: string;
}

export interface ConfigLoad {
  config: ResolvedConfig;
  errors: string[];
}

/** Where `goready vulndb update` keeps the database: $GOREADY_CACHE/vulndb, else $XDG_CACHE_HOME (or ~/.cache)/goready/vulndb. */
export function defaultVulnDbDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GOREADY_CACHE) return path.join(path.resolve(env.GOREADY_CACHE), 'vulndb');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'goready', 'vulndb');
}

/** The cached database when `goready vulndb update` has filled it. */
function cachedVulnDbDir(): string | undefined {
  const dir = defaultVulnDbDir();
  return fs.existsSync(path.join(dir, 'index', 'modules.json')) ? dir : undefined;
}

/** The byte cap on a config file. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Walks up from `start` to the filesystem root looking for a config file. */
export function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    return undefined;
  }
  for (;;) {
    for (const n of CONFIG_NAMES) {
      const p = path.join(dir, n);
      if (fs.existsSync(p)) return p;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

// loaded when a configuration file is read (an audit with --no-config never loads them)
const ajvLib = lazyRequire<typeof AjvLib>('ajv');
const yamlLib = lazyRequire<typeof Yaml>('yaml');

let validator: ReturnType<AjvLib.Ajv['compile']> | undefined;
function validate(data: unknown): string[] {
  if (!validator) {
    const ajv = new (ajvLib().Ajv)({ allErrors: true, strict: false });
    validator = ajv.compile(JSON.parse(readPackageFile('schema', 'goready-config.schema.json')));
  }
  if (validator(data)) return [];
  return (validator.errors ?? []).filter((e) => e.keyword !== 'propertyNames').map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
    if (e.propertyName !== undefined && e.keyword === 'enum') return `${where}: unknown key '${e.propertyName}' (one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`;
    if (e.keyword === 'additionalProperties') return `${where}: unknown key '${(e.params as { additionalProperty: string }).additionalProperty}'`;
    if (e.keyword === 'enum') return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    return `${where}: ${e.message}`;
  });
}

/** Parses and validates config text; returns the raw object (or undefined) and errors. */
export function parseConfigText(text: string, file: string): { raw?: RawConfig; errors: string[] } {
  const deep = yamlTooDeep(text);
  if (deep) return { errors: [`${file}: ${deep}`] };
  const doc = yamlLib().parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    return { errors: doc.errors.map((e) => `${file}: YAML error: ${e.message.split('\n')[0]}`) };
  }
  let data: unknown;
  try {
    // the library's own guard (maxAliasCount) throws on an alias bomb: a config error, not a crash
    data = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as unknown;
  } catch (e) {
    return { errors: [`${file}: YAML error: ${(e as Error).message.split('\n')[0]}`] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { errors: [`${file}: the configuration must be a mapping (key: value)`] };
  }
  const errors = validate(data).map((m) => `${file}: ${m}`);
  return errors.length ? { errors } : { raw: data as RawConfig, errors: [] };
}

function resolveSelectors(list: string[] | undefined, errors: string[], file: string, key: string): Rule[] {
  const out: Rule[] = [];
  for (const sel of list ?? []) {
    const rules = selectRules(sel);
    if (!rules.length) errors.push(`${file}: ${key}: no rule or dimension named '${sel}' (see \`goready rules\`)`);
    out.push(...rules);
  }
  return out;
}

function resolveKeyed<T>(map: Record<string, T> | undefined, errors: string[], file: string, key: string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [sel, v] of Object.entries(map ?? {})) {
    const rules = selectRules(sel);
    if (!rules.length) errors.push(`${file}: ${key}: no rule or dimension named '${sel}'`);
    for (const r of rules) out[r.meta.id] = v;
  }
  return out;
}

export interface CliOverrides {
  enable?: string[];
  disable?: string[];
  goVersion?: string;
  includeVendor?: boolean;
  includeGenerated?: boolean;
  includeTestdata?: boolean;
  includeNonShipped?: boolean;
  maxFileSize?: number;
  fileTimeout?: number;
  failOn?: Severity;
  minScore?: number;
  minDimensionScores?: Partial<Record<Dimension, number>>;
  minSeverity?: Severity;
  exclude?: string[];
  /** --vulndb, relative to the working directory. */
  vulndb?: string;
  govulncheckEvidence?: string;
}

export function resolveConfig(raw: RawConfig | undefined, file: string | undefined, cli: CliOverrides = {}, errors: string[] = []): ResolvedConfig {
  const label = file ?? 'command line';
  const r = raw ?? {};
  const disabled = new Set(resolveSelectors([...(r.rules?.disable ?? []), ...(cli.disable ?? [])], errors, label, 'rules.disable').map((x) => x.meta.id));
  const enabled = new Set(resolveSelectors([...(r.rules?.enable ?? []), ...(cli.enable ?? [])], errors, label, 'rules.enable').map((x) => x.meta.id));
  const enabledRules = allRules().filter((rule) => {
    if (enabled.has(rule.meta.id)) return true;
    if (disabled.has(rule.meta.id)) return false;
    return rule.meta.lifecycle === 'stable';
  });
  return {
    path: file,
    goVersion: cli.goVersion ?? r['go-version']?.replace(/^go/, ''),
    includeVendor: cli.includeVendor ?? r['include-vendor'] ?? false,
    includeGenerated: cli.includeGenerated ?? r['include-generated'] ?? false,
    includeTestdata: cli.includeTestdata ?? r['include-testdata'] ?? false,
    includeNonShipped: cli.includeNonShipped ?? r['include-non-shipped'] ?? false,
    maxFileSize: cli.maxFileSize ?? r['max-file-size'],
    fileTimeout: cli.fileTimeout ?? r['file-timeout'],
    exclude: [...(r.exclude ?? []), ...(cli.exclude ?? [])],
    failOn: cli.failOn ?? r['fail-on'],
    minScore: cli.minScore ?? r['min-score'],
    minDimensionScores: { ...(r['min-dimension-scores'] ?? {}), ...(cli.minDimensionScores ?? {}) },
    minSeverity: cli.minSeverity ?? r['min-severity'],
    maxPerRule: r['max-findings-per-rule'],
    govulncheckEvidence: cli.govulncheckEvidence ? path.resolve(cli.govulncheckEvidence) : undefined,
    vulndb: cli.vulndb ? path.resolve(cli.vulndb) : r.vulndb ? path.resolve(file ? path.dirname(file) : '.', r.vulndb) : cachedVulnDbDir(),
    vulndbMaxAgeDays: r['vulndb-max-age'],
    vulnIgnores: resolveVulnIgnores(r['vuln-ignore'], errors, label),
    enabledRules,
    severityOverrides: resolveKeyed(r.rules?.severity, errors, label, 'rules.severity'),
    ruleExcludes: resolveKeyed(r.rules?.exclude, errors, label, 'rules.exclude'),
  };
}

function resolveVulnIgnores(list: RawConfig['vuln-ignore'], errors: string[], file: string): VulnIgnore[] {
  const out: VulnIgnore[] = [];
  for (const [i, ig] of (list ?? []).entries()) {
    if (ig.expires !== undefined && Number.isNaN(Date.parse(`${ig.expires}T00:00:00Z`))) {
      errors.push(`${file}: vuln-ignore[${i}] (${ig.id}): expires '${ig.expires}' is not a valid date (YYYY-MM-DD)`);
      continue;
    }
    out.push({ id: ig.id, reason: ig.reason, expires: ig.expires });
  }
  return out;
}

/** Finds (or takes the explicit) config, parses, validates and resolves it. Never throws. */
export function loadConfig(target: string, opts: { explicit?: string; noConfig?: boolean; cli?: CliOverrides } = {}): ConfigLoad {
  const errors: string[] = [];
  let file: string | undefined;
  let raw: RawConfig | undefined;
  if (!opts.noConfig) {
    file = opts.explicit ? path.resolve(opts.explicit) : findConfig(target);
    if (file) {
      let text: string | undefined;
      // a config found by the upward search is repository content: it must resolve inside the
      // directory it was found in (a link to a file elsewhere is refused, never read); one named
      // with --config is the user's choice. Either way only a regular file, at most 1 MiB.
      const r = opts.explicit ? readRegularFile(file, { maxBytes: MAX_CONFIG_BYTES }) : new ContainedReader(path.dirname(file), []).read(file, { maxBytes: MAX_CONFIG_BYTES });
      if (r.ok) text = r.buf.toString('utf8');
      else errors.push(`${file}: not read: ${r.message}`);
      if (text !== undefined) {
        const parsed = parseConfigText(text, file);
        errors.push(...parsed.errors);
        raw = parsed.raw;
      }
    }
  }
  const config = resolveConfig(raw, file, opts.cli, errors);
  if (file && !opts.explicit && raw?.vulndb && !opts.cli?.vulndb && config.vulndb && !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw.vulndb)) {
    // a path taken from repository content: only inside the repository or goready's own caches
    if (!new ContainedReader(path.dirname(file)).contains(config.vulndb)) {
      errors.push(`${file}: vulndb: ${raw.vulndb} is outside the directory of the config file (or missing): ignored`);
      config.vulndb = cachedVulnDbDir();
    }
  }
  return { config, errors };
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}
