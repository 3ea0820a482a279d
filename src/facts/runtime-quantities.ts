/**
 * Value parsers for runtime configuration: Kubernetes resource quantities (memory in bytes,
 * CPU in millicores), docker-compose byte sizes, and the Go runtime environment variables
 * GOMEMLIMIT / GOGC / GOMAXPROCS exactly as the Go runtime reads them.
 */

const K8S_SUFFIX: Record<string, number> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

/** Parses a Kubernetes resource.Quantity ("512Mi", "1G", "500m", "1.5", "129e6") into its base unit. */
export function parseK8sQuantity(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(.*)$/.exec(s);
  if (!m) return undefined;
  const num = Number(m[1]);
  const suffix = m[2]!;
  if (Object.prototype.hasOwnProperty.call(K8S_SUFFIX, suffix)) return num * K8S_SUFFIX[suffix]!;
  const exp = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (exp) return num * 10 ** Number(exp[1]);
  return undefined;
}

/** Memory quantity in bytes (rounded up, as Kubernetes does for fractional bytes). */
export function memoryBytes(raw: unknown): number | undefined {
  const v = parseK8sQuantity(raw);
  return v === undefined ? undefined : Math.ceil(v);
}

/** CPU quantity in millicores. */
export function cpuMillis(raw: unknown): number | undefined {
  const v = parseK8sQuantity(raw);
  return v === undefined ? undefined : Math.ceil(v * 1000 - 1e-9);
}

/** docker-compose byte values ("512m", "1g", "1gb", "300M", 1073741824): 1024-based units. */
export function composeBytes(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)b?\s*$/i.exec(raw);
  if (!m) return undefined;
  const pow = ['', 'k', 'm', 'g', 't'].indexOf(m[2]!.toLowerCase());
  return Math.round(Number(m[1]) * 1024 ** Math.max(0, pow));
}

export type GoMemLimit = { kind: 'off' } | { kind: 'bytes'; bytes: number } | { kind: 'malformed'; hint?: string };

/**
 * GOMEMLIMIT as runtime.readGOMEMLIMIT reads it: "off", or ^[0-9]+(([KMGT]i)?B)?$ — anything else
 * makes the runtime throw "malformed GOMEMLIMIT" at startup.
 */
export function parseGoMemLimit(v: string): GoMemLimit {
  if (v === 'off') return { kind: 'off' };
  const m = /^(\d+)(?:([KMGT])iB|B)?$/.exec(v);
  if (m) {
    const pow = m[2] ? 'KMGT'.indexOf(m[2]) + 1 : 0;
    return { kind: 'bytes', bytes: Number(m[1]) * 1024 ** pow };
  }
  // a Kubernetes-style or SI suffix is the usual mistake: suggest the Go spelling
  const k = /^(\d+)\s*([KMGT])(i|B|iB)?$/i.exec(v.trim());
  if (k) return { kind: 'malformed', hint: `${k[1]}${k[2]!.toUpperCase()}iB` };
  return { kind: 'malformed' };
}

export type GoGC = { kind: 'off' } | { kind: 'percent'; percent: number } | { kind: 'malformed' };

/** GOGC as runtime.readGOGC reads it: "off", or an int32 (negative also disables the GC); anything else is ignored (100). */
export function parseGoGC(v: string): GoGC {
  if (v === 'off') return { kind: 'off' };
  if (/^-?\d+$/.test(v)) {
    const n = Number(v);
    if (n < -(2 ** 31) || n >= 2 ** 31) return { kind: 'malformed' };
    return n < 0 ? { kind: 'off' } : { kind: 'percent', percent: n };
  }
  return { kind: 'malformed' };
}

/** GOMAXPROCS: a positive integer, anything else is silently ignored by the runtime. */
export function parseGoMaxProcs(v: string): number | undefined {
  if (!/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n > 0 && n < 2 ** 31 ? n : undefined;
}

/** Human byte size in the GOMEMLIMIT spelling, rounded down to MiB (or KiB/B for small values). */
export function formatGoBytes(bytes: number): string {
  if (bytes >= 2 ** 20) return `${Math.floor(bytes / 2 ** 20)}MiB`;
  if (bytes >= 2 ** 10) return `${Math.floor(bytes / 2 ** 10)}KiB`;
  return `${Math.floor(bytes)}B`;
}
