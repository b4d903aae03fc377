// <sharelock-pay mode="verified">: the browser's side of the verified
// unlock. The locked content is not in the page: the shopper approves a post
// at the provider (OAuth 2.0 authorization code + PKCE S256, one redirect),
// the verification server publishes it and only then returns a signed
// unlock token and the content. Typed values both ways (docs/ABI.md); the
// JSON it reads or writes — the stored token record, the OAuth state record,
// the server's answers — crosses as a JsonDocument, so the browser's module
// parses no JSON text. Every decision is made here, the shim only stores,
// fetches and redirects.
//
//   locked ──click──▶ GET <server>/v1/oauth-client ──▶ begin_verified ──▶ redirect to the provider
//   provider ──redirect back──▶ accept_verified_callback ──▶ POST <server>/v1/unlock
//   server's answer ──▶ read_unlock_response ──▶ token stored, content shown
//   later visits: stored token ──▶ GET <server>/v1/content ──▶ read_unlock_response
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sharelock/error.hpp"
#include "sharelock/json_document.hpp"
#include "sharelock/widget_input.hpp"

namespace sharelock {

// What every call but the callback's reads: the element's attributes
// (network="x" or "mastodon"), its page and the shopper's Mastodon server
// as remembered on the device (re-checked here, as untrusted as storage).
// Times are milliseconds since the epoch: a whole number within a
// JavaScript Date's range, else read as 0.
struct VerifiedDescribeRequest {
  Attributes attributes;
  PageFacts page;
  std::string mastodon_host;
  double now = 0;
  JsonDocument stored_token;  // the record stored under the view's token_key; not valid when none
};

struct VerifiedMessages {
  std::string title, button, edit_label, hint, counter, redirecting, publishing, loading, denied, failed,
      unreachable, expired, retry, host_label, host_missing, rejected;
  // Shared with the intent mode's panel.
  std::string unlocked, copy_code, code_copied, copy_failed;
};

// `fatal`: the configuration cannot work (the element shows its fallback);
// nothing else is filled then.
struct VerifiedView {
  bool fatal = false;
  std::vector<Error> errors;
  std::string item;
  std::string lang;
  std::string network;        // "x" or "mastodon"
  std::string mastodon_host;  // the remembered server, checked; "" when none
  std::string server;         // origin + path, no trailing '/'
  std::string post_text;      // the post as proposed to the shopper
  std::string token_key;      // where the shim keeps this item's token record
  std::string token;          // the stored unlock token while it is live, else ""
  VerifiedMessages messages;
};

VerifiedView describe_verified(const VerifiedDescribeRequest& request);

// The post as the shopper edited it.
struct VerifiedPostRequest {
  Attributes attributes;
  PageFacts page;
  std::string mastodon_host;
  std::string text;
};

struct VerifiedPostCheck {
  bool fatal = false;
  std::vector<Error> errors;
  std::int32_t length = 0;  // as the network counts it
  std::int32_t limit = 0;
  bool fits = false;
  std::string problem;  // "", "empty", "too-long" or "missing-link"
  std::string message;
};

VerifiedPostCheck check_verified_post(const VerifiedPostRequest& request);

struct VerifiedBeginRequest {
  Attributes attributes;
  PageFacts page;
  std::string mastodon_host;  // the server the shopper just chose
  double now = 0;
  std::string random;  // base64url of 48 random bytes: 16 for the state, 32 for the PKCE verifier
  std::string text;    // the post the shopper approves
  double client_status = 0;  // the HTTP status of the server's /v1/oauth-client answer; 0: none came
  JsonDocument client;       // that answer's body (untrusted)
};

struct VerifiedBegin {
  bool fatal = false;
  std::vector<Error> errors;
  std::string storage_key;  // sessionStorage key of `record`
  JsonDocument record;      // written there before redirecting
  std::string authorize_url;
};

VerifiedBegin begin_verified(const VerifiedBeginRequest& request);

// The page the provider sent the shopper back to. The state record keeps
// the flow's context (server, network, text, where the callback must land
// and who must send it) as JSON text of its own, as it always has: the shim
// parses that too and hands both documents.
struct VerifiedCallbackRequest {
  std::string query;  // location.search
  std::string page;   // location.href
  double now = 0;
  // Whether the tab holds a record at all, JSON or not: a callback that
  // finds a damaged record failed (state-missing); one that finds none is
  // not ours (a shop's own ?code=&state=).
  bool has_stored = false;
  JsonDocument stored;          // the sessionStorage record; not valid when none or not JSON
  JsonDocument stored_context;  // its "context" member, parsed
};

// outcome: "none" (not a callback for us: nothing else is filled),
// "exchange" (POST the code), "denied" (the shopper refused) or "failed"
// (`error` says why; its code is "" otherwise). `consumed_record` (valid
// once the state was accepted) is written back before anything else.
struct VerifiedCallback {
  std::string outcome;
  Error error;
  JsonDocument consumed_record;
  std::string item, return_path, server, network, host, text;
  std::string code, code_verifier;  // "exchange" only
};

VerifiedCallback accept_verified_callback(const VerifiedCallbackRequest& request);

// The answer of /v1/unlock or /v1/content.
struct UnlockAnswer {
  std::string item;
  double now = 0;
  double status = 0;  // HTTP status; 0: the server could not be reached
  JsonDocument body;
};

// Checked as untrusted: plain text only, links http(s) only.
struct UnlockContent {
  std::string text, code, url, label;
};

// `ok`: `token_record` is stored under `token_key`, `content` shown.
// Otherwise `error` says why, and `forget_token` asks the shim to drop the
// stored token (the server no longer honours it).
struct UnlockRead {
  bool ok = false;
  Error error;
  bool forget_token = false;
  std::string token_key;
  JsonDocument token_record;
  double expires_at = 0;
  UnlockContent content;
};

UnlockRead read_unlock_response(const UnlockAnswer& answer);

}  // namespace sharelock
