// Case H12 in the browser: the socket drops after the customer answered but before the `ack`
// reached the widget. The widget reconnects by itself, resumes, resends the same answer id, and
// the answer is stored once; the survey carries on where it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, adminApi, watchPage } from './support/server.mjs';

const WAIT = { timeout: 15000 };

test('a drop before the ack: the widget reconnects, resends the same answer id, stored once', async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchPage(page);
    const sent = [];  // every frame the widget sent, per socket
    let sockets = 0;
    let conversation = null;

    // Proxy the chat socket: the first one swallows the ack of the first answer and drops.
    await page.routeWebSocket(/\/ws$/, (ws) => {
      const index = sockets++;
      const upstream = ws.connectToServer();
      ws.onMessage((frame) => { sent.push([index, JSON.parse(frame)]); upstream.send(frame); });
      upstream.onMessage((frame) => {
        const m = JSON.parse(frame);
        if (m.type === 'conversation') conversation = m.conversation;
        if (index === 0 && m.type === 'ack') { ws.close({ code: 1001, reason: 'network drop' }); return; }
        ws.send(frame);
      });
    });

    await page.goto(server.url + '/');
    await page.getByRole('button', { name: 'Give feedback' }).click();
    await page.getByRole('button', { name: '7', exact: true }).click();

    // The next question arrives over the second socket, after the backoff.
    await page.getByRole('button', { name: '7', exact: true }).waitFor({ state: 'detached', ...WAIT });
    await page.getByRole('textbox').waitFor(WAIT);
    assert.equal(sockets, 2, 'one reconnect');

    const first = sent.filter(([i]) => i === 0).map(([, m]) => m);
    const second = sent.filter(([i]) => i === 1).map(([, m]) => m);
    const answer = first.find((m) => m.type === 'answer');
    assert.equal(answer.value, 7);
    assert.equal(second[0].type, 'resume');
    assert.equal(second[0].conversation, conversation);
    assert.ok(second[0].last_seq >= 2, 'resume says what was seen');
    assert.deepEqual(second[1], answer, 'the unacknowledged answer is resent with the same id');

    await page.getByRole('textbox').fill('Good, but the parcel was late');
    await page.getByRole('textbox').press('Enter');
    await page.getByRole('textbox').waitFor({ state: 'detached', ...WAIT });

    const summary = await adminApi(server, '/api/v1/metrics/summary');
    assert.equal(summary.nps.n, 1, 'stored once');
    assert.equal(summary.nps.passives, 1);
    const transcript = await page.locator('#opinia-widget .msg.me').allTextContents();
    assert.deepEqual(transcript, ['You: 7', 'You: Good, but the parcel was late']);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await browser.close();
    assert.equal(await server.stop(), 0);
  }
});
