/**
 * CI configuration facts: which CI systems a repository configures, the Go tooling its jobs run
 * (directly, through `make` targets or repository scripts) at the exact CI line, and the
 * GitHub Actions it references (`uses:`, pinned or not).
 *
 * Parsed: GitHub Actions workflows (also Gitea/Forgejo ones, same format) and the composite
 * actions they use, GitLab CI (local includes, `extends`, `!reference`), CircleCI (jobs, same-file
 * commands), Drone. Other CI systems (Jenkins, Travis, Azure, Buildkite...) are detected, not read.
 * Anything not followed (remote includes, orbs, remote reusable workflows) is recorded in
 * `partial` so rules can tell "absent" from "not visible"; parse errors become diagnostics.
 */
import path from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import type { RepoFacts } from './repo-facts.js';
import { type CiTool, type ScriptLine, toolOfAction } from './ci-shell.js';
import { ScriptAnalyzer, type ToolHit } from './ci-scripts.js';
import { type YamlDoc, type YamlFile, child, deref, entries, items, lineOf, parseYaml, scalarMap, scriptLines, str } from './yaml-doc.js';

export type CiSystem = 'github-actions' | 'gitlab-ci' | 'circleci' | 'drone' | 'other';

export interface CiConfigFile {
  file: string;
  system: CiSystem;
  /** Human name for systems that are detected but not read (Jenkins, Travis...). */
  name?: string;
  /** Read and understood (false for unreadable/broken files and unread systems). */
  parsed: boolean;
  /** Jobs (pipelines for Drone) defined, for parsed files; 0 for composite actions. */
  jobs?: number;
}

export interface CiToolUse extends ToolHit {
  system: CiSystem;
  /** File holding the CI line (workflow, composite action, .gitlab-ci.yml...). */
  file: string;
  job?: string;
}

export interface ActionRef {
  file: string;
  line: number;
  job?: string;
  /** The `uses:` value as written. */
  uses: string;
  kind: 'action' | 'reusable-workflow' | 'docker' | 'local';
  /** owner/repo for remote actions and workflows. */
  repo?: string;
  ref?: string;
  /** Full 40-hex commit SHA (or a docker image digest). */
  pinned: boolean;
  /** actions/* or github/* */
  githubOwned: boolean;
  /** The repository itself (owner/repo taken from a github.com module path). */
  sameRepo: boolean;
  /** Another repository of the same owner (organisation) as this one: its maintainers control both. */
  sameOwner: boolean;
}

export interface CiFacts {
  configs: CiConfigFile[];
  tools: CiToolUse[];
  actions: ActionRef[];
  /** Parts of the CI that were not followed: the visible tooling may be incomplete. */
  partial: { file: string; line: number; reason: string }[];
  /** owner/repo of this repository when a module path names it (github.com/owner/repo/...). */
  ownRepo?: string;
}

const OTHER_CI: [RegExp, string][] = [
  [/^Jenkinsfile(\.[\w-]+)?$/, 'Jenkins'],
  [/^\.travis\.ya?ml$/, 'Travis CI'],
  [/^(\.)?azure-pipelines(\.[\w-]+)?\.ya?ml$/, 'Azure Pipelines'],
  [/^\.azure-pipelines\/.+\.ya?ml$/, 'Azure Pipelines'],
  [/^\.buildkite\/.+\.ya?ml$/, 'Buildkite'],
  [/^bitbucket-pipelines\.ya?ml$/, 'Bitbucket Pipelines'],
  [/^\.cirrus\.ya?ml$/, 'Cirrus CI'],
  [/^\.?appveyor\.ya?ml$/, 'AppVeyor'],
  [/^\.woodpecker(\.ya?ml|\/.+\.ya?ml)$/, 'Woodpecker'],
  [/^\.semaphore\/.+\.ya?ml$/, 'Semaphore'],
  [/^codefresh\.ya?ml$/, 'Codefresh'],
  [/^\.teamcity\/.+/, 'TeamCity'],
  [/^cloudbuild\.ya?ml$/, 'Google Cloud Build'],
  [/^\.tekton\/.+\.ya?ml$/, 'Tekton'],
];

const GITLAB_RESERVED = new Set(['image', 'services', 'stages', 'types', 'before_script', 'after_script', 'variables', 'cache', 'include', 'default', 'workflow', 'spec']);

export function parseUses(uses: string, ownRepo?: string): Omit<ActionRef, 'file' | 'line' | 'job' | 'uses'> {
  const u = uses.trim();
  if (u.startsWith('./') || u.startsWith('.\\') || u === '.') return { kind: 'local', pinned: true, githubOwned: false, sameRepo: true, sameOwner: true };
  if (u.startsWith('docker://')) return { kind: 'docker', pinned: /@sha256:[0-9a-f]{64}$/i.test(u), githubOwned: false, sameRepo: false, sameOwner: false };
  const at = u.lastIndexOf('@');
  const name = at === -1 ? u : u.slice(0, at);
  const ref = at === -1 ? undefined : u.slice(at + 1);
  const parts = name.split('/');
  const repo = parts.slice(0, 2).join('/');
  const owner = (parts[0] ?? '').toLowerCase();
  return {
    kind: /\/\.github\/workflows\//.test(name) ? 'reusable-workflow' : 'action',
    repo,
    ref,
    pinned: ref !== undefined && /^[0-9a-f]{40}$/i.test(ref),
    githubOwned: owner === 'actions' || owner === 'github',
    sameRepo: ownRepo !== undefined && repo.toLowerCase() === ownRepo.toLowerCase(),
    sameOwner: ownRepo !== undefined && owner === ownRepo.split('/')[0]!.toLowerCase(),
  };
}

class CiCollector {
  readonly facts: CiFacts = { configs: [], tools: [], actions: [], partial: [] };
  private readonly analyzer: ScriptAnalyzer;
  private readonly actionFiles = new Set<string>();

  constructor(private readonly repo: RepoFacts) {
    this.analyzer = new ScriptAnalyzer(repo);
    for (const m of [...repo.modules].sort((a, b) => a.dir.split('/').length - b.dir.split('/').length || a.dir.length - b.dir.length)) {
      const gh = /^github\.com\/([\w.-]+)\/([\w.-]+)/.exec(m.path ?? '');
      if (gh) {
        this.facts.ownRepo = `${gh[1]}/${gh[2]}`;
        break;
      }
    }
  }

  private diag(level: 'info' | 'warning', code: string, file: string, message: string, line?: number): void {
    this.repo.diagnostics.push({ level, code, file, line, message });
  }

  private partial(file: string, line: number, reason: string): void {
    if (this.facts.partial.some((p) => p.file === file && p.line === line && p.reason === reason)) return;
    this.facts.partial.push({ file, line, reason });
    this.diag('info', 'ci-not-followed', file, `CI: ${reason} (not followed; tooling it runs is not seen)`, line);
  }

  private load(file: string, system: CiSystem): (YamlFile & { cfg: CiConfigFile }) | undefined {
    const { text, error } = this.repo.readText(file);
    if (text === undefined) {
      this.diag('warning', 'ci-unreadable', file, `CI config not read: ${error}`);
      this.facts.configs.push({ file, system, parsed: false });
      return undefined;
    }
    const y = parseYaml(file, text, { strict: false, budgetMs: this.repo.fileBudgetMs });
    const bad = y.error ?? y.problems[0];
    if (bad) {
      this.diag('warning', 'ci-parse-error', file, `CI config is not valid YAML (${bad.message}); its jobs are not analysed`, bad.line);
      this.facts.configs.push({ file, system, parsed: false });
      return undefined;
    }
    const cfg: CiConfigFile = { file, system, parsed: true, jobs: 0 };
    this.facts.configs.push(cfg);
    return Object.assign(y, { cfg });
  }

  private hits(system: CiSystem, file: string, job: string | undefined, hits: ToolHit[]): void {
    for (const h of hits) {
      const dup = this.facts.tools.some((t) => t.file === file && t.line === h.line && t.job === job && t.tool === h.tool && t.text === h.text && t.via.join('>') === h.via.join('>'));
      if (!dup) this.facts.tools.push({ ...h, system, file, job });
    }
  }

  private tool(system: CiSystem, file: string, line: number, job: string | undefined, tool: CiTool, text: string): void {
    this.facts.tools.push({ tool, line, text, via: [], system, file, job });
  }

  run(): CiFacts {
    const files = this.repo.otherFiles;
    for (const f of files) {
      if (/^\.(github|gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/.test(f)) this.githubWorkflow(f);
    }
    for (const f of files) {
      if (/^\.github\/actions\/.+\/action\.ya?ml$/.test(f)) this.compositeAction(f);
    }
    if (files.includes('.gitlab-ci.yml')) this.gitlab('.gitlab-ci.yml');
    else if (files.includes('.gitlab-ci.yaml')) this.gitlab('.gitlab-ci.yaml');
    for (const f of ['.circleci/config.yml', '.circleci/config.yaml']) if (files.includes(f)) this.circleci(f);
    for (const f of ['.drone.yml', '.drone.yaml']) if (files.includes(f)) this.drone(f);
    for (const f of files) {
      const hit = OTHER_CI.find(([re]) => re.test(f));
      if (hit) this.facts.configs.push({ file: f, system: 'other', name: hit[1], parsed: false });
    }
    // Makefile includes the followed `make` targets could not resolve: tools may run there
    for (const n of this.analyzer.notFollowed) this.partial(n.file, n.line, n.reason);
    return this.facts;
  }

  // --- GitHub Actions -------------------------------------------------------------------------

  private githubWorkflow(file: string): void {
    const y = this.load(file, 'github-actions');
    if (!y) return;
    for (const doc of y.docs) {
      const root = doc.doc.contents;
      if (!isMap(root)) {
        if (root !== null && !(isScalar(root) && (root.value === null || root.value === ''))) this.diag('warning', 'ci-unexpected-shape', file, 'workflow is not a mapping; skipped', lineOf(y, root));
        continue;
      }
      const wfEnv = scalarMap(doc, child(doc, root, 'env'));
      const wfWd = str(doc, child(doc, child(doc, child(doc, root, 'defaults'), 'run'), 'working-directory'));
      const jobs = child(doc, root, 'jobs');
      if (!isMap(jobs)) {
        this.diag('warning', 'ci-unexpected-shape', file, 'workflow has no jobs mapping; skipped', lineOf(y, root));
        continue;
      }
      for (const j of entries(doc, jobs)) {
        const job = j.value;
        if (!isMap(job)) continue;
        y.cfg.jobs!++;
        const usesNode = child(doc, job, 'uses');
        const uses = str(doc, usesNode);
        if (uses !== undefined) this.uses(file, j.key, uses, lineOf(y, usesNode));
        const env = { ...wfEnv, ...scalarMap(doc, child(doc, job, 'env')) };
        const wd = str(doc, child(doc, child(doc, child(doc, job, 'defaults'), 'run'), 'working-directory')) ?? wfWd;
        this.steps(y, doc, file, j.key, child(doc, job, 'steps'), env, wd, matrixValues(doc, child(doc, child(doc, job, 'strategy'), 'matrix')));
      }
    }
  }

  private compositeAction(file: string): void {
    if (this.actionFiles.has(file)) return;
    this.actionFiles.add(file);
    const y = this.load(file, 'github-actions');
    if (!y) return;
    for (const doc of y.docs) {
      const runs = child(doc, doc.doc.contents, 'runs');
      if (str(doc, child(doc, runs, 'using')) !== 'composite') continue;
      this.steps(y, doc, file, undefined, child(doc, runs, 'steps'), {}, undefined);
    }
  }

  private steps(y: YamlFile, doc: YamlDoc, file: string, job: string | undefined, stepsNode: unknown, env: Record<string, string>, wd: string | undefined, matrix: Matrix = new Map()): void {
    for (const step of items(doc, stepsNode)) {
      if (!isMap(step)) continue;
      const usesNode = child(doc, step, 'uses');
      const uses = str(doc, usesNode);
      if (uses !== undefined) this.uses(file, job, uses, lineOf(y, usesNode));
      const run = child(doc, step, 'run');
      if (run === undefined) continue;
      const stepEnv = { ...env, ...scalarMap(doc, child(doc, step, 'env')) };
      const cwd = cleanDir(str(doc, child(doc, step, 'working-directory')) ?? wd);
      // one analysis per matrix combination the script refers to (`make ${{ matrix.target }}` runs every target)
      for (const lines of expandMatrix(scriptLines(doc, run), matrix)) {
        this.hits('github-actions', file, job, this.analyzer.analyze(lines, { env: stepEnv, cwd }));
      }
    }
  }

  private uses(file: string, job: string | undefined, uses: string, line: number): void {
    const p = parseUses(uses, this.facts.ownRepo);
    this.facts.actions.push({ file, line, job, uses, ...p });
    const tool = toolOfAction(uses);
    if (tool) this.tool('github-actions', file, line, job, tool, uses);
    if (p.kind === 'local') {
      const dir = cleanDir(uses);
      if (/\.ya?ml$/.test(uses)) return; // a local reusable workflow: read with the other workflows
      for (const n of ['action.yml', 'action.yaml']) {
        const f = dir ? `${dir}/${n}` : n;
        if (this.repo.otherFiles.includes(f)) {
          this.compositeAction(f);
          break;
        }
      }
    } else if (p.kind === 'reusable-workflow') {
      const local = uses.replace(/@.*$/, '').split('/').slice(2).join('/');
      if (!(p.sameRepo && this.repo.otherFiles.includes(local))) this.partial(file, line, `reusable workflow ${uses} lives in another repository`);
    }
  }

  // --- GitLab CI ------------------------------------------------------------------------------

  private gitlab(main: string): void {
    interface Def { y: YamlFile; doc: YamlDoc; node: unknown; line: number }
    const defs = new Map<string, Def>();
    const queue = [main];
    const seen = new Set<string>();
    while (queue.length && seen.size < 20) {
      const f = queue.shift()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const y = this.load(f, 'gitlab-ci');
      if (!y) continue;
      for (const doc of y.docs) {
        if (!isMap(doc.doc.contents)) continue;
        for (const e of entries(doc, doc.doc.contents)) {
          if (e.key === 'include') {
            queue.push(...this.gitlabIncludes(y, doc, e.value));
            continue;
          }
          if (GITLAB_RESERVED.has(e.key)) {
            if (!defs.has(`@${e.key}`)) defs.set(`@${e.key}`, { y, doc, node: e.value, line: lineOf(y, e.keyNode) });
            continue;
          }
          // the including file wins over included ones (it is read first)
          if (!defs.has(e.key)) defs.set(e.key, { y, doc, node: e.value, line: lineOf(y, e.keyNode) });
        }
      }
    }
    const globalVars = (() => {
      const d = defs.get('@variables');
      return d ? scalarMap(d.doc, d.node) : {};
    })();
    const resolveKey = (name: string, key: string, depth = 0): { def: Def; value: unknown } | undefined => {
      const d = defs.get(name);
      if (!d || depth > 10) return undefined;
      const own = child(d.doc, d.node, key);
      if (own !== undefined) return { def: d, value: own };
      const ext = child(d.doc, d.node, 'extends');
      const names = isSeq(ext) ? items(d.doc, ext).map((n) => str(d.doc, n)).filter((s): s is string => !!s) : [str(d.doc, ext)].filter((s): s is string => !!s);
      for (const n of [...names].reverse()) {
        if (!defs.has(n)) {
          this.partial(d.y.file, lineOf(d.y, ext), `extends: ${n} is not defined in the files read`);
          continue;
        }
        const r = resolveKey(n, key, depth + 1);
        if (r) return r;
      }
      return undefined;
    };
    const scriptOf = (def: Def, value: unknown, depth = 0): { y: YamlFile; lines: ScriptLine[] }[] => {
      const v = deref(def.doc, value);
      if (isScalar(v)) return [{ y: def.y, lines: scriptLines(def.doc, v) }];
      if (!isSeq(v) || depth > 5) return [];
      if (v.tag === '!reference') {
        const pathKeys = items(def.doc, v).map((n) => str(def.doc, n));
        if (pathKeys.length < 2 || pathKeys.some((k) => k === undefined)) return [];
        const target = defs.get(pathKeys[0]!);
        let node: unknown = target?.node;
        for (const k of pathKeys.slice(1)) node = node === undefined ? undefined : child(target!.doc, node, k!);
        if (!target || node === undefined) {
          this.partial(def.y.file, lineOf(def.y, v), `!reference [${pathKeys.join(', ')}] does not resolve in the files read`);
          return [];
        }
        return scriptOf(target, node, depth + 1);
      }
      return v.items.flatMap((it) => scriptOf(def, it, depth + 1));
    };
    const analyzeScripts = (job: string, keys: { def: Def; value: unknown }[], env: Record<string, string>): void => {
      for (const k of keys) {
        for (const part of scriptOf(k.def, k.value)) {
          this.hits('gitlab-ci', part.y.file, job, this.analyzer.analyze(part.lines, { env, cwd: '' }));
        }
      }
    };
    // default: / top-level before_script and after_script run around every job: analyse once
    const dflt = defs.get('@default');
    const around: { def: Def; value: unknown }[] = [];
    for (const k of ['before_script', 'after_script']) {
      const top = defs.get(`@${k}`);
      if (top) around.push({ def: top, value: top.node });
      const inDefault = dflt ? child(dflt.doc, dflt.node, k) : undefined;
      if (dflt && inDefault !== undefined) around.push({ def: dflt, value: inDefault });
    }
    analyzeScripts('default', around, globalVars);
    for (const [name, d] of defs) {
      if (name.startsWith('.') || name.startsWith('@') || !isMap(deref(d.doc, d.node))) continue;
      const cfg = this.facts.configs.find((c) => c.file === d.y.file);
      if (cfg) cfg.jobs = (cfg.jobs ?? 0) + 1;
      const vars = resolveKey(name, 'variables');
      const env = { ...globalVars, ...(vars ? scalarMap(vars.def.doc, vars.value) : {}) };
      const keys = ['before_script', 'script', 'after_script'].map((k) => resolveKey(name, k)).filter((x): x is { def: Def; value: unknown } => !!x);
      analyzeScripts(name, keys, env);
      const trig = child(d.doc, d.node, 'trigger');
      if (trig !== undefined) this.partial(d.y.file, lineOf(d.y, trig), `job ${name} triggers a child/downstream pipeline`);
    }
  }

  private gitlabIncludes(y: YamlFile, doc: YamlDoc, node: unknown): string[] {
    const out: string[] = [];
    const list = isSeq(deref(doc, node)) ? items(doc, node) : [deref(doc, node)];
    for (const inc of list) {
      if (inc === undefined) continue;
      const line = lineOf(y, inc);
      const s = str(doc, inc);
      if (s !== undefined) {
        if (/^https?:\/\//.test(s)) this.partial(y.file, line, `include of remote ${s}`);
        else this.localInclude(y, line, s, out);
        continue;
      }
      const local = str(doc, child(doc, inc, 'local'));
      const template = str(doc, child(doc, inc, 'template'));
      const project = str(doc, child(doc, inc, 'project'));
      const remote = str(doc, child(doc, inc, 'remote'));
      const component = str(doc, child(doc, inc, 'component'));
      if (local !== undefined) this.localInclude(y, line, local, out);
      else if (template !== undefined) {
        if (/Dependency-Scanning/i.test(template)) this.tool('gitlab-ci', y.file, line, 'include', 'gitlab-dependency-scanning', template);
        else this.partial(y.file, line, `include of GitLab template ${template}`);
      } else if (project !== undefined) this.partial(y.file, line, `include of ${project} (another project)`);
      else if (remote !== undefined) this.partial(y.file, line, `include of remote ${remote}`);
      else if (component !== undefined) {
        if (/dependency-scanning/i.test(component)) this.tool('gitlab-ci', y.file, line, 'include', 'gitlab-dependency-scanning', component);
        else this.partial(y.file, line, `include of CI/CD component ${component}`);
      } else this.partial(y.file, line, 'include entry of an unknown form');
    }
    return out;
  }

  private localInclude(y: YamlFile, line: number, p: string, out: string[]): void {
    const rel = path.posix.normalize(p.replace(/^\/+/, ''));
    if (p.includes('*') || p.includes('$')) this.partial(y.file, line, `include of ${p} (wildcard or variable)`);
    else if (!this.repo.otherFiles.includes(rel)) this.partial(y.file, line, `include of ${p} (file not found)`);
    else out.push(rel);
  }

  // --- CircleCI -------------------------------------------------------------------------------

  private circleci(file: string): void {
    const y = this.load(file, 'circleci');
    if (!y) return;
    for (const doc of y.docs) {
      const root = doc.doc.contents;
      if (!isMap(root)) continue;
      const commands = child(doc, root, 'commands');
      const jobs = child(doc, root, 'jobs');
      const followedCommands = new Set<string>();
      const reportedOrbs = new Set<string>();
      const walkSteps = (stepsNode: unknown, job: string, env: Record<string, string>, cwd: string, depth: number): void => {
        for (const step of items(doc, stepsNode)) {
          // a bare step name (`- checkout`, `- my-command`, `- orb/command`) is a step without parameters
          const stepEntries = isMap(step) ? entries(doc, step) : isScalar(step) ? [{ key: String(step.value), keyNode: step as unknown, value: undefined }] : [];
          for (const e of stepEntries) {
            if (e.key === 'run') {
              const v = e.value;
              const cmdNode = isMap(v) ? child(doc, v, 'command') : v;
              const stepEnv = isMap(v) ? { ...env, ...scalarMap(doc, child(doc, v, 'environment')) } : env;
              const wd = isMap(v) ? (str(doc, child(doc, v, 'working_directory')) ?? cwd) : cwd;
              this.hits('circleci', file, job, this.analyzer.analyze(scriptLines(doc, cmdNode), { env: stepEnv, cwd: cleanDir(wd) }));
            } else if (e.key.includes('/')) {
              if (!reportedOrbs.has(e.key)) {
                reportedOrbs.add(e.key);
                this.partial(file, lineOf(y, e.keyNode), `orb command ${e.key}`);
              }
            } else if (depth < 4 && commands && child(doc, commands, e.key) !== undefined) {
              const key = `${job}:${e.key}`;
              if (followedCommands.has(key)) continue;
              followedCommands.add(key);
              walkSteps(child(doc, child(doc, commands, e.key), 'steps'), job, env, cwd, depth + 1);
            }
          }
        }
      };
      for (const j of entries(doc, jobs)) {
        if (!isMap(j.value)) continue;
        y.cfg.jobs!++;
        const env = scalarMap(doc, child(doc, j.value, 'environment'));
        const cwd = str(doc, child(doc, j.value, 'working_directory')) ?? '';
        walkSteps(child(doc, j.value, 'steps'), j.key, env, cwd, 0);
      }
    }
  }

  // --- Drone ----------------------------------------------------------------------------------

  private drone(file: string): void {
    const y = this.load(file, 'drone');
    if (!y) return;
    for (const doc of y.docs) {
      const root = doc.doc.contents;
      if (!isMap(root)) continue;
      const kind = str(doc, child(doc, root, 'kind'));
      if (kind !== undefined && kind !== 'pipeline') continue;
      y.cfg.jobs!++;
      const steps = child(doc, root, 'steps');
      const legacy = child(doc, root, 'pipeline'); // Drone 0.8: pipeline: {name: {commands}}
      const list = steps !== undefined ? items(doc, steps) : entries(doc, legacy).map((e) => e.value).filter((v) => v !== undefined);
      const pipeline = str(doc, child(doc, root, 'name')) ?? 'default';
      for (const step of list) {
        if (!isMap(step)) continue;
        const env = scalarMap(doc, child(doc, step, 'environment'));
        const lines = items(doc, child(doc, step, 'commands')).flatMap((c) => scriptLines(doc, c));
        this.hits('drone', file, `${pipeline}/${str(doc, child(doc, step, 'name')) ?? '?'}`, this.analyzer.analyze(lines, { env, cwd: '' }));
      }
    }
  }
}

function cleanDir(d: string | undefined): string {
  if (!d || d.includes('$') || d.startsWith('~') || d.startsWith('/')) return '';
  const n = path.posix.normalize(d.replace(/\\/g, '/'));
  return n === '.' || n.startsWith('..') ? '' : n.replace(/\/$/, '');
}

/** A job's `strategy.matrix`: key → its scalar values (from the key's list and from `include` entries). */
type Matrix = Map<string, string[]>;

const MATRIX_REF = /\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}/g;
/** At most this many variants of one script are analysed; the rest stay unresolved words. */
const MAX_MATRIX_VARIANTS = 32;

function matrixValues(doc: YamlDoc, node: unknown): Matrix {
  const out: Matrix = new Map();
  const add = (k: string, v: unknown) => {
    const s = str(doc, v);
    if (s === undefined) return;
    const vs = out.get(k) ?? [];
    if (!vs.includes(s)) out.set(k, [...vs, s]);
  };
  if (!isMap(deref(doc, node))) return out;
  for (const e of entries(doc, node)) {
    if (e.key === 'exclude') continue;
    if (e.key === 'include') {
      for (const inc of items(doc, e.value)) if (isMap(deref(doc, inc))) for (const x of entries(doc, inc)) add(x.key, x.value);
      continue;
    }
    for (const v of items(doc, e.value)) add(e.key, v);
  }
  return out;
}

/**
 * The script once per combination of the matrix values it refers to, `${{ matrix.k }}` replaced; unchanged
 * (one variant) when it refers to none or to a key without scalar values.
 */
export function expandMatrix(lines: ScriptLine[], matrix: Matrix): ScriptLine[][] {
  const keys = [...new Set(lines.flatMap((l) => [...l.text.matchAll(MATRIX_REF)].map((m) => m[1]!)))].filter((k) => matrix.get(k)?.length);
  let variants: Record<string, string>[] = [{}];
  for (const k of keys) {
    const next = variants.flatMap((v) => matrix.get(k)!.map((x) => ({ ...v, [k]: x })));
    if (next.length > MAX_MATRIX_VARIANTS) break;
    variants = next;
  }
  if (variants.length === 1 && Object.keys(variants[0]!).length === 0) return [lines];
  return variants.map((v) =>
    lines.map((l) => ({ ...l, text: l.text.replace(MATRIX_REF, (m, k: string) => (Object.prototype.hasOwnProperty.call(v, k) ? v[k]! : m)) })));
}

/** CI facts of the repository (memoised). Diagnostics go to `repo.diagnostics`. */
export function ciFacts(repo: RepoFacts): CiFacts {
  return repo.memo('ci', () => new CiCollector(repo).run());
}

/** GitHub-style workflow files seen (parsed or not). */
export function hasGithubWorkflows(ci: CiFacts): boolean {
  return ci.configs.some((c) => c.system === 'github-actions');
}
