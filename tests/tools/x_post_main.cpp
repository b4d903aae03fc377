// The native core's side of tests/js/x-differential.test.mjs, which holds
// it against X's own library: reads one JSON object per line on stdin
// ({"text", and optionally "url", "hashtags", "via"}) and writes one per
// line: the text's weighted length on X, the links X finds in it (code
// point offsets), and, given a url, the post the X share link makes of
// them.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "sharelock/post_length.hpp"
#include "sharelock/share_links.hpp"
#include "sharelock/unicode.hpp"
#include "sharelock/x_links.hpp"

int main() {
  using nlohmann::json;
  using namespace sharelock;
  std::string line;
  while (std::getline(std::cin, line)) {
    const json input = json::parse(line, nullptr, false);
    if (!input.is_object() || !input.contains("text")) {
      std::cerr << "x_post: not an object with a text: " << line << '\n';
      return 2;
    }
    const std::string text = input["text"].get<std::string>();
    json output = {{"length", post_length::x_weighted_length(text)}, {"links", json::array()}};
    for (const x_links::Link link : x_links::find(unicode::decode_utf8(text))) {
      output["links"].push_back({link.begin, link.end});
    }
    if (input.contains("url")) {
      const auto url = url::parse_http_url(input["url"].get<std::string>(), "url");
      if (!url) {
        std::cerr << "x_post: not an http(s) URL: " << input["url"] << '\n';
        return 2;
      }
      ShareContent content;
      content.url = url.value();
      content.text = text;
      content.hashtags = input.value("hashtags", std::vector<std::string>{});
      content.via = input.value("via", std::string{});
      const ShareLink share = build_share_link(Network::kX, content);
      output["text"] = share.text;
      output["post"] = shared_post(Network::kX, share, content);
      output["fits"] = share.fits;
      output["extrasDropped"] = share.extras_dropped;
    }
    std::cout << output.dump() << '\n';
  }
  return 0;
}
