import { defineRule, type Visitors } from '../define-rule.js';
import { callArgs } from '../../go/ast.js';
import { moduleKey, position } from '../_shared/obs-packages.js';
import { providerKind } from '../_shared/otel-sdk.js';
import { envVar, imageEnvDefault, judgedWorkloads } from '../_shared/runtime-workloads.js';
import { COMPOSE_SERVICES } from '../../facts/compose-files.js';
import { DOCKERFILES, IMAGE_ENV_DEFAULTS } from '../../facts/dockerfiles.js';
import { K8S_MANIFESTS } from '../../facts/k8s-manifests.js';

/** Go code that names the service: semconv ServiceName/ServiceNameKey, the attribute key, or the env var. */
const NAMES_SERVICE = /\.ServiceName(?:Key)?\b\s*[.(]|"service\.name"|OTEL_SERVICE_NAME/;
/**
 * Go code that leaves telemetry to the standard OTEL_* variables on purpose (autoexport, resource.WithFromEnv):
 * a product configured by its operators, whose deployments name the service.
 */
const ENV_CONFIGURED = /"go\.opentelemetry\.io\/contrib\/exporters\/autoexport"|\bresource\.WithFromEnv\(/;
/** Text files of the repository that set the variable (Helm values, env files, systemd units, compose…). */
const SETS_ENV = /OTEL_SERVICE_NAME|OTEL_RESOURCE_ATTRIBUTES\s*[:=]\s*["']?[^\n]*service\.name=/;
const MAX_TEXT_FILES = 2000;

type Fact = { k: 'provider'; module: string; file: string; line: number; column: number; kind: string } | { k: 'named'; module: string };

export default defineRule({
  meta: {
    id: 'OBS1010',
    name: 'otel-no-service-name',
    dimension: 'observability',
    severity: 'medium',
    confidence: 'medium',
    lifecycle: 'experimental',
    experimentalReason:
      'On 13 real repositories its only findings (2, caddy) were false positives, a product whose operators name the ' +
      'service through OTEL_* variables; the autoexport/WithFromEnv exemption removes them, but no true positive has ' +
      'been seen yet to measure precision on.',
    title: 'OpenTelemetry provider without service.name (telemetry arrives as unknown_service)',
    passCriterion: 'every OpenTelemetry provider reports a service.name, from code or from OTEL_SERVICE_NAME in the deployment',
    rationale:
      'Every tracing and metrics backend groups telemetry by the service.name resource attribute. When the code never ' +
      'sets it and the deployment does not provide OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES), the ' +
      'SDK reports "unknown_service:<binary>": traces of different services merge under one name, service maps and ' +
      'SLO dashboards are wrong, and nobody can tell which deployment produced a span during an incident.',
    fix: {
      text: 'Give the provider a resource naming the service: sdktrace.WithResource(resource.NewWithAttributes(semconv.SchemaURL, ' +
        'semconv.ServiceName("checkout"), semconv.ServiceVersion(version))), or set OTEL_SERVICE_NAME in every deployment manifest.',
      effort: 'low',
    },
    examples: [
      {
        bad: 'package telemetry\n\nimport sdktrace "go.opentelemetry.io/otel/sdk/trace"\n\nfunc Provider(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {\n\treturn sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))\n}\n',
        good: 'package telemetry\n\nimport (\n\t"go.opentelemetry.io/otel/sdk/resource"\n\tsdktrace "go.opentelemetry.io/otel/sdk/trace"\n\tsemconv "go.opentelemetry.io/otel/semconv/v1.26.0"\n)\n\nfunc Provider(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {\n\treturn sdktrace.NewTracerProvider(\n\t\tsdktrace.WithBatcher(exp),\n\t\tsdktrace.WithResource(resource.NewWithAttributes(semconv.SchemaURL, semconv.ServiceName("checkout"))),\n\t)\n}\n',
      },
    ],
    messages: {
      unnamed: 'this {{kind}} gets no service.name: no Go code of its module sets it (semconv.ServiceName, "service.name") and no manifest, Dockerfile or env file sets OTEL_SERVICE_NAME, so telemetry is reported as unknown_service',
    },
    sources: [],
    notes:
      'Reported at each SDK TracerProvider/MeterProvider/LoggerProvider built with options when no non-test Go file of ' +
      'its module (go.mod) mentions semconv ServiceName/ServiceNameKey, "service.name" or OTEL_SERVICE_NAME, or configures ' +
      'telemetry from the OTEL_* variables on purpose (imports contrib autoexport, calls resource.WithFromEnv), no Kubernetes ' +
      'or Compose container and no production Dockerfile sets OTEL_SERVICE_NAME, and no other text file of the ' +
      'repository (Helm values, .env, systemd units) mentions OTEL_SERVICE_NAME or service.name in OTEL_RESOURCE_ATTRIBUTES. ' +
      'A service named only by the platform that deploys it (an operator injecting the variable) is not visible.',
  },
  prefilter: ['NewTracerProvider', 'NewMeterProvider', 'NewLoggerProvider', 'ServiceName', 'service.name', 'OTEL_SERVICE_NAME', 'autoexport', 'WithFromEnv'],
  create(ctx): Visitors {
    const module = moduleKey(ctx.file);
    if (NAMES_SERVICE.test(ctx.source) || ENV_CONFIGURED.test(ctx.source)) ctx.emit({ k: 'named', module } satisfies Fact);
    if (!ctx.source.includes('go.opentelemetry.io/otel/sdk/')) return {};
    return {
      call_expression(call) {
        const kind = providerKind(ctx, call);
        if (!kind || callArgs(call).length === 0) return;
        ctx.emit({ k: 'provider', module, file: ctx.file.path, ...position(call), kind } satisfies Fact);
      },
    };
  },
  requires: [COMPOSE_SERVICES, DOCKERFILES, IMAGE_ENV_DEFAULTS, K8S_MANIFESTS],
  finish(facts, report, repo) {
    const all = facts.map((f) => f.data as Fact);
    const named = new Set(all.filter((d) => d.k === 'named').map((d) => d.module));
    const providers = all.filter((d): d is Extract<Fact, { k: 'provider' }> => d.k === 'provider' && !named.has(d.module));
    if (!providers.length) return;
    if (imageEnvDefault(repo, 'OTEL_SERVICE_NAME')) return;
    for (const w of judgedWorkloads(repo, { compose: true })) {
      for (const c of w.containers) {
        if (envVar(c, 'OTEL_SERVICE_NAME') || /service\.name=/.test(envVar(c, 'OTEL_RESOURCE_ATTRIBUTES')?.value ?? '')) return;
      }
    }
    const texts = repo.filesWhere((rel, base) => /\.(ya?ml|env|json|toml|service|conf|sh|tpl)$|^\.env|^Dockerfile|Makefile$/.test(base) && repo.roleOf(rel) !== 'third-party');
    for (const rel of texts.slice(0, MAX_TEXT_FILES)) {
      const t = repo.readText(rel).text;
      if (t && SETS_ENV.test(t)) return;
    }
    for (const d of providers) {
      report({ file: d.file, line: d.line, column: d.column, messageId: 'unnamed', data: { kind: d.kind } });
    }
  },
});
