/**
 * Repository policy files: the security policy (SECURITY.md where GitHub looks for it: the root,
 * .github/ or docs/) and dependency update bots (Dependabot, Renovate) with whether their
 * configuration covers Go modules. Broken configs become diagnostics and count as "present,
 * coverage unknown" (never a finding built on a guess).
 */
import { isMap, isSeq } from './yaml-lib.js';
import { defineProvider, factKey, filesInput } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import { child, entries, items, lineOf, parseYaml, str } from './yaml-doc.js';

const SECURITY_RE = /^(|\.github\/|docs\/)security(\.(md|markdown|rst|txt|adoc))?$/i;

export interface SecurityPolicy {
  file: string;
  /** Says how to report: an e-mail address, a link, or words about reporting a vulnerability. */
  hasChannel: boolean;
  /** For a README section: its heading line. */
  line?: number;
}

/** A policy text that tells a reporter where to go (not an empty file or a template stub). */
export function policyHasChannel(text: string): boolean {
  if (/[\w.+-]+@[\w-]+\.[\w.-]+/.test(text)) return true;
  if (/https?:\/\/\S+/.test(text)) return true;
  return /\breport/i.test(text) && /vulnerab|security (issue|bug|problem)/i.test(text) && text.replace(/\s+/g, '').length >= 60;
}

/**
 * A security section of a Markdown README (`## Reporting security issues`, `## Security`) that
 * names a channel: projects that keep their policy in an organisation-wide repository link to it
 * from there. Returns the 1-based heading line.
 */
export function readmeSecuritySection(text: string): number | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const h = /^(#{1,6})\s+(.*)$/.exec(lines[i]!);
    if (!h || !/secur|vulnerab/i.test(h[2]!)) continue;
    const level = h[1]!.length;
    let j = i + 1;
    while (j < lines.length && !(/^(#{1,6})\s/.exec(lines[j]!) && /^(#{1,6})\s/.exec(lines[j]!)![1]!.length <= level)) j++;
    const body = lines.slice(i + 1, j).join('\n');
    if (/report|disclos|contact/i.test(`${h[2]} ${body}`) && policyHasChannel(body)) return i + 1;
  }
  return undefined;
}

/**
 * The security policy, if any: a SECURITY file in the root, .github/ or docs/ (any case;
 * .md/.rst/.txt/.adoc; the best one first), else a root README section on reporting security
 * issues that names a channel.
 */
export const SECURITY_POLICY = factKey<SecurityPolicy | undefined>('policy:security');

export const securityPolicyProvider = defineProvider({
  provides: SECURITY_POLICY,
  reads: [filesInput('security policies', (r) => SECURITY_RE.test(r))],
  cacheable: true,
  compute: (repo): SecurityPolicy | undefined => {
    const files = repo.otherFiles.filter((f) => SECURITY_RE.test(f)).sort((a, b) => a.split('/').length - b.split('/').length);
    const all: SecurityPolicy[] = files.map((file) => ({ file, hasChannel: policyHasChannel(repo.readText(file).text ?? '') }));
    const best = all.find((p) => p.hasChannel);
    if (best) return best;
    for (const f of repo.otherFiles.filter((x) => /^readme(\.md|\.markdown)?$/i.test(x))) {
      const line = readmeSecuritySection(repo.readText(f).text ?? '');
      if (line !== undefined) return { file: f, hasChannel: true, line };
    }
    return all[0];
  },
});

export function securityPolicy(repo: RepoFacts): SecurityPolicy | undefined {
  return repo.fact(SECURITY_POLICY);
}

export interface DependencyBotConfig {
  tool: 'dependabot' | 'renovate';
  file: string;
  /** true: updates Go modules; false: configured but not for Go (see line); undefined: unknown. */
  coversGo?: boolean;
  /** Where the coverage is decided (the `updates:` or `enabledManagers` line). */
  line: number;
  detail?: string;
}

const RENOVATE_FILES = [
  'renovate.json', 'renovate.json5', '.renovaterc', '.renovaterc.json', '.renovaterc.json5',
  '.github/renovate.json', '.github/renovate.json5', '.gitlab/renovate.json', '.gitlab/renovate.json5',
];

function dependabot(repo: RepoFacts, file: string): DependencyBotConfig {
  const { text, error } = repo.readText(file);
  if (text === undefined) {
    repo.diagnostics.push({ level: 'warning', code: 'config-unreadable', file, message: `dependabot config not read: ${error}` });
    return { tool: 'dependabot', file, line: 1 };
  }
  const y = parseYaml(file, text, { strict: false, budgetMs: repo.fileBudgetMs });
  const doc = y.docs[0];
  const bad = y.error ?? y.problems[0];
  if (bad || !doc) {
    repo.diagnostics.push({ level: 'warning', code: 'config-parse-error', file, line: bad?.line, message: `dependabot config is not valid YAML (${bad?.message ?? 'empty'}); Go coverage unknown` });
    return { tool: 'dependabot', file, line: 1 };
  }
  const updatesEntry = entries(doc, doc.doc.contents).find((e) => e.key === 'updates');
  if (!updatesEntry || !isSeq(updatesEntry.value)) return { tool: 'dependabot', file, coversGo: false, line: updatesEntry ? lineOf(y, updatesEntry.keyNode) : 1, detail: 'no updates list' };
  const ecosystems = items(doc, updatesEntry.value).map((u) => str(doc, child(doc, u, 'package-ecosystem'))).filter((e): e is string => !!e);
  return {
    tool: 'dependabot', file, line: lineOf(y, updatesEntry.keyNode),
    coversGo: ecosystems.includes('gomod'),
    detail: ecosystems.length ? `ecosystems: ${[...new Set(ecosystems)].join(', ')}` : 'no package-ecosystem entries',
  };
}

function renovate(repo: RepoFacts, file: string): DependencyBotConfig {
  const { text } = repo.readText(file);
  if (text === undefined) return { tool: 'renovate', file, line: 1 };
  // JSON parses as YAML; JSON5 comments on their own lines are dropped first
  const y = parseYaml(file, text.replace(/^\s*\/\/.*$/gm, ''), { strict: false, budgetMs: repo.fileBudgetMs });
  const doc = y.docs[0];
  const bad = y.error ?? y.problems[0];
  if (bad || !doc || !isMap(doc.doc.contents)) {
    repo.diagnostics.push({ level: 'info', code: 'config-parse-error', file, line: bad?.line, message: 'Renovate config not understood; assumed to cover Go modules' });
    return { tool: 'renovate', file, line: 1 };
  }
  const es = entries(doc, doc.doc.contents);
  const enabled = es.find((e) => e.key === 'enabled');
  if (enabled && str(doc, enabled.value) === 'false') return { tool: 'renovate', file, coversGo: false, line: lineOf(y, enabled.keyNode), detail: 'enabled: false' };
  const managers = es.find((e) => e.key === 'enabledManagers');
  if (managers && isSeq(managers.value)) {
    const list = items(doc, managers.value).map((n) => str(doc, n));
    if (!list.includes('gomod')) return { tool: 'renovate', file, coversGo: false, line: lineOf(y, managers.keyNode), detail: `enabledManagers: ${list.join(', ')}` };
  }
  return { tool: 'renovate', file, coversGo: true, line: 1 };
}

/** Dependabot and Renovate configurations found. */
export const DEPENDENCY_BOTS = factKey<DependencyBotConfig[]>('policy:depbots');

export const dependencyBotsProvider = defineProvider({
  provides: DEPENDENCY_BOTS,
  reads: [filesInput('dependency bot configs', (r) => r.startsWith('.github/dependabot.') || RENOVATE_FILES.includes(r))],
  cacheable: true,
  compute: (repo): DependencyBotConfig[] => {
    const out: DependencyBotConfig[] = [];
    for (const f of ['.github/dependabot.yml', '.github/dependabot.yaml']) if (repo.otherFiles.includes(f)) out.push(dependabot(repo, f));
    for (const f of RENOVATE_FILES) if (repo.otherFiles.includes(f)) out.push(renovate(repo, f));
    if (repo.otherFiles.includes('package.json')) {
      const t = repo.readText('package.json').text;
      if (t && /"renovate"\s*:/.test(t)) out.push({ tool: 'renovate', file: 'package.json', coversGo: true, line: 1 });
    }
    return out;
  },
});

export function dependencyBots(repo: RepoFacts): DependencyBotConfig[] {
  return repo.fact(DEPENDENCY_BOTS);
}
