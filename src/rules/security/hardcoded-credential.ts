import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../define-rule.js';
import { contains, enclosingFunction, outerParens, stringValue, unparen } from '../../go/ast.js';
import { bindingOf, nameWords, shannonEntropy } from '../_shared/security-helpers.js';
import { identifiersByName } from '../_shared/security-bindings.js';

/** Literal shapes of real credentials, recognised whatever the name. */
const SHAPES: { kind: string; re: RegExp; body?: (m: RegExpExecArray) => string }[] = [
  { kind: 'an AWS access key id', re: /\b(?:AKIA|ASIA)([0-9A-Z]{16})\b/, body: (m) => m[1]! },
  { kind: 'a GitHub token', re: /\bgh[pousr]_([A-Za-z0-9]{36,255})\b/, body: (m) => m[1]! },
  { kind: 'a GitHub fine-grained token', re: /\bgithub_pat_([A-Za-z0-9_]{60,255})\b/, body: (m) => m[1]! },
  { kind: 'a GitLab token', re: /\bglpat-([A-Za-z0-9_-]{20,})\b/, body: (m) => m[1]! },
  { kind: 'a Slack token', re: /\bxox[baprs]-([0-9A-Za-z-]{10,})/, body: (m) => m[1]! },
  { kind: 'a Google API key', re: /\bAIza([0-9A-Za-z_-]{35})\b/, body: (m) => m[1]! },
  { kind: 'a Stripe live key', re: /\b[sr]k_live_([0-9A-Za-z]{20,})\b/, body: (m) => m[1]! },
  {
    kind: 'a PEM private key',
    re: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY(?: BLOCK)?)-----[^\n]{0,80}?(?:\\[nr]|\s)+([A-Za-z0-9+/=:,\-\s]|\\[nr]){64,}/,
    body: (m) => pemBody(m.input.slice(m.index)),
  },
];
const SHAPE_PREFILTER = ['AKIA', 'ASIA', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_', 'glpat-', 'xox', 'AIza', 'k_live_', 'PRIVATE KEY'];

/**
 * The base64 body of a PEM block starting at `text`: between the BEGIN line and the END line (or the end),
 * without `\n` escapes, whitespace and RFC 1421 headers (Proc-Type:, DEK-Info:). A help text's
 * `-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END...` illustration has a few characters, a key hundreds.
 */
function pemBody(text: string): string {
  const afterBegin = text.replace(/^-----BEGIN [^-]*-----/, '');
  const end = afterBegin.indexOf('-----END');
  return (end === -1 ? afterBegin : afterBegin.slice(0, end))
    .replace(/\\[nrt]/g, '\n')
    .split(/\n/)
    .filter((l) => !/^\s*[A-Za-z-]+:\s/.test(l))
    .join('')
    .replace(/[^A-Za-z0-9+/=]/g, '');
}

/** The PEM block starting at `at`, through its END line when there is one. */
function pemBlock(text: string, at: number): string {
  const end = text.indexOf('-----END', at);
  const close = end === -1 ? -1 : text.indexOf('-----', end + 8);
  return close === -1 ? text.slice(at) : text.slice(at, close + 5);
}

/** A literal that is documentation: three or more words of prose outside the matched token (help and usage texts). */
function proseAround(text: string, token: string): boolean {
  return /[A-Za-z]{2,}[ \t]+[A-Za-z]{2,}[ \t]+[A-Za-z]{2,}/.test(text.replace(token, ' '));
}

/** Case-sensitive substrings of credential names (kept narrow: "Auth" alone would match every "Authors" header). */
const NAME_PREFILTER = [
  'assword', 'ASSWORD', 'asswd', 'ASSWD', 'assphrase', 'ecret', 'ECRET', 'Token', 'token', 'TOKEN', 'Pass', 'PASS', '_pass',
  'pwd', 'Pwd', 'PWD', 'pw', 'Pw', 'PW', 'cred', 'Cred', 'CRED', 'earer', 'EARER', 'auth', 'AUTH', 'BasicAuth', 'ProxyAuth', 'redential', 'REDENTIAL', 'Creds', 'creds', 'CREDS',
  '_key', 'KEY', '-key', 'piKey', 'PIKey', 'pikey', 'ccessKey', 'ccesskey', 'rivKey', 'rivateKey', 'rivatekey',
  'igningKey', 'ncryptionKey', 'ncryptKey', 'asterKey', 'macKey', 'MACKey', 'essionKey', 'lientKey', 'haredKey',
  'ryptoKey', 'ipherKey', 'wtKey', 'WTKey', 'icenseKey', 'dminKey', 'uthKey', 'esKey', 'ESKey',
];

const NAME_PREFILTER_RE = NAME_PREFILTER.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/** `scheme://user:password@host…` — the password part of a URL's userinfo. */
const URL_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/([^:@/\s]+):([^@/\s]+)@[^@\s]/i;

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Whole words that make a name a credential. */
const CRED_WORDS = new Set([
  'password', 'passwords', 'passwd', 'passphrase', 'pwd', 'secret', 'secrets', 'token', 'tokens', 'credential',
  'credentials', 'creds', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'clientsecret', 'authtoken', 'accesstoken',
  'refreshtoken', 'bearertoken', 'auth', 'cred', 'bearer', 'pw',
]);
/** Substrings that make a lower-case compound word a credential (dbpassword, clientsecret). */
const CRED_SUBSTRINGS = ['password', 'passwd', 'passphrase', 'secret', 'apikey', 'accesskey', 'privatekey', 'credential'];
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'priv', 'signing', 'encryption', 'encrypt', 'master', 'auth', 'session', 'hmac',
  'aes', 'client', 'shared', 'crypto', 'cipher', 'jwt', 'license', 'admin',
]);
/** Words (anywhere in the name) that make it describe a credential rather than hold one (tokenFile, passwordEnvVar). */
const DESCRIPTOR_WORDS = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'name', 'names', 'env', 'var', 'header', 'headers', 'field', 'fields',
  'type', 'types', 'kind', 'prefix', 'suffix', 'url', 'urls', 'uri', 'endpoint', 'flag', 'flags', 'format', 'fmt', 'msg',
  'message', 'error', 'err', 'errors', 'label', 'annotation', 'description', 'desc', 'help', 'usage', 'placeholder',
  'metric', 'regex', 'regexp', 're', 'pattern', 'template', 'tmpl', 'hash', 'hashed', 'digest', 'sum', 'checksum',
  'fingerprint', 'length', 'len', 'size', 'count', 'ttl', 'timeout', 'expiry', 'expiration', 'expires', 'mode',
  'method', 'scheme', 'policy', 'param', 'parameter', 'query', 'cookie', 'column', 'col', 'table', 'property', 'prop',
  'attr', 'attribute', 'text', 'title', 'hint', 'prompt', 'lifetime', 'duration', 'algorithm', 'alg', 'key', 'keys',
  'keyring', 'selector', 'namespace', 'secretref', 'kubeconfig', 'separator', 'sep', 'delimiter', 'marker', 'char',
  'chars', 'charset', 'alphabet', 'example', 'sample', 'mount', 'volume', 'route', 'event', 'reason', 'status',
  'test', 'testing', 'fake', 'dummy', 'mock', 'stub', 'wrong', 'invalid', 'bad', 'expired', 'revoked',
  // ciphertext, not the credential: what decrypts it is the secret (and is reported where it is hard-coded)
  'encrypted', 'obscured', 'ciphertext',
]);
/** Last words that make the name an object related to a credential (authClient, tokenStore, passwordUser). */
const DESCRIPTOR_LAST = new Set([
  'user', 'username', 'address', 'addr', 'id', 'ids', 'idx', 'index', 'kid', 'client', 'server', 'service', 'host', 'manager', 'generator',
  'validator', 'verifier', 'parser', 'reader', 'writer', 'cache', 'bucket', 'limiter', 'rate', 'store', 'storage',
  'provider', 'source', 'location', 'ref', 'reference', 'handler', 'request', 'req', 'response', 'resp', 'state',
  'context', 'ctx', 'config', 'cfg', 'option', 'opt', 'opts', 'options', 'command', 'cmd', 'arg', 'args', 'version',
  'scope', 'scopes', 'audience', 'issuer', 'claim', 'claims', 'subject', 'plugin', 'action', 'resource', 'tag', 'mech',
  'mechanism', 'info', 'data', 'spec', 'list', 'map', 'set', 'type', 'func', 'fn', 'callback', 'hook', 'mu', 'lock',
  // the method applied to a credential (passwordEncryption = "scram-sha-256", tokenEncoding = "base64url")
  'encryption', 'encoding', 'hashing', 'algo',
]);
/** Leading words of booleans, counters and policy switches. */
const NON_VALUE_FIRST = new Set(['no', 'is', 'has', 'use', 'enable', 'enabled', 'disable', 'allow', 'require', 'skip', 'show', 'hide', 'mask', 'redact', 'min', 'max', 'num', 'with', 'without', 'want', 'expected']);
/** Names of documentation strings: a key shape in them illustrates a format. */
const DOC_NAMES = /^(help|usage|description|desc|doc|docs|example|examples|long|short|text|comment|hint|note)$/i;
/** Placeholder and self-describing values. */
const PLACEHOLDER = /changeme|change[_-]me|example|placeholder|dummy|sample|your|replace|redacted|todo|fixme|xxx|\*\*\*|<[^>]*>|\$\{|\{\{|^\$[A-Za-z_]|test|fake|mock|demo|default|secret|passw|token|insecure|none|null|undefined/i;

/** Names of hashing, key-derivation and cipher methods: the value says how a secret is protected, not the secret (`scram-sha-256`). */
const ALGORITHM_NAME = /^(?:scram-sha-(?:1|256|512)(?:-plus)?|(?:hmac-?)?sha-?(?:1|224|256|384|512)|md5|bcrypt|scrypt|argon2(?:id|i|d)?|pbkdf2(?:-sha-?\d+)?|aes-?(?:128|192|256)(?:-(?:gcm|cbc|ctr|cfb|ofb))?|chacha20(?:-poly1305)?|xchacha20-poly1305|[rpe]s(?:256|384|512)|hs(?:256|384|512)|ed25519|curve25519)$/i;

/** Whether an identifier or key names a credential value. */
export function credentialName(name: string): boolean {
  const w = nameWords(name);
  if (!w.length) return false;
  if (NON_VALUE_FIRST.has(w[0]!) && w.length > 1) return false;
  const last = w[w.length - 1]!;
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    // "key" is a credential only when qualified (apiKey, privateKey); a bare trailing key names a lookup key
    if ((x === 'key' || x === 'keys') && i > 0 && KEY_QUALIFIERS.has(w[i - 1]!) && i === w.length - 1) {
      return !w.slice(0, i - 1).some((y) => DESCRIPTOR_WORDS.has(y));
    }
  }
  if (descriptor(w)) return false;
  if (last === 'pass' || last === 'pw') return true;
  return w.some((x) => CRED_WORDS.has(x) || CRED_SUBSTRINGS.some((s) => x.includes(s)));
}

function descriptor(words: string[]): boolean {
  if (!words.length) return false;
  return words.some((x) => DESCRIPTOR_WORDS.has(x)) || DESCRIPTOR_LAST.has(words[words.length - 1]!);
}

function vowelRatio(s: string): number {
  const letters = s.replace(/[^A-Za-z]/g, '');
  if (!letters.length) return 0;
  return letters.replace(/[^aeiouAEIOU]/g, '').length / letters.length;
}

/** A letters-only segment that reads like a random string rather than words. */
function randomLetters(seg: string): boolean {
  return seg.length >= 12 && vowelRatio(seg) < 0.22 && shannonEntropy(seg) >= 3.3;
}

/** A file name by its extension (ServerKey.pem, id_RSA.pub, Prod-Creds.json): where a secret is kept, not the secret. */
const FILE_NAME = /^[\w.-]+\.(?:pem|key|crt|cer|csr|der|p12|pfx|jks|keystore|pub|gpg|asc|kdbx|json|ya?ml|toml|ini|conf|cfg|env|txt|db|sqlite3?)$/i;

/** Calls whose string arguments are file names or paths (`filepath.Join(home, ".ssh", defaultKey)`, os.ReadFile). */
const PATH_CALLS: Record<string, ReadonlySet<string>> = {
  'path/filepath': new Set(['Join', 'Abs', 'Base', 'Clean', 'Dir', 'Ext', 'Glob', 'Rel', 'Split', 'Match', 'EvalSymlinks', 'FromSlash', 'ToSlash']),
  path: new Set(['Join', 'Base', 'Clean', 'Dir', 'Ext', 'Split', 'Match']),
  os: new Set(['ReadFile', 'Open', 'OpenFile', 'Create', 'Stat', 'Lstat', 'WriteFile', 'Remove', 'RemoveAll', 'ReadDir', 'Mkdir', 'MkdirAll', 'Chmod', 'Rename']),
  'io/ioutil': new Set(['ReadFile', 'WriteFile', 'ReadDir']),
};

/**
 * Whether the variable or constant a literal is bound to is used as a file name or path in this file: an argument
 * (alone or concatenated) of filepath.Join, os.ReadFile and the like. `defaultPrivateKey = "id_ed25519"` joined into
 * ~/.ssh/id_ed25519 names the key file; a secret value is never a path element.
 */
function usedAsFileName(ctx: RuleContext, lit: Node): boolean {
  const b = bindingOf(outerParens(lit));
  if (!b || b.kind !== 'var') return false;
  const name = b.name;
  const spec = b.node.parent;
  const fn = enclosingFunction(lit);
  const scope = fn ?? ctx.root;
  for (const id of identifiersByName(scope).get(name) ?? []) {
    if (id.startIndex === b.node.startIndex) continue;
    if (!fn && ctx.isShadowed(name, id)) continue;
    if (spec && contains(spec, id)) continue;
    let e: Node = outerParens(id);
    while (e.parent?.type === 'binary_expression' && (e.parent.childForFieldName('operator')?.text ?? e.parent.child(1)?.text) === '+') e = outerParens(e.parent);
    const call = e.parent?.type === 'argument_list' ? e.parent.parent : null;
    if (call?.type !== 'call_expression') continue;
    const r = ctx.resolveCall(call);
    if (r?.pkg && PATH_CALLS[r.pkg]?.has(r.name)) return true;
  }
  return false;
}

/** Whether a string value looks like a real secret rather than a name, message, path or placeholder. */
export function secretLikeValue(raw: string): boolean {
  const v = raw.replace(/^(?:Bearer|Basic|Token|token|bearer|Digest):?\s+/, '');
  const n = [...v].length;
  if (n < 8 || n > 512) return false;
  if (/\s/.test(v)) return false;
  if (PLACEHOLDER.test(v)) return false;
  if (ALGORITHM_NAME.test(v)) return false;
  if (/^(.)\1+$/.test(v)) return false;
  if (/%[-+# 0-9.*]*[a-zA-Z]/.test(v)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false;
  if (/^(\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(v)) return false;
  if (/^[\w.@-]+(\/[\w.@-]+)+\/?$/.test(v) && !/[+=]/.test(v) && v.split('/').every((s) => !/[A-Z]/.test(s) || /^[A-Z][a-z]+$/.test(s))) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(v) && (v.includes('_') || vowelRatio(v) >= 0.22)) return false;
  if (/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(v)) return false;
  if (/^(localhost|[a-z0-9_-]+(\.[a-z0-9_-]+)+):[0-9]{1,5}$/i.test(v)) return false; // host:port
  if (FILE_NAME.test(v)) return false;
  if (!/[A-Za-z]/.test(v)) return false;
  const segments = v.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (segments.every((s) => /^[A-Za-z]+[0-9]?$/.test(s) && !randomLetters(s.replace(/[0-9]+$/, '')))) return false;
  const threshold = Math.min(3.0, Math.log2(n) - 0.5);
  return shannonEntropy(v) >= threshold;
}

export default defineRule({
  meta: {
    id: 'SEC1001',
    name: 'hardcoded-credential',
    dimension: 'security',
    severity: 'high',
    confidence: 'medium',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-16',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 2 TP, 5 FP, 1 "nobody would act" of 8 judged — precision 28.6 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: test fixtures outside _test files, a key file name, public OAuth client credentials of third-party apps. Reworked after the 2026-12-15 sample (key-file names and paths, fixture files only tests reach), so its record restarts at 2026-12-16 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar.',
    title: 'Hard-coded credential or secret in source code',
    passCriterion: 'no credential or secret is written in source code',
    rationale:
      'A password, token or private key committed to the repository is readable by everyone with access to the code, ' +
      'its forks, CI logs and every built binary (strings(1) recovers it), and it stays in git history after removal. ' +
      'It cannot be rotated without a release, is shared by every environment, and leaked keys of known formats ' +
      '(AWS, GitHub, Slack) are harvested by bots within minutes of a push to a public repository.',
    fix: {
      text: 'Revoke and rotate the secret, then load it at runtime from the environment, a mounted file or a secret ' +
        'manager (Vault, AWS Secrets Manager, Kubernetes Secrets); keep only the variable or file name in code.',
      effort: 'medium',
    },
    examples: [
      {
        bad: 'package db\n\nconst dbPassword = "s3cR3t-Pr0d-9f8a7c"\n\nfunc DSN() string { return "app:" + dbPassword + "@tcp(db:3306)/app" }\n',
        good: 'package db\n\nimport "os"\n\nfunc DSN() string { return "app:" + os.Getenv("DB_PASSWORD") + "@tcp(db:3306)/app" }\n',
      },
      {
        bad: 'package cloud\n\nvar accessKeyID = "AKIAZ7Q2LMNB4XK9RT3V"\n',
        good: 'package cloud\n\nimport "os"\n\nvar accessKeyID = os.Getenv("AWS_ACCESS_KEY_ID")\n',
      },
    ],
    messages: {
      urlPassword: 'URL literal carries the password of user `{{user}}` ({{len}} chars): load the credentials from the environment or a secret store and build the URL at runtime',
      shape: 'string literal contains {{kind}}: revoke it and load it from the environment or a secret store',
      placeholderShape:
        'string literal has the shape of {{kind}} in the documentation placeholder form (…EXAMPLE): a credential default shipped in code; load it from the environment or a secret store',
      named: '{{name}} is set to a hard-coded secret-looking string ({{len}} chars): load it from the environment, a file or a secret manager',
    },
    sources: ['gosec:G101'],
    notes:
      'Name-based findings need both a credential-like name (password, passwd, pwd, secret, token, credential, auth, ' +
      'apiKey/accessKey/privateKey/signingKey..., compound forms like dbPassword or client_secret) on a const/var, ' +
      'assignment, struct field, map key or == comparison, AND a value that looks like a secret: at least 8 characters, ' +
      'no whitespace, enough Shannon entropy, not word-like (header names, identifiers, messages), not a placeholder ' +
      '(changeme, example, xxx, <...>, ${...}, test/demo/default values), env-var name, URL, path, dotted key or format ' +
      'string. Names that describe a credential rather than hold it (tokenFile, passwordEnv, secretName, tokenHeader, ' +
      'authURL, passwordKey...) are not reported, nor is a value that names a file: one with a key-file or config-file ' +
      'extension (.pem, .key, .pub, .json...), or a constant or variable the same file uses as a path element ' +
      '(filepath.Join(home, ".ssh", defaultPrivateKey), os.ReadFile) — id_ed25519 is where a key is kept, not the key. Well-known key formats (AWS AKIA/ASIA ids, GitHub gh*_ and github_pat_, ' +
      'GitLab glpat-, Slack xox*-, Google AIza, Stripe sk_live_/rk_live_, PEM private keys with a body) are reported at ' +
      'critical severity whatever the name; an AWS id in its documented placeholder form (…EXAMPLE) is reported at low severity unless its name says it is an example or documentation, other shapes containing EXAMPLE are not. A URL ' +
      'literal whose userinfo carries a secret-looking password (`scheme://user:pass@host`) is reported whatever its name; ' +
      'a trailing `// #nosec G101` on the first line of a multi-line literal covers all of it. Test files and test-support packages (testdata/, testutil/, fixtures/, e2e/, ' +
      'examples/, *test packages, mocks and fakes) are skipped.',
  },
  // a key shape anywhere, or a credential-like name with a quoted 8+ character token later on the same line
  prefilterRegex: new RegExp(
    `${SHAPE_PREFILTER.map((s) => s.replace(/[.*+?^\${}()|[\]\\]/g, '\\$&')).join('|')}|` +
      `(?:${NAME_PREFILTER_RE})[^\n]{0,120}?["\`](?:(?:Bearer|Basic|Token|bearer|token):?\\s+)?[^"\`\\s]{8,}|` +
      `["\`][^"\`\\s]{8,}["\`]\\s*[!=]=[^\n]{0,120}?(?:${NAME_PREFILTER_RE})|` +
      `://[^/\\s"\`:@]+:[^/\\s"\`@]+@`,
  ),
  create(ctx): Visitors {
    const onString = (lit: Node) => {
      if (lit.parent?.type === 'import_spec' || lit.parent?.type === 'field_declaration') return;
      const text = lit.text;
      if (text.length < 10) return;
      if (SHAPE_PREFILTER.some((s) => text.includes(s))) for (const s of SHAPES) {
        const m = s.re.exec(text);
        if (!m) continue;
        const body = s.body ? s.body(m) : m[0];
        if (/^(.)\1+$/.test(body) || shannonEntropy(body) < 2.5) continue;
        if (/EXAMPLE|example/.test(m[0])) {
          // AWS's documentation keys (AKIA…EXAMPLE) are placeholders, but one shipped in code bound to a real
          // credential name is still a hard-coded default; a name that says it is an example is documentation
          if (s.kind !== 'an AWS access key id') continue;
          const bound = boundCredentialName(lit);
          if (bound && (DOC_NAMES.test(bound) || nameWords(bound).some((w) => w === 'example' || w === 'doc' || w === 'docs'))) continue;
          ctx.report({ node: lit, messageId: 'placeholderShape', data: { kind: s.kind }, severity: 'low', confidence: 'medium' });
          return;
        }
        if (s.kind === 'a PEM private key' && body.length < 64) continue;
        const token = s.kind === 'a PEM private key' ? pemBlock(text, m.index) : m[0];
        if (proseAround(text, token)) continue;
        const bound = boundCredentialName(lit);
        if (bound && DOC_NAMES.test(bound)) continue;
        ctx.report({ node: lit, messageId: 'shape', data: { kind: s.kind }, severity: 'critical', confidence: 'high' });
        return;
      }
      const value = stringValue(lit);
      if (value === undefined) return;
      const userinfo = URL_USERINFO.exec(value);
      if (userinfo && secretLikeValue(decodeURIComponentSafe(userinfo[2]!))) {
        ctx.report({ node: lit, messageId: 'urlPassword', data: { user: userinfo[1]!, len: [...userinfo[2]!].length } });
        return;
      }
      const name = boundCredentialName(lit);
      if (!name || !credentialName(name)) return;
      if (!secretLikeValue(value)) return;
      if (usedAsFileName(ctx, lit)) return;
      ctx.report({ node: lit, messageId: 'named', data: { name, len: [...value].length } });
    };
    return {
      interpreted_string_literal: onString,
      raw_string_literal: onString,
    };
  },
});

/** The name a string literal is bound to: var/const, assignment target, struct field or map key, or == operand. */
function boundCredentialName(lit: Node): string | undefined {
  const e = outerParens(lit);
  const b = bindingOf(e);
  if (b) return b.name;
  const p = e.parent;
  if (p?.type === 'binary_expression') {
    const op = p.childForFieldName('operator')?.text ?? p.child(1)?.text;
    if (op !== '==' && op !== '!=') return undefined;
    const left = unparen(p.childForFieldName('left'));
    const right = unparen(p.childForFieldName('right'));
    const other = left && left.startIndex === e.startIndex ? right : left;
    if (!other) return undefined;
    if (other.type === 'identifier') return other.text;
    if (other.type === 'selector_expression') return other.childForFieldName('field')?.text;
  }
  return undefined;
}
