// The share bar's own module (sharelock-share.mjs + .wasm): all a page with
// only <sharelock-share> loads. Typed values both ways (share_values.hpp),
// so neither nlohmann/json nor printf is linked in; no logic here, and since
// the core never throws, no exception can cross into JavaScript.
#include <emscripten/bind.h>

#include "share_values.hpp"

EMSCRIPTEN_BINDINGS(sharelock_share) {
  sharelock::bindings::register_share_bar_calls();
}
