// Shared by the libFuzzer targets in this folder: turning the fuzzer's bytes
// into arguments, and checking invariants so that a wrong answer crashes as
// loudly as a memory error (libFuzzer then saves the input).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace sharelock::fuzz {

// An invariant that does not hold is a finding: say which, then abort so
// that libFuzzer writes the input to a crash-<sha1> file.
[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "\n== fuzz invariant failed: %s\n", what);
  if (!detail.empty()) {
    std::string shown;  // control bytes escaped, at most 2000 bytes
    for (const char c : detail.substr(0, 2000)) {
      const auto byte = static_cast<unsigned char>(c);
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      shown += byte < 0x20 || byte == 0x7F ? std::string(escaped) : std::string(1, c);
    }
    std::fprintf(stderr, "   %s\n", shown.c_str());
  }
  std::abort();
}

inline void check(bool ok, const char* what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

// Every JSON API of the core answers a JSON object, whatever it was given.
inline nlohmann::json expect_json_object(const std::string& response, const char* api) {
  nlohmann::json parsed = nlohmann::json::parse(response, nullptr, false);
  check(!parsed.is_discarded() && parsed.is_object(), api, response);
  return parsed;
}

// An error code the page may show in events and logs: [a-z0-9-]{1,40}.
inline bool is_error_code(std::string_view code) {
  if (code.empty() || code.size() > 40) return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// A link the shim puts in href or opens: never javascript:, data: or any
// other scheme a page could be attacked with.
inline void check_link_text(std::string_view link, const char* what) {
  check(link.empty() || link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0 ||
            link.rfind("mailto:", 0) == 0,
        what, link);
}

inline void check_link(const nlohmann::json& value, const char* what) {
  if (value.is_string()) check_link_text(value.get_ref<const std::string&>(), what);
}

// Splits the input at the first '\n': a cheap way to give a target two
// strings (both parts are empty-safe).
inline std::pair<std::string_view, std::string_view> split_line(std::string_view input) {
  const std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return {input, {}};
  return {input.substr(0, newline), input.substr(newline + 1)};
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace sharelock::fuzz
