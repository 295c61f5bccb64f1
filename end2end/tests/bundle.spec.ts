import { test, expect, type Browser } from '@playwright/test';
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

// What a browser with an empty cache downloads from /pkg (as sent: brotli) while a page
// loads and hydrates.
async function firstVisit(browser: Browser, path: string): Promise<{ bytes: number; files: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  const files: string[] = [];
  page.on('requestfinished', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith('/pkg/')) {
      files.push(url.pathname.slice(5));
      sizes.push(req.sizes().then((s) => s.responseBodySize));
    }
  });
  await page.goto(path);
  await waitForHydration(page);
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return { bytes, files };
}

// Public pages are drawn on the server with a few small islands: a visitor's first visit
// loads the main module (with the header and the toasts), its loaders and the CSS, at
// most 300 KB as sent (issue 12), and none of the workspace's code. The sign-in page (the
// workspace) loads its own module on top. (The profile, company and job pages of real
// records also load their reviews or apply island: bench/bundle.sh counts those.)
test('a first visit to a public page moves at most 300 KB of WASM, JS and CSS', async ({ browser }) => {
  test.setTimeout(120_000);
  const workspace = (f: string) => f.startsWith('split_workspace_loader');
  const home = await firstVisit(browser, '/');
  for (const path of ['/', '/search', '/jobs', '/p/no-such-profile', `/jobs/${NIL}`, '/companies/no-such-company', '/pricing']) {
    const visit = path === '/' ? home : await firstVisit(browser, path);
    expect(visit.bytes, `${path}: ${visit.files.join(', ')}`).toBeLessThanOrEqual(300_000);
    expect(visit.files.filter(workspace), path).toEqual([]);
  }
  const login = await firstVisit(browser, '/login');
  expect(login.files.filter(workspace).length, login.files.join(', ')).toBe(1);
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
  '/pricing', '/checkout', '/billing', `/billing/orders/${NIL}`, `/billing/invoices/${NIL}`,
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
