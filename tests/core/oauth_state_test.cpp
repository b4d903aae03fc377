// The OAuth redirect's browser half: the single-use state and its stored
// record, and same-origin return paths (callback parsing and the authorize
// URL: oauth_callback_test.cpp).
#include "sharelock/oauth_state.hpp"
#include "verified_json.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace {

// The records as the text sessionStorage holds (verified_json.hpp).
namespace oauth = sharelock::testing::oauth_text;

constexpr std::int64_t kT0 = 1'764'000'000'000;  // an instant in 2025, in ms
constexpr std::int64_t kTenMinutes = 10 * 60 * 1000;

std::string counting_bytes(int first, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>(first + i));
  return out;
}

const std::string kRandom = counting_bytes(0, 16);  // encodes to the state below
constexpr char kState[] = "AAECAwQFBgcICQoLDA0ODw";

oauth::PendingState pending(std::string_view return_path = "/shop/ebook?lang=es#unlock") {
  auto result = oauth::create_state(kRandom, "ebook-1", return_path, kT0, kTenMinutes);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().code);
  return result.ok() ? std::move(result).value() : oauth::PendingState{};
}

std::string accept_error(std::string_view record, std::string_view state, std::int64_t now) {
  const auto result = oauth::accept_state(record, state, now);
  if (result.ok()) {
    ADD_FAILURE() << "state accepted";
    return {};
  }
  EXPECT_FALSE(result.error().message.empty());
  return result.error().code;
}

// ---------------------------------------------------------------------------
// create_state / accept_state

TEST(OAuthState, CreateEncodesTheRandomBytesAndStoresASmallRecord) {
  const oauth::PendingState p = pending();
  EXPECT_EQ(p.state, kState);
  EXPECT_EQ(p.record,
            R"({"codeVerifier":"","consumed":false,"context":"","expiresAt":1764000600000,"item":"ebook-1",)"
            R"("returnPath":"/shop/ebook?lang=es#unlock","state":"AAECAwQFBgcICQoLDA0ODw","v":1})");
  EXPECT_EQ(oauth::kStateStorageKey, "sharelock:oauth");
}

TEST(OAuthState, AcceptReturnsItemAndPathAndTheConsumedRecord) {
  const oauth::PendingState p = pending();
  const auto accepted = oauth::accept_state(p.record, kState, kT0 + 1000);
  ASSERT_TRUE(accepted.ok()) << accepted.error().code;
  EXPECT_EQ(accepted.value().item, "ebook-1");
  EXPECT_EQ(accepted.value().return_path, "/shop/ebook?lang=es#unlock");
  EXPECT_EQ(accepted.value().consumed_record,
            R"({"codeVerifier":"","consumed":true,"context":"","expiresAt":1764000600000,"item":"ebook-1",)"
            R"("returnPath":"/shop/ebook?lang=es#unlock","state":"AAECAwQFBgcICQoLDA0ODw","v":1})");
  EXPECT_EQ(accepted.value().binding.code_verifier, "");
  EXPECT_EQ(accepted.value().binding.context, "");
}

TEST(OAuthState, ItemIsEscapedInTheRecordAndComesBackIntact) {
  const std::string item = "https://shop.example/p?id=1&x=\"q\"\\ é";
  const auto p = oauth::create_state(kRandom, item, "/", kT0, kTenMinutes);
  ASSERT_TRUE(p.ok());
  const auto accepted = oauth::accept_state(p.value().record, kState, kT0);
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(accepted.value().item, item);
}

TEST(OAuthState, ASecondUseIsRefusedAsReused) {
  const oauth::PendingState p = pending();
  const auto first = oauth::accept_state(p.record, kState, kT0);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(accept_error(first.value().consumed_record, kState, kT0), "state-reused");
}

TEST(OAuthState, AWrongStateIsAMismatch) {
  const oauth::PendingState p = pending();
  EXPECT_EQ(accept_error(p.record, "AAECAwQFBgcICQoLDA0ODx", kT0), "state-mismatch");  // last char
  EXPECT_EQ(accept_error(p.record, "BAECAwQFBgcICQoLDA0ODw", kT0), "state-mismatch");  // first char
  EXPECT_EQ(accept_error(p.record, "AAECAwQFBgcICQoLDA0OD", kT0), "state-mismatch");   // shorter
  EXPECT_EQ(accept_error(p.record, std::string(kState) + "x", kT0), "state-mismatch");
  // A mismatch wins over "reused": a forged callback learns nothing about
  // the record.
  const auto consumed = oauth::accept_state(p.record, kState, kT0);
  ASSERT_TRUE(consumed.ok());
  EXPECT_EQ(accept_error(consumed.value().consumed_record, "forged", kT0), "state-mismatch");
}

TEST(OAuthState, NoRecordOrNoCallbackStateIsMissing) {
  const oauth::PendingState p = pending();
  EXPECT_EQ(accept_error("", kState, kT0), "state-missing");
  EXPECT_EQ(accept_error(p.record, "", kT0), "state-missing");
  // Records that cannot be read count as absent.
  EXPECT_EQ(accept_error("{", kState, kT0), "state-missing");
  EXPECT_EQ(accept_error("null", kState, kT0), "state-missing");
  EXPECT_EQ(accept_error(R"({"v":2,"state":"AAECAwQFBgcICQoLDA0ODw","item":"ebook-1",)"
                         R"("returnPath":"/","expiresAt":1764000600000,"consumed":false})",
                         kState, kT0),
            "state-missing");
  EXPECT_EQ(accept_error(R"({"v":1,"state":"AAECAwQFBgcICQoLDA0ODw","item":"ebook-1",)"
                         R"("returnPath":"/","expiresAt":"1764000600000","consumed":false})",
                         kState, kT0),
            "state-missing");
  EXPECT_EQ(accept_error(R"({"v":1,"state":"AAECAwQFBgcICQoLDA0ODw","item":"ebook-1",)"
                         R"("returnPath":"/","expiresAt":1764000600000})",
                         kState, kT0),
            "state-missing");
}

// As every expiry in the core (pay_machine's records, JWT's exp): expired at
// the expiry millisecond itself.
TEST(OAuthState, ExpiresAtItsExpiry) {
  const oauth::PendingState p = pending();
  EXPECT_TRUE(oauth::accept_state(p.record, kState, kT0 + kTenMinutes - 1).ok());
  EXPECT_EQ(accept_error(p.record, kState, kT0 + kTenMinutes), "state-expired");
}

TEST(OAuthState, ATamperedStoredReturnPathIsRefused) {
  const std::string record =
      R"({"codeVerifier":"","consumed":false,"context":"","expiresAt":1764000600000,"item":"ebook-1",)"
      R"("returnPath":"//evil.example/","state":"AAECAwQFBgcICQoLDA0ODw","v":1})";
  const auto result = oauth::accept_state(record, kState, kT0);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "unsafe-return-path");
  EXPECT_EQ(result.error().attribute, "returnPath");
}

TEST(OAuthState, CreateRefusesAnUnsafeReturnPath) {
  for (std::string_view path : {"//evil.example", "https://other.example/", "/\\evil.example"}) {
    const auto result = oauth::create_state(kRandom, "ebook-1", path, kT0, kTenMinutes);
    ASSERT_FALSE(result.ok()) << path;
    EXPECT_EQ(result.error().code, "unsafe-return-path") << path;
    EXPECT_EQ(result.error().attribute, "returnPath");
  }
}

TEST(OAuthState, CreateRefusesBadInput) {
  const auto code_and_attribute = [](const auto& result) {
    return result.ok() ? std::string("ok") : result.error().code + " " + result.error().attribute;
  };
  EXPECT_EQ(code_and_attribute(oauth::create_state(counting_bytes(0, 15), "i", "/", kT0, 1)),
            "state-invalid-input random");
  EXPECT_EQ(code_and_attribute(oauth::create_state(counting_bytes(0, 65), "i", "/", kT0, 1)),
            "state-invalid-input random");
  EXPECT_EQ(code_and_attribute(oauth::create_state(counting_bytes(0, 64), "i", "/", kT0, 1)), "ok");
  EXPECT_EQ(code_and_attribute(oauth::create_state(kRandom, "", "/", kT0, 1)),
            "state-invalid-input item");
  EXPECT_EQ(code_and_attribute(oauth::create_state(kRandom, "\xff", "/", kT0, 1)),
            "state-invalid-input item");
  EXPECT_EQ(code_and_attribute(oauth::create_state(kRandom, std::string(2049, 'i'), "/", kT0, 1)),
            "state-invalid-input item");
  EXPECT_EQ(code_and_attribute(oauth::create_state(kRandom, "i", "/", kT0, 0)),
            "state-invalid-input lifetime");
  EXPECT_EQ(code_and_attribute(oauth::create_state(kRandom, "i", "/", kT0, 24LL * 3600 * 1000 + 1)),
            "state-invalid-input lifetime");
  EXPECT_EQ(code_and_attribute(oauth::create_state(kRandom, "i", "/", -1, 1)),
            "state-invalid-input now");
  EXPECT_EQ(code_and_attribute(oauth::create_state(kRandom, "i", "/", INT64_MAX, 1)),
            "state-invalid-input now");
}

// ---------------------------------------------------------------------------
// Binding: the PKCE verifier and the widget's context, kept in the record

constexpr char kVerifier[] = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";  // RFC 7636 appendix B
constexpr char kContext[] =
    R"({"server":"https://verify.example","network":"x","text":"Free \"ebook\" é https://shop.example/e"})";

std::string bound_error(const oauth::Binding& binding) {
  const auto result = oauth::create_state(kRandom, "ebook-1", "/", kT0, kTenMinutes, binding);
  return result.ok() ? std::string("ok") : result.error().code + " " + result.error().attribute;
}

TEST(OAuthStateBinding, VerifierAndContextComeBackWithTheState) {
  const auto p = oauth::create_state(kRandom, "ebook-1", "/shop/ebook", kT0, kTenMinutes, {kVerifier, kContext});
  ASSERT_TRUE(p.ok()) << p.error().code;
  EXPECT_EQ(p.value().state, kState);
  // Stored as two strings of the record, escaped like any other value.
  EXPECT_NE(p.value().record.find(R"("codeVerifier":"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")"),
            std::string::npos);
  EXPECT_NE(p.value().record.find(R"("context":"{\"server\":)"), std::string::npos) << p.value().record;

  const auto accepted = oauth::accept_state(p.value().record, kState, kT0 + 1);
  ASSERT_TRUE(accepted.ok()) << accepted.error().code;
  EXPECT_EQ(accepted.value().binding.code_verifier, kVerifier);
  EXPECT_EQ(accepted.value().binding.context, kContext);
  EXPECT_EQ(accepted.value().item, "ebook-1");
  EXPECT_EQ(accepted.value().return_path, "/shop/ebook");
  // The consumed record drops them (nothing may read them again) and is
  // refused as reused.
  EXPECT_EQ(accepted.value().consumed_record,
            R"({"codeVerifier":"","consumed":true,"context":"","expiresAt":1764000600000,"item":"ebook-1",)"
            R"("returnPath":"/shop/ebook","state":"AAECAwQFBgcICQoLDA0ODw","v":1})");
  EXPECT_EQ(accept_error(accepted.value().consumed_record, kState, kT0 + 2), "state-reused");
}

TEST(OAuthStateBinding, NothingOfTheBindingIsHandedToAnotherState) {
  const auto p = oauth::create_state(kRandom, "ebook-1", "/", kT0, kTenMinutes, {kVerifier, kContext});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(accept_error(p.value().record, "AAECAwQFBgcICQoLDA0ODx", kT0), "state-mismatch");
  EXPECT_EQ(accept_error(p.value().record, kState, kT0 + kTenMinutes), "state-expired");
}

TEST(OAuthStateBinding, AnEmptyBindingAndTheLargestContextAreFine) {
  EXPECT_EQ(bound_error({}), "ok");
  EXPECT_EQ(bound_error({"", kContext}), "ok");
  EXPECT_EQ(bound_error({kVerifier, ""}), "ok");
  EXPECT_EQ(bound_error({std::string(128, '~'), std::string(8192, 'c')}), "ok");
  const auto largest = oauth::create_state(kRandom, "i", "/", kT0, kTenMinutes, {kVerifier, std::string(8192, 'c')});
  ASSERT_TRUE(largest.ok());
  const auto accepted = oauth::accept_state(largest.value().record, kState, kT0);
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(accepted.value().binding.context, std::string(8192, 'c'));
}

TEST(OAuthStateBinding, AnInvalidVerifierIsRefused) {
  const std::string verifier = kVerifier;
  for (const std::string& bad : {verifier.substr(0, 42), std::string(129, 'a'), "+" + verifier.substr(1),
                                 verifier.substr(0, 42) + "=", verifier.substr(0, 42) + " ",
                                 verifier.substr(0, 42) + "\xc3\xa9", std::string("abc")}) {
    EXPECT_EQ(bound_error({bad, kContext}), "state-invalid-input codeVerifier") << bad;
  }
}

TEST(OAuthStateBinding, AContextOver8KiBOrNotUtf8IsRefused) {
  EXPECT_EQ(oauth::kMaxContextBytes, 8192u);
  EXPECT_EQ(bound_error({kVerifier, std::string(8193, 'c')}), "state-invalid-input context");
  EXPECT_EQ(bound_error({kVerifier, "caf\xff"}), "state-invalid-input context");
  EXPECT_EQ(bound_error({kVerifier, "\xed\xa0\x80"}), "state-invalid-input context");  // a surrogate
  EXPECT_EQ(bound_error({kVerifier, "\xc3"}), "state-invalid-input context");          // cut short
}

TEST(OAuthStateBinding, ARecordWithoutTheBindingFieldsIsMissing) {
  // Everything of a valid record but the binding: as if nothing were stored,
  // so the flow starts again instead of exchanging a code without verifier.
  const std::string base =
      R"({"consumed":false,"expiresAt":1764000600000,"item":"ebook-1","returnPath":"/",)"
      R"("state":"AAECAwQFBgcICQoLDA0ODw","v":1)";
  EXPECT_EQ(accept_error(base + "}", kState, kT0), "state-missing");
  EXPECT_EQ(accept_error(base + R"(,"codeVerifier":""})", kState, kT0), "state-missing");
  EXPECT_EQ(accept_error(base + R"(,"context":""})", kState, kT0), "state-missing");
  EXPECT_EQ(accept_error(base + R"(,"codeVerifier":null,"context":""})", kState, kT0), "state-missing");
  EXPECT_EQ(accept_error(base + R"(,"codeVerifier":"","context":{}})", kState, kT0), "state-missing");
  // With both, the same record is accepted.
  EXPECT_TRUE(oauth::accept_state(base + R"(,"codeVerifier":"","context":""})", kState, kT0).ok());
}

// ---------------------------------------------------------------------------
// is_safe_return_path

TEST(ReturnPath, PathsOnThisOriginAreSafe) {
  for (std::string_view path :
       {"/", "/shop/ebook", "/shop/ebook/", "/p?id=1&x=2#top",
        "/a?next=//evil.example",  // only the path part must not hold "//"
        "/.well-known/x", "/a/...", "/a/.b", "/%2F%2Fevil.example", "/caf%C3%A9"}) {
    EXPECT_TRUE(oauth::is_safe_return_path(path)) << path;
  }
  EXPECT_TRUE(oauth::is_safe_return_path("/" + std::string(2047, 'a')));
}

TEST(ReturnPath, OtherOriginsAndThingsThatAreNotPathsAreUnsafe) {
  for (std::string_view path : {"",
                                "shop/ebook",
                                "//evil.example",
                                "///evil.example",
                                "https://other.example/",
                                "javascript:alert(1)",
                                "/\\evil.example",
                                "\\\\evil.example",
                                "/shop\\..\\x",
                                "/\t/evil.example",
                                "/\n/evil.example",
                                "/a\rb",
                                " /shop",
                                "/shop ",
                                "/a b",
                                "/a\x7f",
                                "/caf\xc3\xa9",
                                "/a//b",
                                "/./",
                                "/../x",
                                "/a/./b",
                                "/a/..",
                                "/%2e%2e/x",
                                "/%2E/x",
                                "/.%2e/x",
                                "/a/%2e"}) {
    EXPECT_FALSE(oauth::is_safe_return_path(path)) << path;
  }
  EXPECT_FALSE(oauth::is_safe_return_path(std::string_view("/a\0b", 4)));
  EXPECT_FALSE(oauth::is_safe_return_path("/" + std::string(2048, 'a')));
}

}  // namespace
