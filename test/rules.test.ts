/**
 * Rule harness: every rule runs over its Go testdata (src/rules/<dimension>/testdata/<name>/);
 * each `// want "re"` must be reported on its line, and nothing else may be.
 * Meta checks: metadata completeness, examples (bad reported, good not), ids and names unique.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allRules } from '../src/rules/registry.js';
import { runEngine } from '../src/engine/engine.js';
import { DIMENSION_PREFIX } from '../src/core/types.js';
import { projectRoot } from './helpers/paths.js';
import { compareWants, goFilesUnder, parseWantFile, parseWants } from './helpers/want.js';
import { reportedByRole } from '../src/pipeline/non-shipped.js';
import { evidenceExampleFindings } from './helpers/evidence-examples.js';

const SOURCE_RE = /^(gosec:G\d{3}|staticcheck:(SA|S|ST|QF)\d{4}|govet:[a-z]+|golangci:[a-z0-9-]+|semgrep:[\w.-]+|revive:[a-z-]+|gocritic:[a-zA-Z]+|hadolint:DL\d{4})$/;

function testdataDir(dimension: string, name: string): string {
  return path.join(projectRoot, 'src', 'rules', dimension, 'testdata', name);
}

/** Repo-rule settings for testdata and examples: the self-written vulnerability database fixture. */
const TEST_SETTINGS = { vulndb: path.join(projectRoot, 'test', 'fixtures', 'vulndb', 'osv') };

/**
 * Test-only environment for a fixture: a `.goready-test-env` file of KEY=relative/path lines
 * (e.g. GOMODCACHE=modcache) is applied, resolved against the fixture, while the rule runs.
 */
function withFixtureEnv<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const file = path.join(dir, '.goready-test-env');
  if (!fs.existsSync(file)) return run();
  const saved = new Map<string, string | undefined>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!m) continue;
    saved.set(m[1]!, process.env[m[1]!]);
    process.env[m[1]!] = path.resolve(dir, m[2]!);
  }
  return run().finally(() => {
    for (const [k, v] of saved) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  });
}

async function findingsFor(rule: ReturnType<typeof allRules>[number], dir: string) {
  return withFixtureEnv(dir, () => findingsIn(rule, dir));
}

async function findingsIn(rule: ReturnType<typeof allRules>[number], dir: string) {
  // testdata are fragments (each function shows one case and nothing calls it): reachability is judged only in a
  // module of the fixture that asks for it with a .goready-reachability file next to its go.mod (a program whose
  // functions are called, src/engine/unreachable-code.ts)
  const functionRoles = (moduleDir: string) => fs.existsSync(path.join(dir, moduleDir, '.goready-reachability'));
  const res = await runEngine({ root: dir, rules: [rule], skipDirs: ['vendor', 'node_modules', '.git'], gitignore: false, jobs: 1, settings: TEST_SETTINGS, functionRoles });
  const errors = res.diagnostics.filter((d) => d.code === 'rule-error' || d.code === 'internal-error');
  assert.deepEqual(errors, [], `rule ${rule.meta.id} threw`);
  // the audit's default policy: findings in code that does not ship (tests, examples, hack/, docs…) and in generated files are not reported
  return res.findings.filter((f) => !f.generated && reportedByRole(f, { includeNonShipped: false, includeVendor: false, includeTestdata: false }));
}

describe('rules: // want testdata', () => {
  for (const rule of allRules()) {
    test(`${rule.meta.id} ${rule.meta.name}`, async () => {
      if (rule.kind === 'evidence') {
        // evidence rules are tested on real binaries and running services, not Go testdata
        assert.ok(rule.tests.length > 0, 'an evidence rule names the tests that exercise it');
        for (const t of rule.tests) {
          const p = path.join(projectRoot, t);
          assert.ok(fs.existsSync(p), `missing ${t}`);
          assert.ok(fs.readFileSync(p, 'utf8').includes(rule.meta.id), `${t} does not exercise ${rule.meta.id}`);
        }
        return;
      }
      const dir = testdataDir(rule.meta.dimension, rule.meta.name);
      assert.ok(fs.existsSync(dir), `missing testdata folder ${path.relative(projectRoot, dir)}`);
      if (rule.kind === 'repo') {
        // each sub-folder is a fixture repository with a `want` file: "<file>:<line>: <regexp>" per line
        const cases = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
        assert.ok(cases.length > 0, 'repo rule testdata needs fixture repositories (sub-folders)');
        let positives = 0;
        for (const c of cases) {
          const wants = parseWantFile(c);
          positives += wants.length;
          const findings = await findingsFor(rule, c);
          const problems = compareWants(wants, findings);
          assert.deepEqual(problems.map((p) => `${p.kind}: ${path.relative(dir, p.file)}:${p.line}: ${p.text}`), [], `case ${path.basename(c)}`);
        }
        assert.ok(positives > 0, 'no case expects a finding (positives are required)');
        return;
      }
      const files = goFilesUnder(dir);
      assert.ok(files.length > 0, 'testdata has no .go files');
      const wants = files.flatMap((f) => parseWants(f, fs.readFileSync(f, 'utf8')));
      assert.ok(wants.length > 0, 'testdata has no // want annotations (positives are required)');
      const findings = await findingsFor(rule, dir);
      const problems = compareWants(wants, findings);
      assert.deepEqual(
        problems.map((p) => `${p.kind}: ${path.relative(dir, p.file)}:${p.line}: ${p.text}`),
        [],
      );
    });
  }
});

describe('rules: metadata', () => {
  test('ids and names are unique and well formed', () => {
    const ids = new Set<string>();
    const names = new Set<string>();
    for (const r of allRules()) {
      assert.match(r.meta.id, new RegExp(`^${DIMENSION_PREFIX[r.meta.dimension]}\\d{4}$`), `${r.meta.id}: id must carry its dimension prefix`);
      assert.match(r.meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${r.meta.id}: name must be kebab-case`);
      assert.ok(!ids.has(r.meta.id), `duplicate id ${r.meta.id}`);
      assert.ok(!names.has(r.meta.name), `duplicate name ${r.meta.name}`);
      ids.add(r.meta.id);
      names.add(r.meta.name);
    }
  });
  for (const rule of allRules()) {
    test(`${rule.meta.id} has complete metadata`, () => {
      const m = rule.meta;
      assert.ok(m.title.length >= 10, 'title');
      assert.ok(m.rationale.length >= 80, 'rationale must explain why (>= 80 chars)');
      assert.ok(m.fix.text.length >= 20, 'fix text');
      // the due-diligence table states what passing means, not just "no finding"
      assert.ok((m.passCriterion ?? '').length >= 20, 'passCriterion: what a production-ready repository does (>= 20 chars)');
      assert.doesNotMatch(m.passCriterion ?? '', /^no (unsuppressed )?findings?\b/i, 'passCriterion must be substantive');
      assert.ok(m.examples.length >= 1, 'at least one bad/good example');
      assert.ok(Object.keys(m.messages).length >= 1, 'messages');
      for (const s of m.sources) assert.match(s, SOURCE_RE, `source ${s}`);
      if (m.lifecycle === 'experimental') assert.ok((m.experimentalReason ?? '').length >= 30, 'an experimental rule says why (experimentalReason)');
      else assert.equal(m.experimentalReason, undefined, 'experimentalReason is only for experimental rules');
      if (rule.kind !== 'evidence') assert.ok(fs.existsSync(testdataDir(m.dimension, m.name)), 'testdata folder');
    });
    test(`${rule.meta.id} examples: bad reported, good not`, async () => {
      for (const [i, ex] of rule.meta.examples.entries()) {
        for (const kind of ['bad', 'good'] as const) {
          if (rule.kind === 'evidence') {
            const findings = await evidenceExampleFindings(rule, ex, kind);
            if (kind === 'bad') assert.ok(findings.length > 0, `example ${i} bad: not reported`);
            else assert.deepEqual(findings.map((f) => f.message), [], `example ${i} good: reported`);
            continue;
          }
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-ex-'));
          try {
            fs.writeFileSync(path.join(dir, 'go.mod'), `module example.com/ex\n\ngo ${ex.goVersion ?? '1.22'}\n`);
            for (const [rel, text] of [...Object.entries(ex.extraFiles ?? {}), [ex.filename ?? 'example.go', ex[kind]] as const]) {
              fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
              fs.writeFileSync(path.join(dir, rel), text);
            }
            const findings = await findingsFor(rule, dir);
            if (kind === 'bad') assert.ok(findings.length > 0, `example ${i} bad: not reported`);
            else assert.deepEqual(findings.map((f) => `${f.line}: ${f.message}`), [], `example ${i} good: reported`);
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        }
      }
    });
  }
});
