/**
 * The 10M-event synthetic CX log of the benchmarks, generated in the engine from hashes (no
 * randomness: the same file every time). 1M customers with 10 events each, over three kinds
 * of journey instance (case ids), so every detector has realistic work to do:
 * - a purchase journey (positions 0–5): an ad, browsing, the cart, checkout, payment (4%
 *   fail) and a home delivery (7% later than the 72-hour level); 30% of customers drop off at
 *   the cart (abandoned), and their positions 3–5 become a retention journey instead;
 * - 10–40 days later, for 40% of customers a support journey (positions 6–9): a help-centre
 *   article (sometimes read again after the contact: a loop), a contact by phone, chat or
 *   e-mail with a reason and a queue wait (15% above its level, 3% abandoned), a second
 *   contact for the same reason for 40% (half of them on another channel), and a transfer to
 *   the billing desk for 20%; for the others a second purchase (browse, cart, checkout, pay).
 * About 8% of the events are a friction occurrence, in the range of the demo company.
 * Customers carry a tier (gold 10%, silver 30%, none) for the workspace's segments;
 * bench/synthetic-workspace.yaml is the workspace that reads this log.
 */
import { raw, type TSql } from '../src/query/sql.js';

export const SYNTHETIC_CUSTOMERS = 1_000_000;
export const EVENTS_PER_CUSTOMER = 10;

const REASONS =
  "['order/status', 'order/change', 'delivery/late', 'delivery/damaged', 'payment/refund', 'payment/invoice', 'account/login', 'product/defect']";

/** SELECT of every event: customer_id, case_id, activity, timestamp, channel, outcome, wait_s, reason. */
export function syntheticEvents(customers = SYNTHETIC_CUSTOMERS): TSql {
  return raw(`
    WITH e AS (
      SELECT i // ${EVENTS_PER_CUSTOMER} AS c, i % ${EVENTS_PER_CUSTOMER} AS p,
        hash(i // ${EVENTS_PER_CUSTOMER}) % 1000 AS h, hash(i, 7) % 1000 AS hp
      FROM range(${customers * EVENTS_PER_CUSTOMER}) t(i)
    ),
    d AS (
      SELECT *, h < 300 AS dropped, hash(c, 'support') % 10 < 4 AS support,
        hash(c, 'contact') % 3 AS ch1, (h // 10) % 10 < 4 AS again,
        (h // 10) % 10 < 2 AS switched, (h // 100) % 5 = 0 AS transfer, h % 7 = 0 AS reread,
        ${REASONS}[1 + CAST(hash(c, 'reason') % 8 AS INTEGER)] AS reason_pick,
        TIMESTAMPTZ '2025-01-01 08:00:00+00' + to_seconds(CAST(hash(c, 'start') % 31000000 AS BIGINT)) AS t0
      FROM e
    ),
    k AS (
      SELECT c, p, h, hp, dropped, t0, reason_pick,
        CASE
          WHEN p <= 2 OR (p <= 5 AND NOT dropped) THEN 'A'
          WHEN p <= 5 THEN 'R'
          WHEN support THEN 'B'
          ELSE 'P' END AS journey,
        CASE WHEN again AND switched THEN (ch1 + 1) % 3 ELSE ch1 END AS ch2,
        ch1, again, transfer, reread
      FROM d
    ),
    a AS (
      SELECT *,
        CASE journey
          WHEN 'A' THEN CASE p
            WHEN 0 THEN ['ad_social', 'ad_search', 'newsletter_click', 'display_ad'][1 + CAST(hp % 4 AS INTEGER)]
            WHEN 1 THEN CASE WHEN h % 2 = 0 THEN 'view_product' ELSE 'App: product viewed' END
            WHEN 2 THEN CASE WHEN h % 2 = 0 THEN 'cart_add' ELSE 'App: added to basket' END
            WHEN 3 THEN 'checkout_submit'
            WHEN 4 THEN 'payment_authorisation'
            ELSE 'carrier:delivered' END
          WHEN 'R' THEN ['Newsletter opened', 'Loyalty reward redeemed', 'Review request sent'][p - 2]
          WHEN 'P' THEN ['view_product', 'cart_add', 'checkout_submit', 'payment_authorisation'][p - 5]
          ELSE CASE p
            WHEN 6 THEN 'help_article'
            WHEN 7 THEN ['call_inbound', 'Chat with agent', 'Email ticket answered'][1 + CAST(ch1 AS INTEGER)]
            WHEN 8 THEN CASE WHEN again THEN ['call_inbound', 'Chat with agent', 'Email ticket answered'][1 + CAST(ch2 AS INTEGER)]
              WHEN reread THEN 'help_article' ELSE 'Review request sent' END
            ELSE CASE WHEN transfer THEN 'Billing desk call' ELSE 'Survey sent' END END
          END AS activity
      FROM k
    )
    SELECT 'C' || lpad(CAST(c AS VARCHAR), 7, '0') AS customer_id,
      'C' || lpad(CAST(c AS VARCHAR), 7, '0') || '-' || journey AS case_id,
      activity,
      t0 + to_seconds(CAST(CASE journey
          WHEN 'A' THEN CASE WHEN p = 5 THEN 86400 + (hp % 100 < 7)::INT * 259200 + hp * 97 ELSE p * 300 + hp % 240 END
          WHEN 'R' THEN p * 86400 * 3 + hp * 13
          WHEN 'P' THEN (20 + h % 30) * 86400 + (p - 6) * 300 + hp % 240
          ELSE (10 + h % 30) * 86400 + (p - 6) * 86400 + hp * 31 END AS BIGINT)) AS timestamp,
      CASE
        WHEN activity IN ('call_inbound', 'Billing desk call') THEN 'phone'
        WHEN activity = 'Chat with agent' THEN 'chat'
        WHEN activity IN ('Email ticket answered', 'Newsletter opened', 'newsletter_click', 'Survey sent', 'Review request sent') THEN 'email'
        WHEN activity LIKE 'App:%' THEN 'app'
        WHEN activity = 'carrier:delivered' THEN 'courier'
        ELSE 'web' END AS channel,
      CASE
        WHEN activity = 'payment_authorisation' AND hp % 100 < 4 THEN 'failed'
        WHEN journey = 'A' AND p = 2 AND dropped THEN 'abandoned'
        WHEN journey = 'B' AND p = 7 AND hp % 100 < 3 THEN 'abandoned'
        ELSE 'ok' END AS outcome,
      CASE
        WHEN activity = 'carrier:delivered' THEN CAST(86400 + (hp % 100 < 7)::INT * 259200 + hp * 97 AS DOUBLE)
        WHEN p IN (7, 8) AND activity IN ('call_inbound', 'Chat with agent', 'Email ticket answered')
          THEN CAST(CASE WHEN hp % 100 < 15 THEN 400 + hp ELSE hp % 100 END AS DOUBLE)
        END AS wait_s,
      CASE WHEN p IN (7, 8) AND activity IN ('call_inbound', 'Chat with agent', 'Email ticket answered')
        THEN reason_pick END AS reason
    FROM a`);
}

/** SELECT of every customer: customer_id, tier (gold 10%, silver 30%, else none). */
export function syntheticCustomers(customers = SYNTHETIC_CUSTOMERS): TSql {
  return raw(`SELECT 'C' || lpad(CAST(c AS VARCHAR), 7, '0') AS customer_id,
      CASE WHEN hash(c, 'tier') % 10 = 0 THEN 'gold' WHEN hash(c, 'tier') % 10 < 4 THEN 'silver' ELSE 'none' END AS tier
    FROM range(${customers}) t(c)`);
}
