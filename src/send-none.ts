// `#send` outside Node (package.json `imports`): no node:http sender, so requests go through fetch
// and browser bundles never contain node:http.
import type { Send } from './answer.js';

export const nodeSend: Send | undefined = undefined;
