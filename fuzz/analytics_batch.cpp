// analytics::read_batch and aggregate on any body: a page's batch is
// untrusted, so what is counted must satisfy the collector's rules
// (docs/analytics.md): every event is counted, unattributed or over the
// page view's limits, and no key counts more than a page view may.
#include "sharelock/analytics.hpp"
#include "sharelock/unicode.hpp"

#include "fuzz_support.hpp"

namespace {

using namespace sharelock;

constexpr std::int64_t kNow = 1'795'617'000'000;  // Wed 2026-11-25T14:30:00Z

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);
  const auto batch = analytics::read_batch(body);
  if (!batch) {
    const std::string& code = batch.error().code;
    fuzz::check(code == "invalid-batch" || code == "unsupported-batch-version" || code == "batch-too-large",
                "batch error code", code);
    return 0;
  }
  const analytics::Batch& read = batch.value();
  fuzz::check(read.events.size() <= analytics::kMaxEventsPerBatch, "too many events");
  fuzz::check(read.dropped == 0 || !read.first_problem.empty(), "events dropped without a reason");
  for (const analytics::Event& event : read.events) {
    fuzz::check(unicode::is_valid_utf8(event.item) && event.item.size() <= analytics::kMaxItemBytes, "item", event.item);
    fuzz::check(event.type == analytics::EventType::kVisit ? !event.ref.empty() : !event.item.empty(), "visit without ref or item missing");
    fuzz::check(event.ref.empty() || event.ref.size() == analytics::kRefLength, "ref length", event.ref);
    fuzz::check(event.value_milli >= 0 && event.value_milli <= analytics::kMaxValueMilli, "value out of range");
  }
  // Every known reference resolves visits; every count comes from one event.
  std::map<std::string, analytics::RefTarget> known;
  for (const std::string& ref : analytics::referenced_refs(read)) known.emplace(ref, analytics::RefTarget{"item", "x"});
  const analytics::Aggregate sums = analytics::aggregate(read, kNow, known);
  std::int64_t counted = 0;
  for (const analytics::Increment& increment : sums.increments) {
    fuzz::check(increment.count > 0 && increment.key.day == analytics::day_of(kNow), "increment");
    fuzz::check(increment.count <= analytics::kMaxImpressionsPerItem, "more than a page view can count");
    if (increment.key.event == "sharer") {
      fuzz::check(increment.count == 1 && increment.key.network.empty(), "a sharer counted twice");
    } else {
      counted += increment.count;
    }
  }
  fuzz::check(counted + static_cast<std::int64_t>(sums.unattributed + sums.repeats) ==
                  static_cast<std::int64_t>(read.events.size()),
              "counts do not add up to the events");
  fuzz::check(sums.unattributed == 0, "a visit with a known reference was not attributed");
  return 0;
}
