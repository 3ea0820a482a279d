/**
 * Line lookup in a text: the line starts are indexed once (lazily), so each lookup is O(1) instead
 * of a split of the text up to that line (which made many findings in one large file quadratic).
 */
export function lineIndex(text: string): (line: number) => string | undefined {
  let starts: number[] | undefined;
  return (line) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    if (line < 1 || line > starts.length) return undefined;
    const s = starts[line - 1]!;
    const e = line < starts.length ? starts[line]! - 1 : text.length;
    return text.slice(s, e);
  };
}
