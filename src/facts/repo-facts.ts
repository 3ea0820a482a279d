/**
 * Repository facts shared by repo rules, computed once per audit and memoised: modules (go.mod),
 * the file list, safe text reads, and code facts gathered from the Go files. Fact modules for
 * Dockerfiles, manifests, CI… attach through `memo` so each is parsed once.
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Diagnostic } from '../core/types.js';
import { ContainedReader } from '../core/safe-read.js';
import { DEFAULT_FILE_BUDGET_MS } from '../core/file-budget.js';
import { codeFactsDigest, type FileCodeFacts } from './code-facts.js';
import { dirRole, pathRole, repositoryLayout, type CodeRole, type RepositoryLayout, type RoleResult, type RoleSignal } from '../core/code-roles.js';
import { isPlainJson, type AsyncFactProvider, type FactInput, type FactKey, type FactProvider, type ProviderRegistry } from './fact-provider.js';
import { evidenceSourceKey } from './evidence-digest.js';
import { HANDLER_PATHS, LISTEN_ADDRESSES, MAIN_PACKAGE_DIRS, SHIPPED_MAIN_PACKAGE_DIRS } from './code-summaries.js';
import { FACT_PROVIDERS } from './fact-providers.js';

/** A Go module of the audited repository: one go.mod, as the engine read it (the one module type). */
export interface RepoModule {
  /** Directory relative to the root ('' for the root). */
  dir: string;
  path?: string;
  go?: string;
  toolchain?: string;
  mod: import('../go/gomod.js').GoMod;
  hasGoSum: boolean;
}

export interface RepoGoFile {
  rel: string;
  lines: number;
  isTest: boolean;
  generated: boolean;
  packageName?: string;
  module?: string;
  code?: FileCodeFacts;
  /**
   * `codeFactsDigest(code)` when already known (null: no code facts), so that digesting the Go
   * files' facts need not read them (the engine sets it for results from the result cache).
   */
  codeDigest?: string | null;
  /** The file's code role (src/core/code-roles.ts); absent means production. */
  role?: CodeRole;
  /**
   * The signal that decided the file's own role when the analysis read it (`build-constraint`: a `//go:build` needing a
   * non-release tag such as ignore, tools or e2e, so no normal build compiles the file), computed once with the role;
   * absent when the file was not read (skipped: too large, not decodable).
   */
  roleSignal?: RoleSignal;
  /** The reason of that role (`//go:build ignore`, `directory hack/`). */
  roleReason?: string;
}

export const MAX_TEXT_FACT_BYTES = 2 * 1024 * 1024;
/** The byte cap on an evidence file given to the audit that is read whole (govulncheck -json output). */
export const MAX_EVIDENCE_BYTES = 256 * 1024 * 1024;

/**
 * What a piece of repo-level work read (see `RepoFacts.track`): the result cache keys the work's
 * output by these inputs and reuses it only while every one of them is unchanged.
 */
export interface RepoDeps {
  /** The Go files' summaries and code facts were read. */
  go: boolean;
  /** The absolute root path was read (the output may name it). */
  root: boolean;
  /** Files read with `readText`, with a digest of what was read. */
  files: Map<string, string>;
  /** Diagnostics the work added to `diagnostics` (directly or through memoised facts it used). */
  diagnostics: Diagnostic[];
  /** It used a fact computed outside tracked work: what that read is unknown, so the output must not be reused. */
  opaque: boolean;
  /** It listed the non-Go files (`otherFiles`, `filesWhere`): adding or removing one may change it. */
  list?: boolean;
  /** It read the go.mod modules. */
  modules?: boolean;
  /** It asked a path's role (`pathRole`): the repository's layout (module copies, archived release copies) decided it. */
  layout?: boolean;
  /** The facts (provider ids) it read, directly or through memoised work: a rule replaying that work reads them too. */
  facts?: Set<string>;
  /**
   * It read evidence given to the audit (through a provider of an `evidence` input): a provider
   * that reads such a provider is keyed by the evidence too, work keyed otherwise (a repo step) is
   * not reusable.
   */
  evidence?: boolean;
}

/**
 * Evidence given to the audit from outside the repository: files, directories or a service's URL
 * (`sources`), and the settings that shape what is read from them (a probe's duration). A plain
 * string is one source.
 */
export type GivenEvidence = string | { sources: readonly string[]; settings?: Record<string, string | number> };

interface Frame extends RepoDeps {
  /** `diagnostics.length` when the frame began: later pushes belong to it. */
  mark: number;
  facts: Set<string>;
  /**
   * The diagnostics in `diagnostics`: each is kept once, however often the work reads what caused it (a rule reading
   * a fact for each of its workloads merged the fact's diagnostics as many times: ~43,000 copies of 46 diagnostics
   * in an audit of a repository of every rule's testdata, each step's list stored in the cache, dropped as
   * duplicates by the engine).
   */
  seen: Set<Diagnostic>;
}

/** A provider's value as the result cache keeps it (see `FactStore`). */
export interface StoredFact {
  value: unknown;
  /** The value was `undefined` (stored as null). */
  undefined?: boolean;
  /** Digest of the Go files' facts when it read them outside its declared inputs, else null. */
  go: string | null;
  root: string | null;
  /** Digests of the non-Go file list and of the modules when it read them, else null. */
  list: string | null;
  modules: string | null;
  /** Digest of the repository's layout (RepoFacts.layout) when it asked a path's role, else null. */
  layout: string | null;
  /** Every file it read, with the digest of what was read. */
  files: [string, string][];
  diagnostics: Diagnostic[];
}

/** Where provider values are kept between runs, by provider id and the key of its declared inputs (the engine's result cache). */
export interface FactStore {
  load(id: string, inputsKey: string): StoredFact | undefined;
  save(id: string, inputsKey: string, fact: StoredFact): void;
}

function newFrame(mark: number): Frame {
  return { go: false, root: false, opaque: false, list: false, modules: false, layout: false, files: new Map(), diagnostics: [], facts: new Set(), mark, seen: new Set() };
}

/** The facts a provider reads. */
function factReads(p: FactProvider<unknown>): FactKey<unknown>[] {
  return p.reads.flatMap((r) => (r.kind === 'fact' ? [r.key] : []));
}

export class RepoFacts {
  private readonly cache = new Map<string, unknown>();
  private readonly texts = new Map<string, { text?: string; error?: string }>();
  private readonly digests = new Map<string, string>();
  private readonly memoDeps = new Map<string, RepoDeps>();
  private readonly factValues = new Map<string, { value: unknown; deps: RepoDeps }>();
  /** Asynchronous providers whose computation failed: `fact` rethrows the failure. */
  private readonly factFailures = new Map<string, unknown>();
  /** Makes the key of live evidence (a service's URL) unique to this run. */
  private readonly liveNonce = randomUUID();
  private readonly inputKeys = new Map<string, string>();
  private modulesDigestValue: string | undefined;
  private layoutValue: RepositoryLayout | undefined;
  private layoutDigestValue: string | undefined;
  private listDigestValue: string | undefined;
  /** Providers computed in this run (ids, in order), and those whose value came from the fact store. */
  readonly factsComputed: string[] = [];
  readonly factsReused: string[] = [];
  /** Facts read without being declared ("rule X reads Y", "provider X reads Y"): rules `require`, providers `read` what they use. */
  readonly undeclared = new Set<string>();
  private readonly scopes: { who: string; allowed: Set<string> }[] = [];
  /** The providers `fact` resolves keys with: those of src/facts/ by default, the engine sets its registry. */
  providers: ProviderRegistry = FACT_PROVIDERS;
  /** Evidence given to the audit, by name (`govulncheck`: `--evidence`; `artifact`: `--artifact`; `probe`: `--probe`). */
  evidence: Record<string, GivenEvidence | undefined> = {};
  /** Keeps provider values between runs (set by the engine when it has a result cache). */
  factStore: FactStore | undefined;
  private readonly frames: Frame[] = [];
  private goDigest: string | undefined;
  readonly diagnostics: Diagnostic[] = [];
  /** Per-file time budget of the fact readers (ms; `--file-timeout`, set by the engine). */
  fileBudgetMs = DEFAULT_FILE_BUDGET_MS;

  constructor(
    private readonly rootDir: string,
    private readonly moduleList: RepoModule[],
    /** Every non-Go file the walker kept (relative, forward slashes). */
    private readonly otherFileList: string[],
    private readonly goFileList: RepoGoFile[],
    /** Every read goes through it: links leaving the root, special files and oversized files are refused. */
    readonly reader: ContainedReader = new ContainedReader(rootDir),
  ) {}

  /** The audited root (absolute). Reading it makes tracked work depend on the checkout's location. */
  get root(): string {
    const f = this.frames[this.frames.length - 1];
    if (f) f.root = true;
    return this.rootDir;
  }

  /** The go.mod modules. */
  get modules(): RepoModule[] {
    const f = this.frames[this.frames.length - 1];
    if (f) f.modules = true;
    return this.moduleList;
  }

  /** Every non-Go file the walker kept (relative, forward slashes). Listing them makes tracked work depend on the list. */
  get otherFiles(): string[] {
    const f = this.frames[this.frames.length - 1];
    if (f) f.list = true;
    return this.otherFileList;
  }

  /**
   * What the repository as a whole says about its paths' roles (src/core/code-roles.ts RepositoryLayout): the folders
   * holding another project's module (go.mod replace) and the archived release copies (charts/v1.1.0/ beside
   * charts/latest/). Reading it makes tracked work depend on it (not on the whole file list).
   */
  get layout(): RepositoryLayout {
    const f = this.frames[this.frames.length - 1];
    if (f) f.layout = true;
    return this.layoutUntracked;
  }

  private get layoutUntracked(): RepositoryLayout {
    this.layoutValue ??= repositoryLayout(this.moduleList.map((m) => ({ dir: m.dir, path: m.path, replace: m.mod.replace })), this.otherFileList);
    return this.layoutValue;
  }

  /**
   * The role of a repository file by its path and the repository's layout: the one answer every fact and rule (and the
   * engine, for findings in non-Go files) takes for a path. A Go file's own role (package name, build constraint) is
   * on its RepoGoFile.
   */
  pathRole(rel: string): RoleResult {
    return pathRole(rel, this.layout);
  }

  /** `pathRole(rel).role`. */
  roleOf(rel: string): CodeRole {
    return this.pathRole(rel).role;
  }

  /** The role of a directory or Go package path (`./examples/x/...`, `hack/gen`): that of a file directly in it. */
  dirRole(dir: string): CodeRole {
    return dirRole(dir, this.layout);
  }

  /** Summaries and code facts of the walked Go files. */
  get goFiles(): RepoGoFile[] {
    const f = this.frames[this.frames.length - 1];
    if (f) f.go = true;
    return this.goFileList;
  }

  /** The root, without making tracked work depend on it (for whoever checks recorded inputs). */
  get rootUntracked(): string {
    return this.rootDir;
  }

  /** Digest of every Go file's summary and code facts, as `RepoDeps.go` depends on them. */
  goFactsDigest(): string {
    if (this.goDigest === undefined) {
      const h = createHash('sha256');
      for (const f of this.goFileList) {
        const code = f.codeDigest !== undefined ? f.codeDigest : f.code === undefined ? null : codeFactsDigest(f.code);
        h.update(JSON.stringify([f.rel, f.lines, f.isTest, f.generated, f.packageName ?? null, f.module ?? null, f.role ?? null, f.roleSignal ?? null, f.roleReason ?? null, code])).update('\n');
      }
      this.goDigest = h.digest('hex');
    }
    return this.goDigest;
  }

  /**
   * Runs `work` and returns what it read: Go file facts, the root path, files by content digest,
   * and the diagnostics it caused, including those of memoised facts computed earlier by other work.
   */
  track<T>(work: () => T): { value: T; deps: RepoDeps } {
    this.frames.push(newFrame(this.diagnostics.length));
    try {
      const value = work();
      return { value, deps: this.popFrame() };
    } catch (e) {
      this.popFrame();
      throw e;
    }
  }

  private popFrame(): RepoDeps {
    const f = this.frames.pop()!;
    const diagnostics = [...f.diagnostics];
    for (let i = f.mark; i < this.diagnostics.length; i++) {
      const d = this.diagnostics[i]!;
      if (!f.seen.has(d)) diagnostics.push(d);
    }
    const deps: RepoDeps = { go: f.go, root: f.root, opaque: f.opaque, list: f.list, modules: f.modules, layout: f.layout, files: f.files, facts: f.facts, evidence: f.evidence, diagnostics };
    // pushes to `diagnostics` are already in the parent's slice: only the frame's own list is merged
    this.mergeIntoFrame({ ...deps, diagnostics: f.diagnostics });
    return deps;
  }

  /** Digest of what `readText(rel)` returns (content or error), as recorded in `RepoDeps.files`. */
  textDigest(rel: string): string {
    let d = this.digests.get(rel);
    if (d === undefined) {
      const r = this.readUntracked(rel);
      d = r.text !== undefined ? createHash('sha256').update(r.text).digest('hex') : `error:${r.error ?? ''}`;
      this.digests.set(rel, d);
    }
    return d;
  }

  /** Memoises a derived fact under `key` (computed on first use); tracked work that uses it depends on what it read. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) {
      if (!this.frames.length) {
        this.cache.set(key, compute());
      } else {
        const { value, deps } = this.track(compute);
        this.cache.set(key, value);
        this.memoDeps.set(key, deps);
        return value;
      }
    } else {
      const deps = this.memoDeps.get(key);
      const f = this.frames[this.frames.length - 1];
      if (deps && f) {
        this.mergeIntoFrame(deps);
      } else if (f && !deps) {
        f.opaque = true;
      }
      // the memoised work read these facts when it ran for someone else: whoever uses it now reads them too
      for (const id of deps?.facts ?? []) this.checkDeclared(id);
    }
    return this.cache.get(key) as T;
  }

  /**
   * The value of the fact `key`, computed once by its provider (or taken from the fact store while
   * its declared inputs and everything else it read are unchanged). Tracked work that uses it
   * depends on what the provider read.
   */
  fact<T>(key: FactKey<T>): T {
    this.checkDeclared(key.id);
    this.frames[this.frames.length - 1]?.facts.add(key.id);
    let got = this.factValues.get(key.id);
    if (!got) {
      const p = this.providerOf(key);
      if (p.computeAsync) {
        if (this.factFailures.has(key.id)) throw this.factFailures.get(key.id);
        throw new Error(`fact ${key.id} is computed asynchronously: resolve it first (RepoFacts.resolve; the engine resolves every required fact before the rules run)`);
      }
      got = this.computeFact(key, p);
      this.factValues.set(key.id, got);
      // its own reads reached the frame as it ran; that it read evidence is known once it is done
      const f = this.frames[this.frames.length - 1];
      if (f && got.deps.evidence) f.evidence = true;
      return got.value as T;
    }
    this.mergeIntoFrame(got.deps);
    return got.value as T;
  }

  /**
   * Computes the fact `key` and the facts it reads, waiting for asynchronous providers (evidence
   * streamed or sampled), so that `fact(key)` returns the value. A failure is kept: `fact` rethrows
   * it. Runs alone: no other tracked work may run on this repository while it waits.
   */
  async resolve<T>(key: FactKey<T>): Promise<T> {
    if (this.factValues.has(key.id)) return this.fact(key);
    if (this.factFailures.has(key.id)) throw this.factFailures.get(key.id);
    const p = this.providerOf(key);
    for (const r of p.reads) if (r.kind === 'fact') await this.resolve(r.key);
    if (!p.computeAsync) return this.fact(key);
    try {
      this.factValues.set(key.id, await this.computeFactAsync(key, p));
    } catch (e) {
      this.factFailures.set(key.id, e);
      throw e;
    }
    return this.fact(key);
  }

  /** Whether a provider reads evidence given to the audit, directly or through the providers it reads. */
  private readsEvidence(p: FactProvider<unknown>): boolean {
    return p.reads.some((r) => r.kind === 'evidence' || (r.kind === 'fact' && this.readsEvidence(this.providerOf(r.key))));
  }

  private checkDeclared(id: string): void {
    const scope = this.scopes[this.scopes.length - 1];
    if (scope && !scope.allowed.has(id)) this.undeclared.add(`${scope.who} reads ${id}`);
  }

  /**
   * Runs `work` as `who` (a rule, a provider), which declared it requires `keys`: a fact it reads
   * that is neither one of them nor read by their providers is recorded in `undeclared`.
   */
  declaring<T>(who: string, keys: readonly FactKey<unknown>[], work: () => T): T {
    this.scopes.push({ who, allowed: new Set(this.providers.order(keys).map((p) => p.provides.id)) });
    try {
      return work();
    } finally {
      this.scopes.pop();
    }
  }

  /** `declaring` for work that waits (an asynchronous provider): runs alone, as `resolve` does. */
  private async declaringAsync<T>(who: string, keys: readonly FactKey<unknown>[], work: () => Promise<T>): Promise<T> {
    this.scopes.push({ who, allowed: new Set(this.providers.order(keys).map((p) => p.provides.id)) });
    try {
      return await work();
    } finally {
      this.scopes.pop();
    }
  }

  /** `track` for work that waits (an asynchronous provider): runs alone, as `resolve` does. */
  private async trackAsync<T>(work: () => Promise<T>): Promise<{ value: T; deps: RepoDeps }> {
    this.frames.push(newFrame(this.diagnostics.length));
    try {
      const value = await work();
      return { value, deps: this.popFrame() };
    } catch (e) {
      this.popFrame();
      throw e;
    }
  }

  /** Whether the fact `key` has been computed (or reused) in this run. */
  hasFact(key: FactKey<unknown>): boolean {
    return this.factValues.has(key.id);
  }

  private mergeIntoFrame(deps: RepoDeps): void {
    const f = this.frames[this.frames.length - 1];
    if (!f) return;
    f.go ||= deps.go;
    f.root ||= deps.root;
    f.opaque ||= deps.opaque;
    f.evidence ||= deps.evidence;
    f.list ||= deps.list;
    f.modules ||= deps.modules;
    f.layout ||= deps.layout;
    for (const [k, v] of deps.files) f.files.set(k, v);
    for (const id of deps.facts ?? []) f.facts.add(id);
    for (const d of deps.diagnostics) {
      if (f.seen.has(d)) continue;
      f.seen.add(d);
      f.diagnostics.push(d);
    }
  }

  private providerOf<T>(key: FactKey<T>): FactProvider<T> {
    return this.providers.get(key);
  }

  private computeFact(key: FactKey<unknown>, p: FactProvider<unknown>): { value: unknown; deps: RepoDeps } {
    const inputs = this.factStore && p.cacheable ? this.inputsKey(p) : '';
    const reused = this.reuseFact(key, inputs);
    if (reused) return reused;
    const { value, deps } = this.track(() => this.declaring(`provider ${key.id}`, factReads(p), () => p.compute!(this)));
    this.storeFact(key, p, inputs, value, deps);
    return { value, deps: { ...deps, evidence: deps.evidence || this.readsEvidence(p) } };
  }

  private async computeFactAsync(key: FactKey<unknown>, p: AsyncFactProvider<unknown>): Promise<{ value: unknown; deps: RepoDeps }> {
    const inputs = this.factStore && p.cacheable ? this.inputsKey(p) : '';
    const reused = this.reuseFact(key, inputs);
    if (reused) return reused;
    const { value, deps } = await this.trackAsync(() => this.declaringAsync(`provider ${key.id}`, factReads(p), () => p.computeAsync(this)));
    this.storeFact(key, p, inputs, value, deps);
    return { value, deps: { ...deps, evidence: deps.evidence || this.readsEvidence(p) } };
  }

  /** The value the fact store keeps for `key` under `inputs`, while everything else it read is unchanged. */
  private reuseFact(key: FactKey<unknown>, inputs: string): { value: unknown; deps: RepoDeps } | undefined {
    const stored = inputs ? this.factStore?.load(key.id, inputs) : undefined;
    if (!stored || !this.factHolds(stored)) return undefined;
    const deps: RepoDeps = {
      go: stored.go !== null, root: stored.root !== null, list: stored.list !== null, modules: stored.modules !== null, layout: stored.layout !== null,
      opaque: false, files: new Map(stored.files), diagnostics: stored.diagnostics, evidence: this.readsEvidence(this.providerOf(key)),
    };
    this.mergeIntoFrame({ ...deps, diagnostics: [] });
    this.diagnostics.push(...stored.diagnostics); // in the enclosing frame's slice, as when computed
    this.factsReused.push(key.id);
    return { value: stored.undefined ? undefined : stored.value, deps };
  }

  private storeFact(key: FactKey<unknown>, p: FactProvider<unknown>, inputs: string, value: unknown, deps: RepoDeps): void {
    this.factsComputed.push(key.id);
    if (this.factStore && p.cacheable && !deps.opaque && !deps.diagnostics.some((d) => d.code === 'file-timeout') && (value === undefined || isPlainJson(value))) {
      this.factStore.save(key.id, inputs, {
        value: value ?? null, ...(value === undefined ? { undefined: true } : {}), go: deps.go ? this.goFactsDigest() : null, root: deps.root ? this.rootDir : null,
        list: deps.list ? this.listDigest() : null, modules: deps.modules ? this.modulesDigest() : null, layout: deps.layout ? this.layoutDigest() : null, files: [...deps.files], diagnostics: deps.diagnostics,
      });
    }
  }

  private factHolds(s: StoredFact): boolean {
    if (s.go !== null && s.go !== this.goFactsDigest()) return false;
    if (s.root !== null && s.root !== this.rootDir) return false;
    if (s.list !== null && s.list !== this.listDigest()) return false;
    if (s.modules !== null && s.modules !== this.modulesDigest()) return false;
    if (s.layout !== null && s.layout !== this.layoutDigest()) return false;
    return s.files.every(([rel, digest]) => this.textDigest(rel) === digest);
  }

  /** The sources of the evidence `name` given to the audit (none when it is not given). */
  evidenceSources(name: string): readonly string[] {
    const e = this.evidence[name];
    return e === undefined ? [] : typeof e === 'string' ? [e] : e.sources;
  }

  /** The settings given with the evidence `name` (a probe's duration and interval). */
  evidenceSettings(name: string): Readonly<Record<string, string | number>> {
    const e = this.evidence[name];
    return (typeof e === 'object' && e.settings) || {};
  }

  /** The key of the evidence `name`: its settings and each source by content (src/facts/evidence-digest.ts); '' when none is given. */
  private evidenceDigest(name: string): string {
    const sources = this.evidenceSources(name);
    if (!sources.length) return '';
    return [JSON.stringify(this.evidenceSettings(name)), ...sources.map((s) => evidenceSourceKey(s, this.liveNonce))].join('\0');
  }

  private listDigest(): string {
    this.listDigestValue ??= createHash('sha256').update(JSON.stringify(this.otherFileList)).digest('hex');
    return this.listDigestValue;
  }

  private layoutDigest(): string {
    this.layoutDigestValue ??= createHash('sha256').update(JSON.stringify(this.layoutUntracked)).digest('hex');
    return this.layoutDigestValue;
  }

  private modulesDigest(): string {
    this.modulesDigestValue ??= createHash('sha256').update(JSON.stringify(this.moduleList)).digest('hex');
    return this.modulesDigestValue;
  }

  /**
   * The key of a provider's declared inputs: the content digest of every file of its kinds, of the
   * Go files' facts, of the modules, and the input keys of the providers it reads — nothing else.
   */
  inputsKey(p: FactProvider<unknown>): string {
    const id = p.provides.id;
    let k = this.inputKeys.get(id);
    if (k !== undefined) return k;
    const h = createHash('sha256').update(`${id}\0`);
    for (const r of p.reads) {
      if (r.kind === 'files') {
        h.update(`files:${r.name}\0`);
        for (const rel of this.otherFileList.filter((f) => r.match(f, f.slice(f.lastIndexOf('/') + 1)))) h.update(`${rel}\0${this.textDigest(rel)}\0`);
      } else if (r.kind === 'go') {
        h.update(`go\0${this.goFactsDigest()}\0`);
      } else if (r.kind === 'evidence') {
        h.update(`evidence:${r.name}\0${this.evidenceDigest(r.name)}\0`);
      } else if (r.kind === 'modules') {
        h.update(`modules\0${this.modulesDigest()}\0`);
      } else {
        h.update(`fact:${r.key.id}\0${this.inputsKey(this.providerOf(r.key))}\0`);
      }
    }
    k = h.digest('hex');
    this.inputKeys.set(id, k);
    return k;
  }

  /**
   * Reads a repository file as UTF-8 text; errors (missing, too large, binary, a special file, a
   * path or link leaving the root) are returned, never thrown. `rel` may come from repository
   * content (`../x` in a kustomization): it is read only if it resolves inside the root.
   */
  readText(rel: string): { text?: string; error?: string } {
    const f = this.frames[this.frames.length - 1];
    if (f) f.files.set(rel, this.textDigest(rel));
    return this.readUntracked(rel);
  }

  private readUntracked(rel: string): { text?: string; error?: string } {
    const hit = this.texts.get(rel);
    if (hit) return hit;
    let res: { text?: string; error?: string };
    const r = this.reader.read(path.join(this.rootDir, rel), { maxBytes: MAX_TEXT_FACT_BYTES });
    if (!r.ok) res = { error: r.message };
    else res = r.buf.subarray(0, 8000).includes(0) ? { error: 'binary content' } : { text: r.buf.toString('utf8') };
    this.texts.set(rel, res);
    return res;
  }

  /**
   * Every non-Go file of the declared input `files`, read and parsed (a provider's compute: the
   * provider is what computes it once); a file that cannot be read becomes a warning
   * "<what> not read: <reason>" and is skipped. Listing the input's files does not make the
   * provider depend on the whole file list: they are part of its inputs key.
   */
  parseFiles<T>(files: FactInput, what: string, parse: (rel: string, text: string) => T): T[] {
    return this.filesOf(files).flatMap((rel) => {
      const { text, error } = this.readText(rel);
      if (text === undefined) {
        this.diagnostics.push({ level: 'warning', code: 'unreadable-file', file: rel, message: `${what} not read: ${error}` });
        return [];
      }
      return [parse(rel, text)];
    });
  }

  /**
   * The non-Go files of the declared input `files` (a provider's compute). Listing them does not
   * make the provider depend on the whole file list: they are part of its inputs key.
   */
  filesOf(files: FactInput): string[] {
    if (files.kind !== 'files') throw new Error('filesOf lists a files input');
    return this.otherFileList.filter((f) => files.match(f, f.slice(f.lastIndexOf('/') + 1)));
  }

  /** Non-Go files whose relative path satisfies `pred`. */
  filesWhere(pred: (rel: string, base: string) => boolean): string[] {
    return this.otherFiles.filter((f) => pred(f, f.slice(f.lastIndexOf('/') + 1)));
  }

  /** Whether any non-generated Go file imports `importPath` (or a subpackage when `prefix`). */
  imports(importPath: string, prefix = false): boolean {
    return this.goFiles.some((f) => !f.generated && f.code?.imports.some((p) => p === importPath || (prefix && p.startsWith(`${importPath}/`))));
  }

  /** HTTP handler paths registered anywhere in non-test code. */
  handlerPaths(): { file: string; path: string; line: number }[] {
    return this.fact(HANDLER_PATHS);
  }

  /** Listen addresses (":8080", "0.0.0.0:9090") found in non-test code. */
  listenAddresses(): { file: string; addr: string; line: number; via: string }[] {
    return this.fact(LISTEN_ADDRESSES);
  }

  /** Directories holding a package main (non-test files). */
  mainPackageDirs(): string[] {
    return this.fact(MAIN_PACKAGE_DIRS);
  }

  /** Directories holding a package main that ships (code role production: not examples, tools, hack, test support, docs). */
  shippedMainPackageDirs(): string[] {
    return this.fact(SHIPPED_MAIN_PACKAGE_DIRS);
  }
}
