/**
 * GitLab CI reader: `.gitlab-ci.yml` and the local files it includes (up to 20), jobs resolved
 * through `extends` and `!reference`, global and `default:` before/after scripts analysed once,
 * job scripts with their variables. Remote, project, template and component includes, triggers and
 * unresolved references are recorded as not followed (a Dependency-Scanning template or component
 * counts as the scanner running).
 */
import path from 'node:path';
import { isMap, isScalar, isSeq } from './yaml-lib.js';
import type { ScriptLine } from './ci-shell.js';
import type { CiCollector } from './ci-collector.js';
import { type YamlDoc, type YamlFile, child, deref, entries, items, lineOf, scalarMap, scriptLines, str } from './yaml-doc.js';

const GITLAB_RESERVED = new Set(['image', 'services', 'stages', 'types', 'before_script', 'after_script', 'variables', 'cache', 'include', 'default', 'workflow', 'spec']);

/** Reads the pipeline from `.gitlab-ci.yml` (else `.gitlab-ci.yaml`); other GitLab files are read when it includes them. */
export function readGitlabCi(c: CiCollector, files: string[]): void {
  const main = ['.gitlab-ci.yml', '.gitlab-ci.yaml'].find((f) => files.includes(f));
  if (main) new GitlabReader(c).read(main);
}

class GitlabReader {
  constructor(private readonly c: CiCollector) {}

  read(main: string): void {
    interface Def { y: YamlFile; doc: YamlDoc; node: unknown; line: number }
    const defs = new Map<string, Def>();
    const queue = [main];
    const seen = new Set<string>();
    while (queue.length && seen.size < 20) {
      const f = queue.shift()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const y = this.c.load(f, 'gitlab-ci');
      if (!y) continue;
      for (const doc of y.docs) {
        if (!isMap(doc.doc.contents)) continue;
        for (const e of entries(doc, doc.doc.contents)) {
          if (e.key === 'include') {
            queue.push(...this.includes(y, doc, e.value));
            continue;
          }
          if (GITLAB_RESERVED.has(e.key)) {
            if (!defs.has(`@${e.key}`)) defs.set(`@${e.key}`, { y, doc, node: e.value, line: lineOf(y, e.keyNode) });
            continue;
          }
          // the including file wins over included ones (it is read first)
          if (!defs.has(e.key)) defs.set(e.key, { y, doc, node: e.value, line: lineOf(y, e.keyNode) });
        }
      }
    }
    const globalVars = (() => {
      const d = defs.get('@variables');
      return d ? scalarMap(d.doc, d.node) : {};
    })();
    const resolveKey = (name: string, key: string, depth = 0): { def: Def; value: unknown } | undefined => {
      const d = defs.get(name);
      if (!d || depth > 10) return undefined;
      const own = child(d.doc, d.node, key);
      if (own !== undefined) return { def: d, value: own };
      const ext = child(d.doc, d.node, 'extends');
      const names = isSeq(ext) ? items(d.doc, ext).map((n) => str(d.doc, n)).filter((s): s is string => !!s) : [str(d.doc, ext)].filter((s): s is string => !!s);
      for (const n of [...names].reverse()) {
        if (!defs.has(n)) {
          this.c.partial(d.y.file, lineOf(d.y, ext), `extends: ${n} is not defined in the files read`);
          continue;
        }
        const r = resolveKey(n, key, depth + 1);
        if (r) return r;
      }
      return undefined;
    };
    const scriptOf = (def: Def, value: unknown, depth = 0): { y: YamlFile; lines: ScriptLine[] }[] => {
      const v = deref(def.doc, value);
      if (isScalar(v)) return [{ y: def.y, lines: scriptLines(def.doc, v) }];
      if (!isSeq(v) || depth > 5) return [];
      if (v.tag === '!reference') {
        const pathKeys = items(def.doc, v).map((n) => str(def.doc, n));
        if (pathKeys.length < 2 || pathKeys.some((k) => k === undefined)) return [];
        const target = defs.get(pathKeys[0]!);
        let node: unknown = target?.node;
        for (const k of pathKeys.slice(1)) node = node === undefined ? undefined : child(target!.doc, node, k!);
        if (!target || node === undefined) {
          this.c.partial(def.y.file, lineOf(def.y, v), `!reference [${pathKeys.join(', ')}] does not resolve in the files read`);
          return [];
        }
        return scriptOf(target, node, depth + 1);
      }
      return v.items.flatMap((it) => scriptOf(def, it, depth + 1));
    };
    const analyzeScripts = (job: string, keys: { def: Def; value: unknown }[], env: Record<string, string>): void => {
      for (const k of keys) {
        for (const part of scriptOf(k.def, k.value)) {
          this.c.hits('gitlab-ci', part.y.file, job, this.c.analyzer.analyze(part.lines, { env, cwd: '' }));
        }
      }
    };
    // default: / top-level before_script and after_script run around every job: analyse once
    const dflt = defs.get('@default');
    const around: { def: Def; value: unknown }[] = [];
    for (const k of ['before_script', 'after_script']) {
      const top = defs.get(`@${k}`);
      if (top) around.push({ def: top, value: top.node });
      const inDefault = dflt ? child(dflt.doc, dflt.node, k) : undefined;
      if (dflt && inDefault !== undefined) around.push({ def: dflt, value: inDefault });
    }
    analyzeScripts('default', around, globalVars);
    for (const [name, d] of defs) {
      if (name.startsWith('.') || name.startsWith('@') || !isMap(deref(d.doc, d.node))) continue;
      const cfg = this.c.facts.configs.find((c) => c.file === d.y.file);
      if (cfg) cfg.jobs = (cfg.jobs ?? 0) + 1;
      const vars = resolveKey(name, 'variables');
      const env = { ...globalVars, ...(vars ? scalarMap(vars.def.doc, vars.value) : {}) };
      const keys = ['before_script', 'script', 'after_script'].map((k) => resolveKey(name, k)).filter((x): x is { def: Def; value: unknown } => !!x);
      analyzeScripts(name, keys, env);
      const trig = child(d.doc, d.node, 'trigger');
      if (trig !== undefined) this.c.partial(d.y.file, lineOf(d.y, trig), `job ${name} triggers a child/downstream pipeline`);
    }
  }

  private includes(y: YamlFile, doc: YamlDoc, node: unknown): string[] {
    const out: string[] = [];
    const list = isSeq(deref(doc, node)) ? items(doc, node) : [deref(doc, node)];
    for (const inc of list) {
      if (inc === undefined) continue;
      const line = lineOf(y, inc);
      const s = str(doc, inc);
      if (s !== undefined) {
        if (/^https?:\/\//.test(s)) this.c.partial(y.file, line, `include of remote ${s}`);
        else this.localInclude(y, line, s, out);
        continue;
      }
      const local = str(doc, child(doc, inc, 'local'));
      const template = str(doc, child(doc, inc, 'template'));
      const project = str(doc, child(doc, inc, 'project'));
      const remote = str(doc, child(doc, inc, 'remote'));
      const component = str(doc, child(doc, inc, 'component'));
      if (local !== undefined) this.localInclude(y, line, local, out);
      else if (template !== undefined) {
        if (/Dependency-Scanning/i.test(template)) this.c.tool('gitlab-ci', y.file, line, 'include', 'gitlab-dependency-scanning', template);
        else this.c.partial(y.file, line, `include of GitLab template ${template}`);
      } else if (project !== undefined) this.c.partial(y.file, line, `include of ${project} (another project)`);
      else if (remote !== undefined) this.c.partial(y.file, line, `include of remote ${remote}`);
      else if (component !== undefined) {
        if (/dependency-scanning/i.test(component)) this.c.tool('gitlab-ci', y.file, line, 'include', 'gitlab-dependency-scanning', component);
        else this.c.partial(y.file, line, `include of CI/CD component ${component}`);
      } else this.c.partial(y.file, line, 'include entry of an unknown form');
    }
    return out;
  }

  private localInclude(y: YamlFile, line: number, p: string, out: string[]): void {
    const rel = path.posix.normalize(p.replace(/^\/+/, ''));
    if (p.includes('*') || p.includes('$')) this.c.partial(y.file, line, `include of ${p} (wildcard or variable)`);
    else if (!this.c.repo.otherFiles.includes(rel)) this.c.partial(y.file, line, `include of ${p} (file not found)`);
    else out.push(rel);
  }
}
