import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { callArgs, unparen } from '../../go/ast.js';
import { reachingValues, resolveBinding } from '../_shared/security-bindings.js';

/** Constructors of decompressing readers: package -> functions. */
const DECOMPRESSORS: Record<string, string[]> = {
  'compress/gzip': ['NewReader'],
  'compress/zlib': ['NewReader', 'NewReaderDict'],
  'compress/flate': ['NewReader', 'NewReaderDict'],
  'compress/bzip2': ['NewReader'],
  'compress/lzw': ['NewReader'],
  'github.com/klauspost/compress/gzip': ['NewReader'],
  'github.com/klauspost/compress/zlib': ['NewReader', 'NewReaderDict'],
  'github.com/klauspost/compress/flate': ['NewReader', 'NewReaderDict'],
  'github.com/klauspost/compress/zstd': ['NewReader'],
  'github.com/klauspost/compress/s2': ['NewReader'],
  'github.com/klauspost/compress/snappy': ['NewReader'],
  'github.com/klauspost/pgzip': ['NewReader', 'NewReaderN'],
  'github.com/golang/snappy': ['NewReader'],
  'github.com/ulikunitz/xz': ['NewReader'],
  'github.com/pierrec/lz4': ['NewReader'],
  'github.com/pierrec/lz4/v4': ['NewReader'],
  'github.com/andybalholm/brotli': ['NewReader'],
  'github.com/dsnet/compress/bzip2': ['NewReader'],
};
/** Readers that pass a decompressed stream through unchanged (the first argument is the stream). */
const PASS_THROUGH: Record<string, string[]> = {
  'archive/tar': ['NewReader'],
  bufio: ['NewReader', 'NewReaderSize'],
};
/** Sinks that read a reader to its end: package -> [function, index of the reader argument]. */
const SINKS: { pkg: string; name: string; arg: number }[] = [
  { pkg: 'io', name: 'Copy', arg: 1 },
  { pkg: 'io', name: 'CopyBuffer', arg: 1 },
  { pkg: 'io', name: 'ReadAll', arg: 0 },
  { pkg: 'io/ioutil', name: 'ReadAll', arg: 0 },
];
const MAX_DEPTH = 4;

/** The format a decompressing reader reads ('gzip', 'zip entry' …) when `expr` is one, else undefined. */
function decompressed(ctx: RuleContext, expr: Node | null | undefined, depth = 0): string | undefined {
  const e = unparen(expr);
  if (!e || depth > MAX_DEPTH) return undefined;
  if (e.type === 'identifier') {
    const b = resolveBinding(e.text, e, ctx.root);
    if (b.kind !== 'var' && b.kind !== 'range') return undefined;
    // the nearest assignment decides: `r = io.LimitReader(r, n)` after the constructor bounds it
    const values = reachingValues(b, e);
    const last = values[values.length - 1];
    return last ? decompressed(ctx, last.value, depth + 1) : undefined;
  }
  if (e.type !== 'call_expression') return undefined;
  for (const [pkg, names] of Object.entries(DECOMPRESSORS)) {
    if (ctx.isCallTo(e, pkg, ...names)) return pkg.split('/').pop()!.replace(/^v\d+$/, 'lz4');
  }
  for (const [pkg, names] of Object.entries(PASS_THROUGH)) {
    if (ctx.isCallTo(e, pkg, ...names)) return decompressed(ctx, callArgs(e)[0], depth + 1);
  }
  if (zipEntryOpen(ctx, e)) return 'zip entry';
  return undefined;
}

/** `f.Open()` on an archive/zip entry: f ranges over `<reader>.File`, is typed zip.File, or is `<reader>.File[i]`. */
function zipEntryOpen(ctx: RuleContext, call: Node): boolean {
  if (!ctx.imports.has('archive/zip') || callArgs(call).length !== 0) return false;
  const fn = unparen(call.childForFieldName('function'));
  if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Open') return false;
  const recv = unparen(fn.childForFieldName('operand'));
  if (!recv) return false;
  if (recv.type === 'index_expression') return /\.File$/.test(recv.childForFieldName('operand')?.text ?? '');
  if (recv.type !== 'identifier') return false;
  const b = resolveBinding(recv.text, recv, ctx.root);
  if (b.typeText && /\bzip\.File\b/.test(b.typeText)) return true;
  if (b.kind === 'range' && b.decl) return /\.File$/.test(unparen(b.decl.childForFieldName('right'))?.text ?? '');
  return false;
}

export default defineRule({
  meta: {
    id: 'SEC1015',
    name: 'decompression-without-limit',
    dimension: 'security',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'like gosec G110 it does not judge where the compressed data comes from: decompressing the program\'s own or ' +
      'embedded data, or a trusted server\'s response, is reported too. On 16 repositories (see README, Rule precision) ' +
      '4 findings were true, 2 false and 3 debatable.',
    title: 'Decompressed stream read to the end without a size limit (decompression bomb)',
    passCriterion: 'every decompressed stream is read through a size limit (io.LimitReader, io.CopyN or http.MaxBytesReader)',
    rationale:
      'Compression ratios of 1:1000 and more are easy to build: a 10 MB gzip, zstd or zip entry can expand to 10 GB. ' +
      'io.Copy or io.ReadAll on a decompressing reader keeps reading until the stream ends, so one crafted upload, ' +
      'archive or compressed HTTP body fills the disk or exhausts memory and takes the process down (OOM kill) with ' +
      'every request it was serving.',
    fix: {
      text: 'Bound the decompressed size: io.Copy(dst, io.LimitReader(r, max+1)) or io.CopyN(dst, r, max) and fail when ' +
        'the limit is reached; for archives also cap the number of entries and the total size.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package unpack\n\nimport (\n\t"compress/gzip"\n\t"io"\n)\n\nfunc Unzip(dst io.Writer, src io.Reader) error {\n\tzr, err := gzip.NewReader(src)\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer zr.Close()\n\t_, err = io.Copy(dst, zr)\n\treturn err\n}\n',
        good: 'package unpack\n\nimport (\n\t"compress/gzip"\n\t"io"\n)\n\nconst maxSize = 64 << 20\n\nfunc Unzip(dst io.Writer, src io.Reader) error {\n\tzr, err := gzip.NewReader(src)\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer zr.Close()\n\t_, err = io.Copy(dst, io.LimitReader(zr, maxSize))\n\treturn err\n}\n',
      },
    ],
    messages: {
      unbounded: '{{sink}} reads the {{format}} stream {{reader}} to its end with no size limit: a small compressed input can expand to gigabytes (decompression bomb)',
    },
    sources: ['gosec:G110'],
    notes:
      'Decompressors: compress/gzip, zlib, flate, bzip2, lzw, archive/zip entries (f.Open()), klauspost/compress ' +
      '(gzip, zlib, flate, zstd, s2, snappy), pgzip, golang/snappy, xz, lz4, brotli; through archive/tar and bufio ' +
      'readers wrapping them. Sinks: io.Copy, io.CopyBuffer, io.ReadAll, ioutil.ReadAll. Not reported: a reader ' +
      'wrapped in io.LimitReader (or reassigned to anything else) before the sink, and io.CopyN. Like gosec G110, ' +
      'the source of the compressed data is not judged; a reader stored in a struct field is not followed.',
  },
  prefilter: ['compress/', 'archive/zip', 'klauspost', 'snappy', 'xz', 'lz4', 'brotli'],
  prefilterAll: [['io.Copy', 'ReadAll']],
  create(ctx): Visitors {
    const sinks = SINKS.filter((s) => ctx.imports.has(s.pkg));
    if (!sinks.length) return {};
    return {
      call_expression(call) {
        const sink = sinks.find((s) => ctx.isCallTo(call, s.pkg, s.name));
        if (!sink) return;
        const arg = callArgs(call)[sink.arg];
        const format = decompressed(ctx, arg);
        if (!format || !arg) return;
        const sinkName = `${sink.pkg === 'io/ioutil' ? 'ioutil' : 'io'}.${sink.name}`;
        ctx.report({ node: call, messageId: 'unbounded', data: { sink: sinkName, format, reader: arg.text.slice(0, 40) } });
      },
    };
  },
});
