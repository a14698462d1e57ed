#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# mpath-sysfs-capture end to end: a small fake sysfs captured as a directory,
# a .tar and a .tar.gz must give the same tree; bad arguments exit 2.
# Usage: capture-cli.sh PATH/TO/mpath-sysfs-capture
set -u
CAP=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/capture-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

S=$T/sys
D=devices/platform/host3/session1/target3:0:0/3:0:0:0
mkdir -p "$S/$D/block/sdb/queue" "$S/block" "$S/class/scsi_device" \
	"$S/devices/platform/host3/session1/iscsi_session/session1"
printf 'LIO-ORG \n' >"$S/$D/vendor"
printf '\000\203\000\010\001\003\000\004\377\000\001\002' >"$S/$D/vpd_pg83"
printf '8:16\n' >"$S/$D/block/sdb/dev"
printf '4096\n' >"$S/$D/block/sdb/queue/logical_block_size"
printf 'iqn.2003-01.org.example:t1\n' >"$S/devices/platform/host3/session1/iscsi_session/session1/targetname"
ln -s ../../../3:0:0:0 "$S/$D/block/sdb/device"
ln -s "../$D/block/sdb" "$S/block/sdb"
ln -s "../../$D/scsi_device/3:0:0:0" "$S/class/scsi_device/3:0:0:0"
mkdir -p "$S/$D/scsi_device/3:0:0:0"
ln -s ../../../3:0:0:0 "$S/$D/scsi_device/3:0:0:0/device"
# A name beyond ustar's 100+155 limits needs a GNU long-name record.
L=$(printf 'x%.0s' $(seq 1 120))
mkdir -p "$S/$D/scsi_disk/$L"
printf 'write back\n' >"$S/$D/scsi_disk/$L/cache_type"

"$CAP" --quiet --sysfs "$S" "$T/dir" || fail "dir capture"
cmp "$S/$D/vpd_pg83" "$T/dir/block/sdb/device/vpd_pg83" || fail "vpd_pg83 differs"
[ "$(readlink "$T/dir/block/sdb")" = "../$D/block/sdb" ] || fail "block/sdb link"
[ -f "$T/dir/devices/platform/host3/session1/iscsi_session/session1/targetname" ] ||
	fail "iscsi session of an ancestor not captured"
[ -f "$T/dir/$D/scsi_disk/$L/cache_type" ] || fail "long name"

if command -v tar >/dev/null; then
	"$CAP" --quiet --sysfs="$S" "$T/c.tar" || fail "tar capture"
	mkdir "$T/x1" && tar -xf "$T/c.tar" -C "$T/x1" || fail "tar -x"
	diff -r --no-dereference "$T/dir" "$T/x1" >&2 || fail ".tar differs from the directory"
	if command -v gzip >/dev/null || command -v busybox >/dev/null; then
		"$CAP" --sysfs "$S" "$T/c.tar.gz" 2>"$T/err" || fail "tar.gz capture"
		grep -q 'c.tar.gz: .* files' "$T/err" || fail "summary: $(cat "$T/err")"
		mkdir "$T/x2" && gzip -dc "$T/c.tar.gz" | tar -xf - -C "$T/x2" || fail "untar gz"
		diff -r --no-dereference "$T/dir" "$T/x2" >&2 || fail ".tar.gz differs"
	fi
fi

"$CAP" --quiet --sysfs "$S" "$T/dir" 2>"$T/err" && fail "reused a non-empty directory"
grep -q 'not empty' "$T/err" || fail "message for non-empty output"
"$CAP" >/dev/null 2>&1; [ $? = 2 ] || fail "no OUTPUT should exit 2"
"$CAP" --bogus "$T/o" >/dev/null 2>&1; [ $? = 2 ] || fail "unknown option should exit 2"
"$CAP" "$T/a" "$T/b" >/dev/null 2>&1; [ $? = 2 ] || fail "two outputs should exit 2"
"$CAP" --sysfs >/dev/null 2>&1; [ $? = 2 ] || fail "--sysfs without value should exit 2"
"$CAP" --quiet --sysfs "$T/missing" "$T/o2" 2>"$T/err"; [ $? = 1 ] || fail "missing root"
grep -q 'missing' "$T/err" || fail "missing root message"
"$CAP" --quiet --sysfs "$S" "$T/no/such/dir/c.tar" 2>/dev/null && fail "unwritable output"
echo "ok"
