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

/** sharelock-share.mjs: all a page with only share bars loads. */
export interface ShareModule {
  renderShareBar(request: ShareBarRequest): ShareBarView;
  checkMastodonHost(input: string, lang: string): MastodonHostCheck;
}

/**
 * sharelock-core.mjs: the share bar's calls too, and the other widgets'
 * calls, which still take and return JSON text (docs/ABI.md).
 */
export interface CoreModule extends ShareModule {
  describePay(request: string): string;
  stepPay(request: string): string;
  planCountdown(request: string): string;
  countdownView(endsAt: number, opensAt: number, now: number, lang: string, format: string): CountdownView;
  stockFromFeed(request: string): string;
  clockSkew(request: string): string;
  describeProof(request: ProofRequest): ProofView;
  proofToastText(request: ProofToastTextRequest): ProofToastText;
  proofToastGate(request: ProofToastGateRequest): ProofToastGate;
  describeVerified(request: string): string;
  checkVerifiedPost(request: string): string;
  beginVerified(request: string): string;
  acceptVerifiedCallback(request: string): string;
  readUnlockResponse(request: string): string;
  unicodeVersion(): string;
}
