// Every shipped flow can be answered to the end in the widget: in English with the mouse on the
// demo page, and in Polish with the keyboard alone on the hosted survey page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, adminApi, watchPage, repoRoot } from './support/server.mjs';

const WAIT = { timeout: 15000 };
const SCORE_KINDS = ['nps', 'csat', 'ces'];

// The newest version of each shipped flow document.
function shippedFlows() {
  const dir = path.join(repoRoot, 'bot/flows');
  const newest = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const flow = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    if (!newest.has(flow.name) || newest.get(flow.name).version < flow.version) newest.set(flow.name, flow);
  }
  return [...newest.values()];
}

let browser;
let server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => {
  await browser?.close();
  if (server) assert.equal(await server.stop(), 0);
});

// What the chat shows now, read from its shadow root as a person would see it.
function chatState(page) {
  return page.evaluate(() => {
    const root = document.getElementById('opinia-widget').shadowRoot;
    const lines = [...root.querySelectorAll('.msg')];
    const controls = root.querySelector('.controls');
    return {
      lines: lines.length,
      lastBot: [...root.querySelectorAll('.msg.bot')].map((l) => l.textContent).pop() || '',
      step: controls.dataset.step || '',
      textbox: !!controls.querySelector('textarea'),
      options: [...controls.querySelectorAll('[role=group] button')].map((b) => b.textContent),
    };
  });
}

// Waits for the bot's next turn: a question for another step, or the end (no inputs left).
async function nextTurn(page, previousStep) {
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    const state = await chatState(page);
    if (state.step && state.step !== previousStep) return state;
    if (!state.textbox && state.lines > 0) {
      await page.waitForTimeout(300);  // a "say" line may still be followed by a question
      const later = await chatState(page);
      if (!later.textbox && later.lines === state.lines) return later;
    }
    if (Date.now() > deadline) throw new Error(`no answer from the chat: ${JSON.stringify(state)}`);
    await page.waitForTimeout(50);
  }
}

// Answers until the flow is done; picks the highest option of every scale and choice.
async function answerAll(page, { keyboard, comment }) {
  const asked = [];
  let state = await nextTurn(page, '');
  for (let turn = 0; state.textbox; turn++) {
    assert.ok(turn < 12, 'the flow ends');
    asked.push(state.lastBot);
    if (state.options.length) {
      if (/^\d+$/.test(state.options[0])) {
        const values = state.options.map(Number);
        assert.deepEqual(values, values.map((_, i) => values[0] + i), 'one button per number, in order');
      }
      const pick = state.options[state.options.length - 1];
      if (keyboard) {
        // Focus sits on the first option after a question arrives.
        for (let i = 1; i < state.options.length; i++) await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
      } else {
        await page.getByRole('button', { name: pick, exact: true }).click();
      }
    } else if (keyboard) {
      await page.keyboard.type(comment);
      await page.keyboard.press('Enter');
    } else {
      await page.getByRole('textbox').fill(comment);
      await page.getByRole('button', { name: 'Send' }).click();
    }
    state = await nextTurn(page, state.step);
  }
  return { asked, done: state.lastBot };
}

const flows = shippedFlows();

test('every shipped flow is answered to the end with the mouse, in English', async () => {
  assert.ok(flows.length >= 5, 'nps, csat, ces, post_contact, onboarding');
  const context = await browser.newContext({ locale: 'en-US' });
  for (const flow of flows) {
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}/?flow=${flow.name}`);  // demo.js calls Opinia.start({flow})
    const { done } = await answerAll(page, { keyboard: false, comment: `Fine (${flow.name})` });
    assert.equal(done, flow.done.en, `${flow.name} ends with its thank-you`);
    assert.deepEqual(problems, [], flow.name);
    await page.close();
  }
  await context.close();
});

test('every shipped flow is answered to the end with the keyboard alone, in Polish', async () => {
  const context = await browser.newContext({ locale: 'pl-PL' });
  for (const flow of flows) {
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.url}/s/?flow=${flow.name}`);
    const { asked, done } = await answerAll(page, { keyboard: true, comment: `Dobrze, dziękuję (${flow.name})` });
    const first = flow.steps.find((s) => s.kind !== 'say');
    assert.equal(asked[0], first.text.pl, `${flow.name} asks in Polish`);
    assert.equal(done, flow.done.pl, `${flow.name} ends with its Polish thank-you`);
    assert.deepEqual(problems, [], flow.name);
    await page.close();
  }
  await context.close();
});

test('the admin summary counts exactly the scores given in both runs', async () => {
  const expected = Object.fromEntries(SCORE_KINDS.map((k) => [k, 0]));
  for (const flow of flows) for (const step of flow.steps) if (SCORE_KINDS.includes(step.kind)) expected[step.kind] += 2;
  const summary = await adminApi(server, '/api/v1/metrics/summary');
  for (const kind of SCORE_KINDS) assert.equal(summary[kind].n, expected[kind], `${kind} n`);
  assert.equal(summary.nps.score, 100, 'every NPS answer was a 10');
  assert.equal(summary.csat.percent, 100);
  assert.equal(summary.ces.percent_easy, 100);
  const { comments } = await adminApi(server, '/api/v1/comments?limit=50');
  assert.equal(comments.length, flows.length * 2);
  assert.ok(comments.some((c) => c.text === 'Dobrze, dziękuję (post_contact)'));
});
