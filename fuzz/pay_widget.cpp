// <sharelock-pay>'s calls on any request (read from JSON as the shim's
// objects, pay_json.hpp), then one more step from the state the first step
// answered (as the shim echoes it back). Every link opened or navigated to
// is http(s) or mailto, and every record to store is a valid document.
#include "sharelock/pay_widget.hpp"

#include "../tests/core/pay_json.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace sharelock;
using nlohmann::json;

void check_step(const PayStep& step) {
  if (step.fatal) return;
  fuzz::check_link_text(step.view.href, "view href");
  for (const PayEffect& effect : step.effects) {
    if (effect.type == "open-window" || effect.type == "navigate") fuzz::check_link_text(effect.url, "opened link");
    if (effect.type == "store") {
      fuzz::check(effect.record.valid && JsonView(effect.record).is_object(), "stored record", effect.key);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json request = json::parse(fuzz::as_text(data, size), nullptr, false);
  if (!request.is_object()) return 0;

  const PayDescription described = describe_pay(testing::pay_input(request));
  fuzz::check(described.fatal || !described.keys.unlock.empty(), "describe_pay keys", described.item);

  PayStepRequest next = testing::pay_step_request(request);
  const PayStep first = step_pay(next);
  check_step(first);
  if (first.fatal) return 0;

  // The shim's next call: the same widget, the state it was given, a later
  // event a little later.
  next.state = first.state;
  next.event = size % 2 == 0 ? "returned" : "window-closed";
  next.now = next.now / 2 + 10'000;
  check_step(step_pay(next));
  return 0;
}
