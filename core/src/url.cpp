#include "sharelock/url.hpp"

#include <array>
#include <cstddef>
#include <vector>

#include "sharelock/punycode.hpp"
#include "sharelock/unicode.hpp"

namespace sharelock::url {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr std::size_t kMaxHostLength = 253;
constexpr std::size_t kMaxLabelLength = 63;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

bool is_unreserved(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// Characters that may stay as they are in a path, query or fragment
// (RFC 3986 pchar plus '/' and '?'); everything else is percent-encoded.
bool is_url_code_point(char c) {
  if (is_unreserved(c)) return true;
  switch (c) {
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*':
    case '+': case ',': case ';': case '=': case ':': case '@': case '/':
    case '?':
      return true;
    default:
      return false;
  }
}

void append_percent_encoded(std::string& out, unsigned char byte) {
  out.push_back('%');
  out.push_back(kHex[byte >> 4]);
  out.push_back(kHex[byte & 0xF]);
}

// Percent-encodes what a browser would otherwise have to fix up, keeping
// existing well-formed escapes ("%20") as they are.
std::string normalize_component(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
      out.push_back('%');
      out.push_back(s[i + 1]);
      out.push_back(s[i + 2]);
      i += 2;
    } else if (is_url_code_point(c)) {
      out.push_back(c);
    } else {
      append_percent_encoded(out, static_cast<unsigned char>(c));
    }
  }
  return out;
}

Error invalid(std::string_view attribute, std::string message) {
  return Error{"invalid-url", std::string(attribute), std::move(message)};
}

// RFC 3986 section 5.2.4, on a path that starts with '/'.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 1;
  bool ends_with_slash = false;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    const bool last = end == path.size();
    if (segment == ".") {
      ends_with_slash = last;
    } else if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      ends_with_slash = last;
    } else {
      segments.push_back(segment);
      ends_with_slash = false;
    }
    start = end + 1;
  }
  std::string out;
  for (std::string_view segment : segments) {
    out.push_back('/');
    out.append(segment);
  }
  if (out.empty() || ends_with_slash) out.push_back('/');
  return out;
}

// Unicode simple lower-case mapping for the scripts European shops' domains
// use (Latin-1, Latin Extended-A, Greek, Cyrillic), as IDNA folds a host
// before Punycode: "BÜCHER.example" and "bücher.example" are one domain.
char32_t fold_case(char32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
  if (c >= 0x100 && c <= 0x17F) {
    const bool even_upper = (c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177);
    const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if ((even_upper && c % 2 == 0) || (odd_upper && c % 2 == 1)) return c + 1;
    if (c == 0x178) return 0xFF;  // Ÿ
    return c;
  }
  if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB)) return c + 0x20;  // Greek
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 0x25;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 0x3F;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // Cyrillic
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

bool is_valid_ascii_label(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabelLength) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!(is_alpha(c) || is_digit(c) || c == '-')) return false;
  }
  return true;
}

// Lower-cases the host and turns non-ASCII labels into their xn-- form.
Result<std::string> normalize_host(std::string_view raw, std::string_view attribute) {
  if (raw.empty()) return invalid(attribute, "the URL has no host name");
  if (raw.front() == '[') {
    if (raw.back() != ']' || raw.size() < 4) return invalid(attribute, "malformed IPv6 address");
    for (char c : raw.substr(1, raw.size() - 2)) {
      if (!(is_hex(c) || c == ':' || c == '.')) return invalid(attribute, "malformed IPv6 address");
    }
    return lower(raw);
  }
  const std::u32string code_points = unicode::decode_utf8(raw);
  std::string host;
  std::size_t start = 0;
  while (start <= code_points.size()) {
    std::size_t end = code_points.find(U'.', start);
    if (end == std::u32string::npos) end = code_points.size();
    std::u32string label = code_points.substr(start, end - start);
    bool ascii = true;
    for (char32_t& c : label) {
      c = fold_case(c);
      if (c >= 0x80) ascii = false;
      if (c == 0xFFFD) return invalid(attribute, "the host name is not valid UTF-8");
    }
    std::string encoded;
    if (ascii) {
      encoded = unicode::encode_utf8(label);
    } else {
      auto puny = punycode::encode_label(label);
      if (!puny) return invalid(attribute, "the host name is not valid");
      encoded = "xn--" + *puny;
    }
    if (!is_valid_ascii_label(encoded)) {
      return invalid(attribute, "the host name \"" + std::string(raw) + "\" is not valid");
    }
    if (!host.empty()) host.push_back('.');
    host += encoded;
    start = end + 1;
  }
  if (host.size() > kMaxHostLength) return invalid(attribute, "the host name is too long");
  return host;
}

bool is_default_port(std::string_view scheme, std::string_view port) {
  return (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
}

// Splits "path?query#fragment" into the URL's last three parts.
void assign_path_query_fragment(HttpUrl& url, std::string_view rest) {
  const std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    url.has_fragment = true;
    url.fragment = normalize_component(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  } else {
    url.has_fragment = false;
    url.fragment.clear();
  }
  const std::size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    url.has_query = true;
    url.query = normalize_component(rest.substr(question + 1));
    rest = rest.substr(0, question);
  } else {
    url.has_query = false;
    url.query.clear();
  }
  url.path = rest.empty() ? std::string("/") : remove_dot_segments(normalize_component(rest));
}

bool has_control_character(std::string_view s) {
  for (char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

// Trims what browsers trim around a URL attribute (C0 controls and space).
std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  return s;
}

// The scheme at the start of `s` ("https" in "https://…"), or empty.
std::string_view scheme_of(std::string_view s) {
  if (s.empty() || !is_alpha(s.front())) return {};
  for (std::size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ':') return s.substr(0, i);
    if (!(is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.')) return {};
  }
  return {};
}

// sl_ref is our own share reference (analytics.hpp): a re-share must not
// carry the reference of the share the shopper arrived from.
constexpr std::array<std::string_view, 25> kTrackingParameters = {
    "fbclid", "gclid",  "gclsrc",  "dclid",      "gbraid",     "wbraid",
    "msclkid", "mc_cid", "mc_eid", "_ga",        "_gl",        "igshid",
    "yclid",  "twclid", "ttclid",  "li_fat_id",  "_hsenc",     "_hsmi",
    "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "srsltid",
    "sl_ref"};

bool is_tracking_parameter(std::string_view name) {
  const std::string key = lower(name);
  if (key.rfind("utm_", 0) == 0) return true;
  for (std::string_view tracking : kTrackingParameters) {
    if (key == tracking) return true;
  }
  return false;
}

std::vector<std::string_view> split_query(std::string_view query) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    if (end > start) parts.push_back(query.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string_view parameter_name(std::string_view pair) { return pair.substr(0, pair.find('=')); }

void assign_query(HttpUrl& url, const std::vector<std::string_view>& parts) {
  std::string query;
  for (std::string_view part : parts) {
    if (!query.empty()) query.push_back('&');
    query.append(part);
  }
  url.query = std::move(query);
  url.has_query = !url.query.empty();
}

}  // namespace

std::string percent_encode(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() * 3);
  for (char c : utf8) {
    if (is_unreserved(c)) {
      out.push_back(c);
    } else {
      append_percent_encoded(out, static_cast<unsigned char>(c));
    }
  }
  return out;
}

bool HttpUrl::is_loopback() const { return host == "localhost" || host == "127.0.0.1" || host == "[::1]"; }

std::string HttpUrl::origin() const {
  std::string out = scheme + "://" + host;
  if (!port.empty()) out += ":" + port;
  return out;
}

std::string HttpUrl::serialize() const {
  std::string out = origin() + path;
  if (has_query) out += "?" + query;
  if (has_fragment) out += "#" + fragment;
  return out;
}

Result<HttpUrl> parse_http_url(std::string_view text, std::string_view attribute) {
  text = trim(text);
  if (text.empty()) return invalid(attribute, "the URL is empty");
  if (has_control_character(text)) return invalid(attribute, "the URL contains control characters");
  const std::string scheme = lower(scheme_of(text));
  if (scheme.empty()) {
    return invalid(attribute, "use an absolute URL starting with https:// or a path starting with /");
  }
  if (scheme != "http" && scheme != "https") {
    return Error{"unsafe-url", std::string(attribute),
                 "only http and https URLs can be shared, not \"" + scheme + ":\""};
  }
  std::string_view rest = text.substr(scheme.size() + 1);
  if (rest.substr(0, 2) != "//") return invalid(attribute, "expected \"//\" after \"" + scheme + ":\"");
  rest.remove_prefix(2);

  const std::size_t authority_end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return invalid(attribute, "URLs with a user name or password are not shared");
  }
  if (authority.find_first_of("\\% ") != std::string_view::npos) {
    return invalid(attribute, "the host name contains characters that are not allowed");
  }
  std::string_view host = authority;
  std::string_view port;
  const std::size_t colon = authority.rfind(':');
  const std::size_t bracket = authority.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    unsigned long number = 0;
    for (char c : port) {
      if (!is_digit(c) || (number = number * 10 + static_cast<unsigned long>(c - '0')) > 65535) {
        return invalid(attribute, "the port is not a number up to 65535");
      }
    }
  }

  HttpUrl url;
  url.scheme = scheme;
  auto normalized_host = normalize_host(host, attribute);
  if (!normalized_host) return normalized_host.error();
  url.host = std::move(normalized_host).value();
  while (port.size() > 1 && port.front() == '0') port.remove_prefix(1);
  if (!is_default_port(scheme, port)) url.port = std::string(port);
  assign_path_query_fragment(url, authority_end == std::string_view::npos
                                      ? std::string_view{}
                                      : rest.substr(authority_end));
  return url;
}

Result<HttpUrl> parse_http_url_reference(std::string_view text, const HttpUrl& base,
                                         std::string_view attribute) {
  text = trim(text);
  if (text.empty()) return invalid(attribute, "the URL is empty");
  if (has_control_character(text)) return invalid(attribute, "the URL contains control characters");
  if (text.substr(0, 2) == "//") return parse_http_url(base.scheme + ":" + std::string(text), attribute);
  if (!scheme_of(text).empty()) return parse_http_url(text, attribute);

  HttpUrl url = base;
  const char first = text.front();
  if (first == '#') {
    url.has_fragment = true;
    url.fragment = normalize_component(text.substr(1));
    return url;
  }
  if (first == '?') {
    assign_path_query_fragment(url, std::string(base.path) + std::string(text));
    return url;
  }
  if (first == '/') {
    assign_path_query_fragment(url, text);
    return url;
  }
  if (text.substr(0, 2) == "./" || text.substr(0, 3) == "../") {
    const std::string directory = base.path.substr(0, base.path.rfind('/') + 1);
    assign_path_query_fragment(url, directory + std::string(text));
    return url;
  }
  return invalid(attribute,
                 "\"" + std::string(text.substr(0, 60)) +
                     "\" is not a URL: use an absolute URL starting with https:// or a path starting with /");
}

void strip_tracking_parameters(HttpUrl& url) {
  if (!url.has_query) return;
  const std::string original = url.query;  // the views below point into this copy
  std::vector<std::string_view> kept;
  for (std::string_view part : split_query(original)) {
    if (!is_tracking_parameter(parameter_name(part))) kept.push_back(part);
  }
  assign_query(url, kept);
}

void set_query_parameter(HttpUrl& url, std::string_view name, std::string_view value) {
  const std::string original = url.query;
  const std::string pair = percent_encode(name) + "=" + percent_encode(value);
  std::vector<std::string_view> parts;
  bool replaced = false;
  for (std::string_view part : split_query(original)) {
    if (parameter_name(part) != name) {
      parts.push_back(part);
    } else if (!replaced) {
      parts.push_back(pair);
      replaced = true;
    }
  }
  if (!replaced) parts.push_back(pair);
  assign_query(url, parts);
}

Result<std::string> normalize_host_name(std::string_view input, std::string_view attribute) {
  std::string_view text = trim(input);
  const auto bad = [&](std::string message) {
    return Error{"invalid-host", std::string(attribute), std::move(message)};
  };
  if (text.empty()) return bad("enter a server name such as mastodon.social");
  if (text.size() > kMaxHostLength + 16) return bad("that server name is too long");
  // "@me@mastodon.social" or "me@mastodon.social": the server is after the last '@'.
  const std::size_t at = text.rfind('@');
  if (at != std::string_view::npos) text = text.substr(at + 1);
  const std::string scheme = lower(scheme_of(text));
  if (!scheme.empty()) {
    if (scheme != "https" && scheme != "http") return bad("that is not a server name");
    text = text.substr(scheme.size() + 1);
    if (text.substr(0, 2) == "//") text.remove_prefix(2);
  }
  while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  if (text.find_first_of("/?#:\\% ") != std::string_view::npos) {
    return bad("enter just the server name, such as mastodon.social");
  }
  auto host = normalize_host(text, attribute);
  if (!host) return bad("\"" + std::string(text.substr(0, 60)) + "\" is not a valid server name");
  if (host.value().find('.') == std::string::npos || host.value().front() == '[') {
    return bad("a server name has a dot in it, such as mastodon.social");
  }
  return std::move(host).value();
}

}  // namespace sharelock::url
