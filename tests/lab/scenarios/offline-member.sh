# lab-summary: one of a LUN's two paths offline before `mpath` runs: map with the usable path (0.9.4 recorded alongside); back online: mpathd adds it within a polling interval
# lab-timeout: 240
# An offline SCSI device cannot be opened, so a table naming it does not
# load: the map must be created without it, and the path added once its
# device runs again (no uevent says so: mpathd rereads it every
# polling_interval, 1 s in conf/mpathd.conf).
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }

vsan_mpt_config /lab/conf/mpathd.conf
vsan_scsi_debug 1 2 16 || exit 1
vsan_udev_db_all
set -- $(vsan_disks | awk '{print $1}')
good=$1 victim=$2
gdev=$(vsan_devt "$good") vdev=$(vsan_devt "$victim")
echo "usable path $good ($gdev), offline path $victim ($vdev)"
vsan_path_offline "$victim"

map_paths() { dmsetup table --target multipath 2>/dev/null | grep -oE '[0-9]+:[0-9]+' | sort -u | tr '\n' ' '; }

# multipath-tools 0.9.4 on the same devices, for the record
timeout 60 multipath -v2 >$OUT/mpt-create.txt 2>&1
echo "multipath-tools 0.9.4: rc=$? maps=$(dmsetup ls --target multipath | grep -vc 'No devices') paths: $(map_paths)"
dmsetup table --target multipath | tee $OUT/mpt-table.txt
timeout 60 multipath -F >/dev/null 2>&1 || dmsetup remove_all -f
rm -f /etc/multipath/bindings /etc/multipath/wwids

# mpath
mpath -v2 >$OUT/mpath-create.txt 2>&1 || bad "mpath -v2 exit status $?"
cat $OUT/mpath-create.txt
dmsetup table --target multipath | tee $OUT/mpath-table.txt
[ "$(dmsetup ls --target multipath | grep -vc 'No devices')" = 1 ] || bad "mpath did not create the map"
case " $(map_paths)" in *" $gdev "*) ;; *) bad "the map lacks the usable path $gdev" ;; esac
case " $(map_paths)" in *" $vdev "*) bad "the map names the offline path $vdev" ;; esac

# mpathd adopts it, the path comes back
mpathd -d -s -v 3 >$OUT/mpathd.log 2>&1 &
echo $! >/run/mpathd.test.pid
vsan_wait 20 mpath ctl show daemon >/dev/null || bad "mpathd does not answer"
sleep 2
case " $(map_paths)" in *" $vdev "*) bad "mpathd added $vdev while it is offline" ;; esac
vsan_path_online "$victim"
t0=$(vsan_now_ms)
added() { case " $(map_paths)" in *" $vdev "*) return 0 ;; esac; return 1; }
if vsan_wait 10 added; then
	ms=$(($(vsan_now_ms) - t0))
	echo "online -> in the map: $ms ms (polling_interval 1 s)"
	[ $ms -le 2000 ] || bad "added after $ms ms, more than a polling interval (+1 s for TCG)"
else
	bad "$victim not added by mpathd within 10 s"
fi
dmsetup table --target multipath
ready() { mpath ctl show paths format '%d %t %T' | grep -q "^$victim *active *ready"; }
vsan_wait 10 ready || bad "$victim not active/ready in mpathd"
mpath ctl show paths format '%d %t %T'
grep -E "left out|syncing its map" $OUT/mpathd.log
kill "$(cat /run/mpathd.test.pid)"; sleep 1
exit $rc
