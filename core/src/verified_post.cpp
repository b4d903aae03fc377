#include "sharelock/verified_post.hpp"

#include <algorithm>

#include "sharelock/post_length.hpp"
#include "sharelock/unicode.hpp"

namespace sharelock::verified {

PostCheck check_post(std::string_view text, Network network, std::string_view link) {
  const bool mastodon = network == Network::kMastodon;
  PostCheck check;
  check.length = post_length::measure(text, mastodon ? post_length::Measure::kMastodon : post_length::Measure::kXWeighted);
  check.limit = mastodon ? post_length::kMastodonLimit : post_length::kXLimit;
  const bool blank = std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  });
  if (blank) {
    check.problem = Problem::kEmpty;
  } else if (check.length > check.limit || !unicode::is_valid_utf8(text)) {
    check.problem = Problem::kTooLong;
  } else if (!post_length::mentions_link(text, link)) {
    check.problem = Problem::kMissingLink;
  } else if (!mastodon && post_length::first_refused_by_x(text)) {
    check.problem = Problem::kRefusedCharacter;
  }
  return check;
}

}  // namespace sharelock::verified
