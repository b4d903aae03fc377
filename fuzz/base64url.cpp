// base64url::decode on any text, and the two round trips that make the
// encoding strict: decode∘encode is the identity on bytes, and a text that
// decodes is the one spelling encode gives for those bytes.
#include "sharelock/base64url.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sharelock;
  const std::string_view input = fuzz::as_text(data, size);

  const auto decoded = base64url::decode(input);
  if (decoded) {
    fuzz::check(base64url::encode(decoded.value()) == input, "decoded text is not the canonical encoding");
  } else {
    fuzz::check(decoded.error().code == "invalid-base64url", "unexpected error code", decoded.error().code);
  }

  const std::string encoded = base64url::encode(input);
  fuzz::check(encoded.size() == (input.size() * 4 + 2) / 3, "encoded length", encoded);
  const auto round_trip = base64url::decode(encoded);
  fuzz::check(round_trip.ok() && round_trip.value() == input, "decode(encode(bytes)) != bytes", encoded);
  return 0;
}
