# lab-summary: vendor checkers/prioritizers (hp_sw, rdac, emc_clariion, cciss_tur) against LIO and scsi_debug: what the virtual arrays answer to vendor VPD pages, mpath -ll next to multipath-tools 0.9.4 in the same boot
# lab-timeout: 300
#
# Neither LIO nor scsi_debug implements a vendor VPD page (0xC0 EMC, 0xC9 RDAC):
# both answer ILLEGAL REQUEST. So this shows (1) that they do, on the real
# kernel, (2) hp_sw and cciss_tur, which need only INQUIRY and TEST UNIT READY,
# telling a standby ALUA group from the active one, and (3) that rdac and
# emc_clariion on a device without their page neither fail the path nor give a
# silent prio 0, with multipath-tools 0.9.4's answer to the same config beside.
. /lab/vsan.sh
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }
ok() { echo "ok: $*"; }
export DM_DISABLE_UDEV=1

VSAN_STATES="ao sb" vsan_alua_array arr 2 1 16 || exit 1
vsan_scsi_debug 1 2 16 || exit 1
vsan_udev_db_all
vsan_paths
active=$(for d in $(vsan_disks | awk '{print $1}'); do
	[ "$(cat /sys/block/$d/device/access_state 2>/dev/null)" = active/optimized ] &&
		grep -q LIO /sys/block/$d/device/vendor && echo $d; done | head -1)
standby=$(for d in $(vsan_disks | awk '{print $1}'); do
	[ "$(cat /sys/block/$d/device/access_state 2>/dev/null)" = standby ] &&
		grep -q LIO /sys/block/$d/device/vendor && echo $d; done | head -1)
sdebug=$(for d in $(vsan_disks | awk '{print $1}'); do
	grep -q Linux /sys/block/$d/device/vendor && echo $d; done | head -1)
echo "LIO active path: $active, LIO standby path: $standby, scsi_debug path: $sdebug"
[ -n "$active" ] && [ -n "$standby" ] && [ -n "$sdebug" ] || { echo "topology not as expected"; exit 1; }

echo "== 1. what the virtual arrays answer to the vendor pages"
for d in $active $sdebug; do
	for pg in 0xc0 0xc9; do
		# --force: ask even though VPD 0x00 does not list the page
		if sg_inq -vv --force -p $pg /dev/$d >$OUT/inq-$d-$pg.txt 2>&1; then
			bad "$d answers VPD $pg: $(head -3 $OUT/inq-$d-$pg.txt)"
		else
			echo "$d VPD $pg: $(grep -i -m1 'supported VPD pages' $OUT/inq-$d-$pg.txt); $(grep -i -m1 'illegal\|invalid field\|sense' $OUT/inq-$d-$pg.txt)"
		fi
	done
done
if [ -e /sys/module/scsi_debug/parameters/inq_vendor ]; then
	echo "scsi_debug has inq_vendor/inq_product: $(cat /sys/module/scsi_debug/parameters/inq_vendor) / $(cat /sys/module/scsi_debug/parameters/inq_product)"
else
	echo "this kernel's scsi_debug has no inq_vendor parameter"
fi
echo "LIO vendor/product are configurable (wwn/vendor_id, wwn/product_id): $(cat /sys/block/$active/device/vendor) $(cat /sys/block/$active/device/model)"

# conf CHECKER PRIO: one device section for the LIO LUN and one for scsi_debug
conf() {
	cat >/etc/multipath.conf <<EOC
defaults {
	find_multipaths no
	user_friendly_names yes
	retrigger_tries 0
}
devices {
	device {
		vendor "LIO-ORG"
		product ".*"
		path_grouping_policy group_by_prio
		path_checker $1
		prio $2
		detect_checker no
		detect_prio no
		failback manual
	}
	device {
		vendor "Linux"
		product "scsi_debug"
		path_grouping_policy group_by_prio
		path_checker $1
		prio $2
		detect_checker no
		detect_prio no
	}
}
EOC
}
# path_line FILE DEV: the -ll line of that path
path_line() { grep " $2 " "$1" | head -1; }
# st FILE DEV: the checker state of that path
st() { path_line "$1" "$2" | grep -o 'ready\|ghost\|faulty\|undef\|i/o pending\|shaky' | head -1; }
# group_prio FILE DEV: prio= of the group line above the path
group_prio() { awk -v d=" $2 " 'index($0,"prio="){p=$0} index($0,d){sub(/.*prio=/,"",p); sub(/ .*/,"",p); print p; exit}' "$1"; }

run_both() { # NAME: mpath and multipath-tools on the current config
	local n=$1
	mpath -F >/dev/null 2>&1
	multipath -F -v0 >/dev/null 2>&1
	rm -f /etc/multipath/bindings /etc/multipath/wwids
	mpath -v2 >$OUT/$n-create.txt 2>&1
	mpath -ll >$OUT/$n-mpath-ll.txt 2>&1
	echo "-- mpath -ll ($n)"; cat $OUT/$n-mpath-ll.txt
	grep -i 'prioritizer\|checker' $OUT/$n-create.txt | head -5
	mpath -F >/dev/null 2>&1
	rm -f /etc/multipath/bindings /etc/multipath/wwids
	multipath -v0 >/dev/null 2>&1
	multipath -ll >$OUT/$n-mpt-ll.txt 2>&1
	echo "-- multipath -ll 0.9.4 ($n)"; cat $OUT/$n-mpt-ll.txt
	multipath -F -v0 >/dev/null 2>&1
}

echo "== 2. hp_sw: INQUIRY, then TUR; a failing TUR is the standby controller"
conf hp_sw hp_sw
run_both hp_sw
f=$OUT/hp_sw-mpath-ll.txt
path_line $f $active | grep -q ready && ok "hp_sw: active path ready" || bad "hp_sw: active path: $(path_line $f $active)"
path_line $f $standby | grep -q ghost && ok "hp_sw: standby path ghost" || bad "hp_sw: standby path: $(path_line $f $standby)"
[ "$(group_prio $f $active)" = 4 ] && ok "hp_sw prio: active 4" || bad "hp_sw prio active: $(group_prio $f $active)"
# LIO's standby answers 02/04/0b, not the 02/04/02 of an HP standby controller: 0, as in 0.9.4
[ "$(group_prio $f $standby)" = 0 ] && ok "hp_sw prio: standby (02/04/0b) 0" || bad "hp_sw prio standby: $(group_prio $f $standby)"
m=$OUT/hp_sw-mpt-ll.txt
for d in $active $standby; do
	[ "$(st $m $d)" = "$(st $f $d)" ] && [ "$(group_prio $m $d)" = "$(group_prio $f $d)" ] &&
		ok "hp_sw: $d state and prio as multipath-tools'" || bad "hp_sw $d: mpt [$(path_line $m $d)] mpath [$(path_line $f $d)]"
done

echo "== 3. cciss_tur: a TUR over SG_IO"
conf cciss_tur const
run_both cciss_tur
f=$OUT/cciss_tur-mpath-ll.txt
path_line $f $active | grep -q ready && ok "cciss_tur: active ready" || bad "cciss_tur active: $(path_line $f $active)"
path_line $f $standby | grep -q ghost && ok "cciss_tur: standby ghost" || bad "cciss_tur standby: $(path_line $f $standby)"
# 0.9.4's cciss_tur asks the cciss driver (CCISS_GETLUNINFO), which sd devices do not know:
# recorded, because mpath deliberately differs here (see lib/check/cciss_tur.c)
echo "multipath-tools 0.9.4 cciss_tur on sd paths: $(for d in $active $standby $sdebug; do printf '%s=%s ' $d "$(st $OUT/cciss_tur-mpt-ll.txt $d)"; done)"

for ck in rdac emc_clariion; do
	pr=$ck
	[ $ck = emc_clariion ] && pr=emc
	echo "== 4. $ck / prio $pr on arrays without the page: not a failure, not a silent 0"
	conf $ck $pr
	run_both $ck
	f=$OUT/$ck-mpath-ll.txt
	for d in $active $standby $sdebug; do
		path_line $f $d | grep -q faulty && bad "$ck: $d failed by a checker the device does not support"
		a=$(st $f $d) b=$(st $OUT/$ck-mpt-ll.txt $d)
		[ "$a" = "$b" ] && ok "$ck: $d checker state '$a' as multipath-tools'" ||
			bad "$ck: $d checker state mpath '$a', multipath-tools '$b'"
	done
	grep -q "prioritizer $pr gave no priority" $OUT/$ck-create.txt &&
		ok "$pr: the missing page is a logged warning" || bad "$pr: no warning in $(cat $OUT/$ck-create.txt)"
done
exit $rc
