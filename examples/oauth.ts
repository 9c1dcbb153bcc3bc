// An app acting for a seller: an OAuth token instead of Client-Id and Api-Key. Give a function
// to refresh the token: it is called before each request.
import { createOzonClient, unwrap } from 'ozon-seller-api';

/** Your token store: returns a valid access token, refreshing it when it is about to expire. */
declare function currentAccessToken(sellerId: string): Promise<string>;

export async function main(sellerId: string): Promise<void> {
  // A fixed token...
  const once = createOzonClient({ accessToken: process.env.OZON_ACCESS_TOKEN! });
  const roles = await unwrap(once.POST('/v1/roles', { body: {} }));
  console.log(roles.roles?.map((r) => r.name));

  // ...or one read before each request. `clientId` is not sent with a token; given, it makes the
  // clients of one seller share Ozon's 50-requests-a-second budget.
  const ozon = createOzonClient({ accessToken: () => currentAccessToken(sellerId), clientId: sellerId });
  const page = await unwrap(ozon.POST('/v3/product/list', { body: { filter: { visibility: 'ALL' }, limit: 100 } }));
  console.log(page.result?.total);
}
