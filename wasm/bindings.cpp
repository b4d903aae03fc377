// The main browser module (sharelock-core.mjs + .wasm): pay, countdown and
// proof. It serves the share bar too, for pages that have one of those as
// well, through the C ABI the share bar's own module has (share_abi.cpp,
// linked into both). Verified pay has a module of its own
// (verified_abi.cpp).
// Every call is typed: value objects in and out (wasm/*values.hpp), the JSON
// the core reads or writes as JsonDocuments (docs/ABI.md). No logic lives
// here, and since the core never throws, no exception can cross into
// JavaScript.
#include <emscripten/bind.h>

#include <string>

#include "countdown_values.hpp"
#include "pay_values.hpp"
#include "proof_values.hpp"
#include "sharelock/unicode.hpp"

namespace {

std::string unicode_version() { return std::string(sharelock::unicode::kUnicodeVersion); }

}  // namespace

EMSCRIPTEN_BINDINGS(sharelock) {
  // Values more than one widget's calls take: registered once here (Embind
  // refuses a type registered twice).
  sharelock::bindings::register_error();
  sharelock::bindings::register_page_facts();
  sharelock::bindings::register_attribute();
  sharelock::bindings::register_json_document();
  sharelock::bindings::register_pay_calls();
  sharelock::bindings::register_countdown_values();
  emscripten::function("planCountdown", &sharelock::plan_countdown);
  emscripten::function("countdownView", &sharelock::countdown_view);
  emscripten::function("stockFromFeed", &sharelock::stock_from_feed);
  emscripten::function("clockSkew", &sharelock::bindings::clock_skew_binding);
  // <sharelock-proof>: its feed and the stored cap record as JsonDocuments.
  sharelock::bindings::register_proof_values();
  emscripten::function("describeProof", &sharelock::describe_proof);
  emscripten::function("proofToastText", &sharelock::proof_toast_text);
  emscripten::function("proofToastGate", &sharelock::proof_toast_gate);
  emscripten::function("unicodeVersion", &unicode_version);
}
