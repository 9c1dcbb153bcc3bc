// Create a products report and wait for its file.
import { createOzonClient, createReport, OzonTaskFailedError, OzonTimeoutError, waitForReport } from 'ozon-seller-api';

const ozon = createOzonClient({ clientId: process.env.OZON_CLIENT_ID!, apiKey: process.env.OZON_API_KEY! });

export async function main(): Promise<void> {
  const ctl = new AbortController();
  process.once('SIGINT', () => ctl.abort());
  try {
    // Polls /v1/report/info every 2 s at first, then less often (up to 15 s), for at most 10 minutes.
    const report = await createReport(ozon, '/v1/report/products/create', { language: 'EN', visibility: 'ALL' }, {
      interval: 2_000,
      maxInterval: 15_000,
      timeout: 600_000,
      signal: ctl.signal,
    });
    console.log('download', report.file, 'created at', report.created_at);
  } catch (e) {
    if (e instanceof OzonTaskFailedError) console.error('Ozon could not build the report:', e.message);
    else if (e instanceof OzonTimeoutError) console.error('still not ready:', e.message);
    else throw e;
  }

  // A report created earlier (its code saved somewhere): wait for it alone.
  const again = await waitForReport(ozon, 'REPORT_seller_products_924336_1720170405_a9ea2f27-a473-4b13-99f9-d0cfcb5b1a69');
  console.log(again.file);
}
