import { defineRepoRule, type RepoRuleContext } from '../define-rule.js';
import { containerdConfigs, isTable, type ContainerdConfigFile, type TomlTable } from '../../facts/containerd-config.js';
import { isLoopbackHost } from '../../core/loopback.js';

/** Host part of `host:port`, `[v6]:port`, a bare host, or a URL; '' for an empty or port-only address (all interfaces). */
function hostOf(addr: string): string {
  let a = addr.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  a = a.replace(/\/.*$/, '');
  const v6 = /^\[([^\]]*)\]/.exec(a);
  if (v6) return v6[1]!;
  const i = a.lastIndexOf(':');
  return i >= 0 && a.indexOf(':') === i ? a.slice(0, i) : a;
}

/** Whether a listening address is reachable from other hosts (all interfaces or a non-loopback address). */
function listensPublicly(addr: string): boolean {
  if (!addr.trim() || addr.startsWith('/') || addr.startsWith('unix:') || addr.startsWith('npipe:')) return false;
  return !isLoopbackHost(hostOf(addr));
}

/** Every table of the document with its path (bounded: containerd configs are shallow). */
function tables(t: TomlTable, path: string[] = [], out: { path: string[]; t: TomlTable }[] = []): { path: string[]; t: TomlTable }[] {
  if (out.length > 5000 || path.length > 16) return out;
  out.push({ path, t });
  for (const [k, v] of Object.entries(t)) if (isTable(v)) tables(v, [...path, k], out);
  return out;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** containerd's default gRPC receive limit is 16 MiB; four times that lets any API client make the daemon buffer more per message. */
const MAX_RECV_SANE = 64 * 1048576;
/** A Go duration that is zero ("0", "0s", "0h0m0s"): for stream_idle_timeout it means no idle timeout at all. */
const ZERO_DURATION = /^(?:0+(?:\.0+)?(?:ns|us|µs|ms|s|m|h)?)+$/;

function checkDaemon(f: ContainerdConfigFile, ctx: RepoRuleContext): void {
  const d = f.data;
  const at = (path: string[], key: string) => ({ file: f.file, line: f.lineOf(path, key) });
  const grpc = isTable(d.grpc) ? d.grpc : undefined;
  const tcp = str(grpc?.tcp_address);
  if (grpc && listensPublicly(tcp)) {
    if (!str(grpc.tcp_tls_cert)) ctx.report({ ...at(['grpc'], 'tcp_address'), messageId: 'apiPlaintext', data: { addr: tcp } });
    else if (!str(grpc.tcp_tls_ca)) ctx.report({ ...at(['grpc'], 'tcp_address'), messageId: 'apiNoClientAuth', data: { addr: tcp } });
  }
  const metrics = isTable(d.metrics) ? d.metrics : undefined;
  const maddr = str(metrics?.address);
  if (metrics && listensPublicly(maddr)) ctx.report({ ...at(['metrics'], 'address'), messageId: 'metricsPublic', severity: 'low', data: { addr: maddr } });
  const recv = grpc?.max_recv_message_size;
  if (typeof recv === 'number' && recv > MAX_RECV_SANE) {
    ctx.report({ ...at(['grpc'], 'max_recv_message_size'), messageId: 'recvSizeHuge', severity: 'medium', data: { mib: Math.round(recv / 1048576) } });
  }
  for (const { path, t } of tables(d)) {
    const last = path.at(-1) ?? '';
    // [plugins."io.containerd.grpc.v1.cri"] stream_idle_timeout = "0": idle exec/attach/port-forward sessions are never closed
    if (typeof t.stream_idle_timeout === 'string' && ZERO_DURATION.test(t.stream_idle_timeout.trim())) {
      ctx.report({ ...at(path, 'stream_idle_timeout'), messageId: 'streamNoIdleTimeout', severity: 'medium', data: { value: t.stream_idle_timeout } });
    }
    const inRegistry = path.includes('registry');
    if (typeof t.stream_server_address === 'string' && listensPublicly(t.stream_server_address) && t.enable_tls_streaming !== true) {
      ctx.report({ ...at(path, 'stream_server_address'), messageId: 'streamingPlaintext', severity: 'medium', data: { addr: t.stream_server_address } });
    }
    if (t.disable_apparmor === true) ctx.report({ ...at(path, 'disable_apparmor'), messageId: 'apparmorDisabled', severity: 'medium' });
    // [plugins."io.containerd.grpc.v1.cri".registry.configs."host".tls] insecure_skip_verify = true
    if (inRegistry && last === 'tls' && t.insecure_skip_verify === true) {
      ctx.report({ ...at(path, 'insecure_skip_verify'), messageId: 'registryTLSOff', data: { host: path.at(-2) ?? '' } });
    }
    // [plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"] endpoint = ["http://…"]
    if (inRegistry && path.at(-2) === 'mirrors' && Array.isArray(t.endpoint)) {
      for (const e of t.endpoint) {
        if (typeof e === 'string' && /^http:\/\//i.test(e) && !isLoopbackHost(hostOf(e))) {
          ctx.report({ ...at(path, 'endpoint'), messageId: 'mirrorPlainHTTP', severity: 'medium', data: { host: last, endpoint: e } });
        }
      }
    }
  }
}

function checkHosts(f: ContainerdConfigFile, ctx: RepoRuleContext): void {
  const d = f.data;
  const server = str(d.server);
  if (server && /^http:\/\//i.test(server) && !isLoopbackHost(hostOf(server))) {
    ctx.report({ file: f.file, line: f.lineOf([], 'server'), messageId: 'mirrorPlainHTTP', severity: 'medium', data: { host: hostOf(server), endpoint: server } });
  }
  if (d.skip_verify === true) ctx.report({ file: f.file, line: f.lineOf([], 'skip_verify'), messageId: 'registryTLSOff', data: { host: hostOf(server) || f.file } });
  const hosts = isTable(d.host) ? d.host : {};
  for (const [url, h] of Object.entries(hosts)) {
    if (!isTable(h)) continue;
    if (/^http:\/\//i.test(url) && !isLoopbackHost(hostOf(url))) {
      ctx.report({ file: f.file, line: f.lineOf(['host'], url), messageId: 'mirrorPlainHTTP', severity: 'medium', data: { host: hostOf(url), endpoint: url } });
    }
    if (h.skip_verify === true) ctx.report({ file: f.file, line: f.lineOf(['host', url], 'skip_verify'), messageId: 'registryTLSOff', data: { host: hostOf(url) } });
  }
}

export default defineRepoRule({
  meta: {
    id: 'SEC1021',
    name: 'containerd-config-insecure',
    dimension: 'security',
    severity: 'high',
    confidence: 'high',
    lifecycle: 'experimental',
    experimentalReason:
      'Unmeasured precision: of 64 development repositories only containerd ships containerd configs, all test fixtures; ' +
      'the one finding (disable_apparmor in its cri-in-userns test config, a non-shipped example) is right but DEB. ' +
      'Needs repositories that ship node images or installers (kubespray-, k3s-, talos-like) to be judged.',
    title: 'containerd configuration exposes the runtime or pulls images without verification',
    passCriterion: 'shipped containerd configs keep the API and the CRI streaming server off the network (or behind mutual TLS), verify registry TLS and keep AppArmor on',
    rationale:
      'A containerd config shipped with a node image or installer decides who controls every container on the node. ' +
      'A `[grpc] tcp_address` on a non-loopback address serves the containerd API — create, exec into, and delete any ' +
      'container, i.e. root on the node — to whoever reaches the port, unless TLS with a client CA authenticates ' +
      'callers. The CRI streaming server (exec/attach/port-forward) on all interfaces without TLS hands out ' +
      'session URLs in plaintext. `insecure_skip_verify`/`skip_verify` or a plain-HTTP registry endpoint lets anyone on ' +
      'the path serve the images the node runs. `disable_apparmor = true` removes the default confinement of every ' +
      'container. A metrics address on all interfaces publishes container and image names to the network.',
    fix: {
      text: 'Keep `[grpc] tcp_address` empty (use the unix socket) or set tcp_tls_cert/tcp_tls_key and tcp_tls_ca; keep stream_server_address at 127.0.0.1 or set enable_tls_streaming = true; ' +
        'remove insecure_skip_verify/skip_verify and give the registry CA (ca_file / `ca`) instead; use https:// mirror endpoints; remove disable_apparmor; bind [metrics] address to 127.0.0.1.',
      effort: 'low',
    },
    examples: [
      {
        filename: 'config.toml',
        bad:
          'version = 2\n\n[grpc]\n  address = "/run/containerd/containerd.sock"\n  tcp_address = "0.0.0.0:2376"\n\n' +
          '[plugins."io.containerd.grpc.v1.cri".registry.configs."registry.example.com".tls]\n  insecure_skip_verify = true\n',
        good:
          'version = 2\n\n[grpc]\n  address = "/run/containerd/containerd.sock"\n  tcp_address = ""\n\n' +
          '[plugins."io.containerd.grpc.v1.cri".registry.configs."registry.example.com".tls]\n  ca_file = "/etc/containerd/certs/registry-ca.pem"\n',
      },
    ],
    messages: {
      apiPlaintext: 'the containerd API is served over plaintext TCP on {{addr}} (no tcp_tls_cert): whoever reaches the port controls every container on the node',
      apiNoClientAuth: 'the containerd API is served over TCP on {{addr}} without tcp_tls_ca: TLS encrypts, but any client is accepted and controls every container on the node',
      streamingPlaintext: 'the CRI streaming server (exec/attach/port-forward) listens on {{addr}} without enable_tls_streaming: session URLs travel in plaintext to a port open to the network',
      apparmorDisabled: 'disable_apparmor = true: no container on the node gets the default AppArmor profile',
      registryTLSOff: 'TLS verification of registry {{host}} is off: anyone on the network path can serve the images this node runs',
      mirrorPlainHTTP: 'registry {{host}} is pulled over plain HTTP ({{endpoint}}): images can be read and replaced in transit',
      metricsPublic: 'containerd metrics listen on {{addr}} (all interfaces): container, image and namespace names are published to the network',
      streamNoIdleTimeout: 'stream_idle_timeout = "{{value}}": idle exec/attach/port-forward sessions of the CRI streaming server are never closed (default 4h)',
      recvSizeHuge: '[grpc] max_recv_message_size is {{mib}} MiB (default 16 MiB): every API client can make containerd buffer that much per message',
    },
    sources: [],
    notes:
      'Files: `*.toml` holding a containerd daemon config (a `plugins` table with `cri` or `io.containerd.*` plugins, ' +
      'or a `[grpc]` section with an address next to root/state/version; schema versions 1, 2 and 3 alike, settings ' +
      'matched wherever they sit in the plugin tables) and registry host files named hosts.toml (`server`, ' +
      '`[host."…"]`, `skip_verify`). Parsed with a TOML parser (files over 256 KiB are skipped with a warning; a file ' +
      'that is not valid TOML is a `toml-parse-error` warning). Loopback addresses, unix sockets and named pipes are not ' +
      'reported. Test fixtures, docs and examples are reported only with --include-non-shipped (code roles by path). ' +
      'Also: `stream_idle_timeout` set to zero (no idle timeout for exec/attach/port-forward sessions) and `[grpc] ' +
      'max_recv_message_size` above 64 MiB (four times containerd\'s 16 MiB default). ' +
      'Not judged: configs embedded in YAML (ConfigMaps, kind clusterConfigPatches, cloud-init) or shell heredocs; ' +
      'enable_unprivileged_ports/icmp and restrict_oom_score_adj (defaults for rootless and newer containerd, not ' +
      'risks); SystemdCgroup, whose right value depends on the host\'s init system and kubelet.',
  },
  check(repo, ctx) {
    for (const f of containerdConfigs(repo)) {
      ctx.applicable();
      if (f.kind === 'daemon') checkDaemon(f, ctx);
      else checkHosts(f, ctx);
    }
  },
});
