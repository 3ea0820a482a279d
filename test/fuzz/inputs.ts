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

/** `maxBytes` cuts each mutated file (the quick tests keep whole audits small). */
export function auditCase(plan: AuditPlan, maxBytes = Infinity): FuzzCase {
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
      files[rel] = applyPlan({ seed: 0, ops: e.ops }, [{ src: rel, kind: kindFor(rel), bytes: files[rel]! }]).subarray(0, maxBytes);
    } else {
      const seed = all[slot - names.length]!;
      const rel = naturalPath(seed.src);
      files[rel] = applyPlan({ seed: 0, ops: e.ops }, [seed]).subarray(0, maxBytes);
      from.push(seed.src);
    }
  }
  return { plan, from: from.join(' + '), input: { target: 'audit', bytes: encodeRepo(files), path: '' } };
}

function kindFor(rel: string) {
  return loadSeeds().find((s) => s.src.endsWith(`/${rel}`))?.kind ?? (rel.endsWith('.go') ? 'go' : 'yaml');
}

/** Mutation plans for a target (plain data: short to print, shrinkable). */
export function planArbFor(target: TargetDef): fc.Arbitrary<Plan | AuditPlan> {
  if (target.repo) {
    const n = loadSeedRepos().length;
    return fc.record({ repo: fc.nat({ max: n - 1 }), edits: fc.array(fc.record({ file: fc.nat(), ops: fc.array(opArb(), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }) });
  }
  return planArb(seedsOf(target.kinds).length);
}

/** Cases for a target; `maxBytes` cuts every mutated file to that size (quick runs). */
export function caseArb(target: TargetDef, maxBytes = Infinity): fc.Arbitrary<FuzzCase> {
  return planArbFor(target).map((p) => replayCase(target, p, maxBytes));
}

/** Rebuilds a case from a sidecar's plan. */
export function replayCase(target: TargetDef, plan: Plan | AuditPlan, maxBytes = Infinity): FuzzCase {
  if (target.repo) return auditCase(plan as AuditPlan, maxBytes);
  const c = fileCase(target, plan as Plan);
  return c.input.bytes.length > maxBytes ? { ...c, input: { ...c.input, bytes: c.input.bytes.subarray(0, maxBytes) } } : c;
}
