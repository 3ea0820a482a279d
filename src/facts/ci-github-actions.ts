/**
 * GitHub Actions reader (also Gitea and Forgejo workflows, same format): each workflow's jobs and
 * steps, `run:` scripts analysed once per matrix value they refer to, every `uses:` recorded, and
 * the composite actions of the repository (under `.github/actions/` or used as `./path`) read the
 * same way. Reusable workflows of other repositories are recorded as not followed. The `with:`
 * inputs of an action step or a reusable-workflow job that hold a shell command (`command: make
 * cover` for a retry action, `test-command: make test` for a shared workflow) are analysed as
 * commands the job runs.
 */
import path from 'node:path';
import { isMap, isScalar } from './yaml-lib.js';
import { type ScriptLine, toolOfAction } from './ci-shell.js';
import { type ActionRef, type CiCollector, cleanDir } from './ci-collector.js';
import { type YamlDoc, type YamlFile, child, deref, entries, items, lineOf, scalarMap, scriptLines, str } from './yaml-doc.js';

export function parseUses(uses: string, ownRepo?: string, ownOwners: readonly string[] = []): Omit<ActionRef, 'file' | 'line' | 'job' | 'uses'> {
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
    // ownOwners holds ownRepo's owner too (ownerNames of every module path)
    sameOwner: ownOwners.includes(owner) || (ownRepo !== undefined && owner === ownRepo.split('/')[0]!.toLowerCase()),
  };
}

/** Reads the GitHub Actions files of the repository: every workflow first, then the composite actions not yet read through a `uses:`. */
export function readGithubActions(c: CiCollector, files: string[]): void {
  const reader = new GithubActionsReader(c);
  for (const f of files) if (/^\.[^/]+\/workflows\//.test(f)) reader.workflow(f);
  for (const f of files) if (!/^\.[^/]+\/workflows\//.test(f)) reader.compositeAction(f);
}

class GithubActionsReader {
  private readonly actionFiles = new Set<string>();

  constructor(private readonly c: CiCollector) {}

  workflow(file: string): void {
    const y = this.c.load(file, 'github-actions');
    if (!y) return;
    for (const doc of y.docs) {
      const root = doc.doc.contents;
      if (!isMap(root)) {
        if (root !== null && !(isScalar(root) && (root.value === null || root.value === ''))) this.c.diag('warning', 'ci-unexpected-shape', file, 'workflow is not a mapping; skipped', lineOf(y, root));
        continue;
      }
      const wfEnv = scalarMap(doc, child(doc, root, 'env'));
      const wfWd = str(doc, child(doc, child(doc, child(doc, root, 'defaults'), 'run'), 'working-directory'));
      const jobs = child(doc, root, 'jobs');
      if (!isMap(jobs)) {
        this.c.diag('warning', 'ci-unexpected-shape', file, 'workflow has no jobs mapping; skipped', lineOf(y, root));
        continue;
      }
      for (const j of entries(doc, jobs)) {
        const job = j.value;
        if (!isMap(job)) continue;
        y.cfg.jobs!++;
        const usesNode = child(doc, job, 'uses');
        const uses = str(doc, usesNode);
        const env = { ...wfEnv, ...scalarMap(doc, child(doc, job, 'env')) };
        const wd = str(doc, child(doc, child(doc, child(doc, job, 'defaults'), 'run'), 'working-directory')) ?? wfWd;
        const matrix = matrixValues(doc, child(doc, child(doc, job, 'strategy'), 'matrix'));
        if (uses !== undefined) {
          // a reusable-workflow job: its `with:` inputs are the called workflow's inputs
          this.uses(file, j.key, uses, lineOf(y, usesNode));
          this.commandInputs(doc, file, j.key, uses, child(doc, job, 'with'), wfEnv, matrix);
        }
        this.steps(y, doc, file, j.key, child(doc, job, 'steps'), env, wd, matrix);
      }
    }
  }

  compositeAction(file: string): void {
    if (this.actionFiles.has(file)) return;
    this.actionFiles.add(file);
    const y = this.c.load(file, 'github-actions');
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
      if (uses !== undefined) {
        const inputs = scalarMap(doc, child(doc, step, 'with'));
        this.uses(file, job, uses, lineOf(y, usesNode), Object.keys(inputs).length ? inputs : undefined);
        this.commandInputs(doc, file, job, uses, child(doc, step, 'with'), { ...env, ...scalarMap(doc, child(doc, step, 'env')) }, matrix);
        this.imageAction(file, job, uses, lineOf(y, usesNode), withEnv(inputs, { ...env, ...scalarMap(doc, child(doc, step, 'env')) }), cleanDir(wd), matrix);
      }
      const run = child(doc, step, 'run');
      if (run === undefined) continue;
      const stepEnv = { ...env, ...scalarMap(doc, child(doc, step, 'env')) };
      const cwd = cleanDir(str(doc, child(doc, step, 'working-directory')) ?? wd);
      // one analysis per matrix combination the script refers to (`make ${{ matrix.target }}` runs every target)
      for (const lines of expandMatrix(scriptLines(doc, run), matrix)) {
        this.c.hits('github-actions', file, job, this.c.analyzer.analyze(lines, { env: stepEnv, cwd }));
      }
    }
  }

  /**
   * The image a docker/build-push-action step builds (`file:`, else `<context>/Dockerfile`; without `context:` the
   * repository root) or the bake files and targets of a docker/bake-action step, once per matrix value they refer to.
   */
  private imageAction(file: string, job: string | undefined, uses: string, line: number, inputs: Record<string, string>, cwd: string, matrix: Matrix): void {
    // docker's actions, or an organisation's copy of them (`org/gh-actions/build-push-action@v1`, `org/build-push-action`):
    // the same inputs
    const action = /(?:^|\/)(build-push-action|bake-action)$/.exec(uses.trim().replace(/@.*$/, '').toLowerCase())?.[1];
    if (!action) return;
    const name = `docker/${action}`;
    const keys = ['file', 'context', 'files', 'targets', 'workdir', 'source'];
    const lines = keys.map((k, i) => ({ text: inputs[k] ?? '', line: i }));
    for (const v of expandMatrix(lines, matrix)) {
      const get = (k: string) => { const t = v[keys.indexOf(k)]!.text.trim(); return t === '' ? undefined : t; };
      const rel = (p: string, base = cwd): string | undefined => {
        const q = p.replace(/^\{\{\s*defaultContext\s*\}\}:?/, '').replace(/\$\{\{[^}]*\}\}|\$\{\w+\}|\$\w+/g, '*');
        if (/^(?:https?:\/\/|git@)/.test(q)) return undefined;
        if (q.startsWith('/') || q.startsWith('~')) return '*';
        const n = path.posix.normalize(base ? `${base}/${q}` : q);
        return n.startsWith('..') ? undefined : n === '.' ? '' : n.replace(/\/$/, '');
      };
      if (name === 'docker/build-push-action') {
        const ctxIn = get('context');
        const ctx = ctxIn === undefined ? '' : rel(ctxIn);
        if (ctx === undefined) continue;
        const f = get('file');
        const dockerfile = f !== undefined ? rel(f) : ctx ? `${ctx}/Dockerfile` : 'Dockerfile';
        if (dockerfile === undefined) continue;
        this.c.imageBuild({ system: 'github-actions', file, line, job, via: [], dockerfile, ...(f === undefined ? { context: ctx } : {}) });
      } else {
        const dir = rel(get('workdir') ?? '.') ?? '';
        const list = (t: string | undefined) => (t ?? '').split(/[\s,]+/).filter(Boolean);
        const files = list(get('files')).flatMap((x) => rel(x, dir) ?? []);
        this.c.imageBuild({ system: 'github-actions', file, line, job, via: [], bake: { files, dir, targets: list(get('targets')) } });
      }
    }
  }

  /**
   * Analyses the `with:` inputs of a `uses:` that hold a shell command the action or reusable workflow
   * runs, in the input's own `working-directory` when it has one (else the repository root).
   */
  private commandInputs(doc: YamlDoc, file: string, job: string | undefined, uses: string, withNode: unknown, env: Record<string, string>, matrix: Matrix): void {
    if (!isMap(deref(doc, withNode)) || NON_SHELL_INPUT_ACTION.test(uses.trim())) return;
    const inputs = entries(doc, withNode);
    const wd = inputs.find((e) => e.key === 'working-directory' || e.key === 'working_directory');
    const cwd = cleanDir(wd ? str(doc, wd.value) : undefined);
    for (const e of inputs) {
      if (!COMMAND_INPUT.test(e.key)) continue;
      for (const lines of expandMatrix(scriptLines(doc, e.value), matrix)) {
        this.c.hits('github-actions', file, job, this.c.analyzer.analyze(lines, { env, cwd }));
      }
    }
  }

  private uses(file: string, job: string | undefined, uses: string, line: number, inputs?: Record<string, string>): void {
    const p = parseUses(uses, this.c.facts.ownRepo, this.c.facts.ownOwners);
    this.c.facts.actions.push({ file, line, job, uses, ...p, ...(inputs ? { with: inputs } : {}) });
    const tool = toolOfAction(uses);
    if (tool) this.c.tool('github-actions', file, line, job, tool, uses);
    if (p.kind === 'local') {
      const dir = cleanDir(uses);
      if (/\.ya?ml$/.test(uses)) return; // a local reusable workflow: read with the other workflows
      for (const n of ['action.yml', 'action.yaml']) {
        const f = dir ? `${dir}/${n}` : n;
        if (this.c.repo.otherFiles.includes(f)) {
          this.compositeAction(f);
          break;
        }
      }
    } else if (p.kind === 'reusable-workflow') {
      const local = uses.replace(/@.*$/, '').split('/').slice(2).join('/');
      if (!(p.sameRepo && this.c.repo.otherFiles.includes(local))) this.c.partial(file, line, `reusable workflow ${uses} lives in another repository`);
    }
  }
}

/**
 * Action inputs with their `${{ env.NAME }}` references filled in from the workflow's, job's and step's `env:` (a
 * release job's `file: ${{ env.working-directory }}/Dockerfile.buildx` names one Dockerfile, not any folder's); a
 * reference to a variable set nowhere, or to one whose value is itself an expression, stays as written.
 */
function withEnv(inputs: Record<string, string>, env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(inputs)) {
    out[k] = v.replace(/\$\{\{\s*env\.([\w-]+)\s*\}\}/g, (ref: string, name: string) => {
      const value = env[name];
      return value === undefined || /\$\{\{/.test(value) ? ref : value;
    });
  }
  return out;
}

/**
 * `with:` input names that hold a shell command: `command`, `run`, `script`, `cmd` and names ending in
 * `-command`, `_command`, `-script`, `_script`, `-cmd` or `_cmd` (`test-command`, `pre_command`...).
 */
const COMMAND_INPUT = /^(?:command|commands|run|script|cmd|[\w-]*[-_](?:command|commands|script|cmd))$/i;
/** Actions whose script-named inputs are not shell (actions/github-script runs JavaScript). */
const NON_SHELL_INPUT_ACTION = /^actions\/github-script(?:@|$)/i;

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
