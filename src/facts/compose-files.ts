/**
 * docker-compose facts (cheap subset): per service the image (or `build:` — built from this
 * repository), `environment` (map or KEY=VALUE list), `env_file`, and the memory/CPU limits from
 * `deploy.resources.limits` or the v2 `mem_limit` / `cpus` keys. Services become one-container
 * workloads of kind `compose` so runtime rules can read them like Kubernetes containers.
 */
import { defineProvider, factKey, filesInput } from './fact-provider.js';
import type { RepoFacts } from './repo-facts.js';
import { composeBytes } from './runtime-quantities.js';
import { asMap, asSeq, entries, get, getIn, lineOf, parseYamlDocument, scalar, str } from './yaml-doc.js';
import { fileRole, type Container, type EnvVar, type Quantity, type Workload } from './workload-types.js';

export const COMPOSE_FILE = /^(?:docker-)?compose[\w.-]*\.ya?ml$/i;

export interface ComposeFacts {
  files: string[];
  services: Workload[];
}

function cpus(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : undefined;
  return n === undefined ? undefined : Math.round(n * 1000);
}

export const COMPOSE_SERVICES = factKey<ComposeFacts>('compose-files');

export const composeServicesProvider = defineProvider({
  provides: COMPOSE_SERVICES,
  reads: [filesInput('Compose files', (_r, b) => COMPOSE_FILE.test(b))],
  cacheable: true,
  compute: (repo): ComposeFacts => {
    const out: ComposeFacts = { files: [], services: [] };
    for (const file of repo.filesWhere((_r, b) => COMPOSE_FILE.test(b)).sort()) {
      const r = repo.readText(file);
      if (r.text === undefined) {
        repo.diagnostics.push({ level: 'warning', code: 'unreadable-file', file, message: `compose file not readable: ${r.error}` });
        continue;
      }
      const { d: ctx, problem } = parseYamlDocument(file, r.text, { budgetMs: repo.fileBudgetMs });
      if (problem) {
        repo.diagnostics.push({ level: 'warning', code: 'yaml-parse', file, line: problem.line, message: `compose file not readable: ${problem.message}` });
        continue;
      }
      if (!ctx) continue;
      const services = asMap(ctx, get(ctx, asMap(ctx, ctx.doc.contents), 'services')?.value);
      if (!services) continue;
      out.files.push(file);
      for (const svc of entries(ctx, services)) {
        const m = asMap(ctx, svc.value);
        if (!m) continue;
        const c: Container = {
          name: svc.key, loc: { file, line: svc.line }, init: false, env: [], envUnknown: false, envFrom: [],
          resources: { limits: {}, requests: {} }, probes: {}, ports: [], volumeMounts: [], commandLine: [], unknown: [],
        };
        const img = get(ctx, m, 'image');
        if (img) { c.image = str(ctx, img.value); c.imageLoc = { file, line: img.line }; }
        if (get(ctx, m, 'build')) c.builtFromRepo = true;
        const envE = get(ctx, m, 'environment');
        const envMap = asMap(ctx, envE?.value);
        const pushEnv = (name: string, value: string | undefined, line: number) => {
          const ev: EnvVar = { name, loc: { file, line } };
          if (value === undefined) ev.dynamic = true; // passed through from the host
          else { ev.value = value; if (value.includes('${') || /\$[A-Za-z_]/.test(value)) ev.dynamic = true; }
          c.env.push(ev);
        };
        for (const e of entries(ctx, envMap)) {
          const v = scalar(ctx, e.value);
          pushEnv(e.key, v === null || v === undefined ? undefined : String(v), e.line);
        }
        for (const item of asSeq(ctx, envE?.value)?.items ?? []) {
          const s = str(ctx, item);
          if (!s) continue;
          const eq = s.indexOf('=');
          pushEnv(eq === -1 ? s : s.slice(0, eq), eq === -1 ? undefined : s.slice(eq + 1), lineOf(ctx, item));
        }
        const envFile = get(ctx, m, 'env_file');
        if (envFile) { c.envUnknown = true; c.envFrom.push({ kind: 'file', name: str(ctx, envFile.value), loc: { file, line: envFile.line } }); }
        const q = (e: ReturnType<typeof get>, parse: (v: unknown) => number | undefined): Quantity | undefined => {
          if (!e) return undefined;
          const v = scalar(ctx, e.value);
          if (v === null || v === undefined) return undefined;
          const raw = String(v);
          return { raw, value: raw.includes('$') ? undefined : parse(v), loc: { file, line: e.line } };
        };
        const limits = asMap(ctx, getIn(ctx, m, ['deploy', 'resources', 'limits'])?.value);
        const limMem = get(ctx, limits, 'memory') ?? get(ctx, m, 'mem_limit');
        const limCpu = get(ctx, limits, 'cpus') ?? get(ctx, m, 'cpus');
        c.resources.limits.memory = q(limMem, composeBytes);
        c.resources.limits.cpu = q(limCpu, cpus);
        if (limMem || limCpu) c.resources.loc = { file, line: (limMem ?? limCpu)!.line };
        for (const item of asSeq(ctx, get(ctx, m, 'command')?.value)?.items ?? []) { const s = str(ctx, item); if (s) c.commandLine.push(s); }
        const w: Workload = {
          kind: 'compose', name: svc.key, file, loc: { file, line: svc.line }, source: 'compose', role: fileRole(file, repo.layout),
          containers: [c], podUnknown: false,
        };
        out.services.push(w);
      }
    }
    return out;
  },
});

export function composeServices(repo: RepoFacts): ComposeFacts {
  return repo.fact(COMPOSE_SERVICES);
}
