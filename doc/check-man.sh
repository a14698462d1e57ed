#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Render every man page in doc/ and fail on any warning; then check that the
# pages name every config keyword, daemon command word and CLI long option
# the code knows, so code and documentation cannot drift apart silently.
# Usage: doc/check-man.sh [SOURCE_ROOT]   (exit 77 = skipped: no formatter)
set -u
root=${1:-$(dirname "$0")/..}
doc=$root/doc
fail=0
export LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat PAGER=cat

pages="$doc/mpath.8 $doc/mpathd.8 $doc/mpath.conf.5"

if command -v man >/dev/null 2>&1; then
	render() { { man --warnings -l "$1" >/dev/null; } 2>&1; }
elif command -v groff >/dev/null 2>&1; then
	render() { groff -man -t -ww -z "$1" 2>&1; }
else
	echo "check-man: neither man nor groff installed; skipping" >&2
	exit 77
fi

for p in $pages; do
	out=$(render "$p")
	if [ -n "$out" ]; then
		printf '%s: render warnings:\n%s\n' "$p" "$out" >&2
		fail=1
	fi
	if command -v mandoc >/dev/null 2>&1; then
		out=$(mandoc -T lint -W warning "$p" 2>&1)
		if [ -n "$out" ]; then
			printf '%s: mandoc lint:\n%s\n' "$p" "$out" >&2
			fail=1
		fi
	fi
done

# words $file: the page's text with roff's \- turned back into -
words() { sed 's/\\-/-/g' "$1"; }

# need PAGE WHAT NAME...: every NAME must appear in PAGE as a whole word
need() {
	page=$1 what=$2
	shift 2
	text=$(words "$page")
	for w in "$@"; do
		if ! printf '%s\n' "$text" | grep -qw -- "$w"; then
			echo "$page: $what \"$w\" is not documented" >&2
			fail=1
		fi
	done
}

kw=$(sed -n 's/.*\.name = "\([a-z_0-9]*\)".*/\1/p; s/.*SHAKY("\([a-z_0-9]*\)".*/\1/p' \
	"$root/lib/config/keywords.c")
[ -n "$kw" ] || { echo "check-man: no keywords found in lib/config/keywords.c" >&2; fail=1; }
# shellcheck disable=SC2086
need "$doc/mpath.conf.5" keyword $kw

cmds=$(sed -n 's/^[[:space:]]*{"\([a-z]*\)", KW_.*/\1/p' "$root/daemon/server/command_parse.c")
[ -n "$cmds" ] || { echo "check-man: no command words found in daemon/server/command_parse.c" >&2; fail=1; }
# shellcheck disable=SC2086
need "$doc/mpathd.8" "command word" $cmds

opts=$(sed -n 's/^[[:space:]]*{"\([a-z-]*\)", [a-z_]*_argument.*/--\1/p' "$root/cli/options.c" \
	"$root/cli/persist_options.c")
[ -n "$opts" ] || { echo "check-man: no long options found in cli/options.c" >&2; fail=1; }
# shellcheck disable=SC2086
need "$doc/mpath.8" option $opts

exit $fail
