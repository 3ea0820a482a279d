import { defineRepoRule } from '../define-rule.js';
import type { Severity } from '../../core/types.js';
import { goModPath, replacementOf } from '../_shared/supply-gomod.js';

interface Deprecation {
  /** What happened. */
  status: string;
  /** When (YYYY or YYYY-MM). */
  since: string;
  replacement: string;
  severity: Severity;
}

/**
 * Deprecated, archived or unmaintained modules with a clear successor. Dated: reviewed 2026-11.
 * Only module paths whose status is public (archived repository, deprecation notice in the
 * module's go.mod or README, project sunset) are listed.
 */
export const DEPRECATED_MODULES_REVIEWED = '2026-11';
export const DEPRECATED_MODULES: Record<string, Deprecation> = {
  'github.com/dgrijalva/jwt-go': { status: 'archived, with an unfixed vulnerability (CVE-2020-26160)', since: '2021-05', replacement: 'github.com/golang-jwt/jwt/v5', severity: 'medium' },
  'github.com/form3tech-oss/jwt-go': { status: 'archived stop-gap fork of dgrijalva/jwt-go', since: '2021', replacement: 'github.com/golang-jwt/jwt/v5', severity: 'medium' },
  'github.com/satori/go.uuid': { status: 'unmaintained, with insecure randomness in unreleased code (CVE-2021-3538)', since: '2018-01', replacement: 'github.com/google/uuid or github.com/gofrs/uuid/v5', severity: 'medium' },
  'github.com/golang/protobuf': { status: 'deprecated by its authors (superseded by the APIv2 module)', since: '2020-03', replacement: 'google.golang.org/protobuf', severity: 'low' },
  'github.com/gogo/protobuf': { status: 'unmaintained (last release v1.3.2)', since: '2021-01', replacement: 'google.golang.org/protobuf (with vtprotobuf for speed)', severity: 'low' },
  'github.com/golang/mock': { status: 'archived', since: '2023-06', replacement: 'go.uber.org/mock', severity: 'low' },
  'github.com/opentracing/opentracing-go': { status: 'archived (OpenTracing is superseded by OpenTelemetry)', since: '2022-01', replacement: 'go.opentelemetry.io/otel', severity: 'low' },
  'go.opencensus.io': { status: 'sunset (OpenCensus is superseded by OpenTelemetry)', since: '2023-07', replacement: 'go.opentelemetry.io/otel', severity: 'low' },
  'github.com/mitchellh/mapstructure': { status: 'archived by its author', since: '2024-07', replacement: 'github.com/go-viper/mapstructure/v2', severity: 'low' },
  'github.com/mitchellh/go-homedir': { status: 'archived by its author', since: '2024-07', replacement: 'os.UserHomeDir (Go 1.12+)', severity: 'low' },
  'github.com/boltdb/bolt': { status: 'unmaintained (the author points to the etcd fork)', since: '2018', replacement: 'go.etcd.io/bbolt', severity: 'low' },
  'github.com/pkg/errors': { status: 'archived', since: '2021-12', replacement: 'the standard errors package (%w, errors.Is/As/Join)', severity: 'low' },
  'k8s.io/klog': { status: 'superseded by its v2 module', since: '2020-03', replacement: 'k8s.io/klog/v2', severity: 'low' },
  'github.com/Sirupsen/logrus': { status: 'wrong-case import path (the module is github.com/sirupsen/logrus)', since: '2017-06', replacement: 'github.com/sirupsen/logrus', severity: 'low' },
};

export default defineRepoRule({
  meta: {
    id: 'SUP1006',
    name: 'deprecated-module',
    dimension: 'supply-chain',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'stable',
    title: 'A direct dependency is deprecated, archived or unmaintained',
    passCriterion: 'no direct dependency is deprecated, archived or unmaintained',
    rationale:
      'An archived or deprecated module gets no security fixes: when the next advisory lands there is no release to ' +
      'upgrade to, only a rushed migration. Some (dgrijalva/jwt-go, satori/go.uuid) already carry unfixed ' +
      'vulnerabilities. Each listed module has a maintained successor; migrating on your own schedule is cheaper than ' +
      'during an incident.',
    fix: { text: 'Migrate to the successor named in the message, then `go mod tidy` so the old module leaves go.mod.', effort: 'medium' },
    examples: [
      {
        filename: 'go.mod',
        bad: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/dgrijalva/jwt-go v3.2.0+incompatible\n',
        good: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/golang-jwt/jwt/v5 v5.2.1\n',
      },
    ],
    messages: {
      deprecated: '{{module}} is {{status}} since {{since}}: migrate to {{replacement}}',
    },
    sources: [],
    notes:
      `The list is a small table in the rule, last reviewed ${DEPRECATED_MODULES_REVIEWED}; module deprecation notices in a dependency's ` +
      'own go.mod are not read (that needs the module cache). Only direct requirements are checked; a requirement ' +
      'redirected by a `replace` to another module is not reported.',
  },
  check(repo, ctx) {
    for (const m of repo.modules) {
      ctx.applicable();
      for (const r of m.mod.require) {
        const d = DEPRECATED_MODULES[r.path];
        if (!d || r.indirect) continue;
        const rep = replacementOf(m.mod, r);
        if (rep && rep.to.path !== r.path) continue;
        ctx.report({
          file: goModPath(m), line: r.line, messageId: 'deprecated', severity: d.severity,
          data: { module: r.path, status: d.status, since: d.since, replacement: d.replacement },
        });
      }
    }
  },
});
