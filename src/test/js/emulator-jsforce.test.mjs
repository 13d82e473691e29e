// Drives the Salesforce org emulator with jsforce, a real Salesforce client from the npm ecosystem.
// Usage: node emulator-jsforce.test.mjs <baseUrl> <accessToken>  (or EMULATOR_URL / EMULATOR_TOKEN)
// Exits non-zero on any failure.
import jsforce from 'jsforce';

const instanceUrl = process.argv[2] || process.env.EMULATOR_URL;
const accessToken = process.argv[3] || process.env.EMULATOR_TOKEN;
const ACCOUNTS = 2100;

function check(condition, message) {
  if (!condition) {
    throw new Error('check failed: ' + message);
  }
}

async function main() {
  check(instanceUrl && accessToken, 'base URL and access token are required');
  const conn = new jsforce.Connection({ instanceUrl, accessToken, version: '62.0' });

  // collections: 200 records per call
  let created = 0;
  for (let start = 0; start < ACCOUNTS; start += 200) {
    const chunk = [];
    for (let i = start; i < Math.min(ACCOUNTS, start + 200); i++) {
      chunk.push({ Name: 'jsforce ' + String(i).padStart(5, '0') });
    }
    const results = await conn.sobject('Account').create(chunk, { allOrNone: false });
    check(Array.isArray(results) && results.length === chunk.length, 'one result per record');
    for (const r of results) {
      check(r.success === true && typeof r.id === 'string' && r.id.length === 18, 'record created: ' + JSON.stringify(r));
    }
    created += results.length;
  }
  check(created === ACCOUNTS, 'created ' + created);

  // query with paging: more rows than one page (2,000)
  const rows = [];
  const result = await conn.query("SELECT Id, Name FROM Account WHERE Name LIKE 'jsforce %'")
    .on('record', (r) => rows.push(r))
    .run({ autoFetch: true, maxFetch: 5000 });
  check(result.totalSize === ACCOUNTS, 'totalSize ' + result.totalSize);
  check(rows.length === ACCOUNTS, 'fetched ' + rows.length + ' rows through paging');
  check(new Set(rows.map((r) => r.Id)).size === ACCOUNTS, 'distinct ids');

  // one record: create, update, retrieve
  const one = await conn.sobject('Account').create({ Name: 'jsforce single', Industry: 'Energy' });
  check(one.success && one.id, 'single create');
  const updated = await conn.sobject('Account').update({ Id: one.id, Phone: '555-0100' });
  check(updated.success, 'update: ' + JSON.stringify(updated));
  const read = await conn.sobject('Account').retrieve(one.id);
  check(read.Name === 'jsforce single' && read.Phone === '555-0100' && read.Industry === 'Energy', 'retrieve: ' + JSON.stringify(read));

  // the 401 path
  const bad = new jsforce.Connection({ instanceUrl, accessToken: 'not-a-valid-token', version: '62.0' });
  let failure = null;
  try {
    await bad.query('SELECT Id FROM Account LIMIT 1');
  } catch (e) {
    failure = e;
  }
  check(failure !== null, 'a bad token must fail');
  check(failure.errorCode === 'INVALID_SESSION_ID' || failure.name === 'INVALID_SESSION_ID',
    'bad token error: ' + failure.name + ' ' + failure.errorCode + ' ' + failure.message);

  console.log('jsforce against the emulator: OK (' + ACCOUNTS + ' accounts created and paged, single CRUD, 401 path)');
}

main().catch((e) => {
  console.error('jsforce against the emulator: FAILED: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
