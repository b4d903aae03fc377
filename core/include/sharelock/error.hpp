// Errors are values in the core: it is built without exceptions, and nothing
// may cross into JavaScript as a C++ exception.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace sharelock {

// A problem with what a site owner configured or a shopper typed.
// `code` is stable and machine-readable (it becomes the `code` of the
// `sharelock:error` event); `attribute` names the offending attribute, or is
// empty when the problem is not tied to one; `message` is for humans.
struct Error {
  std::string code;
  std::string attribute;
  std::string message;
};

// A value or an error, in the spirit of std::expected (C++23, which the
// wasm toolchain's libc++ 13 does not have).
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace sharelock
