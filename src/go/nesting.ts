/**
 * Bracket nesting depth of Go source, measured on the text before parsing (one linear scan that
 * skips comments, string and rune literals). Rules walk syntax trees recursively and along
 * ancestor chains, so a file nested thousands of levels deep would cost them O(depth²) or more and
 * could exhaust the stack; such a file is given up with a diagnostic instead (`nesting-too-deep`).
 */

/** Deeper than this many nested (), [] or {} and the syntax-tree rules skip the file. */
export const MAX_NESTING_DEPTH = 256;

/** Maximum nesting of (), [] and {} outside comments and literals; stops counting above `stopAbove`. */
export function bracketNestingDepth(source: string, stopAbove = Infinity): number {
  let depth = 0;
  let max = 0;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    switch (c) {
      case 40: case 91: case 123: // ( [ {
        if (++depth > max) {
          max = depth;
          if (max > stopAbove) return max;
        }
        break;
      case 41: case 93: case 125: // ) ] }
        if (depth > 0) depth--;
        break;
      case 47: { // '/'
        const d = source.charCodeAt(i + 1);
        if (d === 47) { const e = source.indexOf('\n', i + 2); i = e === -1 ? n : e; } else if (d === 42) { const e = source.indexOf('*/', i + 2); i = e === -1 ? n : e + 1; }
        break;
      }
      case 96: { // raw string
        const e = source.indexOf('`', i + 1);
        i = e === -1 ? n : e;
        break;
      }
      case 34: case 39: { // "…" or '…' (ends at the quote or the end of the line)
        let j = i + 1;
        for (; j < n; j++) {
          const d = source.charCodeAt(j);
          if (d === 92) { j++; continue; }
          if (d === c || d === 10) break;
        }
        i = j;
        break;
      }
      default:
        break;
    }
  }
  return max;
}
