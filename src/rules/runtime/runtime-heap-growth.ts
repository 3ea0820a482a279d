import { defineEvidenceRule } from '../../core/evidence-check.js';

export default defineEvidenceRule({
  evidence: 'probe',
  tests: ["test/probe-parse.test.ts"],
  meta: {
    id: 'RUN9001',
    name: 'runtime-heap-growth',
    dimension: 'runtime',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'stable',
    passCriterion: 'heap in use levels off under a steady probe',
    title: "Heap in use kept growing while the service was probed",
    rationale:
      "Heap in use that keeps growing under a steady load ends in an out-of-memory kill: something retains memory (an unbounded cache or queue, a map that is never pruned, goroutines holding buffers). A GC-managed heap goes up and down; one that only goes up is retained memory.",
    fix: {
      text: "Compare heap profiles taken at the start and the end (`go tool pprof -base before.pb.gz after.pb.gz`) to find what is retained; bound caches and queues, and delete map entries that are done.",
      effort: 'medium',
    },
    examples: [
      {
        filename: "run.json",
        bad: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"samples\": [\n    {\n      \"at\": \"2026-12-06T10:00:00.000Z\",\n      \"heapInuse\": 41943040,\n      \"sites\": {}\n    },\n    {\n      \"at\": \"2026-12-06T10:01:00.000Z\",\n      \"heapInuse\": 60817408,\n      \"sites\": {}\n    },\n    {\n      \"at\": \"2026-12-06T10:02:00.000Z\",\n      \"heapInuse\": 80740352,\n      \"sites\": {}\n    },\n    {\n      \"at\": \"2026-12-06T10:03:00.000Z\",\n      \"heapInuse\": 100663296,\n      \"sites\": {}\n    },\n    {\n      \"at\": \"2026-12-06T10:04:00.000Z\",\n      \"heapInuse\": 123731968,\n      \"sites\": {}\n    }\n  ],\n  \"siteInfo\": []\n}\n",
        good: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"samples\": [\n    {\n      \"at\": \"2026-12-06T10:00:00.000Z\",\n      \"heapInuse\": 41943040,\n      \"sites\": {}\n    },\n    {\n      \"at\": \"2026-12-06T10:01:00.000Z\",\n      \"heapInuse\": 54525952,\n      \"sites\": {}\n    },\n    {\n      \"at\": \"2026-12-06T10:02:00.000Z\",\n      \"heapInuse\": 46137344,\n      \"sites\": {}\n    },\n    {\n      \"at\": \"2026-12-06T10:03:00.000Z\",\n      \"heapInuse\": 53477376,\n      \"sites\": {}\n    },\n    {\n      \"at\": \"2026-12-06T10:04:00.000Z\",\n      \"heapInuse\": 45088768,\n      \"sites\": {}\n    }\n  ],\n  \"siteInfo\": []\n}\n",
      },
    ],
    messages: {
      heap: "Heap in use grew {{percent}} % ({{start}} \u2192 {{end}} MiB, peak {{peak}} MiB) over {{samples}} samples",
    },
    sources: [],
    notes:
      "Reported when at least three samples show growth of 50 % and 32 MiB or more, ending near the peak.",
  },
});
