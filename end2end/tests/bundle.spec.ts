import { test, expect } from '@playwright/test';
import { waitForHydration } from './helpers';

// The release bundle as a browser receives it (src/server/assets.rs), and every route of
// the route table hydrating from it.

const NIL = '00000000-0000-4000-8000-000000000000';

test('the bundle has content-hashed names, comes precompressed and is cached as immutable', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const names = [...html.matchAll(/\/pkg\/(nxtgauge\.[A-Za-z0-9_-]+\.(?:wasm|js|css))/g)].map((m) => m[1]);
  for (const ext of ['wasm', 'js', 'css']) {
    expect(names.some((n) => n.endsWith(`.${ext}`)), `a hashed .${ext} in the page`).toBe(true);
  }
  for (const name of new Set(names)) {
    const res = await request.get(`/pkg/${name}`, { headers: { 'accept-encoding': 'br' } });
    expect(res.status(), name).toBe(200);
    expect(res.headers()['content-encoding'], name).toBe('br');
    expect(res.headers()['cache-control'], name).toBe('public, max-age=31536000, immutable');
  }
  const missing = await request.get('/pkg/nxtgauge.no-such-hash.wasm');
  expect(missing.status()).toBe(404);
  expect(missing.headers()['cache-control'] ?? '').not.toContain('immutable');
});

// Every path of the route table, with made-up ids where it has parameters: a visitor who
// is not signed in gets the page, its sign-in prompt or its 404, and each must hydrate.
const ROUTES = [
  '/', '/register', '/login', '/verify-email', '/forgot-password', '/reset-password',
  '/account', '/account/profile', '/search', '/p/no-such-profile', '/pro', '/pro/leads',
  `/pro/leads/${NIL}`, '/pro/responses', '/pro/photographer', '/pro/photographer/portfolio',
  '/pro/photographer/services', '/pro/photographer/verification', '/wallet', '/leads',
  '/leads/new', `/leads/${NIL}`, '/reviews/new', '/staff/wallet-bonus', '/messages',
  `/messages/${NIL}`, '/notifications', '/applications', '/jobs', `/jobs/${NIL}`,
  '/companies/no-such-company', '/company/jobs', '/company/jobs/new', `/company/jobs/${NIL}`,
  `/company/jobs/${NIL}/applicants`, '/staff', '/staff/approvals', '/staff/reviews',
  `/staff/approvals/${NIL}`, '/staff/verifications', `/staff/verifications/${NIL}`,
];

test('every route hydrates from the release bundle', async ({ page }) => {
  test.setTimeout(180_000);
  const failures: string[] = [];
  page.on('pageerror', (err) => failures.push(`${page.url()}: ${err.message}`));
  for (const path of ROUTES) {
    await page.goto(path);
    await waitForHydration(page);
  }
  expect(failures).toEqual([]);
});
