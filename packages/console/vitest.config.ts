import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';

// Component tests in Debian's Chromium (never a downloaded browser); the network is
// stubbed by replacing `window.fetch`, the console's only way out.
export default defineConfig({
  optimizeDeps: { include: ['axe-core', 'lit', 'lit/directives/live.js'] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
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
