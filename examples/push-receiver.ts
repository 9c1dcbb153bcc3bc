// A receiver of Ozon's push notifications on node:http (the README's example).
import { createServer } from 'node:http';
import { createPushHandler, OZON_PUSH_SOURCES } from 'ozon-seller-api/push';

const push = createPushHandler(
  {
    TYPE_NEW_POSTING: async (posting) => console.log('new posting', posting.posting_number, posting.products),
    TYPE_POSTING_CANCELLED: (p) => console.log('cancelled', p.posting_number, p.reason?.message),
    TYPE_STATE_CHANGED: (p) => console.log(p.posting_number, 'is now', p.new_state),
    TYPE_NEW_MESSAGE: (m) => console.log('chat', m.chat_id, m.data?.join('\n')),
  },
  // Answer Ozon's connection check with your app's name; accept only Ozon's addresses in production.
  { name: 'shop-sync', version: '1.0.0', allowedSources: process.env.NODE_ENV === 'production' ? OZON_PUSH_SOURCES : undefined },
);

createServer(push.node).listen(Number(process.env.PORT ?? 8080));
