# lab-summary: XenServer's shipped multipath.conf under mpathd on scsi_debug 2x4 and LIO 2x2: mpathd starts, its maps equal multipath-tools 0.9.4's tables
# lab-timeout: 300
# conf/xenserver-multipath.conf is XenServer's file (xapi-project/sm) as data.
# It has a device entry without product (LIO-ORG), which multipath-tools drops
# with a warning; mpathd used to refuse to start on it. For each topology:
# mpathd creates the maps, we keep `dmsetup table`, stop mpathd, remove the
# maps, let multipath-tools 0.9.4 (multipathd) create them from the same
# file, and the two tables must be equal, map by map. (Each table is read
# while its daemon runs: both switch queueing off when they stop.)
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }

vsan_mpt_config /lab/conf/xenserver-multipath.conf
rm -rf /etc/multipath/conf.d

count_maps() { dmsetup ls --target multipath 2>/dev/null | grep -vc 'No devices'; }
clear_maps() {
	dmsetup remove_all -f >/dev/null 2>&1
	rm -f /etc/multipath/bindings /etc/multipath/wwids
}

compare() { # compare NAME EXPECTED_MAPS
	local dir=$OUT/$1 t0 n
	mkdir -p "$dir"
	vsan_paths >"$dir/paths.txt"
	clear_maps
	t0=$(vsan_now_ms)
	mpathd -d -s -v 3 >"$dir/mpathd.log" 2>&1 &
	echo $! >/run/mpathd.test.pid
	have_maps() { [ "$(count_maps)" -ge "$2" ]; }
	vsan_wait 30 have_maps "$1" "$2" || bad "$1: mpathd made $(count_maps) maps, expected $2"
	sleep 2 # let the checkers settle the groups
	kill -0 "$(cat /run/mpathd.test.pid)" 2>/dev/null || bad "$1: mpathd is not running"
	echo "$1: mpathd: $(count_maps) maps after $(($(vsan_now_ms) - t0)) ms"
	grep -i 'product\|refus' "$dir/mpathd.log" | head -n 5
	dmsetup table | sort >"$dir/table-mpathd.txt"
	kill "$(cat /run/mpathd.test.pid)"; sleep 1
	clear_maps
	# multipathd makes the maps: multipath(8) alone leaves queueing out when no
	# daemon runs, so only the daemon's tables compare with mpathd's
	vsan_udev_db_all
	t0=$(vsan_now_ms)
	multipathd -d -s >"$dir/multipathd.log" 2>&1 &
	echo $! >/run/multipathd.test.pid
	vsan_wait 60 have_maps "$1" "$2" || bad "$1: multipathd made $(count_maps) maps, expected $2"
	sleep 3
	dmsetup table | sort >"$dir/table-mpt.txt"
	n=$(count_maps)
	echo "$1: multipathd 0.9.4: $n maps after $(($(vsan_now_ms) - t0)) ms"
	grep -i 'product\|missing' "$dir/multipathd.log" | head -n 3
	kill "$(cat /run/multipathd.test.pid)"; sleep 2
	[ "$n" -ge "$2" ] || bad "$1: multipath-tools made $n maps, expected $2"
	if cmp -s "$dir/table-mpathd.txt" "$dir/table-mpt.txt"; then
		echo "$1: tables equal ($n maps)"
	else
		bad "$1: tables differ"
		diff "$dir/table-mpt.txt" "$dir/table-mpathd.txt"
	fi
	cat "$dir/table-mpt.txt"
	clear_maps
}

vsan_scsi_debug 2 4 16 || exit 1
compare scsi_debug-2x4 2
modprobe -r scsi_debug
rm -rf /run/udev/data

vsan_alua_array lio 2 2 16 || exit 1
compare lio-alua-2x2 2
exit $rc
