#include "sharelock/pay_messages.hpp"

#include <array>

namespace sharelock::pay {
namespace {

struct Translation {
  std::string_view en;
  std::string_view es;
};

constexpr std::array<Translation, 12> kMessages = {{
    {"Share to unlock", "Comparte para desbloquear"},
    {"Waiting for your post… Come back to this page once it is published.",
     "Esperando tu publicación… Vuelve a esta página cuando esté publicada."},
    {"Cancel", "Cancelar"},
    {"That was quick: it looks like the post was not sent. Try again?",
     "¡Qué rápido! Parece que no se publicó. ¿Lo intentas de nuevo?"},
    {"Cancelled. You can share whenever you like.", "Cancelado. Puedes compartir cuando quieras."},
    {"Unlocked. Thanks for sharing!", "Desbloqueado. ¡Gracias por compartir!"},
    {"Not now", "Ahora no"},
    {"Unlock by sharing", "Desbloquear compartiendo"},
    {"Copy code", "Copiar código"},
    {"Code copied", "Código copiado"},
    {"Could not copy: select the code and copy it", "No se pudo copiar: selecciona el código y cópialo"},
    {"This offer has ended.", "Esta oferta ha terminado."},
}};

}  // namespace

std::string_view pay_message(i18n::Lang lang, PayMessage id) {
  const Translation& t = kMessages[static_cast<std::size_t>(id)];
  return lang == i18n::Lang::kEs ? t.es : t.en;
}

std::string button_label(Network network, i18n::Lang lang) {
  const bool es = lang == i18n::Lang::kEs;
  const std::string name(i18n::network_label(network, lang));
  if (network == Network::kEmail) {
    return es ? "Comparte por correo para desbloquear" : "Share by email to unlock";
  }
  return es ? "Comparte en " + name + " para desbloquear" : "Share on " + name + " to unlock";
}

std::string hint(Network network, i18n::Lang lang) {
  const bool es = lang == i18n::Lang::kEs;
  const std::string name(i18n::network_label(network, lang));
  if (network == Network::kEmail) {
    return es ? "Se abre tu correo con un mensaje preparado. Vuelve aquí cuando lo hayas enviado."
              : "Opens your email with a ready-made message. Come back here once it is sent.";
  }
  return es ? "Se abre " + name + " con un mensaje preparado. Vuelve aquí cuando lo hayas publicado."
            : "Opens " + name + " with a ready-made post. Come back here once it is published.";
}

}  // namespace sharelock::pay
