import type { Chatbot, UpdateChatbot } from '@/api/types';
import { num } from '@/api/types';

/** Every chatbot setting the editor changes (the widget's look and lead form have their own screen). */
export interface ChatbotForm {
  name: string;
  description: string;
  systemPrompt: string;
  welcomeMessage: string;
  suggestedQuestions: string[];
  fallbackMessage: string;
  language: string;
  allowedDomains: string[];
  answer: {
    model: string;
    fallbackModels: string[];
    temperature: number | '';
    maxOutputTokens: number | '';
    contextTokens: number | '';
    maxAnswerWords: number | '';
    minScore: number | '';
    strictMode: boolean;
    refuseOffTopic: boolean;
  };
  knowledge: {
    chunkTokens: number | '';
    overlapTokens: number | '';
    minScore: number | '';
    mmrLambda: number | '';
    curatedMinSimilarity: number | '';
  };
}

export const NUMBER_FIELDS = [
  'answer.temperature', 'answer.maxOutputTokens', 'answer.contextTokens', 'answer.maxAnswerWords', 'answer.minScore',
  'knowledge.chunkTokens', 'knowledge.overlapTokens', 'knowledge.minScore', 'knowledge.mmrLambda', 'knowledge.curatedMinSimilarity',
] as const;

export function toForm(bot: Chatbot): ChatbotForm {
  const a = bot.answer;
  const k = bot.knowledge;
  return {
    name: bot.name,
    description: bot.description ?? '',
    systemPrompt: bot.systemPrompt,
    welcomeMessage: bot.welcomeMessage,
    suggestedQuestions: [...bot.suggestedQuestions],
    fallbackMessage: bot.fallbackMessage,
    language: bot.language,
    allowedDomains: [...(bot.allowedDomains ?? [])],
    answer: {
      model: a.model ?? 'embedded',
      fallbackModels: [...(a.fallbackModels ?? [])],
      temperature: num(a.temperature),
      maxOutputTokens: num(a.maxOutputTokens),
      contextTokens: num(a.contextTokens),
      maxAnswerWords: num(a.maxAnswerWords),
      minScore: num(a.minScore),
      strictMode: a.strictMode ?? false,
      refuseOffTopic: a.refuseOffTopic ?? false,
    },
    knowledge: {
      chunkTokens: num(k?.chunkTokens),
      overlapTokens: num(k?.overlapTokens),
      minScore: num(k?.minScore),
      mmrLambda: num(k?.mmrLambda),
      curatedMinSimilarity: num(k?.curatedMinSimilarity),
    },
  };
}

/** Numbers left empty (or not numbers), keyed like the API's field errors, checked before anything is sent. */
export function localErrors(form: ChatbotForm, message: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const path of NUMBER_FIELDS) {
    const [group, key] = path.split('.') as ['answer' | 'knowledge', string];
    const value = (form[group] as Record<string, unknown>)[key];
    if (value === '' || typeof value !== 'number' || !Number.isFinite(value)) {
      errors[path] = message;
    }
  }
  return errors;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, in the PATCH body's shape (lists replace; trimmed texts; empty description clears it). */
export function toPatch(original: ChatbotForm, edited: ChatbotForm): UpdateChatbot {
  const patch: UpdateChatbot = {};
  const texts = ['name', 'description', 'systemPrompt', 'welcomeMessage', 'fallbackMessage', 'language'] as const;
  for (const key of texts) {
    if (original[key] !== edited[key]) {
      patch[key] = key === 'systemPrompt' || key === 'welcomeMessage' ? edited[key] : edited[key].trim();
    }
  }
  if (!same(original.suggestedQuestions, edited.suggestedQuestions)) {
    patch.suggestedQuestions = edited.suggestedQuestions.map((q) => q.trim()).filter((q) => q.length > 0);
  }
  if (!same(original.allowedDomains, edited.allowedDomains)) {
    patch.allowedDomains = edited.allowedDomains.map((d) => d.trim()).filter((d) => d.length > 0);
  }
  const answer: Record<string, unknown> = {};
  for (const key of Object.keys(edited.answer) as (keyof ChatbotForm['answer'])[]) {
    if (!same(original.answer[key], edited.answer[key])) answer[key] = edited.answer[key];
  }
  if (Object.keys(answer).length > 0) patch.answer = answer as UpdateChatbot['answer'];
  const knowledge: Record<string, unknown> = {};
  for (const key of Object.keys(edited.knowledge) as (keyof ChatbotForm['knowledge'])[]) {
    if (!same(original.knowledge[key], edited.knowledge[key])) knowledge[key] = edited.knowledge[key];
  }
  if (Object.keys(knowledge).length > 0) patch.knowledge = knowledge as UpdateChatbot['knowledge'];
  return patch;
}

export function isDirty(original: ChatbotForm | null, edited: ChatbotForm | null): boolean {
  return original !== null && edited !== null && !same(original, edited);
}
