import { defineEvidenceRule } from '../../core/evidence-check.js';

export default defineEvidenceRule({
  evidence: 'probe',
  tests: ["test/probe-parse.test.ts"],
  meta: {
    id: 'RUN9002',
    name: 'runtime-gc-pressure',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'stable',
    passCriterion: 'the garbage collector takes a modest share of CPU under a steady probe',
    title: "The garbage collector takes a large share of CPU",
    rationale:
      "A GC CPU fraction above 10 % or hundreds of cycles a minute means the heap target is too small for the allocation rate (GOGC too low, or GOMEMLIMIT close to the live heap): the service spends its CPU collecting instead of serving, and latency suffers.",
    fix: {
      text: "Reduce allocations on hot paths (the allocs profile shows where), or raise GOGC / GOMEMLIMIT within the container limit.",
      effort: 'medium',
    },
    examples: [
      {
        filename: "run.json",
        bad: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"gauges\": {\n    \"gcCpuFraction\": 0.23,\n    \"gogc\": 100\n  },\n  \"samples\": [],\n  \"siteInfo\": []\n}\n",
        good: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"gauges\": {\n    \"gcCpuFraction\": 0.012,\n    \"gogc\": 100\n  },\n  \"samples\": [],\n  \"siteInfo\": []\n}\n",
      },
    ],
    messages: {
      pressure: "The garbage collector used {{percent}} % of CPU since start, ran {{cycles}} cycles/min",
    },
    sources: [],
    notes:
      "The CPU fraction comes from expvar memstats (GCCPUFraction) or the Prometheus Go collector; cycles per minute from go_gc_cycles_total_gc_cycles_total / go_gc_duration_seconds_count across samples of a live probe.",
  },
});
