// <sharelock-share>'s JSON API: render_share_bar and check_mastodon_host
// on any request text. Both always answer a JSON object; every link in a
// rendered bar is http(s) or mailto.
#include "sharelock/share_bar.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sharelock;
  const std::string_view request = fuzz::as_text(data, size);

  const nlohmann::json bar = fuzz::expect_json_object(render_share_bar(request), "render_share_bar");
  fuzz::check(bar["fatal"].is_boolean() && bar["errors"].is_array() && bar["buttons"].is_array(),
              "render_share_bar shape", bar.dump());
  if (bar["fatal"].get<bool>()) fuzz::check(bar["buttons"].empty(), "a fatal bar has buttons", bar.dump());
  for (const nlohmann::json& button : bar["buttons"]) {
    fuzz::check_link(button["href"], "button href");
    fuzz::check_link(button["sharedUrl"], "button sharedUrl");
    if (button.contains("chooserHref")) fuzz::check_link(button["chooserHref"], "button chooserHref");
  }

  const nlohmann::json host = fuzz::expect_json_object(check_mastodon_host(request), "check_mastodon_host");
  fuzz::check(host["ok"].is_boolean(), "check_mastodon_host shape", host.dump());
  if (host["ok"].get<bool>()) {
    fuzz::check(host["host"].is_string() && !host["host"].get<std::string>().empty(), "empty Mastodon host");
  }
  return 0;
}
