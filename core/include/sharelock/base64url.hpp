// base64url without padding (RFC 4648 section 5), as PKCE, OAuth state and
// unlock tokens use it. Decoding is strict because its input comes from URLs
// and tokens an attacker can edit: there is exactly one accepted spelling of
// each byte string, so a token cannot be altered without changing its bytes.
#pragma once

#include <string>
#include <string_view>

#include "sharelock/error.hpp"

namespace sharelock::base64url {

// Alphabet A–Z a–z 0–9 '-' '_', no '=' padding; n bytes give
// ceil(4n / 3) characters.
std::string encode(std::string_view bytes);

// Error code "invalid-base64url" for padding, characters outside the url
// alphabet (including '+', '/' and whitespace), a length that no byte string
// encodes to (length % 4 == 1), and non-zero unused bits in the last
// character (which would give a second spelling of the same bytes).
Result<std::string> decode(std::string_view text);

}  // namespace sharelock::base64url
