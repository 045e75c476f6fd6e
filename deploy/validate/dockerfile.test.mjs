// deploy/docker/Dockerfile through the Dockerfile language service's validator (dockerfile-utils) and its parser
// (dockerfile-ast): multi-stage, the runtime stages non-root with a health check.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { deployDir, read } from './files.mjs';

const text = read(join(deployDir, 'docker', 'Dockerfile'));
const dockerfile = DockerfileParser.parse(text);
const stages = dockerfile.getFROMs().map((from) => ({ name: from.getBuildStage(), image: from.getImageName() }));

describe('Dockerfile', () => {
  it('has no errors or warnings from the Dockerfile validator', () => {
    const problems = validate(text).filter((p) => p.severity !== ValidationSeverity.INFO && p.severity !== 3);
    expect(problems.map((p) => `${p.range.start.line + 1}: ${p.message}`)).toEqual([]);
  });

  it('builds in stages and ends in the api and silo images', () => {
    expect(stages.map((s) => s.name)).toEqual(expect.arrayContaining(['widget', 'build', 'dashboard', 'runtime', 'silo', 'api']));
    expect(stages.find((s) => s.name === 'silo').image).toBe('runtime');
    expect(stages.find((s) => s.name === 'api').image).toBe('runtime');
  });

  it('the runtime stage drops root and checks the process\'s health', () => {
    const runtimeStart = dockerfile.getFROMs().find((from) => from.getBuildStage() === 'runtime').getRange().start.line;
    const runtime = dockerfile.getInstructions().filter((i) => i.getRange().start.line > runtimeStart);
    const user = runtime.find((i) => i.getKeyword() === 'USER');
    expect(user?.getArgumentsContent()).toBe('$APP_UID');
    const health = runtime.find((i) => i.getKeyword() === 'HEALTHCHECK');
    expect(health?.getArgumentsContent()).toMatch(/\/health\/live/);
    expect(runtime.some((i) => i.getKeyword() === 'USER' && /^(root|0)$/.test(i.getArgumentsContent()))).toBe(false);
  });
});
