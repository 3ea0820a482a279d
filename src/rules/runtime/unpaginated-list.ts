import type { Node } from 'web-tree-sitter';
import { defineRule } from '../define-rule.js';
import type { RuleContext } from '../define-rule.js';
import { callArgs, enclosingDeclaredFunction, functionName, literalElements, stringValue, unparen } from '../../go/ast.js';
import { commandLineCode } from '../../core/code-roles.js';

/** Cluster-scoped kinds that stay small on any cluster. */
const SMALL_KINDS = /\.(?:Namespaces|IngressClasses|StorageClasses|PriorityClasses|RuntimeClasses|CSIDrivers|APIServices|ValidatingWebhookConfigurations|MutatingWebhookConfigurations)\(\)$/;

const METAV1 = 'k8s.io/apimachinery/pkg/apis/meta/v1';

/** True when `type` (a composite literal's type) is metav1.ListOptions. */
function isListOptionsType(ctx: RuleContext, type: Node | null): boolean {
  if (!type) return false;
  let pkgNode: Node | null = null;
  let name: string | undefined;
  if (type.type === 'qualified_type') {
    pkgNode = type.childForFieldName('package');
    name = type.childForFieldName('name')?.text;
  } else if (type.type === 'selector_expression') {
    pkgNode = type.childForFieldName('operand');
    name = type.childForFieldName('field')?.text;
  } else if (type.type === 'type_identifier') {
    return type.text === 'ListOptions' && ctx.imports.isDotImported(METAV1);
  }
  if (name !== 'ListOptions' || !pkgNode) return false;
  const local = pkgNode.text;
  const path = ctx.imports.pathOf(local);
  if (path === METAV1) return !ctx.isShadowed(local, pkgNode);
  // an unaliased import of .../meta/v1 is used as `v1` (its package name), not `meta`
  if (path === undefined && local === 'v1' && ctx.imports.specs.some((s) => s.path === METAV1 && !s.aliased)) return !ctx.isShadowed(local, pkgNode);
  return false;
}

/** `NamespaceAll` or "": every namespace. */
function allNamespaces(arg: Node): boolean {
  const e = unparen(arg);
  if (!e) return false;
  if (stringValue(e) === '') return true;
  return e.type === 'selector_expression' ? e.childForFieldName('field')?.text === 'NamespaceAll' : e.text === 'NamespaceAll';
}

/** The resource accessor of `x.Pods(ns).List`: true when it names one namespace (an argument other than "" or NamespaceAll). */
function namespacedAccessor(operand: Node | null): boolean {
  const acc = unparen(operand);
  if (acc?.type !== 'call_expression') return false;
  const args = callArgs(acc);
  return args.length === 1 && !allNamespaces(args[0]!);
}

/** A list made once at start-up: in func main or init of a main package (init of any package). */
function startUp(ctx: RuleContext, call: Node): boolean {
  const name = functionName(enclosingDeclaredFunction(call));
  return name === 'init' || (ctx.file.isMain && name === 'main');
}

export default defineRule({
  meta: {
    id: 'RUN2013',
    name: 'unpaginated-list',
    dimension: 'runtime',
    severity: 'low',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'Blind samples of 2026-12-09 to 2026-12-12: 2 true positives, 1 false and 8 "nobody would act" in 11 draws — lists of small, cluster-scoped object sets (ServiceCIDRs, nodes when every node\'s data is needed anyway), lists in operator-triggered diagnostic dumps and in opt-in configuration paths, where paging does not reduce the data read.',
    title: 'client-go List call without Limit (unpaginated LIST against the API server)',
    passCriterion: 'client-go List calls page through results with Limit/Continue',
    rationale:
      'A LIST with empty ListOptions asks the API server for every object in one response: on a large cluster that is ' +
      'hundreds of megabytes decoded at once in the apiserver and in this process, a quorum read from etcd, and a ' +
      'classic cause of apiserver memory spikes and client OOMs. Limit/Continue pages the result (k8s.io/client-go/tools/pager ' +
      'does it for you); ResourceVersion "0" serves it from the watch cache; an informer avoids repeated LISTs altogether.',
    fix: {
      text: 'Page the list (ListOptions{Limit: 500} with Continue, or tools/pager), serve it from the watch cache (ResourceVersion: "0"), or use a shared informer/lister when the list is repeated.',
      effort: 'medium',
    },
    examples: [
      {
        bad: 'package ctl\n\nimport (\n\t"context"\n\n\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"\n\t"k8s.io/client-go/kubernetes"\n)\n\nfunc Count(ctx context.Context, c kubernetes.Interface) (int, error) {\n\tpods, err := c.CoreV1().Pods("").List(ctx, metav1.ListOptions{})\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\treturn len(pods.Items), nil\n}\n',
        good: 'package ctl\n\nimport (\n\t"context"\n\n\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"\n\t"k8s.io/client-go/kubernetes"\n)\n\nfunc Count(ctx context.Context, c kubernetes.Interface) (int, error) {\n\tpods, err := c.CoreV1().Pods("").List(ctx, metav1.ListOptions{ResourceVersion: "0"})\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\treturn len(pods.Items), nil\n}\n',
      },
    ],
    messages: {
      unpaginated: 'List with {{opts}} has no Limit: the whole collection comes back in one response; page it (Limit/Continue, tools/pager) or read from the watch cache (ResourceVersion "0")',
    },
    sources: [],
    notes:
      'Conservative: only `.List(ctx, metav1.ListOptions{...})` with the options written inline and no Limit, Continue ' +
      'or ResourceVersion field; a field selector on metadata.name (a single object) and small cluster-scoped kinds ' +
      '(Namespaces, IngressClasses, StorageClasses, PriorityClasses, webhooks...) are not reported. Options passed ' +
      'in a variable, controller-runtime client.List and listers are not judged. Test files and test-support code are skipped. ' +
      'Not reported either: lists of one namespace (the resource accessor names a namespace other than "" or ' +
      'NamespaceAll: one tenant\'s objects, which a caller such as a dashboard or a diagnostics path needs whole), lists ' +
      'made once at start-up (in func main or init of a main package), and one-shot command-line code ' +
      '(src/core/code-roles.ts commandLineCode). Blind samples 2026-12-09/11: the two true positives were cluster-wide ' +
      'lists of VolumeAttachments and Nodes per data mover; five namespaced, start-up or dashboard lists were judged ' +
      '"nobody would act".',
  },
  prefilter: ['ListOptions'],
  create(ctx) {
    let oneShot: boolean | undefined;
    return {
      call_expression(call) {
        const fn = unparen(call.childForFieldName('function'));
        if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'List') return;
        if (namespacedAccessor(fn.childForFieldName('operand'))) return;
        if (SMALL_KINDS.test(fn.childForFieldName('operand')?.text.replace(/\s+/g, '') ?? '')) return;
        const args = callArgs(call);
        if (args.length !== 2) return;
        const lit = unparen(args[1]);
        if (lit?.type !== 'composite_literal' || !isListOptionsType(ctx, lit.childForFieldName('type'))) return;
        const els = literalElements(lit);
        if (els.some((e) => e.key === 'Limit' || e.key === 'Continue' || e.key === 'ResourceVersion')) return;
        const fs = els.find((e) => e.key === 'FieldSelector');
        const fsv = fs ? stringValue(fs.value) : undefined;
        if (fs && (fsv === undefined || /metadata\.name=/.test(fsv))) return;
        const opts = els.length ? `ListOptions{${els.map((e) => e.key).filter(Boolean).join(', ')}}` : 'empty ListOptions';
        if (startUp(ctx, call) || (oneShot ??= !!commandLineCode(ctx.file.path, ctx.source))) return;
        ctx.report({ node: call, messageId: 'unpaginated', data: { opts } });
      },
    };
  },
});
