/** `goready init`: writes a commented starter .goready.yaml. */
import fs from 'node:fs';
import path from 'node:path';

export const STARTER_CONFIG = `# goready configuration. Schema: schema/goready-config.schema.json in the goready package
# (add "# yaml-language-server: $schema=<path>" for editor completion).
version: 1

# Override the go directive of every module (version-aware rules use it), e.g. "1.22".
# go-version: "1.22"

# Paths excluded from the audit (gitignore-style globs relative to the audited root).
exclude: []
  # e.g. ["**/mocks/**", "internal/legacy/**"]

# include-vendor: false       # audit vendor/ too
# include-generated: false    # keep findings in "Code generated ... DO NOT EDIT." files

# CI gates (also --fail-on / --min-score / --min-dimension-score): exit code 1 when crossed.
# fail-on: high
# min-score: 70
# min-dimension-scores: { security: 80 }   # an inconclusive dimension listed here fails too

# Vulnerability database for the supply-chain dimension (also --vulndb), relative to this file:
# a directory of GO-*.json OSV entries (golang/vulndb data/osv) or the vuln.go.dev v1 layout.
# Without one, the supply-chain dimension is inconclusive.
# vulndb: ../vulndb/osv
# vulndb-max-age: 30          # warn when the database is older (days)
# vuln-ignore:                # accepted vulnerabilities (GO id or CVE/GHSA alias)
#   - id: GO-2024-2687
#     reason: HTTP/2 is disabled in this service
#     expires: 2026-12-31     # reported again after this day

rules:
  # Turn rules off by id, name or whole dimension (build, concurrency, observability,
  # security, supply-chain, runtime, engineering).
  disable: []
  # Turn rules on (experimental rules are off by default); wins over disable.
  enable: []
  # Severity overrides by rule id or name.
  severity: {}
  #   CON1007: low
  # Per-rule path excludes.
  exclude: {}
  #   SEC1001: ["internal/fixtures/**"]
`;

export function writeStarterConfig(dir: string, force: boolean): { path: string; written: boolean } {
  const p = path.join(dir, '.goready.yaml');
  if (fs.existsSync(p) && !force) return { path: p, written: false };
  fs.writeFileSync(p, STARTER_CONFIG);
  return { path: p, written: true };
}
