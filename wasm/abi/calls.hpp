// The calls of Sharelock's C ABI (records.hpp): each takes one record and
// returns one, and the module exports four functions that serve them all:
//   sharelock_calls()            the schema: one line per call, in index
//                                order: "name <argument schema> <result schema>"
//   sharelock_call(i, words, n)  runs call i on the n words at `words`; its
//                                result's words, valid until call i runs again
//   sharelock_alloc(bytes) / sharelock_free(address)
//                                memory for the argument's words and strings
// web/core-abi.js turns these into JS functions taking and returning plain
// objects. A module defines its calls once with SHARELOCK_ABI_CALLS.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "records.hpp"

namespace sharelock::abi {

struct Call {
  const char* name;
  const std::uint32_t* (*run)(const std::uint32_t* words, std::size_t count);
  const char* schema;  // "<argument schema> <result schema>", a constant
};

// Reads the argument, runs `function`, and keeps the result (and its words)
// until the next run: the strings JS reads live in it.
template <typename Argument, typename Result, Result (*function)(const Argument&)>
const std::uint32_t* run(const std::uint32_t* words, std::size_t count) {
  static Result last;
  static Words out;
  Argument argument;
  WordReader in(words, count);
  Codec<Argument>::read(in, argument);
  last = function(argument);
  out.clear();
  Codec<Result>::write(out, last);
  return out.data();
}

// A call's schema, written at compile time (NUL-terminated).
template <typename Argument, typename Result>
struct CallSchema {
  static constexpr std::size_t kSize = Codec<Argument>::schema_size() + 1 + Codec<Result>::schema_size() + 1;
  static constexpr std::array<char, kSize> kText = [] {
    std::array<char, kSize> text{};
    char* out = text.data();
    Codec<Argument>::schema(out);
    *out++ = ' ';
    Codec<Result>::schema(out);
    *out = '\0';
    return text;
  }();
};

template <typename Argument, typename Result, Result (*function)(const Argument&)>
constexpr Call call(const char* name) {
  return {name, &run<Argument, Result, function>, CallSchema<Argument, Result>::kText.data()};
}

}  // namespace sharelock::abi

// The module's calls, in index order, and the four exports that serve them.
#define SHARELOCK_ABI_CALLS(...)                                                              \
  namespace {                                                                                 \
  constexpr sharelock::abi::Call kCalls[] = {__VA_ARGS__};                                    \
  }                                                                                           \
  extern "C" __attribute__((used)) const char* sharelock_calls() {                            \
    static std::string text;                                                                  \
    if (text.empty()) {                                                                       \
      for (const auto& c : kCalls) {                                                          \
        text += c.name;                                                                       \
        text += ' ';                                                                          \
        text += c.schema;                                                                     \
        text += '\n';                                                                         \
      }                                                                                       \
    }                                                                                         \
    return text.c_str();                                                                      \
  }                                                                                           \
  extern "C" __attribute__((used)) const std::uint32_t* sharelock_call(std::uint32_t index,    \
                                                                      const std::uint32_t* words, \
                                                                      std::uint32_t count) {  \
    if (index >= sizeof kCalls / sizeof kCalls[0]) return nullptr;                            \
    return kCalls[index].run(words, count);                                                   \
  }                                                                                           \
  extern "C" __attribute__((used)) void* sharelock_alloc(std::uint32_t bytes) {               \
    return std::malloc(bytes);                                                                \
  }                                                                                           \
  extern "C" __attribute__((used)) void sharelock_free(void* address) { std::free(address); }
