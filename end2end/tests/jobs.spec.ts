import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  approve,
  createStaff,
  goto,
  makePdf,
  newPage,
  signedIn,
  signUp,
  uniqueEmail,
  waitForHydration,
} from './helpers';

// The hiring journey: a company (approved, so "verified") gets tracecoins from staff,
// posts a job (bad input first), staff approve it and it shows on the public board; a
// candidate with a résumé applies; the company moves them to Interview and messages
// them; the candidate sees the status and its history. Another company cannot see the
// applicants.
test.describe.configure({ mode: 'serial' });

const RUN = Date.now() % 100000;
const COMPANY = `Chai Point Studios ${RUN}`;
const JOB = `Senior Rust developer ${RUN}`;
let companyEmail = '';
let moderatorEmail = '';
let candidateEmail = '';
let jobPath = '';

/** A company account with a complete company profile, sent for review. */
async function company(browser: Browser, name: string): Promise<string> {
  const page = await newPage(browser);
  const email = await signUp(page, 'company', { name: 'Meera Iyer', role: 'COMPANY' });
  await goto(page, '/account/profile');
  await page.getByLabel('Company name').fill(name);
  await page.getByLabel('Business type').selectOption({ index: 1 });
  await page.getByLabel('Industry').selectOption({ index: 1 });
  await page.getByLabel('Contact person').fill('Meera Iyer');
  await page.getByLabel('Contact e-mail').fill('hiring@example.in');
  await page.getByLabel('Contact mobile number').fill('9845012345');
  await page.getByLabel('City').selectOption('Pune');
  await page.getByLabel('About the company').fill('We build tea-shop software for India: billing, stock and delivery for ten thousand outlets.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('button', { name: 'Submit for review' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText(/being reviewed|in review/i).first()).toBeVisible();
  await page.context().close();
  return email;
}

test('a company is approved and staff grant it tracecoins', async ({ browser }) => {
  test.setTimeout(120_000);
  companyEmail = await company(browser, COMPANY);
  moderatorEmail = uniqueEmail('jobmoderator');
  createStaff(moderatorEmail, 'Meena Moderator', 'MODERATOR');
  const staff = await signedIn(browser, moderatorEmail);
  await approve(staff, COMPANY);
  await staff.context().close();

  const financeEmail = uniqueEmail('jobfinance');
  createStaff(financeEmail, 'Farah Finance', 'FINANCE');
  const finance = await signedIn(browser, financeEmail);
  await goto(finance, '/staff/wallet-bonus');
  await finance.getByLabel('Account e-mail').fill(companyEmail);
  await finance.getByLabel('Tracecoins').fill('80');
  await finance.getByLabel('Remarks').fill('Launch credit for posting jobs.');
  await finance.getByRole('button', { name: 'Grant bonus' }).click();
  await expect(finance.getByTestId('bonus-granted')).toContainText('Granted 80 tracecoins');
  await finance.context().close();
});

test('bad job input gets field errors and stores nothing', async ({ browser }) => {
  const page = await signedIn(browser, companyEmail);
  await goto(page, '/company/jobs/new');
  await expect(page.getByTestId('posting-cost')).toContainText('Posting costs 50 tracecoins (your wallet has 80)');
  await page.locator('#title').evaluate((el) => el.removeAttribute('maxlength'));
  await page.getByLabel('Job title').fill('R'.repeat(300));
  await page.getByLabel('Description').fill('Call 98765 43210');
  await page.getByLabel('Pay', { exact: true }).selectOption('salary');
  await page.getByLabel('Salary from (₹ a month)').fill('-5');
  await page.getByLabel('Salary up to (₹ a month)').fill('lots');
  await page.getByRole('button', { name: 'Post for review' }).click();
  await expect(page.locator('#title-error')).toContainText('120');
  await expect(page.locator('#description-error')).toContainText('at least 50');
  await expect(page.locator('#employment_type-error')).toContainText('full-time, part-time or contract');
  await expect(page.locator('#mode-error')).toContainText('on-site, hybrid or remote');
  await expect(page.locator('#salary_min-error')).toContainText('cannot be negative');
  await expect(page.locator('#salary_max-error')).not.toBeEmpty();
  await expect(page).toHaveURL(/\/company\/jobs\/new$/);
  await goto(page, '/company/jobs');
  await expect(page.getByTestId('jobs-empty')).toBeVisible();
  await expect(page.getByTestId('posting-cost')).toContainText('your wallet has 80');
  await page.context().close();
});

test('the company posts a job, staff approve it and it is on the board', async ({ browser }) => {
  const page = await signedIn(browser, companyEmail);
  await goto(page, '/company/jobs/new');
  await page.getByLabel('Job title').fill(JOB);
  await page.getByLabel('Description').fill('Build our billing backend in Rust with axum and PostgreSQL. You will own the payments service and mentor two engineers.');
  await page.getByLabel('Employment type').selectOption('FULL_TIME');
  await page.getByLabel('Mode of work').selectOption('HYBRID');
  await page.getByLabel('City').selectOption('Pune');
  await page.getByLabel('Pay', { exact: true }).selectOption('salary');
  await page.getByLabel('Salary from (₹ a month)').fill('1,20,000');
  await page.getByLabel('Salary up to (₹ a month)').fill('1,80,000');
  await page.getByRole('button', { name: 'Post for review' }).click();
  await expect(page).toHaveURL(/\/company\/jobs\/[0-9a-f-]{36}$/);
  await waitForHydration(page);
  jobPath = new URL(page.url()).pathname.replace('/company', '');
  await expect(page.getByTestId('job-status')).toContainText('Waiting for review');
  await goto(page, '/wallet');
  await expect(page.getByTestId('wallet-balance')).toContainText('30');

  // Not public while in review.
  const visitor = await newPage(browser);
  const response = await visitor.goto(jobPath);
  expect(response?.status()).toBe(404);

  const staff = await signedIn(browser, moderatorEmail);
  await approve(staff, JOB);
  await staff.context().close();

  await goto(visitor, `/jobs?q=${encodeURIComponent(String(RUN))}&city=Pune&mode=HYBRID`);
  const card = visitor.getByTestId('job-card').filter({ hasText: JOB });
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('verified-company')).toBeVisible();
  await expect(card).toContainText('₹1,20,000–₹1,80,000 a month');
  await goto(visitor, `/jobs?q=${encodeURIComponent(String(RUN))}&mode=REMOTE`);
  await expect(visitor.getByTestId('board-empty')).toBeVisible();
  await goto(visitor, `/jobs?min_pay=-4`);
  await expect(visitor.getByTestId('board-error')).toContainText('cannot be negative');

  const page2 = await visitor.goto(jobPath);
  expect(page2?.status()).toBe(200);
  await expect(visitor).toHaveTitle(new RegExp(`${JOB} at ${COMPANY}`));
  // What crawlers read: the server-rendered HTML, with one description, the canonical
  // link and the JobPosting data.
  const html = await (await visitor.request.get(jobPath)).text();
  const descriptions = html.match(/<meta[^>]*name="description"[^>]*>/g) ?? [];
  expect(descriptions).toHaveLength(1);
  expect(descriptions[0]).toContain('billing backend in Rust');
  const canonical = html.match(/<link[^>]*rel="canonical"[^>]*>/)?.[0] ?? '';
  expect(canonical).toContain(`${jobPath}"`);
  const ld = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1] ?? '{}';
  expect(JSON.parse(ld)['@type']).toBe('JobPosting');
  await expect(visitor.getByTestId('response-rate')).toContainText('not enough applications yet');
  await visitor.context().close();
  await page.context().close();
});

test('a candidate with a résumé applies; bad cover notes are refused', async ({ browser }) => {
  const page = await newPage(browser);
  candidateEmail = await signUp(page, 'candidate', { name: 'Asha Rao', role: 'CANDIDATE' });

  // Without a candidate profile the job page says what is missing.
  await goto(page, jobPath);
  await expect(page.getByTestId('apply-needs-profile')).toBeVisible();

  await goto(page, '/account/profile');
  await page.getByLabel('Your name').fill('Asha Rao');
  await page.getByLabel('Headline and summary').fill('Backend engineer, five years of Rust and Go, payments and billing systems.');
  await page.getByLabel('City').selectOption('Pune');
  await page.getByLabel('Experience (years)').fill('5');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByLabel('Upload my résumé')).toBeVisible();
  await page.getByLabel('Upload my résumé').setInputFiles({ name: 'asha.pdf', mimeType: 'application/pdf', buffer: makePdf('Asha Rao - Rust engineer') });
  await expect(page.getByRole('link', { name: 'Download my résumé' })).toBeVisible();

  await goto(page, jobPath);
  const form = page.getByTestId('apply-form');
  await form.getByLabel('Cover note').fill('Hire me, call 98765 43210');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('#cover_note-error')).not.toBeEmpty();
  await goto(page, '/applications');
  await expect(page.getByTestId('applications-empty')).toBeVisible();

  await goto(page, jobPath);
  await page.getByTestId('apply-form').getByLabel('Cover note').fill(
    'I have built billing systems in Rust for three years and would love to own your payments service in Pune.',
  );
  await page.getByTestId('apply-form').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('apply-done')).toBeVisible();
  await goto(page, '/applications');
  const app = page.getByTestId('application').filter({ hasText: JOB });
  await expect(app.getByTestId('application-status')).toContainText('Applied');
  await page.context().close();
});

test('the company moves the candidate to Interview and messages them', async ({ browser }) => {
  const page = await signedIn(browser, companyEmail);
  await goto(page, `/company${jobPath}/applicants`);
  const card = page.getByRole('listitem', { name: 'Application from Asha Rao' });
  await expect(card).toBeVisible();
  // Moving to the stage it is already in is a field error.
  await card.getByLabel('Move to').selectOption({ index: 0 });
  await card.getByRole('button', { name: 'Move' }).click();
  await expect(card.locator('[id$="-error"]').first()).not.toBeEmpty();
  await card.getByLabel('Move to').selectOption('INTERVIEW');
  await card.getByRole('button', { name: 'Move' }).click();
  await expect(page.locator('[data-stage="INTERVIEW"]').getByRole('listitem', { name: 'Application from Asha Rao' })).toBeVisible();

  await page.locator('[data-stage="INTERVIEW"]').getByRole('button', { name: 'Message Asha Rao' }).click();
  await expect(page).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  await waitForHydration(page);
  await page.getByLabel('Message', { exact: true }).fill('Hello Asha, can you meet our team on Thursday at 11?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('can you meet our team on Thursday')).toBeVisible();
  await page.context().close();

  const candidate = await signedIn(browser, candidateEmail);
  await goto(candidate, '/applications');
  const app = candidate.getByTestId('application').filter({ hasText: JOB });
  await expect(app.getByTestId('application-status')).toContainText('Interview');
  const history = app.getByTestId('application-history');
  await expect(history).toContainText('Applied');
  await expect(history).toContainText('Interview');
  await goto(candidate, '/messages');
  await candidate.getByRole('link', { name: new RegExp(JOB) }).first().click();
  await expect(candidate.getByText('can you meet our team on Thursday')).toBeVisible();
  await candidate.context().close();
});

test('another company cannot see the applicants', async ({ browser }) => {
  const page = await newPage(browser);
  await signUp(page, 'othercompany', { name: 'Ravi Shah', role: 'COMPANY' });
  await page.goto(`/company${jobPath}/applicants`);
  await waitForHydration(page);
  await expect(page.getByText('Asha Rao')).toHaveCount(0);
  await expect(page.getByText(/not found|no longer exists|not available/i).first()).toBeVisible();
  await page.context().close();
});

/** The second job's form: a part-time remote internship. */
async function fillInternJob(page: Page): Promise<void> {
  await page.getByLabel('Job title').fill(`Rust intern ${RUN}`);
  await page.getByLabel('Description').fill('Learn to build web services in Rust with our payments team: axum, PostgreSQL and a lot of tests.');
  await page.getByLabel('Employment type').selectOption('PART_TIME');
  await page.getByLabel('Mode of work').selectOption('REMOTE');
  await page.getByLabel('Pay', { exact: true }).selectOption('salary');
  await page.getByLabel('Salary from (₹ a month)').fill('20,000');
  await page.getByLabel('Salary up to (₹ a month)').fill('30,000');
}

test('short of tracecoins, the company buys a job-posting pack and posts with it', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await signedIn(browser, companyEmail);
  await goto(page, '/company/jobs/new');
  // 30 tracecoins left after the first posting: not enough for another.
  await expect(page.getByTestId('posting-cost')).toContainText('your wallet has 30');
  await fillInternJob(page);
  await page.getByRole('button', { name: 'Post for review' }).click();
  await expect(page.getByRole('alert')).toContainText('needs 50 tracecoins');
  await page.getByTestId('buy-link').click();
  await expect(page).toHaveURL(/\/pricing\?back=%2Fcompany%2Fjobs%2Fnew#job-postings$/);
  // The public page is loaded from the server (the workspace hands over).
  await expect(page.getByRole('heading', { name: 'Pricing', level: 1 })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Buy Single Job Post' }).click();
  await waitForHydration(page);
  await page.getByLabel('State (place of supply)').selectOption({ label: 'Maharashtra' });
  // ₹999 + 18% IGST (Karnataka to Maharashtra).
  await expect(page.getByTestId('igst')).toHaveText('₹179.82');
  await expect(page.getByTestId('total')).toHaveText('₹1,178.82');
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.getByRole('button', { name: 'Pay ₹1,178.82' }).click();
  await expect(page).toHaveURL(/\/billing\/orders\//);
  await waitForHydration(page);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByText('1 job posting added to your account')).toBeVisible();
  await page.getByRole('link', { name: 'Go back to what you were doing' }).click();
  await expect(page).toHaveURL(/\/company\/jobs\/new$/);
  await waitForHydration(page);
  await expect(page.getByTestId('posting-cost')).toContainText('Posting uses 1 of your 1 job-posting credit.');
  await fillInternJob(page);
  await page.getByRole('button', { name: 'Post for review' }).click();
  await expect(page).toHaveURL(/\/company\/jobs\/[0-9a-f-]{36}$/);
  await waitForHydration(page);
  await expect(page.getByTestId('job-status')).toContainText('Waiting for review');
  await goto(page, '/wallet');
  await expect(page.getByTestId('wallet-balance')).toContainText('30');
  await page.context().close();
});
