// Sharelock's own C ABI for typed values, without Embind: each struct names
// its fields once (a Fields<T> specialisation), and from that one list come
//   - the words a call reads its argument from and writes its result to
//     (32-bit: a string is its address and byte length, a bool 0 or 1, an
//     int32 one word, a double two (its IEEE bits, low word first), a list
//     its length and then its elements, a record its fields in order),
//   - and the schema JS decodes and encodes those words by (web/core-abi.js),
//     so the two sides cannot drift apart.
// Why not Embind: its JS runtime and registrations were 7 KB brotli of the
// share bar's 40 KB module (docs/ABI.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace sharelock::abi {

using Words = std::vector<std::uint32_t>;

// Specialised for every record that crosses the boundary, e.g.
//   template <> struct Fields<Error> {
//     static constexpr const char* name = "Error";
//     static constexpr auto list = std::tuple{field("code", &Error::code), …};
//   };
template <typename T>
struct Fields;

template <typename Record, typename Member>
struct Field {
  const char* name;
  Member Record::*member;
};

template <typename Record, typename Member>
constexpr Field<Record, Member> field(const char* name, Member Record::*member) {
  return {name, member};
}

// Reads the words JS wrote; never past their end (a short argument leaves
// the remaining fields empty instead of reading other memory).
class WordReader {
 public:
  WordReader(const std::uint32_t* words, std::size_t count) : words_(words), count_(count) {}
  std::uint32_t next() { return at_ < count_ ? words_[at_++] : 0; }
  bool exhausted() const { return at_ >= count_; }

 private:
  const std::uint32_t* words_;
  std::size_t count_;
  std::size_t at_ = 0;
};

// The schema is text known at compile time (calls.hpp keeps it as a
// constant): each codec says its length and writes it, both constexpr, so
// no code that builds it at run time is in the module.
constexpr void write_text(char*& out, const char* text) {
  while (*text != '\0') *out++ = *text++;
}

template <typename F>
struct MemberOf;
template <typename Record, typename Member>
struct MemberOf<Field<Record, Member>> {
  using type = Member;
};

template <typename T>
struct Codec {  // a record: its fields in the order Fields<T> lists them
  static void write(Words& out, const T& value) {
    std::apply([&](auto... f) { (Codec<std::decay_t<decltype(value.*(f.member))>>::write(out, value.*(f.member)), ...); },
               Fields<T>::list);
  }
  static void read(WordReader& in, T& value) {
    std::apply([&](auto... f) { (Codec<std::decay_t<decltype(value.*(f.member))>>::read(in, value.*(f.member)), ...); },
               Fields<T>::list);
  }
  // "{Name field:T field:T}"
  static constexpr std::size_t schema_size() {
    std::size_t size = 2 + std::char_traits<char>::length(Fields<T>::name);
    std::apply([&](auto... f) {
      ((size += 2 + std::char_traits<char>::length(f.name) + Codec<typename MemberOf<decltype(f)>::type>::schema_size()), ...);
    }, Fields<T>::list);
    return size;
  }
  static constexpr void schema(char*& out) {
    *out++ = '{';
    write_text(out, Fields<T>::name);
    std::apply([&](auto... f) {
      ((*out++ = ' ', write_text(out, f.name), *out++ = ':', Codec<typename MemberOf<decltype(f)>::type>::schema(out)), ...);
    }, Fields<T>::list);
    *out++ = '}';
  }
};

template <>
struct Codec<std::string> {
  static void write(Words& out, const std::string& value) {
    out.push_back(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(value.data())));
    out.push_back(static_cast<std::uint32_t>(value.size()));
  }
  static void read(WordReader& in, std::string& value) {
    const auto address = in.next();
    const auto size = in.next();
    if (address != 0) value.assign(reinterpret_cast<const char*>(static_cast<std::uintptr_t>(address)), size);
  }
  static constexpr std::size_t schema_size() { return 1; }
  static constexpr void schema(char*& out) { *out++ = 's'; }
};

template <>
struct Codec<bool> {
  static void write(Words& out, bool value) { out.push_back(value ? 1 : 0); }
  static void read(WordReader& in, bool& value) { value = in.next() != 0; }
  static constexpr std::size_t schema_size() { return 1; }
  static constexpr void schema(char*& out) { *out++ = 'b'; }
};

template <>
struct Codec<std::int32_t> {
  static void write(Words& out, std::int32_t value) { out.push_back(static_cast<std::uint32_t>(value)); }
  static void read(WordReader& in, std::int32_t& value) { value = static_cast<std::int32_t>(in.next()); }
  static constexpr std::size_t schema_size() { return 1; }
  static constexpr void schema(char*& out) { *out++ = 'i'; }
};

// Times (milliseconds since 1970), HTTP statuses and JSON numbers: JS numbers.
template <>
struct Codec<double> {
  static void write(Words& out, double value) {
    std::uint32_t halves[2];
    std::memcpy(halves, &value, sizeof value);
    out.push_back(halves[0]);
    out.push_back(halves[1]);
  }
  static void read(WordReader& in, double& value) {
    const std::uint32_t halves[2] = {in.next(), in.next()};
    std::memcpy(&value, halves, sizeof value);
  }
  static constexpr std::size_t schema_size() { return 1; }
  static constexpr void schema(char*& out) { *out++ = 'd'; }
};

template <typename T>
struct Codec<std::vector<T>> {
  static void write(Words& out, const std::vector<T>& list) {
    out.push_back(static_cast<std::uint32_t>(list.size()));
    for (const T& item : list) Codec<T>::write(out, item);
  }
  static void read(WordReader& in, std::vector<T>& list) {
    // Every element takes at least one word: a forged count cannot make
    // more elements than the argument has words.
    for (std::uint32_t count = in.next(); count > 0 && !in.exhausted(); --count) {
      Codec<T>::read(in, list.emplace_back());
    }
  }
  static constexpr std::size_t schema_size() { return 2 + Codec<T>::schema_size(); }
  static constexpr void schema(char*& out) {
    *out++ = '[';
    Codec<T>::schema(out);
    *out++ = ']';
  }
};

}  // namespace sharelock::abi
