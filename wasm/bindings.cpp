// The main browser module (sharelock-core.mjs + .wasm): pay, countdown,
// proof and verified pay, and the share bar for pages that have one of
// those as well. Most calls still take and return JSON text (docs/ABI.md
// says which are typed); the share bar has its own module
// (share_bindings.cpp). No logic lives here,
// and since the core never throws, no exception can cross into JavaScript.
#include <emscripten/bind.h>

#include <string>

#include "sharelock/countdown_widget.hpp"
#include "sharelock/pay_widget.hpp"
#include "sharelock/proof_widget.hpp"
#include "countdown_values.hpp"
#include "proof_values.hpp"
#include "share_values.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/verified_pay.hpp"

namespace {

std::string describe_pay(const std::string& request) { return sharelock::describe_pay(request); }
std::string step_pay(const std::string& request) { return sharelock::step_pay(request); }
std::string plan_countdown(const std::string& request) { return sharelock::plan_countdown(request); }
std::string stock_from_feed(const std::string& request) { return sharelock::stock_from_feed(request); }
std::string clock_skew(const std::string& request) { return sharelock::clock_skew(request); }
std::string describe_verified(const std::string& request) { return sharelock::describe_verified(request); }
std::string check_verified_post(const std::string& request) { return sharelock::check_verified_post(request); }
std::string begin_verified(const std::string& request) { return sharelock::begin_verified(request); }
std::string accept_verified_callback(const std::string& request) { return sharelock::accept_verified_callback(request); }
std::string read_unlock_response(const std::string& request) { return sharelock::read_unlock_response(request); }
std::string unicode_version() { return std::string(sharelock::unicode::kUnicodeVersion); }

}  // namespace

EMSCRIPTEN_BINDINGS(sharelock) {
  // The share bar too, typed as in its own module: a page that loads this
  // module for another widget renders its share bars with it instead of
  // fetching sharelock-share as well (web/share-core.js). Verified pay asks
  // for the shopper's Mastodon server with checkMastodonHost.
  sharelock::bindings::register_share_bar_calls();
  sharelock::bindings::register_countdown_view();
  emscripten::function("describePay", &describe_pay);
  emscripten::function("stepPay", &step_pay);
  emscripten::function("planCountdown", &plan_countdown);
  emscripten::function("countdownView", &sharelock::countdown_view);
  emscripten::function("stockFromFeed", &stock_from_feed);
  emscripten::function("clockSkew", &clock_skew);
  // <sharelock-proof>, typed: its attributes as a list, the feed and the
  // stored cap record as JsonDocuments (registered once for the module).
  sharelock::bindings::register_attribute();
  sharelock::bindings::register_json_document();
  sharelock::bindings::register_proof_values();
  emscripten::function("describeProof", &sharelock::describe_proof);
  emscripten::function("proofToastText", &sharelock::proof_toast_text);
  emscripten::function("proofToastGate", &sharelock::proof_toast_gate);
  emscripten::function("describeVerified", &describe_verified);
  emscripten::function("checkVerifiedPost", &check_verified_post);
  emscripten::function("beginVerified", &begin_verified);
  emscripten::function("acceptVerifiedCallback", &accept_verified_callback);
  emscripten::function("readUnlockResponse", &read_unlock_response);
  emscripten::function("unicodeVersion", &unicode_version);
}
