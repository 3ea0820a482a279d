import { defineRepoRule } from '../define-rule.js';
import { releaseFacts, type ReleasePipeline } from '../../facts/release-pipelines.js';
import { RELEASE_PIPELINES } from '../../facts/release-pipelines.js';

function placeFor(p: ReleasePipeline, missing: { auth: boolean; sbom: boolean }): string {
  // a step that only builds a snapshot (a pull-request check) is no place to attest a release
  const step = p.step && p.publishes !== 'snapshot' ? `${p.step.file}:${p.step.line}` : undefined;
  const parts: string[] = [];
  if (p.kind === 'goreleaser') {
    if (missing.auth) parts.push(`a \`signs:\` section (cosign sign-blob, keyless) in ${p.file}${step ? `, or actions/attest-build-provenance after the GoReleaser step at ${step}` : ''}`);
    if (missing.sbom) parts.push(`a \`sboms:\` section (syft) in ${p.file}`);
  } else if (p.step && /(?:^|[\s;&|(])ko\s+(?:build|publish|resolve|apply)\b|ko-build\/setup-ko/.test(p.step.text)) {
    // ko pushes images: they are signed in the registry
    if (missing.auth) parts.push(`\`cosign sign\` (keyless) of the images ko pushes, or actions/attest-build-provenance with \`push-to-registry: true\`, after ${step ?? p.file}`);
    if (missing.sbom) parts.push(`an SBOM (ko's default \`--sbom=spdx\`) for the images at ${step ?? p.file}`);
  } else {
    if (missing.auth) parts.push(`actions/attest-build-provenance (or cosign sign-blob) before the upload at ${step ?? p.file}`);
    if (missing.sbom) parts.push(`an SBOM (anchore/sbom-action) uploaded with the release at ${step ?? p.file}`);
  }
  return parts.join('; and ');
}

export default defineRepoRule({
  meta: {
    id: 'SUP1010',
    name: 'release-without-signature-or-sbom',
    dimension: 'supply-chain',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'experimental',
    blindRecordFrom: '2026-12-30',
    experimentalReason:
      'Blind record over the samples of 2026-12-07 to 2026-12-13 (repositories not used in development; `node dist/scripts/blind-record.js`): 7 TP, 1 FP, 3 "nobody would act" of 11 judged — precision 87.5 % < 90.0 %, below the bar for a default rule (precision 90 %, at most a third nobody acts on). Main classes: releases that publish only Kubernetes manifests or schemas, draft releases that upload nothing, nightly configs next to the stable one. Reworked after the 2026-12-13 sample (one finding per repository, manifest-only and draft releases skipped), so its record restarts at 2026-12-15 (blindRecordFrom); it returns to the default set when a fresh blind record clears the bar. Its fresh record since (the candidate draw of 2026-12-15): 4 TP, 2 FP, 0 DEB — precision 66.7 % < 90.0 %. ' +
      'On the draw of 2026-12-25: 4 TP, 2 FP (14 TP, 4 FP, 0 DEB over its blind record, 77.8 %); classes: a notes-only `gh release create` whose tag was a workflow expression (read as file names), and a release uploading only a Helm chart tarball. ' +
      'Reworked after it (a workflow expression is one word of a `gh release` command; an uploaded archive a tar command of the tooling packs from a chart directory, or named as a chart or manifests bundle, is no artifact; a ko image carries its own SBOM unless `--sbom=none`; GoReleaser configs in a `.goreleaser/` directory or named by `--config`/`-f` are read; the finding goes to a pipeline seen to publish before a config only run as a snapshot; a GoReleaser config\'s `signs:` no longer counts for files a workflow uploads itself), so its record restarts at 2026-12-26 (blindRecordFrom). Its record since 2026-12-26: 12 TP, 4 FP, 0 "nobody would act" (75.0 %); the FPs of the 2026-12-29 draw: Windows code signing (signtool) of .exe/.msi artefacts not read as a signature (read since), and a draft release of kustomize manifests only. Its record restarts at 2026-12-30 (blindRecordFrom).',
    title: 'Release artifacts published without a signature or provenance attestation, or without an SBOM',
    passCriterion: 'published release artifacts are signed or carry a provenance attestation (cosign, SLSA, attest-build-provenance) and ship an SBOM',
    rationale:
      'Users of a binary or image downloaded from a release page can only check that it is the one your CI built if it ' +
      'is signed (cosign, keyless through the CI identity) or carries a provenance attestation (SLSA, GitHub artifact ' +
      'attestations): a compromised release token or mirror otherwise swaps the artifact silently. An SBOM lists the ' +
      'modules compiled in, so a user can tell within minutes whether the next advisory concerns the version they run; ' +
      'procurement and regulations (EO 14028, the EU Cyber Resilience Act) increasingly require both.',
    fix: {
      text: 'GoReleaser: add `signs:` (cosign `sign-blob --bundle` with `id-token: write` in the workflow) and `sboms: [{artifacts: archive}]`. ' +
        'Plain workflows: add `actions/attest-build-provenance` (and `actions/attest-sbom` or anchore/sbom-action) for the files ' +
        'before they are uploaded. The message names the exact file and step.',
      effort: 'low',
    },
    examples: [
      {
        filename: '.goreleaser.yml',
        bad: 'version: 2\nbuilds:\n  - main: ./cmd/app\n    env: [CGO_ENABLED=0]\narchives:\n  - formats: [tar.gz]\nchecksum:\n  name_template: checksums.txt\n',
        good:
          'version: 2\nbuilds:\n  - main: ./cmd/app\n    env: [CGO_ENABLED=0]\narchives:\n  - formats: [tar.gz]\nchecksum:\n  name_template: checksums.txt\n' +
          'signs:\n  - cmd: cosign\n    artifacts: checksum\n    signature: "${artifact}.sigstore.json"\n    args: [sign-blob, "--bundle=${signature}", "${artifact}", --yes]\n' +
          'sboms:\n  - artifacts: archive\n',
      },
    ],
    messages: {
      none: '{{what}} publishes release artifacts with no signature or provenance attestation and no SBOM: add {{place}}',
      auth: '{{what}} publishes release artifacts with no signature or provenance attestation (an SBOM is produced): add {{place}}',
      sbom: '{{what}} publishes signed or attested release artifacts but no SBOM: add {{place}}',
    },
    sources: [],
    notes:
      'Release pipelines: GoReleaser configs of the project (not under test/, examples/…; by their names, in a `.goreleaser/` ' +
      'directory, or named by `goreleaser --config`/`-f` in the tooling) and workflows that upload files to a release ' +
      '(action-gh-release and release-action with `files:`/`artifacts:`, gh release create/upload with file arguments after ' +
      'the tag, upload-release-asset) or publish with ko. A release of notes only, or of YAML/JSON manifests or an archive ' +
      'of a Helm chart (one a tar command of the tooling packs from a directory with a Chart.yaml, or named as a chart, CRDs ' +
      'or manifests bundle), publishes nothing to sign. ko attaches an SPDX SBOM to the images it pushes unless ' +
      '`--sbom=none`: its step then lacks a signature only. Accepted anywhere in ' +
      'the workflows, composite actions, GitLab CI, Makefiles and scripts (for every pipeline) and in GoReleaser configs ' +
      '(for the GoReleaser pipelines: GoReleaser does not sign files a workflow uploads itself): cosign sign/sign-blob, the ' +
      'cosign installer, GoReleaser signs/binary_signs/docker_signs, gpg --detach-sign, notation, and the platforms\' code signing of executables and installers — signtool, osslsigncode, AzureSignTool, Azure Trusted Signing, codesign/rcodesign (signature); ' +
      'attest-build-provenance, actions/attest, the SLSA generator, cosign attest, buildx provenance (provenance); GoReleaser ' +
      'sboms, syft, anchore/sbom-action, CycloneDX/SPDX tools, buildx sbom (SBOM). A provenance attestation counts as a ' +
      'signature: it is signed and binds the artifact digests. Image-only pushes (docker push from CI) are not judged here. ' +
      'GoReleaser configs with `includes:` and release workflows calling remote reusable workflows are not judged (the ' +
      'signing may live in the part that is not visible). Signing, provenance and SBOMs are looked for across the whole ' +
      'repository, so the concern is one finding per repository, at the main pipeline (one seen to publish from CI first, ' +
      'then a GoReleaser config no step runs (released by hand), then one the tooling only runs as a snapshot (`--snapshot`, ' +
      '`--skip=publish`: a pull-request check); GoReleaser configs before workflows, the shortest name), with the other ' +
      'pipelines as related places.',
  },
  requires: [RELEASE_PIPELINES],
  check(repo, ctx) {
    const { pipelines, evidence, goreleaserEvidence } = releaseFacts(repo);
    // what each pipeline lacks: the workflows', Makefiles' and scripts' evidence counts for all, a GoReleaser config's
    // `signs:`/`sboms:` for the GoReleaser pipelines only (it does not sign files a workflow uploads itself), and a ko
    // image carries its own SBOM
    const lacks = (p: ReleasePipeline) => {
      const g = p.kind === 'goreleaser' ? goreleaserEvidence : {};
      return {
        auth: !evidence.signature && !evidence.provenance && !g.signature && !g.provenance,
        sbom: !evidence.sbom && !g.sbom && !p.sbom,
      };
    };
    const judged: ReleasePipeline[] = [];
    for (const p of pipelines) {
      ctx.applicable();
      const l = lacks(p);
      // signing or an SBOM may live in the part that is not visible: not judged
      if ((!l.auth && !l.sbom) || p.partial) continue;
      judged.push(p);
    }
    // the evidence is mostly the repository's: one change of the release process fixes every pipeline, so the concern
    // is reported once, at the main pipeline — one seen to publish from CI first, then a config released by hand, then
    // one the tooling only runs as a snapshot (a pull-request check); GoReleaser configs before workflows, the plain
    // name before .goreleaser-nightly.yml — the others as related places (blind sample 2026-12-13: listmonk's nightly
    // config)
    const rank = { ci: 0, manual: 1, snapshot: 2 } as const;
    const [main, ...others] = [...judged].sort((a, b) => rank[a.publishes] - rank[b.publishes] ||
      Number(b.kind === 'goreleaser') - Number(a.kind === 'goreleaser') ||
      a.file.length - b.file.length || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line);
    if (!main) return;
    const { auth, sbom } = lacks(main);
    const what = main.kind === 'goreleaser' ? `GoReleaser config ${main.file}` : `The release step \`${(main.step?.text ?? 'upload').replace(/^(?:run|uses):\s*/, '').slice(0, 60)}\``;
    const also = others.length ? ` (also ${others.length} other release pipeline${others.length === 1 ? '' : 's'}: ${others.slice(0, 3).map((o) => `${o.file}:${o.line}`).join(', ')}${others.length > 3 ? ', …' : ''})` : '';
    ctx.report({
      file: main.file, line: main.line,
      messageId: auth && sbom ? 'none' : auth ? 'auth' : 'sbom',
      severity: auth ? 'medium' : 'low',
      data: { what: what + also, place: placeFor(main, { auth, sbom }) },
      ...(others.length ? { related: others.map((o) => ({ file: o.file, line: o.line })) } : {}),
    });
  },
});
