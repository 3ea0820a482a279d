/**
 * The registry of the repo-level fact providers of src/facts/ (see fact-provider.ts). A provider
 * added to a fact module is listed here; rule-level providers join in src/rules/registry.ts.
 */
import { ProviderRegistry, type FactProvider } from './fact-provider.js';
import { codeSummaryProviders } from './code-summaries.js';
import { executionFrequencyProviders } from './execution-frequency.js';
import { processLifetimeProviders } from './process-lifetime.js';
import { ciFactsProvider, externalCiProvider } from './ci-config.js';
import { composeServicesProvider } from './compose-files.js';
import { dockerBuildArgsProvider } from './docker-build-args.js';
import { dockerfilesProvider, imageEnvDefaultsProvider } from './dockerfiles.js';
import { goEnvSettingsProvider } from './go-env-settings.js';
import { goTestFactsProvider } from './go-tests.js';
import { goreleaserProvider } from './goreleaser.js';
import { toolingImageNamesProvider } from './image-names.js';
import { k8sManifestsProvider } from './k8s-manifests.js';
import { koProvider } from './ko.js';
import { makeProjectsProvider } from './makefile.js';
import { dockerGoBuildsProvider, instrumentedDockerGoBuildsProvider, instrumentedReleaseBuildsProvider, releaseBuildsProvider, releaseContextProvider } from './release-builds.js';
import { releaseFactsProvider } from './release-pipelines.js';
import { releaseToolchainsProvider } from './release-toolchains.js';
import { dependencyBotsProvider, securityPolicyProvider } from './repo-policy.js';
import { updateAutomationProvider } from './update-automation.js';
import { goModHistoryProvider } from './go-mod-history.js';
import { packageImportsProvider } from './package-imports.js';
import { shippedRequirementsProvider } from './shipped-requirements.js';

export const FACT_PROVIDER_LIST: readonly FactProvider<unknown>[] = [
  ...codeSummaryProviders,
  ...executionFrequencyProviders,
  ...processLifetimeProviders,
  packageImportsProvider, shippedRequirementsProvider,
  dockerBuildArgsProvider, dockerfilesProvider, imageEnvDefaultsProvider, goreleaserProvider, koProvider, toolingImageNamesProvider, makeProjectsProvider, composeServicesProvider, k8sManifestsProvider,
  ciFactsProvider, externalCiProvider, goEnvSettingsProvider, goTestFactsProvider, securityPolicyProvider, dependencyBotsProvider, updateAutomationProvider, goModHistoryProvider,
  releaseFactsProvider, releaseContextProvider, dockerGoBuildsProvider, instrumentedDockerGoBuildsProvider,
  releaseBuildsProvider, instrumentedReleaseBuildsProvider, releaseToolchainsProvider,
];

export const FACT_PROVIDERS = new ProviderRegistry(FACT_PROVIDER_LIST);
