/**
 * Safe HTML building: `html` is a tagged template that escapes every interpolated value unless it
 * is itself `html`/`raw` output; arrays are joined. Untrusted strings (repo names, paths, messages,
 * snippets) can only reach a page through it.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"'`]/g, (c) => ESC[c]!);
}

/** Marks trusted, already-built markup. Never pass user data here. */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}

function part(v: unknown): string {
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === null || v === undefined || v === false) return '';
  return esc(v);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => { out += part(v) + strings[i + 1]!; });
  return new SafeHtml(out);
}

/** The parts, each escaped unless it is `html`/`raw` output, joined by `sep` (escaped). */
export function joinHtml(parts: readonly unknown[], sep: string): SafeHtml {
  return new SafeHtml(parts.map(part).join(esc(sep)));
}

/** JSON for a <script type="application/json"> block: cannot close the element or open a comment. */
export function jsonForScript(v: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}

/** Only http(s) links, or relative ones, may become an href. */
export function safeHref(url: string): string {
  return /^(https?:\/\/|\/(?!\/)|\.\.?\/|[?#])/i.test(url) ? url : '#';
}
