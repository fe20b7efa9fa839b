/**
 * Survey comments: templated English sentences, varied by opener, body and closer, about what
 * actually happened to the customer (a late parcel gets a complaint about delivery). Several
 * contain commas and double quotes on purpose: the CSV writer must quote them.
 */
import type { Rng } from './prng.js';

export type TTopic =
  | 'lateDelivery'
  | 'failedDelivery'
  | 'damaged'
  | 'paymentFailure'
  | 'repeatContact'
  | 'pingPong'
  | 'longWait'
  | 'abandonedContact'
  | 'channelSwitch'
  | 'notReady'
  | 'assemblyNoShow'
  | 'loginFailure'
  | 'praiseDelivery'
  | 'praiseStore'
  | 'praiseApp'
  | 'praiseService'
  | 'praiseSelfService'
  | 'complaint'
  | 'neutral';

export type TSlots = { days: number; minutes: number; contacts: number; store: string };

const BODIES: Record<TTopic, readonly string[]> = {
  lateDelivery: [
    'my order arrived {days} days after the promised date',
    'the parcel was late, and nobody told me why',
    'I took a day off for the delivery, but it came {days} days later',
    'the delivery was late again, this is not what "next-day delivery" means',
    'waited {days} days for a sofa that was "in stock"',
    'the track & trace page said "on its way" for days',
  ],
  failedDelivery: [
    'the driver left a card saying "nobody home", but I was home all day',
    'missed delivery, and rebooking it took ages',
    'they tried to deliver while I was at work, without any warning',
    'the courier never rang the bell, just left a "sorry we missed you" note',
  ],
  damaged: [
    'the table arrived damaged, with a broken leg',
    'box was crushed and the lamp inside was broken',
    'the cabinet had a big scratch, so I had to send it back',
  ],
  paymentFailure: [
    'my card was declined at checkout, even though it works everywhere else',
    'the payment failed twice before it went through',
    'checkout kept saying "payment not authorised"',
  ],
  repeatContact: [
    'I had to contact you {contacts} times about the same problem',
    'every time I called, I had to explain everything again',
    'my question was "solved" twice, and it still was not',
    'nobody followed up, so I had to chase it myself',
  ],
  pingPong: [
    'I was passed from department to department',
    'customer service sent me to billing, billing sent me back',
    'three transfers, and each one said it was "not their department"',
  ],
  longWait: [
    'I was on hold for {minutes} minutes',
    'waiting {minutes} minutes for an agent is far too long',
    'the queue was endless, {minutes} minutes of music',
    'it took ages before anyone answered',
  ],
  abandonedContact: [
    'I gave up waiting in the queue and tried again later',
    'the chat never connected, so I hung up and called instead',
  ],
  channelSwitch: [
    'the chat could not help, so I had to call as well',
    'social media told me to use the chat, the chat told me to call',
  ],
  notReady: [
    'my click & collect order was not ready when I came to pick it up',
    'the store in {store} could not find my order',
  ],
  assemblyNoShow: [
    'the assembly team did not show up, and nobody called',
    'I waited all morning for the fitters, they never came',
  ],
  loginFailure: [
    'I could not log in and the password reset mail took forever',
    'logging in is a pain, the reset link "expired" straight away',
  ],
  praiseDelivery: [
    'delivered the next day, right on time',
    'fast delivery, and the driver was very friendly',
    'the parcel arrived earlier than expected',
    'delivery was quick, well packed, no complaints',
  ],
  praiseStore: [
    'the staff in {store} gave great advice',
    'lovely store, helpful people, easy to find what I needed',
    'the store in {store} is always tidy and the staff are kind',
  ],
  praiseApp: [
    'the app is easy to use, ordering took two minutes',
    'great app, I love the wishlist and the quick checkout',
  ],
  praiseService: [
    'the agent solved my problem in one go',
    'friendly and helpful service, thank you',
    'quick answer, and the agent really listened',
    'customer service went the extra mile for me',
  ],
  praiseSelfService: [
    'found the answer in the help centre straight away',
    'the help article was clear, no need to call',
  ],
  complaint: [
    'prices went up again, and the quality did not',
    'the website is slow and confusing',
    'the store was messy and understaffed',
    'delivery costs are far too high for what you get',
    'too many marketing e-mails, and I never asked for them',
  ],
  neutral: [
    'it was fine, nothing special',
    'ok overall, prices could be a bit lower',
    'good products, but the website is a bit slow',
    'decent service, average experience',
  ],
};

const OPENERS = {
  negative: ['', '', 'Honestly, ', 'Very disappointed: ', 'Sorry, but ', 'Again, '],
  positive: ['', '', 'Great: ', 'Really happy, ', 'Thanks! '],
  neutral: ['', '', 'Well, ', 'To be fair, '],
};
const CLOSERS = {
  negative: [
    '.',
    '.',
    '. Not impressed.',
    '. Please fix this.',
    '!',
    '. I will think twice next time.',
  ],
  positive: ['.', '.', '!', '. Will order again.', '. Keep it up!'],
  neutral: ['.', '.', '. Otherwise fine.', '.'],
};

function fill(body: string, slots: TSlots): string {
  return body
    .replace('{days}', String(slots.days))
    .replace('{minutes}', String(slots.minutes))
    .replace('{contacts}', String(slots.contacts))
    .replace('{store}', slots.store);
}

/** One comment about `topic` in the given tone. */
export function verbatim(
  rng: Rng,
  topic: TTopic,
  tone: 'negative' | 'positive' | 'neutral',
  slots: TSlots,
): string {
  const body = fill(rng.pick(BODIES[topic]), slots);
  const opener = rng.pick(OPENERS[tone]);
  const capital = opener === '' || opener.endsWith('! ');
  const text = opener + (capital ? body.charAt(0).toUpperCase() + body.slice(1) : body);
  return text + rng.pick(CLOSERS[tone]);
}
