// The dashboard in a real browser: sign-in, the overview's charts, the
// call list's filters, evidence on a call page, and an operator kept to
// their own calls.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BASE, api, launch, signIn, watch } = require('../lib.js');

test('without signing in a page sends the browser to sign in, then back', async () => {
  const b = await launch();
  try {
    const page = await b.context.newPage();
    const r = await page.request.get(`${BASE}/calls?queue=support`, { maxRedirects: 0 });
    assert.equal(r.status(), 303);
    const to = new URL(r.headers().location, BASE);
    assert.equal(to.pathname, '/login');
    assert.equal(to.searchParams.get('next'), '/calls?queue=support');
    if (/^https?:\/\//.test(process.env.CALLQA_SUPERVISOR || '')) {
      // The server signs people in: the browser lands on its sign-in page.
      const res = await page.goto(`${BASE}/calls?queue=support`);
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.equal(res.status(), 200);
    }
  } finally {
    await b.close();
  }
});

test('a supervisor signs in and the overview renders its charts without errors', async () => {
  const s = await signIn('CALLQA_SUPERVISOR');
  try {
    const problems = watch(s.page);
    await s.page.goto(`${BASE}/?period=90`);
    assert.equal(await s.page.locator('svg.chart.trend rect.bar').count() > 0, true, 'trend bars');
    assert.equal(await s.page.locator('svg.chart.trend path.score').count(), 1, 'mean score line');
    assert.ok(await s.page.locator('svg.chart.bars rect.hbar').count() > 0, 'failures per rule');
    const calls = await s.page.locator('.kpi .value').first().innerText();
    assert.ok(Number(calls) > 0, `calls in the period: ${calls}`);
    // The booklet is one click away.
    await s.page.click('footer a[href="/standard"]');
    assert.ok(await s.page.locator('.booklet h2').count() > 3, 'the standard\'s chapters');
    await s.page.goto(`${BASE}/rules`);
    await s.page.goto(`${BASE}/operators`);
    await s.page.goto(`${BASE}/queues`);
    assert.deepEqual(problems, []);
  } finally {
    await s.close();
  }
});

test('a filter narrows the call list', async () => {
  const s = await signIn('CALLQA_SUPERVISOR');
  try {
    const problems = watch(s.page);
    await s.page.goto(`${BASE}/calls`);
    const all = await s.page.locator('tr.call').count();
    assert.ok(all > 10, `calls listed: ${all}`);
    await s.page.selectOption('select[name=band]', 'low');
    await s.page.selectOption('select[name=direction]', 'outbound');
    await Promise.all([s.page.waitForNavigation(), s.page.click('#call-filters button[type=submit]')]);
    const url = new URL(s.page.url());
    assert.equal(url.searchParams.get('band'), 'low');
    assert.equal(url.searchParams.get('q'), null, 'empty fields are not sent');
    const some = await s.page.locator('tr.call').count();
    assert.ok(some < all, `${some} of ${all}`);
    for (const score of await s.page.locator('tr.call .badge').allInnerTexts()) {
      assert.ok(Number(score) < 50, `score ${score} in the band below 50`);
    }
    // The next page follows the cursor.
    await s.page.goto(`${BASE}/calls`);
    const first = await s.page.locator('tr.call a').first().getAttribute('href');
    await s.page.click('#next-page');
    const second = await s.page.locator('tr.call a').first().getAttribute('href');
    assert.notEqual(first, second);
    assert.deepEqual(problems, []);
  } finally {
    await s.close();
  }
});

test('a call page highlights the failed rule\'s evidence where it was said', async () => {
  const s = await signIn('CALLQA_SUPERVISOR');
  try {
    const problems = watch(s.page);
    const { calls } = await api(s, '/api/v1/calls?rule=greeting.no_bare_hello&outcome=fail&limit=5');
    assert.ok(calls.length > 0, 'a call that failed greeting.no_bare_hello');
    await s.page.goto(`${BASE}/calls/${encodeURIComponent(calls[0].id)}`);
    const mark = s.page.locator('mark.ev[data-verdict="greeting.no_bare_hello"]');
    assert.ok(await mark.count() >= 1, 'the evidence is highlighted');
    assert.ok((await mark.first().innerText()).trim().length > 0);
    assert.ok(await s.page.locator('svg.timeline rect.op').count() > 0, 'who spoke when');
    await mark.first().click();
    const verdict = s.page.locator('#v-greeting\\.no_bare_hello');
    assert.match(await verdict.innerText(), /greeting\.no_bare_hello/);
    assert.deepEqual(problems, []);
  } finally {
    await s.close();
  }
});

test('an operator sees only their own calls and cannot open another\'s', async () => {
  const own = process.env.CALLQA_OPERATOR_ID;
  const sup = await signIn('CALLQA_SUPERVISOR');
  let other;
  try {
    const { calls } = await api(sup, '/api/v1/calls?limit=200');
    other = calls.find((c) => c.operator !== own);
    assert.ok(other, 'a call of another operator');
    // The supervisor opens it.
    assert.equal((await sup.page.goto(`${BASE}/calls/${encodeURIComponent(other.id)}`)).status(), 200);
  } finally {
    await sup.close();
  }
  const s = await signIn('CALLQA_OPERATOR');
  try {
    await s.page.goto(`${BASE}/calls`);
    const hrefs = await s.page.locator('tr.call a').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(hrefs.length > 0, 'the operator has calls');
    assert.equal(await s.page.locator('nav a[href="/operators"]').count(), 0, 'no operators page');
    for (const h of hrefs.slice(0, 5)) {
      const res = await s.page.goto(h);
      assert.equal(res.status(), 200, h);
      assert.equal(await s.page.locator(`a[href="/operators/${own}"]`).count(), 1, `${h} is ${own}'s`);
    }
    const res = await s.page.goto(`${BASE}/calls/${encodeURIComponent(other.id)}`);
    assert.equal(res.status(), 404);
    assert.equal((await s.page.goto(`${BASE}/operators/${encodeURIComponent(other.operator)}`)).status(), 404);
  } finally {
    await s.close();
  }
});
