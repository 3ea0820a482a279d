/**
 * The artifact evidence (`audit --artifact BIN|IMAGE.tar`, repeatable) as one fact provider: it
 * reads the artifacts given to the audit (an `evidence` input: the cache keys it by their content)
 * and opens each one — a binary's build information and linked functions, an image's config and
 * Go binaries. The artifact join (src/audit/artifact-join.ts) requires it and judges the source
 * findings with it after the rules; opening an image streams it, so the provider is asynchronous.
 */
import path from 'node:path';
import { defineAsyncProvider, evidenceInput, factKey } from '../facts/fact-provider.js';
import { openArtifact, type OpenedArtifact } from './run-artifact.js';

export interface GivenArtifact {
  /** As given on the command line. */
  given: string;
  /** How findings name it: relative to the root when it lies inside, else as given. */
  name: string;
  opened: OpenedArtifact;
}

export const ARTIFACT_EVIDENCE = factKey<GivenArtifact[]>('evidence:artifact');

const relative = (root: string, abs: string) => path.relative(root, abs).split(path.sep).join('/');

export const artifactEvidenceProvider = defineAsyncProvider({
  provides: ARTIFACT_EVIDENCE,
  reads: [evidenceInput('artifact')],
  // the linked-function index of each binary is a Set; reading a binary again costs what hashing it for a key does
  cacheable: false,
  computeAsync: async (repo): Promise<GivenArtifact[]> => {
    const root = repo.root;
    const out: GivenArtifact[] = [];
    for (const given of repo.evidenceSources('artifact')) {
      const abs = path.resolve(given);
      const name = path.relative(root, abs).startsWith('..') ? given : relative(root, abs);
      out.push({ given, name, opened: await openArtifact(abs, name) });
    }
    return out;
  },
});
