/**
 * The `//go:generate` lines of a Go file (line-start comments), with their 1-based lines: what
 * src/engine/generator-programs.ts reads of every Go file, kept in the file's analysis result so that a warm run
 * does not read the file again.
 */
const GENERATE = /^\/\/go:generate[ \t]+(.+)$/gm;

/** [line, command] of each `//go:generate` line of `text`. */
export function goGenerateLines(text: string): [number, string][] {
  const out: [number, string][] = [];
  if (!text.includes('//go:generate')) return out;
  let line = 1;
  let at = 0;
  for (const m of text.matchAll(GENERATE)) {
    for (let i = text.indexOf('\n', at); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    at = m.index;
    out.push([line, m[1]!]);
  }
  return out;
}
