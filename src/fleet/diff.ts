/** Diffs two audits (or two surveys, repo by repo, matched by name) by finding fingerprint. */
import type { DiffFinding, DiffReport, DiffSide, RepoDiff } from '../report/diff-model.js';
import { StoreError } from '../store/db.js';
import type { FindingRow, HistoryStore } from '../store/types.js';

function toDiff(f: FindingRow): DiffFinding {
  return { ruleId: f.ruleId, ruleName: f.ruleName, dimension: f.dimension, severity: f.severity, file: f.file, line: f.line, message: f.message, fingerprint: f.fingerprint };
}

function diffFindings(a: FindingRow[], b: FindingRow[]): Pick<RepoDiff, 'new' | 'fixed' | 'unchanged'> {
  const fa = new Set(a.map((f) => f.fingerprint));
  const fb = new Set(b.map((f) => f.fingerprint));
  return {
    new: b.filter((f) => !fa.has(f.fingerprint)).map(toDiff),
    fixed: a.filter((f) => !fb.has(f.fingerprint)).map(toDiff),
    unchanged: b.filter((f) => fa.has(f.fingerprint)).length,
  };
}

async function active(store: HistoryStore, auditId: number, includeSuppressed: boolean): Promise<FindingRow[]> {
  return (await store.auditFindings(auditId)).filter((f) => includeSuppressed || !f.suppressed);
}

function totals(repos: RepoDiff[]): DiffReport['totals'] {
  return repos.reduce((t, r) => ({ new: t.new + r.new.length, fixed: t.fixed + r.fixed.length, unchanged: t.unchanged + r.unchanged }), { new: 0, fixed: 0, unchanged: 0 });
}

export async function diffAudits(store: HistoryStore, fromId: number, toId: number, opts: { includeSuppressed?: boolean } = {}): Promise<DiffReport> {
  const a = await store.audit(fromId);
  const b = await store.audit(toId);
  if (!a) throw new StoreError(`no audit #${fromId}`);
  if (!b) throw new StoreError(`no audit #${toId}`);
  const side = (x: typeof a): DiffSide => ({ kind: 'audit', id: x.id, label: `${x.repoName}${x.commit ? `@${x.commit.slice(0, 12)}` : ''} (${x.startedAt.slice(0, 16).replace('T', ' ')})` });
  const repo: RepoDiff = {
    name: a.repoName === b.repoName ? b.repoName : `${a.repoName} → ${b.repoName}`,
    from: { auditId: a.id, commit: a.commit }, to: { auditId: b.id, commit: b.commit },
    ...diffFindings(await active(store, a.id, !!opts.includeSuppressed), await active(store, b.id, !!opts.includeSuppressed)),
  };
  return { kind: 'goready-diff', from: side(a), to: side(b), repos: [repo], totals: totals([repo]) };
}

export async function diffSurveys(store: HistoryStore, fromId: number, toId: number, opts: { includeSuppressed?: boolean } = {}): Promise<DiffReport> {
  const sa = await store.survey(fromId);
  const sb = await store.survey(toId);
  if (!sa) throw new StoreError(`no survey #${fromId}`);
  if (!sb) throw new StoreError(`no survey #${toId}`);
  const ea = new Map((await store.entries(fromId)).filter((e) => e.auditId).map((e) => [e.name, e]));
  const eb = new Map((await store.entries(toId)).filter((e) => e.auditId).map((e) => [e.name, e]));
  const commits = new Map((await store.audits([...ea.values(), ...eb.values()].map((e) => e.auditId!))).map((x) => [x.id, x.commit]));
  const names = [...new Set([...eb.keys(), ...ea.keys()])];
  const repos: RepoDiff[] = [];
  for (const name of names) {
    const x = ea.get(name);
    const y = eb.get(name);
    const fa = x ? await active(store, x.auditId!, !!opts.includeSuppressed) : [];
    const fb = y ? await active(store, y.auditId!, !!opts.includeSuppressed) : [];
    repos.push({
      name,
      from: x ? { auditId: x.auditId!, commit: commits.get(x.auditId!) ?? null } : null,
      to: y ? { auditId: y.auditId!, commit: commits.get(y.auditId!) ?? null } : null,
      ...diffFindings(fa, fb),
    });
  }
  const side = (s: typeof sa): DiffSide => ({ kind: 'survey', id: s.id, label: `${s.name} (${s.createdAt.slice(0, 16).replace('T', ' ')})` });
  return { kind: 'goready-diff', from: side(sa), to: side(sb), repos, totals: totals(repos) };
}
