#!/usr/bin/env bash
# A CPython 3.14 for the peers that need it (InterpreterPoolExecutor is new in 3.14;
# Debian 12 ships 3.11). In order, the first that works is used:
#   1. $PYTHON314, an interpreter you name;
#   2. python3.14 on PATH;
#   3. .cache/python3.14/prefix/usr/bin/python3.14, which this script fetches once, as root on
#      Debian: the .debs of python3.14-minimal and libpython3.14-stdlib (and what they depend on,
#      a newer glibc among them) from Debian unstable on deb.debian.org, through a private apt
#      configuration whose lists are checked against the system's Debian archive keyring.
#      Nothing is installed on the system (apart from `patchelf` from Debian 12 if missing): the
#      .debs are unpacked into the prefix and the binary is pointed at the prefix's own loader
#      and libraries. source.json beside the prefix says what was fetched, from where and when.
# Quiet when there is nothing to do. Without root or off Debian it says what to do and exits 0,
# so `make deps` goes on (the peers that need 3.14 are then skipped, with that reason).
# lib/peers/python.ts finds the interpreter the same way, in the same order.
#
# usage: lib/peers/provision-python314.sh [--stamp FILE]
#   --stamp FILE  touch FILE once a working 3.14 is in place (make's record that this step is done)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=$ROOT/.cache/python3.14
PREFIX=$CACHE/prefix
PY=$PREFIX/usr/bin/python3.14
# Written last: the prefix is complete only when this exists.
DONE=$CACHE/.complete
MIRROR=http://deb.debian.org/debian
SUITE=unstable
PACKAGES=(python3.14-minimal libpython3.14-stdlib)
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
CHECK='from concurrent.futures import InterpreterPoolExecutor'

stamp=
while [ $# -gt 0 ]; do
  case $1 in
    --stamp) stamp=${2:?--stamp needs a file}; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "provision-python314.sh: unknown argument: $1 (usage: $0 [--stamp FILE])" >&2; exit 2 ;;
  esac
done

done_ok() {
  if [ -n "$stamp" ]; then mkdir -p "$(dirname "$stamp")" && touch "$stamp"; fi
  exit 0
}

# A CPython 3.14 that has InterpreterPoolExecutor.
is314() {
  [ -x "$1" ] && "$1" -c "import sys; sys.exit(sys.version_info[:2] != (3, 14))" >/dev/null 2>&1 && "$1" -c "$CHECK" >/dev/null 2>&1
}
version_of() { "$1" -c 'import sys; print(sys.version.split()[0])'; }

if [ -n "${PYTHON314:-}" ]; then
  if is314 "$PYTHON314"; then
    echo "python3.14: using PYTHON314=$PYTHON314 (Python $(version_of "$PYTHON314"))"
    done_ok
  fi
  echo "note: PYTHON314=$PYTHON314 is not a CPython 3.14 that imports InterpreterPoolExecutor."
  echo "      set PYTHON314=/path/to/python3.14, or unset it and run make deps as root to fetch one into .cache/python3.14/"
  echo "      (going on without it: the peers that need Python 3.14 are skipped and the reports say so)"
  exit 0
fi

if on_path=$(command -v python3.14 2>/dev/null) && is314 "$on_path"; then
  echo "python3.14: using $on_path from PATH (Python $(version_of "$on_path"))"
  done_ok
fi

# Debian compiles a package's bytecode when it installs it; unpacked by hand the standard library has
# none, and the trials run with PYTHONDONTWRITEBYTECODE=1, so every new process and sub-interpreter
# would compile what it imports from source: start-up costs that are not the pools'. Compile once.
compile_stdlib() {
  [ -f "$CACHE/.bytecode" ] && return 0
  [ -w "$PREFIX/usr/lib/python3.14" ] || return 0
  # A few test modules hold deliberately bad syntax: compileall reports them and goes on.
  "$PY" -m compileall -q -j 0 "$PREFIX/usr/lib/python3.14" >/dev/null 2>&1 || true
  touch "$CACHE/.bytecode"
  echo "python3.14: compiled the standard library's bytecode in .cache/python3.14/ (as Debian does on install)"
}

if [ -f "$DONE" ] && is314 "$PY"; then compile_stdlib; done_ok; fi

case $(dpkg --print-architecture 2>/dev/null || true) in
  amd64) TRIPLET=x86_64-linux-gnu LOADER=ld-linux-x86-64.so.2 ;;
  arm64) TRIPLET=aarch64-linux-gnu LOADER=ld-linux-aarch64.so.1 ;;
  *) TRIPLET= LOADER= ;;
esac
if [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null || [ -z "$TRIPLET" ] || [ ! -f "$KEYRING" ]; then
  echo "note: no CPython 3.14 found (the peers that use InterpreterPoolExecutor need one), and this is not an amd64/arm64 Debian system this script can fetch it on."
  echo "      install CPython 3.14 and set PYTHON314=/path/to/python3.14 (or put python3.14 on PATH), then run make deps again"
  echo "      (going on without it: the peers that need Python 3.14 are skipped and the reports say so)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "note: no CPython 3.14 found (the peers that use InterpreterPoolExecutor need one)."
  echo "      either run: sudo make deps   (fetches it from Debian unstable into .cache/python3.14/; nothing is installed system-wide but patchelf)"
  echo "      or set PYTHON314=/path/to/python3.14 (any CPython 3.14 build), then run make deps again"
  echo "      (going on without it: the peers that need Python 3.14 are skipped and the reports say so)"
  exit 0
fi

# --- fetch, as root on Debian -------------------------------------------------------------
started=$EPOCHREALTIME
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9
if [ -f "$DONE" ] && is314 "$PY"; then compile_stdlib; done_ok; fi # another run finished it while this one waited

if ! command -v patchelf >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq patchelf >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq patchelf >/dev/null; }
fi

work=$CACHE/apt
rm -rf "$work" "$PREFIX" "$DONE" "$CACHE/source.json" "$CACHE/.bytecode"
mkdir -p "$work"/{lists/partial,archives/partial,cache,state,log,sources.list.d,preferences.d}
: >"$work/status"
echo "deb [signed-by=$KEYRING] $MIRROR $SUITE main" >"$work/sources.list"
# Read after the system's configuration: every path apt writes to is ours, the system's sources,
# pins and installed-package database are not read, and the system's update/dpkg hooks do not run.
cat >"$work/apt.conf" <<EOF
Dir::Etc::SourceList "$work/sources.list";
Dir::Etc::SourceParts "$work/sources.list.d";
Dir::Etc::Preferences "$work/preferences";
Dir::Etc::PreferencesParts "$work/preferences.d";
Dir::State "$work/state";
Dir::State::Lists "$work/lists";
Dir::State::status "$work/status";
Dir::Cache "$work/cache";
Dir::Cache::Archives "$work/archives";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Dir::Log "$work/log";
APT::Install-Recommends "false";
APT::Install-Suggests "false";
APT::Get::AllowUnauthenticated "false";
Acquire::AllowInsecureRepositories "false";
Acquire::AllowDowngradeToInsecureRepositories "false";
Acquire::Languages "none";
Debug::NoLocking "true";
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
#clear DPkg::Pre-Invoke;
#clear DPkg::Post-Invoke;
#clear DPkg::Pre-Install-Pkgs;
EOF
apt_private() {
  if ! apt-get -c "$work/apt.conf" -q "$@" >"$work/log/apt.txt" 2>&1; then
    cat "$work/log/apt.txt" >&2
    echo "provision-python314.sh: apt-get $* failed (Debian unstable from $MIRROR); see above" >&2
    exit 1
  fi
}
apt_private update
apt_private -y --download-only install "${PACKAGES[@]}"

debs=("$work"/archives/*.deb)
mkdir -p "$PREFIX"
: >"$work/packages.tsv"
download_bytes=0
for deb in "${debs[@]}"; do
  dpkg-deb -x "$deb" "$PREFIX"
  dpkg-deb --show --showformat='${Package}\t${Version}\n' "$deb" >>"$work/packages.tsv"
  download_bytes=$((download_bytes + $(stat -c %s "$deb")))
done

loader=
for candidate in "$PREFIX/usr/lib64/$LOADER" "$PREFIX/lib64/$LOADER" "$PREFIX/usr/lib/$TRIPLET/$LOADER" "$PREFIX/lib/$TRIPLET/$LOADER"; do
  # Must resolve inside the prefix: an absolute link would lead back to the system's older loader.
  if [ -e "$candidate" ] && [[ $(readlink -f "$candidate") == "$PREFIX"/* ]]; then loader=$candidate; break; fi
done
[ -n "$loader" ] || { echo "provision-python314.sh: no $LOADER inside $PREFIX after unpacking libc6" >&2; exit 1; }
# The binary needs the fetched glibc: its own loader, and an RPATH (not RUNPATH: it also applies to
# the extension modules Python dlopens, e.g. _ssl) to the fetched libraries.
patchelf --set-interpreter "$loader" --force-rpath --set-rpath "$PREFIX/usr/lib/$TRIPLET" "$PY"

if ! "$PY" -c "$CHECK; import ssl, sqlite3, zlib, lzma, bz2, decimal, ctypes, json; import sys; assert sys.executable == '$PY', sys.executable" >"$work/log/check.txt" 2>&1 || ! is314 "$PY"; then
  cat "$work/log/check.txt" >&2
  echo "provision-python314.sh: the fetched $PY does not run or lacks InterpreterPoolExecutor; $PREFIX left for inspection" >&2
  exit 1
fi

prefix_bytes=$(du -sb "$PREFIX" | cut -f1)
seconds=$("$PY" - "$work/packages.tsv" "$CACHE/source.json" "$started" "$download_bytes" "$prefix_bytes" "$MIRROR" "$SUITE" "${PACKAGES[@]}" <<'EOF'
import datetime, json, sys, time
tsv, out, started, download_bytes, prefix_bytes, mirror, suite, *requested = sys.argv[1:]
packages = dict(line.rstrip('\n').split('\t') for line in open(tsv) if line.strip())
seconds = round(time.time() - float(started), 1)
info = {
    'version': sys.version.split()[0],
    'source': 'debian-unstable',
    'mirror': mirror,
    'suite': suite,
    'requested': requested,
    'executable': 'prefix/usr/bin/python3.14',
    'packages': dict(sorted(packages.items())),
    'download_bytes': int(download_bytes),
    'prefix_bytes': int(prefix_bytes),
    'seconds': seconds,
    'fetched_at': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'),
}
with open(out, 'w') as f:
    json.dump(info, f, indent=2)
    f.write('\n')
print(seconds)
EOF
)
rm -rf "$work"
compile_stdlib
touch "$DONE"
echo "python3.14: fetched Python $(version_of "$PY") from Debian unstable into .cache/python3.14/ (${#debs[@]} packages, $((download_bytes / 1000000)) MB, ${seconds} s)"
done_ok
