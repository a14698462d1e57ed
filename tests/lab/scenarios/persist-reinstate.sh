# lab-summary: mpathd registers the map's reservation key on a path that comes back before it reinstates it (the path had lost its registration), and never puts back a fenced key
# lab-timeout: 240
# LIO LUN behind two tcm_loop ports (two I_T nexuses), one map made by mpathd,
# reservation_key in multipath.conf. After registering through both paths,
# the second nexus loses its registration (a one-path map over it
# unregisters), its disk goes offline and back: mpathd must READ KEYS through
# it, see the key still on the LUN, register it on the path and only then
# reinstate it. Then the key is removed from the whole LUN (CLEAR): a path
# that comes back must be reinstated without registering.
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }
K=aaaa0001

vsan_mpt_config /lab/conf/mpathd.conf
sed -i "s/^defaults {/defaults {\n\treservation_key 0x$K/" /etc/multipath.conf
cat >>/etc/multipath.conf <<CONF
multipaths {
	multipath {
		wwid probe
		reservation_key 0x$K
	}
}
CONF
VSAN_STATES="ao ao" vsan_alua_array pr 2 1 16 || exit 1
mkdir -p "$(cat /sys/kernel/config/target/dbroot 2>/dev/null || echo /etc/target)/pr" /var/target/pr
P1=$(vsan__host_disks "$(cat /run/vsan/arrays/pr/host1)" | awk '{print $1}')
P2=$(vsan__host_disks "$(cat /run/vsan/arrays/pr/host2)" | awk '{print $1}')
echo "paths: $P1 $P2"
mpathd -d -s -v 3 >$OUT/mpathd.log 2>&1 &
one_map() { dmsetup ls --target multipath 2>/dev/null | grep -q mpatha; }
vsan_wait 30 one_map || { bad "no map"; exit 1; }
sleep 2
keys() { mpath persist -i -k -d /dev/mapper/mpatha; }
nkeys() { keys | grep -c "0x$K"; }

echo "== 1. register through both paths"
mpath persist -o -G -S $K -v 2 -d /dev/mapper/mpatha || bad "register (rc $?)"
[ "$(nkeys)" -eq 2 ] || bad "not 2 registrations"

echo "== 2. $P2's nexus loses its registration"
size=$(vsan_size_sectors "$P2")
dmsetup create probe -u mpath-probe --table "0 $size multipath 0 0 1 1 round-robin 0 1 1 $(vsan_devt "$P2") 1" &&
	{ [ -b /dev/mapper/probe ] || dmsetup mknodes probe; } || bad "probe map"
mpath persist -o -G -K $K -S 0 -d /dev/mapper/probe || bad "unregister $P2 (rc $?)"
dmsetup remove probe
[ "$(nkeys)" -eq 1 ] || bad "not 1 registration after unregistering $P2"

echo "== 3. $P2 fails and comes back: registered, then reinstated"
vsan_io_start /dev/mapper/mpatha pr
d2=$(vsan_devt "$P2")
vsan_path_offline "$P2"
failed() { dmsetup status mpatha | grep -q "$d2 F"; }
vsan_wait 15 failed || bad "$P2 not failed"
vsan_path_online "$P2"
back() { dmsetup status mpatha | grep -q "$d2 A"; }
vsan_wait 20 back || bad "$P2 not reinstated"
grep -E "$P2: key|reinstate path $P2" $OUT/mpathd.log | tee $OUT/gate.txt
grep -q "$P2: key 0x$K registered before the reinstate" $OUT/gate.txt || bad "no registration before the reinstate"
# the registration line comes before the reinstate line
awk -v p="$P2" '/registered before the reinstate/ && index($0, p) {r=NR} /reinstate path/ && index($0, p) {if (!r) bad=1; s=NR}
	END {exit (r && s && r < s) ? 0 : 1}' $OUT/mpathd.log || bad "reinstate not after the registration"
[ "$(nkeys)" -eq 2 ] || bad "the key is not back on 2 nexuses"
keys

echo "== 4. after a CLEAR (the key is gone from the LUN), a path comes back unregistered"
mpath persist -o -C -K $K -d /dev/mapper/mpatha || bad "clear (rc $?)"
vsan_path_offline "$P2"
vsan_wait 15 failed || bad "$P2 not failed (2)"
vsan_path_online "$P2"
vsan_wait 20 back || bad "$P2 not reinstated (2)"
grep -q "$P2: key 0x$K not registered on the LUN" $OUT/mpathd.log || bad "no 'not registered' line"
[ "$(nkeys)" -eq 0 ] || bad "mpathd put a cleared key back"
vsan_io_stop pr || bad "I/O errors through mpatha"
exit $rc
