/**
 * Reads `govulncheck -json` output (a stream of JSON objects: config, progress, osv, finding)
 * and indexes its findings by OSV id: a finding whose first trace frame names a function is
 * call-graph confirmed (govulncheck's "symbol" level); the last frame with a position is the
 * call site in the user's code. Malformed input yields errors, never throws.
 */
import { readRegularFile } from '../core/safe-read.js';
import path from 'node:path';
import { defineProvider, evidenceInput, factKey } from '../facts/fact-provider.js';
import { MAX_EVIDENCE_BYTES } from '../facts/repo-facts.js';

export interface GovulncheckFrame {
  module?: string;
  version?: string;
  package?: string;
  function?: string;
  receiver?: string;
  position?: { filename?: string; line?: number; column?: number };
}

export interface GovulncheckFinding {
  osv: string;
  fixedVersion?: string;
  trace: GovulncheckFrame[];
}

export interface GovulncheckEvidence {
  findings: GovulncheckFinding[];
  /** OSV id -> summary/aliases from the stream's osv entries. */
  osv: Map<string, { summary?: string; aliases: string[] }>;
  errors: string[];
}

/** Splits a stream of concatenated JSON values (pretty-printed or not) into parsed objects. */
export function parseJsonStream(text: string, errors: string[]): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0 && start >= 0) {
        try {
          out.push(JSON.parse(text.slice(start, i + 1)));
        } catch (e) {
          errors.push(`invalid JSON value at offset ${start}: ${(e as Error).message}`);
        }
        start = -1;
      } else if (depth < 0) {
        errors.push(`unbalanced '${c}' at offset ${i}`);
        depth = 0;
      }
    }
  }
  if (depth !== 0) errors.push('truncated JSON stream');
  return out;
}

export function parseGovulncheck(text: string): GovulncheckEvidence {
  const ev: GovulncheckEvidence = { findings: [], osv: new Map(), errors: [] };
  for (const v of parseJsonStream(text, ev.errors)) {
    if (!v || typeof v !== 'object') continue;
    const o = v as { osv?: { id?: string; summary?: string; aliases?: string[] }; finding?: { osv?: string; fixed_version?: string; trace?: GovulncheckFrame[] } };
    if (o.osv && typeof o.osv.id === 'string') {
      ev.osv.set(o.osv.id, { summary: o.osv.summary, aliases: Array.isArray(o.osv.aliases) ? o.osv.aliases.filter((a) => typeof a === 'string') : [] });
    }
    if (o.finding && typeof o.finding.osv === 'string' && Array.isArray(o.finding.trace)) {
      ev.findings.push({ osv: o.finding.osv, fixedVersion: o.finding.fixed_version, trace: o.finding.trace.filter((f) => f && typeof f === 'object') });
    }
  }
  return ev;
}

export function readGovulncheck(file: string): GovulncheckEvidence {
  try {
    const r = readRegularFile(file, { maxBytes: MAX_EVIDENCE_BYTES });
    if (!r.ok) return { findings: [], osv: new Map(), errors: [`cannot read ${file}: ${r.message}`] };
    return parseGovulncheck(r.buf.toString('utf8'));
  } catch (e) {
    return { findings: [], osv: new Map(), errors: [`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`] };
  }
}

export interface ConfirmedCall {
  osv: string;
  module?: string;
  version?: string;
  fixedVersion?: string;
  /** The vulnerable symbol, e.g. http2.ConfigureServer or Conn.Read. */
  symbol: string;
  /** The call site in the audited repository (relative path), when the trace has one inside it. */
  site?: { file: string; line: number; column: number };
}

/**
 * govulncheck's call-graph-confirmed findings (trace[0] names a function), one per OSV id and
 * module, with the user-code call site resolved against the audited root.
 */
export function confirmedCalls(ev: GovulncheckEvidence, root: string): ConfirmedCall[] {
  const out = new Map<string, ConfirmedCall>();
  for (const f of ev.findings) {
    const vuln = f.trace[0];
    if (!vuln?.function) continue;
    const symbol = `${vuln.receiver ? `${vuln.receiver.replace(/^\*/, '')}.` : (vuln.package?.split('/').pop() ?? '') + '.'}${vuln.function}`;
    let site: ConfirmedCall['site'];
    for (let i = f.trace.length - 1; i >= 0 && !site; i--) {
      const p = f.trace[i]!.position;
      if (!p?.filename || !p.line) continue;
      const abs = path.isAbsolute(p.filename) ? p.filename : path.join(root, p.filename);
      const rel = path.relative(root, abs);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      site = { file: rel.split(path.sep).join('/'), line: p.line, column: p.column ?? 1 };
    }
    const key = `${f.osv}\0${vuln.module ?? ''}`;
    if (!out.has(key) || (!out.get(key)!.site && site)) {
      out.set(key, { osv: f.osv, module: vuln.module, version: vuln.version, fixedVersion: f.fixedVersion, symbol, site });
    }
  }
  return [...out.values()];
}

/** What the govulncheck evidence given to the audit (`--evidence`) says about the audited repository. */
export interface GovulncheckFacts {
  file: string;
  /** govulncheck findings in the stream (confirmed or not). */
  findings: number;
  /** Problems reading the stream. */
  errors: string[];
  /** Call-graph-confirmed calls, sites resolved against the audited root. */
  confirmed: ConfirmedCall[];
}

export const GOVULNCHECK_EVIDENCE = factKey<GovulncheckFacts | undefined>('evidence:govulncheck');

/** The govulncheck evidence as one provider: it reads the evidence file and the root its call sites resolve against. */
export const govulncheckEvidenceProvider = defineProvider({
  provides: GOVULNCHECK_EVIDENCE,
  reads: [evidenceInput('govulncheck')],
  cacheable: true,
  compute: (repo): GovulncheckFacts | undefined => {
    const file = repo.evidenceSources('govulncheck')[0];
    if (!file) return undefined;
    const ev = readGovulncheck(file);
    return { file, findings: ev.findings.length, errors: ev.errors, confirmed: confirmedCalls(ev, repo.root) };
  },
});
