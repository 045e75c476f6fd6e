import type { components } from './schema.gen';

/** The API's schemas, generated from its OpenAPI document (src/api/schema.gen.ts, by scripts/api-types.mjs). */
export type Schemas = components['schemas'];

export type AuthSession = Schemas['AuthResponse'];
export type User = Schemas['UserResponse'];
export type Me = Schemas['MeResponse'];
export type Workspace = Schemas['WorkspaceResponse'];
