import { expect, test } from '@playwright/test';
import {
  createStaff,
  logIn,
  newPage,
  signUp,
  uniqueEmail,
  waitForHydration,
} from './helpers';

// A finance staff member grants a bonus; the owner sees it in the wallet and its CSV.
test.describe.configure({ mode: 'serial' });

let ownerEmail = '';

test('a new account has an empty wallet', async ({ page }) => {
  ownerEmail = await signUp(page, 'wallet', { name: 'Tara Wallet', role: 'photographer' });
  await page.getByRole('link', { name: 'Wallet', exact: true }).first().click();
  await expect(page).toHaveURL(/\/wallet$/);
  await expect(page.getByTestId('wallet-balance')).toHaveText('0 tracecoins');
  await expect(page.getByTestId('ledger-empty')).toBeVisible();
});

test('finance staff grant a bonus after fixing bad input', async ({ browser }) => {
  const staffEmail = uniqueEmail('finance');
  createStaff(staffEmail, 'Farah Finance', 'FINANCE');
  const staff = await newPage(browser);
  await logIn(staff, staffEmail);
  await expect(staff).toHaveURL(/\/account$/);
  await staff.goto('/staff');
  await waitForHydration(staff);
  await staff.getByRole('link', { name: 'Grant tracecoin bonus' }).click();
  await expect(staff).toHaveURL(/\/staff\/wallet-bonus$/);
  await waitForHydration(staff);

  // Bad input: every field is reported and nothing is granted.
  await staff.getByLabel('Account e-mail').fill('nobody-here@example.in');
  await staff.getByLabel('Tracecoins').fill('0');
  await staff.getByLabel('Remarks').fill('short');
  await staff.getByRole('button', { name: 'Grant bonus' }).click();
  await expect(staff.locator('#email-error')).toContainText('No account has this e-mail address');
  await expect(staff.locator('#amount-error')).toContainText('above zero');
  await expect(staff.locator('#remarks-error')).toContainText('10 to 500 characters');

  await staff.getByLabel('Account e-mail').fill(ownerEmail);
  await staff.getByLabel('Tracecoins').fill('75');
  await staff.getByLabel('Remarks').fill('Welcome bonus for early photographers');
  await staff.getByRole('button', { name: 'Grant bonus' }).click();
  await expect(staff.getByTestId('bonus-granted')).toContainText('Granted 75 tracecoins');
  await expect(staff.getByTestId('bonus-granted')).toContainText('balance is now 75 tracecoins');
  await staff.context().close();
});

test('the owner sees the bonus, filters the ledger and downloads it', async ({ page }) => {
  await logIn(page, ownerEmail);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto('/wallet');
  await waitForHydration(page);
  await expect(page.getByTestId('wallet-balance')).toHaveText('75 tracecoins');
  const ledger = page.getByTestId('ledger');
  await expect(ledger).toContainText('Bonus');
  await expect(ledger).toContainText('Welcome bonus for early photographers');
  await expect(ledger).toContainText('+75');

  await page.getByLabel('Type').selectOption('DEBIT');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/type=DEBIT/);
  await expect(page.getByTestId('ledger-empty')).toBeVisible();

  const csv = await page.request.get('/wallet/export.csv');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  expect(text.split('\n')[0]).toBe('date_ist,type,reason,amount,balance_after,reference_id,remarks,entry_id');
  expect(text).toContain('CREDIT,BONUS,75,75,,Welcome bonus for early photographers');

  // Not signed in: no export.
  const anonymous = await page.context().browser()!.newContext();
  expect((await anonymous.request.get(`${new URL(page.url()).origin}/wallet/export.csv`)).status()).toBe(401);
  await anonymous.close();
});

test('people without the permission cannot grant', async ({ page }) => {
  await logIn(page, ownerEmail);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto('/staff/wallet-bonus');
  await waitForHydration(page);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('Tracecoins')).toHaveCount(0);
});
