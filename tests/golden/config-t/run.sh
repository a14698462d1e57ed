#!/bin/sh
# Compares `mpath -t` with multipath-tools 0.9.4's `multipath -t`, value by value,
# for every config of tests/lab/conf/golden (and XenServer's file). The outputs
# were recorded in the lab by the config-golden-mpt scenario: empty.t whole
# (the empty file; no file at all gives the same), the others as NAME.t.diff
# against it (diff -U1 empty.t NAME.t), to keep 1,100 repeated lines out of
# the tree; NAME.err holds 0.9.4's warnings. Differences we chose are listed in
# expected-diff.txt ("NAME: <diff line>") and must stay exactly those.
# usage: run.sh MPATH SOURCE_ROOT
set -u
mpath=$1 root=$2
here=$root/tests/golden/config-t conf=$root/tests/lab/conf
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
for rec in "$here"/empty.t "$here"/*.t.diff; do
	n=${rec##*/}; n=${n%.diff}; n=${n%.t}
	golden=$tmp/$n.t
	if [ "$n" = empty ]; then
		cp "$rec" "$golden"
	elif ! patch -s -o "$golden" "$here/empty.t" "$rec" >/dev/null; then
		echo "$n: cannot rebuild the golden output from $rec"; fail=1; continue
	fi
	case $n in
	xenserver) f=$conf/xenserver-multipath.conf ;;
	*) f=$conf/golden/$n.conf ;;
	esac
	d=""; [ -d "$conf/golden/$n.d" ] && d=$conf/golden/$n.d
	if ! "$mpath" -t --config "$f" --config-dir "$d" >"$tmp/$n.out" 2>"$tmp/$n.err"; then
		echo "$n: mpath -t failed:"; cat "$tmp/$n.err"; fail=1; continue
	fi
	awk -f "$here/flatten.awk" "$golden" | sort >"$tmp/$n.want"
	awk -f "$here/flatten.awk" "$tmp/$n.out" | sort >"$tmp/$n.got"
	[ "$(wc -l <"$tmp/$n.want")" -gt 100 ] || { echo "$n: golden file too short"; fail=1; }
	diff "$tmp/$n.want" "$tmp/$n.got" | grep '^[<>]' | sed "s|^|$n: |" >"$tmp/$n.diff"
	grep "^$n: " "$here/expected-diff.txt" | grep -v '^#' >"$tmp/$n.expected"
	if ! cmp -s "$tmp/$n.diff" "$tmp/$n.expected"; then
		echo "$n: mpath -t differs from multipath -t (0.9.4) beyond expected-diff.txt:"
		diff "$tmp/$n.expected" "$tmp/$n.diff"
		fail=1
	else
		echo "$n: $(wc -l <"$tmp/$n.want") values, $(wc -l <"$tmp/$n.expected") expected difference(s)"
	fi
done
exit $fail
