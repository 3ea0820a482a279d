/**
 * Data flows one way (walk → facts → supply → rules → engine → pipeline → score → report → printers).
 * No module imports a later stage "upstream"; printers see only the report model.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './helpers/paths.js';

const ALLOWED: Record<string, string[]> = {
  core: [],
  go: ['core'],
  walk: ['core'],
  // vcs: the repository's own history as a fact (facts/go-mod-history.ts), read through the one git wrapper
  facts: ['core', 'go', 'vcs'],
  supply: ['core', 'go', 'facts'],
  rules: ['core', 'go', 'facts', 'supply'],
  // built binaries and images: read after the source facts, before the audit that joins them;
  // their own checks are evidence rules of the registry (rules/, src/core/evidence-check.ts)
  artifact: ['core', 'go', 'facts', 'supply', 'rules'],
  // the result cache's store: entries on disk, keyed by the callers
  cache: ['core'],
  engine: ['core', 'go', 'walk', 'facts', 'rules', 'cache'],
  config: ['core', 'rules'],
  scoring: ['core', 'rules'],
  pipeline: ['core', 'engine', 'rules', 'config', 'scoring'],
  report: ['core', 'scoring'],
  printers: ['core', 'report'],
  vcs: ['core'],
  audit: ['core', 'cache', 'config', 'engine', 'pipeline', 'scoring', 'report', 'rules', 'facts', 'vcs', 'artifact'],
  // fleet: the history store is fed by surveys (one audit per job) and read by reports/dashboard
  store: ['core', 'report', 'scoring'],
  // a survey line's probe= runs the audit with runtime evidence, as `audit --probe` does
  survey: ['core', 'cache', 'config', 'audit', 'report', 'store', 'vcs', 'probe'],
  fleet: ['core', 'report', 'scoring', 'store'],
  serve: ['core', 'report', 'store', 'fleet', 'printers'],
  // probe: runtime evidence from a running service (or saved profiles), one fact provider the audit's
  // engine resolves (facts/fact-provider.ts), joined to the static audit under the audit's config as
  // the pipeline applies it (pipeline/config-overrides.ts)
  probe: ['core', 'go', 'walk', 'facts', 'config', 'pipeline', 'audit', 'report', 'scoring', 'printers', 'rules'],
  cli: ['core', 'cache', 'config', 'audit', 'printers', 'report', 'rules', 'supply', 'store', 'survey', 'fleet', 'serve', 'artifact', 'probe'],
};

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testdata' ? [] : tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

test('src/ layers import only earlier layers', () => {
  const src = path.join(projectRoot, 'src');
  const violations: string[] = [];
  for (const file of tsFiles(src)) {
    const layer = path.relative(src, file).split(path.sep)[0]!;
    assert.ok(layer in ALLOWED, `unknown layer ${layer}: add it to ALLOWED`);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\()\s*'(\.[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), m[1]!);
      const targetLayer = path.relative(src, target).split(path.sep)[0]!;
      if (targetLayer !== layer && !ALLOWED[layer]!.includes(targetLayer)) {
        violations.push(`${path.relative(projectRoot, file)} imports ${m[1]} (${layer} -> ${targetLayer})`);
      }
    }
  }
  assert.deepEqual(violations, []);
});
