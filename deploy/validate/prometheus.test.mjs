// The Prometheus files through promtool: the alert rules parse and their unit tests (alerts.test.yml) pass, and
// the scrape configuration is valid and loads the rules.
import { describe, expect, it } from 'vitest';
import { observabilityDir } from './files.mjs';
import { promtool } from './promtool.mjs';

describe('Prometheus rules and configuration', () => {
  it('the alert rules pass promtool check rules', () => {
    expect(promtool(['check', 'rules', 'alerts.yml'], observabilityDir)).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('the alert rules pass their unit tests (promtool test rules)', () => {
    expect(promtool(['test', 'rules', 'alerts.test.yml'], observabilityDir)).toMatch(/SUCCESS/);
  });

  it('the scrape configuration passes promtool check config', () => {
    expect(promtool(['check', 'config', 'prometheus.yml'], observabilityDir)).toMatch(/is valid prometheus config file syntax/);
  });
});
