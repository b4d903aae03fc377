// The share bar's own module (sharelock-share.mjs + .wasm): all a page with
// only <sharelock-share> loads. Typed values both ways (share_values.hpp),
// so neither nlohmann/json nor printf is linked in; no logic here, and since
// the core never throws, no exception can cross into JavaScript.
#include <emscripten/bind.h>

#include <string>

#include "share_values.hpp"
#include "sharelock/share_bar.hpp"

namespace {

sharelock::MastodonHostCheck check_mastodon_host(const std::string& input, const std::string& lang) {
  return sharelock::check_mastodon_host(input, lang);
}

}  // namespace

EMSCRIPTEN_BINDINGS(sharelock_share) {
  sharelock::bindings::register_error();
  sharelock::bindings::register_mastodon_host_check();
  sharelock::bindings::register_share_bar();
  emscripten::function("renderShareBar", &sharelock::render_share_bar);
  emscripten::function("checkMastodonHost", &check_mastodon_host);
}
