# lab-summary: mpathd: a path deleted and rescanned under I/O is back in its map; uevent -> reload latency
# lab-timeout: 180
# The path leaves (remove uevent: the map is reloaded without it) and comes
# back under a new name and dev_t after a host rescan (add uevent: the map is
# reloaded with it). mpathd measures, from the add uevent's receipt to the
# end of the reload, and logs "<map>: reload N ms after the uevent".
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }

vsan_mpt_config /lab/conf/mpathd.conf
vsan_scsi_debug 2 4 16 || exit 1
mpathd -d -s -v 4 >$OUT/mpathd.log 2>&1 &
maps_ready() { [ "$(dmsetup ls --target multipath 2>/dev/null | grep -c mpath)" -ge 2 ]; }
vsan_wait 30 maps_ready || bad "mpathd did not create 2 maps"
sleep 2
vsan_io_start /dev/mapper/mpatha readd
sleep 2
for round in 1 2 3; do
	victim=$(mpath ctl show map mpatha topology | awk '/ sd[a-z]+ /{for(i=1;i<=NF;i++) if($i ~ /^sd[a-z]+$/){print $i; exit}}')
	host=$(vsan_host_of "$victim")
	devt=$(vsan_devt "$victim")
	echo "round $round: deleting $victim ($devt, host$host)"
	vsan_path_delete "$victim"
	gone() { ! dmsetup table mpatha | grep -q " $devt "; }
	vsan_wait 10 gone || bad "$devt still in mpatha after delete"
	dmsetup table mpatha
	n_before=$(dmsetup table mpatha | grep -o ' [0-9]*:[0-9]* ' | wc -l)
	t0=$(vsan_now_ms)
	echo '- - -' >/sys/class/scsi_host/host$host/scan
	back() { [ "$(dmsetup table mpatha | grep -o ' [0-9]*:[0-9]* ' | wc -l)" -gt "$n_before" ]; }
	vsan_wait 10 back || bad "path not back in mpatha"
	echo "round $round: rescan -> path back in the table after $(($(vsan_now_ms) - t0)) ms (incl. SCSI scan)"
	dmsetup table mpatha
	sleep 3
done
vsan_io_stop readd || bad "iocheck"
grep -q '^IOCHECK .*errors=0 bad_blocks=0' $OUT/iocheck-readd.txt || bad "I/O errors"
echo "== latencies measured by mpathd (uevent receipt -> reload done)"
grep 'after the uevent' $OUT/mpathd.log
mpath ctl show metrics | grep uevent_to_reload
mpath ctl show topology
mpath ctl show paths
exit $rc
