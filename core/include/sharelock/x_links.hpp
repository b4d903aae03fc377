// Where X finds links in a post: what its t.co shortener replaces, so what
// counts 23 instead of its characters.
//
// The rules are twitter-text's (extractUrlsWithIndices, 3.1.0, with links
// without a scheme), which X's own clients and servers count with:
//  * A link may start after anything but a Latin letter, a digit, '@', '$'
//    or '#' ("(https://…", "詳しくはhttps://…"; not "abchttps://…").
//  * "http://" and "https://" are optional; the host is dot-separated
//    labels of any characters but ASCII punctuation, white space and
//    directional marks, and must end in a real top-level domain (the
//    Public Suffix List's ICANN section, or an xn-- label) not followed by
//    [0-9A-Za-z@+-]. "shop.example", "localhost" and IP addresses are no
//    links.
//  * Without a scheme, only labels of Latin letters, digits and '-' before
//    the top-level domain (of any script) are linked ("詳しくはmitienda.com"
//    links "mitienda.com", "shop.рф" is linked, "магазин.рф" is not), and
//    not after '-', '_', '.' or '/' ("-shop.com", "shop_x.com").
//  * A path takes Latin, Latin-accented and Cyrillic letters, digits,
//    !*';:=+,.$/%#[]-–_~@|& and balanced parentheses, and ends at its last
//    letter, digit or +-=_#/, with the balanced pairs right after it:
//    "…/ebookをチェック" ends before 'を', "…/sale." before '.', "…/sale—"
//    before '—'; "…/x(y)" takes "(y)", "…/x~(y)" does not.
//  * A query ("?…") ends at its last letter, digit or -_&=#/.
//  * Without a path, ":port" and "?query" are not part of a scheme-less link.
//  * A t.co link ends after its slug; one with a slug over 40 characters is
//    no link.
//  * A host whose labels are not 1 to 63 characters long (in xn-- form), or
//    a link over 4,096 UTF-16 code units, is no link.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace sharelock::x_links {

struct Link {
  std::size_t begin;  // code point offsets into the text
  std::size_t end;
};

// Directional formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E,
// U+2066–U+2069): a link may follow one and ends before one.
bool is_directional_mark(char32_t code_point);
// Whether a link may start right after `code_point` (validUrlPrecedingChars:
// anything but [A-Za-z0-9@＠$#＃] and the characters X refuses).
bool may_precede_link(char32_t code_point);

// The links in `text` (NFC code points), in order, not overlapping.
std::vector<Link> find(std::u32string_view text);

}  // namespace sharelock::x_links
