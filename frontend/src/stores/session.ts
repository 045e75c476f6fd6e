import { computed, reactive, ref } from 'vue';
import { defineStore } from 'pinia';
import { authApi } from '@/api/auth';
import { meApi } from '@/api/me';
import { useSessionHandlers } from '@/api/http';
import { tokens } from '@/api/tokens';
import type { AuthSession, Me, Workspace } from '@/api/types';

export const WORKSPACE_KEY = 'chatsphere.workspace';

/**
 * Who is signed in, their workspaces and the one they are working in. The access token stays in memory (api/tokens);
 * a reload restores the session from the httpOnly refresh cookie (`restore`, awaited by the router before the first
 * screen). Area stores that hold workspace data watch `workspaceId` and reset when it changes; App.vue sends a person
 * whose session ended to sign-in.
 */
export const useSessionStore = defineStore('session', () => {
  const user = ref<Me | null>(null);
  const workspaces = ref<Workspace[]>([]);
  const selectedId = ref<string | null>(localStorage.getItem(WORKSPACE_KEY));
  const uiFlags = reactive({ isRestoring: false, isSigningIn: false });
  /** True after a sign-in in this tab that created the account (the home screen opens on the get-started list). */
  const isNewAccount = ref(false);

  const signedIn = computed(() => user.value !== null);
  const workspace = computed(() => workspaces.value.find((w) => w.id === selectedId.value) ?? workspaces.value[0] ?? null);
  const workspaceId = computed(() => workspace.value?.id ?? null);
  const role = computed<string | null>(() => (workspace.value?.role as string | null | undefined) ?? null);

  let restoring: Promise<void> | null = null;

  async function loadMe(): Promise<void> {
    const me = await meApi.get();
    user.value = me;
    workspaces.value = [...me.workspaces];
  }

  /** A new access token from the refresh cookie; false when there is no session to refresh. */
  async function refresh(): Promise<boolean> {
    try {
      const session = await authApi.refresh();
      tokens.set(session.accessToken);
      return true;
    } catch {
      tokens.set(null);
      return false;
    }
  }

  /** Restores the session once per page load (a reload keeps the person signed in). */
  function restore(): Promise<void> {
    restoring ??= (async () => {
      uiFlags.isRestoring = true;
      try {
        if (await refresh()) {
          await loadMe();
        }
      } catch {
        clear();
      } finally {
        uiFlags.isRestoring = false;
      }
    })();
    return restoring;
  }

  async function accept(session: AuthSession): Promise<void> {
    tokens.set(session.accessToken);
    await loadMe();
    if (session.workspace && !workspaces.value.some((w) => w.id === selectedId.value)) {
      select(session.workspace.id);
    }
  }

  async function signIn(email: string, password: string): Promise<void> {
    uiFlags.isSigningIn = true;
    try {
      await accept(await authApi.login({ email, password }));
    } finally {
      uiFlags.isSigningIn = false;
    }
  }

  async function signUp(name: string, email: string, password: string): Promise<void> {
    uiFlags.isSigningIn = true;
    try {
      await accept(await authApi.register({ name, email, password }));
      isNewAccount.value = true;
    } finally {
      uiFlags.isSigningIn = false;
    }
  }

  function select(id: string): void {
    selectedId.value = id;
    localStorage.setItem(WORKSPACE_KEY, id);
  }

  function clear(): void {
    tokens.set(null);
    user.value = null;
    workspaces.value = [];
    isNewAccount.value = false;
  }

  async function signOut(): Promise<void> {
    try {
      await authApi.logout();
    } catch {
      // The session ends here either way; the cookie expires on its own.
    }
    clear();
  }

  useSessionHandlers({ refresh, signedOut: clear });

  return {
    user, workspaces, workspace, workspaceId, role, uiFlags, signedIn, isNewAccount,
    restore, refresh, loadMe, accept, signIn, signUp, signOut, select, clear,
  };
});
