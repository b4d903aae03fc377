// <sharelock-countdown>'s typed API: plan_countdown on any request, read
// from the input as the shim's request object would be (the corpus keeps
// that JSON form; stored values become the documents of their text, offsets
// their instants), asked again with offsets named from the fuzzer's own
// bytes while it needs more; stock_from_feed on the input's document and
// clock_skew on its sample; and countdown_view on any three numbers (the
// first 24 bytes of the input read as doubles, NaN and infinities included).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "sharelock/countdown_widget.hpp"

#include "../tests/core/countdown_json.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace sharelock;

void check_plan(const CountdownPlan& plan) {
  const std::string shown = testing::plan_json(plan).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  for (const Error& error : plan.errors) fuzz::check(!error.code.empty() && !error.message.empty(), "an empty error", shown);
  if (plan.fatal) {
    fuzz::check(!plan.errors.empty(), "a fatal plan without an error", shown);
  } else if (plan.needs_more) {
    fuzz::check(!plan.need.offsets.empty() || !plan.need.stored.empty(), "needs more, but nothing", shown);
    fuzz::check(plan.effects.empty() && plan.kind.empty(), "a plan that needs more has a plan", shown);
  } else {
    fuzz::check(plan.kind == "fixed" || plan.kind == "evergreen" || plan.kind == "daily", "plan kind", shown);
    fuzz::check(plan.ends_at == static_cast<double>(static_cast<std::int64_t>(plan.ends_at)), "a whole endsAt", shown);
    fuzz::check(std::isnan(plan.opens_at) || plan.opens_at < plan.ends_at, "opensAt before endsAt", shown);
    fuzz::check_link_text(plan.stock_src, "stockSrc");
    for (const CountdownEffect& effect : plan.effects) {
      fuzz::check(effect.type == "store" && effect.key == plan.evergreen_key && effect.value.valid, "effect", shown);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  const nlohmann::json parsed = nlohmann::json::parse(input, nullptr, false);

  CountdownRequest request = testing::countdown_request(parsed);
  // The shim's rounds: offsets named from the input's bytes (well formed or
  // not), nothing stored.
  for (int round = 0; round < 8; ++round) {
    const CountdownPlan plan = plan_countdown(request);
    check_plan(plan);
    if (!plan.needs_more) break;
    for (double at : plan.need.offsets) {
      const std::size_t from = size == 0 ? 0 : (static_cast<std::size_t>(round) * 7) % size;
      request.offsets.push_back({at, "GMT" + std::string(input.substr(from, 6))});
    }
    for (const std::string& key : plan.need.stored) request.stored.push_back({key, testing::json_document(input)});
  }

  const StockFeedResult stock = stock_from_feed(testing::json_document(input), size % 2 == 0 ? "es" : "en");
  fuzz::check(stock.ok ? !stock.text.empty() && stock.error.code.empty()
                       : stock.text.empty() && stock.error.code == "invalid-feed",
              "stock_from_feed shape", stock.text);

  const std::int64_t skew = clock_skew(testing::clock_sample(parsed));
  fuzz::check(skew == 0 || skew >= 30'000 || skew <= -30'000, "clock_skew noise", std::to_string(skew));

  if (size >= 3 * sizeof(double)) {
    double numbers[3];
    std::memcpy(numbers, data, sizeof numbers);
    const std::string lang = size % 2 == 0 ? "es" : "en";
    const CountdownView view =
        countdown_view(numbers[0], numbers[1], numbers[2], lang, size % 3 == 0 ? "compact" : "full");
    const bool ended = view.phase == "ended";
    fuzz::check(ended || view.phase == "running" || view.phase == "upcoming", "countdown_view phase", view.phase);
    fuzz::check(ended ? view.parts.empty() && view.text.empty() : view.parts.size() >= 3 && !view.text.empty(),
                "countdown_view shape", view.text);
  }
  return 0;
}
