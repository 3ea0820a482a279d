/**
 * Who publishes a Go module path: its owner (the organisation) and its project (the repository on a
 * code host; the whole vanity domain elsewhere). Used to tell the project's own modules from
 * other projects' (a same-owner dependency is co-developed; a module copied from another project
 * into this repository is third-party code).
 */

/** Code hosts whose first path element after the host is the owner (github.com/<owner>/<repo>). */
export const CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'gitee.com', 'sr.ht', 'git.sr.ht']);

/**
 * The owner of a module path: `host/owner` on a code host (github.com/ory), else the host of a
 * vanity path (go.temporal.io, k8s.io, sigs.k8s.io); undefined for a path without a host.
 */
export function moduleOwner(modulePath: string): string | undefined {
  const parts = modulePath.toLowerCase().split('/');
  const host = parts[0] ?? '';
  if (!host.includes('.')) return undefined;
  if (CODE_HOSTS.has(host)) return parts[1] ? `${host}/${parts[1].replace(/^~/, '')}` : undefined;
  return host;
}

/** Host labels too generic to name an organisation (go.uber.org, gopkg.in, www.example.org). */
const GENERIC_HOST_LABEL = /^(?:go|www|api|pkg|git|code|src|dev|gopkg)$/;

/**
 * The organisation a vanity import host is named after (knative.dev → knative, collectd.org → collectd): its first
 * label, when specific enough to name one; undefined for code hosts, paths without a host and generic labels.
 */
export function vanityOrganisation(modulePath: string): string | undefined {
  const host = modulePath.toLowerCase().split('/')[0] ?? '';
  if (!host.includes('.') || CODE_HOSTS.has(host)) return undefined;
  const label = host.split('.')[0]!;
  return label.length >= 3 && !GENERIC_HOST_LABEL.test(label) ? label : undefined;
}

/**
 * The code-host owner names module paths give (lower-cased): github.com/<owner>/… gives <owner>, a vanity import path
 * the organisation its host is named after (vanityOrganisation).
 */
export function ownerNames(modulePaths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of modulePaths) {
    const owner = moduleOwner(p);
    const name = owner && CODE_HOSTS.has(owner.split('/')[0]!) ? owner.split('/')[1] : vanityOrganisation(p);
    if (name) out.add(name);
  }
  return [...out].sort();
}

/**
 * The project a module path belongs to: the repository on a code host (github.com/ory/keto for
 * github.com/ory/keto/gen/go), the vanity domain otherwise (k8s.io for k8s.io/kubernetes and
 * k8s.io/client-go: one project publishes every module under its domain), the first element of a
 * path without a host.
 */
export function moduleProject(modulePath: string): string {
  const parts = modulePath.toLowerCase().split('/');
  const host = parts[0] ?? '';
  if (!host.includes('.')) return host;
  if (CODE_HOSTS.has(host)) return parts.slice(0, 3).join('/').replace(/\/~/, '/');
  return host;
}

/**
 * The import path of the package in folder `dir` (repository-relative, '' for the root) of the module in folder
 * `moduleDir` ('' for the root) whose path is `modulePath`; undefined when the folder is outside that module.
 */
export function packageImportPath(modulePath: string, moduleDir: string, dir: string): string | undefined {
  if (dir === moduleDir) return modulePath;
  if (moduleDir === '') return `${modulePath}/${dir}`;
  return dir.startsWith(`${moduleDir}/`) ? `${modulePath}/${dir.slice(moduleDir.length + 1)}` : undefined;
}
