#!/usr/bin/env python3
"""Generates core/src/unicode_data.inc from the Unicode Character Database.

The generated file is committed, so building never needs the UCD. To
regenerate (e.g. for a new Unicode version), install the data and rerun:

    apt-get install unicode-data          # Debian: /usr/share/unicode
    python3 tools/gen_unicode_tables.py   # rewrites core/src/unicode_data.inc
    python3 tools/gen_unicode_tables.py --check   # CI: fail if out of date

then update kUnicodeVersion in core/include/sharelock/unicode.hpp (the build
static_asserts that it matches) and refresh tests/data/GraphemeBreakTest.txt
from auxiliary/GraphemeBreakTest.txt. Inputs, relative to --ucd:
auxiliary/GraphemeBreakProperty.txt, emoji/emoji-data.txt, PropList.txt.

Python 3 standard library only.

Table layout (chosen for size: this ships in a wasm binary):
  * kGraphemeTable: Grapheme_Cluster_Break and Extended_Pictographic merged
    into one property (the two are disjoint; checked below), one uint32_t per
    run of equal values: (first code point << 4) | value. A run lasts until
    the next entry's first code point, so "Other" gaps cost one entry and no
    'last' field is stored. The 11,172 precomposed Hangul syllables alternate
    LV/LVT every code point; they are folded into one HangulSyllable run and
    unicode.cpp recovers LV vs LVT arithmetically (Unicode ch. 3.12), which
    saves ~800 entries.
  * kWhiteSpaceBoundaries: an inversion list (sorted run boundaries; a code
    point has the property iff an odd number of entries are <= it), in the
    narrowest unsigned type that holds every boundary.
"""

import argparse
import bisect
import difflib
import pathlib
import re
import sys

MAX_CP = 0x10FFFF
REPO = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "core" / "src" / "unicode_data.inc"

# Enumerator order is the numeric value stored in the table. Other must be 0.
GCB_VALUES = [
    ("Other", "Other"),
    ("CR", "CR"),
    ("LF", "LF"),
    ("Control", "Control"),
    ("Extend", "Extend"),
    ("ZWJ", "ZWJ"),
    ("Regional_Indicator", "RegionalIndicator"),
    ("Prepend", "Prepend"),
    ("SpacingMark", "SpacingMark"),
    ("L", "L"),
    ("V", "V"),
    ("T", "T"),
    ("LV", "LV"),
    ("LVT", "LVT"),
    (None, "ExtendedPictographic"),  # from emoji-data.txt
    (None, "HangulSyllable"),        # LV or LVT, see module docstring
]
ENUM = {cpp: i for i, (_, cpp) in enumerate(GCB_VALUES)}
FROM_UCD = {ucd: i for i, (ucd, _) in enumerate(GCB_VALUES) if ucd}
VALUE_BITS = max(1, (len(GCB_VALUES) - 1).bit_length())
assert 21 + VALUE_BITS <= 32, "packed entries must fit in uint32_t"

HANGUL_FIRST, HANGUL_COUNT, HANGUL_T_COUNT = 0xAC00, 11172, 28


def parse_ranges(path, wanted=None):
    """Yields (first, last, value) from a UCD 'range ; value # comment' file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = [f.strip() for f in line.split(";")]
        value = fields[1]
        if wanted is not None and value != wanted:
            continue
        first, _, last = fields[0].partition("..")
        yield int(first, 16), int(last or first, 16), value


def file_version(path):
    """The x.y.z version named in the file header, e.g. 'PropList-15.0.0.txt'."""
    head = path.read_text(encoding="utf-8")[:2000]
    match = re.search(r"-(\d+\.\d+\.\d+)\.txt", head)
    if match:
        return match.group(1)
    # emoji-data.txt only says "Used with Emoji Version 15.0".
    match = re.search(r"Emoji Version (\d+\.\d+)", head)
    if match:
        return match.group(1) + ".0"
    sys.exit(f"{path}: cannot find the Unicode version in the header")


def build_grapheme_values(ucd):
    values = bytearray(MAX_CP + 1)  # every code point starts as Other (0)
    for first, last, name in parse_ranges(
            ucd / "auxiliary" / "GraphemeBreakProperty.txt"):
        if name not in FROM_UCD:
            sys.exit(f"unknown Grapheme_Cluster_Break value {name!r}: "
                     "update GCB_VALUES and the rules in unicode.cpp")
        values[first:last + 1] = bytes([FROM_UCD[name]]) * (last - first + 1)

    for first, last, _ in parse_ranges(ucd / "emoji" / "emoji-data.txt",
                                       "Extended_Pictographic"):
        for cp in range(first, last + 1):
            # The merged table relies on this; UAX #29 data has kept it so.
            if values[cp] != ENUM["Other"]:
                sys.exit(f"U+{cp:04X} is Extended_Pictographic and "
                         f"{GCB_VALUES[values[cp]][0]}: cannot merge tables")
            values[cp] = ENUM["ExtendedPictographic"]

    # Fold the Hangul syllables, after checking the arithmetic rule holds
    # exactly for every LV/LVT code point.
    for cp in range(MAX_CP + 1):
        if values[cp] in (ENUM["LV"], ENUM["LVT"]):
            index = cp - HANGUL_FIRST
            if not 0 <= index < HANGUL_COUNT:
                sys.exit(f"U+{cp:04X} is LV/LVT outside the syllable block")
            expected = ENUM["LV"] if index % HANGUL_T_COUNT == 0 else ENUM["LVT"]
            if values[cp] != expected:
                sys.exit(f"U+{cp:04X} breaks the LV/LVT arithmetic rule")
            values[cp] = ENUM["HangulSyllable"]
    return values


def build_white_space(ucd):
    flags = bytearray(MAX_CP + 1)
    for first, last, _ in parse_ranges(ucd / "PropList.txt", "White_Space"):
        flags[first:last + 1] = b"\x01" * (last - first + 1)
    return flags


def runs(values):
    """[(first, value)] for each maximal run of equal values over 0..MAX_CP."""
    out = []
    for cp, value in enumerate(values):
        if not out or out[-1][1] != value:
            out.append((cp, value))
    return out


def inversion_list(flags):
    boundaries = [first for first, value in runs(flags)]
    if flags[0]:
        sys.exit("inversion list assumes U+0000 lacks the property")
    return boundaries[1:]  # the leading run (value 0) needs no entry


def self_check(values, grapheme_runs, flags, boundaries):
    """Replays the lookups unicode.cpp does over every code point."""
    packed = [first << VALUE_BITS | value for first, value in grapheme_runs]
    mask = (1 << VALUE_BITS) - 1
    for cp in range(MAX_CP + 1):
        entry = packed[bisect.bisect_right(packed, cp << VALUE_BITS | mask) - 1]
        assert entry & mask == values[cp], f"grapheme table wrong at U+{cp:04X}"
        assert bisect.bisect_right(boundaries, cp) % 2 == flags[cp], (
            f"white space table wrong at U+{cp:04X}")


def cpp_uint_type(max_value):
    for bits in (8, 16, 32):
        if max_value < 1 << bits:
            return f"std::uint{bits}_t"
    raise ValueError(max_value)


def render(version, grapheme_runs, boundaries):
    enum_name = {i: cpp for i, (_, cpp) in enumerate(GCB_VALUES)}
    lines = [
        "// Generated by tools/gen_unicode_tables.py from the Unicode "
        f"{version} Character Database.",
        "// DO NOT EDIT: rerun the generator (its header says how).",
        "// Included by unicode.cpp inside an anonymous namespace; expects",
        "// <cstdint> and <string_view>.",
        "",
        f'constexpr std::string_view kTablesVersion = "{version}";',
        "",
        "// Grapheme_Cluster_Break, plus the disjoint Extended_Pictographic, plus",
        "// HangulSyllable = all of U+AC00..U+D7A3 (LV or LVT, decided",
        "// arithmetically by the caller).",
        "enum class Gcb : std::uint8_t {",
    ]
    lines += [f"  {cpp} = {i}," for i, (_, cpp) in enumerate(GCB_VALUES)]
    lines += [
        "};",
        "",
        f"constexpr int kGcbBits = {VALUE_BITS};",
        "",
        "constexpr std::uint32_t gcb_entry(char32_t first, Gcb value) {",
        "  return static_cast<std::uint32_t>(first) << kGcbBits |",
        "         static_cast<std::uint32_t>(value);",
        "}",
        "",
        "// Sorted runs: each entry's value holds from its first code point up to",
        "// the next entry's. The first entry starts at U+0000.",
        f"constexpr std::uint32_t kGraphemeTable[{len(grapheme_runs)}] = {{",
    ]
    lines += [f"  gcb_entry(0x{first:04X}, Gcb::{enum_name[value]}),"
              for first, value in grapheme_runs]
    lines += [
        "};",
        "",
        "// White_Space as an inversion list: a code point has the property iff",
        "// an odd number of entries are <= it.",
        f"constexpr {cpp_uint_type(max(boundaries))} "
        f"kWhiteSpaceBoundaries[{len(boundaries)}] = {{",
    ]
    for i in range(0, len(boundaries), 8):
        chunk = ", ".join(f"0x{b:04X}" for b in boundaries[i:i + 8])
        lines.append(f"  {chunk},")
    lines += ["};", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ucd", type=pathlib.Path,
                        default=pathlib.Path("/usr/share/unicode"),
                        help="UCD directory (default: %(default)s)")
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT,
                        help="file to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="only report whether --output is up to date")
    args = parser.parse_args()

    sources = [args.ucd / "auxiliary" / "GraphemeBreakProperty.txt",
               args.ucd / "emoji" / "emoji-data.txt",
               args.ucd / "PropList.txt"]
    versions = {str(path): file_version(path) for path in sources}
    if len(set(versions.values())) != 1:
        sys.exit(f"input files disagree on the Unicode version: {versions}")
    version = next(iter(versions.values()))

    values = build_grapheme_values(args.ucd)
    grapheme_runs = runs(values)
    flags = build_white_space(args.ucd)
    boundaries = inversion_list(flags)
    self_check(values, grapheme_runs, flags, boundaries)
    text = render(version, grapheme_runs, boundaries)

    if args.check:
        current = args.output.read_text(encoding="utf-8") \
            if args.output.exists() else ""
        if current != text:
            sys.stdout.writelines(difflib.unified_diff(
                current.splitlines(True), text.splitlines(True),
                str(args.output), "generated"))
            sys.exit(f"{args.output} is out of date; rerun {sys.argv[0]}")
        return
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: Unicode {version}, "
          f"{len(grapheme_runs)} grapheme runs, "
          f"{len(boundaries)} White_Space boundaries")


if __name__ == "__main__":
    main()
