#include "sharelock/post_length.hpp"

#include <vector>

#include "sharelock/unicode.hpp"

namespace sharelock::post_length {
namespace {

constexpr std::string_view kEllipsis = "\u2026";

// twitter-text v3: the ranges that weigh 1; everything else weighs 2.
std::size_t x_code_point_weight(char32_t c) {
  const bool light = c <= 0x10FF || (c >= 0x2000 && c <= 0x200D) ||
                     (c >= 0x2010 && c <= 0x201F) || (c >= 0x2032 && c <= 0x2037);
  return light ? 1 : 2;
}

// An emoji as X's parser sees one: a pictographic sequence (ZWJ sequences,
// skin tones, presentation selectors), a flag or a keycap.
bool is_emoji_cluster(std::u32string_view cluster) {
  const char32_t first = cluster.front();
  if (unicode::is_regional_indicator(first)) return true;
  bool has_emoji_marker = false;
  for (char32_t c : cluster) {
    if (c == 0xFE0F || c == 0x200D || c == 0x20E3 || unicode::is_emoji_modifier(c)) {
      has_emoji_marker = true;
    }
  }
  if (unicode::is_extended_pictographic(first)) return has_emoji_marker || first >= 0x1F000;
  const bool keycap_base = (first >= '0' && first <= '9') || first == '#' || first == '*';
  return keycap_base && has_emoji_marker;
}

// One indivisible piece of text: a grapheme cluster, or a whole URL.
struct Unit {
  std::size_t begin;  // code point offsets
  std::size_t end;
  std::size_t weight;
  bool is_space;
};

bool starts_url(std::u32string_view text, std::size_t at) {
  const auto matches = [&](std::u32string_view prefix) {
    if (text.size() - at < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char32_t c = text[at + i];
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      if (c != prefix[i]) return false;
    }
    return true;
  };
  const bool after_boundary = at == 0 || unicode::is_white_space(text[at - 1]);
  return after_boundary && (matches(U"https://") || matches(U"http://"));
}

// A URL runs to the next white space; trailing punctuation is left out, as
// auto-linkers do ("see https://x.example/a." links ".../a").
std::size_t url_end(std::u32string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && !unicode::is_white_space(text[end])) ++end;
  while (end > at) {
    const char32_t last = text[end - 1];
    if (last != '.' && last != ',' && last != ';' && last != ':' && last != '!' &&
        last != '?' && last != ')' && last != '"' && last != '\'') {
      break;
    }
    --end;
  }
  return end;
}

std::size_t cluster_weight(std::u32string_view cluster, Measure how) {
  if (how == Measure::kGraphemes) return 1;
  if (is_emoji_cluster(cluster)) return 2;
  std::size_t weight = 0;
  for (char32_t c : cluster) weight += x_code_point_weight(c);
  return weight;
}

std::vector<Unit> split_units(std::u32string_view text, Measure how) {
  const std::vector<std::size_t> boundaries = unicode::grapheme_boundaries(text);
  std::vector<Unit> units;
  std::size_t url_until = 0;  // inside a URL found earlier, up to here
  for (std::size_t i = 0; i + 1 < boundaries.size(); ++i) {
    const std::size_t begin = boundaries[i];
    const std::size_t end = boundaries[i + 1];
    if (begin < url_until) {
      units.back().end = end;
      continue;
    }
    // Only X gives URLs a fixed weight; Bluesky counts them in full.
    if (how == Measure::kXWeighted && starts_url(text, begin)) {
      url_until = url_end(text, begin);
      units.push_back({begin, end, kXUrlWeight, false});
      continue;
    }
    const std::u32string_view cluster = text.substr(begin, end - begin);
    units.push_back({begin, end, cluster_weight(cluster, how),
                     unicode::is_white_space(cluster.front())});
  }
  return units;
}

}  // namespace

std::size_t x_weighted_length(std::string_view utf8) { return measure(utf8, Measure::kXWeighted); }

std::size_t grapheme_length(std::string_view utf8) { return measure(utf8, Measure::kGraphemes); }

std::size_t measure(std::string_view utf8, Measure how) {
  std::size_t total = 0;
  for (const Unit& unit : split_units(unicode::decode_utf8(utf8), how)) total += unit.weight;
  return total;
}

std::string shorten(std::string_view text, std::size_t budget, Measure how) {
  const std::u32string code_points = unicode::decode_utf8(text);
  const std::vector<Unit> units = split_units(code_points, how);
  std::size_t total = 0;
  for (const Unit& unit : units) total += unit.weight;
  if (total <= budget) return std::string(text);

  const std::size_t ellipsis_weight = measure(kEllipsis, how);
  if (budget < ellipsis_weight) return {};
  // The longest prefix of whole units that leaves room for the ellipsis …
  std::size_t fitting = 0;
  std::size_t used = 0;
  while (fitting < units.size() && used + units[fitting].weight + ellipsis_weight <= budget) {
    used += units[fitting].weight;
    ++fitting;
  }
  // … pulled back to the last word boundary inside it, if there is one …
  std::size_t cut = fitting;
  if (fitting < units.size() && !units[fitting].is_space) {
    while (cut > 0 && !units[cut - 1].is_space) --cut;
    if (cut == 0) cut = fitting;  // one word longer than the budget
  }
  // … without the white space that would stand before the ellipsis.
  while (cut > 0 && units[cut - 1].is_space) --cut;
  const std::size_t end = cut == 0 ? 0 : units[cut - 1].end;
  std::string out = unicode::encode_utf8(std::u32string_view(code_points).substr(0, end));
  out.append(kEllipsis);
  return out;
}

}  // namespace sharelock::post_length
