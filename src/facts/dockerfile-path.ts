/** What a Dockerfile's path looks like (kept apart from dockerfiles.ts, which the release facts it reads cannot import). */
const DOCKERFILE_NAME = /^(?:(?:docker|container)file(?:[._-][\w.-]*)?|[\w.-]+\.(?:docker|container)file)$/i;
const NOT_DOCKERFILE = /\.(dockerignore|md|txt|json|ya?ml|sh|bak|orig|swp|tpl|tmpl|j2|erb|sample|go|ts|js|py|rs|java|rb)$/i;

/** True for Dockerfile / Containerfile names (Dockerfile, Dockerfile.prod, app.dockerfile, Dockerfile_windows). */
export function isDockerfilePath(rel: string): boolean {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  return DOCKERFILE_NAME.test(base) && !NOT_DOCKERFILE.test(base);
}
