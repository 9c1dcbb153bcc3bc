// The README's counts, written by `npm run generate` from the bundled spec between the markers
// below, so they stay true as operations are added: nobody types them by hand.
import { operationsOf } from './lib.js';

const START = '<!-- counts: written by `npm run generate` from the spec; do not edit by hand -->';
const END = '<!-- /counts -->';

/** The numbers the README states. */
export function specCounts(spec) {
  const ops = operationsOf(spec).map(({ op }) => op);
  const legacy = ops.filter((op) => op.deprecated && op.tags?.includes('Legacy')).length;
  const deprecated = ops.filter((op) => op.deprecated).length - legacy;
  return {
    operations: ops.length,
    current: ops.filter((op) => !op.deprecated).length,
    deprecated,
    legacy,
    paginated: ops.filter((op) => op['x-pagination']).length,
    rateLimited: ops.filter((op) => op['x-rate-limit']).length,
    webhooks: Object.keys(spec.webhooks ?? {}).length,
  };
}

const n = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export function countsText(spec) {
  const c = specCounts(spec);
  const lines = [
    `The spec describes ${n(c.operations, 'operation')}: ${c.current} current, ${c.deprecated} that Ozon still serves but has`,
    `marked for switch-off (\`deprecated\`, with the replacement and the date), and ${c.legacy} legacy ones Ozon has`,
    `switched off (\`deprecated\` and tagged \`Legacy\`, naming the method that replaced them where there is one).`,
    `${c.paginated} of them are paginated (\`paginate\` pages through each) and ${c.rateLimited} have a documented rate limit`,
    `(honoured by queueing)${c.webhooks ? `; ${n(c.webhooks, 'push notification type')} ${c.webhooks === 1 ? 'is' : 'are'} described as webhooks` : ''}.`,
  ];
  return `${START}\n${lines.join('\n')}\n${END}`;
}

/** `readme` with its counts block replaced; throws when the markers are missing. */
export function withCounts(readme, spec) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error('README.md has no counts block (the markers of scripts/readme-counts.js)');
  return readme.slice(0, start) + countsText(spec) + readme.slice(end + END.length);
}
