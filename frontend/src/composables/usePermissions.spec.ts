import { describe, expect, it } from 'vitest';
import { allows } from './usePermissions';

describe('allows', () => {
  it('follows the API\'s role matrix', () => {
    expect(allows('viewer', 'read')).toBe(true);
    expect(allows('viewer', 'editBots')).toBe(false);
    expect(allows('editor', 'editBots')).toBe(true);
    expect(allows('editor', 'manageApiKeys')).toBe(false);
    expect(allows('admin', 'manageMembers')).toBe(true);
    expect(allows('admin', 'manageBilling')).toBe(false);
    expect(allows('owner', 'transferOwnership')).toBe(true);
    expect(allows('agent', 'reply')).toBe(true);
    expect(allows('agent', 'editBots')).toBe(false);
  });

  it('allows nothing without a known role', () => {
    expect(allows(null, 'read')).toBe(false);
    expect(allows('stranger', 'read')).toBe(false);
  });
});
