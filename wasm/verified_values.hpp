// Embind registrations of verified pay's typed values (core/include/
// sharelock/verified_pay.hpp) and its calls. The records it keeps and the
// server's answers cross as JsonDocuments (values.hpp). Shapes in
// types/core.d.ts; tests/js/core-types.test.mjs holds the two together.
#pragma once

#include <emscripten/bind.h>

#include "sharelock/verified_pay.hpp"
#include "values.hpp"

namespace sharelock::bindings {

inline void register_verified_requests() {
  using emscripten::value_object;
  value_object<VerifiedDescribeRequest> describe("VerifiedDescribeRequest");
  describe.field("page", &VerifiedDescribeRequest::page)
      .field("mastodonHost", &VerifiedDescribeRequest::mastodon_host)
      .field("now", &VerifiedDescribeRequest::now)
      .field("storedToken", &VerifiedDescribeRequest::stored_token);
  register_list_field_both_ways<VerifiedDescribeRequest, Attribute,
                                &VerifiedDescribeRequest::attributes>(describe, "attributes");
  value_object<VerifiedPostRequest> post("VerifiedPostRequest");
  post.field("page", &VerifiedPostRequest::page)
      .field("mastodonHost", &VerifiedPostRequest::mastodon_host)
      .field("text", &VerifiedPostRequest::text);
  register_list_field_both_ways<VerifiedPostRequest, Attribute,
                                &VerifiedPostRequest::attributes>(post, "attributes");
  value_object<VerifiedBeginRequest> begin("VerifiedBeginRequest");
  begin.field("page", &VerifiedBeginRequest::page)
      .field("mastodonHost", &VerifiedBeginRequest::mastodon_host)
      .field("now", &VerifiedBeginRequest::now)
      .field("random", &VerifiedBeginRequest::random)
      .field("text", &VerifiedBeginRequest::text)
      .field("client", &VerifiedBeginRequest::client)
      .field("clientStatus", &VerifiedBeginRequest::client_status);
  register_list_field_both_ways<VerifiedBeginRequest, Attribute,
                                &VerifiedBeginRequest::attributes>(begin, "attributes");
  value_object<VerifiedCallbackRequest>("VerifiedCallbackRequest")
      .field("query", &VerifiedCallbackRequest::query)
      .field("page", &VerifiedCallbackRequest::page)
      .field("now", &VerifiedCallbackRequest::now)
      .field("hasStored", &VerifiedCallbackRequest::has_stored)
      .field("stored", &VerifiedCallbackRequest::stored)
      .field("storedContext", &VerifiedCallbackRequest::stored_context);
  value_object<UnlockAnswer>("UnlockAnswer")
      .field("item", &UnlockAnswer::item)
      .field("now", &UnlockAnswer::now)
      .field("status", &UnlockAnswer::status)
      .field("body", &UnlockAnswer::body);
}

inline void register_verified_answers() {
  using emscripten::value_object;
  value_object<VerifiedMessages>("VerifiedMessages")
      .field("title", &VerifiedMessages::title)
      .field("button", &VerifiedMessages::button)
      .field("editLabel", &VerifiedMessages::edit_label)
      .field("hint", &VerifiedMessages::hint)
      .field("counter", &VerifiedMessages::counter)
      .field("redirecting", &VerifiedMessages::redirecting)
      .field("publishing", &VerifiedMessages::publishing)
      .field("loading", &VerifiedMessages::loading)
      .field("denied", &VerifiedMessages::denied)
      .field("failed", &VerifiedMessages::failed)
      .field("unreachable", &VerifiedMessages::unreachable)
      .field("expired", &VerifiedMessages::expired)
      .field("retry", &VerifiedMessages::retry)
      .field("hostLabel", &VerifiedMessages::host_label)
      .field("hostMissing", &VerifiedMessages::host_missing)
      .field("rejected", &VerifiedMessages::rejected)
      .field("unlocked", &VerifiedMessages::unlocked)
      .field("copyCode", &VerifiedMessages::copy_code)
      .field("codeCopied", &VerifiedMessages::code_copied)
      .field("copyFailed", &VerifiedMessages::copy_failed);
  value_object<VerifiedView> view("VerifiedView");
  view.field("fatal", &VerifiedView::fatal)
      .field("item", &VerifiedView::item)
      .field("lang", &VerifiedView::lang)
      .field("network", &VerifiedView::network)
      .field("mastodonHost", &VerifiedView::mastodon_host)
      .field("server", &VerifiedView::server)
      .field("postText", &VerifiedView::post_text)
      .field("tokenKey", &VerifiedView::token_key)
      .field("token", &VerifiedView::token)
      .field("messages", &VerifiedView::messages);
  register_list_field<VerifiedView, Error, &VerifiedView::errors>(view, "errors");
  value_object<VerifiedPostCheck> check("VerifiedPostCheck");
  check.field("fatal", &VerifiedPostCheck::fatal)
      .field("length", &VerifiedPostCheck::length)
      .field("limit", &VerifiedPostCheck::limit)
      .field("fits", &VerifiedPostCheck::fits)
      .field("problem", &VerifiedPostCheck::problem)
      .field("message", &VerifiedPostCheck::message);
  register_list_field<VerifiedPostCheck, Error, &VerifiedPostCheck::errors>(check, "errors");
  value_object<VerifiedBegin> begin("VerifiedBegin");
  begin.field("fatal", &VerifiedBegin::fatal)
      .field("storageKey", &VerifiedBegin::storage_key)
      .field("record", &VerifiedBegin::record)
      .field("authorizeUrl", &VerifiedBegin::authorize_url);
  register_list_field<VerifiedBegin, Error, &VerifiedBegin::errors>(begin, "errors");
  value_object<VerifiedCallback>("VerifiedCallback")
      .field("outcome", &VerifiedCallback::outcome)
      .field("error", &VerifiedCallback::error)
      .field("consumedRecord", &VerifiedCallback::consumed_record)
      .field("item", &VerifiedCallback::item)
      .field("returnPath", &VerifiedCallback::return_path)
      .field("server", &VerifiedCallback::server)
      .field("network", &VerifiedCallback::network)
      .field("host", &VerifiedCallback::host)
      .field("text", &VerifiedCallback::text)
      .field("code", &VerifiedCallback::code)
      .field("codeVerifier", &VerifiedCallback::code_verifier);
  value_object<UnlockContent>("UnlockContent")
      .field("text", &UnlockContent::text)
      .field("code", &UnlockContent::code)
      .field("url", &UnlockContent::url)
      .field("label", &UnlockContent::label);
  value_object<UnlockRead>("UnlockRead")
      .field("ok", &UnlockRead::ok)
      .field("error", &UnlockRead::error)
      .field("forgetToken", &UnlockRead::forget_token)
      .field("tokenKey", &UnlockRead::token_key)
      .field("tokenRecord", &UnlockRead::token_record)
      .field("expiresAt", &UnlockRead::expires_at)
      .field("content", &UnlockRead::content);
}

// Every value verified pay's calls take or return but the ones each module
// registers once for all its widgets (Error, Attribute, PageFacts,
// JsonDocument); the calls themselves are bound in bindings.cpp.
inline void register_verified_values() {
  register_verified_requests();
  register_verified_answers();
}

}  // namespace sharelock::bindings
