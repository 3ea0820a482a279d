/**
 * Decodes one Go file for analysis: reads it through the contained reader (size cap, links that
 * leave the root, special files), refuses binary content, decodes UTF-8 (lossily, with a
 * diagnostic, when invalid), counts lines, and reads the generated header and the package clause
 * by text. No parsing: analyze-file.ts decides what to parse from what this returns.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ContainedReader } from '../core/safe-read.js';
import type { Diagnostic } from '../core/types.js';

export interface DecodeRequest {
  /** The audited root: the file is read only if it resolves inside it. */
  root?: string;
  absPath: string;
  maxFileSize: number;
}

/** A file that was read and decoded. */
export interface DecodedFile {
  ok: true;
  source: string;
  /** The bytes were not valid UTF-8: decoded with replacement characters. */
  lossy: boolean;
  /** The bytes start with a UTF-8 byte-order mark (dropped from `source`). */
  bom: boolean;
  bytes: number;
  lines: number;
  /** SHA-256 of the bytes read (the result cache's key). */
  contentHash: string;
  generated: boolean;
  /** The package name by text (the parse may correct it). */
  packageName?: string;
  diagnostics: Diagnostic[];
}

/** A file that was not decoded, and why (`skipped` as AnalyzeResult reports it). */
export interface UndecodedFile {
  ok: false;
  skipped: 'file-too-large' | 'unreadable' | 'binary';
  bytes: number;
  contentHash?: string;
  diagnostics: Diagnostic[];
}

const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/m;
export const PACKAGE_CLAUSE = /^\s*package\s+([A-Za-z_][A-Za-z0-9_]*)/m;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lossy = new TextDecoder('utf-8', { fatal: false });

/** Whether the "Code generated ... DO NOT EDIT." header appears before the package clause. */
export function isGeneratedSource(source: string): boolean {
  const m = GENERATED.exec(source);
  if (!m) return false;
  const pkg = PACKAGE_CLAUSE.exec(source);
  return !pkg || m.index < pkg.index;
}

function countLines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return buf.length && buf[buf.length - 1] !== 10 ? n + 1 : n;
}

const readers = new Map<string, ContainedReader>();
function readerFor(root: string): ContainedReader {
  let r = readers.get(root);
  if (!r) readers.set(root, (r = new ContainedReader(root)));
  return r;
}

export function decodeFile(req: DecodeRequest): DecodedFile | UndecodedFile {
  const read = readerFor(req.root ?? path.dirname(req.absPath)).read(req.absPath, { maxBytes: req.maxFileSize });
  if (!read.ok) {
    if (read.reason === 'too-large') {
      return { ok: false, skipped: 'file-too-large', bytes: 0, diagnostics: [{ level: 'warning', code: 'file-too-large', file: req.absPath,
        message: `skipped: ${read.message} (--max-file-size ${(req.maxFileSize / 1048576).toFixed(1)} MiB)` }] };
    }
    return { ok: false, skipped: 'unreadable', bytes: 0, diagnostics: [{
      level: 'warning', code: read.reason === 'outside-root' ? 'link-outside-root' : read.reason === 'not-regular' ? 'special-file' : 'unreadable-file',
      file: req.absPath, message: `skipped: ${read.message}` }] };
  }
  const buf = read.buf;
  const contentHash = createHash('sha256').update(buf).digest('hex');
  const nul = buf.subarray(0, 8000).indexOf(0);
  if (nul !== -1) {
    return { ok: false, skipped: 'binary', bytes: buf.length, contentHash,
      diagnostics: [{ level: 'warning', code: 'binary-file', file: req.absPath, message: `skipped: binary content (NUL byte at offset ${nul})` }] };
  }
  const diagnostics: Diagnostic[] = [];
  let source: string;
  let lossy = false;
  try {
    source = utf8.decode(buf);
  } catch {
    source = utf8Lossy.decode(buf);
    lossy = true;
    diagnostics.push({ level: 'warning', code: 'invalid-utf8', file: req.absPath, message: 'invalid UTF-8: decoded with replacement characters; findings in this file have lowered confidence' });
  }
  return {
    ok: true, source, lossy, bom: buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf, bytes: buf.length, lines: countLines(buf), contentHash,
    generated: isGeneratedSource(source), packageName: PACKAGE_CLAUSE.exec(source)?.[1], diagnostics,
  };
}
