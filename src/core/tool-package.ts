/** Where the installed package lives, and its version (read from package.json once). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/src/core/tool-package.js -> package root. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

let version: string | undefined;
export function toolVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

let homepage: string | undefined;
/** The project's home (package.json "homepage"), used for rule documentation links. */
export function projectHomepage(): string {
  homepage ??= (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { homepage?: string }).homepage ?? '';
  return homepage.replace(/#.*$/, '').replace(/\/$/, '');
}

export function ruleDocUrl(id: string): string {
  return `${projectHomepage()}/blob/main/docs/rules/${id}.md`;
}

export function readPackageFile(...parts: string[]): string {
  return fs.readFileSync(path.join(packageRoot, ...parts), 'utf8');
}
