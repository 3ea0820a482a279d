/**
 * CircleCI reader: each job's `run` steps with their environment and working directory, the
 * config's own `commands:` followed (bounded depth), orb commands recorded as not followed.
 */
import { isMap, isScalar } from './yaml-lib.js';
import { type CiCollector, cleanDir } from './ci-collector.js';
import { child, entries, items, lineOf, scalarMap, scriptLines, str } from './yaml-doc.js';

/** Reads `.circleci/config.yml` and `.circleci/config.yaml`, in that order. */
export function readCircleci(c: CiCollector, files: string[]): void {
  for (const f of ['.circleci/config.yml', '.circleci/config.yaml']) if (files.includes(f)) readCircleciFile(c, f);
}

function readCircleciFile(c: CiCollector, file: string): void {
  const y = c.load(file, 'circleci');
  if (!y) return;
  for (const doc of y.docs) {
    const root = doc.doc.contents;
    if (!isMap(root)) continue;
    const commands = child(doc, root, 'commands');
    const jobs = child(doc, root, 'jobs');
    const followedCommands = new Set<string>();
    const reportedOrbs = new Set<string>();
    const walkSteps = (stepsNode: unknown, job: string, env: Record<string, string>, cwd: string, depth: number): void => {
      for (const step of items(doc, stepsNode)) {
        // a bare step name (`- checkout`, `- my-command`, `- orb/command`) is a step without parameters
        const stepEntries = isMap(step) ? entries(doc, step) : isScalar(step) ? [{ key: String(step.value), keyNode: step as unknown, value: undefined }] : [];
        for (const e of stepEntries) {
          if (e.key === 'run') {
            const v = e.value;
            const cmdNode = isMap(v) ? child(doc, v, 'command') : v;
            const stepEnv = isMap(v) ? { ...env, ...scalarMap(doc, child(doc, v, 'environment')) } : env;
            const wd = isMap(v) ? (str(doc, child(doc, v, 'working_directory')) ?? cwd) : cwd;
            c.hits('circleci', file, job, c.analyzer.analyze(scriptLines(doc, cmdNode), { env: stepEnv, cwd: cleanDir(wd) }));
          } else if (e.key.includes('/')) {
            if (!reportedOrbs.has(e.key)) {
              reportedOrbs.add(e.key);
              c.partial(file, lineOf(y, e.keyNode), `orb command ${e.key}`);
            }
          } else if (depth < 4 && commands && child(doc, commands, e.key) !== undefined) {
            const key = `${job}:${e.key}`;
            if (followedCommands.has(key)) continue;
            followedCommands.add(key);
            walkSteps(child(doc, child(doc, commands, e.key), 'steps'), job, env, cwd, depth + 1);
          }
        }
      }
    };
    for (const j of entries(doc, jobs)) {
      if (!isMap(j.value)) continue;
      y.cfg.jobs!++;
      const env = scalarMap(doc, child(doc, j.value, 'environment'));
      const cwd = str(doc, child(doc, j.value, 'working_directory')) ?? '';
      walkSteps(child(doc, j.value, 'steps'), j.key, env, cwd, 0);
    }
  }
}
