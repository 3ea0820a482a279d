/**
 * What the image rules mean by a production Dockerfile (src/facts/dockerfiles.ts roles: image release reachability),
 * said once for the notes of every rule that judges only shipped images.
 */
export const SHIPPED_IMAGES_NOTE =
  'Shipped images only: where the release path is visible (a GitHub workflow that runs on tags or releases, publishes or ' +
  'pushes images; GoReleaser `dockers`; ko beside such a workflow), a Dockerfile counts only when that path builds it ' +
  '(`docker build -f`, `buildx build`/`bake`, docker/build-push-action, also through the Makefiles and scripts it runs); ' +
  'elsewhere every Dockerfile the tooling builds counts, except one whose header says it is for local development only ' +
  'or not the official image. CI files of other systems named for tests (.buildkite/test-e2e.yml) do not hide the release ' +
  'path, and `${{ env.X }}` in a build-push-action\'s `file:` is read from the job\'s env. Beside a visible release path, a ' +
  'Dockerfile built only by compose files that nothing pushes is a local or test environment\'s image; Dockerfiles in ' +
  'dev/, development/ or local/ folders are developer images.';
