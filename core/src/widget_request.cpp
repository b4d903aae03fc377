#include "sharelock/widget_request.hpp"

#include "sharelock/civil_time.hpp"

namespace sharelock {

void to_json(Json& json, const Error& error) {
  json = {{"code", error.code}, {"attribute", error.attribute}, {"message", error.message}};
}

std::string string_at(const Json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool has_string(const Json& object, std::string_view key) {
  if (!object.is_object()) return false;
  const auto it = object.find(key);
  return it != object.end() && it->is_string();
}

const Json& object_at(const Json& object, std::string_view key) {
  static const Json kEmpty = Json::object();
  if (!object.is_object()) return kEmpty;
  const auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : kEmpty;
}

Json parse_request(std::string_view request_json, Problems& problems) {
  Json parsed = Json::parse(request_json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    problems.fail({"invalid-request", "", "the request is not a JSON object"});
    return Json::object();
  }
  return parsed;
}

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::int64_t millis_at(const Json& object, std::string_view key) {
  using civil::kMaxDateMillis;
  if (!object.is_object()) return 0;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return 0;
  if (it->is_number_unsigned()) {
    return it->get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxDateMillis) ? it->get<std::int64_t>() : 0;
  }
  const std::int64_t value = it->get<std::int64_t>();
  return value >= -kMaxDateMillis && value <= kMaxDateMillis ? value : 0;
}

AttributeValue attribute_at(const Json& attributes, std::string_view key) {
  return {has_string(attributes, key), string_at(attributes, key)};
}

ShareAttributes share_attributes(const Json& attributes) {
  return {attribute_at(attributes, "url"),      attribute_at(attributes, "text"),
          attribute_at(attributes, "hashtags"), attribute_at(attributes, "via"),
          attribute_at(attributes, "image"),    attribute_at(attributes, "utm-campaign"),
          attribute_at(attributes, "lang")};
}

Attributes attribute_list(const Json& attributes) {
  Attributes list;
  if (!attributes.is_object()) return list;
  for (const auto& [name, value] : attributes.items()) {
    if (value.is_string()) list.push_back({name, value.get<std::string>()});
  }
  return list;
}

PageFacts page_facts(const Json& page) {
  return {string_at(page, "url"),     string_at(page, "canonical"), string_at(page, "title"),
          string_at(page, "ogTitle"), string_at(page, "ogImage"),   string_at(page, "lang"),
          string_at(page, "refSeed")};
}

void check_attribute_sizes(const Json& attributes, std::span<const AttributeLimit> limits,
                           Problems& problems) {
  for (const AttributeLimit& limit : limits) {
    check_attribute_size(string_at(attributes, limit.name), limit, problems);
  }
}

i18n::Lang read_lang(const Json& attributes, const Json& page) {
  return read_lang(ShareAttributes{.lang = attribute_at(attributes, "lang")}, PageFacts{.lang = string_at(page, "lang")});
}

std::string read_mastodon_host(const Json& request) {
  return checked_mastodon_host(string_at(request, "mastodonHost"));
}

}  // namespace sharelock
