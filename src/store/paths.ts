/** Default locations (no database code here, so commands can name them without loading SQLite). */
import os from 'node:os';
import path from 'node:path';

/** The user's data directory for goready: $XDG_DATA_HOME/goready or ~/.local/share/goready. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'goready');
}

/** Where cloned repositories are kept: $XDG_CACHE_HOME/goready/repos or ~/.cache/goready/repos. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'goready', 'repos');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), 'goready.db');
}

