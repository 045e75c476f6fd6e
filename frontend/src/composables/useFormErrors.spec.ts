import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { useFormErrors } from './useFormErrors';

describe('useFormErrors', () => {
  it('shows the API\'s field errors inline and drops one when the field is edited', () => {
    const form = useFormErrors();
    form.take(new ApiError(400, { status: 400, title: 'One or more fields are invalid.', errors: { Name: ['Is required.'], 'Answer.Temperature': ['Too high.'] } }, 'x'));
    expect(form.field('name')).toBe('Is required.');
    expect(form.field('answer.temperature')).toBe('Too high.');
    expect(form.general.value).toBeUndefined();
    form.clear('name');
    expect(form.field('name')).toBeUndefined();
    expect(form.fieldNames.value).toEqual(['answer.temperature']);
  });

  it('gives a general message when no field was named', () => {
    const form = useFormErrors();
    form.take(new ApiError(409, { status: 409, title: 'Conflict.', detail: 'The email address is taken.' }, 'x'));
    expect(form.general.value).toBe('The email address is taken.');
    form.clear();
    expect(form.general.value).toBeUndefined();
  });
});
