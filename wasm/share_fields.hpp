// The share bar's records and calls over Sharelock's C ABI (abi/calls.hpp):
// renderShareBar and checkMastodonHost, which every module that serves
// share bars lists (share_abi.cpp), and verified pay's module its picker's
// (verified_abi.cpp). The field names are the JS names: types/core.d.ts
// declares the same shapes, and tests/js/core-types.test.mjs holds the two
// together.
#pragma once

#include <string>

#include "abi/calls.hpp"
#include "abi/common_fields.hpp"
#include "sharelock/share_bar.hpp"

namespace sharelock::abi {

template <>
struct Fields<AttributeValue> {
  static constexpr const char* name = "AttributeValue";
  static constexpr auto list = tuple{field("present", &AttributeValue::present), field("value", &AttributeValue::value)};
};

template <>
struct Fields<ShareAttributes> {
  using A = ShareAttributes;
  static constexpr const char* name = "ShareAttributes";
  static constexpr auto list =
      tuple{field("url", &A::url),     field("text", &A::text),   field("hashtags", &A::hashtags),
            field("via", &A::via),     field("image", &A::image), field("utmCampaign", &A::utm_campaign),
            field("lang", &A::lang)};
};

template <>
struct Fields<ShareBarRequest> {
  using R = ShareBarRequest;
  static constexpr const char* name = "ShareBarRequest";
  static constexpr auto list = tuple{field("attributes", &R::attributes), field("networks", &R::networks),
                                     field("page", &R::page), field("nativeShare", &R::native_share),
                                     field("mastodonHost", &R::mastodon_host)};
};

template <>
struct Fields<ShareButton> {
  using B = ShareButton;
  static constexpr const char* name = "ShareButton";
  static constexpr auto list =
      tuple{field("network", &B::network),     field("kind", &B::kind),
            field("label", &B::label),         field("name", &B::name),
            field("href", &B::href),           field("sharedUrl", &B::shared_url),
            field("text", &B::text),           field("mastodonHost", &B::mastodon_host),
            field("needsServer", &B::needs_server), field("chooserHref", &B::chooser_href)};
};

template <>
struct Fields<ShareBarMessages> {
  using M = ShareBarMessages;
  static constexpr const char* name = "ShareBarMessages";
  static constexpr auto list = tuple{
      field("copied", &M::copied),
      field("copyFailed", &M::copy_failed),
      field("newWindow", &M::new_window),
      field("mastodonPrompt", &M::mastodon_prompt),
      field("mastodonPlaceholder", &M::mastodon_placeholder),
      field("mastodonSubmit", &M::mastodon_submit),
      field("mastodonCancel", &M::mastodon_cancel),
      field("mastodonChooser", &M::mastodon_chooser),
      field("mastodonChange", &M::mastodon_change)};
};

template <>
struct Fields<ShareBarView> {
  using V = ShareBarView;
  static constexpr const char* name = "ShareBarView";
  static constexpr auto list = tuple{field("lang", &V::lang),         field("label", &V::label),
                                     field("messages", &V::messages), field("buttons", &V::buttons),
                                     field("errors", &V::errors),     field("fatal", &V::fatal),
                                     field("textUndecided", &V::text_undecided)};
};

inline ShareBarView render_share_bar_call(const ShareBarRequest& request) {
  TextFitter fitter = module_text_fitter();
  return render_share_bar(request, fitter);
}

// checkMastodonHost's two strings, as the one record every call takes.
struct MastodonHostQuery {
  std::string input;
  std::string lang;
};

inline MastodonHostCheck check_mastodon_host_query(const MastodonHostQuery& query) {
  return check_mastodon_host(query.input, query.lang);
}

template <>
struct Fields<MastodonHostQuery> {
  static constexpr const char* name = "MastodonHostQuery";
  static constexpr auto list =
      tuple{field("input", &MastodonHostQuery::input), field("lang", &MastodonHostQuery::lang)};
};

template <>
struct Fields<MastodonHostCheck> {
  using C = MastodonHostCheck;
  static constexpr const char* name = "MastodonHostCheck";
  static constexpr auto list = tuple{field("ok", &C::ok), field("host", &C::host), field("message", &C::message)};
};

}  // namespace sharelock::abi

// The share bar's two calls, for a module's SHARELOCK_ABI_CALLS list.
#define SHARELOCK_SHARE_BAR_CALLS                                                     \
  (sharelock::abi::call<sharelock::ShareBarRequest, sharelock::ShareBarView,         \
                        &sharelock::abi::render_share_bar_call>("renderShareBar")),  \
      SHARELOCK_MASTODON_HOST_CALL
#define SHARELOCK_MASTODON_HOST_CALL                                                   \
  (sharelock::abi::call<sharelock::abi::MastodonHostQuery, sharelock::MastodonHostCheck, \
                        &sharelock::abi::check_mastodon_host_query>("checkMastodonHost"))
