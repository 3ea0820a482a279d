/**
 * Which packages of a module serve HTTP only on unix domain sockets: a local IPC API (a per-job socket, an agent's
 * control socket) whose clients already run code on the host, as opposed to a network service. Per file, a rule
 * collects a ListenFact (its package, the module packages it imports, how it listens); `unixOnlyPackages` combines them.
 */
import type { Node } from 'web-tree-sitter';
import type { FileInfo, RuleContext } from '../define-rule.js';
import { callArgs, calleeName, unparen } from '../../go/ast.js';
import { evalConst } from './const-eval.js';
import { dirOf } from './obs-packages.js';

export interface ListenFact {
  k: 'listen';
  /** Import path of the file's package. */
  pkg: string;
  /** Import paths of the same module it imports. */
  imports: string[];
  unix: boolean;
  network: boolean;
}

/** The import path of a file's package, or undefined outside a module. */
export function packagePath(file: FileInfo): string | undefined {
  if (file.modulePath === undefined || file.moduleDir === undefined) return undefined;
  const dir = dirOf(file.path);
  const rel = file.moduleDir === '' ? dir : dir.startsWith(`${file.moduleDir}/`) ? dir.slice(file.moduleDir.length + 1) : dir === file.moduleDir ? '' : undefined;
  if (rel === undefined) return undefined;
  return rel === '' ? file.modulePath : `${file.modulePath}/${rel}`;
}

/**
 * How a call listens: `unix` for net.Listen("unix"/"unixpacket", …) and net.ListenUnix, `network` for any other
 * net.Listen / net.ListenTCP / tls.Listen and http.ListenAndServe(TLS) or a ListenAndServe(TLS) method; undefined
 * for other calls.
 */
export function listenKind(ctx: RuleContext, call: Node): 'unix' | 'network' | undefined {
  if (ctx.isCallTo(call, 'net', 'ListenUnix')) return 'unix';
  if (ctx.isCallTo(call, 'net', 'Listen') || ctx.isCallTo(call, 'crypto/tls', 'Listen')) {
    const network = evalConst(ctx, unparen(callArgs(call)[0]));
    return network?.kind === 'string' && network.value.startsWith('unix') ? 'unix' : 'network';
  }
  if (ctx.isCallTo(call, 'net', 'ListenTCP')) return 'network';
  const name = calleeName(call);
  if (name === 'ListenAndServe' || name === 'ListenAndServeTLS') return 'network';
  return undefined;
}

/** The ListenFact of a file, given the listen kinds found in it. */
export function listenFact(ctx: RuleContext, kinds: Set<'unix' | 'network'>): ListenFact | undefined {
  const pkg = packagePath(ctx.file);
  const mod = ctx.file.modulePath;
  if (!pkg || !mod) return undefined;
  const imports = ctx.imports.specs.map((s) => s.path).filter((p) => p === mod || p.startsWith(`${mod}/`));
  return { k: 'listen', pkg, imports, unix: kinds.has('unix'), network: kinds.has('network') };
}

/**
 * Packages whose HTTP handlers are served only on unix sockets: the package itself or a module package it imports
 * listens on a unix socket, and neither it, nor those packages, nor any module package importing it listens on the
 * network (http.ListenAndServe, a TCP listener).
 */
export function unixOnlyPackages(facts: ListenFact[]): Set<string> {
  const byPkg = new Map<string, { imports: Set<string>; unix: boolean; network: boolean }>();
  for (const f of facts) {
    const e = byPkg.get(f.pkg) ?? { imports: new Set<string>(), unix: false, network: false };
    for (const i of f.imports) e.imports.add(i);
    e.unix ||= f.unix;
    e.network ||= f.network;
    byPkg.set(f.pkg, e);
  }
  const out = new Set<string>();
  for (const [pkg, e] of byPkg) {
    const sources = [pkg, ...e.imports].map((p) => byPkg.get(p)).filter((x): x is NonNullable<typeof x> => !!x);
    if (!sources.some((s) => s.unix) || sources.some((s) => s.network)) continue;
    const importers = [...byPkg.values()].filter((x) => x.imports.has(pkg));
    if (importers.some((x) => x.network)) continue;
    out.add(pkg);
  }
  return out;
}
