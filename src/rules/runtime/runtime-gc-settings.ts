import { defineEvidenceRule } from '../../core/evidence-check.js';

export default defineEvidenceRule({
  evidence: 'probe',
  tests: ["test/probe-parse.test.ts"],
  meta: {
    id: 'RUN9003',
    name: 'runtime-gc-settings',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'high',
    lifecycle: 'stable',
    passCriterion: 'the running process uses default or moderate GC settings (GOGC, GOMEMLIMIT)',
    title: "The running process has extreme GC settings",
    rationale:
      "As the static rule extreme-gc-settings (RUN1002) judges them in manifests and Dockerfiles, here read from the process itself: GOGC off or very high without a memory limit lets the heap grow unbounded; GOGC below 25 makes the collector run constantly; a memory limit below 16 MiB thrashes.",
    fix: {
      text: "Set GOMEMLIMIT below the container memory limit and keep GOGC between 25 and 1000 (or off only together with a memory limit).",
      effort: 'low',
    },
    examples: [
      {
        filename: "run.json",
        bad: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"gauges\": {\n    \"gogc\": -1,\n    \"gomaxprocs\": 4\n  },\n  \"samples\": [],\n  \"siteInfo\": []\n}\n",
        good: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"gauges\": {\n    \"gogc\": -1,\n    \"gomemlimit\": 858993459,\n    \"gomaxprocs\": 4\n  },\n  \"samples\": [],\n  \"siteInfo\": []\n}\n",
      },
    ],
    messages: {
      settings: "GOGC is off and no GOMEMLIMIT is set: the heap grows until the process is killed",
    },
    sources: [],
    notes:
      "GOGC, GOMEMLIMIT and GOMAXPROCS come from runtime/metrics through the Prometheus Go collector (go_gc_gogc_percent, go_gc_gomemlimit_bytes, go_sched_gomaxprocs_threads).",
  },
});
