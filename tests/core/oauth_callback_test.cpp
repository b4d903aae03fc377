// The OAuth redirect's callback parsing and authorize URL (oauth_state.hpp),
// which read and write no record. Expected URLs follow RFC 6749 section
// 4.1.1, RFC 7636 section 4.3 and the X authorize URL in PLATFORMS.md.
#include "sharelock/oauth_state.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

namespace oauth = sharelock::oauth;

constexpr char kState[] = "AAECAwQFBgcICQoLDA0ODw";

// ---------------------------------------------------------------------------
// parse_callback

oauth::Callback must_parse(std::string_view query) {
  auto result = oauth::parse_callback(query);
  if (!result.ok()) {
    ADD_FAILURE() << "\"" << query << "\" → " << result.error().message;
    return {};
  }
  return std::move(result).value();
}

std::string parse_error(std::string_view query) {
  const auto result = oauth::parse_callback(query);
  if (result.ok()) {
    ADD_FAILURE() << "\"" << query << "\" was accepted";
    return {};
  }
  EXPECT_FALSE(result.error().message.empty());
  return result.error().code;
}

TEST(OAuthCallback, CodeAndState) {
  const oauth::Callback c = must_parse("?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz");
  EXPECT_EQ(c.code, "SplxlOBeZQQYbYS6WxSbIA");
  EXPECT_EQ(c.state, "xyz");
  EXPECT_EQ(c.error, "");
  const oauth::Callback without_mark = must_parse("state=xyz&code=abc");
  EXPECT_EQ(without_mark.code, "abc");
  EXPECT_EQ(without_mark.state, "xyz");
}

TEST(OAuthCallback, AccessDenied) {
  const oauth::Callback c =
      must_parse("?error=access_denied&error_description=The+user+denied&state=xyz");
  EXPECT_EQ(c.error, "access_denied");
  EXPECT_EQ(c.state, "xyz");
  EXPECT_EQ(c.code, "");
}

TEST(OAuthCallback, ValuesArePercentDecodedAndPlusIsASpace) {
  const oauth::Callback c = must_parse("?code=a%2Fb%2bc+d&state=%41%62%7e&iss=https%3A%2F%2Fx.com");
  EXPECT_EQ(c.code, "a/b+c d");
  EXPECT_EQ(c.state, "Ab~");
}

TEST(OAuthCallback, MissingStateParsesAsEmpty) {
  EXPECT_EQ(must_parse("?code=abc").state, "");
  EXPECT_EQ(must_parse("?code=abc&&").code, "abc");
}

TEST(OAuthCallback, MalformedCallbacksAreRefused) {
  for (std::string_view query :
       {"", "?", "?state=xyz", "?code=&state=xyz", "?code=a&code=b&state=xyz",
        "?code=a&state=x&state=y", "?error=access_denied&error=x", "?code=a&error=access_denied",
        "?code=%zz&state=x", "?code=a%4&state=x", "?code=a%&state=x", "?code=a%0Ab&state=x",
        "?code=a&state=%00", "?code=a&state=caf%C3%A9", "?error=a%22b", "?error=a%5Cb",
        "?error="}) {
    EXPECT_EQ(parse_error(query), "callback-malformed") << query;
  }
}

TEST(OAuthCallback, SizeBounds) {
  EXPECT_EQ(must_parse("?code=" + std::string(1024, 'c') + "&state=s").code,
            std::string(1024, 'c'));
  EXPECT_EQ(parse_error("?code=" + std::string(1025, 'c') + "&state=s"), "callback-malformed");
  EXPECT_EQ(must_parse("?code=c&state=" + std::string(512, 's')).state, std::string(512, 's'));
  EXPECT_EQ(parse_error("?code=c&state=" + std::string(513, 's')), "callback-malformed");
  EXPECT_EQ(parse_error("?code=c&state=s&pad=" + std::string(8192, 'p')), "callback-malformed");
}

// ---------------------------------------------------------------------------
// authorize_url

constexpr char kChallenge[] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

oauth::Provider x_provider() {
  return {"https://x.com/i/oauth2/authorize",
          "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ",
          "https://shop.example/sharelock/callback",
          {"tweet.read", "tweet.write", "users.read"}};
}

std::string authorize_error(const oauth::Provider& provider, std::string_view state = "xyz",
                            std::string_view challenge = kChallenge) {
  const auto result = oauth::authorize_url(provider, state, challenge);
  if (result.ok()) {
    ADD_FAILURE() << "accepted: " << result.value();
    return {};
  }
  return result.error().code + " " + result.error().attribute;
}

TEST(AuthorizeUrl, XWithPkceS256) {
  const auto url = oauth::authorize_url(x_provider(), kState, kChallenge);
  ASSERT_TRUE(url.ok()) << url.error().code;
  EXPECT_EQ(url.value(),
            "https://x.com/i/oauth2/authorize?response_type=code"
            "&client_id=M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ"
            "&redirect_uri=https%3A%2F%2Fshop.example%2Fsharelock%2Fcallback"
            "&scope=tweet.read%20tweet.write%20users.read"
            "&state=AAECAwQFBgcICQoLDA0ODw"
            "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
            "&code_challenge_method=S256");
}

TEST(AuthorizeUrl, MastodonKeepsTheEndpointsQueryAndOverridesResponseType) {
  const oauth::Provider mastodon{
      "https://mastodon.social/oauth/authorize?lang=es&response_type=token",
      "client id",
      "http://localhost:8080/cb",
      {"write:statuses"}};
  const auto url = oauth::authorize_url(mastodon, "s", kChallenge);
  ASSERT_TRUE(url.ok()) << url.error().code;
  EXPECT_EQ(url.value(),
            "https://mastodon.social/oauth/authorize?lang=es&response_type=code"
            "&client_id=client%20id&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcb"
            "&scope=write%3Astatuses&state=s"
            "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
            "&code_challenge_method=S256");
}

TEST(AuthorizeUrl, RefusesUnsafeOrMalformedUrls) {
  oauth::Provider p = x_provider();
  p.authorize_endpoint = "http://x.com/i/oauth2/authorize";
  EXPECT_EQ(authorize_error(p), "unsafe-url authorizeEndpoint");
  p.authorize_endpoint = "javascript:alert(1)";
  EXPECT_EQ(authorize_error(p), "unsafe-url authorizeEndpoint");
  p.authorize_endpoint = "https://x.com/i/oauth2/authorize#frag";
  EXPECT_EQ(authorize_error(p), "invalid-url authorizeEndpoint");
  p.authorize_endpoint = "/oauth/authorize";
  EXPECT_EQ(authorize_error(p), "invalid-url authorizeEndpoint");
  p = x_provider();
  p.redirect_uri = "http://shop.example/cb";
  EXPECT_EQ(authorize_error(p), "unsafe-url redirectUri");
  p.redirect_uri = "https://shop.example/cb#x";
  EXPECT_EQ(authorize_error(p), "invalid-url redirectUri");
}

TEST(AuthorizeUrl, RefusesBadFields) {
  oauth::Provider p = x_provider();
  p.client_id = "";
  EXPECT_EQ(authorize_error(p), "invalid-authorize-request clientId");
  p.client_id = "a\nb";
  EXPECT_EQ(authorize_error(p), "invalid-authorize-request clientId");
  p = x_provider();
  p.scopes = {};
  EXPECT_EQ(authorize_error(p), "invalid-authorize-request scopes");
  p.scopes = {"tweet.read tweet.write"};  // one token per entry
  EXPECT_EQ(authorize_error(p), "invalid-authorize-request scopes");
  p.scopes = {"tweet.read", ""};
  EXPECT_EQ(authorize_error(p), "invalid-authorize-request scopes");
  p = x_provider();
  EXPECT_EQ(authorize_error(p, ""), "invalid-authorize-request state");
  EXPECT_EQ(authorize_error(p, "a\x01"), "invalid-authorize-request state");
  EXPECT_EQ(authorize_error(p, "xyz", "short"), "invalid-authorize-request codeChallenge");
  EXPECT_EQ(authorize_error(p, "xyz", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM"),
            "invalid-authorize-request codeChallenge");
}

}  // namespace
