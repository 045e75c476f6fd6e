// ChatSphere dashboard runtime settings. Served by the API never-cached; a CDN deployment replaces this file.
// apiBaseUrl: where the API is ('' = the same origin that serves the dashboard), e.g. 'https://api.example.com'.
window.__CHATSPHERE_CONFIG__ = { apiBaseUrl: '' };
