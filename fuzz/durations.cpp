// The duration attributes: countdown::parse_duration ("48h", "2d", "90m")
// and parse_retention ("30d", "12h", "session", "0").
#include "sharelock/countdown.hpp"
#include "sharelock/retention.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sharelock;
  const std::string_view input = fuzz::as_text(data, size);

  if (const auto millis = countdown::parse_duration(input)) {
    constexpr std::int64_t kMinute = 60 * 1000;
    fuzz::check(*millis > 0 && *millis <= 366LL * 24 * 60 * kMinute, "duration out of range", input);
    fuzz::check(*millis % kMinute == 0, "duration is not whole minutes", input);
    // The same length in minutes reads back the same (when it fits the
    // attribute's seven characters).
    const std::string minutes = std::to_string(*millis / kMinute) + "m";
    if (minutes.size() <= 7) {
      fuzz::check(countdown::parse_duration(minutes) == millis, "duration in minutes differs", minutes);
    }
  }

  const auto retention = parse_retention(input, "remember");
  if (retention) {
    const Retention r = retention.value();
    if (r.kind == Retention::Kind::kFor) {
      fuzz::check(r.millis > 0 && r.millis <= kMaxRetentionMillis, "retention out of range", input);
    } else {
      fuzz::check(r.millis == 0, "retention without a duration has millis", input);
    }
  } else {
    fuzz::check(retention.error().code == "invalid-duration" && retention.error().attribute == "remember",
                "retention error", retention.error().code);
  }
  return 0;
}
