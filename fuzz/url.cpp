// URLs: parse_http_url, parse_http_url_reference and normalize_host_name.
// A parsed URL is already normal, so its serialisation parses back to the
// same URL; a normalised host name normalises to itself. The input's first
// line, when it parses, is also the base for the rest as a reference.
#include "sharelock/url.hpp"

#include "fuzz_support.hpp"

namespace {

using namespace sharelock;

void check_url(const url::HttpUrl& u, std::string_view input) {
  fuzz::check(u.scheme == "http" || u.scheme == "https", "scheme", input);
  fuzz::check(!u.host.empty(), "empty host", input);
  for (char c : u.host) fuzz::check(!(c >= 'A' && c <= 'Z') && static_cast<unsigned char>(c) < 0x80, "host not lower-case ASCII", u.host);
  fuzz::check(!u.path.empty() && u.path.front() == '/', "path does not start with /", u.path);
  const std::string serialized = u.serialize();
  for (char c : serialized) {
    const auto byte = static_cast<unsigned char>(c);
    fuzz::check(byte > 0x20 && byte < 0x7F, "serialised URL has a byte that is not printable ASCII", serialized);
  }
  const auto again = url::parse_http_url(serialized, "url");
  fuzz::check(again.ok(), "serialised URL does not parse", serialized);
  const url::HttpUrl& v = again.value();
  fuzz::check(v.scheme == u.scheme && v.host == u.host && v.port == u.port && v.path == u.path &&
                  v.query == u.query && v.fragment == u.fragment && v.has_query == u.has_query &&
                  v.has_fragment == u.has_fragment,
              "serialised URL parses to another URL", serialized + " -> " + v.serialize());
  fuzz::check(v.serialize() == serialized, "serialisation is not stable", serialized);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);

  const auto absolute = url::parse_http_url(input, "url");
  if (absolute) {
    check_url(absolute.value(), input);
    url::HttpUrl stripped = absolute.value();
    url::strip_tracking_parameters(stripped);
    url::set_query_parameter(stripped, "utm_source", "x");
    check_url(stripped, input);
  } else {
    const std::string& code = absolute.error().code;
    fuzz::check(code == "invalid-url" || code == "unsafe-url", "URL error code", code);
  }

  const auto [first_line, rest] = fuzz::split_line(input);
  const auto parsed_base = url::parse_http_url(first_line, "url");
  const url::HttpUrl base = parsed_base ? parsed_base.value()
                                        : url::parse_http_url("https://shop.example/a/b/c?q=1#f", "url").value();
  const auto reference = url::parse_http_url_reference(parsed_base ? rest : input, base, "url");
  if (reference) check_url(reference.value(), input);

  const auto host = url::normalize_host_name(input, "mastodonHost");
  if (host) {
    const auto again = url::normalize_host_name(host.value(), "mastodonHost");
    fuzz::check(again.ok() && again.value() == host.value(), "normalised host changes again", host.value());
  } else {
    fuzz::check(host.error().code == "invalid-host", "host error code", host.error().code);
  }
  return 0;
}
