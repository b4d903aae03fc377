// <sharelock-countdown>'s API: plan_countdown, stock_from_feed and
// clock_skew on any request text (every answer is a JSON object), and the
// typed countdown_view on any three numbers (the first 24 bytes of the input
// read as doubles, NaN and infinities included): a known phase, and parts
// and text exactly when it is not "ended".
#include <cstring>

#include "sharelock/countdown_widget.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sharelock;
  using nlohmann::json;
  const std::string_view request = fuzz::as_text(data, size);

  const json plan = fuzz::expect_json_object(plan_countdown(request), "plan_countdown");
  fuzz::check(plan["fatal"].is_boolean() && plan["errors"].is_array(), "plan_countdown shape", plan.dump());
  if (!plan["fatal"].get<bool>() && !plan.contains("need")) {
    fuzz::check(plan["endsAt"].is_number_integer(), "a plan without endsAt", plan.dump());
    fuzz::check(plan["stockSrc"].is_null() || plan["stockSrc"].is_string(), "stockSrc", plan.dump());
    fuzz::check_link(plan["stockSrc"], "stockSrc");
  }

  const json stock = fuzz::expect_json_object(stock_from_feed(request), "stock_from_feed");
  fuzz::check(stock["ok"].is_boolean(), "stock_from_feed shape", stock.dump());

  const json skew = fuzz::expect_json_object(clock_skew(request), "clock_skew");
  fuzz::check(skew["skew"].is_number_integer(), "clock_skew shape", skew.dump());

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
