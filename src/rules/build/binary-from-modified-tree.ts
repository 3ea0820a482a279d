import { defineEvidenceRule } from '../../core/evidence-check.js';

export default defineEvidenceRule({
  evidence: 'artifact',
  tests: ["test/artifact-binary.test.ts"],
  meta: {
    id: 'BLD1102',
    name: 'binary-from-modified-tree',
    dimension: 'build',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    passCriterion: 'shipped binaries are built from a clean, committed tree',
    title: "Binary built from a working tree with uncommitted changes (vcs.modified=true)",
    rationale:
      "vcs.modified=true means the binary was built from a checkout with uncommitted changes: the code that runs matches no commit, was not reviewed as such and cannot be rebuilt. Release binaries built on a developer machine or by a CI step that edits tracked files before building look like this.",
    fix: {
      text: "Build releases from a clean checkout of a tagged commit (in CI); if the build generates or edits tracked files, commit them or have the build write elsewhere, so the binary matches a reviewed revision.",
      effort: 'medium',
    },
    examples: [
      {
        filename: "go-version-m.txt",
        bad: "app: go1.26.1\n\tpath\texample.com/app/cmd/app\n\tmod\texample.com/app\t(devel)\t\n\tdep\tgolang.org/x/text\tv0.21.0\th1:4BnCEGsNZ7ZR5ayl3CrLqMqRVBLwGLB8XcCqGe0DMTs=\n\tbuild\t-buildmode=exe\n\tbuild\t-compiler=gc\n\tbuild\t-trimpath=true\n\tbuild\tCGO_ENABLED=0\n\tbuild\tGOARCH=amd64\n\tbuild\tGOOS=linux\n\tbuild\tGOAMD64=v1\n\tbuild\tvcs=git\n\tbuild\tvcs.revision=3f2c1a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39\n\tbuild\tvcs.time=2026-11-30T09:12:44Z\n\tbuild\tvcs.modified=true\n",
        good: "app: go1.26.1\n\tpath\texample.com/app/cmd/app\n\tmod\texample.com/app\t(devel)\t\n\tdep\tgolang.org/x/text\tv0.21.0\th1:4BnCEGsNZ7ZR5ayl3CrLqMqRVBLwGLB8XcCqGe0DMTs=\n\tbuild\t-buildmode=exe\n\tbuild\t-compiler=gc\n\tbuild\t-trimpath=true\n\tbuild\tCGO_ENABLED=0\n\tbuild\tGOARCH=amd64\n\tbuild\tGOOS=linux\n\tbuild\tGOAMD64=v1\n\tbuild\tvcs=git\n\tbuild\tvcs.revision=3f2c1a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39\n\tbuild\tvcs.time=2026-11-30T09:12:44Z\n\tbuild\tvcs.modified=false\n",
      },
    ],
    messages: {
      dirty: "{{binary}} was built from revision {{revision}} with uncommitted changes (vcs.modified=true): the shipped code matches no commit",
    },
    sources: [],
    notes:
      "Read from the build information a Go binary embeds (`goready artifact`, `audit --artifact`); the example is what `go version -m` prints for it.",
  },
});
