import { defineEvidenceRule } from '../../core/evidence-check.js';

export default defineEvidenceRule({
  evidence: 'probe',
  tests: ["test/probe-live.test.ts", "test/probe-parse.test.ts"],
  meta: {
    id: 'CON9002',
    name: 'runtime-goroutine-blocked',
    dimension: 'concurrency',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'stable',
    passCriterion: 'under a steady probe no goroutines stay blocked on a channel or lock',
    title: "Goroutines blocked on a channel or lock for a long time",
    rationale:
      "A goroutine blocked for many minutes on a send, receive or lock is usually waiting for a peer that has gone (a request that timed out, a consumer that returned): it never ends, and every such request adds one. The goroutine dump (debug=2) shows the wait reason and the minutes.",
    fix: {
      text: "Make the operation cancellable (select on ctx.Done()), or give the channel room for the one result nobody may read; for locks, find the holder in the same dump.",
      effort: 'medium',
    },
    examples: [
      {
        filename: "run.json",
        bad: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"blocked\": [\n    {\n      \"site\": \"example.com/app.fetch\",\n      \"state\": \"chan send\",\n      \"minutes\": 42,\n      \"count\": 17,\n      \"stack\": [\n        {\n          \"function\": \"example.com/app.fetch.func1\",\n          \"file\": \"/src/app/fetch.go\",\n          \"line\": 22\n        }\n      ]\n    }\n  ],\n  \"samples\": [],\n  \"siteInfo\": []\n}\n",
        good: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"blocked\": [\n    {\n      \"site\": \"example.com/app.fetch\",\n      \"state\": \"chan send\",\n      \"minutes\": 2,\n      \"count\": 1,\n      \"stack\": [\n        {\n          \"function\": \"example.com/app.fetch.func1\",\n          \"file\": \"/src/app/fetch.go\",\n          \"line\": 22\n        }\n      ]\n    }\n  ],\n  \"samples\": [],\n  \"siteInfo\": []\n}\n",
      },
    ],
    messages: {
      blocked: "{{count}} goroutine(s) running {{function}} blocked in \"{{state}}\" for {{minutes}} minutes",
    },
    sources: [],
    notes:
      "Blocked for at least --blocked-minutes (default 10) in the last debug=2 goroutine dump; a send blocked that long is high severity, a select or receive low (servers wait in those by design).",
  },
});
