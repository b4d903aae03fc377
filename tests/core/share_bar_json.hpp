// The share bar's typed request and view, written as JSON for the tests:
// the requests read as the shim's objects do (the same adapters the JSON
// widgets use, so a non-string attribute is an absent one), and the views
// compare field by field with the names the shim sees.
#pragma once

#include <nlohmann/json.hpp>

#include "sharelock/share_bar.hpp"
#include "sharelock/widget_request.hpp"

namespace sharelock::testing {

inline ShareBarRequest share_bar_request(const nlohmann::json& request) {
  const nlohmann::json& attributes = object_at(request, "attributes");
  const auto native = request.find("nativeShare");
  return {share_attributes(attributes), attribute_at(attributes, "networks"),
          page_facts(object_at(request, "page")),
          native != request.end() && native->is_boolean() && native->get<bool>(),
          string_at(request, "mastodonHost")};
}

inline nlohmann::json share_bar_json(const ShareBarView& view) {
  nlohmann::json buttons = nlohmann::json::array();
  for (const ShareButton& b : view.buttons) {
    buttons.push_back({{"network", b.network}, {"kind", b.kind}, {"label", b.label}, {"name", b.name},
                       {"href", b.href}, {"sharedUrl", b.shared_url}, {"text", b.text},
                       {"mastodonHost", b.mastodon_host}, {"needsServer", b.needs_server},
                       {"chooserHref", b.chooser_href}});
  }
  const ShareBarMessages& m = view.messages;
  return {{"lang", view.lang}, {"label", view.label}, {"buttons", buttons},
          {"errors", view.errors}, {"fatal", view.fatal},
          {"messages", {{"copied", m.copied}, {"copyFailed", m.copy_failed}, {"newWindow", m.new_window},
                        {"mastodonPrompt", m.mastodon_prompt}, {"mastodonPlaceholder", m.mastodon_placeholder},
                        {"mastodonSubmit", m.mastodon_submit}, {"mastodonCancel", m.mastodon_cancel},
                        {"mastodonChooser", m.mastodon_chooser}, {"mastodonChange", m.mastodon_change}}}};
}

}  // namespace sharelock::testing
