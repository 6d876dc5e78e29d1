#!/bin/sh
# Generates the API reference of the given headers with Debian's doxygen into OUT/html, and
# fails, listing them, when a public function is undocumented (make docs; docs/api/).
#   build.sh OUT VERSION HEADER...
set -eu
out=$1 version=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
rm -rf "$out/html"
{
    cat "$here/Doxyfile"
    echo "PROJECT_NUMBER = $version"
    echo "INPUT = $here/mainpage.md $*"
    echo "OUTPUT_DIRECTORY = $out"
    echo "WARN_LOGFILE = $out/warnings.log"
    echo "INPUT_FILTER = \"awk -f $here/filter.awk\""
    echo "FILTER_SOURCE_FILES = NO"
    echo "STRIP_FROM_PATH = $(cd "$here/../.." && pwd)"
} | doxygen - >"$out/doxygen.log" 2>&1 || { cat "$out/doxygen.log"; exit 2; }
# Undocumented functions fail; other warnings are shown.
if grep -q "(function) of file .* is not documented" "$out/warnings.log"; then
    grep "(function) of file .* is not documented" "$out/warnings.log" | sed 's/^/error: /' >&2
    echo "docs: error: public functions without a comment (above)" >&2
    exit 2
fi
others=$(grep -c warning: "$out/warnings.log" || true)
[ "$others" = 0 ] || echo "docs: $others warnings about undocumented macros, types and fields: $out/warnings.log"
echo "docs: $out/html/index.html ($# headers)"
