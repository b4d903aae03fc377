// PKCE with the S256 method (RFC 7636), which X and Mastodon (4.3+) accept
// for the verified unlock: the page keeps a random verifier, sends only its
// hash (the challenge) in the authorize URL, and the verification server
// presents the verifier when it exchanges the code. An attacker who steals
// the code from the redirect cannot redeem it without the verifier.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sharelock/error.hpp"

namespace sharelock::pkce {

inline constexpr std::size_t kMinVerifierLength = 43;  // RFC 7636 section 4.1
inline constexpr std::size_t kMaxVerifierLength = 128;
// 32 random bytes give 256 bits of entropy and a 43-character verifier, as
// the RFC recommends; 96 bytes give the longest allowed verifier.
inline constexpr std::size_t kMinRandomBytes = 32;
inline constexpr std::size_t kMaxRandomBytes = 96;

// The verifier for caller-supplied random bytes (the core has no randomness
// of its own): their base64url encoding. Error "pkce-random-size" when fewer
// than 32 or more than 96 bytes are given.
Result<std::string> verifier_from_random(std::string_view random_bytes);

// True for 43–128 characters from [A-Za-z0-9-._~] (RFC 7636 section 4.1).
bool is_valid_verifier(std::string_view verifier);

// BASE64URL(SHA256(ASCII(verifier))). Error "pkce-invalid-verifier" for a
// verifier that is_valid_verifier refuses, so a weak or malformed one is
// never sent.
Result<std::string> challenge_s256(std::string_view verifier);

}  // namespace sharelock::pkce
