// Constant-time equality: the results must be exactly those of `==`; the
// timing property is a matter of the implementation (no early exit), which
// a unit test cannot measure reliably.
#include "sharelock/constant_time.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using sharelock::crypto::constant_time_equal;

TEST(ConstantTimeEqual, EqualStrings) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_TRUE(constant_time_equal(std::string("\0\xff", 2), std::string("\0\xff", 2)));
}

TEST(ConstantTimeEqual, ADifferenceAnywhereIsFound) {
  const std::string base(32, 'x');
  for (std::size_t i = 0; i < base.size(); ++i) {
    std::string other = base;
    other[i] = static_cast<char>(other[i] ^ 0x01);  // a single bit
    EXPECT_FALSE(constant_time_equal(base, other)) << i;
  }
}

TEST(ConstantTimeEqual, DifferentLengthsAreNotEqual) {
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  EXPECT_FALSE(constant_time_equal("", "a"));
  EXPECT_FALSE(constant_time_equal(std::string("a\0", 2), "a"));  // no stopping at NUL
}

}  // namespace
