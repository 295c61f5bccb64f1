import type { FullConfig } from '@playwright/test';

// `cargo leptos end-to-end` starts Playwright while the server is still starting (and
// migrating the database): wait until GET /healthz answers 200.
const WAIT_SECONDS = Number(process.env.E2E_WAIT_SECONDS || 300);

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL =
    (config.projects[0]?.use?.baseURL as string | undefined) ||
    process.env.E2E_BASE_URL ||
    'http://127.0.0.1:3000';
  const url = new URL('/healthz', baseURL).toString();
  const started = Date.now();
  const deadline = started + WAIT_SECONDS * 1000;
  let last = 'no answer yet';
  let nextLog = started + 15_000;

  console.log(`global-setup: waiting for ${url} (up to ${WAIT_SECONDS}s)`);
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
      if (res.status === 200) {
        console.log(`global-setup: server ready after ${((Date.now() - started) / 1000).toFixed(1)}s`);
        return;
      }
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? `${err.name}: ${(err.cause as Error | undefined)?.message ?? err.message}` : String(err);
    }
    if (Date.now() >= nextLog) {
      console.log(`global-setup: still waiting for ${url} (${last})`);
      nextLog += 15_000;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`server not ready: ${url} did not answer 200 within ${WAIT_SECONDS}s (last: ${last})`);
}
