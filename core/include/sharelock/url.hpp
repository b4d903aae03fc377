// The http(s) URLs the widgets share, and the percent-encoding used to put
// text into share-intent URLs. Everything here treats its input as hostile:
// only http and https survive parsing, and nothing is passed through that a
// browser would interpret differently from what we checked.
#pragma once

#include <string>
#include <string_view>

#include "sharelock/error.hpp"

namespace sharelock::url {

// RFC 3986 percent-encoding of UTF-8 text for a query value or fragment:
// every byte except the unreserved set (ALPHA DIGIT - . _ ~) becomes %XX
// with upper-case hex, so a space is %20 and '#' is %23.
std::string percent_encode(std::string_view utf8);

// An absolute http(s) URL, already normalised: lower-case scheme and host,
// default port dropped, path at least "/", unsafe characters in path, query
// and fragment percent-encoded.
struct HttpUrl {
  std::string scheme;    // "http" or "https"
  std::string host;      // lower-case ASCII (IDNs in their xn-- form)
  std::string port;      // empty for the scheme's default port
  std::string path;      // starts with '/'
  std::string query;     // without '?'
  std::string fragment;  // without '#'
  bool has_query = false;
  bool has_fragment = false;

  std::string origin() const;
  std::string serialize() const;
  // localhost, 127.0.0.1 or [::1]: where plain http is acceptable for
  // local development.
  bool is_loopback() const;
};

// Parses an absolute http(s) URL. Errors: code "unsafe-url" for any other
// scheme (javascript:, data:, …), "invalid-url" for anything malformed. The
// error names `attribute`.
Result<HttpUrl> parse_http_url(std::string_view text, std::string_view attribute);

// Like parse_http_url, but also accepts a reference relative to `base` when
// it clearly is one: it starts with "/", "./", "../", "?" or "#". A bare word
// such as "shop.example/ebook" is refused, since it is far more often a URL
// missing its scheme than a relative path.
Result<HttpUrl> parse_http_url_reference(std::string_view text, const HttpUrl& base,
                                         std::string_view attribute);

// Removes click-tracking parameters (utm_*, fbclid, gclid, …) from the query.
void strip_tracking_parameters(HttpUrl& url);

// Sets `name` to `value` in the query: replaces the first occurrence, drops
// later duplicates, appends when absent. Other parameters keep their order
// and their original encoding.
void set_query_parameter(HttpUrl& url, std::string_view name, std::string_view value);

// A host name as a shopper types it for their Mastodon server: accepts
// "mastodon.social", "https://mastodon.social/", "@me@mastodon.social".
// Returns the bare lower-case host, or an "invalid-host" error.
Result<std::string> normalize_host_name(std::string_view input, std::string_view attribute);

}  // namespace sharelock::url
