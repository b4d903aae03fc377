// <sharelock-proof>'s JSON API: describe_proof, proof_toast_text and
// proof_toast_gate on any request text. Every answer is a JSON object; a
// feed URL to fetch is http(s).
#include "sharelock/proof_widget.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sharelock;
  using nlohmann::json;
  const std::string_view request = fuzz::as_text(data, size);

  const json view = fuzz::expect_json_object(describe_proof(request), "describe_proof");
  if (view.contains("need")) {
    fuzz::check(view["need"]["fetch"].is_string(), "need without fetch", view.dump());
    fuzz::check_link(view["need"]["fetch"], "feed URL");
  } else {
    fuzz::check(view["fatal"].is_boolean() && view["errors"].is_array(), "describe_proof shape", view.dump());
    if (!view["fatal"].get<bool>()) fuzz::check(view["show"].is_boolean(), "describe_proof show", view.dump());
  }

  const json toast = fuzz::expect_json_object(proof_toast_text(request), "proof_toast_text");
  fuzz::check(toast["text"].is_string() && toast["expired"].is_boolean(), "proof_toast_text shape", toast.dump());

  const json gate = fuzz::expect_json_object(proof_toast_gate(request), "proof_toast_gate");
  fuzz::check(gate["allow"].is_boolean() && gate["store"].is_string(), "proof_toast_gate shape", gate.dump());
  return 0;
}
