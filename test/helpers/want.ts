/** Parses `// want "regexp" ...` annotations from Go testdata, as in Go's analysistest. */
import fs from 'node:fs';
import path from 'node:path';

export interface Want { file: string; line: number; re: RegExp; raw: string }

export function parseWants(file: string, text: string): Want[] {
  const out: Want[] = [];
  text.split('\n').forEach((line, i) => {
    const idx = line.indexOf('// want ');
    if (idx === -1) return;
    const rest = line.slice(idx + '// want '.length);
    const re = /"((?:[^"\\]|\\.)*)"|`([^`]*)`/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(rest))) {
      const raw = m[1] !== undefined ? m[1].replace(/\\"/g, '"').replace(/\\\\/g, '\\') : m[2]!;
      out.push({ file, line: i + 1, re: new RegExp(raw), raw });
    }
  });
  return out;
}

export function goFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...goFilesUnder(p));
    else if (e.name.endsWith('.go')) out.push(p);
  }
  return out;
}

export interface Mismatch { kind: 'missing' | 'unexpected'; file: string; line: number; text: string }

/** Matches findings (file abs, line, message) against wants; returns every mismatch. */
export function compareWants(wants: Want[], findings: { file: string; line: number; message: string }[]): Mismatch[] {
  const pending = [...wants];
  const problems: Mismatch[] = [];
  for (const f of findings) {
    const i = pending.findIndex((w) => w.file === f.file && w.line === f.line && w.re.test(f.message));
    if (i === -1) problems.push({ kind: 'unexpected', file: f.file, line: f.line, text: f.message });
    else pending.splice(i, 1);
  }
  for (const w of pending) problems.push({ kind: 'missing', file: w.file, line: w.line, text: w.raw });
  return problems;
}

/** Reads a repo-rule fixture's `want` file: "<relative file>:<line>: <regexp>" per line, # comments. */
export function parseWantFile(caseDir: string): Want[] {
  const p = path.join(caseDir, 'want');
  if (!fs.existsSync(p)) return [];
  const out: Want[] = [];
  for (const [i, raw] of fs.readFileSync(p, 'utf8').split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(.+?):(\d+):\s*(.*)$/.exec(line);
    if (!m) throw new Error(`${p}:${i + 1}: expected "<file>:<line>: <regexp>"`);
    out.push({ file: path.join(caseDir, m[1]!), line: Number(m[2]), re: new RegExp(m[3]!), raw: m[3]! });
  }
  return out;
}
