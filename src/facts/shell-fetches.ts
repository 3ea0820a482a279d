/**
 * What a shell script (a Dockerfile RUN, a CI step) does with the network and file modes, read
 * well enough for the build rules: remote content piped into an interpreter (`curl … | sh`,
 * `sh -c "$(curl …)"`, `bash <(wget -qO- …)`), files downloaded and then installed or run, the
 * verification commands that would vouch for them, and `chmod` modes that make paths writable by
 * everyone. No evaluation: variables stay as written.
 */
import { shellCommands } from './go-build-invocations.js';

const FETCHERS = /^(?:curl|wget|fetch|aria2c)$/;
const INTERPRETERS = /^(?:sh|bash|zsh|dash|ash|ksh|python[23]?|perl|ruby|node|pwsh)$/;
/** Commands that check what was downloaded (a digest, a signature, a provenance attestation). */
const VERIFIERS = /(?:^|[\s;&|(])(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|md5sum|cksum|gpg|gpgv|cosign|minisign|slsa-verifier|signify|openssl\s+dgst|rpm\s+-K|sigstore|gh\s+attestation\s+verify)(?=\s|$|;|\))|--checksum\b|--verify\b|\bchecksums?=|\bsha256[:=]/i;

function basename(w: string): string {
  return w.slice(w.lastIndexOf('/') + 1);
}

/** Splits a script into pipelines (on `&&`, `||`, `;`, newlines), keeping `|` inside each (quote-unaware). */
function pipelines(script: string): string[] {
  return script.split(/&&|\|\||;|\n/).map((p) => p.trim()).filter(Boolean);
}

function programOf(segment: string): string | undefined {
  const words = segment.trim().split(/\s+/).filter((w) => !/^[A-Za-z_]\w*=/.test(w) && !/^(?:sudo|env|exec|time|then|do|else|!|\{|\()$/.test(w));
  return words[0] ? basename(words[0].replace(/^["'(]+|["')]+$/g, '')) : undefined;
}

/** Remote content executed without being stored: `curl … | sh`, `sh -c "$(curl …)"`, `bash <(curl …)`. Returns the offending text. */
export function pipedToInterpreter(script: string): string | undefined {
  for (const p of pipelines(script)) {
    const segs = p.split(/\|(?!\|)/);
    const fetchAt = segs.findIndex((s) => FETCHERS.test(programOf(s) ?? ''));
    if (fetchAt !== -1 && segs.slice(fetchAt + 1).some((s) => INTERPRETERS.test(programOf(s) ?? ''))) return p.slice(0, 200);
  }
  const sub = /\b(?:sh|bash|zsh|dash|ash)\s+(?:-\w+\s+)*(?:-c\s+["']?\$\(|<\()\s*(?:curl|wget)\b/.exec(script);
  if (sub) return script.slice(sub.index, sub.index + 200).split('\n')[0];
  return undefined;
}

export interface Download {
  /** The fetch command text. */
  text: string;
  /** The file written (`-o f`, `-O` (URL basename), `wget` default, `> f`). */
  target?: string;
  /** What happens to it afterwards in the same script: `chmod +x`, moved into a bin directory, extracted, run. */
  installed: boolean;
}

const INSTALL_FROM_STDIN = /^(?:tar|bsdtar|unzip|gunzip|gzip|xz|zstd|bunzip2|dpkg|rpm|install)$/;
const URL = /^(?:https?|ftp):\/\//;

/** The file a fetch command writes (undefined: stdout). */
function fetchTarget(w: string[]): string | undefined {
  const tool = basename(w[0]!);
  const url = w.find((x) => URL.test(x));
  for (let k = 1; k < w.length; k++) {
    const a = w[k]!;
    const takesNext = a === '--output' || a === '--output-document' || (tool === 'wget' ? /^-[a-zA-Z]*O$/ : /^-[a-zA-Z]*o$/).test(a);
    if (takesNext) return w[k + 1] === '-' ? undefined : w[k + 1];
    const inline = /^(?:--output=|--output-document=)(.+)$/.exec(a) ?? (tool === 'wget' ? /^-[a-zA-Z]*O(.+)$/.exec(a) : /^-o(.+)$/.exec(a));
    if (inline) return inline[1] === '-' ? undefined : inline[1];
  }
  const remoteName = tool === 'wget' ? !w.some((x) => /^-[a-zA-Z]*O$/.test(x)) : w.some((x) => x === '-O' || x === '--remote-name' || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(x));
  return remoteName && url ? basename(url.replace(/[?#].*$/, '')) : undefined;
}

/**
 * Downloads that end up installed or run in the same script: `curl -o f URL` followed by `chmod +x f`, a move or
 * copy into a bin directory, an extraction or a package install of `f`, or running it; and `curl URL | tar -x`.
 * (Piping into an interpreter is `pipedToInterpreter`.)
 */
export function installedDownloads(script: string): Download[] {
  const out: Download[] = [];
  const pl = pipelines(script);
  pl.forEach((p, idx) => {
    const segs = p.split(/\|(?!\|)/).map((x) => x.trim());
    const first = shellCommands(segs[0] ?? '')[0]?.map((x) => x.value) ?? [];
    const fi = first.findIndex((x) => FETCHERS.test(basename(x)));
    if (fi === -1 || !first.some((x) => URL.test(x))) return;
    const w = first.slice(fi);
    const text = w.join(' ').slice(0, 200);
    const target = fetchTarget(w);
    if (target === undefined) {
      if (segs.slice(1).some((s) => INSTALL_FROM_STDIN.test(programOf(s) ?? ''))) out.push({ text, installed: true });
      return;
    }
    const name = basename(target);
    if (!name || name.includes('$')) return;
    const mention = new RegExp(`(?:^|[\\s/"'=])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[\\s"';&|)])`);
    const installed = /^\/(?:usr\/(?:local\/)?)?s?bin\//.test(target) || pl.slice(idx + 1).some((l) => mention.test(l) && (
      /\bchmod\s+(?:-\w+\s+)*(?:[ugoa]*\+[rw]*x|0?[0-7]*[1357])\b/.test(l) ||
      /\b(?:mv|cp|install|ln)\b.*\s\/(?:usr\/(?:local\/)?|opt\/[\w.-]+\/)?s?bin\b/.test(l) ||
      INSTALL_FROM_STDIN.test(programOf(l) ?? '') || /^(?:apk|apt|apt-get|yum|dnf)\b/.test(programOf(l) ?? '') ||
      /^(?:\.\/|\/)/.test(l) && basename(l.split(/\s/)[0]!) === name ||
      INTERPRETERS.test(programOf(l) ?? '')
    ));
    if (installed) out.push({ text, target, installed: true });
  });
  return out;
}

/** True when the script (or a stage's scripts) verifies what it downloads. */
export function verifiesDownloads(script: string): boolean {
  return VERIFIERS.test(script);
}

/** A chmod mode that gives write access to everyone (o+w, a+w, 0777, 666) without the sticky bit (1777 /tmp is the norm). */
export function worldWritableMode(mode: string): boolean {
  const m = mode.trim();
  if (/^[0-7]{3,4}$/.test(m)) {
    const digits = m.padStart(4, '0');
    return (Number(digits[3]) & 2) !== 0 && (Number(digits[0]) & 1) === 0;
  }
  // symbolic clauses `who op perms`; an empty who is filtered by the umask (not world-writable)
  const clauses = m.split(',').map((c) => /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(c));
  if (clauses.some((c) => !c)) return false;
  const sticky = clauses.some((c) => c![2] !== '-' && c![3]!.includes('t'));
  return !sticky && clauses.some((c) => /[ao]/.test(c![1]!) && c![2] !== '-' && c![3]!.includes('w'));
}

/** `chmod` commands of a script whose mode makes paths world-writable: the mode and the paths. */
export function worldWritableChmods(script: string): { mode: string; paths: string[]; text: string }[] {
  const out: { mode: string; paths: string[]; text: string }[] = [];
  for (const cmd of shellCommands(script)) {
    const w = cmd.map((x) => x.value);
    const i = w.findIndex((x) => basename(x) === 'chmod');
    if (i === -1) continue;
    const args = w.slice(i + 1).filter((a) => !/^-[A-Za-z]+$/.test(a) && !a.startsWith('--'));
    const mode = args[0];
    if (!mode || !worldWritableMode(mode)) continue;
    out.push({ mode, paths: args.slice(1), text: w.slice(i).join(' ').slice(0, 200) });
  }
  return out;
}
