import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { isQualifiedType } from '../_shared/declared-type.js';
import { isContextType } from '../_shared/context-scope.js';

/** Whether a struct also keeps the cancel function of its context: it owns a lifetime it created, not a caller's ctx. */
function holdsCancel(ctx: RuleContext, struct: Node): boolean {
  for (const fd of struct.descendantsOfType('field_declaration')) {
    const t = fd?.childForFieldName('type')?.text ?? '';
    if (isQualifiedType(ctx, t, 'context', ['CancelFunc', 'CancelCauseFunc']) || /^func\(\s*\)$/.test(t.replace(/\s+/g, ''))) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'CON1012',
    name: 'context-in-struct',
    dimension: 'concurrency',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'On 9 real repositories (140 findings, seeded sample of 8 read) no sample was a request context kept past its ' +
      'call: 7 were component lifetimes or config carriers by design (rclone VFS cache, minio expiry state), 1 a ' +
      'per-operation state bundle. The finding is a style signal, not a defect, until it can see how the field is used.',
    title: 'context.Context stored in a struct field',
    passCriterion: 'contexts are passed as the first argument of each call, not kept in structs',
    rationale:
      'A context belongs to one call: its deadline, cancellation and values describe that request. Stored in a struct, ' +
      'it outlives the call that created it, so later method calls run under a context that may already be cancelled ' +
      '(failing with "context canceled" for no visible reason) or under one that is never cancelled (ignoring the ' +
      'caller\'s deadline), and request-scoped values such as trace spans leak into unrelated work.',
    fix: {
      text: 'Pass ctx as the first parameter of each method that needs it. A component that owns a lifetime should keep the cancel function with it (or a done channel) and be stopped by Close/Stop.',
      effort: 'medium',
    },
    examples: [
      {
        bad:
          'package store\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\ntype Repo struct {\n\tctx context.Context\n\tdb  *sql.DB\n}\n\n' +
          'func (r *Repo) Delete(id string) error {\n\t_, err := r.db.ExecContext(r.ctx, "delete from items where id = $1", id)\n\treturn err\n}\n',
        good:
          'package store\n\nimport (\n\t"context"\n\t"database/sql"\n)\n\ntype Repo struct {\n\tdb *sql.DB\n}\n\n' +
          'func (r *Repo) Delete(ctx context.Context, id string) error {\n\t_, err := r.db.ExecContext(ctx, "delete from items where id = $1", id)\n\treturn err\n}\n',
      },
    ],
    messages: {
      stored: 'struct field {{field}} stores a context.Context: pass ctx to each call instead (it outlives the request it belongs to)',
    },
    sources: ['golangci:containedctx'],
    notes:
      'Named fields of type context.Context are reported. Not reported: an embedded context.Context (the way to ' +
      'implement a custom Context), and structs that also keep a context.CancelFunc (or func()) field: such a ' +
      'component created the context as its own lifetime and can end it.',
  },
  prefilter: ['context.Context'],
  prefilterAll: ['struct'],
  create(ctx) {
    return {
      field_declaration(fd) {
        const type = fd.childForFieldName('type');
        if (!type || !isContextType(ctx, type.text)) return;
        const names = fd.childrenForFieldName('name').filter((n): n is Node => !!n);
        if (names.length === 0) return; // embedded: a custom Context implementation
        const struct = fd.parent?.parent;
        if (struct?.type !== 'struct_type' || holdsCancel(ctx, struct)) return;
        for (const n of names) ctx.report({ node: n, messageId: 'stored', data: { field: n.text } });
      },
    };
  },
});
