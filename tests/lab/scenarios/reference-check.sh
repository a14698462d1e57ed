# lab-summary: quick check that Debian's multipath-tools still gives the recorded reference (scsi_debug 2x4 + LIO 2x1)
# lab-timeout: 180
# A fast subset of reference-mpt for CI: the map layout multipath-tools 0.9.4
# creates must match what tests/lab/reference/ says (groups, hwhandler, WWIDs
# as Debian's udev shows them). Guards the lab (udev database emulation, WWID
# derivation, configfs setup) against silent drift.
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
vsan_mpt_config
rc=0

check() { # check WHAT EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then echo "ok: $1 = $3"; else echo "MISMATCH: $1: expected '$2', got '$3'"; rc=1; fi
}

vsan_scsi_debug 2 4 16 || exit 1
vsan_udev_db_all
timeout 60 multipath -v2 >/dev/null 2>&1
check "scsi_debug maps" 2 "$(dmsetup ls --target multipath | grep -c mpath)"
check "scsi_debug LUN0 ID_SERIAL" 1Linux_scsi_debug_2000 "$(vsan_serial "$(vsan_disks | awk 'NR==1{print $1}')")"
# failover policy (no hwtable entry for scsi_debug): 4 groups of 1 path, ALUA handler
check "scsi_debug table shape" "0 1 alua 4 1" "$(dmsetup table mpatha | awk '{print $4, $5, $6, $7, $8}')"
timeout 60 multipath -ll mpatha
multipath -F >/dev/null 2>&1
vsan_reset >/dev/null

vsan_alua_array lio 2 1 16 || exit 1
vsan_mpt_config
vsan_udev_db_all
timeout 60 multipath -v2 >/dev/null 2>&1
s=$(vsan_serial "$(vsan_disks | awk 'NR==1{print $1}')")
case $s in 36001405*) check "LIO ID_SERIAL prefix" 36001405 36001405 ;; *) check "LIO ID_SERIAL prefix" "36001405..." "$s" ;; esac
# LIO-ORG hwtable entry: group_by_prio, ALUA: A/O group first, standby second
check "LIO table shape" "alua 2 1" "$(dmsetup table mpatha | awk '{print $6, $7, $8}')"
check "LIO path groups" "prio=50 prio=1" "$(timeout 60 multipath -ll mpatha | grep -o 'prio=[0-9]*' | tr '\n' ' ' | sed 's/ $//')"
timeout 60 multipath -ll mpatha
multipath -F >/dev/null 2>&1
exit $rc
