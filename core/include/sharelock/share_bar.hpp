// <sharelock-share>: from the element's attributes and a few facts about
// the page to everything the shim renders. Typed values both ways: the
// browser's modules pass these structs over their C ABI (wasm/), so no
// JSON is written or parsed on the way (docs/ABI.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sharelock/error.hpp"
#include "sharelock/text_fit.hpp"
#include "sharelock/widget_input.hpp"

namespace sharelock {

struct ShareBarRequest {
  ShareAttributes attributes;
  AttributeValue networks;        // the networks attribute
  PageFacts page;
  bool native_share = false;      // the browser has navigator.share
  std::string mastodon_host;      // remembered on this device (re-checked)
};

struct ShareButton {
  std::string network;     // "x", "mastodon", … (as in the networks attribute)
  std::string kind;        // "link", "mail", "copy", "native" or "mastodon"
  std::string label;       // what the button shows ("X", "Correo")
  std::string name;        // its accessible name ("Share on X")
  std::string href;        // the intent URL; empty for copy and native
  std::string shared_url;  // the page URL as shared (UTM-tagged if asked)
  std::string text;        // the text as shared
  // Mastodon only: the remembered server, whether one must be asked for,
  // and the link to the official server chooser.
  std::string mastodon_host;
  bool needs_server = false;
  std::string chooser_href;
};

// The words the bar's interactions show, in the bar's language.
struct ShareBarMessages {
  std::string copied;
  std::string copy_failed;
  std::string new_window;
  std::string mastodon_prompt;
  std::string mastodon_placeholder;
  std::string mastodon_submit;
  std::string mastodon_cancel;
  std::string mastodon_chooser;
  std::string mastodon_change;
};

// Never fails: problems come back in `errors`, and `fatal` means nothing
// can be shared (the shim then shows the element's fallback content).
struct ShareBarView {
  std::string lang;
  std::string label;  // the toolbar's accessible name
  ShareBarMessages messages;
  std::vector<ShareButton> buttons;
  std::vector<Error> errors;
  bool fatal = false;
  // A bounded TextFitter could not settle how the text fits: nothing here is
  // to be used; render again with the exact rules (the share bar's small
  // module says so, and the shim asks the module that counts exactly).
  bool text_undecided = false;
};

// With the exact text rules, or with `fitter` (text_fit.hpp).
ShareBarView render_share_bar(const ShareBarRequest& request);
ShareBarView render_share_bar(const ShareBarRequest& request, TextFitter& fitter);

// What a shopper typed as their Mastodon server: the server's host name,
// or a localised explanation in `message`.
struct MastodonHostCheck {
  bool ok = false;
  std::string host;
  std::string message;
};

MastodonHostCheck check_mastodon_host(std::string_view input, std::string_view lang);

}  // namespace sharelock
