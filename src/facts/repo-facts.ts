/**
 * Repository facts shared by repo rules, computed once per audit and memoised: modules (go.mod),
 * the file list, safe text reads, and code facts gathered from the Go files. Fact modules for
 * Dockerfiles, manifests, CI… attach through `memo` so each is parsed once.
 */
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

export class RepoFacts {
  private readonly cache = new Map<string, unknown>();
  private readonly texts = new Map<string, { text?: string; error?: string }>();
  readonly diagnostics: Diagnostic[] = [];
  /** Per-file time budget of the fact readers (ms; `--file-timeout`, set by the engine). */
  fileBudgetMs = DEFAULT_FILE_BUDGET_MS;

  constructor(
    readonly root: string,
    readonly modules: RepoModule[],
    /** Every non-Go file the walker kept (relative, forward slashes). */
    readonly otherFiles: string[],
    readonly goFiles: RepoGoFile[],
    /** Every read goes through it: links leaving the root, special files and oversized files are refused. */
    readonly reader: ContainedReader = new ContainedReader(root),
  ) {}

  /** Memoises a derived fact under `key` (computed on first use). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  /**
   * Reads a repository file as UTF-8 text; errors (missing, too large, binary, a special file, a
   * path or link leaving the root) are returned, never thrown. `rel` may come from repository
   * content (`../x` in a kustomization): it is read only if it resolves inside the root.
   */
  readText(rel: string): { text?: string; error?: string } {
    const hit = this.texts.get(rel);
    if (hit) return hit;
    let res: { text?: string; error?: string };
    const r = this.reader.read(path.join(this.root, rel), { maxBytes: MAX_TEXT_FACT_BYTES });
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
