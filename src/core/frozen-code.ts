/**
 * Frozen code: files that are history, not code anyone maintains. A numbered database migration
 * (`db/migrations/20230202143713_change_path.go`, `migrations/0042_add_index.go`) runs once per database
 * and is never edited afterwards — rewriting it changes what an existing database went through. A
 * maintenance finding there (a context not passed on, a style of call) cannot be acted on; new
 * migrations are where the advice applies. Security rules still read these files.
 */
const MIGRATION_DIR = /^(?:migrations?|migrate|db[-_]?migrations?|schema[-_]?migrations?)$/i;
/** A version or timestamp first: 20230202143713_x.go, 0042_x.go, 42-x.go, v3_x.go, V3__x.go. */
const NUMBERED = /^(?:[vV]\d+|\d{2,})(?:[_.-]|$)/;

/** Whether `path` (repository-relative, forward slashes) is a numbered migration in a migrations folder. */
export function isFrozenMigration(path: string): boolean {
  const parts = path.split('/');
  const base = parts.pop() ?? '';
  return parts.some((d) => MIGRATION_DIR.test(d)) && NUMBERED.test(base);
}
