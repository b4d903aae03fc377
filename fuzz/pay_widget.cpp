// <sharelock-pay>'s JSON API: describe_pay and step_pay on any request
// text, then one more step from the state the first step answered (as the
// shim echoes it back). Every answer is a JSON object; every link opened
// or navigated to is http(s) or mailto.
#include "sharelock/pay_widget.hpp"

#include "fuzz_support.hpp"

namespace {

using namespace sharelock;
using nlohmann::json;

void check_step(const json& step) {
  fuzz::check(step["fatal"].is_boolean() && step["errors"].is_array(), "step_pay shape", step.dump());
  if (step["fatal"].get<bool>()) return;
  fuzz::check(step["state"].is_object() && step["effects"].is_array() && step["view"].is_object(),
              "step_pay shape", step.dump());
  fuzz::check_link(step["view"]["href"], "view href");
  for (const json& effect : step["effects"]) {
    fuzz::check(effect.is_object() && effect["type"].is_string(), "effect shape", effect.dump());
    const std::string& type = effect["type"].get_ref<const std::string&>();
    if (type == "open-window" || type == "navigate") fuzz::check_link(effect["value"], "opened link");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view request = fuzz::as_text(data, size);

  const json described = fuzz::expect_json_object(describe_pay(request), "describe_pay");
  fuzz::check(described["fatal"].is_boolean() && described["errors"].is_array(), "describe_pay shape",
              described.dump());

  const json first = fuzz::expect_json_object(step_pay(request), "step_pay");
  check_step(first);
  if (first["fatal"].get<bool>()) return 0;

  // The shim's next call: the same widget, the state it was given, a later
  // event a little later.
  json next = json::parse(request, nullptr, false);
  if (!next.is_object()) return 0;
  next["state"] = first["state"];
  const bool returned = size % 2 == 0;
  next["event"] = returned ? "returned" : "window-closed";
  if (next["now"].is_number_integer()) next["now"] = next["now"].get<std::int64_t>() / 2 + 10'000;
  check_step(fuzz::expect_json_object(step_pay(next.dump(-1, ' ', false, json::error_handler_t::replace)),
                                      "step_pay (second step)"));
  return 0;
}
