import { defineConfig } from '@playwright/test'

// Debian's chromium, never a downloaded browser. The server is started
// once per run by e2e/global-setup.ts on a fresh data folder.
export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // The first-start spec needs the empty store the server starts with;
  // every other spec may load the demo data.
  projects: [
    { name: 'first-start', testMatch: /first-start\.spec\.ts/ },
    { name: 'app', testIgnore: /first-start\.spec\.ts/, dependencies: ['first-start'] },
  ],
  outputDir: process.env.ZONGZHI_ARTEFACTS ? `${process.env.ZONGZHI_ARTEFACTS}/e2e-results` : 'test-results',
  use: {
    baseURL: process.env.ZONGZHI_E2E_URL,
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
})
