import { describe, expect, it } from 'vitest';
import type { Chatbot } from '@/api/types';
import { isDirty, localErrors, toForm, toPatch } from './chatbotForm';

const bot = {
  id: 'b1', workspaceId: 'w1', name: 'Helper', description: null, systemPrompt: 'Be kind.', welcomeMessage: 'Hi!',
  suggestedQuestions: ['Hours?'], fallbackMessage: 'Sorry.', language: 'en', allowedDomains: ['shop.example'],
  answer: { model: 'embedded', temperature: 0.2, maxOutputTokens: 512, contextTokens: 4096, maxAnswerWords: 120, minScore: 0.3, strictMode: false, refuseOffTopic: true, fallbackModels: [] },
  knowledge: { chunkTokens: 256, overlapTokens: 32, minScore: 0, mmrLambda: 0.7, curatedMinSimilarity: 0.9 },
  createdAt: '', updatedAt: '', version: 1,
} as unknown as Chatbot;

describe('chatbotForm', () => {
  it('sends only what changed, nested where the API nests it', () => {
    const original = toForm(bot);
    const edited = toForm(bot);
    expect(isDirty(original, edited)).toBe(false);
    expect(toPatch(original, edited)).toEqual({});

    edited.name = '  Shop helper ';
    edited.answer.temperature = 0.5;
    edited.knowledge.chunkTokens = 300;
    edited.suggestedQuestions = ['Hours?', ' ', 'Returns? '];
    expect(isDirty(original, edited)).toBe(true);
    expect(toPatch(original, edited)).toEqual({
      name: 'Shop helper',
      suggestedQuestions: ['Hours?', 'Returns?'],
      answer: { temperature: 0.5 },
      knowledge: { chunkTokens: 300 },
    });
  });

  it('catches an emptied number before sending', () => {
    const edited = toForm(bot);
    edited.answer.temperature = '';
    expect(localErrors(edited, 'Enter a number.')).toEqual({ 'answer.temperature': 'Enter a number.' });
    expect(localErrors(toForm(bot), 'x')).toEqual({});
  });
});
