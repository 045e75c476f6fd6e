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

export type NewSource = Schemas['NewSource'];
export type KnowledgeHit = Schemas['KnowledgeHit'];
export type ConversationMessage = Schemas['ConversationMessage'];
export type Citation = Schemas['Citation'];
export type VisitorProfile = Schemas['VisitorProfile'];
export type WidgetAppearance = Schemas['WidgetAppearance'];

/** A finished reply of POST /api/v1/chat/{botId}/messages (the `done` event of a stream). The OpenAPI document
 * declares this endpoint's 200 as two media types and names no schema for it, so the shape is written here. */
export interface ChatReply {
  conversationId: string;
  id: string;
  seq: number;
  role: string;
  text: string;
  citations: Citation[];
  status: string;
  createdAt: string;
  questionId: string;
}

/** One Q&A pair of a bulk import (the JSON shape POST .../sources/qa/import takes). */
export interface QaPair {
  question: string;
  answer: string;
}
