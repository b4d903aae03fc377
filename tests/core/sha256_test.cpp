// SHA-256 and HMAC-SHA-256. Expected digests are the published ones: FIPS
// 180-2 appendix B / the NIST "SHA256.pdf" examples, and RFC 4231 section 4
// for HMAC. For the padding boundaries (55, 56, 63, 64, 65, 119, 120 and 128
// bytes) the digests of runs of 'a' come from coreutils' sha256sum, an
// independent implementation; every length up to 200 is also checked for
// agreement between one-shot and piecewise hashing.
#include "sharelock/sha256.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using sharelock::crypto::hmac_sha256;
using sharelock::crypto::Sha256;
using sharelock::crypto::sha256;
using sharelock::crypto::Sha256Digest;
using sharelock::crypto::to_bytes;

std::string hex(const Sha256Digest& digest) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0xF]);
  }
  return out;
}

std::string repeat(char c, std::size_t n) { return std::string(n, c); }

// Bytes 0x01, 0x02, … 0x19 (RFC 4231 test case 4's key).
std::string counting_bytes(std::size_t n) {
  std::string out;
  for (std::size_t i = 1; i <= n; ++i) out.push_back(static_cast<char>(i));
  return out;
}

// ---------------------------------------------------------------------------
// SHA-256

TEST(Sha256, EmptyString) {
  EXPECT_EQ(hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, NistOneBlockMessageAbc) {
  EXPECT_EQ(hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, NistTwoBlockMessage448Bits) {
  EXPECT_EQ(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, NistMessage896Bits) {
  EXPECT_EQ(hex(sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                       "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256, NistOneMillionA) {
  const std::string million = repeat('a', 1'000'000);
  EXPECT_EQ(hex(sha256(million)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // The same in uneven pieces, crossing block boundaries everywhere.
  Sha256 hash;
  std::size_t fed = 0;
  for (std::size_t piece = 1; fed < million.size(); piece = piece * 7 % 1000 + 1) {
    const std::size_t n = std::min(piece, million.size() - fed);
    hash.update(std::string_view(million).substr(fed, n));
    fed += n;
  }
  EXPECT_EQ(hex(hash.digest()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PaddingBoundariesMatchAnIndependentImplementation) {
  // 55 bytes: the padding fits one block; 56: it spills into a second; 64:
  // the message fills a block exactly; 119/120 and 128: the same one block on.
  EXPECT_EQ(hex(sha256(repeat('a', 55))),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(hex(sha256(repeat('a', 56))),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(hex(sha256(repeat('a', 63))),
            "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
  EXPECT_EQ(hex(sha256(repeat('a', 64))),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  EXPECT_EQ(hex(sha256(repeat('a', 65))),
            "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
  EXPECT_EQ(hex(sha256(repeat('a', 119))),
            "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
  EXPECT_EQ(hex(sha256(repeat('a', 120))),
            "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c");
  EXPECT_EQ(hex(sha256(repeat('a', 128))),
            "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e");
}

TEST(Sha256, ByteByByteAndSplitFeedingAgreeWithOneShotForEveryLengthUpTo200) {
  std::string message;
  for (std::size_t length = 0; length <= 200; ++length) {
    const Sha256Digest one_shot = sha256(message);
    Sha256 byte_by_byte;
    for (char c : message) byte_by_byte.update(std::string_view(&c, 1));
    EXPECT_EQ(byte_by_byte.digest(), one_shot) << length;
    for (std::size_t split = 0; split <= length; split += 13) {
      Sha256 two_pieces;
      two_pieces.update(std::string_view(message).substr(0, split));
      two_pieces.update(std::string_view(message).substr(split));
      EXPECT_EQ(two_pieces.digest(), one_shot) << length << " split at " << split;
    }
    message.push_back(static_cast<char>(length * 37 + 11));  // every byte value, high bits too
  }
}

TEST(Sha256, DigestDoesNotDisturbAHashThatIsExtended) {
  Sha256 hash;
  hash.update("ab");
  EXPECT_EQ(hash.digest(), sha256("ab"));
  hash.update("c");
  EXPECT_EQ(hex(hash.digest()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, ToBytesIsTheRawDigest) {
  const std::string bytes = to_bytes(sha256("abc"));
  ASSERT_EQ(bytes.size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 0xbau);
  EXPECT_EQ(static_cast<unsigned char>(bytes[31]), 0xadu);
}

// ---------------------------------------------------------------------------
// HMAC-SHA-256, RFC 4231 section 4

TEST(HmacSha256, Rfc4231TestCase1) {
  EXPECT_EQ(hex(hmac_sha256(repeat('\x0b', 20), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacSha256, Rfc4231TestCase2KeyShorterThanOutput) {
  EXPECT_EQ(hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256, Rfc4231TestCase3) {
  EXPECT_EQ(hex(hmac_sha256(repeat('\xaa', 20), repeat('\xdd', 50))),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
}

TEST(HmacSha256, Rfc4231TestCase4) {
  EXPECT_EQ(hex(hmac_sha256(counting_bytes(25), repeat('\xcd', 50))),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
}

TEST(HmacSha256, Rfc4231TestCase5TruncatedTo128Bits) {
  EXPECT_EQ(hex(hmac_sha256(repeat('\x0c', 20), "Test With Truncation")).substr(0, 32),
            "a3b6167473100ee06e0c796c2955552b");
}

TEST(HmacSha256, Rfc4231TestCase6KeyLargerThanABlock) {
  EXPECT_EQ(hex(hmac_sha256(repeat('\xaa', 131),
                            "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, Rfc4231TestCase7KeyAndDataLargerThanABlock) {
  EXPECT_EQ(hex(hmac_sha256(repeat('\xaa', 131),
                            "This is a test using a larger than block-size key and a larger "
                            "than block-size data. The key needs to be hashed before being "
                            "used by the HMAC algorithm.")),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

}  // namespace
