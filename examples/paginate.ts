// Iterate over every FBO/FBS return, one page in memory at a time, then over whole pages.
import { createOzonClient, paginate } from 'ozon-seller-api';

const ozon = createOzonClient({ clientId: process.env.OZON_CLIENT_ID!, apiKey: process.env.OZON_API_KEY! });

export async function main(): Promise<void> {
  // Items: the type of `ret` is inferred from the spec (the `returns` array of /v1/returns/list).
  for await (const ret of paginate(ozon, '/v1/returns/list', { filter: { visual_status_name: 'DisputeOpened' }, limit: 500 })) {
    console.log(ret.id, ret.posting_number, ret.visual?.status?.sys_name);
  }

  // Stop early with maxItems; the body leaves out the cursor field (`last_id`), paginate sets it.
  const first100 = paginate(ozon, '/v3/product/list', { filter: { visibility: 'ALL' }, limit: 100 }, { maxItems: 100 });
  for await (const product of first100) console.log(product.product_id, product.offer_id);

  // Whole pages, e.g. to write each page to a database in one transaction.
  for await (const page of paginate.pages(ozon, '/v1/report/list', { page_size: 1000, report_type: 'ALL' })) {
    console.log(`page ${page.index}: ${page.items.length} reports of ${page.data.result?.total}`);
  }
}
