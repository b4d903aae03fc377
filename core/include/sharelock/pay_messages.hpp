// The words of <sharelock-pay>, in English and Spanish.
#pragma once

#include <string>
#include <string_view>

#include "sharelock/messages.hpp"
#include "sharelock/pay_machine.hpp"

namespace sharelock::pay {

enum class PayMessage {
  kTitle,          // "Share to unlock"
  kWaiting,        // while the share window is open
  kCancel,
  kTooFast,        // back before `wait` seconds
  kCancelled,
  kUnlocked,       // announced to screen readers
  kNotNow,
  kExpand,         // the collapsed prompt
  kCopyCode,
  kCodeCopied,
  kCopyFailed,
  kClosed,        // a linked countdown ended the offer
};

std::string_view pay_message(i18n::Lang lang, PayMessage id);

// "Share on X to unlock", "Comparte por correo para desbloquear".
std::string button_label(Network network, i18n::Lang lang);
// "Opens Bluesky with a ready-made post. Come back here once it is published."
std::string hint(Network network, i18n::Lang lang);

}  // namespace sharelock::pay
