/** End-to-end: vulnerability database selection (--vulndb, vulndb:), the inconclusive dimension, vuln-ignore, JSON vuln details. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fixture, projectRoot } from './helpers/paths.js';
import { cli } from './helpers/cli.js';
import { vulnIgnoresAt } from '../src/pipeline/vuln-ignores.js';
import { resolveConfig } from '../src/config/config.js';
import type { Finding } from '../src/core/types.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const FIXTURE_DB = fixture('vulndb', 'osv');
const testdata = (c: string) => path.join(projectRoot, 'src', 'rules', 'supply-chain', 'testdata', 'known-vulnerability', c);

function copyCase(c: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-sup-'));
  fs.cpSync(testdata(c), dir, { recursive: true });
  return dir;
}

describe('goready audit: vulnerability database', () => {
  test('--vulndb: findings carry vuln details and the JSON validates', async () => {
    const r = await cli(['audit', testdata('symbol'), '--format', 'json', '--no-config', '--vulndb', FIXTURE_DB, '--enable', 'supply-chain']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const report = JSON.parse(r.stdout);
    const f = report.findings.find((x: Finding) => x.ruleId === 'SUP1001');
    assert.deepEqual(f.vuln, { id: 'GO-2099-0001', aliases: ['CVE-2099-1001', 'GHSA-aaaa-bbbb-cccc'], module: 'example.com/websocket', version: 'v1.4.0', fixed: 'v1.4.1', level: 'symbol' });
    assert.equal(f.file, 'main.go');
    assert.notEqual(report.scores.dimensions['supply-chain'].status, 'inconclusive');
    assert.ok(report.diagnostics.some((d: { code: string }) => d.code === 'vulndb'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(projectRoot, 'schema', 'report.schema.json'), 'utf8')));
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  });

  test('no database: the supply-chain dimension is inconclusive and says how to get one', async () => {
    const env = { GOREADY_CACHE: path.join(os.tmpdir(), 'goready-no-such-cache') };
    const r = await cli(['audit', testdata('symbol'), '--no-config'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /supply chain\s+—\s+inconclusive \(no vulnerability database: known vulnerabilities were NOT checked\. Run `goready vulndb update`.*--vulndb PATH/);
    assert.match(r.stdout, /warning \[vulndb-missing\]/);
    const j = JSON.parse((await cli(['audit', testdata('symbol'), '--no-config', '--format', 'json'], { env })).stdout);
    assert.equal(j.scores.dimensions['supply-chain'].status, 'inconclusive');
    assert.equal(j.scores.dimensions['supply-chain'].score, null);
  });

  test('--vulndb pointing nowhere is a usage error', async () => {
    const r = await cli(['audit', testdata('symbol'), '--no-config', '--vulndb', '/nonexistent/goready-vulndb']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--vulndb \/nonexistent\/goready-vulndb: no such directory/);
  });

  test('vulndb: in a found .goready.yaml, a path leaving its directory is refused (repository content)', async () => {
    const dir = copyCase('module');
    try {
      fs.writeFileSync(path.join(dir, '.goready.yaml'), `vulndb: ${path.relative(dir, FIXTURE_DB)}\n`);
      const r = await cli(['audit', dir, '--format', 'json']);
      assert.equal(r.code, 2, 'a configuration error');
      assert.match(r.stderr, /vulndb: .* is outside the directory of the config file/);
      const report = JSON.parse(r.stdout);
      assert.ok(!report.findings.some((f: Finding) => f.vuln), 'the outside database was not used');
      // the same path given on the command line is the user's choice
      const given = await cli(['audit', dir, '--format', 'json', '--no-config', '--vulndb', FIXTURE_DB]);
      assert.ok(JSON.parse(given.stdout).findings.some((f: Finding) => f.vuln), given.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('vulndb: in .goready.yaml (relative to the file), vuln-ignore: suppressed, expired, unused', async () => {
    const dir = copyCase('module');
    try {
      fs.cpSync(FIXTURE_DB, path.join(dir, 'tools', 'vulndb'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.goready.yaml'), [
        'vulndb: tools/vulndb',
        'vuln-ignore:',
        '  - id: GO-2099-0003',
        '    reason: legacy archive code path is disabled',
        '    expires: 2999-12-31',
        '  - id: cve-2099-1001',
        '    reason: waiting for upstream',
        '    expires: 2000-01-01',
        '  - id: GO-2099-0007',
        '    reason: crypto no longer used',
        '',
      ].join('\n'));
      const r = await cli(['audit', dir, '--format', 'json']);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const report = JSON.parse(r.stdout);
      const byId = (id: string) => report.findings.find((f: Finding) => f.vuln?.id === id);
      assert.deepEqual(byId('GO-2099-0003').suppressed, { kind: 'vuln-ignore', reason: 'legacy archive code path is disabled (until 2999-12-31)' });
      assert.equal(byId('GO-2099-0001').suppressed, false);
      assert.match(byId('GO-2099-0001').message, /\(vuln-ignore expired on 2000-01-01: waiting for upstream\)$/);
      const codes = report.diagnostics.map((d: { code: string; message: string }) => `${d.code}: ${d.message}`);
      assert.ok(codes.some((c: string) => /^vuln-ignore-expired: vuln-ignore cve-2099-1001 expired on 2000-01-01/.test(c)), codes.join('\n'));
      assert.ok(codes.some((c: string) => /^vuln-ignore-unused: vuln-ignore GO-2099-0007 matched no finding/.test(c)), codes.join('\n'));
      assert.equal(report.config.vulndb, path.join(dir, 'tools', 'vulndb'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('malformed vuln-ignore entries are configuration errors (exit 2)', async () => {
    const dir = copyCase('module');
    try {
      fs.writeFileSync(path.join(dir, '.goready.yaml'), 'vuln-ignore:\n  - id: GO-2099-0003\n');
      const r = await cli(['audit', dir]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /vuln-ignore\.0: must have required property 'reason'/);
      fs.writeFileSync(path.join(dir, '.goready.yaml'), 'vuln-ignore:\n  - id: GO-2099-0003\n    reason: because\n    expires: 2026-13-45\n');
      const r2 = await cli(['audit', dir]);
      assert.equal(r2.code, 2);
      assert.match(r2.stderr, /expires '2026-13-45' is not a valid date/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('vuln-ignore stage', () => {
  const finding = (id: string, aliases: string[] = []): Finding => ({
    ruleId: 'SUP1001', ruleName: 'known-vulnerability', dimension: 'supply-chain', severity: 'high', confidence: 'high',
    message: `${id} x`, file: 'go.mod', line: 3, column: 1, fix: 'f', vuln: { id, aliases, module: 'm', version: 'v1.0.0', level: 'module' },
  });
  const base = (ignores: { id: string; reason: string; expires?: string }[]) => {
    const config = { ...resolveConfig(undefined, undefined), vulnIgnores: ignores, vulndb: '/db' };
    return { root: '/r', findings: [finding('GO-1'), finding('GO-2', ['CVE-2']), { ...finding('GO-3'), vuln: undefined }], diagnostics: [], directives: new Map(), rules: config.enabledRules, knownRules: config.enabledRules, config };
  };
  test('expiry is inclusive of the expires day (UTC)', async () => {
    const stage = vulnIgnoresAt(() => new Date('2026-06-30T23:59:00Z'));
    const out = stage(base([{ id: 'GO-1', reason: 'r', expires: '2026-06-30' }]));
    assert.equal(out.findings[0]!.suppressed?.kind, 'vuln-ignore');
    const later = vulnIgnoresAt(() => new Date('2026-07-01T00:00:01Z'))(base([{ id: 'GO-1', reason: 'r', expires: '2026-06-30' }]));
    assert.equal(later.findings[0]!.suppressed, undefined);
    assert.deepEqual(later.diagnostics.map((d) => d.code), ['vuln-ignore-expired']);
  });
  test('aliases match; findings without vuln are untouched; no expiry means until removed', async () => {
    const out = vulnIgnoresAt(() => new Date())(base([{ id: 'CVE-2', reason: 'r' }]));
    assert.deepEqual(out.findings.map((f) => f.suppressed?.kind), [undefined, 'vuln-ignore', undefined]);
    assert.deepEqual(out.diagnostics, []);
  });
  test('without a database, ignores are not reported unused', async () => {
    const s = base([{ id: 'GO-9', reason: 'r' }]);
    const out = vulnIgnoresAt(() => new Date())({ ...s, config: { ...s.config, vulndb: undefined } });
    assert.deepEqual(out.diagnostics.map((d) => d.code), ['vuln-ignore-unchecked']);
  });
});
