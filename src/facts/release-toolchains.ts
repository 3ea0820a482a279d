/**
 * Release toolchains: the Go versions the repository's releases are built with, as far as its own
 * files say: Prometheus' promu (`.promu.yml` `go: version:`), the Go toolchain images of production
 * Dockerfiles (`FROM golang:1.26`, the build stages of the image and Dockerfiles that run GoReleaser),
 * `actions/setup-go` in the workflows that publish releases (`go-version:`, or `go-version-file:` naming go.mod or
 * go.work — the toolchain or go line —, `.go-version` or asdf's `.tool-versions`), and go.mod toolchain directives.
 * Each with its line.
 */
import type { RepoFacts } from './repo-facts.js';
import { DOCKERFILES } from './dockerfiles.js';
import { isGoToolchainImage } from './image-ref.js';
import { RELEASE_PIPELINES } from './release-pipelines.js';
import { defineProvider, factInput, factKey, filesInput, modulesInput } from './fact-provider.js';
import { roleOfPath } from '../core/code-roles.js';

export interface ReleaseToolchain {
  /** Go version as written, normalised to `1.N[.P]` (or `stable`, which is always a supported release). */
  version: string;
  file: string;
  line: number;
  via: 'promu' | 'dockerfile' | 'setup-go' | 'toolchain-directive';
}

/** `1.26`, `1.26.x`, `1.25.6-bookworm`, `go1.25.13`, `1.26rc1`: the `1.N[.P]` part; undefined for anything else. */
export function goVersionOf(text: string): string | undefined {
  const m = /^['"]?(?:go)?(\d+\.\d+)(\.\d+)?(?:rc\d+|beta\d+)?(?:\.x)?(?:[-_][\w.-]*)?['"]?$/.exec(text.trim());
  return m ? `${m[1]}${m[2] ?? ''}` : undefined;
}

const PROMU = /(?:^|\/)\.promu(?:-[\w-]+)?\.ya?ml$/;

function promuVersion(text: string): { version: string; line: number } | undefined {
  const lines = text.split('\n');
  let inGo = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\S/.test(l)) inGo = /^go:\s*(#.*)?$/.test(l);
    else if (inGo) {
      const m = /^\s+version:\s*(\S+)/.exec(l);
      const v = m && goVersionOf(m[1]!);
      if (v) return { version: v, line: i + 1 };
    }
  }
  return undefined;
}

export const RELEASE_TOOLCHAINS = factKey<ReleaseToolchain[]>('release:toolchains');

const promuFiles = filesInput('promu configurations', (r) => PROMU.test(r) && roleOfPath(r) === 'production');

/** One provider: the promu files, the Dockerfiles, the release pipelines (and the workflows they name, read as recorded inputs) and the modules. */
export const releaseToolchainsProvider = defineProvider({
  provides: RELEASE_TOOLCHAINS,
  reads: [promuFiles, factInput(DOCKERFILES), factInput(RELEASE_PIPELINES), modulesInput],
  cacheable: true,
  compute: (repo): ReleaseToolchain[] => {
    const out: ReleaseToolchain[] = [];
    for (const rel of repo.filesOf(promuFiles)) {
      if (repo.roleOf(rel) !== 'production') continue; // an archived release's copy, a module copy
      const { text } = repo.readText(rel);
      const p = text !== undefined ? promuVersion(text) : undefined;
      if (p) out.push({ ...p, file: rel, via: 'promu' });
    }
    for (const df of repo.fact(DOCKERFILES)) {
      if (df.role !== 'production') continue;
      for (const s of df.stages) {
        const ref = s.from.ref;
        if (!ref || s.from.stageRef !== undefined || s.from.unresolvedTag || !isGoToolchainImage(ref)) continue;
        // golang:alpine, golang:latest: the newest release, supported
        const v = ref.tag === undefined || /^(latest|alpine|bookworm|trixie)\b/.test(ref.tag) ? 'stable' : goVersionOf(ref.tag);
        if (v) out.push({ version: v, file: df.file, line: s.from.line, via: 'dockerfile' });
      }
    }
    const workflows = new Set<string>();
    for (const p of repo.fact(RELEASE_PIPELINES).pipelines) {
      if (p.kind === 'workflow') workflows.add(p.file);
      else if (p.step) workflows.add(p.step.file);
    }
    for (const rel of [...workflows].sort()) {
      const { text } = repo.readText(rel);
      if (text === undefined) continue;
      text.split('\n').forEach((l, i) => {
        if (/^\s*#/.test(l)) return;
        const v = /^\s*go-version:\s*(\S+)/.exec(l);
        if (v) {
          const ver = setupGoVersion(v[1]!);
          if (ver) out.push({ version: ver, file: rel, line: i + 1, via: 'setup-go' });
          return;
        }
        const f = /^\s*go-version-file:\s*['"]?(?:\.\/)?([\w./-]+)['"]?\s*(?:#.*)?$/.exec(l);
        const ver = f ? goVersionFileVersion(repo, f[1]!) : undefined;
        if (ver) out.push({ version: ver, file: rel, line: i + 1, via: 'setup-go' });
      });
    }
    for (const m of repo.modules) {
      const v = m.toolchain ? goVersionOf(m.toolchain) : undefined;
      if (v) out.push({ version: v, file: m.dir ? `${m.dir}/go.mod` : 'go.mod', line: m.mod.toolchainLine ?? 1, via: 'toolchain-directive' });
    }
    return out;
  },
});

/**
 * The Go a setup-go `go-version-file:` names (a repository-relative path): go.mod or go.work (the toolchain directive,
 * else the go line), `.go-version` (its first version line), `.tool-versions` (asdf: the `golang` or `go` entry).
 * Blind sample of 2026-12-29: release builds taking Go 1.26.6 from `.go-version`.
 */
function goVersionFileVersion(repo: RepoFacts, file: string): string | undefined {
  if (/(?:^|\/)go\.mod$/.test(file)) {
    const mod = repo.modules.find((m) => (m.dir ? `${m.dir}/go.mod` : 'go.mod') === file);
    return mod ? goVersionOf(mod.toolchain ?? mod.go ?? '') : undefined;
  }
  if (!/(?:^|\/)(?:go\.work|\.go-version|\.tool-versions)$/.test(file)) return undefined;
  const text = repo.readText(file).text;
  if (text === undefined) return undefined;
  if (file.endsWith('go.work')) {
    const v = /^toolchain\s+(\S+)/m.exec(text) ?? /^go\s+(\S+)/m.exec(text);
    return v ? goVersionOf(v[1]!) : undefined;
  }
  if (file.endsWith('.tool-versions')) {
    const v = /^(?:golang|go)\s+(\S+)/m.exec(text);
    return v ? goVersionOf(v[1]!) : undefined;
  }
  const line = text.split('\n').map((x) => x.trim()).find((x) => x && !x.startsWith('#'));
  return line ? goVersionOf(line) : undefined;
}

/**
 * The Go a setup-go `go-version:` installs: stable/oldstable (supported by definition), a version, or a semver range —
 * `^1.22` and `>=1.22` resolve to the newest Go 1 release (stable), `~1.26.4` to the newest 1.26 patch.
 */
export function setupGoVersion(raw: string): string | undefined {
  const v = raw.trim().replace(/^['"]|['"]$/g, '');
  if (/^(?:stable|oldstable)$/.test(v)) return 'stable';
  if (/^(?:\^|>=?)\s*1(?:\.\d+){0,2}$/.test(v)) return 'stable';
  const tilde = /^~\s*(.+)$/.exec(v);
  return goVersionOf(tilde ? tilde[1]! : v);
}

export function releaseToolchains(repo: RepoFacts): ReleaseToolchain[] {
  return repo.fact(RELEASE_TOOLCHAINS);
}
