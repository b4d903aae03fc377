// <sharelock-proof>'s typed API: describe_proof, proof_toast_text and
// proof_toast_gate on any request, read from the input as the shim's JSON
// object would be (the corpus keeps that form, a feed body or a stored
// record as text inside it; tests/core/proof_json.hpp). A feed URL to
// fetch is http(s); a fatal answer or a fetch to make shows nothing; the
// cap always writes a version-1 record.
#include "sharelock/proof_widget.hpp"

#include "../tests/core/proof_json.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sharelock;
  const std::string_view input = fuzz::as_text(data, size);
  const nlohmann::json request = nlohmann::json::parse(input, nullptr, false);
  const auto shown = [](const nlohmann::json& answer) {
    return answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };

  const ProofView view = describe_proof(testing::proof_request(request));
  const std::string described = shown(testing::proof_json(view));
  fuzz::check_link_text(view.need.fetch, "feed URL");
  if (view.fatal || !view.need.fetch.empty()) {
    fuzz::check(!view.show && view.kind.empty() && view.toasts.empty(), "a fatal or fetching answer shows", described);
  }
  if (view.fatal) fuzz::check(!view.errors.empty() && view.need.fetch.empty(), "a fatal answer's shape", described);
  if (!view.fatal && view.need.fetch.empty()) {
    fuzz::check(view.kind == "count" || view.kind == "recent", "describe_proof kind", described);
  }
  fuzz::check(view.toasts.size() <= 20, "more than twenty toasts", described);
  for (const Error& error : view.errors) fuzz::check(!error.code.empty() && !error.message.empty(), "an empty error", described);

  const ProofToastText toast = proof_toast_text(testing::toast_text_request(request));
  fuzz::check(toast.expired == toast.text.empty(), "proof_toast_text shape", toast.text);

  const ProofToastGate gate = proof_toast_gate(testing::toast_gate_request(request));
  const JsonView record(gate.store);
  fuzz::check(record.is_object() && record["v"].whole_number() == 1 && record["since"].whole_number() &&
                  record["shown"].whole_number().value_or(-1) >= 0,
              "proof_toast_gate record", shown(testing::toast_gate_json(gate)));
  return 0;
}
