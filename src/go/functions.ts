/** Index of the functions and methods declared at the top level of one Go file. */
import type { Node } from 'web-tree-sitter';

export interface FunctionEntry {
  name: string;
  /** Receiver base type name for methods (without '*'), undefined for functions. */
  receiver?: string;
  node: Node;
  line: number;
}

export class FunctionIndex {
  private entries?: FunctionEntry[];
  constructor(private readonly root: Node) {}

  all(): FunctionEntry[] {
    if (!this.entries) {
      this.entries = [];
      for (const n of this.root.namedChildren) {
        if (!n) continue;
        if (n.type !== 'function_declaration' && n.type !== 'method_declaration') continue;
        const name = n.childForFieldName('name')?.text;
        if (!name) continue;
        let receiver: string | undefined;
        if (n.type === 'method_declaration') {
          const recvType = n.childForFieldName('receiver')?.descendantsOfType('type_identifier')[0];
          receiver = recvType?.text;
        }
        this.entries.push({ name, receiver, node: n, line: n.startPosition.row + 1 });
      }
    }
    return this.entries;
  }

  /** Top-level function (not method) by name. */
  func(name: string): FunctionEntry | undefined {
    return this.all().find((e) => e.name === name && e.receiver === undefined);
  }

  methods(name: string): FunctionEntry[] {
    return this.all().filter((e) => e.name === name && e.receiver !== undefined);
  }

  /** Whether a package-level function with this name is declared in this file. */
  declares(name: string): boolean {
    return this.all().some((e) => e.name === name && e.receiver === undefined);
  }
}
