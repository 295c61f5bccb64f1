import { expect, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as zlib from 'node:zlib';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Wait until the WASM bundle has hydrated the page: the app sets `data-hydrated="true"` on
 * <body> once hydration is done. Clicks/typing before that are lost, so call this after every
 * full page load (goto, reload, form posts that navigate) before interacting.
 */
export async function waitForHydration(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => document.body?.dataset.hydrated === 'true', undefined, {
    timeout,
  });
}

export interface Email {
  /** Decoded Subject header. */
  subject: string;
  /** Decoded body (text/plain part when the message is multipart). */
  body: string;
  /** Raw To header. */
  to: string;
  /** Path of the .eml file. */
  file: string;
}

/**
 * The newest `.eml` file in `$NXG_OUTBOX_DIR` whose `To:` header contains `address`
 * (case-insensitive). Polls until one appears (default 10 s).
 * `after`: only consider files modified at/after this time (e.g. `Date.now()` taken just before
 * the action that sends the mail) to avoid picking up an earlier message to the same address.
 */
export async function latestEmailTo(
  address: string,
  opts: { timeoutMs?: number; after?: number } = {},
): Promise<Email> {
  const dir = process.env.NXG_OUTBOX_DIR;
  if (!dir) throw new Error('NXG_OUTBOX_DIR is not set (scripts/test.sh sets it for e2e runs)');
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const after = opts.after ?? 0;
  const want = address.toLowerCase();
  const deadline = Date.now() + timeoutMs;

  for (;;) {
    const found = newestMatching(dir, want, after);
    if (found) return found;
    if (Date.now() >= deadline) {
      let listing: string[] = [];
      try {
        listing = fs.readdirSync(dir);
      } catch {
        /* missing dir */
      }
      throw new Error(
        `no email to ${address} in ${dir} after ${timeoutMs} ms (files: ${listing.join(', ') || 'none'})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function newestMatching(dir: string, want: string, after: number): Email | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.eml'));
  } catch {
    return undefined;
  }
  const files = names
    .map((name) => {
      const file = path.join(dir, name);
      try {
        return { file, mtime: fs.statSync(file).mtimeMs };
      } catch {
        return undefined;
      }
    })
    .filter((f): f is { file: string; mtime: number } => !!f && f.mtime >= after)
    .sort((a, b) => b.mtime - a.mtime || b.file.localeCompare(a.file));

  for (const { file } of files) {
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const { headers, body } = splitMessage(raw);
    const to = headers.get('to') ?? '';
    if (!to.toLowerCase().includes(want)) continue;
    // A file still being written has no body yet: skip it, the next poll gets it.
    if (!body && !raw.includes('\n\n') && !raw.includes('\r\n\r\n')) continue;
    return {
      subject: decodeEncodedWords(headers.get('subject') ?? ''),
      body: decodeBody(headers, body),
      to,
      file,
    };
  }
  return undefined;
}

/** Split a message into (unfolded, lower-cased-name) headers and the raw body. */
function splitMessage(raw: string): { headers: Map<string, string>; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = new Map<string, string>();
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(i + 1).trim());
  }
  return { headers, body };
}

/** Decode a (possibly multipart) body according to Content-Type / Content-Transfer-Encoding. */
function decodeBody(headers: Map<string, string>, body: string): string {
  const ctype = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(ctype)?.[1];
  if (/^multipart\//i.test(ctype) && boundary) {
    const parts = body
      .split(new RegExp(`\\r?\\n?--${escapeRegExp(boundary)}(?:--)?[ \\t]*\\r?\\n?`))
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map(splitMessage)
      .filter((p) => p.headers.size > 0);
    const pick =
      parts.find((p) => /^text\/plain/i.test(p.headers.get('content-type') ?? 'text/plain')) ??
      parts.find((p) => /^multipart\//i.test(p.headers.get('content-type') ?? '')) ??
      parts[0];
    return pick ? decodeBody(pick.headers, pick.body) : body;
  }
  const cte = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  // No header but QP artefacts (soft line breaks / =3D): decode anyway.
  if (cte === 'quoted-printable' || (!cte && /=\r?\n|=3D/.test(body))) return decodeQuotedPrintable(body);
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** Quoted-printable: drop soft line breaks (`=\r\n`), decode `=XX` (`=3D` -> `=`) as UTF-8. */
export function decodeQuotedPrintable(s: string): string {
  const joined = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    const hex = joined.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words in headers (`=?utf-8?b?...?=` / `=?utf-8?q?...?=`). */
function decodeEncodedWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between adjacent encoded words is not content
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_all, _charset: string, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first http(s) URL in `body` (e.g. a verification or password-reset link). */
export function extractLink(body: string): string {
  const m = /https?:\/\/[^\s<>"'()\[\]]+/.exec(body);
  if (!m) throw new Error(`no http(s) link in email body:\n${body}`);
  return m[0].replace(/[.,;:!?]+$/, '');
}

// ---------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------

export const PASSWORD = 'correct horse battery';

export function uniqueEmail(tag: string): string {
  return `${tag}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.in`;
}

export async function register(page: Page, email: string, opts: { name?: string; role?: string } = {}) {
  await page.goto('/register');
  await waitForHydration(page);
  await page.getByLabel('Your name').fill(opts.name ?? 'Asha Rao');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  if (opts.role === 'COMPANY') await page.getByLabel('Company', { exact: true }).check();
  await page.getByLabel('I want to join as').selectOption(opts.role ?? 'photographer');
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function confirmFromOutbox(page: Page, email: string) {
  const mail = await latestEmailTo(email);
  expect(mail.subject).toContain('Confirm your email');
  await page.goto(extractLink(mail.body));
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByTestId('verify-success')).toBeVisible();
}

export async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Registers, confirms from the outbox and logs in: a ready account on `page`. */
export async function signUp(
  page: Page,
  tag: string,
  opts: { name?: string; role?: string } = {},
): Promise<string> {
  const email = uniqueEmail(tag);
  await register(page, email, opts);
  await expect(page.getByTestId('register-success')).toBeVisible();
  await confirmFromOutbox(page, email);
  await logIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  return email;
}

/**
 * The server binary the journeys run against: scripts/test.sh passes it as NXG_BIN (the
 * debug build); by hand (`cargo leptos end-to-end --release`) it is the release build.
 */
function binary(): string {
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(__dirname, '..', '..', 'target');
  return process.env.NXG_BIN || path.join(targetDir, 'release', 'nxtgauge');
}

/**
 * Creates a staff account with the binary's `create-staff` command against the e2e
 * database (DATABASE_URL is the e2e database in the Playwright process).
 */
export function createStaff(email: string, name: string, role: string): void {
  execFileSync(binary(), ['create-staff', '--email', email, '--name', name, '--role', role], {
    env: { ...process.env, NXG_STAFF_PASSWORD: PASSWORD },
    stdio: 'pipe',
  });
}

// ---------------------------------------------------------------------------
// Generated upload files (no binary fixtures in the repository)
// ---------------------------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed) >>> 0);
  return Buffer.concat([len, typed, crc]);
}

/** A real PNG (RGB, a diagonal gradient from `from` to `to`), `width`×`height`. */
export function makePng(
  width: number,
  height: number,
  from: [number, number, number],
  to: [number, number, number],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      for (let c = 0; c < 3; c++) {
        raw[row + 1 + x * 3 + c] = Math.round(from[c] + (to[c] - from[c]) * t);
      }
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A small, valid one-page PDF saying `text`. */
export function makePdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * Runs an operator command of the binary against the e2e database (for example
 * `config leads.unopened_refund_hours 0`, or `sweep-leads`).
 */
export function nxtgauge(...args: string[]): string {
  return execFileSync(binary(), args, { env: process.env, stdio: 'pipe' }).toString();
}

// ---------------------------------------------------------------------------
// Pages and sign-in shared by the journeys
// ---------------------------------------------------------------------------

/** A page in a fresh browser context (its own cookies). */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** Navigates and waits for hydration. */
export async function goto(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForHydration(page);
}

/** A fresh context signed in as `email` (landing on /account). */
export async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await newPage(browser);
  await logIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  return page;
}

/** Approves the pending request named `name` from the staff approval queue. */
export async function approve(staff: Page, name: string): Promise<void> {
  await goto(staff, '/staff/approvals');
  await staff.getByRole('link', { name }).first().click();
  await waitForHydration(staff);
  await staff.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(staff.getByText('Approved. The submitter has been notified.')).toBeVisible();
}

/** A photographer in Pune with a complete profile, sent for review. */
export async function photographerInReview(browser: Browser, tag: string, name: string): Promise<string> {
  const page = await newPage(browser);
  const email = await signUp(page, tag, { name, role: 'photographer' });
  await goto(page, '/pro');
  await page.getByRole('button', { name: /Create your Photographer profile/ }).click();
  await expect(page).toHaveURL(/\/pro\/photographer$/);
  await waitForHydration(page);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Bio').fill('Candid wedding photographer in Pune, eight years of haldi, pheras and receptions.');
  await page.getByLabel('City').selectOption('Pune');
  const specialties = page.getByLabel('Specialties', { exact: true });
  await specialties.fill('Wedding');
  await specialties.press('Enter');
  await page.getByLabel('Starting price').fill('15000');
  await page.getByLabel('Show my profile in search').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved')).toBeVisible();

  await goto(page, '/pro/photographer/portfolio');
  await page.getByLabel('Title').fill('Lake-side wedding');
  await page.getByRole('button', { name: 'Add item' }).click();
  const upload = page.getByLabel('Add images to Lake-side wedding');
  await upload.setInputFiles({ name: 'lake.png', mimeType: 'image/png', buffer: makePng(320, 240, [16, 185, 129], [30, 58, 138]) });
  await expect(page.getByRole('list', { name: /Images of Lake-side wedding/ }).getByRole('img')).toHaveCount(1);

  await goto(page, '/pro/photographer/services');
  await page.getByLabel('Service name').fill('Wedding day coverage');
  await page.getByLabel('Description').fill('Full day, two shooters, 400 edited photos.');
  await page.getByLabel('Price (₹)').fill('18000');
  await page.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByTestId('service-row')).toHaveCount(1);

  await goto(page, '/pro/photographer');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText(/In review/).first()).toBeVisible();
  await page.context().close();
  return email;
}
