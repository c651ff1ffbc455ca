#!/usr/bin/env bash
# scripts/dotnet.sh — run `dotnet` with all arguments, e.g.
#   scripts/dotnet.sh test
#   scripts/dotnet.sh run --project src/App -p:UseAppHost=false
#
# Why: TorchSharp 0.107.0's native libLibTorchSharp.so needs GLIBCXX_3.4.32
# (std::ios_base_library_init), but e.g. Debian 12's libstdc++ stops at
# GLIBCXX_3.4.30, so loading it throws DllNotFoundException. On such a machine
# this script runs dotnet side by side with Debian trixie's glibc/libstdc++:
# a hard-linked copy of the dotnet root whose `dotnet` muxer is patched
# (patchelf) to use trixie's dynamic loader and, via DT_RPATH, trixie's
# libraries. Nothing on the system changes; everything lives in .tools/.
# Anywhere else (libstdc++ new enough, macOS, Windows Git Bash) it simply
# execs `dotnet "$@"`.
#
# Caveat: `dotnet run` starts the app's own apphost executable, which is NOT
# patched; pass -p:UseAppHost=false so the app runs under the patched muxer.
set -euo pipefail

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sbs="$repo_root/.tools/glibcxx-sbs" # side-by-side runtime (git-ignored)
suite=trixie                        # first Debian release with GLIBCXX_3.4.32
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# True when TorchSharp's native library would fail to load with the system
# libstdc++. Only x86_64 Linux is handled (libtorch-cpu-linux-x64 is x64 only).
lacks_glibcxx_3_4_32() {
  [[ $(uname -s) == Linux && $(uname -m) == x86_64 ]] || return 1
  local lib
  lib=$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null |
    awk '$1 == "libstdc++.so.6" && /x86-64/ { print $NF; exit }') || true
  [[ -n $lib && -r $lib ]] || return 1 # not found (e.g. musl): leave it alone
  ! grep -qF GLIBCXX_3.4.32 "$lib"
}

if ! lacks_glibcxx_3_4_32; then
  exec dotnet "$@"
fi
echo "scripts/dotnet.sh: system libstdc++ lacks GLIBCXX_3.4.32 (needed by TorchSharp); using side-by-side runtime in .tools/" >&2

command -v dotnet >/dev/null || { echo "scripts/dotnet.sh: dotnet not found on PATH" >&2; exit 127; }
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
# Rebuild the dotnet copy when the SDK is updated or the repo moves (the
# patched muxer holds absolute paths into $sbs).
dotnet_key="$dotnet_root $sbs $(stat -c '%i %Y %s' "$dotnet_root/dotnet") $(ls "$dotnet_root/sdk" "$dotnet_root"/shared/* | tr '\n' ' ')"

fail() {
  echo "scripts/dotnet.sh: $1 (log: $sbs/setup.log)" >&2
  tail -n 20 "$sbs/setup.log" >&2 || true
  exit 1
}

# Download trixie's libc6, libstdc++6, libgcc-s1 and patchelf and unpack them
# into $sbs/runtime. apt uses private source/list/cache folders, so the
# system's apt state is untouched and no root-only `apt-get install` is needed.
build_runtime() {
  local apt="$sbs/apt" tmp="$sbs/runtime.tmp"
  command -v apt-get >/dev/null && [[ -r $keyring ]] ||
    fail "needs apt-get and $keyring (package debian-archive-keyring)"
  rm -rf "$apt" "$tmp"
  mkdir -p "$apt/sources" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs" "$tmp"
  echo "deb [signed-by=$keyring target=Packages] http://deb.debian.org/debian $suite main" >"$apt/sources/$suite.list"
  local opts=(-q -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt/sources"
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
    -o Acquire::Languages=none -o APT::Sandbox::User=root) # root: no _apt warning about our folder
  apt-get "${opts[@]}" update >>"$sbs/setup.log" 2>&1 || fail "apt-get update ($suite) failed"
  (cd "$apt/debs" && apt-get "${opts[@]}" download libc6 libstdc++6 libgcc-s1 patchelf) \
    >>"$sbs/setup.log" 2>&1 || fail "apt-get download ($suite) failed"
  local deb
  for deb in "$apt/debs"/*.deb; do dpkg -x "$deb" "$tmp" || fail "dpkg -x $deb failed"; done
  rm -rf "$apt" "$sbs/runtime"
  mv "$tmp" "$sbs/runtime"
  touch "$sbs/runtime.ok"
}

# Hard-linked copy of the dotnet root (cheap) with a real, patched `dotnet`.
build_dotnet() {
  local rt="$sbs/runtime" tmp="$sbs/dotnet.tmp"
  local ld libdirs
  ld=$(find "$rt" -name ld-linux-x86-64.so.2 -type f | head -n 1)
  libdirs=$(find "$rt" \( -name libc.so.6 -o -name 'libstdc++.so.6' -o -name libgcc_s.so.1 \) -printf '%h\n' | sort -u | paste -sd:)
  [[ -n $ld && -n $libdirs ]] || fail "trixie loader/libraries not found in $rt"
  rm -rf "$tmp"
  # Hard links need one filesystem; fall back to a full copy otherwise.
  cp -al "$dotnet_root" "$tmp" 2>>"$sbs/setup.log" || { rm -rf "$tmp"; cp -a "$dotnet_root" "$tmp"; }
  # A real copy: patching the hard link would patch the system's dotnet too.
  rm -f "$tmp/dotnet"
  cp "$dotnet_root/dotnet" "$tmp/dotnet"
  # trixie's patchelf needs trixie's libstdc++, so run it through trixie's loader.
  "$ld" --library-path "$libdirs" "$rt/usr/bin/patchelf" \
    --set-interpreter "$ld" --force-rpath --set-rpath "$libdirs" "$tmp/dotnet" \
    >>"$sbs/setup.log" 2>&1 || fail "patchelf failed"
  rm -rf "$sbs/dotnet"
  mv "$tmp" "$sbs/dotnet"
  printf '%s\n' "$dotnet_key" >"$sbs/dotnet.ok"
}

is_ready() { [[ -f $sbs/runtime.ok && -f $sbs/dotnet.ok && $(<"$sbs/dotnet.ok") == "$dotnet_key" ]]; }

if ! is_ready; then
  mkdir -p "$sbs"
  # Serialize concurrent first runs; the loser finds everything ready.
  exec 9>"$sbs/.lock"
  flock 9
  if ! is_ready; then
    : >"$sbs/setup.log"
    [[ -f $sbs/runtime.ok ]] || build_runtime
    build_dotnet
  fi
  exec 9>&-
fi

# PATH first so child processes (MSBuild nodes, VSTest testhost) use the
# patched muxer too; DOTNET_ROOT so apphost-style lookups find the copy.
export DOTNET_ROOT="$sbs/dotnet"
export PATH="$DOTNET_ROOT:$PATH"
exec "$DOTNET_ROOT/dotnet" "$@"
