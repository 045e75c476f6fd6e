import type { Router } from 'vue-router';
import { useSessionStore } from '@/stores/session';
import { allows } from '@/composables/usePermissions';
import { i18n } from '@/i18n';

/** Sign-in before any non-public route (after the session is restored from the refresh cookie once); guests-only
 * screens send a signed-in person home; a route the role may not use redirects home; the document title follows. */
export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.restore();
    if (to.meta.public) {
      return to.meta.guestOnly && session.signedIn ? { name: 'home' } : true;
    }
    if (!session.signedIn) {
      return { name: 'sign-in', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
    }
    if (to.meta.permission && !allows(session.role, to.meta.permission)) {
      return { name: 'home' };
    }
    return true;
  });

  router.afterEach((to) => {
    const title = to.meta.title ? i18n.global.t(to.meta.title) : '';
    document.title = title ? `${title} · ChatSphere` : 'ChatSphere';
  });
}
