#include "sharelock/constant_time.hpp"

#include <cstddef>

namespace sharelock::crypto {

// The accumulator is volatile so that the loop cannot be turned into an
// early exit once a difference is found: every byte is always read. (Its
// own translation unit alone would not guarantee that under -flto.)
bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  volatile unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference = static_cast<unsigned char>(
        difference | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
  }
  return difference == 0;
}

}  // namespace sharelock::crypto
