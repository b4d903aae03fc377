// The activity toasts' two calls: each toast's sentence at the moment it
// is shown, and the per-visitor frequency cap over the record the shim
// keeps in storage (core/include/sharelock/proof_widget.hpp).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "sharelock/civil_time.hpp"
#include "sharelock/json_document.hpp"
#include "sharelock/proof_feed.hpp"
#include "sharelock/proof_text.hpp"
#include "sharelock/proof_widget.hpp"
#include "sharelock/retention.hpp"

namespace sharelock {
namespace {

using proof::Activity;

// The cap counts toasts per day from the first one shown.
constexpr std::int64_t kCapPeriod = civil::kDay;

// A whole number from the shim, or `fallback` when it is not one.
std::int64_t whole_or(double value, std::int64_t fallback) {
  constexpr double kMaxExactWhole = 9007199254740992.0;  // 2^53
  if (!(std::fabs(value) <= kMaxExactWhole) || std::trunc(value) != value) return fallback;
  return static_cast<std::int64_t>(value);
}

}  // namespace

ProofToastText proof_toast_text(const ProofToastTextRequest& request) {
  const auto activity = proof::parse_activity(request.type);
  if (!activity || *activity == Activity::kViewing) return {"", true};
  const i18n::Lang lang = i18n::resolve_lang(request.lang, "");
  const std::int64_t elapsed = whole_millis(request.now) - whole_millis(request.at);
  // An event that has aged out of the window since the page loaded is
  // never shown again.
  const std::int64_t window = whole_millis(request.window);
  if (window > 0 && elapsed > window) return {"", true};
  // The shim hands back what describe_proof gave it; checked again anyway.
  return {proof::activity_sentence(*activity, proof::first_name(request.name), proof::place_name(request.place),
                                   elapsed, lang),
          false};
}

ProofToastGate proof_toast_gate(const ProofToastGateRequest& request) {
  const std::int64_t now = whole_millis(request.now);
  const std::int64_t limit = std::clamp<std::int64_t>(whole_or(request.limit, 5), 0, 50);
  const std::int64_t snooze = std::clamp<std::int64_t>(whole_or(request.snooze, 0), 0, kMaxRetentionMillis);
  // Device storage is as untrusted as attributes: a malformed record (a
  // missing or out-of-range "since" reads as 1970), or one from the future
  // (a clock moved back, a hand edit), starts afresh.
  const JsonView stored(request.stored);
  std::int64_t since = stored["since"].millis().value_or(0);
  std::int64_t shown = std::max<std::int64_t>(stored["shown"].whole_number().value_or(0), 0);
  std::int64_t until = stored["until"].millis().value_or(0);
  if (stored["v"].whole_number() != 1 || since > now || since <= now - kCapPeriod) {
    since = now;
    shown = 0;
  }
  if (until > now + kMaxRetentionMillis) until = 0;
  bool allow = false;
  if (request.action == "dismiss") {
    until = now + snooze;
  } else if (now >= until && shown < limit) {
    allow = true;
    ++shown;
  }
  // Written as before (members by name, as nlohmann's std::map wrote
  // them), so a record already on a shopper's device reads the same.
  JsonObjectWriter record;
  record.add_number("shown", shown).add_number("since", since);
  if (until > now) record.add_number("until", until);
  record.add_number("v", 1);
  return {allow, record.done()};
}

}  // namespace sharelock
