// Shared by the browser tests and the screenshot script: launches Debian's
// chromium through playwright-core and opens pages of the running server
// as a given principal. The server, its address and the principals'
// credentials come from the environment run.sh sets:
//   CALLQA_URL                 http://127.0.0.1:PORT
//   CALLQA_SUPERVISOR, CALLQA_OPERATOR   a sign-in URL (…/login?once=…) or a bearer token
//   CALLQA_OPERATOR_ID         the operator the operator principal is linked to
//   CALLQA_E2E_STATE           a directory for the sessions signed in
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BASE = process.env.CALLQA_URL || 'http://127.0.0.1:18731';

async function launch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callqa-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const close = async () => {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { context, close };
}

// Signs a fresh browser in as `who` (an env name). A one-time sign-in
// link is opened like a person would, once per principal: the session
// cookie it sets is kept in CALLQA_E2E_STATE for the later browsers. A
// bearer token is sent on every request instead.
async function signIn(who) {
  const cred = process.env[who];
  if (!cred) throw new Error(`${who} is not set (run the tests through e2e/run.sh)`);
  const b = await launch();
  const page = await b.context.newPage();
  if (/^https?:\/\//.test(cred)) {
    const saved = path.join(process.env.CALLQA_E2E_STATE || os.tmpdir(), `${who}.json`);
    if (fs.existsSync(saved)) {
      await b.context.addCookies(JSON.parse(fs.readFileSync(saved, 'utf8')));
    } else {
      await page.goto(cred);
      fs.writeFileSync(saved, JSON.stringify(await b.context.cookies()));
    }
  } else {
    await b.context.setExtraHTTPHeaders({ Authorization: `Bearer ${cred}` });
  }
  return { ...b, page };
}

// GET of the JSON API with the signed-in browser's credentials.
async function api(s, url) {
  const res = await s.page.request.get(`${BASE}${url}`);
  if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
  return res.json();
}

// Collects console errors and failed requests of a page.
function watch(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });
  return problems;
}

module.exports = { BASE, api, launch, signIn, watch };
