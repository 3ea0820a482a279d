/**
 * Mutation operators over seed bytes. A mutation is plain data (a `Plan`: which seed, which
 * operators with which numbers), so fast-check can generate and shrink it, a campaign can log
 * it, and `apply` turns it into the same bytes on every run.
 */
import fc from 'fast-check';
import type { Seed, SeedKind } from './seeds.js';

export const OPS = [
  'truncate', 'flip', 'special', 'bom', 'crlf', 'nest', 'huge-line', 'alias-bomb',
  'duplicate', 'splice', 'delete', 'token', 'repeat',
] as const;
export type OpName = (typeof OPS)[number];

export interface Op { op: OpName; a: number; b: number; c: number }
export interface Plan { seed: number; ops: Op[] }

/**
 * Mutated inputs are capped here (the audit reads up to 2 MiB of a text file): growth with size
 * is measured by the scaling benchmark; the fuzzer looks for inputs that break parsers.
 */
export const MAX_MUTANT_BYTES = 1024 * 1024;

const SPECIALS: Buffer[] = [
  Buffer.from([0xef, 0xbb, 0xbf]), // BOM
  Buffer.from([0xc2, 0xa0]), // no-break space
  Buffer.from([0x0c]), // form feed
  Buffer.from([0x0d]), // lone CR
  Buffer.from([0x00]), // NUL
  Buffer.from([0x0b]), // vertical tab
  Buffer.from('\u2028'), // line separator
  Buffer.from('\u0085'), // next line
  Buffer.from([0xff, 0xfe]), // invalid UTF-8
  Buffer.from([0xed, 0xa0, 0x80]), // an encoded lone surrogate
  Buffer.from('\u200b'), // zero-width space
  Buffer.from('\t'),
  Buffer.from('\ufeff'), // BOM in the middle
];

const TOKENS: Partial<Record<SeedKind | 'any', string[]>> = {
  any: ['"', '`', "'", '(', ')', '{', '}', '[', ']', '\\', '\n', '#', '//', '/*', '$', '${', '$(', ':', '=', '\\\n', '\t', '-', ' '],
  gomod: ['require (', ')', '=>', 'replace', 'module', 'go ', 'toolchain ', 'retract [', 'godebug ', 'tool ', '// indirect', 'v0.0.0-00010101000000-000000000000', '+incompatible'],
  gosum: [' h1:', '/go.mod', ' v1.2.3'],
  go: ['func(', 'go func() {', 'defer ', 'select {', 'for {', '//goready:ignore CON1001 -- x', '//nolint', '"\n', '`', '/*', '*/', 'package ', 'import (', 'time.NewTicker(', 'http.Server{', 'fmt.Sprintf("%s", ', '+ "x"'],
  dockerfile: ['FROM ', ' AS ', 'RUN ', 'ARG ', 'ENV ', 'USER ', 'COPY --from=', '\\\n', '${', ':-', '# syntax=', 'ONBUILD ', 'SHELL ["/bin/sh", "-c"]', '<<EOF\n', 'EOF\n'],
  makefile: ['$(', '${', ':=', '?=', '+=', '!=', 'define ', 'endef', 'include ', 'ifeq (', 'endif', '\t', '$$', '$(shell ', '$(call ', '$(foreach ', '::'],
  shell: ['$(', '`', '"', "'", '&&', '||', ';', '|', '\\\n', 'go build ', '-ldflags ', '<<EOF\n', 'sh -c "', 'bash -c \''],
  yaml: ['&a ', '*a', '<<: *a', '---\n', '...\n', '? ', '- ', ': ', '!!str ', '!!binary ', '%YAML 1.2\n', '|\n', '>-\n', '{', '[', '{{ ', ' }}', '\t'],
  json: ['{', '}', '[', ']', '"', ',', ':', 'null', '1e999', '-0', '"\\u0000"', '// c\n', '/* c */'],
  toml: ['[', ']]', '[[', '=', '"""', "'''", '#'],
};

const YAML_KINDS = new Set<SeedKind>(['config', 'workflow', 'gitlab-ci', 'ci-yaml', 'goreleaser', 'ko', 'compose', 'helm-template', 'helm-values', 'k8s', 'yaml']);

function tokensFor(kind: SeedKind): string[] {
  const own = YAML_KINDS.has(kind) ? TOKENS.yaml : TOKENS[kind];
  return [...(own ?? []), ...TOKENS.any!];
}

const NEST_DEPTHS = [32, 256, 2048, 10000];

/** One deeply nested construct of the seed's language, `n` levels. */
function nested(kind: SeedKind, n: number, variant: number): string {
  const r = (s: string, k = n) => s.repeat(k);
  switch (kind) {
    case 'go': {
      const v = variant % 5;
      if (v === 0) return `\nfunc fz() {\n${r('if x {\n')}${r('}\n')}}\n`;
      if (v === 1) return `\nvar fz = ${r('(')}1${r(')')}\n`;
      if (v === 2) return `\nvar fz = ${r('[]any{')}${r('}')}\n`;
      if (v === 3) return `\nfunc fz() {\n${r('go func() {\n')}${r('}()\n')}}\n`;
      return `\nvar fz = ${r('f(')}${r(')')}\n`;
    }
    case 'gomod': return r('require (\n');
    case 'gosum': return r('example.com/m v1.0.0 h1:');
    case 'json': return variant % 2 ? `${r('[')}${r(']')}` : `${r('{"a":')}1${r('}')}`;
    case 'makefile': return variant % 2 ? `X := ${r('$(A')}${r(')')}\n` : `X := ${r('$(subst a,b,')}${r(')')}\n`;
    case 'dockerfile': return variant % 2 ? `RUN true${r(' \\\n  && true')}\n` : `ARG X=${r('${A:-')}${r('}')}\n`;
    case 'shell': return variant % 2 ? `echo ${r('$(')}${r(')')}\n` : `${r('sh -c "')}${r('"')}\n`;
    case 'helm-template': return `${r('{{ if .Values.a }}\n')}x: 1\n${r('{{ end }}\n')}`;
    case 'toml': return `a = ${r('[')}${r(']')}\n`;
    case 'markdown': return r('> ');
    default: {
      // YAML: block maps (indentation grows quadratically: bounded), flow sequences, flow maps
      const v = variant % 3;
      if (v === 0) { const k = Math.min(n, 1500); let s = ''; for (let i = 0; i < k; i++) s += `${' '.repeat(i)}a${i}:\n`; return `${s}${' '.repeat(k)}x\n`; }
      if (v === 1) return `a: ${r('[')}${r(']')}\n`;
      return `a: ${r('{b: ')}1${r('}')}\n`;
    }
  }
}

/** A YAML "billion laughs": `levels` levels of `width` aliases each. */
function aliasBomb(levels: number, width: number): string {
  let s = 'l0: &l0 ["lol"]\n';
  for (let i = 1; i <= levels; i++) s += `l${i}: &l${i} [${Array.from({ length: width }, () => `*l${i - 1}`).join(', ')}]\n`;
  return s;
}

function lineStarts(b: Buffer): number[] {
  const out = [0];
  for (let i = 0; i < b.length; i++) if (b[i] === 0x0a) out.push(i + 1);
  return out;
}

const cat = (...parts: Buffer[]) => Buffer.concat(parts);

/** Applies one operator; `pool` gives splice partners (same kind). */
function applyOp(buf: Buffer, op: Op, kind: SeedKind, pool: readonly Seed[]): Buffer {
  const len = buf.length;
  const at = len ? op.a % (len + 1) : 0;
  const lines = lineStarts(buf);
  const atLine = lines[op.a % lines.length]!;
  switch (op.op) {
    case 'truncate': return buf.subarray(0, at);
    case 'flip': {
      if (!len) return buf;
      const out = Buffer.from(buf);
      const n = (op.c % 8) + 1;
      for (let i = 0; i < n; i++) out[(op.a + i * 7919 * (op.b + 1)) % len]! ^= 1 << ((op.b + i) % 8);
      return out;
    }
    case 'special': {
      const sp = SPECIALS[op.b % SPECIALS.length]!;
      const pos = op.c % 2 ? atLine : at; // at a line start, where tokenizers are most fragile, or anywhere
      return cat(buf.subarray(0, pos), sp, buf.subarray(pos));
    }
    case 'bom': return cat(Buffer.from([0xef, 0xbb, 0xbf]), buf);
    case 'crlf': return Buffer.from(buf.toString('latin1').replace(op.b % 2 ? /\n/g : /\r?\n/g, op.b % 2 ? '\r' : '\r\n'), 'latin1');
    case 'nest': {
      const depth = NEST_DEPTHS[op.b % NEST_DEPTHS.length]!;
      return cat(buf.subarray(0, atLine), Buffer.from(nested(kind, depth, op.c)), buf.subarray(atLine));
    }
    case 'huge-line': {
      const target = [10_000, 100_000, 400_000][op.b % 3]!;
      const start = len ? op.c % len : 0;
      let unit = buf.subarray(start, Math.min(len, start + 1 + (op.c % 40)));
      if (!unit.length) unit = Buffer.from('x');
      const nl = unit.indexOf(0x0a);
      if (nl >= 0) unit = nl > 0 ? unit.subarray(0, nl) : Buffer.from('x');
      const big = Buffer.alloc(target, unit);
      return cat(buf.subarray(0, at), big, buf.subarray(at));
    }
    case 'alias-bomb': {
      const bomb = Buffer.from(aliasBomb(4 + (op.b % 6), 4 + (op.c % 8)));
      return op.a % 2 ? cat(buf, Buffer.from('\n'), bomb) : cat(bomb, buf);
    }
    case 'duplicate': {
      const li = op.a % lines.length;
      let from = lines[li]!;
      const end = li + 1 + (op.b % 20);
      const to = end < lines.length ? lines[end]! : len;
      if (to <= from) from = 0; // the last (empty) line: repeat the whole input instead
      const block = buf.subarray(from, to);
      if (!block.length) return Buffer.from('\n');
      const times = [2, 10, 200, 2000][op.c % 4]!;
      const reps = Math.min(times, Math.floor(MAX_MUTANT_BYTES / block.length));
      return cat(buf.subarray(0, to), Buffer.alloc(block.length * reps, block), buf.subarray(to));
    }
    case 'splice': {
      if (!pool.length) return buf;
      const other = pool[op.b % pool.length]!.bytes;
      const cut = other.length ? op.c % (other.length + 1) : 0;
      return cat(buf.subarray(0, at), other.subarray(cut));
    }
    case 'delete': return cat(buf.subarray(0, at), buf.subarray(Math.min(len, at + 1 + (op.b % 64))));
    case 'token': {
      const toks = tokensFor(kind);
      const t = toks[op.b % toks.length]!;
      return cat(buf.subarray(0, op.c % 2 ? atLine : at), Buffer.from(t), buf.subarray(op.c % 2 ? atLine : at));
    }
    case 'repeat': {
      const times = [2, 50, 300][op.b % 3]!;
      const sep = Buffer.from(YAML_KINDS.has(kind) && op.c % 2 ? '\n---\n' : '\n');
      const unit = cat(buf, sep);
      const reps = Math.max(1, Math.min(times, Math.floor(MAX_MUTANT_BYTES / Math.max(1, unit.length))));
      return Buffer.alloc(unit.length * reps, unit);
    }
  }
}

/** The mutant of `plan` over `pool` (the seeds of one target). */
export function applyPlan(plan: Plan, pool: readonly Seed[]): Buffer {
  const seed = pool[plan.seed % pool.length]!;
  let buf = seed.bytes;
  for (const op of plan.ops) {
    buf = applyOp(buf, op, seed.kind, pool);
    if (buf.length > MAX_MUTANT_BYTES) buf = buf.subarray(0, MAX_MUTANT_BYTES);
  }
  return buf;
}

export function opArb(ops: readonly OpName[] = OPS): fc.Arbitrary<Op> {
  return fc.record({ op: fc.constantFrom(...ops), a: fc.nat(), b: fc.nat(), c: fc.nat() });
}

/** Plans over `poolSize` seeds: 1–4 operators each. */
export function planArb(poolSize: number, ops: readonly OpName[] = OPS): fc.Arbitrary<Plan> {
  return fc.record({ seed: fc.nat({ max: Math.max(0, poolSize - 1) }), ops: fc.array(opArb(ops), { minLength: 1, maxLength: 4 }) });
}
