import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('@/views/auth/SignInView.vue'),
    meta: { public: true, guestOnly: true, title: 'auth.signIn.title' },
  },
  {
    path: '/sign-up',
    name: 'sign-up',
    component: () => import('@/views/auth/SignUpView.vue'),
    meta: { public: true, guestOnly: true, title: 'auth.signUp.title' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('@/views/auth/ForgotPasswordView.vue'),
    meta: { public: true, title: 'auth.forgot.title' },
  },
  {
    // The link in the reset email: /reset-password?token=...
    path: '/reset-password',
    name: 'reset-password',
    component: () => import('@/views/auth/ResetPasswordView.vue'),
    meta: { public: true, title: 'auth.reset.title' },
  },
  {
    // The link in the verification email: /verify-email?token=...
    path: '/verify-email',
    name: 'verify-email',
    component: () => import('@/views/auth/VerifyEmailView.vue'),
    meta: { public: true, title: 'auth.verify.title' },
  },
  {
    // The link in the invitation email: /invitations/accept?token=... (signing up or in first when needed).
    path: '/invitations/accept',
    name: 'accept-invitation',
    component: () => import('@/views/auth/AcceptInvitationView.vue'),
    meta: { public: true, title: 'auth.invitation.title' },
  },
  {
    // Where an OpenID Connect sign-in returns (the refresh cookie is set; the page load restores the session).
    path: '/auth/callback',
    name: 'sign-in-callback',
    component: () => import('@/views/auth/SignInCallbackView.vue'),
    meta: { public: true, title: 'auth.signIn.title' },
  },
];

export default routes;
