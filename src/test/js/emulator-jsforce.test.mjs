// Drives the Salesforce org emulator with jsforce, a real Salesforce client from the npm ecosystem.
// Usage: node emulator-jsforce.test.mjs <baseUrl> <accessToken>  (or EMULATOR_URL / EMULATOR_TOKEN)
// EMULATOR_REFRESH_TOKEN, EMULATOR_CLIENT_ID and EMULATOR_CLIENT_SECRET, when set, also drive the 401 -> refresh path.
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

  // queryMore by hand, and queryAll (scanAll) finding a deleted record
  const firstPage = await conn.query("SELECT Id FROM Account WHERE Name LIKE 'jsforce %'");
  check(firstPage.done === false && firstPage.records.length === 2000 && firstPage.nextRecordsUrl, 'first page of 2,000');
  const secondPage = await conn.queryMore(firstPage.nextRecordsUrl);
  check(secondPage.done === true && secondPage.records.length === firstPage.totalSize - 2000, 'queryMore: ' + secondPage.records.length);
  const doomed = await conn.sobject('Account').create({ Name: 'jsforce deleted' });
  await conn.sobject('Account').destroy(doomed.id);
  const live = await conn.query("SELECT Id FROM Account WHERE Name = 'jsforce deleted'");
  const all = await conn.query("SELECT Id, IsDeleted FROM Account WHERE Name = 'jsforce deleted'", { scanAll: true });
  check(live.totalSize === 0 && all.totalSize === 1 && all.records[0].IsDeleted === true, 'queryAll sees the deleted row');

  // collections: retrieve (POST with ids and fields), update, delete
  const ids = rows.slice(0, 3).map((r) => r.Id);
  const fetched = await conn.sobject('Account').retrieve(ids, { fields: ['Id', 'Name'] });
  check(fetched.length === 3 && fetched.every((r, i) => r.Id === ids[i] && r.Name.startsWith('jsforce ')), 'retrieve many: ' + JSON.stringify(fetched));
  const viaGet = await conn.request(`/services/data/v62.0/composite/sobjects/Account?ids=${ids.join(',')}&fields=Id,Name`);
  check(viaGet.length === 3 && viaGet[2].Id === ids[2], 'retrieve many with GET');
  const renamed = await conn.sobject('Account').update(ids.map((Id) => ({ Id, Industry: 'Retail' })), { allOrNone: true });
  check(renamed.every((r) => r.success), 'update many: ' + JSON.stringify(renamed));
  const removed = await conn.sobject('Account').destroy(ids, { allOrNone: true });
  check(removed.every((r) => r.success) && removed.length === 3, 'delete many: ' + JSON.stringify(removed));

  // describe, limits, identity
  const described = await conn.sobject('User').describe();
  check(described.name === 'User' && described.fields.some((f) => f.name === 'Username'), 'describe User');
  const limits = await conn.limits();
  check(limits.DailyApiRequests.Max > 0 && limits.DailyApiRequests.Remaining <= limits.DailyApiRequests.Max, 'limits');
  const me = await conn.identity();
  check(me.username && me.user_id && me.organization_id, 'identity: ' + JSON.stringify(me));

  // an expired access token: jsforce gets 401, uses the refresh token grant and retries
  const refreshToken = process.env.EMULATOR_REFRESH_TOKEN;
  let refreshed = 'not tried';
  if (refreshToken) {
    const oauth2 = new jsforce.OAuth2({ loginUrl: instanceUrl, clientId: process.env.EMULATOR_CLIENT_ID, clientSecret: process.env.EMULATOR_CLIENT_SECRET });
    const renewing = new jsforce.Connection({ oauth2, instanceUrl, accessToken, refreshToken, version: '62.0' });
    let renewals = 0;
    renewing.on('refresh', () => renewals++);
    const expire = await fetch(instanceUrl + '/__emulator/tokens/expire-all', { method: 'POST' });
    check(expire.status === 204, 'expire all tokens: ' + expire.status);
    const after = await renewing.query('SELECT Id FROM User LIMIT 1');
    check(after.totalSize === 1 && renewals === 1 && renewing.accessToken !== accessToken, 'refreshed once and answered');
    refreshed = 'refreshed';
  }

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

  console.log('jsforce against the emulator: OK (' + ACCOUNTS + ' accounts created and paged, queryMore, queryAll, single CRUD, '
    + 'collections retrieve/update/delete, describe, limits, identity, 401 path, token ' + refreshed + ')');
}

main().catch((e) => {
  console.error('jsforce against the emulator: FAILED: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
