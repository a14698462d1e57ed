# lab-summary: mpathd no_path_retry: queue with all paths down 60 s then back (I/O completes); no_path_retry 3 fails I/O after ~3 intervals
# lab-timeout: 300
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }
conf() {
	cat >/etc/multipath.conf <<CONF
defaults {
	find_multipaths no
	user_friendly_names yes
	polling_interval 2
	path_grouping_policy multibus
	no_path_retry $1
}
CONF
}
mkdir -p /etc/multipath
conf queue
vsan_scsi_debug 1 2 16 || exit 1
mpathd -d -s -v 3 >$OUT/mpathd.log 2>&1 &
one_map() { dmsetup ls --target multipath 2>/dev/null | grep -q mpatha; }
vsan_wait 30 one_map || bad "no map"
sleep 2
paths=$(vsan_disks | awk '{print $1}')

# 1. queue: all paths down for 60 s, I/O waits and completes
vsan_io_start /dev/mapper/mpatha queue
sleep 2
for p in $paths; do vsan_path_offline "$p"; done
t0=$(vsan_now_ms)
sleep 60
mpath ctl show topology
for p in $paths; do vsan_path_online "$p"; done
sleep 6
vsan_io_stop queue || bad "iocheck (queue)"
grep -q '^IOCHECK .*errors=0 bad_blocks=0' $OUT/iocheck-queue.txt || bad "I/O lost with no_path_retry queue"
grep '^IOCHECK' $OUT/iocheck-queue.txt

# 2. no_path_retry 3 with polling_interval 2: I/O fails after ~6 s
conf 3
mpath ctl reconfigure
sleep 3
mpath ctl show maps format '"%n %Q"'
for p in $paths; do vsan_path_offline "$p"; done
t0=$(vsan_now_ms)
dd if=/dev/mapper/mpatha of=/dev/null bs=4096 count=1 iflag=direct 2>$OUT/dd.err
t1=$(vsan_now_ms)
echo "no_path_retry 3 x polling_interval 2 s: the read failed after $((t1 - t0)) ms"
echo "npr_fail_ms=$((t1 - t0))" >>$OUT/figures.txt
[ $((t1 - t0)) -ge 4000 ] && [ $((t1 - t0)) -le 10000 ] || bad "expected ~6 s (3 +- 1 intervals), got $((t1 - t0)) ms"
mpath ctl show events map mpatha
for p in $paths; do vsan_path_online "$p"; done
sleep 5
mpath ctl show maps format '"%n %Q"'
dmsetup table mpatha | grep -q queue_if_no_path || bad "queueing not restored after a path came back"
exit $rc
