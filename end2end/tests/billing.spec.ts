import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createStaff, goto, logIn, nxtgauge, signedIn, signUp, uniqueEmail, waitForHydration } from './helpers';

// A professional buys tracecoins with a coupon through the sandbox gateway's pay page and
// reads the GST invoice;
// a declined payment adds nothing and says so; bad checkout input is reported by field;
// finance staff create a coupon and refund part of the paid order, with a credit note.
test.describe.configure({ mode: 'serial' });

let email = '';
const code = `WELCOME${Date.now() % 1_000_000}`;

test('the pricing page lists the packages with GST, for visitors too', async ({ page }) => {
  await page.goto('/pricing');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: 'Pricing', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tracecoins for professionals' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Contact views for companies and customers' })).toBeVisible();
  // Starter: ₹499 + 18% GST.
  const starter = page.getByTestId('package').filter({ hasText: 'Starter' });
  await expect(starter).toContainText('₹588.82');
  await expect(starter).toContainText('₹499 + ₹89.82 GST');
  await expect(starter).toContainText('100 tracecoins');
});

test('bad checkout input is reported field by field', async ({ page }) => {
  email = await signUp(page, 'buyer', { name: 'Bina Buyer', role: 'photographer' });
  nxtgauge('create-coupon', code, '--percent', '10');
  await page.goto('/pricing');
  await waitForHydration(page);
  await expect(page.getByTestId('balance-tracecoins')).toContainText('You have 0 tracecoins');
  await page.getByRole('link', { name: 'Buy Starter' }).click();
  await expect(page).toHaveURL(/\/checkout\?package=/);
  await waitForHydration(page);
  await page.getByLabel('Name on the invoice').fill('');
  await page.getByLabel('GSTIN (optional)').fill('27AAPFU0939F1ZW');
  await page.getByLabel('Coupon (optional)').fill('NO-SUCH-CODE');
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.locator('#billing_name-error')).toContainText('name to put on the invoice');
  await expect(page.locator('#state_code-error')).toContainText('place of supply');
  await expect(page.locator('#gstin-error')).toContainText('last character does not match');
  await expect(page).toHaveURL(/\/checkout/);
});

test('a professional buys a bundle with a coupon and gets the tracecoins', async ({ page }) => {
  await logIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  // Sent here from the lead feed when short of tracecoins: back there after paying.
  await page.goto('/pricing?back=%2Fpro%2Fleads');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Buy Starter' }).click();
  await waitForHydration(page);
  await page.getByLabel('Name on the invoice').fill('Bina Buyer Studio');
  await page.getByLabel('State (place of supply)').selectOption({ label: 'Karnataka' });
  await page.getByLabel('Coupon (optional)').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Update total' }).click();
  // ₹499 − 10% = ₹449.10; CGST and SGST 9% each ₹40.42 (the supplier is in Karnataka).
  await expect(page.getByTestId('coupon-applied')).toContainText(code);
  await expect(page.getByTestId('taxable')).toHaveText('₹449.10');
  await expect(page.getByTestId('cgst')).toHaveText('₹40.42');
  await expect(page.getByTestId('total')).toHaveText('₹529.94');

  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page).toHaveURL(/\/sandbox\/pay\/sbo_/);
  await expect(page.locator('#sandbox-amount')).toHaveText('₹529.94');
  await page.getByRole('button', { name: 'Pay ₹529.94' }).click();
  await expect(page).toHaveURL(/\/billing\/orders\//);
  await waitForHydration(page);
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByText('100 tracecoins added to your account')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go back to what you were doing' })).toHaveAttribute('href', '/pro/leads');

  // The GST invoice: its number, the supplier's GSTIN, the split and the total in words.
  await page.getByTestId('invoice-link').click();
  await expect(page).toHaveURL(/\/billing\/invoices\//);
  await expect(page.getByTestId('invoice-number')).toHaveText(/^NXG\d{4}\d{6}$/);
  await expect(page.getByTestId('supplier-gstin')).toHaveText('29AAHCN4417K1Z4');
  await expect(page.getByTestId('invoice').getByTestId('cgst')).toHaveText('₹40.42');
  await expect(page.getByTestId('invoice').getByTestId('total')).toHaveText('₹529.94');
  await expect(page.getByTestId('total-in-words')).toHaveText('Rupees Five Hundred and Twenty-Nine and Ninety-Four Paise Only');
  const number = (await page.getByTestId('invoice-number').textContent()) ?? '';

  // The PDF download, read as text (pdftotext from poppler-utils, see scripts/setup.sh).
  const href = (await page.getByTestId('invoice-pdf').getAttribute('href')) ?? '';
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toContain(`${number}.pdf`);
  const file = path.join(os.tmpdir(), `invoice-${Date.now()}.pdf`);
  fs.writeFileSync(file, await pdf.body());
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ');
  fs.rmSync(file);
  for (const needle of [number, 'GSTIN 29AAHCN4417K1Z4', 'Place of supply Karnataka (29)', 'CGST 9% ₹40.42', 'SGST 9% ₹40.42', 'Total ₹529.94', 'Rupees Five Hundred and Twenty-Nine and Ninety-Four Paise Only']) {
    expect(text).toContain(needle);
  }
  // Nobody else gets it.
  const visitor = await page.context().browser()!.newContext();
  const refused = await visitor.request.get(new URL(href, page.url()).toString());
  expect(refused.status()).toBe(401);
  await visitor.close();

  await page.goto('/wallet');
  await waitForHydration(page);
  await expect(page.getByTestId('wallet-balance')).toHaveText('100 tracecoins');
});

test('a declined payment adds nothing and says so', async ({ page }) => {
  await logIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto('/pricing');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Buy Pro' }).click();
  await waitForHydration(page);
  // The last order's billing details are filled in.
  await expect(page.getByLabel('Name on the invoice')).toHaveValue('Bina Buyer Studio');
  await expect(page.getByTestId('total')).toHaveText('₹2,358.82');
  // The coupon was for one use.
  await page.getByLabel('Coupon (optional)').fill(code);
  await page.getByRole('button', { name: 'Update total' }).click();
  await expect(page.locator('#coupon-error')).toContainText('already used this coupon');
  await page.getByLabel('Coupon (optional)').fill('');
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page).toHaveURL(/\/sandbox\/pay\//);
  await page.getByRole('button', { name: 'Fail the payment' }).click();
  await expect(page).toHaveURL(/\/billing\/orders\//);
  await waitForHydration(page);
  await expect(page.getByTestId('order-status')).toHaveText('Payment failed');
  await expect(page.getByRole('alert')).toContainText('Nothing was added');

  await page.goto('/billing');
  await waitForHydration(page);
  await expect(page.getByTestId('order-row')).toHaveCount(2);
  await page.goto('/wallet');
  await waitForHydration(page);
  await expect(page.getByTestId('wallet-balance')).toHaveText('100 tracecoins');
});

test('finance staff create a coupon and refund part of an order', async ({ browser }) => {
  test.setTimeout(120_000);
  const financeEmail = uniqueEmail('finance');
  createStaff(financeEmail, 'Farah Finance', 'FINANCE');
  const staff = await signedIn(browser, financeEmail);
  await goto(staff, '/staff');
  await staff.getByRole('link', { name: 'Finance: orders, refunds and coupons' }).click();
  await expect(staff).toHaveURL(/\/staff\/finance$/);
  await expect(staff.getByTestId('revenue-today')).toHaveText(/^₹/);

  // A coupon: refused field by field, then created and listed.
  await staff.getByRole('link', { name: 'Coupons' }).click();
  await expect(staff).toHaveURL(/\/staff\/finance\/coupons$/);
  await waitForHydration(staff);
  const festive = `FESTIVE${Date.now() % 100000}`;
  await staff.getByLabel('Code').fill('x');
  await staff.getByLabel('Value').fill('150');
  await staff.getByRole('button', { name: 'Create coupon' }).click();
  await expect(staff.locator('#code-error')).toContainText('3 to');
  await expect(staff.locator('#value-error')).toContainText('1 to 100');
  await staff.getByLabel('Code').fill(festive);
  await staff.getByLabel('Value').fill('15');
  await staff.getByLabel('Most it takes off (₹)').fill('300');
  await staff.getByLabel('Uses in all').fill('100');
  await staff.getByRole('button', { name: 'Create coupon' }).click();
  await expect(staff.getByText(`Coupon ${festive} created.`)).toBeVisible();
  await expect(staff.getByTestId('coupons')).toContainText(`${festive} · 15% off (at most ₹300)`);

  // The buyer's paid order, found by e-mail; too much is refused, ₹100 goes back.
  await goto(staff, `/staff/finance?status=COMPLETED&q=${encodeURIComponent(email)}`);
  const orders = staff.getByTestId('finance-orders');
  await expect(orders.getByRole('row')).toHaveCount(2);
  await orders.getByRole('link').first().click();
  await waitForHydration(staff);
  await expect(staff.getByLabel('Amount in rupees')).toHaveValue('529.94');
  await staff.getByLabel('Amount in rupees').fill('600');
  await staff.getByLabel('Reason').fill('Goodwill for a slow upload');
  await staff.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(staff.locator('#amount-error')).toContainText('At most ₹529.94');
  await staff.getByLabel('Amount in rupees').fill('100');
  await staff.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(staff.getByText(/Refunded\. Credit note NXGC\d{10} issued\./)).toBeVisible();
  await expect(staff.getByTestId('finance-refunded')).toHaveText('₹100');
  await expect(staff.getByTestId('credit-notes')).toContainText('Goodwill for a slow upload');
  await staff.context().close();

  // The buyer: 19 of the 100 tracecoins went back with the ₹100 (rounded up), and the
  // credit note is on the order.
  const buyer = await signedIn(browser, email);
  await goto(buyer, '/wallet');
  await expect(buyer.getByTestId('wallet-balance')).toHaveText('81 tracecoins');
  await goto(buyer, '/billing');
  await buyer.getByTestId('order-row').filter({ hasText: 'Paid' }).getByRole('link').first().click();
  await waitForHydration(buyer);
  const refunds = buyer.getByTestId('refunds');
  await expect(refunds).toContainText('₹100 refunded: Goodwill for a slow upload');
  const href = (await refunds.getByRole('link').getAttribute('href')) ?? '';
  const pdf = await buyer.request.get(href);
  expect(pdf.status()).toBe(200);
  const file = path.join(os.tmpdir(), `credit-note-${Date.now()}.pdf`);
  fs.writeFileSync(file, await pdf.body());
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, ' ');
  fs.rmSync(file);
  for (const needle of ['Credit note', 'Against invoice NXG', 'Total ₹100', 'Rupees One Hundred Only']) {
    expect(text).toContain(needle);
  }
  await buyer.context().close();
});
