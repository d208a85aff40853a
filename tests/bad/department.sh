# A department that is not a name — a list, a mapping, a number, a boolean —
# is an error at its file:line:col, in a release alone and inside a volume
# (whose index groups releases by it): exit 1, an older output untouched.
. tests/lib.sh
cd "$T" || exit 1
printf 'old pdf bytes\n' >old.pdf
fm='---\ntitle: "T"\ndate: 2019-06-19\nlang: en\n'

printf -- "${fm}department: [Space, Science]\n---\n\nText.\n" >list.md
expect "department as a list" 1 "^list\.md:5:13: error: 'department' must be a string, not a list" list.md

printf -- "${fm}department: {name: Space}\n---\n\nText.\n" >map.md
expect "department as a mapping" 1 "^map\.md:5:13: error: 'department' must be a string, not a mapping" map.md

printf -- "${fm}department: 42\n---\n\nText.\n" >number.md
expect "department as a number" 1 "^number\.md:5:13: error: 'department' must be the department's name, not a number" number.md

printf -- "${fm}department: 1.5e3\n---\n\nText.\n" >real.md
expect "department as a real number" 1 "^real\.md:5:13: error: .*not a number" real.md

printf -- "${fm}department: false\n---\n\nText.\n" >bool.md
expect "department as a boolean" 1 "^bool\.md:5:13: error: .*not a boolean" bool.md

# inside a volume: reported at the release, every one of them, nothing written
mkdir -p w
printf -- "${fm}department: 7\n---\n\nText.\n" >w/a.md
printf -- "${fm}department:\n  - x\n---\n\nText.\n" >w/b.md
printf -- "${fm}department: \"Quoted 7 is a name\"\n---\n\nText.\n" >w/c.md
printf 'title: W\nissue: 1\ndate: 2019-06-21\nlang: en\nreleases:\n  - a.md\n  - b.md\n  - c.md\n' >w/w.yaml
printf 'title: V\nissue: 2019\ndate: 2019-12-31\nlang: en\nbulletins:\n  - w/w.yaml\n' >v.yaml
expect "departments in a volume: the first" 1 "^w/a\.md:5:13: error: .*not a number" -s archive v.yaml
expect "departments in a volume: the second too" 1 "^w/b\.md:6:3: error: 'department' must be a string, not a list" -s archive v.yaml
