/** Import table of one Go file: which local names refer to which import paths. */
import type { Node } from 'web-tree-sitter';
import { stringValue } from './ast.js';

export interface ImportSpec {
  path: string;
  /** Local name the package is referred to by; '.' for dot imports, '_' for blank imports. */
  local: string;
  /** True when the name was written explicitly (an alias). */
  aliased: boolean;
  line: number;
  column: number;
}

export class ImportTable {
  readonly specs: ImportSpec[];
  private readonly byLocal = new Map<string, string>();
  private readonly byPath = new Map<string, ImportSpec[]>();

  constructor(specs: ImportSpec[]) {
    this.specs = specs;
    for (const s of specs) {
      if (s.local !== '.' && s.local !== '_') this.byLocal.set(s.local, s.path);
      const list = this.byPath.get(s.path) ?? [];
      list.push(s);
      this.byPath.set(s.path, list);
    }
  }

  /** Import path bound to a local package name, if any. */
  pathOf(local: string): string | undefined {
    return this.byLocal.get(local);
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /** Non-blank imports of `path` (including dot imports). */
  isImported(path: string): boolean {
    return (this.byPath.get(path) ?? []).some((s) => s.local !== '_');
  }

  /** Local names under which `path` is usable as a qualifier (excludes '.' and '_'). */
  localNames(path: string): string[] {
    return (this.byPath.get(path) ?? []).filter((s) => s.local !== '.' && s.local !== '_').map((s) => s.local);
  }

  isDotImported(path: string): boolean {
    return (this.byPath.get(path) ?? []).some((s) => s.local === '.');
  }

  isBlankImported(path: string): boolean {
    return (this.byPath.get(path) ?? []).some((s) => s.local === '_');
  }

  spec(path: string): ImportSpec | undefined {
    return this.byPath.get(path)?.[0];
  }

  /** Dot-imported paths. */
  dotImports(): string[] {
    return this.specs.filter((s) => s.local === '.').map((s) => s.path);
  }
}

/** Default package name for an import path: last element, without a trailing /vN or gopkg.in .vN, go- prefix or -go/.go suffix. */
export function defaultPackageName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1] ?? path;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  last = last.replace(/\.v\d+$/, '');
  last = last.replace(/^go-/, '').replace(/[-.]go$/, ''); // nats.go, amqp091-go
  return last.replace(/[^A-Za-z0-9_]/g, '_');
}

export function buildImportTable(root: Node): ImportTable {
  const specs: ImportSpec[] = [];
  for (const decl of root.namedChildren) {
    if (!decl || decl.type !== 'import_declaration') continue;
    for (const spec of decl.descendantsOfType('import_spec')) {
      if (!spec) continue;
      const pathNode = spec.childForFieldName('path');
      if (!pathNode) continue;
      const path = stringValue(pathNode);
      if (path === undefined) continue;
      const nameNode = spec.childForFieldName('name');
      let local: string;
      if (nameNode) {
        local = nameNode.type === 'dot' ? '.' : nameNode.type === 'blank_identifier' ? '_' : nameNode.text;
      } else {
        local = defaultPackageName(path);
      }
      specs.push({
        path,
        local,
        aliased: !!nameNode,
        line: spec.startPosition.row + 1,
        column: spec.startPosition.column + 1,
      });
    }
  }
  return new ImportTable(specs);
}
