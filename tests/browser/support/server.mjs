// Shared helpers for the browser tests: start `opinia serve` on a free port with a fresh
// database, create keys, and launch Debian's chromium through playwright-core.
//
// Environment: OPINIA_BINARY (the built `opinia`; CTest sets it), CHROMIUM (default
// /usr/bin/chromium). OPINIA_TEST_URL + OPINIA_TEST_ADMIN_KEY point the tests at a server that
// is already running instead (handy while developing the front end).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const binary = process.env.OPINIA_BINARY || path.join(repoRoot, 'build/server/opinia');
// Screenshots go to docs/screenshots/ (shown in the README) only when OPINIA_UPDATE_SCREENSHOTS=1,
// so an ordinary test run leaves the working tree clean.
export const screenshotDir = process.env.OPINIA_UPDATE_SCREENSHOTS === '1'
  ? path.join(repoRoot, 'docs/screenshots') : path.join(repoRoot, 'test-results/screenshots');

const STARTUP_TIMEOUT_MS = 20000;
const SHUTDOWN_TIMEOUT_MS = 10000;

export const chromiumOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export function launchBrowser() {
  return chromium.launch(chromiumOptions);
}

// Runs `opinia keys create` and returns the key (the last line it prints).
export function createKey(db, role = 'admin') {
  const r = spawnSync(binary, ['keys', 'create', '--db', db, '--role', role], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`opinia keys create exited ${r.status}: ${r.stderr}${r.stdout}`);
  const lines = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!lines.length) throw new Error('opinia keys create printed no key');
  return lines[lines.length - 1];
}

// Starts a server on a fresh database with one admin key. Returns {url, adminKey, db, stop()}.
// stop() sends SIGTERM and resolves with the exit code (the spec asks for 0).
export async function startServer() {
  if (process.env.OPINIA_TEST_URL) {
    return { url: process.env.OPINIA_TEST_URL.replace(/\/$/, ''), adminKey: process.env.OPINIA_TEST_ADMIN_KEY, stop: async () => 0 };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'opinia-browser-'));
  const db = path.join(dir, 'x.db');
  const adminKey = createKey(db, 'admin');
  const child = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`opinia serve exited ${code} before listening:\n${output}`)); });
  });
  return {
    url, adminKey, db,
    log: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

// Runs `fn(server)` against its own server and database (so counts are exactly the test's own), adds
// the server's output to a failure, and checks that SIGTERM stops the server with status 0.
export async function withServer(fn) {
  const server = await startServer();
  try {
    await fn(server);
  } catch (e) {
    if (server.log) e.message += `\n--- server output ---\n${server.log()}`;
    throw e;
  } finally {
    const code = await server.stop();
    if (code !== 0) throw new Error(`opinia serve exited ${code} on SIGTERM, not 0`);
  }
}

// Calls the admin API and returns the parsed JSON (throws on a non-2xx status).
export async function adminApi(server, pathAndQuery) {
  const res = await fetch(server.url + pathAndQuery, { headers: { Authorization: `Bearer ${server.adminKey}` } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${pathAndQuery} → HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

// Records what must never happen on our pages: alert()/confirm() dialogs (an injected script
// ran, case H07), uncaught page errors and Content-Security-Policy violations.
export function watchPage(page) {
  const problems = [];
  page.on('dialog', (d) => { problems.push(`dialog ${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  return problems;
}

export function screenshotPath(name) {
  mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, name);
}
