// Embind registrations of the share bar's typed values (core/include/
// sharelock/share_bar.hpp), for the modules that bind its calls. JS sees
// plain objects with camelCase fields, and lists as plain arrays (values.hpp).
// types/core.d.ts declares the same shapes; tests/js/core-types.test.mjs
// holds the two together.
#pragma once

#include <emscripten/bind.h>

#include <string>

#include "sharelock/share_bar.hpp"
#include "values.hpp"

namespace sharelock::bindings {

inline void register_mastodon_host_check() {
  emscripten::value_object<MastodonHostCheck>("MastodonHostCheck")
      .field("ok", &MastodonHostCheck::ok)
      .field("host", &MastodonHostCheck::host)
      .field("message", &MastodonHostCheck::message);
}

inline void register_share_bar() {
  using emscripten::value_object;
  value_object<AttributeValue>("AttributeValue")
      .field("present", &AttributeValue::present)
      .field("value", &AttributeValue::value);
  value_object<ShareAttributes>("ShareAttributes")
      .field("url", &ShareAttributes::url)
      .field("text", &ShareAttributes::text)
      .field("hashtags", &ShareAttributes::hashtags)
      .field("via", &ShareAttributes::via)
      .field("image", &ShareAttributes::image)
      .field("utmCampaign", &ShareAttributes::utm_campaign)
      .field("lang", &ShareAttributes::lang);
  value_object<PageFacts>("PageFacts")
      .field("url", &PageFacts::url)
      .field("canonical", &PageFacts::canonical)
      .field("title", &PageFacts::title)
      .field("ogTitle", &PageFacts::og_title)
      .field("ogImage", &PageFacts::og_image)
      .field("lang", &PageFacts::lang)
      .field("refSeed", &PageFacts::ref_seed);
  value_object<ShareBarRequest>("ShareBarRequest")
      .field("attributes", &ShareBarRequest::attributes)
      .field("networks", &ShareBarRequest::networks)
      .field("page", &ShareBarRequest::page)
      .field("nativeShare", &ShareBarRequest::native_share)
      .field("mastodonHost", &ShareBarRequest::mastodon_host);
  value_object<ShareButton>("ShareButton")
      .field("network", &ShareButton::network)
      .field("kind", &ShareButton::kind)
      .field("label", &ShareButton::label)
      .field("name", &ShareButton::name)
      .field("href", &ShareButton::href)
      .field("sharedUrl", &ShareButton::shared_url)
      .field("text", &ShareButton::text)
      .field("mastodonHost", &ShareButton::mastodon_host)
      .field("needsServer", &ShareButton::needs_server)
      .field("chooserHref", &ShareButton::chooser_href);
  value_object<ShareBarMessages>("ShareBarMessages")
      .field("copied", &ShareBarMessages::copied)
      .field("copyFailed", &ShareBarMessages::copy_failed)
      .field("newWindow", &ShareBarMessages::new_window)
      .field("mastodonPrompt", &ShareBarMessages::mastodon_prompt)
      .field("mastodonPlaceholder", &ShareBarMessages::mastodon_placeholder)
      .field("mastodonSubmit", &ShareBarMessages::mastodon_submit)
      .field("mastodonCancel", &ShareBarMessages::mastodon_cancel)
      .field("mastodonChooser", &ShareBarMessages::mastodon_chooser)
      .field("mastodonChange", &ShareBarMessages::mastodon_change);
  value_object<ShareBarView> view("ShareBarView");
  view.field("lang", &ShareBarView::lang)
      .field("label", &ShareBarView::label)
      .field("messages", &ShareBarView::messages)
      .field("fatal", &ShareBarView::fatal);
  register_list_field<ShareBarView, ShareButton, &ShareBarView::buttons>(view, "buttons");
  register_list_field<ShareBarView, Error, &ShareBarView::errors>(view, "errors");
}

// Embind binds std::string, not std::string_view (TOOLCHAIN.md).
inline MastodonHostCheck check_mastodon_host_binding(const std::string& input, const std::string& lang) {
  return check_mastodon_host(input, lang);
}

// The share bar's calls and every value they take or return, the same in
// both modules that serve a share bar: its own and the main one.
inline void register_share_bar_calls() {
  register_error();
  register_mastodon_host_check();
  register_share_bar();
  emscripten::function("renderShareBar", &render_share_bar);
  emscripten::function("checkMastodonHost", &check_mastodon_host_binding);
}

}  // namespace sharelock::bindings
