/** The `goready artifact` report model (schema/artifact.schema.json). */
import type { Finding } from '../core/types.js';

export const ARTIFACT_SCHEMA_VERSION = '1.0.0';

export interface ArtifactDiagnostic {
  level: 'info' | 'warning' | 'error';
  code: string;
  message: string;
  file?: string;
}

export interface ModuleEntry {
  path: string;
  version: string;
  replace?: { path: string; version?: string };
}

export interface BinaryInfo {
  /** As given on the command line; inside an image: `image.tar:/usr/bin/app`. */
  path: string;
  kind: 'binary';
  goVersion: string | null;
  mainModule: { path: string; version: string } | null;
  /** Main package import path (the `path` line). */
  mainPackage?: string;
  settings: Record<string, string>;
  modules: ModuleEntry[];
  /** No symbol table and no DWARF (-s -w). */
  stripped: boolean;
  /** No program interpreter and no needed shared libraries. */
  static: boolean;
  pie: boolean;
  format: 'elf' | 'macho' | 'pe';
  arch: string;
  /** Symbol table present. */
  symbols?: boolean;
  /** DWARF debug sections present. */
  dwarf?: boolean;
  interpreter?: string;
  needed?: string[];
  buildinfoFormat?: 'inline' | 'pointer';
  linkedPackages?: { source: 'pclntab' | 'symtab'; functions: number; packages: number };
}

export interface ImageInfo {
  /** `docker-save` (manifest.json) or `oci` (index.json). */
  layout: 'docker-save' | 'oci';
  tags: string[];
  os?: string;
  architecture?: string;
  user: string | null;
  env: Record<string, string>;
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir?: string;
  layers: number;
  /** Go binaries in the final filesystem (whiteouts applied). */
  binaries: BinaryInfo[];
  /** Files that exist in the final filesystem among the dynamic loaders and C libraries. */
  libc: string[];
}

export interface ImageArtifact {
  path: string;
  kind: 'image';
  /** The Go binary the entrypoint runs (else the only one): its version, module, settings… */
  goVersion: string | null;
  mainModule: { path: string; version: string } | null;
  settings: Record<string, string>;
  modules: ModuleEntry[];
  stripped: boolean | null;
  static: boolean | null;
  pie: boolean | null;
  image: ImageInfo;
}

export type Artifact = BinaryInfo | ImageArtifact;

export interface ArtifactReport {
  schemaVersion: string;
  tool: { name: 'goready'; version: string };
  artifacts: Artifact[];
  findings: Finding[];
  diagnostics: ArtifactDiagnostic[];
  vulndb: { path: string; entries: number } | null;
}
