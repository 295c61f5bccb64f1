import { defineConfig, devices, type ReporterDescription } from '@playwright/test';

// Run by `cargo leptos end-to-end` (end2end-cmd "npx playwright test", cwd end2end/), which
// starts the server and Playwright at the same time: global-setup.ts waits for /healthz.
// scripts/test.sh sets E2E_BASE_URL (server on a free port), NXG_OUTBOX_DIR (mail files)
// and E2E_RESULTS_FILE (JSON report it checks, since cargo-leptos exits 0 on build failure).
const baseURL = process.env.E2E_BASE_URL || 'http://127.0.0.1:3000';

const reporter: ReporterDescription[] = [['list']];
if (process.env.E2E_RESULTS_FILE) {
  reporter.push(['json', { outputFile: process.env.E2E_RESULTS_FILE }]);
}

export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalTimeout: process.env.CI ? 30 * 60_000 : 0,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  grep: process.env.E2E_GREP ? new RegExp(process.env.E2E_GREP) : undefined,
  reporter,
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's chromium; Playwright never downloads a browser here
        // (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--headless',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
});
