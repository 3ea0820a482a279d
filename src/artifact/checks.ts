/**
 * What `goready artifact` reports. Where the audit already has a rule for the same fault (found
 * in source, Dockerfiles or Makefiles), the artifact finding carries that rule's id and name, so
 * suppressions, baselines and `goready explain` mean the same thing; the faults only a built
 * artifact shows have ids of their own (BLD11xx, SUP11xx).
 */
import { evidenceCheck, type EvidenceCheck } from '../core/evidence-check.js';
import binaryWithoutVcsStamp from '../rules/build/binary-without-vcs-stamp.js';
import binaryFromModifiedTree from '../rules/build/binary-from-modified-tree.js';
import linkedVersionDiffers from '../rules/supply-chain/linked-version-differs-from-go-mod.js';

export interface ArtifactCheck extends EvidenceCheck {
  /** Reuses a source/repo rule's id with wording for binaries; false for the artifact's own evidence rules (BLD11xx, SUP11xx). */
  auditRule: boolean;
}

const c = (x: ArtifactCheck) => x;

export const CHECKS = {
  vuln: c({ id: 'SUP1001', name: 'known-vulnerability', dimension: 'supply-chain', severity: 'high', confidence: 'high', auditRule: true,
    title: 'A linked module (or the standard library of the Go release that built the binary) has a known vulnerability',
    fix: 'Rebuild with the fixed version: `go get module@fixed` (or a newer Go release for the standard library), then ship the new binary.' }),
  trimpath: c({ id: 'BLD1003', name: 'release-build-without-trimpath', dimension: 'build', severity: 'low', confidence: 'high', auditRule: true,
    title: 'Binary built without -trimpath',
    fix: 'Build with `go build -trimpath` (or GOFLAGS=-trimpath): file paths of the build machine stay out of the binary and builds become reproducible.' }),
  notStripped: c({ id: 'BLD1005', name: 'release-ldflags-not-stripped', dimension: 'build', severity: 'info', confidence: 'high', auditRule: true,
    title: 'Binary ships its symbol table and DWARF debug information',
    fix: 'Link with `-ldflags "-s -w"` (stack traces keep function names and lines: they come from .gopclntab).' }),
  cgoStatic: c({ id: 'BLD1004', name: 'cgo-not-disabled-for-static-image', dimension: 'build', severity: 'high', confidence: 'high', auditRule: true,
    title: 'Dynamically linked Go binary in an image without its dynamic loader',
    fix: 'Build with CGO_ENABLED=0 (a static binary), or link statically, or use a base image that has the C library the binary needs.' }),
  unsupportedGo: c({ id: 'BLD1001', name: 'go-directive-unsupported', dimension: 'build', severity: 'medium', confidence: 'high', auditRule: true,
    title: 'Binary built by a Go release that no longer receives security fixes',
    fix: 'Rebuild with a supported Go release (the two newest minor releases).' }),
  debugGcflags: c({ id: 'BLD1011', name: 'release-build-debug-gcflags', dimension: 'build', severity: 'medium', confidence: 'high', auditRule: true,
    title: 'Binary built with -gcflags -B or -N/-l',
    fix: 'Build release binaries without -gcflags -N -l / -B.' }),
  root: c({ id: 'BLD1009', name: 'container-runs-as-root', dimension: 'build', severity: 'medium', confidence: 'high', auditRule: true,
    title: 'The image runs as root',
    fix: 'Set a non-root user in the image (USER 65532:65532, or a :nonroot distroless base).' }),
  envMalformed: c({ id: 'RUN2004', name: 'go-runtime-env-malformed', dimension: 'runtime', severity: 'high', confidence: 'high', auditRule: true,
    title: 'GOMEMLIMIT / GOGC / GOMAXPROCS value the Go runtime does not accept',
    fix: 'Use the Go spellings: GOMEMLIMIT=512MiB (B, KiB, MiB, GiB, TiB), GOGC=an integer or off, GOMAXPROCS=a positive integer.' }),
  gogc: c({ id: 'RUN2006', name: 'gogc-misconfigured', dimension: 'runtime', severity: 'medium', confidence: 'high', auditRule: true,
    title: 'GOGC set low without GOMEMLIMIT, or GOGC=off without any memory bound',
    fix: 'Bound memory with GOMEMLIMIT (about 90% of the container limit) instead of lowering GOGC; never GOGC=off without GOMEMLIMIT.' }),
  noVcs: c({ ...evidenceCheck(binaryWithoutVcsStamp), auditRule: false }),
  dirty: c({ ...evidenceCheck(binaryFromModifiedTree), auditRule: false }),
  mismatch: c({ ...evidenceCheck(linkedVersionDiffers), auditRule: false }),
} as const;

export type CheckKey = keyof typeof CHECKS;
