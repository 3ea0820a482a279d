import { defineEvidenceRule } from '../../core/evidence-check.js';

export default defineEvidenceRule({
  evidence: 'probe',
  tests: ["test/probe-live.test.ts", "test/probe-parse.test.ts"],
  meta: {
    id: 'CON9001',
    name: 'runtime-goroutine-leak',
    dimension: 'concurrency',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
    passCriterion: 'under a steady probe no goroutine creation site keeps growing',
    title: "Goroutines from one creation site kept growing while the service was probed",
    rationale:
      "A creation site whose goroutine count only grows is a leak: each goroutine holds its stack, the memory it references and often a timer or connection, until the process runs out of memory or file descriptors. The static rules say where a goroutine may leak; this is the running service showing that one does.",
    fix: {
      text: "Give the goroutine a way to end (context cancellation, a closed channel, a buffered result channel) and stop its tickers; then probe again under the same load and compare (`goready probe compare before.json after.json`).",
      effort: 'medium',
    },
    examples: [
      {
        filename: "run.json",
        bad: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"samples\": [\n    {\n      \"at\": \"2026-12-06T10:00:00.000Z\",\n      \"goroutines\": 8,\n      \"sites\": {\n        \"example.com/app.poll\": 0\n      }\n    },\n    {\n      \"at\": \"2026-12-06T10:01:00.000Z\",\n      \"goroutines\": 14,\n      \"sites\": {\n        \"example.com/app.poll\": 6\n      }\n    },\n    {\n      \"at\": \"2026-12-06T10:02:00.000Z\",\n      \"goroutines\": 21,\n      \"sites\": {\n        \"example.com/app.poll\": 13\n      }\n    },\n    {\n      \"at\": \"2026-12-06T10:03:00.000Z\",\n      \"goroutines\": 27,\n      \"sites\": {\n        \"example.com/app.poll\": 19\n      }\n    },\n    {\n      \"at\": \"2026-12-06T10:04:00.000Z\",\n      \"goroutines\": 34,\n      \"sites\": {\n        \"example.com/app.poll\": 26\n      }\n    }\n  ],\n  \"siteInfo\": [\n    {\n      \"key\": \"example.com/app.poll\",\n      \"function\": \"example.com/app.poll\",\n      \"createdBy\": \"example.com/app.handle\",\n      \"file\": \"/src/app/poll.go\",\n      \"line\": 31,\n      \"stack\": [\n        {\n          \"function\": \"example.com/app.poll\",\n          \"file\": \"/src/app/poll.go\",\n          \"line\": 31\n        }\n      ]\n    }\n  ]\n}\n",
        good: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"samples\": [\n    {\n      \"at\": \"2026-12-06T10:00:00.000Z\",\n      \"goroutines\": 8,\n      \"sites\": {\n        \"example.com/app.poll\": 0\n      }\n    },\n    {\n      \"at\": \"2026-12-06T10:01:00.000Z\",\n      \"goroutines\": 14,\n      \"sites\": {\n        \"example.com/app.poll\": 6\n      }\n    },\n    {\n      \"at\": \"2026-12-06T10:02:00.000Z\",\n      \"goroutines\": 10,\n      \"sites\": {\n        \"example.com/app.poll\": 2\n      }\n    },\n    {\n      \"at\": \"2026-12-06T10:03:00.000Z\",\n      \"goroutines\": 15,\n      \"sites\": {\n        \"example.com/app.poll\": 7\n      }\n    },\n    {\n      \"at\": \"2026-12-06T10:04:00.000Z\",\n      \"goroutines\": 9,\n      \"sites\": {\n        \"example.com/app.poll\": 1\n      }\n    }\n  ],\n  \"siteInfo\": [\n    {\n      \"key\": \"example.com/app.poll\",\n      \"function\": \"example.com/app.poll\",\n      \"createdBy\": \"example.com/app.handle\",\n      \"file\": \"/src/app/poll.go\",\n      \"line\": 31,\n      \"stack\": [\n        {\n          \"function\": \"example.com/app.poll\",\n          \"file\": \"/src/app/poll.go\",\n          \"line\": 31\n        }\n      ]\n    }\n  ]\n}\n",
      },
    ],
    messages: {
      leak: "Goroutines running {{function}}, started by {{createdBy}}, grew from {{start}} to {{end}} (peak {{peak}}, {{slope}}/min) over {{samples}} samples; no static finding explains it",
    },
    sources: [],
    notes:
      "A site is a leak suspect when its count never falls across the samples and grows by at least --leak-threshold (default 10). When a static finding (ticker-not-stopped, goroutine-send-may-block, ...) is in a function of the site's stack, that finding is marked confirmed at runtime instead. The example is a saved probe run (`goready probe URL --save run.json`; `goready probe run.json` reads it).",
  },
});
