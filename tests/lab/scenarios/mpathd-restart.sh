# lab-summary: kill -9 of mpathd under I/O, restart: maps adopted without reload, 0 I/O errors; also maps made by multipath-tools 0.9.4
# lab-timeout: 240
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }
maps_ready() { [ "$(dmsetup ls --target multipath 2>/dev/null | grep -c mpath)" -ge 2 ]; }
reloads() { mpath ctl show metrics | awk '/^mpathd_reloads_total /{print $2}'; }

mkdir -p /etc/multipath
cp /lab/conf/multipath.conf /etc/multipath.conf
vsan_scsi_debug 2 4 16 || exit 1

# 1. mpathd creates, is killed, and adopts its own maps
mpathd -d -s -v 3 >$OUT/mpathd-1.log 2>&1 &
pid=$!
vsan_wait 30 maps_ready || bad "mpathd did not create 2 maps"
sleep 2
dmsetup table | sort >$OUT/table-before.txt
vsan_io_start /dev/mapper/mpatha restart
sleep 2
kill -9 $pid
echo "mpathd killed with SIGKILL"
sleep 2
maps_ready || bad "maps gone after kill -9"
mpathd -d -s -v 3 >$OUT/mpathd-2.log 2>&1 &
pid=$!
vsan_wait 20 mpath ctl show daemon >/dev/null || bad "restarted mpathd does not answer"
sleep 3
dmsetup table | sort >$OUT/table-after.txt
cmp -s $OUT/table-before.txt $OUT/table-after.txt || { bad "tables changed"; diff $OUT/table-before.txt $OUT/table-after.txt; }
r=$(reloads)
echo "restart: reloads/creates by the new mpathd: $r"
[ "$r" = 0 ] || bad "restart reloaded $r maps"
grep 'adopted' $OUT/mpathd-2.log
sleep 2
vsan_io_stop restart || bad "iocheck"
grep -q '^IOCHECK .*errors=0 bad_blocks=0' $OUT/iocheck-restart.txt || bad "I/O errors"
kill $pid
sleep 1

# 2. maps made by multipath-tools 0.9.4, its daemon stopped first
DM_DISABLE_UDEV=1 dmsetup remove_all -f
rm -f /etc/multipath/bindings /etc/multipath/wwids
vsan_udev_db_all
multipath -v2 >$OUT/mpt-create.txt 2>&1
maps_ready || bad "multipath-tools did not create 2 maps"
multipathd -d -s >$OUT/multipathd.log 2>&1 &
mpid=$!
sleep 5
kill $mpid
sleep 2
dmsetup table | sort >$OUT/table-mpt.txt
cat $OUT/table-mpt.txt
vsan_io_start /dev/mapper/mpatha mpt
sleep 1
mpathd -d -s -v 3 >$OUT/mpathd-3.log 2>&1 &
pid=$!
vsan_wait 20 mpath ctl show daemon >/dev/null || bad "mpathd does not answer"
sleep 3
r=$(reloads)
echo "adopting multipath-tools' maps: reloads/creates: $r"
grep -E 'adopted|reload|rename' $OUT/mpathd-3.log | head
dmsetup table | sort | diff $OUT/table-mpt.txt - && echo "tables unchanged"
sleep 2
vsan_io_stop mpt || bad "iocheck (multipath-tools maps)"
grep -q '^IOCHECK .*errors=0 bad_blocks=0' $OUT/iocheck-mpt.txt || bad "I/O errors (multipath-tools maps)"
mpath ctl show topology
exit $rc
