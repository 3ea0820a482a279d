/**
 * A parser for go.work files (the go.mod grammar): `go`, `toolchain`, `godebug`, `use` and
 * `replace` directives. Errors are collected, never thrown.
 */
import { forEachDirective, parseReplace, type ModReplace } from './gomod.js';

export interface WorkUse {
  /** The directory as written (relative to the go.work's folder, or absolute). */
  dir: string;
  line: number;
}

export interface GoWork {
  go?: string;
  toolchain?: string;
  use: WorkUse[];
  replace: ModReplace[];
  errors: { line: number; message: string }[];
}

export function parseGoWork(text: string): GoWork {
  const work: GoWork = { use: [], replace: [], errors: [] };
  forEachDirective(text, work.errors, (verb, args, line) => {
    switch (verb) {
      case 'go': if (args[0]) work.go = args[0]; break;
      case 'toolchain': if (args[0]) work.toolchain = args[0]; break;
      case 'godebug': break;
      case 'use':
        if (args.length === 1) work.use.push({ dir: args[0]!, line });
        else work.errors.push({ line, message: `use: expected 1 argument, got ${args.length}` });
        break;
      case 'replace': {
        const r = parseReplace(args, line);
        if (typeof r === 'string') work.errors.push({ line, message: r });
        else work.replace.push(r);
        break;
      }
      default: work.errors.push({ line, message: `unknown directive '${verb}'` });
    }
  });
  return work;
}
