// deploy/docker-compose.yml against the Compose specification's JSON schema, plus what the schema cannot see:
// references between services, and the load balancer in front of both API nodes.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { deployDir, read, yamlDocuments } from './files.mjs';

// dclint exports no subpaths: its schema and CLI are read from its folder.
const dclintDir = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', 'dclint');
const composePath = join(deployDir, 'docker-compose.yml');
const [compose] = yamlDocuments(composePath);
const services = compose.services;
const target = (service) => service.build?.target;
const longRunning = (image) => Object.entries(services).filter(([, s]) => target(s) === image && !s.command);

describe('docker-compose.yml', () => {
  it('matches the Compose specification (the schema dclint ships)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    // The schema names draft-07 by its https address, which Ajv knows as http: the meta-schema reference is dropped.
    const { $schema: _metaSchema, ...schema } = JSON.parse(readFileSync(join(dclintDir, 'schemas', 'compose.schema.json'), 'utf8'));
    const validate = ajv.compile(schema);
    validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  });

  it('passes dclint\'s rules (configured in package.json: only the key-ordering rules are off)', () => {
    const run = () => execFileSync(process.execPath, [join(dclintDir, 'bin', 'dclint.cjs'), composePath], { encoding: 'utf8', stdio: 'pipe' });
    expect(run).not.toThrow();
  });

  it('depends only on services it defines, on networks and volumes it declares', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(Object.keys(services), `${name} -> ${dependency}`).toContain(dependency);
      const networks = Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {});
      for (const network of networks) expect(Object.keys(compose.networks), `${name} network`).toContain(network);
      for (const volume of service.volumes ?? []) {
        const source = String(volume).split(':')[0];
        if (!source.startsWith('.')) expect(Object.keys(compose.volumes), `${name} volume`).toContain(source);
      }
    }
  });

  it('runs PostgreSQL, Redis, a migration, two silos and two API nodes behind one load balancer', () => {
    const silos = longRunning('silo');
    const apis = longRunning('api');
    expect(silos.length).toBe(2);
    expect(apis.length).toBe(2);
    expect(services.migrate.command).toEqual(['--migrate-only']);
    for (const [, api] of apis) {
      expect(api.environment.ChatSphere__Api__Mode).toBe('client');
      expect(api.ports ?? [], 'API nodes are reached through the load balancer only').toEqual([]);
    }
    const published = Object.entries(services).filter(([, s]) => (s.ports ?? []).length > 0).map(([name]) => name);
    expect(published).toEqual(['loadbalancer']);
  });

  it('the load balancer passes WebSockets to every API node', () => {
    const mount = services.loadbalancer.volumes.find((volume) => volume.endsWith(':/etc/nginx/nginx.conf:ro'));
    const config = read(join(deployDir, mount.split(':')[0]));
    expect(config).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(config).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    const upstreams = [...config.matchAll(/^\s*server (\w+):8080\b/gm)].map((match) => match[1]);
    const apis = longRunning('api').map(([name]) => name);
    expect(upstreams.sort()).toEqual(apis.sort());
    expect(config, 'no affinity').not.toMatch(/\b(ip_hash|sticky)\b/);
  });

  it('every long-running ChatSphere process has a health check that the others wait for', () => {
    for (const [name, service] of [...longRunning('silo'), ...longRunning('api')]) {
      expect(service.healthcheck?.test, name).toEqual(expect.arrayContaining([expect.stringMatching(/\/health\/ready$/)]));
    }
    expect(services.loadbalancer.depends_on).toMatchObject({ api1: { condition: 'service_healthy' }, api2: { condition: 'service_healthy' } });
  });
});
