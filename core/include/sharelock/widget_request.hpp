// The JSON side of widget requests, for the widgets whose boundary is still
// JSON text (pay, countdown, proof, verified pay) and for the server's
// module, where JSON is the format: reading untrusted JSON objects, and
// turning them into the typed input of widget_input.hpp, so every widget
// applies the same rules whichever way its request arrived.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sharelock/error.hpp"
#include "sharelock/widget_input.hpp"

namespace sharelock {

using Json = nlohmann::json;

// {"code", "attribute", "message"}: the one error shape (nlohmann finds it
// by argument-dependent lookup, so a std::vector<Error> converts too).
void to_json(Json& json, const Error& error);

// The string at `key` of a JSON object, or "" when absent or not a string.
std::string string_at(const Json& object, std::string_view key);
bool has_string(const Json& object, std::string_view key);

// An instant or duration in milliseconds at `key`: a whole number within
// JavaScript's Date range (±8.64e15), else 0. Differences of two such values
// cannot overflow.
std::int64_t millis_at(const Json& object, std::string_view key);

// The object at `key`, or an empty object when absent or not an object.
const Json& object_at(const Json& object, std::string_view key);

// Never throws, even on invalid UTF-8 (the core has no exceptions).
std::string dump_json(const Json& value);

// Parses a widget request; anything but a JSON object is a fatal
// "invalid-request" problem and reads as an empty object.
Json parse_request(std::string_view request_json, Problems& problems);

// The attribute at `key` of a JSON object of attributes: present when it
// is a string.
AttributeValue attribute_at(const Json& attributes, std::string_view key);
ShareAttributes share_attributes(const Json& attributes);
// The string members of a JSON object of attributes, as the typed list.
Attributes attribute_list(const Json& attributes);
// {"url", "canonical", "title", "ogTitle", "ogImage", "lang", "refSeed"}.
PageFacts page_facts(const Json& page);

// Refuses (fatally) any attribute over its limit, before anything reads it.
void check_attribute_sizes(const Json& attributes, std::span<const AttributeLimit> limits,
                           Problems& problems);

// The widget's lang attribute, else the page's (i18n::resolve_lang).
i18n::Lang read_lang(const Json& attributes, const Json& page);

// The request's remembered "mastodonHost", re-checked (checked_mastodon_host).
std::string read_mastodon_host(const Json& request);

}  // namespace sharelock
