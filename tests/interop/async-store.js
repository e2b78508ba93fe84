#!/usr/bin/env node
// Tessera's own script (not from the shared kit): dcmjs-dimse, an SCU independent of Tessera and DCMTK, proposes an
// asynchronous operations window (PS3.7 D.3.3.3) and stores files on one association. Prints the window the acceptor
// answered as dcmjs-dimse parsed it, then one line per C-STORE-RSP; exits 0 when every store succeeded.
//
//   node async-store.js HOST PORT CALLED_AET INVOKED FILE...
'use strict';

const dimse = require('dcmjs-dimse');

const { Client, Dataset } = dimse;
const { CStoreRequest } = dimse.requests;
const { Status } = dimse.constants;

const [host, port, calledAet, invoked, ...files] = process.argv.slice(2);
if (!host || !port || !calledAet || !invoked || files.length === 0) {
  console.error('usage: node async-store.js HOST PORT CALLED_AET INVOKED FILE...');
  process.exit(2);
}

const client = new Client();
const statuses = [];
for (const file of files) {
  const request = new CStoreRequest(Dataset.fromFile(file));
  request.on('response', (response) => {
    statuses.push(response.getStatus());
    console.log(`C-STORE-RSP status 0x${response.getStatus().toString(16).padStart(4, '0')}`);
  });
  client.addRequest(request);
}

const timer = setTimeout(() => { console.error('timed out'); process.exit(1); }, 20000);
client.on('associationAccepted', (association) => {
  console.log(`window answered: invoked ${association.getMaxAsyncOpsInvoked()} performed ${association.getMaxAsyncOpsPerformed()}`);
});
client.on('associationRejected', (reject) => { console.error(`association rejected: ${reject.reason}`); process.exit(1); });
client.on('networkError', (error) => { console.error(`network error: ${error.message}`); process.exit(1); });
client.on('closed', () => {
  clearTimeout(timer);
  const ok = statuses.length === files.length && statuses.every((s) => s === Status.Success);
  console.log(`${statuses.length} of ${files.length} stored`);
  process.exit(ok ? 0 : 1);
});
client.send(host, Number(port), 'DCMJS', calledAet, {
  connectTimeout: 10000, associationTimeout: 10000, pduTimeout: 10000,
  asyncOps: { maxAsyncOpsInvoked: Number(invoked), maxAsyncOpsPerformed: 1 },
});
