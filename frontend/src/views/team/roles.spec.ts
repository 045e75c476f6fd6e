import { describe, expect, it } from 'vitest';
import { assignableRoles, mayManage } from './roles';

describe('team roles', () => {
  it('offers admin only to the owner', () => {
    expect(assignableRoles('owner')).toEqual(['admin', 'editor', 'agent', 'viewer']);
    expect(assignableRoles('admin')).toEqual(['editor', 'agent', 'viewer']);
    expect(assignableRoles('agent')).toEqual([]);
    expect(assignableRoles('editor')).toEqual([]);
  });

  it('never offers to change the owner or oneself; admins only by the owner', () => {
    expect(mayManage('owner', 'admin', false)).toBe(true);
    expect(mayManage('admin', 'admin', false)).toBe(false);
    expect(mayManage('admin', 'editor', false)).toBe(true);
    expect(mayManage('owner', 'owner', false)).toBe(false);
    expect(mayManage('admin', 'viewer', true)).toBe(false);
    expect(mayManage('viewer', 'viewer', false)).toBe(false);
  });
});
