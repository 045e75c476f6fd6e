import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import ConfirmDialog from './ConfirmDialog.vue';

describe('ConfirmDialog', () => {
  it('confirms only after the exact text is typed', async () => {
    const wrapper = mount(ConfirmDialog, {
      props: { open: true, title: 'Delete the workspace?', message: 'Everything goes.', confirmLabel: 'Delete', danger: true, typeToConfirm: 'Acme' },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    const confirm = () => [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === 'Delete')!;
    expect(confirm().disabled).toBe(true);

    const input = document.querySelector<HTMLInputElement>('input')!;
    input.value = 'Acm';
    input.dispatchEvent(new Event('input'));
    await flushPromises();
    expect(confirm().disabled).toBe(true);

    input.value = 'Acme';
    input.dispatchEvent(new Event('input'));
    await flushPromises();
    expect(confirm().disabled).toBe(false);
    confirm().click();
    expect(wrapper.emitted('confirm')).toHaveLength(1);
    wrapper.unmount();
  });
});
