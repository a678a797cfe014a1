// Disputes in a real browser: an operator disputes a failed verdict with a
// comment on the call page, a supervisor overturns it on the same page,
// and the call's score follows on the page and in the list; the call's
// history names who did what and when.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BASE, api, signIn, watch } = require('../lib.js');

// A call of the operator that failed a weighted, non-critical rule and
// has a score above zero (no auto-fail), so overturning that verdict must
// raise its score; and the rule.
async function disputable(s, operator) {
  const { calls } = await api(s, `/api/v1/calls?operator=${encodeURIComponent(operator)}&limit=1000`);
  for (const c of calls) {
    if (!(c.failed_rules.length > 0 && c.score > 0 && c.score < 100)) continue;
    const { audit, disputes } = await api(s, `/api/v1/calls/${encodeURIComponent(c.id)}`);
    if (disputes.length > 0) continue;
    const v = audit.verdicts.find((x) => x.outcome === 'fail' && !x.manual && x.weight > 0 && x.severity !== 'critical');
    if (v) return { call: c, rule: v.rule };
  }
  throw new Error(`no disputable call of ${operator}`);
}

// The score on a call page.
async function pageScore(page) {
  return Number((await page.locator('#score .n').innerText()).trim());
}

// The score the call list shows for a call (its day and operator's list).
async function listScore(page, call) {
  const day = call.started_at.slice(0, 10);
  await page.goto(`${BASE}/calls?from=${day}&to=${day}&operator=${encodeURIComponent(call.operator)}`);
  for (;;) {
    const row = page.locator(`tr.call:has(a[href="/calls/${encodeURIComponent(call.id)}"])`);
    if (await row.count() === 1) return Number((await row.locator('.badge').innerText()).trim());
    const next = page.locator('#next-page');
    if (await next.count() === 0) throw new Error(`${call.id} is not in the list of ${day}`);
    await Promise.all([page.waitForNavigation(), next.click()]);
  }
}

test('a dispute changes the score', async () => {
  const own = process.env.CALLQA_OPERATOR_ID;
  const op = await signIn('CALLQA_OPERATOR');
  let call, rule, before;
  const comment = 'Я представилась, это слышно на записи';
  try {
    const problems = watch(op.page);
    ({ call, rule } = await disputable(op, own));
    const url = `${BASE}/calls/${encodeURIComponent(call.id)}`;
    await op.page.goto(url);
    before = await pageScore(op.page);
    assert.equal(before, call.score, 'the page shows the stored score');
    // The operator disputes the verdict with a comment.
    const form = op.page.locator('form.dispute');
    await form.locator('select[name=rule]').selectOption(rule);
    await form.locator('input[name=comment]').fill(comment);
    await Promise.all([op.page.waitForNavigation(), form.locator('button').click()]);
    assert.equal(new URL(op.page.url()).pathname, `/calls/${encodeURIComponent(call.id)}`);
    const open = op.page.locator('#review .verdict', { hasText: comment });
    assert.equal(await open.count(), 1, 'the dispute is listed with its comment');
    assert.equal(await open.locator('form.decide').count(), 0, 'an operator does not decide');
    assert.equal(await pageScore(op.page), before, 'an open dispute does not change the score');
    // The rule cannot be disputed twice while open.
    const again = await op.page.locator(`form.dispute select[name=rule] option[value="${rule}"]`).count();
    assert.equal(again, 0, 'the disputed rule is no longer offered');
    assert.deepEqual(problems, []);
  } finally {
    await op.close();
  }

  const sup = await signIn('CALLQA_SUPERVISOR');
  let after;
  try {
    const problems = watch(sup.page);
    const url = `${BASE}/calls/${encodeURIComponent(call.id)}`;
    await sup.page.goto(url);
    const d = sup.page.locator('#review .verdict', { hasText: comment });
    assert.equal(await d.count(), 1, 'the supervisor sees the open dispute');
    await d.locator('input[name=comment]').fill('Слышно: представилась');
    await Promise.all([sup.page.waitForNavigation(), d.locator('button[value=overturned]').click()]);
    after = await pageScore(sup.page);
    assert.ok(after > before, `overturning a failed verdict raises the score: ${before} → ${after}`);
    // The verdict is now a pass on the page, the dispute decided.
    const decided = sup.page.locator('#review .verdict', { hasText: comment });
    assert.equal(await decided.locator('.badge.pass').count(), 1, 'decided: overturned');
    assert.equal(await decided.locator('form.decide').count(), 0);
    assert.equal(await sup.page.locator(`.verdict.fail[id="v-${rule}"]`).count(), 0, 'no longer a failure');
    // The list shows the new score.
    assert.equal(await listScore(sup.page, call), after, 'the call list follows');
    // The call's history: who opened, who decided, when.
    await sup.page.goto(url);
    const log = sup.page.locator('#history tr.entry');
    assert.equal(await log.count(), 2, 'two changes in the history');
    const rows = await log.evaluateAll((trs) => trs.map((tr) => ({
      what: tr.dataset.what, who: tr.querySelector('.by').innerText, at: tr.querySelector('time').getAttribute('datetime'),
      text: tr.innerText,
    })));
    const opened = rows.find((r) => r.what === 'dispute.open');
    const overturned = rows.find((r) => r.what === 'dispute.decide');
    assert.ok(opened && overturned, JSON.stringify(rows));
    assert.equal(opened.who, 'operator');
    assert.equal(overturned.who, 'supervisor');
    for (const r of [opened, overturned]) {
      const age = Date.now() - Date.parse(r.at);
      assert.ok(age >= 0 && age < 10 * 60 * 1000, `${r.what} at ${r.at}`);
    }
    assert.match(overturned.text, new RegExp(`${before.toFixed(1).replace('.', '\\.')}.*${after.toFixed(1).replace('.', '\\.')}`),
      'the score before and after');
    // The same in the API's audit log.
    const { entries } = await api(sup, `/api/v1/audit-log?call=${encodeURIComponent(call.id)}`);
    assert.deepEqual(entries.map((e) => [e.what, e.who]), [['dispute.decide', 'supervisor'], ['dispute.open', 'operator']]);
    assert.deepEqual(problems, []);
  } finally {
    await sup.close();
  }

  // The operator sees the decision and the new score.
  const back = await signIn('CALLQA_OPERATOR');
  try {
    await back.page.goto(`${BASE}/calls/${encodeURIComponent(call.id)}`);
    assert.equal(await pageScore(back.page), after);
    assert.equal(await listScore(back.page, call), after);
  } finally {
    await back.close();
  }
});
