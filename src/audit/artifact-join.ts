/**
 * `goready audit . --artifact ./bin/server`: the built binary corrects what the source can only
 * guess. Standard-library vulnerabilities are judged against the Go release that built it (the
 * go directive's are dropped for that module); build findings about -trimpath and -s -w are
 * confirmed or marked refuted (kept, suppressed with the reason); go.mod requirements that differ
 * from the linked versions are reported, and the vulnerabilities of those linked versions added.
 * The artifacts are opened by their provider (src/artifact/evidence.ts), which the engine resolves
 * because the join requires it (`ARTIFACT_JOIN`); the join reads only what it declares.
 */
import path from 'node:path';
import type { Diagnostic, Finding } from '../core/types.js';
import type { RepoFacts, RepoModule } from '../facts/repo-facts.js';
import { isDockerfilePath } from '../facts/dockerfiles.js';
import type { BinaryRead } from '../artifact/binary.js';
import type { BinaryInfo, ImageInfo } from '../artifact/model.js';
import { buildFindings, imageFindings, vulnFindings } from '../artifact/judge.js';
import { ruleCheckFinding } from '../core/evidence-check.js';
import { CHECKS } from '../artifact/checks.js';
import { loadDb } from '../artifact/run-artifact.js';
import { ARTIFACT_EVIDENCE, artifactEvidenceProvider, type GivenArtifact } from '../artifact/evidence.js';
import type { EvidenceJoin } from '../facts/fact-provider.js';

/** What the join requires (the artifacts, opened by their provider), for the engine to resolve. */
export function artifactJoinEvidence(artifacts: readonly string[]): EvidenceJoin {
  return { providers: [artifactEvidenceProvider], requires: [ARTIFACT_EVIDENCE], given: { artifact: { sources: artifacts } } };
}

export interface JoinInput {
  root: string;
  modules: RepoModule[];
  findings: Finding[];
  /** The engine's repository facts, with the artifact evidence resolved (`artifactJoinEvidence`). */
  repo: RepoFacts;
  vulndb?: string;
}

export interface JoinOutput {
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Rule ids that judged something. */
  applicable: string[];
}

const rel = (root: string, f: string) => (path.isAbsolute(f) ? path.relative(root, f) : f).split(path.sep).join('/');
const inModule = (file: string, dir: string) => dir === '' || file === dir || file.startsWith(`${dir}/`);

/** SUP1101: go.mod requirements (replacements followed) that differ from what the artifact `name` links. */
export function mismatchFindings(info: BinaryInfo, mod: Pick<RepoModule, 'dir' | 'mod'>, name: string): Finding[] {
  const out: Finding[] = [];
  const goMod = mod.dir ? `${mod.dir}/go.mod` : 'go.mod';
  const linked = new Map(info.modules.map((m) => [m.path, m]));
  for (const r of mod.mod.require) {
    const l = linked.get(r.path);
    if (!l) continue;
    const rep = mod.mod.replace.find((x) => x.from.path === r.path && (!x.from.version || x.from.version === r.version));
    const want = rep ? (rep.to.version ? `${rep.to.path} ${rep.to.version}` : `${rep.to.path}`) : r.version;
    const have = l.replace ? (l.replace.version ? `${l.replace.path} ${l.replace.version}` : l.replace.path) : l.version;
    const wantVersion = rep ? rep.to.version ?? '' : r.version;
    const haveVersion = l.replace ? l.replace.version ?? '' : l.version;
    if (rep && !rep.to.version && l.replace && !l.replace.version) continue; // both local directories
    if (wantVersion === haveVersion && (!rep || rep.to.path === (l.replace?.path ?? l.path))) continue;
    out.push(ruleCheckFinding(CHECKS.mismatch, goMod, rep?.line ?? r.line, 'mismatch', { module: r.path, want, binary: name, have },
      { confidence: mod.mod.go && /^1\.(1[7-9]|[2-9]\d)/.test(mod.mod.go) ? 'high' : 'medium', module: mod.dir }));
  }
  return out;
}

/**
 * An image's config judged as the Dockerfile rules judge one (user, Go runtime env, a dynamically
 * linked binary without its loader): the findings are added at the image; a Dockerfile finding of
 * the same rule is marked confirmed by the image instead of repeated.
 */
function joinImage(image: ImageInfo, name: string, findings: Finding[]): { findings: Finding[]; applicable: string[] } {
  let out = findings;
  for (const f of imageFindings(image, name)) {
    const same = out.filter((g) => g.ruleId === f.ruleId && isDockerfilePath(g.file) && !g.suppressed);
    if (same.length && f.ruleId !== CHECKS.cgoStatic.id) {
      out = out.map((g) => (same.includes(g) ? { ...g, confidence: 'high' as const, message: `${g.message} — confirmed by ${name}: ${f.message}` } : g));
      continue;
    }
    out = [...out, f];
  }
  return { findings: out, applicable: [CHECKS.root.id, CHECKS.envMalformed.id, CHECKS.gogc.id, CHECKS.cgoStatic.id] };
}

export function joinArtifacts(input: JoinInput): JoinOutput {
  return input.repo.declaring('artifact join', [ARTIFACT_EVIDENCE], () => join(input, input.repo.fact(ARTIFACT_EVIDENCE)));
}

function join(input: JoinInput, artifacts: readonly GivenArtifact[]): JoinOutput {
  const { root } = input;
  // the join's state, updated by joinImage's result and by joinBinary (a copy: the caller's list is not changed)
  let findings = [...input.findings];
  const diagnostics: Diagnostic[] = [];
  const applicable = new Set<string>();
  const confirmed = new WeakSet<Finding>();
  const dbDiags: { level: Diagnostic['level']; code: string; message: string }[] = [];
  const db = input.vulndb ? loadDb(input.vulndb, dbDiags) : undefined;
  diagnostics.push(...dbDiags);
  for (const { given, name, opened } of artifacts) {
    for (const d of opened.diagnostics) diagnostics.push({ level: d.level, code: d.code, message: d.message });
    let reads = opened.reads;
    if (opened.kind === 'image') {
      if (!opened.image) {
        diagnostics.push({ level: 'error', code: 'artifact-unusable', message: `--artifact ${given}: an image tarball whose layout or config could not be read; nothing joined` });
        continue;
      }
      // the image's own binaries of this repository's modules (else the one it runs) join the audit
      const ours = reads.filter((r) => input.modules.some((m) => m.path && m.path === r.info?.mainModule?.path));
      reads = ours.length ? ours : reads.filter((r) => r.info === opened.main);
      const img = joinImage(opened.image, name, findings);
      findings = img.findings;
      for (const id of img.applicable) applicable.add(id);
      diagnostics.push({ level: 'info', code: 'artifact-image', message: `${name}: ${opened.image.layout} image, ${opened.image.layers} layer(s), user ${JSON.stringify(opened.image.user ?? '')}, ${opened.image.binaries.length} Go binary(ies); joined: ${reads.map((r) => r.info!.path).join(', ') || 'none (no binary of this repository\'s modules and no entrypoint binary)'}` });
    } else if (!reads[0]?.info?.goVersion) {
      diagnostics.push({ level: 'error', code: 'artifact-unusable', message: `--artifact ${given}: not a Go binary with build information, nor an image tarball; nothing joined` });
      continue;
    }
    for (const read of reads) joinBinary(read, read.info!.path, given);
  }
  return { findings, diagnostics, applicable: [...applicable] };

  /** Joins one binary: updates `findings`, `diagnostics` and `applicable`. */
  function joinBinary(read: BinaryRead, name: string, given: string): void {
    const info = read.info!;
    const mod = input.modules.find((m) => m.path && m.path === info.mainModule?.path) ?? (input.modules.length === 1 ? input.modules[0] : undefined);
    if (!mod) {
      diagnostics.push({ level: 'warning', code: 'artifact-module', message: `--artifact ${given}: its main module ${info.mainModule?.path ?? '(none)'} is not a module of this repository; only the artifact's own findings are added` });
    } else if (mod.path !== info.mainModule?.path) {
      diagnostics.push({ level: 'warning', code: 'artifact-module', message: `--artifact ${given}: built from ${info.mainModule?.path ?? '(no module)'}, joined with the repository's only module ${mod.path ?? mod.dir}` });
    }
    const dir = mod?.dir ?? '';
    const own = buildFindings(info);
    // 1. standard library: the artifact's Go release replaces the go directive for this module
    if (db) {
      const vulns = vulnFindings(info, read.linked, db);
      applicable.add(CHECKS.vuln.id);
      if (mod) {
        const before = findings.length;
        findings = findings.filter((f) => !(f.ruleId === CHECKS.vuln.id && (f.vuln?.module === 'stdlib' || f.vuln?.module === 'toolchain') && inModule(rel(root, f.file), dir)));
        diagnostics.push({ level: 'info', code: 'artifact-stdlib', message: `standard-library vulnerabilities of module ${mod.path ?? dir} judged against ${info.goVersion} (from ${name}) instead of its go/toolchain line (${before - findings.length} source finding(s) replaced)` });
      }
      findings = [...findings, ...vulns.filter((f) => f.vuln?.module === 'stdlib').map((f) => ({ ...f, file: name }))];
      // modules whose linked version differs from go.mod: the linked version's vulnerabilities
      const required = new Map((mod?.mod.require ?? []).map((r) => [r.path, r]));
      findings = [...findings, ...vulns.filter((f) => f.vuln && f.vuln.module !== 'stdlib' && required.get(f.vuln.module)?.version !== f.vuln.version).map((f) => ({ ...f, file: name }))];
    } else {
      diagnostics.push({ level: 'warning', code: 'artifact-vulndb', message: `--artifact ${given}: no vulnerability database, its Go release and linked modules were not checked` });
    }
    // 2. build findings from Makefiles/Dockerfiles/CI: confirmed or refuted by what the binary records
    const trimmed = info.settings['-trimpath'] === 'true';
    // several artifacts (an image's binaries): one that shows the fault confirms it, whatever the others show
    const judge = (id: string, refuted: boolean, why: string) => {
      let seen = false;
      findings = findings.map((f) => {
        if (f.ruleId !== id || !inModule(rel(root, f.file), dir) && dir !== '') return f;
        seen = true;
        if (refuted) return f.suppressed || confirmed.has(f) ? f : { ...f, suppressed: { kind: 'artifact', reason: `refuted by ${name}: ${why}` } };
        const { suppressed, ...rest } = f;
        const c: Finding = { ...rest, ...(suppressed && suppressed.kind !== 'artifact' ? { suppressed } : {}), confidence: 'high', message: `${f.message} — confirmed by ${name}: ${why}` };
        confirmed.add(c);
        return c;
      });
      return seen;
    };
    applicable.add(CHECKS.trimpath.id);
    applicable.add(CHECKS.notStripped.id);
    const trimSeen = judge(CHECKS.trimpath.id, trimmed, trimmed ? 'it was built with -trimpath' : 'it was built without -trimpath');
    const stripSeen = judge(CHECKS.notStripped.id, info.stripped, info.stripped ? 'it has no symbol table and no DWARF' : 'it ships its symbol table or DWARF');
    for (const f of own) {
      if (f.ruleId === CHECKS.trimpath.id && trimSeen) continue;
      if (f.ruleId === CHECKS.notStripped.id && stripSeen) continue;
      findings.push({ ...f, file: name });
      applicable.add(f.ruleId);
    }
    // 3. go.mod requirements vs linked versions
    if (mod) {
      applicable.add(CHECKS.mismatch.id);
      findings.push(...mismatchFindings(info, mod, name));
      if (info.mainModule && mod.path && info.mainModule.path !== mod.path) {
        diagnostics.push({ level: 'warning', code: 'artifact-module', message: `${name} was built from module ${info.mainModule.path}, not ${mod.path}` });
      }
    }
    diagnostics.push({ level: 'info', code: 'artifact', message: `${name}: ${info.goVersion}, ${info.modules.length} linked module(s), ${info.stripped ? 'stripped' : 'not stripped'}, ${info.static ? 'static' : 'dynamic'}${trimmed ? ', -trimpath' : ''}` });
  }
}
