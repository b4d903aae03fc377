// Every word a shopper reads, in English and Spanish. The shim never holds
// user-facing strings of its own: it renders what the core hands it.
#pragma once

#include <string>
#include <string_view>

#include "sharelock/share_links.hpp"

namespace sharelock::i18n {

enum class Lang { kEn, kEs };

// The widget's `lang` attribute wins, then the page's; "es", "es-ES",
// "es-419" … are Spanish, anything else English.
Lang resolve_lang(std::string_view attribute, std::string_view page_lang);
std::string_view lang_code(Lang lang);

enum class Message {
  kShareBarLabel,     // the toolbar's accessible name
  kCopyLink,
  kLinkCopied,
  kCopyFailed,
  kNativeShare,
  kNewWindowHint,     // appended to link names that open a new window
  kMastodonPrompt,    // the picker's label
  kMastodonPlaceholder,
  kMastodonSubmit,
  kMastodonCancel,
  kMastodonChooser,   // link to share.joinmastodon.org
  kMastodonChange,    // change the remembered server
  kMastodonInvalid,
};

std::string_view message(Lang lang, Message id);

// What the button shows ("X", "Correo") and its full accessible name
// ("Share on X", "Compartir por correo electrónico").
std::string_view network_label(Network network, Lang lang);
std::string network_accessible_name(Network network, Lang lang);

}  // namespace sharelock::i18n
