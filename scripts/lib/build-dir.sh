# Sourced by the build scripts. A CMake build folder remembers the absolute
# path it was configured in (CMakeCache.txt); in a copied or moved checkout
# every later `cmake` run there fails at once ("CMakeCache.txt directory …
# is different"). Such a folder is stale, not broken: it is removed so that
# the caller configures it afresh.

# forget_moved_build DIR: removes DIR when its CMakeCache.txt was written for
# another place. Does nothing when DIR has no cache or belongs here.
forget_moved_build() {
  local dir=$1
  local cache=$dir/CMakeCache.txt
  [ -f "$cache" ] || return 0
  local recorded here
  recorded=$(sed -n 's/^CMAKE_CACHEFILE_DIR:INTERNAL=//p' "$cache")
  here=$(cd "$dir" && pwd -P)
  # Compare physical paths, so a checkout reached through a symlink is not
  # taken for a moved one.
  if [ -n "$recorded" ] && [ -d "$recorded" ]; then recorded=$(cd "$recorded" && pwd -P); fi
  if [ "$recorded" != "$here" ]; then
    echo "build: $dir was configured in ${recorded:-an unknown place}, not here; removing it to build afresh" >&2
    rm -rf "$dir"
  fi
}
