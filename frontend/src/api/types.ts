import type { components } from './schema.gen';

/** The API's schemas, generated from its OpenAPI document (src/api/schema.gen.ts, by scripts/api-types.mjs). */
export type Schemas = components['schemas'];

export type AuthSession = Schemas['AuthResponse'];
export type User = Schemas['UserResponse'];
export type Me = Schemas['MeResponse'];
export type Workspace = Schemas['WorkspaceResponse'];
export type SignInProvider = Schemas['SignInProviderResponse'];

export type Chatbot = Schemas['ChatbotResponse'];
export type CreateChatbot = Schemas['CreateChatbotRequest'];
export type UpdateChatbot = Schemas['UpdateChatbotRequest'];
export type AnswerSettings = Schemas['AnswerSettings'];
export type KnowledgeSettings = Schemas['KnowledgeSettings'];
export type Model = Schemas['ModelEntry'];
export type KnowledgeSource = Schemas['KnowledgeSource'];
export type ConversationInfo = Schemas['ConversationInfo'];

/** A page of a list (the API's `{ items, nextCursor }`). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Numbers the document marks `number | string` (the API reads numbers from strings too; it always writes numbers). */
export function num(value: number | string | null | undefined, fallback = 0): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : fallback;
}
