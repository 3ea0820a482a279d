/**
 * Runs an evidence rule's example (its evidence in saved form) through the code that judges real
 * evidence: `go version -m` text → build information → the artifact judge (and the go.mod join for
 * SUP1101); a saved probe run → the probe analysis. Used by the rule meta tests.
 */
import type { EvidenceRule } from '../../src/core/evidence-check.js';
import type { Finding, RuleExample } from '../../src/core/types.js';
import { parseModInfo } from '../../src/artifact/modinfo.js';
import type { BinaryInfo } from '../../src/artifact/model.js';
import { buildFindings } from '../../src/artifact/judge.js';
import { mismatchFindings } from '../../src/audit/artifact-join.js';
import { parseGoMod } from '../../src/go/gomod.js';
import { parseSavedRun } from '../../src/probe/run-probe.js';
import { analyzeRun } from '../../src/probe/analyze.js';

/** A binary's build information from what `go version -m BIN` prints. */
export function binaryFromGoVersionM(text: string): BinaryInfo {
  const [head = '', ...rest] = text.split('\n');
  const m = /^(.*): (go\S+)/.exec(head);
  if (!m) throw new Error(`not \`go version -m\` output: ${head}`);
  const mi = parseModInfo(rest.map((l) => l.replace(/^\t/, '')).join('\n'));
  if (mi.bad.length) throw new Error(`unreadable lines: ${mi.bad.join(' | ')}`);
  return {
    path: m[1]!, kind: 'binary', goVersion: m[2]!, mainModule: mi.main ? { path: mi.main.path, version: mi.main.version } : null,
    settings: Object.fromEntries(mi.settings), modules: mi.deps.map((d) => ({ path: d.path, version: d.version, ...(d.replace ? { replace: { path: d.replace.path, ...(d.replace.version ? { version: d.replace.version } : {}) } } : {}) })),
    stripped: true, static: true, pie: false, format: 'elf', arch: 'amd64',
  };
}

export async function evidenceExampleFindings(rule: EvidenceRule, ex: RuleExample, kind: 'bad' | 'good'): Promise<Finding[]> {
  const text = ex[kind];
  let findings: Finding[];
  if (rule.evidence === 'artifact') {
    const info = binaryFromGoVersionM(text);
    findings = buildFindings(info);
    const goMod = ex.extraFiles?.['go.mod'];
    if (goMod) findings.push(...mismatchFindings(info, { dir: '', mod: parseGoMod(goMod) }, info.path));
  } else {
    findings = (await analyzeRun(parseSavedRun(text, ex.filename ?? 'run.json'))).findings;
  }
  return findings.filter((f) => f.ruleId === rule.meta.id);
}
