// The rules a verified post must meet, checked in the page as the shopper
// edits it and again on the verification server, which does not trust the
// page to have done so: one function, so the two can never disagree.
#pragma once

#include <cstddef>
#include <string_view>

#include "sharelock/share_links.hpp"
#include "sharelock/verified_messages.hpp"

namespace sharelock::verified {

struct PostCheck {
  std::size_t length = 0;  // as the network counts it
  std::size_t limit = 0;   // X 280 weighted, Mastodon 500
  Problem problem = Problem::kNone;
};

// Not blank, within the network's limit (network is kX or kMastodon) and
// carrying `link` as a link of its own (post_length::mentions_link).
PostCheck check_post(std::string_view text, Network network, std::string_view link);

}  // namespace sharelock::verified
