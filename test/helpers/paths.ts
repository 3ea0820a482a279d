import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root, from dist/test/helpers/*.js or dist/test/*.js. */
export const projectRoot = (() => {
  let d = path.dirname(fileURLToPath(import.meta.url));
  while (path.basename(d) !== 'dist') d = path.dirname(d);
  return path.dirname(d);
})();

export const fixture = (...p: string[]) => path.join(projectRoot, 'test', 'fixtures', ...p);
