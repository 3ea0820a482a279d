/**
 * containerd configuration files shipped in a repository: the daemon's config.toml (schema versions 1–3) and the
 * registry host files (certs.d/<host>/hosts.toml). Parsed with a TOML library; a file that is not valid TOML
 * becomes a warning and is skipped. Key lines are found by a separate scan of the text (TOML parsers keep none).
 */
import type * as SmolToml from 'smol-toml';
import { lazyRequire } from '../core/lazy-require.js';
import type { RepoFacts } from './repo-facts.js';

const toml = lazyRequire<typeof SmolToml>('smol-toml');

/** Configs larger than this are not read (a real config.toml is a few KiB). */
export const MAX_CONTAINERD_CONFIG_BYTES = 256 * 1024;

export type TomlValue = string | number | boolean | bigint | Date | TomlValue[] | { [k: string]: TomlValue } | object;
export type TomlTable = { [k: string]: TomlValue };

export interface ContainerdConfigFile {
  file: string;
  kind: 'daemon' | 'hosts';
  data: TomlTable;
  /** 1-based line of the assignment of `key` in the table at `path` (dotted keys and inline tables approximated); 1 when unknown. */
  lineOf(path: string[], key: string): number;
}

export function isTable(v: unknown): v is TomlTable {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

/** Splits a TOML key (`plugins."io.containerd.grpc.v1.cri".registry`) into its segments, quotes removed. */
export function keySegments(key: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (const c of key.trim()) {
    if (quote) {
      if (c === quote) quote = '';
      else cur += c;
    } else if (c === '"' || c === '\'') quote = c;
    else if (c === '.') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out.filter((s, i, a) => s !== '' || a.length === 1);
}

/** Where each table header and each `key =` sits: enough to point a finding at its line. */
function lineLocator(text: string): (path: string[], key: string) => number {
  const lines = text.split('\n');
  const entries: { table: string[]; key: string[]; line: number }[] = [];
  let table: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    const header = /^\[\[?\s*(.+?)\s*\]\]?\s*(?:#.*)?$/.exec(l);
    if (header) {
      table = keySegments(header[1]!);
      entries.push({ table, key: [], line: i + 1 });
      continue;
    }
    const assign = /^((?:"[^"]*"|'[^']*'|[\w.\- ]+?)+)\s*=/.exec(l);
    if (assign) entries.push({ table, key: keySegments(assign[1]!), line: i + 1 });
  }
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((s, i) => s === b[i]);
  return (path, key) => {
    const full = [...path, key];
    for (const e of entries) if (same([...e.table, ...e.key], full)) return e.line;
    // the table's header, or an inline table assigned to a prefix of the path
    for (const e of entries) if (!e.key.length && same(e.table, path)) return e.line;
    for (let n = full.length - 1; n > 0; n--) {
      for (const e of entries) if (e.key.length && same([...e.table, ...e.key], full.slice(0, n))) return e.line;
    }
    return 1;
  };
}

/** Whether a parsed TOML document is a containerd daemon config: plugins of containerd or the CRI, or a [grpc] section with an address. */
function isDaemonConfig(d: TomlTable): boolean {
  const plugins = d.plugins;
  if (isTable(plugins) && Object.keys(plugins).some((k) => k === 'cri' || k.startsWith('io.containerd.'))) return true;
  const grpc = d.grpc;
  return isTable(grpc) && ('address' in grpc || 'tcp_address' in grpc) && ('root' in d || 'state' in d || 'version' in d);
}

/** Whether a parsed hosts.toml describes registry hosts (`server`, `[host."…"]`). */
function isHostsFile(d: TomlTable): boolean {
  return typeof d.server === 'string' || isTable(d.host);
}

/** containerd daemon configs and registry host files of the repository (memoised). */
export function containerdConfigs(repo: RepoFacts): ContainerdConfigFile[] {
  return repo.memo('containerd-configs', () => {
    const out: ContainerdConfigFile[] = [];
    for (const rel of repo.filesWhere((_rel, base) => base.endsWith('.toml'))) {
      const base = rel.slice(rel.lastIndexOf('/') + 1);
      const { text, error } = repo.readText(rel);
      if (text === undefined) {
        if (/containerd|^hosts\.toml$/.test(rel)) repo.diagnostics.push({ level: 'warning', code: 'unreadable-file', file: rel, message: `TOML file not read: ${error}` });
        continue;
      }
      // cheap gate before parsing: only files that can be containerd's
      const hosts = base === 'hosts.toml';
      if (!hosts && !/io\.containerd\.|\[plugins\.?\s*['"]?cri\b|\[grpc\]/.test(text)) continue;
      if (text.length > MAX_CONTAINERD_CONFIG_BYTES) {
        repo.diagnostics.push({ level: 'warning', code: 'file-too-large', file: rel, message: `containerd configuration not read: over ${MAX_CONTAINERD_CONFIG_BYTES / 1024} KiB` });
        continue;
      }
      let data: TomlTable;
      try {
        data = toml().parse(text, { unsafeKeyBehaviour: 'drop', maxDepth: 64 }) as TomlTable;
      } catch (e) {
        const where = e instanceof toml().TomlError ? e.line : undefined;
        repo.diagnostics.push({ level: 'warning', code: 'toml-parse-error', file: rel, line: where, message: `TOML file not parsed, containerd settings in it not checked: ${(e as Error).message.split('\n')[0]}` });
        continue;
      }
      const kind = isDaemonConfig(data) ? 'daemon' : hosts && isHostsFile(data) ? 'hosts' : undefined;
      if (!kind) continue;
      out.push({ file: rel, kind, data, lineOf: lineLocator(text) });
    }
    return out;
  });
}
