#!/usr/bin/env node
// Cross-file checks of the deployment shape that no off-the-shelf validator does: the compose file
// against the Ringline service contract, Dockerfile COPY sources against the repository and
// .dockerignore, Grafana provisioning and dashboards, PromQL extraction for promtool, and the metric
// contract. Driven by .ci/validate-deploy.sh; each command prints one summary line on success and
// every problem (exit 1) on failure.
//
//   node check-deploy.cjs <command> [args]    with RINGLINE_ROOT and DEPLOY_TOOLS_NODE_MODULES set
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { spawn } = require('node:child_process');
const http = require('node:http');

const ROOT = path.resolve(process.env.RINGLINE_ROOT || path.join(__dirname, '..', '..'));
const toolsRequire = createRequire(path.join(process.env.DEPLOY_TOOLS_NODE_MODULES || path.join(ROOT, 'node_modules'), 'noop.js'));
const YAML = toolsRequire('yaml');

const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const ENV_EXAMPLE = path.join(ROOT, 'deploy', '.env.example');
const CONTRACT_FILE = path.join(__dirname, 'metrics-contract.txt');
const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The contract this deployment must honour (ARCHITECTURE.md, docs/internal-apis.md, the brief).
// ---------------------------------------------------------------------------------------------
const SECRET = Symbol('required secret');
const ANY = Symbol('any value');
const PLATFORM_ENV = {
  RINGLINE_KAFKA_BOOTSTRAP: 'kafka:9092',
  RINGLINE_DB_HOST: 'postgres',
  RINGLINE_DB_PORT: '5432',
  RINGLINE_DB_NAME: ANY,
  RINGLINE_DB_USER: ANY,
  RINGLINE_DB_PASSWORD: SECRET,
  RINGLINE_CRYPTO_KEYS: SECRET,
  RINGLINE_CRYPTO_ACTIVE_KEY: ANY,
  RINGLINE_CRYPTO_KEY: ANY,
  RINGLINE_INTERNAL_TOKEN: SECRET,
};
// port: the service port; managementPort: actuator, never published (Prometheus scrapes it);
// publicPort: the one port a published service publishes (the media bridge's WebSocket-only listener).
const SERVICES = {
  'api-gateway': {
    port: 8080, managementPort: 9080, publicPort: 8080, stateful: true, published: true,
    env: {
      RINGLINE_OPERATOR_TOKEN: SECRET,
      RINGLINE_SIGNALING_URL: 'http://call-signaling-service:8081',
      RINGLINE_FANOUT_URL: 'http://webhook-fanout-service:8083',
      RINGLINE_MEDIA_URL: 'http://media-bridge-service:8082',
      RINGLINE_GATEWAY_ALLOW_PRIVATE_NETWORKS: 'false',
    },
  },
  'call-signaling-service': {
    port: 8081, managementPort: 9081, stateful: true, published: false, env: { RINGLINE_SIGNALING_ALLOW_PRIVATE_NETWORKS: 'false' },
  },
  'media-bridge-service': {
    port: 8082, managementPort: 9082, publicPort: 8084, stateful: true, published: true,
    env: { RINGLINE_MEDIA_PUBLIC_WS_URL: ANY, RINGLINE_MEDIA_ALLOW_PRIVATE_NETWORKS: 'false', RINGLINE_MEDIA_PUBLIC_PORT: '8084' },
  },
  'webhook-fanout-service': { port: 8083, managementPort: 9083, stateful: true, published: false, env: { RINGLINE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'false' } },
  'provider-sandbox': { port: 8090, publicPort: 8090, stateful: false, published: true, env: {} },
};
const KNOWN_RINGLINE_VARS = new Set([
  ...Object.keys(PLATFORM_ENV), 'RINGLINE_OPERATOR_TOKEN', 'RINGLINE_SIGNALING_URL', 'RINGLINE_FANOUT_URL',
  'RINGLINE_MEDIA_URL', 'RINGLINE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS', 'RINGLINE_MEDIA_PUBLIC_WS_URL',
  'RINGLINE_MEDIA_ALLOW_PRIVATE_NETWORKS', 'RINGLINE_GATEWAY_ALLOW_PRIVATE_NETWORKS',
  'RINGLINE_SIGNALING_ALLOW_PRIVATE_NETWORKS', 'RINGLINE_MEDIA_PUBLIC_PORT',
]);
const INFRA = ['kafka', 'postgres', 'prometheus', 'grafana'];
const HEAP_BUDGET = 256 * MiB;
const MIN_NON_HEAP = 192 * MiB;

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------
class Problems {
  constructor() { this.list = []; }
  add(msg) { if (!this.list.includes(msg)) this.list.push(msg); }
  check(cond, msg) { if (!cond) this.add(msg); return !!cond; }
  finish(summary) {
    if (this.list.length) {
      for (const p of this.list) console.log(`  - ${p}`);
      process.exit(1);
    }
    console.log(summary);
  }
}
const rel = (p) => path.relative(ROOT, p) || '.';
const readYaml = (file) => YAML.parse(fs.readFileSync(file, 'utf8'), { merge: true });
const exists = (p) => fs.existsSync(p);
function parseBytes(v) {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(String(v).trim());
  if (!m) return NaN;
  const mult = { '': 1, k: 1024, m: MiB, g: 1024 * MiB, t: 1024 * 1024 * MiB }[m[2].toLowerCase()];
  return Number(m[1]) * mult;
}
function envMap(env) {
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e) => { const i = e.indexOf('='); return i < 0 ? [e, null] : [e.slice(0, i), e.slice(i + 1)]; }));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? null : String(v)]));
}

// Compose interpolation (https://compose-spec.io, "Interpolation"): $$, $VAR, ${VAR}, ${VAR:-d},
// ${VAR-d}, ${VAR:?e}, ${VAR?e}, ${VAR:+r}, ${VAR+r}. Returns the string and the variables seen.
function interpolate(str, env, seen, errors, where) {
  return str.replace(/\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (all, dollar, name, op, arg, bare) => {
      if (dollar === '$') return '$';
      const v = name || bare;
      seen.add(v);
      const val = env[v];
      const set = val !== undefined;
      const nonEmpty = set && val !== '';
      switch (op) {
        case ':-': return nonEmpty ? val : interpolate(arg, env, seen, errors, where);
        case '-': return set ? val : interpolate(arg, env, seen, errors, where);
        case ':?': if (!nonEmpty) errors.push(`${where}: required variable ${v} is unset or empty (${arg})`); return val || '';
        case '?': if (!set) errors.push(`${where}: required variable ${v} is unset (${arg})`); return val || '';
        case ':+': return nonEmpty ? interpolate(arg, env, seen, errors, where) : '';
        case '+': return set ? interpolate(arg, env, seen, errors, where) : '';
        default: return set ? val : '';
      }
    });
}
function interpolateTree(node, env, seen, errors, where = '') {
  if (typeof node === 'string') return interpolate(node, env, seen, errors, where || '(root)');
  if (Array.isArray(node)) return node.map((n, i) => interpolateTree(n, env, seen, errors, `${where}[${i}]`));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateTree(v, env, seen, errors, where ? `${where}.${k}` : k)]));
  }
  return node;
}
function readEnvExample() {
  const vars = {};
  for (const line of fs.readFileSync(ENV_EXAMPLE, 'utf8').split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) vars[m[1]] = m[2];
  }
  return vars;
}
function rootPomModules() {
  const pom = fs.readFileSync(path.join(ROOT, 'pom.xml'), 'utf8');
  return new Set([...pom.matchAll(/<module>\s*([^<\s]+)\s*<\/module>/g)].map((m) => m[1]));
}

// Short or long volume syntax -> {type, source, target}
function parseVolume(v) {
  if (typeof v === 'object') return { type: v.type, source: v.source, target: v.target, readOnly: !!v.read_only };
  const parts = v.split(':');
  if (parts.length === 1) return { type: 'volume', source: null, target: parts[0] };
  const [source, target, mode = ''] = parts;
  const bind = source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
  return { type: bind ? 'bind' : 'volume', source, target, readOnly: mode.split(',').includes('ro') };
}
// Map a container path to the host path through a service's bind mounts (longest target wins).
function hostPathFor(service, containerPath) {
  let best = null;
  for (const v of (service.volumes || []).map(parseVolume)) {
    if (v.type !== 'bind') continue;
    if (containerPath === v.target || containerPath.startsWith(v.target.replace(/\/$/, '') + '/')) {
      if (!best || v.target.length > best.target.length) best = v;
    }
  }
  if (!best) return null;
  return path.join(ROOT, best.source, path.relative(best.target, containerPath));
}

// ---------------------------------------------------------------------------------------------
// compose-resolve <out.json>: interpolate docker-compose.yml with deploy/.env.example (secrets
// replaced by placeholders), write the result for the JSON-schema check.
// ---------------------------------------------------------------------------------------------
function composeResolve(out) {
  const problems = new Problems();
  const raw = readYaml(COMPOSE_FILE);
  const example = readEnvExample();
  const env = Object.fromEntries(Object.entries(example).map(([k, v]) => [k, v === '' ? `placeholder-${k.toLowerCase()}` : v]));
  const seen = new Set();
  const errors = [];
  const resolved = interpolateTree(raw, env, seen, errors);
  errors.forEach((e) => problems.add(e));
  // Without the env file every secret must make Compose refuse to start.
  const bareErrors = [];
  interpolateTree(raw, {}, new Set(), bareErrors);
  for (const v of ['RINGLINE_CRYPTO_KEYS', 'RINGLINE_DB_PASSWORD', 'RINGLINE_INTERNAL_TOKEN', 'RINGLINE_OPERATOR_TOKEN']) {
    problems.check(bareErrors.some((e) => e.includes(`variable ${v} `)), `${v} is not required (\${${v}:?…}): compose would start without it`);
  }
  for (const v of seen) problems.check(v in example, `docker-compose.yml uses \${${v}} but deploy/.env.example does not document it`);
  for (const v of Object.keys(example)) problems.check(seen.has(v), `deploy/.env.example sets ${v} but docker-compose.yml never uses it`);
  fs.writeFileSync(out, JSON.stringify(resolved, null, 2));
  problems.finish(`interpolated with deploy/.env.example: ${seen.size} variables, all documented; secrets are required`);
}

// ---------------------------------------------------------------------------------------------
// compose-contract: the compose file describes the Ringline production shape.
// ---------------------------------------------------------------------------------------------
function composeContract() {
  const p = new Problems();
  const rawText = fs.readFileSync(COMPOSE_FILE, 'utf8');
  const doc = readYaml(COMPOSE_FILE);
  const services = doc.services || {};
  const modules = rootPomModules();
  // Ports and similar values are judged after interpolation with the documented defaults.
  const exampleEnv = Object.fromEntries(Object.entries(readEnvExample()).map(([k, v]) => [k, v || `placeholder-${k.toLowerCase()}`]));
  const resolved = interpolateTree(doc, exampleEnv, new Set(), []);

  p.check(!('version' in doc), 'top-level `version` is obsolete in the Compose Specification; remove it');
  p.check(doc.name === 'ringline', 'top-level `name: ringline` expected');
  for (const s of [...Object.keys(SERVICES), ...INFRA]) p.check(s in services, `service ${s} is missing`);
  for (const s of Object.keys(services)) p.check(s in SERVICES || INFRA.includes(s), `unexpected service ${s} (update the contract in check-deploy.cjs if intended)`);
  p.check(!/RINGLINE_CRYPTO_KEYS?:\s*["']?([A-Za-z0-9_-]+:)?[A-Za-z0-9+/]{40,}={0,2}["']?\s*$/m.test(rawText), 'RINGLINE_CRYPTO_KEY(S) must not be a literal in docker-compose.yml');

  const declaredVolumes = new Set(Object.keys(doc.volumes || {}));
  const publishedHostPorts = new Map();
  let bindMounts = 0;

  for (const [name, svc] of Object.entries(services)) {
    const where = `services.${name}`;
    // health and resources, for everything
    const hc = svc.healthcheck;
    p.check(hc && Array.isArray(hc.test) && hc.test.length > 1 && !hc.disable, `${where}: healthcheck with a test is required`);
    const mem = svc.deploy?.resources?.limits?.memory;
    p.check(mem && parseBytes(mem) > 0, `${where}: deploy.resources.limits.memory is required`);
    p.check(svc.restart === 'unless-stopped' || svc.restart === 'always', `${where}: restart policy unless-stopped/always expected`);
    p.check(!svc.image || /:[^/]+$/.test(svc.image) && !/:latest$/.test(svc.image), `${where}: image ${svc.image} must carry an explicit, non-latest tag`);
    for (const [dep, cfg] of Object.entries(Array.isArray(svc.depends_on) ? Object.fromEntries(svc.depends_on.map((d) => [d, {}])) : (svc.depends_on || {}))) {
      p.check(dep in services, `${where}: depends_on unknown service ${dep}`);
      p.check(cfg.condition === 'service_healthy', `${where}: depends_on ${dep} should wait for condition service_healthy`);
      p.check(services[dep]?.healthcheck, `${where}: depends_on ${dep} healthy, but ${dep} has no healthcheck`);
    }
    // mounts
    for (const v of (svc.volumes || []).map(parseVolume)) {
      if (v.type === 'bind') {
        bindMounts++;
        const host = path.join(ROOT, v.source);
        p.check(exists(host), `${where}: bind mount source ${v.source} does not exist`);
        p.check(v.readOnly, `${where}: bind mount ${v.source} should be read-only (:ro)`);
        p.check(!path.relative(ROOT, host).startsWith('..'), `${where}: bind mount ${v.source} leaves the repository`);
      } else if (v.type === 'volume' && v.source) {
        p.check(declaredVolumes.has(v.source), `${where}: named volume ${v.source} is not declared under top-level volumes`);
      }
    }
    // published ports
    for (const port of resolved.services[name].ports || []) {
      const spec = typeof port === 'object' ? `${port.host_ip || ''}:${port.published}:${port.target}` : String(port);
      const parts = spec.split(':');
      const hostPort = parts.length >= 2 ? parts[parts.length - 2] : parts[0];
      const ip = parts.length === 3 ? parts[0] : '';
      const key = `${ip}:${hostPort}`;
      p.check(!publishedHostPorts.has(key), `${where}: host port ${key} already published by ${publishedHostPorts.get(key)}`);
      publishedHostPorts.set(key, name);
      if (!(name in SERVICES && SERVICES[name].published && name !== 'provider-sandbox')) {
        p.check(ip === '127.0.0.1', `${where}: ${spec} should bind to 127.0.0.1 (only the gateway and media bridge are public)`);
      }
      if (name in SERVICES) {
        // /internal/** and actuator must not be reachable from outside: only the designated public port is published.
        const target = String(parts[parts.length - 1]).split('/')[0];
        p.check(target === String(SERVICES[name].publicPort), `${where}: publishes container port ${target}; only ${SERVICES[name].publicPort} may be published (service ports with /internal/** and management ports stay internal)`);
      }
    }
  }

  // Ringline services
  for (const [name, want] of Object.entries(SERVICES)) {
    const svc = services[name];
    if (!svc) continue;
    const where = `services.${name}`;
    const b = svc.build;
    if (p.check(b && typeof b === 'object', `${where}: build section (context + dockerfile) is required`)) {
      const ctx = path.resolve(ROOT, b.context || '.');
      p.check(ctx === ROOT, `${where}: build context must be the repository root (is ${b.context})`);
      const df = path.resolve(ctx, b.dockerfile || 'Dockerfile');
      p.check(exists(df), `${where}: Dockerfile ${rel(df)} does not exist`);
      const module = b.args?.MODULE;
      if (df.endsWith('service.Dockerfile') || module !== undefined) {
        p.check(module === name, `${where}: build arg MODULE should be ${name} (is ${module})`);
        p.check(modules.has(module) && exists(path.join(ROOT, module, 'pom.xml')), `${where}: MODULE ${module} is not a module of the root pom`);
        p.check(String(b.args?.SERVICE_PORT) === String(want.port), `${where}: build arg SERVICE_PORT should be ${want.port}`);
      } else {
        p.check(path.dirname(df) === path.join(ROOT, name), `${where}: per-module Dockerfile expected at ${name}/Dockerfile`);
      }
    }
    const env = envMap(svc.environment);
    const expected = { ...(want.stateful ? PLATFORM_ENV : {}), ...want.env, SERVER_PORT: String(want.port), JAVA_TOOL_OPTIONS: ANY };
    if (want.managementPort) expected.MANAGEMENT_SERVER_PORT = String(want.managementPort);
    for (const [k, v] of Object.entries(expected)) {
      if (!p.check(k in env && env[k] !== null && env[k] !== '', `${where}: environment ${k} is missing`)) continue;
      if (v === SECRET) {
        p.check(new RegExp(`^\\$\\{${k}:\\?[^}]*\\}$`).test(env[k]), `${where}: ${k} must come from the environment as \${${k}:?…} (no default, no literal)`);
      } else if (v !== ANY) {
        p.check(env[k] === v, `${where}: ${k} should be ${v} (is ${env[k]})`);
      }
    }
    for (const k of Object.keys(env)) {
      if (k.startsWith('RINGLINE_')) p.check(KNOWN_RINGLINE_VARS.has(k), `${where}: ${k} is not part of the environment contract`);
      if (k.startsWith('RINGLINE_') && !(k in expected)) p.add(`${where}: ${k} is set but this service does not read it`);
    }
    const jto = env.JAVA_TOOL_OPTIONS || '';
    p.check(jto.includes('-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ringline.schemas'), `${where}: JAVA_TOOL_OPTIONS must trust io.ringline.schemas for Avro`);
    const pct = Number((/-XX:MaxRAMPercentage=(\d+(?:\.\d+)?)/.exec(jto) || [])[1]);
    const limit = parseBytes(svc.deploy?.resources?.limits?.memory);
    if (p.check(pct > 0, `${where}: JAVA_TOOL_OPTIONS should size the heap with -XX:MaxRAMPercentage`) && limit > 0) {
      const heap = limit * pct / 100;
      p.check(heap >= HEAP_BUDGET, `${where}: heap ${Math.round(heap / MiB)} MiB is below the 256 MiB budget (limit ${svc.deploy.resources.limits.memory} x ${pct}%)`);
      p.check(limit - heap >= MIN_NON_HEAP, `${where}: only ${Math.round((limit - heap) / MiB)} MiB left for metaspace, code cache, stacks and direct buffers (need >= 192 MiB)`);
    }
    const test = svc.healthcheck?.test || [];
    p.check(test.join(' ').includes('/app/healthcheck.sh'), `${where}: healthcheck should run the image's /app/healthcheck.sh (readiness probe)`);
    if (want.stateful) {
      for (const dep of ['kafka', 'postgres']) p.check(svc.depends_on && dep in svc.depends_on, `${where}: must depend on ${dep} (service_healthy)`);
    }
    p.check(want.published || !(svc.ports || []).length, `${where}: internal service must not publish ports`);
    p.check(svc.read_only === true && (svc.tmpfs || []).includes('/tmp'), `${where}: read_only root filesystem with a /tmp tmpfs expected`);
    p.check((svc.cap_drop || []).includes('ALL'), `${where}: cap_drop ALL expected`);
  }
  const gw = services['api-gateway'];
  for (const dep of ['call-signaling-service', 'webhook-fanout-service', 'media-bridge-service']) {
    p.check(gw?.depends_on && dep in gw.depends_on, `services.api-gateway: should depend on ${dep} (service_healthy)`);
  }

  // Kafka (KRaft, official image) and PostgreSQL 17
  const kafka = services.kafka || {};
  const kenv = envMap(kafka.environment);
  p.check(/^apache\/kafka:\d/.test(kafka.image || ''), 'services.kafka: official apache/kafka image expected');
  p.check((kenv.KAFKA_PROCESS_ROLES || '').split(',').sort().join(',') === 'broker,controller', 'services.kafka: KAFKA_PROCESS_ROLES=broker,controller (KRaft combined node) expected');
  p.check(kenv.CLUSTER_ID, 'services.kafka: CLUSTER_ID is required for KRaft storage formatting');
  const adv = /PLAINTEXT:\/\/([^,]+)/.exec(kenv.KAFKA_ADVERTISED_LISTENERS || '');
  p.check(adv && adv[1] === PLATFORM_ENV.RINGLINE_KAFKA_BOOTSTRAP, `services.kafka: advertised listener ${adv && adv[1]} differs from RINGLINE_KAFKA_BOOTSTRAP ${PLATFORM_ENV.RINGLINE_KAFKA_BOOTSTRAP}`);
  p.check((kafka.volumes || []).map(parseVolume).some((v) => v.type === 'volume' && v.target === kenv.KAFKA_LOG_DIRS), 'services.kafka: a named volume must hold KAFKA_LOG_DIRS');
  const pg = services.postgres || {};
  const penv = envMap(pg.environment);
  p.check(/^postgres:17(\b|[.-])/.test(pg.image || ''), 'services.postgres: PostgreSQL 17 expected');
  p.check((pg.volumes || []).map(parseVolume).some((v) => v.type === 'volume' && v.target === '/var/lib/postgresql/data'), 'services.postgres: a named volume on /var/lib/postgresql/data expected');
  const platformRaw = envMap(services['call-signaling-service']?.environment);
  p.check(penv.POSTGRES_DB === platformRaw.RINGLINE_DB_NAME, 'services.postgres: POSTGRES_DB and RINGLINE_DB_NAME must come from the same setting');
  p.check(penv.POSTGRES_USER === platformRaw.RINGLINE_DB_USER, 'services.postgres: POSTGRES_USER and RINGLINE_DB_USER must come from the same setting');
  p.check(penv.POSTGRES_PASSWORD === platformRaw.RINGLINE_DB_PASSWORD, 'services.postgres: POSTGRES_PASSWORD and RINGLINE_DB_PASSWORD must come from the same setting');

  // Prometheus: config and rule files mounted where the config expects them; every service scraped.
  const prom = services.prometheus || {};
  const cfgArg = (prom.command || []).find((a) => String(a).startsWith('--config.file='));
  const cfgTarget = cfgArg ? cfgArg.split('=')[1] : '/etc/prometheus/prometheus.yml';
  const cfgHost = hostPathFor(prom, cfgTarget);
  if (p.check(cfgHost && exists(cfgHost), `services.prometheus: ${cfgTarget} is not mounted from the repository`)) {
    const cfg = readYaml(cfgHost);
    for (const rf of cfg.rule_files || []) {
      const inContainer = path.posix.resolve(path.posix.dirname(cfgTarget), rf);
      const host = hostPathFor(prom, inContainer);
      p.check(host && exists(host), `services.prometheus: rule file ${rf} (${inContainer}) is not mounted`);
    }
    const targets = new Map();
    for (const job of cfg.scrape_configs || []) {
      for (const sc of job.static_configs || []) for (const t of sc.targets || []) targets.set(t, job);
    }
    for (const [name, want] of Object.entries(SERVICES)) {
      const metricsPort = want.managementPort || want.port;
      const job = targets.get(`${name}:${metricsPort}`);
      if (p.check(job, `prometheus.yml does not scrape ${name}:${metricsPort} (its ${want.managementPort ? 'management' : 'service'} port)`)) {
        p.check(job.metrics_path === '/actuator/prometheus', `prometheus.yml job ${job.job_name}: metrics_path must be /actuator/prometheus`);
      }
    }
  }

  // Grafana: provisioning mounted, home dashboard resolvable.
  const graf = services.grafana || {};
  const genv = envMap(graf.environment);
  const provMounts = (graf.volumes || []).map(parseVolume).filter((v) => v.type === 'bind' && v.target.startsWith('/etc/grafana/provisioning/'));
  p.check(provMounts.some((v) => v.target.includes('/datasources')), 'services.grafana: datasource provisioning is not mounted');
  p.check(provMounts.some((v) => v.target.includes('/dashboards')), 'services.grafana: dashboard provisioning is not mounted');
  p.check(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/.test(genv.GF_SECURITY_ADMIN_PASSWORD || ''), 'services.grafana: admin password must be a required variable');
  if (genv.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH) {
    const host = hostPathFor(graf, genv.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH);
    p.check(host && exists(host), `services.grafana: home dashboard ${genv.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH} is not a mounted file`);
  }

  p.finish(`${Object.keys(services).length} services, env contract, health-gated depends_on, memory budgets, ${bindMounts} bind mounts exist`);
}

// ---------------------------------------------------------------------------------------------
// dockerfiles <file...>: COPY sources exist in the build context and survive .dockerignore;
// stage references resolve; runtime policy (non-root, healthcheck, exec-form entrypoint, ...).
// ---------------------------------------------------------------------------------------------
function parseDockerfile(text) {
  const lines = text.split('\n');
  const instructions = [];
  let buf = '';
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!buf && /^\s*#/.test(line)) continue; // comment or parser directive
    if (buf && /^\s*#/.test(line)) continue; // comment inside a continuation
    if (!buf && !line.trim()) continue;
    if (!buf) start = i + 1;
    if (/\\\s*$/.test(line)) { buf += line.replace(/\\\s*$/, ' '); continue; }
    buf += line;
    const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(buf);
    if (m) instructions.push({ line: start, cmd: m[1].toUpperCase(), args: m[2].trim() });
    buf = '';
  }
  return instructions;
}
function splitFlags(args) {
  const flags = {};
  let rest = args;
  for (;;) {
    const m = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest);
    if (!m) break;
    flags[m[1]] = m[2] === undefined ? true : m[2];
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}
function substitute(str, vars) {
  return str.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, a, def, b) => {
    const v = vars[a || b];
    return v !== undefined && v !== '' ? v : (def !== undefined ? def : all);
  });
}
function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') { if (glob[i + 1] === '*') { re += '.*'; i++; } else re += '[^/]*'; }
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git' || e.name === 'node_modules' || e.name === 'target') continue;
    const full = path.join(dir, e.name);
    out.push(full);
    if (e.isDirectory()) walk(full, out);
  }
  return out;
}
function dockerfiles(files) {
  const p = new Problems();
  const dockerignore = toolsRequire('@balena/dockerignore');
  const ignoreFile = path.join(ROOT, '.dockerignore');
  p.check(exists(ignoreFile), '.dockerignore is missing at the build-context root');
  const ig = dockerignore({ ignorecase: false }).add(exists(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8').split('\n') : []);
  // Things Maven needs in the context for `./mvnw -pl <module> -am package`.
  for (const needed of ['pom.xml', 'mvnw', '.mvn/wrapper/maven-wrapper.properties', ...[...rootPomModules()].map((m) => `${m}/pom.xml`)]) {
    p.check(exists(path.join(ROOT, needed)), `${needed} is missing from the repository`);
    p.check(!ig.ignores(needed), `.dockerignore excludes ${needed}, which the Maven build in the image needs`);
  }
  for (const m of ['schemas', 'platform-kit']) {
    if (exists(path.join(ROOT, m, 'src', 'main'))) p.check(!ig.ignores(`${m}/src/main/x`), `.dockerignore excludes ${m}/src/main`);
  }

  const compose = readYaml(COMPOSE_FILE);
  const users = {};
  for (const [name, svc] of Object.entries(compose.services || {})) {
    if (svc.build) {
      const df = path.resolve(ROOT, svc.build.context || '.', svc.build.dockerfile || 'Dockerfile');
      (users[df] ||= []).push({ name, svc });
    }
  }
  const rootPom = fs.readFileSync(path.join(ROOT, 'pom.xml'), 'utf8');
  const copies = new Set();
  let builds = 0;
  for (const file of files) {
    const abs = path.resolve(file);
    const where = rel(abs);
    const ins = parseDockerfile(fs.readFileSync(abs, 'utf8'));
    const globalArgs = {};
    const stages = [];
    for (const i of ins) {
      if (i.cmd === 'ARG' && !stages.length) {
        const [k, v = ''] = i.args.split('=');
        globalArgs[k.trim()] = v.trim().replace(/^"|"$/g, '');
      }
      if (i.cmd === 'FROM') {
        const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(i.args);
        stages.push({ image: substitute(m[1], globalArgs), name: m[2], ins: [] });
      } else if (stages.length) {
        stages[stages.length - 1].ins.push(i);
      }
    }
    if (!p.check(stages.length, `${where}: no FROM`)) continue;
    const stageNames = new Set();
    const contexts = (users[abs] || [{ name: null, svc: { build: { args: {} } } }]);
    builds += contexts.length;
    for (const [si, st] of stages.entries()) {
      p.check(/:[^/]+$/.test(st.image) && !st.image.endsWith(':latest') || stageNames.has(st.image),
        `${where}: base image ${st.image} needs an explicit, non-latest tag`);
      for (const i of st.ins.filter((x) => x.cmd === 'COPY' || x.cmd === 'ADD')) {
        const { flags, rest } = splitFlags(i.args);
        let parts;
        try { parts = rest.startsWith('[') ? JSON.parse(rest) : rest.split(/\s+/); } catch { p.add(`${where}:${i.line}: malformed ${i.cmd}`); continue; }
        const sources = parts.slice(0, -1);
        if (flags.from) {
          p.check(stageNames.has(flags.from) || /^\d+$/.test(flags.from) && Number(flags.from) < si || /[:/]/.test(flags.from),
            `${where}:${i.line}: --from=${flags.from} is not an earlier stage`);
          continue;
        }
        for (const { svc } of contexts) {
          const vars = { ...globalArgs, ...Object.fromEntries(Object.entries(svc.build.args || {}).map(([k, v]) => [k, String(v)])) };
          for (const src0 of sources) {
            const src = substitute(src0, vars).replace(/^\.\//, '').replace(/\/$/, '') || '.';
            copies.add(src);
            if (/^https?:\/\//.test(src)) continue;
            if (!p.check(!/\$/.test(src), `${where}:${i.line}: cannot resolve ${src0}`)) continue;
            if (/[*?[]/.test(src)) {
              const re = globToRegExp(src);
              const hits = walk(ROOT).map((f) => path.relative(ROOT, f)).filter((f) => re.test(f) && !ig.ignores(f));
              p.check(hits.length, `${where}:${i.line}: ${i.cmd} source ${src} matches nothing in the build context`);
            } else if (src !== '.') {
              p.check(exists(path.join(ROOT, src)), `${where}:${i.line}: ${i.cmd} source ${src} does not exist`);
              p.check(!ig.ignores(src), `${where}:${i.line}: ${i.cmd} source ${src} is excluded by .dockerignore`);
            }
          }
        }
      }
      if (st.name) stageNames.add(st.name);
    }
    // Runtime policy on the final stage
    const final = stages[stages.length - 1];
    const last = (cmd) => [...final.ins].reverse().find((i) => i.cmd === cmd);
    const user = last('USER');
    p.check(user && !/^(root|0)(:|$)/.test(user.args), `${where}: final stage must switch to a non-root USER`);
    const hc = last('HEALTHCHECK');
    p.check(hc && !/^NONE$/i.test(hc.args), `${where}: final stage needs a HEALTHCHECK`);
    p.check(last('EXPOSE'), `${where}: final stage should EXPOSE the service port`);
    const entry = last('ENTRYPOINT') || last('CMD');
    p.check(entry && entry.args.startsWith('['), `${where}: ENTRYPOINT/CMD must use the exec (JSON) form so the JVM gets SIGTERM`);
    if (/temurin|openjdk|jre|jdk/.test(final.image)) {
      p.check(entry && entry.args.includes('--enable-native-access=ALL-UNNAMED'), `${where}: java launcher needs --enable-native-access=ALL-UNNAMED`);
      p.check(/^eclipse-temurin:25(-|\.)[\w.-]*jre/.test(final.image), `${where}: runtime image should be eclipse-temurin:25-jre (is ${final.image})`);
      const build = stages.find((s) => s.ins.some((i) => i.cmd === 'RUN' && /\.\/mvnw\b/.test(i.args)));
      if (p.check(build, `${where}: no stage runs ./mvnw`)) {
        p.check(/^(eclipse-temurin:25(-|\.)[\w.-]*jdk|maven:)/.test(build.image), `${where}: build image should be eclipse-temurin:25-jdk or maven (is ${build.image})`);
        const run = build.ins.find((i) => i.cmd === 'RUN' && /\.\/mvnw\b/.test(i.args)).args;
        for (const flag of ['-B', '-pl', '-am', 'package', '-DskipTests']) p.check(run.split(/\s+/).includes(flag), `${where}: build should run ./mvnw ${flag}`);
        p.check(/-exec\.jar/.test(run), `${where}: build should pick the Spring Boot executable jar (<module>-<version>-exec.jar)`);
      }
      // The exec jar only exists when the module applies spring-boot-maven-plugin and the root pom
      // keeps classifier exec for the repackaged jar.
      p.check(/<classifier>exec<\/classifier>/.test(rootPom), 'pom.xml: spring-boot repackage no longer uses classifier exec; update the Dockerfile');
      for (const { name, svc } of users[abs] || []) {
        const module = svc.build.args?.MODULE;
        const pom = module && path.join(ROOT, module, 'pom.xml');
        if (pom && exists(pom)) p.check(/spring-boot-maven-plugin/.test(fs.readFileSync(pom, 'utf8')), `${module}/pom.xml does not apply spring-boot-maven-plugin: no exec jar for ${name}`);
        // The compose healthcheck runs a file the image must contain.
        const test = (svc.healthcheck?.test || []).slice(1).join(' ');
        const script = (/(\/app\/\S+)/.exec(test) || [])[1];
        if (script) {
          const copied = final.ins.some((i) => (i.cmd === 'COPY' || i.cmd === 'ADD') && splitFlags(i.args).rest.split(/\s+/).pop() === script);
          p.check(copied, `${where}: compose healthcheck of ${name} runs ${script}, which the final stage does not COPY`);
        }
      }
    }
  }
  p.finish(`${files.length} Dockerfile(s) x ${builds} service build(s): COPY sources (${[...copies].join(', ')}) exist and pass .dockerignore; non-root runtime with HEALTHCHECK`);
}

// ---------------------------------------------------------------------------------------------
// PromQL: tokenizer good enough to find metric names, selector labels and grouping labels.
// ---------------------------------------------------------------------------------------------
const PROMQL_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan', 'atan2', '@', 'start', 'end']);
function tokenize(expr) {
  const toks = [];
  const re = /\s+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|[A-Za-z_:][A-Za-z0-9_:]*|\d[\w.]*|=~|!~|!=|==|>=|<=|[{}()[\],=<>+\-*/%^@]/gy;
  let m;
  while (re.lastIndex < expr.length && (m = re.exec(expr))) {
    if (!/^\s+$/.test(m[0])) toks.push(m[0]);
  }
  if (re.lastIndex < expr.length) toks.push(expr.slice(re.lastIndex));
  return toks;
}
function analyse(expr) {
  const toks = tokenize(expr);
  const metrics = new Map(); // name -> Set(selector labels)
  const grouping = new Set();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const isIdent = /^[A-Za-z_:][A-Za-z0-9_:]*$/.test(t);
    if (t === '[') { while (i < toks.length && toks[i] !== ']') i++; continue; }
    if (isIdent && ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right'].includes(t) && toks[i + 1] === '(') {
      i += 2;
      while (i < toks.length && toks[i] !== ')') { if (/^[A-Za-z_]/.test(toks[i])) grouping.add(toks[i]); i++; }
      continue;
    }
    if (isIdent && toks[i + 1] === '(') continue; // function or aggregation
    if (isIdent && (toks[i + 1] === 'by' || toks[i + 1] === 'without')) continue; // sum by (...) (...)
    if (isIdent && PROMQL_KEYWORDS.has(t)) continue;
    if (isIdent || t === '{') {
      const name = isIdent ? t : '';
      const labels = metrics.get(name) || new Set();
      metrics.set(name, labels);
      if (isIdent && toks[i + 1] === '{') i++;
      if (toks[i] === '{') {
        i++;
        while (i < toks.length && toks[i] !== '}') {
          if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(toks[i]) && /^(=|!=|=~|!~)$/.test(toks[i + 1] || '')) labels.add(toks[i]);
          i++;
        }
      }
    }
  }
  return { metrics, grouping };
}
function readContract() {
  const contract = new Map();
  for (const line of fs.readFileSync(CONTRACT_FILE, 'utf8').split('\n')) {
    const l = line.replace(/#.*/, '').trim();
    if (!l) continue;
    const [name, kind, labels = ''] = l.split(/\s+/);
    contract.set(name, { kind, labels: labels === '*' ? null : new Set(labels ? labels.split(',') : []) });
  }
  return contract;
}
const COMMON_LABELS = new Set(['application', 'job', 'instance', 'service', '__name__']);
function lookupMetric(contract, name) {
  if (contract.has(name)) {
    const c = contract.get(name);
    return c.kind === 'timer' ? null : { base: name, ...c, extra: [] };
  }
  const m = /^(.*)_(count|sum|max|bucket)$/.exec(name);
  if (m && contract.get(m[1])?.kind === 'timer') return { base: m[1], ...contract.get(m[1]), extra: m[2] === 'bucket' ? ['le'] : [] };
  return null;
}
function checkExprAgainstContract(p, contract, expr, where, used) {
  const { metrics, grouping } = analyse(expr);
  const allowed = new Set(COMMON_LABELS);
  let open = false;
  for (const [name, labels] of metrics) {
    if (!name) { p.add(`${where}: selector without a metric name in ${expr}`); continue; }
    const c = lookupMetric(contract, name);
    if (!p.check(c, `${where}: metric ${name} is not in the metric contract (.ci/deploy-validation/metrics-contract.txt)`)) continue;
    used.add(c.base);
    if (!c.labels) { open = true; continue; }
    const ok = new Set([...COMMON_LABELS, ...c.labels, ...c.extra]);
    c.extra.forEach((l) => allowed.add(l));
    c.labels.forEach((l) => allowed.add(l));
    for (const l of labels) p.check(ok.has(l), `${where}: ${name} has no label ${l}`);
  }
  if (!open) for (const l of grouping) p.check(allowed.has(l), `${where}: grouping label ${l} does not exist on the metrics of this expression`);
}

// Grafana variables -> values promtool can parse.
function grafanaToPromql(expr) {
  return expr
    .replace(/\$\{?__(rate_interval|interval|range)(?::[a-z]+)?\}?/g, '5m')
    .replace(/\$\{?__(interval_ms|range_s|range_ms)\}?/g, '300')
    .replace(/\[\[([A-Za-z0-9_]+)(?::[a-z]+)?\]\]/g, '.*')
    .replace(/\$\{([A-Za-z0-9_]+)(?::[a-z]+)?\}/g, '.*')
    .replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, '.*');
}

// ---------------------------------------------------------------------------------------------
// grafana <promql-rules-out.json>: provisioning and dashboards; writes every PromQL expression of
// every dashboard as a recording rule so promtool parses it.
// ---------------------------------------------------------------------------------------------
function grafana(out) {
  const p = new Problems();
  const provDir = path.join(ROOT, 'deploy', 'grafana', 'provisioning');
  const compose = readYaml(COMPOSE_FILE);
  const graf = compose.services?.grafana || {};
  const dsUids = new Set();
  const providerPaths = [];
  const provFiles = walk(provDir).filter((f) => /\.ya?ml$/.test(f));
  p.check(provFiles.length, 'no Grafana provisioning files under deploy/grafana/provisioning');
  for (const f of provFiles) {
    let doc;
    try { doc = YAML.parse(fs.readFileSync(f, 'utf8'), { strict: true, uniqueKeys: true }); } catch (e) { p.add(`${rel(f)}: ${e.message}`); continue; }
    p.check(doc && doc.apiVersion === 1, `${rel(f)}: apiVersion: 1 expected`);
    const kind = path.basename(path.dirname(f));
    if (kind === 'datasources') {
      p.check(Array.isArray(doc.datasources) && doc.datasources.length, `${rel(f)}: datasources list expected`);
      for (const ds of doc.datasources || []) {
        for (const k of ['name', 'type', 'uid', 'url', 'access']) p.check(ds[k], `${rel(f)}: datasource ${ds.name} needs ${k}`);
        p.check(!dsUids.has(ds.uid), `${rel(f)}: duplicate datasource uid ${ds.uid}`);
        dsUids.add(ds.uid);
        if (ds.type === 'prometheus') {
          let u = null;
          try { u = new URL(ds.url); } catch { p.add(`${rel(f)}: datasource url ${ds.url} is not a URL`); }
          if (u) {
            const target = compose.services?.[u.hostname];
            p.check(target, `${rel(f)}: datasource host ${u.hostname} is not a compose service`);
            p.check(u.port === '9090' && u.hostname === 'prometheus', `${rel(f)}: datasource should point at http://prometheus:9090`);
          }
        }
      }
    } else if (kind === 'dashboards') {
      p.check(Array.isArray(doc.providers) && doc.providers.length, `${rel(f)}: providers list expected`);
      for (const pr of doc.providers || []) {
        p.check(pr.type === 'file' && pr.options?.path, `${rel(f)}: provider ${pr.name} should be type file with options.path`);
        if (pr.options?.path) providerPaths.push(pr.options.path);
      }
    } else {
      p.add(`${rel(f)}: unexpected provisioning directory ${kind}`);
    }
  }
  // Each provider path must be a mounted directory of the repository holding dashboards.
  const dashFiles = new Set();
  for (const pp of providerPaths) {
    const host = hostPathFor(graf, pp);
    if (!p.check(host && exists(host) && fs.statSync(host).isDirectory(), `dashboard provider path ${pp} is not a mounted repository directory`)) continue;
    const jsons = fs.readdirSync(host).filter((f) => f.endsWith('.json'));
    p.check(jsons.length, `dashboard provider path ${pp} (${rel(host)}) holds no .json dashboard`);
    jsons.forEach((j) => dashFiles.add(path.join(host, j)));
  }
  for (const f of walk(path.join(ROOT, 'deploy', 'grafana', 'dashboards')).filter((x) => x.endsWith('.json'))) {
    p.check(dashFiles.has(f), `${rel(f)} is not loaded by any dashboard provider`);
  }

  const contract = readContract();
  const used = new Set();
  const rules = [];
  const dashUids = new Set();
  let panelCount = 0;
  for (const f of dashFiles) {
    let d;
    try { d = JSON.parse(fs.readFileSync(f, 'utf8')); } catch (e) { p.add(`${rel(f)}: invalid JSON: ${e.message}`); continue; }
    const where = rel(f);
    p.check(d.uid && d.title, `${where}: uid and title are required`);
    p.check(!dashUids.has(d.uid), `${where}: duplicate dashboard uid ${d.uid}`);
    dashUids.add(d.uid);
    p.check(!('id' in d) || d.id === null, `${where}: remove the instance-specific "id" (provisioned dashboards are matched by uid)`);
    const vars = new Set((d.templating?.list || []).map((v) => v.name));
    const dsOk = (ds, w) => {
      if (!ds || typeof ds === 'string') return p.check(!ds || vars.has(ds.replace(/^\$\{?|\}$/g, '')), `${w}: datasource ${ds} unknown`);
      if (ds.uid === '-- Grafana --' || ds.type === 'grafana') return true;
      return p.check(dsUids.has(ds.uid) || /^\$/.test(ds.uid || ''), `${w}: datasource uid ${ds.uid} is not provisioned (${[...dsUids].join(', ')})`);
    };
    for (const v of d.templating?.list || []) {
      if (v.type !== 'query') continue;
      dsOk(v.datasource, `${where} variable ${v.name}`);
      const q = typeof v.query === 'string' ? v.query : v.query?.query;
      const m = /^label_values\((?:(.+),\s*)?([A-Za-z_][A-Za-z0-9_]*)\)$/.exec((q || '').trim());
      if (p.check(m, `${where} variable ${v.name}: only label_values(<selector>, <label>) queries are checked; got ${q}`) && m[1]) {
        rules.push({ record: `dashboard:variable_${v.name}`, expr: grafanaToPromql(m[1]) });
        checkExprAgainstContract(p, contract, grafanaToPromql(m[1]), `${where} variable ${v.name}`, used);
        const c = lookupMetric(contract, analyse(m[1]).metrics.keys().next().value || '');
        p.check(!c || !c.labels || c.labels.has(m[2]) || COMMON_LABELS.has(m[2]), `${where} variable ${v.name}: label ${m[2]} not in contract`);
      }
    }
    const ids = new Map();
    const boxes = [];
    const visit = (panel, parent) => {
      panelCount++;
      const w = `${where} panel ${panel.id} "${panel.title}"`;
      p.check(Number.isInteger(panel.id), `${where}: panel "${panel.title}" has no integer id`);
      p.check(!ids.has(panel.id), `${where}: panel id ${panel.id} is used by "${ids.get(panel.id)}" and "${panel.title}"`);
      ids.set(panel.id, panel.title);
      p.check(panel.title, `${where}: panel ${panel.id} has no title`);
      const g = panel.gridPos;
      if (p.check(g && [g.x, g.y, g.w, g.h].every(Number.isInteger), `${w}: gridPos {x,y,w,h} required`)) {
        p.check(g.x >= 0 && g.w >= 1 && g.x + g.w <= 24, `${w}: gridPos exceeds the 24-column grid`);
        for (const o of boxes) {
          if (g.x < o.g.x + o.g.w && o.g.x < g.x + g.w && g.y < o.g.y + o.g.h && o.g.y < g.y + g.h) p.add(`${w}: overlaps panel ${o.id}`);
        }
        boxes.push({ id: panel.id, g });
      }
      if (panel.type === 'row') { (panel.panels || []).forEach((c) => visit(c, panel)); return; }
      dsOk(panel.datasource, w);
      const targets = panel.targets || [];
      p.check(targets.length, `${w}: no queries`);
      const refIds = new Set();
      for (const t of targets) {
        p.check(t.refId && !refIds.has(t.refId), `${w}: missing or duplicate refId ${t.refId}`);
        refIds.add(t.refId);
        dsOk(t.datasource || panel.datasource, `${w} ${t.refId}`);
        if (!p.check(typeof t.expr === 'string' && t.expr.trim(), `${w} ${t.refId}: empty PromQL expression`)) continue;
        const expr = grafanaToPromql(t.expr);
        rules.push({ record: `dashboard:panel_${panel.id}_${t.refId}`, expr });
        checkExprAgainstContract(p, contract, expr, `${w} ${t.refId}`, used);
      }
    };
    (d.panels || []).forEach((panel) => visit(panel, null));
  }
  fs.writeFileSync(out, JSON.stringify({ groups: [{ name: 'grafana-dashboard-queries', rules }] }, null, 2));
  p.finish(`provisioning ok (${dsUids.size} datasource, ${providerPaths.length} provider); ${dashFiles.size} dashboard(s), ${panelCount} panels with unique ids, ${rules.length} PromQL queries extracted, ${used.size} contract metrics used`);
}

// ---------------------------------------------------------------------------------------------
// alerts-contract: metrics and labels in the alerting rules exist in the metric contract.
// ---------------------------------------------------------------------------------------------
function alertsContract() {
  const p = new Problems();
  const contract = readContract();
  const used = new Set();
  const file = path.join(ROOT, 'deploy', 'prometheus', 'alerts.yml');
  const doc = readYaml(file);
  let n = 0;
  for (const g of doc.groups || []) {
    for (const r of g.rules || []) {
      n++;
      const w = `alerts.yml ${r.alert || r.record}`;
      checkExprAgainstContract(p, contract, r.expr, w, used);
      if (r.alert) {
        p.check(['critical', 'warning', 'info'].includes(r.labels?.severity), `${w}: labels.severity critical|warning|info required`);
        p.check(r.annotations?.summary && r.annotations?.description, `${w}: summary and description annotations required`);
      }
    }
  }
  const dash = JSON.parse(fs.readFileSync(path.join(ROOT, 'deploy', 'grafana', 'dashboards', 'ringline.json'), 'utf8'));
  const dashText = JSON.stringify(dash);
  const unused = [...contract.keys()].filter((m) => !dashText.includes(m) && !used.has(m));
  p.check(!unused.length, `contract metrics shown nowhere (dashboard or alerts): ${unused.join(', ')}`);
  p.finish(`${n} alerting rules use ${used.size} contract metrics with existing labels; every contract metric is on the dashboard or alerted on`);
}

// ---------------------------------------------------------------------------------------------
// probe <script>: the image healthcheck script against a real local HTTP server.
// ---------------------------------------------------------------------------------------------
async function probe(script) {
  const p = new Problems();
  let mode = 200;
  const server = http.createServer((req, res) => {
    if (mode === 'hang') return; // never answer
    const ok = req.url === '/actuator/health/readiness';
    res.writeHead(ok ? mode : 404, { 'content-type': 'application/json' });
    res.end(ok && mode === 200 ? '{"status":"UP"}' : '{"status":"OUT_OF_SERVICE"}');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  const run = (env) => new Promise((resolve) => {
    const child = spawn('bash', [script], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.on('exit', (code) => { clearTimeout(timer); resolve(code); });
  });
  const cases = [
    ['UP (200)', () => { mode = 200; }, { SERVER_PORT: String(port) }, 0],
    // compose moves actuator to MANAGEMENT_SERVER_PORT; the service port then has no readiness endpoint
    ['UP on the management port', () => { mode = 200; }, { SERVER_PORT: '1', MANAGEMENT_SERVER_PORT: String(port) }, 0],
    ['OUT_OF_SERVICE (503)', () => { mode = 503; }, { SERVER_PORT: String(port) }, 1],
    ['wrong path (404)', () => { mode = 200; }, { SERVER_PORT: String(port), HEALTHCHECK_PATH: '/nope' }, 1],
    ['no answer within the timeout', () => { mode = 'hang'; }, { SERVER_PORT: String(port), HEALTHCHECK_TIMEOUT_SECONDS: '1' }, 1],
  ];
  for (const [name, setup, env, want] of cases) {
    setup();
    const code = await run(env);
    p.check(code === want, `healthcheck.sh, ${name}: exit ${code}, expected ${want}`);
  }
  server.closeAllConnections?.();
  await new Promise((r) => server.close(r));
  const code = await run({ SERVER_PORT: String(port) }); // nothing listens any more
  p.check(code === 1, `healthcheck.sh, connection refused: exit ${code}, expected 1`);
  p.finish(`healthcheck.sh: 200 -> healthy; 503, 404, timeout, refused -> unhealthy (${cases.length + 1} cases)`);
}

// ---------------------------------------------------------------------------------------------
// context <dir>: materialise the Docker build context (repository minus .dockerignore), so the
// image's Maven build can be rehearsed without a Docker engine (validate-deploy.sh --build).
// ---------------------------------------------------------------------------------------------
function context(dest) {
  const p = new Problems();
  const ig = toolsRequire('@balena/dockerignore')({ ignorecase: false }).add(fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n'));
  let n = 0;
  for (const f of walk(ROOT)) {
    const r = path.relative(ROOT, f);
    const st = fs.lstatSync(f);
    if (st.isDirectory() || ig.ignores(r)) continue;
    fs.mkdirSync(path.join(dest, path.dirname(r)), { recursive: true });
    fs.copyFileSync(f, path.join(dest, r));
    fs.chmodSync(path.join(dest, r), st.mode);
    n++;
  }
  p.check(n > 0, 'empty build context');
  p.finish(`build context: ${n} files after .dockerignore`);
}

// ---------------------------------------------------------------------------------------------
// runtime-smoke <service> <exec-jar> <java>: start a service jar the way its image does (the
// Dockerfile's ENTRYPOINT, the compose environment, the image's healthcheck script), wait until the
// probe says healthy, check the Prometheus endpoint, then SIGTERM and expect a clean exit. Only for
// services that need no Kafka/PostgreSQL (the provider sandbox). Used by validate-deploy.sh --build.
// ---------------------------------------------------------------------------------------------
async function runtimeSmoke(service, jar, java) {
  const p = new Problems();
  const doc = readYaml(COMPOSE_FILE);
  const svc = doc.services[service];
  const df = path.resolve(ROOT, svc.build.context || '.', svc.build.dockerfile || 'Dockerfile');
  const ins = parseDockerfile(fs.readFileSync(df, 'utf8'));
  const entry = JSON.parse([...ins].reverse().find((i) => i.cmd === 'ENTRYPOINT').args);
  const argv = entry.map((a) => (a === 'java' ? java : a === '/app/app.jar' ? jar : a));
  const port = await new Promise((resolve) => { const s = http.createServer().listen(0, '127.0.0.1', () => { const n = s.address().port; s.close(() => resolve(n)); }); });
  const env = { PATH: process.env.PATH, ...envMap(svc.environment), SERVER_PORT: String(port) };
  const started = Date.now();
  const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: path.dirname(jar) });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const probeOnce = () => new Promise((resolve) => {
    const c = spawn('bash', [path.join(ROOT, 'deploy', 'docker', 'healthcheck.sh')], { env: { PATH: process.env.PATH, SERVER_PORT: String(port) }, stdio: 'ignore' });
    c.on('exit', (code) => resolve(code === 0));
  });
  const startPeriod = 90000;
  let healthy = false;
  while (!healthy && !exited && Date.now() - started < startPeriod) {
    await new Promise((r) => setTimeout(r, 1000));
    healthy = await probeOnce();
  }
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (p.check(healthy, `${service} did not become healthy within 90 s (exited: ${JSON.stringify(exited)})\n${log.slice(-2000)}`)) {
    const metrics = await new Promise((resolve) => {
      http.get(`http://127.0.0.1:${port}/actuator/prometheus`, (res) => { let b = ''; res.on('data', (d) => { b += d; }); res.on('end', () => resolve(b)); })
        .on('error', () => resolve(''));
    });
    p.check(/^jvm_memory_used_bytes\{[^}]*application="/m.test(metrics), `${service}: /actuator/prometheus has no jvm_memory_used_bytes with an application label`);
  }
  const stopStart = Date.now();
  if (!exited) child.kill('SIGTERM');
  while (!exited && Date.now() - stopStart < 30000) await new Promise((r) => setTimeout(r, 200));
  if (!exited) child.kill('SIGKILL');
  p.check(exited && (exited.code === 0 || exited.code === 143 || exited.signal === 'SIGTERM'), `${service}: did not stop cleanly on SIGTERM within 30 s (${JSON.stringify(exited)})`);
  p.check(!/WARNING: .*native access|Restricted methods will be blocked/i.test(log), `${service}: JDK native-access warnings despite --enable-native-access`);
  p.finish(`${service} started with the image ENTRYPOINT and compose env: healthy after ${secs}s via healthcheck.sh, metrics labelled, clean SIGTERM stop`);
}

// ---------------------------------------------------------------------------------------------
const [cmd, ...args] = process.argv.slice(2);
const commands = {
  'compose-resolve': () => composeResolve(args[0]),
  'compose-contract': composeContract,
  dockerfiles: () => dockerfiles(args),
  grafana: () => grafana(args[0]),
  'alerts-contract': alertsContract,
  probe: () => probe(args[0]),
  context: () => context(args[0]),
  'runtime-smoke': () => runtimeSmoke(args[0], args[1], args[2]),
};
if (!commands[cmd]) {
  console.error(`usage: check-deploy.cjs ${Object.keys(commands).join('|')} [args]`);
  process.exit(2);
}
Promise.resolve()
  .then(commands[cmd])
  .catch((e) => { console.log(`  - ${e.stack || e}`); process.exit(1); });
