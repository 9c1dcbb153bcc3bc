// Project lint rules for openapi/, loaded by redocly.yaml.
//  - ozon/operation-examples: an operation with a JSON body has a request example, and its
//    200 JSON response has an example (Prism serves it; contract tests send the request).
//  - ozon/vendor-extensions: the x- extensions read by scripts/generate.js have the right shape.
//  - ozon/english-text: summaries and descriptions are English (no Cyrillic or CJK letters),
//    carry no TODO left from transcription, and speak to the user about the API, never about
//    the pages it was transcribed from ("the page's example", "the Russian pages", "the docs",
//    "the old reference", "field list", ru-ref ...): such notes go in `# doc fix:` comments.
//  - ozon/no-placeholder-examples: no example value (request, answer, parameter or schema, in
//    operations and webhooks) is the literal "string" or a scaffold's `TODO-...`: the mock
//    serves the examples, so users' tests and demos see them.

const STYLES = ['last_id', 'offset', 'page', 'cursor'];
const PERIODS = ['second', 'minute', 'hour', 'day'];

function resolve(ctx, node) {
  return node && node.$ref ? ctx.resolve(node).node : node;
}

function hasExample(media) {
  return media && (media.example !== undefined || media.examples !== undefined);
}

function OperationExamples() {
  return {
    Operation(op, ctx) {
      const body = resolve(ctx, op.requestBody);
      const json = body?.content?.['application/json'];
      if (json && !hasExample(json)) {
        ctx.report({ message: 'Request body needs an example.', location: ctx.location.child(['requestBody']) });
      }
      const ok = resolve(ctx, op.responses?.['200']);
      const okJson = ok?.content?.['application/json'];
      if (okJson && !hasExample(okJson)) {
        ctx.report({ message: '200 response needs an example.', location: ctx.location.child(['responses', '200']) });
      }
    },
  };
}

function isDotted(v) {
  return typeof v === 'string' && /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(v);
}

function VendorExtensions() {
  return {
    Operation(op, ctx) {
      const bad = (key, message) => ctx.report({ message: `${key}: ${message}`, location: ctx.location.child([key]) });
      for (const key of ['x-idempotent', 'x-report']) {
        if (key in op && typeof op[key] !== 'boolean') bad(key, 'must be a boolean');
      }
      const rl = op['x-rate-limit'];
      if (rl !== undefined) {
        if (!Number.isInteger(rl?.requests) || rl.requests < 1) bad('x-rate-limit', 'requests must be a positive integer');
        if (!PERIODS.includes(rl?.per)) bad('x-rate-limit', `per must be one of ${PERIODS.join(', ')}`);
      }
      const rb = op['x-replaced-by'];
      if (rb !== undefined) {
        if (typeof rb !== 'string' || !/^(GET|POST|PUT|PATCH|DELETE) \/\S+$/.test(rb)) bad('x-replaced-by', 'must read "METHOD /path"');
        if (op.deprecated !== true) bad('x-replaced-by', 'only deprecated operations name a replacement');
      }
      const sunset = op['x-sunset'];
      if (sunset !== undefined) {
        if (typeof sunset !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(sunset)) bad('x-sunset', 'must be a date, YYYY-MM-DD');
        if (op.deprecated !== true) bad('x-sunset', 'only deprecated operations have a switch-off date');
      }
      const a = op['x-async'];
      if (a !== undefined) {
        if (typeof a?.status !== 'string' || !/^(GET|POST) \/\S+$/.test(a.status)) bad('x-async', 'status must read "METHOD /path"');
        if (!a?.request || typeof a.request !== 'object' || Array.isArray(a.request)) bad('x-async', 'request must map status-body fields to dotted paths');
        else for (const [k, v] of Object.entries(a.request)) {
          // A value is a dotted path in this method's 200 body, or `$request.<path>` in its request body.
          const from = typeof v === 'string' && v.startsWith('$request.') ? v.slice('$request.'.length) : v;
          if (!isDotted(k) || !isDotted(from)) bad('x-async', `request.${k} must be a dotted path, or $request.<dotted path>`);
        }
        if (!isDotted(a?.state)) bad('x-async', 'state must be a dotted path');
        for (const k of ['success', 'failure']) {
          const list = a?.[k];
          if (!Array.isArray(list) || (k === 'success' && list.length === 0) || !list.every((x) => typeof x === 'string' || typeof x === 'boolean')) {
            bad('x-async', `${k} must be a list of state values`);
          }
        }
      }
      const p = op['x-pagination'];
      if (p !== undefined) {
        if (!STYLES.includes(p?.style)) bad('x-pagination', `style must be one of ${STYLES.join(', ')}`);
        if (!isDotted(p?.items)) bad('x-pagination', 'items must be a dotted path');
        if (!isDotted(p?.request?.cursor)) bad('x-pagination', 'request.cursor must be a dotted path');
        if (p?.request?.limit !== undefined && !isDotted(p.request.limit)) bad('x-pagination', 'request.limit must be a dotted path');
        for (const [k, v] of Object.entries(p?.response ?? {})) {
          if (!['cursor', 'itemCursor', 'hasNext', 'total', 'pageCount'].includes(k)) bad('x-pagination', `unknown response key ${k}`);
          else if (!isDotted(v)) bad('x-pagination', `response.${k} must be a dotted path`);
        }
        if ((p?.style === 'last_id' || p?.style === 'cursor') && !p?.response?.cursor === !p?.response?.itemCursor) {
          bad('x-pagination', `${p.style} style needs exactly one of response.cursor and response.itemCursor`);
        }
      }
    },
  };
}

const FOREIGN = /[\u0400-\u04FF\u3000-\u9FFF]|\bTODO\b/;

// Talk about our sources. Precise on purpose: paging words ("one page of results", "the next
// page", "Number of the page to return", "page_size", "the previous page's `cursor`"), the
// storefront ("the product page"), languages ("in Russian", "simplified Chinese", "Chinese
// yuan"), "for example", "the reference list of ..." and "Ozon does not document ..." all pass.
const VERB = String.raw`(?:shows|says|gives|lists|names|calls|uses|documents|describes|mentions|explains|states|has|does|doesn't|puts|nests|wraps|marks|carries|spells|writes)`;
const VERBS = String.raw`(?:show|say|give|list|name|call|use|document|describe|mention|explain|state|have|do|don't|put|nest|wrap|mark|carry|spell|write)`;
const SOURCE_TALK = new RegExp(
  [
    // Working names of the sources.
    String.raw`\b(?:ru|cn|zh|en)-(?:ref|seed|\d{4})\b`,
    String.raw`\bour\s+sources?\b`,
    // A doc page: "the Chinese page", "the Russian pages", "Ozon's page", "this method's pages".
    String.raw`\b(?:chinese|russian|english|doc|docs|documentation|reference|ref|source|ozon['’]s|method['’]s)\s+pages?\b`,
    String.raw`\bthe\s+page['’]s\b`,
    String.raw`\bpages?\s+for\s+(?:this|that|the|each)\s+method\b`,
    String.raw`\b(?:by|from)\s+the\s+pages?\b(?![\s_-]*(?:number|size|count|token|index))`,
    String.raw`\b(?:listed|shown|named|given|documented|described|mentioned|flat)\s+(?:\w+\s+)?on\s+the\s+pages?\b`,
    String.raw`\bthe\s+page\s+${VERB}\b`,
    String.raw`\bthe\s+pages\s+${VERBS}\b`,
    // The docs, the documentation, an (old) reference.
    String.raw`\b(?:the|its|their|ozon['’]s|current|old|older|official|public|api)\s+(?:docs?|documentation)\b`,
    String.raw`\bdocumentation\s+${VERB}\b`,
    String.raw`\b(?:old|older|newer|current|previous|earlier|legacy|russian|chinese|english|api|its|ozon['’]s|[\w/]+-era)\s+reference\b`,
    String.raw`\breference\s+(?:pages?|docs?|documentation)\b`,
    String.raw`\bthe\s+reference\s+${VERB}\b`,
    // Their examples, field lists and tables.
    String.raw`\b(?:the|its|their|this|that|both|chinese|russian|english|page['’]s|ozon['’]s)\s+examples?\b`,
    String.raw`\bexample\s+${VERB}\b`,
    String.raw`\bexamples\s+${VERBS}\b`,
    String.raw`\bfield\s+(?:lists?|tables?)\b`,
    String.raw`\b(?:the|its|their)\s+table\s+${VERB}\b`,
  ].join('|'),
  'i',
);

function EnglishText() {
  const check = (node, ctx) => {
    for (const key of ['summary', 'description']) {
      const text = node[key];
      if (typeof text !== 'string') continue;
      if (FOREIGN.test(text)) {
        ctx.report({ message: `${key} must be English, written for the user (no Cyrillic, CJK or TODO).`, location: ctx.location.child([key]) });
      }
      const talk = text.match(SOURCE_TALK);
      if (talk) {
        ctx.report({
          message: `${key} talks about our sources ("${talk[0]}"): say what it means to the user, and put the note in a \`# doc fix:\` comment.`,
          location: ctx.location.child([key]),
        });
      }
    }
  };
  // Operation also covers the operations of `webhooks` (OpenAPI 3.1), which hold path items.
  return { Operation: check, Schema: check, Parameter: check, RequestBody: check, Response: check, Header: check, Tag: check, Server: check };
}

const PLACEHOLDER = (v) => v === 'string' || (typeof v === 'string' && v.startsWith('TODO-'));

/** Dotted locations of placeholder values inside an example value. */
function placeholders(value, path = [], out = []) {
  if (PLACEHOLDER(value)) out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => placeholders(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) placeholders(v, [...path, k], out);
  return out;
}

function NoPlaceholderExamples() {
  const check = (node, ctx) => {
    const found = [];
    if ('example' in node) found.push(...placeholders(node.example, ['example']));
    if (node.examples && typeof node.examples === 'object') {
      for (const [k, ex] of Object.entries(node.examples)) {
        if (Array.isArray(node.examples)) found.push(...placeholders(ex, ['examples', Number(k)]));
        else if (ex && typeof ex === 'object' && 'value' in ex) found.push(...placeholders(ex.value, ['examples', k, 'value']));
      }
    }
    for (const where of found) {
      ctx.report({ message: 'Example value is a placeholder ("string" or TODO-...): write a realistic value.', location: ctx.location.child(where) });
    }
  };
  return { MediaType: check, Parameter: check, Header: check, Schema: check };
}

export default function ozonPlugin() {
  return {
    id: 'ozon',
    rules: {
      oas3: {
        'operation-examples': OperationExamples,
        'vendor-extensions': VendorExtensions,
        'english-text': EnglishText,
        'no-placeholder-examples': NoPlaceholderExamples,
      },
    },
  };
}
