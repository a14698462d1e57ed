# lab-summary: scsi_debug 2 LUNs x 4 paths, hand-made dm map, iocheck while a path goes offline and back
# lab-timeout: 120
# The fast CI sanity check of the lab itself: kernel modules, scsi_debug,
# device-mapper multipath, fault injection and the I/O integrity checker.
. /lab/vsan.sh
set -u

vsan_scsi_debug 2 4 16 || exit 1
vsan_paths

# One map over LUN 0: the usable paths (A/O and A/NO) in the first group,
# the standby ones in a second group, like group_by_prio would do.
wwid=$(cat /sys/block/$(vsan_disks | awk 'NR==1{print $1}')/device/wwid)
pg1="" pg2="" n1=0 n2=0
for d in $(vsan_disks_with_wwid "$wwid"); do
	case $(vsan_access_state "$d") in
	standby) pg2="$pg2 $(vsan_devt "$d") 1"; n2=$((n2 + 1)) ;;
	*) pg1="$pg1 $(vsan_devt "$d") 1"; n1=$((n1 + 1)) ;;
	esac
done
size=$(vsan_size_sectors "$(vsan_disks_with_wwid "$wwid" | head -n1)")
table="0 $size multipath 0 1 alua 1 1 round-robin 0 $n1 1$pg1"
[ $n2 -gt 0 ] && table="0 $size multipath 0 1 alua 2 1 round-robin 0 $n1 1$pg1 round-robin 0 $n2 1$pg2"
echo "table: $table"
vsan_dm_create smoke "$table" || exit 1
[ -b /dev/mapper/smoke ] || { echo "no /dev/mapper/smoke"; exit 1; }

vsan_io_start /dev/mapper/smoke smoke
sleep 2
victim=$(vsan_disks_with_wwid "$wwid" | head -n1)
vsan_path_offline "$victim"
sleep 2
vsan_topology "path $victim offline"
vsan_path_online "$victim"
dmsetup message smoke 0 reinstate_path "$(vsan_devt "$victim")"
sleep 2
vsan_topology "path $victim back"
vsan_io_stop smoke
rc=$?
grep -q '^IOCHECK .*errors=0 bad_blocks=0' $OUT/iocheck-smoke.txt || rc=1
dmsetup remove smoke
exit $rc
