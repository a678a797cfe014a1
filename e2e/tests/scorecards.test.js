// The operators' scorecards in a real browser: names, section scores,
// sorting by a section's column; the queues on their own page.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BASE, signIn, watch } = require('../lib.js');

test('the operators\' scorecards show section scores and sort by them', async () => {
  const s = await signIn('CALLQA_SUPERVISOR');
  try {
    const problems = watch(s.page);
    await s.page.goto(`${BASE}/operators?lang=ru`);
    const sections = s.page.locator('table.scorecard th.sec');
    const n = await sections.count();
    assert.ok(n >= 3, `section columns: ${n}`);
    const rows = s.page.locator('table.scorecard tbody tr');
    assert.ok(await rows.count() > 3, 'an operator per row');
    assert.equal(await rows.first().locator('td.sec').count(), n, 'a cell per section');
    assert.ok((await rows.first().locator('td b').first().innerText()).trim().length > 0, 'names shown');
    // Sort by the first section, best first, then the other way.
    await Promise.all([s.page.waitForNavigation(), sections.first().locator('a').click()]);
    const key = new URL(s.page.url()).searchParams.get('sort');
    assert.match(key, /^s\./);
    const values = async () => (await s.page.locator('table.scorecard tbody tr').evaluateAll(
      (trs) => trs.map((tr) => tr.querySelector('td.sec').innerText.trim()),
    )).map((v) => (v === '—' ? -1 : Number(v)));
    const up = await values();
    assert.deepEqual(up, [...up].sort((a, b) => a - b), 'ascending');
    await Promise.all([s.page.waitForNavigation(), s.page.locator('table.scorecard th.sec a.on').click()]);
    const down = await values();
    assert.deepEqual(down, [...down].sort((a, b) => b - a), 'descending');
    // Queues: on their own page, each with its section scores.
    await s.page.goto(`${BASE}/queues`);
    const cards = s.page.locator('section.queue');
    assert.ok(await cards.count() >= 2);
    assert.equal(await cards.first().locator('table.sections-table tr').count(), n);
    assert.deepEqual(problems, []);
  } finally {
    await s.close();
  }
});
