// Types for the `sharelock` package (ESM entry `sharelock` and `sharelock/module`).
// Hand-written next to web/index.js; tests/package/types.test.mjs type-checks
// a consumer file against them with `tsc --noEmit`.

/** What every widget error carries; also the `error` of a `sharelock:error` event. */
export declare class SharelockError extends Error {
  constructor(code: string, message: string, where?: { attribute?: string; element?: string });
  readonly name: 'SharelockError';
  /** Stable and machine-readable: "invalid-url", "wasm-unavailable", … (docs/ lists them per widget). */
  readonly code: string;
  /** The attribute at fault, or '' when none is. */
  readonly attribute: string;
  /** The element's tag name ("sharelock-share"), or ''. */
  readonly element: string;
}

/**
 * Defines the four custom elements (and finishes a verified unlock when the
 * page is the provider's redirect back). Does nothing without a DOM, and
 * nothing the second time. Importing the package never calls it for you.
 */
export declare function defineElements(): void;

export interface CoreOptions {
  /**
   * Where the core's .wasm files are: the URL of one of them (e.g.
   * sharelock-core.wasm) or of their folder, ending in "/"; every module is
   * looked up there. (A URL of sharelock-core.mjs, the glue file of earlier
   * versions, names the same folder.) Default: next to the module.
   */
  moduleUrl?: string | URL;
  /**
   * SRI hashes the .wasm files must match, by file name
   * ({"sharelock-core.wasm": "sha256-…", "sharelock-share.wasm": "sha256-…"});
   * one string is sharelock-core.wasm's. Default: the hashes of the build this
   * shim came with; '' checks nothing.
   */
  wasmIntegrity?: string | Record<string, string>;
}

/** Where the core's files are. Call before defineElements() (or before the first widget connects). */
export declare function configureCore(options?: CoreOptions): void;

/**
 * The shared wasm core (loaded once per page). Rejects with a SharelockError
 * whose code is "wasm-unavailable" when it cannot be loaded. Its methods are
 * internal: use the elements.
 */
export declare function loadCore(options?: { wasmBinary?: ArrayBuffer | Uint8Array }): Promise<object>;

/** Bytes of linear memory the wasm core holds (0 before it is loaded). */
export declare function coreMemoryBytes(): number;

/**
 * First-party analytics (docs/analytics.md): sends the widgets' events to
 * `collect`, a URL on your own verification server. Call it before
 * defineElements(). Returns whether events are now collected (false without
 * a DOM, with a bad URL, or when the browser sends Global Privacy Control).
 */
export declare function startAnalytics(options: { collect: string | URL }): boolean;

/** The page's own events: today track('conversion', { item, value }) after a purchase. Returns whether it was accepted. */
export declare function track(name: 'conversion', detail: { item: string; value?: number }): boolean;

// ── Events (they bubble and cross shadow roots: listen on the element, document or window) ──

export type ShareNetwork =
  | 'x' | 'facebook' | 'linkedin' | 'whatsapp' | 'telegram' | 'pinterest' | 'reddit'
  | 'bluesky' | 'threads' | 'mastodon' | 'email' | 'copy' | 'native';

export interface ShareEventDetail {
  network: ShareNetwork;
  /** The URL as shared, with UTM parameters. */
  url: string;
  /** The link that was opened. */
  href: string;
}

export interface UnlockEventDetail {
  item: string;
  network: string;
  mode: 'intent' | 'verified';
}

export interface CancelEventDetail {
  item: string;
  network: string;
  /** too-fast: back before `wait` seconds; cancelled: the shopper said so; denied: declined at the provider. */
  reason: 'too-fast' | 'cancelled' | 'denied' | (string & {});
}

export interface ExpireEventDetail {
  kind: 'fixed' | 'evergreen' | 'daily' | (string & {});
  /** The deadline that passed, in ms since the epoch. */
  endsAt: number;
  /** What the widget did: its on-end, or "next" when a daily deal rolls over. */
  action: 'message' | 'hide' | 'lock' | 'unlock' | 'next';
  /** Whether the deadline passed while this page was open (false: the page was opened after it). */
  whileOpen: boolean;
}

export interface ProofEventDetail {
  kind: 'count' | 'recent';
  /** What the shopper was shown. */
  text: string;
  count?: number;
  type?: string;
  /** When the event happened, in ms since the epoch (recent activity). */
  at?: number;
}

export interface ErrorEventDetail {
  code: string;
  attribute: string;
  message: string;
  error: SharelockError;
}

export interface ConversionEventDetail {
  item: string;
  value: number;
}

export interface SharelockEventMap {
  'sharelock:share': CustomEvent<ShareEventDetail>;
  'sharelock:unlock': CustomEvent<UnlockEventDetail>;
  'sharelock:cancel': CustomEvent<CancelEventDetail>;
  'sharelock:expire': CustomEvent<ExpireEventDetail>;
  'sharelock:proof': CustomEvent<ProofEventDetail>;
  'sharelock:error': CustomEvent<ErrorEventDetail>;
  /** Fired on the document by track('conversion', …). */
  'sharelock:conversion': CustomEvent<ConversionEventDetail>;
}

// ── Elements (configured by attributes; docs/ lists every one) ──

export interface SharelockShareElement extends HTMLElement {}
export interface SharelockPayElement extends HTMLElement {}
export interface SharelockCountdownElement extends HTMLElement {}
export interface SharelockProofElement extends HTMLElement {}

declare global {
  interface HTMLElementTagNameMap {
    'sharelock-share': SharelockShareElement;
    'sharelock-pay': SharelockPayElement;
    'sharelock-countdown': SharelockCountdownElement;
    'sharelock-proof': SharelockProofElement;
  }
  interface HTMLElementEventMap extends SharelockEventMap {}
  interface DocumentEventMap extends SharelockEventMap {}
  interface WindowEventMap extends SharelockEventMap {}
}
