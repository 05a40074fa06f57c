import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';

// Component tests in Debian's Chromium (never a downloaded browser), network stubbed
// at the client boundary: each element takes a `client` property.
export default defineConfig({
  optimizeDeps: { include: ['axe-core', 'lit', 'lit/directives/if-defined.js', 'leaflet'] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 10_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
