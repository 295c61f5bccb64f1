import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  approve,
  photographerInReview,
  createStaff,
  goto,
  newPage,
  nxtgauge,
  signedIn,
  signUp,
  uniqueEmail,
  waitForHydration,
} from './helpers';

// The lead journey: a customer posts a request, staff approve it, three photographers
// pay to respond, the customer accepts one and declines one, they message (the phone
// number shows only after acceptance), and the declined and the ignored responders get
// their tracecoins back. A photographer with too few tracecoins is refused.
test.describe.configure({ mode: 'serial' });

const RUN = Date.now() % 100000;
const TITLE = `Wedding photographer for two days ${RUN}`;
const PHONE = '98450 12345';
const pros: { name: string; email: string }[] = [];
let poorPro = { name: '', email: '' };
let customerEmail = '';
let moderatorEmail = '';
let leadPath = '';

async function balanceOf(page: Page): Promise<string> {
  await goto(page, '/wallet');
  return (await page.getByTestId('wallet-balance').textContent()) ?? '';
}

test('four photographers are approved and three get tracecoins', async ({ browser }) => {
  test.setTimeout(240_000);
  for (const tag of ['Anil', 'Bela', 'Chetan', 'Dev']) {
    const name = `${tag} Lens ${RUN}`;
    const email = await photographerInReview(browser, 'leadpro', name);
    if (tag === 'Dev') poorPro = { name, email };
    else pros.push({ name, email });
  }
  moderatorEmail = uniqueEmail('moderator');
  createStaff(moderatorEmail, 'Meena Moderator', 'MODERATOR');
  const staff = await signedIn(browser, moderatorEmail);
  for (const p of [...pros, poorPro]) await approve(staff, p.name);
  await staff.context().close();

  const financeEmail = uniqueEmail('finance');
  createStaff(financeEmail, 'Farah Finance', 'FINANCE');
  const finance = await signedIn(browser, financeEmail);
  for (const p of pros) {
    await goto(finance, '/staff/wallet-bonus');
    await finance.getByLabel('Account e-mail').fill(p.email);
    await finance.getByLabel('Tracecoins').fill('100');
    await finance.getByLabel('Remarks').fill('Welcome credit for the lead journey.');
    await finance.getByRole('button', { name: 'Grant bonus' }).click();
    await expect(finance.getByTestId('bonus-granted')).toContainText('Granted 100 tracecoins');
  }
  await finance.context().close();
});

test('bad input on the lead form gets field errors and stores nothing', async ({ page }) => {
  customerEmail = await signUp(page, 'leadcustomer', { name: 'Kavya Menon', role: 'CUSTOMER' });
  await goto(page, '/leads/new');
  await page.getByLabel('Professional you need').selectOption('photographer');
  // A huge title (the browser's maxlength removed, as a script could).
  await page.locator('#title').evaluate((el) => el.removeAttribute('maxlength'));
  await page.getByLabel('Title').fill('W'.repeat(500));
  await page.getByLabel('Details').fill('Call me on 98765 43210 for the details.');
  await page.getByLabel('City').selectOption('Pune');
  await page.getByLabel('Budget (₹)').fill('-500');
  await page.getByLabel('Date needed').fill('2020-01-01');
  await page.getByRole('button', { name: 'Send for review' }).click();
  await expect(page.locator('#title-error')).toContainText('120');
  await expect(page.locator('#description-error')).toContainText('phone number');
  await expect(page.locator('#budget-error')).toContainText('cannot be negative');
  await expect(page.locator('#required_date-error')).toContainText('today or a later date');
  await goto(page, '/leads');
  await expect(page.getByTestId('leads-empty')).toBeVisible();
});

test('the customer posts a request and staff approve it', async ({ browser }) => {
  const page = await signedIn(browser, customerEmail);
  await goto(page, '/leads');
  await page.getByRole('link', { name: 'Post a request' }).click();
  await waitForHydration(page);
  await page.getByLabel('Professional you need').selectOption('photographer');
  await page.getByLabel('Title').fill(TITLE);
  await page
    .getByLabel('Details')
    .fill('Haldi on the 14th and the wedding on the 15th in Pune, about 300 guests. Candid style preferred.');
  await page.getByLabel('City').selectOption('Pune');
  await page.getByLabel('Budget (₹)').fill('45000');
  const next = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Date needed').fill(next);
  await page.getByRole('button', { name: 'Send for review' }).click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  leadPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('lead-status')).toHaveText('Waiting for review');
  await page.context().close();

  const staff = await signedIn(browser, moderatorEmail);
  await approve(staff, TITLE);
  await staff.context().close();
});

test('three photographers see the price and the count, respond, and pay', async ({ browser }) => {
  for (const [i, p] of pros.entries()) {
    const page = await signedIn(browser, p.email);
    if (i === 0) {
      // Told in the app: the bell counts it, and the notification opens the request.
      await expect(page.getByTestId('notifications-unread').first()).toBeVisible();
      await goto(page, '/notifications');
      await page.getByRole('link', { name: new RegExp(TITLE) }).first().click();
      await expect(page).toHaveURL(/\/pro\/leads\/[0-9a-f-]{36}$/);
      await waitForHydration(page);
    } else {
      await goto(page, '/pro/leads');
      await page.getByRole('link', { name: TITLE }).click();
      await waitForHydration(page);
    }
    await expect(page.getByTestId('lead-price')).toHaveText('15 tracecoins');
    await expect(page.getByTestId('lead-count')).toHaveText(`${i} of 5 have responded`);
    await expect(page.getByTestId('lead-balance')).toHaveText('100 tracecoins');
    if (i === 0) {
      // A message that is too short is refused with a field error.
      await page.getByLabel('Message to the customer').fill('Hi');
      await page.getByRole('button', { name: /Respond for/ }).click();
      await expect(page.locator('#message-error')).toContainText('at least 20');
    }
    const message =
      i === 0
        ? `Namaste! I shoot candid weddings in Pune. Call me on ${PHONE} to plan the two days.`
        : `Hello, ${p.name} here: I would love to photograph your wedding.`;
    await page.getByLabel('Your quote (₹)').fill(String(40000 + i * 1000));
    await page.getByLabel('Message to the customer').fill(message);
    await page.getByRole('button', { name: 'Respond for 15 tracecoins' }).click();
    await expect(page.getByTestId('my-response')).toBeVisible();
    expect(await balanceOf(page)).toBe('85 tracecoins');
    await page.context().close();
  }
});

test('a photographer with too few tracecoins gets a clear error and nothing changes', async ({ browser }) => {
  const page = await signedIn(browser, poorPro.email);
  await goto(page, leadPath.replace('/leads/', '/pro/leads/'));
  await expect(page.getByTestId('lead-count')).toHaveText('3 of 5 have responded');
  await page.getByLabel('Message to the customer').fill('I am available on both days, candid style.');
  await page.getByRole('button', { name: 'Respond for 15 tracecoins' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'needs 15' })).toContainText('needs 15 tracecoins but your wallet has 0');
  await goto(page, leadPath.replace('/leads/', '/pro/leads/'));
  await expect(page.getByTestId('lead-count')).toHaveText('3 of 5 have responded');
  expect(await balanceOf(page)).toBe('0 tracecoins');
  await page.context().close();
});

test('the customer compares, accepts one, declines one, and they message', async ({ browser }) => {
  const [anil, bela] = pros;
  const page = await signedIn(browser, customerEmail);
  await goto(page, leadPath);
  const cards = page.getByTestId('response-card');
  await expect(cards).toHaveCount(3);
  const a = page.getByRole('listitem', { name: `Response from ${anil.name}` });
  const b = page.getByRole('listitem', { name: `Response from ${bela.name}` });
  await expect(a.getByTestId('response-quote')).toHaveText('Quote: ₹40,000');

  // Read before accepting: the phone number is hidden, on the card and in the thread.
  await a.getByRole('button', { name: 'Read response' }).click();
  await expect(a.getByTestId('response-message')).toContainText('hidden until');
  await expect(a.getByTestId('response-message')).not.toContainText(PHONE);
  await a.getByRole('link', { name: `Message ${anil.name}` }).click();
  await waitForHydration(page);
  await expect(page.getByTestId('message').first()).not.toContainText(PHONE);
  const threadPath = new URL(page.url()).pathname;

  // Decline Bela without reading; accept Anil.
  await goto(page, leadPath);
  await b.getByRole('button', { name: 'Decline' }).click();
  await expect(b.getByText('Declined')).toBeVisible();
  await a.getByRole('button', { name: 'Accept' }).click();
  await expect(a.getByText('Accepted')).toBeVisible();
  await expect(a.getByTestId('response-message')).toContainText(PHONE);

  // After acceptance the thread shows the number; they exchange messages live.
  await goto(page, threadPath);
  await expect(page.getByTestId('message').first()).toContainText(PHONE);
  await page.getByLabel('Message', { exact: true }).fill('Wonderful, let us speak this evening about the haldi.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('message')).toHaveCount(2);

  const pro = await signedIn(browser, anil.email);
  await goto(pro, threadPath);
  await expect(pro.getByTestId('message').last()).toContainText('speak this evening');
  await pro.getByLabel('Message', { exact: true }).fill('Perfect, I will call you at seven.');
  await pro.getByRole('button', { name: 'Send' }).click();
  // The customer's open thread picks the reply up without a reload.
  await expect(page.getByTestId('message').last()).toContainText('call you at seven', { timeout: 15_000 });
  await pro.context().close();
  await page.context().close();
});

test('the declined and the ignored responders get their tracecoins back', async ({ browser }) => {
  const [anil, bela, chetan] = pros;
  // Declined unread: refunded by the job queue within moments.
  const b = await signedIn(browser, bela.email);
  await expect(async () => {
    expect(await balanceOf(b)).toBe('100 tracecoins');
  }).toPass({ timeout: 20_000 });
  await expect(b.getByTestId('ledger')).toContainText('declined it without opening it');
  await b.context().close();

  // Ignored: not refunded while within the window; refunded once the window passes
  // (the clock advanced through configuration).
  const c = await signedIn(browser, chetan.email);
  expect(await balanceOf(c)).toBe('85 tracecoins');
  nxtgauge('config', 'leads.unopened_refund_hours', '0');
  try {
    nxtgauge('sweep-leads');
    await expect(async () => {
      expect(await balanceOf(c)).toBe('100 tracecoins');
    }).toPass({ timeout: 20_000 });
  } finally {
    nxtgauge('config', 'leads.unopened_refund_hours', '48');
  }
  await expect(c.getByTestId('ledger')).toContainText('did not open it in time');
  await c.context().close();

  // The accepted responder keeps paying for a good lead.
  const a = await signedIn(browser, anil.email);
  expect(await balanceOf(a)).toBe('85 tracecoins');
  await a.context().close();
});

test('the customer reviews the accepted photographer, a moderator publishes it, and strangers are refused', async ({ browser }) => {
  const [anil] = pros;
  const visitor = await newPage(browser);
  await goto(visitor, `/search?q=${encodeURIComponent(anil.name)}`);
  await visitor.getByRole('link', { name: anil.name }).first().click();
  await expect(visitor).toHaveURL(/\/p\/[a-z0-9-]+$/);
  const profilePath = new URL(visitor.url()).pathname;
  const slug = profilePath.split('/').pop() ?? '';
  await expect(visitor.getByTestId('ratings')).toContainText('No reviews yet');

  // A photographer who never had a request accepted by Anil's customer: refused, clearly.
  const stranger = await signedIn(browser, poorPro.email);
  await goto(stranger, `/reviews/new?profile=${slug}`);
  await expect(stranger.getByTestId('review-refused')).toContainText('after they have responded to one of your requests');
  await expect(stranger.getByLabel('Your review')).toHaveCount(0);

  // The customer accepted Anil's response: bad input first, then a real review.
  const page = await signedIn(browser, customerEmail);
  await goto(page, `/reviews/new?profile=${slug}`);
  await page.getByLabel('Your review').fill('Great');
  await page.getByRole('button', { name: 'Send review' }).click();
  await expect(page.locator('#rating-error')).not.toBeEmpty();
  await expect(page.locator('#text-error')).toContainText('20');
  await page.locator('label[for="rating-5"]').click();
  await page.getByLabel('Your review').fill('Anil covered both days beautifully; the candid shots of the haldi are our favourites.');
  await page.getByRole('button', { name: 'Send review' }).click();
  await expect(page.getByTestId('review-sent')).toBeVisible();
  // Not public until a moderator publishes it (a signed-in viewer never gets a cached page).
  await goto(stranger, profilePath);
  await expect(stranger.getByTestId('ratings')).toContainText('No reviews yet');
  // One review per customer and professional.
  await goto(page, `/reviews/new?profile=${slug}`);
  await expect(page.getByTestId('review-refused')).toContainText('already reviewed');
  await page.context().close();

  const staff = await signedIn(browser, moderatorEmail);
  await goto(staff, '/staff/reviews');
  const item = staff.getByRole('listitem', { name: `Review of ${anil.name}` });
  await expect(item).toContainText('candid shots of the haldi');
  await item.getByRole('button', { name: 'Publish' }).click();
  await expect(item.getByTestId('review-decided')).toContainText('Published');
  await staff.context().close();

  await goto(stranger, profilePath);
  await expect(stranger.getByTestId('rating-average')).toContainText('5.0');
  await expect(stranger.getByTestId('rating-average')).toContainText('1 review');
  await expect(stranger.getByTestId('review').first()).toContainText('candid shots of the haldi');
  await stranger.context().close();
  // Visitors without a session may get the page from the short visitors' cache
  // (NXG_PAGE_CACHE_SECS, 10 s); once it expires they see the new rating too.
  await expect(async () => {
    await goto(visitor, profilePath);
    await expect(visitor.getByTestId('rating-average')).toContainText('5.0', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await visitor.context().close();
});
