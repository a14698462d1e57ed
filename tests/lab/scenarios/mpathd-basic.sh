# lab-summary: mpathd on scsi_debug 2 LUNs x 4 paths: maps created, path offline/online under I/O, multipathd 0.9.4 client answered
# lab-timeout: 180
# Starts mpathd on an empty system, checks that it created one map per LUN
# and answers show commands (ours and multipath-tools' client), then takes a
# path offline and back under iocheck: the path must be failed and
# reinstated in the kernel by the daemon, with 0 I/O errors.
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }

vsan_mpt_config /lab/conf/mpathd.conf
vsan_scsi_debug 2 4 16 || exit 1

t0=$(vsan_now_ms)
mpathd -d -s -v 3 >$OUT/mpathd.log 2>&1 &
echo $! >/run/mpathd.test.pid
maps_ready() { [ "$(dmsetup ls --target multipath 2>/dev/null | grep -c mpath)" -ge 2 ]; }
vsan_wait 30 maps_ready || bad "mpathd did not create 2 maps"
vsan_wait 10 mpath ctl show daemon >/dev/null || bad "mpathd does not answer"
echo "mpathd: 2 maps after $(($(vsan_now_ms) - t0)) ms"
sleep 2
echo "== mpath ctl show topology"; mpath ctl show topology
echo "== mpath ctl show paths"; mpath ctl show paths
echo "== multipathd (0.9.4 client) show paths"; multipathd show paths || bad "multipathd client: show paths"
echo "== multipathd -k'show maps'"; multipathd -k'show maps' || bad "multipathd client: show maps"
echo "== multipathd show topology"; multipathd show topology | tee $OUT/topology.txt
grep -q '^mpatha ' $OUT/topology.txt || bad "show topology has no mpatha"
[ "$(multipathd show paths format '%d %T' | grep -c ready)" -eq 8 ] || bad "not 8 ready paths"

vsan_io_start /dev/mapper/mpatha basic
sleep 2
victim=$(mpath ctl show map mpatha topology | awk '/ sd[a-z]+ /{for(i=1;i<=NF;i++) if($i ~ /^sd[a-z]+$/){print $i; exit}}')
echo "victim: $victim"
vsan_path_offline "$victim"
t1=$(vsan_now_ms)
failed() { multipathd show paths format '%d %t %T' | grep -q "^$victim *failed *faulty"; }
vsan_wait 10 failed || bad "$victim not failed by mpathd"
echo "offline -> failed in dm: $(($(vsan_now_ms) - t1)) ms"
dmsetup status mpatha
sleep 2
vsan_path_online "$victim"
t1=$(vsan_now_ms)
back() { multipathd show paths format '%d %t %T' | grep -q "^$victim *active *ready"; }
vsan_wait 10 back || bad "$victim not reinstated"
echo "online -> reinstated: $(($(vsan_now_ms) - t1)) ms"
dmsetup status mpatha
sleep 2
vsan_io_stop basic || bad "iocheck"
grep -q '^IOCHECK .*errors=0 bad_blocks=0' $OUT/iocheck-basic.txt || bad "I/O errors"
echo "== show events path $victim"; mpath ctl show events path "$victim"
echo "== show status"; mpath ctl show status
kill "$(cat /run/mpathd.test.pid)"; sleep 1
[ "$(dmsetup ls --target multipath | grep -c mpath)" -ge 2 ] || bad "maps gone after mpathd exit"
tail -n 30 $OUT/mpathd.log
exit $rc
