#!/usr/bin/env node
// npm start: starts the Prism mock of the spec, runs a short session through the typed client
// (built into dist/ by `npm run build`), prints what came back, and stops the mock.
import { startMock } from './mock.js';

const { createOzonClient, createReport, paginate, unwrap, OzonApiError } = await import('../dist/src/index.js');

const mock = await startMock();
console.log(`Prism mock of the Ozon Seller API on ${mock.url}\n`);
try {
  const ozon = createOzonClient({ clientId: '836', apiKey: 'demo-key', baseUrl: mock.url });

  const products = await unwrap(ozon.POST('/v3/product/list', { body: { filter: { visibility: 'ALL' }, last_id: '', limit: 100 } }));
  console.log(`POST /v3/product/list: ${products.result?.items?.length ?? 0} product(s), total ${products.result?.total}`);
  for (const p of products.result?.items ?? []) console.log(`  product ${p.product_id}  offer ${p.offer_id}`);

  // paginate: every item of every page (the mock's example says has_next: false, so one page).
  let count = 0;
  for await (const r of paginate(ozon, '/v1/returns/list', { filter: {}, limit: 100 })) {
    count++;
    console.log(`  return ${r.id}  posting ${r.posting_number}  ${r.visual?.status?.display_name ?? ''}`);
  }
  console.log(`paginate POST /v1/returns/list: ${count} return(s)`);

  for await (const page of paginate.pages(ozon, '/v1/report/list', { page_size: 100, report_type: 'ALL' })) {
    console.log(`paginate.pages POST /v1/report/list: page ${page.index}, ${page.items.length} of ${page.data.result?.total} report(s)`);
    for (const r of page.items) console.log(`  ${r.created_at}  ${r.report_type}  ${r.status}`);
  }

  const report = await createReport(ozon, '/v1/report/products/create', { language: 'DEFAULT', visibility: 'ALL' }, { interval: 200, timeout: 10_000 });
  console.log(`createReport POST /v1/report/products/create → ${report.code}: ${report.status}, file ${report.file}`);

  try {
    await unwrap(ozon.POST('/v3/posting/fbs/get', { body: { posting_number: '57195475-0050-3' }, headers: { Prefer: 'code=404' } }));
  } catch (e) {
    if (!(e instanceof OzonApiError)) throw e;
    console.log(`\nAn error answer becomes OzonApiError: ${e.message} (status ${e.status}, code ${e.code})`);
  }
} finally {
  await mock.stop();
}
console.log('\nMock stopped.');
