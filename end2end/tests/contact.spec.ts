import { expect, test } from '@playwright/test';
import {
  approve,
  createStaff,
  goto,
  newPage,
  photographerInReview,
  signedIn,
  signUp,
  uniqueEmail,
  waitForHydration,
} from './helpers';

// Contact views: an approved photographer gives a mobile number; a company short of
// contact views is offered the pack, buys it through the sandbox, comes back to the
// profile and reveals the phone (once: looking again is free); the photographer sees who
// viewed.
test.describe.configure({ mode: 'serial' });

const RUN = Date.now() % 100000;
const NAME = `Zoya Frames ${RUN}`;
let proEmail = '';
let slug = '';

test('an approved photographer adds the phone a contact view shows', async ({ browser }) => {
  test.setTimeout(180_000);
  proEmail = await photographerInReview(browser, 'contactpro', NAME);
  const moderatorEmail = uniqueEmail('contactmod');
  createStaff(moderatorEmail, 'Mona Moderator', 'MODERATOR');
  const staff = await signedIn(browser, moderatorEmail);
  await approve(staff, NAME);
  await staff.context().close();

  const page = await signedIn(browser, proEmail);
  await goto(page, '/pro/photographer');
  const card = page.locator('#contact-views');
  await card.getByLabel('Mobile number').fill('12345');
  await card.getByRole('button', { name: 'Save contact details' }).click();
  await expect(page.locator('#phone-error')).toContainText('10-digit Indian mobile number');
  await card.getByLabel('Mobile number').fill('98220 45678');
  await card.getByRole('button', { name: 'Save contact details' }).click();
  await expect(page.getByText('Contact details saved.')).toBeVisible();
  await expect(card.getByText('Nobody yet.')).toBeVisible();
  slug = ((await page.getByRole('link', { name: 'View your public page' }).getAttribute('href')) ?? '').replace('/p/', '');
  expect(slug).not.toBe('');
  await page.context().close();
});

test('a company buys contact views and reveals the phone once', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await newPage(browser);
  await signUp(page, 'contactco', { name: 'Ravi Shah', role: 'COMPANY' });
  await page.goto(`/p/${slug}`);
  const panel = page.getByTestId('contact-panel');
  await expect(panel).toContainText('You have none left');
  await expect(panel).not.toContainText('98220');
  await panel.getByTestId('buy-link').click();
  await expect(page).toHaveURL(/\/pricing\?back=.*#contact-views$/);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Buy 10 Contact Views' }).click();
  await waitForHydration(page);
  await page.getByLabel('Name on the invoice').fill('Shah Traders');
  await page.getByLabel('State (place of supply)').selectOption({ label: 'Gujarat' });
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page).toHaveURL(/\/sandbox\/pay\//);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/billing\/orders\//);
  await waitForHydration(page);
  await expect(page.getByText('10 contact views added to your account')).toBeVisible();
  await page.getByRole('link', { name: 'Go back to what you were doing' }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${slug}`));

  await expect(panel).toContainText('Uses 1 of your 10 contact views');
  await panel.getByTestId('reveal-contact').click();
  await expect(page).toHaveURL(new RegExp(`/p/${slug}#contact$`));
  await expect(panel.getByTestId('contact-details')).toContainText('+91 98220 45678');
  await expect(panel.getByRole('link', { name: '+91 98220 45678' })).toHaveAttribute('href', 'tel:+919822045678');
  await expect(panel).toContainText('Coming back is free');
  await page.reload();
  await expect(panel.getByTestId('contact-details')).toBeVisible();
  await page.goto('/pricing');
  await waitForHydration(page);
  await expect(page.getByTestId('balance-contact-views')).toContainText('9 contact views');
  await page.context().close();
});

test('the photographer sees who viewed', async ({ browser }) => {
  const page = await signedIn(browser, proEmail);
  await goto(page, '/pro/photographer');
  const viewers = page.getByTestId('contact-viewers');
  await expect(viewers).toContainText('Ravi Shah');
  await goto(page, '/notifications');
  await expect(page.getByText('Ravi Shah viewed your contact details')).toBeVisible();
  await page.context().close();
});
