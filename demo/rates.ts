/**
 * The seeded rates: how often each friction is injected into the simulation. These are the
 * knobs; ground-truth.json reports them next to the counts that actually came out of one
 * generation (which differ by chance and because frictions combine, e.g. a missed delivery
 * attempt can also make the delivery late).
 */
import type { TSegmentId } from './company.js';

export type TMode = 'web' | 'app' | 'collect' | 'store' | 'business';

export const RATES = {
  /** Purchase journeys (converted or not) started per active year. */
  journeysPerYear: {
    business: 7.6,
    vip: 6.8,
    'at-risk': 2.2,
    new: 3.1,
    loyal: 4.6,
    regular: 2.65,
  } satisfies Record<TSegmentId, number>,
  /** Weights of the journey mode by the customer's preferred channel. */
  modeWeights: {
    web: { web: 62, app: 8, collect: 15, store: 15 },
    app: { web: 12, app: 63, collect: 10, store: 15 },
    store: { web: 15, app: 5, collect: 15, store: 65 },
  },
  awarenessTouch: 0.55,
  /** Online drop-off: browse without cart, cart abandoned, checkout abandoned. */
  dropAfterBrowse: 0.38,
  cartAbandoned: 0.28,
  checkoutAbandoned: 0.07,
  /** Cart now, checkout on a later day. */
  checkoutLater: 0.25,
  storeNoPurchase: 0.3,
  quoteNotAccepted: 0.3,
  login: 0.6,
  loginFailure: 0.08,
  paymentFailure: 0.045,
  paymentFailureNew: 0.09,
  paymentRetry: 0.7,
  posDeclined: 0.03,
  orderConfirmationMissing: 0.012,
  dispatchNoticeMissing: 0.03,
  dispatchNoticeAfterDelivery: 0.02,
  /** Intended late deliveries (more than 72 h): off-peak, in the peak, VIP express. */
  lateDelivery: 0.07,
  lateDeliveryPeak: 0.2,
  lateDeliveryVip: 0.03,
  delayNotice: 0.7,
  failedAttempt: 0.06,
  damaged: 0.02,
  notReadyForCollection: 0.05,
  registration: 0.15,
  assembly: 0.12,
  assemblyBusiness: 0.25,
  assemblyNoShow: 0.12,
  reviewRequest: 0.6,
  reviewSubmitted: 0.2,
  invoiceQuestion: 0.12,
  /** Probability that an incident sends the customer to support. */
  supportAfter: {
    late: 0.45,
    failedAttempt: 0.3,
    damaged: 0.85,
    paymentFailure: 0.2,
    loginFailure: 0.12,
    notReady: 0.3,
    assemblyNoShow: 0.5,
    invoice: 1,
    orderQuestion: 1,
  },
  /** Questions about an order that went fine (tracking, change, return...). */
  orderQuestion: 0.07,
  /** Support needs not caused by an order in the period, per active year. */
  spontaneousSupportPerYear: 0.35,
  selfServiceFirst: 0.45,
  selfServiceFirstPremium: 0.15,
  chatbotFirst: 0.35,
  chatbotResolves: 0.2,
  /** First-contact resolution before adjustments (wait above the service level −0.15). */
  firstContactResolution: 0.74,
  maxContacts: 4,
  switchChannelOnRepeat: 0.45,
  socialRedirectToChat: 0.4,
  transferToDesk: 0.3,
  pingPongBack: 0.28,
  /** Loyalty rewards per active year (loyal, VIP) and win-back mails (at risk). */
  loyaltyRewardsPerYear: 1.2,
  winbackMailsPerYear: 2.2,
  winbackClicked: 0.15,
} as const;
