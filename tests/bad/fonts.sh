# Fonts at start-up: a fontconfig that cannot load its configuration (the
# file missing, or a file it includes that does not parse) is a system error
# (3) with our message after fontconfig's own, never a render with whatever
# fonts its fallback finds; a configuration of one's own that loads renders.
. tests/lib.sh
cd "$T" || exit 1
printf 'old pdf bytes\n' >old.pdf
printf -- '---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n---\n\nSome text.\n' >r.md
msg='^bulletin: error: fontconfig cannot load its configuration'

export FONTCONFIG_FILE="$T/missing.conf"
expect "fontconfig's configuration missing: a system error" 3 "$msg" r.md

mkdir conf.d
printf '<fontconfig><match><bogus/></match' >conf.d/10-broken.conf
printf '<?xml version="1.0"?>\n<fontconfig>\n  <include>/etc/fonts/fonts.conf</include>\n  <include>%s/conf.d</include>\n</fontconfig>\n' "$T" >broken.conf
export FONTCONFIG_FILE="$T/broken.conf"
expect "a file fontconfig's configuration includes does not parse: a system error" 3 "$msg" r.md

printf '<?xml version="1.0"?>\n<fontconfig>\n  <include>/etc/fonts/fonts.conf</include>\n</fontconfig>\n' >own.conf
export FONTCONFIG_FILE="$T/own.conf"
check "a configuration of one's own that loads: rendered" "$BULLETIN" -q --root "$T" -o "$T/own.pdf" r.md
unset FONTCONFIG_FILE
