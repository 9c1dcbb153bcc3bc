// What can go wrong, and how to tell the cases apart.
import { createOzonClient, OzonApiError, OzonNetworkError, OzonTimeoutError, unwrap } from 'ozon-seller-api';

const ozon = createOzonClient({ clientId: process.env.OZON_CLIENT_ID!, apiKey: process.env.OZON_API_KEY! });

export async function main(): Promise<void> {
  // openapi-fetch's { data, error, response } is still there when you want it:
  const { data, error, response } = await ozon.POST('/v1/report/info', { body: { code: 'nope' } });
  if (error) console.warn(response.status, error);
  else console.log(data?.result?.status);

  // unwrap() returns data or throws OzonApiError.
  try {
    await unwrap(ozon.POST('/v1/carriage/cancel', { body: { carriage_id: 42 } }));
  } catch (e) {
    if (e instanceof OzonTimeoutError) console.error('no answer in time:', e.message);
    else if (e instanceof OzonNetworkError) console.error('network:', e.message); // says whether it may have been applied
    else if (e instanceof OzonApiError) {
      // status, Ozon's code/message/details, the Trace-ID for support, attempts made, and a snippet
      // of a body that was not JSON (an HTML proxy page). The Api-Key is in none of it.
      console.error(e.status, e.code, e.message, e.traceId, e.attempts, e.snippet);
      console.error(JSON.stringify(e)); // safe to log
    } else throw e;
  }
}
