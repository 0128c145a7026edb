// The admin dashboard in a real browser: sign-in with a password and with a key (session cookie),
// an answer appearing live, hostile comments shown as text (case H07), a view reproduced from its
// address, drill-down to exactly the answers behind a number, and an accessibility scan (axe-core)
// of the admin page and the widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { withServer, createKey, launchBrowser, watchPage, screenshotPath, binary, repoRoot } from './support/server.mjs';

const WAIT = { timeout: 15000 };
const PASSWORD = 'tulips in april, 2026';
const H07_IMG = '"><img src=x onerror=alert(1)>';
const H07_IFRAME = '<iframe srcdoc="<script>alert(2)</script>">';
const axeSource = readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
const sharedData = process.env.OPINIA_SHARED_DIR || path.join(repoRoot, '../shared');

// Five dated NPS answers: January has 2 promoters and 2 detractors (NPS 0.0, n = 4); the two
// detractors' comments are the H07 strings. February adds one passive.
const ANSWERS_CSV = [
  'when,score,why',
  '2026-01-05T10:00:00Z,10,Great seeds',
  '2026-01-06T10:00:00Z,9,Fast delivery',
  `2026-01-07T10:00:00Z,3,"${H07_IMG.replace(/"/g, '""')}"`,
  `2026-01-08T10:00:00Z,5,"${H07_IFRAME.replace(/"/g, '""')}"`,
  '2026-02-10T10:00:00Z,8,Fine',
].join('\n') + '\n';

function opinia(args, input) {
  const r = spawnSync(binary, args, { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`opinia ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

function importAnswers(server, csv = ANSWERS_CSV) {
  const file = path.join(path.dirname(server.db), 'answers.csv');
  writeFileSync(file, csv);
  opinia(['import', 'responses', file, '--db', server.db, '--flow', 'nps', '--score', 'nps=score', '--comment', 'why', '--date', 'when']);
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });


async function signInWithKey(page, server) {
  await page.goto(server.url + '/admin');
  await page.getByLabel('Admin API key').fill(server.adminKey);
  await page.getByRole('button', { name: 'Sign in with key' }).click();
  await page.locator('#nps-card .n').waitFor(WAIT);
}

async function seriousViolations(page) {
  await page.evaluate(axeSource);   // through DevTools, so the page's CSP still forbids inline script
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('password sign-in gives an HttpOnly SameSite=Strict cookie; the API takes it; other origins are refused', async () => {
  await withServer(async (server) => {
    opinia(['admin', 'set-password', '--db', server.db], PASSWORD + '\n');
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(server.url + '/admin');
    await page.getByLabel('Admin password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in with password' }).click();
    await page.getByRole('alert').filter({ hasText: '401' }).waitFor(WAIT);

    await page.getByLabel('Admin password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in with password' }).click();
    await page.locator('#nps-card .n', { hasText: 'n = 0' }).waitFor(WAIT);
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'opinia_admin');
    assert.ok(cookie, 'a session cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read the session');
    assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0, 'no key or password kept in the page');

    // The same cookie outside the browser: reads work; a state change from another origin does not.
    const jar = `opinia_admin=${cookie.value}`;
    assert.equal((await fetch(server.url + '/api/v1/metrics/summary', { headers: { Cookie: jar } })).status, 200);
    const evil = { Cookie: jar, Origin: 'https://evil.example', 'Content-Type': 'application/json' };
    assert.equal((await fetch(server.url + '/api/v1/admin/logout', { method: 'POST', headers: evil })).status, 403);
    assert.equal((await fetch(server.url + '/api/v1/admin/login', { method: 'POST', headers: evil, body: JSON.stringify({ password: PASSWORD }) })).status, 403);
    assert.equal((await fetch(server.url + '/api/v1/metrics/summary', { headers: { Cookie: jar } })).status, 200, 'the refused sign-out ended nothing');

    // Behind a TLS proxy the cookie is also Secure.
    const own = { Origin: server.url, 'Content-Type': 'application/json' };
    const plain = await fetch(server.url + '/api/v1/admin/login', { method: 'POST', headers: own, body: JSON.stringify({ password: PASSWORD }) });
    assert.doesNotMatch(plain.headers.get('set-cookie'), /Secure/);
    const proxied = await fetch(server.url + '/api/v1/admin/login', { method: 'POST', headers: { ...own, 'X-Forwarded-Proto': 'https' }, body: JSON.stringify({ password: PASSWORD }) });
    assert.match(proxied.headers.get('set-cookie'), /; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);

    await page.reload();
    await page.locator('#nps-card .n').waitFor(WAIT);   // the session survives a reload
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('alert').filter({ hasText: 'Signed out' }).waitFor(WAIT);
    assert.equal((await fetch(server.url + '/api/v1/metrics/summary', { headers: { Cookie: jar } })).status, 401, 'signing out ends the session');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('a new answer appears on the open dashboard without a reload (server-sent events)', async () => {
  await withServer(async (server) => {
    importAnswers(server);
    // The feed reveals answers: admins only.
    assert.equal((await fetch(server.url + '/api/v1/live')).status, 401);
    const agent = createKey(server.db, 'agent');
    assert.equal((await fetch(server.url + '/api/v1/live', { headers: { Authorization: `Bearer ${agent}` } })).status, 403);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await context.newPage();
    const problems = watchPage(admin);
    await signInWithKey(admin, server);
    const nps = admin.locator('#nps-card');
    await nps.locator('.n', { hasText: 'n = 5' }).waitFor(WAIT);
    await admin.locator('#live', { hasText: /^Live/ }).waitFor(WAIT);
    assert.doesNotMatch(await admin.locator('#live').textContent(), /every/, 'the live feed is SSE, not the polling fallback');
    await admin.evaluate(() => { window.notReloaded = true; });

    const shop = await context.newPage();
    problems.push(...watchPage(shop));
    await shop.goto(server.url + '/');
    await shop.getByRole('button', { name: 'Give feedback' }).click();
    await shop.getByRole('button', { name: '10', exact: true }).click();
    // As a person would: the "why" question has replaced the scale before the comment is typed.
    await shop.getByRole('button', { name: '10', exact: true }).waitFor({ state: 'detached', ...WAIT });
    await shop.getByRole('textbox').fill('Live from the shop');
    await shop.getByRole('textbox').press('Enter');

    await nps.locator('.n', { hasText: 'n = 6' }).waitFor(WAIT);
    await admin.locator('#comments .text', { hasText: 'Live from the shop' }).waitFor(WAIT);
    assert.equal(await admin.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
    // 3 promoters, 1 passive, 2 detractors of 6: NPS 16.7.
    assert.equal((await nps.locator('.score').textContent()).trim(), '16.7');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('filters in the address reproduce a view; drill-down lists exactly the detractors, comments as text', async () => {
  await withServer(async (server) => {
    importAnswers(server);
    const view = `/admin?flow=nps&from=2026-01-01&to=2026-01-31&tz=Europe%2FWarsaw`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await signInWithKey(page, server);
    await page.goto(server.url + view);
    const nps = page.locator('#nps-card');
    await nps.locator('.n', { hasText: 'n = 4' }).waitFor(WAIT);
    assert.equal((await nps.locator('.score').textContent()).trim(), '0.0');
    assert.equal(await page.getByLabel('Time zone').inputValue(), 'Europe/Warsaw');
    assert.equal(await page.getByLabel('From').inputValue(), '2026-01-01');
    // The trend: weeks start on Monday; the January answers all fall in the week of 2026-01-05.
    const week = page.locator('#trend-panel tr', { hasText: '2026-01-05' });
    await week.waitFor(WAIT);
    assert.deepEqual((await week.locator('td').allTextContents()).map((t) => t.trim()), ['2026-01-05', '0.0', '4', 'low sample']);
    assert.match(await page.locator('#trend-panel tr', { hasText: '2025-12-29' }).textContent(), /no data/);

    // Drill down from the detractor count to the answers behind it.
    await nps.getByRole('button', { name: /^Detractors: 2/ }).click();
    await page.locator('#answers-title', { hasText: 'NPS 0–6' }).waitFor(WAIT);
    await page.locator('#comments:not([aria-busy])').waitFor(WAIT);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('type'), 'nps');
    assert.equal(url.searchParams.get('max'), '6');
    const texts = await page.locator('#comments .comment .text').allTextContents();
    assert.deepEqual(texts.sort(), [H07_IFRAME, H07_IMG].sort(), 'exactly the two detractors, as literal text');
    assert.equal(await page.locator('#comments img, #comments iframe').count(), 0, 'no element made from a comment');

    // The transcript view shows them as text too.
    await page.locator('#comments .comment').filter({ hasText: H07_IMG }).getByRole('button', { name: /conversation/i }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor(WAIT);
    await dialog.getByText(H07_IMG, { exact: false }).first().waitFor(WAIT);
    assert.equal(await dialog.locator('img, iframe').count(), 0);
    // With its context: the imported survey's flow and source.
    assert.match(await dialog.locator('dl.context').innerText(), /Flow\s+nps v\d+[\s\S]*Source\s+import/);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Export gives exactly the rows on screen.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export NDJSON' }).click();
    const file = await (await download).path();
    const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((r) => r.nps).sort(), [3, 5]);

    // Someone else opening the same address sees the same view.
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const second = await other.newPage();
    problems.push(...watchPage(second));
    await signInWithKey(second, server);
    await second.goto(page.url());
    await second.locator('#answers-title', { hasText: 'NPS 0–6' }).waitFor(WAIT);
    await second.locator('#comments:not([aria-busy])').waitFor(WAIT);
    await second.locator('#nps-card .n', { hasText: 'n = 4' }).waitFor(WAIT);
    assert.deepEqual((await second.locator('#comments .comment .text').allTextContents()).sort(), texts.sort());
    await other.close();

    // A search finds a comment by its words.
    await page.getByLabel('Search comments').fill('seeds');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#comments .comment .text', { hasText: 'Great seeds' }).waitFor(WAIT);
    assert.equal(await page.locator('#comments .comment').count(), 1);

    await page.waitForTimeout(300);   // an injected onerror would have fired by now
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('axe-core finds no serious or critical problem on the admin page or in the open widget', async () => {
  await withServer(async (server) => {
    importAnswers(server);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    // The scan can fail: a button with no name is a critical violation.
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><button></button></main></html>');
    assert.match((await seriousViolations(page)).join('\n'), /button-name \(critical\)/);

    await page.goto(server.url + '/admin');
    await page.getByLabel('Admin API key').waitFor(WAIT);
    assert.deepEqual(await seriousViolations(page), [], 'sign-in form');
    await signInWithKey(page, server);
    await page.locator('#nps-card .n', { hasText: 'n = 5' }).waitFor(WAIT);
    await page.locator('#status', { hasText: 'Showing' }).waitFor(WAIT);
    assert.deepEqual(await seriousViolations(page), [], 'dashboard');

    const shop = await context.newPage();
    await shop.goto(server.url + '/');
    await shop.getByRole('button', { name: 'Give feedback' }).click();
    await shop.getByRole('button', { name: '10', exact: true }).waitFor(WAIT);
    assert.deepEqual(await seriousViolations(shop), [], 'demo page with the widget open');
    await context.close();
  });
});

test('management: create an agent key (shown once), revoke it with two clicks, add a site', async () => {
  await withServer(async (server) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await signInWithKey(page, server);
    await page.getByRole('link', { name: 'Keys, sites and flows' }).click();
    const keys = page.locator('#keys-panel');
    await keys.locator('table').waitFor(WAIT);
    await keys.getByLabel('Name').fill('helpdesk <b>bot</b>');
    await keys.getByLabel('Role').selectOption('agent');
    await keys.getByRole('button', { name: 'Create key' }).click();
    const secret = (await keys.locator('.secret code').textContent()).trim();
    assert.match(secret, /^opg_[0-9a-f]{48}$/);
    const res = await fetch(server.url + '/api/v1/invites', { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal(res.status, 200, 'the new agent key works');
    const row = keys.locator('tr', { hasText: 'helpdesk <b>bot</b>' });
    assert.equal(await keys.locator('b').count(), 0, 'the name is text');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: /Really revoke/ }).click();
    await keys.locator('tr.revoked', { hasText: 'helpdesk' }).waitFor(WAIT);
    assert.equal((await fetch(server.url + '/api/v1/invites', { headers: { Authorization: `Bearer ${secret}` } })).status, 401);

    const sites = page.locator('#sites-panel');
    await sites.getByLabel('Site name').fill('Acme Garden');
    await sites.getByLabel('Allowed origins').fill('https://shop.example');
    await sites.getByRole('button', { name: 'Add site' }).click();
    await sites.locator('td', { hasText: 'https://shop.example' }).waitFor(WAIT);
    assert.ok((await sites.locator('.secret code').textContent()).trim().length >= 16);
    await page.locator('#flows-panel td', { hasText: 'post_contact' }).waitFor(WAIT);
    assert.deepEqual(await seriousViolations(page), [], 'management page');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

// Churn and scores split by a customer attribute from the real telco file, on a phone-sized screen.
test('a customer attribute splits churn and scores, and the page fits a 390-px phone', async () => {
  await withServer(async (server) => {
    importAnswers(server);
    opinia(['import', 'customers', path.join(sharedData, 'data/ibm-telco-churn/Telco-Customer-Churn.csv'), '--db', server.db,
      '--id', 'customerID', '--churned', 'Churn', '--attribute', 'Contract']);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await signInWithKey(page, server);
    const choice = page.locator('#by option[value="attribute:Contract"]');
    await choice.waitFor({ state: 'attached', ...WAIT });
    assert.equal(await choice.innerText(), 'Customer Contract');
    await page.selectOption('#by', 'attribute:Contract');
    await page.getByRole('button', { name: 'Apply' }).click();
    const byContract = page.locator('#churn-panel table', { has: page.locator('caption', { hasText: 'By Contract' }) });
    await byContract.waitFor(WAIT);
    // The telco file: 1,655 of 3,875 month-to-month customers churned (42.7 %).
    assert.match(await byContract.locator('tr', { hasText: 'Month-to-month' }).innerText(), /3875\s+1655\s+42\.7/);
    assert.match(decodeURIComponent(page.url()), /by=attribute:Contract/);
    await page.locator('#segments-panel caption', { hasText: 'attribute:Contract' }).waitFor(WAIT);
    await page.locator('#status', { hasText: 'Showing' }).waitFor(WAIT);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className}`).slice(0, 8).join(', '));
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone: ${wide}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

// Screenshots of a populated dashboard (the real garden-centre survey and telco customers), only
// with OPINIA_UPDATE_SCREENSHOTS=1 (`npm run screenshots`).
test('screenshots of the dashboard with the shared data (desktop and phone)', { skip: process.env.OPINIA_UPDATE_SCREENSHOTS !== '1' || !existsSync(sharedData) }, async () => {
  await withServer(async (server) => {
    opinia(['import', 'responses', path.join(sharedData, 'data/fr-garden-nps/nps.csv'), '--db', server.db, '--flow', 'garden',
      '--score', 'nps=nps', '--score', 'csat=satisfaction:1-10', '--comment', 'explication', '--encoding', 'latin-1', '--missing', 'NA']);
    opinia(['import', 'customers', path.join(sharedData, 'data/ibm-telco-churn/Telco-Customer-Churn.csv'), '--db', server.db,
      '--id', 'customerID', '--churned', 'Churn', '--attribute', 'Contract']);
    for (const [name, viewport] of [['admin-desktop.png', { width: 1280, height: 900 }], ['admin-phone.png', { width: 390, height: 844 }]]) {
      const context = await browser.newContext({ viewport, locale: 'en-US' });
      const page = await context.newPage();
      await signInWithKey(page, server);
      await page.goto(server.url + '/admin?flow=garden&by=flow');
      await page.locator('#nps-card .n', { hasText: /n = [1-9]/ }).waitFor(WAIT);
      await page.locator('#status', { hasText: 'Showing' }).waitFor(WAIT);
      await page.waitForTimeout(500);
      await page.screenshot({ path: screenshotPath(name), fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height: viewport.width > 600 ? 2400 : 3200 } });
      await context.close();
    }
  });
});
