// proof::parse_feed on any body, handed over as the shim does (cut where
// it stops reading, parsed as JSON.parse parses, measured in bytes;
// tests/core/proof_json.hpp): rows are untrusted, so whatever it keeps
// must satisfy the feed's rules (docs/proof-feed.md).
#include "sharelock/proof_feed.hpp"
#include "sharelock/unicode.hpp"

#include "../tests/core/proof_json.hpp"
#include "fuzz_support.hpp"
namespace {

using namespace sharelock;

// Wed 2026-11-25T14:30:00Z, the tests' "now".
constexpr std::int64_t kNow = 1'795'617'000'000;

bool has_digit_or_at(std::string_view text) {
  for (char c : text) {
    if ((c >= '0' && c <= '9') || c == '@') return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);
  const auto parsed = testing::parse_feed_text(body, kNow);
  if (!parsed) {
    const std::string& code = parsed.error().code;
    fuzz::check(code == "invalid-feed" || code == "unsupported-feed-version" || code == "feed-too-large",
                "feed error code", code);
    return 0;
  }
  const proof::Feed& feed = parsed.value();
  fuzz::check(feed.counters.size() <= proof::kMaxRows && feed.events.size() <= proof::kMaxRows, "too many rows");
  fuzz::check(feed.skipped == 0 || !feed.first_problem.empty(), "rows skipped without a reason");
  for (const proof::Counter& counter : feed.counters) {
    fuzz::check(counter.count >= 0 && counter.count <= proof::kMaxCount, "counter count out of range");
    fuzz::check(proof::parse_window(counter.window).has_value(), "counter window", counter.window);
    if (counter.at) fuzz::check(*counter.at <= kNow + proof::kFutureTolerance, "counter from the future");
  }
  for (std::size_t i = 0; i < feed.events.size(); ++i) {
    const proof::Event& event = feed.events[i];
    fuzz::check(event.activity != proof::Activity::kViewing, "a viewing event");
    fuzz::check(event.at <= kNow + proof::kFutureTolerance, "event from the future");
    if (i > 0) fuzz::check(feed.events[i - 1].at >= event.at, "events are not newest first");
    fuzz::check(unicode::is_valid_utf8(event.name) && unicode::is_valid_utf8(event.place), "name or place not UTF-8");
    fuzz::check(!has_digit_or_at(event.name) && !has_digit_or_at(event.place), "identifying name or place",
                event.name + " / " + event.place);
  }
  // The name and place filters on the raw bytes too.
  const std::string name = proof::first_name(body);
  const std::string place = proof::place_name(body);
  fuzz::check(unicode::is_valid_utf8(name) && unicode::is_valid_utf8(place), "filtered text is not UTF-8");
  fuzz::check(!has_digit_or_at(name) && !has_digit_or_at(place), "filtered text keeps digits or @");
  fuzz::check(name.find(' ') == std::string::npos, "a first name with a space", name);
  return 0;
}
