// Embind registrations of the share bar's typed values (core/include/
// sharelock/share_bar.hpp), for the modules that bind its calls. JS sees
// plain objects with camelCase fields, and lists as plain arrays:
// register_vector would hand JS class handles to delete() and cost the
// share bar's page 4 KB brotli of class machinery (glue and RTTI) for it.
// types/core.d.ts declares the same shapes; tests/js/core-types.test.mjs
// holds the two together.
#pragma once

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <vector>

#include "sharelock/error.hpp"
#include "sharelock/share_bar.hpp"

namespace sharelock::bindings {

// A list of registered values, as a JS array of plain objects.
template <typename T>
emscripten::val list_of(const std::vector<T>& items) {
  emscripten::val list = emscripten::val::array();
  for (std::size_t i = 0; i < items.size(); ++i) list.set(i, items[i]);
  return list;
}

// A list field of a value that only ever goes to JS: Embind's value_object
// wants a setter for every field, and JS never hands such a value back.
template <typename Value, typename T, std::vector<T> Value::*member>
void register_list_field(emscripten::value_object<Value>& object, const char* name) {
  object.field(
      name, +[](const Value& value) { return list_of(value.*member); },
      +[](Value&, emscripten::val) {});
}

// The one error shape of every call, in every module.
inline void register_error() {
  emscripten::value_object<Error>("Error")
      .field("code", &Error::code)
      .field("attribute", &Error::attribute)
      .field("message", &Error::message);
}

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

}  // namespace sharelock::bindings
