/** The audit-shaping options are declared once (src/cli/audit-options.ts) and every auditing command takes all of them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { buildProgram } from '../src/cli/main.js';
import { addAuditScopeOptions } from '../src/cli/audit-options.js';
import { surveyAuditOptions } from '../src/cli/survey-summary.js';
import { cli, SURVEY_IN_PROCESS } from './helpers/cli.js';
import { goRepo } from './helpers/fleet.js';

const longs = (c: Command) => c.options.map((o) => o.long!).filter(Boolean);

test('audit, baseline write and survey take every audit-shaping option, with one wording', () => {
  const scope = addAuditScopeOptions(new Command('x'));
  const program = buildProgram({ code: 0 });
  const sub = (name: string) => program.commands.find((c) => c.name() === name)!;
  const commands = { audit: sub('audit'), 'baseline write': sub('baseline').commands.find((c) => c.name() === 'write')!, survey: sub('survey') };
  for (const [name, cmd] of Object.entries(commands)) {
    for (const o of scope.options) {
      const got = cmd.options.find((x) => x.long === o.long);
      assert.ok(got, `${name} lacks ${o.long}`);
      assert.equal(got.description, o.description, `${name} ${o.long} wording`);
    }
    assert.equal(new Set(longs(cmd)).size, longs(cmd).length, `${name}: an option declared twice`);
  }
  assert.ok(longs(scope).includes('--exclude') && longs(scope).includes('--vulndb'), 'survey used to lack these two');
});

test('survey: the options reach every audit (--vulndb made absolute, URLs refused), and --exclude drops findings', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'goready-auditopts-'));
  try {
    const o = surveyAuditOptions({ exclude: ['svc/**'], vulndb: path.relative(process.cwd(), root), fileTimeout: '5', includeTestdata: true, config: false });
    assert.deepEqual(o.cli.exclude, ['svc/**']);
    assert.equal(o.cli.vulndb, root);
    assert.equal(o.cli.fileTimeout, 5);
    assert.equal(o.cli.includeTestdata, true);
    assert.equal(o.noConfig, true);
    assert.throws(() => surveyAuditOptions({ vulndb: 'https://vuln.example/' }), /takes a directory/);
    // two repositories with three ticker findings each under svc/; excluded in the second survey
    goRepo(path.join(root, 'repos', 'a'), 3);
    goRepo(path.join(root, 'repos', 'b'), 3);
    // the survey in this process; the audits of the run with --exclude in child processes (the option crosses to them)
    const total = async (extra: string[]) => {
      const r = await cli(['survey', path.join(root, 'repos'), '--db', path.join(root, `${extra.length}.db`), '--format', 'json', '--no-progress', ...extra], { env: extra.length ? {} : SURVEY_IN_PROCESS });
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as { repos: { findingCounts: { total: number } }[] }).repos.map((x) => x.findingCounts.total);
    };
    assert.deepEqual(await total([]), [3, 3]);
    assert.deepEqual(await total(['--exclude', 'svc/**']), [0, 0]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
