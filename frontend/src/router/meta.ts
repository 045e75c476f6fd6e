import type { Permission } from '@/composables/usePermissions';
import type { IconName } from '@/components/ui/icons';

/** Where a route's sidebar entry goes: `build` (bots and what makes them), `operate` (conversations, analytics),
 * `workspace` (team, keys, plan, settings). */
export type NavSection = 'build' | 'operate' | 'workspace';

export interface NavMeta {
  /** i18n key of the entry's label. */
  label: string;
  icon: IconName;
  section: NavSection;
  /** Ascending within the section. */
  order: number;
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Anyone may see it (sign-in, sign-up, password reset...): no session needed, no shell around it. */
    public?: boolean;
    /** Shown to signed-out people only (a signed-in person goes home instead). */
    guestOnly?: boolean;
    /** The least permission in the current workspace: without it the route redirects home and its entry is hidden. */
    permission?: Permission;
    /** i18n key of the document title. */
    title?: string;
    /** The route's sidebar entry, if it has one. */
    nav?: NavMeta;
  }
}

export {};

declare module 'vue-router' {
  interface RouteMeta {
    /** A tab on a bot's pages (routes under /chatbots/:botId): label (i18n key) and ascending order
     * (settings 0, knowledge 10, playground 20, widget 30, conversations 40). */
    botTab?: { label: string; order: number };
  }
}
