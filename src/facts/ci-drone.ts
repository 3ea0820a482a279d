/**
 * Drone reader: every `kind: pipeline` document (and the Drone 0.8 `pipeline:` map), each step's
 * `commands` analysed with the step's environment.
 */
import { isMap } from './yaml-lib.js';
import type { CiCollector } from './ci-collector.js';
import { child, entries, items, scalarMap, scriptLines, str } from './yaml-doc.js';

/** Reads `.drone.yml` and `.drone.yaml`, in that order. */
export function readDrone(c: CiCollector, files: string[]): void {
  for (const f of ['.drone.yml', '.drone.yaml']) if (files.includes(f)) readDroneFile(c, f);
}

function readDroneFile(c: CiCollector, file: string): void {
  const y = c.load(file, 'drone');
  if (!y) return;
  for (const doc of y.docs) {
    const root = doc.doc.contents;
    if (!isMap(root)) continue;
    const kind = str(doc, child(doc, root, 'kind'));
    if (kind !== undefined && kind !== 'pipeline') continue;
    y.cfg.jobs!++;
    const steps = child(doc, root, 'steps');
    const legacy = child(doc, root, 'pipeline'); // Drone 0.8: pipeline: {name: {commands}}
    const list = steps !== undefined ? items(doc, steps) : entries(doc, legacy).map((e) => e.value).filter((v) => v !== undefined);
    const pipeline = str(doc, child(doc, root, 'name')) ?? 'default';
    for (const step of list) {
      if (!isMap(step)) continue;
      const env = scalarMap(doc, child(doc, step, 'environment'));
      const lines = items(doc, child(doc, step, 'commands')).flatMap((cmd) => scriptLines(doc, cmd));
      c.hits('drone', file, `${pipeline}/${str(doc, child(doc, step, 'name')) ?? '?'}`, c.analyzer.analyze(lines, { env, cwd: '' }));
    }
  }
}
