#include "sharelock/verified_messages.hpp"

#include <array>

namespace sharelock::verified {
namespace {

struct Text {
  std::string_view en;
  std::string_view es;
};

constexpr std::array<Text, 16> kMessages = {{
    {"Post to unlock", "Publica para desbloquear"},
    {"Post on {network} and unlock", "Publicar en {network} y desbloquear"},
    {"Your post (you can edit it)", "Tu publicación (puedes editarla)"},
    {"You will sign in to {network} and let this shop publish this post for you, once; then the content "
     "unlocks. We never see your password, and our access ends right after the post.",
     "Iniciarás sesión en {network} y permitirás que esta tienda publique esta publicación por ti, una vez; "
     "después el contenido se desbloquea. Nunca vemos tu contraseña y nuestro acceso termina justo después."},
    {"{used} of {limit} characters", "{used} de {limit} caracteres"},
    {"Opening {network}…", "Abriendo {network}…"},
    {"Publishing your post…", "Publicando tu publicación…"},
    {"Loading your unlocked content…", "Cargando tu contenido desbloqueado…"},
    {"You did not approve the post on {network}, so nothing was published and the content stays locked.",
     "No aprobaste la publicación en {network}: no se publicó nada y el contenido sigue bloqueado."},
    {"Something went wrong and the content is still locked. Nothing more was posted. Please try again.",
     "Algo salió mal y el contenido sigue bloqueado. No se publicó nada más. Inténtalo de nuevo."},
    {"The unlock service cannot be reached right now. Please try again in a moment.",
     "Ahora mismo no se puede contactar con el servicio de desbloqueo. Inténtalo de nuevo en un momento."},
    {"Your unlock has expired. Post again to unlock.",
     "Tu desbloqueo ha caducado. Publica de nuevo para desbloquear."},
    {"Try again", "Reintentar"},
    {"Your Mastodon server", "Tu servidor de Mastodon"},
    {"Enter your Mastodon server, such as mastodon.social.",
     "Escribe tu servidor de Mastodon, por ejemplo mastodon.social."},
    {"{network} refused the post (it may match one you already published). Change the text and try again.",
     "{network} rechazó la publicación (quizá coincide con una que ya publicaste). Cambia el texto e inténtalo de nuevo."},
}};

constexpr std::array<std::string_view, 5> kProblemCodes = {"", "empty", "too-long", "missing-link",
                                                           "refused-character"};

constexpr std::array<Text, 5> kProblemMessages = {{
    {"", ""},
    {"Write something to post.", "Escribe algo para publicar."},
    {"Your post is too long for {network}.", "Tu publicación es demasiado larga para {network}."},
    {"Keep the link in your post: it is what unlocks the content.",
     "Mantén el enlace en tu publicación: es lo que desbloquea el contenido."},
    {"Your post holds an invisible character {network} refuses. Delete it and try again.",
     "Tu publicación tiene un carácter invisible que {network} rechaza. Bórralo e inténtalo de nuevo."},
}};

std::string_view pick(const Text& text, i18n::Lang lang) { return lang == i18n::Lang::kEs ? text.es : text.en; }

}  // namespace

std::string_view message(i18n::Lang lang, Message id) {
  return pick(kMessages[static_cast<std::size_t>(id)], lang);
}

std::string_view problem_code(Problem problem) { return kProblemCodes[static_cast<std::size_t>(problem)]; }

std::string_view problem_message(i18n::Lang lang, Problem problem) {
  return pick(kProblemMessages[static_cast<std::size_t>(problem)], lang);
}

}  // namespace sharelock::verified
