/** Stage 1: absolute paths become root-relative with forward slashes (findings, diagnostics, directives). */
import path from 'node:path';
import type { Stage } from './types.js';

export function relativePath(root: string, file: string): string {
  const rel = path.isAbsolute(file) ? path.relative(root, file) : file;
  return (rel || path.basename(file)).split(path.sep).join('/');
}

export const relativize: Stage = (s) => ({
  ...s,
  findings: s.findings.map((f) => ({
    ...f, file: relativePath(s.root, f.file),
    ...(f.related ? { related: f.related.map((r) => ({ ...r, file: relativePath(s.root, r.file) })) } : {}),
  })),
  diagnostics: s.diagnostics.map((d) => (d.file ? { ...d, file: relativePath(s.root, d.file) } : d)),
  directives: new Map([...s.directives].map(([k, v]) => [relativePath(s.root, k), v])),
});
