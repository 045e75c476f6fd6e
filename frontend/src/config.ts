/** Runtime settings from public/config.js (replaced by a CDN deployer), read once at start. */
export interface RuntimeConfig {
  /** Where the API is: '' for the origin that serves the dashboard. */
  apiBaseUrl: string;
}

declare global {
  interface Window {
    __CHATSPHERE_CONFIG__?: Partial<RuntimeConfig>;
  }
}

export function runtimeConfig(source: Partial<RuntimeConfig> | undefined = window.__CHATSPHERE_CONFIG__): RuntimeConfig {
  return { apiBaseUrl: (source?.apiBaseUrl ?? '').replace(/\/+$/, '') };
}
