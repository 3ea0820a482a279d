/**
 * Fact providers: each repo-level fact (the parsed Dockerfiles, the CI configuration, the code
 * facts of the Go files...) is computed by one provider that declares what it reads (files of a
 * kind, the Go files' code facts, the go.mod modules, other providers) and what it provides (a
 * typed key). Rules declare the keys they `require`; the engine computes those providers, and the
 * ones they read, once each in dependency order (`ProviderRegistry.order`). The result cache keys
 * each provider's value by the content of exactly its declared inputs (`RepoFacts.inputsKey`), so
 * editing a Dockerfile leaves every provider that does not read Dockerfiles cached.
 */
import type { GivenEvidence, RepoFacts } from './repo-facts.js';

/** The typed name of a fact: `repo.fact(KEY)` returns a `T`. */
export interface FactKey<T> {
  readonly id: string;
  /** Never set: carries the value type. */
  readonly __type?: () => T;
}

export function factKey<T>(id: string): FactKey<T> {
  return { id };
}

/** What a provider reads. */
export type FactInput =
  /** Non-Go files (`RepoFacts.otherFiles`) whose path satisfies `match`; `kind` names them (for messages and tests). */
  | { kind: 'files'; name: string; match: (rel: string, base: string) => boolean }
  /** The Go files' summaries and code facts (`RepoFacts.goFiles`). */
  | { kind: 'go' }
  /** The go.mod modules (`RepoFacts.modules`). */
  | { kind: 'modules' }
  /** Another provider's value. */
  | { kind: 'fact'; key: FactKey<unknown> }
  /**
   * Evidence given to the audit from outside the repository (`RepoFacts.evidence[name]`: the
   * govulncheck stream, the built artifacts, the probe's target): files and directories by
   * content, anything else (a live service's URL) as different on every run.
   */
  | { kind: 'evidence'; name: string };

export const goFilesInput: FactInput = { kind: 'go' };
export const modulesInput: FactInput = { kind: 'modules' };
export function filesInput(name: string, match: (rel: string, base: string) => boolean): FactInput {
  return { kind: 'files', name, match };
}
export function evidenceInput(name: string): FactInput {
  return { kind: 'evidence', name };
}
export function factInput(key: FactKey<unknown>): FactInput {
  return { kind: 'fact', key };
}

interface ProviderBase<T> {
  provides: FactKey<T>;
  reads: readonly FactInput[];
  /**
   * The value is plain JSON data (no Map, Set or class instance) and may be stored in the result
   * cache. A value that turns out not to be plain is not stored.
   */
  cacheable: boolean;
}

export interface SyncFactProvider<T> extends ProviderBase<T> {
  /**
   * Computes the value from `repo`, reading only the declared inputs (what else it reads — a file a
   * kustomization names — is recorded and checked before a cached value is reused). Diagnostics go
   * to `repo.diagnostics`.
   */
  compute(repo: RepoFacts): T;
  computeAsync?: undefined;
}

/**
 * A provider that waits for its input (an image tarball streamed, a service sampled for a
 * duration): `RepoFacts.resolve` computes it — the engine resolves every fact the rules and the
 * evidence joins require before they run — and `RepoFacts.fact` then returns the value.
 */
export interface AsyncFactProvider<T> extends ProviderBase<T> {
  computeAsync(repo: RepoFacts): Promise<T>;
  compute?: undefined;
}

export type FactProvider<T> = SyncFactProvider<T> | AsyncFactProvider<T>;

export function defineProvider<T>(p: SyncFactProvider<T>): SyncFactProvider<T> {
  return p;
}

export function defineAsyncProvider<T>(p: AsyncFactProvider<T>): AsyncFactProvider<T> {
  return p;
}

/**
 * A provider whose value is every file of one kind, read and parsed (`RepoFacts.parseFiles`: an
 * unreadable file is a warning "<what> not read: <reason>").
 */
export function parsedFilesProvider<T>(provides: FactKey<T[]>, files: FactInput, what: string,
  parse: (repo: RepoFacts, rel: string, text: string) => T): SyncFactProvider<T[]> {
  return { provides, reads: [files], cacheable: true, compute: (repo) => repo.parseFiles(files, what, (rel, text) => parse(repo, rel, text)) };
}

/**
 * Evidence judged after the rules (built artifacts, a probe's runtime evidence): its providers
 * live in later stages (src/artifact, src/probe) and join the rules' registry for one audit; the
 * join that judges the findings with it declares what it requires, and the engine resolves that
 * with the rules' requirements — each computed once, by its provider, from its declared inputs.
 */
export interface EvidenceJoin {
  providers: readonly FactProvider<unknown>[];
  /** The facts the join reads once the engine is done (from the engine's `RepoFacts`). */
  requires: readonly FactKey<unknown>[];
  /** The evidence given to the audit, by input name (`artifact`, `probe`). */
  given: Record<string, GivenEvidence>;
}

/** Several joins' evidence as one (an audit with `--artifact` and `--probe`). */
export function combineEvidence(joins: readonly (EvidenceJoin | undefined)[]): EvidenceJoin | undefined {
  const all = joins.filter((j): j is EvidenceJoin => !!j);
  if (!all.length) return undefined;
  return { providers: all.flatMap((j) => j.providers), requires: all.flatMap((j) => j.requires), given: Object.assign({}, ...all.map((j) => j.given)) };
}

/** The keys a provider reads directly. */
export function factDeps(p: FactProvider<unknown>): string[] {
  return p.reads.flatMap((r) => (r.kind === 'fact' ? [r.key.id] : []));
}

export class ProviderRegistry {
  private readonly byId = new Map<string, FactProvider<unknown>>();

  constructor(providers: readonly FactProvider<unknown>[] = []) {
    for (const p of providers) this.register(p);
  }

  /** Adds a provider; rejects a second provider of the same key and any dependency cycle it would close. */
  register(p: FactProvider<unknown>): void {
    const id = p.provides.id;
    if (this.byId.has(id)) throw new Error(`fact provider ${id} registered twice`);
    this.byId.set(id, p);
    const cycle = this.cycleFrom(id);
    if (cycle) {
      this.byId.delete(id);
      throw new Error(`fact provider ${id} closes a dependency cycle: ${cycle.join(' → ')}`);
    }
  }

  private cycleFrom(start: string): string[] | undefined {
    const path: string[] = [];
    const done = new Set<string>();
    const visit = (id: string): string[] | undefined => {
      const at = path.indexOf(id);
      if (at >= 0) return [...path.slice(at), id];
      if (done.has(id)) return undefined;
      const p = this.byId.get(id);
      if (!p) return undefined; // not registered yet: checked when it is, and by `order`
      path.push(id);
      for (const d of factDeps(p)) {
        const c = visit(d);
        if (c) return c;
      }
      path.pop();
      done.add(id);
      return undefined;
    };
    return visit(start);
  }

  get<T>(key: FactKey<T>): FactProvider<T> {
    const p = this.byId.get(key.id);
    if (!p) throw new Error(`no fact provider for ${key.id}`);
    return p as FactProvider<T>;
  }

  has(key: FactKey<unknown>): boolean {
    return this.byId.has(key.id);
  }

  get all(): FactProvider<unknown>[] {
    return [...this.byId.values()];
  }

  /** The providers of `keys` and of every key they read, each once, a provider after what it reads. */
  order(keys: readonly FactKey<unknown>[]): FactProvider<unknown>[] {
    const out: FactProvider<unknown>[] = [];
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const p = this.get({ id });
      for (const d of factDeps(p)) visit(d);
      out.push(p);
    };
    for (const k of keys) visit(k.id);
    return out;
  }
}

/** Whether `v` survives a JSON round trip unchanged (plain objects, arrays, strings, finite numbers, booleans, null). */
export function isPlainJson(v: unknown, depth = 0): boolean {
  if (depth > 200) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => x !== undefined && isPlainJson(x, depth + 1));
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v as object).every((x) => x === undefined || isPlainJson(x, depth + 1));
}
