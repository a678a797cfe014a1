// Writes a PNG of each dashboard page to a directory, for people
// reviewing a change:  bash e2e/run.sh --screenshots [DIR]  (default
// e2e/screenshots). Needs the server and credentials run.sh sets up.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { BASE, signIn } = require('./lib.js');

async function main() {
  const out = path.resolve(process.argv[2] || path.join(__dirname, 'screenshots'));
  fs.mkdirSync(out, { recursive: true });
  const shots = [
    ['CALLQA_SUPERVISOR', 'overview', '/?period=90'],
    ['CALLQA_SUPERVISOR', 'overview-en', '/?period=90&lang=en'],
    ['CALLQA_SUPERVISOR', 'rules', '/rules?period=90&lang=ru'],
    ['CALLQA_SUPERVISOR', 'rule', '/rules/greeting.no_bare_hello?period=90'],
    ['CALLQA_SUPERVISOR', 'operators', '/operators'],
    ['CALLQA_SUPERVISOR', 'operators-by-section', '/operators?sort=s.opening&dir=asc'],
    ['CALLQA_SUPERVISOR', 'queues', '/queues'],
    ['CALLQA_SUPERVISOR', 'calibrations', '/calibration'],
    ['CALLQA_SUPERVISOR', 'calls', '/calls'],
    ['CALLQA_SUPERVISOR', 'call', '/calls/ru-in-002'],
    ['CALLQA_SUPERVISOR', 'standard', '/standard'],
    ['CALLQA_OPERATOR', 'operator-overview', '/'],
    ['CALLQA_OPERATOR', 'operator-calls', '/calls'],
  ];
  for (const [who, name, url] of shots) {
    const s = await signIn(who);
    try {
      await s.page.goto(`${BASE}${url}`);
      const file = path.join(out, `${name}.png`);
      await s.page.screenshot({ path: file, fullPage: true });
      console.log(file);
    } finally {
      await s.close();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
