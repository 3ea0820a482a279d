import { defineEvidenceRule } from '../../core/evidence-check.js';

export default defineEvidenceRule({
  evidence: 'artifact',
  tests: ["test/artifact-audit.test.ts"],
  meta: {
    id: 'SUP1101',
    name: 'linked-version-differs-from-go-mod',
    dimension: 'supply-chain',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    passCriterion: 'the shipped artifact links exactly the module versions go.mod requires',
    title: "The artifact links a module version other than the one go.mod requires",
    rationale:
      "The audit judges the source, but what runs is the artifact. When the binary links a module at another version than go.mod requires (or a different replacement), the deployed code is not the code audited: its vulnerabilities, licences and behaviour are those of the linked version, and the artifact was built from another revision or another module graph.",
    fix: {
      text: "Rebuild the artifact from the current source (and ship it), or find out where it was built from; a replace directive that only a local build sees (go.work, a vendored patch) must be made part of the release build.",
      effort: 'medium',
    },
    examples: [
      {
        filename: "go-version-m.txt",
        extraFiles: { "go.mod": "module example.com/app\n\ngo 1.26\n\nrequire golang.org/x/text v0.21.0\n" },
        bad: "app: go1.26.1\n\tpath\texample.com/app/cmd/app\n\tmod\texample.com/app\t(devel)\t\n\tdep\tgolang.org/x/text\tv0.14.0\th1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=\n\tbuild\t-buildmode=exe\n\tbuild\t-compiler=gc\n\tbuild\t-trimpath=true\n\tbuild\tCGO_ENABLED=0\n\tbuild\tGOARCH=amd64\n\tbuild\tGOOS=linux\n\tbuild\tGOAMD64=v1\n\tbuild\tvcs=git\n\tbuild\tvcs.revision=3f2c1a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39\n\tbuild\tvcs.time=2026-11-30T09:12:44Z\n\tbuild\tvcs.modified=false\n",
        good: "app: go1.26.1\n\tpath\texample.com/app/cmd/app\n\tmod\texample.com/app\t(devel)\t\n\tdep\tgolang.org/x/text\tv0.21.0\th1:4BnCEGsNZ7ZR5ayl3CrLqMqRVBLwGLB8XcCqGe0DMTs=\n\tbuild\t-buildmode=exe\n\tbuild\t-compiler=gc\n\tbuild\t-trimpath=true\n\tbuild\tCGO_ENABLED=0\n\tbuild\tGOARCH=amd64\n\tbuild\tGOOS=linux\n\tbuild\tGOAMD64=v1\n\tbuild\tvcs=git\n\tbuild\tvcs.revision=3f2c1a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39\n\tbuild\tvcs.time=2026-11-30T09:12:44Z\n\tbuild\tvcs.modified=false\n",
      },
    ],
    messages: {
      mismatch: "go.mod requires {{module}} {{want}}, but {{binary}} links {{have}}: the artifact was not built from this source (or with a different module graph)",
    },
    sources: [],
    notes:
      "Reported by `goready audit . --artifact BIN|IMAGE.tar` at the go.mod requirement, when the artifact's main module is a module of the audited repository.",
  },
});
