// The share bar's calls over Sharelock's C ABI (abi/calls.hpp), linked into
// both modules that serve share bars: its own small one (no Embind, no JS
// glue) and the main one, for pages that load it anyway. The field names
// are the JS names: types/core.d.ts declares the same shapes, and
// tests/js/core-types.test.mjs holds the two together.
#include "abi/calls.hpp"
#include "sharelock/share_bar.hpp"

namespace sharelock::abi {

using std::tuple;

template <>
struct Fields<Error> {
  static constexpr const char* name = "Error";
  static constexpr auto list = tuple{field("code", &Error::code), field("attribute", &Error::attribute),
                                     field("message", &Error::message)};
};

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
struct Fields<PageFacts> {
  using P = PageFacts;
  static constexpr const char* name = "PageFacts";
  static constexpr auto list =
      tuple{field("url", &P::url),         field("canonical", &P::canonical), field("title", &P::title),
            field("ogTitle", &P::og_title), field("ogImage", &P::og_image),   field("lang", &P::lang),
            field("refSeed", &P::ref_seed)};
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

// The share bar's small module counts text by bounds only, which leaves
// the Unicode and top-level-domain tables out of it (text_fit.hpp); the
// others count exactly.
inline ShareBarView render_share_bar_call(const ShareBarRequest& request) {
#if SHARELOCK_BOUNDED_TEXT
  TextFitter fitter = TextFitter::bounded();
#else
  TextFitter fitter = TextFitter::exact();
#endif
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

SHARELOCK_ABI_CALLS(
    (sharelock::abi::call<sharelock::ShareBarRequest, sharelock::ShareBarView,
                          &sharelock::abi::render_share_bar_call>("renderShareBar")),
    (sharelock::abi::call<sharelock::abi::MastodonHostQuery, sharelock::MastodonHostCheck,
                          &sharelock::abi::check_mastodon_host_query>("checkMastodonHost")))
