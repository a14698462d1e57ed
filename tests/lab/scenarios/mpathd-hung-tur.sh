# lab-summary: tur without threads: every path's TUR in flight on its own /dev/sgN fd while the device hangs, threads constant, offline path failed and back
# lab-timeout: 150
# mpathd's tur checker sends TEST UNIT READY through the sg driver's
# write()/poll()/read() interface on the loop (daemon/runtime/scsi_async.c).
# With every scsi_debug command delayed by 8 s, each path's check must be
# waiting on its own /dev/sgN descriptor (the blocking form would hold a
# worker thread and a /dev/sdX descriptor instead), the thread count must
# stay 1 + workers, and once the delay is gone every path is ready again.
# An offline path (its sg node refuses to open) is failed, then reinstated.
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }

vsan_mpt_config /lab/conf/mpathd.conf
vsan_scsi_debug 1 4 16 || exit 1
modprobe sg 2>/dev/null
ls /sys/class/scsi_generic/ >/dev/null 2>&1 || { echo "SKIP: no sg driver"; exit 77; }

mpathd -d -s -v 3 >$OUT/mpathd.log 2>&1 &
pid=$!
maps_ready() { [ "$(dmsetup ls --target multipath 2>/dev/null | grep -c mpath)" -ge 1 ]; }
vsan_wait 30 maps_ready || bad "mpathd did not create the map"
ready4() { [ "$(mpath ctl show paths format '%d|%T' | grep -c '|ready')" -eq 4 ]; }
vsan_wait 15 ready4 || bad "not 4 ready paths"
threads0=$(ls /proc/$pid/task | wc -l)
echo "threads at rest: $threads0"

# Every command now takes 8 s: checks (1 s interval) stay in flight.
for i in 1 2 3 4 5; do vsan_latency 8000 && break; sleep 1; done
sg_fds() { ls -l /proc/$pid/fd 2>/dev/null | grep -c ' -> /dev/sg'; }
sd_fds() { ls -l /proc/$pid/fd 2>/dev/null | grep -c ' -> /dev/sd'; }
four_inflight() { [ "$(sg_fds)" -ge 4 ]; }
vsan_wait 10 four_inflight || bad "TURs not in flight on /dev/sgN fds ($(sg_fds))"
echo "while hung: $(sg_fds) /dev/sgN fds, $(sd_fds) /dev/sdX fds, $(ls /proc/$pid/task | wc -l) threads"
ls -l /proc/$pid/fd | grep -E 'sg|sd' | head
[ "$(ls /proc/$pid/task | wc -l)" -eq "$threads0" ] || bad "thread count changed"
t0=$(vsan_now_ms)
mpath ctl show daemon >/dev/null || bad "daemon does not answer while devices hang"
echo "show daemon while 4 TURs hang: $(($(vsan_now_ms) - t0)) ms"
for i in $(seq 1 20); do vsan_latency 0 && [ "$(cat $VSAN_SDEBUG/delay)" = 0 ] && break; sleep 1; done
vsan_wait 40 ready4 || bad "paths not ready after the delay went away"
mpath ctl show paths

victim=$(mpath ctl show paths format '%d' | grep -m1 '^sd')
vsan_path_offline "$victim"
faulty() { mpath ctl show paths format '%d|%T' | grep -q "^$victim|faulty"; }
vsan_wait 10 faulty || bad "$victim not faulty while offline"
mpath ctl show paths format '%d|%T|%t'
vsan_path_online "$victim"
vsan_wait 15 ready4 || bad "$victim not ready again"
grep -i "tur" $OUT/mpathd.log | tail -n 8
kill $pid; sleep 1
exit $rc
