/**
 * The demo company's touchpoints: 40 interactions across the 8 stages, each owned by one team,
 * with the raw activity names its systems log. Some map by exact name, some by a regex pattern
 * (`/.../flags`, the workspace notation). `raw` lists every name the simulator emits for the
 * touchpoint; a test checks that the workspace maps each to this touchpoint and no other.
 */
import type { TChannel, TStage, TTeamId } from './company.js';

export type TTouchpoint = {
  id: string;
  name: string;
  stage: TStage;
  channel: TChannel;
  owner: TTeamId;
  layer: 'frontstage' | 'backstage';
  upstream: readonly string[];
  downstream: readonly string[];
  /** Exact activity names that map here. */
  activities: readonly string[];
  /** Activity patterns in workspace notation, `/source/flags`. */
  patterns: readonly string[];
  /** Every activity name the simulator emits for this touchpoint. */
  raw: readonly string[];
  momentOfTruth: boolean;
};

type TDraft = Omit<TTouchpoint, 'upstream' | 'downstream' | 'activities' | 'patterns' | 'raw'> &
  Partial<Pick<TTouchpoint, 'upstream' | 'downstream' | 'activities' | 'patterns' | 'raw'>>;

function tp(d: Omit<TDraft, 'layer' | 'momentOfTruth'> & Partial<TDraft>): TTouchpoint {
  const activities = d.activities ?? [];
  return {
    layer: 'frontstage',
    momentOfTruth: false,
    upstream: [],
    downstream: [],
    patterns: [],
    ...d,
    activities,
    raw: d.raw ?? activities,
  };
}

const M = 'marketing';
const E = 'ecommerce';
const S = 'stores';
const L = 'logistics';
const CS = 'customer-service';
const F = 'finance';

export const TOUCHPOINTS: readonly TTouchpoint[] = [
  // Awareness
  tp({
    id: 'social-ad',
    name: 'Social media ad',
    stage: 'Awareness',
    channel: 'social',
    owner: M,
    patterns: ['/^ad_click_(instagram|facebook|tiktok|pinterest)$/'],
    raw: ['ad_click_instagram', 'ad_click_facebook', 'ad_click_tiktok', 'ad_click_pinterest'],
  }),
  tp({
    id: 'search-ad',
    name: 'Search ad',
    stage: 'Awareness',
    channel: 'web',
    owner: M,
    patterns: ['/^sea_click:(brand|generic|shopping)$/'],
    raw: ['sea_click:brand', 'sea_click:generic', 'sea_click:shopping'],
  }),
  tp({
    id: 'newsletter',
    name: 'Newsletter',
    stage: 'Awareness',
    channel: 'email',
    owner: M,
    activities: ['Newsletter opened', 'Newsletter link clicked'],
    upstream: ['CRM campaigns'],
  }),
  // Interest
  tp({
    id: 'browse-web',
    name: 'Browse the webshop',
    stage: 'Interest',
    channel: 'web',
    owner: E,
    patterns: ['/^(browse_category|view_product|site_search)$/'],
    raw: ['browse_category', 'view_product', 'site_search'],
    upstream: ['product catalogue'],
  }),
  tp({
    id: 'browse-app',
    name: 'Browse the app',
    stage: 'Interest',
    channel: 'app',
    owner: E,
    activities: ['App: product viewed', 'App: search'],
    upstream: ['product catalogue'],
  }),
  tp({
    id: 'store-visit',
    name: 'Store visit',
    stage: 'Interest',
    channel: 'store',
    owner: S,
    activities: ['Store visit'],
    upstream: ['store staffing', 'visual merchandising'],
  }),
  // Intent
  tp({
    id: 'add-to-cart',
    name: 'Add to cart (web)',
    stage: 'Intent',
    channel: 'web',
    owner: E,
    patterns: ['/^cart_add(_bundle)?$/'],
    raw: ['cart_add', 'cart_add_bundle'],
    upstream: ['stock service'],
  }),
  tp({
    id: 'app-basket',
    name: 'Add to basket (app)',
    stage: 'Intent',
    channel: 'app',
    owner: E,
    activities: ['App: added to basket'],
    upstream: ['stock service'],
  }),
  tp({
    id: 'account-signup',
    name: 'Create an account',
    stage: 'Intent',
    channel: 'web',
    owner: 'it',
    activities: ['Account created'],
    downstream: ['CRM'],
  }),
  tp({
    id: 'login',
    name: 'Log in',
    stage: 'Intent',
    channel: 'web',
    owner: 'it',
    activities: ['Login'],
    upstream: ['identity provider'],
  }),
  tp({
    id: 'password-reset',
    name: 'Password reset',
    stage: 'Intent',
    channel: 'email',
    owner: 'it',
    activities: ['Password reset requested'],
    upstream: ['identity provider'],
  }),
  tp({
    id: 'b2b-quote',
    name: 'Business quote',
    stage: 'Intent',
    channel: 'email',
    owner: 'b2b-sales',
    activities: ['Quote requested', 'Quote sent'],
    upstream: ['price lists'],
  }),
  // Purchase
  tp({
    id: 'checkout',
    name: 'Checkout',
    stage: 'Purchase',
    channel: 'web',
    owner: E,
    patterns: ['/^(checkout_(start|submit)|App: checkout)$/'],
    raw: ['checkout_start', 'checkout_submit', 'App: checkout'],
    downstream: ['payment service'],
  }),
  tp({
    id: 'payment',
    name: 'Payment',
    stage: 'Purchase',
    channel: 'web',
    owner: F,
    activities: ['payment_authorisation'],
    upstream: ['payment service provider'],
    downstream: ['order management'],
    momentOfTruth: true,
  }),
  tp({
    id: 'order-confirmation',
    name: 'Order confirmation',
    stage: 'Purchase',
    channel: 'email',
    owner: E,
    activities: ['Order confirmation sent'],
    upstream: ['order management'],
  }),
  tp({
    id: 'store-checkout',
    name: 'Store till',
    stage: 'Purchase',
    channel: 'store',
    owner: S,
    patterns: ['/^pos[ _-]sale$/i'],
    raw: ['POS sale', 'POS_SALE', 'pos-sale'],
    downstream: ['stock service', 'loyalty ledger'],
  }),
  tp({
    id: 'b2b-order',
    name: 'Business purchase order',
    stage: 'Purchase',
    channel: 'email',
    owner: 'b2b-sales',
    activities: ['Purchase order received'],
    downstream: ['order management'],
  }),
  tp({
    id: 'invoice',
    name: 'Invoice',
    stage: 'Purchase',
    channel: 'email',
    owner: F,
    activities: ['Invoice issued'],
    upstream: ['ERP billing'],
  }),
  // Fulfilment
  tp({
    id: 'pick-pack',
    name: 'Warehouse pick & pack',
    stage: 'Fulfilment',
    channel: 'web',
    owner: L,
    layer: 'backstage',
    patterns: ['/^WMS: order (picked|packed)$/'],
    raw: ['WMS: order picked', 'WMS: order packed'],
    upstream: ['warehouse management'],
  }),
  tp({
    id: 'dispatch-notice',
    name: 'Dispatch notification',
    stage: 'Fulfilment',
    channel: 'email',
    owner: L,
    activities: ['Shipping notification sent'],
    upstream: ['carrier integration'],
  }),
  tp({
    id: 'delivery-delay',
    name: 'Delivery delay notice',
    stage: 'Fulfilment',
    channel: 'email',
    owner: L,
    activities: ['Delivery delay notice'],
    upstream: ['carrier integration'],
  }),
  tp({
    id: 'delivery',
    name: 'Home delivery',
    stage: 'Fulfilment',
    channel: 'courier',
    owner: L,
    patterns: ['/^carrier:(delivered|not_home|damaged)$/'],
    raw: ['carrier:delivered', 'carrier:not_home', 'carrier:damaged'],
    upstream: ['carrier', 'route planning'],
    momentOfTruth: true,
  }),
  tp({
    id: 'collect-in-store',
    name: 'Click & collect pick-up',
    stage: 'Fulfilment',
    channel: 'store',
    owner: S,
    activities: ['Click & collect: picked up'],
    upstream: ['store replenishment'],
    momentOfTruth: true,
  }),
  // Activation
  tp({
    id: 'product-registration',
    name: 'Product registration',
    stage: 'Activation',
    channel: 'app',
    owner: 'it',
    activities: ['App: product registered'],
  }),
  tp({
    id: 'assembly',
    name: 'Assembly service',
    stage: 'Activation',
    channel: 'courier',
    owner: L,
    activities: ['Assembly visit'],
    upstream: ['assembly partners'],
    momentOfTruth: true,
  }),
  // Support
  tp({
    id: 'help-centre',
    name: 'Help centre',
    stage: 'Support',
    channel: 'web',
    owner: CS,
    patterns: ['/^help_article\\/[a-z-]+$/'],
    raw: [
      'help_article/track-order',
      'help_article/returns',
      'help_article/delivery-times',
      'help_article/payment-methods',
      'help_article/assembly',
      'help_article/account',
      'help_article/store-hours',
      'help_article/warranty',
    ],
  }),
  tp({
    id: 'chatbot',
    name: 'Chatbot',
    stage: 'Support',
    channel: 'chat',
    owner: CS,
    activities: ['Chatbot conversation'],
    downstream: ['live chat'],
  }),
  tp({
    id: 'live-chat',
    name: 'Live chat',
    stage: 'Support',
    channel: 'chat',
    owner: CS,
    activities: ['Chat with agent'],
  }),
  tp({
    id: 'phone-ivr',
    name: 'Phone menu (IVR)',
    stage: 'Support',
    channel: 'phone',
    owner: CS,
    activities: ['IVR menu'],
    downstream: ['call queue'],
  }),
  tp({
    id: 'phone-agent',
    name: 'Phone agent',
    stage: 'Support',
    channel: 'phone',
    owner: CS,
    patterns: ['/^call_(inbound|callback|transfer)$/'],
    raw: ['call_inbound', 'call_callback', 'call_transfer'],
    upstream: ['call queue'],
    momentOfTruth: true,
  }),
  tp({
    id: 'email-ticket',
    name: 'E-mail ticket',
    stage: 'Support',
    channel: 'email',
    owner: CS,
    activities: ['Email ticket answered'],
  }),
  tp({
    id: 'social-care',
    name: 'Social care',
    stage: 'Support',
    channel: 'social',
    owner: M,
    activities: ['Social DM answered'],
  }),
  tp({
    id: 'billing-desk',
    name: 'Billing desk',
    stage: 'Support',
    channel: 'phone',
    owner: F,
    activities: ['Billing desk call'],
    upstream: ['ERP billing'],
  }),
  tp({
    id: 'carrier-desk',
    name: 'Delivery desk',
    stage: 'Support',
    channel: 'phone',
    owner: L,
    activities: ['Delivery desk call'],
    upstream: ['carrier integration'],
  }),
  tp({
    id: 'store-service-desk',
    name: 'Store service desk',
    stage: 'Support',
    channel: 'store',
    owner: S,
    activities: ['Service desk visit'],
  }),
  tp({
    id: 'return-received',
    name: 'Return received',
    stage: 'Support',
    channel: 'courier',
    owner: L,
    layer: 'backstage',
    activities: ['Return received at warehouse'],
  }),
  tp({
    id: 'refund',
    name: 'Refund',
    stage: 'Support',
    channel: 'email',
    owner: F,
    activities: ['Refund issued'],
    upstream: ['payment service provider'],
    momentOfTruth: true,
  }),
  // Retention
  tp({
    id: 'review-request',
    name: 'Review request',
    stage: 'Retention',
    channel: 'email',
    owner: M,
    activities: ['Review request sent', 'Review submitted'],
  }),
  tp({
    id: 'loyalty-reward',
    name: 'Loyalty reward',
    stage: 'Retention',
    channel: 'app',
    owner: M,
    activities: ['Loyalty reward redeemed'],
    upstream: ['loyalty ledger'],
  }),
  tp({
    id: 'winback',
    name: 'Win-back offer',
    stage: 'Retention',
    channel: 'email',
    owner: M,
    activities: ['Win-back offer sent', 'Win-back offer clicked'],
  }),
];

export type TTouchpointId = string;

const BY_ID = new Map(TOUCHPOINTS.map((t) => [t.id, t]));

/** The catalogue entry for an id; throws on a typo so the simulator fails loudly. */
export function touchpoint(id: TTouchpointId): TTouchpoint {
  const found = BY_ID.get(id);
  if (found === undefined) throw new Error(`unknown touchpoint ${id}`);
  return found;
}

/** Parses the workspace notation `/source/flags` into a RegExp. */
export function patternRegExp(pattern: string): RegExp {
  const last = pattern.lastIndexOf('/');
  return new RegExp(pattern.slice(1, last), pattern.slice(last + 1));
}
