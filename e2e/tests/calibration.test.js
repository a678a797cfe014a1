// Calibration in a real browser: a supervisor draws a sample of calls and
// names two graders, each grades the calls by hand on the page, and the
// report shows per rule how the graders agree with each other and with
// the machine.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BASE, api, signIn, watch } = require('../lib.js');

// Grades every call of the session page: `choose(call, rule, machine)`
// gives the outcome (or '' to leave it).
async function gradeAll(s, id, choose) {
  await s.page.goto(`${BASE}/calibration/${id}`);
  const calls = await s.page.locator('section.grade-call').evaluateAll((els) => els.map((e) => e.dataset.call));
  for (const call of calls) {
    const { audit } = await api(s, `/api/v1/calls/${encodeURIComponent(call)}`);
    const machine = Object.fromEntries(audit.verdicts.map((v) => [v.rule, v.outcome]));
    const form = s.page.locator(`section.grade-call[data-call="${call}"] form.grade`);
    for (const rule of await form.locator('select').evaluateAll((els) => els.map((e) => e.dataset.rule))) {
      const o = choose(call, rule, machine[rule]);
      if (o) await form.locator(`select[data-rule="${rule}"]`).selectOption(o);
    }
    await Promise.all([s.page.waitForNavigation(), form.locator('button[type=submit]').click()]);
  }
  return calls;
}

test('graders calibrate on a sample and the report shows their agreement per rule', async () => {
  const sup = await signIn('CALLQA_SUPERVISOR');
  let id, calls;
  const [agreed, split] = ['greeting.company', 'client.ask_name'];
  try {
    const problems = watch(sup.page);
    await sup.page.goto(`${BASE}/calibration?lang=ru`);
    assert.match(await sup.page.locator('h1').innerText(), /Калибровки/);
    const form = sup.page.locator('#new-calibration');
    await form.locator('select[name=period]').selectOption('30');
    await form.locator('input[name=size]').fill('3');
    await form.locator('input[name=graders]').fill('supervisor, admin');
    await Promise.all([sup.page.waitForNavigation(), form.locator('button[type=submit]').click()]);
    id = new URL(sup.page.url()).pathname.split('/').pop();
    assert.match(id, /^\d+$/, sup.page.url());
    assert.equal(await sup.page.locator('section.grade-call').count(), 3, 'three calls drawn');
    assert.equal(await sup.page.locator('#report .empty').count(), 1, 'no grades yet');
    // The supervisor grades as the machine did on `agreed`, and `split` as pass.
    calls = await gradeAll(sup, id, (call, rule, machine) => {
      if (rule === agreed) return machine;
      if (rule === split) return 'pass';
      return '';
    });
    assert.equal(calls.length, 3);
    const graded = await sup.page.locator('section.grade-call').first().locator('p.muted').innerText();
    assert.match(graded, /2 \//, 'two rules graded');
    assert.deepEqual(problems, []);
  } finally {
    await sup.close();
  }
  const admin = await signIn('CALLQA_ADMIN');
  try {
    // The second grader: the same on `agreed`, the opposite on `split` for the first call.
    await gradeAll(admin, id, (call, rule, machine) => {
      if (rule === agreed) return machine;
      if (rule === split) return call === calls[0] ? 'fail' : 'pass';
      return '';
    });
    const row = (rule) => admin.page.locator(`#report tr.rule[data-rule="${rule}"]`);
    await admin.page.goto(`${BASE}/calibration/${id}?lang=en`);
    // Agreed on every call, with each other and the machine.
    assert.match(await row(agreed).locator('.agreement').innerText(), /^100% \(3 pairs\)/);
    assert.match(await row(agreed).locator('.machine').innerText(), /^100% \(6\)/);
    assert.equal(await row(agreed).locator('.badge.good').count(), 1);
    // Split on one call of three: 2 of 3 pairs agree.
    assert.match(await row(split).locator('.agreement').innerText(), /^67% \(3 pairs\)/);
    assert.equal(await row(split).locator('.badge.poor').count(), 1, 'flagged');
    // The same figures as the API.
    const report = await api(admin, `/api/v1/calibrations/${id}`);
    const r = report.rules.find((x) => x.rule === split);
    assert.equal(r.pairs, 3);
    assert.equal(r.agreement, 0.667);
    const k = await row(split).locator('.kappa').innerText();
    assert.equal(k, r.cohen_kappa === null ? '—' : r.cohen_kappa.toFixed(2));
    assert.equal(report.grades, 12);
  } finally {
    await admin.close();
  }
  // An operator has no calibration page.
  const op = await signIn('CALLQA_OPERATOR');
  try {
    assert.equal((await op.page.goto(`${BASE}/calibration`)).status(), 404);
    assert.equal((await op.page.goto(`${BASE}/calibration/${id}`)).status(), 404);
    assert.equal(await op.page.locator('nav a[href="/calibration"]').count(), 0);
  } finally {
    await op.close();
  }
});
