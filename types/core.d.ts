// The typed calls into Sharelock's browser wasm modules, as Embind
// registers them (wasm/*values.hpp, wasm/share_bindings.cpp and
// wasm/bindings.cpp). Internal: widgets reach them through web/share-core.js
// and web/core-client.js. tests/js/core-types.test.mjs fails when a field or
// a call here and in the registrations differ.

/** The one error shape of every call, in every module. */
export interface Error {
  code: string;
  attribute: string;
  message: string;
}

/** An element attribute: an absent one and an empty one differ. */
export interface AttributeValue {
  present: boolean;
  value: string;
}

/** One attribute an element has (absent ones are not in the list). */
export interface Attribute {
  name: string;
  value: string;
}

export interface ShareAttributes {
  url: AttributeValue;
  text: AttributeValue;
  hashtags: AttributeValue;
  via: AttributeValue;
  image: AttributeValue;
  utmCampaign: AttributeValue;
  lang: AttributeValue;
}

/** What the shim reads from the document, as untrusted as attributes. */
export interface PageFacts {
  url: string;
  canonical: string;
  title: string;
  ogTitle: string;
  ogImage: string;
  lang: string;
  refSeed: string;
}

export interface ShareBarRequest {
  attributes: ShareAttributes;
  networks: AttributeValue;
  page: PageFacts;
  nativeShare: boolean;
  mastodonHost: string;
}

export interface ShareButton {
  network: string;
  kind: 'link' | 'mail' | 'copy' | 'native' | 'mastodon';
  label: string;
  name: string;
  href: string;
  sharedUrl: string;
  text: string;
  mastodonHost: string;
  needsServer: boolean;
  chooserHref: string;
}

export interface ShareBarMessages {
  copied: string;
  copyFailed: string;
  newWindow: string;
  mastodonPrompt: string;
  mastodonPlaceholder: string;
  mastodonSubmit: string;
  mastodonCancel: string;
  mastodonChooser: string;
  mastodonChange: string;
}

export interface ShareBarView {
  lang: string;
  label: string;
  messages: ShareBarMessages;
  buttons: ShareButton[];
  errors: Error[];
  fatal: boolean;
}

export interface MastodonHostCheck {
  ok: boolean;
  host: string;
  message: string;
}

export interface CountdownPart {
  unit: 'days' | 'hours' | 'minutes' | 'seconds';
  value: string;
  label: string;
}

/** "ended" has no parts and empty texts. */
export interface CountdownView {
  phase: 'upcoming' | 'running' | 'ended';
  parts: CountdownPart[];
  text: string;
  spoken: string;
}

/**
 * JSON the core reads or writes (stored records, feed bodies, the server's
 * answers), parsed by JSON.parse and flattened depth first
 * (web/json-document.js; core/include/sharelock/json_document.hpp).
 */
export interface JsonNode {
  key: string;
  kind: 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';
  number: number;
  text: string;
  /** index one past this node's last descendant */
  end: number;
}

export interface JsonDocument {
  valid: boolean;
  nodes: JsonNode[];
}

/** The zone's UTC offset at an instant the plan asked for, as Intl names it. */
export interface CountdownZoneOffset {
  /** ms since the epoch */
  at: number;
  /** "GMT+01:00" */
  name: string;
}

/** What is stored under a key the plan asked for (not valid: nothing). */
export interface CountdownStoredValue {
  key: string;
  value: JsonDocument;
}

export interface CountdownRequest {
  attributes: Attribute[];
  page: PageFacts;
  /** the corrected clock, ms */
  now: number;
  /** false: this browser's Intl refused the tz attribute */
  zoneKnown: boolean;
  /** answers to the plan's earlier `need`s; none on the first ask */
  offsets: CountdownZoneOffset[];
  stored: CountdownStoredValue[];
}

export interface CountdownNeed {
  /** instants (ms) whose zone offsets are needed */
  offsets: number[];
  /** storage keys whose values are needed */
  stored: string[];
}

export interface CountdownEffect {
  type: 'store';
  key: string;
  /** the record, written to storage with JSON.stringify */
  value: JsonDocument;
}

export interface CountdownMessages {
  endsIn: string;
  opensIn: string;
  ended: string;
}

/** fatal: nothing to count to. needsMore: answer `need` and ask again; nothing else is set. */
export interface CountdownPlan {
  fatal: boolean;
  errors: Error[];
  needsMore: boolean;
  need: CountdownNeed;
  kind: 'fixed' | 'evergreen' | 'daily' | '';
  endsAt: number;
  /** NaN when there is no start */
  opensAt: number;
  rolls: boolean;
  format: 'full' | 'compact' | '';
  onEnd: 'message' | 'hide' | 'lock' | 'unlock' | '';
  pay: string;
  lang: string;
  messages: CountdownMessages;
  /** "" for none */
  stock: string;
  /** "" for none */
  stockSrc: string;
  zone: string;
  evergreenKey: string;
  effects: CountdownEffect[];
}

/** error: an "invalid-feed" about stock-src, empty when ok. */
export interface StockFeedResult {
  ok: boolean;
  text: string;
  error: Error;
}

/** The first wasm response's timing (ms, device clock) and headers; NaN for a number not known. */
export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  /** the HTTP Date header */
  date: string;
  /** the Age header, seconds */
  age: number;
}

/** sharelock-share.mjs: all a page with only share bars loads. */
export interface ShareModule {
  renderShareBar(request: ShareBarRequest): ShareBarView;
  checkMastodonHost(input: string, lang: string): MastodonHostCheck;
}

/**
 * sharelock-core.mjs: the share bar's calls too, and the other widgets'
 * calls: the countdown's typed, the others still JSON text (docs/ABI.md).
 */
export interface CoreModule extends ShareModule {
  describePay(request: string): string;
  stepPay(request: string): string;
  planCountdown(request: CountdownRequest): CountdownPlan;
  countdownView(endsAt: number, opensAt: number, now: number, lang: string, format: string): CountdownView;
  stockFromFeed(body: JsonDocument, lang: string): StockFeedResult;
  /** ms to add to the device's clock */
  clockSkew(sample: ClockSample): number;
  describeProof(request: string): string;
  proofToastText(request: string): string;
  proofToastGate(request: string): string;
  describeVerified(request: string): string;
  checkVerifiedPost(request: string): string;
  beginVerified(request: string): string;
  acceptVerifiedCallback(request: string): string;
  readUnlockResponse(request: string): string;
  unicodeVersion(): string;
}
