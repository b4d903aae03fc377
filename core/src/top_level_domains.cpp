#include "sharelock/top_level_domains.hpp"

#include "sharelock/top_level_domains_data.hpp"

namespace sharelock::top_level_domains {

namespace {

constexpr std::string_view kTable = generated::kSortedByBytes;

// The table's entry that holds byte `at`.
std::string_view entry_around(std::size_t at) {
  const std::size_t begin = at == 0 ? 0 : kTable.rfind('\n', at - 1) + 1;  // npos + 1 == 0
  const std::size_t end = kTable.find('\n', at);
  return kTable.substr(begin, end == std::string_view::npos ? kTable.size() - begin : end - begin);
}

}  // namespace

// Bisection over the bytes of one sorted string: an index of offsets would
// weigh more than the table it indexes.
bool contains(std::string_view label) {
  if (label.empty() || label.find('\n') != std::string_view::npos) return false;
  std::size_t low = 0;  // entries starting before `low` are smaller than `label`
  std::size_t high = kTable.size();
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    const std::string_view entry = entry_around(middle);
    const std::size_t entry_begin = static_cast<std::size_t>(entry.data() - kTable.data());
    const int order = entry.compare(label);
    if (order == 0) return true;
    if (order < 0) {
      low = entry_begin + entry.size() + 1;
    } else {
      high = entry_begin;
    }
  }
  return false;
}

char32_t fold_case(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + ('a' - 'A');
  for (const generated::CaseFold& fold : generated::kCaseFolding) {
    if (fold.other == c) return fold.letter;
  }
  return c;
}

std::size_t longest_in_code_points() { return generated::kLongestInCodePoints; }

}  // namespace sharelock::top_level_domains
