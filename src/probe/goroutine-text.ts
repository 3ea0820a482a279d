/**
 * Parses the text goroutine profiles of net/http/pprof: `?debug=2` (one record per goroutine with
 * its wait reason, minutes blocked and `created by` frame) and `?debug=1` (groups of identical
 * stacks with a count). Untrusted input: bounded, never throws on malformed text.
 */
import type { Frame, GoroutineGroup, GoroutineSnapshot } from './model.js';

export const MAX_GROUPS = 200_000;
const MAX_FRAMES = 64;

/** `main.(*T).m(0x1, {0x2, 0x3})` → `main.(*T).m`. */
function stripArgs(s: string): string {
  const t = s.trim();
  // the argument list is the last parenthesised group (it holds no parentheses); `(*T)` is in the name
  if (!t.endsWith(')')) return t;
  const open = t.lastIndexOf('(');
  return open > 0 ? t.slice(0, open) : t;
}

/** `\t/path/file.go:42 +0x1d` → file and line. */
function fileLine(s: string): { file: string; line: number } | undefined {
  const m = /^\s+(.+):(\d+)(?: \+0x[0-9a-f]+)?\s*$/.exec(s);
  return m ? { file: m[1]!, line: Number(m[2]) } : undefined;
}

export function looksLikeDebug2(text: string): boolean {
  return /^goroutine \d+(?: [^\n[]*)? \[[^\]\n]*\]:$/m.test(text.slice(0, 4096));
}

export function looksLikeDebug1(text: string): boolean {
  return /^goroutine profile: total \d+/.test(text.trimStart().slice(0, 200));
}

/** `chan send, 42 minutes, locked to thread` → state and minutes. */
export function parseHeaderState(inside: string): { state: string; minutes?: number } {
  const parts = inside.split(',').map((p) => p.trim()).filter(Boolean);
  let minutes: number | undefined;
  const rest: string[] = [];
  for (const p of parts) {
    const m = /^(\d+) minutes?$/.exec(p);
    if (m) minutes = Number(m[1]);
    else if (p !== 'locked to thread' && !/^(?:durable|syscall\b.*ms)$/.test(p)) rest.push(p);
  }
  return { state: rest[0] ?? 'unknown', minutes };
}

export function parseDebug2(text: string): GoroutineSnapshot {
  const groups: GoroutineGroup[] = [];
  const records = text.split(/\n\s*\n/);
  for (const rec of records) {
    if (groups.length >= MAX_GROUPS) break;
    const lines = rec.split('\n').filter((l) => l.length > 0);
    const hi = lines.findIndex((l) => /^goroutine \d+/.test(l));
    if (hi === -1) continue;
    const hm = /^goroutine \d+(?: [^[]*)? \[([^\]]*)\]:?\s*$/.exec(lines[hi]!);
    if (!hm) continue;
    const { state, minutes } = parseHeaderState(hm[1]!);
    const frames: Frame[] = [];
    let createdBy: Frame | undefined;
    for (let i = hi + 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.startsWith('\t') || l.startsWith(' ')) continue;
      const created = /^created by (\S+)(?: in goroutine \d+)?\s*$/.exec(l);
      const loc = i + 1 < lines.length ? fileLine(lines[i + 1]!) : undefined;
      if (created) {
        createdBy = { function: created[1]!, file: loc?.file ?? '', line: loc?.line ?? 0 };
        continue;
      }
      if (l.startsWith('...') || l.startsWith('[')) continue; // "...N frames elided...", "[originating from goroutine N]:"
      if (frames.length < MAX_FRAMES && loc) frames.push({ function: stripArgs(l), file: loc.file, line: loc.line });
    }
    if (!frames.length && !createdBy) continue;
    groups.push({ count: 1, state, waitMinutes: minutes, frames, createdBy });
  }
  return { format: 'debug=2', total: groups.length, groups };
}

export function parseDebug1(text: string): GoroutineSnapshot {
  const groups: GoroutineGroup[] = [];
  const totalM = /^goroutine profile: total (\d+)/m.exec(text.slice(0, 400));
  let current: GoroutineGroup | undefined;
  for (const l of text.split('\n')) {
    const head = /^(\d+) @(?: 0x[0-9a-f]+)*\s*$/.exec(l);
    if (head) {
      if (groups.length >= MAX_GROUPS) break;
      current = { count: Number(head[1]), frames: [] };
      groups.push(current);
      continue;
    }
    const fm = /^#\s+0x[0-9a-f]+\s+(\S+?)\+0x[0-9a-f]+\s+(.+):(\d+)\s*$/.exec(l);
    if (fm && current && current.frames.length < MAX_FRAMES) current.frames.push({ function: fm[1]!, file: fm[2]!, line: Number(fm[3]) });
  }
  const sum = groups.reduce((n, g) => n + g.count, 0);
  return { format: 'debug=1', total: totalM ? Number(totalM[1]) : sum, groups: groups.filter((g) => g.frames.length) };
}
