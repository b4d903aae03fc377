// PKCE S256. The example is RFC 7636 appendix B: its 32 octets, the verifier
// they encode to, the SHA-256 octets of that verifier and the challenge.
#include "sharelock/pkce.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace pkce = sharelock::pkce;

std::string bytes_of(const std::vector<int>& octets) {
  std::string out;
  for (int octet : octets) out.push_back(static_cast<char>(octet));
  return out;
}

const std::string kRfcOctets =
    bytes_of({116, 24,  223, 180, 151, 153, 224, 37,  79, 250, 96, 125, 216, 173, 187, 186,
              22,  212, 37,  77,  105, 214, 191, 240, 91, 88,  5,  88,  83,  132, 141, 121});
constexpr char kRfcVerifier[] = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr char kRfcChallenge[] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

TEST(Pkce, Rfc7636AppendixBVerifierFromItsOctets) {
  const auto verifier = pkce::verifier_from_random(kRfcOctets);
  ASSERT_TRUE(verifier.ok());
  EXPECT_EQ(verifier.value(), kRfcVerifier);
  EXPECT_EQ(verifier.value().size(), 43u);
}

TEST(Pkce, Rfc7636AppendixBChallenge) {
  const auto challenge = pkce::challenge_s256(kRfcVerifier);
  ASSERT_TRUE(challenge.ok());
  EXPECT_EQ(challenge.value(), kRfcChallenge);
}

TEST(Pkce, RandomOf32To96BytesGives43To128Characters) {
  const auto longest = pkce::verifier_from_random(std::string(96, '\xff'));
  ASSERT_TRUE(longest.ok());
  EXPECT_EQ(longest.value(), std::string(128, '_'));
  EXPECT_TRUE(pkce::is_valid_verifier(longest.value()));
  const auto shortest = pkce::verifier_from_random(std::string(32, '\0'));
  ASSERT_TRUE(shortest.ok());
  EXPECT_EQ(shortest.value(), std::string(43, 'A'));
}

TEST(Pkce, RefusesTooLittleOrTooMuchRandomness) {
  for (std::size_t size : {0u, 16u, 31u, 97u, 200u}) {
    const auto verifier = pkce::verifier_from_random(std::string(size, 'r'));
    ASSERT_FALSE(verifier.ok()) << size;
    EXPECT_EQ(verifier.error().code, "pkce-random-size");
  }
}

TEST(Pkce, VerifierCharsetAndLength) {
  EXPECT_TRUE(pkce::is_valid_verifier(kRfcVerifier));
  EXPECT_TRUE(pkce::is_valid_verifier(std::string(43, '~')));
  EXPECT_TRUE(pkce::is_valid_verifier(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"));
  EXPECT_FALSE(pkce::is_valid_verifier(""));
  EXPECT_FALSE(pkce::is_valid_verifier(std::string(42, 'a')));
  EXPECT_FALSE(pkce::is_valid_verifier(std::string(129, 'a')));
  EXPECT_TRUE(pkce::is_valid_verifier(std::string(128, 'a')));
  for (char bad : {'+', '/', '=', ' ', '%', '\0', '\n'}) {
    std::string verifier(43, 'a');
    verifier[20] = bad;
    EXPECT_FALSE(pkce::is_valid_verifier(verifier)) << static_cast<int>(bad);
  }
  std::string accented(41, 'a');
  accented += "\xc3\xa9";  // 43 bytes, but not ASCII
  EXPECT_FALSE(pkce::is_valid_verifier(accented));
}

TEST(Pkce, NoChallengeForAnInvalidVerifier) {
  const auto challenge = pkce::challenge_s256("too-short");
  ASSERT_FALSE(challenge.ok());
  EXPECT_EQ(challenge.error().code, "pkce-invalid-verifier");
}

// Values from Python's hashlib and base64, an independent implementation.
TEST(Pkce, ChallengesOfTheShortestAndLongestVerifiers) {
  const auto shortest = pkce::challenge_s256(std::string(43, 'A'));
  const auto longest = pkce::challenge_s256(std::string(128, '_'));
  ASSERT_TRUE(shortest.ok());
  ASSERT_TRUE(longest.ok());
  EXPECT_EQ(shortest.value(), "DwBzhbb51LfusnSGBa_hqYSgo7-j8BTQnip4TOnlzRo");
  EXPECT_EQ(longest.value(), "sbJ3NEXTKTBD99T9rE9hafUneZ3DGhnsopX-b51JVi8");
}

}  // namespace
