/** Builds the RuleContext handed to each file rule: facts computed once per file, shared by all rules. */
import type { Node } from 'web-tree-sitter';
import { assignedNames, FUNCTION_TYPES, parameters, unparen } from '../go/ast.js';
import type { FunctionIndex } from '../go/functions.js';
import type { ImportTable } from '../go/imports.js';
import type { FileInfo, ReportInput, ResolvedCall, RuleContext } from '../rules/define-rule.js';

const DECL_TYPES = ['short_var_declaration', 'var_spec', 'const_spec', 'range_clause', 'type_switch_statement'];
const SCOPE_TYPES = new Set([
  'block', 'for_statement', 'if_statement', 'expression_switch_statement', 'type_switch_statement',
  'select_statement', 'communication_case', 'expression_case', 'type_case', 'default_case',
  'func_literal', 'function_declaration', 'method_declaration',
]);

/** The rule context of one file, shared by every rule that runs on its tree (facts computed once); `makeRuleContext` adds each rule's report and emit. */
export class FileRuleContext {
  private readonly shadowCache = new Map<string, boolean>();
  constructor(
    readonly file: FileInfo,
    readonly source: string,
    readonly root: Node,
    readonly imports: ImportTable,
    readonly functions: FunctionIndex,
  ) {}

  isShadowed(name: string, at: Node): boolean {
    const key = `${name}@${at.startIndex}`;
    const cached = this.shadowCache.get(key);
    if (cached !== undefined) return cached;
    const result = this.computeShadowed(name, at);
    this.shadowCache.set(key, result);
    return result;
  }

  private readonly paramCache = new Map<string, Set<string>>();
  private readonly declCache = new Map<string, Map<string, { declStart: number; scopeStart: number; scopeEnd: number }[]>>();

  /** Parameter, receiver and named-result names of one function node (cached). */
  private paramNames(fn: Node): Set<string> {
    const key = `${fn.type}:${fn.startIndex}`;
    let names = this.paramCache.get(key);
    if (!names) {
      names = new Set(parameters(fn).map((x) => x.name));
      const result = fn.childForFieldName('result');
      if (result && result.type === 'parameter_list') {
        for (const n of result.descendantsOfType('identifier')) if (n) names.add(n.text);
      }
      this.paramCache.set(key, names);
    }
    return names;
  }

  /** Every local declaration in a top-level function, by name, with the scope it is visible in (cached: one subtree query per function). */
  private declarations(fn: Node): Map<string, { declStart: number; scopeStart: number; scopeEnd: number }[]> {
    const key = `${fn.type}:${fn.startIndex}`;
    let map = this.declCache.get(key);
    if (map) return map;
    map = new Map();
    for (const decl of fn.descendantsOfType(DECL_TYPES)) {
      if (!decl) continue;
      let names: Node[];
      if (decl.type === 'type_switch_statement') {
        const alias = decl.childForFieldName('alias');
        names = alias ? alias.namedChildren.filter((n): n is Node => !!n) : [];
      } else names = assignedNames(decl);
      if (!names.length) continue;
      if (decl.type === 'range_clause' && !decl.children.some((c) => c?.type === ':=')) continue;
      let scope: Node | null = decl.parent;
      while (scope && !SCOPE_TYPES.has(scope.type)) scope = scope.parent;
      if (!scope) continue;
      for (const n of names) {
        let list = map.get(n.text);
        if (!list) map.set(n.text, (list = []));
        list.push({ declStart: decl.startIndex, scopeStart: scope.startIndex, scopeEnd: scope.endIndex });
      }
    }
    this.declCache.set(key, map);
    return map;
  }

  /** Nearest enclosing function of a node (by node id), filled for every node on the path walked to find it. */
  private readonly functionAbove = new Map<number, Node | null>();

  /** The innermost function (declaration, method or literal) strictly containing `n`, or null; amortised O(1) per node. */
  private enclosingFunction(n: Node): Node | null {
    const path: number[] = [];
    let found: Node | null = null;
    for (let cur: Node = n; ;) {
      const known = this.functionAbove.get(cur.id);
      if (known !== undefined) { found = known; break; }
      path.push(cur.id);
      const parent = cur.parent;
      if (!parent) break;
      if (FUNCTION_TYPES.has(parent.type)) { found = parent; break; }
      cur = parent;
    }
    for (const id of path) this.functionAbove.set(id, found);
    return found;
  }

  private computeShadowed(name: string, at: Node): boolean {
    let outermost: Node | null = null;
    for (let fn = this.enclosingFunction(at); fn; fn = this.enclosingFunction(fn)) {
      if (this.paramNames(fn).has(name)) return true;
      outermost = fn;
    }
    if (!outermost) return false;
    const decls = this.declarations(outermost).get(name);
    if (!decls) return false;
    return decls.some((d) => d.declStart <= at.startIndex && d.scopeStart <= at.startIndex && at.endIndex <= d.scopeEnd);
  }

  isPackageRef(ident: Node, pkgPath: string): boolean {
    if (ident.type !== 'identifier' && ident.type !== 'package_identifier') return false;
    if (this.imports.pathOf(ident.text) !== pkgPath) return false;
    return !this.isShadowed(ident.text, ident);
  }

  resolveCall(call: Node): ResolvedCall | undefined {
    const fn = unparen(call.childForFieldName('function'));
    if (!fn) return undefined;
    if (fn.type === 'selector_expression') {
      const operand = unparen(fn.childForFieldName('operand'));
      const field = fn.childForFieldName('field');
      if (!operand || !field) return undefined;
      if (operand.type === 'identifier') {
        const path = this.imports.pathOf(operand.text);
        if (path !== undefined && !this.isShadowed(operand.text, operand)) return { pkg: path, name: field.text };
      }
      return { name: field.text, recv: operand };
    }
    if (fn.type === 'identifier') {
      const name = fn.text;
      const dots = this.imports.dotImports();
      if (dots.length === 1 && /^[A-Z]/.test(name) && !this.functions.declares(name) && !this.isShadowed(name, fn)) {
        return { pkg: dots[0], name };
      }
      return { name };
    }
    return undefined;
  }

  isCallTo(call: Node, pkgPath: string, ...names: string[]): boolean {
    if (call.type !== 'call_expression') return false;
    const fn = unparen(call.childForFieldName('function'));
    if (!fn) return false;
    if (fn.type === 'identifier') {
      // dot import: bare name from that package unless declared or shadowed locally
      if (!this.imports.isDotImported(pkgPath)) return false;
      if (!names.includes(fn.text)) return false;
      return !this.functions.declares(fn.text) && !this.isShadowed(fn.text, fn);
    }
    if (fn.type !== 'selector_expression') return false;
    const field = fn.childForFieldName('field');
    if (!field || !names.includes(field.text)) return false;
    const operand = unparen(fn.childForFieldName('operand'));
    return !!operand && operand.type === 'identifier' && this.isPackageRef(operand, pkgPath);
  }
}

export function makeRuleContext(
  facts: FileRuleContext,
  report: (input: ReportInput) => void,
  emit: (data: unknown) => void,
): RuleContext {
  return {
    file: facts.file,
    source: facts.source,
    root: facts.root,
    imports: facts.imports,
    functions: facts.functions,
    resolveCall: (call) => facts.resolveCall(call),
    isCallTo: (call, pkg, ...names) => facts.isCallTo(call, pkg, ...names),
    isPackageRef: (ident, pkg) => facts.isPackageRef(ident, pkg),
    isShadowed: (name, at) => facts.isShadowed(name, at),
    report,
    emit,
  };
}
