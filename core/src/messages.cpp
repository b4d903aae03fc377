#include "sharelock/messages.hpp"

#include <array>

namespace sharelock::i18n {
namespace {

struct Translation {
  std::string_view en;
  std::string_view es;
};

constexpr std::array<Translation, 13> kMessages = {{
    {"Share", "Compartir"},
    {"Copy link", "Copiar enlace"},
    {"Link copied", "Enlace copiado"},
    {"Could not copy automatically: the link is selected below, copy it from there", "No se pudo copiar automáticamente: el enlace está seleccionado abajo, cópialo desde ahí"},
    {"Share…", "Compartir…"},
    {"(opens in a new window)", "(se abre en una ventana nueva)"},
    {"Your Mastodon server", "Tu servidor de Mastodon"},
    {"mastodon.social", "mastodon.social"},
    {"Share", "Compartir"},
    {"Cancel", "Cancelar"},
    {"Not sure? Choose it on share.joinmastodon.org", "¿No lo sabes? Elígelo en share.joinmastodon.org"},
    {"Change Mastodon server", "Cambiar servidor de Mastodon"},
    {"Enter a server name such as mastodon.social", "Escribe el nombre de un servidor, como mastodon.social"},
}};

constexpr std::array<Translation, kAllNetworks.size()> kNetworkLabels = {{
    {"X", "X"},
    {"Facebook", "Facebook"},
    {"LinkedIn", "LinkedIn"},
    {"WhatsApp", "WhatsApp"},
    {"Telegram", "Telegram"},
    {"Pinterest", "Pinterest"},
    {"Reddit", "Reddit"},
    {"Bluesky", "Bluesky"},
    {"Threads", "Threads"},
    {"Mastodon", "Mastodon"},
    {"Email", "Correo"},
    {"Copy link", "Copiar enlace"},
    {"Share…", "Compartir…"},
}};

std::string_view pick(const Translation& t, Lang lang) { return lang == Lang::kEs ? t.es : t.en; }

bool is_spanish(std::string_view tag) {
  return tag.size() >= 2 && (tag[0] == 'e' || tag[0] == 'E') && (tag[1] == 's' || tag[1] == 'S') &&
         (tag.size() == 2 || tag[2] == '-' || tag[2] == '_');
}

}  // namespace

Lang resolve_lang(std::string_view attribute, std::string_view page_lang) {
  const std::string_view tag = attribute.empty() ? page_lang : attribute;
  return is_spanish(tag) ? Lang::kEs : Lang::kEn;
}

std::string_view lang_code(Lang lang) { return lang == Lang::kEs ? "es" : "en"; }

std::string_view message(Lang lang, Message id) {
  return pick(kMessages[static_cast<std::size_t>(id)], lang);
}

std::string_view network_label(Network network, Lang lang) {
  return pick(kNetworkLabels[static_cast<std::size_t>(network)], lang);
}

std::string network_accessible_name(Network network, Lang lang) {
  const bool es = lang == Lang::kEs;
  switch (network) {
    case Network::kEmail:
      return es ? "Compartir por correo electrónico" : "Share by email";
    case Network::kCopy:
    case Network::kNative:
      return std::string(network_label(network, lang));
    default:
      return std::string(es ? "Compartir en " : "Share on ") + std::string(network_label(network, lang));
  }
}

}  // namespace sharelock::i18n
