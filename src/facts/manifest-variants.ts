/**
 * Variants of one install bundle: the same Kubernetes workload (kind, namespace, name) defined in several manifest
 * files of one directory — an install rendered once per flavour (metallb's config/manifests/metallb-native.yaml,
 * metallb-frr.yaml, metallb-frr-k8s.yaml and their -prometheus twins). A concern a rule reports on that workload is
 * one concern, whatever the number of renderings: the findings of one rule with the same message on the same
 * workload in sibling variants are reported once, at the variant with the shortest file name (then the first in
 * path order), the other places kept as related locations.
 */
import path from 'node:path';
import type { Workload } from './workload-types.js';

/** A workload's lines in a file that holds one of several renderings of it. */
export interface VariantSpan { file: string; from: number; to: number; identity: string }

/** The spans of workloads defined in two or more manifest files of one directory (deployable manifests, not Helm or compose). */
export function manifestVariantSpans(workloads: readonly Workload[]): VariantSpan[] {
  const byIdentity = new Map<string, Workload[]>();
  for (const w of workloads) {
    if (w.source !== 'manifest' || w.role !== 'deploy' || !w.name || !w.lines) continue;
    const id = [path.posix.dirname(w.file), w.kind, w.namespace ?? '', w.name].join('\0');
    const list = byIdentity.get(id) ?? [];
    list.push(w);
    byIdentity.set(id, list);
  }
  const out: VariantSpan[] = [];
  for (const [identity, list] of byIdentity) {
    if (new Set(list.map((w) => w.file)).size < 2) continue;
    for (const w of list) out.push({ file: w.file, from: w.lines!.from, to: w.lines!.to, identity });
  }
  return out;
}

interface Reported { ruleId: string; message: string; file: string; line: number; related?: { file: string; line: number }[] }

/** Preference among renderings: the shortest file name (the plain variant), then path order, then line. */
function before(a: Reported, b: Reported): number {
  const la = path.posix.basename(a.file).length;
  const lb = path.posix.basename(b.file).length;
  return la - lb || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line;
}

/**
 * The findings with each concern on a variant-rendered workload reported once (files relative to the audit root, as
 * the spans are; `relFile` maps a finding's file to that form). Findings outside every span are kept as they are.
 */
export function collapseVariantFindings<T extends Reported>(findings: T[], spans: readonly VariantSpan[], relFile: (f: string) => string = (f) => f): T[] {
  if (!spans.length) return findings;
  const spansByFile = new Map<string, VariantSpan[]>();
  for (const s of spans) spansByFile.set(s.file, [...(spansByFile.get(s.file) ?? []), s]);
  const groups = new Map<string, T[]>();
  for (const f of findings) {
    const span = spansByFile.get(relFile(f.file))?.find((s) => f.line >= s.from && f.line <= s.to);
    if (!span) continue;
    const key = [f.ruleId, f.message, span.identity].join('\0');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const dropped = new Set<T>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => before({ ...a, file: relFile(a.file) }, { ...b, file: relFile(b.file) }));
    const [kept, ...others] = sorted;
    kept!.related = [...(kept!.related ?? []), ...others.map((o) => ({ file: o.file, line: o.line }))];
    for (const o of others) dropped.add(o);
  }
  return dropped.size ? findings.filter((f) => !dropped.has(f)) : findings;
}
