// The OAuth callback page's inputs: the query string the provider appends
// (parse_callback), the state record read back from sessionStorage
// (accept_state, its text parsed into a JsonDocument as the shim parses
// it) and the return path inside it (is_safe_return_path).
#include "sharelock/oauth_state.hpp"

#include "../tests/core/json_document_json.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace sharelock;

bool all_vschar(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);

  const auto callback = oauth::parse_callback(input);
  if (callback) {
    const oauth::Callback& c = callback.value();
    fuzz::check(c.code.empty() != c.error.empty(), "callback must have exactly one of code and error");
    fuzz::check(all_vschar(c.code) && all_vschar(c.state) && all_vschar(c.error), "callback value outside VSCHAR");
    fuzz::check(c.code.size() <= 1024 && c.state.size() <= 512 && c.error.size() <= 128, "callback value too long");
  } else {
    fuzz::check(callback.error().code == "callback-malformed", "callback error code", callback.error().code);
  }

  // "<stored record>\n<callback state>"; a record that is accepted is
  // consumed: the same callback a second time is refused.
  const auto [record, state] = fuzz::split_line(input);
  constexpr std::int64_t kNow = 1'795'617'000'000;
  const auto accepted = oauth::accept_state(testing::json_document(record), state, kNow);
  if (accepted) {
    fuzz::check(oauth::is_safe_return_path(accepted.value().return_path), "accepted an unsafe return path",
                accepted.value().return_path);
    const auto again = oauth::accept_state(accepted.value().consumed_record, state, kNow);
    fuzz::check(!again.ok() && again.error().code == "state-reused", "a consumed state was accepted again",
                testing::json_text(accepted.value().consumed_record));
  }

  if (oauth::is_safe_return_path(input)) {
    fuzz::check(input.size() >= 1 && input.front() == '/' && (input.size() < 2 || input[1] != '/'),
                "a return path that leaves the origin", input);
    fuzz::check(input.find('\\') == std::string_view::npos && all_vschar(input) &&
                    input.find(' ') == std::string_view::npos,
                "a return path with characters browsers rewrite", input);
  }
  return 0;
}
