// End to end in a real browser: a customer answers a survey in the widget on the demo page,
// by clicking and by typing, in English and Polish, across a reload; the admin signs in on
// /admin and sees the answer, with a hostile comment shown as text (case H07).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { withServer, launchBrowser, adminApi, watchPage, screenshotPath, repoRoot } from './support/server.mjs';

const H07 = '"><img src=x onerror=alert(1)> <iframe srcdoc="<script>alert(2)</script>">';
const WAIT = { timeout: 15000 };

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });


const widget = (page) => page.locator('#opinia-widget');
const botLines = (page) => widget(page).locator('.msg.bot');
const lastBotLine = (page) => botLines(page).last();
const scaleButton = (page, n) => page.getByRole('button', { name: String(n), exact: true });

async function openWidget(page, name = 'Give feedback') {
  await page.getByRole('button', { name }).click();
  await scaleButton(page, 10).waitFor(WAIT);
}

// Waits until the ask for a new step has replaced the NPS buttons; returns its question text.
async function waitForWhy(page) {
  await scaleButton(page, 9).waitFor({ state: 'detached', ...WAIT });
  await page.getByRole('textbox').waitFor(WAIT);
  return (await lastBotLine(page).textContent()).trim();
}

async function waitForDone(page) {
  await page.getByRole('textbox').waitFor({ state: 'detached', ...WAIT });
  return (await lastBotLine(page).textContent()).trim();
}

test('a customer clicks 9 and explains; the admin sees NPS 100.0 with n = 1 and the comment as text', async () => {
  await withServer(async (server) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchPage(page);
    let sockets = 0;
    page.on('websocket', () => { sockets += 1; });

    await page.goto(server.url + '/');
    await page.getByRole('button', { name: 'Give feedback' }).waitFor(WAIT);
    assert.equal(sockets, 0, 'no WebSocket before the chat is opened');

    await openWidget(page);
    assert.equal(sockets, 1);
    for (let n = 0; n <= 10; n++) assert.equal(await scaleButton(page, n).count(), 1, `one button named "${n}"`);
    assert.equal(await widget(page).locator('[aria-live="polite"]').count(), 1, 'bot lines are in an aria-live region');
    await page.screenshot({ path: screenshotPath('widget-desktop.png') });

    await scaleButton(page, 9).click();
    await waitForWhy(page);
    await page.getByRole('textbox').fill(H07);
    await page.getByRole('textbox').press('Enter');
    const thanks = await waitForDone(page);
    assert.match(thanks, /thank/i);

    // The customer's own comment is in the transcript as literal text.
    const mine = widget(page).locator('.msg.me');
    assert.equal(await mine.count(), 2);
    assert.equal((await mine.nth(0).textContent()).trim(), 'You: 9');
    assert.equal((await mine.nth(1).textContent()).trim(), 'You: ' + H07);
    assert.equal(await widget(page).locator('img, iframe').count(), 0, 'no element made from the comment');

    const admin = await context.newPage();
    problems.push(...watchPage(admin));
    await admin.goto(server.url + '/admin');
    await admin.getByLabel('Admin API key').fill(server.adminKey);
    await admin.getByRole('button', { name: 'Sign in with key' }).click();
    const nps = admin.locator('#nps-card');
    await nps.locator('.n', { hasText: 'n = 1' }).waitFor(WAIT);
    assert.equal((await nps.locator('.score').textContent()).trim(), '100.0');
    assert.match(await nps.textContent(), /Promoters \(9–10\)\s*1/);

    const comment = admin.locator('#comments .comment .text').first();
    await comment.waitFor(WAIT);
    assert.equal(await comment.textContent(), H07);
    assert.equal(await admin.locator('#comments img, #comments iframe').count(), 0);
    assert.match(await admin.locator('#comments .comment').first().textContent(), /NPS 9/);


    // CSAT and CES have no answers: "no data" and n = 0, never 0 or NaN.
    for (const card of ['#csat-card', '#ces-card']) {
      const text = await admin.locator(card).textContent();
      assert.match(text, /no data/);
      assert.match(text, /n = 0/);
      assert.doesNotMatch(text, /NaN/);
    }

    // Filters live in the address: a view can be shared, and an empty period says "no data".
    const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
    await admin.getByLabel('Flow', { exact: true }).selectOption('nps');
    await admin.getByLabel('From').fill(day(2));
    await admin.getByRole('button', { name: 'Apply' }).click();
    await nps.locator('.n', { hasText: 'n = 0' }).waitFor(WAIT);
    assert.equal(new URL(admin.url()).search, `?flow=nps&from=${day(2)}`);
    assert.match(await nps.textContent(), /no data/);
    await admin.goto(`${server.url}/admin?flow=nps&from=${day(-1)}&to=${day(1)}`);
    await nps.locator('.n', { hasText: 'n = 1' }).waitFor(WAIT);
    assert.equal(await admin.getByLabel('Flow', { exact: true }).inputValue(), 'nps');
    assert.equal(await admin.getByLabel('To (inclusive)').inputValue(), day(1));

    // Signing out ends the session: a reload shows the sign-in form, and a wrong key says 401.
    await admin.getByRole('button', { name: 'Sign out' }).click();
    await admin.getByRole('alert').filter({ hasText: 'Signed out' }).waitFor(WAIT);
    await admin.reload();
    await admin.getByLabel('Admin API key').fill('opa_wrong');
    await admin.getByRole('button', { name: 'Sign in with key' }).click();
    await admin.getByRole('alert').filter({ hasText: '401' }).waitFor(WAIT);
    assert.ok(await admin.getByLabel('Admin API key').isVisible());

    await admin.waitForTimeout(300);  // an injected onerror would fire by now
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('typing "8 out of 10" in the textbox answers the NPS step (phone-sized screen)', async () => {
  await withServer(async (server) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(server.url + '/');
    await openWidget(page);
    await page.getByRole('textbox').fill('8 out of 10');
    await page.screenshot({ path: screenshotPath('widget-phone.png') });
    await page.getByRole('textbox').press('Enter');
    await waitForWhy(page);
    assert.equal(await widget(page).locator('.msg.me').first().textContent(), 'You: 8 out of 10');

    await page.getByRole('button', { name: 'Skip' }).click();
    await waitForDone(page);
    const summary = await adminApi(server, '/api/v1/metrics/summary');
    assert.equal(summary.nps.n, 1);
    assert.equal(summary.nps.passives, 1, 'the typed 8 is a passive');
    assert.equal(summary.nps.score, 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('a Polish customer gets the survey page in Polish', async () => {
  await withServer(async (server) => {
    const flow = JSON.parse(readFileSync(path.join(repoRoot, 'bot/flows/nps.v1.json'), 'utf8'));
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(server.url + '/s/?flow=nps');
    await scaleButton(page, 10).waitFor(WAIT);  // the survey page opens the chat at once
    assert.equal((await lastBotLine(page).textContent()).trim(), flow.steps[0].text.pl);
    assert.match(await widget(page).locator('.ends').textContent(), new RegExp(`0 = ${flow.steps[0].labels.min.pl}`));
    await page.getByRole('textbox', { name: 'Twoja odpowiedź' }).waitFor(WAIT);

    await scaleButton(page, 10).click();
    await waitForWhy(page);
    await page.getByRole('textbox').fill('Szybka dostawa, miła obsługa — zażółć gęślą jaźń');
    await page.getByRole('button', { name: 'Wyślij' }).click();
    assert.equal(await waitForDone(page), flow.done.pl);

    const { comments } = await adminApi(server, '/api/v1/comments?limit=5');
    assert.equal(comments[0].text, 'Szybka dostawa, miła obsługa — zażółć gęślą jaźń');
    assert.equal(comments[0].nps, 10);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('a reload mid-survey resumes at the "why" step without asking NPS again', async () => {
  await withServer(async (server) => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(server.url + '/');
    await openWidget(page);
    await scaleButton(page, 6).click();
    const why = await waitForWhy(page);

    await page.reload();
    // The chat was open, so it reopens by itself and resumes over a new socket.
    await page.getByRole('textbox').waitFor(WAIT);
    await lastBotLine(page).filter({ hasText: why }).waitFor(WAIT);
    assert.equal(await scaleButton(page, 6).count(), 0, 'NPS is not asked again');
    assert.equal(await botLines(page).filter({ hasText: why }).count(), 1, 'the "why" question is shown once');
    assert.equal(await widget(page).locator('.msg.me').first().textContent(), 'You: 6', 'the transcript survives the reload');

    await page.getByRole('textbox').fill('Delivery was late');
    await page.getByRole('textbox').press('Enter');
    await waitForDone(page);

    const summary = await adminApi(server, '/api/v1/metrics/summary');
    assert.equal(summary.nps.n, 1, 'one NPS answer, not two');
    assert.equal(summary.nps.detractors, 1);
    const { comments } = await adminApi(server, '/api/v1/comments?limit=5');
    assert.deepEqual(comments.map((c) => c.text), ['Delivery was late']);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

test('a comment typed while the "why" question is still on its way is kept, not lost', async () => {
  await withServer(async (server) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchPage(page);
    // Between the browser and the server: what the server says after the first answer is held
    // back until the customer has typed, as on a slow network.
    let holding = false;
    let answers = 0;
    const held = [];
    let toPage = null;
    await page.routeWebSocket(/\/ws$/, (ws) => {
      toPage = ws;
      const upstream = ws.connectToServer();
      upstream.onMessage((m) => { if (holding) held.push(m); else ws.send(m); });
      ws.onMessage((m) => { upstream.send(m); if (JSON.parse(m).type === 'answer' && ++answers === 1) holding = true; });
    });

    await page.goto(server.url + '/');
    await openWidget(page);
    await scaleButton(page, 6).click();
    await page.getByRole('textbox').fill('The app logs me out');
    await page.getByRole('textbox').press('Enter');   // the NPS answer is not acked yet: nothing is sent
    assert.equal(await page.getByRole('textbox').inputValue(), 'The app logs me out', 'the text stays in the box');

    holding = false;
    for (const m of held.splice(0)) toPage.send(m);   // the ack, then the "why" question
    await waitForWhy(page);
    assert.equal(await page.getByRole('textbox').inputValue(), 'The app logs me out', 'carried into the new question');
    await page.getByRole('textbox').press('Enter');
    await waitForDone(page);

    const body = await adminApi(server, '/api/v1/comments');
    assert.deepEqual(body.comments.map((c) => c.text), ['The app logs me out']);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
