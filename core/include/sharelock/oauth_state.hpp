// The browser's half of the verified unlock's OAuth 2.0 redirect: a
// single-use `state` tied to the item being unlocked and to the same-origin
// page to come back to, the parsing of the provider's callback, and the
// authorize URL. The shim stores the state record in sessionStorage (never
// localStorage: it must not outlive the tab or be shared across tabs) and
// hands it back here with the callback; every decision is made in the core.
// The record crosses as a JsonDocument (json_document.hpp): the shim parses
// and writes its text, whose format is unchanged since before the typed
// boundary (members in name order), so a flow begun by an older page
// finishes with this one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sharelock/error.hpp"
#include "sharelock/json_document.hpp"

namespace sharelock::oauth {

// The state is the base64url encoding of 16–64 caller-supplied random bytes:
// at least 128 bits, so it cannot be guessed by a page forging a callback.
inline constexpr std::size_t kMinStateRandomBytes = 16;
inline constexpr std::size_t kMaxStateRandomBytes = 64;
// One flow per tab: the redirect navigates the tab away, and the callback
// page knows nothing but the state, so the record lives under a fixed key.
inline constexpr std::string_view kStateStorageKey = "sharelock:oauth";

struct PendingState {
  std::string state;    // the `state` parameter of the authorize URL
  JsonDocument record;  // to store under kStateStorageKey before redirecting
};

// What the flow binds to its state, kept in the record and handed back
// only to the callback that presents the same state: the PKCE verifier
// (never sent anywhere but to the verification server with the code) and an
// opaque context (a JSON text, at most 8 KiB) for the widget, such as which
// server and provider the code is for and the text the shopper approved.
// Binding the provider, its issuer and its redirect URI to the state lets
// the callback be checked against them: with one redirect URI per provider,
// a code that arrives where another provider's would is refused (the OAuth
// "mix-up" attack; RFC 9207's `iss` is checked too where a provider sends it).
struct Binding {
  std::string code_verifier;  // empty, or a valid PKCE verifier
  std::string context;
};

inline constexpr std::size_t kMaxContextBytes = 8192;

// Errors: "state-invalid-input" (attribute "random", "item", "now",
// "lifetime", "codeVerifier" or "context") and "unsafe-return-path"
// (attribute "returnPath"). The record expires at now + lifetime_millis:
// valid before that millisecond, expired from it on (as every expiry in the
// core).
Result<PendingState> create_state(std::string_view random_bytes, std::string_view item,
                                  std::string_view return_path, std::int64_t now,
                                  std::int64_t lifetime_millis, const Binding& binding = {});

struct AcceptedState {
  std::string item;
  std::string return_path;
  Binding binding;
  // The record marked as used, without the binding. The shim writes it back
  // before it acts on the callback, so a second load of the callback URL is
  // refused.
  JsonDocument consumed_record;
};

// Checks the callback's state against the stored record (not valid when
// nothing is stored), in this order, with these error codes:
//   "state-missing"       no (readable) record, or the callback has no state
//   "state-mismatch"      the states differ (compared in constant time)
//   "state-reused"        the record was already consumed
//   "state-expired"       now >= the record's expiry
//   "unsafe-return-path"  the stored return path fails is_safe_return_path
// On an error nothing may be done with the callback's code.
Result<AcceptedState> accept_state(const JsonDocument& stored_record, std::string_view callback_state,
                                   std::int64_t now);

// A path on the current origin, to be used as it is: starts with '/', not
// "//" (which a browser reads as another host), only printable ASCII (no
// spaces, no control characters: browsers drop tabs and newlines, turning
// "/\t/evil" into "//evil"), no backslash (browsers read '\' as '/'), no
// "//" and no "." or ".." segment (also as %2e) in the path part, and at
// most 2048 bytes. Query and fragment may follow.
bool is_safe_return_path(std::string_view path);

// Whether a stored record is a flow still waiting for its callback: readable,
// not consumed, not expired.
bool is_pending(const JsonDocument& stored_record, std::int64_t now);

// What the provider appended to the redirect URI: `code` on success,
// `error` (such as "access_denied") when the shopper refused, and `state`.
struct Callback {
  std::string code;
  std::string state;  // empty when absent; accept_state refuses that
  std::string error;
  std::string iss;    // the issuer, when the provider says (RFC 9207); else empty
};

// Parses location.search ("?code=…&state=…", the '?' optional) as
// application/x-www-form-urlencoded. Error "callback-malformed" for bad
// percent escapes, a repeated parameter, values out of their RFC 6749
// character set or over their size bound (iss included), and neither or both of code and
// error. Other parameters (error_description, …) are ignored.
Result<Callback> parse_callback(std::string_view query);

struct Provider {
  std::string authorize_endpoint;  // https (http only for localhost, for development)
  std::string client_id;
  std::string redirect_uri;  // sent exactly as given: it must match the registration
  std::vector<std::string> scopes;
};

// The authorization-code request with PKCE S256. Errors: the URL codes of
// url::parse_http_url ("invalid-url", "unsafe-url") for the two URLs, and
// "invalid-authorize-request" (attribute "clientId", "scopes", "state" or
// "codeChallenge") for the rest.
Result<std::string> authorize_url(const Provider& provider, std::string_view state,
                                  std::string_view code_challenge);

}  // namespace sharelock::oauth
