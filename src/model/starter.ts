/**
 * The starter `journeylens.yaml` a new workspace begins with: every section present, each
 * with a small realistic example (an online shop with a phone and chat service desk) and a
 * comment saying what the section is for. It is the first thing a CX team reads, so it
 * teaches the format; it must always load without errors (starter.test.ts checks).
 */
import { stringify } from 'yaml';

const BODY = `
# How to read your data.
settings:
  timezone: UTC            # IANA zone for timestamps that carry no offset
  inactivityGapDays: 30    # without a case id, a gap this long starts a new journey
  currency: EUR            # for cost to serve and revenue at risk

# Lifecycle stages from the customer's point of view, in order.
stages: [Awareness, Interest, Intent, Purchase, Fulfilment, Activation, Support, Retention]

# Where interactions happen. The events' channel column uses these names.
channels: [web, app, email, phone, chat, store, social, mail]

# The teams that own touchpoints. Each friction is handed to the owner of its touchpoint.
teams:
  - { id: ecommerce, name: E-commerce }
  - { id: logistics, name: Logistics }
  - { id: service, name: Customer Service }

# Customer types, tried top to bottom: the first rule that matches wins.
# A rule compares customer attributes (the customers table); \`rule: always\` matches everyone.
segments:
  - id: premium
    name: Premium
    serviceTier: premium
    annualValue: 1200      # what one customer is worth per year: prices revenue at risk
    rule:
      all:
        - { attribute: lifetime_value, op: gte, value: 1000 }
        - { attribute: country, op: in, value: [NL, BE, DE] }
  - id: standard
    name: Standard
    serviceTier: standard
    annualValue: 250
    rule: always           # the catch-all; keep it last

# Every interaction the customer has with you: its stage, channel and owning team, and the
# raw activity names in your event data that mean it (exact names, or /pattern/i).
touchpoints:
  - id: product-page
    name: Product page
    stage: Interest
    channel: web
    owner: ecommerce
    activities:
      - View product
      - /^product[_ ]view/i           # a pattern: /regex/, i = ignore case
  - id: checkout
    name: Checkout
    stage: Purchase
    channel: web
    owner: ecommerce
    upstream: [cart service]          # processes behind it (free text)
    downstream: [order management]
    activities: [Checkout completed]
  - id: delivery
    name: Delivery
    stage: Fulfilment
    channel: mail
    owner: logistics
    layer: backstage                  # not seen by the customer: frontstage or backstage
    activities: [Parcel delivered]
    momentOfTruth: true               # weighs most for the customer
  - id: support-call
    name: Support call
    stage: Support
    channel: phone
    owner: service
    activities: [Call answered]
  - id: support-chat
    name: Support chat
    stage: Support
    channel: chat
    owner: service
    activities: [Chat started]

# The paths you designed, per segment. Measured journeys are aligned against them.
idealJourneys:
  - id: online-purchase
    name: Online purchase
    segment: standard
    steps:
      - touchpoint: product-page
        repeatable: true             # browsing several products is fine
      - touchpoint: checkout
      - touchpoint: delivery

# Moments that weigh most, defined by a rule (touchpoints can also be flagged above).
momentsOfTruth:
  - id: first-delivery
    name: First delivery after a purchase
    rule: { kind: firstAfter, touchpoint: delivery, after: checkout }
  - id: third-contact
    name: Third support contact within 30 days
    rule: { kind: contactsWithin, count: 3, withinDays: 30, stage: Support }
  - id: tenth-order
    name: The 10th order
    rule: { kind: nthOccurrence, touchpoint: checkout, n: 10 }

# Why customers contact you: primary reasons, each with secondary ones.
contactReasons:
  - id: order
    name: Order
    secondary:
      - { id: track, name: Where is my order }
      - { id: cancel, name: Cancel my order }
  - id: billing
    name: Billing
    secondary:
      - { id: refund, name: Refund }

# How to treat a contact, tried top to bottom: the first rule whose \`when\` fits wins.
# Treatments: self-service, chat, message, callback, human, human-specialist, human-priority.
routing:
  - id: premium-cancel
    when: { segment: premium, reason: order/cancel }
    treatment: human-priority
    fields: [order_id]               # what the frontline needs to see
  - id: track-order
    when: { reason: order/track }
    treatment: self-service
  - id: everything-else
    treatment: human

# When a pattern counts as friction. These are the defaults; change what does not fit.
friction:
  repeatContact: { count: 3, withinDays: 30, sameReason: false }
  loop: { enabled: true }              # revisiting a touchpoint already done
  channelSwitch: { withinDays: 7 }
  handoff: { pingPongMin: 3 }          # hand-offs between teams
  wait:
    defaultSeconds: 600
    serviceLevels:
      - { touchpoint: support-call, seconds: 120 }
  failure: { enabled: true }
  # A journey that stops in these stages, with nothing further within withinDays days.
  abandonment: { withinDays: 14, stages: [Awareness, Interest, Intent] }

# How survey answers (CSAT 1-5, NPS 0-10, CES 1-7 and your own scales) are tied to the journey.
feedback:
  attribution: { windowHours: 72, sameJourney: true }   # else: the latest step before the answer
  minResponses: 30                   # figures on fewer answers are not shown
  lookbackDays: 90                   # answers not about one journey: frictions in the 90 days before
  scales:
    - { kind: effort5, name: Effort (1-5), min: 1, max: 5, positiveFrom: 4 }

# What friction costs: contact cost by channel and the chance one friction loses a customer.
costModel:
  costToServe: { phone: 6.5, chat: 3.2, email: 2.5, web: 0.1 }
  churnRisk: 0.02
  detractorChurnRisk: 0.1            # extra yearly churn of a detractor, used where NPS gaps are measured
`;

/**
 * A commented starter workspace for a company called `name`.
 * @example writeFile('journeylens.yaml', starterWorkspaceYaml('Acme Retail'))
 */
export function starterWorkspaceYaml(name = 'My company'): string {
  return (
    '# journeylens.yaml: your customer journeys as code. Edit it here or in the web app;\n' +
    '# both keep your comments. The format is described in docs/workspace.md.\n' +
    'version: 1\n' +
    `name: ${stringify(name).trimEnd()}\n` +
    BODY
  );
}
