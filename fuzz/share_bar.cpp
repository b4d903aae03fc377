// <sharelock-share>'s typed API: render_share_bar on any request, read from
// the input as the shim's JSON object would be (the corpus keeps that form),
// and check_mastodon_host on the input's two lines. Every link in a
// rendered bar is http(s) or mailto, and a fatal bar has no buttons. The
// same request with the bounded text fitter (the share bar's small module)
// is either undecided or renders exactly the same bar.
#include "sharelock/share_bar.hpp"

#include "../tests/core/share_bar_json.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sharelock;
  const std::string_view input = fuzz::as_text(data, size);

  const nlohmann::json request = nlohmann::json::parse(input, nullptr, false);
  const ShareBarView bar = render_share_bar(testing::share_bar_request(request));
  const std::string shown = testing::share_bar_json(bar).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  TextFitter bounded = TextFitter::bounded();
  const ShareBarView by_bounds = render_share_bar(testing::share_bar_request(request), bounded);
  if (!by_bounds.text_undecided) {
    fuzz::check(testing::share_bar_json(by_bounds) == testing::share_bar_json(bar),
                "the bounded fitter decided otherwise than the exact rules", shown);
  }
  if (bar.fatal) fuzz::check(bar.buttons.empty(), "a fatal bar has buttons", shown);
  for (const ShareButton& button : bar.buttons) {
    fuzz::check_link_text(button.href, "button href");
    fuzz::check_link_text(button.shared_url, "button sharedUrl");
    fuzz::check_link_text(button.chooser_href, "button chooserHref");
  }
  for (const Error& error : bar.errors) fuzz::check(!error.code.empty() && !error.message.empty(), "an empty error", shown);

  const auto [host_input, lang] = fuzz::split_line(input);
  const MastodonHostCheck host = check_mastodon_host(host_input, lang);
  fuzz::check(host.ok ? !host.host.empty() && host.message.empty() : host.host.empty() && !host.message.empty(),
              "check_mastodon_host shape", host.host);
  return 0;
}
