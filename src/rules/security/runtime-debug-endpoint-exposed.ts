import { defineEvidenceRule } from '../../core/evidence-check.js';

export default defineEvidenceRule({
  evidence: 'probe',
  tests: ["test/probe-live.test.ts", "test/probe-parse.test.ts"],
  meta: {
    id: 'SEC9001',
    name: 'runtime-debug-endpoint-exposed',
    dimension: 'security',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'stable',
    passCriterion: 'debug endpoints answer only on loopback or behind authentication',
    title: "A debug endpoint answers without authentication on a non-loopback address",
    rationale:
      "pprof hands out goroutine stacks, heap contents and the command line, and lets anyone run CPU profiles and traces; expvar and metrics leak internals. Reachable from other hosts without authentication, they are an information leak and a denial-of-service lever. The static rule pprof-exposed (OBS1001) says the code may expose them; this is the running service answering. Probed through loopback, the address the port listens on decides (every interface, or a non-loopback one: exposed).",
    fix: {
      text: "Serve net/http/pprof and expvar on a separate listener bound to 127.0.0.1 (or behind authentication), never on the public mux; keep metrics on a port the network policy limits to the scraper.",
      effort: 'medium',
    },
    examples: [
      {
        filename: "run.json",
        bad: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://10.0.3.7:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"endpoints\": [\n    {\n      \"path\": \"/debug/pprof/\",\n      \"status\": 200,\n      \"kind\": \"pprof\"\n    },\n    {\n      \"path\": \"/debug/vars\",\n      \"status\": 200,\n      \"kind\": \"expvar\"\n    }\n  ],\n  \"samples\": [],\n  \"siteInfo\": []\n}\n",
        good: "{\n  \"schemaVersion\": \"1.0.0\",\n  \"tool\": {\n    \"name\": \"goready\",\n    \"version\": \"0.1.0\"\n  },\n  \"target\": {\n    \"source\": \"http://127.0.0.1:6060/debug/pprof/\",\n    \"kind\": \"url\"\n  },\n  \"startedAt\": \"2026-12-06T10:00:00.000Z\",\n  \"endpoints\": [\n    {\n      \"path\": \"/debug/pprof/\",\n      \"status\": 200,\n      \"kind\": \"pprof\"\n    },\n    {\n      \"path\": \"/debug/vars\",\n      \"status\": 200,\n      \"kind\": \"expvar\"\n    }\n  ],\n  \"samples\": [],\n  \"siteInfo\": []\n}\n",
      },
    ],
    messages: {
      exposed: "{{endpoints}} answered without authentication on {{host}}, a non-loopback address",
    },
    sources: [],
    notes:
      "Judged from the address the probed URL resolves to: a loopback address (127.0.0.0/8, ::1) is not exposed; any other address is, when the endpoint answered 200 without credentials. pprof is high severity, expvar medium, metrics low.",
  },
});
