# lab-summary: a path new to a map (host rescan) gets the map's reservation key before it joins, so writes under a Write Exclusive - Registrants Only reservation meet no conflict
# lab-timeout: 240
# LIO LUN behind two tcm_loop ports (two I_T nexuses). The second path is
# deleted before the host registers and reserves (type 5) through the map,
# so only the first nexus is a registrant. Then the second host is
# rescanned under writes: the new disk is an unregistered nexus. mpathd must
# READ KEYS through it, register the key on it and only then add it to the
# table; had it joined first, round-robin would send writes down it and the
# array would answer RESERVATION CONFLICT (an I/O error dm does not retry).
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }
K=bbbb0002

vsan_mpt_config /lab/conf/mpathd.conf
sed -i "s/^defaults {/defaults {\n\treservation_key 0x$K/" /etc/multipath.conf
VSAN_STATES="ao ao" vsan_alua_array pr 2 1 16 || exit 1
mkdir -p "$(cat /sys/kernel/config/target/dbroot 2>/dev/null || echo /etc/target)/pr" /var/target/pr
H2=$(cat /run/vsan/arrays/pr/host2)
P1=$(vsan__host_disks "$(cat /run/vsan/arrays/pr/host1)" | awk '{print $1}')
P2=$(vsan__host_disks "$H2" | awk '{print $1}')
echo "paths: $P1 $P2 (host$H2)"
mpathd -d -s -v 3 >$OUT/mpathd.log 2>&1 &
npaths() { dmsetup table mpatha 2>/dev/null | grep -o ' [0-9]*:[0-9]* ' | wc -l; }
two() { [ "$(npaths)" -eq 2 ]; }
vsan_wait 30 two || { bad "no map with 2 paths"; exit 1; }
keys() { mpath persist -i -k -d /dev/mapper/mpatha; }
nkeys() { keys | grep -c "0x$K"; }

echo "== 1. $P2 leaves; the host registers and reserves through $P1 alone"
vsan_path_delete "$P2"
one() { [ "$(npaths)" -eq 1 ]; }
vsan_wait 15 one || bad "$P2 still in mpatha"
mpath persist --out --register --param-sark=$K -d /dev/mapper/mpatha || bad "register (rc $?)"
mpath persist --out --reserve --prout-type=5 --param-rk=$K -d /dev/mapper/mpatha || bad "reserve (rc $?)"
[ "$(nkeys)" -eq 1 ] || bad "not 1 registration"
mpath persist -i -r -d /dev/mapper/mpatha | tee $OUT/resv.txt
grep -q "registrants only" $OUT/resv.txt || bad "no type 5 reservation"

echo "== 2. host$H2 rescanned under writes: the new path joins registered"
dmesg -c >/dev/null 2>&1
vsan_io_start /dev/mapper/mpatha rescan
sleep 2
t0=$(vsan_now_ms)
echo '- - -' >/sys/class/scsi_host/host$H2/scan
both_active() { two && [ "$(dmsetup status mpatha | grep -o ' A ' | wc -l)" -eq 2 ]; }
vsan_wait 30 both_active || bad "the new path did not join: $(dmsetup table mpatha)"
N2=$(vsan__host_disks "$H2" | awk '{print $1}')
echo "new path $N2 active in mpatha after $(($(vsan_now_ms) - t0)) ms (incl. SCSI scan)"
dmsetup table mpatha
grep -E "$N2: key|$N2" $OUT/mpathd.log | tail -n 8 | tee $OUT/join.txt
grep -q "$N2: key 0x$K registered before it joins its map" $OUT/join.txt || bad "no registration before the join"
[ "$(nkeys)" -eq 2 ] || bad "the key is not on 2 nexuses"
keys
sleep 4 # round-robin writes down both paths
vsan_io_stop rescan || bad "I/O errors through mpatha"
if dmesg | grep -i "reservation conflict" | tee $OUT/conflicts.txt | grep -q .; then
	bad "the kernel saw RESERVATION CONFLICT"
fi
mpath persist --out --release --prout-type=5 --param-rk=$K -d /dev/mapper/mpatha || bad "release (rc $?)"
exit $rc
