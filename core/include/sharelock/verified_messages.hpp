// The words of <sharelock-pay mode="verified">, in English and Spanish.
#pragma once

#include <string_view>

#include "sharelock/messages.hpp"

namespace sharelock::verified {

enum class Message {
  kTitle,        // "Post to unlock"
  kButton,       // "Post on X and unlock"
  kEditLabel,    // the post's text box
  kHint,         // what will happen, before the click
  kCounter,      // "{used} of {limit} characters"
  kRedirecting,  // on the way to X
  kPublishing,   // back from X, while the server posts
  kLoading,      // fetching unlocked content with a stored token
  kDenied,       // the shopper did not approve at X
  kFailed,       // anything else went wrong
  kUnreachable,  // the verification server cannot be reached
  kExpired,      // a stored unlock is no longer honoured
  kRetry,
  kHostLabel,    // the Mastodon server field
  kHostMissing,  // Mastodon chosen, no server given
  kRejected,     // the network refused the post (a duplicate, say)
};

// What can be wrong with the post the shopper edited.
enum class Problem { kNone, kEmpty, kTooLong, kMissingLink, kRefusedCharacter };

// "{network}" in a message stands for the network's name ("X", "Mastodon").
std::string_view message(i18n::Lang lang, Message id);
std::string_view problem_code(Problem problem);  // "", "empty", "too-long", "missing-link", "refused-character"
std::string_view problem_message(i18n::Lang lang, Problem problem);

}  // namespace sharelock::verified
