#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# examples/mpath-list end to end, linked against libmpath.so: on an empty
# captured sysfs it lists nothing and its JSON says so; a missing named
# config file and bad arguments fail with the documented exit codes.
# Usage: example-cli.sh PATH/TO/mpath-list
set -u
LIST=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/mpath-list.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$T/sys/block"
out=$("$LIST" --sysfs-root "$T/sys" --check -v) || fail "plain listing exited $?"
[ -z "$out" ] || fail "maps listed from an empty tree: $out"
out=$("$LIST" --sysfs-root "$T/sys" --json) || fail "--json exited $?"
echo "$out" | grep -q '"maps": *\[' || fail "no maps array in: $out"
"$LIST" --sysfs-root "$T/sys" --config "$T/none.conf" 2>"$T/err"
[ $? -eq 1 ] || fail "missing config file did not exit 1"
grep -q 'none.conf' "$T/err" || fail "error does not name the file: $(cat "$T/err")"
"$LIST" --bogus 2>/dev/null
[ $? -eq 2 ] || fail "bad option did not exit 2"
"$LIST" extra 2>/dev/null
[ $? -eq 2 ] || fail "stray argument did not exit 2"
# only the shared library: no module code linked in
nm "$LIST" 2>/dev/null | grep -q ' T mp_world_read' && fail "engine linked statically"
exit 0
