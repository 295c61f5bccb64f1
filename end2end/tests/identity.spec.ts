import { expect, test } from '@playwright/test';
import {
  PASSWORD,
  confirmFromOutbox,
  extractLink,
  latestEmailTo,
  logIn,
  register,
  uniqueEmail,
  waitForHydration,
} from './helpers';

test('register, confirm the email from the outbox, log in and log out', async ({ page }) => {
  const email = uniqueEmail('journey');
  await register(page, email, { name: 'Meera Iyer' });
  await expect(page.getByTestId('register-success')).toContainText(email);

  // Logging in before confirming is refused with a clear message.
  await logIn(page, email);
  await expect(page.getByRole('alert')).toContainText('confirm your email');

  await confirmFromOutbox(page, email);
  await logIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('header-user')).toHaveText('Meera Iyer');
  await expect(page.getByTestId('account-email')).toHaveText(email);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.goto('/account');
  await expect(page.getByText('Please log in to see your account.')).toBeVisible();
});

test('a duplicate email gets a field error beside the email', async ({ page }) => {
  const email = uniqueEmail('dup');
  await register(page, email);
  await expect(page.getByTestId('register-success')).toBeVisible();
  await register(page, email.toUpperCase());
  const emailInput = page.getByLabel('Email');
  await expect(emailInput).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#email-error')).toContainText('already exists');
});

test('bad input on the sign-up form is reported field by field', async ({ page }) => {
  await page.goto('/register');
  await waitForHydration(page);
  await page.getByLabel('Your name').fill('A');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Company').check();
  await page.getByLabel('I want to join as').selectOption('tutor');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#name-error')).toContainText('at least 2 characters');
  await expect(page.locator('#email-error')).toContainText('name@example.com');
  await expect(page.locator('#password-error')).toContainText('at least 8 characters');
  await expect(page.locator('#role-error')).toContainText('Company accounts');
  await expect(page.getByTestId('register-success')).toHaveCount(0);
});

test('the page is hydrated: the password helper reacts to typing', async ({ page }) => {
  await page.goto('/register');
  await waitForHydration(page);
  const password = page.getByLabel('Password', { exact: true });
  await password.fill('abc');
  await expect(page.getByTestId('password-count')).toHaveText('3 characters — 5 more needed.');
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(password).toHaveAttribute('type', 'text');
});

test('repeated wrong passwords lock the account with a clear message', async ({ page }) => {
  const email = uniqueEmail('lock');
  await register(page, email);
  await confirmFromOutbox(page, email);
  for (let i = 1; i <= 4; i++) {
    await logIn(page, email, `wrong password ${i}`);
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  }
  await logIn(page, email, 'wrong password 5');
  await expect(page.getByRole('alert')).toContainText('locked until');
  // Even the right password is refused while locked.
  await logIn(page, email);
  await expect(page.getByRole('alert')).toContainText('locked until');
  const notice = await latestEmailTo(email);
  expect(notice.subject.toLowerCase()).toContain('locked');
});

test('an unknown email gets the same answer as a wrong password', async ({ page }) => {
  await logIn(page, uniqueEmail('nobody'));
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
});

test('forgotten password: reset by email, then log in with the new one', async ({ page }) => {
  const email = uniqueEmail('reset');
  await register(page, email);
  await confirmFromOutbox(page, email);

  await page.goto('/login');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel('Email').fill(email);
  const before = Date.now();
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByTestId('forgot-success')).toBeVisible();

  const mail = await latestEmailTo(email, { after: before - 1000 });
  expect(mail.subject).toContain('Reset');
  await page.goto(extractLink(mail.body));
  await waitForHydration(page);
  await page.getByLabel('New password', { exact: true }).fill('a new long password');
  await page.getByLabel('Repeat the new password').fill('does not match');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.locator('#confirm_password-error')).toContainText('do not match');
  await page.getByLabel('Repeat the new password').fill('a new long password');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByTestId('reset-success')).toBeVisible();

  await logIn(page, email);
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  await logIn(page, email, 'a new long password');
  await expect(page).toHaveURL(/\/account$/);
});

test('account settings: rename, change password, sign out other sessions', async ({ browser }) => {
  const email = uniqueEmail('account');
  const first = await browser.newContext();
  const page = await first.newPage();
  await register(page, email);
  await confirmFromOutbox(page, email);
  await logIn(page, email);
  await expect(page).toHaveURL(/\/account$/);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, email);
  await expect(otherPage).toHaveURL(/\/account$/);

  await page.reload();
  await waitForHydration(page);
  await page.getByLabel('Display name').fill('Asha the Photographer');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('toast').first()).toContainText('Settings saved');
  await expect(page.getByTestId('header-user')).toHaveText('Asha the Photographer');

  await page.getByLabel('Display name').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#display_name-error')).toContainText('Enter your name');

  await expect(page.getByTestId('session-list').locator('li')).toHaveCount(2);
  await page.getByRole('button', { name: 'Sign out of all other sessions' }).click();
  await expect(page.getByTestId('toast').last()).toContainText('Signed out of 1 other session');
  await otherPage.goto('/account');
  await expect(otherPage.getByText('Please log in to see your account.')).toBeVisible();

  await page.getByLabel('Current password').fill('wrong current');
  await page.getByLabel('New password', { exact: true }).fill('an even newer password');
  await page.getByLabel('Repeat the new password').fill('an even newer password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#current_password-error')).toContainText('not correct');
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('toast').last()).toContainText('Password changed');
  await first.close();
  await other.close();
});

test('unknown pages answer 404 with a way home', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('health probes answer', async ({ request }) => {
  expect((await request.get('/healthz')).status()).toBe(200);
  expect((await request.get('/readyz')).status()).toBe(200);
});

test('cross-site form posts are refused', async ({ request }) => {
  const res = await request.post('/api/identity/login', {
    headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    data: 'email=a%40b.in&password=whatever1',
  });
  expect(res.status()).toBe(403);
});

test('refusals are client errors with a machine-readable code', async ({ request }) => {
  const res = await request.post('/api/identity/login', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: `email=${encodeURIComponent(uniqueEmail('api'))}&password=whatever1`,
  });
  expect(res.status()).toBe(401);
  const body = await res.json();
  expect(body.code).toBe('invalid_credentials');
  const bad = await request.post('/api/identity/register', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: 'name=&email=x&password=1&account_type=INDIVIDUAL&role=CUSTOMER',
  });
  expect(bad.status()).toBe(422);
  expect(Object.keys((await bad.json()).fields).sort()).toEqual(['email', 'name', 'password']);
});
