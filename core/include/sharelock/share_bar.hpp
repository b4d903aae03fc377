// <sharelock-share>: from the element's attributes and a few facts about
// the page to everything the shim renders. JSON in, JSON out, so the wasm
// boundary carries one string each way; the schemas are in docs/ABI.md.
#pragma once

#include <string>
#include <string_view>

namespace sharelock {

// Request: {"attributes": {name: value, …}, "page": {"url", "canonical",
// "title", "ogTitle", "ogImage", "lang"}, "nativeShare": bool,
// "mastodonHost": string}. Never fails: problems come back in "errors",
// and "fatal": true means nothing can be shared (the shim then shows the
// element's fallback content).
std::string render_share_bar(std::string_view request_json);

// Checks what a shopper typed as their Mastodon server.
// Request: {"input": string, "lang": string}.
// Response: {"ok": true, "host": "mastodon.social"} or
//           {"ok": false, "message": "<localised explanation>"}.
std::string check_mastodon_host(std::string_view request_json);

}  // namespace sharelock
