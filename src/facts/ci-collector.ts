/**
 * The CI facts model and the collector every CI system's reader fills: configs seen, Go tooling
 * run at an exact CI line, GitHub Actions referenced, and the parts not followed (`partial`).
 * The collector loads a CI file (unreadable or broken YAML becomes a diagnostic and an unparsed
 * config), records tool hits without duplicates and records what was not followed.
 */
import path from 'node:path';
import type { RepoFacts } from './repo-facts.js';
import type { CiTool } from './ci-shell.js';
import { ScriptAnalyzer, type ImageBuildRun, type MakeRun, type ToolHit } from './ci-scripts.js';
import { type YamlFile, parseYaml } from './yaml-doc.js';
import { ownerNames } from '../core/module-owner.js';

export type CiSystem = 'github-actions' | 'gitlab-ci' | 'circleci' | 'drone' | 'buildkite' | 'other';

export interface CiConfigFile {
  file: string;
  system: CiSystem;
  /** Human name for systems that are detected but not read (Jenkins, Travis...). */
  name?: string;
  /** Read and understood (false for unreadable/broken files and unread systems). */
  parsed: boolean;
  /** Jobs (pipelines for Drone, command steps for Buildkite) defined, for parsed files; 0 for composite actions. */
  jobs?: number;
}

export interface CiToolUse extends ToolHit {
  system: CiSystem;
  /** File holding the CI line (workflow, composite action, .gitlab-ci.yml...). */
  file: string;
  job?: string;
}

export interface ActionRef {
  file: string;
  line: number;
  job?: string;
  /** The `uses:` value as written. */
  uses: string;
  /** A step's `with:` inputs (scalars only), when it has any. */
  with?: Record<string, string>;
  kind: 'action' | 'reusable-workflow' | 'docker' | 'local';
  /** owner/repo for remote actions and workflows. */
  repo?: string;
  ref?: string;
  /** Full 40-hex commit SHA (or a docker image digest). */
  pinned: boolean;
  /** actions/* or github/* */
  githubOwned: boolean;
  /** The repository itself (owner/repo taken from a github.com module path). */
  sameRepo: boolean;
  /** Another repository of the same owner (organisation) as this one: its maintainers control both. */
  sameOwner: boolean;
}

/** A `make` run in CI (directly in a step or through the scripts and Makefiles it follows). */
export interface CiMakeRun extends MakeRun {
  system: CiSystem;
  /** The CI file whose step leads to it, and the step's line there. */
  file: string;
  line: number;
  job?: string;
}

/**
 * An image build in CI: a `docker build`/`buildx bake` command (directly in a step or through the scripts and
 * Makefiles it follows) or a docker/build-push-action or docker/bake-action step.
 */
export interface CiImageBuild extends ImageBuildRun {
  system: CiSystem;
  /** The CI file whose step leads to it, and the step's line there. */
  file: string;
  line: number;
  job?: string;
  /** Followed locations of the command, outermost first (`Makefile:40`, `hack/image.sh:12`). */
  via: string[];
}

export interface CiFacts {
  configs: CiConfigFile[];
  tools: CiToolUse[];
  makeRuns: CiMakeRun[];
  imageBuilds: CiImageBuild[];
  actions: ActionRef[];
  /** Parts of the CI that were not followed: the visible tooling may be incomplete. */
  partial: { file: string; line: number; reason: string }[];
  /** owner/repo of this repository when a module path names it (github.com/owner/repo/...). */
  ownRepo?: string;
  /**
   * Code-host owners this repository's module paths name besides ownRepo's: the owner of every github.com module path,
   * and the organisation a vanity import host is named after (knative.dev/eventing → knative).
   */
  ownOwners?: string[];
}

/** What the CI systems' readers share: the facts being built, the script analyzer, loading and recording. */
export class CiCollector {
  readonly facts: CiFacts = { configs: [], tools: [], makeRuns: [], imageBuilds: [], actions: [], partial: [] };
  readonly analyzer: ScriptAnalyzer;

  constructor(readonly repo: RepoFacts) {
    this.analyzer = new ScriptAnalyzer(repo);
    for (const m of [...repo.modules].sort((a, b) => a.dir.split('/').length - b.dir.split('/').length || a.dir.length - b.dir.length)) {
      const gh = /^github\.com\/([\w.-]+)\/([\w.-]+)/.exec(m.path ?? '');
      if (gh) {
        this.facts.ownRepo = `${gh[1]}/${gh[2]}`;
        break;
      }
    }
    this.facts.ownOwners = ownerNames(repo.modules.map((m) => m.path ?? ''));
  }

  diag(level: 'info' | 'warning', code: string, file: string, message: string, line?: number): void {
    this.repo.diagnostics.push({ level, code, file, line, message });
  }

  /** Records a part of the CI that was not followed (once per file, line and reason). */
  partial(file: string, line: number, reason: string): void {
    if (this.facts.partial.some((p) => p.file === file && p.line === line && p.reason === reason)) return;
    this.facts.partial.push({ file, line, reason });
    this.diag('info', 'ci-not-followed', file, `CI: ${reason} (not followed; tooling it runs is not seen)`, line);
  }

  /** Reads and parses one CI YAML file and records it as a config; undefined (with a diagnostic) when unreadable or broken. */
  load(file: string, system: CiSystem): (YamlFile & { cfg: CiConfigFile }) | undefined {
    const { text, error } = this.repo.readText(file);
    if (text === undefined) {
      this.diag('warning', 'ci-unreadable', file, `CI config not read: ${error}`);
      this.facts.configs.push({ file, system, parsed: false });
      return undefined;
    }
    const y = parseYaml(file, text, { strict: false, budgetMs: this.repo.fileBudgetMs });
    const bad = y.error ?? y.problems[0];
    if (bad) {
      this.diag('warning', 'ci-parse-error', file, `CI config is not valid YAML (${bad.message}); its jobs are not analysed`, bad.line);
      this.facts.configs.push({ file, system, parsed: false });
      return undefined;
    }
    const cfg: CiConfigFile = { file, system, parsed: true, jobs: 0 };
    this.facts.configs.push(cfg);
    return Object.assign(y, { cfg });
  }

  /** Records the tools a script analysis found (a hit already recorded for the same line, job and path is skipped). */
  hits(system: CiSystem, file: string, job: string | undefined, hits: ToolHit[]): void {
    for (const h of hits) {
      if (h.make) {
        const m = h.make;
        const same = (r: CiMakeRun) => r.file === file && r.line === h.line && r.job === job && r.makefile === m.makefile && r.dir === m.dir && r.targets.join(' ') === m.targets.join(' ');
        if (!this.facts.makeRuns.some(same)) this.facts.makeRuns.push({ ...m, system, file, line: h.line, job });
        continue;
      }
      if (h.image) {
        this.imageBuild({ ...h.image, system, file, line: h.line, job, via: h.via });
        continue;
      }
      const dup = this.facts.tools.some((t) => t.file === file && t.line === h.line && t.job === job && t.tool === h.tool && t.text === h.text && t.via.join('>') === h.via.join('>'));
      if (!dup) this.facts.tools.push({ ...h, system, file, job });
    }
  }

  /** Records an image build (once per file, line, job and what it builds). */
  imageBuild(b: CiImageBuild): void {
    const key = (x: CiImageBuild) => JSON.stringify([x.file, x.line, x.job, x.dockerfile, x.context, x.bake, x.via]);
    const k = key(b);
    if (!this.facts.imageBuilds.some((x) => key(x) === k)) this.facts.imageBuilds.push(b);
  }

  /** Records a tool the CI runs without a script (an action, an included template). */
  tool(system: CiSystem, file: string, line: number, job: string | undefined, tool: CiTool, text: string): void {
    this.facts.tools.push({ tool, line, text, via: [], system, file, job });
  }
}

/** A working directory written in CI, relative to the repository root ('' when absolute, variable or outside). */
export function cleanDir(d: string | undefined): string {
  if (!d || d.includes('$') || d.startsWith('~') || d.startsWith('/')) return '';
  const n = path.posix.normalize(d.replace(/\\/g, '/'));
  return n === '.' || n.startsWith('..') ? '' : n.replace(/\/$/, '');
}
