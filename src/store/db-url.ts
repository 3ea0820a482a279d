/**
 * Which engine a --db value names, and hiding passwords: a connection string is shown to people
 * (logs, errors, reports, progress) only through `redactSecrets`, which replaces the password of
 * every URL (`postgres://user:secret@host` → `postgres://user:***@host`) and of every
 * `password=…` pair in the text.
 */

/** A PostgreSQL connection URL (postgres:// or postgresql://), as opposed to a SQLite file path. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(db.trim());
}

/** The text with every password in it replaced by ***. */
export function redactSecrets(text: string): string {
  return text
    // up to the LAST @ of the URL: a password with an unencoded @ or / is hidden whole (over-hiding is harmless)
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^\s'"]*@/gi, '$1***@')
    .replace(/\b((?:PG)?password|passwd|pwd)(\s*[=:]\s*)('[^']*'|"[^"]*"|[^\s&;,]+)/gi, '$1$2***');
}
