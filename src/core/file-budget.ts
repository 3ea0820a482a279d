/**
 * The per-file time budget (`--file-timeout`): Go analysis checks it between rule calls, and
 * the readers of other repository content (YAML, Makefiles, Dockerfiles) poll it in their loops.
 * A file over its budget is reported as a `file-timeout` diagnostic and the audit goes on; no
 * partial result is kept (it would depend on the machine's speed).
 */

export const DEFAULT_FILE_BUDGET_MS = 10_000;

/** Thrown by `FileBudget.check` once the budget is spent; readers catch it at the file level. */
export class FileBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`over the per-file budget of ${budgetMs / 1000} s`);
  }
}

/** A clock for one file's work; `check()` is cheap (reads the clock every 256 calls). */
export class FileBudget {
  private readonly end: number;
  private calls = 0;
  private spentAt: number | undefined;

  constructor(readonly budgetMs: number = DEFAULT_FILE_BUDGET_MS) {
    this.end = performance.now() + budgetMs;
  }

  /** Whether the budget is spent. */
  spent(): boolean {
    if (this.spentAt !== undefined) return true;
    if ((++this.calls & 255) !== 0) return false;
    if (performance.now() <= this.end) return false;
    this.spentAt = this.calls;
    return true;
  }

  /** Throws `FileBudgetExceeded` once the budget is spent. */
  check(): void {
    if (this.spent()) throw new FileBudgetExceeded(this.budgetMs);
  }
}

/** The diagnostic message of a non-Go file whose reading went over its budget. */
export function fileBudgetMessage(what: string, budgetMs: number): string {
  return `reading this ${what} exceeded the per-file budget of ${budgetMs / 1000} s (--file-timeout): nothing from it is used`;
}
