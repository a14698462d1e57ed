#!/bin/sh
# `meson install --destdir` of the build directory must put exactly the files
# of expected-files.txt in place (no more, no fewer, symlinks pointing where
# they should), and the installed unit and rules must name the installed
# programs by their installed paths.
#   check-install.sh BUILD_DIR EXPECTED NAME=DIR...
set -eu
build=$1
expected=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
meson install -C "$build" --destdir "$work/root" --no-rebuild --quiet >"$work/log" 2>&1 ||
	{ echo "FAIL: meson install"; cat "$work/log"; exit 1; }

sed_args=""
for kv in "$@"; do
	sed_args="$sed_args -e s|@${kv%%=*}@|${kv#*=}|g"
done
# shellcheck disable=SC2086
grep -v '^#' "$expected" | sed $sed_args | LC_ALL=C sort >"$work/want"
(cd "$work/root" && find . \( -type f -o -type l \) | sed 's|^\.||' | LC_ALL=C sort |
	while read -r f; do
		if [ -L "$work/root$f" ]; then
			echo "$f -> $(readlink "$work/root$f")"
		else
			echo "$f"
		fi
	done) >"$work/got"
rc=0
if ! diff -u "$work/want" "$work/got"; then
	echo "FAIL: installed files differ from $expected (- expected, + installed)"
	rc=1
fi

sbindir="" unit="" udev="" hook=""
for kv in "$@"; do
	case $kv in
	SBINDIR=*) sbindir=${kv#*=} ;;
	UNITDIR=*) unit=${kv#*=} ;;
	UDEVDIR=*) udev=${kv#*=} ;;
	DATADIR=*) hook=$work/root${kv#*=}/initramfs-tools/hooks/mpath ;;
	esac
done
grep -qx "ExecStart=$sbindir/mpathd -d -s" "$work/root$unit/mpathd.service" ||
	{ echo "FAIL: mpathd.service does not start $sbindir/mpathd"; rc=1; }
grep -q "IMPORT{program}=\"$sbindir/mpath -u %k\"" "$work/root$udev/rules.d/60-mpath-path.rules" ||
	{ echo "FAIL: 60-mpath-path.rules does not run $sbindir/mpath -u"; rc=1; }
grep -q '^ListenStream=@/org/kernel/linux/storage/multipathd$' "$work/root$unit/mpathd.socket" ||
	{ echo "FAIL: mpathd.socket is not on multipathd's abstract name"; rc=1; }
if grep -rl '@[A-Z]*@' "$work/root$unit" "$work/root$udev" ${hook:+"$hook"} 2>/dev/null; then
	echo "FAIL: unsubstituted @VAR@ left in the files above"
	rc=1
fi
if [ -n "$hook" ]; then
	[ -x "$hook" ] || { echo "FAIL: initramfs hook not executable"; rc=1; }
	grep -q "copy_exec $sbindir/mpath\$" "$hook" || { echo "FAIL: initramfs hook does not copy $sbindir/mpath"; rc=1; }
	sh -n "$hook" || { echo "FAIL: initramfs hook: shell syntax"; rc=1; }
fi
[ $rc = 0 ] && echo "ok: $(wc -l <"$work/got") files installed as expected"
exit $rc
