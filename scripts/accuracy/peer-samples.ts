/**
 * Reads peers' own labelled test material into one shape, without running any of it:
 * - gosec `testutils/g*_samples.go`: `[]CodeSample{{[]string{code…}, errors, config}, …}` — each sample
 *   is one or more Go files and the number of issues the rule must report;
 * - go vet `go/analysis/passes/<pass>/testdata/src/<pkg>/*.go`: `// want "re"` comments mark the
 *   lines where the analyzer must report.
 * Sources are parsed with the project's own tree-sitter Go parser (they are Go source).
 */
import fs from 'node:fs';
import path from 'node:path';
import { getGoParser, parseGo, type GoNode } from '../../src/go/parser.js';

export interface GosecSample {
  /** e.g. SampleCodeG101#3 */
  name: string;
  files: string[];
  expected: number;
  /** The sample passes a non-default gosec configuration (tests gosec options rather than the check). */
  customConfig: boolean;
}

export interface VetPackage {
  /** Package directory relative to testdata/src. */
  dir: string;
  files: { name: string; text: string }[];
  /** file name → lines (1-based) carrying a `// want` expectation, with how many patterns each. */
  wants: Map<string, Map<number, number>>;
}

function goStringValue(n: GoNode): string | undefined {
  if (n.type === 'raw_string_literal') return n.text.slice(1, -1).replace(/\r/g, '');
  if (n.type === 'interpreted_string_literal') {
    try {
      return JSON.parse(n.text.replace(/\\'/g, "'")) as string;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function elementValue(el: GoNode): GoNode | undefined {
  // literal_element wraps the expression; keyed_element holds key and value literal_elements.
  if (el.type === 'literal_element') return el.namedChild(0) ?? undefined;
  return undefined;
}

function keyedParts(el: GoNode): { key: string; value: GoNode } | undefined {
  if (el.type !== 'keyed_element') return undefined;
  const [k, v] = el.namedChildren.filter((c): c is GoNode => c !== null);
  const value = v ? elementValue(v) ?? v : undefined;
  if (!k || !value) return undefined;
  return { key: k.text.trim(), value };
}

function stringsOf(lit: GoNode): string[] | undefined {
  if (lit.type !== 'composite_literal') return undefined;
  const body = lit.childForFieldName('body');
  if (!body) return undefined;
  const out: string[] = [];
  for (const el of body.namedChildren) {
    if (!el) continue;
    const v = elementValue(el);
    const s = v ? goStringValue(v) : undefined;
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

function isDefaultConfig(n: GoNode | undefined): boolean {
  return !n || /^gosec\.NewConfig\(\)$/.test(n.text.trim());
}

/** Parses the body (`{…}`) of one CodeSample literal, positional or keyed form. */
function sampleOf(body: GoNode): Omit<GosecSample, 'name'> | undefined {
  const els = body.namedChildren.filter((c): c is GoNode => c !== null && (c.type === 'literal_element' || c.type === 'keyed_element'));
  let code: GoNode | undefined;
  let errors: GoNode | undefined;
  let config: GoNode | undefined;
  if (els.length > 0 && els.every((e) => e.type === 'keyed_element')) {
    for (const e of els) {
      const kv = keyedParts(e);
      if (kv?.key === 'Code') code = kv.value;
      else if (kv?.key === 'Errors') errors = kv.value;
      else if (kv?.key === 'Config') config = kv.value;
    }
  } else {
    [code, errors, config] = els.map((e) => elementValue(e));
  }
  const files = code ? stringsOf(code) : undefined;
  if (!files || !errors || !/^\d+$/.test(errors.text.trim())) return undefined;
  return { files, expected: Number(errors.text.trim()), customConfig: !isDefaultConfig(config) };
}

/**
 * All samples of one gosec rule id (e.g. "G101"): every `SampleCodeG101…` variable of
 * `testutils/g101_samples.go` except variants named with a further digit (G1010 ≠ G101).
 */
export async function readGosecSamples(gosecRoot: string, ruleId: string): Promise<GosecSample[]> {
  const file = path.join(gosecRoot, 'testutils', `${ruleId.toLowerCase()}_samples.go`);
  if (!fs.existsSync(file)) return [];
  const parser = await getGoParser();
  const tree = parseGo(parser, fs.readFileSync(file, 'utf8'));
  try {
    const out: GosecSample[] = [];
    const specs = tree.rootNode.descendantsOfType('var_spec').filter((n): n is GoNode => n !== null);
    for (const spec of specs) {
      const name = spec.childForFieldName('name')?.text ?? '';
      const m = /^SampleCode(G\d+)(.*)$/.exec(name);
      if (!m || m[1] !== ruleId.toUpperCase() || /^\d/.test(m[2] ?? '')) continue;
      const value = spec.childForFieldName('value')?.namedChild(0);
      const body = value?.type === 'composite_literal' ? value.childForFieldName('body') : undefined;
      if (!body) continue;
      let i = 0;
      for (const el of body.namedChildren) {
        const lit = el ? elementValue(el) : undefined;
        // Elements of []CodeSample are usually written without the type (`{…}`, a literal_value).
        const sampleBody = lit?.type === 'literal_value' ? lit : lit?.type === 'composite_literal' ? lit.childForFieldName('body') : null;
        if (!sampleBody) continue;
        const s = sampleOf(sampleBody);
        i++;
        if (s) out.push({ name: `${name}#${i}`, ...s });
      }
    }
    return out;
  } finally {
    tree.delete();
  }
}

const WANT = /\/\/\s*want\s+(.*)$/;

/** Counts the patterns of a want comment: "a" `b` "c" → 3. */
function countPatterns(rest: string): number {
  const m = rest.match(/"(?:[^"\\]|\\.)*"|`[^`]*`/g);
  return m ? m.length : 0;
}

/** Every package under `<pass>/testdata/src`, with its `// want` lines. */
export function readVetTestdata(toolsRoot: string, pass: string): VetPackage[] {
  const src = path.join(toolsRoot, 'go', 'analysis', 'passes', pass, 'testdata', 'src');
  if (!fs.existsSync(src)) return [];
  const byDir = new Map<string, VetPackage>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile() && e.name.endsWith('.go')) {
        const rel = path.relative(src, dir);
        const pkg: VetPackage = byDir.get(rel) ?? { dir: rel, files: [], wants: new Map() };
        byDir.set(rel, pkg);
        const text = fs.readFileSync(abs, 'utf8');
        pkg.files.push({ name: e.name, text });
        const lines = new Map<number, number>();
        text.split('\n').forEach((line, i) => {
          const m = WANT.exec(line);
          if (m) lines.set(i + 1, Math.max(1, countPatterns(m[1] ?? '')));
        });
        pkg.wants.set(e.name, lines);
      }
    }
  };
  walk(src);
  return [...byDir.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}
