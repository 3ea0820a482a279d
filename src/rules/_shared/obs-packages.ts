/** Observability rules: well-known import paths and grouping keys for cross-file facts. */
import type { Node } from 'web-tree-sitter';
import type { FileInfo, RuleContext } from '../define-rule.js';

/** Structured logging libraries (import path prefixes) and a short display name. */
export const STRUCTURED_LOGGERS: { prefix: string; name: string }[] = [
  { prefix: 'log/slog', name: 'log/slog' },
  { prefix: 'go.uber.org/zap', name: 'zap' },
  { prefix: 'github.com/rs/zerolog', name: 'zerolog' },
  { prefix: 'github.com/sirupsen/logrus', name: 'logrus' },
  { prefix: 'github.com/Sirupsen/logrus', name: 'logrus' },
  { prefix: 'github.com/go-logr/logr', name: 'logr' },
  { prefix: 'k8s.io/klog', name: 'klog' },
  { prefix: 'github.com/hashicorp/go-hclog', name: 'hclog' },
  { prefix: 'github.com/go-kit/log', name: 'go-kit/log' },
  { prefix: 'github.com/go-kit/kit/log', name: 'go-kit/log' },
  { prefix: 'github.com/containerd/log', name: 'containerd/log' },
  { prefix: 'github.com/apex/log', name: 'apex/log' },
  { prefix: 'github.com/inconshreveable/log15', name: 'log15' },
  { prefix: 'github.com/charmbracelet/log', name: 'charmbracelet/log' },
];

/** Metrics instrumentation libraries (import path prefixes). */
export const METRICS_PACKAGES: string[] = [
  'github.com/prometheus/client_golang/',
  'go.opentelemetry.io/otel/metric',
  'go.opentelemetry.io/otel/sdk/metric',
  'go.opentelemetry.io/otel/exporters/prometheus',
  'go.opentelemetry.io/otel/exporters/otlp/otlpmetric',
  'expvar',
  'github.com/VictoriaMetrics/metrics',
  'go.opencensus.io/stats',
  'github.com/armon/go-metrics',
  'github.com/hashicorp/go-metrics',
  'github.com/rcrowley/go-metrics',
  'github.com/DataDog/datadog-go',
  'github.com/uber-go/tally',
  'github.com/go-kit/kit/metrics',
  'github.com/grpc-ecosystem/go-grpc-prometheus',
  'github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus',
  'github.com/slok/go-http-metrics',
];

export function matchesPrefix(path: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return path.startsWith(prefix);
  return path === prefix || path.startsWith(prefix + '/');
}

/** Directory part of a relative file path ('' at the root). */
export function dirOf(relPath: string): string {
  const i = relPath.lastIndexOf('/');
  return i < 0 ? '' : relPath.slice(0, i);
}

/** Grouping key for one Go package: module dir + directory + package name. */
export function packageKey(file: FileInfo): string {
  return `${file.moduleDir ?? '?'}\u0000${dirOf(file.path)}\u0000${file.packageName}`;
}

/** Grouping key for one module ('?' groups files outside any module together). */
export function moduleKey(file: FileInfo): string {
  return file.moduleDir ?? '?';
}

/** Directory segments of a relative path (file name excluded). */
export function dirSegments(relPath: string): string[] {
  return dirOf(relPath).split('/').filter(Boolean);
}

/** Whether a file has a `//go:build` constraint naming a custom tag (not only GOOS/GOARCH/cgo/go versions). */
const PLATFORM_TAGS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd',
  'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos', 'unix', '386', 'amd64', 'arm', 'arm64', 'loong64',
  'mips', 'mipsle', 'mips64', 'mips64le', 'ppc64', 'ppc64le', 'riscv64', 's390x', 'wasm', 'cgo', 'gc', 'gccgo',
]);
export function customBuildTag(ctx: RuleContext): string | undefined {
  for (const n of ctx.root.namedChildren) {
    if (!n) continue;
    if (n.type === 'package_clause') break;
    if (n.type !== 'comment') continue;
    const m = /^\/\/go:build\s+(.*)$/.exec(n.text.trim());
    if (!m) continue;
    // only positive custom tags: `//go:build !nopprof` is part of the default build
    for (const t of m[1]!.matchAll(/(!?)\s*([A-Za-z0-9_.]+)/g)) {
      if (t[1] === '!' || PLATFORM_TAGS.has(t[2]!) || /^go1\.\d+$/.test(t[2]!)) continue;
      return t[2];
    }
  }
  return undefined;
}

export function position(node: Node): { line: number; column: number } {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}
