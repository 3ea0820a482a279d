import type { Node } from 'web-tree-sitter';
import { defineRule, type EmittedFact } from '../define-rule.js';
import type { RepoFacts } from '../../facts/repo-facts.js';
import { tokenizeGo } from '../../facts/go-symbol-refs.js';
import { dirOf } from '../_shared/obs-packages.js';

/** An unexported, bidirectional channel field of a struct type declared in a production file. */
interface FieldFact { field: string; type: string; file: string; line: number }

/** How one mention of `.field` (or `field:` in a composite literal) uses the channel. */
type Use = 'receive' | 'send' | 'close' | 'neutral' | 'other';

type Tok = ReturnType<typeof tokenizeGo>[number];

/** Index of the first token of the operand chain ending just before tokens[dot] (`s`, `s.inner`), or -1 when not a plain name chain. */
function chainStart(toks: Tok[], dot: number): number {
  let j = dot - 1;
  if (toks[j]?.k !== 'id') return -1;
  while (toks[j - 1]?.v === '.' && toks[j - 2]?.k === 'id') j -= 2;
  return j;
}

/** Where a receive waits: alone (`<-x.f`, `range x.f`), as a case of a select without default, or of one with default (a poll). */
type Wait = 'bare' | 'select' | 'poll';

/** Index of the `{` opening the block that holds tokens[i], or -1. */
function openingBrace(toks: Tok[], i: number): number {
  let depth = 0;
  for (let k = i - 1; k >= 0; k--) {
    const v = toks[k]!.v;
    if (toks[k]!.k !== 'op') continue;
    if (v === '}') depth++;
    else if (v === '{') {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

/** Whether the select whose body opens at tokens[open] has a `default:` case of its own. */
function selectHasDefault(toks: Tok[], open: number): boolean {
  let depth = 0;
  for (let k = open + 1; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.k === 'op' && t.v === '{') depth++;
    else if (t.k === 'op' && t.v === '}') {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && t.k === 'id' && t.v === 'default' && toks[k + 1]?.v === ':') return true;
  }
  return false;
}

/** How the receive whose `<-` is tokens[arrow] waits. */
function waitOf(toks: Tok[], arrow: number): Wait {
  // `case <-x.f:`, `case v := <-x.f:`, `case v, ok = <-x.f:`
  let k = arrow - 1;
  if (toks[k]?.v === ':=' || toks[k]?.v === '=') {
    k--;
    while (toks[k]?.k === 'id' && toks[k - 1]?.v === ',') k -= 2;
    k--;
  }
  if (toks[k]?.v !== 'case') return 'bare';
  const open = openingBrace(toks, k);
  if (open < 1 || toks[open - 1]?.v !== 'select') return 'bare';
  return selectHasDefault(toks, open) ? 'poll' : 'select';
}

/** `make(chan …)` or `nil` starting at tokens[i]: a fresh channel, nothing else can send on it yet. */
function freshValue(toks: Tok[], i: number): boolean {
  const t = toks[i];
  if (t?.k === 'id' && t.v === 'nil') return true;
  return t?.v === 'make' && toks[i + 1]?.v === '(' && toks[i + 2]?.v === 'chan';
}

/** Uses of field `field` in one file's tokens, with their positions. */
function usesIn(toks: Tok[], field: string): { use: Use; wait?: Wait; line: number; col: number }[] {
  const out: { use: Use; wait?: Wait; line: number; col: number }[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== 'id' || t.v !== field) continue;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (prev?.v === '.') {
      const start = chainStart(toks, i - 1);
      const before = start >= 0 ? toks[start - 1] : undefined;
      let use: Use = 'other';
      if (next?.v === '.' || next?.v === '[' || next?.v === '(') use = 'other'; // a field of something else named alike
      else if (start < 0) use = next?.v === '<-' ? 'send' : 'other';
      else if (next?.v === '<-') use = 'send';
      else if (before?.v === '<-' || before?.v === 'range') use = 'receive';
      else if (before?.v === '(' && toks[start - 2]?.v === 'close' && next?.v === ')') use = 'close';
      else if (before?.v === '(' && (toks[start - 2]?.v === 'len' || toks[start - 2]?.v === 'cap') && next?.v === ')') use = 'neutral';
      else if ((next?.v === '==' || next?.v === '!=') && toks[i + 2]?.v === 'nil') use = 'neutral';
      else if (next?.v === '=' && freshValue(toks, i + 2) && (toks[start - 1]?.k === ';' || toks[start - 1]?.v === '{' || start === 0)) use = 'neutral';
      const wait = use === 'receive' ? (before?.v === 'range' ? 'bare' : waitOf(toks, start - 1)) : undefined;
      out.push({ use, wait, line: t.line, col: t.col });
    } else if (next?.v === ':' && (prev?.v === '{' || prev?.v === ',')) {
      // a keyed element of a composite literal (or a label): a fresh channel, or a channel from elsewhere
      out.push({ use: freshValue(toks, i + 2) ? 'neutral' : 'other', line: t.line, col: t.col });
    }
  }
  return out;
}

/** Grouping key of the facts' package: directory of the file (the package name is matched when reading siblings). */
function packageFiles(repo: RepoFacts, dir: string, packageName: string): { rel: string; isTest: boolean }[] {
  return repo.goFiles
    .filter((f) => dirOf(f.rel) === dir && f.packageName === packageName)
    .map((f) => ({ rel: f.rel, isTest: f.isTest }));
}

function channelFields(typeSpec: Node): { name: Node; decl: Node }[] {
  const st = typeSpec.childForFieldName('type');
  if (st?.type !== 'struct_type') return [];
  const list = st.namedChildren.find((c) => c?.type === 'field_declaration_list');
  const out: { name: Node; decl: Node }[] = [];
  for (const fd of list?.namedChildren ?? []) {
    if (fd?.type !== 'field_declaration') continue;
    const type = fd.childForFieldName('type');
    // bidirectional only: a receive-only field is filled from a channel its sender owns elsewhere
    if (type?.type !== 'channel_type' || !/^chan\b(?!\s*<-)/.test(type.text)) continue;
    for (const n of fd.childrenForFieldName('name')) {
      // unexported: another package cannot send on it
      if (n && /^[\p{Ll}_]/u.test(n.text)) out.push({ name: n, decl: fd });
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'CON1025',
    name: 'struct-chan-never-sent',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Too few findings to measure precision: on 64 development repositories (accuracy corpus and judge2-4 sets) the first ' +
      'version reported 4 (0 FP; 3 DEB: dead polls in a select with default in containerd cgroups v1/v2 and a gatekeeper ' +
      'stop channel; 1 TP: tempo\'s receiver shim waits on a fatal-error channel nothing sends on any more, so receiver ' +
      'failures never stop the module). Polls are no longer reported, which leaves the tempo finding.',
    title: 'Struct channel field is received from but never sent on or closed',
    passCriterion: 'every channel field that code waits on is sent on or closed somewhere in its package (a stop channel is closed by Close/Stop)',
    rationale:
      'A receive from a channel that nothing sends on and nothing closes blocks forever. For a struct field that is ' +
      'unexported, only its own package can send on it or close it; when no file of the package does, every goroutine ' +
      'waiting on it hangs for the life of the process, and a select case on it never fires — typically a `stop` or ' +
      '`done` channel whose Close/Stop method was never written or closes another channel, so the worker cannot be ' +
      'stopped and graceful shutdown waits forever.',
    fix: {
      text: 'Close the channel where the component stops (Close/Stop/Shutdown, once, e.g. with sync.Once), or send on it where the event happens; delete the field if it is dead.',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package worker\n\nimport "time"\n\ntype Worker struct {\n\tstop chan struct{}\n}\n\nfunc New() *Worker {\n\tw := &Worker{stop: make(chan struct{})}\n' +
          '\tgo w.loop()\n\treturn w\n}\n\nfunc (w *Worker) loop() {\n\tt := time.NewTicker(time.Second)\n\tdefer t.Stop()\n\tfor {\n\t\tselect {\n' +
          '\t\tcase <-w.stop:\n\t\t\treturn\n\t\tcase <-t.C:\n\t\t}\n\t}\n}\n\nfunc (w *Worker) Close() {}\n',
        good:
          'package worker\n\nimport "time"\n\ntype Worker struct {\n\tstop chan struct{}\n}\n\nfunc New() *Worker {\n\tw := &Worker{stop: make(chan struct{})}\n' +
          '\tgo w.loop()\n\treturn w\n}\n\nfunc (w *Worker) loop() {\n\tt := time.NewTicker(time.Second)\n\tdefer t.Stop()\n\tfor {\n\t\tselect {\n' +
          '\t\tcase <-w.stop:\n\t\t\treturn\n\t\tcase <-t.C:\n\t\t}\n\t}\n}\n\nfunc (w *Worker) Close() { close(w.stop) }\n',
      },
    ],
    messages: {
      neverSent:
        '{{type}}.{{field}} is received from here, but no file of package {{pkg}} sends on it or closes it: this receive blocks forever',
      caseNeverFires:
        '{{type}}.{{field}} is waited on in this select, but no file of package {{pkg}} sends on it or closes it: the case never fires, so whatever it was meant to stop or deliver never happens',
    },
    sources: [],
    notes:
      'Package model: the struct\'s unexported, bidirectional `chan` fields (declared in production code); in finish, ' +
      'every Go file of the same directory and package name (tests of the same package included, build-tag variants ' +
      'included) is read and each `.field` mention classified from the tokens: receive (`<-x.f`, `range x.f`), send ' +
      '(`x.f <- v`), close(x.f), neutral (`x.f = make(chan …)`, `= nil`, `f: make(chan …)` in a literal, len/cap, ' +
      'comparison with nil) or anything else (returned, assigned to a variable, passed to a function, `f: ch` in a ' +
      'literal), which counts as handing the channel on and silences the field. Fields are matched by name, so a ' +
      'send on any field of the same name in the package counts. One finding per field, at its first blocking receive ' +
      '(`<-x.f` outside a select, `range x.f`) in production code, else at its first case in a select without default; ' +
      'a field only polled (a select with a default case) is not reported, since nothing waits on it. Receive-only (`<-chan`) fields and exported fields are not judged.',
  },
  prefilter: ['chan'],
  prefilterAll: ['struct'],
  create(ctx) {
    return {
      type_spec(spec) {
        const type = spec.childForFieldName('name')?.text ?? '';
        for (const f of channelFields(spec)) {
          ctx.emit({ field: f.name.text, type, file: ctx.file.path, line: f.decl.startPosition.row + 1 } satisfies FieldFact);
        }
      },
    };
  },
  finish(facts: EmittedFact[], report, repo) {
    // package (directory + name) -> fields declared there
    const byPkg = new Map<string, { dir: string; pkg: string; fields: FieldFact[] }>();
    for (const f of facts) {
      const d = f.data as FieldFact;
      const key = `${dirOf(f.file.path)}\u0000${f.file.packageName}`;
      const g = byPkg.get(key) ?? { dir: dirOf(f.file.path), pkg: f.file.packageName, fields: [] };
      g.fields.push(d);
      byPkg.set(key, g);
    }
    for (const g of byPkg.values()) {
      const names = [...new Set(g.fields.map((f) => f.field))];
      const uses = new Map<string, { use: Use; wait?: Wait; file: string; isTest: boolean; line: number; col: number }[]>();
      for (const file of packageFiles(repo, g.dir, g.pkg)) {
        const { text } = repo.readText(file.rel);
        if (text === undefined) {
          // a file of the package cannot be read: it may send on any of these channels
          for (const n of names) uses.set(n, [...(uses.get(n) ?? []), { use: 'other', file: file.rel, isTest: file.isTest, line: 0, col: 0 }]);
          continue;
        }
        const present = names.filter((n) => text.includes(n));
        if (!present.length) continue;
        const toks = tokenizeGo(text);
        for (const n of present) {
          for (const u of usesIn(toks, n)) uses.set(n, [...(uses.get(n) ?? []), { ...u, file: file.rel, isTest: file.isTest }]);
        }
      }
      const reported = new Set<string>();
      for (const f of g.fields) {
        if (reported.has(f.field)) continue;
        const us = uses.get(f.field) ?? [];
        if (us.some((u) => u.use === 'send' || u.use === 'close' || u.use === 'other')) continue;
        // a receive that blocks is worse than a select case that never fires; a poll (select with default) costs nothing
        const order = (w: Wait | undefined) => (w === 'bare' ? 0 : 1);
        const first = us.filter((u) => u.use === 'receive' && u.wait !== 'poll' && !u.isTest)
          .sort((a, b) => order(a.wait) - order(b.wait) || a.file.localeCompare(b.file) || a.line - b.line)[0];
        if (!first) continue;
        reported.add(f.field);
        report({ file: first.file, line: first.line, column: first.col, messageId: first.wait === 'bare' ? 'neverSent' : 'caseNeverFires', data: { type: f.type, field: f.field, pkg: g.pkg } });
      }
    }
  },
});
