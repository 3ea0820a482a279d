/** What the fleet commands share: integer flags checked, the history store opened from --db. */
import { defaultDbPath } from '../store/paths.js';
import type { HistoryStore } from '../store/types.js';
import { UsageError } from './errors.js';

export function positiveInt(v: string | undefined, name: string, min = 1, max = 1_000_000): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`${name} must be an integer between ${min} and ${max}, got '${v}'`);
  return Number(v);
}

/** Opens the store from --db or the default file, saying where a new default database was created. */
export async function openStore(db: string | undefined, opts: { readonly?: boolean; quiet?: boolean } = {}): Promise<HistoryStore> {
  const file = db ?? defaultDbPath();
  const { openHistoryStore } = await import('../store/open-store.js');
  return openHistoryStore(file, {
    readonly: opts.readonly,
    onCreate: (f) => { if (!opts.quiet || !db) process.stderr.write(`goready: created database ${f}${db ? '' : ' (default; --db FILE to use another)'}\n`); },
  });
}

