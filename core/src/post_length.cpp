#include "sharelock/post_length.hpp"

#include <algorithm>
#include <vector>

#include "sharelock/punycode.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/x_links.hpp"
#include "x_link_characters.hpp"

namespace sharelock::post_length {

bool is_refused_by_x(char32_t c) { return c == 0xFFFE || c == 0xFEFF || c == 0xFFFF; }

namespace {

constexpr std::string_view kEllipsis = "\u2026";

// twitter-text v3: the ranges that weigh 1; everything else weighs 2.
std::size_t x_code_point_weight(char32_t c) {
  const bool light = c <= 0x10FF || (c >= 0x2000 && c <= 0x200D) ||
                     (c >= 0x2010 && c <= 0x201F) || (c >= 0x2032 && c <= 0x2037);
  return light ? 1 : 2;
}

// How many code points at the start of a grapheme cluster make one emoji
// as X's parser reads one (UTS #51's sequences): a flag (two regional
// indicators; one alone too), a keycap ([0-9#*] FE0F? 20E3), or
// pictographic elements (each FE0F? and a skin tone? or a tag sequence)
// joined by ZWJ. 0: the cluster starts with no emoji. What follows in the
// cluster (a stray ZWJ, selector or mark) is counted character by
// character, as X counts it.
std::size_t emoji_length(std::u32string_view cluster) {
  const char32_t first = cluster.front();
  const auto at = [&](std::size_t i) { return i < cluster.size() ? cluster[i] : char32_t{0}; };
  if (unicode::is_regional_indicator(first)) return unicode::is_regional_indicator(at(1)) ? 2 : 1;
  const bool keycap_base = (first >= '0' && first <= '9') || first == '#' || first == '*';
  if (keycap_base) {
    const std::size_t cap = at(1) == 0xFE0F ? 2 : 1;
    return at(cap) == 0x20E3 ? cap + 1 : 0;
  }
  if (!unicode::is_extended_pictographic(first)) return 0;
  // One element from `i`: the pictograph, then a selector, a skin tone or
  // tag characters; where it ends.
  const auto element_end = [&](std::size_t i) {
    ++i;
    if (at(i) == 0xFE0F) ++i;
    if (unicode::is_emoji_modifier(at(i))) ++i;
    std::size_t tags = i;
    while (at(tags) >= 0xE0020 && at(tags) <= 0xE007E) ++tags;
    if (tags > i && at(tags) == 0xE007F) i = tags + 1;
    return i;
  };
  std::size_t end = element_end(0);
  while (at(end) == 0x200D && unicode::is_extended_pictographic(at(end + 1))) end = element_end(end + 1);
  // A pictograph of text presentation with nothing to make it emoji (©, ™,
  // ❤ alone) is a character like any other.
  return end > 1 || first >= 0x1F000 ? end : 0;
}

bool is_emoji_cluster(std::u32string_view cluster) { return emoji_length(cluster) != 0; }

// One indivisible piece of text: a grapheme cluster, or a whole URL.
struct Unit {
  std::size_t begin;  // code point offsets
  std::size_t end;
  std::size_t weight;
  bool is_space;
  bool is_url;
};

bool starts_url(std::u32string_view text, std::size_t at) {
  using x_links::characters::has_ignoring_case;
  const bool after_boundary = at == 0 || x_links::may_precede_link(text[at - 1]);
  return after_boundary &&
         (has_ignoring_case(text, at, U"https://") || has_ignoring_case(text, at, U"http://"));
}

bool ends_url(char32_t c) {
  return unicode::is_white_space(c) || x_links::is_directional_mark(c) || is_refused_by_x(c);
}

// The end of the run of non-white-space characters starting at `at`: as far
// as a URL starting there could go.
std::size_t run_end(std::u32string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && !ends_url(text[end])) ++end;
  return end;
}

// A URL runs to the next white space (or directional mark); trailing
// punctuation is left out, as auto-linkers do ("see https://x.example/a."
// links ".../a"). The result does not depend on where in the run the URL
// starts, as long as it starts with "http(s)://".
std::size_t without_trailing_punctuation(std::u32string_view text, std::size_t at,
                                         std::size_t end) {
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

// Whether X would link this "http(s)://…" text: its host has labels of 1 to
// 63 characters, a non-ASCII label measured in its xn-- form (twitter-text
// conformance: a 64-character label is no domain).
bool has_valid_host(std::u32string_view url) {
  constexpr std::size_t kMaxLabel = 63;
  std::u32string_view host = url.substr(url.find(U"://") + 3);
  host = host.substr(0, host.find_first_of(U"/?#"));
  const std::size_t at = host.rfind(U'@');
  if (at != std::u32string_view::npos) host.remove_prefix(at + 1);
  if (!host.empty() && host.front() == '[') return true;  // IPv6 literal
  host = host.substr(0, host.rfind(U':'));
  if (host.empty()) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = host.find(U'.', start);
    if (dot == std::u32string_view::npos) dot = host.size();
    const std::u32string_view label = host.substr(start, dot - start);
    // Punycode never makes a label shorter; checking first also bounds its
    // (quadratic) cost on hostile text.
    if (label.empty() || label.size() > kMaxLabel) return false;
    std::size_t length = label.size();
    if (std::any_of(label.begin(), label.end(), [](char32_t c) { return c >= 0x80; })) {
      const auto encoded = punycode::encode_label(label);
      if (!encoded) return false;
      length = 4 + encoded->size();
    }
    if (length > kMaxLabel) return false;
    if (dot == host.size()) return true;
    start = dot + 1;
  }
}

std::size_t utf8_bytes(std::u32string_view text) {
  std::size_t bytes = 0;
  for (char32_t c : text) bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  return bytes;
}

std::size_t cluster_weight(std::u32string_view cluster, Measure how) {
  switch (how) {
    case Measure::kGraphemes:
    case Measure::kMastodon:
      return 1;
    case Measure::kThreads:
      return is_emoji_cluster(cluster) ? utf8_bytes(cluster) : cluster.size();
    case Measure::kXWeighted:
      break;
  }
  const std::size_t emoji = emoji_length(cluster);
  std::size_t weight = emoji != 0 ? 2 : 0;
  for (char32_t c : cluster.substr(emoji)) weight += x_code_point_weight(c);
  return weight;
}

// X and Mastodon give a URL a fixed weight (23); Bluesky and Threads count
// it like any other text.
bool counts_urls_in_full(Measure how) { return how == Measure::kGraphemes || how == Measure::kThreads; }

// The links of `text` as the network finds them: X's own way; for the
// others, "http(s)://" up to the next white space (what Mastodon, Bluesky
// and Threads link is not modelled further: Bluesky and Threads count a
// link in full, so only shortening needs to keep it whole).
std::vector<x_links::Link> find_links(std::u32string_view text, Measure how) {
  if (how == Measure::kXWeighted) return x_links::find(text);
  std::vector<x_links::Link> links;
  std::size_t scanned_run_end = 0;  // the last run scanned for a URL ends here
  std::size_t scanned_url_end = 0;  // and a URL starting in it, here
  for (std::size_t begin = 0; begin < text.size(); ++begin) {
    if (!starts_url(text, begin)) continue;
    // "http://..http://..": every start in one run ends the URL at the same
    // place; scan each run once, or hostile text costs quadratic time.
    if (begin >= scanned_run_end) {
      scanned_run_end = run_end(text, begin);
      scanned_url_end = without_trailing_punctuation(text, begin, scanned_run_end);
    }
    if (has_valid_host(text.substr(begin, scanned_url_end - begin))) {
      links.push_back({begin, scanned_url_end});
      begin = scanned_url_end - 1;
    }
  }
  return links;
}

// Units are grapheme clusters; a link, with the clusters it starts or ends
// inside of, is one unit, so that shortening never cuts one. X and
// Mastodon weigh the link 23 and what else is in those clusters as text.
std::vector<Unit> split_units(std::u32string_view text, Measure how) {
  const std::vector<std::size_t> boundaries = unicode::grapheme_boundaries(text);
  const std::vector<x_links::Link> links = find_links(text, how);
  // The weight of text[from, to), from cluster `first` on; a part of a
  // cluster weighs as a cluster of its own.
  const auto weigh_text = [&](std::size_t first, std::size_t from, std::size_t to) {
    std::size_t weight = 0;
    for (std::size_t c = first; boundaries[c] < to; ++c) {
      const std::size_t part_begin = std::max(boundaries[c], from);
      const std::size_t part_end = std::min(boundaries[c + 1], to);
      if (part_begin < part_end) weight += cluster_weight(text.substr(part_begin, part_end - part_begin), how);
    }
    return weight;
  };
  std::vector<Unit> units;
  std::size_t next_link = 0;
  for (std::size_t i = 0; i + 1 < boundaries.size(); ++i) {
    const std::size_t first = i;
    Unit unit{boundaries[i], boundaries[i + 1], 0, false, false};
    std::size_t weighed = unit.begin;  // weighed up to here
    while (next_link < links.size() && links[next_link].begin < unit.end) {
      const x_links::Link link = links[next_link++];
      unit.is_url = true;
      while (unit.end < link.end) unit.end = boundaries[++i + 1];
      if (!counts_urls_in_full(how)) {
        unit.weight += weigh_text(first, weighed, link.begin) + kXUrlWeight;
        weighed = link.end;
      }
    }
    unit.weight += weigh_text(first, weighed, unit.end);
    unit.is_space = !unit.is_url && unicode::is_white_space(text[unit.begin]);
    units.push_back(unit);
  }
  return units;
}

}  // namespace

std::size_t measure_bound(std::string_view utf8, Measure how) {
  if (how == Measure::kThreads) return utf8.size();  // emoji count their bytes, others less
  std::size_t bound = 0;
  for (const char32_t c : unicode::decode_utf8(utf8)) {
    // An emoji weighs 2 on X, never more than its code points do.
    bound += how == Measure::kXWeighted ? x_code_point_weight(c) : 1;
    const char32_t link_mark = how == Measure::kXWeighted ? U'.' : how == Measure::kMastodon ? U':' : 0;
    if (link_mark != 0 && c == link_mark) bound += kXUrlWeight;
  }
  return bound;
}

std::size_t x_weighted_length(std::string_view utf8) { return measure(utf8, Measure::kXWeighted); }

std::size_t grapheme_length(std::string_view utf8) { return measure(utf8, Measure::kGraphemes); }

std::size_t mastodon_length(std::string_view utf8) { return measure(utf8, Measure::kMastodon); }

std::size_t threads_length(std::string_view utf8) { return measure(utf8, Measure::kThreads); }

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
  // … without the white space that would stand before the ellipsis, nor a
  // URL it would glue itself to (Bluesky and Mastodon would link "…/a…").
  // A cut inside a word can also make a URL that the whole word was not
  // ("(https://aaa…" out of a host label too long to link), which X counts
  // as 23: measure what comes out and cut further until it fits.
  while (true) {
    while (cut > 0 && (units[cut - 1].is_space || units[cut - 1].is_url)) --cut;
    const std::size_t end = cut == 0 ? 0 : units[cut - 1].end;
    std::string out = unicode::encode_utf8(std::u32string_view(code_points).substr(0, end));
    out.append(kEllipsis);
    if (cut == 0 || measure(out, how) <= budget) return out;
    --cut;
  }
}

// The three in UTF-8 are EF BB BF, EF BF BE and EF BF BF: found by their
// bytes, with no decoding (UTF-8 never starts a sequence mid-character).
std::size_t refused_length_at(std::string_view utf8, std::size_t at) {
  if (utf8.size() - at < 3 || utf8[at] != '\xEF') return 0;
  const std::string_view next = utf8.substr(at + 1, 2);
  return next == "\xBB\xBF" || next == "\xBF\xBE" || next == "\xBF\xBF" ? 3 : 0;
}

std::optional<char32_t> first_refused_by_x(std::string_view utf8) {
  for (std::size_t at = utf8.find('\xEF'); at != std::string_view::npos; at = utf8.find('\xEF', at + 1)) {
    if (refused_length_at(utf8, at) != 0) return unicode::decode_utf8(utf8.substr(at, 3)).front();
  }
  return std::nullopt;
}

std::string without_refused_by_x(std::string_view utf8) {
  std::string kept;
  kept.reserve(utf8.size());
  for (std::size_t at = 0; at < utf8.size();) {
    const std::size_t refused = refused_length_at(utf8, at);
    if (refused == 0) kept.push_back(utf8[at]);
    at += refused == 0 ? 1 : refused;
  }
  return kept;
}

bool mentions_link(std::string_view text, std::string_view link) {
  if (link.empty()) return false;
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  const auto is_closing = [](char c) { return std::string_view(".,;:!)]}'\"").find(c) != std::string_view::npos; };
  const auto is_opening = [](char c) { return std::string_view("([{'\"<").find(c) != std::string_view::npos; };
  for (std::size_t at = text.find(link); at != std::string_view::npos; at = text.find(link, at + 1)) {
    if (at > 0 && !is_space(text[at - 1]) && !is_opening(text[at - 1])) continue;
    const std::size_t end = at + link.size();
    if (end == text.size() || is_space(text[end]) || text[end] == '?' || text[end] == '#') return true;
    std::size_t after = end;
    while (after < text.size() && is_closing(text[after])) ++after;
    if (after > end && (after == text.size() || is_space(text[after]))) return true;
  }
  return false;
}

}  // namespace sharelock::post_length
