#!/usr/bin/env bash
# Runs a command against the current Graphviz (14) from ../shared/graphviz/ instead
# of Debian's 2.42, in a separate build folder:
#
#   scripts/graphviz14.sh swift build --scratch-path .build-gv14
#   scripts/graphviz14.sh swift test --scratch-path .build-gv14 --filter RelGraphvizTests
#   scripts/graphviz14.sh --check        # exit 0 when the archive is there, 1 (and why) when not
#
# The archive (a build of Graphviz 14.1.4~dev for Debian 12, x86_64; its README
# says where it comes from) is unpacked once into .build-graphviz14/ (out of git),
# its pkg-config files are pointed at that folder, and the command runs with
# PKG_CONFIG_PATH, LD_LIBRARY_PATH and GVBINDIR set to it.
#
# One more thing is needed: SwiftPM reads .pc files itself and keeps the
# `-L/usr/lib/x86_64-linux-gnu` of Debian's libxml-2.0.pc, which it puts before
# Graphviz's own -L; the linker would then take Debian's libgvc.so (2.42) and
# the binary would crash on 14's structures. A copy of libxml-2.0.pc without that
# -L (the folder is on the linker's default path anyway) goes first on
# PKG_CONFIG_PATH. relgraph also refuses to run with a libgvc whose major version
# differs from its headers' (GraphvizVersions), so a mix-up is an error, not a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

archive=$(ls ../shared/graphviz/graphviz-*-x86_64.tar.xz 2>/dev/null | head -n 1 || true)
if [[ -z "$archive" ]]; then
  echo "relgraph: no Graphviz archive in ../shared/graphviz/: the Graphviz 14 build and tests are skipped" >&2
  exit 1
fi
if [[ "$(uname -m)" != x86_64 ]]; then
  echo "relgraph: $archive is built for x86_64, this machine is $(uname -m): the Graphviz 14 build and tests are skipped" >&2
  exit 1
fi
[[ "${1:-}" == "--check" ]] && exit 0

dir=$PWD/.build-graphviz14
stamp="$dir/.unpacked-from-$(basename "$archive")"
if [[ ! -f "$stamp" ]]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  tar -xJf "$archive" -C "$dir" --strip-components=1
  sed -i -e "s#^prefix=.*#prefix=$dir#" -e 's#^exec_prefix=.*#exec_prefix=${prefix}#' \
    -e 's#^libdir=.*#libdir=${exec_prefix}/lib#' -e 's#^includedir=.*#includedir=${prefix}/include#' \
    "$dir"/lib/pkgconfig/*.pc
  mkdir -p "$dir/pkgconfig-first"
  xml=$(pkg-config --variable=pcfiledir libxml-2.0 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/pkgconfig)/libxml-2.0.pc
  sed 's#^Libs:.*#Libs: -lxml2#' "$xml" > "$dir/pkgconfig-first/libxml-2.0.pc"
  touch "$stamp"
fi

export PKG_CONFIG_PATH="$dir/pkgconfig-first:$dir/lib/pkgconfig"
export LD_LIBRARY_PATH="$dir/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export GVBINDIR="$dir/lib/graphviz"
export PATH="$dir/bin:$PATH"   # the `dot` the tests compare against is this Graphviz's too
exec "$@"
