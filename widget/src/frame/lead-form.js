// The lead form: when the bot's config enables lead capture, a form (name, email, phone, company: the ones the bot
// asks for) shown in the conversation until it was sent once for this conversation. Reads the shared view
// ({ ui, config, t }); remembers what was sent in the frame's store (key `lead.<conversationId>`).
import { el } from './dom.js';

const LEAD_FIELDS = ['name', 'email', 'phone', 'company'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The fields to ask for: the config's (default name and email), known ones only, in the config's order. */
export function leadFields(lead) {
  return (lead.fields || ['name', 'email']).filter((f) => LEAD_FIELDS.includes(f));
}

/** The error for one field's value: required, and an email must look like one ('' when fine). */
export function fieldError(type, value, t) {
  return !value ? t('required') : type === 'email' && !EMAIL.test(value) ? t('invalidEmail') : '';
}

/**
 * The lead form on view.ui.lead. `conversationId()` names the open conversation (none: no form), `store` remembers
 * what was sent, `submit(values)` sends it (a promise). Returns { render }.
 */
export function createLeadForm(view, { conversationId, store, submit }) {
  function render() {
    const { ui, t } = view;
    const lead = view.config && view.config.leadCapture;
    const conversation = conversationId();
    const done = conversation && store.get(`lead.${conversation}`);
    const show = !!(lead && lead.enabled && !done && conversation);
    ui.lead.hidden = !show;
    if (!show) {
      return;
    }

    ui.lead.replaceChildren(
      el('p', { class: 'cs-lead-title', id: 'cs-lead-title', text: lead.title || t('leadTitle') }),
      ...leadFields(lead).map((field) => el('div', { class: 'cs-field' }, [
        el('label', { for: `cs-lead-${field}`, text: t(field) }),
        el('input', { id: `cs-lead-${field}`, name: field, type: field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text', autocomplete: field === 'company' ? 'organization' : field === 'phone' ? 'tel' : field, required: true, 'aria-describedby': `cs-lead-${field}-error` }),
        el('span', { id: `cs-lead-${field}-error`, class: 'cs-field-error' }),
      ])),
      el('button', { type: 'submit', class: 'cs-primary-button', text: t('leadSubmit') }),
    );
    ui.lead.setAttribute('aria-labelledby', 'cs-lead-title');
  }

  async function onSubmit(event) {
    event.preventDefault();
    const { ui, t } = view;
    const values = {};
    let firstInvalid = null;
    for (const input of ui.lead.querySelectorAll('input')) {
      const value = input.value.trim();
      const error = fieldError(input.type, value, t);
      input.setAttribute('aria-invalid', String(!!error));
      ui.lead.querySelector(`#${input.id}-error`).textContent = error;
      firstInvalid = firstInvalid || (error ? input : null);
      values[input.name] = value;
    }

    if (firstInvalid) {
      firstInvalid.focus();
      return;
    }

    try {
      await submit(values);
      store.set(`lead.${conversationId()}`, true);
      render();
      ui.input.focus();
    } catch (error) {
      console.error(`ChatSphere: the form was refused: ${error && error.message}`);
    }
  }

  view.ui.lead.addEventListener('submit', onSubmit);
  return { render };
}
