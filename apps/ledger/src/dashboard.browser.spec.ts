import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { infra, waitFor } from '@spbe/ledger-core/testing';
import { ledgerUnderTest } from './testing/ledger';
import { seedKupang } from './testing/scenario';

// Debian's chromium (scripts/infra/up chromium); CHROMIUM_PATH overrides the default location.
if (!process.env.CHROMIUM_PATH && existsSync('/usr/bin/chromium')) process.env.CHROMIUM_PATH = '/usr/bin/chromium';
const browserTarget = infra('CHROMIUM_PATH', "headless Chromium (Debian's chromium package)");
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The dashboard driven in headless Chromium against the all-in-one app; leaves a screenshot in docs/. */
browserTarget.describe('dashboard in headless Chromium', () => {
  const root = join(__dirname, '..', '..', '..');
  const ledger = ledgerUnderTest('dashboard', { listen: true });
  const { http, as } = ledger;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await seedKupang(http, as);
    browser = await chromium.launch({ executablePath: browserTarget.url, args: FLAGS, headless: true });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in with a token and shows index, predicate, trend, compliance, audit programme and the audit trail', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ledger.url}/`);
    expect(await page.textContent('h2[data-i18n="signIn"]')).toBe('Masuk');
    await page.fill('#token', (await as('inspektorat')).replace('Bearer ', ''));
    await page.click('#load');
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
    expect(await page.inputValue('#tenant')).toBe('kota-kupang');
    const index = await page.textContent('#index-value');
    expect(index).toMatch(/^\d\.\d\d$/);
    const result = (await http().get('/api/evaluation/tenants/kota-kupang/cycles/pemdi-2026-2026/result').set('authorization', await as('viewer'))).body;
    expect(index).toBe(result.index);
    expect(await page.textContent('#index-predicate')).toBe(result.predicate);
    expect(await page.locator('#trend-chart svg circle').count()).toBe(1);
    expect(await page.locator('#aspect-chart svg rect').count()).toBe(7);
    expect(await page.locator('#compliance-rows tr').count()).toBeGreaterThan(0);
    expect(await page.textContent('#compliance-rows')).toContain('kupang-perwali-11-2025 Pasal');
    expect(await page.locator('#compliance-years tr').count()).toBe(1);
    expect(await page.textContent('#compliance-years')).toContain(new Date().toISOString().slice(0, 4));
    expect(await page.locator('#programme-chart svg rect').count()).toBeGreaterThan(5);
    expect(await page.textContent('#findings-chart')).toContain('tinggi');
    expect(await page.locator('#trail-rows tr').count()).toBe(25);
    await page.click('#trail-more');
    await waitFor(async () => (await page.locator('#trail-rows tr').count()) === 50);
    expect(errors).toEqual([]);
  });

  it('narrows compliance to one OPD, and names an unknown one', async () => {
    expect(await page.textContent('#compliance-rows')).toContain('Pemerintah Kota Kupang');
    await page.fill('#unit', 'dinas-kominfo');
    await page.click('#load');
    await page.waitForSelector('body[data-loaded="true"]');
    const rows = await page.textContent('#compliance-rows');
    expect(rows).not.toContain('Pemerintah Kota Kupang');
    expect(rows).toMatch(/Dinas Komunikasi dan Informatika|Pusat Data Kota Kupang/);
    await page.fill('#unit', 'dinas-x');
    await page.click('#load');
    await waitFor(async () => ((await page.textContent('#error')) ?? '').length > 0);
    expect(await page.textContent('#error')).toBe('unitId: unit dinas-x is not registered');
    await page.fill('#unit', '');
    await page.click('#load');
    await page.waitForSelector('body[data-loaded="true"]');
  });

  it('switches to English and back', async () => {
    await page.click('#lang');
    expect(await page.textContent('h2[data-i18n="trail"]')).toBe('Audit trail');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#trail-rows')).toContain('Application SRIKANDI (umum) of dinas-kominfo registered');
    await page.click('#lang');
    expect(await page.textContent('h2[data-i18n="trail"]')).toBe('Jejak audit');
    expect(await page.textContent('#trail-rows')).toContain('Aplikasi SRIKANDI (umum) milik dinas-kominfo didaftarkan');
  });

  it('searches the audit trail, opens an entity history, and exports what it found as CSV', async () => {
    await page.fill('#trail-form input[name="entityType"]', 'registry.application');
    await page.click('#trail-form button[type="submit"]');
    await waitFor(async () => (await page.locator('#trail-rows tr').count()) === 3);
    await page.click('#trail-rows button[data-history="0"]');
    await page.waitForSelector('#history:not([hidden]) h3');
    expect(await page.textContent('#history')).toContain('kota-kupang:registry.application:srikandi');
    expect(await page.textContent('#history')).toContain('ApplicationDeployedToProduction');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#trail-csv')]);
    expect(download.suggestedFilename()).toBe('jejak-audit-kota-kupang.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toMatch(/^# Diverifikasi /);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(5 + 3 + 1); // 3 attestation lines, the export record, the header; 3 rows; the end line
  });

  it('verifies the ledger from the page and saves a screenshot (docs/dashboard.png with UPDATE_SCREENSHOTS=1, else a temporary file, so a test run never dirties the tree)', async () => {
    await page.click('#verify');
    await page.waitForSelector('#verify-result .ok');
    expect(await page.textContent('#verify-result')).toMatch(/Utuh · \d+ peristiwa · diverifikasi terhadap checkpoint #\d+/);
    await page.fill('#trail-form input[name="entityType"]', '');
    await page.click('#trail-form button[type="submit"]');
    await waitFor(async () => (await page.locator('#trail-rows tr').count()) > 3);
    const shot = process.env.UPDATE_SCREENSHOTS === '1' ? join(root, 'docs', 'dashboard.png') : join(mkdtempSync(join(tmpdir(), 'spbe-dashboard-')), 'dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
  });
});
