#include "sharelock/pkce.hpp"

#include "sharelock/base64url.hpp"
#include "sharelock/sha256.hpp"

namespace sharelock::pkce {
namespace {

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

Result<std::string> verifier_from_random(std::string_view random_bytes) {
  if (random_bytes.size() < kMinRandomBytes || random_bytes.size() > kMaxRandomBytes) {
    return Error{
        "pkce-random-size", "",
        "a PKCE verifier needs 32 to 96 random bytes, got " + std::to_string(random_bytes.size())};
  }
  return base64url::encode(random_bytes);
}

bool is_valid_verifier(std::string_view verifier) {
  if (verifier.size() < kMinVerifierLength || verifier.size() > kMaxVerifierLength) return false;
  for (char c : verifier) {
    if (!is_unreserved(c)) return false;
  }
  return true;
}

Result<std::string> challenge_s256(std::string_view verifier) {
  if (!is_valid_verifier(verifier)) {
    return Error{"pkce-invalid-verifier", "",
                 "a PKCE verifier is 43 to 128 characters from A-Z a-z 0-9 - . _ ~"};
  }
  return base64url::encode(crypto::to_bytes(crypto::sha256(verifier)));
}

}  // namespace sharelock::pkce
