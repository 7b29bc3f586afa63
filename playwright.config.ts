// End-to-end tests against the production build (`next build` runs first, in npm test).
// Debian's Chromium, never a downloaded browser; one worker and no retries (a flaky test must fail).
import { defineConfig } from "@playwright/test";

// E2E_PORT / E2E_SMTP_PORT let two checkouts run their e2e suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3107);
export const E2E_BASE_URL = `http://127.0.0.1:${PORT}`;
export const E2E_DATABASE_URL = "file:./data/e2e.db";
/** e2e/self-service.spec.ts runs a real SMTP server here; the app mails its one-time codes to it. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2587);

// The webServer command prepares this database (e2e/prepare-database.ts) before it starts the server.
process.env.DATABASE_URL = E2E_DATABASE_URL;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // Reset and seed the database first: the server's background jobs open it as soon as it boots.
    command: `node_modules/.bin/tsx e2e/prepare-database.ts && node_modules/.bin/next start -H 127.0.0.1 -p ${PORT}`,
    url: `${E2E_BASE_URL}/signin`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: E2E_DATABASE_URL,
      NEXTAUTH_URL: E2E_BASE_URL,
      NEXTAUTH_SECRET: "idsync-e2e-secret-not-for-production-0123456789",
      NEXT_TELEMETRY_DISABLED: "1",
      IDSYNC_SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      IDSYNC_MAIL_FROM: "IdSync <idsync@example.com>",
    },
  },
});
