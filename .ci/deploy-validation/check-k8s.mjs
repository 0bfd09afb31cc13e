#!/usr/bin/env node
// Static validation of the Kubernetes base in deploy/k8s, without a cluster, kubectl or kustomize:
//
//   1. render   kustomization.yaml as kustomize would: its `resources` (files, in order) with its `namespace` set on
//               every namespaced object. Any other kustomization field is refused (this renderer does not
//               implement it, so it must not pretend to).
//   2. schema   every document through the model of its apiVersion/kind in kubernetes-models (ajv validators
//               compiled from the Kubernetes OpenAPI schema): required fields, types, formats, enums. An
//               apiVersion/kind with no model fails.
//   3. strict   what kubeconform's -strict adds: no unknown field anywhere. The compiled validators do not check
//               additional properties, so each document is type-checked by the TypeScript compiler as an object
//               literal of the model's interface (I<Kind>); excess-property checking rejects unknown fields at
//               every depth, and types are checked a second time.
//   4. policy   Ringline's own rules (below, `policy`), cross-checked against docker-compose.yml (environment
//               contract), schemas' Topics.java (partition counts), docs/topics.md (who consumes what) and
//               deploy/README.md (the keys of the Secret it tells you to create).
//
//   node check-k8s.mjs manifests            validate deploy/k8s
//   node check-k8s.mjs negative <dir>       every case in <dir> (one mistake each) must be rejected, for its reason
//
// Needs RINGLINE_ROOT and DEPLOY_TOOLS_NODE_MODULES (kubernetes-models, typescript, yaml), as check-deploy.cjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(process.env.RINGLINE_ROOT || path.join(HERE, '..', '..'));
const NM = path.resolve(process.env.DEPLOY_TOOLS_NODE_MODULES || path.join(ROOT, 'node_modules'));
const toolsRequire = createRequire(path.join(NM, 'noop.js'));
const YAML = toolsRequire('yaml');
const ts = toolsRequire('typescript');
const K8S_DIR = path.join(ROOT, 'deploy', 'k8s');
const rel = (p) => path.relative(ROOT, p);

// ---------------------------------------------------------------------------------------------
// The contract (deploy/README.md, docker-compose.yml): ports per service, what is public.
// ---------------------------------------------------------------------------------------------
const SERVICES = {
  'api-gateway': { port: 8080, management: 9080, publicPorts: [8080] },
  'call-signaling-service': { port: 8081, management: 9081, publicPorts: [] },
  'media-bridge-service': { port: 8082, management: 9082, publicPorts: [8084] },
  'webhook-fanout-service': { port: 8083, management: 9083, publicPorts: [] },
};
const GATEWAY = 'api-gateway';
const NAME_LABEL = 'app.kubernetes.io/name';
const SECRET_NAME = 'ringline-secrets';
const SECRET_VAR = /TOKEN|PASSWORD|CRYPTO_KEY/;
// External in Kubernetes (not the compose service names): the ConfigMap names them.
const EXTERNAL_ADDRESSES = new Set(['RINGLINE_KAFKA_BOOTSTRAP', 'RINGLINE_DB_HOST']);
// Set here and not in compose (Spring Boot's defaults there), because the grace period is sized from them.
const K8S_ONLY_ENV = new Set(['SERVER_SHUTDOWN', 'SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE']);
const HEAP_BUDGET = 256 * 2 ** 20;
const MIN_NON_HEAP = 192 * 2 ** 20;
const LAG_METRIC = 'kafka_consumergroup_lag';
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass',
  'PriorityClass', 'CustomResourceDefinition', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);

// ---------------------------------------------------------------------------------------------
// 1. Render
// ---------------------------------------------------------------------------------------------
function parseAll(file, text) {
  const docs = [];
  for (const d of YAML.parseAllDocuments(text)) {
    if (d.errors.length) throw new Error(`${rel(file)}: ${d.errors.map((e) => e.message).join('; ')}`);
    const v = d.toJS();
    if (v !== null && v !== undefined) docs.push(v);
  }
  return docs;
}

function render(dir) {
  const problems = [];
  const kfile = path.join(dir, 'kustomization.yaml');
  const k = YAML.parse(fs.readFileSync(kfile, 'utf8'));
  for (const key of Object.keys(k)) {
    if (!['apiVersion', 'kind', 'namespace', 'resources'].includes(key)) {
      problems.push(`${rel(kfile)}: field "${key}" is not implemented by this renderer; keep the base to resources + namespace (put the rest in an overlay)`);
    }
  }
  if (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization') problems.push(`${rel(kfile)}: not a kustomize.config.k8s.io/v1beta1 Kustomization`);
  const docs = [];
  const listed = new Set();
  for (const r of k.resources || []) {
    const f = path.join(dir, r);
    if (!fs.existsSync(f) || !fs.statSync(f).isFile()) { problems.push(`${rel(kfile)}: resource ${r} is not a file of the base`); continue; }
    listed.add(path.basename(f));
    parseAll(f, fs.readFileSync(f, 'utf8')).forEach((doc, i) => {
      if (k.namespace && doc && typeof doc === 'object' && !CLUSTER_SCOPED.has(doc.kind)) {
        doc.metadata = doc.metadata || {};
        if (doc.metadata.namespace && doc.metadata.namespace !== k.namespace) {
          problems.push(`${rel(f)}#${i + 1}: namespace ${doc.metadata.namespace}, the kustomization sets ${k.namespace}`);
        }
        doc.metadata.namespace = k.namespace;
      }
      docs.push({ doc, where: `${rel(f)}#${i + 1}` });
    });
  }
  for (const f of fs.readdirSync(dir)) {
    if (/\.ya?ml$/.test(f) && f !== 'kustomization.yaml' && !listed.has(f)) problems.push(`${rel(path.join(dir, f))}: not listed in kustomization.yaml (nothing unapplied in the base)`);
  }
  return { docs, namespace: k.namespace, problems };
}

// ---------------------------------------------------------------------------------------------
// 2. Schema (kubernetes-models)
// ---------------------------------------------------------------------------------------------
function modelPath(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[A-Za-z0-9]+$/.test(kind)) return null;
  const parts = apiVersion.split('/');
  if (parts.length > 2 || parts.some((p) => !/^[a-z0-9.]+$/.test(p))) return null;
  return `${parts.join('/')}/${kind}`;
}

const modelCache = new Map();
async function modelFor(apiVersion, kind) {
  const key = `${apiVersion} ${kind}`;
  if (modelCache.has(key)) return modelCache.get(key);
  let model = null;
  const mp = modelPath(apiVersion, kind);
  const file = mp && path.join(NM, 'kubernetes-models', `${mp}.js`);
  if (file && fs.existsSync(file)) {
    const mod = await import(pathToFileURL(file).href);
    const cls = mod[kind];
    // A nested type (DeploymentSpec…) has a file too, but no apiVersion/kind of its own.
    if (cls && cls.apiVersion === apiVersion && cls.kind === kind) model = { cls, mp };
  }
  modelCache.set(key, model);
  return model;
}

async function schemaCheck(entries) {
  const problems = [];
  for (const e of entries) {
    const { doc, where } = e;
    const id = `${where} ${doc?.kind}/${doc?.metadata?.name}`;
    const model = await modelFor(doc?.apiVersion, doc?.kind);
    if (!model) { problems.push(`${id}: unknown apiVersion/kind ${doc?.apiVersion}/${doc?.kind} (no Kubernetes model for it)`); continue; }
    e.model = model;
    try {
      new model.cls(structuredClone(doc)).validate();
    } catch (err) {
      const errs = err.errors || err.details || [];
      if (errs.length) errs.forEach((x) => problems.push(`${id}: schema: ${x.instancePath || '/'} ${x.message}${x.params?.allowedValues ? ` (${x.params.allowedValues.join(', ')})` : ''}${x.params?.missingProperty ? ` (${x.params.missingProperty})` : ''}`));
      else problems.push(`${id}: schema: ${err.message}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// 3. Strict: TypeScript excess-property and type checking against the models' interfaces
// ---------------------------------------------------------------------------------------------
// One compiler run for many document sets (the base and every negative case): returns problems per set.
function strictCheck(sets) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ringline-k8s-strict-'));
  try {
    fs.symlinkSync(NM, path.join(dir, 'node_modules'), 'dir');
    const owner = new Map();
    const files = [];
    sets.forEach((entries, s) => entries.forEach((e, i) => {
      if (!e.model) return; // already reported by the schema check
      const f = path.join(dir, `s${s}-d${i}.mts`);
      fs.writeFileSync(f, `import type { I${e.doc.kind} } from "kubernetes-models/${e.model.mp}";\n`
        + `const doc: I${e.doc.kind} = ${JSON.stringify(e.doc, null, 1)};\nexport default doc;\n`);
      owner.set(f, { s, e });
      files.push(f);
    }));
    const program = ts.createProgram(files, {
      strict: true, noEmit: true, skipLibCheck: true, types: [],
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
    });
    const out = sets.map(() => []);
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const o = d.file && owner.get(path.resolve(d.file.fileName));
      const msg = ts.flattenDiagnosticMessageText(d.messageText, ' ');
      if (!o) { sets.forEach((_, s) => out[s].push(`strict: compiler: ${msg}`)); continue; }
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      const text = d.file.text.split('\n')[line].trim();
      out[o.s].push(`${o.e.where} ${o.e.doc.kind}/${o.e.doc.metadata?.name}: strict: ${msg} [at ${text}]`);
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Policy
// ---------------------------------------------------------------------------------------------
function parseQuantity(q) {
  const m = /^([0-9.]+)(Ki|Mi|Gi|Ti|k|M|G|T|m)?$/.exec(String(q));
  if (!m) return NaN;
  const mult = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12, m: 1e-3 }[m[2]] ?? 1;
  return Number(m[1]) * mult;
}
function parseDuration(s) {
  const m = /^(\d+)(ms|s|m)?$/.exec(String(s));
  if (!m) return NaN;
  return Number(m[1]) * ({ ms: 0.001, s: 1, m: 60 }[m[2] || 'ms'] ?? 1);
}
function selects(selector, labels) {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels || {})) if (labels?.[k] !== v) return false;
  for (const x of selector.matchExpressions || []) {
    const has = labels && Object.prototype.hasOwnProperty.call(labels, x.key);
    if (x.operator === 'In' && !(has && x.values.includes(labels[x.key]))) return false;
    if (x.operator === 'NotIn' && has && x.values.includes(labels[x.key])) return false;
    if (x.operator === 'Exists' && !has) return false;
    if (x.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}
const isEmptySelector = (s) => s && !Object.keys(s.matchLabels || {}).length && !(s.matchExpressions || []).length;

// Topics.java: name → partitions. docs/topics.md: which services consume a topic in their shared group.
function topicContract() {
  const java = fs.readFileSync(path.join(ROOT, 'schemas/src/main/java/io/ringline/schemas/Topics.java'), 'utf8');
  const partitions = {};
  for (const m of java.matchAll(/new Topic<>\(\s*"([^"]+)"\s*,\s*\w+\.class\s*,\s*"\w+"\s*,\s*(\d+)\s*\)/g)) partitions[m[1]] = Number(m[2]);
  const consumers = {};
  const md = fs.readFileSync(path.join(ROOT, 'docs/topics.md'), 'utf8');
  for (const line of md.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const topic = /^`([^`]+)`$/.exec(cells[1] || '')?.[1];
    if (!topic || !(topic in partitions)) continue;
    for (const svc of Object.keys(SERVICES)) {
      // "api-gateway (each instance)": a group per instance, not a shared group that lag can scale.
      const m = new RegExp(`${svc}(\\s*\\(each instance\\))?`).exec(cells[3] || '');
      if (m && !m[1]) (consumers[svc] ||= []).push(topic);
    }
  }
  if (!Object.keys(partitions).length || !Object.keys(consumers).length) throw new Error('could not read the topic contract from Topics.java / docs/topics.md');
  return { partitions, consumers };
}

// deploy/README.md: the keys of `kubectl create secret generic ringline-secrets --from-literal=KEY=…`.
function documentedSecretKeys() {
  const md = fs.readFileSync(path.join(ROOT, 'deploy/README.md'), 'utf8');
  const i = md.indexOf(`create secret generic ${SECRET_NAME}`);
  if (i < 0) return null;
  const block = md.slice(i, md.indexOf('```', i));
  const keys = new Set([...block.matchAll(/--from-literal=([A-Z0-9_]+)=/g)].map((m) => m[1]));
  // Optional keys (key rotation) are not in the command, but the README must tell how to add them.
  keys.mentioned = (key) => md.includes(`\`${key}\``);
  return keys;
}

// docker-compose.yml as written: per service, variable → { literal } | { secret, required }.
function composeEnv() {
  const d = YAML.parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
  const out = {};
  for (const svc of Object.keys(SERVICES)) {
    const env = {};
    for (const [k, v] of Object.entries(d.services[svc].environment)) {
      const s = String(v);
      if (!s.includes('${')) env[k] = { literal: s };
      else env[k] = { interpolated: true, required: /\$\{[A-Z0-9_]+:\?/.test(s) };
    }
    out[svc] = env;
  }
  return out;
}

// What the apiserver validates beyond the OpenAPI schema (which has no patterns for these), for the names we use.
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9](-?[a-z0-9])*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
function apiserverNames(docs) {
  const p = [];
  for (const d of docs) {
    const id = `${d?.kind}/${d?.metadata?.name}`;
    const name = d?.metadata?.name;
    if (typeof name !== 'string' || name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) p.push(`${id}: metadata.name is not a DNS-1123 subdomain`);
    else if (['Service', 'Namespace'].includes(d.kind) && (name.length > 63 || !DNS1035_LABEL.test(name))) p.push(`${id}: a ${d.kind} name must be a DNS-1035 label (≤ 63, starts with a letter)`);
    const labelMaps = [d?.metadata?.labels, d?.spec?.template?.metadata?.labels, d?.spec?.selector?.matchLabels];
    for (const m of labelMaps) for (const [k, v] of Object.entries(m || {})) {
      if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) p.push(`${id}: label ${k}=${v} is not a valid label value`);
    }
    const ports = [...(d?.spec?.ports || []), ...(d?.spec?.template?.spec?.containers || []).flatMap((c) => c.ports || [])];
    for (const port of ports) if (port.name !== undefined && (port.name.length > 15 || !IANA_SVC_NAME.test(port.name))) p.push(`${id}: port name ${port.name} is not an IANA service name (≤ 15 characters, lower case, a letter)`);
    for (const c of d?.spec?.template?.spec?.containers || []) for (const pr of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const port = c[pr]?.httpGet?.port;
      if (typeof port === 'string' && !(c.ports || []).some((x) => x.name === port)) p.push(`${id}: ${pr} names port ${port}, which container ${c.name} does not declare`);
    }
  }
  return p;
}

function policy(entries, namespace) {
  const p = [];
  const docs = entries.map((e) => e.doc);
  const of = (kind) => docs.filter((d) => d?.kind === kind);
  const idOf = (d) => `${d.kind}/${d.metadata?.name}`;
  const seen = new Set();
  for (const d of docs) {
    const id = `${d?.kind} ${d?.metadata?.namespace || ''} ${d?.metadata?.name}`;
    if (seen.has(id)) p.push(`${idOf(d)}: defined twice`);
    seen.add(id);
    if (!CLUSTER_SCOPED.has(d?.kind) && d?.metadata?.namespace !== namespace) p.push(`${idOf(d)}: not in namespace ${namespace}`);
  }
  p.push(...apiserverNames(docs));
  const configMaps = Object.fromEntries(of('ConfigMap').map((c) => [c.metadata.name, c.data || {}]));
  const { partitions, consumers } = topicContract();
  const compose = composeEnv();
  const secretKeys = documentedSecretKeys();
  if (!secretKeys) p.push(`deploy/README.md: no "kubectl -n … create secret generic ${SECRET_NAME} --from-literal=…" command`);

  // Secrets: never in the manifests.
  for (const s of of('Secret')) {
    if (Object.keys(s.data || {}).length || Object.keys(s.stringData || {}).length) p.push(`${idOf(s)}: a Secret with data in the manifests; secret values never go in this directory (create ${SECRET_NAME} with kubectl, deploy/README.md)`);
  }
  for (const c of of('ConfigMap')) {
    for (const k of Object.keys(c.data || {})) if (SECRET_VAR.test(k)) p.push(`${idOf(c)}: ${k} looks like a secret; it belongs in ${SECRET_NAME}, not a ConfigMap`);
  }

  const deployments = of('Deployment');
  for (const svc of Object.keys(SERVICES)) if (!deployments.some((d) => d.metadata.name === svc)) p.push(`Deployment/${svc}: missing`);
  const hpas = of('HorizontalPodAutoscaler');
  const pdbs = of('PodDisruptionBudget');
  const phase = parseDuration(configMaps['ringline-platform']?.SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE ?? '30s');

  for (const dep of deployments) {
    const name = dep.metadata.name;
    const svc = SERVICES[name];
    const id = idOf(dep);
    const tpl = dep.spec?.template || {};
    const labels = tpl.metadata?.labels || {};
    const pod = tpl.spec || {};
    if (!svc) { p.push(`${id}: not a Ringline service (${Object.keys(SERVICES).join(', ')})`); continue; }
    if (!selects(dep.spec?.selector, labels)) p.push(`${id}: selector does not match the pod template's labels`);
    if (labels[NAME_LABEL] !== name) p.push(`${id}: pod label ${NAME_LABEL} must be ${name} (NetworkPolicies and PDBs select by it)`);
    if (pod.automountServiceAccountToken !== false) p.push(`${id}: automountServiceAccountToken must be false (the services never call the Kubernetes API)`);
    const psc = pod.securityContext || {};
    if (psc.runAsNonRoot !== true) p.push(`${id}: pod securityContext.runAsNonRoot must be true`);
    if (psc.runAsUser !== 10001) p.push(`${id}: pod securityContext.runAsUser must be 10001 (the image's user)`);
    if (!(pod.topologySpreadConstraints || []).some((t) => t.topologyKey === 'kubernetes.io/hostname' && selects(t.labelSelector, labels))) {
      p.push(`${id}: no topologySpreadConstraint over kubernetes.io/hostname selecting its pods`);
    }
    const tmpVolumes = new Set((pod.volumes || []).filter((v) => v.emptyDir).map((v) => v.name));
    const containers = pod.containers || [];
    if (containers.length !== 1) p.push(`${id}: expected exactly one container`);
    for (const c of containers) {
      const cid = `${id} container ${c.name}`;
      if (!/^[^:@]+(:[A-Za-z0-9_.-]+|@sha256:[0-9a-f]{64})$/.test(c.image || '') || /:latest$/.test(c.image)) p.push(`${cid}: image must carry a tag or digest, not latest (${c.image})`);
      // Environment: ConfigMaps first, then env (later wins, as in Kubernetes).
      const env = {};
      for (const ef of c.envFrom || []) {
        if (ef.secretRef) p.push(`${cid}: envFrom a Secret; name each secret variable (a service gets only the secrets it needs)`);
        if (ef.configMapRef) {
          const data = configMaps[ef.configMapRef.name];
          if (!data) p.push(`${cid}: envFrom ConfigMap ${ef.configMapRef.name}, which the base does not define`);
          for (const [k, v] of Object.entries(data || {})) env[k] = { value: String(v) };
        }
      }
      for (const e of c.env || []) {
        if (e.valueFrom?.secretKeyRef) env[e.name] = { secret: e.valueFrom.secretKeyRef };
        else if (e.valueFrom?.configMapKeyRef) env[e.name] = { value: configMaps[e.valueFrom.configMapKeyRef.name]?.[e.valueFrom.configMapKeyRef.key] };
        else env[e.name] = { value: e.value };
      }
      for (const [k, v] of Object.entries(env)) {
        if (SECRET_VAR.test(k) && !v.secret) p.push(`${cid}: ${k} must come from Secret ${SECRET_NAME} (secretKeyRef), never a literal or a ConfigMap`);
        if (v.secret) {
          if (v.secret.name !== SECRET_NAME) p.push(`${cid}: ${k} from Secret ${v.secret.name}; every secret is in ${SECRET_NAME}`);
          if (secretKeys && !v.secret.optional && !secretKeys.has(v.secret.key)) p.push(`${cid}: ${k} reads key ${v.secret.key}, which deploy/README.md's kubectl create secret command does not create`);
          if (secretKeys && v.secret.optional && !secretKeys.mentioned(v.secret.key)) p.push(`${cid}: optional secret key ${v.secret.key} is not documented in deploy/README.md`);
        }
      }
      // The same environment contract as docker-compose.yml.
      const want = compose[name];
      for (const [k, w] of Object.entries(want)) {
        const got = env[k];
        if (!got) { p.push(`${cid}: ${k} missing (docker-compose.yml sets it)`); continue; }
        if (w.literal !== undefined && !EXTERNAL_ADDRESSES.has(k) && got.value !== w.literal) p.push(`${cid}: ${k}=${got.value ?? '<secret>'}, docker-compose.yml says ${w.literal}`);
        if (got.secret && w.required === !!got.secret.optional) p.push(`${cid}: ${k} is ${w.required ? 'required' : 'optional'} in docker-compose.yml, so its secretKeyRef must ${w.required ? 'not ' : ''}be optional`);
      }
      for (const k of Object.keys(env)) if (!(k in want) && !K8S_ONLY_ENV.has(k)) p.push(`${cid}: ${k} is not in the service's environment contract (docker-compose.yml)`);
      const mgmt = Number(env.MANAGEMENT_SERVER_PORT?.value);
      const ports = c.ports || [];
      const portNamed = (ref) => (typeof ref === 'number' ? ports.find((x) => x.containerPort === ref) : ports.find((x) => x.name === ref));
      const expectPorts = [svc.port, svc.management, ...svc.publicPorts].sort();
      const gotPorts = ports.map((x) => x.containerPort).sort();
      if (JSON.stringify([...new Set(expectPorts)]) !== JSON.stringify(gotPorts)) p.push(`${cid}: container ports ${gotPorts} , expected ${[...new Set(expectPorts)]}`);
      if (mgmt !== svc.management) p.push(`${cid}: MANAGEMENT_SERVER_PORT must be ${svc.management}`);
      // Probes: HTTP on the management port, Spring Boot's probe groups.
      for (const [probe, pathWant] of [['startupProbe', /^\/actuator\/health\/(liveness|readiness)$/], ['livenessProbe', /^\/actuator\/health\/liveness$/], ['readinessProbe', /^\/actuator\/health\/readiness$/]]) {
        const pr = c[probe];
        if (!pr) { p.push(`${cid}: no ${probe}`); continue; }
        if (!pr.httpGet) { p.push(`${cid}: ${probe} must be an httpGet on the management port`); continue; }
        if (portNamed(pr.httpGet.port)?.containerPort !== svc.management) p.push(`${cid}: ${probe} must target the management port ${svc.management}, not ${pr.httpGet.port}`);
        if (!pathWant.test(pr.httpGet.path || '')) p.push(`${cid}: ${probe} path ${pr.httpGet.path} (want ${pathWant.source})`);
      }
      const startupBudget = (c.startupProbe?.periodSeconds ?? 10) * (c.startupProbe?.failureThreshold ?? 3);
      if (startupBudget < 60) p.push(`${cid}: startupProbe allows only ${startupBudget}s; a JVM with Flyway and Kafka needs about 90 s (compose start_period)`);
      // Resources and the memory budget (same rule as compose: 256 MiB heap, 192 MiB headroom).
      const r = c.resources || {};
      for (const k of ['cpu', 'memory']) if (r.requests?.[k] === undefined) p.push(`${cid}: resources.requests.${k} missing`);
      const limit = parseQuantity(r.limits?.memory);
      if (!limit) p.push(`${cid}: resources.limits.memory missing`);
      else {
        const pct = Number(/MaxRAMPercentage=([0-9.]+)/.exec(env.JAVA_TOOL_OPTIONS?.value || '')?.[1]);
        if (!pct) p.push(`${cid}: JAVA_TOOL_OPTIONS sets no -XX:MaxRAMPercentage`);
        else {
          const heap = (limit * pct) / 100;
          if (heap < HEAP_BUDGET) p.push(`${cid}: heap ${Math.round(heap / 2 ** 20)} MiB below the 256 MiB budget`);
          if (limit - heap < MIN_NON_HEAP) p.push(`${cid}: ${Math.round((limit - heap) / 2 ** 20)} MiB non-heap headroom, below 192 MiB`);
        }
      }
      // Hardening.
      const sc = c.securityContext || {};
      if (sc.readOnlyRootFilesystem !== true) p.push(`${cid}: securityContext.readOnlyRootFilesystem must be true`);
      if (sc.allowPrivilegeEscalation !== false) p.push(`${cid}: securityContext.allowPrivilegeEscalation must be false`);
      if (sc.privileged === true) p.push(`${cid}: privileged`);
      if (!(sc.capabilities?.drop || []).includes('ALL') || (sc.capabilities?.add || []).length) p.push(`${cid}: capabilities must drop ALL and add none`);
      if ((sc.seccompProfile || psc.seccompProfile)?.type !== 'RuntimeDefault') p.push(`${cid}: seccompProfile RuntimeDefault missing (pod or container)`);
      if (sc.runAsNonRoot === false || sc.runAsUser === 0) p.push(`${cid}: runs as root`);
      if (!(c.volumeMounts || []).some((m) => m.mountPath === '/tmp' && tmpVolumes.has(m.name))) p.push(`${cid}: /tmp must be an emptyDir (the JVM writes there; the root filesystem is read-only)`);
      // Graceful shutdown: endpoints drain during preStop, then Spring drains requests within one phase.
      const pre = c.lifecycle?.preStop;
      const preSeconds = pre?.sleep?.seconds ?? (pre?.exec?.command?.[0] === 'sleep' ? Number(pre.exec.command[1]) : undefined);
      if (!preSeconds || preSeconds < 5) p.push(`${cid}: preStop must pause (sleep ≥ 5 s) so endpoints are removed before the JVM stops accepting`);
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (env.SERVER_SHUTDOWN?.value !== 'graceful') p.push(`${cid}: SERVER_SHUTDOWN must be graceful`);
      if (preSeconds && grace < preSeconds + phase + 10) p.push(`${cid}: terminationGracePeriodSeconds ${grace} < preStop ${preSeconds}s + shutdown phase ${phase}s + 10s; the kubelet would SIGKILL mid-drain`);
    }

    // Disruption budget.
    const pdb = pdbs.filter((b) => selects(b.spec?.selector, labels));
    if (!pdb.length) p.push(`${id}: no PodDisruptionBudget selects its pods`);
    // Autoscaling.
    const hpa = hpas.find((h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef.name === name);
    if (!hpa) { p.push(`${id}: no HorizontalPodAutoscaler`); continue; }
    const hid = idOf(hpa);
    const min = hpa.spec.minReplicas ?? 1;
    if (min < 2) p.push(`${hid}: minReplicas ${min}; with one replica the PodDisruptionBudget cannot keep anything up`);
    for (const b of pdb) if (b.spec.minAvailable !== undefined && Number(b.spec.minAvailable) >= min) p.push(`${idOf(b)}: minAvailable ${b.spec.minAvailable} ≥ minReplicas ${min} blocks every voluntary eviction (node drains hang)`);
    const metrics = hpa.spec.metrics || [];
    const cpu = metrics.some((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
    if (cpu && containers.some((c) => c.resources?.requests?.cpu === undefined)) p.push(`${hid}: scales on CPU utilization but the container has no CPU request`);
    const topics = consumers[name] || [];
    if (!topics.length) {
      if (!cpu) p.push(`${hid}: ${name} consumes no topic in a shared group; scale it on CPU`);
      continue;
    }
    const cap = Math.min(...topics.map((t) => partitions[t]));
    if (hpa.spec.maxReplicas > cap) p.push(`${hid}: maxReplicas ${hpa.spec.maxReplicas} > ${cap} partitions of ${topics.join(', ')} (Topics.java); consumers beyond the partition count sit idle`);
    for (const t of topics) {
      const ok = metrics.some((m) => m.type === 'External' && m.external?.metric?.name === LAG_METRIC
        && m.external.metric.selector?.matchLabels?.consumergroup === name && m.external.metric.selector?.matchLabels?.topic === t
        && m.external.target?.type === 'AverageValue');
      if (!ok) p.push(`${hid}: no External ${LAG_METRIC}{consumergroup="${name}",topic="${t}"} AverageValue metric (it consumes ${t}; docs/topics.md)`);
    }
  }
  for (const h of hpas) {
    const t = h.spec?.scaleTargetRef;
    if (!deployments.some((d) => t?.kind === 'Deployment' && d.metadata.name === t.name)) p.push(`${idOf(h)}: scales ${t?.kind}/${t?.name}, which the base does not define`);
  }
  for (const b of pdbs) {
    if (isEmptySelector(b.spec?.selector)) p.push(`${idOf(b)}: selects every pod of the namespace`);
  }

  // Services: internal and management ports never leave the cluster.
  const podsByLabels = deployments.map((d) => ({ name: d.metadata.name, labels: d.spec?.template?.metadata?.labels || {}, containers: d.spec?.template?.spec?.containers || [] }));
  for (const s of of('Service')) {
    const sid = idOf(s);
    const targets = podsByLabels.filter((x) => s.spec?.selector && selects({ matchLabels: s.spec.selector }, x.labels));
    if (!targets.length) p.push(`${sid}: selects no Deployment's pods`);
    for (const port of s.spec?.ports || []) {
      for (const t of targets) {
        const svc = SERVICES[t.name];
        const cport = t.containers.flatMap((c) => c.ports || []).find((x) => (typeof port.targetPort === 'string' ? x.name === port.targetPort : x.containerPort === (port.targetPort ?? port.port)));
        if (!cport) { p.push(`${sid}: port ${port.port} targets ${port.targetPort}, which ${t.name} does not declare`); continue; }
        if (cport.containerPort === svc.management) p.push(`${sid}: exposes ${t.name}'s management port ${cport.containerPort}; Prometheus scrapes pods directly, no Service carries actuator`);
        const isPublic = svc.publicPorts.includes(cport.containerPort);
        if (!isPublic && ['LoadBalancer', 'NodePort'].includes(s.spec.type)) p.push(`${sid}: type ${s.spec.type} on ${t.name}'s internal port ${cport.containerPort} (/internal/**); internal ports are ClusterIP only`);
        if (!isPublic && s.spec.externalIPs?.length) p.push(`${sid}: externalIPs on an internal port`);
      }
    }
  }
  if (of('Ingress').length) p.push('Ingress: the base leaves public exposure to an overlay (hosts and TLS are cluster-specific)');

  // NetworkPolicy: who reaches which port.
  p.push(...networkPolicy(of('NetworkPolicy'), podsByLabels));
  return p;
}

function networkPolicy(policies, pods) {
  const p = [];
  const ingressPolicies = policies.filter((np) => (np.spec?.policyTypes || ['Ingress']).includes('Ingress'));
  if (!ingressPolicies.some((np) => isEmptySelector(np.spec?.podSelector) && !(np.spec.ingress || []).length)) {
    p.push('NetworkPolicy: no default-deny ingress policy (podSelector {} with no ingress rules); everything not listed would be open');
  }
  const gw = pods.find((x) => x.name === GATEWAY);
  const portMatches = (rulePorts, n) => !rulePorts || !rulePorts.length || rulePorts.some((rp) => rp.port === undefined
    || (typeof rp.port === 'number' && (rp.endPort ? n >= rp.port && n <= rp.endPort : n === rp.port)));
  for (const pod of pods) {
    const svc = SERVICES[pod.name];
    if (!svc) continue;
    const rules = ingressPolicies.filter((np) => selects(np.spec.podSelector, pod.labels))
      .flatMap((np) => (np.spec.ingress || []).map((rule) => ({ np, rule })));
    for (const n of [svc.port, svc.management, ...svc.publicPorts]) {
      if (svc.publicPorts.includes(n)) {
        if (!rules.some(({ rule }) => portMatches(rule.ports, n))) p.push(`NetworkPolicy: nothing allows ${pod.name}'s public port ${n}`);
        continue;
      }
      for (const { np, rule } of rules.filter(({ rule }) => portMatches(rule.ports, n))) {
        const where = `NetworkPolicy/${np.metadata.name} on ${pod.name}:${n}`;
        const peers = rule.from || [];
        if (!peers.length) { p.push(`${where}: allows every source; ${n === svc.management ? 'management ports only from Prometheus' : 'internal ports only from api-gateway'}`); continue; }
        for (const peer of peers) {
          if (peer.ipBlock) { p.push(`${where}: ipBlock peer; allow pods by label instead`); continue; }
          if (n === svc.management) {
            const ok = peer.namespaceSelector && !isEmptySelector(peer.namespaceSelector) && peer.podSelector && !isEmptySelector(peer.podSelector);
            if (!ok) p.push(`${where}: management port open to more than one namespace's Prometheus pods (peer needs both a namespaceSelector and a podSelector)`);
          } else {
            const ok = !peer.namespaceSelector && peer.podSelector && gw && selects(peer.podSelector, gw.labels)
              && pods.filter((x) => selects(peer.podSelector, x.labels)).every((x) => x.name === GATEWAY);
            if (!ok) p.push(`${where}: internal port reachable from other than api-gateway pods`);
          }
        }
      }
    }
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------
async function validate(entries, namespace, strictProblems) {
  const schema = await schemaCheck(entries);
  const strict = strictProblems ?? strictCheck([entries])[0];
  let pol = [];
  try {
    pol = policy(entries, namespace);
  } catch (err) {
    pol = [`policy: ${err.message}`];
  }
  return [...schema, ...strict, ...pol];
}

async function manifests() {
  const { docs, namespace, problems } = render(K8S_DIR);
  problems.push(...await validate(docs, namespace));
  if (problems.length) { problems.forEach((x) => console.log(x)); process.exit(1); }
  const kinds = {};
  docs.forEach((e) => { kinds[e.doc.kind] = (kinds[e.doc.kind] || 0) + 1; });
  const tsVersion = ts.version;
  const kmVersion = JSON.parse(fs.readFileSync(path.join(NM, 'kubernetes-models/package.json'), 'utf8')).version;
  console.log(`deploy/k8s: ${docs.length} objects (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')}) valid against kubernetes-models ${kmVersion} (Kubernetes 1.36 OpenAPI), strict (TypeScript ${tsVersion}, no unknown fields) and the Ringline policy`);
}

// A case: `expect` (text the rejection must contain) plus `remove` [{kind,name}], `patch` [{kind,name,op,path,value}]
// and/or `add` [documents], applied to the rendered base.
function pointer(pathStr) {
  return pathStr.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
function applyPatch(doc, { op, path: ptr, value }) {
  const keys = pointer(ptr);
  const last = keys.pop();
  let node = doc;
  for (const k of keys) {
    node = node?.[Array.isArray(node) ? Number(k) : k];
    if (node === undefined) throw new Error(`path ${ptr} does not exist`);
  }
  if (Array.isArray(node)) {
    const i = last === '-' ? node.length : Number(last);
    if (op === 'add') node.splice(i, 0, value);
    else if (op === 'replace') node[i] = value;
    else if (op === 'remove') node.splice(i, 1);
    else throw new Error(`unknown op ${op}`);
  } else {
    if (op !== 'add' && !(last in node)) throw new Error(`path ${ptr} does not exist`);
    if (op === 'remove') delete node[last];
    else if (op === 'add' || op === 'replace') node[last] = value;
    else throw new Error(`unknown op ${op}`);
  }
}

async function negative(dir) {
  const base = render(K8S_DIR);
  if (base.problems.length) { base.problems.forEach((x) => console.log(x)); process.exit(1); }
  const cases = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  if (!cases.length) { console.log(`${rel(dir)}: no cases`); process.exit(1); }
  const sets = [];
  const meta = [];
  for (const f of cases) {
    const file = path.join(dir, f);
    const c = YAML.parse(fs.readFileSync(file, 'utf8'));
    const entries = structuredClone(base.docs);
    const find = (kind, name) => {
      const i = entries.findIndex((e) => e.doc.kind === kind && e.doc.metadata?.name === name);
      if (i < 0) throw new Error(`${rel(file)}: no ${kind}/${name} in the base`);
      return i;
    };
    for (const r of c.remove || []) entries.splice(find(r.kind, r.name), 1);
    for (const pt of c.patch || []) applyPatch(entries[find(pt.kind, pt.name)].doc, pt);
    (c.add || []).forEach((d, i) => {
      if (d?.metadata && !CLUSTER_SCOPED.has(d.kind) && !d.metadata.namespace) d.metadata.namespace = base.namespace;
      entries.push({ doc: d, where: `${rel(file)}#add${i + 1}` });
    });
    if (typeof c.expect !== 'string' || !c.expect) throw new Error(`${rel(file)}: no expect`);
    sets.push(entries);
    meta.push({ file, expect: c.expect });
  }
  for (const entries of sets) await schemaCheck(entries); // attaches models for the strict run
  // One compiler run over what each case changed or added (the unchanged base documents pass: k8s/manifests).
  const unchanged = new Set(base.docs.map((e) => JSON.stringify(e.doc)));
  const strict = strictCheck(sets.map((entries) => entries.filter((e) => !unchanged.has(JSON.stringify(e.doc)))));
  const failures = [];
  for (let i = 0; i < sets.length; i++) {
    const problems = await validate(sets[i], base.namespace, strict[i]);
    const { file, expect } = meta[i];
    if (!problems.length) failures.push(`${rel(file)}: ACCEPTED, but it must be rejected (${expect})`);
    else if (!problems.some((x) => x.includes(expect))) failures.push(`${rel(file)}: rejected, but not for "${expect}":\n    ${problems.join('\n    ')}`);
  }
  if (failures.length) { failures.forEach((x) => console.log(x)); process.exit(1); }
  console.log(`${cases.length} broken variants of deploy/k8s in ${rel(dir)} each rejected for its own mistake`);
}

const [cmd, arg] = process.argv.slice(2);
try {
  if (cmd === 'manifests') await manifests();
  else if (cmd === 'negative') await negative(path.resolve(arg || path.join(HERE, 'k8s-bad')));
  else { console.error('usage: check-k8s.mjs manifests | negative [dir]'); process.exit(2); }
} catch (err) {
  console.log(err.stack || String(err));
  process.exit(1);
}
