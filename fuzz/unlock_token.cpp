// unlock_token::verify on any token. Random bytes rarely carry a valid MAC,
// so when the input's first byte is odd the rest is used as the payload of
// a token signed here with the test key: that reaches the payload parser,
// which otherwise only a signer could feed. Any token that verifies must be
// exactly what sign() writes for its claims (one spelling per token).
#include "sharelock/base64url.hpp"
#include "sharelock/sha256.hpp"
#include "sharelock/unlock_token.hpp"

#include "fuzz_support.hpp"

namespace {

using namespace sharelock;

const std::string kSecret(32, 'k');
constexpr std::int64_t kNow = 1'795'617'000'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::vector<unlock_token::Key> keys = {{"k1", kSecret}, {"short", "x"}};
  const std::string_view input = fuzz::as_text(data + 1, size - 1);

  std::string token;
  std::string item = "ebook-1";
  if (data[0] & 1) {
    const std::string payload_part = base64url::encode(input);
    const std::string mac = crypto::to_bytes(crypto::hmac_sha256(kSecret, "v1.k1." + payload_part));
    token = "v1.k1." + payload_part + "." + base64url::encode(mac);
    // The item the payload names, so that a well-formed one verifies.
    const std::size_t first = input.find('.');
    const std::size_t second = first == std::string_view::npos ? first : input.find('.', first + 1);
    if (second != std::string_view::npos) item = std::string(input.substr(second + 1));
  } else {
    token = std::string(input);
  }

  const auto verified = unlock_token::verify(keys, token, item, kNow);
  if (!verified) {
    const std::string& code = verified.error().code;
    fuzz::check(code == "token-malformed" || code == "token-unknown-key" || code == "token-forged" ||
                    code == "token-expired" || code == "token-wrong-item",
                "token error code", code);
    return 0;
  }
  const unlock_token::Claims& claims = verified.value();
  fuzz::check(claims.key_id == "k1" && claims.item == item && claims.expires_at > kNow, "claims", token);
  const auto nonce = base64url::decode(claims.nonce);
  fuzz::check(nonce.ok(), "nonce is not base64url", claims.nonce);
  const auto signed_again = unlock_token::sign(kSecret, claims.key_id, claims.item, claims.expires_at, nonce.value());
  // sign() refuses items that are not UTF-8, which only a signer could have
  // put in a verified token; for the rest the token is canonical.
  if (signed_again) fuzz::check(signed_again.value() == token, "a verified token is not canonical", token);
  return 0;
}
