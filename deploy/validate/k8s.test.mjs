// The Kubernetes manifests against the Kubernetes object schemas (kubernetes-models), plus the references between
// objects that a schema cannot see: selectors that select, targets that exist, what Orleans' Kubernetes hosting needs.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { k8sDir, yamlDocuments, yamlFiles } from './files.mjs';

const manifestFiles = yamlFiles(k8sDir).filter((name) => name !== 'kustomization.yaml');
const objects = manifestFiles.flatMap((file) => yamlDocuments(join(k8sDir, file)).map((object) => ({ file, object })));
const applied = objects.filter(({ file }) => file !== 'secret.example.yaml').map(({ object }) => object);

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
  const module = await import(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`);
  const Model = module[kind];
  if (!Model) throw new Error(`no schema for ${apiVersion} ${kind}`);
  return Model;
}

const ofKind = (kind) => applied.filter((object) => object.kind === kind);
const byName = (kind, name) => applied.find((object) => object.kind === kind && object.metadata.name === name);
const selects = (selector, labels) => Object.entries(selector).every(([key, value]) => labels?.[key] === value);

describe('Kubernetes manifests', () => {
  it('are found', () => {
    expect(manifestFiles).toEqual(expect.arrayContaining(['api.yaml', 'silo.yaml', 'rbac.yaml', 'migrate-job.yaml', 'configmap.yaml', 'network-policy.yaml']));
  });

  it.each(objects.map(({ file, object }) => [`${file}: ${object.kind} ${object.metadata?.name}`, object]))('%s matches its schema', async (_, object) => {
    const Model = await modelFor(object.apiVersion, object.kind);
    expect(() => new Model(object).validate()).not.toThrow();
  });

  it('kustomization applies every manifest but the example secret', () => {
    const [kustomization] = yamlDocuments(join(k8sDir, 'kustomization.yaml'));
    expect([...kustomization.resources].sort()).toEqual(manifestFiles.filter((name) => name !== 'secret.example.yaml').sort());
  });

  it('every Deployment selects its own pods, runs as non-root and has probes and resource requests', () => {
    for (const deployment of ofKind('Deployment')) {
      const pod = deployment.spec.template;
      expect(selects(deployment.spec.selector.matchLabels, pod.metadata.labels), deployment.metadata.name).toBe(true);
      expect(pod.spec.securityContext?.runAsNonRoot, deployment.metadata.name).toBe(true);
      for (const container of pod.spec.containers) {
        expect(container.readinessProbe, `${deployment.metadata.name}/${container.name} readiness`).toBeDefined();
        expect(container.livenessProbe, `${deployment.metadata.name}/${container.name} liveness`).toBeDefined();
        expect(container.resources?.requests, `${deployment.metadata.name}/${container.name} requests`).toBeDefined();
        expect(container.securityContext?.allowPrivilegeEscalation, `${deployment.metadata.name}/${container.name}`).toBe(false);
      }
    }
  });

  it('every Service, PodDisruptionBudget and NetworkPolicy selects the pods of a Deployment', () => {
    const podLabels = ofKind('Deployment').map((deployment) => deployment.spec.template.metadata.labels);
    const selectors = [
      ...ofKind('Service').map((service) => [`Service ${service.metadata.name}`, service.spec.selector]),
      ...ofKind('PodDisruptionBudget').map((pdb) => [`PDB ${pdb.metadata.name}`, pdb.spec.selector.matchLabels]),
      ...ofKind('NetworkPolicy').map((policy) => [`NetworkPolicy ${policy.metadata.name}`, policy.spec.podSelector.matchLabels]),
    ];
    for (const [name, selector] of selectors) {
      expect(podLabels.some((labels) => selects(selector, labels)), name).toBe(true);
    }
  });

  it('every autoscaler scales a Deployment that exists, and the Ingress routes to a Service port that exists', () => {
    for (const hpa of ofKind('HorizontalPodAutoscaler')) {
      expect(byName(hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name), hpa.metadata.name).toBeDefined();
    }
    for (const ingress of ofKind('Ingress')) {
      for (const path of ingress.spec.rules.flatMap((rule) => rule.http.paths)) {
        const service = byName('Service', path.backend.service.name);
        expect(service, path.backend.service.name).toBeDefined();
        expect(service.spec.ports.map((port) => port.name)).toContain(path.backend.service.port.name);
      }
    }
  });

  it('silos carry what Orleans\' Kubernetes hosting reads, with a service account allowed to watch pods', () => {
    const silo = byName('Deployment', 'chatsphere-silo').spec.template;
    expect(silo.metadata.labels).toMatchObject({ 'orleans/serviceId': expect.any(String), 'orleans/clusterId': expect.any(String) });
    const env = silo.spec.containers[0].env.map((variable) => variable.name);
    expect(env).toEqual(expect.arrayContaining(['POD_NAME', 'POD_NAMESPACE', 'POD_IP', 'ORLEANS_SERVICE_ID', 'ORLEANS_CLUSTER_ID', 'Orleans__KubernetesHosting']));
    const binding = ofKind('RoleBinding').find((b) => b.subjects.some((s) => s.kind === 'ServiceAccount' && s.name === silo.spec.serviceAccountName));
    expect(binding, 'a RoleBinding for the silo service account').toBeDefined();
    const role = byName('Role', binding.roleRef.name);
    const podRule = role.rules.find((rule) => rule.resources.includes('pods'));
    expect(podRule.verbs).toEqual(expect.arrayContaining(['get', 'list', 'watch', 'delete']));
  });

  it('the migration Job and every Deployment take their settings from the ConfigMap and Secret', () => {
    const workloads = [...ofKind('Deployment'), ...ofKind('Job')];
    for (const workload of workloads) {
      const sources = workload.spec.template.spec.containers[0].envFrom.map((from) => from.configMapRef?.name ?? from.secretRef?.name);
      expect(sources, workload.metadata.name).toEqual(['chatsphere', 'chatsphere']);
    }
    expect(byName('ConfigMap', 'chatsphere')).toBeDefined();
    expect(objects.find(({ object }) => object.kind === 'Secret' && object.metadata.name === 'chatsphere')).toBeDefined();
  });
});
