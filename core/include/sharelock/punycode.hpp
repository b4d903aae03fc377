// Punycode (RFC 3492) for internationalised host names: "tienda-españa.es"
// is shared in its ASCII form "xn--tienda-espaa-…", as browsers send it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sharelock::punycode {

// Encodes one label's code points as Punycode (without the "xn--" prefix).
// Returns nothing on arithmetic overflow, which only absurdly long labels
// reach.
std::optional<std::string> encode_label(std::u32string_view label);

}  // namespace sharelock::punycode
