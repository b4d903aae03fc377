#include "sharelock/x_links.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "sharelock/post_length.hpp"
#include "sharelock/punycode.hpp"
#include "sharelock/top_level_domains.hpp"
#include "sharelock/unicode.hpp"
#include "x_link_characters.hpp"

// Each function below carries the name of the twitter-text regular
// expression (src/regexp/*.js) it stands for. Where those expressions
// backtrack, the code takes the choice they reach first: the longest run
// that still leaves what must follow.
namespace sharelock::x_links {

bool is_directional_mark(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

bool may_precede_link(char32_t c) {
  if (is_directional_mark(c)) return true;
  const bool ascii_alnum =
      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return !(ascii_alnum || c == '@' || c == 0xFF20 || c == '$' || c == '#' || c == 0xFF03 ||
           post_length::is_refused_by_x(c));
}

namespace {

using namespace characters;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::size_t kUnknown = kNone - 1;
constexpr std::size_t kMaxLinkUtf16 = 4096;
constexpr std::size_t kMaxTcoSlug = 40;
constexpr std::size_t kMaxLabel = 63;

std::size_t utf16_length(std::u32string_view text) {
  std::size_t units = text.size();
  for (char32_t c : text) units += c > 0xFFFF ? 1 : 0;
  return units;
}

// The host label's length as punycode.toASCII gives it: the label split at
// the ideographic and full-width full stops, each non-ASCII part in its
// xn-- form. kNone beyond kMaxLabel.
std::size_t encoded_label_length(std::u32string_view label) {
  if (label.size() > kMaxLabel) return kNone;  // encoding never makes a label shorter
  std::size_t length = 0;
  while (true) {
    const std::size_t stop = label.find_first_of(U"\u3002\uFF0E\uFF61");
    const std::u32string_view part = label.substr(0, stop);
    bool ascii = true;
    for (char32_t c : part) ascii = ascii && c < 0x80;
    if (ascii) {
      length += part.size();
    } else {
      const std::optional<std::string> encoded = punycode::encode_label(part);
      if (!encoded) return kNone;
      length += 4 + encoded->size();
    }
    if (stop == std::u32string_view::npos) return length;
    length += 1;
    label.remove_prefix(stop + 1);
  }
}

// The longest host from `first`: labels, each followed by '.', then a
// top-level domain; as many labels as leave room for one, the choice the
// regular expressions' backtracking reaches first. `label_dot(q)`: the '.'
// after the label that starts at q (kNone: none starts there);
// `last_label_end(q)`: where the host ends if that label is the last before
// the top-level domain (kNone: it cannot be). memo[q - base] keeps every
// offset's answer, so hostile text ("a.a.a.…") costs linear time.
template <typename LabelDot, typename LastLabelEnd>
std::size_t longest_host(std::size_t first, std::size_t base, std::vector<std::size_t>& memo,
                         const LabelDot& label_dot, const LastLabelEnd& last_label_end) {
  std::vector<std::size_t> labels;  // label starts not worked out yet
  std::size_t result = kNone;       // the answer after the last of them
  for (std::size_t label = first;;) {
    if (memo[label - base] != kUnknown) {
      result = memo[label - base];
      break;
    }
    const std::size_t dot = label_dot(label);
    if (dot == kNone) {
      memo[label - base] = kNone;
      break;
    }
    labels.push_back(label);
    label = dot + 1;
  }
  for (auto label = labels.rbegin(); label != labels.rend(); ++label) {
    if (result == kNone) result = last_label_end(*label);
    memo[*label - base] = result;
  }
  return memo[first - base];
}

// A match of extractUrl.js, before extractUrlsWithIndices decides on it.
struct Candidate {
  std::size_t begin;  // its scheme, or its host when it has none
  std::size_t host_begin;
  std::size_t host_end;
  bool has_path;
  std::size_t end;
};

class Scanner {
 public:
  explicit Scanner(std::u32string_view text);
  std::vector<Link> find_all();

 private:
  char32_t at(std::size_t i) const { return i < text_.size() ? text_[i] : char32_t{0}; }
  std::optional<Candidate> match_at(std::size_t begin);
  std::size_t scheme_end(std::size_t begin) const;
  std::size_t host_label_dot(std::size_t begin, bool underscore) const;
  std::size_t host_end(std::size_t begin);
  std::size_t tld_end(std::size_t begin, std::size_t limit) const;
  std::size_t path_end(std::size_t begin) const;
  std::size_t balanced_parens_end(std::size_t open) const;
  std::size_t query_end(std::size_t question_mark, std::size_t limit) const;
  std::vector<Link> ascii_hosts(std::size_t begin, std::size_t end) const;
  bool is_valid(const Candidate& candidate) const;
  void accept(const Candidate& candidate, std::optional<char32_t> before,
              std::vector<Link>& links) const;

  std::u32string_view text_;
  // Where the run of host characters, '-' and (first) '_' that starts at
  // each offset ends: a host label's end, found once for every offset.
  std::vector<std::size_t> run_end_with_underscore_;
  std::vector<std::size_t> run_end_;
  std::vector<std::size_t> host_end_;  // host_end(), once per offset
};

Scanner::Scanner(std::u32string_view text)
    : text_(text),
      run_end_with_underscore_(text.size() + 1, text.size()),
      run_end_(text.size() + 1, text.size()),
      host_end_(text.size() + 1, kUnknown) {
  for (std::size_t i = text.size(); i-- > 0;) {
    const bool host = text[i] == '-' || is_host_char(text[i]);
    run_end_[i] = host ? run_end_[i + 1] : i;
    run_end_with_underscore_[i] = host || text[i] == '_' ? run_end_with_underscore_[i + 1] : i;
  }
}

std::size_t Scanner::scheme_end(std::size_t begin) const {
  for (const std::u32string_view scheme :
       {std::u32string_view(U"https://"), std::u32string_view(U"http://")}) {
    if (has_ignoring_case(text_, begin, scheme)) return begin + scheme.size();
  }
  return kNone;
}

// validSubdomain (with '_') and validDomainName: host characters with '-'
// (and '_') between them, then '.'. Where the '.' is, or kNone.
std::size_t Scanner::host_label_dot(std::size_t begin, bool underscore) const {
  if (begin >= text_.size() || !is_host_char(text_[begin])) return kNone;
  const std::size_t end = underscore ? run_end_with_underscore_[begin] : run_end_[begin];
  return at(end) == '.' && is_host_char(text_[end - 1]) ? end : kNone;
}

// validDomain: subdomains, a domain name, a top-level domain.
std::size_t Scanner::host_end(std::size_t begin) {
  return longest_host(
      begin, 0, host_end_, [&](std::size_t label) { return host_label_dot(label, true); },
      [&](std::size_t label) {
        const std::size_t dot = host_label_dot(label, false);
        return dot == kNone ? kNone : tld_end(dot + 1, text_.size());
      });
}

// validGTLD | validCCTLD | validPunycode at `begin`, in text that ends at
// `limit`: the longest listed top-level domain not followed by
// [0-9A-Za-z@+-], else "xn--" and [-0-9a-z]+.
std::size_t Scanner::tld_end(std::size_t begin, std::size_t limit) const {
  std::string label;
  std::size_t found = kNone;
  for (std::size_t end = begin;
       end < limit && end - begin < top_level_domains::longest_in_code_points();) {
    if (!is_host_char(text_[end])) break;
    unicode::append_utf8(label, top_level_domains::fold_case(text_[end]));
    ++end;
    if ((end == limit || !continues_tld(text_[end])) && top_level_domains::contains(label))
      found = end;
  }
  if (found != kNone) return found;
  constexpr std::u32string_view kPunycode = U"xn--";
  if (!has_ignoring_case(text_.substr(0, limit), begin, kPunycode)) return kNone;
  const std::size_t letters = begin + kPunycode.size();
  std::size_t end = letters;
  while (end < limit && (is_ascii_alnum(text_[end]) || text_[end] == '-')) ++end;
  return end > letters ? end : kNone;
}

// validUrlBalancedParens: "(" then path characters, or path characters
// around one nested pair, then ")". Where it ends, or kNone.
std::size_t Scanner::balanced_parens_end(std::size_t open) const {
  const auto skip_path_chars = [&](std::size_t i) {
    while (is_path_char(at(i))) ++i;
    return i;
  };
  std::size_t i = skip_path_chars(open + 1);
  if (i > open + 1 && at(i) == ')') return i + 1;
  if (at(i) != '(') return kNone;
  const std::size_t inner = i + 1;
  i = skip_path_chars(inner);
  if (i == inner || at(i) != ')') return kNone;
  i = skip_path_chars(i + 1);
  return at(i) == ')' ? i + 1 : kNone;
}

// validUrlPath*: units of path characters and balanced parentheses that
// end in an ending character, or a parenthesised group alone (the
// expression's "|" is not grouped where validUrlPathEndingChars is put in).
// The first kind reaches the last ending character of the run it starts,
// so what can follow it is only groups: "…/x(y)" and "…/x~" end after "x(y)"
// and "x"; "…/x~(y)" ends after "x".
std::size_t Scanner::path_end(std::size_t begin) const {
  std::size_t end = begin;
  for (std::size_t i = begin; i < text_.size();) {
    if (is_path_char(text_[i])) {
      if (is_path_end_char(text_[i])) end = i + 1;
      ++i;
    } else if (text_[i] == '(' && balanced_parens_end(i) != kNone) {
      i = balanced_parens_end(i);
    } else {
      break;
    }
  }
  while (at(end) == '(' && balanced_parens_end(end) != kNone) end = balanced_parens_end(end);
  return end;
}

// "?" validUrlQueryChars* validUrlQueryEndingChars, in text ending at
// `limit`; the query's end, or `question_mark` when there is none.
std::size_t Scanner::query_end(std::size_t question_mark, std::size_t limit) const {
  std::size_t end = question_mark;
  for (std::size_t i = question_mark + 1; i < limit && is_query_char(text_[i]); ++i) {
    if (is_query_end_char(text_[i])) end = i + 1;
  }
  return end;
}

// extractUrl.js from `begin`: with a scheme if there is one, else without.
std::optional<Candidate> Scanner::match_at(std::size_t begin) {
  for (const bool with_scheme : {true, false}) {
    const std::size_t host_begin = with_scheme ? scheme_end(begin) : begin;
    if (host_begin == kNone) continue;
    const std::size_t host_end = this->host_end(host_begin);
    if (host_end == kNone) continue;
    Candidate found{begin, host_begin, host_end, false, host_end};
    if (at(found.end) == ':' && is_ascii_digit(at(found.end + 1))) {  // validPortNumber
      found.end += 2;
      while (is_ascii_digit(at(found.end))) ++found.end;
    }
    if (at(found.end) == '/') {
      found.has_path = true;
      found.end = path_end(found.end + 1);
    }
    if (at(found.end) == '?') found.end = query_end(found.end, text_.size());
    return found;
  }
  return std::nullopt;
}

// validAsciiDomain, found in the host as String.prototype.replace finds
// it: the leftmost match, then on from its end.
std::vector<Link> Scanner::ascii_hosts(std::size_t begin, std::size_t end) const {
  const auto label_dot = [&](std::size_t label) {
    std::size_t i = label;
    while (i < end && is_ascii_host_char(text_[i])) ++i;
    return i > label && i < end && text_[i] == '.' ? i : kNone;
  };
  std::vector<std::size_t> host_end(end - begin + 1, kUnknown);
  const auto last_label_end = [&](std::size_t label) { return tld_end(label_dot(label) + 1, end); };
  std::vector<Link> hosts;
  for (std::size_t i = begin; i < end;) {
    const std::size_t host = longest_host(i, begin, host_end, label_dot, last_label_end);
    if (host == kNone) {
      ++i;
    } else {
      hosts.push_back({i, host});
      i = host;
    }
  }
  return hosts;
}

// isValidUrl and idna.toAscii in extractUrlsWithIndices.js.
bool Scanner::is_valid(const Candidate& candidate) const {
  const std::u32string_view host =
      text_.substr(candidate.host_begin, candidate.host_end - candidate.host_begin);
  for (std::size_t start = 0; start <= host.size();) {
    const std::size_t dot = std::min(host.find(U'.', start), host.size());
    const std::size_t length = encoded_label_length(host.substr(start, dot - start));
    if (length == kNone || length == 0 || length > kMaxLabel) return false;
    start = dot + 1;
  }
  // A host that starts "xn--" (in lower case) must hold an ASCII host.
  if (host.substr(0, 4) == U"xn--" && ascii_hosts(candidate.host_begin, candidate.host_end).empty())
    return false;
  const std::size_t scheme =
      candidate.host_begin == candidate.begin ? 8 : candidate.host_begin - candidate.begin;
  return scheme + utf16_length(text_.substr(candidate.begin, candidate.end - candidate.begin)) <=
         kMaxLinkUtf16;
}

void Scanner::accept(const Candidate& candidate, std::optional<char32_t> before,
                     std::vector<Link>& links) const {
  if (!is_valid(candidate)) return;
  if (candidate.host_begin != candidate.begin) {
    // validTcoUrl: a t.co link ends after its slug and query, and one with
    // a slug over 40 characters is none.
    std::size_t end = candidate.end;
    constexpr std::u32string_view kTco = U"t.co/";
    if (has_ignoring_case(text_, candidate.host_begin, kTco)) {
      const std::size_t slug = candidate.host_begin + kTco.size();
      std::size_t i = slug;
      while (i < candidate.end && is_ascii_alnum(text_[i])) ++i;
      if (i - slug > kMaxTcoSlug) return;
      if (i > slug) end = at(i) == '?' ? query_end(i, candidate.end) : i;
    }
    links.push_back({candidate.begin, end});
    return;
  }
  // invalidUrlWithoutProtocolPrecedingChars
  if (before && kNoLinkAfter.has(*before)) return;
  const std::vector<Link> hosts = ascii_hosts(candidate.host_begin, candidate.host_end);
  links.insert(links.end(), hosts.begin(), hosts.end());
  if (hosts.empty() || !candidate.has_path) return;
  // The last host takes the path: its link becomes the host followed by
  // the path, which parseTweet counts as 23 from where the host starts for
  // as many UTF-16 code units as that string has, whatever stood between
  // host and path: "a shop.com日本.jp/x" links "shop.com/x", which covers
  // "shop.com日本" (10 units); ".jp/x" counts as text.
  Link& last = links.back();
  std::size_t units =
      utf16_length(text_.substr(last.begin, last.end - last.begin)) +
      utf16_length(text_.substr(candidate.host_end, candidate.end - candidate.host_end));
  last.end = last.begin;
  while (units > 0 && last.end < candidate.end) {
    units -= std::min(units, utf16_length(text_.substr(last.end++, 1)));
  }
}

// extractUrl.js is a global regular expression whose first group is the
// character before the link, or the start of the text: each search goes on
// from where the last match ended, accepted or not.
std::vector<Link> Scanner::find_all() {
  std::vector<Link> links;
  for (std::size_t from = 0; from < text_.size();) {
    std::optional<Candidate> found;
    std::optional<char32_t> before;
    for (std::size_t i = from; i < text_.size() && !found; ++i) {
      if (may_precede_link(text_[i])) {
        found = match_at(i + 1);
        if (found) before = text_[i];
      }
      if (!found && i == 0) found = match_at(0);
    }
    if (!found) break;
    from = found->end;
    accept(*found, before, links);
  }
  return links;
}

}  // namespace

std::vector<Link> find(std::u32string_view text) { return Scanner(text).find_all(); }

}  // namespace sharelock::x_links
