// Comparing secrets (MACs, OAuth state) without leaking, through timing, how
// many leading bytes matched: an early-exit `==` lets an attacker who can
// time many guesses forge a MAC byte by byte.
#pragma once

#include <string_view>

namespace sharelock::crypto {

// True when `a` and `b` hold the same bytes. The time taken depends on the
// lengths (which are public: a MAC's length is fixed) but not on the content.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace sharelock::crypto
