// The verification server's decisions, in the same core the browser runs:
// what a POST /v1/unlock must carry, the unlock tokens it mints and checks,
// and the hash under which a one-time code is remembered. The server (Node,
// server/) owns HTTP, the provider calls and storage; it passes in the time
// and random bytes. JSON in, JSON out; failures carry the HTTP status to
// answer with and a stable error code.
#pragma once

#include <string>
#include <string_view>

namespace sharelock {

// Request: {"body": the request body text, "items": {<id>: {"url": the
// link a post must keep}}}. The body names the network ("x" or "mastodon",
// with the shopper's server in "host"). Response: {"ok": true, "item",
// "network", "host" (normalized, "" for X), "code", "codeVerifier", "text"}
// or {"ok": false, "status": 400 | 404 | 413 | 422, "error": {"code",
// "message"}}.
std::string check_unlock_request(std::string_view request_json);

// Request: {"keys": [{"id", "secret": base64url}] (the first signs), "item",
// "now", "lifetimeMillis", "nonce": base64url of 16–64 random bytes}.
// Response: {"ok": true, "token", "expiresAt", "nonce"} or {"ok": false,
// "status": 500, "error"} (a misconfigured key).
std::string issue_unlock_token(std::string_view request_json);

// Request: {"keys", "token", "item", "now"}. Response: {"ok": true,
// "claims": {"keyId", "item", "expiresAt", "nonce"}} or {"ok": false,
// "status": 401, "error": {"code": "token-malformed" | "token-unknown-key" |
// "token-forged" | "token-expired" | "token-wrong-item", "message"}}.
std::string check_unlock_token(std::string_view request_json);

// A Mastodon server name as the shopper typed it, checked and normalized
// (lower case, IDN in xn-- form): {"ok": true, "host"} or {"ok": false}.
std::string normalize_host(std::string_view host);

// base64url(SHA-256(code)): how a redeemed code is remembered, so the store
// never holds a usable code.
std::string code_hash(std::string_view code);

}  // namespace sharelock
