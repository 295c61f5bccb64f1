import { expect, test } from '@playwright/test';
import {
  createStaff,
  goto,
  latestEmailTo,
  logIn,
  makePdf,
  makePng,
  newPage,
  PASSWORD,
  signUp,
  uniqueEmail,
  waitForHydration,
} from './helpers';

// One professional's whole journey, from sign-up to being found in search. The steps
// share state (the photographer's account, profile and documents), so they run in order.
test.describe.configure({ mode: 'serial' });

const NAME = `Riya Kapoor ${Date.now() % 100000}`;
let proEmail = '';
let staffEmail = '';
let documentUrl = '';
let slug = '';

test('a new user becomes a photographer and fills the profile', async ({ page }) => {
  proEmail = await signUp(page, 'photographer', { name: NAME, role: 'photographer' });

  await goto(page, '/pro');
  await page.getByRole('button', { name: /Create your Photographer profile/ }).click();
  await expect(page).toHaveURL(/\/pro\/photographer$/);
  await waitForHydration(page);

  await page.getByLabel('Display name').fill(NAME);
  // Contact details in free text are refused with a field error, and nothing is saved.
  await page.getByLabel('Bio').fill('Candid wedding photographer. Call me on 98765 43210 for bookings.');
  await page.getByLabel('City').selectOption('Pune');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.locator('#bio-error')).toContainText('phone number');

  await page
    .getByLabel('Bio')
    .fill('Candid wedding and pre-wedding photographer in Pune with ten years of experience and a calm, story-first style.');
  const specialties = page.getByLabel('Specialties', { exact: true });
  await specialties.fill('Wedding');
  await specialties.press('Enter');
  await specialties.fill('Candid');
  await specialties.press('Enter');
  await page.getByLabel('Starting price').fill('15000');
  await page.getByLabel('Show my profile in search').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved')).toBeVisible();

  await page.reload();
  await waitForHydration(page);
  await expect(page.getByLabel('Starting price')).toHaveValue('15000');
  await expect(page.getByLabel('City')).toHaveValue('Pune');

  // A profile photo: uploaded at once, shown, and kept after a reload.
  await page
    .getByLabel('Upload a photo', { exact: true })
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: makePng(500, 300, [59, 130, 246], [250, 204, 21]) });
  await expect(page.getByText('Profile photo updated.')).toBeVisible();
  await expect(page.getByTestId('avatar')).toHaveAttribute('src', /^\/media\/avatars\//);
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByTestId('avatar')).toHaveAttribute('src', /^\/media\/avatars\//);
});

test('the photographer uploads three portfolio images and adds two services', async ({ page }) => {
  await logIn(page, proEmail);
  await expect(page).toHaveURL(/\/account$/);
  await goto(page, '/pro/photographer/portfolio');
  await page.getByLabel('Title').fill('Wedding at Udaipur');
  await page.getByLabel('Description').first().fill('Three days of haldi, pheras and a lake-side reception.');
  await page.getByRole('button', { name: 'Add item' }).click();
  const upload = page.getByLabel('Add images to Wedding at Udaipur');
  await expect(upload).toBeVisible();
  await upload.setInputFiles([
    { name: 'haldi.png', mimeType: 'image/png', buffer: makePng(640, 420, [245, 158, 11], [124, 58, 237]) },
    { name: 'pheras.png', mimeType: 'image/png', buffer: makePng(640, 420, [16, 185, 129], [30, 58, 138]) },
    { name: 'lake.png', mimeType: 'image/png', buffer: makePng(420, 640, [239, 68, 68], [253, 230, 138]) },
  ]);
  const gallery = page.getByRole('list', { name: /Images of Wedding at Udaipur/ });
  await expect(gallery.getByRole('img')).toHaveCount(3);

  // A text with a link is refused with a field error.
  await goto(page, '/pro/photographer/services');
  await page.getByLabel('Service name').fill('Wedding day coverage');
  await page.getByLabel('Description').fill('Full day, two shooters. Samples at riyaclicks.com');
  await page.getByLabel('Price (₹)').fill('18000');
  await page.getByRole('button', { name: 'Add service' }).click();
  await expect(page.locator('#new-service-description-error')).toContainText('link');

  await page.getByLabel('Description').fill('Full day, two shooters, 400 edited photos.');
  await page.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByTestId('service-row')).toHaveCount(1);
  await page.getByLabel('Service name').fill('Pre-wedding shoot');
  await page.getByLabel('Description').fill('Half day at one location, 60 edited photos.');
  await page.getByLabel('Price (₹)').fill('12000');
  await page.getByLabel('Duration (minutes)').fill('240');
  await page.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByTestId('service-row')).toHaveCount(2);
  await expect(page.getByTestId('service-row').filter({ hasText: 'Pre-wedding shoot' })).toContainText('₹12,000');
});

test('the photographer submits the profile and starts verification with a document', async ({ page }) => {
  await logIn(page, proEmail);
  await expect(page).toHaveURL(/\/account$/);
  await goto(page, '/pro/photographer');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText(/In review/).first()).toBeVisible();

  await goto(page, '/pro/photographer/verification');
  await page.getByLabel('What do you want to verify?').selectOption('IDENTITY');
  await page.getByRole('button', { name: 'Start verification' }).click();
  await page.getByLabel('Type of document').selectOption('AADHAAR');
  await page
    .getByLabel('File', { exact: true })
    .setInputFiles({ name: 'aadhaar.pdf', mimeType: 'application/pdf', buffer: makePdf('Aadhaar of Riya') });
  const view = page.getByRole('link', { name: /View/ }).first();
  await expect(view).toBeVisible();
  documentUrl = (await view.getAttribute('href')) ?? '';
  expect(documentUrl).toMatch(/^\/files\/verification-documents\//);
  // The owner can download their own document.
  const own = await page.request.get(documentUrl);
  expect(own.status()).toBe(200);
  expect((await own.body()).subarray(0, 4).toString()).toBe('%PDF');
});

test('another user cannot download the document or edit the profile', async ({ browser }) => {
  const other = await newPage(browser);
  // Anonymous: 401.
  expect((await other.request.get(documentUrl)).status()).toBe(401);
  await signUp(other, 'nosy', { name: 'Nosy Parker', role: 'CUSTOMER' });
  expect((await other.request.get(documentUrl)).status()).toBe(403);
  // Editing happens on one's own profile only: there is nothing to edit here.
  await goto(other, '/pro/photographer');
  await expect(other.getByLabel('Display name')).toHaveCount(0);
  await other.context().close();
});

test('staff approve the profile and the verification', async ({ browser }) => {
  staffEmail = uniqueEmail('verifier');
  createStaff(staffEmail, 'Vikram Verifier', 'VERIFIER');
  const staff = await newPage(browser);
  await logIn(staff, staffEmail);
  await expect(staff).toHaveURL(/\/account$/);
  await expect(staff.getByRole('link', { name: 'Staff' })).toBeVisible();

  await goto(staff, '/staff/approvals');
  await staff.getByRole('link', { name: NAME }).first().click();
  await waitForHydration(staff);
  await expect(staff.getByText('Wedding day coverage')).toBeVisible();
  // Rejecting needs remarks.
  const before = Date.now();
  await staff.getByLabel('Remarks').fill('Looks great, welcome aboard.');
  await staff.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(staff.getByText('Approved. The submitter has been notified.')).toBeVisible();
  const approved = await latestEmailTo(proEmail, { after: before - 1000 });
  expect(approved.subject.toLowerCase()).toContain('approved');

  await goto(staff, '/staff/verifications');
  await staff.getByRole('link', { name: NAME }).first().click();
  await waitForHydration(staff);
  const doc = await staff.request.get(documentUrl);
  expect(doc.status()).toBe(200);
  await staff.getByRole('button', { name: 'Approve document' }).click();
  await expect(staff.getByText(/Approved/).first()).toBeVisible();
  await staff.getByRole('button', { name: 'Approve — mark verified' }).click();
  await expect(staff.getByText(/verified/i).first()).toBeVisible();
  await staff.context().close();
});

test('the profile is found in search by role, city and price, and shows the badge', async ({ page }) => {
  await goto(page, '/search?role=photographer&city=Pune&max_price=20000');
  const card = page.getByRole('link', { name: new RegExp(NAME) }).first();
  await expect(card).toBeVisible();
  // Over budget: not listed.
  await goto(page, '/search?role=photographer&city=Pune&max_price=5000');
  await expect(page.getByRole('link', { name: new RegExp(NAME) })).toHaveCount(0);
  // Another city: not listed.
  await goto(page, '/search?role=photographer&city=Chennai&max_price=20000');
  await expect(page.getByRole('link', { name: new RegExp(NAME) })).toHaveCount(0);

  // The search form drives the same URL.
  await goto(page, '/search');
  await page.getByLabel('Profession').selectOption('photographer');
  await page.getByLabel('City').selectOption('Pune');
  await page.getByLabel('Max price (₹)').fill('20000');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/role=photographer/);
  await page.getByRole('link', { name: new RegExp(NAME) }).first().click();
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+$/);
  slug = new URL(page.url()).pathname.split('/').pop() ?? '';
  await expect(page.getByRole('heading', { level: 1 })).toContainText(NAME);
  await expect(page.getByText('Verified by Nxtgauge')).toBeVisible();
  await expect(page.getByAltText(`Photo of ${NAME}`)).toHaveAttribute('src', /^\/media\/avatars\//);
  await expect(page.getByText('Pre-wedding shoot')).toBeVisible();
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', new RegExp(NAME));
  expect(slug).not.toBe('');

  const sitemap = await page.request.get('/sitemap.xml');
  expect(sitemap.status()).toBe(200);
  expect(await sitemap.text()).toContain(`/p/${slug}`);
});

test('the professional sees the outcome in the UI', async ({ page }) => {
  await logIn(page, proEmail, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await goto(page, '/pro');
  await expect(page.getByText('Live').first()).toBeVisible();
  await expect(page.getByText('Verified').first()).toBeVisible();
});
