import { reactive } from 'vue';
import { defineStore } from 'pinia';
import { emailVerificationApi, meApi } from '@/api/me';
import { tokens } from '@/api/tokens';
import { useSessionStore } from './session';

/** The signed-in person's own account: name, password, email verification, deletion. */
export const useProfileStore = defineStore('profile', () => {
  const session = useSessionStore();
  const uiFlags = reactive({ isSaving: false, isChangingPassword: false, isSendingVerification: false, isDeleting: false });

  async function run<R>(flag: keyof typeof uiFlags, call: () => Promise<R>): Promise<R> {
    uiFlags[flag] = true;
    try {
      return await call();
    } finally {
      uiFlags[flag] = false;
    }
  }

  const rename = (name: string) => run('isSaving', async () => {
    const me = await meApi.update(name);
    session.user = me;
    return me;
  });

  /** Every other session ends; this one continues with the new token the API returns. */
  const changePassword = (currentPassword: string, newPassword: string) => run('isChangingPassword', async () => {
    const next = await meApi.changePassword(currentPassword, newPassword);
    tokens.set(next.accessToken);
  });

  const resendVerification = () => run('isSendingVerification', () => emailVerificationApi.resend());

  /** Deletes the account and ends the session here. */
  const deleteAccount = () => run('isDeleting', async () => {
    await meApi.remove();
    session.clear();
  });

  return { uiFlags, rename, changePassword, resendVerification, deleteAccount };
});
