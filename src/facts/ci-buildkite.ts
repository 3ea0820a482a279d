/**
 * Buildkite reader: the pipeline files under `.buildkite/` (named `pipeline*.yml`, or any YAML file
 * with a top-level `steps:`), each command step's `command`/`commands` analysed with the pipeline's
 * and the step's `env`, `group` steps followed. Triggers of other pipelines and plugin steps
 * without a command are recorded as not followed. Other YAML files there (docker-compose files...)
 * stay detected, not read.
 */
import { isMap, isScalar, isSeq } from './yaml-lib.js';
import type { CiCollector, CiConfigFile } from './ci-collector.js';
import { type YamlDoc, type YamlFile, child, deref, items, lineOf, scalarMap, scriptLines, str } from './yaml-doc.js';

/** Group steps nest at most this deep (Buildkite allows one level; a bound against odd files). */
const MAX_GROUP_DEPTH = 3;

/** Whether a YAML file under `.buildkite/` is a pipeline: named pipeline*, or a top-level `steps:` key. */
export function isBuildkitePipeline(file: string, text: string): boolean {
  return /(?:^|\/)pipeline[^/]*\.ya?ml$/.test(file) || /^steps\s*:/m.test(text);
}

/** Reads the Buildkite pipelines among `.buildkite/` YAML files; the others are recorded as detected, not read. */
export function readBuildkite(c: CiCollector, files: string[]): void {
  for (const f of files) {
    const { text } = c.repo.readText(f);
    if (text !== undefined && !isBuildkitePipeline(f, text)) {
      c.facts.configs.push({ file: f, system: 'other', name: 'Buildkite', parsed: false });
      continue;
    }
    readPipeline(c, f);
  }
}

function readPipeline(c: CiCollector, file: string): void {
  const y = c.load(file, 'buildkite');
  if (!y) return;
  for (const doc of y.docs) {
    const root = deref(doc, doc.doc.contents);
    // a pipeline is a mapping with `steps:` or (older form) the list of steps itself
    const steps = isSeq(root) ? root : child(doc, root, 'steps');
    const env = isMap(root) ? scalarMap(doc, child(doc, root, 'env')) : {};
    walkSteps(c, y, doc, steps, env, 0);
  }
}

function walkSteps(c: CiCollector, y: YamlFile & { cfg: CiConfigFile }, doc: YamlDoc, stepsNode: unknown, env: Record<string, string>, depth: number): void {
  items(doc, stepsNode).forEach((step, i) => {
    if (!isMap(step)) return; // `- wait`, `- block`
    const nested = child(doc, step, 'steps');
    if (child(doc, step, 'group') !== undefined || nested !== undefined) {
      if (depth < MAX_GROUP_DEPTH) walkSteps(c, y, doc, nested, { ...env, ...scalarMap(doc, child(doc, step, 'env')) }, depth + 1);
      return;
    }
    const trigger = child(doc, step, 'trigger');
    const cmd = child(doc, step, 'command') ?? child(doc, step, 'commands');
    const plugins = child(doc, step, 'plugins');
    if (trigger === undefined && cmd === undefined && plugins === undefined) return; // `block:`, `input:`, `wait:`
    y.cfg.jobs = (y.cfg.jobs ?? 0) + 1;
    if (trigger !== undefined) {
      c.partial(y.file, lineOf(y, trigger), `step triggers the Buildkite pipeline ${str(doc, trigger) ?? '?'}`);
      return;
    }
    // a plugin step without a command runs what the plugin runs (a docker-compose service's command...)
    if (cmd === undefined) {
      c.partial(y.file, lineOf(y, plugins), 'plugin step without a command');
      return;
    }
    const v = deref(doc, cmd);
    const lines = isScalar(v) ? scriptLines(doc, v) : items(doc, v).flatMap((x) => scriptLines(doc, x));
    const name = str(doc, child(doc, step, 'key')) ?? str(doc, child(doc, step, 'label')) ?? str(doc, child(doc, step, 'name')) ?? `step ${i + 1}`;
    c.hits('buildkite', y.file, name, c.analyzer.analyze(lines, { env: { ...env, ...scalarMap(doc, child(doc, step, 'env')) }, cwd: '' }));
  });
}
