// Embind bindings only: every function takes and returns plain strings and
// forwards to the core. No logic lives here, and since the core never
// throws, no exception can cross into JavaScript.
#include <emscripten/bind.h>

#include <string>

#include "sharelock/countdown_widget.hpp"
#include "sharelock/pay_widget.hpp"
#include "sharelock/proof_widget.hpp"
#include "sharelock/share_bar.hpp"
#include "sharelock/unicode.hpp"

namespace {

std::string render_share_bar(const std::string& request) { return sharelock::render_share_bar(request); }
std::string check_mastodon_host(const std::string& request) { return sharelock::check_mastodon_host(request); }
std::string describe_pay(const std::string& request) { return sharelock::describe_pay(request); }
std::string step_pay(const std::string& request) { return sharelock::step_pay(request); }
std::string plan_countdown(const std::string& request) { return sharelock::plan_countdown(request); }
std::string stock_from_feed(const std::string& request) { return sharelock::stock_from_feed(request); }
std::string clock_skew(const std::string& request) { return sharelock::clock_skew(request); }
std::string describe_proof(const std::string& request) { return sharelock::describe_proof(request); }
std::string proof_toast_text(const std::string& request) { return sharelock::proof_toast_text(request); }
std::string proof_toast_gate(const std::string& request) { return sharelock::proof_toast_gate(request); }
std::string unicode_version() { return std::string(sharelock::unicode::kUnicodeVersion); }

}  // namespace

EMSCRIPTEN_BINDINGS(sharelock) {
  emscripten::function("renderShareBar", &render_share_bar);
  emscripten::function("checkMastodonHost", &check_mastodon_host);
  emscripten::function("describePay", &describe_pay);
  emscripten::function("stepPay", &step_pay);
  emscripten::function("planCountdown", &plan_countdown);
  emscripten::function("countdownView", &sharelock::countdown_view);
  emscripten::function("stockFromFeed", &stock_from_feed);
  emscripten::function("clockSkew", &clock_skew);
  emscripten::function("describeProof", &describe_proof);
  emscripten::function("proofToastText", &proof_toast_text);
  emscripten::function("proofToastGate", &proof_toast_gate);
  emscripten::function("unicodeVersion", &unicode_version);
}
