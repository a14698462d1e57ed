# lab-summary: Debian's multipath-tools 0.9.4 on scsi_debug 8x4 and a tcm_loop ALUA array; records tables, status, -ll into /out
# lab-timeout: 400
# The reference later work compares mpath against. Keep the results with
#     tests/lab/lab run reference-mpt --keep-output tests/lab/reference
# Each topology gets a directory with:
#   udev-db.txt        ID_SERIAL/ID_WWN we wrote for each path (what Debian's udev shows)
#   create.txt         `multipath -v2` output (map creation), create.time in ms
#   table.txt          `dmsetup table`        status.txt `dmsetup status`
#   ll.txt             `multipath -ll`        ll-v3.txt  `multipath -ll -v3` (timing in ll.time)
#   bindings, wwids    /etc/multipath/{bindings,wwids} after creation
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
vsan_mpt_config
rc=0

record() { # record NAME: runs multipath-tools on what exists now
	local dir=$OUT/$1 t0 t1
	mkdir -p "$dir"
	vsan_udev_db_all
	for f in /run/udev/data/b*; do
		echo "${f##*/} $(grep -E '^E:(ID_SERIAL|ID_WWN)=' "$f" | tr '\n' ' ')"
	done | sort >"$dir/udev-db.txt"
	vsan_paths >"$dir/paths.txt"
	t0=$(vsan_now_ms)
	timeout 120 multipath -v2 >"$dir/create.txt" 2>&1 || { echo "multipath -v2 failed"; rc=1; }
	t1=$(vsan_now_ms)
	echo $((t1 - t0)) >"$dir/create.time"
	dmsetup table | sort >"$dir/table.txt"
	dmsetup status | sort >"$dir/status.txt"
	t0=$(vsan_now_ms)
	timeout 120 multipath -ll >"$dir/ll.txt" 2>&1
	t1=$(vsan_now_ms)
	echo $((t1 - t0)) >"$dir/ll.time"
	t0=$(vsan_now_ms)
	timeout 120 multipath -ll -v3 >"$dir/ll-v3.txt" 2>&1
	echo $(($(vsan_now_ms) - t0)) >"$dir/ll-v3.time"
	cp /etc/multipath/bindings /etc/multipath/wwids "$dir/" 2>/dev/null
	local maps
	maps=$(dmsetup ls --target multipath 2>/dev/null | grep -vc 'No devices')
	echo "$1: $maps maps; create $(cat $dir/create.time) ms, -ll $(cat $dir/ll.time) ms, -ll -v3 $(cat $dir/ll-v3.time) ms"
	echo "$maps" >"$dir/maps.count"
	head -n 12 "$dir/ll.txt"
	[ "$maps" -ge "${2:-1}" ] || { echo "$1: expected ${2:-1} maps, got $maps"; rc=1; }
}

flush() {
	timeout 120 multipath -F >/dev/null 2>&1 || dmsetup remove_all -f
	rm -f /etc/multipath/bindings /etc/multipath/wwids
}

multipath -t >$OUT/multipath-t.txt 2>&1
cp /etc/multipath.conf $OUT/multipath.conf

# 1. scsi_debug: 8 LUNs x 4 paths, ALUA states per host (A/O, A/NO, standby, A/O)
vsan_scsi_debug 8 4 16 || exit 1
record scsi_debug-8x4 8
flush
modprobe -r scsi_debug
rm -rf /run/udev/data

# 2. LIO + tcm_loop: one array, 2 controllers (ctrl1 A/O, ctrl2 standby), 2 LUNs
vsan_alua_array lio 2 2 16 || exit 1
record tcm_loop-alua-2x2 2
# the same after an implicit failover: ctrl1 unavailable, ctrl2 A/O
vsan_alua_state lio ctrl1 unavailable
vsan_alua_state lio ctrl2 ao
for d in $(vsan_disks | awk '{print $1}'); do dd if=/dev/$d of=/dev/null bs=4096 count=1 iflag=direct 2>/dev/null; done
sleep 1
mkdir -p $OUT/tcm_loop-alua-failover
timeout 60 multipath -v2 >$OUT/tcm_loop-alua-failover/reload.txt 2>&1
vsan_paths >$OUT/tcm_loop-alua-failover/paths.txt
dmsetup table | sort >$OUT/tcm_loop-alua-failover/table.txt
dmsetup status | sort >$OUT/tcm_loop-alua-failover/status.txt
timeout 60 multipath -ll >$OUT/tcm_loop-alua-failover/ll.txt 2>&1
cat $OUT/tcm_loop-alua-failover/ll.txt
flush
exit $rc
