#!/usr/bin/env node
// npm start: starts the Prism mock of the spec, runs a short session through the typed client
// (built into dist/ by `npm run build`), prints what came back, and stops the mock.
import { startMock } from './mock.js';

const { createOzonClient, unwrap, OzonApiError } = await import('../dist/src/index.js');

const mock = await startMock();
console.log(`Prism mock of the Ozon Seller API on ${mock.url}\n`);
try {
  const ozon = createOzonClient({ clientId: '836', apiKey: 'demo-key', baseUrl: mock.url });

  const products = await unwrap(ozon.POST('/v3/product/list', { body: { filter: { visibility: 'ALL' }, last_id: '', limit: 100 } }));
  console.log(`POST /v3/product/list: ${products.result?.items?.length ?? 0} product(s), total ${products.result?.total}`);
  for (const p of products.result?.items ?? []) console.log(`  product ${p.product_id}  offer ${p.offer_id}`);

  const returns = await unwrap(ozon.POST('/v1/returns/list', { body: { filter: {}, limit: 100, last_id: 0 } }));
  console.log(`POST /v1/returns/list: ${returns.returns?.length ?? 0} return(s), has_next ${returns.has_next}`);
  for (const r of returns.returns ?? []) console.log(`  return ${r.id}  posting ${r.posting_number}  ${r.visual?.status?.display_name ?? ''}`);

  const body = { filter: { date: { from: '2021-11-01T00:00:00.000Z', to: '2021-11-30T00:00:00.000Z' }, transaction_type: 'all' }, page: 1, page_size: 100 };
  const tx = await unwrap(ozon.POST('/v3/finance/transaction/list', { body }));
  console.log(`POST /v3/finance/transaction/list: page 1 of ${tx.result?.page_count}, ${tx.result?.operations?.length ?? 0} operation(s)`);
  for (const op of tx.result?.operations ?? []) console.log(`  ${op.operation_date}  ${op.operation_type_name}  ${op.amount}`);

  const report = await unwrap(ozon.POST('/v1/report/products/create', { body: { language: 'DEFAULT', visibility: 'ALL' } }));
  const info = await unwrap(ozon.POST('/v1/report/info', { body: { code: report.result?.code ?? '' } }));
  console.log(`POST /v1/report/products/create → ${report.result?.code}; /v1/report/info: ${info.result?.status}, file ${info.result?.file}`);

  try {
    await unwrap(ozon.POST('/v1/report/info', { body: { code: 'missing' }, headers: { Prefer: 'code=404' } }));
  } catch (e) {
    if (!(e instanceof OzonApiError)) throw e;
    console.log(`\nAn error answer becomes OzonApiError: ${e.message} (status ${e.status}, code ${e.code})`);
  }
} finally {
  await mock.stop();
}
console.log('\nMock stopped.');
