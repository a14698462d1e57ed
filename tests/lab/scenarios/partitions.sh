# lab-summary: partition maps on multipath maps: a DOS map (3 partitions, 2 of them logical) and a GPT map (5) get the partition maps kpartx 0.9.4 makes (names, uuids, tables; same boot), updated when the table changes, a mounted partition blocks the flush, flush removes them
# lab-timeout: 420
. /lab/vsan.sh
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }
ok() { echo "ok: $*"; }
T=/lab/partitions

# write_table FIXTURE DEV: the fixture's non-zero 512-byte chunks onto DEV
# (format: tests/fixtures/partitions/sparse.py), then flushed to the LUN.
write_table() {
	local idx hex
	while read -r idx hex; do
		case "$idx" in size | sector_size) continue ;; esac
		printf "$(echo "$hex" | sed 's/../\\x&/g')" |
			dd of="$2" bs=512 seek="$idx" count=1 conv=notrunc,fsync 2>/dev/null || return 1
	done <"$T/$1.sectors"
	sync
}

# The partition maps, one line each, "name uuid table" with the parent's
# major:minor replaced by the parent's name, sorted: what both tools must agree on.
partmaps() {
	# one dmsetup info and one dmsetup table, joined by one awk (forks are slow under TCG)
	{
		dmsetup info -c --noheadings --separator ' ' -o name,uuid,major,minor
		echo --
		dmsetup table
	} 2>/dev/null | awk '
		$0 == "--" { t = 1; next }
		!t { uuid[$1] = $2; dev[$3 ":" $4] = $1; next }
		{
			n = $1; sub(/:$/, "", n)
			if (uuid[n] ~ /^part/ && $4 == "linear")
				print n, uuid[n], $2, $3, $4, "[" dev[$5] "]", $6
		}' | sort
}
nparts() { dmsetup info -c --noheadings -o uuid 2>/dev/null | grep -c '^part'; }

export DM_DISABLE_UDEV=1
vsan_mpt_config
vsan_alua_array arr 2 2 64 || exit 1
vsan_udev_db_all
vsan_paths
# one active/optimized path of each LUN: the standby ones refuse I/O
d1="" d2=""
for d in $(vsan_disks | awk '{print $1}'); do
	[ "$(cat /sys/block/$d/device/access_state)" = active/optimized ] || continue
	if [ -z "$d1" ]; then
		d1=$d
	elif [ "$(cat /sys/block/$d/device/wwid)" != "$(cat /sys/block/$d1/device/wwid)" ]; then
		d2=$d
		break
	fi
done
[ -n "$d2" ] || { echo "no two active LUN paths"; exit 1; }
w1=$(cat /sys/block/$d1/device/wwid)
w1=${w1#naa.}
[ "$(cat /sys/block/$d1/size)" -eq 131072 ] || bad "LUN is not 64 MiB: the GPT fixture needs it"
write_table dos-logical /dev/$d1 || bad "writing the DOS table"
write_table gpt-5 /dev/$d2 || bad "writing the GPT table"
echo 1 >/sys/block/$d1/device/rescan 2>/dev/null

echo "== 1. multipath-tools 0.9.4: multipath, then kpartx as its udev rule runs it"
multipath -v0 >/dev/null 2>&1
for m in $(dmsetup ls --target multipath | awk '{print $1}'); do
	kpartx -u -p -part /dev/mapper/$m || bad "kpartx on $m"
done
partmaps >$OUT/partmaps-kpartx.txt
cat $OUT/partmaps-kpartx.txt
[ "$(nparts)" -eq 9 ] || bad "kpartx made $(nparts) partition maps, expected 9 (4 DOS incl. the extended one, 5 GPT)"
multipath -F -v0 >/dev/null 2>&1
[ "$(nparts)" -eq 0 ] || bad "multipath -F left $(nparts) partition maps"

echo "== 2. mpath creates the maps and their partition maps"
t0=$(vsan_now_ms)
mpath -v3 >$OUT/create.txt 2>&1 || bad "mpath failed: $(cat $OUT/create.txt)"
echo "mpath create with partitions: $(($(vsan_now_ms) - t0)) ms"
grep -i partition $OUT/create.txt
partmaps >$OUT/partmaps-mpath.txt
if diff -u $OUT/partmaps-kpartx.txt $OUT/partmaps-mpath.txt; then
	ok "the same $(nparts) partition maps as kpartx 0.9.4 (names, uuids, tables)"
else
	bad "partition maps differ from kpartx's"
fi
dmap=$(dmsetup info -c --noheadings --separator ' ' -o name,uuid | awk -v u="mpath-3$w1" '$2 == u {print $1}')
for n in 1 2 5 6; do [ -b /dev/mapper/$dmap-part$n ] || bad "/dev/mapper/$dmap-part$n missing"; done

echo "== 3. mpath partitions -l/-u after the table changed (15 partitions, a 12-link chain)"
mpath partitions -l $dmap >$OUT/list.txt || bad "mpath partitions -l"
[ "$(wc -l <$OUT/list.txt)" -eq 4 ] || bad "-l lists $(wc -l <$OUT/list.txt), expected 4"
write_table dos-chain /dev/mapper/$dmap || bad "writing the chain"
mpath partitions -u -v $dmap >$OUT/update.txt || bad "mpath partitions -u: $(cat $OUT/update.txt)"
cat $OUT/update.txt
partmaps | grep "mpath-3$w1" >$OUT/chain-mpath.txt
mpath partitions -d $dmap || bad "mpath partitions -d"
[ "$(nparts)" -eq 5 ] || bad "-d left $(nparts) partition maps (expected the 5 GPT ones)"
kpartx -u -p -part /dev/mapper/$dmap || bad "kpartx on the chain"
partmaps | grep "mpath-3$w1" >$OUT/chain-kpartx.txt
if diff -u $OUT/chain-kpartx.txt $OUT/chain-mpath.txt; then
	ok "after the change: the same $(wc -l <$OUT/chain-mpath.txt) maps as kpartx"
else
	bad "chain partition maps differ from kpartx's"
fi
# mpath's kpartx-compatible command, as the udev rule calls kpartx
/sbin/kpartx -d /dev/mapper/$dmap || bad "kpartx -d"
[ "$(partmaps | grep -c "mpath-3$w1")" -eq 0 ] || bad "kpartx -d left maps"
mpath-kpartx -u -p -part /dev/mapper/$dmap || bad "mpath-kpartx -u -p -part"
partmaps | grep "mpath-3$w1" >$OUT/chain-compat.txt
diff -u $OUT/chain-kpartx.txt $OUT/chain-compat.txt && ok "mpath-kpartx -u -p -part: the same maps" ||
	bad "mpath-kpartx differs from kpartx"
# -l without -p: kpartx's own delimiter rule on both
# (names and sizes: kpartx -l shows logical partitions against a /dev/dm-N
# of its own counting and relative starts, mpath-kpartx as -a maps them)
/sbin/kpartx -l /dev/mapper/$dmap | awk '{print $1, $4}' >$OUT/list-kpartx.txt
mpath-kpartx -l /dev/mapper/$dmap | awk '{print $1, $4}' >$OUT/list-compat.txt
head -3 $OUT/list-compat.txt
diff -u $OUT/list-kpartx.txt $OUT/list-compat.txt && ok "kpartx -l: the same names and sizes" ||
	bad "kpartx -l differs"

echo "== 4. a mounted partition blocks the flush"
w2=$(cat /sys/block/$d2/device/wwid)
w2=${w2#naa.}
gmap=$(dmsetup info -c --noheadings --separator ' ' -o name,uuid | awk -v u="mpath-3$w2" '$2 == u {print $1}')
modprobe crc32c_generic; modprobe ext4 || echo "no ext4 module"
grep ext /proc/filesystems
mkdir -p /mnt/p3
if mke2fs -q /dev/mapper/$gmap-part3 >/dev/null &&
	{ mount -t ext4 /dev/mapper/$gmap-part3 /mnt/p3 || mount -t ext2 -o ro /dev/mapper/$gmap-part3 /mnt/p3; }; then
	how=mounted
else
	dmesg | tail -3
	echo "(cannot mount ext2 in this kernel image: holding the partition open instead)"
	exec 3</dev/mapper/$gmap-part3
	how=open
fi
if mpath -f $gmap >$OUT/flush-busy.txt 2>&1; then
	bad "flushed $gmap with a $how partition"
else
	cat $OUT/flush-busy.txt
	grep -q "$gmap-part3 is open" $OUT/flush-busy.txt && ok "flush refused, $how partition named" ||
		bad "flush refused without naming the partition"
fi
[ "$(dmsetup info -c --noheadings -o uuid | grep -c "mpath-3$w2")" -eq 6 ] ||
	bad "a refused flush removed something"
[ "$how" = mounted ] && umount /mnt/p3 || exec 3<&-

echo "== 5. flush removes the partition maps, then the maps"
mpath -F >$OUT/flush.txt 2>&1 || bad "mpath -F: $(cat $OUT/flush.txt)"
[ "$(nparts)" -eq 0 ] || bad "mpath -F left $(nparts) partition maps"
[ "$(dmsetup ls --target multipath | grep -c mpath)" -eq 0 ] || bad "mpath -F left maps"
for n in 1 2 3 4 5; do [ -e /dev/mapper/$gmap-part$n ] && bad "/dev/mapper/$gmap-part$n left behind"; done

echo "== 6. skip_kpartx yes: maps without partition maps"
printf 'defaults {\n\tfind_multipaths no\n\tuser_friendly_names yes\n\tskip_kpartx yes\n}\n' >/etc/multipath.conf
mpath >/dev/null 2>&1 || bad "mpath (skip_kpartx)"
[ "$(nparts)" -eq 0 ] || bad "skip_kpartx yes: $(nparts) partition maps made"
mpath -F >/dev/null 2>&1
vsan_mpt_config

echo "== 7. resize: the LUN grows (scsi_debug 64 MiB -> 1 GiB), its last partition with it, mpath reloads"
vsan_scsi_debug 1 2 64 || exit 1
vsan_udev_db_all
sd=""
for d in $(vsan_disks | awk '{print $1}'); do
	read -r pn </sys/class/scsi_host/host$(vsan_hctl $d | cut -d: -f1)/proc_name
	[ "$pn" = scsi_debug ] && [ "$(cat /sys/block/$d/device/access_state 2>/dev/null || echo active/optimized)" = active/optimized ] && { sd=$d; break; }
done
[ -n "$sd" ] || { echo "no active scsi_debug path"; exit 1; }
write_table dos-logical /dev/$sd || bad "writing the DOS table on scsi_debug"
mpath >/dev/null 2>&1 || bad "mpath (scsi_debug)"
smap=$(dmsetup info -c --noheadings --separator ' ' -o name,uuid,major | awk '$2 ~ /^mpath-.*scsi_debug/ {print $1}')
echo "scsi_debug map: $smap"
[ -b /dev/mapper/$smap-part6 ] || bad "no partition maps on $smap"
echo 1 >/sys/bus/pseudo/drivers/scsi_debug/virtual_gb
for d in $(vsan_disks | awk '{print $1}'); do
	[ -e /sys/block/$d/device/rescan ] && echo 1 >/sys/block/$d/device/rescan
done
sleep 1
echo "$sd: $(cat /sys/block/$sd/size) sectors"
write_table dos-logical-1g /dev/$sd || bad "writing the grown table"
t0=$(vsan_now_ms)
mpath -v3 >$OUT/resize.txt 2>&1 || bad "mpath (resize)"
echo "mpath resize with partitions: $(($(vsan_now_ms) - t0)) ms"
grep -i "reload\|partition" $OUT/resize.txt
[ "$(dmsetup table $smap | awk '{print $2}')" -eq 2097152 ] || bad "map not resized: $(dmsetup table $smap)"
[ "$(dmsetup table $smap-part6 | awk '{print $2}')" -eq 2058240 ] ||
	bad "partition 6 not resized: $(dmsetup table $smap-part6)"
partmaps | grep scsi_debug >$OUT/resize-mpath.txt
mpath partitions -d $smap || bad "mpath partitions -d $smap"
/sbin/kpartx -u -p -part /dev/mapper/$smap || bad "kpartx after the resize"
partmaps | grep scsi_debug >$OUT/resize-kpartx.txt
diff -u $OUT/resize-kpartx.txt $OUT/resize-mpath.txt && ok "after the resize: the same maps as kpartx" ||
	bad "after the resize the partition maps differ from kpartx's"
mpath -F >/dev/null 2>&1
[ "$(nparts)" -eq 0 ] || bad "final flush left $(nparts) partition maps"

echo "== 8. mpathd: partition maps with the maps it creates, removed by 'del map'"
mpathd -d -s -v 3 >$OUT/mpathd.log 2>&1 &
dpid=$!
has_part6() { [ -b /dev/mapper/$smap-part6 ]; }
vsan_wait 30 has_part6 || bad "mpathd made no partition maps for $smap"
[ "$(dmsetup table $smap-part6 2>/dev/null | awk '{print $2}')" = 2058240 ] ||
	bad "mpathd: $smap-part6 is $(dmsetup table $smap-part6 2>&1)"
mpath ctl del map $smap || bad "mpath ctl del map $smap"
[ "$(partmaps | grep -c scsi_debug)" -eq 0 ] || bad "del map left partition maps of $smap"
kill $dpid
wait $dpid 2>/dev/null
grep -i "partition" $OUT/mpathd.log | head -5
mpath -F >/dev/null 2>&1
exit $rc
