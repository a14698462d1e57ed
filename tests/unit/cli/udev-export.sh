#!/bin/sh
# mpath -u DEV as udev's IMPORT{program} runs it: exactly one property line,
# DM_MULTIPATH_DEVICE_PATH="1" and exit 0 for a path of a multipath map,
# "0" and exit 1 for a single-path local disk under find_multipaths yes.
# Fixture: tests/fixtures/local-disk-plus-array (one local disk sda, two LIO
# LUNs with two paths each).
#   udev-export.sh MPATH_BINARY SOURCE_ROOT
set -eu
mpath=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sys" "$work/state"
tar -xzf "$src/tests/fixtures/local-disk-plus-array.tar.gz" -C "$work/sys"
sys=$work/sys
[ -d "$sys/block" ] || sys=$work/sys/sys
printf 'defaults {\n\tfind_multipaths yes\n}\n' >"$work/multipath.conf"
failed=0
check() { # DEV WANT_VALUE WANT_STATUS
	status=0
	"$mpath" -u "$1" --sysfs-root "$sys" --config "$work/multipath.conf" \
		--state-dir "$work/state" >"$work/out" 2>"$work/err" || status=$?
	want="DM_MULTIPATH_DEVICE_PATH=\"$2\""
	if [ "$(cat "$work/out")" != "$want" ] || [ "$status" != "$3" ]; then
		echo "FAIL mpath -u $1: got '$(cat "$work/out")' exit $status, want '$want' exit $3"
		cat "$work/err"
		failed=$((failed + 1))
	else
		echo "ok mpath -u $1: $want exit $status"
	fi
}
check sdb 1 0
check sdd 1 0
check sda 0 1
check nosuchdev 0 1
# -c keeps its sentence for admins
"$mpath" -c sdb --sysfs-root "$sys" --config "$work/multipath.conf" --state-dir "$work/state" |
	grep -qx 'sdb is a valid multipath device path' || { echo "FAIL mpath -c sdb"; failed=$((failed + 1)); }
exit $failed
