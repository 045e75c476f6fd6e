import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { mount, flushPromises } from '@vue/test-utils';
import { createRouter, createMemoryHistory, RouterView } from 'vue-router';
import { i18n } from '@/i18n';
import { useUnsavedGuard } from './useUnsavedGuard';

const dirty = ref(false);
const confirmLeave = vi.fn(() => false);
const Editor = defineComponent({
  setup() {
    useUnsavedGuard(dirty, confirmLeave);
    return () => h('p', 'editor');
  },
});

async function setup() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/edit', component: Editor }, { path: '/other', component: { render: () => h('p', 'other') } }],
  });
  await router.push('/edit');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] } });
  await flushPromises();
  return { router, wrapper };
}

describe('useUnsavedGuard', () => {
  it('asks before leaving with unsaved edits and stays when the person says no', async () => {
    const { router } = await setup();
    dirty.value = true;
    await router.push('/other');
    expect(confirmLeave).toHaveBeenCalledTimes(1);
    expect(router.currentRoute.value.path).toBe('/edit');

    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);
  });

  it('lets the person go when nothing is unsaved', async () => {
    confirmLeave.mockClear();
    const { router } = await setup();
    dirty.value = false;
    await router.push('/other');
    expect(confirmLeave).not.toHaveBeenCalled();
    expect(router.currentRoute.value.path).toBe('/other');
  });
});
