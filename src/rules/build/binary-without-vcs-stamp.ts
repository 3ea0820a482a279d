import { defineEvidenceRule } from '../../core/evidence-check.js';

export default defineEvidenceRule({
  evidence: 'artifact',
  tests: ["test/artifact-binary.test.ts"],
  meta: {
    id: 'BLD1101',
    name: 'binary-without-vcs-stamp',
    dimension: 'build',
    severity: 'low',
    confidence: 'high',
    lifecycle: 'stable',
    passCriterion: 'every shipped binary carries the VCS revision it was built from',
    title: "Binary carries no VCS revision (-buildvcs=false, or built outside the repository)",
    rationale:
      "A Go binary built from a git checkout records the commit it was built from (vcs.revision, vcs.time, vcs.modified), and `go version -m` prints it. Without that stamp nobody can tell from a deployed binary which commit is running, which makes incident response, vulnerability triage and rollbacks guesswork.",
    fix: {
      text: "Build from the repository checkout with the default -buildvcs=auto (or -buildvcs=true); in a Docker build copy .git into the build stage (or pass the revision with -ldflags -X), so `go version -m` tells which commit is deployed.",
      effort: 'low',
    },
    examples: [
      {
        filename: "go-version-m.txt",
        bad: "app: go1.26.1\n\tpath\texample.com/app/cmd/app\n\tmod\texample.com/app\t(devel)\t\n\tdep\tgolang.org/x/text\tv0.21.0\th1:4BnCEGsNZ7ZR5ayl3CrLqMqRVBLwGLB8XcCqGe0DMTs=\n\tbuild\t-buildmode=exe\n\tbuild\t-compiler=gc\n\tbuild\t-trimpath=true\n\tbuild\tCGO_ENABLED=0\n\tbuild\tGOARCH=amd64\n\tbuild\tGOOS=linux\n\tbuild\tGOAMD64=v1\n\tbuild\t-buildvcs=false\n",
        good: "app: go1.26.1\n\tpath\texample.com/app/cmd/app\n\tmod\texample.com/app\t(devel)\t\n\tdep\tgolang.org/x/text\tv0.21.0\th1:4BnCEGsNZ7ZR5ayl3CrLqMqRVBLwGLB8XcCqGe0DMTs=\n\tbuild\t-buildmode=exe\n\tbuild\t-compiler=gc\n\tbuild\t-trimpath=true\n\tbuild\tCGO_ENABLED=0\n\tbuild\tGOARCH=amd64\n\tbuild\tGOOS=linux\n\tbuild\tGOAMD64=v1\n\tbuild\tvcs=git\n\tbuild\tvcs.revision=3f2c1a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39\n\tbuild\tvcs.time=2026-11-30T09:12:44Z\n\tbuild\tvcs.modified=false\n",
      },
    ],
    messages: {
      noVcs: "{{binary}} records no VCS revision (built with -buildvcs=false, from a copy without .git, or by go run/test): nobody can tell which commit it is",
    },
    sources: [],
    notes:
      "Read from the build information a Go binary embeds (`goready artifact BIN|IMAGE.tar`, `goready audit . --artifact BIN|IMAGE.tar`); the example is what `go version -m` prints for it.",
  },
});
