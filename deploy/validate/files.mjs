// Where the deployment files live, and how to read them, for every check in this folder.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const deployDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const k8sDir = join(deployDir, 'k8s');
export const observabilityDir = join(deployDir, 'observability');

export function read(path) {
  return readFileSync(path, 'utf8');
}

/** Every YAML document of a file as plain objects; a syntax error fails with the file and line. */
export function yamlDocuments(path) {
  return parseAllDocuments(read(path), { merge: true })
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS({ maxAliasCount: -1 });
    })
    .filter((value) => value != null);
}

export function yamlFiles(dir) {
  return readdirSync(dir).filter((name) => name.endsWith('.yaml') || name.endsWith('.yml')).sort();
}
