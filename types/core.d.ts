// The typed calls into Sharelock's browser wasm modules: the share bar's
// over Sharelock's C ABI (wasm/share_abi.cpp, in both modules), the others
// as Embind registers them (wasm/*values.hpp and wasm/bindings.cpp).
// Internal: widgets reach them through web/share-core.js and
// web/core-client.js. tests/js/core-types.test.mjs fails when a field or a
// call here differs from the registrations or the modules' C ABI schema.

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
  /**
   * sharelock-share.wasm counts text by bounds only: true when they could
   * not settle this bar's text, and nothing else here is to be used (the
   * shim renders it again with sharelock-share-exact.wasm). Always false
   * from the modules that count exactly.
   */
  textUndecided: boolean;
}

/** checkMastodonHost's argument: what the shopper typed, in the bar's language. */
export interface MastodonHostQuery {
  input: string;
  lang: string;
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

/** <sharelock-pay>'s input to every call. */
export interface PayWidgetInput {
  attributes: Attribute[];
  page: PageFacts;
  mastodonHost: string;
}

export interface PayKeys {
  unlock: string;
  snooze: string;
  pending: string;
}

export interface PayDescription {
  fatal: boolean;
  errors: Error[];
  item: string;
  lang: string;
  keys: PayKeys;
  /** The main module (it counts by bounds) could not settle the post's text: ask sharelock-pay-exact. */
  textUndecided: boolean;
}

/** The machine's state, kept by the widget between steps and handed back. */
export interface PayState {
  phase: string;
  openedAt: number;
  sameTab: boolean;
  collapsed: boolean;
  closed: boolean;
  notice: string;
}

/** The records under PayKeys, as stored (not valid when absent). */
export interface PayStoredRecords {
  unlockLocal: JsonDocument;
  unlockSession: JsonDocument;
  snoozeLocal: JsonDocument;
  snoozeSession: JsonDocument;
  pending: JsonDocument;
}

export interface PayStepRequest {
  widget: PayWidgetInput;
  now: number;
  event: string;
  state: PayState;
  stored: PayStoredRecords;
}

export interface PayEffect {
  type: 'open-window' | 'navigate' | 'watch-window' | 'store' | 'remove' | 'reveal' | 'announce' | 'emit-unlock' | 'emit-cancel';
  area: 'local' | 'session';
  key: string;
  url: string;
  record: JsonDocument;
  focus: boolean;
}

export interface PayMessages {
  waiting: string;
  cancel: string;
  notNow: string;
  expand: string;
  unlocked: string;
  copyCode: string;
  codeCopied: string;
  copyFailed: string;
  closed: string;
  newWindow: string;
}

export interface PayView {
  lang: string;
  phase: 'locked' | 'waiting' | 'unlocked';
  collapsed: boolean;
  closed: boolean;
  item: string;
  network: string;
  mode: string;
  href: string;
  title: string;
  buttonLabel: string;
  hint: string;
  notice: string;
  messages: PayMessages;
}

export interface PayStep {
  fatal: boolean;
  errors: Error[];
  state: PayState;
  effects: PayEffect[];
  view: PayView;
  /** As PayDescription's: nothing else is set. */
  textUndecided: boolean;
}

/** <sharelock-pay mode="verified">: what every call but the callback's reads. */
export interface VerifiedDescribeRequest {
  attributes: Attribute[];
  page: PageFacts;
  mastodonHost: string;
  /** ms since the epoch */
  now: number;
  /** the record stored under the view's tokenKey (not valid when none) */
  storedToken: JsonDocument;
}

export interface VerifiedMessages {
  title: string;
  button: string;
  editLabel: string;
  hint: string;
  counter: string;
  redirecting: string;
  publishing: string;
  loading: string;
  denied: string;
  failed: string;
  unreachable: string;
  expired: string;
  retry: string;
  hostLabel: string;
  hostMissing: string;
  rejected: string;
  unlocked: string;
  copyCode: string;
  codeCopied: string;
  copyFailed: string;
}

/** fatal: nothing else is filled (the element shows its fallback). */
export interface VerifiedView {
  fatal: boolean;
  errors: Error[];
  item: string;
  lang: string;
  network: 'x' | 'mastodon' | '';
  mastodonHost: string;
  server: string;
  postText: string;
  tokenKey: string;
  /** the stored unlock token while it is live, else "" */
  token: string;
  messages: VerifiedMessages;
}

export interface VerifiedPostRequest {
  attributes: Attribute[];
  page: PageFacts;
  mastodonHost: string;
  text: string;
}

export interface VerifiedPostCheck {
  fatal: boolean;
  errors: Error[];
  length: number;
  limit: number;
  fits: boolean;
  problem: '' | 'empty' | 'too-long' | 'missing-link' | 'refused-character';
  message: string;
}

export interface VerifiedBeginRequest {
  attributes: Attribute[];
  page: PageFacts;
  mastodonHost: string;
  now: number;
  /** base64url of 48 random bytes */
  random: string;
  text: string;
  /** the HTTP status of the server's /v1/oauth-client answer; 0 when none came */
  clientStatus: number;
  /** that answer's body */
  client: JsonDocument;
}

export interface VerifiedBegin {
  fatal: boolean;
  errors: Error[];
  storageKey: string;
  /** the OAuth state record, for sessionStorage */
  record: JsonDocument;
  authorizeUrl: string;
}

export interface VerifiedCallbackRequest {
  query: string;
  page: string;
  now: number;
  /** whether the tab holds a record at all (a damaged one fails the callback; none leaves it alone) */
  hasStored: boolean;
  /** the sessionStorage record (not valid when none or not JSON) */
  stored: JsonDocument;
  /** its "context" member, itself JSON text, parsed */
  storedContext: JsonDocument;
}

/** error.code is "" unless outcome is "failed"; consumedRecord is valid once the state was accepted. */
export interface VerifiedCallback {
  outcome: 'none' | 'exchange' | 'denied' | 'failed';
  error: Error;
  consumedRecord: JsonDocument;
  item: string;
  returnPath: string;
  server: string;
  network: string;
  host: string;
  text: string;
  code: string;
  codeVerifier: string;
}

/** The answer of /v1/unlock or /v1/content; status 0: unreachable. */
export interface UnlockAnswer {
  item: string;
  now: number;
  status: number;
  body: JsonDocument;
}

export interface UnlockContent {
  text: string;
  code: string;
  url: string;
  label: string;
}

export interface UnlockRead {
  ok: boolean;
  error: Error;
  /** drop the stored token: the server no longer honours it */
  forgetToken: boolean;
  tokenKey: string;
  tokenRecord: JsonDocument;
  expiresAt: number;
  content: UnlockContent;
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

/**
 * <sharelock-proof>'s request. Times in ms since the epoch. The second
 * step (after `need.fetch` was fetched) has `hasBody`, the response parsed
 * into `body` and its UTF-8 length in `bodyBytes`.
 */
export interface ProofRequest {
  attributes: Attribute[];
  page: PageFacts;
  now: number;
  hasBody: boolean;
  body: JsonDocument;
  bodyBytes: number;
}

/** A feed to fetch before asking again; `fetch` is "" when there is none. */
export interface ProofFetch {
  fetch: string;
  credentials: '' | 'same-origin' | 'omit';
  referrerPolicy: '' | 'strict-origin-when-cross-origin' | 'no-referrer';
  attribute: '' | 'src' | 'server';
  /** ms until a live count is read again, even if this read fails; 0: never */
  refreshAfter: number;
}

export interface ProofToast {
  type: 'purchase' | 'signup' | 'share' | 'unlock' | 'download';
  name: string;
  place: string;
  at: number;
}

export interface ProofToastSettings {
  position: 'bottom-left' | 'bottom-right' | 'top-left' | 'top-right';
  avoid: string;
  duration: number;
  interval: number;
  window: number;
  gateKey: string;
  limit: number;
  snooze: number;
}

export interface ProofMessages {
  region: string;
  dismiss: string;
}

/**
 * `fatal`: show nothing. `need.fetch`: fetch it and ask again with the
 * body. Else `show: false` means nothing true to show; a count fills
 * `count` and `text`, recent activity `toasts`, `toast` and `messages`.
 * `expiresAt` and `refreshAfter` are 0 when there is none.
 */
export interface ProofView {
  fatal: boolean;
  errors: Error[];
  need: ProofFetch;
  lang: string;
  kind: '' | 'count' | 'recent';
  show: boolean;
  expiresAt: number;
  refreshAfter: number;
  count: number;
  text: string;
  toasts: ProofToast[];
  toast: ProofToastSettings;
  messages: ProofMessages;
}

export interface ProofToastTextRequest {
  type: string;
  name: string;
  place: string;
  at: number;
  now: number;
  lang: string;
  window: number;
}

export interface ProofToastText {
  text: string;
  expired: boolean;
}

/** `stored`: the record kept on the device ({valid: false} for none). */
export interface ProofToastGateRequest {
  stored: JsonDocument;
  now: number;
  limit: number;
  snooze: number;
  /** "show" or "dismiss" */
  action: string;
}

/** `store`: the record to keep, written as text by the shim (jsonText). */
export interface ProofToastGate {
  allow: boolean;
  store: JsonDocument;
}

/**
 * The share bar's calls over the C ABI (web/core-abi.js builds them from
 * the module's schema): all sharelock-share.wasm serves, and what
 * sharelock-core serves for share bars.
 */
export interface ShareModule {
  renderShareBar(request: ShareBarRequest): ShareBarView;
  checkMastodonHost(query: MastodonHostQuery): MastodonHostCheck;
}

/** countdownView's numbers and texts, as one record. opensAt NaN: no opening time. */
export interface CountdownViewQuery {
  endsAt: number;
  opensAt: number;
  now: number;
  lang: string;
  format: string;
}

/** stockFromFeed's feed body (parsed) and language. */
export interface StockFeedQuery {
  body: JsonDocument;
  lang: string;
}

/** clockSkew's answer: ms to add to the device's clock. */
export interface ClockSkew {
  millis: number;
}

/** The argument of a call that takes none. */
export interface NoArgument {
}

export interface UnicodeVersion {
  version: string;
}

/**
 * sharelock-core.wasm: the other widgets' calls over the C ABI
 * (wasm/core_abi.cpp; docs/ABI.md), and the share bar's.
 */
export interface CoreModule extends ShareModule {
  describePay(input: PayWidgetInput): PayDescription;
  stepPay(request: PayStepRequest): PayStep;
  planCountdown(request: CountdownRequest): CountdownPlan;
  countdownView(query: CountdownViewQuery): CountdownView;
  stockFromFeed(query: StockFeedQuery): StockFeedResult;
  clockSkew(sample: ClockSample): ClockSkew;
  describeProof(request: ProofRequest): ProofView;
  proofToastText(request: ProofToastTextRequest): ProofToastText;
  proofToastGate(request: ProofToastGateRequest): ProofToastGate;
  unicodeVersion(argument: NoArgument): UnicodeVersion;
}

/** sharelock-pay-exact.wasm: pay's calls counting the post's text exactly. */
export interface PayExactModule {
  describePay(input: PayWidgetInput): PayDescription;
  stepPay(request: PayStepRequest): PayStep;
}

/**
 * sharelock-verified.wasm: verified pay's calls over the C ABI
 * (wasm/verified_abi.cpp), with the Mastodon server check its panel asks.
 */
export interface VerifiedModule {
  describeVerified(request: VerifiedDescribeRequest): VerifiedView;
  checkVerifiedPost(request: VerifiedPostRequest): VerifiedPostCheck;
  beginVerified(request: VerifiedBeginRequest): VerifiedBegin;
  acceptVerifiedCallback(request: VerifiedCallbackRequest): VerifiedCallback;
  readUnlockResponse(request: UnlockAnswer): UnlockRead;
  checkMastodonHost(query: MastodonHostQuery): MastodonHostCheck;
}
