// <sharelock-pay mode="verified">: the browser's side of the verified
// unlock. The locked content is not in the page: the shopper approves a post
// at the provider (OAuth 2.0 authorization code + PKCE S256, one redirect),
// the verification server publishes it and only then returns a signed
// unlock token and the content. JSON in, JSON out (schemas in docs/ABI.md);
// every decision is made here, the shim only stores, fetches and redirects.
//
//   locked ──click──▶ GET <server>/v1/oauth-client ──▶ begin_verified ──▶ redirect to the provider
//   provider ──redirect back──▶ accept_verified_callback ──▶ POST <server>/v1/unlock
//   server's answer ──▶ read_unlock_response ──▶ token stored, content shown
//   later visits: stored token ──▶ GET <server>/v1/content ──▶ read_unlock_response
#pragma once

#include <string>
#include <string_view>

namespace sharelock {

// network="x" or "mastodon"; every request may carry "mastodonHost" (the
// shopper's server, as stored: re-checked here).
//
// Request: {"attributes", "page", "now", "stored": {"token": <raw record or
// null>}}. Response: {"fatal", "errors", "item", "lang", "network",
// "mastodonHost", "server", "postText", "keys": {"token"}, "token": <a live
// stored unlock token or "">, "messages": {...}}.
std::string describe_verified(std::string_view request_json);

// Request: {"attributes", "page", "text"}: the post as the shopper edited it.
// Response: {"length", "limit", "fits", "problem": "" |
// "empty" | "too-long" | "missing-link", "message"}.
std::string check_verified_post(std::string_view request_json);

// Request: {"attributes", "page", "now", "random": base64url of 48 random
// bytes (16 for the state, 32 for the PKCE verifier), "text", "client":
// the server's /v1/oauth-client answer}. Response: {"fatal", "errors",
// "storageKey", "record" (for sessionStorage), "authorizeUrl"}.
std::string begin_verified(std::string_view request_json);

// Request: {"query": location.search, "stored": <the sessionStorage record
// or null>, "now"}. Response: {"outcome": "none" (not a callback for us),
// "exchange" (POST the code), "denied" (the shopper refused) or "failed",
// "error": {"code", "message"} when failed, "consumedRecord" (to write back
// before anything else), "item", "returnPath", "server", "network", "host",
// "text", "code", "codeVerifier"}.
std::string accept_verified_callback(std::string_view request_json);

// Request: {"item", "now", "status": HTTP status, "body": the response text
// of /v1/unlock or /v1/content}. Response: {"ok", "error": {"code",
// "message"}, "tokenKey" and "tokenRecord" (to store under it; "" to
// remove the stored one), "expiresAt",
// "content": {"text", "code", "url", "label"}}. The content is checked as
// untrusted: plain text only, links http(s) only.
std::string read_unlock_response(std::string_view request_json);

}  // namespace sharelock
