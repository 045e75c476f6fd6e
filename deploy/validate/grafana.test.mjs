// The Grafana dashboard: its JSON against the dashboard schema (schemas/grafana-dashboard.schema.json, checked by
// Ajv), a layout without overlaps, and every panel's PromQL parsed by promtool (as recording rules, the one
// PromQL check promtool offers).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { stringify } from 'yaml';
import { observabilityDir, read } from './files.mjs';
import { promtool } from './promtool.mjs';

const dashboardPath = join(observabilityDir, 'grafana', 'chatsphere-overview.json');
const dashboard = JSON.parse(read(dashboardPath));
const schema = JSON.parse(read(new URL('./schemas/grafana-dashboard.schema.json', import.meta.url)));

describe('Grafana dashboard', () => {
  it('matches the dashboard schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    validate(dashboard);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  });

  it('has unique panel ids and no two panels on the same grid cell', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const taken = new Map();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++) {
        for (let column = x; column < x + w; column++) {
          const key = `${row}:${column}`;
          expect(taken.get(key), `${panel.title} overlaps ${taken.get(key)}`).toBeUndefined();
          taken.set(key, panel.title);
        }
      }
    }
  });

  it('every query is valid PromQL', () => {
    const directory = mkdtempSync(join(tmpdir(), 'chatsphere-grafana-'));
    try {
      // Grafana's own interval variable is not PromQL: promtool reads it as the range it stands for.
      const rules = dashboard.panels.flatMap((panel) => panel.targets.map((target, index) => ({
        record: `chatsphere:panel_${panel.id}_${index}`,
        expr: target.expr.replaceAll('$__rate_interval', '5m'),
      })));
      const file = join(directory, 'panels.yml');
      writeFileSync(file, stringify({ groups: [{ name: 'dashboard-panels', rules }] }));
      expect(promtool(['check', 'rules', file])).toMatch(/SUCCESS: \d+ rules found/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
