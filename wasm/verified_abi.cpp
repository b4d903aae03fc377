// Verified pay's module (sharelock-verified.wasm): its calls over
// Sharelock's C ABI (abi/calls.hpp), fetched only by a page with
// <sharelock-pay mode="verified"> or coming back from the network's
// consent page. OAuth state, PKCE, SHA-256 and the server's answers are a
// ninth of the main module (issue 18), which no intent-mode pay, countdown
// or proof badge needs. Field names are the JS names: types/core.d.ts
// declares the same shapes, and tests/js/core-types.test.mjs holds the two
// together.
#include "share_fields.hpp"
#include "sharelock/verified_pay.hpp"

namespace sharelock::abi {

template <>
struct Fields<VerifiedDescribeRequest> {
  using T = VerifiedDescribeRequest;
  static constexpr const char* name = "VerifiedDescribeRequest";
  static constexpr auto list = tuple{
      field("page", &T::page),
      field("mastodonHost", &T::mastodon_host),
      field("now", &T::now),
      field("storedToken", &T::stored_token),
      field("attributes", &T::attributes)};
};

template <>
struct Fields<VerifiedPostRequest> {
  using T = VerifiedPostRequest;
  static constexpr const char* name = "VerifiedPostRequest";
  static constexpr auto list = tuple{
      field("page", &T::page),
      field("mastodonHost", &T::mastodon_host),
      field("text", &T::text),
      field("attributes", &T::attributes)};
};

template <>
struct Fields<VerifiedBeginRequest> {
  using T = VerifiedBeginRequest;
  static constexpr const char* name = "VerifiedBeginRequest";
  static constexpr auto list = tuple{
      field("page", &T::page),
      field("mastodonHost", &T::mastodon_host),
      field("now", &T::now),
      field("random", &T::random),
      field("text", &T::text),
      field("client", &T::client),
      field("clientStatus", &T::client_status),
      field("attributes", &T::attributes)};
};

template <>
struct Fields<VerifiedCallbackRequest> {
  using T = VerifiedCallbackRequest;
  static constexpr const char* name = "VerifiedCallbackRequest";
  static constexpr auto list = tuple{
      field("query", &T::query),
      field("page", &T::page),
      field("now", &T::now),
      field("hasStored", &T::has_stored),
      field("stored", &T::stored),
      field("storedContext", &T::stored_context)};
};

template <>
struct Fields<UnlockAnswer> {
  using T = UnlockAnswer;
  static constexpr const char* name = "UnlockAnswer";
  static constexpr auto list = tuple{
      field("item", &T::item),
      field("now", &T::now),
      field("status", &T::status),
      field("body", &T::body)};
};

template <>
struct Fields<VerifiedMessages> {
  using T = VerifiedMessages;
  static constexpr const char* name = "VerifiedMessages";
  static constexpr auto list = tuple{
      field("title", &T::title),
      field("button", &T::button),
      field("editLabel", &T::edit_label),
      field("hint", &T::hint),
      field("counter", &T::counter),
      field("redirecting", &T::redirecting),
      field("publishing", &T::publishing),
      field("loading", &T::loading),
      field("denied", &T::denied),
      field("failed", &T::failed),
      field("unreachable", &T::unreachable),
      field("expired", &T::expired),
      field("retry", &T::retry),
      field("hostLabel", &T::host_label),
      field("hostMissing", &T::host_missing),
      field("rejected", &T::rejected),
      field("unlocked", &T::unlocked),
      field("copyCode", &T::copy_code),
      field("codeCopied", &T::code_copied),
      field("copyFailed", &T::copy_failed)};
};

template <>
struct Fields<VerifiedView> {
  using T = VerifiedView;
  static constexpr const char* name = "VerifiedView";
  static constexpr auto list = tuple{
      field("fatal", &T::fatal),
      field("item", &T::item),
      field("lang", &T::lang),
      field("network", &T::network),
      field("mastodonHost", &T::mastodon_host),
      field("server", &T::server),
      field("postText", &T::post_text),
      field("tokenKey", &T::token_key),
      field("token", &T::token),
      field("messages", &T::messages),
      field("errors", &T::errors)};
};

template <>
struct Fields<VerifiedPostCheck> {
  using T = VerifiedPostCheck;
  static constexpr const char* name = "VerifiedPostCheck";
  static constexpr auto list = tuple{
      field("fatal", &T::fatal),
      field("length", &T::length),
      field("limit", &T::limit),
      field("fits", &T::fits),
      field("problem", &T::problem),
      field("message", &T::message),
      field("errors", &T::errors)};
};

template <>
struct Fields<VerifiedBegin> {
  using T = VerifiedBegin;
  static constexpr const char* name = "VerifiedBegin";
  static constexpr auto list = tuple{
      field("fatal", &T::fatal),
      field("storageKey", &T::storage_key),
      field("record", &T::record),
      field("authorizeUrl", &T::authorize_url),
      field("errors", &T::errors)};
};

template <>
struct Fields<VerifiedCallback> {
  using T = VerifiedCallback;
  static constexpr const char* name = "VerifiedCallback";
  static constexpr auto list = tuple{
      field("outcome", &T::outcome),
      field("error", &T::error),
      field("consumedRecord", &T::consumed_record),
      field("item", &T::item),
      field("returnPath", &T::return_path),
      field("server", &T::server),
      field("network", &T::network),
      field("host", &T::host),
      field("text", &T::text),
      field("code", &T::code),
      field("codeVerifier", &T::code_verifier)};
};

template <>
struct Fields<UnlockContent> {
  using T = UnlockContent;
  static constexpr const char* name = "UnlockContent";
  static constexpr auto list = tuple{
      field("text", &T::text),
      field("code", &T::code),
      field("url", &T::url),
      field("label", &T::label)};
};

template <>
struct Fields<UnlockRead> {
  using T = UnlockRead;
  static constexpr const char* name = "UnlockRead";
  static constexpr auto list = tuple{
      field("ok", &T::ok),
      field("error", &T::error),
      field("forgetToken", &T::forget_token),
      field("tokenKey", &T::token_key),
      field("tokenRecord", &T::token_record),
      field("expiresAt", &T::expires_at),
      field("content", &T::content)};
};

}  // namespace sharelock::abi

#define SHARELOCK_VERIFIED_CALL(Request, Answer, function, name) \
  (sharelock::abi::call<sharelock::Request, sharelock::Answer, &sharelock::function>(name))

// checkMastodonHost: the Mastodon server field of verified pay's panel.
SHARELOCK_ABI_CALLS(
    SHARELOCK_VERIFIED_CALL(VerifiedDescribeRequest, VerifiedView, describe_verified, "describeVerified"),
    SHARELOCK_VERIFIED_CALL(VerifiedPostRequest, VerifiedPostCheck, check_verified_post, "checkVerifiedPost"),
    SHARELOCK_VERIFIED_CALL(VerifiedBeginRequest, VerifiedBegin, begin_verified, "beginVerified"),
    SHARELOCK_VERIFIED_CALL(VerifiedCallbackRequest, VerifiedCallback, accept_verified_callback, "acceptVerifiedCallback"),
    SHARELOCK_VERIFIED_CALL(UnlockAnswer, UnlockRead, read_unlock_response, "readUnlockResponse"),
    SHARELOCK_MASTODON_HOST_CALL)
