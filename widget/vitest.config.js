import { defineConfig } from 'vitest/config';

// Unit tests of the protocol, command, state, rendering and layout code, in a simulated DOM.
export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.js'],
  },
});
