/**
 * Routing on real contact-reason taxonomies (shared/data/cx, see its README): CFPB complaints
 * (public domain: Product → Issue, and Issue → Sub-issue; the channel is "Submitted via") and
 * the Bitext customer-support utterances (CDLA-Sharing: category → intent, in chat). Both are
 * read from ../shared/data at test time; nothing is copied into the project.
 *
 * Each test builds a workspace from the data (ids slugified), writes routing rules, routes real
 * rows through the real HTTP app and checks every answer against an oracle written here on the
 * raw strings of the row — not on slugs, not through the routing code — so a mistake in
 * slugging, matching, order or the live context shows up as a row that disagrees.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { validateWorkspace } from '../src/model/workspace.js';
import type { TWorkspace, TWorkspaceInput } from '../src/model/workspace-schema.js';
import { routingModule } from '../src/server/routes/routing-routes.js';
import { testApp, type TTestApp } from '../src/server/test-kit.js';
import { memoryWorkspace } from '../src/service/workspace-source.js';
import { parseCsv } from './csv-text.js';
import { describeWithSharedData } from './shared-data.js';

/** An id from a name: lowercase letters and digits, single hyphens ("Postal mail" → postal-mail). */
const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

type TRow = Record<string, string>;
type TAnswer = {
  treatment: string;
  rule: string | null;
  fields: string[];
  customer: { segment: string | null };
};
type TExpected = { rule: string; treatment: string; fields: string[] };

/** A two-level taxonomy from rows: primary name → secondary names, in order of appearance. */
function taxonomy(rows: readonly TRow[], primary: string, secondary: string) {
  const levels = new Map<string, Set<string>>();
  for (const r of rows) {
    const p = r[primary] ?? '';
    const s = r[secondary] ?? '';
    if (!levels.has(p)) levels.set(p, new Set());
    if (s !== '') levels.get(p)?.add(s);
  }
  return [...levels].map(([p, s]) => ({
    id: slug(p),
    name: p,
    secondary: [...s].map((name) => ({ id: slug(name), name })),
  }));
}

function valid(input: TWorkspaceInput): TWorkspace {
  const result = validateWorkspace(input);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.workspace;
}

async function appFor(workspace: TWorkspace, now = Date.now()): Promise<TTestApp> {
  return testApp([routingModule({ workspace: () => memoryWorkspace(workspace), now: () => now })]);
}

async function route(app: TTestApp, body: unknown): Promise<TAnswer> {
  const res = await app.call('route', '/api/route', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as TAnswer;
}

/** Routes every row and returns the rows whose answer differs from the oracle, and the tally. */
async function check(
  app: TTestApp,
  rows: readonly TRow[],
  request: (r: TRow) => unknown,
  oracle: (r: TRow) => TExpected,
): Promise<{ wrong: string[]; tally: Record<string, number> }> {
  const wrong: string[] = [];
  const tally: Record<string, number> = {};
  for (const [i, r] of rows.entries()) {
    const got = await route(app, request(r));
    const want = oracle(r);
    tally[got.treatment] = (tally[got.treatment] ?? 0) + 1;
    if (
      got.rule !== want.rule ||
      got.treatment !== want.treatment ||
      got.fields.join() !== want.fields.join()
    )
      wrong.push(
        `row ${i + 2}: got ${JSON.stringify([got.rule, got.treatment, got.fields])}, want ${JSON.stringify(want)}`,
      );
  }
  return { wrong, tally };
}

describeWithSharedData('routing on the CFPB complaint taxonomy', (data) => {
  const rows = parseCsv(readFileSync(join(data, 'cx', 'cfpb', 'complaints_sample.csv'), 'utf8'));
  const CR = 'Credit reporting, credit repair services, or other personal consumer reports';
  const INCORRECT = 'Incorrect information on your report';
  const cr = slug(CR);
  const channels = [...new Set(rows.map((r) => slug(r['Submitted via'] ?? '')))];
  const segments: TWorkspaceInput['segments'] = [
    {
      id: 'servicemember',
      name: 'Servicemember',
      serviceTier: 'premium',
      rule: { attribute: 'tags', op: 'contains', value: 'Servicemember' },
    },
    {
      id: 'older-american',
      name: 'Older American',
      serviceTier: 'assisted',
      rule: { attribute: 'tags', op: 'contains', value: 'Older American' },
    },
    { id: 'everyone', name: 'Everyone' },
  ];
  const customer = (r: TRow) => ({ attributes: { tags: r.Tags, state: r.State } });

  describeWithSharedData('Product → Issue', () => {
    let app: TTestApp;
    let ws: TWorkspace;
    beforeAll(async () => {
      ws = valid({
        name: 'CFPB by product',
        channels,
        segments,
        contactReasons: taxonomy(rows, 'Product', 'Issue'),
        routing: [
          {
            id: 'servicemember-debt',
            when: { segment: 'servicemember', reason: 'debt-collection' },
            treatment: 'human-specialist',
            fields: ['account_number', 'military_status'],
          },
          {
            id: 'report-error-web',
            when: { reason: `${cr}/${slug(INCORRECT)}`, channel: 'web' },
            treatment: 'self-service',
            fields: ['report_section'],
          },
          {
            id: 'report-error',
            when: { reason: `${cr}/${slug(INCORRECT)}` },
            treatment: 'callback',
            fields: ['report_section', 'phone_number'],
          },
          {
            id: 'not-owed',
            when: { reason: 'debt-collection/attempts-to-collect-debt-not-owed' },
            treatment: 'human-specialist',
            fields: ['debt_reference'],
          },
          {
            id: 'credit-reporting-web',
            when: { reason: cr, channel: 'web' },
            treatment: 'self-service',
            fields: ['ssn_last4'],
          },
          {
            id: 'credit-reporting',
            when: { reason: cr },
            treatment: 'message',
            fields: ['ssn_last4'],
          },
          {
            id: 'mortgage-struggling',
            when: { reason: 'mortgage/struggling-to-pay-mortgage' },
            treatment: 'human-priority',
            fields: ['loan_number'],
          },
          {
            id: 'mortgage',
            when: { reason: 'mortgage' },
            treatment: 'callback',
            fields: ['loan_number'],
          },
          {
            id: 'by-mail',
            when: { channel: 'postal-mail' },
            treatment: 'message',
            fields: ['mailing_address'],
          },
          { id: 'everything-else', treatment: 'human', fields: ['complaint_id'] },
        ],
      });
      app = await appFor(ws);
    });
    afterAll(async () => {
      await app.close();
    });

    // The rules above, in words, on the raw strings of a row.
    // `friction`: the caller reports an open friction; by default, a disputed company answer.
    const oracle = (r: TRow, friction = r['Consumer disputed?'] === 'Yes'): TExpected => {
      const product = r.Product;
      const issue = r.Issue;
      const via = r['Submitted via'];
      const servicemember = (r.Tags ?? '').includes('Servicemember');
      const disputed = friction;
      let want: TExpected;
      if (servicemember && product === 'Debt collection')
        want = {
          rule: 'servicemember-debt',
          treatment: 'human-specialist',
          fields: ['account_number', 'military_status'],
        };
      else if (product === CR && issue === INCORRECT)
        want =
          via === 'Web' && !disputed
            ? { rule: 'report-error-web', treatment: 'self-service', fields: ['report_section'] }
            : via === 'Web'
              ? {
                  rule: 'report-error-web',
                  treatment: 'callback',
                  fields: ['report_section', 'phone_number'],
                }
              : {
                  rule: 'report-error',
                  treatment: 'callback',
                  fields: ['report_section', 'phone_number'],
                };
      else if (product === 'Debt collection' && issue === 'Attempts to collect debt not owed')
        want = { rule: 'not-owed', treatment: 'human-specialist', fields: ['debt_reference'] };
      else if (product === CR)
        want =
          via === 'Web'
            ? {
                rule: 'credit-reporting-web',
                treatment: disputed ? 'message' : 'self-service',
                fields: ['ssn_last4'],
              }
            : { rule: 'credit-reporting', treatment: 'message', fields: ['ssn_last4'] };
      else if (product === 'Mortgage' && issue === 'Struggling to pay mortgage')
        want = {
          rule: 'mortgage-struggling',
          treatment: 'human-priority',
          fields: ['loan_number'],
        };
      else if (product === 'Mortgage')
        want = { rule: 'mortgage', treatment: 'callback', fields: ['loan_number'] };
      else if (via === 'Postal mail')
        want = { rule: 'by-mail', treatment: 'message', fields: ['mailing_address'] };
      else want = { rule: 'everything-else', treatment: 'human', fields: ['complaint_id'] };
      // A disputed answer is an open friction; a servicemember in friction gets a person first.
      if (
        disputed &&
        servicemember &&
        !['human-specialist', 'human-priority'].includes(want.treatment)
      )
        want = { ...want, treatment: 'human-priority' };
      return want;
    };

    it('builds a valid workspace: 13 products with their issues, 6 channels', () => {
      expect(ws.contactReasons).toHaveLength(13);
      expect(ws.contactReasons.reduce((n, r) => n + r.secondary.length, 0)).toBe(110);
      expect([...ws.channels].sort()).toEqual([
        'email',
        'fax',
        'phone',
        'postal-mail',
        'referral',
        'web',
      ]);
    });

    it('routes every complaint as the rules say, a disputed answer as an open friction', async () => {
      const { wrong, tally } = await check(
        app,
        rows,
        (r) => ({
          customer: customer(r),
          reason: { primary: slug(r.Product ?? ''), secondary: slug(r.Issue ?? '') },
          channel: slug(r['Submitted via'] ?? ''),
          context: { openFriction: r['Consumer disputed?'] === 'Yes' },
        }),
        oracle,
      );
      expect(wrong).toEqual([]);
      expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(6623);
      // Exact counts on the sample (worked out apart from this code, on the raw file).
      expect(tally).toEqual({
        'self-service': 3102,
        human: 1863,
        'human-specialist': 688,
        callback: 585,
        message: 241,
        'human-priority': 144,
      });
    });

    it('never answers self-service to a complaint in an open friction', async () => {
      // The sample's 9 disputed answers never reach a self-service rule, so flag real rows that do.
      const selfService = rows.filter((r) => oracle(r, false).treatment === 'self-service');
      const sample = selfService.filter((_, i) => i % 10 === 0);
      const { wrong, tally } = await check(
        app,
        sample,
        (r) => ({
          customer: customer(r),
          reason: `${slug(r.Product ?? '')}/${slug(r.Issue ?? '')}`,
          channel: slug(r['Submitted via'] ?? ''),
          context: { openFriction: true },
        }),
        (r) => oracle(r, true),
      );
      expect(wrong).toEqual([]);
      expect(Object.keys(tally).sort()).toEqual(['callback', 'human-priority', 'message']);
    });

    it('names the known products for an unknown one', async () => {
      const res = await app.call('route', '/api/route', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customer: { attributes: {} },
          reason: 'mortage/foreclosure',
          channel: 'web',
        }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        error: { message: string; details: { known: string[] } };
      };
      expect(body.error.message).toMatch(
        /^reason: unknown contact reason "mortage" \(did you mean "mortgage"\?\)/,
      );
      expect(body.error.details.known).toHaveLength(13);
    });
  });

  describeWithSharedData('Issue → Sub-issue', () => {
    let app: TTestApp;
    let ws: TWorkspace;
    const NOT_MINE = 'Information belongs to someone else';
    beforeAll(async () => {
      ws = valid({
        name: 'CFPB by issue',
        channels,
        segments,
        contactReasons: taxonomy(rows, 'Issue', 'Sub-issue'),
        routing: [
          {
            id: 'identity',
            when: { reason: `${slug(INCORRECT)}/${slug(NOT_MINE)}` },
            treatment: 'human-specialist',
            fields: ['identity_document'],
          },
          {
            id: 'incorrect-web',
            when: { reason: slug(INCORRECT), channel: 'web' },
            treatment: 'self-service',
            fields: ['report_section'],
          },
          {
            id: 'not-owed',
            when: { reason: 'attempts-to-collect-debt-not-owed' },
            treatment: 'human-specialist',
            fields: ['debt_reference'],
          },
          { id: 'everything-else', treatment: 'message', fields: ['complaint_id'] },
        ],
      });
      app = await appFor(ws);
    });
    afterAll(async () => {
      await app.close();
    });

    it('builds a valid workspace of issues and their sub-issues', () => {
      expect(ws.contactReasons).toHaveLength(new Set(rows.map((r) => r.Issue)).size);
      expect(ws.contactReasons.find((r) => r.name === INCORRECT)?.secondary.length).toBeGreaterThan(
        5,
      );
    });

    it('routes every complaint by issue and, where given, sub-issue', async () => {
      const { wrong } = await check(
        app,
        rows,
        (r) => ({
          customer: customer(r),
          reason:
            r['Sub-issue'] === ''
              ? slug(r.Issue ?? '')
              : { primary: slug(r.Issue ?? ''), secondary: slug(r['Sub-issue'] ?? '') },
          channel: slug(r['Submitted via'] ?? ''),
        }),
        (r) => {
          if (r.Issue === INCORRECT && r['Sub-issue'] === NOT_MINE)
            return {
              rule: 'identity',
              treatment: 'human-specialist',
              fields: ['identity_document'],
            };
          if (r.Issue === INCORRECT && r['Submitted via'] === 'Web')
            return { rule: 'incorrect-web', treatment: 'self-service', fields: ['report_section'] };
          if (r.Issue === 'Attempts to collect debt not owed')
            return { rule: 'not-owed', treatment: 'human-specialist', fields: ['debt_reference'] };
          return { rule: 'everything-else', treatment: 'message', fields: ['complaint_id'] };
        },
      );
      expect(wrong).toEqual([]);
    });
  });
});

describeWithSharedData('routing on the Bitext category → intent taxonomy', (data) => {
  const rows = parseCsv(
    readFileSync(
      join(data, 'cx', 'bitext', 'Bitext_Sample_Customer_Support_Training_Dataset.csv'),
      'utf8',
    ),
  );
  const NOW = Date.parse('2026-06-30T12:00:00Z');
  let app: TTestApp;
  let ws: TWorkspace;
  beforeAll(async () => {
    ws = valid({
      name: 'Bitext',
      contactReasons: taxonomy(rows, 'category', 'intent'),
      routing: [
        {
          id: 'track-order',
          when: { reason: 'order/track-order' },
          treatment: 'self-service',
          fields: ['order_id'],
        },
        {
          id: 'cancel-order',
          when: { reason: 'order/cancel-order' },
          treatment: 'chat',
          fields: ['order_id'],
        },
        { id: 'order', when: { reason: 'order' }, treatment: 'chat', fields: ['order_id'] },
        {
          id: 'get-refund',
          when: { reason: 'refund/get-refund' },
          treatment: 'human-specialist',
          fields: ['order_id', 'refund_amount'],
        },
        {
          id: 'refund',
          when: { reason: 'refund' },
          treatment: 'self-service',
          fields: ['order_id', 'refund_amount'],
        },
        {
          id: 'human-agent',
          when: { reason: 'contact/contact-human-agent' },
          treatment: 'human',
          fields: ['customer_id'],
        },
        {
          id: 'complaint',
          when: { reason: 'feedback/complaint' },
          treatment: 'human',
          fields: ['order_id'],
        },
        {
          id: 'account',
          when: { reason: 'account' },
          treatment: 'self-service',
          fields: ['account_type'],
        },
        {
          id: 'invoice',
          when: { reason: 'invoice' },
          treatment: 'message',
          fields: ['invoice_id'],
        },
        {
          id: 'delivery',
          when: { reason: 'delivery' },
          treatment: 'self-service',
          fields: ['delivery_city', 'delivery_country'],
        },
        { id: 'everything-else', treatment: 'chat', fields: ['customer_id'] },
      ],
    });
    app = await appFor(ws, NOW);
  });
  afterAll(async () => {
    await app.close();
  });

  const request = (r: TRow, id?: string) => ({
    customer: id === undefined ? { attributes: {} } : { id },
    reason: { primary: slug(r.category ?? ''), secondary: slug(r.intent ?? '') },
    channel: 'chat',
  });

  it('builds 11 primary reasons with their 27 intents', () => {
    expect(ws.contactReasons.map((r) => r.id)).toContain('cancellation-fee');
    expect(ws.contactReasons).toHaveLength(11);
    expect(ws.contactReasons.reduce((n, r) => n + r.secondary.length, 0)).toBe(27);
  });

  it('routes every utterance as the rules say, asking for the identifiers customers give', async () => {
    const byIntent: Record<string, TExpected> = {
      track_order: { rule: 'track-order', treatment: 'self-service', fields: ['order_id'] },
      cancel_order: { rule: 'cancel-order', treatment: 'chat', fields: ['order_id'] },
      get_refund: {
        rule: 'get-refund',
        treatment: 'human-specialist',
        fields: ['order_id', 'refund_amount'],
      },
      contact_human_agent: { rule: 'human-agent', treatment: 'human', fields: ['customer_id'] },
      complaint: { rule: 'complaint', treatment: 'human', fields: ['order_id'] },
    };
    const byCategory: Record<string, TExpected> = {
      ORDER: { rule: 'order', treatment: 'chat', fields: ['order_id'] },
      REFUND: { rule: 'refund', treatment: 'self-service', fields: ['order_id', 'refund_amount'] },
      ACCOUNT: { rule: 'account', treatment: 'self-service', fields: ['account_type'] },
      INVOICE: { rule: 'invoice', treatment: 'message', fields: ['invoice_id'] },
      DELIVERY: {
        rule: 'delivery',
        treatment: 'self-service',
        fields: ['delivery_city', 'delivery_country'],
      },
    };
    const other: TExpected = {
      rule: 'everything-else',
      treatment: 'chat',
      fields: ['customer_id'],
    };
    const { wrong, tally } = await check(
      app,
      rows,
      (r) => request(r),
      (r) => byIntent[r.intent ?? ''] ?? byCategory[r.category ?? ''] ?? other,
    );
    expect(wrong).toEqual([]);
    expect(tally).toEqual({
      'self-service': 1954,
      chat: 1703,
      'human-specialist': 189,
      human: 317,
      message: 351,
    });
    // The identifier a customer wrote (an order id, an invoice id, ...) is among the fields asked for.
    const ids = [
      'order_id',
      'invoice_id',
      'refund_amount',
      'account_type',
      'delivery_city',
      'delivery_country',
    ];
    const withId = rows.filter((r) => ids.includes(r.entity_type ?? ''));
    const asked = withId.filter((r) => {
      const want = byIntent[r.intent ?? ''] ?? byCategory[r.category ?? ''] ?? other;
      return want.fields.includes(r.entity_type ?? '');
    });
    expect([withId.length, asked.length]).toEqual([1525, 1525]);
  });

  it('skips self-service for a customer on their 3rd contact in 30 days', async () => {
    const tracking = rows.filter((r) => r.intent === 'track_order').slice(0, 3);
    const events = tracking.slice(0, 2).map((r, i) => ({
      seq: i + 1,
      eventId: null,
      customerId: 'bitext-1',
      caseId: null,
      ts: new Date(NOW - (10 - i) * 86_400_000),
      activity: r.instruction ?? '',
      channel: 'chat',
      outcome: 'ok',
      reason: `${slug(r.category ?? '')}/${slug(r.intent ?? '')}`,
    }));
    const first = await route(app, request(tracking[0] as TRow, 'bitext-1'));
    expect(first.treatment).toBe('self-service');
    await app.context.ingested.publish({ kind: 'events', events });
    const third = await route(app, request(tracking[2] as TRow, 'bitext-1'));
    expect([third.rule, third.treatment, third.fields]).toEqual([
      'track-order',
      'chat',
      ['order_id'],
    ]);
  });
});
