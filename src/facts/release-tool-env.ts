/**
 * Environment values handed to ko and GoReleaser. A `.ko.yaml` or GoReleaser build that takes its
 * ldflags from a template (`{{ .Env.LD_FLAGS }}`, `{{ if index .Env "LD_FLAGS" }}…{{ end }}`) gets
 * them from whoever runs the tool: GoReleaser's own `env:` list, a make recipe that runs the tool
 * (a `LD_FLAGS=$(LD_FLAGS) ko build …` prefix, or a variable the makefiles `export`), or a GitHub
 * Actions step that runs the tool (or make) with the variable in its `env:` or as a command prefix.
 *
 * Values found in several places are joined (union, as make branches are): a flag set by any of
 * them counts as present. A variable found nowhere stays open: the build's flags are not known.
 */
import path from 'node:path';
import { isMap } from 'yaml';
import type { RepoFacts } from './repo-facts.js';
import { isWorkflowPath } from './ci-config.js';
import { escapeRe, makeProjects, type MakeProject } from './makefile.js';
import { child, entries, items, lineOf, parseYaml, scalarMap, scriptLines, str } from './yaml-doc.js';
import type { ScriptLine } from './ci-shell.js';

export type ReleaseTool = 'ko' | 'goreleaser';

/** Where a template's environment variable got its value. */
export interface ToolEnvValue {
  value: string;
  /** `file:line` of the assignment or command that sets it. */
  at: string;
}

/** A command that runs the tool, after make expansion (`$(KO) build` → `bin/ko build`). */
const RUNS: Record<ReleaseTool, RegExp> = {
  ko: /(?:^|[\s;&|(/@])ko\s+(?:build|resolve|apply|publish|create|run)\b/,
  goreleaser: /(?:^|[\s;&|(/@])goreleaser(?:\s|$)/,
};
/** Raw recipe text that may run the tool (cheap filter before expanding). */
const MAY_RUN: Record<ReleaseTool, RegExp> = { ko: /\bko\b/i, goreleaser: /goreleaser/i };
const RUNS_MAKE = /(?:^|[\s;&|(])make\b/;
const GORELEASER_ACTION = /goreleaser\/goreleaser-action/;

/** Names an `.Env` reference of a Go template uses: `.Env.NAME`, `index .Env "NAME"`. */
const ENV_REF = /\.Env\.(\w+)|\bindex\s+\.Env\s+"(\w+)"/g;
const ACTION = /\{\{-?([\s\S]*?)-?\}\}/g;
const CONTROL = /^\s*(?:if|else|end|with|range)\b/;

/** Environment variables the template text reads. */
export function templateEnvNames(text: string): string[] {
  return [...new Set([...text.matchAll(ENV_REF)].map((m) => (m[1] ?? m[2])!))];
}

/**
 * The template text with its `.Env` actions replaced: a value action by the resolved value (or
 * `$NAME` when the variable is open, a whole-variable word the flag rules know is set elsewhere),
 * a control action (`if index .Env "X"`, `else`, `end`) by nothing, so every branch's text is kept.
 */
export function substituteEnv(text: string, resolved: ReadonlyMap<string, ToolEnvValue>): string {
  if (!/\.Env\b/.test(text)) return text;
  return text.replace(ACTION, (whole, body: string) => {
    if (CONTROL.test(body)) return '';
    const names = templateEnvNames(body);
    if (!names.length) return whole;
    return names.map((n) => resolved.get(n)?.value ?? `$${n}`).join(' ');
  });
}

/** `NAME=value` (or `export NAME=value`) written before a command: the value as written, unquoted. */
function prefixValue(text: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|[\\s;&|(@])(?:export\\s+)?${escapeRe(name)}=("[^"]*"|'[^']*'|\\S*)`).exec(text);
  return m ? m[1]! : undefined;
}

const unquote = (s: string): string => s.replace(/["']/g, ' ').replace(/\s+/g, ' ').trim();

function related(a: string, b: string): boolean {
  const under = (x: string, y: string) => y === '' || x === y || x.startsWith(`${y}/`);
  return under(a, b) || under(b, a);
}

/** Values of `names` given by make recipes (in `configDir` or a folder above or below it) that run `tool`. */
function fromMake(projects: MakeProject[], tool: ReleaseTool, configDir: string, names: string[], out: Map<string, ToolEnvValue[]>): void {
  for (const proj of projects) {
    if (!related(proj.dir, configDir)) continue;
    for (const rule of proj.rules) {
      for (const rl of rule.recipe) {
        if (!MAY_RUN[tool].test(rl.text)) continue;
        const ctx = { targets: rule.targets };
        if (!RUNS[tool].test(proj.expand(rl.text, 'union', ctx))) continue;
        for (const name of names) {
          const written = prefixValue(rl.text, name);
          let value: string | undefined;
          let at = `${rule.file}:${rl.line}`;
          // a make variable no makefile sets (`LD_FLAGS=$(LD_FLAGS)` passed on from make's own environment) is not a value,
          const open = new Set<string>();
          if (written !== undefined) value = proj.expand(written, 'union', { ...ctx, open });
          else if (proj.exports.has(name) && proj.assignments(name, rule.targets).length) {
            value = proj.expand(`$(${name})`, 'union', { ...ctx, open });
            const a = proj.assignments(name, rule.targets)[0]!;
            at = `${a.file}:${a.line}`;
          }
          // and neither is one whose open part may carry flags (`-X main.v=1 $(EXTRA_LDFLAGS)`)
          const blind = [...open].some((v) => /FLAGS|OPTS|ARGS/i.test(v)) || (open.size > 0 && !/(?:^|\s)-/.test(value ?? ''));
          if (value !== undefined && !blind) push(out, name, { value: unquote(value), at });
        }
      }
    }
  }
}

/** A workflow step that may run a release tool or make: its `uses:`, `run:` lines, `env:` in effect and line. */
interface WorkflowStep {
  uses: string;
  lines: ScriptLine[];
  env: Record<string, string>;
  line: number;
}

/** A workflow file that names a release tool, and its steps. */
interface WorkflowSteps {
  file: string;
  mayRun: Record<ReleaseTool, boolean>;
  steps: WorkflowStep[];
}

/**
 * The steps of the workflows that name ko or GoReleaser, each file parsed once per run (every tool, config and set of
 * names reads the same list); through the repository's memo, so that whoever reuses it depends on the files it read.
 */
function workflowSteps(repo: RepoFacts): WorkflowSteps[] {
  return repo.memo('release-tool-env:workflow-steps', () => {
    const out: WorkflowSteps[] = [];
    for (const file of repo.filesWhere((rel) => isWorkflowPath(rel))) {
      const { text } = repo.readText(file);
      if (text === undefined) continue;
      const mayRun = { ko: MAY_RUN.ko.test(text), goreleaser: MAY_RUN.goreleaser.test(text) };
      if (!mayRun.ko && !mayRun.goreleaser) continue;
      const y = parseYaml(file, text, { strict: false, budgetMs: repo.fileBudgetMs });
      if (y.error) continue;
      const steps: WorkflowStep[] = [];
      for (const doc of y.docs) {
        const root = doc.doc.contents;
        if (!isMap(root)) continue;
        const wfEnv = scalarMap(doc, child(doc, root, 'env'));
        for (const j of entries(doc, child(doc, root, 'jobs'))) {
          if (!isMap(j.value)) continue;
          const jobEnv = { ...wfEnv, ...scalarMap(doc, child(doc, j.value, 'env')) };
          for (const step of items(doc, child(doc, j.value, 'steps'))) {
            if (!isMap(step)) continue;
            steps.push({
              uses: str(doc, child(doc, step, 'uses')) ?? '',
              lines: scriptLines(doc, child(doc, step, 'run')),
              env: { ...jobEnv, ...scalarMap(doc, child(doc, step, 'env')) },
              line: lineOf(doc, step),
            });
          }
        }
      }
      out.push({ file, mayRun, steps });
    }
    return out;
  });
}

/** Values of `names` in the `env:` (workflow, job, step) or command prefix of workflow steps that run `tool` or make. */
function fromWorkflows(repo: RepoFacts, tool: ReleaseTool, names: string[], out: Map<string, ToolEnvValue[]>): void {
  for (const wf of workflowSteps(repo)) {
    if (!wf.mayRun[tool]) continue;
    for (const step of wf.steps) stepValues(wf.file, step, tool, names, out);
  }
}

function stepValues(file: string, step: WorkflowStep, tool: ReleaseTool, names: string[], out: Map<string, ToolEnvValue[]>): void {
  const running = step.lines.filter((l) => RUNS[tool].test(l.text) || RUNS_MAKE.test(l.text));
  if (!running.length && !(tool === 'goreleaser' && GORELEASER_ACTION.test(step.uses))) return;
  const line = running[0]?.line ?? step.line;
  for (const name of names) {
    for (const l of running) {
      const v = prefixValue(l.text, name);
      if (v !== undefined) push(out, name, { value: ciValue(v), at: `${file}:${l.line}` });
    }
    const v = step.env[name];
    if (v !== undefined) push(out, name, { value: ciValue(v), at: `${file}:${line}` });
  }
}

/**
 * A workflow value with its `${{ … }}` expressions (secrets, inputs, the tag) as `$CI_EXPR`: inside a
 * flag value (`-X main.version=${{ github.ref_name }}`) it changes nothing, as a whole word it is a
 * value set outside the repository, which the flag rules do not judge.
 */
function ciValue(v: string): string {
  return unquote(v.replace(/\$\{\{[^}]*\}\}/g, '$CI_EXPR'));
}

function push(out: Map<string, ToolEnvValue[]>, name: string, v: ToolEnvValue): void {
  let list = out.get(name);
  if (!list) out.set(name, (list = []));
  if (!list.some((x) => x.value === v.value)) list.push(v);
}

/**
 * The values of the environment variables `names` that the runs of `tool` with the config file
 * `configFile` receive: `ownEnv` first (GoReleaser's `env:` list, `NAME=value`), then make recipes
 * and workflow steps that run it. Variables found nowhere are left out of the map.
 */
export function resolveToolEnv(repo: RepoFacts, tool: ReleaseTool, configFile: string, names: string[], ownEnv: string[] = []): Map<string, ToolEnvValue> {
  // the builds of one config usually read the same variables: resolved once (both release-build facts ask); through
  // the repository's memo, so that whoever reuses the value also depends on the files it read
  const key = ['release-tool-env', tool, configFile, names.join(' '), ...ownEnv].join('\u0000');
  return repo.memo(key, () => resolve(repo, tool, configFile, names, ownEnv));
}

function resolve(repo: RepoFacts, tool: ReleaseTool, configFile: string, names: string[], ownEnv: string[]): Map<string, ToolEnvValue> {
  const found = new Map<string, ToolEnvValue[]>();
  const todo: string[] = [];
  for (const name of names) {
    const own = ownEnv.find((e) => e.startsWith(`${name}=`));
    // GoReleaser's env list is in its config and wins; an entry that is itself a template stays open
    if (own === undefined) todo.push(name);
    else if (!/\{\{/.test(own)) push(found, name, { value: unquote(own.slice(name.length + 1)), at: configFile });
  }
  if (todo.length) {
    const dir = path.posix.dirname(configFile);
    fromMake(makeProjects(repo), tool, dir === '.' ? '' : dir, todo, found);
    fromWorkflows(repo, tool, todo, found);
  }
  const out = new Map<string, ToolEnvValue>();
  for (const [name, list] of found) {
    out.set(name, { value: list.map((v) => v.value).join(' '), at: [...new Set(list.map((v) => v.at))].slice(0, 2).join(', ') + (list.length > 2 ? ', …' : '') });
  }
  return out;
}
