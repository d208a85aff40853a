#!/bin/sh
# Install what bulletin needs to build, test and render on Debian bookworm
# (run as root). Installs only what is missing, so running it again is harmless.
set -eu
cd "$(dirname "$0")/.."
need="build-essential pkg-config libhpdf-dev libharfbuzz-dev libfreetype-dev
libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libfontconfig-dev libunibreak-dev
libpng-dev libjpeg62-turbo-dev zlib1g-dev libdeflate-dev libhyphen-dev hyphen-en-us icc-profiles-free libicu-dev
fonts-nanum fonts-noto-core fonts-noto-cjk poppler-utils qpdf python3-pikepdf python3-yaml
python3-fonttools libxml2-utils unicode-data libharfbuzz-bin
valgrind mblaze msmtp python3-aiosmtpd tidy"
missing=""
for p in $need; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "deps: apt-get install$missing"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 $missing
fi
# the accessibility checker the tests run: its pdfjs-dist (npm, from its lock file)
sh tests/tools/pdfa11y/install.sh
echo "deps: ok"
