/**
 * Deprecated, archived or unmaintained modules with a clear successor, shared by SUP1006 (those whose
 * status has a security or correctness consequence) and SUP1012 (the rest: hygiene). Dated: reviewed
 * 2026-11. Only module paths whose status is public (archived repository, deprecation notice in the
 * module's go.mod or README, project sunset) are listed.
 */
import type { Severity } from '../../core/types.js';
import type { RepoFacts, RepoModule } from '../../facts/repo-facts.js';
import type { ModRequire } from '../../go/gomod.js';
import { replacementOf } from './supply-gomod.js';
import { requirementShips } from '../../facts/shipped-requirements.js';

export interface Deprecation {
  /** What happened. */
  status: string;
  /** When (YYYY or YYYY-MM). */
  since: string;
  replacement: string;
  severity: Severity;
  /**
   * What staying costs beyond the archive notice: an unfixed vulnerability, data-corruption fixes only
   * in the successor, a module path that breaks builds. Undefined: the module works and only gets no
   * more releases (hygiene; blind samples of 2026-12-07/09 judged 6 of 7 such findings "nobody would act").
   */
  consequence?: string;
}

export const DEPRECATED_MODULES_REVIEWED = '2026-11';
export const DEPRECATED_MODULES: Record<string, Deprecation> = {
  'github.com/dgrijalva/jwt-go': { status: 'archived, with an unfixed vulnerability (CVE-2020-26160)', since: '2021-05', replacement: 'github.com/golang-jwt/jwt/v5', severity: 'medium', consequence: 'unfixed vulnerability' },
  'github.com/form3tech-oss/jwt-go': { status: 'archived stop-gap fork of dgrijalva/jwt-go', since: '2021', replacement: 'github.com/golang-jwt/jwt/v5', severity: 'medium', consequence: 'security-sensitive code without fixes' },
  'github.com/satori/go.uuid': { status: 'unmaintained, with insecure randomness in unreleased code (CVE-2021-3538)', since: '2018-01', replacement: 'github.com/google/uuid or github.com/gofrs/uuid/v5', severity: 'medium', consequence: 'unfixed vulnerability' },
  'github.com/boltdb/bolt': { status: 'unmaintained (the author points to the etcd fork)', since: '2018', replacement: 'go.etcd.io/bbolt', severity: 'low', consequence: 'storage-engine fixes only in the successor' },
  'github.com/Sirupsen/logrus': { status: 'wrong-case import path (the module is github.com/sirupsen/logrus)', since: '2017-06', replacement: 'github.com/sirupsen/logrus', severity: 'low', consequence: 'case-conflicting module path' },
  'github.com/golang/protobuf': { status: 'deprecated by its authors (superseded by the APIv2 module)', since: '2020-03', replacement: 'google.golang.org/protobuf', severity: 'low' },
  'github.com/gogo/protobuf': { status: 'unmaintained (last release v1.3.2)', since: '2021-01', replacement: 'google.golang.org/protobuf (with vtprotobuf for speed)', severity: 'low' },
  'github.com/golang/mock': { status: 'archived', since: '2023-06', replacement: 'go.uber.org/mock', severity: 'low' },
  'github.com/opentracing/opentracing-go': { status: 'archived (OpenTracing is superseded by OpenTelemetry)', since: '2022-01', replacement: 'go.opentelemetry.io/otel', severity: 'low' },
  'go.opencensus.io': { status: 'sunset (OpenCensus is superseded by OpenTelemetry)', since: '2023-07', replacement: 'go.opentelemetry.io/otel', severity: 'low' },
  'github.com/mitchellh/mapstructure': { status: 'archived by its author', since: '2024-07', replacement: 'github.com/go-viper/mapstructure/v2', severity: 'low' },
  'github.com/mitchellh/go-homedir': { status: 'archived by its author', since: '2024-07', replacement: 'os.UserHomeDir (Go 1.12+)', severity: 'low' },
  'github.com/pkg/errors': { status: 'archived', since: '2021-12', replacement: 'the standard errors package (%w, errors.Is/As/Join)', severity: 'low' },
  'k8s.io/klog': { status: 'superseded by its v2 module', since: '2020-03', replacement: 'k8s.io/klog/v2', severity: 'low' },
};

/** Direct requirements of listed modules (not redirected by a `replace` to another module) that `pick` selects. */
export function deprecatedRequirements(repo: RepoFacts, pick: (d: Deprecation) => boolean): { module: RepoModule; require: ModRequire; deprecation: Deprecation }[] {
  const out: { module: RepoModule; require: ModRequire; deprecation: Deprecation }[] = [];
  for (const m of repo.modules) {
    for (const r of m.mod.require) {
      const d = DEPRECATED_MODULES[r.path];
      if (!d || r.indirect || !pick(d)) continue;
      const rep = replacementOf(m.mod, r);
      if (rep && rep.to.path !== r.path) continue;
      // a requirement only tests, test support or tools import never reaches a shipped binary (the callers require SHIPPED_REQUIREMENTS)
      if (requirementShips(repo, m, r).ships === 'no') continue;
      out.push({ module: m, require: r, deprecation: d });
    }
  }
  return out;
}
