// Type tests of the push receiver: callbacks get their own type's payload; unknown keys do not compile.
import { describe, expectTypeOf, it } from 'vitest';
import { createPushHandler, sendPush, type PushHandler, type PushPayload, type PushType } from '../src/push/index.js';

describe('createPushHandler types', () => {
  it('gives each callback the payload of its message_type', () => {
    createPushHandler({
      TYPE_STATE_CHANGED: (payload, { signal }) => {
        expectTypeOf(payload.message_type).toEqualTypeOf<'TYPE_STATE_CHANGED'>();
        expectTypeOf(payload.posting_number).toEqualTypeOf<string>();
        expectTypeOf(payload.seller_id).toEqualTypeOf<number>();
        expectTypeOf(payload.new_state).toEqualTypeOf<PushPayload<'TYPE_STATE_CHANGED'>['new_state']>();
        expectTypeOf<'posting_delivered'>().toMatchTypeOf<NonNullable<typeof payload.new_state>>();
        expectTypeOf(signal).toEqualTypeOf<AbortSignal>();
        // @ts-expect-error `products` belongs to TYPE_NEW_POSTING, not to a state change
        void payload.products;
      },
      TYPE_NEW_MESSAGE: (payload) => {
        expectTypeOf(payload.data).toEqualTypeOf<string[] | undefined>();
        // @ts-expect-error `new_state` belongs to posting notifications
        void payload.new_state;
      },
      TYPE_STOCKS_CHANGED: async (payload) => {
        expectTypeOf(payload.items[0]!.stocks).toMatchTypeOf<{ warehouse_id?: number; present?: number; reserved?: number }[] | undefined>();
      },
    });
  });

  it('rejects unknown keys, the connection check and wrong callbacks', () => {
    // @ts-expect-error not a push type
    createPushHandler({ TYPE_NO_SUCH_THING: () => {} });
    // @ts-expect-error TYPE_PING is answered by the receiver itself
    createPushHandler({ TYPE_PING: () => {} });
    createPushHandler({
      // @ts-expect-error a callback for one type cannot take another type's payload
      TYPE_NEW_POSTING: (payload: PushPayload<'TYPE_CHAT_CLOSED'>) => payload.chat_id,
    });
    // @ts-expect-error options are typed
    createPushHandler({}, { timeoutMs: '4s' });
  });

  it('has both shapes', () => {
    const handler = createPushHandler({});
    expectTypeOf(handler).toEqualTypeOf<PushHandler>();
    expectTypeOf(handler).toBeCallableWith(new Request('http://localhost/'));
    expectTypeOf(handler).returns.toEqualTypeOf<Promise<Response>>();
    expectTypeOf(handler.node).parameters.toMatchTypeOf<[unknown, unknown]>();
  });

  it('sendPush takes only known types', () => {
    expectTypeOf<Parameters<typeof sendPush>[1]>().toEqualTypeOf<PushType>();
    // @ts-expect-error not a push type
    void sendPush('http://127.0.0.1:3000/', 'TYPE_NOPE');
  });
});
