#!/usr/bin/env bash
# Proves, without Docker, that the published portal serves the bilan's PDF on a system without fontconfig:
# a minimal Debian root file system (debootstrap, the packages of the aspnet runtime image and nothing else),
# the published application and the .NET runtime copied in, the portal started in a chroot, signed in with curl,
# /Bilan/2017/Pdf fetched and checked. Needs root, debootstrap and Debian's mirror; everything happens under /tmp
# and is removed at the end. Not run by CI (it downloads a Debian base): see README, "The container".
#
#   sudo bash tools/bilan-without-fontconfig.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
DOTNET_ROOT=${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}
PASSWORD=Portail-Demo-2026
WORK=$(mktemp -d /tmp/bilan-chroot.XXXXXX)
ROOT=$WORK/root
PID=
started=$(date +%s)

step() { printf '\n== [%3ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  mountpoint -q "$ROOT/proc" && umount "$ROOT/proc" || true
  mountpoint -q "$ROOT/dev" && umount "$ROOT/dev" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

step "debootstrap $SUITE (minbase + the aspnet runtime image's libraries) into $ROOT"
# The same native libraries as mcr.microsoft.com/dotnet/runtime-deps (Debian): ICU, OpenSSL, zlib, tzdata, CA roots.
# ROOTFS_CACHE=/tmp/bilan-rootfs.tar keeps the downloaded base between runs (debootstrap took 15 minutes here).
if [ -n "${ROOTFS_CACHE:-}" ] && [ -f "$ROOTFS_CACHE" ]; then
  mkdir -p "$ROOT" && tar -xf "$ROOTFS_CACHE" -C "$ROOT"
else
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g "$SUITE" "$ROOT" "$MIRROR" \
    >"$WORK/debootstrap.log" 2>&1 || { tail -30 "$WORK/debootstrap.log"; exit 1; }
  [ -n "${ROOTFS_CACHE:-}" ] && tar -cf "$ROOTFS_CACHE" -C "$ROOT" .
fi

if find "$ROOT" -name 'libfontconfig.so*' | grep -q .; then
  echo "The root file system has fontconfig: the proof would prove nothing"; exit 1
fi
echo "no libfontconfig in the root file system ($(du -sh "$ROOT" | cut -f1))"

step "dotnet publish (Release) into the root file system"
dotnet publish src/PartnershipPortal.Web -c Release -o "$ROOT/app" --nologo -v quiet >"$WORK/publish.log" 2>&1 \
  || { grep -E 'error' "$WORK/publish.log" | head -30; exit 1; }
if ldd "$ROOT/app/libSkiaSharp.so" | grep -q fontconfig; then
  echo "The published libSkiaSharp.so links fontconfig"; exit 1
fi

step "the .NET runtime ($DOTNET_ROOT: host and shared frameworks only)"
mkdir -p "$ROOT/usr/share/dotnet"
cp -a "$DOTNET_ROOT/dotnet" "$DOTNET_ROOT/host" "$DOTNET_ROOT/shared" "$ROOT/usr/share/dotnet/"

mount -t proc proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"

step "the portal in the chroot (demo data, Production, port chosen by the OS)"
chroot "$ROOT" /usr/bin/env -i HOME=/tmp PATH=/usr/bin:/bin \
  ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 \
  Portal__PublicBaseUrl=http://127.0.0.1 Seed__Demo=true Seed__DemoPassword=$PASSWORD \
  Logging__Console__FormatterName=simple \
  /usr/share/dotnet/dotnet /app/PartnershipPortal.Web.dll --urls http://127.0.0.1:0 --contentRoot /app \
  >"$WORK/portal.log" 2>&1 &
PID=$!

url=
for _ in $(seq 1 600); do
  url=$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$WORK/portal.log" | head -1 | sed 's/Now listening on: //') || true
  [ -n "$url" ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/portal.log"; echo "The portal stopped"; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { cat "$WORK/portal.log"; echo "The portal did not listen"; exit 1; }
echo "listening on $url"

# The cookies are Secure outside Development: the request says it came through a TLS proxy (loopback is trusted),
# and curl is given the cookies by hand since it would not send Secure cookies over http.
jar=$WORK/cookies
cookies() { awk '!/^# / && NF >= 7 { sub(/^#HttpOnly_/, "", $1); printf "%s=%s; ", $6, $7 }' "$jar"; }
fetch() { curl -sS -c "$jar" -b "$jar" -H 'X-Forwarded-Proto: https' -H "Cookie: $(cookies)" "$@"; }
touch "$jar"

step "sign in as the demo manager"
token=$(fetch "$url/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
[ -n "$token" ] || { echo "No antiforgery token on the sign-in page"; exit 1; }
status=$(fetch -o /dev/null -w '%{http_code}' --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Email=manager@portail.test" --data-urlencode "Password=$PASSWORD" "$url/Account/Login")
[ "$status" = 302 ] || { echo "Sign-in answered $status"; exit 1; }

step "GET /Bilan/2017 and /Bilan/2017/Pdf"
page=$(fetch -o "$WORK/bilan.html" -w '%{http_code}' "$url/Bilan/2017")
[ "$page" = 200 ] || { echo "/Bilan/2017 answered $page"; tail -50 "$WORK/portal.log"; exit 1; }
pdf=$(fetch -o "$WORK/bilan.pdf" -w '%{http_code} %{content_type} %{size_download}' "$url/Bilan/2017/Pdf")
echo "/Bilan/2017/Pdf: $pdf"
case "$pdf" in 200\ application/pdf*) ;; *) tail -50 "$WORK/portal.log"; exit 1 ;; esac
head -c 5 "$WORK/bilan.pdf" | grep -q '%PDF-' || { echo "Not a PDF"; exit 1; }
if command -v pdftotext >/dev/null; then
  pdftotext "$WORK/bilan.pdf" - | tr '\240\342\200\257' '    ' | grep -q '6 990 500' && echo "the PDF holds the 2017 total, 6 990 500"
fi
grep -q 'fontconfig' "$WORK/portal.log" && { echo "The portal logged a fontconfig error"; exit 1; }

step "done: the published portal serves the bilan's PDF without fontconfig"
