/**
 * Fuzz inputs as fast-check arbitraries: a mutation plan (data, shrinkable) mapped to the bytes
 * a target reads. File targets mutate one seed of their kinds; the audit target mutates files of
 * a small testdata repository and may drop in a mutated seed of another kind at its usual path.
 */
import fc from 'fast-check';
import { applyPlan, opArb, planArb, type Op, type Plan } from './mutate.js';
import { loadSeedRepos, loadSeeds, seedsOf } from './seeds.js';
import { encodeRepo, naturalPath, type RepoInput, type TargetDef } from './targets.js';
import type { CallInput } from './runners.js';

export interface AuditPlan { repo: number; edits: { file: number; ops: Op[] }[] }

export interface FuzzCase {
  /** The plan, for the sidecar (replayable with `apply`). */
  plan: Plan | AuditPlan;
  input: CallInput;
  /** The seed file(s) the case started from. */
  from: string;
}

export function fileCase(target: TargetDef, plan: Plan): FuzzCase {
  const pool = seedsOf(target.kinds);
  const seed = pool[plan.seed % pool.length]!;
  return { plan, from: seed.src, input: { target: target.name, bytes: applyPlan(plan, pool), path: naturalPath(seed.src) } };
}

export function auditCase(plan: AuditPlan): FuzzCase {
  const repos = loadSeedRepos();
  const base = repos[plan.repo % repos.length]!;
  const files: RepoInput = { ...base.files };
  const names = Object.keys(files).sort();
  const all = loadSeeds();
  const from = [base.src];
  for (const e of plan.edits) {
    const slot = e.file % (names.length + all.length);
    if (slot < names.length) {
      const rel = names[slot]!;
      files[rel] = applyPlan({ seed: 0, ops: e.ops }, [{ src: rel, kind: kindFor(rel), bytes: files[rel]! }]);
    } else {
      const seed = all[slot - names.length]!;
      const rel = naturalPath(seed.src);
      files[rel] = applyPlan({ seed: 0, ops: e.ops }, [seed]);
      from.push(seed.src);
    }
  }
  return { plan, from: from.join(' + '), input: { target: 'audit', bytes: encodeRepo(files), path: '' } };
}

function kindFor(rel: string) {
  return loadSeeds().find((s) => s.src.endsWith(`/${rel}`))?.kind ?? (rel.endsWith('.go') ? 'go' : 'yaml');
}

export function caseArb(target: TargetDef): fc.Arbitrary<FuzzCase> {
  if (target.repo) {
    const n = loadSeedRepos().length;
    return fc
      .record({ repo: fc.nat({ max: n - 1 }), edits: fc.array(fc.record({ file: fc.nat(), ops: fc.array(opArb(), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }) })
      .map(auditCase);
  }
  return planArb(seedsOf(target.kinds).length).map((p) => fileCase(target, p));
}

/** Rebuilds a case from a sidecar's plan. */
export function replayCase(target: TargetDef, plan: Plan | AuditPlan): FuzzCase {
  return target.repo ? auditCase(plan as AuditPlan) : fileCase(target, plan as Plan);
}
