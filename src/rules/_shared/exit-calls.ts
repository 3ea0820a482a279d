/**
 * Calls that do not return to their caller: the one list of the control-flow helpers (concurrency-control.ts), the
 * must-reach query (must-reach.ts) and the rules that ask whether a branch goes on (SEC1012).
 */
import type { Node } from 'web-tree-sitter';
import { unparen } from '../../go/ast.js';

/**
 * Method and function names that end the goroutine or the process, on any receiver (conservatively): os.Exit,
 * runtime.Goexit, log/logrus/klog Fatal* and Panic*, zap's sugared Fatalw/Panicw, klog's Exit*, and testing's
 * FailNow/Skip*. Names that only may exit (a FatalIfErr helper) are not here.
 */
const EXIT_CALL_NAMES: ReadonlySet<string> = new Set([
  'Exit', 'Exitf', 'Exitln', 'ExitDepth', 'Goexit',
  'Fatal', 'Fatalf', 'Fatalln', 'Fatalw', 'FatalDepth',
  'Panic', 'Panicf', 'Panicln', 'Panicw', 'PanicDepth',
  'FailNow', 'Skip', 'Skipf', 'SkipNow',
]);

/** Whether `call` (a call_expression) ends the goroutine or the process: panic(), os.Exit, log.Fatal*, t.FailNow… */
export function isExitCall(call: Node): boolean {
  const fn = unparen(call.childForFieldName('function'));
  if (!fn) return false;
  if (fn.type === 'identifier') return fn.text === 'panic';
  if (fn.type === 'selector_expression') return EXIT_CALL_NAMES.has(fn.childForFieldName('field')?.text ?? '');
  return false;
}
