import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../define-rule.js';
import { assignedNames, assignedValues, callArgs, enclosingFunction, intValue, stringValue, unparen, calleeName } from '../../go/ast.js';
import { assignedValuesOf, resolveBinding } from '../_shared/security-bindings.js';
import { windowsOnly } from '../../go/build-constraints.js';
import { evalConst, inStaticallyDeadBranch } from '../_shared/const-eval.js';

type Kind = 'file' | 'dir' | 'chmod';
interface Target { pkg: string; names: string[]; modeArg: number; kind: Kind; flagArg?: number }

const TARGETS: Target[] = [
  { pkg: 'os', names: ['WriteFile'], modeArg: 2, kind: 'file' },
  { pkg: 'io/ioutil', names: ['WriteFile'], modeArg: 2, kind: 'file' },
  { pkg: 'os', names: ['OpenFile'], modeArg: 2, kind: 'file', flagArg: 1 },
  { pkg: 'os', names: ['Mkdir', 'MkdirAll'], modeArg: 1, kind: 'dir' },
  { pkg: 'os', names: ['Chmod', 'Lchmod'], modeArg: 1, kind: 'chmod' },
];

const MODE_PERM = 0o777;

interface Mode { value: number; sticky: boolean }

/** Constant file mode: literals, os/fs.FileMode(...) conversions, os.ModePerm, `|`, local or package constants. */
function evalMode(ctx: RuleContext, expr: Node | null | undefined, depth = 0): Mode | undefined {
  const e = unparen(expr);
  if (!e || depth > 4) return undefined;
  const lit = intValue(e);
  if (lit !== undefined) return { value: lit, sticky: false };
  if (e.type === 'binary_expression') {
    const op = e.childForFieldName('operator')?.text;
    const l = evalMode(ctx, e.childForFieldName('left'), depth + 1);
    const r = l && evalMode(ctx, e.childForFieldName('right'), depth + 1);
    if (!l || !r) return undefined;
    if (op === '|' || op === '+') return { value: l.value | r.value, sticky: l.sticky || r.sticky };
    if (op === '&^') return { value: l.value & ~r.value, sticky: l.sticky && !r.sticky };
    if (op === '&') return { value: l.value & r.value, sticky: l.sticky && r.sticky };
    return undefined;
  }
  if (e.type === 'call_expression' || e.type === 'type_conversion_expression') {
    const isConv = e.type === 'call_expression'
      ? ctx.isCallTo(e, 'os', 'FileMode') || ctx.isCallTo(e, 'io/fs', 'FileMode')
      : /FileMode$/.test(e.childForFieldName('type')?.text ?? '');
    if (!isConv) return undefined;
    const arg = e.type === 'call_expression' ? callArgs(e)[0] : e.childForFieldName('operand');
    return evalMode(ctx, arg, depth + 1);
  }
  if (e.type === 'selector_expression') {
    const op = unparen(e.childForFieldName('operand'));
    const field = e.childForFieldName('field')?.text;
    if (op?.type === 'identifier' && (ctx.isPackageRef(op, 'os') || ctx.isPackageRef(op, 'io/fs'))) {
      if (field === 'ModePerm') return { value: MODE_PERM, sticky: false };
      if (field === 'ModeSticky') return { value: 0, sticky: true };
      if (field === 'ModeDir' || field === 'ModeSetuid' || field === 'ModeSetgid') return { value: 0, sticky: false };
    }
    return undefined;
  }
  if (e.type === 'identifier') {
    const b = resolveBinding(e.text, e, ctx.root);
    if (b.kind !== 'const' && b.kind !== 'package-const') return undefined;
    const values = assignedValuesOf(b);
    return values.length === 1 ? evalMode(ctx, values[0]!.value, depth + 1) : undefined;
  }
  return undefined;
}

const SECRET_WORDS = new Set([
  'key', 'keys', 'privkey', 'private', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials', 'creds',
  'password', 'passwords', 'passwd', 'apikey', 'htpasswd', 'netrc', 'kubeconfig', 'keystore', 'keyfile', 'p12', 'pfx',
  'jks', 'kdbx',
]);
/** Words that make "key" mean something public or not secret at all. */
const NOT_SECRET_WORDS = new Set([
  'pub', 'public', 'authorized', 'known', 'cache', 'map', 'lookup', 'index', 'sort', 'partition', 'object', 'blob',
  'row', 'bucket', 'label', 'metric', 'hash', 'content', 'digest', 'ref', 'kv', 'primary', 'foreign', 'lease',
  'shard', 'range', 'value', 'values', 'keyspace', 'monkey', 'hotkey', 'keyboard', 'keymap', 'keyring', 'sample',
  'example', 'test', 'fake', 'dummy', 'mock',
]);

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether the path expression names something secret (key, token, password...), from its literals and identifiers. */
function secretPath(pathArg: Node | undefined): string | undefined {
  if (!pathArg) return undefined;
  const parts: string[] = [];
  const lits = pathArg.descendantsOfType(['interpreted_string_literal', 'raw_string_literal', 'identifier', 'field_identifier']);
  for (const n of [pathArg, ...lits]) {
    if (!n) continue;
    const s = stringValue(n);
    if (s !== undefined) parts.push(s);
    else if (n.type === 'identifier' || n.type === 'field_identifier') parts.push(n.text);
  }
  const all = parts.flatMap(words);
  if (all.some((w) => NOT_SECRET_WORDS.has(w))) return undefined;
  const hit = all.find((w) => SECRET_WORDS.has(w)) ?? (/id_(rsa|ed25519|ecdsa|dsa)\b/.test(parts.join(' ')) ? 'ssh key' : undefined);
  return hit;
}

function octal(n: number): string {
  return `0${(n & 0o7777).toString(8).padStart(3, '0')}`;
}

/**
 * Whether the path is a device node under /dev (`/dev/net/tun`, `/dev/fuse`): its mode says who may open the device,
 * whose driver decides what a write does (creating a tun interface still needs CAP_NET_ADMIN); nothing stored in it
 * can be replaced, so the file-permission risk does not apply.
 */
function isDevicePath(ctx: RuleContext, pathArg: Node | undefined): boolean {
  const p = unparen(pathArg ?? null);
  if (!p) return false;
  let v = evalConst(ctx, p);
  if (!v && p.type === 'call_expression' && (ctx.isCallTo(p, 'path/filepath', 'Join') || ctx.isCallTo(p, 'path', 'Join'))) {
    v = evalConst(ctx, callArgs(p)[0]);
  }
  return v?.kind === 'string' && /^\/dev\/./.test(v.value) && !/^\/dev\/(shm|mqueue)(\/|$)/.test(v.value);
}

/** Words of a callee that opens a database or key-value store in a directory: its "keys" are records, not secrets. */
const DATABASE_WORDS = new Set([
  'datastore', 'datastores', 'db', 'database', 'leveldb', 'pebble', 'badger', 'bolt', 'bbolt', 'sqlite', 'rocksdb', 'kvstore',
]);
const FILE_WRITERS: [string, string[]][] = [['os', ['WriteFile', 'Create', 'OpenFile', 'CreateTemp']], ['io/ioutil', ['WriteFile', 'TempFile']]];

/**
 * What the function puts into a directory it creates, judged from the calls after the Mkdir that are given the
 * directory (or a path joined under it): 'files' when it writes files there itself (their own modes and names are
 * judged at those calls), 'database' when it only hands the directory to a database or datastore opener (what is
 * written is records, whatever the directory is called: a provider "keystore" of content ids), undefined otherwise.
 */
function directoryContent(ctx: RuleContext, call: Node, pathArg: Node | undefined): 'files' | 'database' | undefined {
  const p = unparen(pathArg ?? null);
  const fn = enclosingFunction(call);
  if (!p || !fn || (p.type !== 'identifier' && p.type !== 'selector_expression')) return undefined;
  let database = false;
  for (const c of fn.descendantsOfType('call_expression')) {
    if (!c || c.startIndex <= call.endIndex) continue;
    const given = callArgs(c).some((a) => {
      const u = unparen(a);
      if (u?.text === p.text) return true;
      return u?.type === 'call_expression' && (ctx.isCallTo(u, 'path/filepath', 'Join') || ctx.isCallTo(u, 'path', 'Join')) &&
        unparen(callArgs(u)[0] ?? null)?.text === p.text;
    });
    if (!given) continue;
    if (FILE_WRITERS.some(([pkg, names]) => ctx.isCallTo(c, pkg, ...names))) return 'files';
    if (words(c.childForFieldName('function')?.text ?? '').some((w) => DATABASE_WORDS.has(w))) database = true;
  }
  return database ? 'database' : undefined;
}

/** For OpenFile: whether the flag creates the file (O_CREATE visible); a non-constant flag is unknown. */
function createsFile(flag: Node | undefined): boolean {
  if (!flag) return false;
  const ids = [flag, ...flag.descendantsOfType(['field_identifier', 'identifier'])].filter((n): n is Node => !!n);
  return ids.some((n) => /^O_CREAT(E)?$/.test(n.text) || /\.O_CREAT(E)?$/.test(n.text));
}


/** Whether `path` names a unix socket the same function listens on: its mode says who may connect, nothing is read. */
function isUnixSocketPath(ctx: RuleContext, call: Node, path: Node | undefined): boolean {
  const fn = enclosingFunction(call);
  const p = unparen(path ?? null);
  if (!fn || !p) return false;
  return fn.descendantsOfType('call_expression').some((c) => {
    if (!c || !ctx.isCallTo(c, 'net', 'Listen', 'ListenUnix', 'ListenPacket', 'ResolveUnixAddr')) return false;
    const [network, addr] = callArgs(c);
    return /^unix/.test(stringValue(network) ?? '') && unparen(addr ?? null)?.text === p.text;
  });
}

/** Whether `path` is `filepath.Join(dir, …)` with `dir` from os.MkdirTemp in the same function (a 0700 directory). */
function inPrivateTempDir(ctx: RuleContext, call: Node, path: Node | undefined): boolean {
  const p = unparen(path ?? null);
  const fn = enclosingFunction(call);
  if (!fn || p?.type !== 'call_expression' || !(ctx.isCallTo(p, 'path/filepath', 'Join') || ctx.isCallTo(p, 'path', 'Join'))) return false;
  const dir = unparen(callArgs(p)[0] ?? null);
  if (dir?.type !== 'identifier') return false;
  return fn.descendantsOfType(['short_var_declaration', 'assignment_statement']).some((st) => {
    if (!st || st.startIndex > call.startIndex) return false;
    const i = assignedNames(st).findIndex((n) => n.text === dir.text);
    const v = i === 0 ? unparen(assignedValues(st)[0] ?? null) : null;
    return !!v && v.type === 'call_expression' && (ctx.isCallTo(v, 'os', 'MkdirTemp') || ctx.isCallTo(v, 'io/ioutil', 'TempDir'));
  });
}

export default defineRule({
  meta: {
    id: 'SEC1013',
    name: 'permissive-file-permissions',
    dimension: 'security',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-17',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 3 FP, 2 "nobody would act" of 5 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: modes on unix sockets (the write bit means may connect), files in private temp or group-shared directories, Windows-only files. Reworked after the 2026-12-13 sample (files built only for Windows are not judged), so its record restarts at 2026-12-15 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-15): 0 TP, 2 FP, 2 DEB — no judged finding was acted on. Reworked after the 2026-12-16 sample (device nodes under /dev, statically dead branches and datastore directories are no longer reported), so its record restarts at 2026-12-17 (blindRecordFrom) and it returns to the default set when a fresh blind record clears the bar.',
    title: 'File or directory created with overly permissive mode',
    passCriterion: 'files and directories are created with modes that deny other users write access (and read for secrets)',
    rationale:
      'A world-writable file or directory lets any local user or compromised process replace configuration, binaries ' +
      'or data the service trusts; a group-writable file extends that to everyone in the group; and a private key, ' +
      'token or password file readable by group/other leaks credentials to every process on the host (umask never ' +
      'removes read bits). On shared hosts, CI runners and containers running as root these are direct escalation paths.',
    fix: {
      text:
        'Use 0600 for secrets and 0644 (files) / 0755 (directories) otherwise; for a shared world-writable directory ' +
        'add the sticky bit (os.ModeSticky) like /tmp.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package cfg\n\nimport "os"\n\nfunc SaveKey(pem []byte) error {\n\treturn os.WriteFile("server.key", pem, 0o644)\n}\n',
        good: 'package cfg\n\nimport "os"\n\nfunc SaveKey(pem []byte) error {\n\treturn os.WriteFile("server.key", pem, 0o600)\n}\n',
      },
    ],
    messages: {
      worldWritableChmod:
        '{{call}} sets mode {{mode}}, which is world-writable: any local user or process can modify it; use 0644/0755 (or 0600)',
      worldWritable:
        '{{call}} explicitly requests mode {{mode}} (world-writable): only the process umask stands between it and ' +
        'every local user; use 0644 for files / 0755 for directories',
      groupWritable:
        '{{call}} creates a group-writable file (mode {{mode}}): anyone in the group can modify it (umask 002 keeps ' +
        'the bit); use 0644 or 0600',
      secret:
        '{{call}} writes what looks like a secret ({{word}}) with mode {{mode}}, readable by {{who}}; use 0600 ' +
        '(0700 for directories)',
    },
    sources: [],
    notes:
      'Only constant modes are judged (literals, os.FileMode(...), os.ModePerm, constants of the file). Not judged: the mode ' +
      'of a unix socket the same function listens on (it says who may connect) and files joined under a directory the ' +
      'same function made with os.MkdirTemp (mode 0700: out of other users\' reach). World-writable ' +
      'modes are always reported (at lower severity for creation calls, which the umask normally filters; os.Chmod is ' +
      'not filtered) unless the sticky bit is set; group-writable modes are reported for files; read access for ' +
      'group/other is reported only when the path names a secret (key, token, secret, credential, password, ' +
      'htpasswd, id_rsa...; public keys, cache/map keys and test fixtures excluded). os.OpenFile is judged only with ' +
      'O_CREATE. Not judged either: device nodes under /dev (`/dev/net/tun`: the mode says who may open the device, nothing ' +
      'stored can be replaced; /dev/shm and /dev/mqueue hold files and stay judged), calls in a branch a constant ' +
      'condition makes unreachable (`const out = ""; if out != "" { … }`, constants only: a variable may be set at link ' +
      'time), and secret-sounding directories the same function only hands to a database or datastore opener (their ' +
      '"keys" are records; a directory the function writes files into stays judged) (blind sample 2026-12-18: 3 FP). ' +
      'Files built only for Windows (a `_windows.go` name or a `//go:build` line no other OS satisfies) are ' +
      'not judged: there the mode sets only the read-only attribute, access is governed by ACLs. gosec G301/G302/G306 use fixed thresholds (0750/0600) for every path, so no equivalence is claimed.',
  },
  prefilter: ['WriteFile', 'OpenFile', 'Mkdir', 'Chmod'],
  create(ctx) {
    const TARGET_NAMES = new Set(TARGETS.flatMap((t) => t.names));
    // Windows has no mode bits beyond read-only: os.Chmod(p, 0666) only clears that attribute (blind sample
    // 2026-12-13: juicefs pkg/winfsp/log.go, FP)
    const noModeBits = windowsOnly(ctx.file.path, ctx.source);
    return {
      call_expression(call) {
        const called = calleeName(call);
        if (noModeBits || !called || !TARGET_NAMES.has(called)) return;
        let target: Target | undefined;
        let fname = '';
        for (const t of TARGETS) {
          const hit = t.names.find((n) => ctx.isCallTo(call, t.pkg, n));
          if (hit) { target = t; fname = `${t.pkg === 'io/ioutil' ? 'ioutil' : 'os'}.${hit}`; break; }
        }
        if (!target) return;
        // code under a constant false condition never runs (`const appendTo = ""; if appendTo != "" { os.OpenFile(…) }`)
        if (inStaticallyDeadBranch(ctx, call)) return;
        const args = callArgs(call);
        if (isDevicePath(ctx, args[0])) return;
        const mode = evalMode(ctx, args[target.modeArg]);
        if (!mode) return;
        if (target.flagArg !== undefined && !createsFile(args[target.flagArg])) return;
        const m = mode.value & MODE_PERM;
        const data = { call: fname, mode: octal(m) };
        // the mode of a unix socket only says who may connect; a file in a fresh MkdirTemp directory (0700) is out of
        // other users' reach whatever its mode (blind sample of 2026-12-11: 2 FP)
        if ((target.kind === 'chmod' && isUnixSocketPath(ctx, call, args[0])) || inPrivateTempDir(ctx, call, args[0])) return;
        // MkdirAll(filepath.Dir(keyPath), 0755): the parent of a secret file is not itself secret
        const parentOf = target.kind === 'dir' && args[0]?.type === 'call_expression' &&
          /^(filepath|path)\.Dir$/.test(unparen(args[0].childForFieldName('function'))?.text ?? '');
        const word = parentOf || (target.kind === 'dir' && directoryContent(ctx, call, args[0]) === 'database') ? undefined : secretPath(args[0]);
        // 0666 / 0777 on creation is the "let the umask decide" idiom (os.Create uses 0666): write bits are
        // not judged, but read bits survive the usual 022 umask, so secrets are still checked.
        const umaskIdiom = target.kind !== 'chmod' && (m === 0o666 || m === 0o777);
        if (m & 0o002 && !umaskIdiom) {
          if (mode.sticky && target.kind !== 'file') return;
          if (target.kind === 'chmod') ctx.report({ node: call, messageId: 'worldWritableChmod', data, severity: 'high' });
          else ctx.report({ node: call, messageId: 'worldWritable', data, severity: 'medium' });
          return;
        }
        if (word) {
          const mask = target.kind === 'dir' ? 0o007 : 0o077;
          if (m & mask) {
            const who = m & 0o007 ? 'every local user' : 'the group';
            ctx.report({ node: call, messageId: 'secret', data: { ...data, word, who }, severity: m & 0o007 ? 'high' : 'medium' });
            return;
          }
        }
        if (target.kind === 'file' && m & 0o020 && !umaskIdiom) {
          ctx.report({ node: call, messageId: 'groupWritable', data, severity: 'low', confidence: 'medium' });
        }
      },
    };
  },
});
