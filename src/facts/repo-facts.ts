/**
 * Repository facts shared by repo rules, computed once per audit and memoised: modules (go.mod),
 * the file list, safe text reads, and code facts gathered from the Go files. Fact modules for
 * Dockerfiles, manifests, CI… attach through `memo` so each is parsed once.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Diagnostic } from '../core/types.js';
import { ContainedReader } from '../core/safe-read.js';
import { DEFAULT_FILE_BUDGET_MS } from '../core/file-budget.js';
import type { FileCodeFacts } from './code-facts.js';
import type { CodeRole } from '../core/code-roles.js';

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
  /** The file's code role (src/core/code-roles.ts); absent means production. */
  role?: CodeRole;
}

export const MAX_TEXT_FACT_BYTES = 2 * 1024 * 1024;

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
}

interface Frame extends RepoDeps {
  /** `diagnostics.length` when the frame began: later pushes belong to it. */
  mark: number;
}

function newFrame(mark: number): Frame {
  return { go: false, root: false, opaque: false, files: new Map(), diagnostics: [], mark };
}

export class RepoFacts {
  private readonly cache = new Map<string, unknown>();
  private readonly texts = new Map<string, { text?: string; error?: string }>();
  private readonly digests = new Map<string, string>();
  private readonly memoDeps = new Map<string, RepoDeps>();
  private readonly frames: Frame[] = [];
  private goDigest: string | undefined;
  readonly diagnostics: Diagnostic[] = [];
  /** Per-file time budget of the fact readers (ms; `--file-timeout`, set by the engine). */
  fileBudgetMs = DEFAULT_FILE_BUDGET_MS;

  constructor(
    private readonly rootDir: string,
    readonly modules: RepoModule[],
    /** Every non-Go file the walker kept (relative, forward slashes). */
    readonly otherFiles: string[],
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
    this.goDigest ??= createHash('sha256').update(JSON.stringify(this.goFileList)).digest('hex');
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
    const deps: RepoDeps = { go: f.go, root: f.root, opaque: f.opaque, files: f.files, diagnostics: [...f.diagnostics, ...this.diagnostics.slice(f.mark)] };
    const parent = this.frames[this.frames.length - 1];
    if (parent) {
      parent.go ||= f.go;
      parent.root ||= f.root;
      parent.opaque ||= f.opaque;
      for (const [k, v] of f.files) parent.files.set(k, v);
      parent.diagnostics.push(...f.diagnostics); // pushes to `diagnostics` are already in the parent's slice
    }
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
        f.go ||= deps.go;
        f.root ||= deps.root;
        f.opaque ||= deps.opaque;
        for (const [k, v] of deps.files) f.files.set(k, v);
        f.diagnostics.push(...deps.diagnostics);
      } else if (f && !deps) {
        f.opaque = true;
      }
    }
    return this.cache.get(key) as T;
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
   * Every non-Go file matching `pred`, read and parsed once (memoised under `key`); a file that
   * cannot be read becomes a warning "<what> not read: <reason>" and is skipped.
   */
  parseFiles<T>(key: string, what: string, pred: (rel: string, base: string) => boolean, parse: (rel: string, text: string) => T): T[] {
    return this.memo(key, () =>
      this.filesWhere(pred).flatMap((rel) => {
        const { text, error } = this.readText(rel);
        if (text === undefined) {
          this.diagnostics.push({ level: 'warning', code: 'unreadable-file', file: rel, message: `${what} not read: ${error}` });
          return [];
        }
        return [parse(rel, text)];
      }),
    );
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
    return this.memo('code:handlers', () => this.goFiles.filter((f) => !f.isTest).flatMap((f) => (f.code?.handlers ?? []).map((h) => ({ file: f.rel, ...h }))));
  }

  /** Listen addresses (":8080", "0.0.0.0:9090") found in non-test code. */
  listenAddresses(): { file: string; addr: string; line: number; via: string }[] {
    return this.memo('code:listens', () => this.goFiles.filter((f) => !f.isTest).flatMap((f) => (f.code?.listens ?? []).map((l) => ({ file: f.rel, ...l }))));
  }

  /** Directories holding a package main (non-test files). */
  mainPackageDirs(): string[] {
    return this.memo('code:mains', () => [...new Set(this.goFiles.filter((f) => f.packageName === 'main' && !f.isTest).map((f) => path.posix.dirname(f.rel)))].sort());
  }

  /** Directories holding a package main that ships (code role production: not examples, tools, hack, test support, docs). */
  shippedMainPackageDirs(): string[] {
    return this.memo('code:shipped-mains', () => [...new Set(this.goFiles
      .filter((f) => f.packageName === 'main' && !f.isTest && (f.role ?? 'production') === 'production')
      .map((f) => path.posix.dirname(f.rel)))].sort());
  }
}
