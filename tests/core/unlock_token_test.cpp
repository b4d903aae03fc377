// Signed unlock tokens. The exact token in the first test was computed
// independently (Python's hmac, hashlib and base64) from the format in
// unlock_token.hpp; the rest check that every alteration is caught with its
// own error code.
//
// Replay is deliberately not tested here: a token is valid until it
// expires, and refusing a second use is the verification server's job (it
// records the nonce until the expiry).
#include "sharelock/unlock_token.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sharelock/base64url.hpp"
#include "sharelock/sha256.hpp"

namespace {

namespace token = sharelock::unlock_token;
namespace b64 = sharelock::base64url;
using token::Claims;
using token::Key;

constexpr std::int64_t kT0 = 1'764'000'000'000;    // an instant in 2025, in ms
constexpr std::int64_t kExpiry = kT0 + 3'600'000;  // an hour later

std::string counting_bytes(int first, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>(first + i));
  return out;
}

const std::string kSecret = counting_bytes(0, 32);
const std::string kNonce = counting_bytes(100, 16);
constexpr char kNonceText[] = "ZGVmZ2hpamtsbW5vcHFycw";
constexpr char kToken[] =
    "v1.k1.MTc2NDAwMzYwMDAwMC5aR1ZtWjJocGFtdHNiVzV2Y0hGeWN3LmVib29rLTE."
    "Fl9vTQSOmU6bbvu1fxtG0YZyMXhifo-3Th7GrbYHddc";

const std::vector<Key> kKeys = {{"k1", kSecret}};

std::string signed_token(std::string_view item = "ebook-1", std::string_view kid = "k1",
                         std::string_view secret = kSecret, std::int64_t expires_at = kExpiry) {
  auto result = token::sign(secret, kid, item, expires_at, kNonce);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().code);
  return result.ok() ? std::move(result).value() : std::string();
}

std::string verify_error(const std::vector<Key>& keys, std::string_view t,
                         std::string_view item = "ebook-1", std::int64_t now = kT0) {
  const auto result = token::verify(keys, t, item, now);
  if (result.ok()) {
    ADD_FAILURE() << "accepted: " << t;
    return {};
  }
  EXPECT_FALSE(result.error().message.empty());
  return result.error().code;
}

struct Parts {
  std::string version, kid, payload, mac;
  std::string join() const { return version + "." + kid + "." + payload + "." + mac; }
};

Parts split(const std::string& t) {
  Parts p;
  std::size_t a = t.find('.'), b = t.find('.', a + 1), c = t.find('.', b + 1);
  p.version = t.substr(0, a);
  p.kid = t.substr(a + 1, b - a - 1);
  p.payload = t.substr(b + 1, c - b - 1);
  p.mac = t.substr(c + 1);
  return p;
}

// A token with a correct MAC over any payload text, as only a holder of the
// key could make: for testing what verify does after the MAC check.
std::string mint(std::string_view payload) {
  const std::string part = b64::encode(payload);
  const std::string mac =
      sharelock::crypto::to_bytes(sharelock::crypto::hmac_sha256(kSecret, "v1.k1." + part));
  return "v1.k1." + part + "." + b64::encode(mac);
}

TEST(UnlockToken, SignProducesTheDocumentedFormat) {
  EXPECT_EQ(signed_token(), kToken);
  EXPECT_EQ(b64::decode(split(kToken).payload).value(),
            "1764003600000.ZGVmZ2hpamtsbW5vcHFycw.ebook-1");
}

TEST(UnlockToken, RoundTrip) {
  const auto claims = token::verify(kKeys, kToken, "ebook-1", kT0);
  ASSERT_TRUE(claims.ok()) << claims.error().code;
  EXPECT_EQ(claims.value(), (Claims{"k1", "ebook-1", kExpiry, kNonceText}));
}

TEST(UnlockToken, AnyItemTextRoundTrips) {
  const std::string item = "https://shop.example/p.html?a=1.2&b=\"x\" é";
  const auto claims = token::verify(kKeys, signed_token(item), item, kT0);
  ASSERT_TRUE(claims.ok()) << claims.error().code;
  EXPECT_EQ(claims.value().item, item);
}

TEST(UnlockToken, APayloadChangeIsAForgery) {
  Parts p = split(kToken);
  // A later expiry, the attacker's obvious wish.
  p.payload = b64::encode("1764003600001.ZGVmZ2hpamtsbW5vcHFycw.ebook-1");
  EXPECT_EQ(verify_error(kKeys, p.join()), "token-forged");
  // Another item.
  p.payload = b64::encode("1764003600000.ZGVmZ2hpamtsbW5vcHFycw.ebook-2");
  EXPECT_EQ(verify_error(kKeys, p.join(), "ebook-2"), "token-forged");
  // Every single bit of the payload.
  const std::string payload = b64::decode(split(kToken).payload).value();
  for (std::size_t i = 0; i < payload.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = payload;
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
      p.payload = b64::encode(flipped);
      EXPECT_EQ(verify_error(kKeys, p.join()), "token-forged") << i << " bit " << bit;
    }
  }
}

TEST(UnlockToken, AMacChangeIsAForgery) {
  const std::string mac = b64::decode(split(kToken).mac).value();
  ASSERT_EQ(mac.size(), 32u);
  for (std::size_t i = 0; i < mac.size(); ++i) {
    std::string flipped = mac;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x80);
    Parts p = split(kToken);
    p.mac = b64::encode(flipped);
    EXPECT_EQ(verify_error(kKeys, p.join()), "token-forged") << i;
  }
  // The right MAC under another key.
  EXPECT_EQ(verify_error(kKeys, signed_token("ebook-1", "k1", counting_bytes(1, 32))),
            "token-forged");
}

TEST(UnlockToken, KeyIdSwaps) {
  const std::vector<Key> keys = {{"k1", kSecret}, {"k2", counting_bytes(50, 32)}};
  Parts p = split(kToken);
  p.kid = "k2";  // a listed key: its MAC does not match
  EXPECT_EQ(verify_error(keys, p.join()), "token-forged");
  // Even the same secret under another id: the id is part of what is signed.
  EXPECT_EQ(verify_error({{"k1", kSecret}, {"k2", kSecret}}, p.join()), "token-forged");
  p.kid = "k3";  // not listed
  EXPECT_EQ(verify_error(keys, p.join()), "token-unknown-key");
  EXPECT_EQ(verify_error({}, kToken), "token-unknown-key");
}

// As every expiry in the core (pay_machine's records, JWT's exp): expired at
// the expiry millisecond itself.
TEST(UnlockToken, ExpiresAtItsExpiry) {
  EXPECT_TRUE(token::verify(kKeys, kToken, "ebook-1", kExpiry - 1).ok());
  EXPECT_EQ(verify_error(kKeys, kToken, "ebook-1", kExpiry), "token-expired");
}

TEST(UnlockToken, WrongItem) {
  EXPECT_EQ(verify_error(kKeys, kToken, "ebook-2"), "token-wrong-item");
  EXPECT_EQ(verify_error(kKeys, kToken, "ebook-10"), "token-wrong-item");
  EXPECT_EQ(verify_error(kKeys, kToken, "ebook-"), "token-wrong-item");
  EXPECT_EQ(verify_error(kKeys, kToken, ""), "token-wrong-item");
}

TEST(UnlockToken, ErrorsComeInOrderMalformedUnknownKeyForgedExpiredWrongItem) {
  Parts p = split(kToken);
  p.kid = "k9";  // unknown key wins over a bad MAC
  p.mac = b64::encode(std::string(32, 'x'));
  EXPECT_EQ(verify_error(kKeys, p.join(), "other", kExpiry + 1), "token-unknown-key");
  p.kid = "k1";  // a forgery is reported as such even when it is expired and for another item
  EXPECT_EQ(verify_error(kKeys, p.join(), "other", kExpiry + 1), "token-forged");
  EXPECT_EQ(verify_error(kKeys, kToken, "other", kExpiry + 1), "token-expired");
}

TEST(UnlockToken, KeyRotation) {
  const std::string old_secret = counting_bytes(0, 32);
  const std::string new_secret = counting_bytes(200, 40);
  const std::string old_token = signed_token("ebook-1", "k1", old_secret);
  const std::string new_token = signed_token("ebook-1", "k2", new_secret);
  // Both listed: tokens from either key verify.
  const std::vector<Key> during = {{"k2", new_secret}, {"k1", old_secret}};
  EXPECT_EQ(token::verify(during, old_token, "ebook-1", kT0).value().key_id, "k1");
  EXPECT_EQ(token::verify(during, new_token, "ebook-1", kT0).value().key_id, "k2");
  // Once the old key is retired, its tokens no longer verify.
  const std::vector<Key> after = {{"k2", new_secret}};
  EXPECT_EQ(verify_error(after, old_token), "token-unknown-key");
  EXPECT_TRUE(token::verify(after, new_token, "ebook-1", kT0).ok());
}

TEST(UnlockToken, AShortOrEmptyListedKeyIsNeverUsed) {
  // An empty secret (an unset environment variable) must not verify a token
  // that anyone could have signed with "".
  const std::string payload_part = split(kToken).payload;
  for (const std::string& secret : {std::string(), std::string(31, 'k')}) {
    // Correctly signed with that short secret, as an attacker could.
    const std::string mac = sharelock::crypto::to_bytes(sharelock::crypto::hmac_sha256(secret, "v1.k9." + payload_part));
    const std::string token = "v1.k9." + payload_part + "." + sharelock::base64url::encode(mac);
    const std::vector<Key> keys = {{"k9", secret}};
    EXPECT_EQ(verify_error(keys, token, "ebook-1"), "token-unknown-key") << secret.size();
  }
}

TEST(UnlockToken, MalformedTokens) {
  const Parts good = split(kToken);
  Parts p = good;
  for (std::string_view t :
       {"", "v1", "v1.k1", "v1.k1.payload", "v1.k1.a.b.c", "...", "v1..a.b", ".k1.a.b"}) {
    EXPECT_EQ(verify_error(kKeys, t), "token-malformed") << t;
  }
  EXPECT_EQ(verify_error(kKeys, kToken + std::string(".")), "token-malformed");
  EXPECT_EQ(verify_error(kKeys, " " + std::string(kToken)), "token-malformed");
  p.version = "v2";
  EXPECT_EQ(verify_error(kKeys, p.join()), "token-malformed");
  p = good;
  p.kid = "k 1";
  EXPECT_EQ(verify_error(kKeys, p.join()), "token-malformed");
  p.kid = std::string(33, 'k');
  EXPECT_EQ(verify_error(kKeys, p.join()), "token-malformed");
  p = good;
  p.mac = good.mac.substr(0, 42);  // 31 bytes
  EXPECT_EQ(verify_error(kKeys, p.join()), "token-malformed");
  p.mac = good.mac + "AAAA";  // 35 bytes
  EXPECT_EQ(verify_error(kKeys, p.join()), "token-malformed");
  p.mac = good.mac + "=";  // padding
  EXPECT_EQ(verify_error(kKeys, p.join()), "token-malformed");
  p = good;
  p.payload = good.payload + "+";
  EXPECT_EQ(verify_error(kKeys, p.join()), "token-malformed");
  // A second spelling of the same MAC bytes (unused low bits set) is refused.
  p = good;
  p.mac.back() = static_cast<char>(p.mac.back() + 1);  // 'c' → 'd': only an unused bit changes
  EXPECT_EQ(verify_error(kKeys, p.join()), "token-malformed");
  EXPECT_EQ(verify_error(kKeys, std::string(4097, 'v')), "token-malformed");
}

TEST(UnlockToken, CorrectlySignedButBrokenPayloadsAreMalformed) {
  // Sanity check of mint(): the documented payload verifies.
  EXPECT_EQ(mint("1764003600000.ZGVmZ2hpamtsbW5vcHFycw.ebook-1"), kToken);
  for (std::string_view payload :
       {"", "1764003600000", "1764003600000.ZGVmZ2hpamtsbW5vcHFycw",
        "1764003600000.ZGVmZ2hpamtsbW5vcHFycw.", "01764003600000.ZGVmZ2hpamtsbW5vcHFycw.ebook-1",
        "+1764003600000.ZGVmZ2hpamtsbW5vcHFycw.ebook-1", "-1.ZGVmZ2hpamtsbW5vcHFycw.ebook-1",
        ".ZGVmZ2hpamtsbW5vcHFycw.ebook-1", "9223372036854775808.ZGVmZ2hpamtsbW5vcHFycw.ebook-1",
        "1764003600000.ZGVmZ2hpamtsbW5vcHFyc.ebook-1",  // 15-byte nonce
        "1764003600000.ZGVm=.ebook-1"}) {
    EXPECT_EQ(verify_error(kKeys, mint(payload)), "token-malformed") << payload;
  }
  // The largest expiry is fine.
  const auto claims = token::verify(
      kKeys, mint("9223372036854775807.ZGVmZ2hpamtsbW5vcHFycw.ebook-1"), "ebook-1", kT0);
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims.value().expires_at, INT64_MAX);
}

TEST(UnlockToken, SignRefusesBadInput) {
  const auto code_and_attribute = [](const auto& result) {
    return result.ok() ? std::string("ok") : result.error().code + " " + result.error().attribute;
  };
  EXPECT_EQ(code_and_attribute(token::sign(counting_bytes(0, 31), "k1", "i", kExpiry, kNonce)),
            "token-invalid-input key");
  EXPECT_EQ(code_and_attribute(token::sign(kSecret, "", "i", kExpiry, kNonce)),
            "token-invalid-input kid");
  EXPECT_EQ(code_and_attribute(token::sign(kSecret, "k.1", "i", kExpiry, kNonce)),
            "token-invalid-input kid");
  EXPECT_EQ(code_and_attribute(token::sign(kSecret, std::string(33, 'k'), "i", kExpiry, kNonce)),
            "token-invalid-input kid");
  EXPECT_EQ(code_and_attribute(token::sign(kSecret, std::string(32, 'k'), "i", kExpiry, kNonce)),
            "ok");
  EXPECT_EQ(code_and_attribute(token::sign(kSecret, "k1", "", kExpiry, kNonce)),
            "token-invalid-input item");
  EXPECT_EQ(code_and_attribute(token::sign(kSecret, "k1", "\xc3", kExpiry, kNonce)),
            "token-invalid-input item");
  EXPECT_EQ(code_and_attribute(token::sign(kSecret, "k1", std::string(2049, 'i'), kExpiry, kNonce)),
            "token-invalid-input item");
  EXPECT_EQ(code_and_attribute(token::sign(kSecret, "k1", "i", -1, kNonce)),
            "token-invalid-input expiresAt");
  EXPECT_EQ(code_and_attribute(token::sign(kSecret, "k1", "i", kExpiry, counting_bytes(0, 15))),
            "token-invalid-input nonce");
  EXPECT_EQ(code_and_attribute(token::sign(kSecret, "k1", "i", kExpiry, counting_bytes(0, 65))),
            "token-invalid-input nonce");
}

TEST(UnlockToken, TheLongestTokenFitsTheBound) {
  const std::string item(token::kMaxItemBytes, 'i');
  const auto t = token::sign(kSecret, std::string(32, 'k'), item, INT64_MAX, counting_bytes(0, 64));
  ASSERT_TRUE(t.ok());
  EXPECT_LE(t.value().size(), token::kMaxTokenLength);
  EXPECT_EQ(token::verify({{std::string(32, 'k'), kSecret}}, t.value(), item, kT0).value().item,
            item);
}

}  // namespace
