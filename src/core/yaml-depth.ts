/**
 * A guard run before any YAML text reaches the `yaml` parser. The parser recurses once per
 * nesting level (block maps, `- - -` sequences, flow `[`/`{`, compact `a: b: c:` chains); about
 * 800 levels exhaust the stack, and depending on where the overflow lands it is either reported
 * as a parse error or aborts the whole process ("RegExpCompiler Allocation failed", exit 134)
 * — a 4 KB `.goready.yaml` of `[` was enough. Real configuration files stay far below
 * YAML_MAX_DEPTH; deeper text is refused with a message before parsing.
 */

export const YAML_MAX_DEPTH = 200;

/**
 * An upper estimate of the nesting depth of YAML text (linear, stops once over `limit`):
 * the stack of block indentations, plus per line the leading `- ` entries and `key: ` pairs,
 * plus open flow collections (which may span lines). Quoted strings, comments and the bodies
 * of block scalars (`|`, `>`) are skipped.
 */
export function yamlNestingDepth(text: string, limit = YAML_MAX_DEPTH): number {
  const indents: number[] = [];
  let flow = 0;
  let max = 0;
  let blockScalarIndent = -1; // inside a block scalar: lines indented deeper than this belong to it
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end);
    pos = end + 1;
    let i = 0;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i === line.length || line[i] === '#' || line[i] === '\r') {
      if (end === text.length) break;
      continue;
    }
    const indent = i;
    if (blockScalarIndent >= 0) {
      if (indent > blockScalarIndent) {
        if (end === text.length) break;
        continue;
      }
      blockScalarIndent = -1;
    }
    if (flow === 0) {
      while (indents.length && indents[indents.length - 1]! > indent) indents.pop();
      if (!indents.length || indents[indents.length - 1]! < indent) indents.push(indent);
    }
    let depth = indents.length + flow;
    let valueStart = true; // at a place where a flow collection may begin
    let quote = '';
    let last = '';
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (quote) {
        if (c === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = '';
        } else if (c === '\\' && quote === '"') i++;
        continue;
      }
      if (c === ' ' || c === '\t') {
        last = c;
        continue;
      }
      if (c === '#' && (last === ' ' || last === '\t' || last === '')) break;
      if ((c === '"' || c === "'") && (valueStart || flow > 0)) {
        quote = c;
      } else if ((c === '[' || c === '{') && (valueStart || flow > 0)) {
        flow++;
        depth++;
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
        depth--;
      } else if (c === '-' && valueStart && (line[i + 1] === ' ' || line[i + 1] === undefined) && flow === 0) {
        depth++;
      } else if (c === ':' && (line[i + 1] === ' ' || line[i + 1] === '\t' || line[i + 1] === undefined || (flow > 0 && /[,\]}]/.test(line[i + 1]!)))) {
        depth++;
        valueStart = true;
        last = c;
        if (depth > max) max = depth;
        continue;
      } else if ((c === '|' || c === '>') && valueStart && flow === 0 && /^[|>][-+0-9]*\s*(#.*)?\r?$/.test(line.slice(i))) {
        blockScalarIndent = indent;
        break;
      }
      valueStart = flow > 0 && (c === ',' || c === '[' || c === '{') ? true : c === '-' && valueStart && flow === 0;
      last = c;
      if (depth > max) max = depth;
      if (max > limit) return max;
    }
    if (depth > max) max = depth;
    if (max > limit) return max;
    if (end === text.length) break;
  }
  return max;
}

/** A message when `text` is nested too deeply to be parsed safely, else undefined. */
export function yamlTooDeep(text: string): string | undefined {
  const d = yamlNestingDepth(text);
  return d > YAML_MAX_DEPTH ? `YAML nested deeper than ${YAML_MAX_DEPTH} levels: not parsed` : undefined;
}
