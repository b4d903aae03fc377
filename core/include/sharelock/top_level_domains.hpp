// The top-level domains IANA delegates, as the Public Suffix List's ICANN
// section names them (generated at build time: tools/gen_top_level_domains.py).
#pragma once

#include <cstddef>
#include <string_view>

namespace sharelock::top_level_domains {

// Whether `label` is one: lower case, UTF-8, without dots ("com", "рф",
// "中国"; an internationalised one in Unicode, not in its xn-- form).
bool contains(std::string_view label);

// `c` as the list spells it where it matches a letter of the list ignoring
// case, as X's regular expressions match them ('C' -> 'c', 'Р' -> 'р');
// else `c`.
char32_t fold_case(char32_t c);

// The longest one's length in code points: no longer label need be looked up.
std::size_t longest_in_code_points();

}  // namespace sharelock::top_level_domains
