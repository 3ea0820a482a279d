/**
 * Code facts that repo rules need, extracted once per Go file in the worker that parses it:
 * imports (by regex, even for files no rule parses), registered HTTP handler paths, listen
 * addresses, and whether the file calls a graceful shutdown.
 */
import { createHash } from 'node:crypto';
import type { Node } from 'web-tree-sitter';
import type { FileCallSites } from '../go/call-sites.js';
import { callArgs, literalElements, stringValue, unparen } from '../go/ast.js';
import { extractRequestBuilders, extractRequestCarriers, type RequestBuilder } from '../go/request-builders.js';
import { lifetimeMarks, type LifetimeMarks } from './process-lifetime.js';

export interface FileCodeFacts {
  imports: string[];
  handlers: { path: string; line: number }[];
  listens: { addr: string; line: number; via: string }[];
  shutdown: boolean;
  /**
   * Functions of the file that build an outgoing HTTP request from their parameters (src/go/request-builders.ts):
   * a project-local wrapper of http.NewRequest, by name and the parameter positions that go into the request.
   */
  requestBuilders?: RequestBuilder[];
  /** Functions whose result (a request body: a reader or bytes) is computed from their parameters (src/go/request-builders.ts). */
  requestCarriers?: RequestBuilder[];
  /** What the file says about how long the process running it lives (src/facts/process-lifetime.ts), when anything. */
  lifetime?: LifetimeMarks;
  /** Call sites for the module call graph (production files only: src/go/call-sites.ts). */
  callSites?: FileCallSites;
}

/**
 * A file's code facts as two JSON texts: the call sites (most of the bytes: read only by the
 * execution-frequency facts) and the rest ('' when the file has no call sites).
 */
export function codeFactsTexts(code: FileCodeFacts): [string, string] {
  const text = callSitesTexts.get(code);
  if (text !== undefined) {
    // not parsed yet: its text is the one JSON.stringify would give (it was made so); the rest read without parsing it
    const rest: Record<string, unknown> = {};
    for (const k of Object.keys(code)) if (k !== 'callSites') rest[k] = code[k as keyof FileCodeFacts];
    return [JSON.stringify(rest), text];
  }
  const { callSites, ...rest } = code;
  return [JSON.stringify(rest), callSites === undefined ? '' : JSON.stringify(callSites)];
}

/**
 * Call sites still held as their JSON text (callSitesAsText), by the code facts they belong to.
 * A worker thread sends a file's call sites as one string: the main thread keeps every production file's
 * call sites until the repo-level steps, and as objects (with a copy of each name string per call, as
 * structured cloning makes them) they were most of its heap during the analysis — on containerd with
 * vendor/, ~17 MB of JSON text against ~50 MB of objects, held while the worker threads' heaps are largest.
 */
const callSitesTexts = new WeakMap<FileCodeFacts, string>();

/** The call sites of code facts as JSON text (removed from `code`), for sending to another thread; undefined: none. */
export function callSitesAsText(code: FileCodeFacts | undefined): string | undefined {
  if (code?.callSites === undefined) return undefined;
  const text = JSON.stringify(code.callSites);
  delete code.callSites;
  return text;
}

/** Gives code facts back their call sites from callSitesAsText's text, parsed when first read. */
export function callSitesFromText(code: FileCodeFacts, text: string): void {
  callSitesTexts.set(code, text);
  let value: FileCallSites | undefined;
  Object.defineProperty(code, 'callSites', {
    get: () => {
      const t = callSitesTexts.get(code);
      if (t !== undefined) {
        value = JSON.parse(t) as FileCallSites;
        callSitesTexts.delete(code);
      }
      return value;
    },
    enumerable: true,
    configurable: true,
  });
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** The digest of a file's code facts from the digests of its two texts (codeFactsTexts; '' for no call sites). */
export function codeFactsDigestOf(restDigest: string, callSitesDigest: string): string {
  return `${restDigest}${callSitesDigest}`;
}

/** The digest of a file's code facts (RepoFacts.goFactsDigest), the same whether computed here or from their texts' digests. */
export function codeFactsDigest(code: FileCodeFacts): string {
  const [rest, callSites] = codeFactsTexts(code);
  return codeFactsDigestOf(sha256(rest), callSites ? sha256(callSites) : '');
}

/** Files containing none of these strings need no parse for code facts. */
export const CODE_FACT_PREFILTER = ['Handle(', 'HandleFunc(', 'Listen', 'Addr:', 'GET(', 'Get("/', 'PathPrefix(', 'NewRequest', 'NewReader('];

const IMPORT_SINGLE = /^import\s+(?:[\w.]+\s+)?"([^"]+)"/gm;
const IMPORT_BLOCK = /^import\s*\(([\s\S]*?)^\)/gm;
const IMPORT_LINE = /^\s*(?:[\w.]+\s+)?"([^"]+)"/gm;

/** The code facts read without a parse: imports and lifetime marks (a file whose syntax tree is not walked has only these). */
export function baseCodeFacts(source: string): FileCodeFacts {
  const facts: FileCodeFacts = { imports: importsByText(source), handlers: [], listens: [], shutdown: false };
  const lifetime = lifetimeMarks(source);
  if (lifetime) facts.lifetime = lifetime;
  return facts;
}

/** Import paths of a Go file, read with regular expressions (no parse needed). */
export function importsByText(source: string): string[] {
  const out = new Set<string>();
  let m: RegExpExecArray | null;
  IMPORT_SINGLE.lastIndex = 0;
  while ((m = IMPORT_SINGLE.exec(source))) out.add(m[1]!);
  IMPORT_BLOCK.lastIndex = 0;
  while ((m = IMPORT_BLOCK.exec(source))) {
    const block = m[1]!;
    let l: RegExpExecArray | null;
    IMPORT_LINE.lastIndex = 0;
    while ((l = IMPORT_LINE.exec(block))) out.add(l[1]!);
  }
  return [...out];
}

const HANDLER_METHODS = new Set(['Handle', 'HandleFunc', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'Get', 'Post', 'Put', 'Delete', 'Patch', 'Head', 'Any', 'Path', 'PathPrefix', 'Route']);
const LISTEN_FUNCS = new Set(['ListenAndServe', 'ListenAndServeTLS', 'Listen']);

/** The node types extractCodeFacts reads (the file's one walk collects them: src/engine/rule-dispatch.ts). */
export const CODE_FACT_TYPES = ['call_expression', 'composite_literal'];

/** Extracts handler paths, listen addresses and shutdown calls from a parsed file. */
export function extractCodeFacts(root: Node, source: string): FileCodeFacts {
  const facts = baseCodeFacts(source);
  if (!CODE_FACT_PREFILTER.some((s) => source.includes(s))) return facts;
  if (source.includes('NewRequest') && facts.imports.includes('net/http')) {
    const builders = extractRequestBuilders(root);
    if (builders.length) facts.requestBuilders = builders;
  }
  if (source.includes('NewReader(')) {
    const carriers = extractRequestCarriers(root);
    if (carriers.length) facts.requestCarriers = carriers;
  }
  for (const node of root.descendantsOfType(CODE_FACT_TYPES)) {
    if (!node) continue;
    const line = node.startPosition.row + 1;
    if (node.type === 'composite_literal') {
      const type = node.childForFieldName('type')?.text ?? '';
      if (!/(^|\.)Server$/.test(type)) continue;
      for (const el of literalElements(node)) {
        if (el.key === 'Addr') {
          const v = stringValue(el.value);
          if (v !== undefined) facts.listens.push({ addr: v, line: el.value.startPosition.row + 1, via: `${type}{Addr}` });
        }
      }
      continue;
    }
    const fn = unparen(node.childForFieldName('function'));
    if (!fn) continue;
    const name = fn.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn.type === 'identifier' ? fn.text : undefined;
    if (!name) continue;
    if (name === 'Shutdown' || name === 'GracefulStop') facts.shutdown = true;
    const args = callArgs(node);
    if (HANDLER_METHODS.has(name) && args.length >= 1) {
      const p = stringValue(args[0]);
      if (p !== undefined && p.startsWith('/')) facts.handlers.push({ path: p, line });
    }
    if (LISTEN_FUNCS.has(name) && args.length >= 1) {
      // net.Listen("tcp", ":8080") has the address second
      const addrArg = name === 'Listen' && args.length >= 2 ? args[1] : args[0];
      const v = stringValue(addrArg);
      if (v !== undefined && (/^[\w.\-[\]:]*:\d+$/.test(v) || /^:\d+$/.test(v))) facts.listens.push({ addr: v, line, via: name });
    }
  }
  return facts;
}
